//! A member's bill attached to their request: `PUT /api/requests/{reference}/bill` (the charges
//! and answers, reviewed again here), `POST …/bill/pages` (a photo or PDF), `GET …/bill`,
//! `GET …/bill/pages/{id}` and `DELETE …/bill`. Each needs the request's verifier; each read and
//! change is audited. Stored sealed, kept for the deployment's retention period.

use super::bills::reviewed;
use super::error::ApiError;
use super::requests::{MemberRequest, member_request};
use super::valid::Valid;
use crate::attached_bills::{attach, load, open};
use crate::audit::{Actor, AuditEvent};
use crate::bill_reading::{ReadError, check_upload};
use crate::state::AppState;
use crate::storage::{AddBillFile, BillFileKind, SealedBillFile};
use advocate_domain::FieldError;
use advocate_domain::Reference;
use advocate_domain::bill_attachment::{AttachedBill, AttachedReview, BillPage, MAX_PAGES};
use advocate_domain::bill_review::BillReviewRequest;
use axum::{
    Json,
    body::Bytes,
    extract::{Path, State, rejection::BytesRejection},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

/// Attaches the bill's charges and the member's answers, replacing any attached before. The
/// server reviews them again (it is the authority) and keeps the review with them.
#[utoipa::path(put, path = "/api/requests/{reference}/bill", tag = "bill check",
    params(("reference" = String, Path, description = "The request's reference")),
    security(("verifier" = [])),
    request_body = BillReviewRequest,
    responses(
        (status = 200, body = AttachedBill),
        (status = 401, body = advocate_domain::Problem, description = "No request matches this reference and verifier"),
        (status = 413, body = advocate_domain::Problem, description = "More than 8 MB of JSON"),
        (status = 422, body = advocate_domain::Problem, description = "A bill that cannot be reviewed, each problem named"),
    ))]
pub async fn put_bill(
    State(state): State<AppState>,
    MemberRequest(stored): MemberRequest,
    Valid(request): Valid<BillReviewRequest>,
) -> Result<Response, ApiError> {
    let review = reviewed(&state, &request);
    let content = serde_json::to_vec(&AttachedReview { request, review }).map_err(anyhow::Error::from)?;
    let reference = stored.reference;
    let audit = AuditEvent::new(Actor::Member, "bill.attached", &reference);
    if attach(&state, &reference, BillFileKind::Review, "application/json", &content, &audit).await? == AddBillFile::TooMuch {
        return Err(too_much(&state));
    }
    let attached = load(&state, &reference).await?.ok_or_else(|| anyhow::anyhow!("the attached bill vanished"))?;
    Ok(private(Json(attached).into_response()))
}

/// Adds a photo (JPEG, PNG) or a PDF of the bill, at most 20 MB and 20 per request, its kind
/// decided by its content. Sending the same file again (a retry) adds nothing and answers 200
/// with the page already there.
#[utoipa::path(post, path = "/api/requests/{reference}/bill/pages", tag = "bill check",
    params(("reference" = String, Path, description = "The request's reference")),
    security(("verifier" = [])),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The photo or PDF"),
    responses(
        (status = 201, body = BillPage, description = "Added"),
        (status = 200, body = BillPage, description = "This file was already attached"),
        (status = 401, body = advocate_domain::Problem, description = "No request matches this reference and verifier"),
        (status = 413, body = advocate_domain::Problem, description = "Over 20 MB"),
        (status = 422, body = advocate_domain::Problem, description = "Not a photo or PDF, or the request already holds 20"),
    ))]
pub async fn add_page(
    State(state): State<AppState>,
    MemberRequest(stored): MemberRequest,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body.map_err(|_| ApiError::TooLarge(ReadError::TooLarge.to_string()))?;
    let kind = check_upload(&body).map_err(|error| match error {
        ReadError::TooLarge => ApiError::TooLarge(error.to_string()),
        other => ApiError::invalid(vec![FieldError { field: "file".into(), message: other.to_string() }]),
    })?;
    let reference = stored.reference;
    let audit = AuditEvent::new(Actor::Member, "bill.page_added", &reference);
    let (status, id) = match attach(&state, &reference, BillFileKind::Page, kind.media_type(), &body, &audit).await? {
        AddBillFile::Added(id) => (StatusCode::CREATED, id),
        AddBillFile::AlreadyThere(id) => (StatusCode::OK, id),
        AddBillFile::TooMuch => return Err(too_much(&state)),
        AddBillFile::Full => {
            return Err(ApiError::invalid(vec![FieldError {
                field: "file".into(),
                message: format!(
                    "This request already has {MAX_PAGES} photos or PDFs of the bill, the most it can hold. Send the rest to your advocate when they contact you."
                ),
            }]));
        }
    };
    let info =
        state.storage.bill_files(&reference).await?.into_iter().find(|f| f.id == id).ok_or_else(|| anyhow::anyhow!("page vanished"))?;
    let page = BillPage { id, media_type: info.media_type, bytes: info.byte_count, added_at: info.created_at };
    Ok(private((status, Json(page)).into_response()))
}

/// The attached bill: its charges, the review, the list of pages, and when it will be deleted.
#[utoipa::path(get, path = "/api/requests/{reference}/bill", tag = "bill check",
    params(("reference" = String, Path, description = "The request's reference")),
    security(("verifier" = [])),
    responses(
        (status = 200, body = AttachedBill),
        (status = 401, body = advocate_domain::Problem, description = "No request matches this reference and verifier"),
        (status = 404, body = advocate_domain::Problem, description = "No bill attached"),
    ))]
pub async fn get_bill(State(state): State<AppState>, Path(reference): Path<String>, headers: HeaderMap) -> Result<Response, ApiError> {
    let reference = member_request(&state, &reference, &headers).await?.reference;
    // The read is recorded before anything is shown.
    state.storage.record_audit_event(&AuditEvent::new(Actor::Member, "bill.viewed", &reference)).await?;
    let attached = load(&state, &reference).await?.ok_or_else(no_bill)?;
    Ok(private(Json(attached).into_response()))
}

/// One photo or PDF, as a download: never shown inline from the app's origin.
#[utoipa::path(get, path = "/api/requests/{reference}/bill/pages/{id}", tag = "bill check",
    params(("reference" = String, Path, description = "The request's reference"), ("id" = i64, Path, description = "The page's id")),
    security(("verifier" = [])),
    responses(
        (status = 200, description = "The file, as an attachment", content_type = "application/octet-stream"),
        (status = 401, body = advocate_domain::Problem, description = "No request matches this reference and verifier"),
        (status = 404, body = advocate_domain::Problem, description = "No such page"),
    ))]
pub async fn get_page(
    State(state): State<AppState>,
    Path((reference, id)): Path<(String, i64)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let reference = member_request(&state, &reference, &headers).await?.reference;
    let sealed = state
        .storage
        .sealed_bill_file(&reference, id)
        .await?
        .filter(|f| f.info.kind == BillFileKind::Page)
        .ok_or_else(|| ApiError::NotFound("This request has no such page of a bill.".into()))?;
    state.storage.record_audit_event(&AuditEvent::new(Actor::Member, "bill.page_downloaded", &reference)).await?;
    page_download(&state, &reference, &sealed)
}

/// A page of a bill as a download: opened, named, never rendered inline, never cached.
pub(super) fn page_download(state: &AppState, reference: &Reference, sealed: &SealedBillFile) -> Result<Response, ApiError> {
    let id = sealed.info.id;
    let content = open(&state.sealing, reference, sealed)?;
    let extension = match sealed.info.media_type.as_str() {
        "application/pdf" => "pdf",
        "image/png" => "png",
        _ => "jpg",
    };
    let mut response = content.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_str(&sealed.info.media_type).map_err(anyhow::Error::from)?);
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&format!("attachment; filename=\"bill-{reference}-{id}.{extension}\"")).map_err(anyhow::Error::from)?,
    );
    // Even if a browser were made to render it, it runs nothing and reaches nothing.
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox; default-src 'none'"));
    Ok(private(response))
}

/// Deletes the attached bill, its charges, review and every page, at once. Answers 204 whether
/// or not there was one, so a retry is harmless.
#[utoipa::path(delete, path = "/api/requests/{reference}/bill", tag = "bill check",
    params(("reference" = String, Path, description = "The request's reference")),
    security(("verifier" = [])),
    responses(
        (status = 204, description = "Deleted, or there was none"),
        (status = 401, body = advocate_domain::Problem, description = "No request matches this reference and verifier"),
    ))]
pub async fn delete_bill(State(state): State<AppState>, Path(reference): Path<String>, headers: HeaderMap) -> Result<Response, ApiError> {
    let reference = member_request(&state, &reference, &headers).await?.reference;
    let deleted = state.storage.delete_bill(&reference, &AuditEvent::new(Actor::Member, "bill.deleted", &reference)).await?;
    tracing::info!(reference = %reference, files = deleted, "attached bill deleted by the member");
    Ok(private(StatusCode::NO_CONTENT.into_response()))
}

/// A bill over the deployment's total for one request.
fn too_much(state: &AppState) -> ApiError {
    let megabytes = state.client_limits.settings.bill_bytes_per_request / 1_000_000;
    ApiError::TooLarge(format!(
        "This request's bill already holds nearly {megabytes} MB of photos and PDFs, the most it can hold. Send smaller photos, or give the rest to your advocate when they contact you."
    ))
}

fn no_bill() -> ApiError {
    ApiError::NotFound("No bill is attached to this request.".into())
}

/// Health information: no cache may keep it.
pub(super) fn private(mut response: Response) -> Response {
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
