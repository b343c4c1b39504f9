//! Member data sealed at rest, like bills (`attached_bills`): a request's answers and contact
//! details, case notes and the notes of status changes are stored encrypted with the server's
//! key, each bound to its row, and opened only where the API shows them (the case, to a
//! signed-in advocate, audited). Also what keeps every sealed value in the database under one
//! key: sealing what was written in clear before (at start), refusing to start with a key that
//! did not seal them, and re-sealing them all with a new key (`advocate-server rotate-key`).

use crate::sealing::SealingKey;
use crate::storage::{BillFileKind, Sealed, SealedPlace, Storage, StoredNote, StoredRequest, StoredStatusChange};
use advocate_domain::{NewRequest, Reference, Timestamp};
use anyhow::{Context, bail};
use std::collections::BTreeMap;

/// How many values are sealed (or re-sealed) per round trip to the database.
const BATCH: usize = 100;

/// What a request's answers are bound to: the request.
fn answers_context(reference: &Reference) -> String {
    format!("advocate request answers\0{reference}")
}

/// What a note is bound to: its case, its author and its time (its id is not known before it
/// is stored, and notes are append-only).
fn note_context(label: &str, reference: &Reference, advocate_id: i64, at: Timestamp) -> String {
    format!("advocate {label}\0{reference}\0{advocate_id}\0{}", at.unix_seconds())
}

/// What a bill's file is bound to when sealed: a sealed content moved to another row does not open.
pub(crate) fn bill_file_context(reference: &Reference, kind: BillFileKind, media_type: &str, content_tag: &str) -> String {
    format!("advocate bill file\0{reference}\0{}\0{media_type}\0{content_tag}", kind.name())
}

/// What the value a place holds is bound to.
pub fn context(place: &SealedPlace) -> String {
    match place {
        SealedPlace::RequestAnswers { reference } => answers_context(reference),
        SealedPlace::CaseNote { reference, advocate_id, created_at, .. } => note_context("case note", reference, *advocate_id, *created_at),
        SealedPlace::StatusNote { reference, advocate_id, changed_at, .. } => {
            note_context("status note", reference, *advocate_id, *changed_at)
        }
        SealedPlace::BillFile { reference, kind, media_type, content_tag, .. } => {
            bill_file_context(reference, *kind, media_type, content_tag)
        }
    }
}

fn seal(key: &SealingKey, content: &[u8], context: &str) -> Sealed {
    Sealed { key_id: key.id().to_string(), bytes: key.seal(content, context) }
}

/// Opens a sealed value. One that does not open is an operator's problem (a lost or changed
/// key, a damaged database), reported as such, never shown as empty.
fn open(key: &SealingKey, sealed: &Sealed, context: &str, what: &dyn std::fmt::Display) -> anyhow::Result<Vec<u8>> {
    key.open(&sealed.bytes, context, &sealed.key_id).map_err(|e| anyhow::anyhow!("{what} cannot be opened: {e}"))
}

pub fn seal_answers(key: &SealingKey, reference: &Reference, request: &NewRequest) -> Sealed {
    seal(key, &serde_json::to_vec(request).expect("a request serialises"), &answers_context(reference))
}

/// The member's answers and contact details of a stored request.
pub fn open_answers(key: &SealingKey, stored: &StoredRequest) -> anyhow::Result<NewRequest> {
    let reference = &stored.reference;
    let json = open(key, &stored.answers, &answers_context(reference), &format_args!("the answers of request {reference}"))?;
    serde_json::from_slice(&json).with_context(|| format!("the answers of request {reference} do not read as a request"))
}

pub fn seal_note(key: &SealingKey, reference: &Reference, advocate_id: i64, created_at: Timestamp, text: &str) -> Sealed {
    seal(key, text.as_bytes(), &note_context("case note", reference, advocate_id, created_at))
}

pub fn open_note(key: &SealingKey, reference: &Reference, note: &StoredNote) -> anyhow::Result<String> {
    let context = note_context("case note", reference, note.advocate_id, note.created_at);
    let text = open(key, &note.text, &context, &format_args!("case note {} of {reference}", note.id))?;
    String::from_utf8(text).with_context(|| format!("case note {} of {reference} is not text", note.id))
}

pub fn seal_status_note(key: &SealingKey, reference: &Reference, advocate_id: i64, changed_at: Timestamp, text: &str) -> Sealed {
    seal(key, text.as_bytes(), &note_context("status note", reference, advocate_id, changed_at))
}

/// The note of a status change, if it has one.
pub fn open_status_note(key: &SealingKey, reference: &Reference, change: &StoredStatusChange) -> anyhow::Result<Option<String>> {
    let Some(sealed) = &change.note else { return Ok(None) };
    let context = note_context("status note", reference, change.advocate_id, change.changed_at);
    let text = open(key, sealed, &context, &format_args!("a status note of {reference}"))?;
    Ok(Some(String::from_utf8(text).with_context(|| format!("a status note of {reference} is not text"))?))
}

/// Seals the member data written in clear before it was sealed (migration 0010), and deletes
/// its clear text: run at start, before serving, and safe to run again or from several servers
/// at once. Returns how many values it sealed.
pub async fn seal_waiting(storage: &dyn Storage, key: &SealingKey) -> anyhow::Result<usize> {
    let mut sealed = 0;
    loop {
        let waiting = storage.unsealed_texts(BATCH).await.context("cannot read the member data waiting to be sealed")?;
        if waiting.is_empty() {
            break;
        }
        for text in &waiting {
            let value = seal(key, text.clear.as_bytes(), &context(&text.place));
            storage.seal_text(text.id, &text.place, &value).await.context("cannot seal member data written in clear")?;
        }
        sealed += waiting.len();
    }
    if sealed > 0 {
        storage.erase_freed_space().await?;
        tracing::info!(values = sealed, "sealed member data written in clear by an earlier version");
    }
    Ok(sealed)
}

/// Refuses a key that did not seal what the database holds: a server with another key would
/// fail on every case it opens, and seal new ones that the other servers cannot open.
pub async fn check_key(storage: &dyn Storage, key: &SealingKey) -> anyhow::Result<()> {
    let others: Vec<String> = storage
        .sealed_counts()
        .await
        .context("cannot count the sealed values")?
        .into_iter()
        .filter(|(key_id, _)| key_id != key.id())
        .map(|(key_id, count)| format!("{count} with key {key_id}"))
        .collect();
    if !others.is_empty() {
        bail!(
            "the database holds values sealed with another key than this server's ({}): {}. Give the server the key file \
             that sealed them (--bill-key-file), or, if a key rotation was interrupted, run `advocate-server rotate-key` again",
            key.id(),
            others.join(", ")
        );
    }
    Ok(())
}

/// What a key rotation re-sealed, by kind.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Resealed(pub BTreeMap<&'static str, usize>);

impl Resealed {
    pub fn total(&self) -> usize {
        self.0.values().sum()
    }
}

impl std::fmt::Display for Resealed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|(kind, n)| format!("{n} {kind}")).collect();
        f.write_str(&if parts.is_empty() { "nothing".to_string() } else { parts.join(", ") })
    }
}

fn kind_name(place: &SealedPlace) -> &'static str {
    match place {
        SealedPlace::RequestAnswers { .. } => "requests' answers",
        SealedPlace::CaseNote { .. } => "case notes",
        SealedPlace::StatusNote { .. } => "status notes",
        SealedPlace::BillFile { .. } => "bill files",
    }
}

/// Re-seals with `new` up to `limit` values sealed with `old`, and first seals any still in
/// clear: one step of a key rotation. Each value is replaced on its own, only if still sealed
/// with `old`, so a rotation stopped at any point resumes by running it again. A value sealed
/// with a third key stops it: neither key can open it.
pub async fn rotate_some(storage: &dyn Storage, old: &SealingKey, new: &SealingKey, limit: usize) -> anyhow::Result<Resealed> {
    seal_waiting(storage, new).await?;
    let mut done = Resealed::default();
    let places = storage.sealed_with_other_keys(new.id(), limit).await.context("cannot list the sealed values")?;
    for (place, key_id) in places {
        if key_id != old.id() {
            bail!(
                "a value ({}) is sealed with key {key_id}, which is neither the current key ({}) nor the new one ({}): \
                 give the server the key file that sealed it",
                kind_name(&place),
                old.id(),
                new.id()
            );
        }
        let Some(sealed) = storage.sealed_value(&place).await? else { continue };
        let content = open(old, &sealed, &context(&place), &kind_name(&place))?;
        // A bill file's content tag is keyed: the new key gives it a new one, bound in its context.
        let place = match place {
            SealedPlace::BillFile { id, reference, kind, media_type, .. } => {
                SealedPlace::BillFile { id, reference, kind, media_type, content_tag: new.content_tag(&content) }
            }
            other => other,
        };
        let resealed = seal(new, &content, &context(&place));
        if storage.reseal(&place, old.id(), &resealed).await? {
            *done.0.entry(kind_name(&place)).or_default() += 1;
        }
    }
    Ok(done)
}

/// Re-seals every sealed value with `new`: the whole key rotation. Afterwards the old key is not
/// needed; the database's file space is cleared where it can be.
pub async fn rotate(storage: &dyn Storage, old: &SealingKey, new: &SealingKey) -> anyhow::Result<Resealed> {
    let mut done = Resealed::default();
    loop {
        let step = rotate_some(storage, old, new, BATCH).await?;
        if step.total() == 0 {
            // Nothing re-sealed: either all is done, or every value left was changed meanwhile
            // (deleted, or re-sealed by another run); the check says which.
            check_key(storage, new).await?;
            break;
        }
        for (kind, n) in step.0 {
            *done.0.entry(kind).or_default() += n;
        }
    }
    storage.erase_freed_space().await?;
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_place_binds_its_value_to_its_row() {
        let reference = Reference::parse("K7Q4-M2XP").unwrap();
        let other = Reference::parse("AAAA-2222").unwrap();
        let at = Timestamp::from_unix_seconds(1_800_000_000);
        let places = [
            SealedPlace::RequestAnswers { reference: reference.clone() },
            SealedPlace::RequestAnswers { reference: other.clone() },
            SealedPlace::CaseNote { id: 1, reference: reference.clone(), advocate_id: 3, created_at: at },
            SealedPlace::CaseNote { id: 2, reference: other.clone(), advocate_id: 3, created_at: at },
            SealedPlace::CaseNote { id: 3, reference: reference.clone(), advocate_id: 4, created_at: at },
            SealedPlace::CaseNote { id: 4, reference: reference.clone(), advocate_id: 3, created_at: at.plus_seconds(1) },
            SealedPlace::StatusNote { id: 1, reference: reference.clone(), advocate_id: 3, changed_at: at },
            SealedPlace::BillFile {
                id: 1,
                reference: reference.clone(),
                kind: BillFileKind::Page,
                media_type: "image/png".into(),
                content_tag: "t".into(),
            },
        ];
        let contexts: std::collections::HashSet<String> = places.iter().map(context).collect();
        assert_eq!(contexts.len(), places.len(), "no two places share a context");
        let key = SealingKey::from_bytes([3; 32]);
        let note = seal_note(&key, &reference, 3, at, "Called the member back.");
        let stored = StoredNote { id: 1, advocate_id: 3, advocate_name: "Jo".into(), text: note.clone(), created_at: at };
        assert_eq!(open_note(&key, &reference, &stored).unwrap(), "Called the member back.");
        assert!(open_note(&key, &other, &stored).is_err(), "moved to another case, a note does not open");
        let by_another = StoredNote { advocate_id: 4, ..stored };
        assert!(open_note(&key, &reference, &by_another).is_err(), "nor under another author");
    }
}
