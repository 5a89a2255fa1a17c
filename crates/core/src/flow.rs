//! The visitor's journey as a pure state machine: welcome, one question per screen, check your
//! answers, result. The widget's reducer only forwards [`Action`]s to [`reduce`]; every decision
//! about what comes next is the engine's, asked through [`engine::walk`].

mod draft;

use crate::answers::Answers;
use crate::engine::{self, Walk};
use crate::protocol::{QuestionIdx, ValidProtocol};

pub use draft::{Draft, DraftError};

/// What the visitor sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    Welcome,
    Question(QuestionIdx),
    /// Every answer on the path, each with a Change link, before the result.
    CheckAnswers,
    Result,
}

/// The whole state of one visitor's quiz.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub answers: Answers,
    pub screen: Screen,
    /// The answer being edited on a question screen, before Continue.
    pub draft: Draft,
    /// Set when Continue met an invalid draft; cleared by the next edit or move.
    pub error: Option<DraftError>,
    /// The visitor came from the check screen through Change: Continue returns there.
    pub changing: bool,
    /// How many times Continue met an invalid answer: each time, the widget moves focus to the
    /// error summary again (GOV.UK), even when the error reads the same.
    pub failed_attempts: u32,
    /// The language the visitor chose with the switcher, one the protocol declares; until then
    /// the page's (`locale` attribute, page language, browser languages).
    pub locale: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Start,
    /// The visitor changed the answer on screen.
    Edit(Draft),
    /// Store the draft and move on, or show why it cannot be stored.
    Continue,
    Back,
    /// From the check screen: reopen a question.
    Change(QuestionIdx),
    /// From the check screen: show the recommendation.
    SeeResult,
    /// From the result: back to the check screen, answers kept.
    ChangeAnswers,
    /// Clear every answer.
    StartOver,
    /// Browser history moved to a screen this quiz showed before.
    Show(Screen),
    /// The visitor chose another language: same screen, same answers.
    ChooseLocale(String),
}

impl Flow {
    /// The quiz with `answers`, on `screen` if they allow it, else on the nearest screen they
    /// allow (a restored session's way back in).
    pub fn settled(protocol: &ValidProtocol, answers: &Answers, screen: Screen) -> Flow {
        settle(protocol, answers, screen, false)
    }

    pub fn new(protocol: &ValidProtocol) -> Flow {
        Flow {
            answers: Answers::new(protocol.questions().len()),
            screen: Screen::Welcome,
            draft: Draft::None,
            error: None,
            changing: false,
            failed_attempts: 0,
            locale: None,
        }
    }

    /// Starts at the first question instead of the welcome screen.
    pub fn started(protocol: &ValidProtocol) -> Flow {
        reduce(protocol, Flow::new(protocol), Action::Start)
    }

    /// A new quiz holding answers chosen before it opened (see [`prefill`]); the visitor still sees
    /// each of those questions, with the answer selected.
    pub fn prefilled(protocol: &ValidProtocol, answers: Answers, start: bool) -> Flow {
        let flow = Flow { answers, ..Flow::new(protocol) };
        if start {
            reduce(protocol, flow, Action::Start)
        } else {
            flow
        }
    }

    pub fn walk(&self, protocol: &ValidProtocol) -> Walk {
        engine::walk(protocol, &self.answers)
    }

    /// "Question `number` of about `about`" for the question on screen.
    pub fn progress(&self, protocol: &ValidProtocol) -> Option<(usize, usize)> {
        self.progress_on(protocol, &self.walk(protocol))
    }

    /// [`Flow::progress`], given the walk of this flow's answers (a screen takes it once).
    pub fn progress_on(&self, protocol: &ValidProtocol, walk: &Walk) -> Option<(usize, usize)> {
        let Screen::Question(question) = self.screen else { return None };
        let number = walk.asked.iter().position(|&q| q == question).unwrap_or(walk.asked.len()) + 1;
        let about = match walk.next {
            Some(next) => engine::progress(protocol, walk, next).about(),
            None => walk.asked.len(),
        };
        Some((number, about.max(number)))
    }
}

/// The next state of the quiz. The visitor's choice of language outlives every move, Start over
/// included.
pub fn reduce(protocol: &ValidProtocol, flow: Flow, action: Action) -> Flow {
    if let Action::ChooseLocale(locale) = action {
        let declared = protocol.protocol.locales.iter().find(|declared| **declared == locale);
        return match declared {
            Some(locale) => Flow { locale: Some(locale.clone()), ..flow },
            None => flow,
        };
    }
    let locale = flow.locale.clone();
    Flow { locale, ..step(protocol, flow, action) }
}

fn step(protocol: &ValidProtocol, flow: Flow, action: Action) -> Flow {
    let walk = flow.walk(protocol);
    let moved = |screen: Screen, changing: bool| settle(protocol, &flow.answers, screen, changing);
    match action {
        Action::Start => moved(first_screen(&walk), false),
        Action::Edit(draft) => Flow { draft, error: None, ..flow },
        Action::Continue => {
            let Screen::Question(question) = flow.screen else { return flow };
            match flow.draft.to_value(protocol, question) {
                Err(error) => Flow { error: Some(error), failed_attempts: flow.failed_attempts + 1, ..flow },
                Ok(value) => {
                    let mut answers = flow.answers.clone();
                    answers.set(question, Some(value));
                    let walk = engine::walk(protocol, &answers);
                    let next = if flow.changing {
                        walk.next.map_or(Screen::CheckAnswers, Screen::Question)
                    } else {
                        path(&walk).into_iter().find(|&q| q > question).map_or(Screen::CheckAnswers, Screen::Question)
                    };
                    settle(protocol, &answers, next, flow.changing)
                }
            }
        }
        Action::Back => {
            let path = path(&walk);
            let previous = match flow.screen {
                Screen::Welcome => Screen::Welcome,
                Screen::Question(question) => {
                    path.iter().rev().find(|&&q| q < question).map_or(Screen::Welcome, |&q| Screen::Question(q))
                }
                Screen::CheckAnswers => path.last().map_or(Screen::Welcome, |&q| Screen::Question(q)),
                Screen::Result => Screen::CheckAnswers,
            };
            moved(previous, false)
        }
        Action::Change(question) => moved(Screen::Question(question), true),
        Action::SeeResult => moved(Screen::Result, false),
        Action::ChangeAnswers => moved(Screen::CheckAnswers, false),
        Action::StartOver => Flow::new(protocol),
        Action::Show(screen) => moved(screen, false),
        Action::ChooseLocale(_) => flow,
    }
}

/// The questions on the visitor's path, in order: those answered, then the next one.
fn path(walk: &Walk) -> Vec<QuestionIdx> {
    walk.asked.iter().copied().chain(walk.next).collect()
}

fn first_screen(walk: &Walk) -> Screen {
    path(walk).first().map_or(Screen::CheckAnswers, |&q| Screen::Question(q))
}

/// Puts the quiz on `screen` if the answers allow it, else on the nearest screen they allow: a
/// question off the path, or a check or result screen with questions still open, becomes the
/// first open question.
fn settle(protocol: &ValidProtocol, answers: &Answers, screen: Screen, changing: bool) -> Flow {
    let walk = engine::walk(protocol, answers);
    let path = path(&walk);
    let screen = match screen {
        Screen::Question(q) if path.contains(&q) => screen,
        Screen::Welcome => Screen::Welcome,
        _ => match walk.next {
            Some(next) => Screen::Question(next),
            None => match screen {
                Screen::Result => Screen::Result,
                _ => Screen::CheckAnswers,
            },
        },
    };
    let draft = match screen {
        Screen::Question(q) => Draft::from_answer(answers.get(q)),
        _ => Draft::None,
    };
    let changing = changing && matches!(screen, Screen::Question(_));
    Flow { answers: walk.answers, screen, draft, error: None, changing, failed_attempts: 0, locale: None }
}
