use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The first thing a keyboard user reaches: a jump past the header to the page's content.
#[component]
pub fn SkipLink() -> impl IntoView {
    // A plain "#main" link would resolve against <base href> and leave the page, so focus by hand.
    let skip = |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        if let Some(main) = document().get_element_by_id("main").and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = main.focus();
        }
    };
    view! { <a class="skip-link" href="#main" on:click=skip>"Skip to main content"</a> }
}
