//! JSON through the browser's own parser: smaller than bundling a JSON library in the wasm.

use serde::Serialize;
use serde::de::DeserializeOwned;

pub fn from_json<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_wasm_bindgen::from_value(js_sys::JSON::parse(text).ok()?).ok()
}

pub fn to_json<T: Serialize>(value: &T) -> String {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).ok().and_then(|js| js_sys::JSON::stringify(&js).ok()).and_then(|s| s.as_string()).unwrap_or_default()
}
