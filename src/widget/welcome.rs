//! The start screen: what this is, how long it takes, that answers stay on this device.

use std::rc::Rc;

use yew::prelude::*;

use crate::protocol::ValidProtocol;

#[derive(Properties, PartialEq)]
pub struct WelcomeProps {
    pub protocol: Rc<ValidProtocol>,
    pub heading: NodeRef,
    pub on_start: Callback<()>,
}

#[component]
pub fn Welcome(props: &WelcomeProps) -> Html {
    let doc = &props.protocol.protocol;
    let treatment = doc.treatment.name.get("en").to_lowercase();
    let on_click = props.on_start.reform(|_: MouseEvent| ());
    html! {
        <section class="candidacy-screen" data-step="welcome">
            <h1 class="candidacy-heading" ref={props.heading.clone()} tabindex="-1">
                {format!("Check if {treatment} could be right for you")}
            </h1>
            <p class="candidacy-lead">{format!("Answer a few questions about your skin and your health. It takes about 2 minutes.")}</p>
            <ul class="candidacy-list">
                <li>{"Your answers stay on this device unless you choose to send them to the clinic."}</li>
                <li>{doc.disclaimer.get("en")}</li>
            </ul>
            <button type="button" class="candidacy-button candidacy-button-start" data-action="start" onclick={on_click}>
                {"Start now"}
            </button>
        </section>
    }
}
