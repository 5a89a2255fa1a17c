//! "Send my results to the clinic" (only with a `lead-endpoint`): name, email or phone, an
//! unticked consent box, then one JSON POST. The form's state and checks are `crate::lead`; this
//! component keeps them in a reducer, does the post (`send.rs`), moves focus, and renders them
//! (`view.rs`).

mod send;
mod view;

use std::rc::Rc;

use yew::prelude::*;

use crate::answers::Answers;
use crate::attribution::Attribution;
use crate::browser::focus;
use crate::config::Config;
use crate::lead::{self, LeadAction, LeadForm, LeadStatus};
use crate::messages::messages;
use crate::protocol::{Outcome, ValidProtocol};

#[derive(Properties, PartialEq)]
pub struct LeadFormProps {
    pub protocol: Rc<ValidProtocol>,
    pub answers: Answers,
    pub outcome: Outcome,
    pub config: Rc<Config>,
    pub endpoint: AttrValue,
    pub attribution: Attribution,
    pub locale: AttrValue,
    /// The clinic's endpoint accepted the lead (never in test mode, which sends nothing).
    pub on_sent: Callback<()>,
}

#[derive(PartialEq)]
struct LeadState(LeadForm);

impl Reducible for LeadState {
    type Action = LeadAction;

    fn reduce(self: Rc<Self>, action: LeadAction) -> Rc<Self> {
        Rc::new(LeadState(lead::reduce(self.0.clone(), action)))
    }
}

#[component]
pub fn LeadFormSection(props: &LeadFormProps) -> Html {
    let state = use_reducer(|| LeadState(LeadForm::default()));
    let words = messages(&props.locale);
    let clinic = props.config.clinic_name.clone().unwrap_or_else(|| words.the_clinic.to_owned());
    send::use_lead_post(props, &state, &clinic);
    let LeadFocus { summary, outcome_message } = use_lead_focus(&state.0);
    let view = view::LeadView { props, form: &state.0, clinic: &clinic, dispatcher: state.dispatcher() };
    if state.0.status == LeadStatus::Sent {
        view.sent(outcome_message)
    } else {
        view.form(summary, outcome_message)
    }
}

/// Where focus goes in the form: its error summary after every invalid submit, and the message
/// saying whether the results were sent.
struct LeadFocus {
    summary: NodeRef,
    outcome_message: NodeRef,
}

#[hook]
fn use_lead_focus(form: &LeadForm) -> LeadFocus {
    let summary = use_node_ref();
    let outcome_message = use_node_ref();
    {
        let summary = summary.clone();
        use_effect_with(form.failed_attempts, move |&attempts| {
            if attempts > 0 {
                focus(&summary);
            }
        });
    }
    {
        let outcome_message = outcome_message.clone();
        use_effect_with(form.status.clone(), move |status| {
            if matches!(status, LeadStatus::Sent | LeadStatus::Failed(_)) {
                focus(&outcome_message);
            }
        });
    }
    LeadFocus { summary, outcome_message }
}
