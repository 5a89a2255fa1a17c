//! Focus follows the visitor: the new screen's heading (not on page load), and the error summary
//! after every invalid Continue. Editing an answer never moves focus.

use yew::prelude::*;

use crate::browser::focus;
use crate::flow::Flow;

/// Where focus goes on a step; the screens put these on their heading and error summary.
pub struct StepFocus {
    pub heading: NodeRef,
    pub error_summary: NodeRef,
}

#[hook]
pub fn use_step_focus(flow: &Flow) -> StepFocus {
    let heading = use_node_ref();
    let error_summary = use_node_ref();
    {
        let heading = heading.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(flow.screen, move |_| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                focus(&heading);
            }
        });
    }
    {
        let error_summary = error_summary.clone();
        use_effect_with(flow.failed_attempts, move |&attempts| {
            if attempts > 0 {
                focus(&error_summary);
            }
        });
    }
    StepFocus { heading, error_summary }
}
