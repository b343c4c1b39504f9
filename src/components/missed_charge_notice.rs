//! "We may have missed a charge": a bill's stated total that the charges read do not add up
//! to, said before any finding so the member checks the charges first (issue 14).

use advocate_domain::bill_review::TotalDifference;
use leptos::prelude::*;

/// The stated total and the sum of the charges, when they differ (figures from the domain's
/// [`advocate_domain::bill_review::total_difference`]).
#[component]
pub fn MissedChargeNotice(#[prop(into)] difference: Signal<Option<TotalDifference>>) -> impl IntoView {
    move || {
        difference.get().map(|TotalDifference { stated, lines }| {
            let (first, then) = if stated > lines {
                ("We may have missed a charge", "Compare the charges with the bill and add any that is missing.")
            } else {
                (
                    "We may have read a charge twice or misread one",
                    "Compare the charges with the bill and correct or remove the one that is wrong.",
                )
            };
            view! {
                <div class="notice notice--warning missed-charge">
                    <p><strong>{format!("{first}: the bill's total is {stated}, the charges we read add up to {lines}.")}</strong></p>
                    <p class="notice__small">{then}</p>
                </div>
            }
        })
    }
}
