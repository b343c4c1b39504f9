use crate::components::FieldError;
use leptos::prelude::*;

/// A labelled text input with an optional hint and the error beside it; the hint and the error
/// are tied to the input with `aria-describedby`, and the field is marked while in error.
#[component]
pub fn TextField(
    /// The input's id, also the field name errors use.
    id: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    /// "text", "tel", "email"…
    #[prop(default = "text")]
    input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] maxlength: Option<u32>,
    /// Extra class for the input's width ("input--zip").
    #[prop(optional)]
    width: Option<&'static str>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let described_by = move || {
        let mut ids = Vec::new();
        if hint.is_some() {
            ids.push(format!("{id}-hint"));
        }
        if error.read().is_some() {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    view! {
        <div class="field" class:field--error=move || error.read().is_some()>
            <label class="label" for=id>{label}</label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{hint}</p> })}
            <FieldError field=id message=error/>
            <input class=format!("input {}", width.unwrap_or_default()) id=id type=input_type
                autocomplete=autocomplete inputmode=inputmode maxlength=maxlength spellcheck=(input_type == "email").then_some("false")
                aria-describedby=described_by aria-invalid=move || error.read().is_some().then_some("true")
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))/>
        </div>
    }
}
