//! RFC 9457 problem details: the one shape every API error takes.

use serde::{Deserialize, Serialize};

/// An API error body (`application/problem+json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// A URI naming the kind of problem; "about:blank" when the status says it all.
    #[serde(rename = "type", default = "about_blank")]
    pub kind: String,
    /// A short summary that does not change between occurrences.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong this time and what to do about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The request this answers; the same id is in the server's logs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Each field that needs fixing, for invalid input.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

fn about_blank() -> String {
    "about:blank".to_string()
}

/// One field of a request that needs fixing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's name as it appears in the request, e.g. "zip" or "contact.phone".
    pub field: String,
    /// What to fix, in words a member understands.
    pub message: String,
}

/// A rule's message ("enter a 5-digit ZIP code…") as a sentence beside a field: capitalised,
/// with one full stop.
pub fn as_sentence(text: &str) -> String {
    let mut chars = text.chars();
    let first: String = chars.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
    format!("{first}{}.", chars.as_str().trim_end_matches('.'))
}

impl Problem {
    pub fn new(status: u16, title: impl Into<String>) -> Self {
        Self { kind: about_blank(), title: title.into(), status, detail: None, request_id: None, errors: Vec::new() }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}
