//! The recogniser's web worker. The page posts it the text of a story; it loads the model on
//! first use, recognises the entities and posts them back, so the page's main thread never
//! runs the model and the reader can scroll while it works. This crate is the only one that
//! links the model code: the reader's own wasm (the `lede` crate) does not depend on lede-ner.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Uint8Array;
use lede_core::entity::wire::{Outcome, READY, Request, encode_reply};
use lede_ner::Recogniser;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Response};

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let recogniser: Rc<RefCell<Option<Rc<Recogniser>>>> = Rc::default();
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let scope = reply_scope.clone();
        let recogniser = recogniser.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let reply = match event.data().as_string().as_deref().and_then(Request::decode) {
                Some(request) => encode_reply(request.id, &handle(&scope, &recogniser, request).await),
                None => encode_reply(0, &Outcome::Failed("not a recognition request".into())),
            };
            let _ = scope.post_message(&JsValue::from_str(&reply));
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages that arrived while the wasm was loading found no handler and were dropped: tell
    // the page we are listening now, and it sends what it was holding.
    let _ = scope.post_message(&JsValue::from_str(READY));
}

async fn handle(
    scope: &DedicatedWorkerGlobalScope,
    cache: &Rc<RefCell<Option<Rc<Recogniser>>>>,
    request: Request,
) -> Outcome {
    let loaded = cache.borrow().clone();
    let recogniser = match loaded {
        Some(r) => r,
        None => match load_model(scope, &request.model_url).await {
            Ok(r) => {
                let r = Rc::new(r);
                *cache.borrow_mut() = Some(r.clone());
                r
            }
            Err(e) => return Outcome::Failed(e),
        },
    };
    let analysis = recogniser.analyse(&request.blocks);
    Outcome::Done { analysis }
}

async fn load_model(scope: &DedicatedWorkerGlobalScope, url: &str) -> Result<Recogniser, String> {
    let error = |what: &str, e: JsValue| format!("{what} {url}: {}", e.as_string().unwrap_or_else(|| format!("{e:?}")));
    let response: Response =
        JsFuture::from(scope.fetch_with_str(url)).await.map_err(|e| error("cannot fetch", e))?.unchecked_into();
    if !response.ok() {
        return Err(format!("cannot fetch {url}: status {}", response.status()));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(|e| error("cannot read", e))?)
        .await
        .map_err(|e| error("cannot read", e))?;
    let bytes = Uint8Array::new(&buffer).to_vec();
    Recogniser::from_bytes(&bytes).map_err(|e| format!("the model at {url} is damaged: {e}"))
}
