use crate::api::{self, ApiError};
use crate::components::{EstimateCard, ProcedurePicker};
use advocate_domain::Zip;
use advocate_domain::estimate::Estimate;
use advocate_domain::procedures::Procedure;
use leptos::prelude::*;
use std::sync::Arc;

/// A procedure's price where the caller gets care, as the member's estimate page shows it.
#[component]
pub fn PricePanel(procedures: Arc<Vec<Procedure>>) -> impl IntoView {
    let zip = RwSignal::new(String::new());
    let chosen = RwSignal::new(None::<Procedure>);
    let estimate = RwSignal::new(None::<Result<Estimate, ApiError>>);
    let list = procedures.clone();
    Effect::new(move |_| {
        let (Ok(zip), Some(procedure)) = (Zip::parse(&zip.get()), chosen.get()) else {
            estimate.set(None);
            return;
        };
        leptos::task::spawn_local(async move { estimate.set(Some(api::estimate(zip, procedure.id).await)) });
    });
    let choose = move |id: Option<String>| chosen.set(id.and_then(|id| list.iter().find(|p| p.id == id).cloned()));
    view! {
        <section class="call-panel" aria-labelledby="call-price-title">
            <h2 id="call-price-title">"Price a procedure"</h2>
            <div class="field field--compact">
                <label class="label label--small" for="call-price-zip">"ZIP code"</label>
                <input id="call-price-zip" class="input input--zip" inputmode="numeric" maxlength="10" autocomplete="off"
                    prop:value=move || zip.get() on:input=move |ev| zip.set(event_target_value(&ev))/>
            </div>
            <ProcedurePicker procedures=procedures chosen=Signal::derive(move || chosen.get()) on_choose=choose/>
            {move || match estimate.get() {
                Some(Ok(found)) => view! { <EstimateCard estimate=found/> }.into_any(),
                Some(Err(error)) => view! { <p class="field-error" role="alert">{error.to_string()}</p> }.into_any(),
                None => ().into_any(),
            }}
        </section>
    }
}
