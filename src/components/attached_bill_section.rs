use crate::api;
use crate::components::AttachedBillPanel;
use advocate_domain::RequestReceipt;
use leptos::prelude::*;

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
