use advocate_domain::estimate::{Covers, Estimate, SettingPrice};
use leptos::prelude::*;

/// Two ZIP codes side by side, one row for each setting the procedure happens in. Below 600 px
/// each row stacks into a block, every figure labelled with its ZIP code.
#[component]
pub fn CompareTable(here: Estimate, there: Estimate) -> impl IntoView {
    let label = |estimate: &Estimate| format!("ZIP {} · {}", estimate.zip, estimate.locality.name);
    let (here_label, there_label) = (label(&here), label(&there));
    // The same procedure is priced in the same settings everywhere; pair them by setting all the same.
    let rows: Vec<(SettingPrice, SettingPrice)> =
        here.prices.iter().filter_map(|a| there.prices.iter().find(|b| b.setting == a.setting).map(|b| (a.clone(), b.clone()))).collect();
    view! {
        <table class="compare-table">
            <caption>{format!("{}: what insurers usually pay, in network", here.subject.name)}</caption>
            <thead>
                <tr>
                    <td></td>
                    <th scope="col">{format!("ZIP {}", here.zip)}<span class="compare-table__place">{here.locality.name.clone()}</span></th>
                    <th scope="col">{format!("ZIP {}", there.zip)}<span class="compare-table__place">{there.locality.name.clone()}</span></th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|(a, b)| view! {
                    <tr>
                        <th scope="row">{a.place.clone()}</th>
                        <CompareCell price=a label=here_label.clone()/>
                        <CompareCell price=b label=there_label.clone()/>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// One ZIP code's figures in one setting: the in-network range, and where it is only the
/// doctor's part, the facility's fee on top in the same words as the card.
#[component]
fn CompareCell(price: SettingPrice, label: String) -> impl IntoView {
    let (part, plus, list) = match price.covers {
        Covers::Whole => (None, None, "List price"),
        Covers::DoctorsPart(fee) => (Some("Doctor's part "), Some(fee.plus), "Doctor's list price"),
    };
    view! {
        <td data-label=label>
            <span class="compare-table__range">{part}{price.in_network.in_whole_dollars()}</span>
            {plus.map(|plus| view! { <span class="compare-table__plus">{plus}</span> })}
            <span class="compare-table__more">{format!("{list} {} · Medicare {}", price.list_price.in_whole_dollars(), price.medicare)}</span>
        </td>
    }
}
