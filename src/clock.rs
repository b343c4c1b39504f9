//! The current time as a signal, so "available right now" stays true while a page is open.

use advocate_domain::Timestamp;
use leptos::prelude::*;
use std::time::Duration;

/// Now, refreshed every 30 seconds while the calling component lives.
pub fn use_now() -> Signal<Timestamp> {
    let (now, set_now) = signal(current_time());
    if let Ok(handle) = set_interval_with_handle(move || set_now.set(current_time()), Duration::from_secs(30)) {
        on_cleanup(move || handle.clear());
    }
    now.into()
}

fn current_time() -> Timestamp {
    Timestamp::from_unix_seconds((js_sys::Date::now() / 1000.0) as i64)
}
