//! The visitor's moves, as the callbacks the screens take: each dispatches to the reducer. Start
//! over and "Clear my answers" also tell the host events' tracker, and clearing forgets the saved
//! progress at once and says so.

use yew::prelude::*;

use super::state::QuizState;
use crate::flow::{Action, Draft};
use crate::protocol::QuestionIdx;

pub struct Controls {
    pub dispatcher: UseReducerDispatcher<QuizState>,
    /// The clinic skips the start screen: Start over goes back to the first question.
    pub skip_welcome: bool,
    pub on_started_over: Callback<()>,
    /// Forgets the saved progress.
    pub forget: Callback<()>,
    /// Set once the answers are cleared.
    pub cleared: UseStateHandle<bool>,
}

impl Controls {
    /// Dispatches `action`.
    pub fn on(&self, action: Action) -> Callback<()> {
        let dispatcher = self.dispatcher.clone();
        Callback::from(move |()| dispatcher.dispatch(action.clone()))
    }

    pub fn on_edit(&self) -> Callback<Draft> {
        let dispatcher = self.dispatcher.clone();
        Callback::from(move |draft| dispatcher.dispatch(Action::Edit(draft)))
    }

    pub fn on_change(&self) -> Callback<QuestionIdx> {
        let dispatcher = self.dispatcher.clone();
        Callback::from(move |question| dispatcher.dispatch(Action::Change(question)))
    }

    pub fn on_choose_locale(&self) -> Callback<String> {
        let dispatcher = self.dispatcher.clone();
        Callback::from(move |locale| dispatcher.dispatch(Action::ChooseLocale(locale)))
    }

    /// Start over goes back to where this clinic's quiz starts.
    pub fn on_start_over(&self) -> Callback<()> {
        let (dispatcher, skip_welcome, on_started_over) =
            (self.dispatcher.clone(), self.skip_welcome, self.on_started_over.clone());
        Callback::from(move |()| {
            on_started_over.emit(());
            dispatcher.dispatch(Action::StartOver);
            if skip_welcome {
                dispatcher.dispatch(Action::Start);
            }
        })
    }

    /// "Clear my answers": off this device at once (storage, the quiz in memory), and said so.
    pub fn on_clear_answers(&self) -> Callback<()> {
        let (dispatcher, on_started_over) = (self.dispatcher.clone(), self.on_started_over.clone());
        let (forget, cleared) = (self.forget.clone(), self.cleared.clone());
        Callback::from(move |()| {
            forget.emit(());
            on_started_over.emit(());
            dispatcher.dispatch(Action::StartOver);
            cleared.set(true);
        })
    }
}
