use crate::api::{self, ApiError};
use crate::components::ErrorNotice;
use crate::page::{focus_by_id, use_program};
use advocate_domain::RequestReceipt;
use advocate_domain::bill_attachment::AttachedBill;
use leptos::prelude::*;

/// The bill attached to a member's request: what is attached, until when, and a way to delete
/// it now.
#[component]
pub fn AttachedBillPanel(receipt: RequestReceipt, bill: AttachedBill) -> impl IntoView {
    let hours = use_program().hours;
    let until = hours.time_zone.to_local(bill.delete_after).date;
    let until = format!("{} {}, {}", until.month_name(), until.day, until.year);
    let confirming = RwSignal::new(false);
    let deleted = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let receipt = StoredValue::new(receipt);
    let delete = move |_| {
        failure.set(None);
        leptos::task::spawn_local(async move {
            match api::delete_bill(&receipt.get_value()).await {
                Ok(()) => deleted.set(true),
                Err(error) => failure.set(Some(error)),
            }
            focus_by_id("attach-status");
        });
    };
    view! {
        <div id="attach-status" tabindex="-1" role="status">
            <Show when=move || !deleted.get() fallback=|| view! { <p class="notice notice--info">"Your bill was deleted from Advocate."</p> }>
                <p class="notice notice--success">{format!("Your bill is with your request: {}.", bill.describe())}</p>
                <p>{format!("Advocate keeps it, encrypted, until {until}, then deletes it. Only you, with this device, and the advocates handling your request can see it.")}</p>
            </Show>
        </div>
        {move || failure.get().map(|error| view! { <ErrorNotice error=error/> })}
        <Show when=move || !deleted.get()>
            <Show when=move || confirming.get() fallback=move || view! {
                <button type="button" class="button button--secondary" on:click=move |_| { confirming.set(true); focus_by_id("delete-bill"); }>"Delete the bill now"</button>
            }>
                <div class="notice notice--warning">
                    <p>"The advocate will no longer see the bill. Your request stays open."</p>
                    <button type="button" id="delete-bill" class="button button--warning" on:click=delete>"Yes, delete the bill"</button>
                    " "
                    <button type="button" class="button button--secondary" on:click=move |_| confirming.set(false)>"Keep it"</button>
                </div>
            </Show>
        </Show>
    }
}
