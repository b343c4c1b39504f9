use crate::bill_handoff::BillHandoff;
use leptos::prelude::*;

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
