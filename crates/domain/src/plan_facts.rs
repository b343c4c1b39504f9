//! What the member says of their plan, their bill and their need: the answers routing
//! (`routing.rs`) and the catalog's questions (`catalog.rs`) are both written in. A leaf: it
//! imports neither of them.

use serde::{Deserialize, Serialize};

/// Whether the person who needs help is covered by the sponsoring carrier's medical plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum PlanCoverage {
    CarrierPlan,
    OtherPlan,
    NotSure,
}

impl PlanCoverage {
    /// The finder asks about the plan only where it changes the routing; a question not asked
    /// or not answered counts as "not sure".
    pub fn from_answer(answer: Option<PlanCoverage>) -> PlanCoverage {
        answer.unwrap_or(PlanCoverage::NotSure)
    }

    pub const ALL: [PlanCoverage; 3] = [PlanCoverage::CarrierPlan, PlanCoverage::OtherPlan, PlanCoverage::NotSure];

    pub fn slug(self) -> &'static str {
        match self {
            PlanCoverage::CarrierPlan => "carrier-plan",
            PlanCoverage::OtherPlan => "other-plan",
            PlanCoverage::NotSure => "not-sure",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.slug() == slug)
    }
}

/// What the health plan did with a bill, as the program means "covered": Medical Bill Saver
/// negotiates "non-covered medical bills over $400"; the covered portion of a carrier-plan
/// member's bill goes to the carrier. Asked in words members know, since "insurance paid $0"
/// may still mean covered (applied to the deductible).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum BillCoverage {
    /// Not covered at all: a limit reached, a service the plan excludes, no coverage.
    NotCovered,
    /// The plan covered some of it and not the rest.
    PartlyCovered,
    /// Covered: what the member owes is the deductible, copay or coinsurance.
    Covered,
    /// The member does not know: an advocate finds out.
    NotSure,
}

impl BillCoverage {
    /// The answer as the member picks it.
    pub fn label(self) -> &'static str {
        match self {
            BillCoverage::Covered => "Covered: what I owe is my deductible, copay or coinsurance",
            BillCoverage::PartlyCovered => "Partly covered: the plan covered some of it and not the rest",
            BillCoverage::NotCovered => "Not covered at all: for example a visit limit was reached, or the plan excludes the service",
            BillCoverage::NotSure => "I don't know",
        }
    }

    /// The answer in a summary of the member's answers.
    pub fn summary(self) -> &'static str {
        match self {
            BillCoverage::NotCovered => "Not covered by the plan",
            BillCoverage::PartlyCovered => "Partly covered by the plan",
            BillCoverage::Covered => "Covered by the plan (deductible, copay or coinsurance)",
            BillCoverage::NotSure => "Not sure what the plan covered",
        }
    }

    pub const ALL: [BillCoverage; 4] =
        [BillCoverage::Covered, BillCoverage::PartlyCovered, BillCoverage::NotCovered, BillCoverage::NotSure];

    pub fn slug(self) -> &'static str {
        match self {
            BillCoverage::NotCovered => "not-covered",
            BillCoverage::PartlyCovered => "partly-covered",
            BillCoverage::Covered => "covered",
            BillCoverage::NotSure => "not-sure",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.slug() == slug)
    }
}

/// What a benefits-and-claims request is mainly about, asked of carrier-plan members. Program
/// description, the NOTE under Administrative Support Services: such requests "will be directed
/// to Cigna HealthCare. If the administrative issue falls outside of the customary services
/// provided by the customer's Cigna health plan (such as locating community services or
/// obtaining equipment or supplies) Personal Health Advocates will proceed".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum AdministrativeTopic {
    /// Benefits, claims, coverage, approvals, appeals: what the plan customarily handles.
    PlanMatter,
    CommunityServices,
    EquipmentOrSupplies,
    NotSure,
}

impl AdministrativeTopic {
    pub const ALL: [AdministrativeTopic; 4] = [
        AdministrativeTopic::PlanMatter,
        AdministrativeTopic::CommunityServices,
        AdministrativeTopic::EquipmentOrSupplies,
        AdministrativeTopic::NotSure,
    ];

    pub fn label(self) -> &'static str {
        match self {
            AdministrativeTopic::PlanMatter => "Something the health plan handles: benefits, a claim, coverage, an approval or an appeal",
            AdministrativeTopic::CommunityServices => "Finding community services, such as transport, meals or a support group",
            AdministrativeTopic::EquipmentOrSupplies => "Getting medical equipment or supplies",
            AdministrativeTopic::NotSure => "I'm not sure",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            AdministrativeTopic::PlanMatter => "plan-matter",
            AdministrativeTopic::CommunityServices => "community-services",
            AdministrativeTopic::EquipmentOrSupplies => "equipment-or-supplies",
            AdministrativeTopic::NotSure => "not-sure",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.slug() == slug)
    }
}

/// The care a carrier-plan member wants a price negotiated for, before having it. Program
/// description, the NOTE under Medical Bill Saver: advocates "may negotiate with Cigna
/// Healthcare in-network providers but only when the plan does not cover the service".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum PlannedCare {
    InNetworkCovered,
    InNetworkNotCovered,
    OutOfNetwork,
    NotSure,
}

impl PlannedCare {
    pub const ALL: [PlannedCare; 4] =
        [PlannedCare::InNetworkCovered, PlannedCare::InNetworkNotCovered, PlannedCare::OutOfNetwork, PlannedCare::NotSure];

    /// The answer as the member picks it; `carrier` names the carrier.
    pub fn label(self, carrier: &str) -> String {
        match self {
            PlannedCare::InNetworkCovered => format!("The provider is in {carrier}'s network and my plan covers this care"),
            PlannedCare::InNetworkNotCovered => {
                format!(
                    "The provider is in {carrier}'s network, but my plan does not cover this care (for example, a visit limit was reached)"
                )
            }
            PlannedCare::OutOfNetwork => format!("The provider is not in {carrier}'s network"),
            PlannedCare::NotSure => "I'm not sure".to_string(),
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            PlannedCare::InNetworkCovered => "in-network-covered",
            PlannedCare::InNetworkNotCovered => "in-network-not-covered",
            PlannedCare::OutOfNetwork => "out-of-network",
            PlannedCare::NotSure => "not-sure",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.slug() == slug)
    }
}
