//! The page's side of the recogniser worker: started on first use, kept for the session, one
//! callback per request.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker};

use lede_core::entity::wire::{Outcome, READY, Request, decode_reply};

/// Trunk builds the worker (`crates/lede-worker`) with a loader of this name.
const WORKER_URL: &str = "/lede-ner-worker_loader.js";

type Callback = Box<dyn FnOnce(Outcome)>;

struct Client {
    worker: Worker,
    next_id: u32,
    pending: Vec<(u32, Callback)>,
    /// Requests made before the worker said it was ready (it would drop them).
    waiting: Option<Vec<JsValue>>,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
}

/// Asks the worker to recognise the entities of `blocks`; `done` runs with the outcome.
pub fn recognise(blocks: Vec<String>, done: impl FnOnce(Outcome) + 'static) {
    let result = CLIENT.with(|cell| -> Result<(), String> {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = Some(start()?);
        }
        let client = slot.as_mut().expect("started above");
        client.next_id += 1;
        let id = client.next_id;
        let message =
            JsValue::from_str(&Request { id, model_url: lede_core::routes::MODEL.to_string(), blocks }.encode());
        match &mut client.waiting {
            Some(queue) => queue.push(message),
            None => client.worker.post_message(&message).map_err(|e| format!("{e:?}"))?,
        }
        client.pending.push((id, Box::new(done)));
        Ok(())
    });
    if let Err(message) = result {
        web_sys::console::warn_1(&format!("Lede: entity recognition unavailable: {message}").into());
    }
}

fn start() -> Result<Client, String> {
    let worker = Worker::new(WORKER_URL).map_err(|e| format!("cannot start the worker: {e:?}"))?;
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        let Some(text) = event.data().as_string() else { return };
        if text == READY {
            CLIENT.with(|cell| {
                if let Some(client) = cell.borrow_mut().as_mut() {
                    for message in client.waiting.take().unwrap_or_default() {
                        let _ = client.worker.post_message(&message);
                    }
                }
            });
            return;
        }
        let Some((id, outcome)) = decode_reply(&text) else { return };
        let callback = CLIENT.with(|cell| {
            cell.borrow_mut()
                .as_mut()
                .and_then(|c| c.pending.iter().position(|(i, _)| *i == id).map(|at| c.pending.remove(at).1))
        });
        if let Some(callback) = callback {
            callback(outcome);
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget(); // lives as long as the worker: the whole session
    Ok(Client { worker, next_id: 0, pending: Vec::new(), waiting: Some(Vec::new()) })
}
