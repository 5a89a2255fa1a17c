//! The widget mounted in a real DOM, in headless Chromium (wasm-bindgen-test): render, let Yew
//! flush, then read the DOM as a visitor's browser has it. Run by `scripts/test.sh`.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement};

use candidacy_core::flow::{reduce, Action, Flow, Screen};
use candidacy_core::protocol::ValidProtocol;
use candidacy_embed::session::SavedFlow;

wasm_bindgen_test_configure!(run_in_browser);

const STORAGE_KEY: &str = "candidacy:quiz-1:microneedling";

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh host element with the clinic's attributes, no saved quiz, and a history entry no
/// widget has written to (as on a page just opened).
fn mount_point(extra: &[(&str, &str)]) -> HtmlElement {
    let storage = web_sys::window().unwrap().session_storage().unwrap().unwrap();
    storage.clear().unwrap();
    web_sys::window().unwrap().history().unwrap().replace_state(&wasm_bindgen::JsValue::NULL, "").unwrap();
    let host: HtmlElement = document().create_element("candidacy-quiz").unwrap().dyn_into().unwrap();
    host.set_attribute("clinic-name", "Glow Clinic").unwrap();
    host.set_attribute("booking-url", "https://clinic.example/book").unwrap();
    host.set_attribute("phone", "+1 555 0100").unwrap();
    for (name, value) in extra {
        host.set_attribute(name, value).unwrap();
    }
    document().body().unwrap().append_child(&host).unwrap();
    host
}

/// Mounts the widget as the loader does: in an open shadow root of `host`. Returns the mount point.
fn mount(host: &HtmlElement) -> Element {
    let shadow = host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)).unwrap();
    let root = document().create_element("div").unwrap();
    shadow.append_child(&root).unwrap();
    std::mem::forget(candidacy_widget::mount(host.clone(), root.clone(), "quiz-1".to_owned()));
    root
}

/// Lets Yew render and run its effects.
async fn flush() {
    for _ in 0..3 {
        gloo::timers::future::TimeoutFuture::new(0).await;
    }
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no `{selector}` in:\n{}", root.inner_html()))
}

async fn click(root: &Element, selector: &str) {
    find(root, selector).dyn_into::<HtmlElement>().unwrap().click();
    flush().await;
}

/// The focused element's text, looking inside the widget's shadow root.
fn active_element_text(root: &Element) -> String {
    let shadow: web_sys::ShadowRoot = root.get_root_node().dyn_into().unwrap();
    shadow.active_element().and_then(|e| e.text_content()).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn welcome_then_the_first_question_with_focus_on_its_heading() {
    let host = mount_point(&[]);
    let root = mount(&host);
    flush().await;
    assert_eq!(find(&root, "h1").text_content().unwrap(), "Check if microneedling could be right for you");
    let shadow: web_sys::ShadowRoot = root.get_root_node().dyn_into().unwrap();
    assert!(shadow.active_element().is_none(), "no focus on load");

    click(&root, "[data-action=start]").await;
    let question = find(&root, "section[data-question-id=concerns]");
    let legend_heading = find(&question, "fieldset > legend > h1");
    assert_eq!(legend_heading.text_content().unwrap(), "What would you like to improve?");
    assert_eq!(question.query_selector_all("input[type=checkbox]").unwrap().length(), 8);
    assert_eq!(find(&question, "input[value=acne_scars]").get_attribute("type").as_deref(), Some("checkbox"));
    assert_eq!(active_element_text(&root), "What would you like to improve?", "focus moved to the heading");
    assert!(find(&root, "[role=status]").text_content().unwrap().starts_with("Question 1 of about 25"));
}

#[wasm_bindgen_test]
async fn continue_without_an_answer_shows_the_error_summary_and_focuses_it() {
    let host = mount_point(&[("start", "first-question")]);
    let root = mount(&host);
    flush().await;
    click(&root, "[data-action=next]").await;
    let summary = find(&root, ".candidacy-error-summary");
    assert!(summary.text_content().unwrap().contains("There is a problem"));
    assert!(summary.text_content().unwrap().contains("Select what you would like to improve"));
    assert_eq!(
        find(&root, ".candidacy-error-message").text_content().unwrap(),
        "Error: Select what you would like to improve"
    );
    let shadow: web_sys::ShadowRoot = root.get_root_node().dyn_into().unwrap();
    assert!(shadow.active_element().unwrap().is_same_node(Some(summary.unchecked_ref())));
}

#[wasm_bindgen_test]
async fn ticking_a_concern_and_continuing_moves_on_and_saves_progress() {
    let host = mount_point(&[("start", "first-question")]);
    let root = mount(&host);
    flush().await;
    click(&root, "input[value=fine_lines]").await;
    assert!(find(&root, "input[value=fine_lines]").dyn_into::<HtmlInputElement>().unwrap().checked());
    click(&root, "[data-action=next]").await;
    find(&root, "section[data-question-id=treatment_area]");
    let saved = web_sys::window().unwrap().session_storage().unwrap().unwrap().get_item(STORAGE_KEY).unwrap().unwrap();
    assert!(saved.contains("\"concerns\":[\"fine_lines\"]"), "{saved}");
    assert!(saved.contains("treatment_area"), "the screen is saved too: {saved}");
}

#[wasm_bindgen_test]
async fn a_saved_quiz_resumes_at_check_answers_and_shows_the_result() {
    let protocol = built_in();
    let answers: serde_json::Value =
        serde_json::from_str(include_str!("../../../tests/protocols/safe-answers.json")).unwrap();
    let mut flow = Flow::new(&protocol);
    flow.answers = <candidacy_core::answers::Answers as candidacy_embed::answers_json::AnswersJson>::from_json(
        &protocol, &answers,
    )
    .unwrap();
    let flow = reduce(&protocol, flow, Action::Show(Screen::CheckAnswers));
    assert_eq!(flow.screen, Screen::CheckAnswers);

    let host = mount_point(&[]);
    let storage = web_sys::window().unwrap().session_storage().unwrap().unwrap();
    storage.set_item(STORAGE_KEY, &flow.save_at(&protocol, js_sys::Date::now())).unwrap();
    let root = mount(&host);
    flush().await;
    let check = find(&root, "[data-step=check-answers]");
    assert_eq!(check.query_selector_all("[data-action=change]").unwrap().length(), 23);

    click(&root, "[data-step=check-answers] [data-action=next]").await;
    let result = find(&root, "[data-outcome]");
    assert_eq!(result.get_attribute("data-outcome").as_deref(), Some("candidate"));
    assert_eq!(result.get_attribute("data-sessions-min").as_deref(), Some("3"));
    assert_eq!(result.get_attribute("data-sessions-max").as_deref(), Some("4"));
    assert_eq!(find(&root, "[data-action=book]").get_attribute("href").as_deref(), Some("https://clinic.example/book"));
    assert_eq!(find(&result, "[data-action=call]").get_attribute("href").as_deref(), Some("tel:+15550100"));
}

/// An entry's state as the widget writes it: `{candidacy: {"quiz-1": token}}`.
fn entry_naming(token: &str) -> wasm_bindgen::JsValue {
    let screens = js_sys::Object::new();
    js_sys::Reflect::set(&screens, &"quiz-1".into(), &token.into()).unwrap();
    let state = js_sys::Object::new();
    js_sys::Reflect::set(&state, &"candidacy".into(), &screens).unwrap();
    state.into()
}

fn entry_token() -> Option<String> {
    let state = web_sys::window().unwrap().history().unwrap().state().unwrap();
    let screens = js_sys::Reflect::get(&state, &"candidacy".into()).ok().filter(|s| s.is_object())?;
    js_sys::Reflect::get(&screens, &"quiz-1".into()).ok()?.as_string()
}

#[wasm_bindgen_test]
async fn resumed_progress_follows_an_entry_the_visitor_moved_to_before_the_widget_loaded() {
    // Saved on the second question; then Back, pressed while the widget loaded, put the browser
    // on the first question's entry with nobody listening to `popstate`.
    let protocol = built_in();
    let mut flow = Flow::new(&protocol);
    flow.answers = <candidacy_core::answers::Answers as candidacy_embed::answers_json::AnswersJson>::from_json(
        &protocol,
        &serde_json::json!({"concerns": ["fine_lines"]}),
    )
    .unwrap();
    let flow =
        reduce(&protocol, flow, Action::Show(Screen::Question(protocol.question_idx("treatment_area").unwrap())));
    let host = mount_point(&[]);
    let storage = web_sys::window().unwrap().session_storage().unwrap().unwrap();
    storage.set_item(STORAGE_KEY, &flow.save_at(&protocol, js_sys::Date::now())).unwrap();
    let history = web_sys::window().unwrap().history().unwrap();
    history.replace_state(&entry_naming("question:concerns"), "").unwrap();
    let root = mount(&host);
    flush().await;
    find(&root, "section[data-question-id=concerns] input[value=fine_lines]:checked");
    assert_eq!(entry_token().as_deref(), Some("question:concerns"), "the entry is left as the visitor found it");

    // A new quiz, though, finds a stale entry (its progress was discarded): it starts afresh.
    let host = mount_point(&[]);
    history.replace_state(&entry_naming("question:concerns"), "").unwrap();
    let root = mount(&host);
    flush().await;
    find(&root, "[data-step=welcome]");
    assert_eq!(entry_token().as_deref(), Some("welcome"));
}

#[wasm_bindgen_test]
async fn a_corrupt_saved_quiz_starts_afresh() {
    let host = mount_point(&[]);
    let storage = web_sys::window().unwrap().session_storage().unwrap().unwrap();
    storage.set_item(STORAGE_KEY, "{\"format\":1,<img src=x onerror=alert(1)>").unwrap();
    let root = mount(&host);
    flush().await;
    find(&root, "[data-step=welcome]");
    // Nothing is answered yet, so nothing is kept: the garbage is gone, not carried along.
    assert_eq!(storage.get_item(STORAGE_KEY).unwrap(), None, "the garbage is dropped");
}

#[wasm_bindgen_test]
async fn a_protocol_that_cannot_be_fetched_falls_back_to_the_clinics_contact_details() {
    let host = mount_point(&[("protocol", "/no-such-protocol.json")]);
    let root = mount(&host);
    for _ in 0..50 {
        flush().await;
        if root.query_selector("[data-step=fallback]").unwrap().is_some() {
            break;
        }
    }
    let fallback = find(&root, "[data-step=fallback]");
    assert_eq!(find(&fallback, "[data-action=call]").get_attribute("href").as_deref(), Some("tel:+15550100"));
    assert_eq!(
        find(&fallback, "[data-action=book]").get_attribute("href").as_deref(),
        Some("https://clinic.example/book")
    );
}

#[wasm_bindgen_test]
async fn a_javascript_booking_url_is_never_rendered() {
    let host = mount_point(&[("booking-url", "javascript:alert(1)")]);
    let root = mount(&host);
    flush().await;
    assert!(!root.inner_html().contains("javascript:"), "{}", root.inner_html());
    assert!(root.query_selector("[data-action=book]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn events_cross_the_shadow_root_and_bubble_to_the_document() {
    // Steps follow the visitor's answers: the page hears them only with `share-answers`.
    let host = mount_point(&[("share-answers", "")]);
    let root = mount(&host);
    flush().await;
    let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::<(String, String)>::new()));
    let listeners: Vec<_> = ["candidacy:start", "candidacy:step"]
        .into_iter()
        .map(|name| {
            let seen = seen.clone();
            gloo::events::EventListener::new(&document(), name, move |event| {
                let event: &web_sys::CustomEvent = event.dyn_ref().unwrap();
                let detail = js_sys::JSON::stringify(&event.detail()).unwrap().as_string().unwrap();
                seen.borrow_mut().push((event.type_(), detail));
            })
        })
        .collect();
    click(&root, "[data-action=start]").await;
    drop(listeners);
    let seen = seen.borrow();
    assert_eq!(seen.iter().map(|(name, _)| name.as_str()).collect::<Vec<_>>(), ["candidacy:start", "candidacy:step"]);
    assert!(seen[1].1.contains(r#""questionId":"concerns""#), "{}", seen[1].1);
    assert!(seen[1].1.contains(r#""answers":{}"#), "the answers so far, shared: {}", seen[1].1);
}

/// The built-in protocol as the widget runs it: compiled by `candidacy build`.
fn built_in() -> ValidProtocol {
    let compiled = include_bytes!("../../../static/protocols/microneedling.protocol.bin");
    candidacy_core::compiled::decode(compiled).expect("the built-in protocol is compiled and current").protocol
}
