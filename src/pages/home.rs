use crate::address::app_path;
use crate::clock::use_now;
use crate::components::ContactCard;
use crate::page::{set_page_title, use_program};
use advocate_domain::member_pages::{EntryPage, WAYS_IN, WAYS_IN_HEADING, WayIn};
use leptos::prelude::*;

/// The three ways in, and the advocate one tap away.
#[component]
pub fn HomePage() -> impl IntoView {
    set_page_title("Help with health care, insurance and medical bills");
    let program = use_program();
    let now = use_now();
    view! {
        <div class="page page--home">
            <section class="hero">
                <h1 tabindex="-1">{EntryPage::Home.heading()}</h1>
                <p class="lead">{EntryPage::Home.lead(&program)}</p>
            </section>

            {crate::finder::saved_receipts().into_iter().next().map(|receipt| view! {
                <div class="notice notice--info">
                    <p>"You sent a request from this device: "
                        <a href=app_path(&format!("/requests/{}", receipt.reference))>{format!("{}, {}", receipt.service_title, receipt.reference)}</a>
                        ". Check where it stands."</p>
                </div>
            })}

            <nav class="ways-in" aria-label=WAYS_IN_HEADING>
                <h2 class="visually-hidden">{WAYS_IN_HEADING}</h2>
                <ul class="ways-in__list">
                    {WAYS_IN.map(|way| view! { <WayInLink way=way/> }).into_iter().collect_view()}
                </ul>
            </nav>

            <ContactCard program=program now=now/>

            <section class="eligibility">
                <h2>"Who can use it"</h2>
                <p>"You, your spouse or domestic partner, your dependent children, your parents and your parents-in-law, anywhere in the United States."</p>
                <p><a href=app_path("/about")>"What this service is and is not"</a></p>
            </section>
        </div>
    }
}

#[component]
fn WayInLink(way: WayIn) -> impl IntoView {
    view! {
        <li class="way-in">
            <a href=app_path(way.page.path()) class="way-in__link">
                <span class="way-in__title">{way.title}</span>
                <span class="way-in__text">{way.text}</span>
                <svg class="way-in__arrow" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24">
                    <path d="M9 5l7 7-7 7" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/>
                </svg>
            </a>
        </li>
    }
}
