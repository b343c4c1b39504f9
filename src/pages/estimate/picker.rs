//! Choosing what to price: a search box that ranks the catalog as the member types (in the
//! browser, with the domain's typo-tolerant index), a few common choices before anything is
//! typed, and the chosen procedure with a way to change it.

use crate::page::focus_by_id;
use advocate_domain::ProcedureIndex;
use advocate_domain::procedures::Procedure;
use leptos::prelude::*;
use std::sync::Arc;

/// Shown before the member types: what people price most.
const COMMON: &[&str] = &["office-visit-established", "mri-knee", "colonoscopy-screening", "xray-chest", "cbc", "pt-session"];

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

#[component]
fn ProcedureSearch(procedures: Arc<Vec<Procedure>>, on_choose: Callback<Option<String>>) -> impl IntoView {
    let index = Arc::new(ProcedureIndex::new(&procedures));
    let text = RwSignal::new(String::new());
    let matches = Memo::new(move |_| index.search(&text.read()).into_iter().take(8).collect::<Vec<usize>>());
    let common: Vec<usize> = COMMON.iter().filter_map(|id| procedures.iter().position(|p| p.id == *id)).collect();
    let shown = move || if text.read().trim().is_empty() { common.clone() } else { matches.get() };
    let announcement = move || match (text.read().trim().is_empty(), matches.read().len()) {
        (true, _) => String::new(),
        (false, 0) => "Nothing matches. Try other words, like “x-ray” or “blood test”, or a billing code like 99213.".into(),
        (false, 1) => "1 match.".into(),
        (false, n) => format!("{n} matches."),
    };
    view! {
        <div class="search">
            <label class="label" for="procedure">"What do you want to price?"</label>
            <p class="hint" id="procedure-hint">"For example “knee MRI”, “colonoscopy” or a billing code like 99213."</p>
            <input id="procedure" class="input" type="search" autocomplete="off" aria-describedby="procedure-hint procedure-status"
                prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
            <p id="procedure-status" class="search__status" role="status">{announcement}</p>
            <p class="search__caption" class:visually-hidden=move || !text.read().trim().is_empty()>"Often priced"</p>
            <ul class="search__results">
                {move || shown().into_iter().map(|i| {
                    let procedure = &procedures[i];
                    let id = procedure.id.clone();
                    view! {
                        <li>
                            <button type="button" class="search__result" on:click=move |_| {
                                on_choose.run(Some(id.clone()));
                                // The chosen result's button is replaced: keep the keyboard's place.
                                focus_by_id("change-procedure");
                            }>
                                <span class="search__title">{procedure.name.clone()}</span>
                                {procedure.note.clone().map(|note| view! { <span class="search__area">{note}</span> })}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}
