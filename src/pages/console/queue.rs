//! The queue: requests by status, overdue first by their promised outreach window, filtered by
//! area and by "mine", reloaded every few seconds so a new request appears by itself.

use super::ConsoleSession;
use crate::address::app_path;
use crate::api::ApiError;
use crate::components::ErrorNotice;
use crate::console_api;
use crate::page::use_program;
use advocate_domain::console::{CaseQueue, CaseSummary};
use advocate_domain::{RequestState, ServiceArea};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

#[component]
pub fn QueuePage() -> impl IntoView {
    let session = ConsoleSession::get();
    let status = RwSignal::new(String::new());
    let area = RwSignal::new(String::new());
    let mine = RwSignal::new(false);
    let queue = RwSignal::new(None::<Result<CaseQueue, ApiError>>);
    let load = move |background: bool| {
        let (s, a, m) = (status.get_untracked(), area.get_untracked(), mine.get_untracked());
        leptos::task::spawn_local(async move {
            queue.set(Some(session.checked(console_api::queue(&s, &a, m, background).await)));
        });
    };
    Effect::new(move |_| {
        status.track();
        area.track();
        mine.track();
        load(false);
    });
    // A new request appears within the poll interval the server names.
    let poll = Closure::<dyn FnMut()>::new(move || load(true));
    let seconds = advocate_domain::console::QUEUE_POLL_SECONDS as i32;
    let timer = window().set_interval_with_callback_and_timeout_and_arguments_0(poll.as_ref().unchecked_ref(), seconds * 1000).ok();
    let poll = send_wrapper::SendWrapper::new(poll);
    on_cleanup(move || {
        if let Some(timer) = timer {
            window().clear_interval_with_handle(timer);
        }
        drop(poll);
    });
    let take = move |reference: String| {
        let csrf = session.csrf();
        leptos::task::spawn_local(async move {
            if let Err(error) = console_api::assign_to_me(&reference, &csrf).await {
                queue.set(Some(Err(error)));
            }
            load(false);
        });
    };
    view! {
        <div class="page page--console">
            <h1 tabindex="-1">"Requests"</h1>
            <form class="queue-filters" on:submit=|e| e.prevent_default()>
                <div class="field field--compact">
                    <label class="label label--small" for="filter-status">"Status"</label>
                    <select id="filter-status" class="input" on:change=move |ev| status.set(event_target_value(&ev))>
                        <option value="">"Open (new, in progress, waiting)"</option>
                        {RequestState::ALL.into_iter().map(|s| view! { <option value=s.slug()>{s.label()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field field--compact">
                    <label class="label label--small" for="filter-area">"Area"</label>
                    <select id="filter-area" class="input" on:change=move |ev| area.set(event_target_value(&ev))>
                        <option value="">"All areas"</option>
                        {ServiceArea::ALL.into_iter().map(|a| view! { <option value=a.slug()>{a.title()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="checkbox">
                    <input type="checkbox" id="filter-mine" on:change=move |ev| mine.set(event_target_checked(&ev))/>
                    <label for="filter-mine">"Only mine"</label>
                </div>
            </form>
            {move || match queue.get() {
                None => view! { <p class="boot">"Loading requests…"</p> }.into_any(),
                Some(Err(error)) => view! { <ErrorNotice error=error on_retry=move || load(false)/> }.into_any(),
                Some(Ok(queue)) => view! { <QueueList queue=queue me=session.advocate_id() on_take=take/> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn QueueList(queue: CaseQueue, me: Option<i64>, #[prop(into)] on_take: Callback<String>) -> impl IntoView {
    let hours = use_program().hours;
    let count = queue.requests.len();
    view! {
        <p class="queue-count" role="status">{match count {
            0 => "No requests match.".to_string(),
            1 => "1 request, most urgent first.".to_string(),
            n => format!("{n} requests, most urgent first."),
        }}{queue.truncated.then_some(" More match: narrow the filter to see them.")}</p>
        <ol class="queue">
            {queue.requests.into_iter().map(|case| {
                let CaseSummary { reference, service_title, state, overdue, outreach, assigned_to, .. } = case;
                let reference = reference.to_string();
                let mine = assigned_to.as_ref().is_some_and(|a| Some(a.id) == me);
                let take = {
                    let reference = reference.clone();
                    move |_| on_take.run(reference.clone())
                };
                view! {
                    <li class="queue-item" class:queue-item--overdue=overdue>
                        <h2 class="queue-item__title">
                            <a href=app_path(&format!("/console/cases/{reference}"))>{reference.clone()}</a>
                            " " <span class="queue-item__service">{service_title}</span>
                        </h2>
                        <p class="queue-item__meta">
                            {overdue.then(|| view! { <strong class="tag tag--overdue">"Overdue"</strong> " " })}
                            <span class="tag">{state.label()}</span>
                            " Contact by " {hours.describe(outreach.by)}
                        </p>
                        <p class="queue-item__meta">{match &assigned_to {
                            Some(_) if mine => "Assigned to you".to_string(),
                            Some(a) => format!("Assigned to {}", a.name),
                            None => "Not assigned".to_string(),
                        }}</p>
                        {(!mine).then(|| view! {
                            <button type="button" class="button button--secondary button--small" on:click=take>
                                "Take" <span class="visually-hidden">{format!(" {reference}")}</span>
                            </button>
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
