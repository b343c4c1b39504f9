use crate::clock::use_now;
use crate::components::{ContactCard, SendBill};
use crate::finder::load_receipt;
use crate::page::{set_page_title, use_program};
use advocate_domain::Handler;
use advocate_domain::handoff::carrier_contact;
use advocate_domain::outreach::DELAYS;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The confirmation: the reference to quote on the phone and when an advocate will reach out.
#[component]
pub fn DoneStep() -> impl IntoView {
    set_page_title("Request sent");
    let query = use_query_map();
    let receipt = query.get_untracked().get("ref").and_then(|reference| load_receipt(&reference));
    let now = use_now();
    match receipt {
        None => view! {
            <h1 tabindex="-1">"We cannot show this request here"</h1>
            <p>"This page shows a request only on the device that sent it. If you sent a request, keep its reference and call an advocate with any questions."</p>
            <ContactCard program=use_program() now=now/>
        }
        .into_any(),
        Some(receipt) => view! {
            <div class="confirmation" role="region" aria-labelledby="confirmation-title">
                <h1 id="confirmation-title" class="confirmation__title" tabindex="-1">"Request sent"</h1>
                <p class="confirmation__reference">"Your reference is" <br/><strong>{receipt.reference.to_string()}</strong></p>
            </div>
            {
                let program = use_program();
                // Worded from now: "today" only while it is still that day.
                let when = program.hours.describe_outreach(receipt.outreach, now.get_untracked());
                let promise = receipt.promise(&program.hours, now.get_untracked());
                let time = receipt.best_time.label();
                view! {
                    <h2>"What happens next"</h2>
                    {match receipt.routing.handler {
                        Handler::Advocate => view! {
                            <p class="lead" id="promise">{promise}</p>
                            <p>{format!("You asked to be reached: {}.", time.to_lowercase())} " " {DELAYS}</p>
                        }.into_any(),
                        Handler::Carrier => {
                            let carrier = carrier_contact(&program, &receipt.service_title);
                            view! {
                                <p class="lead" id="promise">{format!("An advocate will pass your request to {}'s customer service {when}.", carrier.carrier)}</p>
                                <p>{receipt.routing.reason.clone()}</p>
                                <p><strong>"You do not need to wait. "</strong>{carrier.call.clone()}</p>
                                {carrier.phone.clone().map(|phone| view! {
                                    <p><a class="button button--primary" href=phone.tel_uri()>{format!("Call {} at {phone}", carrier.carrier)}</a></p>
                                })}
                                <p>{carrier.say.clone()}</p>
                            }.into_any()
                        }
                    }}
                    <p>"Keep your reference. Quote it if you call us, so we can find your request."</p>
                    <p>"We saved this request on this device only, so you can come back to this page and "
                        <a href=crate::address::app_path(&format!("/requests/{}", receipt.reference))>"check its status"</a> "."</p>
                    <SendBill receipt=receipt.clone()/>
                    <ContactCard program=program now=now/>
                }
            }
            <p><a href=crate::address::app_path("/")>"Back to the start page"</a></p>
        }
        .into_any(),
    }
}
