//! This browser's local storage, for what a member would not want to type twice (a draft, a ZIP
//! code). Private browsing may refuse it; every caller works without it.

use serde::Serialize;
use serde::de::DeserializeOwned;

fn storage() -> Option<web_sys::Storage> {
    leptos::prelude::window().local_storage().ok().flatten()
}

pub fn read<T: DeserializeOwned>(key: &str) -> Option<T> {
    crate::json::from_json(&storage()?.get_item(key).ok()??)
}

pub fn write<T: Serialize>(key: &str, value: &T) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, &crate::json::to_json(value));
    }
}

pub fn remove(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}
