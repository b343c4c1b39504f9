//! The services advocates provide, every one the program description lists, in plain words.
//!
//! Source: the program description's sections "Clinical Services", "Senior Care and Special
//! Needs Services", "Administrative Support Services – Benefits and Claims", "Financial Support
//! Services" and "Medical Bill Saver™ Scope of Services", one entry per bullet (the four Medical
//! Bill Saver bullets are the steps of its one service).

mod entries;

use entries::{BENEFITS_AND_CLAIMS, CLINICAL, FINANCIAL_SUPPORT, MEDICAL_BILL_SAVER, SENIOR_CARE};
use serde::{Deserialize, Serialize};

/// The program's five areas of help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ServiceArea {
    Clinical,
    SeniorCare,
    BenefitsAndClaims,
    FinancialSupport,
    MedicalBillSaver,
}

impl ServiceArea {
    pub const ALL: [ServiceArea; 5] = [
        ServiceArea::Clinical,
        ServiceArea::SeniorCare,
        ServiceArea::BenefitsAndClaims,
        ServiceArea::FinancialSupport,
        ServiceArea::MedicalBillSaver,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            ServiceArea::Clinical => "clinical",
            ServiceArea::SeniorCare => "senior-care",
            ServiceArea::BenefitsAndClaims => "benefits-and-claims",
            ServiceArea::FinancialSupport => "costs-and-bills",
            ServiceArea::MedicalBillSaver => "bill-saver",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|area| area.slug() == slug)
    }

    pub fn title(self) -> &'static str {
        match self {
            ServiceArea::Clinical => "Health and medical care",
            ServiceArea::SeniorCare => "Care for an older or disabled family member",
            ServiceArea::BenefitsAndClaims => "Insurance, claims and appeals",
            ServiceArea::FinancialSupport => "Costs and bills",
            ServiceArea::MedicalBillSaver => "Lower a bill your plan did not cover",
        }
    }

    /// A line of examples under the title, so a member recognises their situation.
    pub fn examples(self) -> &'static str {
        match self {
            ServiceArea::Clinical => "A new diagnosis, finding a doctor, a second opinion, medicines, care after a hospital stay",
            ServiceArea::SeniorCare => "Nursing homes, adult day care, help at home, doctors who make house calls",
            ServiceArea::BenefitsAndClaims => "A denied claim, approval before care, two insurance plans, an appeal",
            ServiceArea::FinancialSupport => "What something will cost, comparing options, checking a bill for mistakes",
            ServiceArea::MedicalBillSaver => "A bill over $400 for care your plan did not cover",
        }
    }
}

/// Who handles a service when the person is covered by the sponsoring carrier's own medical plan.
/// Program description, the NOTE under each area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CarrierPlanRule {
    /// "Any requests for the aforementioned … services will be directed to" the carrier.
    DirectedToCarrier,
    /// Outside what the carrier's plan customarily handles (locating community services,
    /// obtaining equipment or supplies), or an area without a NOTE: advocates proceed.
    AdvocatesProceed,
    /// "Any issues related to the covered portion of medical bills will be directed to" the
    /// carrier; the rest stays with advocates.
    CoveredPortionToCarrier,
}

/// A detail the guide asks before it can say which service fits and who handles it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NeedDetail {
    /// The bill's amount, in dollars and cents.
    BillAmount,
    /// What the plan did with the bill (`BillCoverage`), and the part not covered of a partly
    /// covered one.
    BillCoverage,
    /// The condition or diagnosis, in the member's words.
    Condition,
    /// Where care is wanted, as a ZIP code.
    Zip,
    /// What a benefits-and-claims request is about (`AdministrativeTopic`): asked of carrier-plan
    /// members only, since it decides the administrative exception.
    AdministrativeTopic,
    /// Network and coverage of care to negotiate before it happens (`PlannedCare`): asked of
    /// carrier-plan members only (the in-network limit under Medical Bill Saver).
    PlannedCare,
}

impl NeedDetail {
    /// Whether the guide asks this detail of a person with `plan` (not asked: `None`).
    pub fn asked_for(self, plan: Option<crate::plan_facts::PlanCoverage>) -> bool {
        match self {
            NeedDetail::AdministrativeTopic | NeedDetail::PlannedCare => plan == Some(crate::plan_facts::PlanCoverage::CarrierPlan),
            _ => true,
        }
    }
}

/// One service of the program, written for a member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Service {
    /// Stable id used in links: "second-opinion".
    pub id: String,
    pub area: ServiceArea,
    /// What a member would call it: "Get a second opinion".
    pub title: String,
    /// What the advocate will do, one plain sentence each.
    pub advocate_will: Vec<String>,
    /// Situations where this is the right help.
    pub examples: Vec<String>,
    /// What to have at hand when the advocate calls.
    pub have_ready: Vec<String>,
    /// Other words people use for it (for the search box).
    pub search_words: Vec<String>,
    /// The details the guide asks for this need.
    pub details: Vec<NeedDetail>,
    pub carrier_plan_rule: CarrierPlanRule,
    /// A condition of the program that matters for this service, shown with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition_note: Option<String>,
}

/// A service as written in `entries`: static text, made into a `Service` for the wire.
struct Entry {
    id: &'static str,
    title: &'static str,
    advocate_will: &'static [&'static str],
    examples: &'static [&'static str],
    have_ready: &'static [&'static str],
    search_words: &'static [&'static str],
    details: &'static [NeedDetail],
    rule: CarrierPlanRule,
    condition_note: Option<&'static str>,
}

/// Every service, in the program description's order.
pub fn catalog() -> Vec<Service> {
    [
        (ServiceArea::Clinical, CLINICAL),
        (ServiceArea::SeniorCare, SENIOR_CARE),
        (ServiceArea::BenefitsAndClaims, BENEFITS_AND_CLAIMS),
        (ServiceArea::FinancialSupport, FINANCIAL_SUPPORT),
        (ServiceArea::MedicalBillSaver, MEDICAL_BILL_SAVER),
    ]
    .into_iter()
    .flat_map(|(area, entries)| entries.iter().map(move |entry| entry.to_service(area)))
    .collect()
}

impl Entry {
    fn to_service(&self, area: ServiceArea) -> Service {
        let strings = |items: &[&str]| items.iter().map(|s| s.to_string()).collect();
        Service {
            id: self.id.into(),
            area,
            title: self.title.into(),
            advocate_will: strings(self.advocate_will),
            examples: strings(self.examples),
            have_ready: strings(self.have_ready),
            search_words: strings(self.search_words),
            details: self.details.to_vec(),
            carrier_plan_rule: self.rule,
            condition_note: self.condition_note.map(Into::into),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_service_has_every_field() {
        for service in catalog() {
            assert!(!service.title.is_empty(), "{}", service.id);
            assert!(!service.advocate_will.is_empty(), "{} says what the advocate will do", service.id);
            assert!(!service.examples.is_empty(), "{} has examples", service.id);
            assert!(!service.have_ready.is_empty(), "{} says what to have ready", service.id);
            assert!(!service.search_words.is_empty(), "{} has search words", service.id);
            assert!(service.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{} is a link-safe id", service.id);
        }
    }

    #[test]
    fn ids_are_unique() {
        let services = catalog();
        let ids: HashSet<_> = services.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids.len(), services.len());
    }

    #[test]
    fn every_bullet_of_the_program_description_is_a_service() {
        // 11 clinical, 3 senior care, 11 benefits and claims and the NOTE's "locating community
        // services", 5 financial, and Medical Bill Saver (whose four bullets are the four steps of
        // its one service).
        let count = |area| catalog().into_iter().filter(|s| s.area == area).count();
        assert_eq!(count(ServiceArea::Clinical), 11);
        assert_eq!(count(ServiceArea::SeniorCare), 3);
        assert_eq!(count(ServiceArea::BenefitsAndClaims), 12);
        assert_eq!(count(ServiceArea::FinancialSupport), 5);
        assert_eq!(count(ServiceArea::MedicalBillSaver), 1);
        let saver = catalog().into_iter().find(|s| s.id == "medical-bill-saver").unwrap();
        assert_eq!(saver.advocate_will.len(), 4);
    }

    #[test]
    fn appeals_say_they_are_not_legal_advice() {
        let appeals = catalog().into_iter().find(|s| s.id == "appeals").unwrap();
        assert!(appeals.condition_note.unwrap().contains("not legal advice"));
    }

    #[test]
    fn bill_needs_ask_for_the_amount_and_coverage() {
        for id in ["bill-review", "medical-bill-saver"] {
            let service = catalog().into_iter().find(|s| s.id == id).unwrap();
            assert_eq!(service.details, vec![NeedDetail::BillAmount, NeedDetail::BillCoverage]);
        }
        let second = catalog().into_iter().find(|s| s.id == "second-opinion").unwrap();
        assert_eq!(second.details, vec![NeedDetail::Condition, NeedDetail::Zip]);
    }

    #[test]
    fn area_slugs_round_trip() {
        for area in ServiceArea::ALL {
            assert_eq!(ServiceArea::from_slug(area.slug()), Some(area));
        }
    }
}
