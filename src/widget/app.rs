//! The top component: loads the protocol (built in, or fetched from the `protocol` attribute),
//! then shows the quiz, or the clinic's contact details if the protocol cannot be used.

use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::contact::Fallback;
use super::host::Host;
use super::quiz::Quiz;
use crate::config::Config;
use crate::host_events::{FallbackCause, Lifecycle};
use crate::protocol::ValidProtocol;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub config: Rc<Config>,
    pub host: Host,
}

#[derive(Clone, PartialEq)]
enum Loading {
    InProgress,
    Ready(Rc<ValidProtocol>),
    Failed,
}

/// How long a protocol fetch may take before the visitor sees the fallback.
const FETCH_TIMEOUT_MS: u32 = 10_000;

#[component]
pub fn App(props: &AppProps) -> Html {
    let loading = use_state(|| match props.config.protocol_url {
        Some(_) => Loading::InProgress,
        // Validated only: `candidacy check` and `verify` prove the built-in protocol at build time.
        None => match crate::protocol::load("built-in protocol", crate::DEFAULT_PROTOCOL) {
            Ok(loaded) => Loading::Ready(Rc::new(loaded.protocol)),
            Err(_) => Loading::Failed,
        },
    });
    {
        let loading = loading.clone();
        use_effect_with(props.config.protocol_url.clone(), move |url| {
            if let Some(url) = url.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    match fetch_protocol(&url).await {
                        Ok(protocol) => loading.set(Loading::Ready(Rc::new(protocol))),
                        Err(why) => {
                            browser::error(&format!("candidacy: cannot use the protocol at `{url}`: {why}"));
                            loading.set(Loading::Failed);
                        }
                    }
                });
            }
        });
    }
    // The page hears when the quiz is on screen, or that the clinic's details are shown instead.
    {
        let (host, config) = (props.host.clone(), props.config.clone());
        use_effect_with((*loading).clone(), move |loading| match loading {
            Loading::InProgress => {}
            Loading::Ready(protocol) => {
                let locale = locale_for(&protocol.protocol.locales, &config, &host).to_string();
                host.announce(&Lifecycle::Ready { locale }, Some(protocol));
            }
            Loading::Failed => host.announce(&Lifecycle::Fallback(FallbackCause::Protocol), None),
        });
    }
    // Before a protocol says which languages it has, the widget's own languages serve.
    let interface_locales: Vec<String> = crate::messages::INTERFACE_LOCALES.map(str::to_owned).to_vec();
    match &*loading {
        Loading::InProgress => {
            let locale = locale_for(&interface_locales, &props.config, &props.host);
            html! {
                <div class="candidacy" aria-busy="true" lang={locale.clone()}>
                    <p class="candidacy-loading" role="status">{crate::messages::messages(&locale).loading}</p>
                </div>
            }
        }
        Loading::Ready(protocol) => {
            let locale = locale_for(&protocol.protocol.locales, &props.config, &props.host);
            if let Some(requested) = props.config.locale.as_deref() {
                if crate::protocol::best_locale(&protocol.protocol.locales, requested).is_none() {
                    let id = &protocol.protocol.id;
                    browser::warn(&format!(
                        "candidacy: ignoring attribute `locale`: protocol `{id}` has no `{requested}` texts"
                    ));
                }
            }
            html! {
                <Quiz protocol={protocol.clone()} config={props.config.clone()} host={props.host.clone()} page_locale={locale} />
            }
        }
        Loading::Failed => {
            let locale = locale_for(&interface_locales, &props.config, &props.host);
            html! { <Fallback config={props.config.clone()} {locale} /> }
        }
    }
}

/// The locale of `available` for this element: its `locale` attribute, else the page's
/// language, else the browser's languages, else English.
fn locale_for(available: &[String], config: &Config, host: &Host) -> AttrValue {
    let requested = config.locale.iter().chain(&host.page_languages).map(String::as_str);
    AttrValue::from(crate::protocol::negotiate(available, requested).to_owned())
}

/// Fetches and checks a protocol, with a bounded wait.
async fn fetch_protocol(url: &str) -> Result<ValidProtocol, String> {
    let request = async {
        let response =
            gloo::net::http::Request::get(url).send().await.map_err(|e| format!("the request failed: {e}"))?;
        if !response.ok() {
            return Err(format!("the server answered {} {}", response.status(), response.status_text()));
        }
        let text = response.text().await.map_err(|e| format!("the response could not be read: {e}"))?;
        // Validation, not `check`'s path exploration: unreachable questions are the author's
        // concern (`candidacy check`), and the widget stays small and quick to start.
        crate::protocol::load(url, &text)
            .map(|loaded| loaded.protocol)
            .map_err(|diagnostics| format!("the protocol is invalid:\n{diagnostics}"))
    };
    let timeout = gloo::timers::future::TimeoutFuture::new(FETCH_TIMEOUT_MS);
    match futures::future::select(std::pin::pin!(request), timeout).await {
        futures::future::Either::Left((result, _)) => result,
        futures::future::Either::Right(_) => Err(format!("no answer within {} seconds", FETCH_TIMEOUT_MS / 1000)),
    }
}
