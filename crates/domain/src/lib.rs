//! Advocate's domain: the types every API body uses and the program's rules, pure and tested.
//! Compiled into both the SPA (wasm) and the server, so a rule is written once and runs on both
//! sides: in the browser for instant feedback, on the server as the authority.

/// Serialises a type as its `Display` text and reads it back with its `FromStr`, so a value on
/// the wire is always one that parsing accepts (a `Zip`, a `Timestamp`, a `Reference`…).
macro_rules! serde_as_string {
    ($type:ty) => {
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use serde_as_string;

pub mod bill;
pub mod bill_attachment;
pub mod bill_import;
pub mod bill_review;
pub mod bundled_schedule;
pub mod catalog;
pub mod cms_files;
pub mod console;
pub mod coverage;
pub mod edit_distance;
pub mod eligibility;
pub mod employer;
pub mod estimate;
pub mod fee_schedule;
pub mod handoff;
pub mod health;
pub mod hours;
pub mod letters;
pub mod localities;
pub mod locality_rules;
pub mod member_pages;
pub mod money;
pub mod outreach;
pub mod plan_facts;
pub mod preventive;
pub mod problem;
pub mod procedures;
pub mod program;
pub mod request;
pub mod routing;
pub mod safety;
pub mod search;
pub mod session_clock;
pub mod sign_in_limits;
pub mod text;
pub mod time;
pub mod unit_limits;
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
    TypedDetails,
};
pub use routing::{BillCoverage, BillSaverEligibility, BillService, Handler, PlanCoverage, Routing, bill_saver_eligibility, route};
pub use search::{ProcedureIndex, ServiceIndex};
pub use time::{Date, DateTime, Timestamp, UsTimeZone, Weekday};
pub use zip::{Zip, ZipError};

#[cfg(test)]
mod test_support {
    use crate::{AdvocateHours, Date, DateTime, Timestamp, UsTimeZone};

    /// The instant an Eastern wall clock shows the given date and time.
    pub fn et(date: (i32, u8, u8), hour: u8, minute: u8) -> Timestamp {
        UsTimeZone::Eastern.to_instant(DateTime::at(Date::new(date.0, date.1, date.2).unwrap(), hour, minute))
    }

    pub fn hours() -> AdvocateHours {
        AdvocateHours::program_default()
    }
}
