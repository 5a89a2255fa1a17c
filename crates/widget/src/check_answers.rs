//! Check your answers: every answer on the path in asking order, each with a Change control.

use std::rc::Rc;

use yew::prelude::*;

use super::locale::use_locale;

use crate::engine::Walk;
use crate::messages::{fill, messages};
use crate::protocol::{QuestionIdx, ValidProtocol};
use crate::report::answer_text;

#[derive(Properties, PartialEq)]
pub struct CheckAnswersProps {
    pub protocol: Rc<ValidProtocol>,
    /// The visitor's path, as the quiz walked it.
    pub walk: Rc<Walk>,
    pub heading: NodeRef,
    pub on_change: Callback<QuestionIdx>,
    pub on_see_result: Callback<()>,
    pub on_back: Callback<()>,
}

#[component]
pub fn CheckAnswers(props: &CheckAnswersProps) -> Html {
    let protocol = &props.protocol;
    let locale = use_locale();
    let words = messages(&locale);
    let walk = &props.walk;
    let rows = walk.asked.iter().filter_map(|&question| {
        let value = walk.answers.get(question)?;
        let doc = &protocol.questions()[question];
        let on_change = props.on_change.reform(move |_: MouseEvent| question);
        Some(html! {
            <div class="candidacy-summary-row" data-question-id={doc.id.clone()}>
                <dt class="candidacy-summary-key">{doc.prompt.get(&locale)}</dt>
                <dd class="candidacy-summary-value">{answer_text(protocol, question, value, &locale)}</dd>
                <dd class="candidacy-summary-actions">
                    <button type="button" class="candidacy-link-button" data-action="change" data-question-id={doc.id.clone()} onclick={on_change}>
                        {words.change}<span class="candidacy-visually-hidden">{fill(words.change_hidden, &[("prompt", doc.prompt.get(&locale))])}</span>
                    </button>
                </dd>
            </div>
        })
    });
    html! {
        <section class="candidacy-screen" data-step="check-answers">
            <button type="button" class="candidacy-back-link" data-action="back" onclick={props.on_back.reform(|_: MouseEvent| ())}>{words.back}</button>
            <h1 class="candidacy-heading" ref={props.heading.clone()} tabindex="-1">{words.check_heading}</h1>
            <dl class="candidacy-summary">{ for rows }</dl>
            <button type="button" class="candidacy-button" data-action="next" onclick={props.on_see_result.reform(|_: MouseEvent| ())}>
                {words.see_result}
            </button>
        </section>
    }
}
