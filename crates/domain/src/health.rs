//! Bodies of the liveness and readiness probes.

use serde::{Deserialize, Serialize};

/// `GET /healthz`: the process is up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: String,
}

/// `GET /readyz`: whether the server can serve requests that need the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Readiness {
    pub ready: bool,
    /// "sqlite" or "postgres".
    pub database: String,
    pub database_reachable: bool,
    /// Whether every migration bundled with this server has been applied.
    pub migrations_applied: bool,
    /// Programs that reading photos and PDFs of bills needs and this server lacks, each as
    /// "tesseract (Debian package tesseract-ocr)". The rest of the app works without them, so
    /// they do not make the server unready; uploads get a 503 saying bill reading is
    /// unavailable (issue 14: "works after the first command").
    #[serde(default)]
    pub missing_readers: Vec<String>,
    /// Whether the server has the second OCR reader's model (`--ocr-model`): without it, the digits of poor
    /// scans and faxes are read by tesseract alone, less well.
    #[serde(default)]
    pub second_ocr_reader: bool,
}
