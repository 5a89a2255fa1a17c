//! What the tests of a protocol's rules check of a report: the rule shown with its reason, the
//! answers behind it, and for a postponement or a refusal what to do next.

use candidacy::protocol::Outcome;
use candidacy::report::{Reason, RecommendationReport};

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
