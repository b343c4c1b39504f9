//! The estimate page's state: the ZIP code, the procedure and a second ZIP code to compare, all
//! in the URL, so a result can be shared, bookmarked and reloaded. The last ZIP code typed is
//! also remembered in this browser, so the next visit starts with it.

use crate::address::{app_path, with_query};
use advocate_domain::Zip;
use advocate_domain::estimate::ZIP_NEEDED;
use leptos_router::params::ParamsMap;

const ZIP_KEY: &str = "advocate.estimate.zip";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EstimateQuery {
    /// As typed, so a reload shows what was written.
    pub zip: String,
    /// A catalog procedure's id.
    pub service: Option<String>,
    /// A second ZIP code, as typed.
    pub compare: String,
}

impl EstimateQuery {
    pub fn from_query(query: &ParamsMap) -> Self {
        Self {
            zip: query.get("zip").unwrap_or_default(),
            service: query.get("service").filter(|s| !s.is_empty()),
            compare: query.get("compare").unwrap_or_default(),
        }
    }

    /// The page's address with this state: "/estimate?zip=10001&service=mri-knee".
    pub fn href(&self) -> String {
        let pairs =
            [("zip", self.zip.trim()), ("service", self.service.as_deref().unwrap_or_default().trim()), ("compare", self.compare.trim())];
        app_path(&with_query("/estimate", pairs))
    }

    pub fn zip(&self) -> Option<Zip> {
        Zip::parse(&self.zip).ok()
    }

    pub fn compare_zip(&self) -> Option<Zip> {
        Zip::parse(&self.compare).ok()
    }

    /// What to say beside the ZIP field: why the text cannot be a ZIP code, or, when a
    /// procedure is chosen without one, that it is needed (nothing can be priced otherwise).
    pub fn zip_message(&self) -> Option<String> {
        let needed = self.service.is_some() && self.zip.trim().is_empty();
        zip_error(&self.zip).or_else(|| needed.then(|| ZIP_NEEDED.to_string()))
    }
}

/// What to say beside a ZIP field: nothing while it is empty or still being typed, else the
/// domain's own reason.
pub fn zip_error(text: &str) -> Option<String> {
    let text = text.trim();
    let still_typing = text.len() < 5 && text.bytes().all(|b| b.is_ascii_digit());
    if text.is_empty() || still_typing {
        return None;
    }
    Zip::parse(text).err().map(|e| e.to_string())
}

pub fn remember_zip(zip: Zip) {
    crate::local_store::write(ZIP_KEY, &zip.to_string());
}

pub fn remembered_zip() -> Option<String> {
    crate::local_store::read::<String>(ZIP_KEY).filter(|zip| Zip::parse(zip).is_ok())
}
