//! Members' requests for an advocate: `POST /api/requests` (idempotent) and
//! `GET /api/requests/{reference}` (only with the verifier returned at creation).

use super::error::ApiError;
use super::valid::Valid;
use crate::audit::{Actor, AuditEvent};
use crate::requests::{self, OpenError, Opener};
use crate::state::AppState;
use crate::storage::StoredRequest;
use advocate_domain::handoff::HandoffRecord;
use advocate_domain::{NewRequest, Reference, RequestReceipt, RequestState, RequestStatus};
use axum::{
    Json,
    extract::{FromRequestParts, OriginalUri, Path, State},
    http::{HeaderMap, HeaderValue, StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
};

const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// Opens a request to an advocate.
///
/// Send an `Idempotency-Key` header with a random value (a UUID): a retry with the same key and
/// body returns the original answer, and never creates a second request.
#[utoipa::path(post, path = "/api/requests", tag = "service finder",
    request_body = NewRequest,
    params(("Idempotency-Key" = String, Header, description = "A random value of 16 to 200 characters, such as a UUID, the same for every retry")),
    responses(
        (status = 201, body = RequestReceipt, description = "Created, or the original answer to a retry"),
        (status = 400, body = advocate_domain::Problem, description = "No usable Idempotency-Key"),
        (status = 422, body = advocate_domain::Problem, description = "Answers that need fixing, each named; or the key was used for a different request"),
    ))]
pub async fn create_request(
    State(state): State<AppState>,
    OriginalUri(uri): OriginalUri,
    IdempotencyKey(key): IdempotencyKey,
    Valid(request): Valid<NewRequest>,
) -> Result<Response, ApiError> {
    let receipt = requests::open(&state, &key, &request, Opener::Member).await?;
    Ok(created(&uri, receipt))
}

impl From<OpenError> for ApiError {
    fn from(error: OpenError) -> Self {
        match error {
            OpenError::Invalid(errors) => {
                ApiError::Invalid { detail: "Some answers need fixing: each is listed with what to do.".into(), errors }
            }
            OpenError::KeyReused => ApiError::Invalid {
                detail: "This Idempotency-Key was already used for a different request. Use a new key for a new request.".into(),
                errors: Vec::new(),
            },
            OpenError::Failed(error) => ApiError::from(error),
        }
    }
}

/// A new request's answer (201, where it can be read), or a retry's.
pub(super) fn created(uri: &axum::http::Uri, receipt: RequestReceipt) -> Response {
    let location = format!("{}/{}", uri.path().trim_end_matches('/'), receipt.reference);
    let mut response = (StatusCode::CREATED, Json(receipt)).into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Where a request stands. Needs `Authorization: Bearer <verifier>`; a reference alone reveals
/// nothing, not even whether it exists, because references are read aloud on the phone: every
/// mismatch is the same 401.
#[utoipa::path(get, path = "/api/requests/{reference}", tag = "service finder",
    params(("reference" = String, Path, description = "The reference, like K7Q4-M2XP")),
    security(("verifier" = [])),
    responses(
        (status = 200, body = RequestStatus),
        (status = 401, body = advocate_domain::Problem, description = "No request matches this reference and verifier (the same answer for both)"),
    ))]
pub async fn request_status(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let stored = member_request(&state, &reference, &headers).await?;
    state.storage.record_audit_event(&AuditEvent::new(Actor::Member, "request.status_viewed", &stored.reference)).await?;
    let bill_attached = !state.storage.bill_files(&stored.reference).await?.is_empty();
    let handoff = state
        .storage
        .status_changes(&stored.reference)
        .await?
        .into_iter()
        .rev()
        .find_map(|change| change.handoff.map(|method| HandoffRecord { method, at: change.changed_at }))
        .filter(|_| stored.state == RequestState::RoutedToCarrier);
    let status = RequestStatus {
        reference: stored.reference,
        state: stored.state,
        service_title: stored.service_title,
        outreach: stored.outreach,
        submitted_at: stored.submitted_at,
        bill_attached,
        handoff,
    };
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(status)).into_response())
}

/// The request a member may see: the reference with its verifier (`Authorization: Bearer`).
/// No verifier, a wrong one and an unknown reference are the same 401, so a guessed reference
/// reveals nothing.
pub(super) async fn member_request(state: &AppState, reference: &str, headers: &HeaderMap) -> Result<StoredRequest, ApiError> {
    let not_found = || ApiError::Unauthorized {
        title: "No request matches",
        detail: "No request matches this reference and code. Check both, or call an advocate.".into(),
    };
    let reference = Reference::parse(reference).map_err(|_| not_found())?;
    let verifier =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")).ok_or_else(not_found)?;
    requests::with_verifier(state, &reference, verifier.trim()).await?.ok_or_else(not_found)
}

/// The request named by the path's `{reference}`, for whoever sends its verifier: an extractor,
/// so that it is checked before a body is read (nobody uploads 20 MB to learn the code is wrong).
pub(super) struct MemberRequest(pub StoredRequest);

impl FromRequestParts<AppState> for MemberRequest {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Path(params) = Path::<std::collections::HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .map_err(|e| ApiError::BadRequest(e.body_text()))?;
        let reference = params.get("reference").map(String::as_str).unwrap_or_default();
        member_request(state, reference, &parts.headers).await.map(MemberRequest)
    }
}

/// The `Idempotency-Key` header: a random value the client sends with every retry of one request.
pub(super) struct IdempotencyKey(pub String);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let key = parts
            .headers
            .get(IDEMPOTENCY_KEY)
            .ok_or_else(|| {
                ApiError::BadRequest(
                    "Send an Idempotency-Key header with a random value, such as a UUID, the same for every retry of this request.".into(),
                )
            })?
            .to_str()
            .map_err(|_| ApiError::BadRequest("The Idempotency-Key header must be plain text.".into()))?
            .trim();
        if !(16..=200).contains(&key.len()) {
            return Err(ApiError::BadRequest(
                "The Idempotency-Key must be 16 to 200 characters: use a random value such as a UUID.".into(),
            ));
        }
        Ok(IdempotencyKey(key.to_string()))
    }
}
