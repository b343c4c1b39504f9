//! Bills attached to requests: sealed before they are stored, opened only on an audited read,
//! deleted on request or when their retention has passed.

use crate::audit::{Actor, AuditEvent};
use crate::request_id::with_request_id;
use crate::sealed_records::bill_file_context;
use crate::sealing::SealingKey;
use crate::state::AppState;
use crate::storage::{AddBillFile, BillFileInfo, BillFileKind, NewBillFile, SealedBillFile, Storage};
use advocate_domain::bill_attachment::{AttachedBill, AttachedReview, BillPage};
use advocate_domain::{Reference, Timestamp};
use std::sync::Arc;
use std::time::Duration;

/// How often expired bills are looked for: a bill outlives its retention by at most this.
const SWEEP_EVERY: Duration = Duration::from_secs(15 * 60);

/// Seals and stores one file of a request's bill.
pub async fn attach(
    state: &AppState,
    reference: &Reference,
    kind: BillFileKind,
    media_type: &str,
    content: &[u8],
    audit: &AuditEvent,
) -> anyhow::Result<AddBillFile> {
    let key = &state.sealing;
    let content_tag = key.content_tag(content);
    let created_at = crate::clock::now();
    let file = NewBillFile {
        reference: reference.clone(),
        kind,
        media_type: media_type.into(),
        byte_count: content.len() as u64,
        key_id: key.id().into(),
        sealed: key.seal(content, &bill_file_context(reference, kind, media_type, &content_tag)),
        content_tag,
        created_at,
        delete_after: Timestamp::from_unix_seconds(created_at.unix_seconds() + state.bill_retention.as_secs() as i64),
        max_total_bytes: state.client_limits.settings.bill_bytes_per_request,
    };
    Ok(state.storage.add_bill_file(&file, audit).await?)
}

/// Opens a stored file. A file that does not open is an operator's problem (a lost or changed
/// key), reported as such, never shown as empty.
pub fn open(key: &SealingKey, reference: &Reference, file: &SealedBillFile) -> anyhow::Result<Vec<u8>> {
    let info = &file.info;
    key.open(&file.sealed, &bill_file_context(reference, info.kind, &info.media_type, &info.content_tag), &file.key_id)
        .map_err(|e| anyhow::anyhow!("bill file {} of {reference} cannot be opened: {e}", info.id))
}

/// The attached bill as the API shows it, or None when the request has none.
pub async fn load(state: &AppState, reference: &Reference) -> anyhow::Result<Option<AttachedBill>> {
    let files = state.storage.bill_files(reference).await?;
    let Some(delete_after) = files.iter().map(|f| f.delete_after).min() else { return Ok(None) };
    let review = match files.iter().find(|f| f.kind == BillFileKind::Review) {
        Some(info) => {
            let sealed = state.storage.sealed_bill_file(reference, info.id).await?.ok_or_else(|| anyhow::anyhow!("review vanished"))?;
            Some(serde_json::from_slice::<AttachedReview>(&open(&state.sealing, reference, &sealed)?)?)
        }
        None => None,
    };
    let pages = files.iter().filter(|f| f.kind == BillFileKind::Page).map(page).collect();
    Ok(Some(AttachedBill { reference: reference.clone(), review, pages, delete_after }))
}

fn page(info: &BillFileInfo) -> BillPage {
    BillPage { id: info.id, media_type: info.media_type.clone(), bytes: info.byte_count, added_at: info.created_at }
}

/// Deletes the bills whose retention has passed, now and every quarter of an hour, on one of
/// the servers sharing the database (`sweeper`).
pub async fn delete_expired_regularly(storage: Arc<dyn Storage>, metrics: Arc<crate::metrics::Metrics>) {
    let job = || async {
        // A job's events carry its name where a request's carry the request's id.
        let sweep = with_request_id("retention".into(), async {
            let expired = AuditEvent::new(Actor::System, "bill.expired", "");
            storage.delete_expired_bills(expired.occurred_at, &expired).await
        });
        match sweep.await {
            Ok(deleted) if !deleted.is_empty() => tracing::info!(bills = deleted.len(), "deleted bills past their retention"),
            Ok(_) => {}
            Err(error) => tracing::error!(%error, "could not delete bills past their retention; will try again"),
        }
    };
    crate::sweeper::run_regularly(storage.clone(), metrics, "bill_retention", SWEEP_EVERY, job).await;
}
