//! The protocol: a clinic's screening logic as data.
//!
//! This module owns the serde types of the JSON format (documented in `docs/protocol.md`, schema in
//! `static/protocol.schema.json`). Turning text into a [`ValidProtocol`] is [`load`]'s job; what the
//! types mean for a visitor is the engine's; what holds on every path is the verifier's.

mod compile;
pub mod condition;
pub mod glossary;
pub mod placeholder;
mod text;

use std::collections::BTreeMap;

#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use compile::{
    Model, OptionSet, PlanModel, QuestionIdx, QuestionModel, RuleIdx, RuleModel, TreatmentChoice, ValidProtocol,
};
pub use condition::Condition;
pub use text::{best_locale, negotiate, text_direction, Text};

/// The version of the protocol file format this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// A whole protocol file: one treatment, its questions, rules and plans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Protocol {
    /// Optional: where editors find this schema (e.g. `../protocol.schema.json`).
    #[serde(rename = "$schema", default)]
    pub schema: Option<String>,
    /// The format version; must be 1.
    pub format: u32,
    /// A stable id for the protocol, e.g. `microneedling`.
    pub id: String,
    /// The clinic's version of this protocol, e.g. `1.0.0`.
    pub version: String,
    /// Locales every visitor-facing text provides; `en` is always required.
    #[serde(default = "default_locales")]
    pub locales: Vec<String>,
    /// The treatment the protocol screens for (for a chooser: the family of treatments it compares).
    pub treatment: Treatment,
    /// A chooser: several treatments screened with the same questions. Each visitor is recommended
    /// the one(s) with the best outcome; rules and plans name the treatments they apply to.
    #[serde(default)]
    pub treatments: Vec<TreatmentOption>,
    /// Shown on every result: this is a screening, not medical advice.
    pub disclaimer: Text,
    /// What each outcome says, in one plain sentence and a little more.
    pub outcomes: OutcomeTexts,
    /// How to prepare, item by item (shown with outcomes that can lead to treatment).
    #[serde(default)]
    pub preparation: Vec<Text>,
    /// Aftercare, item by item (shown with outcomes that can lead to treatment).
    #[serde(default)]
    pub aftercare: Vec<Text>,
    /// The questions, in asking order.
    pub questions: Vec<Question>,
    /// The screening rules.
    pub rules: Vec<Rule>,
    /// Treatment plans; a visitor's plan combines every part whose condition holds.
    #[serde(default)]
    pub plans: Vec<PlanPart>,
    /// Sources cited by rules and plans, by id.
    #[serde(default)]
    pub sources: BTreeMap<String, String>,
    /// Named periods, such as washout and recovery windows, by id. Texts cite them as `{id}`
    /// ("6 months") or `{id.value}` ("6"), so a clinic changes a period in one place.
    #[serde(default)]
    pub parameters: BTreeMap<String, Parameter>,
    /// Plain explanations of the medical terms the texts use; the widget explains each term the
    /// first time it appears, and `check` warns about known terms left unexplained.
    #[serde(default)]
    pub glossary: Vec<GlossaryEntry>,
    /// The screening profile this protocol answers to (`candidacy profiles` lists them); the
    /// protocol's `id` when absent. The verifier proves every item of that profile is screened.
    #[serde(default)]
    pub profile: Option<String>,
}

impl Protocol {
    /// The id of the screening profile this protocol answers to.
    pub fn profile_id(&self) -> &str {
        self.profile.as_deref().unwrap_or(&self.id)
    }
}

/// A named period that texts cite, e.g. the wait after the last isotretinoin dose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    /// How many `unit`s, at least 1.
    pub value: u32,
    pub unit: PeriodUnit,
    /// What the period is, for the reviewer: "wait after the last isotretinoin dose".
    pub description: String,
    /// Ids of entries in `sources` backing the period.
    #[serde(default)]
    pub source: Vec<String>,
}

/// The unit of a [`Parameter`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PeriodUnit {
    Days,
    Weeks,
    Months,
    Years,
}

impl Parameter {
    /// The period in English words: "6 months", "1 year".
    pub fn in_words(&self) -> String {
        self.in_words_for("en")
    }

    /// The period in `locale`'s words: "6 meses", "1 año"; English for languages without a table.
    pub fn in_words_for(&self, locale: &str) -> String {
        use crate::messages::{number, plural, Plural};
        let spanish = locale.split(['-', '_']).next().is_some_and(|language| language.eq_ignore_ascii_case("es"));
        let (one, many) = match (self.unit, spanish) {
            (PeriodUnit::Days, false) => ("day", "days"),
            (PeriodUnit::Weeks, false) => ("week", "weeks"),
            (PeriodUnit::Months, false) => ("month", "months"),
            (PeriodUnit::Years, false) => ("year", "years"),
            (PeriodUnit::Days, true) => ("día", "días"),
            (PeriodUnit::Weeks, true) => ("semana", "semanas"),
            (PeriodUnit::Months, true) => ("mes", "meses"),
            (PeriodUnit::Years, true) => ("año", "años"),
        };
        let value = i64::from(self.value);
        let word = if plural(locale, value) == Plural::One { one } else { many };
        format!("{} {word}", number(locale, value))
    }
}

/// A medical term and its plain explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    /// The term as it appears in the texts (matched without regard to case), e.g. "isotretinoin".
    pub term: Text,
    pub explanation: Text,
}

fn default_locales() -> Vec<String> {
    vec!["en".to_owned()]
}

/// The treatment a protocol screens for, described for a layperson.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Treatment {
    /// The treatment's name, e.g. "Microneedling".
    pub name: Text,
    /// What a session is like.
    pub session: Text,
    /// When results usually show.
    pub timeline: Text,
    /// How results are maintained.
    pub maintenance: Text,
    /// Other things worth asking the clinic about (optional).
    #[serde(default)]
    pub also_ask_about: Option<Text>,
}

/// One treatment of a chooser protocol: its description, and optionally its own outcome texts,
/// preparation and aftercare (else the protocol's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TreatmentOption {
    /// A stable id, e.g. `laser_resurfacing`; rules and plans name it in `treatments`.
    pub id: String,
    pub treatment: Treatment,
    #[serde(default)]
    pub outcomes: Option<OutcomeTexts>,
    #[serde(default)]
    pub preparation: Vec<Text>,
    #[serde(default)]
    pub aftercare: Vec<Text>,
    /// The screening profile of this treatment; its `id` when absent.
    #[serde(default)]
    pub profile: Option<String>,
}

/// The visitor-facing text of each outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OutcomeTexts {
    pub candidate: OutcomeText,
    pub postpone: OutcomeText,
    pub consult: OutcomeText,
    pub not_candidate: OutcomeText,
}

/// A headline (one sentence) and a short explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OutcomeText {
    pub headline: Text,
    pub body: Text,
}

/// One question, asked on its own screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// A stable id (lowercase letters, digits and `_`).
    pub id: String,
    pub kind: QuestionKind,
    /// The question as the visitor reads it.
    pub prompt: Text,
    /// Optional help: why it is asked, what a term means.
    #[serde(default)]
    pub help: Option<Text>,
    /// What to say when the visitor continues without a valid answer, e.g. "Select whether you are
    /// pregnant or breastfeeding"; a plain default fits the question's kind otherwise.
    #[serde(default)]
    pub error: Option<Text>,
    /// Ask only when this condition on earlier answers holds.
    #[serde(default)]
    pub ask_if: Option<Condition>,
    /// A screening question rules treatment in or out: its findings (yes, an option marked
    /// `finding`, a number outside `safe_range`) and unsure answers must never yield `candidate`.
    #[serde(default)]
    pub screening: bool,
    /// Choices, for `single_choice` and `multiple_choice`.
    #[serde(default)]
    pub options: Vec<Choice>,
    /// For `yes_no`: also offer "I'm not sure" (answer `"unsure"`).
    #[serde(default)]
    pub unsure: bool,
    /// For `yes_no`: what "Yes" means, spelled out ("Yes, I'm pregnant or breastfeeding").
    #[serde(default)]
    pub yes_label: Option<Text>,
    /// For `yes_no`: what "No" means, spelled out.
    #[serde(default)]
    pub no_label: Option<Text>,
    /// For `number`: the smallest accepted whole number.
    #[serde(default)]
    pub min: Option<i64>,
    /// For `number`: the largest accepted whole number.
    #[serde(default)]
    pub max: Option<i64>,
    /// For `number`: the unit, e.g. "years".
    #[serde(default)]
    pub unit: Option<Text>,
    /// For a screening `number`: the values that are not a finding.
    #[serde(default)]
    pub safe_range: Option<NumberRange>,
    /// The answer is recorded for the clinic; options that no rule uses are expected (no warning).
    #[serde(default)]
    pub informational: bool,
    /// In a chooser: the treatments this screening question screens for (all when empty). For the
    /// others its answers are plain information, e.g. skin tone matters for laser, not needling.
    #[serde(default)]
    pub screens_for: Vec<String>,
    /// The screening-profile items this question rules in or out (e.g. `["pregnancy"]`): a finding
    /// rules them in, a safe answer out, "I'm not sure" neither.
    #[serde(default)]
    pub screens: Vec<String>,
}

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Exactly one option.
    SingleChoice,
    /// At least one option.
    MultipleChoice,
    /// Yes or no (and "I'm not sure" when `unsure` is set).
    YesNo,
    /// A whole number between `min` and `max`.
    Number,
}

/// One option of a choice question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// A stable id, unique within the question.
    pub id: String,
    pub label: Text,
    /// Optional one-line description under the label.
    #[serde(default)]
    pub hint: Option<Text>,
    /// In a screening question: choosing this is a finding (a contraindication or precaution).
    #[serde(default)]
    pub finding: bool,
    /// This option is the "I'm not sure" answer.
    #[serde(default)]
    pub unsure: bool,
    /// For a finding: how it ranks among the question's findings (higher is riskier; default 0).
    /// The verifier proves that a riskier answer never yields a weaker outcome.
    #[serde(default)]
    pub risk: Option<u32>,
    /// For a finding: the screening-profile items choosing it rules in (not choosing it, when the
    /// question is answered with no "I'm not sure", rules them out).
    #[serde(default)]
    pub screens: Vec<String>,
}

/// A half-open range of whole numbers: `at_least <= n < below`; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NumberRange {
    #[serde(default)]
    pub at_least: Option<i64>,
    #[serde(default)]
    pub below: Option<i64>,
}

impl NumberRange {
    pub fn contains(&self, value: i64) -> bool {
        self.at_least.is_none_or(|low| value >= low) && self.below.is_none_or(|high| value < high)
    }
}

/// A screening rule: when its condition holds, its effect applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// A stable id, unique among rules.
    pub id: String,
    pub when: Condition,
    pub effect: Effect,
    /// Why, in plain words, addressed to the visitor.
    pub reason: Text,
    /// For `postpone`: when to come back ("once the cold sore has fully healed").
    #[serde(default)]
    pub come_back: Option<Text>,
    /// For `not_candidate`: what to ask the clinic about instead.
    #[serde(default)]
    pub instead: Option<Text>,
    /// Signs that need a doctor or pharmacist, with their urgency in the words ("today", "soon"):
    /// shown under "Speak to a doctor or pharmacist if:" when the rule fires.
    #[serde(default)]
    pub red_flag: Option<Text>,
    /// When the rule fires, the quiz ends at once: the remaining questions are not asked.
    #[serde(default)]
    pub ends_quiz: bool,
    /// In a chooser: the treatments the rule applies to (all when empty).
    #[serde(default)]
    pub treatments: Vec<String>,
    /// Ids of entries in `sources` backing this rule.
    #[serde(default)]
    pub source: Vec<String>,
}

/// What a rule does to the recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// Information shown with any outcome.
    Note,
    /// A clinician must assess first.
    Consult,
    /// A temporary contraindication: come back later.
    Postpone,
    /// This treatment is not for the visitor.
    NotCandidate,
}

/// The recommendation's headline, strongest last (so `max` picks the strongest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Candidate,
    Consult,
    Postpone,
    NotCandidate,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [Outcome::Candidate, Outcome::Consult, Outcome::Postpone, Outcome::NotCandidate];

    /// The outcome of a path on which `strongest` is the strongest effect that fired.
    ///
    /// Both the engine and the verifier decide through this one function.
    pub fn from_strongest(strongest: Option<Effect>) -> Outcome {
        match strongest {
            None | Some(Effect::Note) => Outcome::Candidate,
            Some(Effect::Consult) => Outcome::Consult,
            Some(Effect::Postpone) => Outcome::Postpone,
            Some(Effect::NotCandidate) => Outcome::NotCandidate,
        }
    }

    /// The public name, as in the CLI's JSON and the widget's `data-outcome`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Candidate => "candidate",
            Outcome::Consult => "consult",
            Outcome::Postpone => "postpone",
            Outcome::NotCandidate => "not_candidate",
        }
    }
}

impl Effect {
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Note => "note",
            Effect::Consult => "consult",
            Effect::Postpone => "postpone",
            Effect::NotCandidate => "not_candidate",
        }
    }
}

/// A part of a treatment plan, for visitors whose answers match `when`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlanPart {
    /// A stable id, unique among plan parts.
    pub id: String,
    pub when: Condition,
    /// What this part is for, e.g. "pronounced acne scars".
    pub label: Text,
    pub sessions: Span,
    pub interval_weeks: Span,
    #[serde(default)]
    pub source: Vec<String>,
    /// In a chooser: the treatments this plan part is for (all when empty).
    #[serde(default)]
    pub treatments: Vec<String>,
}

/// An inclusive range `min..=max` of whole numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Span {
    pub min: u32,
    pub max: u32,
}

/// Every text of `protocol`, as the authoring side's `all_texts` lists them, for changing in place. (A round trip
/// through `serde_json::Value` would do the same in fewer lines, at the price of deserializing
/// every protocol type from a `Value`: about 90 KB of the widget's wasm.)
pub fn for_each_text_mut(protocol: &mut Protocol, f: &mut dyn FnMut(&mut Text)) {
    fn treatment_texts(treatment: &mut Treatment, f: &mut dyn FnMut(&mut Text)) {
        for text in [&mut treatment.name, &mut treatment.session, &mut treatment.timeline, &mut treatment.maintenance] {
            f(text);
        }
        treatment.also_ask_about.iter_mut().for_each(f);
    }
    fn outcome_texts(outcomes: &mut OutcomeTexts, f: &mut dyn FnMut(&mut Text)) {
        let all = [&mut outcomes.candidate, &mut outcomes.postpone, &mut outcomes.consult, &mut outcomes.not_candidate];
        for outcome in all {
            f(&mut outcome.headline);
            f(&mut outcome.body);
        }
    }
    treatment_texts(&mut protocol.treatment, f);
    f(&mut protocol.disclaimer);
    outcome_texts(&mut protocol.outcomes, f);
    protocol.preparation.iter_mut().chain(protocol.aftercare.iter_mut()).for_each(&mut *f);
    for option in &mut protocol.treatments {
        treatment_texts(&mut option.treatment, f);
        option.outcomes.iter_mut().for_each(|outcomes| outcome_texts(outcomes, f));
        option.preparation.iter_mut().chain(option.aftercare.iter_mut()).for_each(&mut *f);
    }
    for question in &mut protocol.questions {
        f(&mut question.prompt);
        let optional = [
            &mut question.help,
            &mut question.error,
            &mut question.yes_label,
            &mut question.no_label,
            &mut question.unit,
        ];
        optional.into_iter().flatten().for_each(&mut *f);
        for option in &mut question.options {
            f(&mut option.label);
            option.hint.iter_mut().for_each(&mut *f);
        }
    }
    for rule in &mut protocol.rules {
        f(&mut rule.reason);
        [&mut rule.come_back, &mut rule.instead, &mut rule.red_flag].into_iter().flatten().for_each(&mut *f);
    }
    protocol.plans.iter_mut().for_each(|plan| f(&mut plan.label));
    for entry in &mut protocol.glossary {
        f(&mut entry.term);
        f(&mut entry.explanation);
    }
}
