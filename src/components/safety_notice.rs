use advocate_domain::safety::{CRISIS_LINE, EMERGENCY_NUMBER, NOTICE, SafetyConcern, recognise};
use leptos::prelude::*;

/// Shown the moment what the member typed reads as an emergency or a crisis (the domain's
/// `safety::recognise`): 911 and 988 first, as tap-to-call links, above anything else the page
/// offers. Announced to screen readers as it appears.
#[component]
pub fn SafetyNotice(#[prop(into)] text: Signal<String>) -> impl IntoView {
    let concern = Memo::new(move |_| recognise(&text.read()));
    view! {
        <div role="alert" class="safety-slot">
            {move || concern.get().map(|concern| view! {
                <div class="safety" class:safety--crisis=concern == SafetyConcern::Crisis>
                    <p class="safety__headline">{concern.headline()}</p>
                    <p>{NOTICE}</p>
                    <p class="safety__actions">
                        <a class="button button--danger" href=format!("tel:{EMERGENCY_NUMBER}")>{format!("Call {EMERGENCY_NUMBER}")}</a>
                        <a class="button button--danger" href=format!("tel:{CRISIS_LINE}")>{format!("Call {CRISIS_LINE}")}</a>
                        <a class="button button--secondary" href=format!("sms:{CRISIS_LINE}")>{format!("Text {CRISIS_LINE}")}</a>
                    </p>
                </div>
            })}
        </div>
    }
}
