//! Encryption at rest for member data (requests' answers, case notes, bills attached to
//! requests): XChaCha20-Poly1305 with a key kept in a file outside the database (a copy of the
//! database alone reveals none of it). The key is made on first start, readable by the server's
//! user only; several servers share one by configuration; `advocate-server rotate-key` replaces it.

use anyhow::{Context, bail};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::Mac;
use sha2::{Digest, Sha256};
use std::path::Path;

const NONCE_BYTES: usize = 24;

pub struct SealingKey {
    cipher: XChaCha20Poly1305,
    /// Derived from the key; tags contents so a retried upload is recognised without reading it.
    tag_key: [u8; 32],
    id: String,
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("sealed with another key ({0}); this server has {1}")]
    OtherKey(String, String),
    #[error("the sealed content is damaged or was moved to another record")]
    Damaged,
}

impl SealingKey {
    pub fn from_bytes(key: [u8; 32]) -> Self {
        let derive = |label: &str| -> [u8; 32] {
            let mut hasher = Sha256::new();
            hasher.update(label.as_bytes());
            hasher.update(key);
            hasher.finalize().into()
        };
        let id = hex::encode(&derive("advocate key id")[..8]);
        Self { cipher: XChaCha20Poly1305::new(&key.into()), tag_key: derive("advocate content tag"), id }
    }

    /// Reads the key file, or creates it (mode 0600) when it does not exist. A key file others
    /// can read is refused: it would open every sealed bill, request and note.
    pub fn load_or_create(path: &Path) -> anyhow::Result<Self> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::parse(path, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut key = [0u8; 32];
                getrandom::fill(&mut key).map_err(|e| anyhow::anyhow!("no randomness for a new key: {e}"))?;
                write_private_new(path, format!("{}\n", hex::encode(key)).as_bytes())
                    .with_context(|| format!("cannot create the encryption key {}", path.display()))?;
                tracing::info!(path = %path.display(), "created a new key for the member data and bills stored");
                Ok(Self::from_bytes(key))
            }
            Err(e) => Err(e).with_context(|| format!("cannot read the encryption key {}", path.display())),
        }
    }

    /// Reads a key file that must exist.
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read the encryption key {}", path.display()))?;
        Self::parse(path, &text)
    }

    fn parse(path: &Path, text: &str) -> anyhow::Result<Self> {
        refuse_shared(path)?;
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(text.trim(), &mut bytes)
            .with_context(|| format!("{} does not hold a key: it must be 64 hexadecimal characters (32 random bytes)", path.display()))?;
        Ok(Self::from_bytes(bytes))
    }

    /// A short name for this key, stored beside what it seals.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Encrypts `content` bound to `context` (what the record is): the sealed bytes open only
    /// with the same key and the same context.
    pub fn seal(&self, content: &[u8], context: &str) -> Vec<u8> {
        let mut nonce = [0u8; NONCE_BYTES];
        getrandom::fill(&mut nonce).expect("the operating system provides randomness");
        let sealed = self
            .cipher
            .encrypt(&XNonce::from(nonce), Payload { msg: content, aad: context.as_bytes() })
            .expect("encryption of an in-memory buffer cannot fail");
        [nonce.as_slice(), &sealed].concat()
    }

    pub fn open(&self, sealed: &[u8], context: &str, key_id: &str) -> Result<Vec<u8>, OpenError> {
        if key_id != self.id {
            return Err(OpenError::OtherKey(key_id.into(), self.id.clone()));
        }
        let (nonce, ciphertext) = sealed.split_at_checked(NONCE_BYTES).ok_or(OpenError::Damaged)?;
        let nonce: [u8; NONCE_BYTES] = nonce.try_into().map_err(|_| OpenError::Damaged)?;
        self.cipher.decrypt(&XNonce::from(nonce), Payload { msg: ciphertext, aad: context.as_bytes() }).map_err(|_| OpenError::Damaged)
    }

    /// A keyed fingerprint of a content: equal contents, equal tags; nothing learned without the key.
    pub fn content_tag(&self, content: &[u8]) -> String {
        let mut mac = hmac::Hmac::<Sha256>::new_from_slice(&self.tag_key).expect("HMAC takes any key length");
        mac.update(content);
        hex::encode(mac.finalize().into_bytes())
    }
}

#[cfg(unix)]
fn refuse_shared(path: &Path) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)?.permissions().mode();
    if mode & 0o077 != 0 {
        bail!("{} can be read by other users (mode {:o}): run `chmod 600 {}`", path.display(), mode & 0o777, path.display());
    }
    Ok(())
}

#[cfg(not(unix))]
fn refuse_shared(_path: &Path) -> anyhow::Result<()> {
    Ok(())
}

/// Writes a new file readable by its owner only; never overwrites one.
fn write_private_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_content_opens_only_with_its_key_and_context() {
        let key = SealingKey::from_bytes([7; 32]);
        let sealed = key.seal(b"itemized bill", "bill K7Q4-M2XP page");
        assert!(!sealed.windows(8).any(|w| w == b"itemized"));
        assert_eq!(key.open(&sealed, "bill K7Q4-M2XP page", key.id()).unwrap(), b"itemized bill");
        assert!(matches!(key.open(&sealed, "bill ZZZZ-ZZZZ page", key.id()), Err(OpenError::Damaged)));
        let other = SealingKey::from_bytes([8; 32]);
        assert!(matches!(other.open(&sealed, "bill K7Q4-M2XP page", key.id()), Err(OpenError::OtherKey(..))));
        let mut tampered = sealed.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert!(matches!(key.open(&tampered, "bill K7Q4-M2XP page", key.id()), Err(OpenError::Damaged)));
        assert!(matches!(key.open(&sealed[..10], "bill K7Q4-M2XP page", key.id()), Err(OpenError::Damaged)));
    }

    #[test]
    fn the_same_content_gets_the_same_tag_and_a_fresh_nonce() {
        let key = SealingKey::from_bytes([1; 32]);
        assert_eq!(key.content_tag(b"page"), key.content_tag(b"page"));
        assert_ne!(key.content_tag(b"page"), key.content_tag(b"page 2"));
        assert_ne!(SealingKey::from_bytes([2; 32]).content_tag(b"page"), key.content_tag(b"page"));
        assert_ne!(key.seal(b"page", "c"), key.seal(b"page", "c"));
    }

    #[test]
    fn a_key_file_is_made_private_once_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bill-files.key");
        let made = SealingKey::load_or_create(&path).unwrap();
        let read = SealingKey::load_or_create(&path).unwrap();
        assert_eq!(made.id(), read.id());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            let refused = SealingKey::load_or_create(&path).err().unwrap().to_string();
            assert!(refused.contains("chmod 600"), "{refused}");
        }
        std::fs::write(dir.path().join("bad.key"), "not a key").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir.path().join("bad.key"), std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let bad = SealingKey::load_or_create(&dir.path().join("bad.key")).err().unwrap().to_string();
        assert!(bad.contains("64 hexadecimal"), "{bad}");
    }
}
