//! "Listen to this story": reads the story aloud with the browser's speech synthesis, in the
//! story's language, one sentence at a time; the sentence being read is highlighted (with the CSS
//! Custom Highlight API, so the text's markup is never touched) and kept in view. Hidden where the
//! browser has no voice for the language.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Reflect;
use lede_core::text::sentences;
use leptos::prelude::*;

use crate::strings::t;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance};

/// One sentence to read: the element holding it and its byte range in that element's text.
#[derive(Clone)]
struct Sentence {
    element_id: String,
    text: String,
    start: usize,
    end: usize,
}

/// What reading aloud needs between events; kept on the page's thread.
struct Player {
    queue: Rc<Vec<Sentence>>,
    generation: Rc<RefCell<u32>>,
    language: String,
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    Idle,
    Speaking,
    Paused,
}

fn synth() -> Option<SpeechSynthesis> {
    if !cfg!(target_arch = "wasm32") {
        return None; // pre-rendering: rendered as the browser without voices sees it
    }
    let window = web_sys::window()?;
    // Feature-test first: the getter throws nothing but may be missing entirely.
    if !Reflect::has(&window, &"speechSynthesis".into()).unwrap_or(false) {
        return None;
    }
    window.speech_synthesis().ok()
}

/// The first voice that speaks `language` (matching the primary subtag). Read through `Reflect`
/// so that any voice-like object works, including a test's stand-in.
fn voice_for(language: &str) -> Option<JsValue> {
    let primary = language.split('-').next().unwrap_or("").to_ascii_lowercase();
    synth()?.get_voices().iter().find(|v| {
        let lang = Reflect::get(v, &"lang".into()).ok().and_then(|l| l.as_string()).unwrap_or_default();
        lang.to_ascii_lowercase().split(['-', '_']).next() == Some(primary.as_str())
    })
}

#[component]
pub fn Listen(
    /// `(element id, text)` for every block to read, in order.
    blocks: Vec<(String, String)>,
    #[prop(into)] language: String,
) -> impl IntoView {
    let available = RwSignal::new(voice_for(&language).is_some());
    // Voices often arrive after the page: look again when the browser says they changed.
    if let Some(synth) = synth() {
        let lang = language.clone();
        let on_change = Closure::<dyn FnMut()>::new(move || {
            available.try_set(voice_for(&lang).is_some());
        });
        synth.set_onvoiceschanged(Some(on_change.as_ref().unchecked_ref()));
        on_change.forget();
    }
    let queue: Vec<Sentence> = blocks
        .into_iter()
        .flat_map(|(element_id, text)| {
            sentences(&text)
                .into_iter()
                .map(|(start, end)| Sentence { element_id: element_id.clone(), text: text.clone(), start, end })
                .collect::<Vec<_>>()
        })
        .collect();
    let total = queue.len();
    let has_sentences = total > 0;
    let state = RwSignal::new(State::Idle);
    let index = RwSignal::new(0usize);
    // Percent of the normal speed (integers: no float parsing or formatting in the wasm).
    let rate = RwSignal::new(100u32);
    // Each start or skip begins a new generation; events of cancelled utterances are ignored.
    let player = StoredValue::new_local(Player { queue: Rc::new(queue), generation: Rc::default(), language });
    let speak_from = move |from: usize| {
        player
            .with_value(|p| speak(p.queue.clone(), from, p.generation.clone(), p.language.clone(), state, index, rate))
    };
    let start = move |_| match state.get_untracked() {
        State::Idle => speak_from(0),
        State::Speaking => {
            if let Some(s) = synth() {
                s.pause();
            }
            state.set(State::Paused);
        }
        State::Paused => {
            if let Some(s) = synth() {
                s.resume();
            }
            state.set(State::Speaking);
        }
    };
    let skip = move |_| {
        let next = index.get_untracked() + 1;
        if next < total { speak_from(next) } else { player.with_value(|p| stop(&p.generation, state)) }
    };
    let stop_button = move |_| player.with_value(|p| stop(&p.generation, state));
    on_cleanup(move || {
        if let Some(s) = synth() {
            s.cancel();
        }
        clear_highlight();
    });

    view! {
        <Show when=move || available.get() && has_sentences>
            <div class="listen" role="group" aria-label=t().listen_group>
                <button type="button" class="button button-small" on:click=start>
                    {move || match state.get() {
                        State::Idle => t().listen,
                        State::Speaking => t().pause,
                        State::Paused => t().resume,
                    }}
                </button>
                <Show when=move || state.get() != State::Idle>
                    <button type="button" class="button button-quiet button-small" on:click=skip>{t().skip_sentence}</button>
                    <button type="button" class="button button-quiet button-small" on:click=stop_button>{t().stop}</button>
                    <span class="listen-position" aria-live="off">{move || (t().sentence_of)(index.get() + 1, total)}</span>
                </Show>
                <label class="listen-rate">
                    {t().speed}
                    <select on:change=move |ev| rate.set(event_target_value(&ev).parse().unwrap_or(100))>
                        {[80u32, 100, 125, 150].into_iter().map(|r| view! {
                            <option value=r.to_string() selected=r == 100>{format!("{}×", crate::format::decimal(r.into(), 2, true))}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
        </Show>
    }
}

fn speak(
    queue: Rc<Vec<Sentence>>,
    from: usize,
    generation: Rc<RefCell<u32>>,
    language: String,
    state: RwSignal<State>,
    index: RwSignal<usize>,
    rate: RwSignal<u32>,
) {
    let Some(synth) = synth() else { return };
    let mine = {
        let mut g = generation.borrow_mut();
        *g += 1;
        *g
    };
    synth.cancel();
    let Some(sentence) = queue.get(from).cloned() else {
        state.set(State::Idle);
        clear_highlight();
        return;
    };
    let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(&sentence.text[sentence.start..sentence.end]) else {
        return;
    };
    utterance.set_lang(&language);
    utterance.set_rate(rate.get_untracked() as f32 / 100.0);
    if let Some(voice) = voice_for(&language) {
        // A setter that rejects the voice throws; Reflect turns that into an ignored error.
        let _ = Reflect::set(&utterance, &"voice".into(), &voice);
    }
    let on_end = Closure::<dyn FnMut()>::new(move || {
        // A cancelled utterance also ends; only the current one moves on.
        if *generation.borrow() == mine && state.try_get_untracked() == Some(State::Speaking) {
            speak(queue.clone(), from + 1, generation.clone(), language.clone(), state, index, rate);
        }
    });
    utterance.set_onend(Some(on_end.as_ref().unchecked_ref()));
    on_end.forget(); // one closure per sentence read: bounded by the story's length
    index.set(from);
    state.set(State::Speaking);
    highlight(&sentence);
    synth.speak(&utterance);
}

fn stop(generation: &Rc<RefCell<u32>>, state: RwSignal<State>) {
    *generation.borrow_mut() += 1;
    cancel_all(state);
}

fn cancel_all(state: RwSignal<State>) {
    // Idle first: the cancelled utterance's end event then does not move on.
    state.set(State::Idle);
    if let Some(s) = synth() {
        s.cancel();
    }
    clear_highlight();
}

/// Highlights a sentence without changing the DOM: a Range over its text nodes, registered with
/// `CSS.highlights` (styled by `::highlight(lede-listen)`), then scrolled into view.
fn highlight(sentence: &Sentence) {
    let Some(element) = document().get_element_by_id(&sentence.element_id) else { return };
    if let Some(range) = text_range(&element, &sentence.text, sentence.start, sentence.end) {
        let constructor = Reflect::get(&js_sys::global(), &"Highlight".into())
            .ok()
            .and_then(|c| c.dyn_into::<js_sys::Function>().ok());
        if let (Some(registry), Some(constructor)) = (highlight_registry(), constructor)
            && let Ok(h) = Reflect::construct(&constructor, &js_sys::Array::of1(&range))
        {
            call(&registry, "set", &[LISTEN_HIGHLIGHT.into(), h]);
        }
        if let Some(node) = range.start_container().ok().and_then(|n| n.parent_element()) {
            crate::dom::scroll_to_middle(&node);
        }
    }
    let _ = element.set_attribute("data-listening", "");
}

fn clear_highlight() {
    if !cfg!(target_arch = "wasm32") {
        return; // pre-rendering: no page to clear
    }
    if let Some(registry) = highlight_registry() {
        call(&registry, "delete", &[LISTEN_HIGHLIGHT.into()]);
    }
    if let Ok(list) = document().query_selector_all("[data-listening]") {
        for i in 0..list.length() {
            if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                let _ = el.remove_attribute("data-listening");
            }
        }
    }
}

/// The name `::highlight(lede-listen)` styles.
const LISTEN_HIGHLIGHT: &str = "lede-listen";

/// `CSS.highlights`, where the browser has the Custom Highlight API.
fn highlight_registry() -> Option<JsValue> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    let css = Reflect::get(&js_sys::global(), &"CSS".into()).ok()?;
    Reflect::get(&css, &"highlights".into()).ok().filter(|h| !h.is_undefined())
}

/// Calls `target.name(...args)`, ignoring a missing method or a throw.
fn call(target: &JsValue, name: &str, args: &[JsValue]) {
    if let Ok(f) = Reflect::get(target, &name.into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
        let _ = f.apply(target, &args.iter().collect::<js_sys::Array>());
    }
}

/// A DOM Range over bytes `start..end` of `text`, the text content of `element` (converted to
/// the UTF-16 offsets the DOM counts in, across however many text nodes the marks made).
fn text_range(element: &web_sys::Element, text: &str, start: usize, end: usize) -> Option<web_sys::Range> {
    let utf16 = |byte: usize| text.get(..byte).map(|s| s.encode_utf16().count());
    let (start, end) = (utf16(start)?, utf16(end)?);
    let walker = document().create_tree_walker_with_what_to_show(element, 4 /* SHOW_TEXT */).ok()?;
    let range = document().create_range().ok()?;
    let mut seen = 0usize;
    let (mut started, mut ended) = (false, false);
    while let Ok(Some(node)) = walker.next_node() {
        let len = node.text_content().map(|t| t.encode_utf16().count()).unwrap_or(0);
        if !started && start <= seen + len {
            range.set_start(&node, (start - seen) as u32).ok()?;
            started = true;
        }
        if started && end <= seen + len {
            range.set_end(&node, (end - seen) as u32).ok()?;
            ended = true;
            break;
        }
        seen += len;
    }
    (started && ended).then_some(range)
}
