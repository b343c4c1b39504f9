//! Members' requests for an advocate: opening one (checked by the domain's rules, routed,
//! idempotent by its key, stored with its audit event in one transaction), whether the member
//! sends it or an advocate opens it on a call; and finding one for whoever holds its verifier.

use crate::audit::{Actor, AuditEvent};
use crate::clock::now;
use crate::secrets;
use crate::state::AppState;
use crate::storage::{IdempotencyRecord, InsertOutcome, StorageError, StoredRequest};
use advocate_domain::{FieldError, NewRequest, PlanCoverage, Reference, RequestReceipt, RequestState, Routing, catalog, route};

/// Who opens a request: the member online, or an advocate on a call with them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opener {
    Member,
    /// The member gave their consent to be contacted by phone, to this advocate, who takes the case.
    AdvocateOnCall(i64),
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// Answers the domain's rules refuse, each with what to fix; nothing was stored.
    #[error("some answers need fixing")]
    Invalid(Vec<FieldError>),
    /// The idempotency key was already used for a request with other answers.
    #[error("the idempotency key was already used for a different request")]
    KeyReused,
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

impl From<StorageError> for OpenError {
    fn from(error: StorageError) -> Self {
        OpenError::Failed(error.into())
    }
}

/// Opens a request under the idempotency key `key` (as the member's browser or the advocate's
/// console sent it): a retry with the same key and answers gets the original receipt and creates
/// nothing. Members and each advocate have their own keys: one's key never replays another's.
pub async fn open(state: &AppState, key: &str, request: &NewRequest, opener: Opener) -> Result<RequestReceipt, OpenError> {
    let key_hash = match opener {
        Opener::Member => secrets::idempotency_key_hash(key),
        Opener::AdvocateOnCall(id) => secrets::advocate_idempotency_key_hash(id, key),
    };
    let key =
        IdempotencyRecord { key_hash, body_hash: secrets::sha256_hex(&[&serde_json::to_string(request).expect("a request serialises")]) };
    if let Some(original) = replay(state, &key).await? {
        return Ok(original);
    }
    let services = catalog();
    let mut problems = request.problems(&services);
    // A ZIP code must exist, as for estimates: the directory is the server's, not the domain's.
    if let Some(zip) = request.answers.zip.filter(|zip| !state.prices.knows_zip(*zip))
        && !problems.iter().any(|p| p.field == "answers.zip")
    {
        problems
            .push(FieldError { field: "answers.zip".into(), message: format!("We could not find ZIP code {zip}. Check the five digits.") });
    }
    let Some(service) = services.iter().find(|s| s.id == request.service_id).filter(|_| problems.is_empty()) else {
        return Err(OpenError::Invalid(problems));
    };
    let routing = route(service, PlanCoverage::from_answer(request.plan), request.answers.routing_facts(), &state.program.sponsor_name);
    let submitted_at = now();
    for _attempt in 0..5 {
        let reference = Reference::from_random(secrets::random_bytes());
        let verifier_salt = secrets::random_hex::<16>();
        let verifier = secrets::verifier(&key.key_hash, &reference.to_string(), &verifier_salt);
        let stored = StoredRequest {
            reference: reference.clone(),
            submitted_at,
            service_id: service.id.clone(),
            service_title: service.title.clone(),
            area: service.area.slug().into(),
            handler: routing.handler,
            routing_reason: routing.reason.clone(),
            state: RequestState::initial(routing.handler),
            outreach: state.program.hours.outreach_window_for(submitted_at, request.contact.best_time),
            verifier_hash: secrets::verifier_hash(&verifier, &verifier_salt),
            verifier_salt,
            answers: crate::sealed_records::seal_answers(&state.sealing, &reference, request),
        };
        // On a call, the audit trail records that the consent was given by phone, to whom.
        let audit = match opener {
            Opener::Member => AuditEvent::new(Actor::Member, "request.created", &reference),
            Opener::AdvocateOnCall(id) => AuditEvent::new(Actor::Advocate(id), "request.created_on_call", &reference),
        }
        .at(submitted_at);
        match state.storage.insert_request(&stored, &key, &audit).await? {
            InsertOutcome::Created => {
                tracing::info!(reference = %reference, handler = ?stored.handler, "request created");
                if let Opener::AdvocateOnCall(id) = opener {
                    let assigned = AuditEvent::new(Actor::Advocate(id), "case.assigned", &reference).at(submitted_at);
                    state.storage.assign_request(&reference, id, &assigned).await?;
                }
                return Ok(receipt(stored, verifier, &request.contact));
            }
            // Sent twice at once: the other copy won; answer as it did.
            InsertOutcome::KeyAlreadyUsed => {
                return replay(state, &key).await?.ok_or_else(|| OpenError::Failed(anyhow::anyhow!("idempotency key vanished")));
            }
            InsertOutcome::ReferenceTaken => continue,
        }
    }
    Err(OpenError::Failed(anyhow::anyhow!("could not find a free reference in five tries")))
}

/// The original receipt for a key already used with the same answers; an error for others.
async fn replay(state: &AppState, key: &IdempotencyRecord) -> Result<Option<RequestReceipt>, OpenError> {
    match state.storage.request_by_key(&key.key_hash).await? {
        None => Ok(None),
        Some((body_hash, _)) if body_hash != key.body_hash => Err(OpenError::KeyReused),
        Some((_, stored)) => {
            let verifier = secrets::verifier(&key.key_hash, &stored.reference.to_string(), &stored.verifier_salt);
            let answers = crate::sealed_records::open_answers(&state.sealing, &stored)?;
            Ok(Some(receipt(stored, verifier, &answers.contact)))
        }
    }
}

/// The receipt repeats the contact method and time of day the member chose (they shape the
/// promise it makes), taken from the answers as sent.
fn receipt(stored: StoredRequest, verifier: String, contact: &advocate_domain::request::ContactDetails) -> RequestReceipt {
    RequestReceipt {
        reference: stored.reference,
        verifier,
        service_title: stored.service_title,
        routing: Routing { handler: stored.handler, reason: stored.routing_reason },
        outreach: stored.outreach,
        submitted_at: stored.submitted_at,
        contact_method: contact.method,
        best_time: contact.best_time,
    }
}

/// The request with this reference, if `verifier` is its verifier. A wrong verifier and an
/// unknown reference are alike: None.
pub async fn with_verifier(state: &AppState, reference: &Reference, verifier: &str) -> Result<Option<StoredRequest>, StorageError> {
    let stored = state.storage.request(reference).await?;
    Ok(stored.filter(|stored| {
        secrets::constant_time_eq(secrets::verifier_hash(verifier, &stored.verifier_salt).as_bytes(), stored.verifier_hash.as_bytes())
    }))
}
