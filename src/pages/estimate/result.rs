//! The result card: the range a member meets, what Medicare pays there, what is and is not
//! included, why prices vary, what to do next and where the figures come from; and the table
//! that sets two ZIP codes side by side.

use crate::clock::use_now;
use crate::components::ContactCard;
use crate::page::use_program;
use advocate_domain::estimate::{Estimate, SettingPrice, ZipMatch};
use advocate_domain::procedures::Setting;
use advocate_domain::routing::BILL_SAVER_THRESHOLD;
use leptos::prelude::*;

/// The card: where, the ranges for each setting, and a note when the figures need one.
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
            <p class="estimate__where">{where_}</p>
            {zip_note.map(|note| view! { <p class="estimate__note">{note}</p> })}
            {estimate.prices.into_iter().map(|price| view! { <SettingBlock price=price show_place=two_settings/> }).collect_view()}
            {not_covered.map(|note| view! { <p class="estimate__note">{note}</p> })}
        </section>
    }
}

/// Below the card and the comparison: why prices vary, what to do next, the advocate's
/// number, and where the figures come from.
#[component]
pub fn EstimateAdvice(estimate: Estimate) -> impl IntoView {
    view! {
        <details class="details">
            <summary>"Why prices vary"</summary>
            <p>"The same scan or visit can cost several times more at one place than at another nearby. Hospitals usually charge more than offices, imaging centers and surgery centers, and each insurer agrees its own prices with each provider."</p>
            <p>"The range with insurance is what insurers typically pay in network; your share depends on your deductible, copay and coinsurance. The list price is what a provider charges before any discount, which people without insurance or out of network are often billed."</p>
        </details>
        <section class="next-steps" aria-labelledby="next-steps-title">
            <h2 id="next-steps-title">"What to do next"</h2>
            <ul class="list">
                <li>"Ask the provider for the price before you book, including any facility fee, and whether they have a lower cash price if you pay yourself."</li>
                <li>"Stay in your plan's network: your insurer's website or the number on your card can tell you who is in network and what your share will be."</li>
                <li>"Preventive care, like yearly check-ups and many screenings, is often free in network."</li>
                <li>{format!("If a bill that insurance did not cover is over {}, an advocate can negotiate it for you.", BILL_SAVER_THRESHOLD.whole_dollars())}</li>
            </ul>
            <p><a href=crate::address::app_path("/find")>"Ask an advocate for help with a cost or a bill"</a></p>
        </section>
        <ContactCard program=use_program() now=use_now()/>
        <details class="details">
            <summary>"Where these figures come from"</summary>
            <p>{format!("Medicare's {} fee schedule for this area, and published studies of what insurers pay and what providers charge compared with Medicare. These are estimates, not quotes.", estimate.year)}</p>
            <ul class="sources">
                {estimate.sources.into_iter().map(|source| view! {
                    <li>
                        {match source.url {
                            Some(url) => view! { <a href=url rel="noopener noreferrer" target="_blank">{source.citation}<span class="visually-hidden">" (opens in a new tab)"</span></a> }.into_any(),
                            None => view! { <span>{source.citation}</span> }.into_any(),
                        }}
                        <span class="sources__finding">{source.finding}</span>
                    </li>
                }).collect_view()}
            </ul>
        </details>
    }
}

/// One setting's prices: the in-network range first and largest, then the list price and
/// Medicare's amount, then what the amounts cover.
#[component]
fn SettingBlock(price: SettingPrice, show_place: bool) -> impl IntoView {
    view! {
        <div class="estimate__setting">
            {show_place.then(|| view! { <h3 class="estimate__place">{price.setting.place()}</h3> })}
            <p class="estimate__label">"What insurers usually pay, in network"</p>
            <p class="estimate__range">{price.in_network.in_whole_dollars()}</p>
            <dl class="estimate__figures">
                <div>
                    <dt>"Without insurance or out of network, often billed"</dt>
                    <dd>{price.list_price.in_whole_dollars()}</dd>
                </div>
                <div>
                    <dt>{if price.setting == Setting::Lab { "Medicare pays (national)" } else { "Medicare pays here" }}</dt>
                    <dd>{price.medicare.to_string()}</dd>
                </div>
            </dl>
            <p class="estimate__includes-title">"Includes"</p>
            <ul class="list">{price.includes.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
            <p class="estimate__includes-title">"Not included"</p>
            <ul class="list">{price.not_included.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
        </div>
    }
}

/// Two ZIP codes side by side, for the usual setting.
#[component]
pub fn CompareTable(here: Estimate, there: Estimate) -> impl IntoView {
    let (Some(a), Some(b)) = (here.prices.first().cloned(), there.prices.first().cloned()) else {
        return ().into_any();
    };
    view! {
        <table class="compare-table">
            <caption>{format!("{}, {}", here.subject.name, a.setting.place().to_lowercase())}</caption>
            <thead>
                <tr>
                    <td></td>
                    <th scope="col">{format!("ZIP {}", here.zip)}<span class="compare-table__place">{here.locality.name.clone()}</span></th>
                    <th scope="col">{format!("ZIP {}", there.zip)}<span class="compare-table__place">{there.locality.name.clone()}</span></th>
                </tr>
            </thead>
            <tbody>
                <tr><th scope="row">"Insurers usually pay"</th><td>{a.in_network.in_whole_dollars()}</td><td>{b.in_network.in_whole_dollars()}</td></tr>
                <tr><th scope="row">"List price"</th><td>{a.list_price.in_whole_dollars()}</td><td>{b.list_price.in_whole_dollars()}</td></tr>
                <tr><th scope="row">"Medicare pays"</th><td>{a.medicare.to_string()}</td><td>{b.medicare.to_string()}</td></tr>
            </tbody>
        </table>
    }
    .into_any()
}
