//! Advocate's domain: the types every API body uses and the program's rules, pure and tested.
//! Compiled into both the SPA (wasm) and the server, so a rule is written once and runs on both
//! sides: in the browser for instant feedback, on the server as the authority.

pub mod health;
pub mod hours;
pub mod problem;
pub mod program;
pub mod time;

pub use health::{Health, Readiness};
pub use hours::{AdvocateHours, Availability, ClockTime, federal_holiday};
pub use problem::{FieldError, Problem};
pub use program::{GeneralCondition, PhoneNumber, ProgramSettings};
pub use time::{Date, DateTime, Timestamp, UsTimeZone, Weekday};
