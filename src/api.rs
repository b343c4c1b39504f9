//! The typed API client: one function per endpoint, each returning a domain type.

use crate::address::{base_path, with_query};
use crate::json::{from_json, to_json};
use advocate_domain::bill_attachment::AttachedBill;
use advocate_domain::bill_import::BillReading;
use advocate_domain::bill_review::{BillReviewRequest, Review};
use advocate_domain::employer::EmbeddedSettings;
use advocate_domain::estimate::Estimate;
use advocate_domain::procedures::Procedure;
use advocate_domain::unit_limits::UnitLimits;
use advocate_domain::{NewRequest, Problem, ProgramSettings, RequestReceipt, RequestStatus, Service, Zip};
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a call to the API did not give an answer.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The request never got an answer: offline, or the server is down.
    #[error("We could not reach Advocate. Check your internet connection and try again.")]
    Network,
    /// The server answered with a problem.
    #[error("{}", .0.detail.as_deref().unwrap_or(&.0.title))]
    Problem(Problem),
    /// The answer was not what this version of the app expects.
    #[error("Advocate sent an answer this page could not read. Reload the page to get the latest version.")]
    Unreadable,
}

/// `GET /api/program`: the program's settings.
pub async fn program() -> Result<ProgramSettings, ApiError> {
    get_json("api/program").await
}

/// `GET /api/employers/{slug}`: an employer's theme and its program, for the embedded app.
pub async fn employer(slug: &str) -> Result<EmbeddedSettings, ApiError> {
    get_json(&format!("api/employers/{slug}")).await
}

/// `GET /api/services`: every service the finder offers.
pub async fn services() -> Result<Vec<Service>, ApiError> {
    get_json("api/services").await
}

/// `GET /api/procedures`: every procedure a member can price, searched in the browser.
pub async fn procedures() -> Result<Vec<Procedure>, ApiError> {
    get_json("api/procedures").await
}

/// `GET /api/estimates`: a procedure's price where a ZIP code is.
pub async fn estimate(zip: Zip, service: String) -> Result<Estimate, ApiError> {
    get_json(&with_query("api/estimates", [("zip", zip.as_str()), ("service", &service)])).await
}

/// `GET /api/unit-limits`: the daily unit limits, for the bill review on this device. About
/// ten thousand codes, asked for as the table (one "CODE<TAB>UNITS" per line) and read in one pass
/// here: as JSON they were ten thousand objects listed by the browser and handed to wasm one by
/// one, about 140 ms of a phone's page at Lighthouse's 4× slower CPU (Chromium's profiler).
pub async fn unit_limits() -> Result<UnitLimits, ApiError> {
    let text = fetch_text_with("GET", "api/unit-limits", None, &[("Accept", "text/tab-separated-values")]).await?;
    UnitLimits::parse(&text).map_err(|_| ApiError::Unreadable)
}

/// `POST /api/bills/review`: the review with the price benchmarks for a ZIP code.
pub async fn review_bill(request: &BillReviewRequest) -> Result<Review, ApiError> {
    fetch_json_with("POST", "api/bills/review", Some(&to_json(request)), &[]).await
}

/// `POST /api/bills/read`: a photo or PDF of a bill, read on the server into its charges.
/// `on_progress` hears the share of the file sent, 0 to 1.
pub async fn read_bill(file: &web_sys::File, on_progress: impl Fn(f64) + 'static) -> Result<BillReading, ApiError> {
    let text = upload("POST", "api/bills/read", file, None, on_progress).await?;
    from_json(&text).ok_or(ApiError::Unreadable)
}

/// `PUT /api/requests/{reference}/bill`: attaches the bill's charges and answers to a request.
pub async fn attach_bill(receipt: &RequestReceipt, request: &BillReviewRequest) -> Result<AttachedBill, ApiError> {
    let bearer = format!("Bearer {}", receipt.verifier);
    fetch_json_with("PUT", &format!("api/requests/{}/bill", receipt.reference), Some(&to_json(request)), &[("Authorization", &bearer)])
        .await
}

/// `POST /api/requests/{reference}/bill/pages`: adds a photo or PDF of the bill. Sending the
/// same file again adds nothing, so a retry is always safe.
pub async fn add_bill_page(receipt: &RequestReceipt, file: &web_sys::File, on_progress: impl Fn(f64) + 'static) -> Result<(), ApiError> {
    let path = format!("api/requests/{}/bill/pages", receipt.reference);
    upload("POST", &path, file, Some(&receipt.verifier), on_progress).await.map(|_| ())
}

/// `GET /api/requests/{reference}/bill`: the bill attached to a request, if any.
pub async fn attached_bill(receipt: &RequestReceipt) -> Result<Option<AttachedBill>, ApiError> {
    let bearer = format!("Bearer {}", receipt.verifier);
    match fetch_json_with("GET", &format!("api/requests/{}/bill", receipt.reference), None, &[("Authorization", &bearer)]).await {
        Ok(attached) => Ok(Some(attached)),
        Err(ApiError::Problem(problem)) if problem.status == 404 => Ok(None),
        Err(error) => Err(error),
    }
}

/// `DELETE /api/requests/{reference}/bill`: deletes the attached bill at once.
pub async fn delete_bill(receipt: &RequestReceipt) -> Result<(), ApiError> {
    let bearer = format!("Bearer {}", receipt.verifier);
    fetch_text_with("DELETE", &format!("api/requests/{}/bill", receipt.reference), None, &[("Authorization", &bearer)]).await.map(|_| ())
}

/// Sends a file with XMLHttpRequest, the one browser API that reports upload progress.
async fn upload(
    method: &str,
    path: &str,
    body: &web_sys::Blob,
    verifier: Option<&str>,
    on_progress: impl Fn(f64) + 'static,
) -> Result<String, ApiError> {
    use wasm_bindgen::closure::Closure;
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| ApiError::Network)?;
    xhr.open(method, &format!("{}{path}", base_path())).map_err(|_| ApiError::Network)?;
    if let Some(verifier) = verifier {
        xhr.set_request_header("Authorization", &format!("Bearer {verifier}")).map_err(|_| ApiError::Network)?;
    }
    // OCR of a long scan takes minutes; a stalled network should not hang forever.
    xhr.set_timeout(300_000);
    let progress = Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |event: web_sys::ProgressEvent| {
        if event.length_computable() && event.total() > 0.0 {
            on_progress(event.loaded() / event.total());
        }
    });
    if let Ok(target) = xhr.upload() {
        target.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    }
    let finished = js_sys::Promise::new(&mut |resolve, _reject| xhr.set_onloadend(Some(&resolve)));
    xhr.send_with_opt_blob(Some(body)).map_err(|_| ApiError::Network)?;
    let _ = JsFuture::from(finished).await;
    drop(progress);
    let status = xhr.status().unwrap_or(0);
    let text = xhr.response_text().ok().flatten().unwrap_or_default();
    match status {
        0 => Err(ApiError::Network),
        200..=299 => Ok(text),
        _ => Err(ApiError::Problem(from_json(&text).unwrap_or_else(|| Problem::new(status, xhr.status_text().unwrap_or_default())))),
    }
}

/// A random key for one request, the same for every retry of it (the `Idempotency-Key` of
/// `create_request` and `console_api::open_request`).
pub fn new_idempotency_key() -> String {
    leptos::prelude::window()
        .crypto()
        .map(|crypto| crypto.random_uuid())
        .unwrap_or_else(|_| format!("{:x}-{:x}", js_sys::Date::now() as u64, (js_sys::Math::random() * 1e16) as u64))
}

/// Tries again after 1 and 3 seconds when the network failed; any answer from the server is final.
pub async fn with_retries<T, F: std::future::Future<Output = Result<T, ApiError>>>(mut attempt: impl FnMut() -> F) -> Result<T, ApiError> {
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
        let _ = leptos::prelude::window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(promise).await;
}

/// `POST /api/requests`: sends a request; a retry with the same key returns the same receipt.
pub async fn create_request(request: &NewRequest, idempotency_key: &str) -> Result<RequestReceipt, ApiError> {
    fetch_json_with("POST", "api/requests", Some(&to_json(request)), &[("Idempotency-Key", idempotency_key)]).await
}

/// `GET /api/requests/{reference}`: where a request stands, shown only with its verifier.
pub async fn request_status(reference: &str, verifier: &str) -> Result<RequestStatus, ApiError> {
    let bearer = format!("Bearer {verifier}");
    fetch_json_with("GET", &format!("api/requests/{reference}"), None, &[("Authorization", &bearer)]).await
}

/// A request with any method, an optional JSON body and extra headers; the answer's body.
pub async fn fetch_text_with(method: &str, path: &str, json: Option<&str>, extra: &[(&str, &str)]) -> Result<String, ApiError> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let headers = web_sys::Headers::new().map_err(|_| ApiError::Network)?;
    if let Some(json) = json {
        headers.set("Content-Type", "application/json").map_err(|_| ApiError::Network)?;
        init.set_body(&json.into());
    }
    for (name, value) in extra {
        headers.set(name, value).map_err(|_| ApiError::Network)?;
    }
    init.set_headers(&headers);
    fetch_text(path, &init).await
}

pub async fn fetch_json_with<T: DeserializeOwned>(
    method: &str,
    path: &str,
    json: Option<&str>,
    extra: &[(&str, &str)],
) -> Result<T, ApiError> {
    let text = fetch_text_with(method, path, json, extra).await?;
    from_json(&text).ok_or(ApiError::Unreadable)
}

async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let text = fetch_text(path, &web_sys::RequestInit::new()).await?;
    from_json(&text).ok_or(ApiError::Unreadable)
}

/// The body of a successful answer; a problem (RFC 9457) for any other. Not generic, so the
/// wasm holds one copy of the fetch, whatever type the caller reads from the body.
async fn fetch_text(path: &str, init: &web_sys::RequestInit) -> Result<String, ApiError> {
    let url = format!("{}{path}", base_path());
    let window = leptos::prelude::window();
    let response = JsFuture::from(window.fetch_with_str_and_init(&url, init)).await.map_err(|_| ApiError::Network)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| ApiError::Network)?;
    let text = JsFuture::from(response.text().map_err(|_| ApiError::Network)?)
        .await
        .map_err(|_| ApiError::Network)?
        .as_string()
        .unwrap_or_default();
    if response.ok() {
        Ok(text)
    } else {
        let problem = from_json(&text).unwrap_or_else(|| Problem::new(response.status(), response.status_text()));
        Err(ApiError::Problem(problem))
    }
}
