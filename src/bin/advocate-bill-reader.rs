//! The bill readers' web worker (`advocate_web::bill_reader`): built apart from the member app,
//! loaded when a member first chooses a file on the bill page. It answers each
//! `[number, Request]` message with `[number, Answer]`, and says `READY` once it listens.

fn main() {
    use advocate_web::bill_reader::{READY, Request, read};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;

    console_error_panic_hook::set_once();
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let Ok(pair) = event.data().dyn_into::<js_sys::Array>() else { return };
        let Ok(request) = serde_wasm_bindgen::from_value::<Request>(pair.get(1)) else { return };
        let answer = read(request);
        // JSON-compatible values (maps as plain objects), as the page's deserializer reads them.
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        if let Ok(answer) = serde::Serialize::serialize(&answer, &serializer) {
            let _ = replies.post_message(&js_sys::Array::of2(&pair.get(0), &answer));
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // Listens for the page's lifetime.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}
