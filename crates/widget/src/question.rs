//! One question on its own screen: the question is the heading (inside the `legend`), real radio
//! buttons, checkboxes or a number input, GOV.UK-style errors, Continue and Back.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

mod choices;

use super::locale::use_locale;
use choices::choices;

use crate::flow::{Draft, DraftError};
use crate::protocol::{QuestionIdx, QuestionKind, ValidProtocol};

#[derive(Properties, PartialEq)]
pub struct QuestionProps {
    pub protocol: Rc<ValidProtocol>,
    pub question: QuestionIdx,
    pub draft: Draft,
    pub error: Option<DraftError>,
    pub number: usize,
    pub about: usize,
    pub heading: NodeRef,
    pub error_summary: NodeRef,
    pub on_edit: Callback<Draft>,
    pub on_continue: Callback<()>,
    pub on_back: Callback<()>,
    /// Whether a Back link leads anywhere (not on the first question when the start screen is skipped).
    #[prop_or(true)]
    pub show_back: bool,
    /// Medical terms this question uses for the first time on the path: (term, explanation).
    #[prop_or_default]
    pub explain: Vec<(String, String)>,
}

#[component]
pub fn QuestionScreen(props: &QuestionProps) -> Html {
    let doc = &props.protocol.questions()[props.question];
    let model = &props.protocol.model.questions[props.question];
    let id = |part: &str| format!("candidacy-{}-{part}", doc.id);
    let first_input = use_node_ref();
    let locale = use_locale();
    let words = crate::messages::messages(&locale);
    let error_message = props.error.map(|error| error.message(&props.protocol, &locale));

    let on_submit = {
        let on_continue = props.on_continue.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_continue.emit(());
        })
    };
    let on_back = props.on_back.reform(|_: MouseEvent| ());
    let on_error_link = {
        let first_input = first_input.clone();
        let heading = props.heading.clone();
        Callback::from(move |event: MouseEvent| {
            // Stay on the host page's URL: focus by hand instead of following `#id`.
            event.prevent_default();
            if let Some(legend) = heading.cast::<web_sys::Element>() {
                legend.scroll_into_view();
            }
            if let Some(input) = first_input.cast::<web_sys::HtmlElement>() {
                let _ = input.focus();
            }
        })
    };

    let mut described_by = Vec::new();
    if doc.help.is_some() {
        described_by.push(id("hint"));
    }
    if props.error.is_some() {
        described_by.push(id("error"));
    }

    let choices = choices(&props.protocol, props.question, &props.draft, &locale);

    let first_input_id = match choices.first() {
        Some(choice) => id(&format!("option-{}", choice.value)),
        None => id("input"),
    };
    let input_type = if doc.kind == QuestionKind::MultipleChoice { "checkbox" } else { "radio" };
    let inputs = if doc.kind == QuestionKind::Number {
        let text = match &props.draft {
            Draft::Number(text) => text.clone(),
            _ => String::new(),
        };
        let on_input = props.on_edit.reform(|event: InputEvent| {
            let input: web_sys::HtmlInputElement = event.target().and_then(|t| t.dyn_into().ok()).expect("an input");
            Draft::Number(input.value())
        });
        let (min, max) = model.bounds;
        html! {
            <div class="candidacy-number">
                <input
                    ref={first_input.clone()}
                    id={id("input")}
                    class={classes!("candidacy-input", props.error.is_some().then_some("candidacy-input-error"))}
                    type="number"
                    name={id("input")}
                    inputmode="numeric"
                    min={min.to_string()}
                    max={max.to_string()}
                    step="1"
                    value={text}
                    aria-describedby={(!described_by.is_empty()).then(|| described_by.join(" "))}
                    aria-labelledby={id("heading")}
                    aria-invalid={props.error.is_some().then_some("true")}
                    oninput={on_input}
                />
                if let Some(unit) = &doc.unit {
                    <span class="candidacy-unit">{unit.get(&locale)}</span>
                }
            </div>
        }
    } else {
        html! {
            <div class={classes!("candidacy-choices", format!("candidacy-{input_type}es"))}>
                { for choices.into_iter().enumerate().map(|(i, choice)| {
                    let on_change = props.on_edit.reform({
                        let draft = choice.draft.clone();
                        move |_: Event| draft.clone()
                    });
                    let input_id = id(&format!("option-{}", choice.value));
                    let hint_id = format!("{input_id}-hint");
                    html! {
                        <div class="candidacy-choice">
                            <input
                                ref={if i == 0 { first_input.clone() } else { NodeRef::default() }}
                                id={input_id.clone()}
                                class="candidacy-choice-input"
                                type={input_type}
                                name={id("answer")}
                                value={choice.value.clone()}
                                checked={choice.checked}
                                aria-describedby={choice.hint.as_ref().map(|_| hint_id.clone())}
                                onchange={on_change}
                            />
                            <label class="candidacy-choice-label" for={input_id}>{choice.label}</label>
                            if let Some(hint) = choice.hint {
                                <p class="candidacy-choice-hint" id={hint_id}>{hint}</p>
                            }
                        </div>
                    }
                }) }
            </div>
        }
    };

    html! {
        <section class="candidacy-screen" data-question-id={doc.id.clone()}>
            if props.show_back {
                <button type="button" class="candidacy-back-link" data-action="back" onclick={on_back}>{words.back}</button>
            }
            if let Some(message) = &error_message {
                <div class="candidacy-error-summary" ref={props.error_summary.clone()} tabindex="-1">
                    <h2 class="candidacy-error-summary-title" id={id("error-title")}>{words.there_is_a_problem}</h2>
                    <ul class="candidacy-error-summary-list">
                        <li><a href={format!("#{first_input_id}")} onclick={on_error_link}>{message.clone()}</a></li>
                    </ul>
                </div>
            }
            <p class="candidacy-progress">{progress_text(&locale, props.number, props.about)}</p>
            <form class="candidacy-form" novalidate=true onsubmit={on_submit}>
                <div class={classes!("candidacy-field", props.error.is_some().then_some("candidacy-field-error"))}>
                    <fieldset class="candidacy-fieldset" aria-describedby={(!described_by.is_empty()).then(|| described_by.join(" "))}>
                        <legend class="candidacy-legend">
                            <h1 class="candidacy-heading" id={id("heading")} ref={props.heading.clone()} tabindex="-1">{doc.prompt.get(&locale)}</h1>
                        </legend>
                        if let Some(help) = &doc.help {
                            <p class="candidacy-hint" id={id("hint")}>{help.get(&locale)}</p>
                        }
                        if !props.explain.is_empty() {
                            <div class="candidacy-glossary">
                                <p class="candidacy-glossary-title">{words.glossary_title}</p>
                                <dl>
                                    { for props.explain.iter().map(|(term, explanation)| html! {
                                        <div class="candidacy-glossary-entry">
                                            <dt><dfn>{term.clone()}</dfn></dt>
                                            <dd>{explanation.clone()}</dd>
                                        </div>
                                    }) }
                                </dl>
                            </div>
                        }
                        if let Some(message) = &error_message {
                            <p class="candidacy-error-message" id={id("error")}>
                                <span class="candidacy-visually-hidden">{words.error_prefix}</span>{message.clone()}
                            </p>
                        }
                        {inputs}
                    </fieldset>
                </div>
                <button type="submit" class="candidacy-button" data-action="next">{words.continue_button}</button>
            </form>
        </section>
    }
}

/// "Question 3 of about 12", numbers as the language writes them.
pub fn progress_text(locale: &str, number: usize, about: usize) -> String {
    let written = |n: usize| crate::messages::number(locale, i64::try_from(n).unwrap_or(i64::MAX));
    let words = crate::messages::messages(locale);
    crate::messages::fill(words.progress, &[("number", &written(number)), ("about", &written(about))])
}
