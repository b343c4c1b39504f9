//! "Estimate a cost": a ZIP code and a procedure give the price range people meet there, what
//! Medicare pays, what is included and what to do next; a second ZIP code compares the two.
//! Everything is in the URL. The catalog is fetched once and searched in the browser.
//!
//! The page keeps its shape while it loads: the ZIP field is there at once, and the procedure
//! picker and the result hold their place until their data arrives, so nothing jumps under a
//! member's thumb (cumulative layout shift).

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

type Catalog = Result<Arc<Vec<Procedure>>, ApiError>;

#[component]
pub fn EstimatePage() -> impl IntoView {
    set_page_title(EntryPage::Estimate.heading());
    let catalog = LocalResource::new(|| async { api::procedures().await.map(Arc::new) });
    view! {
        <div class="page page--estimate">
            <h1 tabindex="-1">{EntryPage::Estimate.heading()}</h1>
            <p class="lead">{EntryPage::Estimate.lead(&use_program())}</p>
            <EstimateTool catalog=catalog/>
        </div>
    }
}

/// The form and the result, driven by the URL.
#[component]
fn EstimateTool(catalog: LocalResource<Catalog>) -> impl IntoView {
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

    let procedures = Signal::derive(move || catalog.get().and_then(Result::ok));
    let chosen = Memo::new(move |_| {
        let id = query.read().service.clone()?;
        procedures.get()?.iter().find(|p| p.id == id).cloned()
    });
    // The estimate is asked for as soon as the link names a procedure, alongside the catalog.
    let request = move |zip: fn(&EstimateQuery) -> Option<Zip>| {
        Memo::new(move |_| {
            let query = query.read();
            zip(&query).zip(query.service.clone())
        })
    };
    let (estimate, retry) = fetched_estimate(request(EstimateQuery::zip));
    let (comparison, _) = fetched_estimate(request(EstimateQuery::compare_zip));
    // The server knows which ZIP codes exist; its answer goes beside the field it is about.
    let zip_server = Signal::derive(move || estimate.with(|answer| answer.as_ref()?.as_ref().err().and_then(|e| field_problem(e, "zip"))));
    let compare_server =
        Signal::derive(move || comparison.with(|answer| answer.as_ref()?.as_ref().err().and_then(|e| field_problem(e, "zip"))));
    let found = Signal::derive(move || estimate.get().and_then(Result::ok));

    view! {
        <form class="estimate-form" on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default() novalidate>
            <TextField id="zip" label="ZIP code where you will get care" inputmode="numeric" autocomplete="postal-code"
                maxlength=10 width="input--zip"
                value=Signal::derive(move || query.read().zip.clone())
                on_input=move |zip: String| update.run(EstimateQuery { zip, ..query.get_untracked() })
                error=Signal::derive(move || query.read().zip_message().or_else(|| zip_server.get()))/>
            {move || match catalog.get() {
                Some(Ok(procedures)) => view! {
                    <ProcedurePicker procedures=procedures chosen=chosen
                        on_choose={move |id: Option<String>| update.run(EstimateQuery { service: id, ..query.get_untracked() })}/>
                }.into_any(),
                Some(Err(error)) => view! { <ErrorNotice error=error on_retry=move || catalog.refetch()/> }.into_any(),
                // The picker's own height, so the form does not grow under the member's eyes.
                None => view! {
                    <p class="placeholder" class:placeholder--chosen=move || query.read().service.is_some()
                        class:placeholder--search=move || query.read().service.is_none()>"Loading the list of services…"</p>
                }.into_any(),
            }}
        </form>
        // A live region that stays on the page, so each new result is announced.
        <div aria-live="polite">
        {move || {
            let waiting = query.read().zip().is_some() && query.read().service.is_some();
            match (estimate.get(), procedures.with(Option::is_some)) {
                (Some(Ok(found)), true) => view! { <EstimateCard estimate=found/> }.into_any(),
                // A ZIP code that does not exist is said beside its field; a procedure the catalog
                // no longer has leaves the search open to choose another.
                (Some(Err(error)), _) if field_problem(&error, "zip").is_none() && field_problem(&error, "service").is_none() => {
                    view! { <ErrorNotice error=error on_retry=retry/> }.into_any()
                }
                (Some(Err(_)), _) => ().into_any(),
                // Room for the card while it loads, so what is below does not jump when it comes.
                _ if waiting => view! { <p class="placeholder placeholder--result">"Finding prices…"</p> }.into_any(),
                _ if query.read().service.is_some() => view! {
                    <p class="estimate-prompt">"Enter the ZIP code where you will get care, above, to see the price there."</p>
                }.into_any(),
                _ => ().into_any(),
            }
        }}
        </div>
        <Show when=move || found.read().is_some()>
            <section class="compare" aria-labelledby="compare-title">
                <h2 id="compare-title">"Compare with another ZIP code"</h2>
                <TextField id="compare" label="Another ZIP code" hint="For example where you work, or a nearby city."
                    inputmode="numeric" autocomplete="off" maxlength=10 width="input--zip"
                    value=Signal::derive(move || query.read().compare.clone())
                    on_input=move |compare: String| update.run(EstimateQuery { compare, ..query.get_untracked() })
                    error=Signal::derive(move || zip_error(&query.read().compare).or_else(|| compare_server.get()))/>
                {move || match (found.get(), comparison.get()) {
                    (Some(here), Some(Ok(there))) => view! { <CompareTable here=here there=there/> }.into_any(),
                    _ => ().into_any(),
                }}
            </section>
        </Show>
        {move || found.get().map(|found| view! { <EstimateAdvice estimate=found/> })}
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

/// The server's word on one field (a ZIP code that does not exist), for the field it is about.
fn field_problem(error: &ApiError, field: &str) -> Option<String> {
    match error {
        ApiError::Problem(problem) => problem.errors.iter().find(|e| e.field == field).map(|e| e.message.clone()),
        _ => None,
    }
}
