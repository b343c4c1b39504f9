//! One folder or file per page; each composes components and asks `api` for what it shows.
//! Pages never import one another: what two pages share is a component.

mod about;
mod bill;
pub mod console;
mod estimate;
pub mod finder;
mod home;
mod request_status;

pub use about::AboutPage;
pub use bill::BillPage;
pub use estimate::EstimatePage;
pub use home::HomePage;
pub use request_status::RequestStatusPage;
