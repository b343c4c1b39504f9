//! One folder or file per page; each composes components and asks `api` for what it shows.

mod about;
pub mod bill;
pub mod console;
pub mod estimate;
pub mod finder;
mod home;
mod not_found;
mod request_status;

pub use about::AboutPage;
pub use bill::BillPage;
pub use estimate::EstimatePage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use request_status::RequestStatusPage;
