//! A bill attached to a member's request, as the API shows it: the charges and their review,
//! the photos or PDFs of its pages, and when all of it will be deleted.

use crate::bill_review::{BillReviewRequest, Review};
use crate::request::Reference;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

/// Photos or PDFs one request can hold: a long bill photographed page by page fits.
pub const MAX_PAGES: usize = 20;

/// Days a bill is kept after it is attached, unless the deployment says otherwise.
pub const DEFAULT_RETENTION_DAYS: u32 = 90;

/// `GET /api/requests/{reference}/bill`: what is attached to a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachedBill {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "K7Q4-M2XP"))]
    pub reference: Reference,
    /// The charges and the answers about the care, with the server's review of them.
    pub review: Option<AttachedReview>,
    /// The photos or PDFs, oldest first.
    pub pages: Vec<BillPage>,
    /// When the bill and its pages are deleted, whatever happens to the request.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub delete_after: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachedReview {
    pub request: BillReviewRequest,
    pub review: Review,
}

/// One photo or PDF of the bill (its content is downloaded separately).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BillPage {
    pub id: i64,
    /// `application/pdf`, `image/png` or `image/jpeg`, decided by the content.
    pub media_type: String,
    pub bytes: u64,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub added_at: Timestamp,
}

impl AttachedBill {
    /// "12 charges and 2 photos or PDFs", for a confirmation.
    pub fn describe(&self) -> String {
        describe_parts(self.review.as_ref().map_or(0, |r| r.request.bill.lines.len()), None, self.pages.len())
    }
}

/// What a bill sent to an advocate holds, in words: "3 charges ($990.00) and 1 photo or PDF";
/// the total only when given; "nothing" when there is nothing.
pub fn describe_parts(charges: usize, total: Option<crate::money::Money>, pages: usize) -> String {
    let plural = |n: usize, one: &str, many: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
    let charges = (charges > 0).then(|| match total {
        Some(total) => format!("{} ({total})", plural(charges, "charge", "charges")),
        None => plural(charges, "charge", "charges"),
    });
    let pages = (pages > 0).then(|| plural(pages, "photo or PDF", "photos or PDFs"));
    match (charges, pages) {
        (Some(c), Some(p)) => format!("{c} and {p}"),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => "nothing".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bill::{Bill, BillLine};

    fn attached(lines: usize, pages: usize) -> AttachedBill {
        let bill = Bill { lines: vec![BillLine::default(); lines], ..Bill::default() };
        AttachedBill {
            reference: Reference::parse("K7Q4-M2XP").unwrap(),
            review: (lines > 0).then(|| AttachedReview {
                request: BillReviewRequest { bill, situation: Default::default(), zip: None },
                review: crate::bill_review::review(&Bill::default(), &Default::default(), &crate::bill_review::BillOnly),
            }),
            pages: (0..pages)
                .map(|i| BillPage { id: i as i64, media_type: "image/png".into(), bytes: 10, added_at: Timestamp::from_unix_seconds(0) })
                .collect(),
            delete_after: Timestamp::from_unix_seconds(0),
        }
    }

    #[test]
    fn says_what_is_attached_in_plain_words() {
        assert_eq!(attached(12, 2).describe(), "12 charges and 2 photos or PDFs");
        assert_eq!(attached(1, 0).describe(), "1 charge");
        assert_eq!(attached(0, 1).describe(), "1 photo or PDF");
        assert_eq!(attached(0, 0).describe(), "nothing");
        let total = Some(crate::money::Money::from_dollars(990));
        assert_eq!(describe_parts(3, total, 1), "3 charges ($990.00) and 1 photo or PDF");
    }
}
