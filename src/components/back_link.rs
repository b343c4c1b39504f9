use leptos::prelude::*;
use leptos_router::components::A;

/// The quiet way back to the previous step.
#[component]
pub fn BackLink(#[prop(into)] href: Signal<String>) -> impl IntoView {
    view! { <A href=move || href.get() attr:class="back-link">"Back"</A> }
}
