use advocate_domain::estimate::Estimate;
use leptos::prelude::*;

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
