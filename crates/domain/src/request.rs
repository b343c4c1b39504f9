//! An advocacy request: what the member sends, how it is checked, and what comes back.
//! The same validation runs in the browser as the member types and on the server as the authority.

use crate::catalog::{NeedDetail, Service};
use crate::eligibility::Relationship;
use crate::money::Money;
use crate::outreach::OutreachWindow;
use crate::problem::{FieldError, as_sentence};
use crate::program::PhoneNumber;
use crate::routing::{AdministrativeTopic, BillCoverage, BillSaverEligibility, PlanCoverage, PlannedCare, Routing, RoutingFacts};
use crate::time::Timestamp;
use crate::zip::{Zip, ZipError};
use serde::{Deserialize, Serialize};
use std::fmt;

pub const NAME_MAX: usize = 100;
pub const CONDITION_MAX: usize = 200;
pub const NOTES_MAX: usize = 2000;

/// How the member wants to be reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContactMethod {
    Phone,
    Email,
}

pub use crate::outreach::ContactTime;

/// What the member answered about the need, as far as the service asks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NeedAnswers {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_amount: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_coverage: Option<BillCoverage>,
    /// Of a partly covered bill, the part the plan did not cover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_covered_amount: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "10001"))]
    pub zip: Option<Zip>,
    /// What a benefits-and-claims request is about (asked of carrier-plan members).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin_topic: Option<AdministrativeTopic>,
    /// Network and coverage of care to negotiate before it happens (asked of carrier-plan members).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_care: Option<PlannedCare>,
}

impl NeedAnswers {
    /// The answers that decide who handles the request.
    pub fn routing_facts(&self) -> RoutingFacts {
        RoutingFacts { bill: self.bill_coverage, admin_topic: self.admin_topic, planned_care: self.planned_care }
    }

    /// The Medical Bill Saver answer, once the bill's amount and coverage are given.
    pub fn bill_saver(&self) -> Option<(BillSaverEligibility, Option<Money>)> {
        let (amount, coverage) = (self.bill_amount?, self.bill_coverage?);
        let not_covered = crate::routing::non_covered_amount(amount, coverage, self.not_covered_amount);
        Some((crate::routing::bill_saver_eligibility(amount, coverage, self.not_covered_amount), not_covered))
    }

    /// The answers given, as (question, answer) rows: the member checks them before sending,
    /// the advocate reads them on the case.
    pub fn rows(&self) -> Vec<(&'static str, String)> {
        let mut rows = Vec::new();
        if let Some(amount) = self.bill_amount {
            rows.push(("Bill amount", amount.to_string()));
        }
        if let Some(coverage) = self.bill_coverage {
            rows.push(("What the plan did", coverage.summary().to_string()));
        }
        if let Some(amount) = self.not_covered_amount {
            rows.push(("Not covered", amount.to_string()));
        }
        if let Some(topic) = self.admin_topic {
            rows.push(("About", topic.label().to_string()));
        }
        if let Some(care) = self.planned_care {
            rows.push(("Network and coverage", care.label("the carrier").to_string()));
        }
        if let Some(condition) = &self.condition {
            rows.push(("Condition", condition.clone()));
        }
        if let Some(zip) = self.zip {
            rows.push(("ZIP code", zip.to_string()));
        }
        rows
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactDetails {
    pub name: String,
    pub method: ContactMethod,
    /// Required when `method` is phone.
    #[serde(default)]
    pub phone: String,
    /// Required when `method` is email.
    #[serde(default)]
    pub email: String,
    pub best_time: ContactTime,
}

/// `POST /api/requests`: a member's request for an advocate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewRequest {
    pub relationship: Relationship,
    pub service_id: String,
    /// Asked only where routing depends on it; absent means "not asked".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanCoverage>,
    #[serde(default)]
    pub answers: NeedAnswers,
    pub contact: ContactDetails,
    /// The member agreed to be contacted about this request.
    pub consent_to_contact: bool,
    #[serde(default)]
    pub notes: String,
}

/// Whether the guide asks about the health plan for a service: only where the answer can change
/// who handles it.
pub fn asks_about_plan(service: &Service) -> bool {
    service.carrier_plan_rule != crate::catalog::CarrierPlanRule::AdvocatesProceed
}

impl NewRequest {
    /// Every field that needs fixing, each with a message that says how. Empty when valid.
    pub fn problems(&self, catalog: &[Service]) -> Vec<FieldError> {
        self.problems_with(catalog, |service| {
            let details = asked_details(service, self.plan).flat_map(|detail| detail_problems(detail, &self.answers));
            plan_problem(service, self.plan).into_iter().chain(details).map(|(field, message)| (field, message.to_string())).collect()
        })
    }

    /// `problems`, for a form that still holds the details as typed (`typed`, from which this
    /// request's plan and answers were read): text that does not read is named with what to
    /// fix rather than reported as missing.
    pub fn problems_as_typed(&self, catalog: &[Service], typed: &TypedDetails) -> Vec<FieldError> {
        self.problems_with(catalog, |service| typed.problems(service))
    }

    /// Every problem, with the plan's and the details' problems for the chosen service from
    /// `details`.
    fn problems_with(&self, catalog: &[Service], details: impl FnOnce(&Service) -> Vec<(&'static str, String)>) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let mut add = |field: &str, message: &str| errors.push(FieldError { field: field.into(), message: message.into() });
        if let Some(answer) = self.relationship.not_eligible() {
            add("relationship", &answer.message);
        }
        match catalog.iter().find(|s| s.id == self.service_id) {
            None => add("service_id", "Choose the kind of help you need."),
            Some(service) => {
                for (field, message) in details(service) {
                    add(field, &message);
                }
            }
        }
        for (field, message) in contact_problems(&self.contact) {
            add(field, message);
        }
        if !self.consent_to_contact {
            add("consent_to_contact", "Tick the box to agree that an advocate may contact you about this request.");
        }
        if self.notes.chars().count() > NOTES_MAX {
            add("notes", "Shorten your notes to 2,000 characters or fewer.");
        }
        for (field, message) in sent_value_problems(self) {
            if !errors.iter().any(|e| e.field == field) {
                errors.push(FieldError { field: field.into(), message });
            }
        }
        errors
    }
}

/// The plan question unanswered where the service asks it: (field, message).
pub fn plan_problem(service: &Service, plan: Option<PlanCoverage>) -> Option<(&'static str, &'static str)> {
    (asks_about_plan(service) && plan.is_none())
        .then_some(("plan", "Say whether the person is covered by the sponsor's medical plan, or choose \"I'm not sure\"."))
}

/// The details the guide asks for `service` of a person with `plan` (`NeedDetail::asked_for`).
pub fn asked_details(service: &Service, plan: Option<PlanCoverage>) -> impl Iterator<Item = NeedDetail> + '_ {
    service.details.iter().copied().filter(move |detail| detail.asked_for(plan))
}

/// The details a service asks for (`asks_about_plan`, `Service::details`), as a person types
/// them: the finder keeps them in its address, call mode in its fields. The text stays as
/// typed, so a half-typed amount is neither lost nor silently dropped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TypedDetails<'a> {
    pub plan: Option<PlanCoverage>,
    pub bill_amount: &'a str,
    pub bill_coverage: Option<BillCoverage>,
    pub not_covered_amount: &'a str,
    pub condition: &'a str,
    pub zip: &'a str,
    pub admin_topic: Option<AdministrativeTopic>,
    pub planned_care: Option<PlannedCare>,
}

impl TypedDetails<'_> {
    /// The need's answers in the request's shape: what reads is kept, what does not is left out
    /// (and `problems` names it).
    pub fn answers(&self) -> NeedAnswers {
        NeedAnswers {
            bill_amount: Money::parse(self.bill_amount).ok(),
            bill_coverage: self.bill_coverage,
            not_covered_amount: Money::parse(self.not_covered_amount)
                .ok()
                .filter(|_| self.bill_coverage == Some(BillCoverage::PartlyCovered)),
            condition: Some(self.condition.trim().to_string()).filter(|c| !c.is_empty()),
            zip: Zip::parse(self.zip).ok(),
            admin_topic: self.admin_topic,
            planned_care: self.planned_care,
        }
    }

    /// What to fix in the details `service` asks for, as (field, message) with the request's
    /// field names ("plan", "answers.zip"): a typed amount or ZIP code that does not read is
    /// named with the reader's own message, anything else by `detail_problems`.
    pub fn problems(&self, service: &Service) -> Vec<(&'static str, String)> {
        let answers = self.answers();
        let plan = plan_problem(service, self.plan).map(|(field, message)| (field, message.to_string()));
        let details = asked_details(service, self.plan).filter_map(move |detail| {
            let unreadable = match detail {
                NeedDetail::BillAmount if !self.bill_amount.trim().is_empty() => {
                    Money::parse(self.bill_amount).err().map(|e| ("answers.bill_amount", as_sentence(&e.to_string())))
                }
                NeedDetail::BillCoverage
                    if self.bill_coverage == Some(BillCoverage::PartlyCovered) && !self.not_covered_amount.trim().is_empty() =>
                {
                    Money::parse(self.not_covered_amount).err().map(|e| ("answers.not_covered_amount", as_sentence(&e.to_string())))
                }
                NeedDetail::Zip if !self.zip.trim().is_empty() => Zip::parse(self.zip).err().map(|e| ("answers.zip", e.to_string())),
                _ => None,
            };
            unreadable.or_else(|| detail_problems(detail, &answers).into_iter().next().map(|(field, message)| (field, message.to_string())))
        });
        plan.into_iter().chain(details).collect()
    }
}

/// The longest phone number and email address kept (an email address is at most 254
/// characters, RFC 5321 as corrected by erratum 1690).
pub const PHONE_MAX: usize = 40;
pub const EMAIL_MAX: usize = 254;

/// Problems with what was sent, whether or not the service asks for it (what is sent is stored
/// and shown to an advocate): every text clean and bounded (`text::check`), a bill amount one a
/// bill can have. (field, message).
pub fn sent_value_problems(request: &NewRequest) -> Vec<(&'static str, String)> {
    use crate::text::{Lines, check};
    let contact = &request.contact;
    let texts = [
        ("contact.name", contact.name.as_str(), Lines::One, NAME_MAX, "your name"),
        ("contact.phone", contact.phone.as_str(), Lines::One, PHONE_MAX, "the phone number"),
        ("contact.email", contact.email.as_str(), Lines::One, EMAIL_MAX, "the email address"),
        ("answers.condition", request.answers.condition.as_deref().unwrap_or(""), Lines::One, CONDITION_MAX, "the condition"),
        ("notes", request.notes.as_str(), Lines::Many, NOTES_MAX, "your notes"),
    ];
    let mut problems: Vec<(&'static str, String)> = texts
        .into_iter()
        .filter_map(|(field, text, lines, max, what)| check(text, lines, max).err().map(|e| (field, e.advice(what))))
        .collect();
    let max = crate::bill_review::MAX_AMOUNT;
    if request.answers.bill_amount.is_some_and(|amount| amount.cents() <= 0 || amount > max) {
        problems.push(("answers.bill_amount", format!("Enter the amount of the bill, from $0.01 to {max}.")));
    }
    if request.answers.not_covered_amount.is_some_and(|amount| amount.cents() <= 0 || amount > max) {
        problems.push(("answers.not_covered_amount", format!("Enter the part not covered, from $0.01 to {max}.")));
    }
    problems
}

/// Problems with one detail of the need: (field, message).
pub fn detail_problems(detail: NeedDetail, answers: &NeedAnswers) -> Vec<(&'static str, &'static str)> {
    match detail {
        NeedDetail::BillAmount => match answers.bill_amount {
            None => vec![("answers.bill_amount", "Enter the amount of the bill, like 1,250.00.")],
            Some(amount) if amount.cents() <= 0 => vec![("answers.bill_amount", "Enter an amount more than $0.")],
            Some(_) => vec![],
        },
        NeedDetail::BillCoverage => match (answers.bill_coverage, answers.not_covered_amount) {
            (None, _) => vec![("answers.bill_coverage", "Say what the health plan did with the bill, or choose \"I don't know\".")],
            (Some(BillCoverage::PartlyCovered), None) => {
                vec![("answers.not_covered_amount", "Enter how much of the bill the plan did not cover, like 450.00.")]
            }
            (Some(BillCoverage::PartlyCovered), Some(part)) if answers.bill_amount.is_some_and(|bill| part > bill) => {
                vec![("answers.not_covered_amount", "The part not covered cannot be more than the bill: check both amounts.")]
            }
            (Some(BillCoverage::PartlyCovered), Some(part)) if part.cents() <= 0 => {
                vec![("answers.not_covered_amount", "Enter an amount more than $0.")]
            }
            _ => vec![],
        },
        NeedDetail::AdministrativeTopic if answers.admin_topic.is_none() => {
            vec![("answers.admin_topic", "Say what this is mainly about, or choose \"I'm not sure\".")]
        }
        NeedDetail::PlannedCare if answers.planned_care.is_none() => {
            vec![("answers.planned_care", "Say which describes the care you are planning, or choose \"I'm not sure\".")]
        }
        NeedDetail::Condition => match answers.condition.as_deref().map(str::trim) {
            None | Some("") => vec![("answers.condition", "Enter the condition or diagnosis, in your own words.")],
            Some(c) if c.chars().count() > CONDITION_MAX => {
                vec![("answers.condition", "Shorten the condition to 200 characters or fewer.")]
            }
            Some(_) => vec![],
        },
        NeedDetail::Zip if answers.zip.is_none() => vec![("answers.zip", ZipError::MESSAGE)],
        _ => vec![],
    }
}

/// Problems with the contact details: (field, message).
pub fn contact_problems(contact: &ContactDetails) -> Vec<(&'static str, &'static str)> {
    let mut problems = Vec::new();
    let name = contact.name.trim();
    if name.is_empty() {
        problems.push(("contact.name", "Enter your name."));
    } else if name.chars().count() > NAME_MAX {
        problems.push(("contact.name", "Enter a name of 100 characters or fewer."));
    }
    match contact.method {
        ContactMethod::Phone if contact.phone.trim().is_empty() => {
            problems.push(("contact.phone", "Enter a phone number for the advocate to call."))
        }
        ContactMethod::Phone if PhoneNumber::parse(&contact.phone).is_err() => problems.push((
            "contact.phone",
            "Enter a 10-digit US phone number, like 555-201-4477, and any extension after \"ext.\", like ext. 12.",
        )),
        ContactMethod::Email if contact.email.trim().is_empty() => {
            problems.push(("contact.email", "Enter an email address for the advocate to write to."))
        }
        ContactMethod::Email if !is_plausible_email(&contact.email) => {
            problems.push(("contact.email", "Enter an email address like name@example.com."))
        }
        _ => {}
    }
    problems
}

fn is_plausible_email(email: &str) -> bool {
    let email = email.trim();
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && email.len() <= 254
                && !email.contains(char::is_whitespace)
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        }
        None => false,
    }
}

/// A request's reference: eight characters from an alphabet without look-alikes (no 0/O, 1/I/L,
/// U/V confusion), shown as two groups of four, "K7Q4-M2XP", easy to read over the phone.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reference(String);

const REFERENCE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTWXYZ";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a reference has 8 letters and digits, like K7Q4-M2XP")]
pub struct ReferenceError;

impl Reference {
    /// A reference from eight random bytes (the server supplies the randomness).
    pub fn from_random(bytes: [u8; 8]) -> Self {
        Self(bytes.iter().map(|b| char::from(REFERENCE_ALPHABET[usize::from(*b) % REFERENCE_ALPHABET.len()])).collect())
    }

    /// Reads a reference as a member might type it: any case, with or without the dash or spaces.
    pub fn parse(input: &str) -> Result<Self, ReferenceError> {
        let cleaned: String = input.chars().filter(|c| !matches!(c, '-' | ' ')).map(|c| c.to_ascii_uppercase()).collect();
        if cleaned.len() == 8 && cleaned.bytes().all(|b| REFERENCE_ALPHABET.contains(&b)) { Ok(Self(cleaned)) } else { Err(ReferenceError) }
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", &self.0[..4], &self.0[4..])
    }
}

impl std::str::FromStr for Reference {
    type Err = ReferenceError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Reference::parse(s)
    }
}

crate::serde_as_string!(Reference);

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RequestState {
    New,
    /// Directed to the carrier by the program: waiting for an advocate to hand it off.
    AwaitingHandoff,
    InProgress,
    WaitingOnMember,
    Resolved,
    /// Handed off to the carrier, by a recorded method (see `handoff`).
    RoutedToCarrier,
}

impl RequestState {
    pub fn slug(self) -> &'static str {
        match self {
            RequestState::New => "new",
            RequestState::AwaitingHandoff => "awaiting_handoff",
            RequestState::InProgress => "in_progress",
            RequestState::WaitingOnMember => "waiting_on_member",
            RequestState::Resolved => "resolved",
            RequestState::RoutedToCarrier => "routed_to_carrier",
        }
    }

    /// As an advocate reads it in the queue.
    pub fn label(self) -> &'static str {
        match self {
            RequestState::New => "New",
            RequestState::AwaitingHandoff => "Hand off to the carrier",
            RequestState::InProgress => "In progress",
            RequestState::WaitingOnMember => "Waiting on the member",
            RequestState::Resolved => "Resolved",
            RequestState::RoutedToCarrier => "Handed off to the carrier",
        }
    }

    pub const ALL: [RequestState; 6] = [
        RequestState::New,
        RequestState::AwaitingHandoff,
        RequestState::InProgress,
        RequestState::WaitingOnMember,
        RequestState::Resolved,
        RequestState::RoutedToCarrier,
    ];

    /// Where a new request starts: with the advocates, or waiting for an advocate to hand it
    /// off to the carrier. Directing a request to the carrier is work an advocate does.
    pub fn initial(handler: crate::routing::Handler) -> Self {
        match handler {
            crate::routing::Handler::Advocate => RequestState::New,
            crate::routing::Handler::Carrier => RequestState::AwaitingHandoff,
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// `201 Created` answer to `POST /api/requests`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestReceipt {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "K7Q4-M2XP"))]
    pub reference: Reference,
    /// A secret that, with the reference, shows the request's status. Shown once; keep it.
    pub verifier: String,
    pub service_title: String,
    pub routing: Routing,
    pub outreach: OutreachWindow,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub submitted_at: Timestamp,
    /// How the member asked to be reached, and when (the window above is within that time).
    #[serde(default = "default_contact_method")]
    pub contact_method: ContactMethod,
    #[serde(default = "default_best_time")]
    pub best_time: ContactTime,
}

fn default_contact_method() -> ContactMethod {
    ContactMethod::Phone
}

fn default_best_time() -> ContactTime {
    ContactTime::Anytime
}

impl RequestReceipt {
    /// What the member was promised, in their own terms: how they will be reached and when,
    /// as seen at `now`.
    pub fn promise(&self, hours: &crate::hours::AdvocateHours, now: Timestamp) -> String {
        let how = match self.contact_method {
            ContactMethod::Phone => "call you",
            ContactMethod::Email => "email you",
        };
        hours.outreach_sentence(self.outreach, self.submitted_at, now).replacen("contact you", how, 1)
    }
}

/// `GET /api/requests/{reference}` with the verifier: where the request stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestStatus {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "K7Q4-M2XP"))]
    pub reference: Reference,
    pub state: RequestState,
    pub service_title: String,
    pub outreach: OutreachWindow,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub submitted_at: Timestamp,
    /// Whether a bill is attached (`GET /api/requests/{reference}/bill` shows it).
    #[serde(default)]
    pub bill_attached: bool,
    /// How and when an advocate handed it off to the carrier, once done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handoff: Option<crate::handoff::HandoffRecord>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::catalog;

    fn valid() -> NewRequest {
        NewRequest {
            relationship: Relationship::Parent,
            service_id: "second-opinion".into(),
            plan: Some(PlanCoverage::OtherPlan),
            answers: NeedAnswers {
                condition: Some("Knee pain, surgery advised".into()),
                zip: Some(Zip::parse("10001").unwrap()),
                ..Default::default()
            },
            contact: ContactDetails {
                name: "Ana Lopez".into(),
                method: ContactMethod::Phone,
                phone: "(555) 201-4477".into(),
                email: String::new(),
                best_time: ContactTime::Evening,
            },
            consent_to_contact: true,
            notes: String::new(),
        }
    }

    fn fields(request: &NewRequest) -> Vec<String> {
        request.problems(&catalog()).into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_complete_request_has_no_problems() {
        assert!(fields(&valid()).is_empty());
    }

    #[test]
    fn each_missing_or_wrong_field_is_named() {
        let mut r = valid();
        r.relationship = Relationship::Sibling;
        r.answers = NeedAnswers::default();
        r.contact.name = "  ".into();
        r.contact.phone = "12345".into();
        r.consent_to_contact = false;
        r.notes = "x".repeat(NOTES_MAX + 1);
        r.plan = None;
        assert_eq!(
            fields(&r),
            ["relationship", "plan", "answers.condition", "answers.zip", "contact.name", "contact.phone", "consent_to_contact", "notes"]
        );
    }

    #[test]
    fn an_unknown_service_is_refused() {
        let mut r = valid();
        r.service_id = "time-travel".into();
        assert_eq!(fields(&r), ["service_id"]);
    }

    #[test]
    fn a_bill_needs_its_amount_and_coverage() {
        let mut r = valid();
        r.service_id = "medical-bill-saver".into();
        r.answers = NeedAnswers::default();
        assert_eq!(fields(&r), ["answers.bill_amount", "answers.bill_coverage"]);
        r.answers.bill_amount = Some(Money::from_cents(0));
        r.answers.bill_coverage = Some(BillCoverage::NotCovered);
        assert_eq!(fields(&r), ["answers.bill_amount"]);
    }

    #[test]
    fn senior_care_does_not_ask_about_the_plan() {
        let mut r = valid();
        r.service_id = "house-calls".into();
        r.plan = None;
        assert_eq!(fields(&r), Vec::<String>::new());
    }

    #[test]
    fn email_contact_needs_a_plausible_address() {
        let mut r = valid();
        r.contact.method = ContactMethod::Email;
        r.contact.phone.clear();
        for bad in ["", "ana", "ana@", "@x.com", "ana@x", "an a@x.com"] {
            r.contact.email = bad.into();
            assert_eq!(fields(&r), ["contact.email"], "{bad}");
        }
        r.contact.email = "ana.lopez@example.com".into();
        assert!(fields(&r).is_empty());
    }

    #[test]
    fn contact_time_slugs_are_the_wire_names_and_read_back() {
        for time in ContactTime::ALL {
            assert_eq!(ContactTime::from_slug(time.slug()), Some(time));
            assert_eq!(serde_json::to_string(&time).unwrap(), format!("\"{}\"", time.slug()));
        }
    }

    #[test]
    fn typed_details_keep_what_reads_and_name_what_does_not() {
        let saver = catalog().into_iter().find(|s| s.id == "medical-bill-saver").unwrap();
        let typed = TypedDetails {
            not_covered_amount: "",
            admin_topic: None,
            planned_care: None,
            plan: Some(PlanCoverage::NotSure),
            bill_amount: "1,250.5",
            bill_coverage: Some(BillCoverage::NotCovered),
            condition: "  ",
            zip: "",
        };
        assert_eq!(typed.answers().bill_amount, Some(Money::from_cents(125_050)));
        assert_eq!(typed.answers().condition, None);
        assert!(typed.problems(&saver).is_empty());

        let typed = TypedDetails {
            not_covered_amount: "",
            admin_topic: None,
            planned_care: None,
            bill_amount: "12,50",
            bill_coverage: None,
            ..typed
        };
        assert_eq!(typed.answers().bill_amount, None, "an amount that does not read is left out");
        assert_eq!(
            typed.problems(&saver),
            [
                ("answers.bill_amount", "Enter an amount in dollars and cents, like 1,250.00.".to_string()),
                ("answers.bill_coverage", "Say what the health plan did with the bill, or choose \"I don't know\".".to_string()),
            ]
        );
    }

    #[test]
    fn a_typed_zip_code_that_does_not_read_gets_the_zip_code_message() {
        let second = catalog().into_iter().find(|s| s.id == "second-opinion").unwrap();
        let typed = TypedDetails {
            not_covered_amount: "",
            admin_topic: None,
            planned_care: None,
            plan: None,
            condition: "Knee pain",
            zip: "1001",
            ..Default::default()
        };
        assert_eq!(
            typed.problems(&second),
            [("plan", plan_problem(&second, None).unwrap().1.to_string()), ("answers.zip", ZipError::MESSAGE.to_string())]
        );
        let empty = TypedDetails { zip: "", ..typed };
        assert_eq!(empty.problems(&second)[1], ("answers.zip", ZipError::MESSAGE.to_string()), "missing or wrong: one message");
    }

    #[test]
    fn a_request_checked_as_typed_names_the_unreadable_amount() {
        let mut r = valid();
        r.service_id = "bill-review".into();
        let typed = TypedDetails {
            not_covered_amount: "",
            admin_topic: None,
            planned_care: None,
            plan: r.plan,
            bill_amount: "abc",
            bill_coverage: Some(BillCoverage::Covered),
            ..Default::default()
        };
        r.answers = typed.answers();
        assert_eq!(r.problems(&catalog())[0].message, "Enter the amount of the bill, like 1,250.00.");
        let as_typed = r.problems_as_typed(&catalog(), &typed);
        assert_eq!(as_typed.len(), 1);
        assert_eq!(as_typed[0].field, "answers.bill_amount");
        assert_eq!(as_typed[0].message, "Enter an amount in dollars and cents, like 1,250.00.");
    }

    #[test]
    fn names_notes_and_answers_hold_no_control_or_direction_characters() {
        let mut r = valid();
        r.contact.name = "Ana \u{202E}zepoL".into();
        r.contact.email = "ana\0@example.com".into();
        r.answers.condition = Some("Knee pain\nsurgery advised".into());
        r.notes = "Call after 6.\nAsk for Ana.\u{1b}[2J".into();
        assert_eq!(fields(&r), ["contact.name", "contact.email", "answers.condition", "notes"]);
        let problems = r.problems(&catalog());
        assert!(problems[0].message.contains("reverse the direction"), "{}", problems[0].message);
        r.notes = "Call after 6.\r\nAsk for Ana.".into();
        assert_eq!(fields(&r), ["contact.name", "contact.email", "answers.condition"], "notes may have lines");
    }

    #[test]
    fn what_is_sent_is_bounded_even_when_not_asked() {
        let mut r = valid();
        r.contact.email = format!("{}@example.com", "a".repeat(EMAIL_MAX));
        r.answers.bill_amount = Some(Money::from_cents(i64::MAX));
        assert_eq!(fields(&r), ["contact.email", "answers.bill_amount"]);
        r.contact.email.clear();
        r.contact.phone = "5".repeat(PHONE_MAX + 1);
        r.answers.bill_amount = None;
        assert_eq!(fields(&r), ["contact.phone"]);
    }

    #[test]
    fn a_bill_saver_amount_is_one_a_bill_can_have() {
        let mut r = valid();
        r.service_id = "medical-bill-saver".into();
        r.answers = NeedAnswers { bill_coverage: Some(BillCoverage::NotCovered), ..Default::default() };
        for cents in [i64::MAX, crate::bill_review::MAX_AMOUNT.cents() + 1, -1] {
            r.answers.bill_amount = Some(Money::from_cents(cents));
            assert_eq!(fields(&r), ["answers.bill_amount"], "{cents}");
        }
        r.answers.bill_amount = Some(crate::bill_review::MAX_AMOUNT);
        assert!(fields(&r).is_empty());
    }

    #[test]
    fn references_are_unambiguous_and_read_back_as_typed() {
        let reference = Reference::from_random([0, 1, 2, 3, 250, 251, 252, 253]);
        let shown = reference.to_string();
        assert_eq!(shown.len(), 9);
        assert!(!shown.contains(['0', 'O', '1', 'I', 'L', 'U']));
        assert_eq!(Reference::parse(&shown.to_lowercase().replace('-', " ")), Ok(reference));
        assert_eq!(Reference::parse("K7Q4-M2X"), Err(ReferenceError));
        assert_eq!(Reference::parse("K7Q4-M2X0"), Err(ReferenceError));
    }

    #[test]
    fn the_promise_names_the_contact_method_and_the_time_of_day_chosen() {
        let hours = crate::hours::AdvocateHours::program_default();
        let submitted = crate::test_support::et((2026, 12, 1), 10, 0);
        let receipt = RequestReceipt {
            reference: Reference::parse("K7Q4M2XP").unwrap(),
            verifier: "v".into(),
            service_title: "Check a bill for mistakes".into(),
            routing: Routing { handler: crate::routing::Handler::Advocate, reason: String::new() },
            outreach: hours.outreach_window_for(submitted, ContactTime::Afternoon),
            submitted_at: submitted,
            contact_method: ContactMethod::Phone,
            best_time: ContactTime::Afternoon,
        };
        assert_eq!(
            receipt.promise(&hours, submitted),
            "An advocate will call you. We expect it today, between noon and 5:00 pm ET, but cannot promise it."
        );
        let by_email = RequestReceipt { contact_method: ContactMethod::Email, ..receipt };
        assert!(by_email.promise(&hours, submitted).starts_with("An advocate will email you."));
    }
}
