//! The lead form as the visitor sees it: the form with its GOV.UK-style errors, the message when
//! the results could not be sent, and the confirmation once they were.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{LeadFormProps, LeadState};
use crate::lead::{self, LeadAction, LeadField, LeadForm, LeadStatus};
use crate::messages::{fill, messages, Messages};

/// What the form's markup is made of, for one render.
pub struct LeadView<'a> {
    pub props: &'a LeadFormProps,
    pub form: &'a LeadForm,
    /// The clinic's name, or "the clinic".
    pub clinic: &'a str,
    pub dispatcher: UseReducerDispatcher<LeadState>,
}

fn id(field: LeadField) -> String {
    format!("candidacy-lead-{}", field.as_str())
}

impl LeadView<'_> {
    fn words(&self) -> &'static Messages {
        messages(&self.props.locale)
    }

    /// The results reached the clinic (or, in test mode, would have).
    pub fn sent(&self, outcome_message: NodeRef) -> Html {
        let (words, clinic) = (self.words(), self.clinic);
        html! {
            <section class="candidacy-section candidacy-lead-form" data-lead="sent">
                <h2 class="candidacy-subheading">{fill(words.lead_heading, &[("clinic", clinic)])}</h2>
                <div class="candidacy-panel-success" role="status" tabindex="-1" ref={outcome_message}>
                    if self.props.config.test_mode {
                        <p>{words.lead_sent_test}</p>
                    } else {
                        <p>{fill(words.lead_sent, &[("clinic", clinic)])}</p>
                    }
                </div>
            </section>
        }
    }

    /// The form, with the problems of the last submit and why the last send failed, if it did.
    pub fn form(&self, summary: NodeRef, outcome_message: NodeRef) -> Html {
        let (props, form, words, clinic) = (self.props, self.form, self.words(), self.clinic);
        let sending = form.status == LeadStatus::Sending;
        let on_submit = {
            let dispatcher = self.dispatcher.clone();
            Callback::from(move |event: SubmitEvent| {
                event.prevent_default();
                dispatcher.dispatch(LeadAction::Submit);
            })
        };
        html! {
            <section class="candidacy-section candidacy-lead-form" data-lead={if sending { "sending" } else { "form" }} aria-labelledby="candidacy-lead-title">
                <h2 class="candidacy-subheading" id="candidacy-lead-title">{fill(words.lead_heading, &[("clinic", clinic)])}</h2>
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
                                {fill(words.lead_or_call_before, &[("clinic", clinic)])}<a href={href} data-action="call">{phone.clone()}</a>
                            }
                            {"."}
                        </p>
                    </div>
                }
                <form class="candidacy-form" novalidate=true onsubmit={on_submit}>
                    {self.field(LeadField::Name, words.lead_name, "text", "name", &form.name)}
                    <p class="candidacy-hint">{words.lead_contact_hint}</p>
                    {self.field(LeadField::Email, words.lead_email, "email", "email", &form.email)}
                    {self.field(LeadField::Phone, words.lead_phone, "tel", "tel", &form.phone)}
                    {self.consent()}
                    <button type="submit" class="candidacy-button" data-action="send-results">
                        {if sending { words.lead_sending } else { words.lead_send }}
                    </button>
                </form>
            </section>
        }
    }

    fn error_of(&self, field: LeadField) -> Option<&'static str> {
        self.form.errors.iter().find(|e| e.field == field).map(|e| e.problem.message(&self.props.locale))
    }

    /// One labelled text field, with its error.
    fn field(&self, field: LeadField, label: &str, kind: &str, autocomplete: &str, value: &str) -> Html {
        let error = self.error_of(field);
        let on_input = {
            let dispatcher = self.dispatcher.clone();
            Callback::from(move |event: InputEvent| {
                if let Some(input) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                    dispatcher.dispatch(LeadAction::Edit(field, input.value()));
                }
            })
        };
        html! {
            <div class={classes!("candidacy-field", error.is_some().then_some("candidacy-field-error"))}>
                <label class="candidacy-label" for={id(field)}>{label.to_owned()}</label>
                if let Some(error) = &error {
                    <p class="candidacy-error-message" id={format!("{}-error", id(field))}>
                        <span class="candidacy-visually-hidden">{self.words().error_prefix}</span>{*error}
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
                    oninput={on_input}
                />
            </div>
        }
    }

    /// The consent box, unticked until the visitor ticks it.
    fn consent(&self) -> Html {
        let error = self.error_of(LeadField::Consent);
        let on_change = {
            let dispatcher = self.dispatcher.clone();
            Callback::from(move |event: Event| {
                if let Some(input) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                    dispatcher.dispatch(LeadAction::Consent(input.checked()));
                }
            })
        };
        let consent = lead::Consent { clinic: self.clinic, locale: &self.props.locale };
        html! {
            <div class={classes!("candidacy-field", error.is_some().then_some("candidacy-field-error"))}>
                if let Some(error) = &error {
                    <p class="candidacy-error-message" id="candidacy-lead-consent-error">
                        <span class="candidacy-visually-hidden">{self.words().error_prefix}</span>{*error}
                    </p>
                }
                <div class="candidacy-choice">
                    <input
                        id={id(LeadField::Consent)}
                        class="candidacy-choice-input"
                        type="checkbox"
                        name="consent"
                        checked={self.form.consent}
                        aria-invalid={error.is_some().then_some("true")}
                        aria-describedby={error.is_some().then_some("candidacy-lead-consent-error")}
                        onchange={on_change}
                    />
                    <label class="candidacy-choice-label" for={id(LeadField::Consent)}>{consent.text()}</label>
                </div>
            </div>
        }
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
