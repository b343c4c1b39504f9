//! What every page uses from the app around it: the program's settings, the browser tab's
//! title, and where the keyboard's focus goes.

use advocate_domain::ProgramSettings;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Makes the program's settings, as loaded from the API, the ones `use_program` gives.
pub fn provide_program(settings: ProgramSettings) {
    provide_context(settings);
}

/// The program's settings as loaded from the API, for any component below the app's gate.
pub fn use_program() -> ProgramSettings {
    expect_context::<ProgramSettings>()
}

/// Whether the page still shows what the server sent before the app loaded (`#boot`: the first
/// paint with the heading and the phone number, or a loading line).
pub fn first_paint_shown() -> bool {
    document().get_element_by_id("boot").is_some()
}

/// Waits until the browser has painted the page as the server sent it (the frame after the
/// next animation frame), at most 100 ms: a tab in the background paints nothing. On a fast
/// link the app could otherwise draw before the first paint ever reached the screen, and the
/// app's drawing, seconds later on a phone, would be the page's largest paint (Lighthouse saw
/// `/` at 3.2 s in one run of three, 1.2 s in the others).
pub async fn first_paint_painted() {
    if !first_paint_shown() {
        return;
    }
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = window();
        let after_the_frame = resolve.clone();
        let on_frame = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = leptos::prelude::window().set_timeout_with_callback(after_the_frame.unchecked_ref());
        });
        let _ = window.request_animation_frame(on_frame.unchecked_ref());
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Removes the server's first paint. Called as the app draws its first page, in the same task,
/// so the browser paints one or the other, never both and never neither.
pub fn remove_first_paint() {
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
}

/// Registers the service worker (`public/sw.js`): a repeat visit starts without the network,
/// and offline the member pages still show how to call. Where a browser refuses it (a private
/// window, an intranet's frame), the app works as before, online.
pub fn keep_for_offline() {
    let Some(window) = web_sys::window() else { return };
    // Relative to the page's <base>, so the worker's scope is the app's base path.
    let registering = window.navigator().service_worker().register("sw.js");
    // A refusal is no error for the member: nothing is logged as uncaught.
    wasm_bindgen_futures::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(registering).await;
    });
}

/// Sets the browser tab's title for the current page.
pub fn set_page_title(title: &str) {
    document().set_title(&format!("{title} – Advocate"));
}

/// Moves focus to an element once the page has drawn it: where the member continues after an
/// action replaced or removed the focused control.
pub fn focus_by_id(id: &'static str) {
    request_animation_frame(move || focus_now(id));
}

/// Moves focus to an element already on the page (a keyboard shortcut's target).
pub fn focus_now(id: &str) {
    if let Some(element) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// Focuses the page's heading once it is on screen: a page may still be loading its data when
/// the route changes. Gives up after `tries` animation frames.
pub fn focus_heading_when_shown(tries: u32) {
    request_animation_frame(move || {
        match document().query_selector("main h1").ok().flatten().and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) {
            Some(heading) => {
                let _ = heading.focus();
            }
            None if tries > 0 => focus_heading_when_shown(tries - 1),
            None => {}
        }
    });
}
