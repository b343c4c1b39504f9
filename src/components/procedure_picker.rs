use crate::components::ProcedureSearch;
use crate::page::focus_by_id;
use advocate_domain::procedures::Procedure;
use leptos::prelude::*;
use std::sync::Arc;

/// Choosing what to price: the search (`ProcedureSearch`), then the chosen procedure with a way
/// to change it.
#[component]
pub fn ProcedurePicker(
    procedures: Arc<Vec<Procedure>>,
    #[prop(into)] chosen: Signal<Option<Procedure>>,
    #[prop(into)] on_choose: Callback<Option<String>>,
) -> impl IntoView {
    view! {
        {move || match chosen.get() {
            Some(procedure) => view! {
                <div class="chosen">
                    <p class="label">"What you are pricing"</p>
                    <p class="chosen__name">{procedure.name.clone()}</p>
                    {procedure.note.clone().map(|note| view! { <p class="chosen__note">{note}</p> })}
                    <button type="button" id="change-procedure" class="button button--secondary" on:click=move |_| {
                        on_choose.run(None);
                        focus_by_id("procedure");
                    }>"Change"<span class="visually-hidden">" what you are pricing"</span></button>
                </div>
            }.into_any(),
            None => view! { <ProcedureSearch procedures=procedures.clone() on_choose=on_choose/> }.into_any(),
        }}
    }
}
