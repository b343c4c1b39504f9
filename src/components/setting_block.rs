use advocate_domain::estimate::{Covers, SettingPrice, Text};
use advocate_domain::procedures::Setting;
use leptos::prelude::*;

/// One setting's prices. Where the amounts are the whole bill, the in-network range comes first
/// and largest; where they are only the doctor's part, that part and the facility's fee billed
/// on top stand side by side at the same size, then where to get the facility's price.
#[component]
pub fn SettingBlock(price: SettingPrice, show_place: bool) -> impl IntoView {
    let SettingPrice { setting, place, covers, medicare, in_network, list_price, includes, not_included } = price;
    let doctors_part = matches!(covers, Covers::DoctorsPart(_));
    let medicare_label = match (setting, doctors_part) {
        (Setting::Lab, _) => "Medicare pays (national)",
        (_, true) => "Medicare pays the doctor here",
        (_, false) => "Medicare pays here",
    };
    let list_label = if doctors_part {
        "Doctor's part without insurance or out of network"
    } else {
        "Without insurance or out of network, often billed"
    };
    let (headline, facility_help) = match covers {
        Covers::Whole => (view! { <p class="estimate__range">{in_network.in_whole_dollars()}</p> }.into_any(), None),
        Covers::DoctorsPart(fee) => (
            view! {
                <div class="estimate__parts">
                    <p class="estimate__part">
                        <span class="estimate__part-label">"Doctor's part"</span>
                        <span class="estimate__part-value">{in_network.in_whole_dollars()}</span>
                    </p>
                    <p class="estimate__part estimate__part--facility">
                        <span class="estimate__part-label">"Facility's part"</span>
                        <span class="estimate__part-value">{fee.plus}</span>
                    </p>
                </div>
            }
            .into_any(),
            Some(view! {
                <p class="estimate__includes-title">"Where to get the facility's price"</p>
                <p class="estimate__why">{fee.why}</p>
                <ul class="list">{fee.where_to_ask.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
            }),
        ),
    };
    view! {
        <div class="estimate__setting">
            {show_place.then(|| view! { <h3 class="estimate__place">{place}</h3> })}
            <p class="estimate__label">"What insurers usually pay, in network"</p>
            {headline}
            <dl class="estimate__figures">
                <div>
                    <dt>{list_label}</dt>
                    <dd>{list_price.in_whole_dollars()}</dd>
                </div>
                <div>
                    <dt>{medicare_label}</dt>
                    <dd>{medicare.to_string()}</dd>
                </div>
            </dl>
            {facility_help}
            {lines("Includes", includes)}
            // In a hospital the facility's fee is said above; nothing may be left to add here.
            {lines("Not included", not_included)}
        </div>
    }
}

/// A titled list, or nothing when the list is empty.
fn lines(title: &'static str, lines: Vec<Text>) -> Option<impl IntoView> {
    (!lines.is_empty()).then(|| {
        view! {
            <p class="estimate__includes-title">{title}</p>
            <ul class="list">{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
        }
    })
}
