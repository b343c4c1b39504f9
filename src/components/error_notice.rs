use crate::api::ApiError;
use leptos::prelude::*;

/// The one way the app shows that something it asked the server for did not arrive.
#[component]
pub fn ErrorNotice(error: ApiError, #[prop(optional, into)] on_retry: Option<Callback<()>>) -> impl IntoView {
    let request_id = match &error {
        ApiError::Problem(problem) => problem.request_id.clone(),
        _ => None,
    };
    view! {
        <div class="notice notice--error" role="alert">
            <h2 class="notice__title">"Sorry, something went wrong"</h2>
            <p>{error.to_string()}</p>
            {request_id.map(|id| view! { <p class="notice__small">"If you call us, this code helps us find what happened: " <code>{id}</code></p> })}
            {on_retry.map(|retry| view! {
                <button type="button" class="button button--secondary" on:click=move |_| retry.run(())>"Try again"</button>
            })}
        </div>
    }
}
