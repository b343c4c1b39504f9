use crate::components::SettingBlock;
use advocate_domain::estimate::{Estimate, ZipMatch};
use leptos::prelude::*;

/// The card: what and where, preventive care's "often $0" before any price, the ranges for each
/// setting, and a note when the figures need one.
#[component]
pub fn EstimateCard(estimate: Estimate) -> impl IntoView {
    let where_ = format!("{} · ZIP {}", estimate.locality.name, estimate.zip);
    let zip_note = match estimate.zip_match {
        ZipMatch::Exact => None,
        ZipMatch::Nearby => Some("This ZIP code is newer than our list: prices are for the nearest ZIP code we know in the same area."),
        ZipMatch::SplitByZipPlus4 => Some("Medicare splits this ZIP code between two areas; prices are for its main one."),
    };
    let not_covered = (!estimate.medicare_covers)
        .then_some("Medicare does not cover this service. The amounts use the values Medicare publishes for other insurers to use.");
    let two_settings = estimate.prices.len() > 1;
    view! {
        <section class="estimate" aria-labelledby="estimate-title">
            <h2 id="estimate-title" class="estimate__title">{estimate.subject.name.clone()}</h2>
            {estimate.preventive.map(|care| view! {
                <div class="estimate__preventive">
                    <p class="estimate__preventive-headline">{care.headline}</p>
                    <p class="estimate__preventive-conditions">{care.conditions}</p>
                </div>
            })}
            <p class="estimate__where">{where_}</p>
            {zip_note.map(|note| view! { <p class="estimate__note">{note}</p> })}
            {estimate.prices.into_iter().map(|price| view! { <SettingBlock price=price show_place=two_settings/> }).collect_view()}
            {not_covered.map(|note| view! { <p class="estimate__note">{note}</p> })}
        </section>
    }
}
