//! The parts of a draft request kept in this browser's local storage until it is sent.

use crate::api::new_idempotency_key;
use advocate_domain::{ContactMethod, ContactTime, RequestReceipt};
use serde::{Deserialize, Serialize};

const ANSWERS_KEY: &str = "advocate.finder.answers";
const CONTACT_KEY: &str = "advocate.finder.contact";
const RECEIPTS_KEY: &str = "advocate.requests";

/// The request form as the member left it. The idempotency key is made once per draft, so a
/// retry after a lost connection can never create a second request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactDraft {
    pub name: String,
    pub method: ContactMethod,
    pub phone: String,
    pub email: String,
    pub best_time: ContactTime,
    pub consent: bool,
    pub notes: String,
    pub idempotency_key: String,
}

impl Default for ContactDraft {
    fn default() -> Self {
        Self {
            name: String::new(),
            method: ContactMethod::Phone,
            phone: String::new(),
            email: String::new(),
            best_time: ContactTime::Anytime,
            consent: false,
            notes: String::new(),
            idempotency_key: new_idempotency_key(),
        }
    }
}

/// A sent request as this browser remembers it, so the confirmation survives a reload and the
/// member can later check its status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedReceipt {
    pub receipt: RequestReceipt,
}

use crate::local_store::{read, remove, write};

pub fn save_last_answers(query: &str) {
    write(ANSWERS_KEY, &query);
}

pub fn load_last_answers() -> Option<String> {
    read(ANSWERS_KEY)
}

pub fn save_contact(contact: &ContactDraft) {
    write(CONTACT_KEY, contact);
}

pub fn load_contact() -> ContactDraft {
    read(CONTACT_KEY).unwrap_or_default()
}

/// After a request is sent, the draft is gone from this browser.
pub fn clear_draft() {
    remove(ANSWERS_KEY);
    remove(CONTACT_KEY);
}

pub fn save_receipt(receipt: &RequestReceipt) {
    let mut saved: Vec<SavedReceipt> = read(RECEIPTS_KEY).unwrap_or_default();
    saved.retain(|s| s.receipt.reference != receipt.reference);
    saved.push(SavedReceipt { receipt: receipt.clone() });
    write(RECEIPTS_KEY, &saved);
}

/// The requests sent from this browser, newest first.
pub fn saved_receipts() -> Vec<RequestReceipt> {
    let saved: Vec<SavedReceipt> = read(RECEIPTS_KEY).unwrap_or_default();
    saved.into_iter().rev().map(|s| s.receipt).collect()
}

pub fn load_receipt(reference: &str) -> Option<RequestReceipt> {
    let saved: Vec<SavedReceipt> = read(RECEIPTS_KEY)?;
    saved.into_iter().map(|s| s.receipt).find(|r| r.reference.to_string() == reference)
}
