use crate::page::focus_now;
use leptos::prelude::*;

/// GOV.UK's error summary: at the top of the form, announced and focused when the member tries
/// to continue, with a link to each field that needs fixing.
#[component]
pub fn ErrorSummary<F>(#[prop(into)] errors: Signal<Vec<(F, String)>>) -> impl IntoView
where
    F: AsRef<str> + Clone + Send + Sync + 'static,
{
    let summary = NodeRef::<leptos::html::Div>::new();
    // Focus the summary each time it appears, so screen readers read it and keyboards start there.
    Effect::new(move |_| {
        if !errors.read().is_empty()
            && let Some(summary) = summary.get()
        {
            let _ = summary.focus();
        }
    });
    view! {
        <Show when=move || !errors.read().is_empty()>
            <div class="error-summary" role="alert" tabindex="-1" node_ref=summary aria-labelledby="error-summary-title">
                <h2 id="error-summary-title" class="error-summary__title">"There is a problem"</h2>
                <ul class="error-summary__list">
                    {move || errors.get().into_iter().map(|(field, message)| view! {
                        <li><a href=format!("#{}", field.as_ref()) on:click=move |ev| focus_field(ev, field.as_ref())>{message}</a></li>
                    }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}

/// "#field" would resolve against <base href> and leave the page: move focus by hand instead.
fn focus_field(event: leptos::ev::MouseEvent, field: &str) {
    event.prevent_default();
    // A group of radios has no element of its own id: its first option takes the focus.
    let first_option = format!("{field}-0");
    focus_now(if document().get_element_by_id(field).is_some() { field } else { &first_option });
}
