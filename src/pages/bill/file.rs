//! Adding a bill from files. CSV exports, X12 claims or remittances and PDFs with a text layer
//! are read on this device, by the domain's readers in the bill reader's worker (a PDF's by the
//! same layout reader as the server's): nothing leaves the device. Photos and scans need the
//! server's reader (OCR); the member is told so and sends them only by choosing to, one page
//! after another, with the progress shown and a retry when the network fails.

use crate::api::{self, ApiError};
use crate::bill_reader::client;
use advocate_domain::bill::Bill;
use advocate_domain::bill_import::{BillReading, MAX_FILE_BYTES, MAX_FILE_SIZE_TEXT, MAX_PDF_PAGES, UploadKind};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen::prelude::wasm_bindgen(module = "/js/pdf_text.js")]
extern "C" {
    /// The PDF's text layer: each page's size and its runs of text with their boxes
    /// (pdf.js, loaded on first use).
    #[wasm_bindgen(catch)]
    async fn pdf_text(bytes: js_sys::Uint8Array, max_pages: u32) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
}

/// Reads a PDF's text layer: pdf.js gives its runs of text, the bill reader's worker its charges,
/// each with its printed row, and the rows to check. Ok(None) when the PDF has no text (a scan),
/// so the server must OCR it; Err when the worker could not read it.
async fn read_pdf_here(file: &web_sys::File) -> Result<Option<BillReading>, String> {
    let Ok(buffer) = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await else { return Ok(None) };
    let Ok(pages) = pdf_text(js_sys::Uint8Array::new(&buffer), MAX_PDF_PAGES).await else { return Ok(None) };
    client::read_text_layer(pages).await
}

/// `on_read` gets what a CSV or X12 file holds (replacing the lines); `on_page` what was read
/// of one photo or PDF (its charges, their rows and the rows to check), which the page adds to
/// `pages` first. `reading` is true while photos or PDFs are with the server, and
/// `on_sent(all_read)` follows the last of them (false when one could not be read).
#[component]
pub fn BillFileInput(
    #[prop(into)] on_read: Callback<Result<Vec<Bill>, String>>,
    #[prop(into)] on_page: Callback<BillReading>,
    pages: RwSignal<Vec<web_sys::File>, LocalStorage>,
    reading: RwSignal<bool>,
    #[prop(into)] on_sent: Callback<bool>,
) -> impl IntoView {
    // Photos or PDFs waiting for the member's go-ahead (browser objects: kept on this thread).
    let waiting = RwSignal::new_local(Vec::<web_sys::File>::new());
    let sending = RwSignal::new(None::<(usize, usize, f64)>);
    let failure = RwSignal::new(None::<ApiError>);
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(list) = input.files() else { return };
        let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        failure.set(None);
        leptos::task::spawn_local(async move {
            let mut photos = Vec::new();
            for file in files {
                if file.size() > MAX_FILE_BYTES as f64 {
                    on_read.run(Err(format!(
                        "{} is over {MAX_FILE_SIZE_TEXT}: a bill's file is much smaller. Choose the bill itself.",
                        file.name()
                    )));
                    return;
                }
                let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
                let Some(text) = text else {
                    return on_read.run(Err("This file could not be opened. Try again, or type the charges below.".into()));
                };
                match kind_of_file(text) {
                    TextFile::Export(text) => match client::read_export(text).await.unwrap_or_else(Err) {
                        Ok(bills) => {
                            waiting.set(Vec::new());
                            pages.set(Vec::new());
                            return on_read.run(Ok(bills));
                        }
                        Err(message) => return on_read.run(Err(message)),
                    },
                    // A PDF with a text layer is read here: nothing leaves the device.
                    TextFile::NeedsServer if is_pdf(&file).await => match read_pdf_here(&file).await {
                        Ok(Some(reading)) => {
                            pages.update(|p| p.push(file));
                            on_page.run(reading);
                        }
                        Ok(None) => photos.push(file),
                        Err(message) => return on_read.run(Err(message)),
                    },
                    TextFile::NeedsServer => photos.push(file),
                }
            }
            waiting.set(photos);
        });
    };
    let send = move |_| {
        let files = waiting.get_untracked();
        failure.set(None);
        reading.set(true);
        leptos::task::spawn_local(async move {
            let count = files.len();
            let mut all_read = true;
            for (i, file) in files.into_iter().enumerate() {
                sending.set(Some((i + 1, count, 0.0)));
                let answer = api::read_bill(&file, move |sent| sending.set(Some((i + 1, count, sent)))).await;
                match answer {
                    Ok(reading) => {
                        waiting.update(|w| {
                            w.remove(0);
                        });
                        pages.update(|p| p.push(file));
                        on_page.run(reading);
                    }
                    // Nothing was kept on the server: trying again sends the rest from here.
                    Err(error) => {
                        failure.set(Some(error));
                        all_read = false;
                        break;
                    }
                }
            }
            sending.set(None);
            reading.set(false);
            on_sent.run(all_read);
        });
    };
    let label = move || if pages.read().is_empty() { "Add the bill from a file (optional)" } else { "Add another page (optional)" };
    view! {
        <div class="field file-field">
            <label class="label" for="bill-file">{label}</label>
            <p class="hint hint--tight" id="bill-file-hint">"Photos or PDFs of the itemized bill (choose several pages at once if you like), a CSV export, or an X12 claim (837) or remittance (835)."</p>
            <p class="hint" id="bill-file-privacy">"PDFs with text, CSV and X12 files are read on this device; only photos and scans need sending."</p>
            <input class="file-input" id="bill-file" type="file" multiple
                accept="image/jpeg,image/png,application/pdf,.pdf,.csv,.txt,.835,.837,.837i,.837p,.x12,.edi,text/csv,text/plain"
                aria-describedby="bill-file-hint bill-file-privacy" on:change=on_change/>
        </div>
        <Show when=move || !waiting.read().is_empty()>
            <div class="notice notice--info send-file">
                <p>{move || match waiting.read().len() {
                    1 => "This is a photo or a PDF. To read its charges, it is sent to Advocate, read there and not kept. You can also type the charges in below instead.".to_string(),
                    n => format!("These {n} files are photos or PDFs. To read their charges, they are sent to Advocate one by one, read there and not kept. You can also type the charges in below instead."),
                }}</p>
                {move || sending.get().map(|(page, count, sent)| view! {
                    <label class="label label--small" for="upload-progress">{
                        let what = if count > 1 { format!("page {page} of {count}") } else { "the bill".to_string() };
                        if sent < 1.0 { format!("Sending {what}…") } else { format!("Reading {what}… (a few seconds a page)") }
                    }</label>
                    <progress id="upload-progress" class="progress" max="100" value=(sent * 100.0).round().to_string()></progress>
                })}
                {move || failure.get().map(|error| view! { <p class="field-error" role="alert">{error.to_string()}</p> })}
                <button type="button" class="button button--primary" on:click=send disabled=move || sending.read().is_some()>
                    {move || match (sending.read().is_some(), failure.read().is_some()) {
                        (true, _) => "Sending…",
                        (false, true) => "Try again",
                        (false, false) => "Send to be read",
                    }}
                </button>
            </div>
        </Show>
    }
}

/// Whether a file is a PDF, by its first bytes (the domain's rule, the server's too).
async fn is_pdf(file: &web_sys::File) -> bool {
    let head = file.slice_with_i32_and_i32(0, UploadKind::SNIFF_BYTES as i32).ok();
    let Some(head) = head else { return false };
    match wasm_bindgen_futures::JsFuture::from(head.array_buffer()).await {
        Ok(buffer) => UploadKind::sniff(&js_sys::Uint8Array::new(&buffer).to_vec()) == Some(UploadKind::Pdf),
        Err(_) => false,
    }
}

/// A file as its text shows it.
enum TextFile {
    /// A CSV export or an X12 file, for the bill reader.
    Export(String),
    /// A photo or a PDF (binary): only the server reads a photo; a PDF's text layer is tried here.
    NeedsServer,
}

/// Decides by content, not by name, what the file is.
fn kind_of_file(text: String) -> TextFile {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with("%PDF") || start.starts_with("\u{fffd}PNG") {
        return TextFile::NeedsServer;
    }
    if start.chars().take(512).any(|c| c == '\u{fffd}' || c == '\0') {
        // JPEG photos start with bytes that are not text; anything else binary is not a bill.
        return TextFile::NeedsServer;
    }
    TextFile::Export(text)
}
