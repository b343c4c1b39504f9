//! Who may use the service.
//!
//! Program description, General Conditions 3: "Only covered employees and their family members
//! (spouse/domestic partner, dependent children, parents and parents-in-law) are eligible."

use serde::{Deserialize, Serialize};

/// The person who needs help, by their relationship to the covered employee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Relationship {
    Employee,
    SpouseOrPartner,
    /// A dependent child: the program names "dependent children".
    Child,
    /// A child who is not the employee's dependent (a grown child with their own coverage).
    NonDependentChild,
    Parent,
    ParentInLaw,
    Sibling,
    Grandparent,
    OtherRelative,
    Friend,
}

impl Relationship {
    pub const ALL: [Relationship; 10] = [
        Relationship::Employee,
        Relationship::SpouseOrPartner,
        Relationship::Child,
        Relationship::NonDependentChild,
        Relationship::Parent,
        Relationship::ParentInLaw,
        Relationship::Sibling,
        Relationship::Grandparent,
        Relationship::OtherRelative,
        Relationship::Friend,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Relationship::Employee => "employee",
            Relationship::SpouseOrPartner => "spouse-or-partner",
            Relationship::Child => "child",
            Relationship::NonDependentChild => "child-not-dependent",
            Relationship::Parent => "parent",
            Relationship::ParentInLaw => "parent-in-law",
            Relationship::Sibling => "sibling",
            Relationship::Grandparent => "grandparent",
            Relationship::OtherRelative => "other-relative",
            Relationship::Friend => "friend",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.slug() == slug)
    }

    /// The choice as the guide offers it.
    pub fn label(self) -> &'static str {
        match self {
            Relationship::Employee => "The employee",
            Relationship::SpouseOrPartner => "The employee's spouse or domestic partner",
            Relationship::Child => "The employee's dependent child",
            Relationship::NonDependentChild => "The employee's child who is not a dependent",
            Relationship::Parent => "The employee's parent",
            Relationship::ParentInLaw => "The employee's parent-in-law",
            Relationship::Sibling => "The employee's brother or sister",
            Relationship::Grandparent => "The employee's grandparent",
            Relationship::OtherRelative => "Another relative",
            Relationship::Friend => "A friend or someone else",
        }
    }

    /// How later questions refer to the person: "Is the employee's parent covered…".
    pub fn person(self) -> &'static str {
        match self {
            Relationship::Employee => "the employee",
            Relationship::SpouseOrPartner => "the spouse or partner",
            Relationship::Child => "the child",
            Relationship::NonDependentChild => "the employee's child",
            Relationship::Parent => "the parent",
            Relationship::ParentInLaw => "the parent-in-law",
            Relationship::Sibling => "the brother or sister",
            Relationship::Grandparent => "the grandparent",
            Relationship::OtherRelative => "your relative",
            Relationship::Friend => "your friend",
        }
    }

    /// A line under the choice that explains it, where one is needed.
    pub fn hint(self) -> Option<&'static str> {
        match self {
            Relationship::Child => Some("A child the employee covers as a dependent on their benefits."),
            Relationship::NonDependentChild => Some("For example a grown child who has their own health coverage."),
            Relationship::SpouseOrPartner => Some("Married, or a domestic partner."),
            _ => None,
        }
    }

    pub fn is_eligible(self) -> bool {
        matches!(
            self,
            Relationship::Employee | Relationship::SpouseOrPartner | Relationship::Child | Relationship::Parent | Relationship::ParentInLaw
        )
    }

    /// Why someone cannot use the service, kindly, and what they can do instead.
    pub fn not_eligible(self) -> Option<NotEligible> {
        (!self.is_eligible()).then(|| NotEligible {
            message: format!(
                "We are sorry: this service is only for employees and their spouse or domestic partner, dependent children, parents and parents-in-law, so {} cannot use it.",
                self.person()
            ),
            instead: vec![
                "Ask their own employer or health plan whether it offers a health advocate; many do.".into(),
                "Call the member services number on their own insurance card: it can help with claims, benefits and finding doctors.".into(),
                "For help with Medicare, contact their state's State Health Insurance Assistance Program (SHIP), which gives free, unbiased counseling.".into(),
                "If the question is really about the employee's own care or bills, or those of an eligible family member, start again and choose that person.".into(),
            ],
        })
    }
}

/// What the guide says to someone who is not eligible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotEligible {
    pub message: String,
    pub instead: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_employee_and_the_four_kinds_of_family_are_eligible() {
        for r in
            [Relationship::Employee, Relationship::SpouseOrPartner, Relationship::Child, Relationship::Parent, Relationship::ParentInLaw]
        {
            assert!(r.is_eligible(), "{r:?}");
            assert!(r.not_eligible().is_none());
        }
    }

    #[test]
    fn a_child_who_is_not_a_dependent_is_not_eligible() {
        assert!(Relationship::Child.is_eligible());
        assert!(!Relationship::NonDependentChild.is_eligible());
        assert!(Relationship::Child.label().contains("dependent"));
        let answer = Relationship::NonDependentChild.not_eligible().unwrap();
        assert!(answer.message.contains("dependent children"), "{}", answer.message);
    }

    #[test]
    fn a_sibling_a_grandparent_or_a_friend_is_told_kindly_and_given_other_options() {
        for r in [Relationship::Sibling, Relationship::Grandparent, Relationship::OtherRelative, Relationship::Friend] {
            assert!(!r.is_eligible(), "{r:?}");
            let answer = r.not_eligible().unwrap();
            assert!(answer.message.starts_with("We are sorry"));
            assert!(answer.instead.len() >= 3);
        }
    }

    #[test]
    fn slugs_round_trip() {
        for r in Relationship::ALL {
            assert_eq!(Relationship::from_slug(r.slug()), Some(r));
        }
    }
}
