//! The quiz's state and its one reducer: every change of state is a [`flow::reduce`]. The state
//! begins from saved progress (`session.rs`) or as a new quiz with the page's prefilled answers.

use std::rc::Rc;

use yew::prelude::*;

use super::session;
use crate::browser;
use crate::config::{Config, StartAt};
use crate::flow::{self, Action, Flow};
use crate::host::Host;
use crate::protocol::ValidProtocol;

/// The reducer's state: the flow, with the protocol it runs on.
pub struct QuizState {
    protocol: Rc<ValidProtocol>,
    pub flow: Flow,
}

impl PartialEq for QuizState {
    fn eq(&self, other: &Self) -> bool {
        self.flow == other.flow && Rc::ptr_eq(&self.protocol, &other.protocol)
    }
}

impl Reducible for QuizState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let flow = flow::reduce(&self.protocol, self.flow.clone(), action);
        Rc::new(QuizState { protocol: self.protocol.clone(), flow })
    }
}

/// How the quiz began on this page load.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Began {
    /// From saved progress: the page was reloaded, or the visitor came back in the same tab.
    Resumed,
    /// A new quiz: nothing saved, or the saved progress was unusable.
    Afresh,
}

/// The quiz's reducer, begun once (on the first render) from saved progress or afresh.
#[hook]
pub fn use_quiz_state(
    protocol: &Rc<ValidProtocol>,
    config: &Rc<Config>,
    host: &Host,
) -> (UseReducerHandle<QuizState>, Began) {
    let began = use_mut_ref(|| Began::Afresh);
    let state = {
        let (protocol, config, host, began) = (protocol.clone(), config.clone(), host.clone(), began.clone());
        use_reducer(move || {
            let (flow, how) = match session::restore(&protocol, &config, &host) {
                Some(flow) => (flow, Began::Resumed),
                None => (prefilled(&protocol, &config), Began::Afresh),
            };
            *began.borrow_mut() = how;
            QuizState { flow, protocol }
        })
    };
    let how = *began.borrow();
    (state, how)
}

/// A new quiz with the element's `prefill`, then the page URL's `candidacy_<question>` parameters
/// over it.
fn prefilled(protocol: &ValidProtocol, config: &Config) -> Flow {
    let pairs = browser::query_pairs();
    let mut requested = config.prefill.clone().unwrap_or_default();
    requested.extend(crate::prefill::prefill_from_url(protocol, pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))));
    let (answers, warnings) = crate::prefill::prefill(protocol, &requested);
    warnings.iter().for_each(|warning| browser::warn(warning));
    Flow::prefilled(protocol, answers, config.start == StartAt::FirstQuestion)
}
