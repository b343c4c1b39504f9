use advocate_domain::estimate::SettingPrice;
use advocate_domain::procedures::Setting;
use leptos::prelude::*;

/// One setting's prices: the in-network range first and largest, then the list price and
/// Medicare's amount, then what the amounts cover.
#[component]
pub fn SettingBlock(price: SettingPrice, show_place: bool) -> impl IntoView {
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
