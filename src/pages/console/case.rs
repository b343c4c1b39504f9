//! A case as an advocate works it: the member's answers and contact details, the routing
//! decision and why, consent, the attached bill with its review, notes (only ever added), status
//! changes and the history. Opening it is written to the audit log by the server.

use super::ConsoleSession;
use crate::address::app_path;
use crate::api::ApiError;
use crate::components::{ErrorNotice, FieldError, Radios};
use crate::console_api;
use crate::page::use_program;
use advocate_domain::bill_review::describe_lines;
use advocate_domain::console::{Case, NewCaseNote, StatusChange, allowed_state_changes};
use advocate_domain::handoff::HandoffMethod;
use advocate_domain::{ContactMethod, Handler, RequestState};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CasePage() -> impl IntoView {
    let session = ConsoleSession::get();
    let reference = use_params_map().get_untracked().get("reference").unwrap_or_default();
    let case = RwSignal::new(None::<Result<Case, ApiError>>);
    let reference = StoredValue::new(reference);
    let load = move || {
        leptos::task::spawn_local(async move {
            case.set(Some(session.checked(console_api::case(&reference.get_value()).await)));
        });
    };
    load();
    view! {
        <div class="page page--console">
            <p><a href=app_path("/console")>"Back to the requests"</a></p>
            <h1 tabindex="-1">"Case " {reference.get_value()}</h1>
            {move || match case.get() {
                None => view! { <p class="boot">"Loading the case…"</p> }.into_any(),
                Some(Err(error)) => view! { <ErrorNotice error=error on_retry=move || load()/> }.into_any(),
                Some(Ok(found)) => view! { <CaseDetails case=found on_changed=move || load()/> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn CaseDetails(case: Case, #[prop(into)] on_changed: Callback<()>) -> impl IntoView {
    let session = ConsoleSession::get();
    let hours = use_program().hours;
    let reference = case.summary.reference.to_string();
    let request = case.request.clone();
    let contact = request.contact.clone();
    let mine = case.summary.assigned_to.as_ref().is_some_and(|a| Some(a.id) == session.advocate_id());
    let failure = RwSignal::new(None::<ApiError>);
    let run = move |action: std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), ApiError>>>>| {
        failure.set(None);
        leptos::task::spawn_local(async move {
            match session.checked(action.await) {
                Ok(()) => on_changed.run(()),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let take = {
        let reference = reference.clone();
        move |_| {
            let (reference, csrf) = (reference.clone(), session.csrf());
            run(Box::pin(async move { console_api::assign_to_me(&reference, &csrf).await }));
        }
    };
    let current = case.summary.state;
    let new_state = RwSignal::new(None::<RequestState>);
    let status_note = RwSignal::new(String::new());
    let handoff = RwSignal::new(None::<HandoffMethod>);
    let handing_off = move || new_state.get() == Some(RequestState::RoutedToCarrier);
    // The domain's rules for a status change, shown beside the fields before anything is sent.
    let change_errors = RwSignal::new(Vec::<advocate_domain::FieldError>::new());
    let error_for = move |field: &'static str| {
        Signal::derive(move || change_errors.read().iter().find(|e| e.field == field).map(|e| e.message.clone()))
    };
    let change = {
        let reference = reference.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(state) = new_state.get_untracked() else {
                change_errors.set(vec![advocate_domain::FieldError { field: "state".into(), message: "Choose the new status.".into() }]);
                return;
            };
            let note = Some(status_note.get_untracked()).filter(|n| !n.trim().is_empty());
            let change = StatusChange { state, note, handoff: handoff.get_untracked().filter(|_| state == RequestState::RoutedToCarrier) };
            let problems = change.problems();
            if !problems.is_empty() {
                change_errors.set(problems);
                return;
            }
            change_errors.set(Vec::new());
            let (reference, csrf) = (reference.clone(), session.csrf());
            run(Box::pin(async move { console_api::change_status(&reference, &change, &csrf).await }));
        }
    };
    let note_text = RwSignal::new(String::new());
    let note_error = RwSignal::new(None::<String>);
    let add_note = {
        let reference = reference.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let note = NewCaseNote { text: note_text.get_untracked() };
            if let Some(problem) = note.problems().into_iter().next() {
                note_error.set(Some(problem.message));
                return;
            }
            note_error.set(None);
            note_text.set(String::new());
            let (reference, csrf) = (reference.clone(), session.csrf());
            run(Box::pin(async move { console_api::add_note(&reference, &note, &csrf).await }));
        }
    };
    let contact_line = match contact.method {
        ContactMethod::Phone => format!("Phone {}", contact.phone),
        ContactMethod::Email => format!("Email {}", contact.email),
    };
    let details = request.answers.rows();
    let bill = case.bill.clone();
    view! {
        {move || failure.get().map(|error| view! { <ErrorNotice error=error/> })}
        <section class="case-section" aria-labelledby="case-status">
            <h2 id="case-status">{current.label()} {case.summary.overdue.then(|| view! { " " <strong class="tag tag--overdue">"Overdue"</strong> })}</h2>
            <p>{format!("{} · contact by {}", case.summary.service_title, hours.describe(case.summary.outreach.by))}</p>
            <p>{match &case.summary.assigned_to {
                Some(_) if mine => "Assigned to you.".to_string(),
                Some(a) => format!("Assigned to {}.", a.name),
                None => "Not assigned.".to_string(),
            }}</p>
            {(!mine).then(|| view! { <button type="button" id="take-case" class="button button--secondary" on:click=take>"Take this case"</button> })}
        </section>

        <section class="case-section" aria-labelledby="case-member">
            <h2 id="case-member">"The member"</h2>
            <dl class="summary-list">
                <div class="summary-list__row"><dt>"Name"</dt><dd>{contact.name.clone()}</dd></div>
                <div class="summary-list__row"><dt>"Who needs help"</dt><dd>{request.relationship.label()}</dd></div>
                <div class="summary-list__row"><dt>"Contact"</dt><dd>{contact_line}</dd></div>
                <div class="summary-list__row"><dt>"Best time"</dt><dd>{contact.best_time.label()}</dd></div>
                <div class="summary-list__row"><dt>"Consent"</dt><dd>{if request.consent_to_contact { "Agreed to be contacted about this request" } else { "No consent recorded: do not contact" }}</dd></div>
                {details.into_iter().map(|(question, answer)| view! { <div class="summary-list__row"><dt>{question}</dt><dd>{answer}</dd></div> }).collect_view()}
                {(!request.notes.trim().is_empty()).then(|| view! { <div class="summary-list__row"><dt>"The member's note"</dt><dd class="pre-line">{request.notes.clone()}</dd></div> })}
            </dl>
        </section>

        <section class="case-section" aria-labelledby="case-routing">
            <h2 id="case-routing">"Routing"</h2>
            <p><strong>{match case.routing.handler { Handler::Advocate => "Advocates handle it.", Handler::Carrier => "The carrier handles it." }}</strong> " " {case.routing.reason.clone()}</p>
        </section>

        {bill.map(|bill| {
            let reference = reference.clone();
            view! {
                <section class="case-section" aria-labelledby="case-bill">
                    <h2 id="case-bill">"The bill"</h2>
                    <p>{format!("Attached: {}.", bill.describe())}</p>
                    {bill.review.map(|attached| view! {
                        <p>{attached.review.bill_saver_answer.clone()}</p>
                        <ol class="findings findings--compact">
                            {attached.review.findings.into_iter().map(|f| view! {
                                <li>
                                    <strong>{f.kind.title()}</strong>
                                    {(f.at_stake.cents() > 0).then(|| format!(" · {} at stake", f.at_stake))}
                                    {(!f.lines.is_empty()).then(|| format!(" · {}", describe_lines(&f.lines)))}
                                </li>
                            }).collect_view()}
                        </ol>
                    })}
                    <ul class="list">
                        {bill.pages.into_iter().enumerate().map(|(i, page)| {
                            let href = console_api::bill_page_href(&reference, page.id);
                            view! { <li><a href=href download>{format!("Page {} ({}, {} KB)", i + 1, page.media_type, page.bytes.div_ceil(1024))}</a></li> }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })}

        <section class="case-section" aria-labelledby="case-change">
            <h2 id="case-change">{if current == RequestState::AwaitingHandoff { "Hand it off, or change the status" } else { "Change the status" }}</h2>
            {(current == RequestState::AwaitingHandoff).then(|| view! {
                <p>"The program directs this request to the carrier. Hand it off (a warm transfer, telling the member whom to call, or a referral to the carrier), then record how; until then it stays in the queue and becomes overdue like any request."</p>
            })}
            <form on:submit=change novalidate>
                <div class="field" class:field--error=move || error_for("state").read().is_some()>
                    <label class="label" for="new-state">"New status"</label>
                    <FieldError field="new-state" message=error_for("state")/>
                    <select id="new-state" class="input" on:change=move |ev| new_state.set(RequestState::from_slug(&event_target_value(&ev)))>
                        <option value="">"Choose…"</option>
                        {allowed_state_changes(current).map(|s| view! { <option value=s.slug()>{s.label()}</option> }).collect_view()}
                    </select>
                </div>
                <Show when=handing_off>
                    <fieldset class="field" class:field--error=move || error_for("handoff").read().is_some()>
                        <legend class="label">"How was it handed off?"</legend>
                        <FieldError field="handoff" message=error_for("handoff")/>
                        <Radios name="handoff" options=HandoffMethod::ALL.map(|m| (m, m.label().to_string())).to_vec()
                            selected=handoff on_select=move |m| handoff.set(Some(m))/>
                    </fieldset>
                </Show>
                <div class="field" class:field--error=move || error_for("note").read().is_some()>
                    <label class="label" for="status-note">{move || if handing_off() { "Note on the hand-off: whom you spoke to, or what you sent" } else { "Why (optional)" }}</label>
                    <FieldError field="status-note" message=error_for("note")/>
                    <input id="status-note" class="input" prop:value=move || status_note.get() on:input=move |ev| status_note.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button button--primary">{move || if handing_off() { "Record the hand-off" } else { "Change status" }}</button>
            </form>
        </section>

        <section class="case-section" aria-labelledby="case-notes">
            <h2 id="case-notes">"Notes"</h2>
            <ol class="notes">
                {case.notes.into_iter().map(|note| view! {
                    <li class="note">
                        <p class="note__meta">{format!("{} · {}", note.author.name, hours.describe(note.created_at))}</p>
                        <p class="pre-line">{note.text}</p>
                    </li>
                }).collect_view()}
            </ol>
            <form on:submit=add_note>
                <div class="field" class:field--error=move || note_error.read().is_some()>
                    <label class="label" for="note-text">"Add a note"</label>
                    <p class="hint" id="note-hint">"Notes cannot be changed or deleted; to correct one, add another."</p>
                    {move || note_error.get().map(|message| view! { <p class="field-error" id="note-text-error"><span class="visually-hidden">"Error: "</span>{message}</p> })}
                    <textarea id="note-text" class="textarea" rows="4" aria-describedby=move || if note_error.read().is_some() { "note-hint note-text-error" } else { "note-hint" }
                        prop:value=move || note_text.get() on:input=move |ev| note_text.set(event_target_value(&ev))></textarea>
                </div>
                <button type="submit" class="button button--primary">"Add note"</button>
            </form>
        </section>

        <section class="case-section" aria-labelledby="case-history">
            <h2 id="case-history">"History"</h2>
            <ol class="list">
                {case.history.into_iter().map(|step| view! {
                    <li>{format!("{}: {}{}{}{}",
                        hours.describe(step.at),
                        step.to.label(),
                        step.by.map(|b| format!(", by {}", b.name)).unwrap_or_else(|| ", when the member sent it".into()),
                        step.handoff.map(|m| format!(". {}", m.label())).unwrap_or_default(),
                        step.note.map(|n| format!(" ({n})")).unwrap_or_default())}</li>
                }).collect_view()}
            </ol>
        </section>
    }
}
