use crate::api::{self, ApiError, with_retries};
use crate::bill_handoff::BillHandoff;
use crate::components::{AttachedBillPanel, ErrorNotice};
use advocate_domain::RequestReceipt;
use advocate_domain::bill_attachment::AttachedBill;
use leptos::prelude::*;

/// The bill on its way to an advocate: sent with the request once it has a reference (the
/// charges, then each photo or PDF with its progress, retried on a flaky network: the server
/// recognises a file it already has), then shown with when it will be deleted and a way to
/// delete it now. Shows nothing when the member chose no bill on the bill page.
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
