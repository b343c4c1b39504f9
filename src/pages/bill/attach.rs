//! The bill on its way to an advocate: sent with the request once it has a reference (the
//! charges, then each photo or PDF with its progress, retried on a flaky network: the server
//! recognises a file it already has), then shown with when it will be deleted and a way to
//! delete it now.

use crate::api::{self, ApiError};
use crate::bill_handoff::BillHandoff;
use crate::components::ErrorNotice;
use crate::page::use_program;
use advocate_domain::RequestReceipt;
use advocate_domain::bill_attachment::AttachedBill;
use leptos::prelude::*;

/// Sends the bill the member chose on the bill page; shows nothing when there is none.
#[component]
pub fn SendBill(receipt: RequestReceipt) -> impl IntoView {
    let handoff = BillHandoff::get();
    let summary = handoff.summary()?;
    let progress = RwSignal::new(None::<(String, f64)>);
    let failure = RwSignal::new(None::<ApiError>);
    let attached = RwSignal::new(None::<AttachedBill>);
    let receipt = StoredValue::new(receipt);
    let send = Callback::new(move |()| {
        let receipt = receipt.get_value();
        failure.set(None);
        leptos::task::spawn_local(async move {
            match send_all(&receipt, handoff, progress).await {
                Ok(bill) => {
                    handoff.clear();
                    attached.set(Some(bill));
                }
                Err(error) => failure.set(Some(error)),
            }
            progress.set(None);
        });
    });
    send.run(());
    Some(view! {
        <section class="attach" aria-labelledby="attach-title">
            <h2 id="attach-title">"Your bill"</h2>
            {move || match (attached.get(), failure.get()) {
                (Some(bill), _) => view! { <AttachedBillPanel receipt=receipt.get_value() bill=bill/> }.into_any(),
                (None, Some(error)) => view! {
                    <p>{format!("Your request was sent, but your bill ({summary}) was not.")}</p>
                    <ErrorNotice error=error on_retry=send/>
                }.into_any(),
                (None, None) => view! {
                    <p>{format!("Sending your bill with the request: {summary}. Keep this page open until it is sent.")}</p>
                    {move || progress.get().map(|(label, share)| view! {
                        <label class="label label--small" for="attach-progress">{label}</label>
                        <progress id="attach-progress" class="progress" max="100" value=(share * 100.0).round().to_string()></progress>
                    })}
                }.into_any(),
            }}
        </section>
    })
}

async fn send_all(
    receipt: &RequestReceipt,
    handoff: BillHandoff,
    progress: RwSignal<Option<(String, f64)>>,
) -> Result<AttachedBill, ApiError> {
    if let Some(review) = handoff.review() {
        progress.set(Some(("Sending the charges…".into(), 0.0)));
        with_retries(|| api::attach_bill(receipt, &review)).await?;
    }
    let pages = handoff.pages();
    let count = pages.len();
    for (i, page) in pages.iter().enumerate() {
        let label = if count > 1 { format!("Sending page {} of {count}…", i + 1) } else { "Sending the photo or PDF…".into() };
        progress.set(Some((label.clone(), 0.0)));
        with_retries(|| {
            let label = label.clone();
            api::add_bill_page(receipt, page, move |share| progress.set(Some((label.clone(), share))))
        })
        .await?;
    }
    api::attached_bill(receipt).await?.ok_or(ApiError::Unreadable)
}

/// Tries again after 1 and 3 seconds when the network failed; any answer from the server is final.
async fn with_retries<T, F: std::future::Future<Output = Result<T, ApiError>>>(mut attempt: impl FnMut() -> F) -> Result<T, ApiError> {
    for wait_ms in [1_000, 3_000] {
        match attempt().await {
            Err(ApiError::Network) => sleep(wait_ms).await,
            answer => return answer,
        }
    }
    attempt().await
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// What is attached, until when, and a way to delete it now.
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
            crate::page::focus_by_id("attach-status");
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
                <button type="button" class="button button--secondary" on:click=move |_| { confirming.set(true); crate::page::focus_by_id("delete-bill"); }>"Delete the bill now"</button>
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

/// On the request form: the bill that will go with the request, and a way to leave it out.
#[component]
pub fn BillToSend() -> impl IntoView {
    let handoff = BillHandoff::get();
    let shown = RwSignal::new(handoff.summary());
    move || {
        shown.get().map(|summary| {
            view! {
                <div class="notice notice--info">
                    <h2 class="notice__title">"Your bill goes with this request"</h2>
                    <p>{format!("{summary}, sent once your request has its reference. Advocate keeps it encrypted for a limited time, and you can delete it sooner.")}</p>
                    <button type="button" class="link-button" on:click=move |_| {
                        handoff.clear();
                        shown.set(None);
                    }>"Do not send my bill"</button>
                </div>
            }
        })
    }
}

/// On the request's status page: the attached bill, if there is one.
#[component]
pub fn AttachedBillSection(receipt: RequestReceipt) -> impl IntoView {
    let for_fetch = receipt.clone();
    let attached = LocalResource::new(move || {
        let receipt = for_fetch.clone();
        async move { api::attached_bill(&receipt).await }
    });
    move || {
        let receipt = receipt.clone();
        attached.get().and_then(Result::ok).flatten().map(|bill| {
            view! {
                <section class="attach" aria-labelledby="attach-title">
                    <h2 id="attach-title">"Your bill"</h2>
                    <AttachedBillPanel receipt=receipt bill=bill/>
                </section>
            }
        })
    }
}
