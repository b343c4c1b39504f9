//! The bill readers that run on the member's device (CSV exports, X12 claims and remittances, a
//! PDF's text layer), in a web worker of their own (`src/bin/advocate-bill-reader.rs`): the
//! member app does not download them until a member chooses a file on the bill page, and a long
//! X12 file is parsed off the page's thread, so the page keeps answering the keyboard.
//!
//! `read` is what the worker runs: the domain's readers (`bill_import::read_export`,
//! `read_text_layer`) behind one message type each way.
//! `BillReader` is the page's side: it starts the worker on first use and awaits its answers.
//! A build names the worker's script in the page (`<meta name="advocate-bill-reader">`, written
//! by `cargo xtask build` with the script's content hash, so a page never runs another release's
//! reader).

use advocate_domain::bill::Bill;
use advocate_domain::bill_import::layout::PageRuns;
use advocate_domain::bill_import::{BillReading, read_export, read_text_layer};
use serde::{Deserialize, Serialize};

/// What the page asks the worker to read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// A text file: an X12 claim or remittance (it starts with `ISA`), else a CSV export.
    Export(String),
    /// A PDF's text layer, as the browser's pdf.js gave it: each page's runs of text and boxes.
    TextLayer(Vec<PageRuns>),
}

/// The worker's answer to one `Request`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Answer {
    /// An export's bills (an X12 file may hold several claims), or what to tell the member.
    Export(Result<Vec<Bill>, String>),
    /// A text layer's charges with their printed rows and the rows to check; None when the PDF
    /// has no text (a scan), so the server must read it.
    TextLayer(Option<BillReading>),
}

/// Reads what the page sent: the worker's whole job.
pub fn read(request: Request) -> Answer {
    match request {
        Request::Export(text) => Answer::Export(read_export(&text)),
        Request::TextLayer(pages) => Answer::TextLayer(read_text_layer(&pages)),
    }
}

/// The page's side of the worker.
pub mod client {
    use super::Answer;
    use std::cell::{Cell, RefCell};
    use std::collections::HashMap;
    use std::rc::Rc;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;

    /// The worker's script when no build has named it (Trunk's own loader, as `trunk serve`
    /// writes it).
    const UNVERSIONED_SCRIPT: &str = "advocate-bill-reader_loader.js";
    /// What a member is told when the reader could not start or answer (offline on a first
    /// visit, or a browser without workers).
    pub const UNAVAILABLE: &str = "This file could not be read on this device just now. Try again, or type the charges below.";

    /// One worker, started on first use and kept for the page's life.
    struct Worker {
        worker: web_sys::Worker,
        /// Resolves when the worker's code has loaded and listens.
        ready: js_sys::Promise,
        /// Each request's resolve function, by its number.
        waiting: Rc<RefCell<HashMap<u32, js_sys::Function>>>,
        next: Cell<u32>,
        _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
        _on_error: Closure<dyn FnMut(web_sys::Event)>,
    }

    thread_local! {
        static WORKER: RefCell<Option<Rc<Worker>>> = const { RefCell::new(None) };
    }

    /// Reads a CSV export or an X12 file in the worker: its bills, or what to tell the member
    /// about the file. The outer Err when the worker could not read it at all.
    pub async fn read_export(text: String) -> Result<Result<Vec<advocate_domain::bill::Bill>, String>, String> {
        match ask(tagged("Export", &JsValue::from_str(&text))?).await? {
            Answer::Export(bills) => Ok(bills),
            Answer::TextLayer(_) => Err(forget(UNAVAILABLE)),
        }
    }

    /// Reads a PDF's text layer (pdf.js's pages, passed on as they are: only the worker
    /// deserialises them) in the worker.
    pub async fn read_text_layer(pages: JsValue) -> Result<Option<advocate_domain::bill_import::BillReading>, String> {
        match ask(tagged("TextLayer", &pages)?).await? {
            Answer::TextLayer(reading) => Ok(reading),
            Answer::Export(_) => Err(forget(UNAVAILABLE)),
        }
    }

    /// A `Request` as serde writes an enum's variant, `{ "TextLayer": pages }`, built here so
    /// that the page carries no serialiser for what only the worker reads.
    pub fn tagged(variant: &str, value: &JsValue) -> Result<JsValue, String> {
        let request = js_sys::Object::new();
        js_sys::Reflect::set(&request, &JsValue::from_str(variant), value).map_err(|_| UNAVAILABLE.to_string())?;
        Ok(request.into())
    }

    /// Sends one request to the worker and awaits its answer. Err(message for the member) when
    /// the worker could not start or stopped; it is started afresh on the next request.
    async fn ask(request: JsValue) -> Result<Answer, String> {
        let worker = worker().ok_or_else(|| UNAVAILABLE.to_string())?;
        wasm_bindgen_futures::JsFuture::from(worker.ready.clone()).await.map_err(|_| forget(UNAVAILABLE))?;
        let id = worker.next.get();
        worker.next.set(id.wrapping_add(1));
        let waiting = worker.waiting.clone();
        let answer = js_sys::Promise::new(&mut |resolve, _reject| {
            waiting.borrow_mut().insert(id, resolve);
        });
        if worker.worker.post_message(&js_sys::Array::of2(&JsValue::from(id), &request)).is_err() {
            worker.waiting.borrow_mut().remove(&id);
            return Err(forget(UNAVAILABLE));
        }
        let answer = wasm_bindgen_futures::JsFuture::from(answer).await.map_err(|_| forget(UNAVAILABLE))?;
        serde_wasm_bindgen::from_value(answer).map_err(|_| forget(UNAVAILABLE))
    }

    /// Drops the worker (it failed), so that the next request starts another.
    fn forget(message: &str) -> String {
        if let Some(worker) = WORKER.with(|w| w.borrow_mut().take()) {
            worker.worker.terminate();
            for (_, resolve) in worker.waiting.borrow_mut().drain() {
                let _ = resolve.call1(&JsValue::NULL, &JsValue::UNDEFINED);
            }
        }
        message.to_string()
    }

    fn worker() -> Option<Rc<Worker>> {
        if let Some(worker) = WORKER.with(|w| w.borrow().clone()) {
            return Some(worker);
        }
        let worker = Rc::new(start()?);
        WORKER.with(|w| *w.borrow_mut() = Some(worker.clone()));
        Some(worker)
    }

    /// The worker's script, as this page's build names it.
    fn script() -> String {
        leptos::prelude::document()
            .query_selector("meta[name=advocate-bill-reader]")
            .ok()
            .flatten()
            .and_then(|meta| meta.get_attribute("content"))
            .filter(|name| !name.is_empty())
            .unwrap_or_else(|| UNVERSIONED_SCRIPT.to_string())
    }

    fn start() -> Option<Worker> {
        // Relative to <base href>, so the app works under any base path.
        let url = web_sys::Url::new_with_base(&script(), &leptos::prelude::document().base_uri().ok()??).ok()?.href();
        // A module worker: wasm-bindgen's `--target web` script, which starts its wasm itself.
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options(&url, &options).ok()?;
        let waiting: Rc<RefCell<HashMap<u32, js_sys::Function>>> = Rc::default();
        let (mut ready_resolve, mut ready_reject) = (None, None);
        let ready = js_sys::Promise::new(&mut |resolve, reject| {
            ready_resolve = Some(resolve);
            ready_reject = Some(reject);
        });
        let (ready_resolve, ready_reject) = (ready_resolve?, ready_reject?);
        // Messages: the worker's "ready", then [number, answer] for each request.
        let on_message = {
            let waiting = waiting.clone();
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let data = event.data();
                if data.as_string().as_deref() == Some(super::READY) {
                    let _ = ready_resolve.call0(&JsValue::NULL);
                    return;
                }
                let Some(pair) = data.dyn_ref::<js_sys::Array>() else { return };
                let Some(id) = pair.get(0).as_f64() else { return };
                if let Some(resolve) = waiting.borrow_mut().remove(&(id as u32)) {
                    let _ = resolve.call1(&JsValue::NULL, &pair.get(1));
                }
            })
        };
        // A script that would not load, or a worker that stopped: every wait ends.
        let on_error = {
            let waiting = waiting.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                event.prevent_default();
                let _ = ready_reject.call0(&JsValue::NULL);
                for (_, resolve) in waiting.borrow_mut().drain() {
                    let _ = resolve.call1(&JsValue::NULL, &JsValue::UNDEFINED);
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(Worker { worker, ready, waiting, next: Cell::new(0), _on_message: on_message, _on_error: on_error })
    }
}

/// What the worker says once its code has loaded and it listens: messages sent before that
/// would be lost.
pub const READY: &str = "advocate-bill-reader ready";
