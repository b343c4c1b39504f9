//! Building blocks the pages compose; one component per file, named after it.

mod back_link;
mod contact_card;
mod error_notice;
mod error_summary;
mod radios;
mod site_footer;
mod site_header;
mod skip_link;
mod step_caption;
mod text_field;

pub use back_link::BackLink;
pub use contact_card::ContactCard;
pub use error_notice::ErrorNotice;
pub use error_summary::{ErrorSummary, FieldError};
pub use radios::Radios;
pub use site_footer::SiteFooter;
pub use site_header::SiteHeader;
pub use skip_link::SkipLink;
pub use step_caption::StepCaption;
pub use text_field::TextField;
