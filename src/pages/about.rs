use crate::page::{set_page_title, use_program};
use leptos::prelude::*;

/// The program's general conditions, in plain words, as the server states them.
#[component]
pub fn AboutPage() -> impl IntoView {
    set_page_title("What this service is and is not");
    let program = use_program();
    view! {
        <div class="page page--about">
            <h1 tabindex="-1">"What this service is and is not"</h1>
            <p class="lead">
                {program.program_name.clone()} " helps you with health care, health insurance and medical bills. "
                "Advocates are nurses and benefits experts working for " {program.vendor_name.clone()}
                {(!program.vendor_name.ends_with('.')).then_some(".")}
            </p>
            <dl class="conditions">
                {program.conditions.iter().map(|condition| view! {
                    <div class="condition">
                        <dt>{condition.title.clone()}</dt>
                        <dd>{condition.text.clone()}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </div>
    }
}
