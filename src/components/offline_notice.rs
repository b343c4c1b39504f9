use crate::page::use_program;
use leptos::prelude::*;

/// Said at the top of every page while the device has no connection: calling still works, and
/// what needs the connection. What a member typed stays in the form (the request's draft is
/// kept on the device, and sent with the same key when they press "Send request" again).
#[component]
pub fn OfflineNotice() -> impl IntoView {
    let phone = use_program().advocate_phone;
    let online = RwSignal::new(web_sys::window().is_none_or(|w| w.navigator().on_line()));
    let on = window_event_listener(leptos::ev::online, move |_| online.set(true));
    let off = window_event_listener(leptos::ev::offline, move |_| online.set(false));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
    view! {
        <div role="status" class="offline-status">
            <Show when=move || !online.get()>
                <p class="notice notice--info offline-notice">
                    <strong>"You're offline. "</strong>
                    "You can still call an advocate at "
                    <a href=phone.tel_uri()>{phone.to_string()}</a>
                    ". Estimates, bill checks and sending a request need a connection; what you type here is kept."
                </p>
            </Show>
        </div>
    }
}
