//! Members' requests for an advocate: `POST /api/requests` (idempotent) and
//! `GET /api/requests/{reference}` (only with the verifier returned at creation).

use super::error::{ApiError, current_request_id};
use crate::clock::now;
use crate::state::AppState;
use crate::storage::{AuditEvent, IdempotencyRecord, InsertOutcome, StoredRequest};
use advocate_domain::{NewRequest, Reference, RequestReceipt, RequestState, RequestStatus, Routing, catalog, route};
use axum::{
    Json,
    body::Bytes,
    extract::{OriginalUri, Path, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use sha2::{Digest, Sha256};

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
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    open_request(&state, &uri, &headers, &body, Opener::Member).await
}

/// Who opens a request: the member online, or an advocate on a call with them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Opener {
    Member,
    /// The member gave their consent to be contacted by phone, to this advocate, who takes the case.
    AdvocateOnCall(i64),
}

/// Opens a request: validated by the domain's rules, routed, idempotent by its key, stored with
/// its audit event in one transaction.
pub(super) async fn open_request(
    state: &AppState,
    uri: &axum::http::Uri,
    headers: &HeaderMap,
    body: &[u8],
    opener: Opener,
) -> Result<Response, ApiError> {
    let key = idempotency_key(headers)?;
    let request: NewRequest = serde_json::from_slice(body).map_err(|e| ApiError::Invalid {
        detail: format!("The request could not be read: {e}. Send the answers as JSON in the documented shape."),
        errors: Vec::new(),
    })?;
    let key = IdempotencyRecord {
        key_hash: sha256_hex(&["idempotency-key", &key]),
        body_hash: sha256_hex(&[&serde_json::to_string(&request).expect("a request serialises")]),
    };
    if let Some(original) = replay(state, &key).await? {
        return Ok(created(uri, original));
    }
    let services = catalog();
    let problems = request.problems(&services);
    if !problems.is_empty() {
        return Err(ApiError::Invalid { detail: "Some answers need fixing: each is listed with what to do.".into(), errors: problems });
    }
    let service = services.iter().find(|s| s.id == request.service_id).expect("validated");
    let routing: Routing = route(
        service,
        advocate_domain::PlanCoverage::from_answer(request.plan),
        request.answers.bill_coverage,
        &state.program.sponsor_name,
    );
    let submitted_at = now();
    for _attempt in 0..5 {
        let reference = Reference::from_random(random_bytes());
        let verifier_salt = hex(&random_bytes::<16>());
        let stored = StoredRequest {
            reference: reference.clone(),
            submitted_at,
            service_id: service.id.clone(),
            service_title: service.title.clone(),
            area: service.area.slug().into(),
            handler: routing.handler,
            routing_reason: routing.reason.clone(),
            state: RequestState::initial(routing.handler),
            outreach: state.program.hours.outreach_window(submitted_at),
            verifier_hash: String::new(),
            verifier_salt,
            request: request.clone(),
        };
        let verifier = verifier_for(&key.key_hash, &stored);
        let stored = StoredRequest { verifier_hash: verifier_hash(&verifier, &stored.verifier_salt), ..stored };
        let audit = AuditEvent {
            occurred_at: submitted_at,
            actor: match opener {
                Opener::Member => "member".into(),
                Opener::AdvocateOnCall(id) => format!("advocate:{id}"),
            },
            // On a call, the audit trail records that the consent was given by phone, to whom.
            action: match opener {
                Opener::Member => "request.created".into(),
                Opener::AdvocateOnCall(_) => "request.created_on_call".into(),
            },
            subject: reference.to_string(),
            request_id: current_request_id().unwrap_or_default(),
        };
        match state.storage.insert_request(&stored, &key, &audit).await? {
            InsertOutcome::Created => {
                tracing::info!(reference = %reference, handler = ?stored.handler, "request created");
                if let Opener::AdvocateOnCall(id) = opener {
                    let assigned = AuditEvent { action: "case.assigned".into(), ..audit };
                    state.storage.assign_request(&reference, id, &assigned).await?;
                }
                return Ok(created(uri, receipt(stored, verifier)));
            }
            // Sent twice at once: the other copy won; answer as it did.
            InsertOutcome::KeyAlreadyUsed => {
                let original = replay(state, &key).await?.ok_or_else(|| anyhow::anyhow!("idempotency key vanished"))?;
                return Ok(created(uri, original));
            }
            InsertOutcome::ReferenceTaken => continue,
        }
    }
    Err(ApiError::Internal(anyhow::anyhow!("could not find a free reference in five tries")))
}

/// The original answer for a key already used with the same body; 422 for a different body.
async fn replay(state: &AppState, key: &IdempotencyRecord) -> Result<Option<RequestReceipt>, ApiError> {
    match state.storage.request_by_key(&key.key_hash).await? {
        None => Ok(None),
        Some((body_hash, _)) if body_hash != key.body_hash => Err(ApiError::Invalid {
            detail: "This Idempotency-Key was already used for a different request. Use a new key for a new request.".into(),
            errors: Vec::new(),
        }),
        Some((_, stored)) => {
            let verifier = verifier_for(&key.key_hash, &stored);
            Ok(Some(receipt(stored, verifier)))
        }
    }
}

fn created(uri: &axum::http::Uri, receipt: RequestReceipt) -> Response {
    let location = format!("{}/{}", uri.path().trim_end_matches('/'), receipt.reference);
    let mut response = (StatusCode::CREATED, Json(receipt)).into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn receipt(stored: StoredRequest, verifier: String) -> RequestReceipt {
    RequestReceipt {
        reference: stored.reference,
        verifier,
        service_title: stored.service_title,
        routing: Routing { handler: stored.handler, reason: stored.routing_reason },
        outreach: stored.outreach,
        submitted_at: stored.submitted_at,
    }
}

/// Where a request stands. Needs `Authorization: Bearer <verifier>`; a reference alone reveals
/// nothing, not even whether it exists, because references are read aloud on the phone.
#[utoipa::path(get, path = "/api/requests/{reference}", tag = "service finder",
    params(("reference" = String, Path, description = "The reference, like K7Q4-M2XP")),
    security(("verifier" = [])),
    responses(
        (status = 200, body = RequestStatus),
        (status = 404, body = advocate_domain::Problem, description = "No request matches this reference and verifier"),
    ))]
pub async fn request_status(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let stored = member_request(&state, &reference, &headers).await?;
    state.storage.record_audit_event(&member_event("request.status_viewed", &stored.reference)).await?;
    let bill_attached = !state.storage.bill_files(&stored.reference).await?.is_empty();
    let status = RequestStatus {
        reference: stored.reference,
        state: stored.state,
        service_title: stored.service_title,
        outreach: stored.outreach,
        submitted_at: stored.submitted_at,
        bill_attached,
    };
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(status)).into_response())
}

/// The request a member may see: the reference with its verifier (`Authorization: Bearer`).
/// A wrong verifier and an unknown reference are the same 404, so a guessed reference reveals
/// nothing.
pub(super) async fn member_request(state: &AppState, reference: &str, headers: &HeaderMap) -> Result<StoredRequest, ApiError> {
    let not_found = || ApiError::NotFound("No request matches this reference and code. Check both, or call an advocate.".into());
    let reference = Reference::parse(reference).map_err(|_| not_found())?;
    let verifier =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")).ok_or_else(not_found)?;
    let stored = state.storage.request(&reference).await?.ok_or_else(not_found)?;
    if !constant_time_eq(verifier_hash(verifier.trim(), &stored.verifier_salt).as_bytes(), stored.verifier_hash.as_bytes()) {
        return Err(not_found());
    }
    Ok(stored)
}

/// An audit event for something the member did to their own request, now.
pub(super) fn member_event(action: &str, reference: &Reference) -> AuditEvent {
    AuditEvent {
        occurred_at: now(),
        actor: "member".into(),
        action: action.into(),
        subject: reference.to_string(),
        request_id: current_request_id().unwrap_or_default(),
    }
}

fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let key = headers
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
        return Err(ApiError::BadRequest("The Idempotency-Key must be 16 to 200 characters: use a random value such as a UUID.".into()));
    }
    Ok(key.to_string())
}

/// The verifier is derived, not stored: from the idempotency key (known only to the member's
/// browser; stored only as a hash), the reference and a random salt. A retry can therefore
/// return the same verifier without the database ever holding it.
fn verifier_for(key_hash: &str, stored: &StoredRequest) -> String {
    sha256_hex(&["advocate-verifier", key_hash, &stored.reference.to_string(), &stored.verifier_salt])
}

fn verifier_hash(verifier: &str, salt: &str) -> String {
    sha256_hex(&["advocate-verifier-hash", verifier, salt])
}

pub(super) fn sha256_hex(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hex(&hasher.finalize())
}

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(super) fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the operating system provides randomness");
    bytes
}

pub(super) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
