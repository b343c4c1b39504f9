//! Building blocks the pages compose; one component per file, named after it.

mod contact_card;
mod error_notice;
mod site_footer;
mod site_header;
mod skip_link;
mod with_program;

pub use contact_card::ContactCard;
pub use error_notice::ErrorNotice;
pub use site_footer::SiteFooter;
pub use site_header::SiteHeader;
pub use skip_link::SkipLink;
pub use with_program::WithProgram;
