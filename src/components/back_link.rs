use leptos::prelude::*;

/// The quiet way back to the previous step.
#[component]
pub fn BackLink(#[prop(into)] href: Signal<String>) -> impl IntoView {
    view! { <a href=move || href.get() class="back-link">"Back"</a> }
}
