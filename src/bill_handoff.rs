//! The bill a member chose to send to an advocate, carried from the bill page to the request's
//! confirmation, where it is attached. Held in memory only: the charges are health information
//! and are not written to this device's storage, so a reload forgets them.

use advocate_domain::bill_attachment::describe_parts;
use advocate_domain::bill_review::BillReviewRequest;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct BillHandoff {
    /// The charges and answers as last checked.
    review: RwSignal<Option<BillReviewRequest>>,
    /// The photos or PDFs of the bill's pages, as the member chose them (browser objects).
    pages: RwSignal<Vec<web_sys::File>, LocalStorage>,
}

impl BillHandoff {
    pub fn provide() {
        provide_context(BillHandoff { review: RwSignal::new(None), pages: RwSignal::new_local(Vec::new()) });
    }

    pub fn get() -> Self {
        expect_context()
    }

    pub fn set(&self, review: Option<BillReviewRequest>, pages: Vec<web_sys::File>) {
        self.review.set(review);
        self.pages.set(pages);
    }

    pub fn clear(&self) {
        self.set(None, Vec::new());
    }

    pub fn review(&self) -> Option<BillReviewRequest> {
        self.review.get_untracked()
    }

    pub fn pages(&self) -> Vec<web_sys::File> {
        self.pages.get_untracked()
    }

    /// "3 charges ($990.00) and 1 photo or PDF", or None when there is nothing to send.
    pub fn summary(&self) -> Option<String> {
        let (charges, total) =
            self.review.with(|review| review.as_ref().map_or((0, None), |r| (r.bill.lines.len(), Some(r.bill.lines_total()))));
        let pages = self.pages.with(Vec::len);
        (charges > 0 || pages > 0).then(|| describe_parts(charges, total, pages))
    }
}
