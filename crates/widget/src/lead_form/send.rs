//! The lead's one POST: only ever from `Sending`, which only a checked, consented form reaches;
//! in test mode nothing leaves the browser.

use yew::prelude::*;

use super::{LeadFormProps, LeadState};
use crate::browser;
use crate::lead::{self, LeadAction, LeadStatus, SendFailure};

/// How long the clinic's server may take before the visitor is told it failed.
const POST_TIMEOUT_MS: u32 = 15_000;

/// Posts the form once it is `Sending`, then tells the reducer (and `on_sent`) how it went.
#[hook]
pub fn use_lead_post(props: &LeadFormProps, state: &UseReducerHandle<LeadState>, clinic: &str) {
    let dispatcher = state.dispatcher();
    let (endpoint, clinic, locale) = (props.endpoint.to_string(), clinic.to_owned(), props.locale.clone());
    let (protocol, answers, outcome, form) =
        (props.protocol.clone(), props.answers.clone(), props.outcome, state.0.clone());
    let (attribution, test_mode) = (props.attribution.clone(), props.config.test_mode);
    let hidden_fields = props.config.hidden_fields.clone();
    let on_sent = props.on_sent.clone();
    use_effect_with(state.0.status.clone(), move |status| {
        if *status == LeadStatus::Sending && test_mode {
            browser::warn("candidacy: test mode: the results were not sent");
            dispatcher.dispatch(LeadAction::Sent);
        } else if *status == LeadStatus::Sending {
            let submitted_at = String::from(js_sys::Date::new_0().to_iso_string());
            let consent = lead::Consent { clinic: &clinic, locale: &locale };
            let carried = lead::Carried { attribution: &attribution, hidden_fields: &hidden_fields };
            let body = lead::payload(&form, &protocol, &answers, outcome, consent, &submitted_at, carried);
            let body = body.to_string();
            wasm_bindgen_futures::spawn_local(async move {
                dispatcher.dispatch(match post(&endpoint, body).await {
                    Ok(()) => {
                        on_sent.emit(());
                        LeadAction::Sent
                    }
                    Err(why) => {
                        browser::warn(&format!(
                            "candidacy: the results were not sent to `{endpoint}`: {}",
                            why.message("en")
                        ));
                        LeadAction::Failed(why)
                    }
                });
            });
        }
    });
}

/// A POST of `body` as JSON, with a bounded wait; any 2xx answer is success.
async fn post(endpoint: &str, body: String) -> Result<(), SendFailure> {
    let request = async {
        let request = gloo::net::http::Request::post(endpoint)
            .header("Content-Type", "application/json")
            .body(body)
            .map_err(|_| SendFailure::Unreachable)?;
        let response = request.send().await.map_err(|_| SendFailure::Unreachable)?;
        if response.ok() {
            Ok(())
        } else {
            Err(SendFailure::Status(response.status()))
        }
    };
    let timeout = gloo::timers::future::TimeoutFuture::new(POST_TIMEOUT_MS);
    match futures::future::select(std::pin::pin!(request), timeout).await {
        futures::future::Either::Left((result, _)) => result,
        futures::future::Either::Right(_) => Err(SendFailure::TimedOut),
    }
}
