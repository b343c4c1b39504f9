//! The words the member app's entry pages open with. The SPA draws them, and the server sends
//! them as the page's first paint (the HTML a phone shows before the app has loaded, and all a
//! browser without JavaScript shows), so both say the same thing in the same words.
//!
//! Program description: members reach an advocate "through a dedicated toll-free number"; the
//! number and the hours come from the program settings, never from here.

use crate::hours::AdvocateHours;
use crate::program::ProgramSettings;

/// A page a member may open the app at, from a link, a bookmark or an employer's intranet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryPage {
    Home,
    About,
    /// The service finder's first step, "Who needs help?".
    Finder,
    Estimate,
    Bill,
}

impl EntryPage {
    pub const ALL: [EntryPage; 5] = [EntryPage::Home, EntryPage::About, EntryPage::Finder, EntryPage::Estimate, EntryPage::Bill];

    /// The page's address inside the app, after the base path and any employer prefix.
    pub fn path(self) -> &'static str {
        match self {
            EntryPage::Home => "/",
            EntryPage::About => "/about",
            EntryPage::Finder => "/find",
            EntryPage::Estimate => "/estimate",
            EntryPage::Bill => "/bill",
        }
    }

    /// The entry page at an address inside the app ("/find", "find/", "" for home); `None` for
    /// any other page (a later finder step, a request's status, the console).
    pub fn at(path: &str) -> Option<EntryPage> {
        let path = path.trim_matches('/');
        EntryPage::ALL.into_iter().find(|page| page.path().trim_matches('/') == path)
    }

    /// The page's heading (its `<h1>`), which is also its title in the browser's tab.
    pub fn heading(self) -> &'static str {
        match self {
            EntryPage::Home => "Get help with health care, insurance and medical bills",
            EntryPage::About => "What this service is and is not",
            EntryPage::Finder => "Who needs help?",
            EntryPage::Estimate => "Estimate a cost",
            EntryPage::Bill => "Check a medical bill",
        }
    }

    /// The sentence under the heading, where the page has one: who offers the help, and what
    /// the page does.
    pub fn lead(self, program: &ProgramSettings) -> Option<String> {
        match self {
            EntryPage::Home => Some(format!(
                "Nurses and benefits experts help you and your family find care, sort out claims and lower medical bills. \
                 It comes with your benefits from {}.",
                program.sponsor_name
            )),
            EntryPage::About => Some(format!(
                "{} helps you with health care, health insurance and medical bills. \
                 Advocates are nurses and benefits experts working for {}{}",
                program.program_name,
                program.vendor_name,
                if program.vendor_name.ends_with('.') { "" } else { "." }
            )),
            EntryPage::Finder => None,
            EntryPage::Estimate => Some("See what a visit, test or procedure usually costs where you get care, before you book it.".into()),
            EntryPage::Bill => Some(
                "Find duplicate and wrong charges, see what to ask the billing office, and whether an advocate can negotiate the bill for you."
                    .into(),
            ),
        }
    }

    /// The hint under the heading of a page that opens with a question instead of a lead:
    /// who the service is for, under the finder's "Who needs help?".
    pub fn hint(self) -> Option<&'static str> {
        match self {
            EntryPage::Finder => Some("Advocates help employees and their close family, anywhere in the United States."),
            EntryPage::Home | EntryPage::About | EntryPage::Estimate | EntryPage::Bill => None,
        }
    }
}

/// One of the three ways in on the home page: what a member can do, in their words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WayIn {
    pub page: EntryPage,
    pub title: &'static str,
    pub text: &'static str,
}

/// What the three ways in answer, for those who hear the page rather than see it.
pub const WAYS_IN_HEADING: &str = "What do you need help with?";

/// The home page's three ways in, in the order members see them.
pub const WAYS_IN: [WayIn; 3] = [
    WayIn {
        page: EntryPage::Finder,
        title: "Find the right help",
        text: "Questions about a diagnosis, finding a doctor, a second opinion, care for a parent, a claim or an appeal.",
    },
    WayIn {
        page: EntryPage::Estimate,
        title: "Estimate a cost",
        text: "What a visit, test or procedure usually costs near you, before you book it.",
    },
    WayIn {
        page: EntryPage::Bill,
        title: "Check a medical bill",
        text: "Spot duplicate or wrong charges, and see if a bill can be negotiated.",
    },
];

/// The app's name, beside its mark in every member page's header.
pub const BRAND: &str = "Advocate";

/// The words beside the advocates' number in every member page's header.
pub const CALL_AN_ADVOCATE: &str = "Call an advocate";

/// When advocates answer, as one sentence: "Advocates answer Monday to Friday, 8:00 am to
/// midnight ET. The call is free." (the number is toll-free).
pub fn hours_sentence(hours: &AdvocateHours) -> String {
    format!("Advocates answer {}. The call is free.", hours.summary())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_entry_page_is_found_at_its_own_path() {
        for page in EntryPage::ALL {
            assert_eq!(EntryPage::at(page.path()), Some(page));
            assert_eq!(EntryPage::at(&format!("{}/", page.path())), Some(page));
        }
        assert_eq!(EntryPage::at(""), Some(EntryPage::Home));
        assert_eq!(EntryPage::at("find"), Some(EntryPage::Finder));
    }

    #[test]
    fn later_steps_and_the_console_are_not_entry_pages() {
        for path in ["/find/help", "/requests/K7Q4-M2XP", "/console", "/console/call", "/estimates", "/e/acme"] {
            assert_eq!(EntryPage::at(path), None, "{path}");
        }
    }

    #[test]
    fn each_way_in_leads_to_another_entry_page() {
        let pages: Vec<EntryPage> = WAYS_IN.iter().map(|way| way.page).collect();
        assert_eq!(pages, [EntryPage::Finder, EntryPage::Estimate, EntryPage::Bill]);
    }

    #[test]
    fn leads_name_the_programs_sponsor_and_vendor_once() {
        let json = r#"{"program_name":"Health Advocacy Program","sponsor_name":"Acme Health","vendor_name":"Health Advocate, Inc.",
            "advocate_phone":"866.799.2725","conditions":[{"title":"t","text":"x"}]}"#;
        let program: ProgramSettings = serde_json::from_str(json).unwrap();
        assert!(EntryPage::Home.lead(&program).unwrap().ends_with("It comes with your benefits from Acme Health."));
        let about = EntryPage::About.lead(&program).unwrap();
        assert!(about.starts_with("Health Advocacy Program helps you"), "{about}");
        assert!(about.ends_with("working for Health Advocate, Inc."), "{about}");
        assert_eq!(EntryPage::Finder.lead(&program), None);
    }

    #[test]
    fn the_hours_sentence_states_the_programs_hours() {
        assert_eq!(
            hours_sentence(&AdvocateHours::program_default()),
            "Advocates answer Monday to Friday, 8:00 am to midnight ET. The call is free."
        );
    }
}
