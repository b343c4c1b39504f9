use crate::address::app_path;
use leptos::prelude::*;

/// A finder step that needs the chosen service, opened without one: the way back to choosing it.
#[component]
pub fn MissingNeed() -> impl IntoView {
    view! {
        <h1 tabindex="-1">"Choose what you need help with first"</h1>
        <p><a href=app_path("/find")>"Start finding the right help"</a></p>
    }
}
