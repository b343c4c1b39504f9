//! The audit log's entries: who saw or changed what, and when. Every event is made by
//! `AuditEvent::new`, stamped with the time and the id of the request (or job) being done.

use crate::request_id::current_request_id;
use advocate_domain::Timestamp;
use std::fmt;

/// Who did something the audit log records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Actor {
    /// The member, with their request's verifier.
    Member,
    /// An advocate, by their account's id.
    Advocate(i64),
    /// Whoever runs the server's commands (`create-advocate`, `disable-advocate`).
    Operator,
    /// The server itself: a sign-in it refused, a bill whose retention passed.
    System,
}

/// As stored and shown: "member", "advocate:7", "operator", "system". An advocate's name is also
/// the audit subject of what happened to their account.
impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Actor::Member => f.write_str("member"),
            Actor::Advocate(id) => write!(f, "advocate:{id}"),
            Actor::Operator => f.write_str("operator"),
            Actor::System => f.write_str("system"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an actor: {0:?}")]
pub struct UnknownActor(String);

impl std::str::FromStr for Actor {
    type Err = UnknownActor;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "member" => Ok(Actor::Member),
            "operator" => Ok(Actor::Operator),
            "system" => Ok(Actor::System),
            _ => {
                text.strip_prefix("advocate:").and_then(|id| id.parse().ok()).map(Actor::Advocate).ok_or_else(|| UnknownActor(text.into()))
            }
        }
    }
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    pub occurred_at: Timestamp,
    pub actor: Actor,
    /// What was done, e.g. "request.created", "case.viewed".
    pub action: String,
    /// What it was done to: a request's reference, or an advocate (`Actor::Advocate`).
    pub subject: String,
    /// The HTTP request's id, also in the logs; a job's name outside a request.
    pub request_id: String,
}

impl AuditEvent {
    /// `actor` does `action` to `subject`, now, in the current request.
    pub fn new(actor: Actor, action: &str, subject: impl fmt::Display) -> Self {
        AuditEvent {
            occurred_at: crate::clock::now(),
            actor,
            action: action.into(),
            subject: subject.to_string(),
            request_id: current_request_id().unwrap_or_default(),
        }
    }

    /// The same event at another time: when what it records was decided.
    pub fn at(self, occurred_at: Timestamp) -> Self {
        AuditEvent { occurred_at, ..self }
    }

    /// The same event about another subject: one known only once it is stored.
    pub fn about(self, subject: impl fmt::Display) -> Self {
        AuditEvent { subject: subject.to_string(), ..self }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_actor_reads_back_as_it_is_written() {
        for actor in [Actor::Member, Actor::Advocate(42), Actor::Operator, Actor::System] {
            assert_eq!(actor.to_string().parse(), Ok(actor));
        }
        assert_eq!(Actor::Advocate(7).to_string(), "advocate:7");
        for text in ["advocate:", "advocate:x", "advocate:unknown", "nurse", ""] {
            assert!(text.parse::<Actor>().is_err(), "{text}");
        }
    }
}
