//! Rough use, in headless Chromium (wasm-bindgen-test): random walks through the real widget that
//! answer (validly or not), continue, go back, change answers, start over, move through history
//! (popstate to earlier entries' states) and reload (unmount and mount again from saved
//! progress). After every step the screen on show must be the one the saved state and the engine
//! agree on; every walk ends on a result equal to the engine's recommendation.
//! `ROUGH_WALKS` walks (1,000 by default) run with a fixed seed.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement};

use candidacy_core::engine;
use candidacy_core::flow::{Flow, Screen};
use candidacy_core::protocol::ValidProtocol;
use candidacy_embed::session::SavedFlow;

wasm_bindgen_test_configure!(run_in_browser);

const WALKS: usize = 1_000;
const STORAGE_KEY: &str = "candidacy:rough:microneedling";

/// A small, seeded xorshift: the same walks on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

struct Widget {
    host: HtmlElement,
    root: Element,
    app: Option<candidacy_widget::Mounted>,
}

impl Widget {
    fn new() -> Widget {
        let document = web_sys::window().unwrap().document().unwrap();
        let host: HtmlElement = document.create_element("candidacy-quiz").unwrap().dyn_into().unwrap();
        host.set_attribute("phone", "+1 555 0100").unwrap();
        document.body().unwrap().append_child(&host).unwrap();
        host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)).unwrap();
        let root = document.create_element("div").unwrap();
        let mut widget = Widget { host, root, app: None };
        widget.mount();
        widget
    }

    /// A reload, as far as the widget can tell: unmounted, then mounted again from saved progress.
    fn mount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        let shadow = self.host.shadow_root().unwrap();
        shadow.set_inner_html("");
        self.root = web_sys::window().unwrap().document().unwrap().create_element("div").unwrap();
        shadow.append_child(&self.root).unwrap();
        self.app = Some(candidacy_widget::mount(self.host.clone(), self.root.clone(), "rough".to_owned()));
    }

    fn all(&self, selector: &str) -> Vec<HtmlElement> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect()
    }

    fn one(&self, selector: &str) -> Option<HtmlElement> {
        self.all(selector).into_iter().next()
    }

    async fn click(&self, selector: &str) -> bool {
        match self.one(selector) {
            Some(element) => {
                element.click();
                flush().await;
                true
            }
            None => false,
        }
    }
}

/// Lets Yew render and run its effects: a few microtasks, then one whole task (Yew puts off to the
/// next task what takes it over 16 ms).
async fn flush() {
    for _ in 0..4 {
        let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL)).await;
    }
    settle().await;
}

/// Yields one browser task through a `MessageChannel`: unlike `setTimeout(0)`, never clamped to 4 ms.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let channel = web_sys::MessageChannel::new().unwrap();
        let port = channel.port1();
        let on_message = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        });
        port.set_onmessage(Some(on_message.unchecked_ref()));
        channel.port2().post_message(&wasm_bindgen::JsValue::NULL).unwrap();
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// What the widget shows, read from its public hooks.
#[derive(Debug, PartialEq)]
enum Shown {
    Welcome,
    Question(String),
    CheckAnswers,
    Result(String),
}

fn shown(widget: &Widget) -> Shown {
    if widget.one("[data-step=welcome]").is_some() {
        Shown::Welcome
    } else if let Some(section) = widget.one("section[data-question-id]") {
        Shown::Question(section.get_attribute("data-question-id").unwrap())
    } else if widget.one("[data-step=check-answers]").is_some() {
        Shown::CheckAnswers
    } else if let Some(result) = widget.one("[data-outcome]") {
        Shown::Result(result.get_attribute("data-outcome").unwrap())
    } else {
        panic!("nothing recognisable on screen:\n{}", widget.root.inner_html())
    }
}

/// The screen the saved state and the engine call for must be the one on show. Yew may run the
/// saving effect a task after the DOM changes, so a disagreement gets a few more ticks to settle.
async fn check_agreement(protocol: &ValidProtocol, widget: &Widget, walk: usize, step: usize, trace: &[String]) {
    for _ in 0..5 {
        if disagreement(protocol, widget).is_none() {
            return;
        }
        settle().await;
    }
    if let Some(why) = disagreement(protocol, widget) {
        panic!("walk {walk} step {step}: {why}\nsteps: {}", trace.join(" → "));
    }
}

fn disagreement(protocol: &ValidProtocol, widget: &Widget) -> Option<String> {
    let storage = web_sys::window().unwrap().session_storage().unwrap().unwrap();
    let on_screen = shown(widget);
    let Some(saved) = storage.get_item(STORAGE_KEY).unwrap() else {
        // No answer yet: the start screen or the first question, nothing else.
        let first = protocol.questions()[engine::walk(protocol, &Flow::new(protocol).answers).next.unwrap()].id.clone();
        let fine = on_screen == Shown::Welcome || on_screen == Shown::Question(first);
        return (!fine).then(|| format!("{on_screen:?} with nothing saved"));
    };
    let flow = match Flow::restore(protocol, &saved) {
        Ok(flow) => flow,
        Err(e) => return Some(format!("the saved state does not restore: {e}")),
    };
    let path = engine::walk(protocol, &flow.answers);
    let expected = match flow.screen {
        Screen::Welcome => Shown::Welcome,
        Screen::Question(q) if path.asked.contains(&q) || path.next == Some(q) => {
            Shown::Question(protocol.questions()[q].id.clone())
        }
        Screen::Question(q) => return Some(format!("question {} is off the path", protocol.questions()[q].id)),
        Screen::CheckAnswers => Shown::CheckAnswers,
        Screen::Result if path.next.is_none() => {
            Shown::Result(engine::recommend(protocol, &path).outcome.as_str().to_owned())
        }
        Screen::Result => return Some("a result with questions still open".to_owned()),
    };
    (on_screen != expected).then(|| format!("{on_screen:?} on screen, {expected:?} saved"))
}

/// Picks a random answer on the question on screen (sometimes none, sometimes out of range).
async fn answer_randomly(widget: &Widget, rng: &mut Rng) {
    if let Some(number) = widget.one("input[type=number]") {
        let input: HtmlInputElement = number.dyn_into().unwrap();
        let value = if rng.chance(10) { "".to_owned() } else { (rng.below(110) as i64 - 5).to_string() };
        input.set_value(&value);
        let event = web_sys::InputEvent::new("input").unwrap();
        input.dispatch_event(&event).unwrap();
    } else {
        let inputs = widget.all("input.candidacy-choice-input");
        let ticks = if inputs.first().is_some_and(|i| i.get_attribute("type").as_deref() == Some("checkbox")) {
            1 + rng.below(3)
        } else {
            1
        };
        for _ in 0..ticks {
            if !inputs.is_empty() && !rng.chance(5) {
                inputs[rng.below(inputs.len())].click();
            }
        }
    }
    flush().await;
}

/// Back or Forward to an entry with `state`: the browser makes it the current entry's state,
/// then fires `popstate` (a reload after it finds that state, as in a browser).
async fn popstate(state: &wasm_bindgen::JsValue) {
    web_sys::window().unwrap().history().unwrap().replace_state(state, "").unwrap();
    let init = web_sys::PopStateEventInit::new();
    init.set_state(state);
    let event = web_sys::PopStateEvent::new_with_event_init_dict("popstate", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
    flush().await;
}

#[wasm_bindgen_test]
async fn random_walks_with_back_forward_and_reload_end_where_the_engine_agrees() {
    let protocol = built_in();
    let storage = web_sys::window().unwrap().session_storage().unwrap().unwrap();
    let history = web_sys::window().unwrap().history().unwrap();
    let walks = option_env!("ROUGH_WALKS").and_then(|n| n.parse().ok()).unwrap_or(WALKS);
    let mut rng = Rng(0x5eed_cafe_f00d_u64);
    let mut widget = Widget::new();
    let mut steps_total = 0;
    for walk in 0..walks {
        storage.clear().unwrap();
        widget.mount();
        flush().await;
        let mut states: Vec<wasm_bindgen::JsValue> = vec![history.state().unwrap()];
        let mut step = 0;
        let mut trace = Vec::new();
        loop {
            step += 1;
            let roll = rng.below(100);
            trace.push(format!("{:?}/{roll}", shown(&widget)));
            match shown(&widget) {
                Shown::Welcome => {
                    widget.click("[data-action=start]").await;
                }
                Shown::Question(_) if roll < 70 => {
                    answer_randomly(&widget, &mut rng).await;
                    widget.click("[data-action=next]").await;
                }
                Shown::Question(_) if roll < 78 => {
                    widget.click("[data-action=next]").await; // Continue without a (new) answer
                }
                Shown::Question(_) if roll < 86 => {
                    widget.click("[data-action=back]").await;
                }
                Shown::CheckAnswers if roll < 25 => {
                    let rows = widget.all("[data-action=change]");
                    if !rows.is_empty() {
                        rows[rng.below(rows.len())].click();
                        flush().await;
                    }
                }
                Shown::CheckAnswers if roll < 85 => {
                    widget.click("[data-step=check-answers] [data-action=next]").await;
                }
                Shown::Result(_) if step > 30 || roll < 50 => break,
                Shown::Result(_) if roll < 75 => {
                    widget.click("[data-action=change-answers]").await;
                }
                Shown::Result(_) if roll < 80 => {
                    widget.click("[data-action=start-over]").await;
                }
                _ if roll < 93 && states.len() > 1 => {
                    // Back or Forward: the browser restores an earlier entry's state.
                    let earlier = states[rng.below(states.len())].clone();
                    popstate(&earlier).await;
                }
                _ => {
                    widget.mount(); // reload
                    flush().await;
                }
            }
            states.push(history.state().unwrap());
            check_agreement(&protocol, &widget, walk, step, &trace).await;
            if step > 40 {
                // Finish the walk: answer whatever is open, then the result.
                while let Shown::Question(_) | Shown::Welcome = shown(&widget) {
                    if !widget.click("[data-action=start]").await {
                        answer_randomly(&widget, &mut rng).await;
                        widget.click("[data-action=next]").await;
                    }
                    check_agreement(&protocol, &widget, walk, step, &trace).await;
                }
                widget.click("[data-step=check-answers] [data-action=next]").await;
            }
        }
        steps_total += step;
        check_agreement(&protocol, &widget, walk, step, &trace).await;
    }
    web_sys::console::log_1(&format!("rough use: {walks} walks, {steps_total} steps").into());
}

/// The built-in protocol as the widget runs it: compiled by `candidacy build`.
fn built_in() -> ValidProtocol {
    let compiled = include_bytes!("../../../static/protocols/microneedling.protocol.bin");
    candidacy_core::compiled::decode(compiled).expect("the built-in protocol is compiled and current").protocol
}
