//! The server's secrets and what is derived from them: random tokens, the labelled SHA-256
//! hashes that are stored instead of a secret, the request verifier, and comparing secrets in
//! constant time. Each hash carries its own label, so a value of one kind never matches another.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// `N` bytes from the operating system's random source.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the operating system provides randomness");
    bytes
}

/// `N` random bytes as lower-case hexadecimal.
pub fn random_hex<const N: usize>() -> String {
    hex::encode(random_bytes::<N>())
}

/// The SHA-256 of `parts`, each ended by a NUL so that ("ab", "c") and ("a", "bc") differ.
pub fn sha256_hex(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hex::encode(hasher.finalize())
}

/// Whether two secrets are equal, taking as long whichever byte differs.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.ct_eq(b).into()
}

/// A member's idempotency key as stored: only its hash.
pub fn idempotency_key_hash(key: &str) -> String {
    sha256_hex(&["idempotency-key", key])
}

/// An idempotency key an advocate's console sent, as stored: hashed under that advocate, so the
/// same key from a member's browser or from another advocate names a different request.
pub fn advocate_idempotency_key_hash(advocate_id: i64, key: &str) -> String {
    sha256_hex(&["advocate-idempotency-key", &advocate_id.to_string(), key])
}

/// A request's verifier is derived, not stored: from the idempotency key's hash (the key is
/// known only to the member's browser), the reference and a random salt. A retry can therefore
/// return the same verifier without the database ever holding it.
pub fn verifier(key_hash: &str, reference: &str, salt: &str) -> String {
    sha256_hex(&["advocate-verifier", key_hash, reference, salt])
}

/// What is stored to check a verifier.
pub fn verifier_hash(verifier: &str, salt: &str) -> String {
    sha256_hex(&["advocate-verifier-hash", verifier, salt])
}

/// What is stored of an advocate's session token.
pub fn session_token_hash(token: &str) -> String {
    sha256_hex(&["advocate-session", token])
}

/// The CSRF token of a session: derived from its token, so it is stored nowhere.
pub fn csrf_token(session_token: &str) -> String {
    sha256_hex(&["advocate-csrf", session_token])
}
