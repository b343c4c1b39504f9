//! `Valid<T>`: a JSON body read into a domain type and checked by the domain's rules before the
//! handler runs. A body that does not read, or breaks a rule, is one 422 problem listing each
//! field with what to fix; a body over the route's limit is a 413 problem.

use super::error::ApiError;
use crate::state::AppState;
use advocate_domain::FieldError;
use advocate_domain::bill_review::BillReviewRequest;
use advocate_domain::console::{LoginRequest, NewCaseNote, StatusChange};
use advocate_domain::{NewRequest, catalog};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, StatusCode, header};
use serde::de::DeserializeOwned;

/// A body the domain checks.
pub trait Checked: DeserializeOwned {
    /// What the body is, in a message about one that does not read: "The request could not be read".
    const NAME: &'static str;

    /// Every rule the body breaks, each naming its field: the domain's `problems()`, with any
    /// that only the server's data can tell.
    fn problems(&self, state: &AppState) -> Vec<FieldError>;

    /// What to say of a body over the route's limit.
    fn too_large() -> String {
        format!("The {} is too large. Send less at once.", Self::NAME)
    }
}

/// A body that read as `T` and breaks none of its rules.
#[derive(Debug)]
pub struct Valid<T>(pub T);

impl<T: Checked> FromRequest<AppState> for Valid<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, ApiError> {
        let unreadable = |why: &str| ApiError::Invalid {
            detail: format!("The {} could not be read: {why}. Send it as JSON in the documented shape (see /api/openapi.json).", T::NAME),
            errors: Vec::new(),
        };
        // Read first, so that a body over the limit is refused as such whatever it claims to be.
        let json = is_json(request.headers());
        let body = Bytes::from_request(request, state).await.map_err(|rejection| match rejection.status() {
            StatusCode::PAYLOAD_TOO_LARGE => ApiError::TooLarge(T::too_large()),
            _ => unreadable(&rejection.body_text()),
        })?;
        if !json {
            return Err(unreadable("it was not sent as Content-Type: application/json"));
        }
        let Json(value) = Json::<T>::from_bytes(&body).map_err(|rejection| unreadable(&rejection.body_text()))?;
        let problems = value.problems(state);
        if !problems.is_empty() {
            return Err(ApiError::invalid(problems));
        }
        Ok(Valid(value))
    }
}

/// Whether the body says it is JSON (`application/json`, or a `+json` type). A browser's form
/// cannot send that to another site, so a JSON body is never a forged form.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(essence) = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).and_then(|v| v.split(';').next()) else {
        return false;
    };
    let essence = essence.trim().to_ascii_lowercase();
    essence.strip_prefix("application/").is_some_and(|subtype| subtype == "json" || subtype.ends_with("+json"))
}

impl Checked for NewRequest {
    const NAME: &'static str = "request";

    fn problems(&self, _state: &AppState) -> Vec<FieldError> {
        NewRequest::problems(self, &catalog())
    }
}

impl Checked for BillReviewRequest {
    const NAME: &'static str = "bill";

    fn problems(&self, state: &AppState) -> Vec<FieldError> {
        let mut errors: Vec<FieldError> =
            BillReviewRequest::problems(self).into_iter().map(|(field, message)| FieldError { field, message }).collect();
        if let Some(zip) = self.zip.filter(|zip| !state.prices.knows_zip(*zip)) {
            errors.push(FieldError {
                field: "zip".into(),
                message: format!("We could not find ZIP code {zip}. Check the five digits, or leave it out."),
            });
        }
        errors
    }

    fn too_large() -> String {
        "This bill is too long to send at once: split a very long bill into parts.".into()
    }
}

impl Checked for StatusChange {
    const NAME: &'static str = "status change";

    fn problems(&self, _state: &AppState) -> Vec<FieldError> {
        StatusChange::problems(self)
    }
}

impl Checked for NewCaseNote {
    const NAME: &'static str = "note";

    fn problems(&self, _state: &AppState) -> Vec<FieldError> {
        NewCaseNote::problems(self)
    }
}

impl Checked for LoginRequest {
    const NAME: &'static str = "sign-in";

    /// None: a wrong email or password is the sign-in's own 401, alike for every way it is wrong.
    fn problems(&self, _state: &AppState) -> Vec<FieldError> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_json_content_type_is_json() {
        let with = |value: &str| HeaderMap::from_iter([(header::CONTENT_TYPE, value.parse().unwrap())]);
        assert!(is_json(&with("application/json")));
        assert!(is_json(&with("application/json; charset=utf-8")));
        assert!(is_json(&with("Application/Problem+JSON")));
        assert!(!is_json(&with("text/plain")));
        assert!(!is_json(&with("application/x-www-form-urlencoded")));
        assert!(!is_json(&HeaderMap::new()));
    }
}
