//! The recommendation as next steps: the outcome in one sentence, why, the plan, what to do next,
//! and the clinic's booking link and phone.

use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::locale::use_locale;
use crate::config::{CallToAction, Config};
use crate::messages::{fill, messages};
use crate::protocol::Outcome;
use crate::report::RecommendationReport;

#[derive(Properties, PartialEq)]
pub struct ResultProps {
    pub report: Rc<RecommendationReport>,
    pub config: Rc<Config>,
    /// The main button: the clinic's call to action for this outcome, or booking.
    pub call_to_action: Option<CallToAction>,
    pub heading: NodeRef,
    pub on_change_answers: Callback<()>,
    pub on_start_over: Callback<()>,
    /// Deletes the answers from this device and says so.
    pub on_clear_answers: Callback<()>,
    /// The result as plain text, for the clipboard.
    pub summary: AttrValue,
    /// Downloads the answers as a FHIR QuestionnaireResponse.
    pub on_download: Callback<()>,
}

/// Where copying the summary stands; said in a status message next to the button.
#[derive(Clone, Copy, PartialEq)]
enum Copied {
    NotYet,
    Done,
    Refused,
}

#[component]
pub fn ResultScreen(props: &ResultProps) -> Html {
    let report = &props.report;
    let config = &props.config;
    let plan = report.plan.as_ref();
    let locale = use_locale();
    let words = messages(&locale);
    let copied = use_state(|| Copied::NotYet);
    let on_copy = {
        let (copied, summary) = (copied.clone(), props.summary.clone());
        Callback::from(move |_: MouseEvent| {
            let (copied, summary) = (copied.clone(), summary.clone());
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(if browser::copy_text(&summary).await { Copied::Done } else { Copied::Refused });
            });
        })
    };
    let list = |title: &str, items: &[String]| -> Html {
        if items.is_empty() {
            return html! {};
        }
        html! {
            <section class="candidacy-section">
                <h2 class="candidacy-subheading">{title.to_owned()}</h2>
                <ul class="candidacy-list">{ for items.iter().map(|item| html! { <li>{item.clone()}</li> }) }</ul>
            </section>
        }
    };
    let reasons = (!report.reasons.is_empty()).then(|| {
        html! {
            <section class="candidacy-section">
                <h2 class="candidacy-subheading">{words.why}</h2>
                <ul class="candidacy-list candidacy-reasons">
                    { for report.reasons.iter().map(|reason| html! {
                        <li data-rule={reason.rule.clone()}>
                            <p class="candidacy-reason">{reason.text.clone()}</p>
                            if let Some(come_back) = &reason.come_back {
                                <p class="candidacy-reason-next"><strong>{words.come_back}</strong>{come_back.clone()}</p>
                            }
                            if let Some(instead) = &reason.instead {
                                <p class="candidacy-reason-next"><strong>{words.instead}</strong>{instead.clone()}</p>
                            }
                            { for reason.because.iter().map(|answered| html! {
                                <p class="candidacy-reason-answer">{fill(words.you_answered, &[("answer", &answered.answer), ("prompt", &answered.prompt)])}</p>
                            }) }
                        </li>
                    }) }
                </ul>
            </section>
        }
    });
    let notes: Vec<String> = report.notes.iter().map(|note| note.text.clone()).collect();
    // A chooser: how each treatment fits this visitor, the recommended first.
    let compared = (!report.compared.is_empty()).then(|| {
        let ordered = report.compared.iter().filter(|t| t.recommended).chain(report.compared.iter().filter(|t| !t.recommended));
        html! {
            <section class="candidacy-section candidacy-compared" aria-labelledby="candidacy-compared-title">
                <h2 class="candidacy-subheading" id="candidacy-compared-title">{words.compared_title}</h2>
                <ul class="candidacy-list candidacy-treatments">
                    { for ordered.map(|treatment| html! {
                        <li data-treatment={treatment.id.clone()} data-treatment-outcome={treatment.outcome.as_str()} data-recommended={treatment.recommended.then_some("")}>
                            <p class="candidacy-treatment-name">
                                <strong>{treatment.name.clone()}</strong>
                                if treatment.recommended {
                                    {" · "}<span class="candidacy-treatment-badge">{words.recommended}</span>
                                }
                            </p>
                            <p>{treatment.headline.clone()}</p>
                            if !treatment.reasons.is_empty() {
                                <ul class="candidacy-list">{ for treatment.reasons.iter().map(|reason| html! { <li>{reason.clone()}</li> }) }</ul>
                            }
                            { for treatment.instead.iter().map(|instead| html! {
                                <p class="candidacy-reason-next"><strong>{words.instead}</strong>{instead.clone()}</p>
                            }) }
                        </li>
                    }) }
                </ul>
            </section>
        }
    });

    html! {
        <section
            class={classes!("candidacy-screen", "candidacy-result", format!("candidacy-result-{}", report.outcome.as_str()))}
            data-outcome={report.outcome.as_str()}
            data-treatment={report.treatment.as_ref().map(|t| t.id.clone())}
            data-sessions-min={plan.map(|p| p.sessions_min.to_string())}
            data-sessions-max={plan.map(|p| p.sessions_max.to_string())}
        >
            <h1 class="candidacy-heading" ref={props.heading.clone()} tabindex="-1">{report.headline.clone()}</h1>
            <p class="candidacy-lead">{report.body.clone()}</p>
            {compared}
            {reasons}
            if let Some(plan) = plan {
                <section class="candidacy-section candidacy-plan">
                    <h2 class="candidacy-subheading">
                        {if plan.usual_plan_only { words.plan_usual } else { words.plan_yours }}
                    </h2>
                    <p>{plan_summary(&locale, plan)}</p>
                    if !plan.set_by.is_empty() {
                        <p>{fill(words.set_by, &[("parts", &plan.parts.iter().filter(|p| plan.set_by.contains(&p.id)).map(|p| p.label.clone()).collect::<Vec<_>>().join(", "))])}</p>
                    }
                    <p>{plan.timeline.clone()}</p>
                    <p>{plan.maintenance.clone()}</p>
                    <h3 class="candidacy-minor-heading">{words.session_heading}</h3>
                    <p>{plan.session.clone()}</p>
                    if let Some(also) = &plan.also_ask_about {
                        <p>{also.clone()}</p>
                    }
                </section>
            }
            if !report.red_flags.is_empty() {
                <section class="candidacy-section candidacy-red-flags" aria-labelledby="candidacy-red-flags-title">
                    <h2 class="candidacy-subheading" id="candidacy-red-flags-title">{words.red_flags}</h2>
                    <ul class="candidacy-list">{ for report.red_flags.iter().map(|flag| html! { <li>{flag.clone()}</li> }) }</ul>
                </section>
            }
            {list(words.good_to_know, &notes)}
            {list(words.how_to_prepare, &report.preparation)}
            {list(words.aftercare, &report.aftercare)}
            if !report.glossary.is_empty() {
                <section class="candidacy-section candidacy-result-glossary" aria-labelledby="candidacy-result-glossary-title">
                    <h2 class="candidacy-subheading" id="candidacy-result-glossary-title">{words.glossary_title}</h2>
                    <dl>
                        { for report.glossary.iter().map(|entry| html! {
                            <div class="candidacy-glossary-entry">
                                <dt><dfn>{entry.term.clone()}</dfn></dt>
                                <dd>{entry.explanation.clone()}</dd>
                            </div>
                        }) }
                    </dl>
                </section>
            }
            <section class="candidacy-section candidacy-next-steps">
                <h2 class="candidacy-subheading">{words.next_steps}</h2>
                <div class="candidacy-actions">
                    if let Some(cta) = &props.call_to_action {
                        <a class="candidacy-button" href={cta.url.clone()} data-action="book" data-cta={report.outcome.as_str()} rel="noopener">{cta.label.clone()}</a>
                    }
                    if let (Some(phone), Some(href)) = (&config.phone, config.tel_href()) {
                        <a class="candidacy-button candidacy-button-secondary" href={href} data-action="call">{fill(words.call_us, &[("phone", phone)])}</a>
                    }
                    <button type="button" class="candidacy-button candidacy-button-secondary" data-action="print" onclick={Callback::from(|_: MouseEvent| browser::print())}>
                        {words.print}
                    </button>
                    <button type="button" class="candidacy-button candidacy-button-secondary" data-action="copy-summary" onclick={on_copy}>
                        {words.copy_summary}
                    </button>
                </div>
                <p class="candidacy-download">
                    <button type="button" class="candidacy-link-button" data-action="download-answers" aria-describedby="candidacy-download-hint" onclick={props.on_download.reform(|_: MouseEvent| ())}>
                        {words.download_answers}
                    </button>
                    <span class="candidacy-hint" id="candidacy-download-hint">{words.download_answers_hint}</span>
                </p>
                <p class="candidacy-copy-status" aria-live="polite">
                    {match *copied { Copied::NotYet => "", Copied::Done => words.copied, Copied::Refused => words.copy_failed }}
                </p>
                <p class="candidacy-disclaimer">{words.not_a_diagnosis}{report.disclaimer.clone()}</p>
                <p class="candidacy-logic-version" data-fingerprint={report.protocol.fingerprint.clone()}>
                    {fill(words.logic_version, &[("id", &report.protocol.id), ("version", &report.protocol.version), ("fingerprint", &report.protocol.fingerprint)])}
                </p>
                <div class="candidacy-secondary-actions">
                    <button type="button" class="candidacy-link-button" data-action="change-answers" onclick={props.on_change_answers.reform(|_: MouseEvent| ())}>{words.change_answers}</button>
                    <button type="button" class="candidacy-link-button" data-action="start-over" onclick={props.on_start_over.reform(|_: MouseEvent| ())}>{words.start_over}</button>
                    <button type="button" class="candidacy-link-button" data-action="clear-answers" onclick={props.on_clear_answers.reform(|_: MouseEvent| ())}>{words.clear_answers}</button>
                </div>
            </section>
        </section>
    }
}

/// "About 4 sessions, 4 to 6 weeks apart." in `locale`, plurals and all.
fn plan_summary(locale: &str, plan: &crate::report::PlanReport) -> String {
    let words = messages(locale);
    let sessions = words.sessions(plan.sessions_min, plan.sessions_max);
    let weeks = words.weeks(plan.interval_weeks_min, plan.interval_weeks_max);
    fill(words.plan_summary, &[("sessions", &sessions), ("weeks", &weeks)])
}

/// The result's main button for `outcome`: the clinic's own call to action, else "Book a
/// consultation" to its booking page; `params` are added to the URL (campaign, outcome).
pub fn call_to_action(
    config: &Config,
    outcome: Outcome,
    params: &[(&str, &str)],
    locale: &str,
) -> Option<CallToAction> {
    let chosen = config.calls_to_action.get(&outcome).cloned().or_else(|| {
        let words = messages(locale);
        let label = match outcome {
            Outcome::Candidate => words.book_consultation,
            _ => words.book_to_talk,
        };
        Some(CallToAction { label: label.to_owned(), url: config.booking_url.clone()? })
    })?;
    let url = if params.is_empty() { chosen.url } else { browser::with_query(&chosen.url, params) };
    Some(CallToAction { url, ..chosen })
}
