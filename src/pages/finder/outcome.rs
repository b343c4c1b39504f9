use super::{remember_step, use_answers, use_catalog};
use crate::clock::use_now;
use crate::components::{BackLink, ContactCard, MissingNeed, StepCaption};
use crate::finder::Answers;
use crate::page::{set_page_title, use_program};
use advocate_domain::{
    BillSaverEligibility, BillService, Handler, NeedAnswers, PlanCoverage, ProgramSettings, Service, bill_saver_eligibility, route,
};
use leptos::prelude::*;

/// Step 5: which service fits, who will handle it and why, what happens next, what to have
/// ready, and the two ways on: call now, or ask for a call back.
#[component]
pub fn OutcomeStep() -> impl IntoView {
    set_page_title("Here is how we can help");
    let answers = use_answers();
    remember_step(answers, "outcome");
    match answers.get_untracked().service(&use_catalog()).cloned() {
        Some(service) => view! { <Outcome service=service program=use_program() answers=answers.get_untracked()/> }.into_any(),
        None => view! { <MissingNeed/> }.into_any(),
    }
}

#[component]
fn Outcome(service: Service, program: ProgramSettings, answers: Answers) -> impl IntoView {
    let now = use_now();
    let routing = route(&service, PlanCoverage::from_answer(answers.plan), answers.covered, &program.sponsor_name);
    let bill_answer = match answers.need_answers() {
        NeedAnswers { bill_amount: Some(amount), bill_coverage: Some(coverage), .. } if !service.details.is_empty() => {
            Some((amount, bill_saver_eligibility(amount, coverage)))
        }
        _ => None,
    };
    let switch_to = |id: &str| Answers { service: Some(id.to_string()), ..answers.clone() }.step("outcome");
    let suggestion = bill_answer.and_then(|(_, eligibility)| BillService::better_fit(&service.id, eligibility)).map(|fit| {
        let label = match fit {
            BillService::BillSaver => "Ask Medical Bill Saver to negotiate this bill as well",
            BillService::Review => "Ask an advocate to check the bill for mistakes instead",
        };
        (switch_to(fit.id()), label)
    });
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
        <StepCaption step=5/>
        <h1 tabindex="-1">{service.title.clone()}</h1>

        {bill_answer.map(|(amount, eligibility)| view! {
            <p class="answer-panel" class:answer-panel--yes=eligibility == BillSaverEligibility::Qualifies>{eligibility.sentence(amount)}</p>
        })}
        {suggestion.map(|(href, label)| view! { <p><a href=href>{label}</a></p> })}

        <section class="routing" class:routing--carrier=to_carrier aria-labelledby="routing-title">
            <h2 id="routing-title" class="routing__title">
                {if to_carrier { format!("{}'s customer service will handle this", program.sponsor_name) } else { "An advocate will help you".to_string() }}
            </h2>
            <p>{routing.reason.clone()}</p>
            {to_carrier.then(|| view! {
                <p>"You can also call them directly: the member services number is on the back of your " {program.sponsor_name.clone()} " ID card."</p>
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
            <a href=contact class="button button--primary">"Ask an advocate to contact me"</a>
        </div>
        <ContactCard program=program now=now/>
    }
}
