//! "Estimate a cost": a ZIP code and a procedure give the price range people meet there, what
//! Medicare pays, what is included and what to do next; a second ZIP code compares the two.
//! Everything is in the URL. The catalog is fetched once and searched in the browser.

mod advice;
mod compare_table;

use crate::api::{self, ApiError};
use crate::components::{ErrorNotice, EstimateCard, ProcedurePicker, TextField};
use crate::estimate::{EstimateQuery, remember_zip, remembered_zip, zip_error};
use crate::page::{set_page_title, use_program};
use advice::EstimateAdvice;
use advocate_domain::Zip;
use advocate_domain::estimate::Estimate;
use advocate_domain::member_pages::EntryPage;
use advocate_domain::procedures::Procedure;
use compare_table::CompareTable;
use leptos::prelude::*;
use leptos_router::{
    NavigateOptions,
    hooks::{use_navigate, use_query_map},
};
use std::sync::Arc;

#[component]
pub fn EstimatePage() -> impl IntoView {
    set_page_title(EntryPage::Estimate.heading());
    let catalog = LocalResource::new(api::procedures);
    view! {
        <div class="page page--estimate">
            <h1 tabindex="-1">{EntryPage::Estimate.heading()}</h1>
            <p class="lead">{EntryPage::Estimate.lead(&use_program())}</p>
            <Suspense fallback=|| view! { <p class="boot">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match catalog.await {
                        Ok(procedures) => view! { <EstimateTool procedures=Arc::new(procedures)/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error=error on_retry=move || catalog.refetch()/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The form and the result, driven by the URL.
#[component]
fn EstimateTool(procedures: Arc<Vec<Procedure>>) -> impl IntoView {
    // The page's state lives in a signal that the inputs write at typing speed; the URL follows
    // it (replacing, not adding, history entries), so a reload or a shared link shows the same.
    let mut initial = EstimateQuery::from_query(&use_query_map().get_untracked());
    if initial.zip.is_empty() {
        // A first visit without a ZIP code in the link starts from the one typed last time.
        initial.zip = remembered_zip().unwrap_or_default();
    }
    let query = RwSignal::new(initial);
    let navigate = use_navigate();
    Effect::new(move |_| {
        let state = query.get();
        navigate(&state.href(), NavigateOptions { replace: true, scroll: false, ..Default::default() });
        if let Some(zip) = state.zip() {
            remember_zip(zip);
        }
    });
    let update = Callback::new(move |next: EstimateQuery| query.set(next));

    let chosen = {
        let procedures = procedures.clone();
        Memo::new(move |_| query.read().service.as_ref().and_then(|id| procedures.iter().find(|p| &p.id == id).cloned()))
    };
    let request = move |zip: fn(&EstimateQuery) -> Option<Zip>| {
        Memo::new(move |_| zip(&query.read()).zip(chosen.read().as_ref().map(|p| p.id.clone())))
    };
    let (estimate, retry) = fetched_estimate(request(EstimateQuery::zip));
    let (comparison, _) = fetched_estimate(request(EstimateQuery::compare_zip));
    // The server knows which ZIP codes exist; its answer goes beside the field it is about.
    let zip_server = Signal::derive(move || estimate.with(|answer| answer.as_ref()?.as_ref().err().and_then(zip_problem)));
    let compare_server = Signal::derive(move || comparison.with(|answer| answer.as_ref()?.as_ref().err().and_then(zip_problem)));

    view! {
        <form class="estimate-form" on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default() novalidate>
            <TextField id="zip" label="ZIP code where you will get care" inputmode="numeric" autocomplete="postal-code"
                maxlength=10 width="input--zip"
                value=Signal::derive(move || query.read().zip.clone())
                on_input=move |zip: String| update.run(EstimateQuery { zip, ..query.get_untracked() })
                error=Signal::derive(move || zip_error(&query.read().zip).or_else(|| zip_server.get()))/>
            <ProcedurePicker procedures=procedures.clone() chosen=chosen
                on_choose={move |id: Option<String>| update.run(EstimateQuery { service: id, ..query.get_untracked() })}/>
        </form>
        // A live region that stays on the page, so each new result is announced.
        <div aria-live="polite">
        {move || match estimate.get() {
            Some(Ok(found)) => view! { <EstimateCard estimate=found/> }.into_any(),
            Some(Err(error)) if zip_problem(&error).is_none() => {
                view! { <ErrorNotice error=error on_retry=retry/> }.into_any()
            }
            _ => ().into_any(),
        }}
        </div>
        <Show when=move || chosen.read().is_some() && query.read().zip().is_some()>
            <section class="compare" aria-labelledby="compare-title">
                <h2 id="compare-title">"Compare with another ZIP code"</h2>
                <TextField id="compare" label="Another ZIP code" hint="For example where you work, or a nearby city."
                    inputmode="numeric" autocomplete="off" maxlength=10 width="input--zip"
                    value=Signal::derive(move || query.read().compare.clone())
                    on_input=move |compare: String| update.run(EstimateQuery { compare, ..query.get_untracked() })
                    error=Signal::derive(move || zip_error(&query.read().compare).or_else(|| compare_server.get()))/>
                {move || match (estimate.get(), comparison.get()) {
                    (Some(Ok(here)), Some(Ok(there))) => view! { <CompareTable here=here there=there/> }.into_any(),
                    _ => ().into_any(),
                }}
            </section>
        </Show>
        {move || estimate.get().and_then(Result::ok).map(|found| view! { <EstimateAdvice estimate=found/> })}
    }
}

type Answer = Option<Result<Estimate, ApiError>>;

/// The estimate for a ZIP code and procedure, fetched whenever either changes. The previous
/// answer stays on screen while the next one loads; an answer that arrives after a newer
/// request was made is dropped. (Plain signals rather than a resource under `Suspense`, which
/// would detach the form, and the focus with it, on every keystroke.)
fn fetched_estimate(request: Memo<Option<(Zip, String)>>) -> (ReadSignal<Answer>, Callback<()>) {
    let answer = RwSignal::new(None);
    let latest = StoredValue::new(0_u64);
    let fetch = move || {
        latest.update_value(|n| *n += 1);
        let this = latest.get_value();
        match request.get_untracked() {
            None => answer.set(None),
            Some((zip, id)) => leptos::task::spawn_local(async move {
                let result = api::estimate(zip, id).await;
                if latest.get_value() == this {
                    answer.set(Some(result));
                }
            }),
        }
    };
    Effect::new(move |_| {
        request.track();
        fetch();
    });
    (answer.read_only(), Callback::new(move |()| fetch()))
}

/// The server's word on a ZIP code (one that does not exist), for the field it is about.
fn zip_problem(error: &ApiError) -> Option<String> {
    match error {
        ApiError::Problem(problem) => problem.errors.iter().find(|e| e.field == "zip").map(|e| e.message.clone()),
        _ => None,
    }
}
