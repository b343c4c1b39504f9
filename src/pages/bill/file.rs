//! Reading a bill file in the browser: CSV exports and X12 claims or remittances are parsed
//! here by the domain's readers; nothing leaves the device.

use advocate_domain::bill::Bill;
use advocate_domain::bill_import::{csv::parse_csv, x12::parse_x12};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Files larger than this are not bills.
const MAX_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

#[component]
pub fn BillFileInput(#[prop(into)] on_read: Callback<Result<Vec<Bill>, String>>) -> impl IntoView {
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        if file.size() > MAX_BYTES {
            on_read.run(Err("This file is over 20 MB: a bill's file is much smaller. Choose the bill itself.".into()));
            return;
        }
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
            on_read.run(match text {
                Some(text) => read_bill_file(&text),
                None => Err("This file could not be opened. Try again, or type the charges below.".into()),
            });
        });
    };
    view! {
        <div class="field file-field">
            <label class="label" for="bill-file">"Add the bill from a file (optional)"</label>
            <p class="hint" id="bill-file-hint">"A CSV export of an itemized bill, or an X12 claim (837) or remittance (835). The file is read on this device; nothing is sent."</p>
            <input class="file-input" id="bill-file" type="file" accept=".csv,.txt,.835,.837,.837i,.837p,.x12,.edi,text/csv,text/plain"
                aria-describedby="bill-file-hint" on:change=on_change/>
        </div>
    }
}

/// Decides by content, not by name, what the file is, and reads it.
pub fn read_bill_file(text: &str) -> Result<Vec<Bill>, String> {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with("%PDF") {
        return Err(
            "This is a PDF. Reading PDFs and photos here is not ready yet: type the charges below, or send the bill to an advocate.".into(),
        );
    }
    if start.chars().take(512).any(|c| c == '\u{fffd}' || c == '\0') {
        return Err("This is not a text file (a photo or a document?). Reading those here is not ready yet: type the charges below, or send the bill to an advocate.".into());
    }
    if start.starts_with("ISA") {
        let document = parse_x12(start).map_err(|e| e.to_string())?;
        if document.bills.is_empty() {
            return Err("This X12 file holds no claims.".into());
        }
        return Ok(document.bills);
    }
    parse_csv(start).map(|bill| vec![bill]).map_err(|e| e.to_string())
}
