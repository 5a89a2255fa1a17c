//! The top component: gets the compiled protocol ready (built in, or fetched from the `protocol`
//! attribute) with the texts of the visitor's language, then shows the quiz; or the clinic's
//! contact details if the protocol cannot be used.

use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::contact::Fallback;
use super::host::Host;
use super::load::{self, Source};
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
    /// The protocol, with the languages whose texts it holds (English always).
    Ready(Rc<ValidProtocol>, Rc<Vec<String>>),
    Failed,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    // Languages whose texts could not be had: asked for once, then English serves.
    let failed = use_mut_ref(Vec::<String>::new);
    let source = match &props.config.protocol_url {
        Some(url) => Source::Url(url.clone()),
        None => Source::BuiltIn { assets: props.host.assets.clone() },
    };
    // The built-in protocol in English is ready at once: no fetch before the first screen.
    let loading = use_state(|| match &source {
        Source::Url(_) => Loading::InProgress,
        Source::BuiltIn { .. } => match load::built_in() {
            Ok(protocol) if locale_for(&protocol.protocol.locales, &props.config, &props.host) == "en" => {
                Loading::Ready(Rc::new(protocol), Rc::new(vec!["en".to_owned()]))
            }
            // Another language's texts to fetch first, or the error to report: the effect does both.
            _ => Loading::InProgress,
        },
    });
    {
        let (loading, config, host, failed) =
            (loading.clone(), props.config.clone(), props.host.clone(), failed.clone());
        use_effect_with(source.clone(), move |source| {
            if !matches!(*loading, Loading::InProgress) {
                return;
            }
            let source = source.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let protocol = match &source {
                    Source::BuiltIn { .. } => load::built_in().map_err(|why| why.to_string()),
                    Source::Url(url) => load::fetch_protocol(url).await,
                };
                let protocol = match protocol {
                    Ok(protocol) => protocol,
                    Err(why) => {
                        browser::error(&format!("candidacy: cannot use the protocol at `{}`: {why}", source.name()));
                        return loading.set(Loading::Failed);
                    }
                };
                // The page's language first, so a Spanish page never flashes English.
                let locale = locale_for(&protocol.protocol.locales, &config, &host).to_string();
                loading.set(ready_in(&source, protocol, &[], &locale, &failed).await);
            });
        });
    }
    // The page hears when the quiz is on screen, or that the clinic's details are shown instead.
    {
        let (host, config) = (props.host.clone(), props.config.clone());
        use_effect_with((*loading).clone(), move |loading| match loading {
            Loading::InProgress => {}
            Loading::Ready(protocol, languages) => {
                let locale = locale_for(languages, &config, &host).to_string();
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
        Loading::Ready(protocol, languages) => {
            // Among the languages whose texts are here: one that failed to load leaves English.
            let locale = locale_for(languages, &props.config, &props.host);
            if let Some(requested) = props.config.locale.as_deref() {
                if crate::protocol::best_locale(&protocol.protocol.locales, requested).is_none() {
                    let id = &protocol.protocol.id;
                    browser::warn(&format!(
                        "candidacy: ignoring attribute `locale`: protocol `{id}` has no `{requested}` texts"
                    ));
                }
            }
            // The visitor chose a language whose texts are not here yet: fetch them (English shows
            // meanwhile, and stays if they cannot be had).
            let on_locale = {
                let (loading, protocol, languages) = (loading.clone(), protocol.clone(), languages.clone());
                Callback::from(move |locale: String| {
                    if languages.contains(&locale) || failed.borrow().contains(&locale) {
                        return;
                    }
                    let (loading, protocol, languages, source, failed) =
                        (loading.clone(), protocol.clone(), languages.clone(), source.clone(), failed.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        loading.set(ready_in(&source, (*protocol).clone(), &languages, &locale, &failed).await);
                    });
                })
            };
            html! {
                <Quiz protocol={protocol.clone()} config={props.config.clone()} host={props.host.clone()} page_locale={locale} languages={languages.clone()} {on_locale} />
            }
        }
        Loading::Failed => {
            let locale = locale_for(&interface_locales, &props.config, &props.host);
            html! { <Fallback config={props.config.clone()} {locale} /> }
        }
    }
}

/// `protocol` ready to show in `locale`: with that language's texts added unless `languages`
/// (besides English) has them already; in English, with a console warning, if they cannot be had
/// (and `failed` remembers it).
async fn ready_in(
    source: &Source,
    protocol: ValidProtocol,
    languages: &[String],
    locale: &str,
    failed: &Rc<std::cell::RefCell<Vec<String>>>,
) -> Loading {
    let mut languages = languages.to_vec();
    if !languages.iter().any(|have| have == "en") {
        languages.push("en".to_owned());
    }
    let declared = protocol.protocol.locales.iter().any(|declared| declared == locale);
    if languages.iter().any(|have| have == locale) || !declared {
        return Loading::Ready(Rc::new(protocol), Rc::new(languages));
    }
    match load::with_texts(source, &protocol, locale).await {
        Ok(with) => {
            languages.push(locale.to_owned());
            Loading::Ready(Rc::new(with), Rc::new(languages))
        }
        Err(why) => {
            browser::warn(&format!("candidacy: showing English: the `{locale}` texts cannot be used: {why}"));
            failed.borrow_mut().push(locale.to_owned());
            Loading::Ready(Rc::new(protocol), Rc::new(languages))
        }
    }
}

/// The locale of `available` for this element: its `locale` attribute, else the page's
/// language, else the browser's languages, else English.
fn locale_for(available: &[String], config: &Config, host: &Host) -> AttrValue {
    let requested = config.locale.iter().chain(&host.page_languages).map(String::as_str);
    AttrValue::from(crate::protocol::negotiate(available, requested).to_owned())
}
