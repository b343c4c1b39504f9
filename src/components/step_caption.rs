use leptos::prelude::*;

/// Where the member is in the finder: "Step 2 of 5", above the question.
#[component]
pub fn StepCaption(step: u8) -> impl IntoView {
    view! { <p class="step-caption">"Step " {step} " of 5"<span class="visually-hidden">" of finding the right help"</span></p> }
}
