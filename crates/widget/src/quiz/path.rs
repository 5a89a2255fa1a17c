//! The engine's view of the visitor's path, worked out once per change of answers and shared by
//! every screen: the walk, the progress of the question on screen, and the result in words.

use std::rc::Rc;

use yew::prelude::*;

use crate::answers::Answers;
use crate::engine::{Recommendation, Walk};
use crate::flow::{Flow, Screen};
use crate::protocol::ValidProtocol;
use crate::report::RecommendationReport;

/// A protocol compared by identity: a memo keyed on it is worked out again when the App hands over
/// another (with a language's texts added), without comparing their contents.
#[derive(Clone)]
pub struct SameProtocol(pub Rc<ValidProtocol>);

impl PartialEq for SameProtocol {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The engine walks the path once per change of answers, not once per render or per screen.
#[hook]
pub fn use_walk(protocol: &Rc<ValidProtocol>, answers: &Answers) -> Rc<Walk> {
    let protocol = protocol.clone();
    use_memo(answers.clone(), move |answers| crate::engine::walk(&protocol, answers))
}

/// "Question `number` of about `about`" for the question on screen, once per screen and walk.
#[hook]
pub fn use_progress(protocol: &Rc<ValidProtocol>, flow: &Flow, walk: &Rc<Walk>) -> Option<(usize, usize)> {
    let (protocol, flow) = (protocol.clone(), flow.clone());
    *use_memo((flow.screen, walk.clone()), move |(_, walk)| flow.progress_on(&protocol, walk))
}

/// A finished path: the engine's recommendation, and it in the visitor's words.
#[derive(PartialEq)]
pub struct Finished {
    pub recommendation: Recommendation,
    pub report: Rc<RecommendationReport>,
    /// The result as plain text, for the clipboard.
    pub summary: AttrValue,
}

type ResultKey = (SameProtocol, Rc<Walk>, AttrValue);

/// The result, on the result screen only: worked out when it is first shown for these answers in
/// this language, then kept (leaving for the check screen and coming back changes nothing).
#[hook]
pub fn use_result(
    protocol: &Rc<ValidProtocol>,
    walk: &Rc<Walk>,
    locale: &AttrValue,
    screen: Screen,
) -> Option<Rc<Finished>> {
    let kept = use_mut_ref(|| None::<(ResultKey, Rc<Finished>)>);
    if screen != Screen::Result {
        return None;
    }
    let key = (SameProtocol(protocol.clone()), walk.clone(), locale.clone());
    let mut kept = kept.borrow_mut();
    match &*kept {
        Some((was, finished)) if *was == key => Some(finished.clone()),
        _ => {
            let recommendation = crate::engine::recommend(protocol, walk);
            let report = crate::report::report(protocol, walk, &recommendation, locale);
            let summary = crate::report::summary_text(protocol, walk, &report, locale).into();
            let finished = Rc::new(Finished { recommendation, report: Rc::new(report), summary });
            *kept = Some((key, finished.clone()));
            Some(finished)
        }
    }
}
