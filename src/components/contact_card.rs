use advocate_domain::member_pages::hours_sentence;
use advocate_domain::{Availability, ProgramSettings, Timestamp};
use leptos::prelude::*;

/// How to reach an advocate: the number as a `tel:` link, the hours, and whether an advocate
/// can take the call right now (in the program's time zone, whatever the member's own).
#[component]
pub fn ContactCard(program: ProgramSettings, #[prop(into)] now: Signal<Timestamp>) -> impl IntoView {
    let hours = program.hours.clone();
    let hours_sentence = hours_sentence(&hours);
    let phone = program.advocate_phone;
    let availability = move || {
        match hours.availability(now.get()) {
        Availability::Open { until } => view! {
            <p class="availability availability--open">
                <span class="availability__dot" aria-hidden="true"></span>
                <span>"Advocates are available now, until " {hours.describe_time_of_day(until)} "."</span>
            </p>
        }
        .into_any(),
        Availability::Closed { next_opening } => view! {
            <p class="availability availability--away">
                <span class="availability__dot" aria-hidden="true"></span>
                <span>"Advocates are away right now. You can still call: the line answers 24/7, and an advocate will call you back on the next business day, "
                    {hours.describe(next_opening).replacen(" at ", " from ", 1)} "."</span>
            </p>
        }
        .into_any(),
    }
    };
    view! {
        <section class="contact-card" aria-labelledby="contact-card-title">
            <h2 id="contact-card-title" class="contact-card__title">"Talk to an advocate"</h2>
            <div role="status">{availability}</div>
            <a class="button button--call" href=phone.tel_uri()>
                <svg class="icon" aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
                    <path fill="currentColor" d="M6.6 10.8a15.2 15.2 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.46.57 3.6a1 1 0 0 1-.25 1z"/>
                </svg>
                <span>"Call " {phone.to_string()}</span>
            </a>
            <p class="contact-card__hours">{hours_sentence}</p>
        </section>
    }
}
