use advocate_domain::safety::{CRISIS_LINE, EMERGENCY_NUMBER};
use leptos::prelude::*;

/// The quiet standing line on pages where a member describes a need: advocates are not an
/// emergency service (`safety::STANDING_LINE`, with the numbers as links).
#[component]
pub fn NotAnEmergencyLine() -> impl IntoView {
    view! {
        <p class="not-emergency">
            "Advocates are not an emergency service. In an emergency, call "
            <a href=format!("tel:{EMERGENCY_NUMBER}")>{EMERGENCY_NUMBER}</a>
            ". If you are in crisis, call or text "
            <a href=format!("tel:{CRISIS_LINE}")>{CRISIS_LINE}</a>
            "."
        </p>
    }
}
