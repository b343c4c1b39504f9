//! Call mode: one screen for a live call. Find the service, price a procedure by ZIP code, open
//! the bill check, and open a request on the caller's behalf with the consent they gave on the
//! call; each panel has a keyboard shortcut (Alt+S, Alt+P, Alt+B, Alt+R). Everything is checked
//! by the same domain rules the member's own pages use, as the advocate types.

mod bill_panel;
mod price_panel;
mod request_panel;
mod service_panel;

use crate::api;
use crate::components::ErrorNotice;
use crate::page::{focus_by_id, focus_now, set_page_title};
use bill_panel::BillPanel;
use leptos::prelude::*;
use price_panel::PricePanel;
use request_panel::RequestPanel;
use service_panel::ServicePanel;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// Alt + the key's code → the element the shortcut moves to.
const SHORTCUTS: [(&str, &str, &str); 4] = [
    ("KeyS", "call-service", "Find a service"),
    ("KeyP", "call-price-zip", "Price a procedure"),
    ("KeyB", "call-bill", "Check a bill"),
    ("KeyR", "call-name", "Open a request"),
];

#[component]
pub fn CallPage() -> impl IntoView {
    set_page_title("On a call");
    let catalog = LocalResource::new(api::services);
    let procedures = LocalResource::new(api::procedures);
    listen_for_shortcuts();
    view! {
        <div class="page page--console page--call">
            <h1 tabindex="-1">"On a call"</h1>
            <p class="shortcuts">"Shortcuts: " {SHORTCUTS.iter().map(|(code, _, what)| view! {
                <kbd>{format!("Alt+{}", &code[3..])}</kbd> " " {*what} " · "
            }).collect_view()}</p>
            {move || match (catalog.get(), procedures.get()) {
                (Some(Ok(services)), Some(Ok(procedures))) => {
                    let services = Arc::new(services);
                    let chosen = RwSignal::new(String::new());
                    view! {
                        <div class="call-panels">
                            <ServicePanel services=services.clone() on_choose=use_service(chosen)/>
                            <PricePanel procedures=Arc::new(procedures)/>
                            <BillPanel/>
                            <RequestPanel services=services chosen=chosen/>
                        </div>
                    }.into_any()
                }
                (Some(Err(error)), _) | (_, Some(Err(error))) => view! { <ErrorNotice error=error/> }.into_any(),
                _ => view! { <p class="boot">"Loading…"</p> }.into_any(),
            }}
        </div>
    }
}

/// Choosing a service fills the request's service and moves on to the caller's name.
fn use_service(chosen: RwSignal<String>) -> Callback<String> {
    Callback::new(move |id: String| {
        chosen.set(id);
        focus_by_id("call-name");
    })
}

fn listen_for_shortcuts() {
    let on_key = Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(|event: web_sys::KeyboardEvent| {
        if !event.alt_key() || event.ctrl_key() || event.meta_key() {
            return;
        }
        let code = event.code();
        if let Some((_, id, _)) = SHORTCUTS.iter().find(|(key, _, _)| *key == code) {
            event.prevent_default();
            focus_now(id);
        }
    });
    let _ = document().add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
    let on_key = send_wrapper::SendWrapper::new(on_key);
    on_cleanup(move || {
        let _ = document().remove_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
    });
}
