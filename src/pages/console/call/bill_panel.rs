use crate::address::app_path;
use leptos::prelude::*;

/// The bill check, in a new tab so the call's screen stays as it is.
#[component]
pub fn BillPanel() -> impl IntoView {
    view! {
        <section class="call-panel" aria-labelledby="call-bill-title">
            <h2 id="call-bill-title">"Check a bill"</h2>
            <p>"The bill check opens in a new tab, so this call's screen stays as it is."</p>
            <a id="call-bill" class="button button--secondary" href=app_path("/bill") target="_blank" rel="noopener">"Open the bill check"</a>
        </section>
    }
}
