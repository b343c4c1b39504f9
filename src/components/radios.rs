use leptos::prelude::*;

/// A group of large radio buttons (44 px targets). Each option's input gets the id
/// "{name}-{index}", so an error summary can link to the first.
#[component]
pub fn Radios<T>(
    name: &'static str,
    options: Vec<(T, String)>,
    #[prop(into)] selected: Signal<Option<T>>,
    #[prop(into)] on_select: Callback<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    view! {
        <div class="radios">
            {options.into_iter().enumerate().map(|(i, (value, label))| {
                let id = format!("{name}-{i}");
                view! {
                    <div class="radio">
                        <input type="radio" name=name id=id.clone()
                            prop:checked=move || selected.get() == Some(value)
                            on:change=move |_| on_select.run(value)/>
                        <label for=id>{label}</label>
                    </div>
                }
            }).collect_view()}
        </div>
    }
}
