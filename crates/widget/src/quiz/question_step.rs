//! A question as it stands on the visitor's path: the question screen, with the start screen's
//! statements (and no Back) when the clinic skips the start screen and this is the first
//! question, and the glossary terms this question mentions for the first time.

use std::rc::Rc;

use yew::prelude::*;

use super::path::SameProtocol;
use crate::config::{Config, StartAt};
use crate::engine::Walk;
use crate::flow::{Draft, DraftError};
use crate::locale::use_locale;
use crate::protocol::{QuestionIdx, ValidProtocol};
use crate::question::QuestionScreen;
use crate::welcome::Statements;

#[derive(Properties, PartialEq)]
pub struct QuestionStepProps {
    pub protocol: Rc<ValidProtocol>,
    pub config: Rc<Config>,
    pub question: QuestionIdx,
    pub walk: Rc<Walk>,
    pub draft: Draft,
    pub error: Option<DraftError>,
    pub number: usize,
    pub about: usize,
    pub heading: NodeRef,
    pub error_summary: NodeRef,
    pub on_edit: Callback<Draft>,
    pub on_continue: Callback<()>,
    pub on_back: Callback<()>,
}

#[component]
pub fn QuestionStep(props: &QuestionStepProps) -> Html {
    let (protocol, question) = (&props.protocol, props.question);
    let locale = use_locale();
    let explain = {
        let key = (SameProtocol(protocol.clone()), props.walk.clone(), question, locale.clone());
        use_memo(key, |(protocol, walk, question, locale)| first_mentions_on(&protocol.0, walk, *question, locale))
    };
    // Skipping the start screen moves its statements (but the duration) to the first question.
    let first_of_path = props.walk.asked.first().copied().unwrap_or(question) == question;
    let skipped_start = props.config.start == StartAt::FirstQuestion && first_of_path;
    let intro = skipped_start.then(|| {
        html! { <Statements disclaimer={protocol.protocol.disclaimer.get(&locale).to_owned()} config={props.config.clone()} /> }
    });
    html! {
        <>
        {intro}
        <QuestionScreen
            protocol={protocol.clone()}
            {question}
            draft={props.draft.clone()}
            error={props.error}
            number={props.number}
            about={props.about}
            heading={props.heading.clone()}
            error_summary={props.error_summary.clone()}
            on_edit={props.on_edit.clone()}
            on_continue={props.on_continue.clone()}
            on_back={props.on_back.clone()}
            show_back={!skipped_start}
            explain={(*explain).clone()}
        />
        </>
    }
}

/// The glossary terms `question` mentions for the first time on the visitor's path.
fn first_mentions_on(
    protocol: &ValidProtocol,
    walk: &Walk,
    question: QuestionIdx,
    locale: &str,
) -> Vec<(String, String)> {
    use crate::protocol::glossary::{first_mentions, question_text};
    let questions = protocol.questions();
    let seen: Vec<String> =
        walk.asked.iter().take_while(|&&q| q != question).map(|&q| question_text(&questions[q], locale)).collect();
    first_mentions(&protocol.protocol.glossary, &seen, &question_text(&questions[question], locale), locale)
        .into_iter()
        .map(|entry| (entry.term.get(locale).to_owned(), entry.explanation.get(locale).to_owned()))
        .collect()
}
