//! Advocate's domain: the types every API body uses and the program's rules, pure and tested.
//! Compiled into both the SPA (wasm) and the server, so a rule is written once and runs on both
//! sides: in the browser for instant feedback, on the server as the authority.

pub mod catalog;
pub mod eligibility;
pub mod health;
pub mod hours;
pub mod money;
pub mod outreach;
pub mod problem;
pub mod program;
pub mod request;
pub mod routing;
pub mod search;
pub mod time;
pub mod zip;

pub use catalog::{CarrierPlanRule, NeedDetail, Service, ServiceArea, catalog};
pub use eligibility::{NotEligible, Relationship};
pub use health::{Health, Readiness};
pub use hours::{AdvocateHours, Availability, ClockTime, federal_holiday};
pub use money::{Money, MoneyError};
pub use outreach::OutreachWindow;
pub use problem::{FieldError, Problem};
pub use program::{GeneralCondition, PhoneNumber, ProgramSettings};
pub use request::{
    ContactDetails, ContactMethod, ContactTime, NeedAnswers, NewRequest, Reference, RequestReceipt, RequestState, RequestStatus,
};
pub use routing::{BillCoverage, BillSaverEligibility, Handler, PlanCoverage, Routing, bill_saver_eligibility, route};
pub use search::ServiceIndex;
pub use time::{Date, DateTime, Timestamp, UsTimeZone, Weekday};
pub use zip::{Zip, ZipError};
