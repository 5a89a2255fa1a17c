//! A visitor's answers through a protocol, as the per-rule tests of the shipped protocols write
//! them: answers by ids patched onto a safe baseline, the recommendation and its report, and what
//! a report must show for a rule.

use candidacy::answers::Answers;
use candidacy::answers_json::AnswersJson;
use candidacy::engine::{self, Recommendation, Step};
use candidacy::protocol::{Outcome, ValidProtocol};
use candidacy::report::{self, PlanReport, Reason, RecommendationReport};
use serde_json::Value;

/// `base` with `patch`'s answers in place of its own.
pub fn merge(base: &Value, patch: &Value) -> Value {
    let mut merged = base.clone();
    for (id, answer) in patch.as_object().expect("a patch is a JSON object") {
        merged[id] = answer.clone();
    }
    merged
}

pub fn answers(protocol: &ValidProtocol, json: &Value) -> Answers {
    Answers::from_json(protocol, json).unwrap_or_else(|error| panic!("{error}: {json}"))
}

/// A complete visit: the recommendation, its report, and the ids of the rules that fired.
pub struct Evaluated {
    pub recommendation: Recommendation,
    pub report: RecommendationReport,
    pub fired: Vec<String>,
}

/// The visit of answers `json` (which must complete the quiz), reported in `locale`.
pub fn evaluate_in(protocol: &ValidProtocol, json: &Value, locale: &str) -> Evaluated {
    let given = answers(protocol, json);
    let Step::Recommend(recommendation) = engine::next_step(protocol, &given) else {
        panic!("the answers are incomplete: {json}");
    };
    let walk = engine::walk(protocol, &given);
    let report = report::report(protocol, &walk, &recommendation, locale);
    let fired = (recommendation.fired.iter()).map(|fired| protocol.protocol.rules[fired.rule].id.clone()).collect();
    Evaluated { recommendation, report, fired }
}

/// A plan as the report shows it.
#[derive(Debug, PartialEq, Eq)]
pub struct PlanSummary {
    pub sessions: (u32, u32),
    pub interval_weeks: (u32, u32),
    pub parts: Vec<String>,
    pub set_by: Vec<String>,
}

impl From<PlanReport> for PlanSummary {
    fn from(plan: PlanReport) -> PlanSummary {
        PlanSummary {
            sessions: (plan.sessions_min, plan.sessions_max),
            interval_weeks: (plan.interval_weeks_min, plan.interval_weeks_max),
            parts: plan.parts.into_iter().map(|part| part.id).collect(),
            set_by: plan.set_by,
        }
    }
}

/// `reason`, shown for `rule` on a path whose outcome is `expected`, says what a visitor needs.
pub fn assert_reason_complete(reason: &Reason, rule: &str, expected: Outcome) {
    assert!(!reason.text.is_empty(), "rule `{rule}`: no reason text");
    assert!(!reason.answers.is_empty(), "rule `{rule}`: no answers behind it");
    let has = |text: &Option<String>| text.as_deref().is_some_and(|t| !t.trim().is_empty());
    match expected {
        Outcome::Postpone => assert!(has(&reason.come_back), "rule `{rule}`: no come_back"),
        Outcome::NotCandidate => assert!(has(&reason.instead), "rule `{rule}`: no instead"),
        Outcome::Candidate | Outcome::Consult => {}
    }
}

pub fn reason_ids(report: &RecommendationReport) -> Vec<&str> {
    report.reasons.iter().map(|r| r.rule.as_str()).collect()
}

pub fn note_ids(report: &RecommendationReport) -> Vec<&str> {
    report.notes.iter().map(|r| r.rule.as_str()).collect()
}
