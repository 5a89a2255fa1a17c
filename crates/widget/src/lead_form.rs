//! "Send my results to the clinic" (only with a `lead-endpoint`): name, email or phone, an
//! unticked consent box, then one JSON POST. The form's state and checks are `crate::lead`; this
//! component renders them and does the post.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::answers::Answers;
use crate::attribution::Attribution;
use crate::config::Config;
use crate::lead::{self, LeadAction, LeadField, LeadForm, LeadStatus, SendFailure};
use crate::messages::{fill, messages};
use crate::protocol::{Outcome, ValidProtocol};

#[derive(Properties, PartialEq)]
pub struct LeadFormProps {
    pub protocol: Rc<ValidProtocol>,
    pub answers: Answers,
    pub outcome: Outcome,
    pub config: Rc<Config>,
    pub endpoint: AttrValue,
    pub attribution: Attribution,
    pub locale: AttrValue,
    /// The clinic's endpoint accepted the lead (never in test mode, which sends nothing).
    pub on_sent: Callback<()>,
}

#[derive(PartialEq)]
struct LeadState(LeadForm);

impl Reducible for LeadState {
    type Action = LeadAction;

    fn reduce(self: Rc<Self>, action: LeadAction) -> Rc<Self> {
        Rc::new(LeadState(lead::reduce(self.0.clone(), action)))
    }
}

/// How long the clinic's server may take before the visitor is told it failed.
const POST_TIMEOUT_MS: u32 = 15_000;

#[component]
pub fn LeadFormSection(props: &LeadFormProps) -> Html {
    let state = use_reducer(|| LeadState(LeadForm::default()));
    let form = &state.0;
    let words = messages(&props.locale);
    let clinic = props.config.clinic_name.clone().unwrap_or_else(|| words.the_clinic.to_owned());
    let summary = use_node_ref();
    let outcome_message = use_node_ref();

    // The post itself: only ever from `Sending`, which only a checked, consented form reaches.
    {
        let dispatcher = state.dispatcher();
        let (endpoint, clinic, locale) = (props.endpoint.to_string(), clinic.clone(), props.locale.clone());
        let (protocol, answers, outcome, form) =
            (props.protocol.clone(), props.answers.clone(), props.outcome, form.clone());
        let (attribution, test_mode) = (props.attribution.clone(), props.config.test_mode);
        let hidden_fields = props.config.hidden_fields.clone();
        let on_sent = props.on_sent.clone();
        use_effect_with(form.status.clone(), move |status| {
            if *status == LeadStatus::Sending && test_mode {
                super::browser::warn("candidacy: test mode: the results were not sent");
                dispatcher.dispatch(LeadAction::Sent);
            } else if *status == LeadStatus::Sending {
                let submitted_at = String::from(js_sys::Date::new_0().to_iso_string());
                let consent = lead::Consent { clinic: &clinic, locale: &locale };
                let carried = lead::Carried { attribution: &attribution, hidden_fields: &hidden_fields };
                let body = lead::payload(&form, &protocol, &answers, outcome, consent, &submitted_at, carried);
                let body = body.to_string();
                wasm_bindgen_futures::spawn_local(async move {
                    dispatcher.dispatch(match post(&endpoint, body).await {
                        Ok(()) => {
                            on_sent.emit(());
                            LeadAction::Sent
                        }
                        Err(why) => {
                            super::browser::warn(&format!(
                                "candidacy: the results were not sent to `{endpoint}`: {}",
                                why.message("en")
                            ));
                            LeadAction::Failed(why)
                        }
                    });
                });
            }
        });
    }
    {
        let summary = summary.clone();
        use_effect_with(form.failed_attempts, move |&attempts| {
            if attempts > 0 {
                focus(&summary);
            }
        });
    }
    {
        let outcome_message = outcome_message.clone();
        use_effect_with(form.status.clone(), move |status| {
            if matches!(status, LeadStatus::Sent | LeadStatus::Failed(_)) {
                focus(&outcome_message);
            }
        });
    }

    let dispatcher = state.dispatcher();
    let edit = |field: LeadField| {
        let dispatcher = dispatcher.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                dispatcher.dispatch(LeadAction::Edit(field, input.value()));
            }
        })
    };
    let on_consent = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |event: Event| {
            if let Some(input) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                dispatcher.dispatch(LeadAction::Consent(input.checked()));
            }
        })
    };
    let on_submit = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            dispatcher.dispatch(LeadAction::Submit);
        })
    };

    if form.status == LeadStatus::Sent {
        return html! {
            <section class="candidacy-section candidacy-lead-form" data-lead="sent">
                <h2 class="candidacy-subheading">{fill(words.lead_heading, &[("clinic", &clinic)])}</h2>
                <div class="candidacy-panel-success" role="status" tabindex="-1" ref={outcome_message}>
                    if props.config.test_mode {
                        <p>{words.lead_sent_test}</p>
                    } else {
                        <p>{fill(words.lead_sent, &[("clinic", &clinic)])}</p>
                    }
                </div>
            </section>
        };
    }

    let id = |field: LeadField| format!("candidacy-lead-{}", field.as_str());
    let error_of =
        |field: LeadField| form.errors.iter().find(|e| e.field == field).map(|e| e.problem.message(&props.locale));
    let field = |field: LeadField, label: &str, kind: &str, autocomplete: &str, value: &str| {
        let error = error_of(field);
        html! {
            <div class={classes!("candidacy-field", error.is_some().then_some("candidacy-field-error"))}>
                <label class="candidacy-label" for={id(field)}>{label.to_owned()}</label>
                if let Some(error) = &error {
                    <p class="candidacy-error-message" id={format!("{}-error", id(field))}>
                        <span class="candidacy-visually-hidden">{words.error_prefix}</span>{*error}
                    </p>
                }
                <input
                    id={id(field)}
                    class={classes!("candidacy-input", "candidacy-input-wide", error.is_some().then_some("candidacy-input-error"))}
                    type={kind.to_owned()}
                    name={field.as_str()}
                    autocomplete={autocomplete.to_owned()}
                    spellcheck="false"
                    value={value.to_owned()}
                    aria-invalid={error.is_some().then_some("true")}
                    aria-describedby={error.is_some().then(|| format!("{}-error", id(field)))}
                    oninput={edit(field)}
                />
            </div>
        }
    };
    let consent_error = error_of(LeadField::Consent);
    let sending = form.status == LeadStatus::Sending;

    html! {
        <section class="candidacy-section candidacy-lead-form" data-lead={if sending { "sending" } else { "form" }} aria-labelledby="candidacy-lead-title">
            <h2 class="candidacy-subheading" id="candidacy-lead-title">{fill(words.lead_heading, &[("clinic", &clinic)])}</h2>
            <p>{words.lead_intro}</p>
            if !form.errors.is_empty() {
                <div class="candidacy-error-summary" ref={summary} tabindex="-1">
                    <h2 class="candidacy-error-summary-title">{words.there_is_a_problem}</h2>
                    <ul class="candidacy-error-summary-list">
                        { for form.errors.iter().map(|error| html! {
                            <li><a href={format!("#{}", id(error.field))} onclick={focus_by_id(id(error.field))}>{error.problem.message(&props.locale)}</a></li>
                        }) }
                    </ul>
                </div>
            }
            if let LeadStatus::Failed(why) = &form.status {
                <div class="candidacy-error-summary" role="alert" tabindex="-1" ref={outcome_message}>
                    <h2 class="candidacy-error-summary-title">{words.lead_not_sent}</h2>
                    <p>{fill(words.lead_not_sent_body, &[("why", &why.message(&props.locale))])}
                        if let (Some(phone), Some(href)) = (&props.config.phone, props.config.tel_href()) {
                            {fill(words.lead_or_call_before, &[("clinic", &clinic)])}<a href={href} data-action="call">{phone.clone()}</a>
                        }
                        {"."}
                    </p>
                </div>
            }
            <form class="candidacy-form" novalidate=true onsubmit={on_submit}>
                {field(LeadField::Name, words.lead_name, "text", "name", &form.name)}
                <p class="candidacy-hint">{words.lead_contact_hint}</p>
                {field(LeadField::Email, words.lead_email, "email", "email", &form.email)}
                {field(LeadField::Phone, words.lead_phone, "tel", "tel", &form.phone)}
                <div class={classes!("candidacy-field", consent_error.is_some().then_some("candidacy-field-error"))}>
                    if let Some(error) = &consent_error {
                        <p class="candidacy-error-message" id="candidacy-lead-consent-error">
                            <span class="candidacy-visually-hidden">{words.error_prefix}</span>{*error}
                        </p>
                    }
                    <div class="candidacy-choice">
                        <input
                            id={id(LeadField::Consent)}
                            class="candidacy-choice-input"
                            type="checkbox"
                            name="consent"
                            checked={form.consent}
                            aria-invalid={consent_error.is_some().then_some("true")}
                            aria-describedby={consent_error.is_some().then_some("candidacy-lead-consent-error")}
                            onchange={on_consent}
                        />
                        <label class="candidacy-choice-label" for={id(LeadField::Consent)}>{lead::Consent { clinic: &clinic, locale: &props.locale }.text()}</label>
                    </div>
                </div>
                <button type="submit" class="candidacy-button" data-action="send-results">
                    {if sending { words.lead_sending } else { words.lead_send }}
                </button>
            </form>
        </section>
    }
}

/// A POST of `body` as JSON, with a bounded wait; any 2xx answer is success.
async fn post(endpoint: &str, body: String) -> Result<(), SendFailure> {
    let request = async {
        let request = gloo::net::http::Request::post(endpoint)
            .header("Content-Type", "application/json")
            .body(body)
            .map_err(|_| SendFailure::Unreachable)?;
        let response = request.send().await.map_err(|_| SendFailure::Unreachable)?;
        if response.ok() {
            Ok(())
        } else {
            Err(SendFailure::Status(response.status()))
        }
    };
    let timeout = gloo::timers::future::TimeoutFuture::new(POST_TIMEOUT_MS);
    match futures::future::select(std::pin::pin!(request), timeout).await {
        futures::future::Either::Left((result, _)) => result,
        futures::future::Either::Right(_) => Err(SendFailure::TimedOut),
    }
}

/// An error-summary link focuses its field without following `#id` (which would change the page's
/// URL and cannot reach into the shadow root).
fn focus_by_id(id: String) -> Callback<MouseEvent> {
    Callback::from(move |event: MouseEvent| {
        event.prevent_default();
        let root = event.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()).map(|n| n.get_root_node());
        let field = root.and_then(|root| match root.dyn_into::<web_sys::ShadowRoot>() {
            Ok(shadow) => shadow.get_element_by_id(&id),
            Err(root) => root.dyn_into::<web_sys::Document>().ok()?.get_element_by_id(&id),
        });
        if let Some(field) = field.and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = field.focus();
        }
    })
}

fn focus(target: &NodeRef) {
    if let Some(element) = target.cast::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}
