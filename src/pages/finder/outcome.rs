use super::{FinderStep, remember_step, use_answers, use_catalog};
use crate::clock::use_now;
use crate::components::{BackLink, ContactCard, MissingNeed};
use crate::finder::Answers;
use crate::page::{set_page_title, use_program};
use advocate_domain::handoff::carrier_contact;
use advocate_domain::{BillSaverEligibility, BillService, Handler, PlanCoverage, ProgramSettings, Service, route};
use leptos::prelude::*;

/// Step 5: which service fits, who will handle it and why, what happens next, what to have
/// ready, and the two ways on: call now, or ask for a call back.
#[component]
pub fn OutcomeStep() -> impl IntoView {
    set_page_title("Here is how we can help");
    let answers = use_answers();
    remember_step(answers, "outcome");
    let catalog = use_catalog();
    let chosen = answers.get_untracked();
    match chosen.service(&catalog).cloned() {
        Some(service) => {
            // Medical Bill Saver chosen for a bill that does not qualify: what fits is a bill
            // check, so that is what this page describes (never the negotiation steps).
            let fit = chosen
                .need_answers()
                .bill_saver()
                .and_then(|(eligibility, _)| BillService::better_fit(&service.id, eligibility))
                .filter(|fit| *fit == BillService::Review)
                .and_then(|fit| catalog.iter().find(|s| s.id == fit.id()).cloned());
            let (service, answers) = match fit {
                Some(fit) => {
                    let id = fit.id.clone();
                    (fit, Answers { service: Some(id), ..chosen })
                }
                None => (service, chosen),
            };
            view! { <Outcome service=service program=use_program() answers=answers/> }.into_any()
        }
        None => view! { <MissingNeed/> }.into_any(),
    }
}

#[component]
fn Outcome(service: Service, program: ProgramSettings, answers: Answers) -> impl IntoView {
    let now = use_now();
    let need = answers.need_answers();
    let routing = route(&service, PlanCoverage::from_answer(answers.plan), need.routing_facts(), &program.sponsor_name);
    let bill_answer = need.bill_saver().filter(|_| !service.details.is_empty());
    let switch_to = |id: &str| Answers { service: Some(id.to_string()), ..answers.clone() }.step("outcome");
    // A bill check for a bill Medical Bill Saver could negotiate: offer it as well.
    let suggestion = bill_answer
        .and_then(|(eligibility, _)| BillService::better_fit(&service.id, eligibility))
        .filter(|fit| *fit == BillService::BillSaver)
        .map(|fit| (switch_to(fit.id()), "Ask Medical Bill Saver to negotiate this bill as well"));
    let back_step = if Answers::has_details(&service) {
        "details"
    } else if answers.area.is_some() {
        "need"
    } else {
        "help"
    };
    let back = answers.step(back_step);
    let contact = answers.step("contact");
    let to_carrier = routing.handler == Handler::Carrier;
    view! {
        <BackLink href=back/>
        <FinderStep step="outcome"/>
        <h1 tabindex="-1">{service.title.clone()}</h1>

        {bill_answer.map(|(eligibility, not_covered)| view! {
            <p class="answer-panel" class:answer-panel--yes=eligibility == BillSaverEligibility::Qualifies>{eligibility.sentence(not_covered)}</p>
        })}
        {suggestion.map(|(href, label)| view! { <p><a href=href>{label}</a></p> })}

        <section class="routing" class:routing--carrier=to_carrier aria-labelledby="routing-title">
            <h2 id="routing-title" class="routing__title">
                {if to_carrier { format!("{}'s customer service handles this", program.sponsor_name) } else { "An advocate will help you".to_string() }}
            </h2>
            <p>{routing.reason.clone()}</p>
            {to_carrier.then(|| {
                let carrier = carrier_contact(&program, &service.title);
                view! {
                    <p class="lead">{carrier.call.clone()}</p>
                    {carrier.phone.clone().map(|phone| view! {
                        <p><a class="button button--primary" href=phone.tel_uri()>{format!("Call {} at {phone}", carrier.carrier)}</a></p>
                    })}
                    <p>{carrier.say.clone()}</p>
                }
            })}
        </section>

        <h2>{if to_carrier { "What this help covers" } else { "What the advocate will do" }}</h2>
        <ul class="list">{service.advocate_will.iter().map(|line| view! { <li>{line.clone()}</li> }).collect_view()}</ul>

        <h2>"Have these ready"</h2>
        <ul class="list list--check">{service.have_ready.iter().map(|line| view! { <li>{line.clone()}</li> }).collect_view()}</ul>

        <div class="conditions-note">
            {service.condition_note.clone().map(|note| view! { <p><strong>{note}</strong></p> })}
            <p>"Advocates do not provide insurance or medical care, and cannot promise a particular result. "
               <a href=crate::address::app_path("/about")>"What this service is and is not"</a></p>
        </div>

        <div class="actions">
            {if to_carrier {
                view! {
                    <p>"Or, if you prefer, an advocate can pass your request to " {program.sponsor_name.clone()} " for you."</p>
                    <a href=contact class="button button--secondary">"Ask an advocate to pass it on"</a>
                }.into_any()
            } else {
                view! { <a href=contact class="button button--primary">"Ask an advocate to contact me"</a> }.into_any()
            }}
        </div>
        <ContactCard program=program now=now/>
    }
}
