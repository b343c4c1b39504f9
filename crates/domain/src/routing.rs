//! Who handles a request: an advocate or the sponsoring carrier's customer service, and why.
//!
//! Program description, the NOTEs: for members covered under the carrier's medical plan,
//! clinical and administrative (benefits and claims) requests are directed to the carrier,
//! except administrative issues outside what the plan customarily handles (locating community
//! services, obtaining equipment or supplies); issues about the covered portion of medical bills
//! go to the carrier. Medical Bill Saver: "non-covered medical bills over $400"; in-network
//! providers of the carrier "only when the plan does not cover the service".

use crate::catalog::{CarrierPlanRule, Service, ServiceArea};
use crate::money::Money;
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

/// Whether insurance paid any of a bill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum BillCoverage {
    /// Insurance paid none of it, or there was no insurance for this care.
    NotCovered,
    /// Insurance paid part; the member is billed the rest.
    PartlyCovered,
    /// Insurance covered it; the bill is the member's share (deductible, copay, coinsurance).
    Covered,
}

impl BillCoverage {
    /// The answer in a summary of the member's answers.
    pub fn summary(self) -> &'static str {
        match self {
            BillCoverage::NotCovered => "Insurance paid none of it",
            BillCoverage::PartlyCovered => "Insurance paid part of it",
            BillCoverage::Covered => "It is a share after insurance (deductible, copay or coinsurance)",
        }
    }

    pub const ALL: [BillCoverage; 3] = [BillCoverage::NotCovered, BillCoverage::PartlyCovered, BillCoverage::Covered];

    pub fn slug(self) -> &'static str {
        match self {
            BillCoverage::NotCovered => "not-covered",
            BillCoverage::PartlyCovered => "partly-covered",
            BillCoverage::Covered => "covered",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.slug() == slug)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Handler {
    Advocate,
    Carrier,
}

/// Where a request goes and why, shown to the member before they submit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Routing {
    pub handler: Handler,
    pub reason: String,
}

/// Decides who handles `service` for a person with `plan`, given the bill's coverage when the
/// need is about a bill. `carrier` is the sponsoring carrier's name, for the explanation.
pub fn route(service: &Service, plan: PlanCoverage, bill: Option<BillCoverage>, carrier: &str) -> Routing {
    let advocate = |reason: String| Routing { handler: Handler::Advocate, reason };
    let carrier_handles = |reason: String| Routing { handler: Handler::Carrier, reason };
    // Services outside what the carrier's plan handles stay with advocates whatever the plan.
    if service.carrier_plan_rule == CarrierPlanRule::AdvocatesProceed {
        return advocate(match (service.area, plan) {
            (ServiceArea::SeniorCare, _) => {
                "Advocates handle senior care and special needs for everyone, whatever their health plan.".into()
            }
            (_, PlanCoverage::CarrierPlan) => format!(
                "{carrier}'s plan does not usually handle this, so an advocate will help you even though you have a {carrier} medical plan."
            ),
            _ => "Advocates handle this for everyone, whatever their health plan.".into(),
        });
    }
    match plan {
        PlanCoverage::OtherPlan => {
            advocate(format!("The person is not covered by a {carrier} medical plan, so an advocate handles this from start to finish."))
        }
        PlanCoverage::NotSure => advocate(format!(
            "An advocate will start on this. If the person turns out to be covered by a {carrier} medical plan, the advocate may pass the request to {carrier}'s customer service."
        )),
        PlanCoverage::CarrierPlan => match service.carrier_plan_rule {
            CarrierPlanRule::DirectedToCarrier => carrier_handles(format!(
                "Because the person is covered by a {carrier} medical plan, {carrier}'s customer service handles {} requests like this one. We will pass it on.",
                match service.area {
                    ServiceArea::Clinical => "health and medical care",
                    _ => "benefits and claims",
                }
            )),
            CarrierPlanRule::AdvocatesProceed => unreachable!("handled above"),
            CarrierPlanRule::CoveredPortionToCarrier => match bill {
                Some(BillCoverage::Covered) => carrier_handles(format!(
                    "Questions about the part of a bill that a {carrier} medical plan covered go to {carrier}'s customer service. We will pass it on."
                )),
                Some(BillCoverage::PartlyCovered) => advocate(format!(
                    "An advocate will help with the part insurance did not cover. Questions about the part {carrier}'s plan covered go to {carrier}'s customer service."
                )),
                Some(BillCoverage::NotCovered) => advocate("Insurance did not pay this bill, so an advocate handles it.".into()),
                None => advocate(format!("Advocates handle cost questions like this one, even with a {carrier} medical plan.")),
            },
        },
    }
}

/// Medical Bill Saver's threshold: bills must be over $400 ($400.00 itself does not qualify).
pub const BILL_SAVER_THRESHOLD: Money = Money::from_dollars(400);

/// Whether a bill can go to Medical Bill Saver for negotiation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BillSaverEligibility {
    Qualifies,
    /// $400.00 or less.
    AtOrUnderThreshold,
    /// Insurance covered some or all of it.
    CoveredByInsurance,
}

impl BillSaverEligibility {
    /// The answer in one sentence.
    pub fn sentence(self, amount: Money) -> String {
        match self {
            BillSaverEligibility::Qualifies => {
                format!("This {amount} bill can go to Medical Bill Saver: an advocate can try to negotiate it down.")
            }
            BillSaverEligibility::AtOrUnderThreshold => format!(
                "Medical Bill Saver negotiates bills over {BILL_SAVER_THRESHOLD}, so this {amount} bill does not qualify, but an advocate can still check it for mistakes."
            ),
            BillSaverEligibility::CoveredByInsurance => {
                "Medical Bill Saver is for bills insurance did not cover, but an advocate can still check this bill for mistakes.".into()
            }
        }
    }
}

/// Medical Bill Saver: bills not covered by insurance and over $400. The provider may be in the
/// carrier's network: "not covered" already means the plan does not cover the service.
pub fn bill_saver_eligibility(amount: Money, coverage: BillCoverage) -> BillSaverEligibility {
    if coverage != BillCoverage::NotCovered {
        BillSaverEligibility::CoveredByInsurance
    } else if amount > BILL_SAVER_THRESHOLD {
        BillSaverEligibility::Qualifies
    } else {
        BillSaverEligibility::AtOrUnderThreshold
    }
}

/// The two services for a bill: an advocate checks it for mistakes, or Medical Bill Saver
/// negotiates it down. Program description: Medical Bill Saver takes "non-covered medical bills
/// over $400" (`bill_saver_eligibility`); any other bill goes to the bill review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BillService {
    Review,
    BillSaver,
}

impl BillService {
    /// The service a bill belongs with, by its Medical Bill Saver answer.
    pub fn for_bill(eligibility: BillSaverEligibility) -> Self {
        match eligibility {
            BillSaverEligibility::Qualifies => BillService::BillSaver,
            BillSaverEligibility::AtOrUnderThreshold | BillSaverEligibility::CoveredByInsurance => BillService::Review,
        }
    }

    /// When a member chose one of the two bill services (by its catalog id) but their answers
    /// fit the other, the other; None when the choice fits or is not a bill service.
    pub fn better_fit(chosen: &str, eligibility: BillSaverEligibility) -> Option<Self> {
        let chosen = [BillService::Review, BillService::BillSaver].into_iter().find(|s| s.id() == chosen)?;
        Some(Self::for_bill(eligibility)).filter(|fit| *fit != chosen)
    }

    /// The service's id in the catalog.
    pub fn id(self) -> &'static str {
        match self {
            BillService::Review => "bill-review",
            BillService::BillSaver => "medical-bill-saver",
        }
    }

    /// The catalog's area the service is in.
    pub fn area(self) -> ServiceArea {
        match self {
            BillService::Review => ServiceArea::FinancialSupport,
            BillService::BillSaver => ServiceArea::MedicalBillSaver,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::catalog;

    fn service(id: &str) -> Service {
        catalog().into_iter().find(|s| s.id == id).unwrap()
    }

    #[test]
    fn without_the_carriers_plan_advocates_handle_every_area() {
        for s in catalog() {
            for bill in [None, Some(BillCoverage::Covered)] {
                assert_eq!(route(&s, PlanCoverage::OtherPlan, bill, "Cigna").handler, Handler::Advocate, "{}", s.id);
                assert_eq!(route(&s, PlanCoverage::NotSure, bill, "Cigna").handler, Handler::Advocate, "{}", s.id);
            }
        }
    }

    #[test]
    fn with_the_carriers_plan_clinical_requests_go_to_the_carrier() {
        for s in catalog().into_iter().filter(|s| s.area == ServiceArea::Clinical) {
            let routing = route(&s, PlanCoverage::CarrierPlan, None, "Cigna");
            assert_eq!(routing.handler, Handler::Carrier, "{}", s.id);
            assert!(routing.reason.contains("Cigna's customer service"));
        }
    }

    #[test]
    fn senior_care_never_suggests_passing_the_request_on() {
        for s in catalog().into_iter().filter(|s| s.area == ServiceArea::SeniorCare) {
            for plan in PlanCoverage::ALL {
                let routing = route(&s, plan, None, "Cigna");
                assert_eq!(routing.handler, Handler::Advocate);
                assert!(!routing.reason.contains("pass"), "{}: {}", s.id, routing.reason);
            }
        }
    }

    #[test]
    fn with_the_carriers_plan_senior_care_stays_with_advocates() {
        for s in catalog().into_iter().filter(|s| s.area == ServiceArea::SeniorCare) {
            assert_eq!(route(&s, PlanCoverage::CarrierPlan, None, "Cigna").handler, Handler::Advocate, "{}", s.id);
        }
    }

    #[test]
    fn with_the_carriers_plan_claims_go_to_the_carrier_but_equipment_and_supplies_stay() {
        for s in catalog().into_iter().filter(|s| s.area == ServiceArea::BenefitsAndClaims) {
            let expected = if s.id.starts_with("equipment-") { Handler::Advocate } else { Handler::Carrier };
            assert_eq!(route(&s, PlanCoverage::CarrierPlan, None, "Cigna").handler, expected, "{}", s.id);
        }
    }

    #[test]
    fn with_the_carriers_plan_only_the_covered_portion_of_a_bill_goes_to_the_carrier() {
        for s in catalog().into_iter().filter(|s| matches!(s.area, ServiceArea::FinancialSupport | ServiceArea::MedicalBillSaver)) {
            assert_eq!(route(&s, PlanCoverage::CarrierPlan, None, "Cigna").handler, Handler::Advocate, "{}", s.id);
            assert_eq!(route(&s, PlanCoverage::CarrierPlan, Some(BillCoverage::NotCovered), "Cigna").handler, Handler::Advocate);
            assert_eq!(route(&s, PlanCoverage::CarrierPlan, Some(BillCoverage::PartlyCovered), "Cigna").handler, Handler::Advocate);
            assert_eq!(route(&s, PlanCoverage::CarrierPlan, Some(BillCoverage::Covered), "Cigna").handler, Handler::Carrier);
        }
        let partly = route(&service("bill-review"), PlanCoverage::CarrierPlan, Some(BillCoverage::PartlyCovered), "Cigna");
        assert!(partly.reason.contains("part insurance did not cover"));
    }

    #[test]
    fn bills_of_399_99_and_400_00_do_not_qualify_for_bill_saver() {
        assert_eq!(bill_saver_eligibility(Money::from_cents(39_999), BillCoverage::NotCovered), BillSaverEligibility::AtOrUnderThreshold);
        assert_eq!(bill_saver_eligibility(Money::from_cents(40_000), BillCoverage::NotCovered), BillSaverEligibility::AtOrUnderThreshold);
    }

    #[test]
    fn a_bill_of_400_01_not_covered_by_insurance_qualifies_for_bill_saver() {
        assert_eq!(bill_saver_eligibility(Money::from_cents(40_001), BillCoverage::NotCovered), BillSaverEligibility::Qualifies);
    }

    #[test]
    fn a_covered_bill_never_qualifies_for_bill_saver() {
        for coverage in [BillCoverage::Covered, BillCoverage::PartlyCovered] {
            assert_eq!(bill_saver_eligibility(Money::from_dollars(5_000), coverage), BillSaverEligibility::CoveredByInsurance);
        }
    }

    #[test]
    fn each_bill_service_is_in_the_catalog_in_its_area() {
        for bill_service in [BillService::Review, BillService::BillSaver] {
            let found = service(bill_service.id());
            assert_eq!(found.area, bill_service.area(), "{}", found.id);
        }
    }

    #[test]
    fn a_bill_that_qualifies_goes_to_bill_saver_and_any_other_to_the_bill_review() {
        assert_eq!(BillService::for_bill(BillSaverEligibility::Qualifies), BillService::BillSaver);
        assert_eq!(BillService::for_bill(BillSaverEligibility::AtOrUnderThreshold), BillService::Review);
        assert_eq!(BillService::for_bill(BillSaverEligibility::CoveredByInsurance), BillService::Review);
    }

    #[test]
    fn a_bill_service_that_does_not_fit_the_answers_suggests_the_other() {
        let qualifies = BillSaverEligibility::Qualifies;
        let under = BillSaverEligibility::AtOrUnderThreshold;
        assert_eq!(BillService::better_fit("bill-review", qualifies), Some(BillService::BillSaver));
        assert_eq!(BillService::better_fit("medical-bill-saver", under), Some(BillService::Review));
        assert_eq!(BillService::better_fit("bill-review", under), None);
        assert_eq!(BillService::better_fit("medical-bill-saver", qualifies), None);
        assert_eq!(BillService::better_fit("second-opinion", qualifies), None);
    }

    #[test]
    fn the_bill_saver_answer_reads_as_one_sentence() {
        let sentence = BillSaverEligibility::AtOrUnderThreshold.sentence(Money::from_cents(40_000));
        assert_eq!(
            sentence,
            "Medical Bill Saver negotiates bills over $400.00, so this $400.00 bill does not qualify, but an advocate can still check it for mistakes."
        );
    }
}
