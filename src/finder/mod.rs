//! The service finder's state. The answers live in the URL (so back, reload and a link an
//! advocate sends all open at the same step, filled in), and a copy of the draft, with the
//! contact details that never go in a URL, stays in this browser's local storage until the
//! request is sent.

mod answers;
mod draft;

pub use answers::{Answers, input_id};
pub use draft::{
    ContactDraft, SavedReceipt, clear_draft, load_contact, load_last_answers, load_receipt, save_contact, save_last_answers, save_receipt,
    saved_receipts,
};
