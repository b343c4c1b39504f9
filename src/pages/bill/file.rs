//! Adding a bill from a file. CSV exports and X12 claims or remittances are read here by the
//! domain's readers: nothing leaves the device. A photo or a PDF needs the server's reader; the
//! member is told so and sends it only by choosing to.

use crate::api;
use advocate_domain::bill::Bill;
use advocate_domain::bill_import::{csv::parse_csv, x12::parse_x12};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Files larger than this are not bills.
const MAX_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

/// What a file turned out to be.
pub enum FileContent {
    /// Read here.
    Bills(Vec<Bill>),
    /// A photo or a PDF: only the server can read it.
    NeedsServer,
}

#[component]
pub fn BillFileInput(#[prop(into)] on_read: Callback<Result<Vec<Bill>, String>>) -> impl IntoView {
    // The photo or PDF waiting for the member's go-ahead (a browser object: kept on this thread).
    let pending = StoredValue::new_local(None::<web_sys::File>);
    let asking = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        asking.set(false);
        if file.size() > MAX_BYTES {
            on_read.run(Err("This file is over 20 MB: a bill's file is much smaller. Choose the bill itself.".into()));
            return;
        }
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
            match text.map(|text| read_bill_file(&text)) {
                Some(Ok(FileContent::Bills(bills))) => on_read.run(Ok(bills)),
                Some(Ok(FileContent::NeedsServer)) => {
                    pending.set_value(Some(file));
                    asking.set(true);
                }
                Some(Err(message)) => on_read.run(Err(message)),
                None => on_read.run(Err("This file could not be opened. Try again, or type the charges below.".into())),
            }
        });
    };
    let send = move |_| {
        let Some(file) = pending.get_value() else { return };
        sending.set(true);
        leptos::task::spawn_local(async move {
            let answer = api::read_bill(&file).await;
            sending.set(false);
            asking.set(false);
            on_read.run(answer.map(|reading| vec![reading.bill]).map_err(|e| e.to_string()));
        });
    };
    view! {
        <div class="field file-field">
            <label class="label" for="bill-file">"Add the bill from a file (optional)"</label>
            <p class="hint" id="bill-file-hint">"A photo or PDF of the itemized bill, a CSV export, or an X12 claim (837) or remittance (835). CSV and X12 files are read on this device."</p>
            <input class="file-input" id="bill-file" type="file"
                accept="image/jpeg,image/png,application/pdf,.pdf,.csv,.txt,.835,.837,.837i,.837p,.x12,.edi,text/csv,text/plain"
                aria-describedby="bill-file-hint" on:change=on_change/>
        </div>
        <Show when=move || asking.get()>
            <div class="notice notice--info send-file">
                <p>"This is a photo or a PDF. To read its charges, it is sent to Advocate, read there and not kept. You can also type the charges in below instead."</p>
                <button type="button" class="button button--primary" on:click=send disabled=move || sending.get()>
                    {move || if sending.get() { "Reading the bill… (a few seconds a page)" } else { "Send it to be read" }}
                </button>
            </div>
        </Show>
    }
}

/// Decides by content, not by name, what the file is, and reads what can be read here.
pub fn read_bill_file(text: &str) -> Result<FileContent, String> {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with("%PDF") || start.starts_with("\u{fffd}PNG") {
        return Ok(FileContent::NeedsServer);
    }
    if start.chars().take(512).any(|c| c == '\u{fffd}' || c == '\0') {
        // JPEG photos start with bytes that are not text; anything else binary is not a bill.
        return Ok(FileContent::NeedsServer);
    }
    if start.starts_with("ISA") {
        let document = parse_x12(start).map_err(|e| e.to_string())?;
        if document.bills.is_empty() {
            return Err("This X12 file holds no claims.".into());
        }
        return Ok(FileContent::Bills(document.bills));
    }
    parse_csv(start).map(|bill| FileContent::Bills(vec![bill])).map_err(|e| e.to_string())
}
