//! "Send my results to the clinic": the optional, consented hand-off of a visitor's answers to the
//! clinic's `lead-endpoint`. Pure: the form's state, its checks and the JSON it posts. Nothing
//! is sent unless the visitor ticked the consent box, and the widget only posts in `Sending`.

use serde_json::{json, Value};

use crate::answers::Answers;
use crate::answers_json::AnswersJson;
use crate::attribution::Attribution;
use crate::protocol::{Outcome, ValidProtocol};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeadField {
    Name,
    Email,
    Phone,
    Consent,
}

impl LeadField {
    /// The input's id suffix, for error-summary links.
    pub fn as_str(self) -> &'static str {
        match self {
            LeadField::Name => "name",
            LeadField::Email => "email",
            LeadField::Phone => "phone",
            LeadField::Consent => "consent",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeadError {
    pub field: LeadField,
    pub problem: LeadProblem,
}

/// What is wrong with a field; [`LeadProblem::message`] says it in the visitor's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeadProblem {
    NoName,
    NoContact,
    EmailFormat,
    PhoneFormat,
    NoConsent,
}

impl LeadProblem {
    pub fn message(self, locale: &str) -> &'static str {
        let words = crate::messages::messages(locale);
        match self {
            LeadProblem::NoName => words.lead_enter_name,
            LeadProblem::NoContact => words.lead_enter_contact,
            LeadProblem::EmailFormat => words.lead_email_format,
            LeadProblem::PhoneFormat => words.lead_phone_format,
            LeadProblem::NoConsent => words.lead_tick_consent,
        }
    }
}

/// Why a post failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendFailure {
    /// No answer at all: offline, blocked, or the address is wrong.
    Unreachable,
    /// The clinic's server answered with this HTTP status.
    Status(u16),
    TimedOut,
}

impl SendFailure {
    pub fn message(self, locale: &str) -> String {
        let words = crate::messages::messages(locale);
        match self {
            SendFailure::Unreachable => words.lead_unreachable.to_owned(),
            SendFailure::Status(status) => {
                crate::messages::fill(words.lead_server_error, &[("status", &status.to_string())])
            }
            SendFailure::TimedOut => words.lead_timeout.to_owned(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum LeadStatus {
    #[default]
    Editing,
    /// Checked and consented: the widget is posting.
    Sending,
    Sent,
    /// The post failed; the visitor may try again.
    Failed(SendFailure),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LeadForm {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub consent: bool,
    pub status: LeadStatus,
    pub errors: Vec<LeadError>,
    /// Each failed Send moves focus to the error summary again.
    pub failed_attempts: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeadAction {
    Edit(LeadField, String),
    Consent(bool),
    /// Send, or send again after a failure.
    Submit,
    Sent,
    Failed(SendFailure),
}

/// Longest name or email kept: enough for anyone, not enough to smuggle a payload.
const MAX_FIELD: usize = 200;

pub fn reduce(form: LeadForm, action: LeadAction) -> LeadForm {
    if form.status == LeadStatus::Sending && !matches!(action, LeadAction::Sent | LeadAction::Failed(_)) {
        return form;
    }
    match action {
        LeadAction::Edit(field, value) => {
            let value: String = value.chars().take(MAX_FIELD).collect();
            let mut form = LeadForm { status: LeadStatus::Editing, ..form };
            match field {
                LeadField::Name => form.name = value,
                LeadField::Email => form.email = value,
                LeadField::Phone => form.phone = value,
                LeadField::Consent => {}
            }
            form
        }
        LeadAction::Consent(consent) => LeadForm { consent, status: LeadStatus::Editing, ..form },
        LeadAction::Submit => match check(&form) {
            errors if errors.is_empty() => LeadForm { status: LeadStatus::Sending, errors, ..form },
            errors => {
                LeadForm { errors, failed_attempts: form.failed_attempts + 1, status: LeadStatus::Editing, ..form }
            }
        },
        LeadAction::Sent => LeadForm { status: LeadStatus::Sent, ..form },
        LeadAction::Failed(why) => LeadForm { status: LeadStatus::Failed(why), ..form },
    }
}

/// What stops the form from being sent, in the order of the fields.
pub fn check(form: &LeadForm) -> Vec<LeadError> {
    let mut errors = Vec::new();
    let mut refuse = |field, problem| errors.push(LeadError { field, problem });
    if form.name.trim().is_empty() {
        refuse(LeadField::Name, LeadProblem::NoName);
    }
    let (email, phone) = (form.email.trim(), form.phone.trim());
    if email.is_empty() && phone.is_empty() {
        refuse(LeadField::Email, LeadProblem::NoContact);
    }
    if !email.is_empty() && !looks_like_email(email) {
        refuse(LeadField::Email, LeadProblem::EmailFormat);
    }
    if !phone.is_empty() && crate::config::values::phone_number(phone).is_err() {
        refuse(LeadField::Phone, LeadProblem::PhoneFormat);
    }
    if !form.consent {
        refuse(LeadField::Consent, LeadProblem::NoConsent);
    }
    errors
}

fn looks_like_email(email: &str) -> bool {
    let Some((local, domain)) = email.rsplit_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control() || "<>\"".contains(c))
}

/// The consent as the visitor read it: to which clinic, in which language.
#[derive(Debug, Clone, Copy)]
pub struct Consent<'a> {
    pub clinic: &'a str,
    pub locale: &'a str,
}

impl Consent<'_> {
    /// The sentence the visitor agrees to; sent with the lead as the record of consent.
    pub fn text(&self) -> String {
        crate::messages::fill(crate::messages::messages(self.locale).lead_consent, &[("clinic", self.clinic)])
    }
}

/// What a lead carries besides the visitor's own words: the page's campaign parameters and the
/// clinic's hidden fields (both only here, never in events or URLs for the hidden fields).
#[derive(Debug, Clone, Copy)]
pub struct Carried<'a> {
    pub attribution: &'a Attribution,
    pub hidden_fields: &'a std::collections::BTreeMap<String, String>,
}

/// The JSON posted to the clinic's endpoint. Only for a form that passed [`check`].
pub fn payload(
    form: &LeadForm,
    protocol: &ValidProtocol,
    answers: &Answers,
    outcome: Outcome,
    consent: Consent,
    submitted_at: &str,
    carried: Carried,
) -> Value {
    let Carried { attribution, hidden_fields } = carried;
    let optional = |value: &str| match value.trim() {
        "" => Value::Null,
        value => json!(value),
    };
    let mut payload = json!({
        "type": "candidacy-lead",
        "protocol": { "id": protocol.protocol.id, "version": protocol.protocol.version, "fingerprint": protocol.fingerprint },
        "outcome": outcome.as_str(),
        "answers": answers.to_json(protocol),
        "contact": { "name": form.name.trim(), "email": optional(&form.email), "phone": optional(&form.phone) },
        "consent": { "given": form.consent, "text": consent.text() },
        "locale": consent.locale,
        "submittedAt": submitted_at,
    });
    if !attribution.is_empty() {
        payload["attribution"] = attribution.to_json();
    }
    if !hidden_fields.is_empty() {
        payload["hiddenFields"] = json!(hidden_fields);
    }
    payload
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_payload_carries_the_campaign_and_the_clinics_hidden_fields() {
        let protocol = candidacy_core::compiled::decode(crate::tests::BUILT_IN).unwrap().protocol;
        let attribution = Attribution::from_pairs([("utm_campaign", "spring")]);
        let hidden_fields = [("landing".to_owned(), "microneedling-a".to_owned())].into();
        let consent = Consent { clinic: "Glow Clinic", locale: "en" };
        let carried = Carried { attribution: &attribution, hidden_fields: &hidden_fields };
        let body = payload(
            &filled(),
            &protocol,
            &Answers::default(),
            Outcome::Consult,
            consent,
            "2026-12-05T12:00:00Z",
            carried,
        );
        assert_eq!(body["hiddenFields"], json!({"landing": "microneedling-a"}));
        assert_eq!(body["attribution"]["utm_campaign"], "spring");
        let none = std::collections::BTreeMap::new();
        let bare = Carried { attribution: &Attribution::default(), hidden_fields: &none };
        let body = payload(&filled(), &protocol, &Answers::default(), Outcome::Consult, consent, "", bare);
        assert!(body.get("hiddenFields").is_none() && body.get("attribution").is_none(), "{body}");
    }

    fn filled() -> LeadForm {
        [
            LeadAction::Edit(LeadField::Name, "Ana Díaz".into()),
            LeadAction::Edit(LeadField::Email, "ana@example.com".into()),
            LeadAction::Consent(true),
        ]
        .into_iter()
        .fold(LeadForm::default(), reduce)
    }

    #[test]
    fn nothing_is_sent_without_consent() {
        let form = reduce(LeadForm { consent: false, ..filled() }, LeadAction::Submit);
        assert_eq!(form.status, LeadStatus::Editing);
        assert_eq!(form.errors.iter().map(|e| e.field).collect::<Vec<_>>(), [LeadField::Consent]);
        assert_eq!(form.failed_attempts, 1);
    }

    #[test]
    fn an_empty_form_names_each_missing_field() {
        let form = reduce(LeadForm::default(), LeadAction::Submit);
        let fields: Vec<_> = form.errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, [LeadField::Name, LeadField::Email, LeadField::Consent]);
    }

    #[test]
    fn a_bad_email_or_phone_is_refused() {
        let form = reduce(LeadForm { email: "ana@".into(), phone: "call me".into(), ..filled() }, LeadAction::Submit);
        let fields: Vec<_> = form.errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, [LeadField::Email, LeadField::Phone]);
    }

    #[test]
    fn a_failed_send_can_be_retried_and_sending_ignores_edits() {
        let sending = reduce(filled(), LeadAction::Submit);
        assert_eq!(sending.status, LeadStatus::Sending);
        assert_eq!(reduce(sending.clone(), LeadAction::Consent(false)), sending, "no edits while sending");
        let failed = reduce(sending, LeadAction::Failed(SendFailure::TimedOut));
        assert!(matches!(failed.status, LeadStatus::Failed(_)));
        let again = reduce(failed, LeadAction::Submit);
        assert_eq!(again.status, LeadStatus::Sending);
        assert_eq!(reduce(again, LeadAction::Sent).status, LeadStatus::Sent);
    }

    #[test]
    fn long_values_are_cut() {
        let form = reduce(LeadForm::default(), LeadAction::Edit(LeadField::Name, "x".repeat(10_000)));
        assert_eq!(form.name.chars().count(), MAX_FIELD);
    }
}
