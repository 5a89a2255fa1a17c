//! The result as it stands for this visitor: the result screen with the clinic's call to action
//! (campaign and outcome in its URL when the clinic asked), the answers to download as FHIR, and
//! the lead form when the clinic has a `lead-endpoint`. The engine's result comes worked out.

use std::rc::Rc;

use yew::prelude::*;

use super::path::Finished;
use crate::answers::Answers;
use crate::attribution::Attribution;
use crate::browser;
use crate::config::Config;
use crate::engine::Walk;
use crate::lead_form::LeadFormSection;
use crate::locale::use_locale;
use crate::protocol::ValidProtocol;
use crate::result::{call_to_action, ResultScreen};

#[derive(Properties, PartialEq)]
pub struct ResultStepProps {
    pub protocol: Rc<ValidProtocol>,
    pub config: Rc<Config>,
    /// The page's campaign parameters.
    pub attribution: Attribution,
    /// The visitor's answers, as the lead carries them.
    pub answers: Answers,
    pub walk: Rc<Walk>,
    pub result: Rc<Finished>,
    pub heading: NodeRef,
    pub on_change_answers: Callback<()>,
    pub on_start_over: Callback<()>,
    pub on_clear_answers: Callback<()>,
    pub on_lead_sent: Callback<()>,
}

#[component]
pub fn ResultStep(props: &ResultStepProps) -> Html {
    let (protocol, config) = (&props.protocol, &props.config);
    let locale = use_locale();
    let outcome = props.result.report.outcome;
    // Built when asked for: the visitor's answers as a FHIR QuestionnaireResponse file.
    let on_download = {
        let (protocol, walk, result, locale) =
            (protocol.clone(), props.walk.clone(), props.result.clone(), locale.clone());
        Callback::from(move |_: ()| {
            let authored = String::from(js_sys::Date::new_0().to_iso_string());
            let response =
                crate::fhir::questionnaire_response(&protocol, &walk, &result.recommendation, &locale, Some(&authored));
            let json = serde_json::to_string_pretty(&response).expect("a response serializes");
            let file = format!("{}-answers.fhir.json", protocol.protocol.id);
            if !browser::download(&file, "application/fhir+json", &json) {
                browser::warn("candidacy: the browser refused the download of the answers");
            }
        })
    };
    let lead_form = config.lead_endpoint.as_ref().map(|endpoint| {
        html! {
            <LeadFormSection
                protocol={protocol.clone()}
                answers={props.answers.clone()}
                {outcome}
                config={config.clone()}
                endpoint={endpoint.clone()}
                attribution={props.attribution.clone()}
                locale={locale.clone()}
                on_sent={props.on_lead_sent.clone()}
            />
        }
    });
    let mut params: Vec<(&str, &str)> = Vec::new();
    if config.cta_attribution {
        params.extend(props.attribution.pairs());
    }
    if config.analytics_outcome {
        params.push(("candidacy_outcome", outcome.as_str()));
    }
    let cta = call_to_action(config, outcome, &params, &locale);
    html! {
        <>
        <ResultScreen
            report={props.result.report.clone()}
            config={config.clone()}
            call_to_action={cta}
            heading={props.heading.clone()}
            on_change_answers={props.on_change_answers.clone()}
            on_start_over={props.on_start_over.clone()}
            on_clear_answers={props.on_clear_answers.clone()}
            summary={props.result.summary.clone()}
            {on_download}
        />
        {lead_form}
        </>
    }
}
