use super::{remember_step, use_answers, use_catalog};
use crate::api::{self, ApiError};
use crate::components::{
    BackLink, BillToSend, ErrorNotice, ErrorSummary, FieldError, MissingNeed, NotAnEmergencyLine, Radios, SafetyNotice, TextField,
};
use crate::finder::{Answers, ContactDraft, clear_draft, input_id, load_contact, save_contact, save_receipt};
use crate::page::{set_page_title, use_program};
use advocate_domain::{ContactDetails, ContactMethod, ContactTime, NewRequest, ProgramSettings, Service};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The request form: how and when to reach the member, consent, optional notes, and the
/// answers to check before sending. Nothing reaches the server until "Send request".
#[component]
pub fn ContactStep() -> impl IntoView {
    set_page_title("How should an advocate contact you?");
    let answers = use_answers();
    remember_step(answers, "contact");
    let catalog = use_catalog();
    match answers.get_untracked().service(&catalog).cloned() {
        Some(service) => view! { <ContactForm service=service catalog=catalog program=use_program() answers=answers/> }.into_any(),
        None => view! { <MissingNeed/> }.into_any(),
    }
}

#[component]
fn ContactForm(service: Service, catalog: std::sync::Arc<Vec<Service>>, program: ProgramSettings, answers: Memo<Answers>) -> impl IntoView {
    let draft = RwSignal::new(load_contact());
    Effect::new(move |_| save_contact(&draft.get()));
    let submitted = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let server_errors = RwSignal::new(Vec::<(&'static str, String)>::new());

    let request = {
        let service_id = service.id.clone();
        move || {
            let answers = answers.get();
            let draft = draft.get();
            NewRequest {
                relationship: answers.who.unwrap_or(advocate_domain::Relationship::Employee),
                service_id: service_id.clone(),
                plan: answers.plan,
                answers: answers.need_answers(),
                contact: ContactDetails {
                    name: draft.name.clone(),
                    method: draft.method,
                    phone: draft.phone.clone(),
                    email: draft.email.clone(),
                    best_time: draft.best_time,
                },
                consent_to_contact: draft.consent,
                notes: draft.notes.clone(),
            }
        }
    };
    // The same checks the server makes, as the member types.
    let errors = {
        let request = request.clone();
        Memo::new(move |_| {
            let answers = answers.get();
            request()
                .problems_as_typed(&catalog, &answers.details())
                .into_iter()
                .map(|e| (input_id(&e.field), e.message))
                .collect::<Vec<_>>()
        })
    };
    let visible = Signal::derive(move || {
        let draft = draft.read();
        let mut shown: Vec<(&'static str, String)> =
            errors.get().into_iter().filter(|(field, _)| submitted.get() || typed(field, &draft)).collect();
        shown.extend(server_errors.get());
        shown
    });
    let summary = Signal::derive(move || if submitted.get() { visible.get() } else { Vec::new() });
    let error_for =
        move |field: &'static str| Signal::derive(move || visible.read().iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone()));

    let navigate = use_navigate();
    let send = Action::new_local(move |(request, key): &(NewRequest, String)| {
        let (request, key) = (request.clone(), key.clone());
        async move { api::create_request(&request, &key).await }
    });
    Effect::new(move |_| {
        if let Some(result) = send.value().get() {
            sending.set(false);
            match result {
                Ok(receipt) => {
                    save_receipt(&receipt);
                    clear_draft();
                    navigate(&crate::address::app_path(&format!("/find/done?ref={}", receipt.reference)), Default::default());
                }
                Err(ApiError::Problem(problem)) if !problem.errors.is_empty() => {
                    server_errors.set(problem.errors.into_iter().map(|e| (input_id(&e.field), e.message)).collect());
                }
                Err(error) => failure.set(Some(error)),
            }
        }
    });
    let submit = {
        let request = request.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            submitted.set(true);
            failure.set(None);
            server_errors.set(Vec::new());
            if errors.get_untracked().is_empty() && !sending.get_untracked() {
                sending.set(true);
                send.dispatch((request(), draft.get_untracked().idempotency_key));
            }
        }
    };

    let set = move |change: &dyn Fn(&mut ContactDraft)| draft.update(|d| change(d));
    let back = Signal::derive(move || answers.get().step("outcome"));
    let answers_now = answers.get_untracked();
    view! {
        <BackLink href=back/>
        <ErrorSummary errors=summary/>
        {move || failure.get().map(|error| view! { <ErrorNotice error=error/> })}
        <form on:submit=submit novalidate>
            <h1 tabindex="-1">"How should an advocate contact you?"</h1>
            <p class="lead">"An advocate will contact you during their hours: " {program.hours.summary()} "."</p>
            <NotAnEmergencyLine/>

            <TextField id="name" label="Your name" autocomplete="name" maxlength=100
                value=Signal::derive(move || draft.read().name.clone())
                on_input=move |v: String| set(&|d| d.name = v.clone())
                error=error_for("name")/>

            <fieldset class="question">
                <legend class="question__legend">"How should we contact you?"</legend>
                <Radios name="method"
                    options=vec![(ContactMethod::Phone, "Phone call".to_string()), (ContactMethod::Email, "Email".to_string())]
                    selected=Signal::derive(move || Some(draft.read().method))
                    on_select=move |method| set(&|d| d.method = method)/>
            </fieldset>

            <Show when=move || draft.read().method == ContactMethod::Phone fallback=move || view! {
                <TextField id="email" label="Email address" input_type="email" autocomplete="email"
                    value=Signal::derive(move || draft.read().email.clone())
                    on_input=move |v: String| set(&|d| d.email = v.clone())
                    error=error_for("email")/>
            }>
                <TextField id="phone" label="Phone number" hint="A US number, like 555-201-4477, with its extension if it has one: 555-201-4477 ext.\u{a0}12." input_type="tel"
                    autocomplete="tel" width="input--phone"
                    value=Signal::derive(move || draft.read().phone.clone())
                    on_input=move |v: String| set(&|d| d.phone = v.clone())
                    error=error_for("phone")/>
            </Show>

            <fieldset class="question">
                <legend class="question__legend">"When is the best time to reach you?"</legend>
                <Radios name="best-time"
                    options=ContactTime::ALL.into_iter().map(|time| (time, time.label().to_string())).collect()
                    selected=Signal::derive(move || Some(draft.read().best_time))
                    on_select=move |time| set(&|d| d.best_time = time)/>
            </fieldset>

            <div class="field">
                <SafetyNotice text=Signal::derive(move || draft.read().notes.clone())/>
                <label class="label" for="notes">"Anything the advocate should know (optional)"</label>
                <p class="hint" id="notes-hint">"Share only what helps with this request. You can tell the advocate more on the call."</p>
                <FieldError field="notes" message=error_for("notes")/>
                <textarea class="textarea" id="notes" rows="4" maxlength="2000" aria-describedby="notes-hint"
                    prop:value=move || draft.read().notes.clone()
                    on:input=move |ev| { let v = event_target_value(&ev); set(&|d| d.notes = v.clone()) }></textarea>
            </div>

            <h2>"Check your answers"</h2>
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt>"Who needs help"</dt>
                    <dd>{answers_now.who.map(|w| w.label())}</dd>
                    <dd><a href=answers_now.step("")>"Change"<span class="visually-hidden">" who needs help"</span></a></dd>
                </div>
                <div class="summary-list__row">
                    <dt>"Help needed"</dt>
                    <dd>{service.title.clone()}</dd>
                    <dd><a href=answers_now.step("help")>"Change"<span class="visually-hidden">" the help needed"</span></a></dd>
                </div>
                {detail_rows(&answers_now, &program.sponsor_name).into_iter().map(|(question, answer)| {
                    let change = answers_now.step("details");
                    let hidden = format!(" {}", question.to_lowercase());
                    view! {
                        <div class="summary-list__row">
                            <dt>{question}</dt>
                            <dd>{answer}</dd>
                            <dd><a href=change>"Change"<span class="visually-hidden">{hidden}</span></a></dd>
                        </div>
                    }
                }).collect_view()}
            </dl>

            <BillToSend/>

            // The error above the box, not under it: the box is drawn at its container's corner.
            <div class="field">
                <FieldError field="consent" message=error_for("consent")/>
                <div class="checkbox">
                    <input type="checkbox" id="consent" prop:checked=move || draft.read().consent on:change=move |ev| { let v = event_target_checked(&ev); set(&|d| d.consent = v) }/>
                    <label for="consent">"An advocate may contact me about this request by the phone number or email I gave."</label>
                </div>
            </div>

            <button type="submit" class="button button--primary" prop:disabled=move || sending.get()>
                {move || if sending.get() { "Sending…" } else { "Send request" }}
            </button>
        </form>
    }
}

/// The details step's answers as (question, answer) rows for "Check your answers".
fn detail_rows(answers: &Answers, sponsor: &str) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    if let Some(plan) = answers.plan {
        let answer = match plan {
            advocate_domain::PlanCoverage::CarrierPlan => "Yes",
            advocate_domain::PlanCoverage::OtherPlan => "No",
            advocate_domain::PlanCoverage::NotSure => "Not sure",
        };
        rows.push((format!("Covered by a {sponsor} medical plan"), answer.to_string()));
    }
    rows.extend(answers.need_answers().rows().into_iter().map(|(question, answer)| (question.to_string(), answer)));
    rows
}

/// Errors in fields the member has typed into show at once; the rest wait for "Send request".
fn typed(field: &str, draft: &ContactDraft) -> bool {
    match field {
        "phone" => draft.phone.chars().filter(char::is_ascii_digit).count() >= 10 || draft.phone.chars().any(|c| c.is_alphabetic()),
        "email" => draft.email.contains('@') && draft.email.contains('.'),
        "notes" => !draft.notes.is_empty(),
        _ => false,
    }
}
