use leptos::prelude::*;

/// Where the member is in the finder: "Step 2 of 5", above the question. The total is the
/// number of steps on this member's path (`Answers::steps`).
#[component]
pub fn StepCaption(step: usize, total: usize) -> impl IntoView {
    view! { <p class="step-caption">"Step " {step} " of " {total}<span class="visually-hidden">" of finding the right help"</span></p> }
}
