//! Call mode: one screen for a live call. Find the service, price a procedure by ZIP code, open
//! the bill check, and open a request on the caller's behalf with the consent they gave on the
//! call; each panel has a keyboard shortcut (Alt+S, Alt+P, Alt+B, Alt+R). Everything is checked
//! by the same domain rules the member's own pages use, as the advocate types.

use super::ConsoleSession;
use crate::api::{self, ApiError, app_path};
use crate::components::{ErrorNotice, ErrorSummary};
use crate::pages::estimate::picker::ProcedurePicker;
use crate::pages::estimate::result::EstimateCard;
use advocate_domain::estimate::Estimate;
use advocate_domain::procedures::Procedure;
use advocate_domain::request::asks_about_plan;
use advocate_domain::{
    BillCoverage, ContactDetails, ContactMethod, ContactTime, Money, NeedAnswers, NeedDetail, NewRequest, PlanCoverage, Relationship,
    RequestReceipt, Service, ServiceIndex, Zip,
};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// Alt + the key's code → the element the shortcut moves to.
const SHORTCUTS: [(&str, &str, &str); 4] = [
    ("KeyS", "call-service", "Find a service"),
    ("KeyP", "call-price-zip", "Price a procedure"),
    ("KeyB", "call-bill", "Check a bill"),
    ("KeyR", "call-name", "Open a request"),
];

#[component]
pub fn CallPage() -> impl IntoView {
    crate::app::set_page_title("On a call");
    let catalog = LocalResource::new(api::services);
    let procedures = LocalResource::new(api::procedures);
    listen_for_shortcuts();
    view! {
        <div class="page page--console page--call">
            <h1 tabindex="-1">"On a call"</h1>
            <p class="shortcuts">"Shortcuts: " {SHORTCUTS.iter().map(|(code, _, what)| view! {
                <kbd>{format!("Alt+{}", &code[3..])}</kbd> " " {*what} " · "
            }).collect_view()}</p>
            {move || match (catalog.get(), procedures.get()) {
                (Some(Ok(services)), Some(Ok(procedures))) => {
                    let services = Arc::new(services);
                    let chosen = RwSignal::new(String::new());
                    view! {
                        <div class="call-panels">
                            <ServicePanel services=services.clone() on_choose=use_service(chosen)/>
                            <PricePanel procedures=Arc::new(procedures)/>
                            <section class="call-panel" aria-labelledby="call-bill-title">
                                <h2 id="call-bill-title">"Check a bill"</h2>
                                <p>"The bill check opens in a new tab, so this call's screen stays as it is."</p>
                                <a id="call-bill" class="button button--secondary" href=app_path("/bill") target="_blank" rel="noopener">"Open the bill check"</a>
                            </section>
                            <RequestPanel services=services chosen=chosen/>
                        </div>
                    }.into_any()
                }
                (Some(Err(error)), _) | (_, Some(Err(error))) => view! { <ErrorNotice error=error/> }.into_any(),
                _ => view! { <p class="boot">"Loading…"</p> }.into_any(),
            }}
        </div>
    }
}

/// Choosing a service fills the request's service and moves on to the caller's name.
fn use_service(chosen: RwSignal<String>) -> Callback<String> {
    Callback::new(move |id: String| {
        chosen.set(id);
        crate::app::focus_by_id("call-name");
    })
}

fn listen_for_shortcuts() {
    let on_key = Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(|event: web_sys::KeyboardEvent| {
        if !event.alt_key() || event.ctrl_key() || event.meta_key() {
            return;
        }
        let code = event.code();
        if let Some((_, id, _)) = SHORTCUTS.iter().find(|(key, _, _)| *key == code) {
            event.prevent_default();
            if let Some(element) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = element.focus();
            }
        }
    });
    let _ = document().add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
    let on_key = send_wrapper::SendWrapper::new(on_key);
    on_cleanup(move || {
        let _ = document().remove_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
    });
}

#[component]
fn ServicePanel(services: Arc<Vec<Service>>, #[prop(into)] on_choose: Callback<String>) -> impl IntoView {
    let index = Arc::new(ServiceIndex::new(&services));
    let text = RwSignal::new(String::new());
    let matches = Memo::new(move |_| index.search(&text.read()).into_iter().take(5).collect::<Vec<usize>>());
    view! {
        <section class="call-panel" aria-labelledby="call-service-title">
            <h2 id="call-service-title">"Find a service"</h2>
            <label class="label label--small" for="call-service">"What the caller needs, in their words"</label>
            <input id="call-service" class="input" type="search" autocomplete="off" aria-describedby="call-service-status"
                prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
            <p id="call-service-status" class="search__status" role="status">{move || match (text.read().trim().is_empty(), matches.read().len()) {
                (true, _) => String::new(),
                (false, 0) => "Nothing matches: try other words.".into(),
                (false, n) => format!("{n} shown."),
            }}</p>
            <ul class="call-results">
                {move || matches.get().into_iter().map(|i| {
                    let service = services[i].clone();
                    let id = service.id.clone();
                    view! {
                        <li>
                            <button type="button" class="link-button" on:click=move |_| on_choose.run(id.clone())>{service.title.clone()}</button>
                            <p class="hint">{service.advocate_will.first().cloned().unwrap_or_default()}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn PricePanel(procedures: Arc<Vec<Procedure>>) -> impl IntoView {
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

/// The request form, filled in while talking; the same checks as the member's form.
#[component]
fn RequestPanel(services: Arc<Vec<Service>>, chosen: RwSignal<String>) -> impl IntoView {
    let session = ConsoleSession::get();
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let relationship = RwSignal::new(Relationship::Employee);
    let plan = RwSignal::new(None::<PlanCoverage>);
    let bill_amount = RwSignal::new(String::new());
    let coverage = RwSignal::new(None::<BillCoverage>);
    let condition = RwSignal::new(String::new());
    let zip = RwSignal::new(String::new());
    let best_time = RwSignal::new(ContactTime::Anytime);
    let notes = RwSignal::new(String::new());
    let consent = RwSignal::new(false);
    let submitted = RwSignal::new(false);
    let key = RwSignal::new(crate::finder::new_idempotency_key());
    let opened = RwSignal::new(None::<RequestReceipt>);
    let failure = RwSignal::new(None::<ApiError>);
    let service = {
        let services = services.clone();
        Memo::new(move |_| services.iter().find(|s| s.id == chosen.get()).cloned())
    };
    let request = move || NewRequest {
        relationship: relationship.get(),
        service_id: chosen.get(),
        plan: plan.get(),
        answers: NeedAnswers {
            bill_amount: Money::parse(bill_amount.get().trim()).ok(),
            bill_coverage: coverage.get(),
            condition: Some(condition.get()).filter(|c| !c.trim().is_empty()),
            zip: Zip::parse(&zip.get()).ok(),
        },
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
    let errors = {
        let services = services.clone();
        Memo::new(move |_| {
            let mut found: Vec<(String, String)> =
                request().problems(&services).into_iter().map(|e| (field_id(&e.field), e.message)).collect();
            // A typed amount or ZIP that does not read is named, not silently dropped.
            if !bill_amount.read().trim().is_empty() && Money::parse(bill_amount.read().trim()).is_err() {
                found.retain(|(f, _)| f != "call-bill-amount");
                found.push(("call-bill-amount".into(), "Enter the amount in dollars and cents, like 1,250.00.".into()));
            }
            if !zip.read().trim().is_empty() && Zip::parse(&zip.read()).is_err() {
                found.retain(|(f, _)| f != "call-zip");
                found.push(("call-zip".into(), "Enter a 5-digit ZIP code, like 10001.".into()));
            }
            found
        })
    };
    let shown = Signal::derive(move || if submitted.get() { errors.get() } else { Vec::new() });
    let error_for = move |id: &'static str| {
        move || {
            shown.read().iter().find(|(f, _)| f == id).map(|(_, m)| view! { <p class="field-error" id=format!("{id}-error")><span class="visually-hidden">"Error: "</span>{m.clone()}</p> })
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        failure.set(None);
        if !errors.get_untracked().is_empty() {
            return;
        }
        let (body, idempotency_key, csrf) = (request(), key.get_untracked(), session.csrf());
        leptos::task::spawn_local(async move {
            match crate::console_api::open_request(&body, &idempotency_key, &csrf).await {
                Ok(receipt) => {
                    opened.set(Some(receipt));
                    key.set(crate::finder::new_idempotency_key());
                    // Ready for the next caller: nothing of this one stays in the form.
                    for field in [name, phone, bill_amount, condition, zip, notes] {
                        field.set(String::new());
                    }
                    consent.set(false);
                    submitted.set(false);
                    crate::app::focus_by_id("call-opened");
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let select = move |id: &'static str, label: &'static str, options: Vec<(String, String)>, on: Callback<String>| {
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
                {select("call-relationship", "Who needs help", Relationship::ALL.iter().filter(|r| r.is_eligible()).map(|r| (r.slug().to_string(), r.label().to_string())).collect(),
                    Callback::new(move |v: String| if let Some(r) = Relationship::ALL.into_iter().find(|r| r.slug() == v) { relationship.set(r) }))}
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
                    let plan_question = asks_about_plan(&service).then(|| select("call-plan", "Covered by the sponsor's medical plan?",
                        vec![(String::new(), "Choose…".into()), ("carrier-plan".into(), "Yes".into()), ("other-plan".into(), "No, another plan or none".into()), ("not-sure".into(), "Not sure".into())],
                        Callback::new(move |v: String| plan.set(match v.as_str() { "carrier-plan" => Some(PlanCoverage::CarrierPlan), "other-plan" => Some(PlanCoverage::OtherPlan), "not-sure" => Some(PlanCoverage::NotSure), _ => None }))));
                    let details = service.details.iter().map(|detail| match detail {
                        NeedDetail::BillAmount => text_input("call-bill-amount", "Bill amount ($)", bill_amount).into_any(),
                        NeedDetail::BillCoverage => select("call-bill-coverage", "Did insurance pay any of it?",
                            vec![(String::new(), "Choose…".into()), ("not-covered".into(), BillCoverage::NotCovered.summary().into()), ("partly-covered".into(), BillCoverage::PartlyCovered.summary().into()), ("covered".into(), BillCoverage::Covered.summary().into())],
                            Callback::new(move |v: String| coverage.set(match v.as_str() { "not-covered" => Some(BillCoverage::NotCovered), "partly-covered" => Some(BillCoverage::PartlyCovered), "covered" => Some(BillCoverage::Covered), _ => None }))).into_any(),
                        NeedDetail::Condition => text_input("call-condition", "Condition, in the caller's words", condition).into_any(),
                        NeedDetail::Zip => text_input("call-zip", "ZIP code for care", zip).into_any(),
                    }).collect_view();
                    view! { {plan_question} {details} }
                })}
                {select("call-best-time", "Best time to call back", ContactTime::ALL.iter().map(|t| (format!("{t:?}"), t.label().to_string())).collect(),
                    Callback::new(move |v: String| if let Some(t) = ContactTime::ALL.into_iter().find(|t| format!("{t:?}") == v) { best_time.set(t) }))}
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
fn field_id(field: &str) -> String {
    match field {
        "contact.name" => "call-name",
        "contact.phone" => "call-phone",
        "service_id" => "call-service-id",
        "plan" => "call-plan",
        "answers.bill_amount" => "call-bill-amount",
        "answers.bill_coverage" => "call-bill-coverage",
        "answers.condition" => "call-condition",
        "answers.zip" => "call-zip",
        "consent_to_contact" => "call-consent",
        "notes" => "call-notes",
        _ => "call-name",
    }
    .to_string()
}
