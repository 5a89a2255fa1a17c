//! The recommendation as next steps: the outcome in one sentence, why, the plan, what to do next,
//! and the clinic's booking link and phone.

use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use crate::config::{CallToAction, Config};
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
}

#[component]
pub fn ResultScreen(props: &ResultProps) -> Html {
    let report = &props.report;
    let config = &props.config;
    let plan = report.plan.as_ref();
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
                <h2 class="candidacy-subheading">{"Why"}</h2>
                <ul class="candidacy-list candidacy-reasons">
                    { for report.reasons.iter().map(|reason| html! {
                        <li data-rule={reason.rule.clone()}>
                            <p class="candidacy-reason">{reason.text.clone()}</p>
                            if let Some(come_back) = &reason.come_back {
                                <p class="candidacy-reason-next"><strong>{"When to come back: "}</strong>{come_back.clone()}</p>
                            }
                            if let Some(instead) = &reason.instead {
                                <p class="candidacy-reason-next"><strong>{"What to ask about instead: "}</strong>{instead.clone()}</p>
                            }
                            { for reason.because.iter().map(|answered| html! {
                                <p class="candidacy-reason-answer">{format!("You answered “{}” to: {}", answered.answer, answered.prompt)}</p>
                            }) }
                        </li>
                    }) }
                </ul>
            </section>
        }
    });
    let notes: Vec<String> = report.notes.iter().map(|note| note.text.clone()).collect();

    html! {
        <section
            class={classes!("candidacy-screen", "candidacy-result", format!("candidacy-result-{}", report.outcome.as_str()))}
            data-outcome={report.outcome.as_str()}
            data-sessions-min={plan.map(|p| p.sessions_min.to_string())}
            data-sessions-max={plan.map(|p| p.sessions_max.to_string())}
        >
            <h1 class="candidacy-heading" ref={props.heading.clone()} tabindex="-1">{report.headline.clone()}</h1>
            <p class="candidacy-lead">{report.body.clone()}</p>
            {reasons}
            if let Some(plan) = plan {
                <section class="candidacy-section candidacy-plan">
                    <h2 class="candidacy-subheading">
                        {if plan.usual_plan_only { "What a plan would usually look like" } else { "What your plan would usually look like" }}
                    </h2>
                    <p>{format!(
                        "About {} sessions, {} to {} weeks apart.",
                        span(plan.sessions_min, plan.sessions_max),
                        plan.interval_weeks_min,
                        plan.interval_weeks_max
                    )}</p>
                    if !plan.set_by.is_empty() {
                        <p>{format!("This is set by: {}.", plan.parts.iter().filter(|p| plan.set_by.contains(&p.id)).map(|p| p.label.clone()).collect::<Vec<_>>().join(", "))}</p>
                    }
                    <p>{plan.timeline.clone()}</p>
                    <p>{plan.maintenance.clone()}</p>
                    <h3 class="candidacy-minor-heading">{"What a session is like"}</h3>
                    <p>{plan.session.clone()}</p>
                    if let Some(also) = &plan.also_ask_about {
                        <p>{also.clone()}</p>
                    }
                </section>
            }
            if !report.red_flags.is_empty() {
                <section class="candidacy-section candidacy-red-flags" aria-labelledby="candidacy-red-flags-title">
                    <h2 class="candidacy-subheading" id="candidacy-red-flags-title">{"Speak to a doctor or pharmacist if:"}</h2>
                    <ul class="candidacy-list">{ for report.red_flags.iter().map(|flag| html! { <li>{flag.clone()}</li> }) }</ul>
                </section>
            }
            {list("Good to know", &notes)}
            {list("How to prepare", &report.preparation)}
            {list("Aftercare", &report.aftercare)}
            <section class="candidacy-section candidacy-next-steps">
                <h2 class="candidacy-subheading">{"What to do next"}</h2>
                <div class="candidacy-actions">
                    if let Some(cta) = &props.call_to_action {
                        <a class="candidacy-button" href={cta.url.clone()} data-action="book" data-cta={report.outcome.as_str()} rel="noopener">{cta.label.clone()}</a>
                    }
                    if let (Some(phone), Some(href)) = (&config.phone, config.tel_href()) {
                        <a class="candidacy-button candidacy-button-secondary" href={href} data-action="call">{format!("Call us: {phone}")}</a>
                    }
                    <button type="button" class="candidacy-button candidacy-button-secondary" data-action="print" onclick={Callback::from(|_: MouseEvent| browser::print())}>
                        {"Print or save"}
                    </button>
                </div>
                <p class="candidacy-disclaimer">{"This check is not a diagnosis — a clinician will confirm at your consultation. "}{report.disclaimer.clone()}</p>
                <p class="candidacy-logic-version" data-fingerprint={report.protocol.fingerprint.clone()}>
                    {format!("Screening logic {} v{} · {}", report.protocol.id, report.protocol.version, report.protocol.fingerprint)}
                </p>
                <div class="candidacy-secondary-actions">
                    <button type="button" class="candidacy-link-button" data-action="change-answers" onclick={props.on_change_answers.reform(|_: MouseEvent| ())}>{"Change my answers"}</button>
                    <button type="button" class="candidacy-link-button" data-action="start-over" onclick={props.on_start_over.reform(|_: MouseEvent| ())}>{"Start over"}</button>
                </div>
            </section>
        </section>
    }
}

fn span(min: u32, max: u32) -> String {
    if min == max {
        min.to_string()
    } else {
        format!("{min} to {max}")
    }
}

/// The result's main button for `outcome`: the clinic's own call to action, else "Book a
/// consultation" to its booking page; `params` are added to the URL (campaign, outcome).
pub fn call_to_action(config: &Config, outcome: Outcome, params: &[(&str, &str)]) -> Option<CallToAction> {
    let chosen = config.calls_to_action.get(&outcome).cloned().or_else(|| {
        let label = match outcome {
            Outcome::Candidate => "Book a consultation",
            _ => "Book a consultation to talk it through",
        };
        Some(CallToAction { label: label.to_owned(), url: config.booking_url.clone()? })
    })?;
    let url = if params.is_empty() { chosen.url } else { browser::with_query(&chosen.url, params) };
    Some(CallToAction { url, ..chosen })
}
