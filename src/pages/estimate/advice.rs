use crate::address::app_path;
use crate::clock::use_now;
use crate::components::ContactCard;
use crate::page::use_program;
use advocate_domain::estimate::Estimate;
use advocate_domain::routing::BILL_SAVER_THRESHOLD;
use leptos::prelude::*;

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
            <p><a href=app_path("/find")>"Ask an advocate for help with a cost or a bill"</a></p>
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
