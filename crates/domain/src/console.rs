//! The advocate console: the accounts and sessions of advocates, the queue of requests, a case
//! with its notes and history, and the audit trail supervisors read. Every body of the console's
//! API (`/api/session`, `/api/console/…`) is a type from here, with the rules that decide what
//! is overdue, which status changes are allowed and what a note may hold.

use crate::bill_attachment::AttachedBill;
use crate::handoff::HandoffMethod;
use crate::outreach::OutreachWindow;
use crate::problem::FieldError;
use crate::request::{NewRequest, Reference, RequestState};
use crate::routing::{Handler, Routing};
use crate::text::{Lines, check};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;

/// The longest case note, in characters.
pub const NOTE_MAX: usize = 4000;
/// The shortest password an advocate account may have.
pub const PASSWORD_MIN: usize = 12;
/// The longest password accepted (hashing a megabyte on every attempt would be a denial of service).
pub const PASSWORD_MAX: usize = 1024;
/// How often the console reloads the queue, in seconds: a new request appears within this.
pub const QUEUE_POLL_SECONDS: u32 = 15;

/// What an advocate account may do. Supervisors can also read the audit trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AdvocateRole {
    Advocate,
    Supervisor,
}

impl AdvocateRole {
    pub fn slug(self) -> &'static str {
        match self {
            AdvocateRole::Advocate => "advocate",
            AdvocateRole::Supervisor => "supervisor",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        [Self::Advocate, Self::Supervisor].into_iter().find(|r| r.slug() == slug)
    }
}

/// An advocate as others see them: on a case, a note, a status change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdvocateProfile {
    pub id: i64,
    pub name: String,
    pub role: AdvocateRole,
}

/// `POST /api/session`: signing in. The password never appears in a debug print.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

impl fmt::Debug for LoginRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoginRequest").field("email", &"…").field("password", &"…").finish()
    }
}

/// `POST /api/session`, `GET /api/session` and `POST /api/session/keepalive`: the signed-in
/// advocate and the session's clock. The session itself is the `advocate_session` cookie
/// (HttpOnly: scripts never see it); `csrf_token` must be sent as the `X-CSRF-Token` header on
/// every request that changes something.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    pub advocate: AdvocateProfile,
    pub csrf_token: String,
    /// A session unused for this long ends.
    pub idle_timeout_seconds: u32,
    /// Seconds left before the session ends for want of use, as of this answer: warn a minute
    /// or two before, and offer to stay signed in (`POST /api/session/keepalive`).
    pub idle_seconds_left: i64,
    /// When the session ends for want of use, unless used again before.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub idle_expires_at: Timestamp,
    /// When the session ends whatever happens: signing in again is needed then.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub expires_at: Timestamp,
}

/// The advocate a case is assigned to, or a note's or status change's author.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdvocateName {
    pub id: i64,
    pub name: String,
}

/// Whether a request is past its promised outreach: nobody has acted on it (still new, or still
/// waiting to be handed off to the carrier) when the window has closed.
pub fn is_overdue(state: RequestState, outreach: &OutreachWindow, now: Timestamp) -> bool {
    matches!(state, RequestState::New | RequestState::AwaitingHandoff) && now > outreach.by
}

/// The states the queue shows when no status is asked for: those an advocate still works on,
/// hand-offs to the carrier among them.
pub fn is_open(state: RequestState) -> bool {
    matches!(state, RequestState::New | RequestState::AwaitingHandoff | RequestState::InProgress | RequestState::WaitingOnMember)
}

/// Why a case cannot move to a state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum StateChangeError {
    #[error("The case is already in this state.")]
    Unchanged,
    #[error("A case cannot go back to new: set it in progress or waiting on the member instead.")]
    BackToNew,
}

/// Whether a case may move from one state to another. Any move is allowed except staying put and
/// going back to "new", which means "nobody has looked at it yet".
pub fn check_state_change(from: RequestState, to: RequestState) -> Result<(), StateChangeError> {
    if from == to {
        Err(StateChangeError::Unchanged)
    } else if to == RequestState::New {
        Err(StateChangeError::BackToNew)
    } else {
        Ok(())
    }
}

/// The states a case in `from` may move to, in `RequestState::ALL` order: what the console
/// offers, by the same rule the server checks (`check_state_change`).
pub fn allowed_state_changes(from: RequestState) -> impl Iterator<Item = RequestState> {
    RequestState::ALL.into_iter().filter(move |to| check_state_change(from, *to).is_ok())
}

/// One request in the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseSummary {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "K7Q4-M2XP"))]
    pub reference: Reference,
    pub service_id: String,
    pub service_title: String,
    /// The service's area (a `ServiceArea` slug, e.g. "billing-and-costs").
    pub area: String,
    pub handler: Handler,
    pub state: RequestState,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub submitted_at: Timestamp,
    /// The outreach promised to the member.
    pub outreach: OutreachWindow,
    /// Still new after the promised window closed (`is_overdue`).
    pub overdue: bool,
    pub assigned_to: Option<AdvocateName>,
}

impl CaseSummary {
    /// The queue's order: overdue first, then the soonest promised outreach, then the oldest.
    pub fn queue_order(&self, other: &Self) -> Ordering {
        other
            .overdue
            .cmp(&self.overdue)
            .then(self.outreach.by.cmp(&other.outreach.by))
            .then(self.submitted_at.cmp(&other.submitted_at))
            .then(self.reference.to_string().cmp(&other.reference.to_string()))
    }
}

/// `GET /api/console/requests`: the queue, in `CaseSummary::queue_order`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseQueue {
    pub requests: Vec<CaseSummary>,
    /// The server's time of this answer, by which `overdue` was decided.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub as_of: Timestamp,
    /// More requests matched than the queue shows (the most urgent are shown): narrow the filter.
    pub truncated: bool,
    /// Reload the queue this often (seconds) for new requests to appear.
    pub poll_seconds: u32,
}

/// `POST /api/console/requests/{reference}/status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusChange {
    pub state: RequestState,
    /// Why, kept in the case's history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How the request was handed off: required with `routed_to_carrier`, and only with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handoff: Option<HandoffMethod>,
}

impl StatusChange {
    /// A note within bounds; a hand-off to the carrier says how it was done, with a note (whom
    /// the advocate spoke to, what was sent), since the member relies on it having happened.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let mut add = |field: &str, message: String| errors.push(FieldError { field: field.into(), message });
        let note = self.note.as_deref().map(str::trim).unwrap_or("");
        if let Err(e) = check(note, Lines::Many, NOTE_MAX) {
            add("note", e.advice("the note"));
        }
        match (self.state, self.handoff) {
            (RequestState::RoutedToCarrier, None) => add("handoff", "Say how the request was handed off to the carrier.".into()),
            (RequestState::RoutedToCarrier, Some(_)) if note.is_empty() => {
                add("note", "Write a note on the hand-off: whom you spoke to, or what you sent.".into())
            }
            (state, Some(_)) if state != RequestState::RoutedToCarrier => {
                add("handoff", "A hand-off goes only with the state \"Handed off to the carrier\".".into())
            }
            _ => {}
        }
        errors
    }
}

/// `POST /api/console/requests/{reference}/notes`: a note on a case. Notes are never changed or
/// deleted; a correction is a new note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewCaseNote {
    pub text: String,
}

impl NewCaseNote {
    pub fn problems(&self) -> Vec<FieldError> {
        let message = if self.text.trim().is_empty() {
            "Write the note before adding it.".to_string()
        } else if self.text.chars().count() > NOTE_MAX {
            format!("Shorten the note to {NOTE_MAX} characters or fewer, or add it as two notes.")
        } else if let Err(e) = check(&self.text, Lines::Many, NOTE_MAX) {
            e.advice("the note")
        } else {
            return Vec::new();
        };
        vec![FieldError { field: "text".into(), message }]
    }
}

/// A note on a case, with its author.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseNote {
    pub id: i64,
    pub author: AdvocateName,
    pub text: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub created_at: Timestamp,
}

/// One step of a case's history: the state it moved to, from what, by whom, when, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusHistoryEntry {
    /// None for the state the request started in.
    pub from: Option<RequestState>,
    pub to: RequestState,
    /// None when the request was created (by the member, routed by the server).
    pub by: Option<AdvocateName>,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How the request was handed off to the carrier, for that step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handoff: Option<HandoffMethod>,
}

/// `GET /api/console/requests/{reference}`: everything about a case. Reading it is audited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Case {
    pub summary: CaseSummary,
    /// The member's answers and contact details as sent, with their consent to be contacted
    /// (`request.consent_to_contact`) and their own notes.
    pub request: NewRequest,
    /// Who handles the request and why, as decided when it was sent.
    pub routing: Routing,
    /// Notes, oldest first.
    pub notes: Vec<CaseNote>,
    /// The state the request started in, then each change, oldest first.
    pub history: Vec<StatusHistoryEntry>,
    /// The bill the member attached, with the server's review, if any. Pages download from
    /// `GET /api/console/requests/{reference}/bill/pages/{id}`.
    pub bill: Option<AttachedBill>,
}

/// One event of the audit log, as supervisors read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub occurred_at: Timestamp,
    /// "member", "system", or an advocate as "advocate:ID".
    pub actor: String,
    /// The advocate's name, when the actor is an advocate.
    pub actor_name: Option<String>,
    /// What happened, e.g. "case.viewed", "case.status_changed", "bill.page_downloaded".
    pub action: String,
    /// What it happened to: a request's reference, or "advocate:ID".
    pub subject: String,
    /// The HTTP request it happened in; the same id is in the server's logs.
    pub request_id: String,
}

/// `GET /api/console/audit?subject=…`: a subject's audit trail, oldest first (supervisors only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditTrail {
    pub subject: String,
    pub events: Vec<AuditEntry>,
}

/// An email address as accounts are keyed: trimmed and lower-cased, so sign-in ignores case.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Problems with a new advocate account's details, each as a sentence.
pub fn account_problems(email: &str, name: &str, password: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut add = |field: &str, message: String| errors.push(FieldError { field: field.into(), message });
    let email = normalize_email(email);
    let plausible = email.len() <= 254
        && !email.chars().any(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.') && !domain.contains('@'));
    if !plausible {
        add("email", "Give an email address like name@example.com.".into());
    }
    let name_length = name.trim().chars().count();
    if name_length == 0 || name_length > 100 {
        add("name", "Give the advocate's name, 1 to 100 characters.".into());
    } else if let Err(e) = check(name, Lines::One, 100) {
        add("name", e.advice("the advocate's name"));
    }
    let password_length = password.chars().count();
    if password_length < PASSWORD_MIN {
        add("password", format!("Choose a password of at least {PASSWORD_MIN} characters."));
    } else if password.len() > PASSWORD_MAX {
        add("password", format!("Choose a password of at most {PASSWORD_MAX} bytes."));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_unix_seconds(seconds)
    }

    fn summary(reference: &str, state: RequestState, by: i64, now: i64) -> CaseSummary {
        let outreach = OutreachWindow { from: at(by - 3600), by: at(by) };
        CaseSummary {
            reference: Reference::parse(reference).unwrap(),
            service_id: "second-opinion".into(),
            service_title: "A second opinion".into(),
            area: "clinical".into(),
            handler: Handler::Advocate,
            state,
            submitted_at: at(by - 7200),
            overdue: is_overdue(state, &outreach, at(now)),
            outreach,
            assigned_to: None,
        }
    }

    #[test]
    fn only_requests_nobody_has_acted_on_past_their_window_are_overdue() {
        let window = OutreachWindow { from: at(0), by: at(100) };
        assert!(!is_overdue(RequestState::New, &window, at(100)));
        assert!(is_overdue(RequestState::New, &window, at(101)));
        assert!(!is_overdue(RequestState::InProgress, &window, at(101)));
        assert!(!is_overdue(RequestState::RoutedToCarrier, &window, at(101)));
        assert!(!is_overdue(RequestState::AwaitingHandoff, &window, at(100)));
        assert!(is_overdue(RequestState::AwaitingHandoff, &window, at(101)), "a hand-off not done in time is overdue like any request");
    }

    #[test]
    fn the_queue_puts_overdue_first_then_the_soonest_promise() {
        let now = 10_000;
        let mut queue = [
            summary("AAAA-AAAA", RequestState::InProgress, 5_000, now),
            summary("BBBB-BBBB", RequestState::New, 20_000, now),
            summary("CCCC-CCCC", RequestState::New, 9_000, now),
            summary("DDDD-DDDD", RequestState::New, 8_000, now),
            summary("EEEE-EEEE", RequestState::New, 15_000, now),
        ];
        queue.sort_by(CaseSummary::queue_order);
        let order: Vec<String> = queue.iter().map(|s| s.reference.to_string()).collect();
        assert_eq!(order, ["DDDD-DDDD", "CCCC-CCCC", "AAAA-AAAA", "EEEE-EEEE", "BBBB-BBBB"]);
    }

    #[test]
    fn a_case_moves_anywhere_but_back_to_new_or_nowhere() {
        assert_eq!(check_state_change(RequestState::New, RequestState::InProgress), Ok(()));
        assert_eq!(check_state_change(RequestState::Resolved, RequestState::InProgress), Ok(()));
        assert_eq!(check_state_change(RequestState::InProgress, RequestState::RoutedToCarrier), Ok(()));
        assert_eq!(check_state_change(RequestState::InProgress, RequestState::InProgress), Err(StateChangeError::Unchanged));
        assert_eq!(check_state_change(RequestState::InProgress, RequestState::New), Err(StateChangeError::BackToNew));
    }

    #[test]
    fn the_console_offers_exactly_the_allowed_state_changes() {
        for from in RequestState::ALL {
            let offered: Vec<RequestState> = allowed_state_changes(from).collect();
            for to in RequestState::ALL {
                assert_eq!(offered.contains(&to), check_state_change(from, to).is_ok(), "{from:?} -> {to:?}");
            }
            assert!(!offered.contains(&RequestState::New) && !offered.contains(&from), "{from:?}");
        }
        let from_new: Vec<RequestState> = allowed_state_changes(RequestState::New).collect();
        assert_eq!(
            from_new,
            [
                RequestState::AwaitingHandoff,
                RequestState::InProgress,
                RequestState::WaitingOnMember,
                RequestState::Resolved,
                RequestState::RoutedToCarrier
            ]
        );
    }

    #[test]
    fn notes_are_neither_empty_nor_endless() {
        assert!(NewCaseNote { text: "Called, left a voicemail.".into() }.problems().is_empty());
        assert_eq!(NewCaseNote { text: "  ".into() }.problems()[0].field, "text");
        assert_eq!(NewCaseNote { text: "x".repeat(NOTE_MAX + 1) }.problems().len(), 1);
        assert!(NewCaseNote { text: "é".repeat(NOTE_MAX) }.problems().is_empty(), "characters, not bytes");
        assert_eq!(
            StatusChange { state: RequestState::Resolved, note: Some("x".repeat(NOTE_MAX + 1)), handoff: None }.problems()[0].field,
            "note"
        );
    }

    #[test]
    fn notes_and_names_hold_no_control_or_direction_characters() {
        assert!(NewCaseNote { text: "Called.\r\nLeft a voicemail.\tWill try again.".into() }.problems().is_empty());
        for text in ["Called \u{202E}.dellaC", "Called\0", "Called \u{1b}[2J"] {
            assert_eq!(NewCaseNote { text: text.into() }.problems().len(), 1, "{text:?}");
            let change = StatusChange { state: RequestState::Resolved, note: Some(text.into()), handoff: None };
            assert_eq!(change.problems().len(), 1, "{text:?}");
        }
        let fields =
            |n: &str| account_problems("jo@example.org", n, "correct horse battery").into_iter().map(|e| e.field).collect::<Vec<_>>();
        assert_eq!(fields("Jo \u{202E}kraP"), ["name"]);
        assert_eq!(fields("Jo\nPark"), ["name"]);
    }

    #[test]
    fn a_handoff_to_the_carrier_says_how_with_a_note_and_only_a_handoff_does() {
        let change = |state, note: Option<&str>, handoff| StatusChange { state, note: note.map(str::to_string), handoff };
        let fields = |c: StatusChange| c.problems().into_iter().map(|e| e.field).collect::<Vec<_>>();
        let sent = Some(HandoffMethod::CarrierReferralSent);
        assert!(fields(change(RequestState::RoutedToCarrier, Some("Referral faxed to Cigna, ref 4411"), sent)).is_empty());
        assert_eq!(fields(change(RequestState::RoutedToCarrier, Some("Done"), None)), ["handoff"]);
        assert_eq!(fields(change(RequestState::RoutedToCarrier, Some("  "), sent)), ["note"]);
        assert_eq!(fields(change(RequestState::InProgress, None, sent)), ["handoff"]);
        assert!(fields(change(RequestState::InProgress, None, None)).is_empty());
    }

    #[test]
    fn hand_offs_are_in_the_default_queue_and_done_ones_are_not() {
        assert!(is_open(RequestState::AwaitingHandoff));
        assert!(!is_open(RequestState::RoutedToCarrier));
        assert_eq!(RequestState::initial(Handler::Carrier), RequestState::AwaitingHandoff);
        assert_eq!(RequestState::initial(Handler::Advocate), RequestState::New);
    }

    #[test]
    fn accounts_need_an_address_a_name_and_a_long_password() {
        assert!(account_problems("Nurse.Jo@Example.org", "Jo", "correct horse battery").is_empty());
        let fields = |e: &str, n: &str, p: &str| account_problems(e, n, p).into_iter().map(|e| e.field).collect::<Vec<_>>();
        assert_eq!(fields("jo", "Jo", "correct horse battery"), ["email"]);
        assert_eq!(fields("jo@example.org", " ", "correct horse battery"), ["name"]);
        assert_eq!(fields("jo@example.org", "Jo", "elevenchars"), ["password"]);
        assert!(fields("jo@example.org", "Jo", "twelve chars").is_empty());
        assert_eq!(normalize_email("  Nurse.Jo@Example.ORG "), "nurse.jo@example.org");
    }

    #[test]
    fn roles_and_passwords_on_the_wire() {
        assert_eq!(serde_json::to_string(&AdvocateRole::Supervisor).unwrap(), "\"supervisor\"");
        assert_eq!(AdvocateRole::from_slug("advocate"), Some(AdvocateRole::Advocate));
        let login = LoginRequest { email: "jo@example.org".into(), password: "hunter2hunter2".into() };
        let printed = format!("{login:?}");
        assert!(!printed.contains("hunter2") && !printed.contains("jo@"), "{printed}");
    }
}
