use crate::page::focus_by_id;
use advocate_domain::ProcedureIndex;
use advocate_domain::procedures::Procedure;
use leptos::prelude::*;
use std::sync::Arc;

/// Shown before the member types: what people price most.
const COMMON: &[&str] = &["office-visit-established", "mri-knee", "colonoscopy-screening", "xray-chest", "cbc", "pt-session"];

/// A search box that ranks the procedure catalog as the member types (in the browser, with the
/// domain's typo-tolerant index), with a few common choices before anything is typed.
#[component]
pub fn ProcedureSearch(procedures: Arc<Vec<Procedure>>, on_choose: Callback<Option<String>>) -> impl IntoView {
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
