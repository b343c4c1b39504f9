use crate::address::app_path;
use crate::api;
use crate::clock::use_now;
use crate::components::{AttachedBillSection, ContactCard, ErrorNotice};
use crate::finder::load_receipt;
use crate::page::{set_page_title, use_program};
use advocate_domain::handoff::carrier_contact;
use advocate_domain::outreach::DELAYS;
use advocate_domain::{ProgramSettings, RequestState, RequestStatus};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Where a member's request stands. The reference alone shows nothing: the page asks the API
/// with the verifier this device kept when the request was sent.
#[component]
pub fn RequestStatusPage() -> impl IntoView {
    set_page_title("Your request");
    let reference = use_params_map().get_untracked().get("reference").unwrap_or_default();
    let program = use_program();
    let now = use_now();
    let Some(receipt) = load_receipt(&reference) else {
        return view! {
            <h1 tabindex="-1">"We cannot show this request on this device"</h1>
            <p>"For your privacy, a request's status is shown only on the device that sent it. Call an advocate and give them your reference; they can tell you where it stands."</p>
            <ContactCard program=program now=now/>
        }
        .into_any();
    };
    let verifier = receipt.verifier.clone();
    let receipt_for_bill = receipt.clone();
    let status = LocalResource::new(move || {
        let (reference, verifier) = (reference.clone(), verifier.clone());
        async move { api::request_status(&reference, &verifier).await }
    });
    view! {
        <h1 tabindex="-1">"Your request " <span class="nowrap">{receipt.reference.to_string()}</span></h1>
        <Suspense fallback=|| view! { <p class="boot">"Checking…"</p> }>
            {move || {
                let program = program.clone();
                let receipt = receipt_for_bill.clone();
                Suspend::new(async move {
                    match status.await {
                        Ok(status) => {
                            let bill = status.bill_attached.then(|| view! { <AttachedBillSection receipt=receipt.clone()/> });
                            view! { <StatusDetails status=status program=program now=now.get_untracked()/> {bill} }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error=error on_retry=move || status.refetch()/> }.into_any(),
                    }
                })
            }}
        </Suspense>
        <p><a href=app_path("/")>"Back to the start page"</a></p>
    }
    .into_any()
}

#[component]
fn StatusDetails(status: RequestStatus, program: ProgramSettings, now: advocate_domain::Timestamp) -> impl IntoView {
    let hours = &program.hours;
    let when = hours.describe_outreach(status.outreach, now);
    let carrier = carrier_contact(&program, &status.service_title);
    let (title, detail) = match status.state {
        RequestState::New => {
            ("Received".to_string(), format!("{} {}", hours.outreach_sentence(status.outreach, status.submitted_at, now), DELAYS))
        }
        RequestState::AwaitingHandoff => (
            format!("Waiting to be passed to {}", carrier.carrier),
            format!(
                "An advocate will pass your request to {}'s customer service {when}. You do not need to wait: {} {}",
                carrier.carrier, carrier.call, carrier.say
            ),
        ),
        RequestState::InProgress => ("An advocate is working on it".to_string(), "They will contact you with what they find.".to_string()),
        RequestState::WaitingOnMember => (
            "The advocate is waiting to hear from you".to_string(),
            format!("Check your phone messages and email, or call {}.", program.advocate_phone),
        ),
        RequestState::Resolved => ("Resolved".to_string(), "If you need more help, start a new request or call us.".to_string()),
        RequestState::RoutedToCarrier => (
            format!("Passed to {}'s customer service", carrier.carrier),
            match &status.handoff {
                Some(done) => format!("{} ({}) {}", done.method.member_text(&carrier.carrier), hours.describe(done.at), carrier.call),
                None => format!("{} handles requests like this one for members of its medical plan. {}", carrier.carrier, carrier.call),
            },
        ),
    };
    view! {
        <section class="routing" aria-labelledby="status-title">
            <h2 id="status-title" class="routing__title">{title}</h2>
            <p>{detail}</p>
        </section>
        <dl class="summary-list">
            <div class="summary-list__row"><dt>"Help needed"</dt><dd>{status.service_title.clone()}</dd></div>
            <div class="summary-list__row"><dt>"Sent"</dt><dd>{hours.describe(status.submitted_at)}</dd></div>
        </dl>
    }
}
