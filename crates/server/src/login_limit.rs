//! Failed sign-ins, counted in the database so that every server behind a load balancer sees the
//! same counts, and limited by `advocate_domain::sign_in_limits`: strictly per email from one
//! address and per address, only as a slow-down per email, so that nobody elsewhere can lock an
//! advocate out. A failure counts against three keys, each a labelled hash: the table holds no
//! email address.

use crate::secrets::sha256_hex;
use crate::storage::{Storage, StorageError};
use advocate_domain::Timestamp;
use advocate_domain::sign_in_limits::{RecentFailures, SignInGate, WINDOW_SECONDS};
use std::net::IpAddr;

/// The keys one attempt counts against: the email from the address, the address, the email.
pub struct SignInKeys {
    email_from_address: String,
    address: String,
    email: String,
}

impl SignInKeys {
    /// `email` normalised; `address` as `ClientLimits::client_address` tells it.
    pub fn new(email: &str, address: Option<IpAddr>) -> Self {
        let address = address.map_or_else(|| "unknown".to_string(), |a| a.to_string());
        Self {
            email_from_address: sha256_hex(&["sign-in-failure:email-from-address", email, &address]),
            address: sha256_hex(&["sign-in-failure:address", &address]),
            email: sha256_hex(&["sign-in-failure:email", email]),
        }
    }

    fn all(&self) -> [String; 3] {
        [self.email_from_address.clone(), self.address.clone(), self.email.clone()]
    }
}

/// Whether an attempt may go ahead now, after a wait, or not at all.
pub async fn gate(storage: &dyn Storage, keys: &SignInKeys, now: Timestamp) -> Result<SignInGate, StorageError> {
    let since = now.plus_seconds(-WINDOW_SECONDS);
    let mut recent = RecentFailures::default();
    for (key, at) in storage.sign_in_failures(&keys.all(), since).await? {
        let list = if key == keys.email_from_address {
            &mut recent.email_from_address
        } else if key == keys.address {
            &mut recent.address
        } else {
            &mut recent.email
        };
        list.push(at);
    }
    Ok(recent.gate(now))
}

/// Counts a failed attempt against its three keys.
pub async fn failed(storage: &dyn Storage, keys: &SignInKeys, now: Timestamp) -> Result<(), StorageError> {
    storage.record_sign_in_failure(&keys.all(), now, now.plus_seconds(-WINDOW_SECONDS)).await
}

/// A sign-in that succeeded clears the email's failures, from everywhere (not the address's:
/// guessing other emails from there still counts).
pub async fn succeeded(storage: &dyn Storage, keys: &SignInKeys) -> Result<(), StorageError> {
    storage.clear_sign_in_failures(&[keys.email_from_address.clone(), keys.email.clone()]).await
}
