//! The one error type of the API, answered as RFC 9457 problem details stamped with the request
//! id that ties a problem a member reports to the server's log lines.

use crate::request_id::current_request_id;
use advocate_domain::{FieldError, Problem};
use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("not found: {0}")]
    NotFound(String),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("invalid input")]
    Invalid { detail: String, errors: Vec<FieldError> },
    #[error("too large: {0}")]
    TooLarge(String),
    /// No valid session, or a sign-in that failed: 401.
    #[error("unauthorized: {title}")]
    Unauthorized { title: &'static str, detail: String },
    /// Signed in, but not allowed (wrong role, missing CSRF token): 403.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// The thing changed meanwhile: 409.
    #[error("conflict: {0}")]
    Conflict(String),
    /// Too many attempts: 429 with `Retry-After`.
    #[error("too many requests")]
    TooManyRequests { detail: String, retry_after_seconds: u64 },
    /// The server is at its limit for expensive work (reading bills): 503 with `Retry-After`.
    #[error("busy")]
    Busy { detail: String, retry_after_seconds: u64 },
    /// The disk is nearly full: 507.
    #[error("insufficient storage")]
    InsufficientStorage(String),
    #[error(transparent)]
    Internal(anyhow::Error),
}

impl From<crate::storage::StorageError> for ApiError {
    fn from(error: crate::storage::StorageError) -> Self {
        ApiError::from(anyhow::Error::from(error))
    }
}

impl From<anyhow::Error> for ApiError {
    /// Any failure, however deep in its chain the database's is: a database that is away or
    /// has every connection busy is not a bug here, and worth another try in a moment (a
    /// request sent again with its key is not filed twice); anything else is ours.
    fn from(error: anyhow::Error) -> Self {
        if error.chain().any(database_did_not_answer) {
            tracing::error!(error = format!("{error:#}"), "the database did not answer");
            return ApiError::Busy {
                detail: "The database did not answer in time. Please try again in a few seconds.".into(),
                retry_after_seconds: DATABASE_RETRY_SECONDS,
            };
        }
        ApiError::Internal(error)
    }
}

/// Whether a cause is the database not answering: every connection busy past the wait, the
/// pool closed, or the connection lost.
fn database_did_not_answer(cause: &(dyn std::error::Error + 'static)) -> bool {
    use crate::storage::StorageError;
    let unanswered = |e: &sqlx::Error| matches!(e, sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_));
    match (cause.downcast_ref::<StorageError>(), cause.downcast_ref::<sqlx::Error>()) {
        (Some(StorageError::Database(e)), _) | (_, Some(e)) => unanswered(e),
        _ => false,
    }
}

/// How long a member is asked to wait when the database did not answer.
const DATABASE_RETRY_SECONDS: u64 = 2;

impl ApiError {
    /// Invalid input: each field with what to fix; the detail says it all in one line.
    pub fn invalid(errors: Vec<FieldError>) -> Self {
        let detail = errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" ");
        ApiError::Invalid { detail, errors }
    }

    fn problem(&self) -> Problem {
        match self {
            ApiError::NotFound(what) => Problem::new(404, "Not found").with_detail(what.clone()),
            ApiError::BadRequest(detail) => Problem::new(400, "Bad request").with_detail(detail.clone()),
            ApiError::TooLarge(detail) => Problem::new(413, "Too large").with_detail(detail.clone()),
            ApiError::Unauthorized { title, detail } => Problem::new(401, *title).with_detail(detail.clone()),
            ApiError::Forbidden(detail) => Problem::new(403, "Not allowed").with_detail(detail.clone()),
            ApiError::Conflict(detail) => Problem::new(409, "Changed meanwhile").with_detail(detail.clone()),
            ApiError::TooManyRequests { detail, .. } => Problem::new(429, "Too many attempts").with_detail(detail.clone()),
            ApiError::Busy { detail, .. } => Problem::new(503, "Busy right now").with_detail(detail.clone()),
            ApiError::InsufficientStorage(detail) => Problem::new(507, "No room for files right now").with_detail(detail.clone()),
            ApiError::Invalid { detail, errors } => {
                let mut problem = Problem::new(422, "Some answers need fixing").with_detail(detail.clone());
                problem.errors = errors.clone();
                problem
            }
            ApiError::Internal(_) => Problem::new(500, "Something went wrong on our side")
                .with_detail("Please try again in a minute. If it keeps happening, call an advocate and give them the request id."),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(error) = &self {
            // The error chain names what failed, never the member data involved.
            tracing::error!(error = format!("{error:#}"), "request failed");
        }
        let mut response = problem_response(self.problem());
        if let ApiError::TooManyRequests { retry_after_seconds, .. } | ApiError::Busy { retry_after_seconds, .. } = &self {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_seconds));
        }
        response
    }
}

/// A problem as an HTTP response, stamped with the current request id.
pub fn problem_response(mut problem: Problem) -> Response {
    problem.request_id = current_request_id();
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(&problem).expect("a problem serialises");
    let mut response = (status, body).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_that_does_not_answer_is_a_503_to_retry_and_any_other_database_error_a_500() {
        let busy = ApiError::from(crate::storage::StorageError::Database(sqlx::Error::PoolTimedOut)).into_response();
        assert_eq!(busy.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(busy.headers().get(header::RETRY_AFTER).and_then(|v| v.to_str().ok()), Some("2"));
        let bug = ApiError::from(crate::storage::StorageError::Database(sqlx::Error::RowNotFound)).into_response();
        assert_eq!(bug.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn a_database_that_does_not_answer_under_a_context_is_still_a_503() {
        use anyhow::Context;
        let timed_out: Result<(), _> = Err(crate::storage::StorageError::Database(sqlx::Error::PoolTimedOut));
        let busy = ApiError::from(timed_out.context("cannot file the request").unwrap_err()).into_response();
        assert_eq!(busy.status(), StatusCode::SERVICE_UNAVAILABLE);
        let lost: Result<(), _> = Err(sqlx::Error::Io(std::io::Error::from(std::io::ErrorKind::ConnectionReset)));
        assert_eq!(
            ApiError::from(lost.context("cannot read the queue").unwrap_err()).into_response().status(),
            StatusCode::SERVICE_UNAVAILABLE
        );
        let bug: Result<(), _> = Err(crate::storage::StorageError::Corrupt("a field".into()));
        assert_eq!(ApiError::from(bug.context("cannot read").unwrap_err()).into_response().status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
