//! Advocates' accounts: passwords hashed with argon2id, creating and disabling an account (what
//! `advocate-server create-advocate` and `disable-advocate` do), and the sweep of ended
//! sessions.

use crate::audit::{Actor, AuditEvent};
use crate::secrets::{random_bytes, random_hex};
use crate::storage::{CreateAdvocate, NewAdvocate, Storage, StorageError};
use advocate_domain::FieldError;
use advocate_domain::console::{AdvocateRole, account_problems, normalize_email};
use advocate_domain::session_clock::SessionClock;
use anyhow::Context;
use argon2::password_hash::SaltString;
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// Hashes a password with argon2id (the crate's default parameters: 19 MiB, 2 passes) and a
/// random salt, as a PHC string. Slow on purpose: call it off the async threads.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::encode_b64(&random_bytes::<16>()).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    let hash = Argon2::default().hash_password(password.as_bytes(), &salt).map_err(|e| anyhow::anyhow!("hashing failed: {e}"))?;
    Ok(hash.to_string())
}

/// Whether a password matches a stored hash. Slow on purpose: call it off the async threads.
pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// Password checks running at once: each takes 19 MiB and a core for tens of milliseconds, so a
/// flood of sign-ins waits its turn instead of exhausting memory.
static CHECKING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(4);

/// `verify_password` off the async threads, a few at a time.
pub async fn check_password(hash: String, password: String) -> anyhow::Result<bool> {
    let _permit = CHECKING.acquire().await.context("the password checks were shut down")?;
    tokio::task::spawn_blocking(move || verify_password(&hash, &password)).await.context("the password check failed")
}

/// A hash of a password nobody knows, checked when an email has no account so that a sign-in
/// takes as long whether or not the account exists.
pub fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_password(&random_hex::<32>()).expect("hashing a random password"))
}

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("{}", .0.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" "))]
    Invalid(Vec<FieldError>),
    #[error("an account with this email address already exists")]
    EmailTaken,
    #[error("there is no account with this email address")]
    NoSuchAccount,
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// What the operator does to an account, about the account once its id is known.
fn operator_event(action: &str) -> AuditEvent {
    AuditEvent::new(Actor::Operator, action, "")
}

/// Creates an advocate account; returns its id. The email is kept trimmed and lower-cased, so
/// two addresses differing in case are one account.
pub async fn create_advocate(
    storage: &dyn Storage,
    email: &str,
    name: &str,
    role: AdvocateRole,
    password: &str,
) -> Result<i64, AccountError> {
    let problems = account_problems(email, name, password);
    if !problems.is_empty() {
        return Err(AccountError::Invalid(problems));
    }
    let password = password.to_string();
    let password_hash = tokio::task::spawn_blocking(move || hash_password(&password)).await.context("the hashing task failed")??;
    let advocate =
        NewAdvocate { email: normalize_email(email), name: name.trim().to_string(), role, password_hash, created_at: crate::clock::now() };
    match storage.create_advocate(&advocate, &operator_event("advocate.created")).await? {
        CreateAdvocate::Created(id) => Ok(id),
        CreateAdvocate::EmailTaken => Err(AccountError::EmailTaken),
    }
}

/// Disables an account and ends its sessions at once; returns its id.
pub async fn disable_advocate(storage: &dyn Storage, email: &str) -> Result<i64, AccountError> {
    storage.disable_advocate(&normalize_email(email), &operator_event("advocate.disabled")).await?.ok_or(AccountError::NoSuchAccount)
}

/// Deletes ended sessions (the browser was closed without signing out) now and every quarter
/// of an hour. A session is refused as soon as it ends whether or not it is swept.
pub async fn delete_ended_sessions_regularly(storage: Arc<dyn Storage>, metrics: Arc<crate::metrics::Metrics>, clock: SessionClock) {
    let job = || async {
        if let Err(error) = storage.delete_ended_sessions(&clock.ended_by(crate::clock::now())).await {
            tracing::error!(%error, "could not delete ended sessions; will try again");
        }
    };
    crate::sweeper::run_regularly(storage.clone(), metrics, "ended_sessions", Duration::from_secs(15 * 60), job).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_and_verify_only_their_password() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password(&hash, "correct horse battery"));
        assert!(!verify_password(&hash, "correct horse batterY"));
        assert!(!verify_password("not a hash", "correct horse battery"));
        assert_ne!(hash, hash_password("correct horse battery").unwrap(), "salted");
        assert!(!verify_password(dummy_hash(), ""));
    }
}
