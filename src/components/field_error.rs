use leptos::prelude::*;

/// The message beside a field, linked to it by `aria-describedby="{field}-error"`.
#[component]
pub fn FieldError(field: &'static str, #[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    view! {
        {move || message.get().map(|message| view! {
            <p class="field-error" id=format!("{field}-error")>
                <span class="visually-hidden">"Error: "</span>{message}
            </p>
        })}
    }
}
