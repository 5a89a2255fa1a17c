//! Answers chosen on the clinic's page before the quiz opens (`prefill`), e.g. the concern a
//! landing page is about. Only questions that screen nothing may be prefilled: a visitor answers
//! every screening question themselves.

use crate::answers::Answers;
use crate::protocol::ValidProtocol;

/// The usable answers of `prefill`, and a warning for each entry that was ignored.
pub fn prefill(
    protocol: &ValidProtocol,
    prefill: &serde_json::Map<String, serde_json::Value>,
) -> (Answers, Vec<String>) {
    let mut answers = Answers::new(protocol.questions().len());
    let mut warnings = Vec::new();
    for (id, raw) in prefill {
        let ignored = |why: String| format!("candidacy: ignoring `prefill` answer `{}`: {why}", id.escape_debug());
        let Some(question) = protocol.question_idx(id) else {
            warnings.push(ignored(format!("protocol `{}` has no such question", protocol.protocol.id)));
            continue;
        };
        if protocol.questions()[question].screening {
            warnings.push(ignored("it is a screening question, which visitors must answer themselves".to_owned()));
            continue;
        }
        match protocol.parse_value(question, raw) {
            Ok(value) => answers.set(question, Some(value)),
            Err(why) => warnings.push(ignored(why)),
        }
    }
    (answers, warnings)
}
