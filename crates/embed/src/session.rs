//! A quiz saved between page loads (the widget keeps it in `sessionStorage`): answers by id and
//! the screen, tied to one protocol version so another version's answers are never misread.

use serde::{Deserialize, Serialize};

use crate::answers::Answers;
use crate::answers_json::AnswersJson;
use crate::flow::{Flow, Screen};
use crate::protocol::ValidProtocol;

/// The version of the saved form; bump when it changes.
pub const SAVED_FORMAT: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Saved {
    format: u32,
    /// `id@version` of the protocol the answers belong to.
    protocol: String,
    answers: serde_json::Value,
    screen: SavedScreen,
    /// The language the visitor chose, if they did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    locale: Option<String>,
    /// When it was saved (milliseconds since 1970): progress left alone too long is forgotten.
    #[serde(default, rename = "savedAt", skip_serializing_if = "Option::is_none")]
    saved_at: Option<f64>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum SavedScreen {
    Welcome,
    Question(String),
    CheckAnswers,
    Result,
}

/// Why a saved quiz was not restored (it is then discarded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreError {
    Corrupt(String),
    OtherProtocol(String),
    /// Saved longer ago than the clinic keeps progress (`forget-after`), or with no time.
    Expired,
}

impl std::fmt::Display for RestoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RestoreError::Corrupt(why) => write!(f, "the saved quiz is unreadable: {why}"),
            RestoreError::OtherProtocol(which) => write!(f, "the saved quiz belongs to protocol {which}"),
            RestoreError::Expired => write!(f, "the saved quiz was left alone too long and is forgotten"),
        }
    }
}

fn protocol_key(protocol: &ValidProtocol) -> String {
    format!("{}@{}", protocol.protocol.id, protocol.protocol.version)
}

/// A quiz saved between page loads and restored: the [`Flow`]'s saved form.
pub trait SavedFlow: Sized {
    /// The saved form of this quiz, stamped `now` (milliseconds since 1970).
    fn save_at(&self, protocol: &ValidProtocol, now: f64) -> String;
    /// Restores a quiz saved with [`SavedFlow::save_at`] at most `max_age` milliseconds before `now`.
    fn restore_within(protocol: &ValidProtocol, text: &str, now: f64, max_age: f64) -> Result<Self, RestoreError>;
    /// The saved form of this quiz, without a time (the CLI's and the tests').
    fn save(&self, protocol: &ValidProtocol) -> String;
    /// Restores a saved quiz, checking every answer against the protocol.
    fn restore(protocol: &ValidProtocol, text: &str) -> Result<Self, RestoreError>;
}

impl SavedFlow for Flow {
    fn save_at(&self, protocol: &ValidProtocol, now: f64) -> String {
        saved(self, protocol, Some(now))
    }

    fn restore_within(protocol: &ValidProtocol, text: &str, now: f64, max_age: f64) -> Result<Flow, RestoreError> {
        let saved: Saved = serde_json::from_str(text).map_err(|e| RestoreError::Corrupt(e.to_string()))?;
        match saved.saved_at {
            Some(at) if at <= now && now - at <= max_age => <Flow as SavedFlow>::restore(protocol, text),
            _ => Err(RestoreError::Expired),
        }
    }

    fn save(&self, protocol: &ValidProtocol) -> String {
        saved(self, protocol, None)
    }

    fn restore(protocol: &ValidProtocol, text: &str) -> Result<Flow, RestoreError> {
        let saved: Saved = serde_json::from_str(text).map_err(|e| RestoreError::Corrupt(e.to_string()))?;
        if saved.format != SAVED_FORMAT {
            return Err(RestoreError::Corrupt(format!("unknown format {}", saved.format)));
        }
        if saved.protocol != protocol_key(protocol) {
            return Err(RestoreError::OtherProtocol(saved.protocol));
        }
        let answers = Answers::from_json(protocol, &saved.answers).map_err(|e| RestoreError::Corrupt(e.to_string()))?;
        let screen = match saved.screen {
            SavedScreen::Welcome => Screen::Welcome,
            SavedScreen::Question(id) => {
                let question = protocol
                    .question_idx(&id)
                    .ok_or_else(|| RestoreError::Corrupt(format!("unknown question `{id}`")))?;
                Screen::Question(question)
            }
            SavedScreen::CheckAnswers => Screen::CheckAnswers,
            SavedScreen::Result => Screen::Result,
        };
        // A language the protocol no longer declares is dropped, not an error: the page's applies.
        let locale = saved.locale.filter(|locale| protocol.protocol.locales.contains(locale));
        Ok(Flow { locale, ..Flow::settled(protocol, &answers, screen) })
    }
}

fn saved(flow: &Flow, protocol: &ValidProtocol, saved_at: Option<f64>) -> String {
    let screen = match flow.screen {
        Screen::Welcome => SavedScreen::Welcome,
        Screen::Question(q) => SavedScreen::Question(protocol.questions()[q].id.clone()),
        Screen::CheckAnswers => SavedScreen::CheckAnswers,
        Screen::Result => SavedScreen::Result,
    };
    let saved = Saved {
        format: SAVED_FORMAT,
        protocol: protocol_key(protocol),
        answers: flow.answers.to_json(protocol),
        screen,
        locale: flow.locale.clone(),
        saved_at,
    };
    serde_json::to_string(&saved).expect("a saved quiz serializes")
}
