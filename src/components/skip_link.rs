use crate::page::focus_now;
use leptos::prelude::*;

/// The first thing a keyboard user reaches: a jump past the header to the page's content.
#[component]
pub fn SkipLink() -> impl IntoView {
    // A plain "#main" link would resolve against <base href> and leave the page, so focus by hand.
    let skip = |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        focus_now("main");
    };
    view! { <a class="skip-link" href="#main" on:click=skip>"Skip to main content"</a> }
}
