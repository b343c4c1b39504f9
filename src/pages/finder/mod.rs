//! The service finder: who needs help → what kind of help → the specific need → the details
//! that matter → the outcome → the request → confirmation. Every step is its own URL.

mod contact;
mod details;
mod done;
mod help;
mod need;
mod not_eligible;
mod outcome;
mod who;

use contact::ContactStep;
use details::DetailsStep;
use done::DoneStep;
use help::HelpStep;
use need::NeedStep;
use not_eligible::NotEligibleStep;
use outcome::OutcomeStep;
use who::WhoStep;

use crate::api;
use crate::components::{ErrorNotice, StepCaption};
use crate::finder::Answers;
use advocate_domain::Service;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::sync::Arc;

/// The service catalog, fetched once when the finder opens; every step after that renders
/// without a network round trip.
#[derive(Clone)]
pub struct Catalog(pub Arc<Vec<Service>>);

pub fn use_catalog() -> Arc<Vec<Service>> {
    expect_context::<Catalog>().0
}

/// The finder: `/find` and `/find/{step}`. One route for all steps keeps the router small;
/// each step is still its own URL and its own view.
#[component]
pub fn FinderPage() -> impl IntoView {
    let catalog = LocalResource::new(api::services);
    let params = use_params_map();
    let step = Memo::new(move |_| params.read().get("step").unwrap_or_default());
    view! {
        <div class="page page--finder">
            <Suspense fallback=|| view! { <p class="boot">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match catalog.await {
                        Ok(services) => {
                            provide_context(Catalog(Arc::new(services)));
                            (move || match step.get().as_str() {
                                "" => view! { <WhoStep/> }.into_any(),
                                "not-eligible" => view! { <NotEligibleStep/> }.into_any(),
                                "help" => view! { <HelpStep/> }.into_any(),
                                "need" => view! { <NeedStep/> }.into_any(),
                                "details" => view! { <DetailsStep/> }.into_any(),
                                "outcome" => view! { <OutcomeStep/> }.into_any(),
                                "contact" => view! { <ContactStep/> }.into_any(),
                                "done" => view! { <DoneStep/> }.into_any(),
                                _ => view! { <crate::components::NotFound/> }.into_any(),
                            })
                            .into_any()
                        }
                        Err(error) => view! { <ErrorNotice error=error on_retry=move || catalog.refetch()/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The answers in the current URL.
pub fn use_answers() -> Memo<Answers> {
    let query = use_query_map();
    Memo::new(move |_| Answers::from_query(&query.read()))
}

/// Moves on to the next step. The current step's URL is first rewritten with the answer just
/// given, so the browser's Back button returns to it with that answer still chosen.
pub fn advance(navigate: &impl Fn(&str, leptos_router::NavigateOptions), here: &Answers, this_step: &str, next: &Answers, next_step: &str) {
    navigate(&here.step(this_step), leptos_router::NavigateOptions { replace: true, scroll: false, ..Default::default() });
    navigate(&next.step(next_step), Default::default());
}

/// Remembers where the member is, so /find can offer to continue an unfinished request.
pub fn remember_step(answers: Memo<Answers>, step: &'static str) {
    Effect::new(move |_| crate::finder::save_last_answers(&answers.get().step(step)));
}

/// "Step 3 of 4" for a finder step, counted on this member's own path (`Answers::steps`).
#[component]
pub fn FinderStep(step: &'static str) -> impl IntoView {
    let answers = use_answers();
    let catalog = use_catalog();
    move || {
        let steps = answers.read().steps(&catalog);
        let number = steps.iter().position(|s| *s == step).map_or(steps.len(), |i| i + 1);
        view! { <StepCaption step=number total=steps.len()/> }
    }
}
