//! The advocate console's API client. The session is an HttpOnly cookie the browser sends by
//! itself; every request that changes something also carries the session's CSRF token.

use crate::address::{base_path, with_query};
use crate::api::{ApiError, fetch_json_with, fetch_text_with};
use crate::json::to_json;
use advocate_domain::console::{Case, CaseQueue, LoginRequest, NewCaseNote, SessionInfo, StatusChange};
use advocate_domain::{NewRequest, RequestReceipt};

const CSRF: &str = "X-CSRF-Token";

/// `POST /api/session`: signs in.
pub async fn sign_in(email: &str, password: &str) -> Result<SessionInfo, ApiError> {
    let body = to_json(&LoginRequest { email: email.into(), password: password.into() });
    fetch_json_with("POST", "api/session", Some(&body), &[]).await
}

/// `GET /api/session`: the current session, if any (401 when signed out).
pub async fn session() -> Result<SessionInfo, ApiError> {
    fetch_json_with("GET", "api/session", None, &[]).await
}

/// `POST /api/session/keepalive`: stays signed in.
pub async fn keep_alive(csrf: &str) -> Result<SessionInfo, ApiError> {
    fetch_json_with("POST", "api/session/keepalive", None, &[(CSRF, csrf)]).await
}

/// `DELETE /api/session`: signs out.
pub async fn sign_out(csrf: &str) -> Result<(), ApiError> {
    fetch_text_with("DELETE", "api/session", None, &[(CSRF, csrf)]).await.map(|_| ())
}

/// `GET /api/console/requests`: the queue, most urgent first. A `background` reload (polling)
/// checks the session without counting as use, so an unattended console still signs out.
pub async fn queue(status: &str, area: &str, mine: bool, background: bool) -> Result<CaseQueue, ApiError> {
    let path = with_query("api/console/requests", [("status", status), ("area", area), ("mine", if mine { "true" } else { "" })]);
    let headers: &[(&str, &str)] = if background { &[("X-Advocate-Background", "1")] } else { &[] };
    fetch_json_with("GET", &path, None, headers).await
}

/// `GET /api/console/requests/{reference}`: the whole case (the read is audited).
pub async fn case(reference: &str) -> Result<Case, ApiError> {
    fetch_json_with("GET", &format!("api/console/requests/{reference}"), None, &[]).await
}

/// `GET /api/console/requests/{reference}/bill/pages/{id}`: a page of the attached bill, as the
/// address of a download (the browser sends the session's cookie; the read is audited).
pub fn bill_page_href(reference: &str, page: i64) -> String {
    format!("{}api/console/requests/{reference}/bill/pages/{page}", base_path())
}

/// `POST /api/console/requests/{reference}/assign`: takes the case.
pub async fn assign_to_me(reference: &str, csrf: &str) -> Result<(), ApiError> {
    fetch_text_with("POST", &format!("api/console/requests/{reference}/assign"), None, &[(CSRF, csrf)]).await.map(|_| ())
}

/// `POST /api/console/requests/{reference}/status`.
pub async fn change_status(reference: &str, change: &StatusChange, csrf: &str) -> Result<(), ApiError> {
    let body = to_json(change);
    fetch_text_with("POST", &format!("api/console/requests/{reference}/status"), Some(&body), &[(CSRF, csrf)]).await.map(|_| ())
}

/// `POST /api/console/requests/{reference}/notes`.
pub async fn add_note(reference: &str, note: &NewCaseNote, csrf: &str) -> Result<(), ApiError> {
    let body = to_json(note);
    fetch_text_with("POST", &format!("api/console/requests/{reference}/notes"), Some(&body), &[(CSRF, csrf)]).await.map(|_| ())
}

/// Whether an error means "not signed in" (the session ended or never began).
pub fn is_signed_out(error: &ApiError) -> bool {
    matches!(error, ApiError::Problem(problem) if problem.status == 401)
}

/// `POST /api/console/requests`: opens a request for a caller, with the consent they gave on
/// the call; a retry with the same key opens nothing new.
pub async fn open_request(request: &NewRequest, idempotency_key: &str, csrf: &str) -> Result<RequestReceipt, ApiError> {
    let body = to_json(request);
    fetch_json_with("POST", "api/console/requests", Some(&body), &[(CSRF, csrf), ("Idempotency-Key", idempotency_key)]).await
}
