//! The advocate console's API under `/api/console`: the queue, a case, assigning it, changing its
//! state, notes, a bill's pages, and (supervisors) the audit trail. Every endpoint needs an
//! advocate's session (`AdvocateSession`), and a CSRF token for changes; every read of a case
//! is audited before anything is shown, every change is audited in its own transaction.
//!
//! New requests reach the console by polling: the SPA reloads the queue every
//! `QUEUE_POLL_SECONDS` (15 s) with `X-Advocate-Background: 1`, which does not extend the session.

use super::attached_bills::page_download;
use super::error::ApiError;
use super::requests::{IdempotencyKey, created};
use super::session::{AdvocateSession, Supervisor};
use super::valid::Valid;
use crate::audit::Actor;
use crate::clock::now;
use crate::requests::{self, Opener};
use crate::sealed_records::{open_answers, open_note, open_status_note, seal_note, seal_status_note};
use crate::state::AppState;
use crate::storage::{BillFileKind, QueueEntry, QueueFilter, StoredStatusChange};
use advocate_domain::console::{
    AdvocateName, AuditEntry, AuditTrail, Case, CaseNote, CaseQueue, CaseSummary, NewCaseNote, QUEUE_POLL_SECONDS, StatusChange,
    StatusHistoryEntry, check_state_change, is_open, is_overdue,
};
use advocate_domain::{FieldError, NewRequest, Reference, RequestState, Routing, ServiceArea, Timestamp};
use axum::{
    Json,
    extract::{Path, Query, State, rejection::QueryRejection},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use std::collections::HashMap;

/// The most requests one queue answer holds (the most urgent).
pub const QUEUE_MAX: usize = 500;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// new, in_progress, waiting_on_member, resolved or routed_to_carrier. Without it: the open
    /// ones (new, in progress, waiting on the member).
    status: Option<String>,
    /// A service area's slug, e.g. costs-and-bills.
    area: Option<String>,
    /// true: only the requests assigned to me.
    mine: Option<bool>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// A request's reference (K7Q4-M2XP), or an advocate as advocate:ID.
    subject: String,
}

/// Every state's slug, as a choice: "new, in_progress, … or routed_to_carrier".
fn state_slugs() -> String {
    let slugs: Vec<&str> = RequestState::ALL.iter().map(|s| s.slug()).collect();
    let (last, rest) = slugs.split_last().expect("there are states");
    format!("{} or {last}", rest.join(", "))
}

fn not_found() -> ApiError {
    ApiError::NotFound("There is no request with this reference.".into())
}

fn parse_reference(reference: &str) -> Result<Reference, ApiError> {
    Reference::parse(reference).map_err(|_| not_found())
}

fn summary(request: &QueueEntry, now: Timestamp) -> CaseSummary {
    CaseSummary {
        reference: request.reference.clone(),
        service_id: request.service_id.clone(),
        service_title: request.service_title.clone(),
        area: request.area.clone(),
        handler: request.handler,
        state: request.state,
        submitted_at: request.submitted_at,
        outreach: request.outreach,
        overdue: is_overdue(request.state, &request.outreach, now),
        assigned_to: request.assigned_to.as_ref().map(|(id, name)| AdvocateName { id: *id, name: name.clone() }),
    }
}

/// The queue: overdue requests first (still new after their promised outreach), then by the
/// promised outreach, soonest first. Poll it every `poll_seconds` for new requests.
#[utoipa::path(get, path = "/api/console/requests", tag = "advocate console", security(("advocate_session" = [])),
    params(QueueQuery, ("X-Advocate-Background" = Option<String>, Header, description = "Any value, when polling: check the session without extending it")),
    responses(
        (status = 200, body = CaseQueue),
        (status = 401, body = advocate_domain::Problem, description = "Not signed in"),
        (status = 422, body = advocate_domain::Problem, description = "An unknown status or area"),
    ))]
pub async fn queue(
    State(state): State<AppState>,
    session: AdvocateSession,
    query: Result<Query<QueueQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(query) = query.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let mut problems = Vec::new();
    let states = match query.status.as_deref() {
        None | Some("") => RequestState::ALL.into_iter().filter(|s| is_open(*s)).collect(),
        Some(slug) => match RequestState::from_slug(slug) {
            Some(state) => vec![state],
            None => {
                problems.push(FieldError { field: "status".into(), message: format!("Choose {}.", state_slugs()) });
                Vec::new()
            }
        },
    };
    let area = query.area.filter(|a| !a.is_empty());
    if let Some(area) = &area
        && ServiceArea::from_slug(area).is_none()
    {
        problems.push(FieldError { field: "area".into(), message: "Choose one of the service areas.".into() });
    }
    if !problems.is_empty() {
        return Err(ApiError::invalid(problems));
    }
    let filter =
        QueueFilter { states, area, assigned_to: query.mine.unwrap_or(false).then_some(session.advocate.id), limit: QUEUE_MAX + 1 };
    let mut rows = state.storage.queue(&filter).await?;
    let truncated = rows.len() > QUEUE_MAX;
    rows.truncate(QUEUE_MAX);
    let as_of = now();
    let mut requests: Vec<CaseSummary> = rows.iter().map(|row| summary(row, as_of)).collect();
    requests.sort_by(CaseSummary::queue_order);
    Ok(Json(CaseQueue { requests, as_of, truncated, poll_seconds: QUEUE_POLL_SECONDS }).into_response())
}

/// A case: the member's answers and contact details, the routing, the state and its history,
/// the notes, and the attached bill with its review. Each view is audited ("case.viewed")
/// before it is answered.
#[utoipa::path(get, path = "/api/console/requests/{reference}", tag = "advocate console", security(("advocate_session" = [])),
    params(("reference" = String, Path, description = "The request's reference")),
    responses(
        (status = 200, body = Case),
        (status = 401, body = advocate_domain::Problem, description = "Not signed in"),
        (status = 404, body = advocate_domain::Problem, description = "No such request"),
    ))]
pub async fn case(State(state): State<AppState>, session: AdvocateSession, Path(reference): Path<String>) -> Result<Response, ApiError> {
    let reference = parse_reference(&reference)?;
    let queued = state.storage.queued_request(&reference).await?.ok_or_else(not_found)?;
    state.storage.record_audit_event(&session.event("case.viewed", &reference)).await?;
    let notes = state.storage.case_notes(&reference).await?;
    let changes = state.storage.status_changes(&reference).await?;
    let bill = crate::attached_bills::load(&state, &reference).await?;
    let request = &queued.request;
    let mut history = vec![StatusHistoryEntry {
        from: None,
        to: RequestState::initial(request.handler),
        by: None,
        at: request.submitted_at,
        note: None,
        handoff: None,
    }];
    for c in changes {
        history.push(StatusHistoryEntry {
            from: Some(c.from),
            to: c.to,
            at: c.changed_at,
            note: open_status_note(&state.sealing, &reference, &c)?,
            by: Some(AdvocateName { id: c.advocate_id, name: c.advocate_name }),
            handoff: c.handoff,
        });
    }
    let mut opened_notes = Vec::with_capacity(notes.len());
    for n in notes {
        opened_notes.push(CaseNote {
            text: open_note(&state.sealing, &reference, &n)?,
            id: n.id,
            author: AdvocateName { id: n.advocate_id, name: n.advocate_name },
            created_at: n.created_at,
        });
    }
    let case = Case {
        summary: summary(&queued.entry(), now()),
        request: open_answers(&state.sealing, request)?,
        routing: Routing { handler: request.handler, reason: request.routing_reason.clone() },
        notes: opened_notes,
        history,
        bill,
    };
    Ok(Json(case).into_response())
}

/// The request as the queue shows it, after a change.
async fn current_summary(state: &AppState, reference: &Reference) -> Result<Response, ApiError> {
    let queued = state.storage.queued_request(reference).await?.ok_or_else(not_found)?;
    Ok(Json(summary(&queued.entry(), now())).into_response())
}

/// Assigns the case to the signed-in advocate (taking it over from whoever had it).
#[utoipa::path(post, path = "/api/console/requests/{reference}/assign", tag = "advocate console", security(("advocate_session" = [])),
    params(("reference" = String, Path, description = "The request's reference"),
           ("X-CSRF-Token" = String, Header, description = "The session's csrf_token")),
    responses(
        (status = 200, body = CaseSummary, description = "Assigned to me"),
        (status = 401, body = advocate_domain::Problem, description = "Not signed in"),
        (status = 403, body = advocate_domain::Problem, description = "CSRF token missing or wrong"),
        (status = 404, body = advocate_domain::Problem, description = "No such request"),
    ))]
pub async fn assign(State(state): State<AppState>, session: AdvocateSession, Path(reference): Path<String>) -> Result<Response, ApiError> {
    let reference = parse_reference(&reference)?;
    let audit = session.event("case.assigned", &reference);
    if !state.storage.assign_request(&reference, session.advocate.id, &audit).await? {
        return Err(not_found());
    }
    current_summary(&state, &reference).await
}

/// Moves the case to another state, with an optional note kept in its history. Any state but
/// back to new; the same state is refused too.
#[utoipa::path(post, path = "/api/console/requests/{reference}/status", tag = "advocate console", security(("advocate_session" = [])),
    params(("reference" = String, Path, description = "The request's reference"),
           ("X-CSRF-Token" = String, Header, description = "The session's csrf_token")),
    request_body = StatusChange,
    responses(
        (status = 200, body = CaseSummary, description = "Changed"),
        (status = 401, body = advocate_domain::Problem, description = "Not signed in"),
        (status = 403, body = advocate_domain::Problem, description = "CSRF token missing or wrong"),
        (status = 404, body = advocate_domain::Problem, description = "No such request"),
        (status = 409, body = advocate_domain::Problem, description = "Someone changed the case meanwhile: reload it"),
        (status = 422, body = advocate_domain::Problem, description = "A change that is not allowed, or a note too long"),
    ))]
pub async fn change_status(
    State(state): State<AppState>,
    session: AdvocateSession,
    Path(reference): Path<String>,
    Valid(change): Valid<StatusChange>,
) -> Result<Response, ApiError> {
    let reference = parse_reference(&reference)?;
    let stored = state.storage.request(&reference).await?.ok_or_else(not_found)?;
    check_state_change(stored.state, change.state)
        .map_err(|e| ApiError::invalid(vec![FieldError { field: "state".into(), message: e.to_string() }]))?;
    let changed_at = now();
    let note = change.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let record = StoredStatusChange {
        from: stored.state,
        to: change.state,
        advocate_id: session.advocate.id,
        advocate_name: session.advocate.name.clone(),
        note: note.map(|n| seal_status_note(&state.sealing, &reference, session.advocate.id, changed_at, n)),
        handoff: change.handoff,
        changed_at,
    };
    let action = if change.handoff.is_some() { "case.handed_off" } else { "case.status_changed" };
    let audit = session.event(action, &reference);
    if !state.storage.change_state(&reference, &record, &audit).await? {
        return Err(ApiError::Conflict("Someone changed this case's state meanwhile. Reload it and try again.".into()));
    }
    current_summary(&state, &reference).await
}

/// Adds a note to the case. Notes are never changed or deleted: a correction is a new note.
#[utoipa::path(post, path = "/api/console/requests/{reference}/notes", tag = "advocate console", security(("advocate_session" = [])),
    params(("reference" = String, Path, description = "The request's reference"),
           ("X-CSRF-Token" = String, Header, description = "The session's csrf_token")),
    request_body = NewCaseNote,
    responses(
        (status = 201, body = CaseNote, description = "Added"),
        (status = 401, body = advocate_domain::Problem, description = "Not signed in"),
        (status = 403, body = advocate_domain::Problem, description = "CSRF token missing or wrong"),
        (status = 404, body = advocate_domain::Problem, description = "No such request"),
        (status = 422, body = advocate_domain::Problem, description = "An empty or too long note"),
    ))]
pub async fn add_note(
    State(state): State<AppState>,
    session: AdvocateSession,
    Path(reference): Path<String>,
    Valid(note): Valid<NewCaseNote>,
) -> Result<Response, ApiError> {
    let reference = parse_reference(&reference)?;
    state.storage.request(&reference).await?.ok_or_else(not_found)?;
    let created_at = now();
    let audit = session.event("case.note_added", &reference);
    let sealed = seal_note(&state.sealing, &reference, session.advocate.id, created_at, &note.text);
    let id = state.storage.add_case_note(&reference, session.advocate.id, &sealed, created_at, &audit).await?;
    let note =
        CaseNote { id, author: AdvocateName { id: session.advocate.id, name: session.advocate.name.clone() }, text: note.text, created_at };
    Ok((StatusCode::CREATED, Json(note)).into_response())
}

/// One photo or PDF of the case's bill, as a download (audited "bill.page_downloaded").
#[utoipa::path(get, path = "/api/console/requests/{reference}/bill/pages/{id}", tag = "advocate console", security(("advocate_session" = [])),
    params(("reference" = String, Path, description = "The request's reference"), ("id" = i64, Path, description = "The page's id")),
    responses(
        (status = 200, description = "The file, as an attachment", content_type = "application/octet-stream"),
        (status = 401, body = advocate_domain::Problem, description = "Not signed in"),
        (status = 404, body = advocate_domain::Problem, description = "No such request or page"),
    ))]
pub async fn bill_page(
    State(state): State<AppState>,
    session: AdvocateSession,
    Path((reference, id)): Path<(String, i64)>,
) -> Result<Response, ApiError> {
    let reference = parse_reference(&reference)?;
    let sealed = state
        .storage
        .sealed_bill_file(&reference, id)
        .await?
        .filter(|f| f.info.kind == BillFileKind::Page)
        .ok_or_else(|| ApiError::NotFound("This request has no such page of a bill.".into()))?;
    state.storage.record_audit_event(&session.event("bill.page_downloaded", &reference)).await?;
    page_download(&state, &reference, &sealed)
}

/// The audit trail of a request (or of an advocate, `advocate:ID`), oldest first: who saw or
/// changed what, and when. Supervisors only; reading it is audited too ("audit.viewed").
#[utoipa::path(get, path = "/api/console/audit", tag = "advocate console", security(("advocate_session" = [])), params(AuditQuery),
    responses(
        (status = 200, body = AuditTrail),
        (status = 401, body = advocate_domain::Problem, description = "Not signed in"),
        (status = 403, body = advocate_domain::Problem, description = "Not a supervisor"),
    ))]
pub async fn audit(
    State(state): State<AppState>,
    Supervisor(session): Supervisor,
    query: Result<Query<AuditQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(query) = query.map_err(|_| ApiError::BadRequest("Name the subject: ?subject=K7Q4-M2XP or ?subject=advocate:3".into()))?;
    // A reference however it was typed ("k7q4m2xp") is looked up as stored.
    let subject = Reference::parse(&query.subject).map_or_else(|_| query.subject.trim().to_string(), |r| r.to_string());
    state.storage.record_audit_event(&session.event("audit.viewed", &subject)).await?;
    let names: HashMap<Actor, String> = state.storage.advocates().await?.into_iter().map(|a| (Actor::Advocate(a.id), a.name)).collect();
    let events = state
        .storage
        .audit_trail(&subject)
        .await?
        .into_iter()
        .map(|e| AuditEntry {
            actor_name: names.get(&e.actor).cloned(),
            occurred_at: e.occurred_at,
            actor: e.actor.to_string(),
            action: e.action,
            subject: e.subject,
            request_id: e.request_id,
        })
        .collect();
    Ok(Json(AuditTrail { subject, events }).into_response())
}

/// Opens a request on a caller's behalf during a call: the same answers, rules and
/// `Idempotency-Key` as the member's own `POST /api/requests`; `consent_to_contact` records the
/// consent the caller gave on the phone. Audited as "request.created_on_call" by the advocate,
/// who takes the case.
#[utoipa::path(post, path = "/api/console/requests", tag = "advocate console", security(("advocate_session" = [])),
    request_body = advocate_domain::NewRequest,
    params(("Idempotency-Key" = String, Header, description = "A random value, the same for every retry"), ("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses(
        (status = 201, body = advocate_domain::RequestReceipt),
        (status = 401, body = advocate_domain::Problem, description = "Not signed in"),
        (status = 403, body = advocate_domain::Problem, description = "CSRF token missing or wrong"),
        (status = 422, body = advocate_domain::Problem, description = "Answers that need fixing, each named"),
    ))]
pub async fn open_on_call(
    State(state): State<AppState>,
    session: AdvocateSession,
    axum::extract::OriginalUri(uri): axum::extract::OriginalUri,
    IdempotencyKey(key): IdempotencyKey,
    Valid(request): Valid<NewRequest>,
) -> Result<Response, ApiError> {
    let receipt = requests::open(&state, &key, &request, Opener::AdvocateOnCall(session.advocate.id)).await?;
    Ok(created(&uri, receipt))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_status_is_answered_with_every_state() {
        assert_eq!(state_slugs(), "new, awaiting_handoff, in_progress, waiting_on_member, resolved or routed_to_carrier");
    }
}
