use crate::address::app_path;
use crate::api::{ApiError, new_idempotency_key};
use crate::components::{ErrorNotice, ErrorSummary, FieldError};
use crate::console_api;
use crate::page::focus_by_id;
use crate::pages::console::ConsoleSession;
use advocate_domain::request::asks_about_plan;
use advocate_domain::routing::{AdministrativeTopic, PlannedCare};
use advocate_domain::{
    BillCoverage, ContactDetails, ContactMethod, ContactTime, NeedDetail, NewRequest, PlanCoverage, Relationship, RequestReceipt, Service,
    TypedDetails,
};
use leptos::prelude::*;
use std::sync::Arc;

/// The request form, filled in while talking; the same checks as the member's form.
#[component]
pub fn RequestPanel(services: Arc<Vec<Service>>, chosen: RwSignal<String>) -> impl IntoView {
    let session = ConsoleSession::get();
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let relationship = RwSignal::new(Relationship::Employee);
    let plan = RwSignal::new(None::<PlanCoverage>);
    let bill_amount = RwSignal::new(String::new());
    let coverage = RwSignal::new(None::<BillCoverage>);
    let not_covered = RwSignal::new(String::new());
    let topic = RwSignal::new(None::<AdministrativeTopic>);
    let care = RwSignal::new(None::<PlannedCare>);
    let condition = RwSignal::new(String::new());
    let zip = RwSignal::new(String::new());
    let best_time = RwSignal::new(ContactTime::Anytime);
    let notes = RwSignal::new(String::new());
    let consent = RwSignal::new(false);
    let submitted = RwSignal::new(false);
    let key = RwSignal::new(new_idempotency_key());
    let opened = RwSignal::new(None::<RequestReceipt>);
    let failure = RwSignal::new(None::<ApiError>);
    let service = {
        let services = services.clone();
        Memo::new(move |_| services.iter().find(|s| s.id == chosen.get()).cloned())
    };
    // The request as typed so far, with its problems: a typed amount or ZIP code that does not
    // read is named, not silently dropped.
    let checked = {
        let services = services.clone();
        move || {
            let (amount, uncovered, condition, zip) = (bill_amount.get(), not_covered.get(), condition.get(), zip.get());
            let typed = TypedDetails {
                plan: plan.get(),
                bill_amount: &amount,
                bill_coverage: coverage.get(),
                not_covered_amount: &uncovered,
                condition: &condition,
                zip: &zip,
                admin_topic: topic.get(),
                planned_care: care.get(),
            };
            let request = NewRequest {
                relationship: relationship.get(),
                service_id: chosen.get(),
                plan: typed.plan,
                answers: typed.answers(),
                contact: ContactDetails {
                    name: name.get(),
                    method: ContactMethod::Phone,
                    phone: phone.get(),
                    email: String::new(),
                    best_time: best_time.get(),
                },
                consent_to_contact: consent.get(),
                notes: notes.get(),
            };
            let problems = request.problems_as_typed(&services, &typed);
            (request, problems.into_iter().map(|e| (input_id(&e.field), e.message)).collect::<Vec<_>>())
        }
    };
    let errors = Memo::new({
        let checked = checked.clone();
        move |_| checked().1
    });
    let shown = Signal::derive(move || if submitted.get() { errors.get() } else { Vec::new() });
    let error_for = move |id: &'static str| {
        view! { <FieldError field=id message=Signal::derive(move || shown.read().iter().find(|(f, _)| *f == id).map(|(_, m)| m.clone()))/> }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        failure.set(None);
        let (body, problems) = checked();
        if !problems.is_empty() {
            return;
        }
        let (idempotency_key, csrf) = (key.get_untracked(), session.csrf());
        leptos::task::spawn_local(async move {
            match console_api::open_request(&body, &idempotency_key, &csrf).await {
                Ok(receipt) => {
                    opened.set(Some(receipt));
                    key.set(new_idempotency_key());
                    // Ready for the next caller: nothing of this one stays in the form.
                    for field in [name, phone, bill_amount, condition, zip, notes] {
                        field.set(String::new());
                    }
                    consent.set(false);
                    submitted.set(false);
                    focus_by_id("call-opened");
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let select = move |id: &'static str, label: &'static str, options: Vec<(&'static str, String)>, on: Callback<String>| {
        view! {
            <div class="field field--compact">
                <label class="label label--small" for=id>{label}</label>
                {error_for(id)}
                <select id=id class="input" on:change=move |ev| on.run(event_target_value(&ev))>
                    {options.into_iter().map(|(value, text)| view! { <option value=value>{text}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    let text_input = move |id: &'static str, label: &'static str, value: RwSignal<String>| {
        view! {
            <div class="field field--compact">
                <label class="label label--small" for=id>{label}</label>
                {error_for(id)}
                <input id=id class="input" autocomplete="off" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            </div>
        }
    };
    let service_options: Vec<(String, String)> =
        std::iter::once((String::new(), "Choose…".to_string())).chain(services.iter().map(|s| (s.id.clone(), s.title.clone()))).collect();
    let choose = || ("", "Choose…".to_string());
    let relationships = Relationship::ALL.into_iter().filter(|r| r.is_eligible()).map(|r| (r.slug(), r.label().to_string())).collect();
    let plans = vec![
        choose(),
        (PlanCoverage::CarrierPlan.slug(), "Yes".to_string()),
        (PlanCoverage::OtherPlan.slug(), "No, another plan or none".to_string()),
        (PlanCoverage::NotSure.slug(), "Not sure".to_string()),
    ];
    let coverages =
        std::iter::once(choose()).chain(BillCoverage::ALL.into_iter().map(|c| (c.slug(), c.summary().to_string()))).collect::<Vec<_>>();
    let topics = std::iter::once(choose())
        .chain(AdministrativeTopic::ALL.into_iter().map(|t| (t.slug(), t.label().to_string())))
        .collect::<Vec<_>>();
    let cares = std::iter::once(choose())
        .chain(PlannedCare::ALL.into_iter().map(|c| (c.slug(), c.label("the carrier"))))
        .collect::<Vec<(&'static str, String)>>();
    let best_times = ContactTime::ALL.into_iter().map(|t| (t.slug(), t.label().to_string())).collect();
    view! {
        <section class="call-panel call-panel--wide" aria-labelledby="call-request-title">
            <h2 id="call-request-title">"Open a request"</h2>
            {move || opened.get().map(|receipt| view! {
                <div id="call-opened" class="notice notice--success" tabindex="-1" role="status">
                    <p>"Opened " <strong>{receipt.reference.to_string()}</strong> ", assigned to you. "
                        <a href=app_path(&format!("/console/cases/{}", receipt.reference))>"Open the case"</a></p>
                </div>
            })}
            {move || failure.get().map(|error| view! { <ErrorNotice error=error/> })}
            <ErrorSummary errors=shown/>
            <form on:submit=submit novalidate>
                {text_input("call-name", "Caller's name", name)}
                {text_input("call-phone", "Phone number to call back", phone)}
                {select("call-relationship", "Who needs help", relationships,
                    Callback::new(move |v: String| if let Some(r) = Relationship::from_slug(&v) { relationship.set(r) }))}
                <div class="field field--compact">
                    <label class="label label--small" for="call-service-id">"Service"</label>
                    {error_for("call-service-id")}
                    <select id="call-service-id" class="input" on:change=move |ev| chosen.set(event_target_value(&ev))>
                        {service_options.into_iter().map(|(value, text)| {
                            let selected = { let value = value.clone(); move || chosen.get() == value };
                            view! { <option value=value selected=selected>{text}</option> }
                        }).collect_view()}
                    </select>
                </div>
                {move || service.get().map(|service| {
                    let plan_question = asks_about_plan(&service).then(|| select("call-plan", "Covered by the sponsor's medical plan?", plans.clone(),
                        Callback::new(move |v: String| plan.set(PlanCoverage::from_slug(&v)))));
                    let details = service.details.iter().map(|detail| match detail {
                        NeedDetail::BillAmount => text_input("call-bill-amount", "Bill amount ($)", bill_amount).into_any(),
                        NeedDetail::BillCoverage => view! {
                            {select("call-bill-coverage", "What did the plan do with the bill?", coverages.clone(),
                                Callback::new(move |v: String| coverage.set(BillCoverage::from_slug(&v))))}
                            <Show when=move || coverage.get() == Some(BillCoverage::PartlyCovered)>
                                {text_input("call-not-covered", "Part not covered ($)", not_covered)}
                            </Show>
                        }.into_any(),
                        NeedDetail::Condition => text_input("call-condition", "Condition, in the caller's words", condition).into_any(),
                        NeedDetail::Zip => text_input("call-zip", "ZIP code for care", zip).into_any(),
                        NeedDetail::AdministrativeTopic => {
                            let topics = topics.clone();
                            (move || (plan.get() == Some(PlanCoverage::CarrierPlan)).then(|| select("call-topic", "Mainly about", topics.clone(),
                                Callback::new(move |v: String| topic.set(AdministrativeTopic::from_slug(&v)))))).into_any()
                        }
                        NeedDetail::PlannedCare => {
                            let cares = cares.clone();
                            (move || (plan.get() == Some(PlanCoverage::CarrierPlan)).then(|| select("call-care", "Planned care", cares.clone(),
                                Callback::new(move |v: String| care.set(PlannedCare::from_slug(&v)))))).into_any()
                        }
                    }).collect_view();
                    view! { {plan_question} {details} }
                })}
                {select("call-best-time", "Best time to call back", best_times,
                    Callback::new(move |v: String| if let Some(t) = ContactTime::from_slug(&v) { best_time.set(t) }))}
                <div class="field field--compact">
                    <label class="label label--small" for="call-notes">"Notes for the advocate who follows up (optional)"</label>
                    <textarea id="call-notes" class="textarea" rows="3" prop:value=move || notes.get() on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
                </div>
                <div class="field">
                    {error_for("call-consent")}
                    <div class="checkbox">
                        <input type="checkbox" id="call-consent" prop:checked=move || consent.get() on:change=move |ev| consent.set(event_target_checked(&ev))/>
                        <label for="call-consent">"The caller agreed, on this call, to be contacted about this request"</label>
                    </div>
                </div>
                <button type="submit" class="button button--primary">"Open the request"</button>
            </form>
        </section>
    }
}

/// A field of `NewRequest` as the id of this form's input.
fn input_id(field: &str) -> &'static str {
    match field {
        "contact.name" => "call-name",
        "contact.phone" => "call-phone",
        "service_id" => "call-service-id",
        "plan" => "call-plan",
        "answers.bill_amount" => "call-bill-amount",
        "answers.bill_coverage" => "call-bill-coverage",
        "answers.not_covered_amount" => "call-not-covered",
        "answers.admin_topic" => "call-topic",
        "answers.planned_care" => "call-care",
        "answers.condition" => "call-condition",
        "answers.zip" => "call-zip",
        "consent_to_contact" => "call-consent",
        "notes" => "call-notes",
        _ => "call-name",
    }
}
