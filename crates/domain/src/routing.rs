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

pub use crate::plan_facts::{AdministrativeTopic, BillCoverage, PlanCoverage, PlannedCare};

/// The member's answers that decide who handles a request (see `NeedAnswers::routing_facts`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RoutingFacts {
    pub bill: Option<BillCoverage>,
    pub admin_topic: Option<AdministrativeTopic>,
    pub planned_care: Option<PlannedCare>,
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

/// Decides who handles `service` for a person with `plan`, given the answers that matter for it.
/// `carrier` is the sponsoring carrier's name, for the explanation.
pub fn route(service: &Service, plan: PlanCoverage, facts: RoutingFacts, carrier: &str) -> Routing {
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
            CarrierPlanRule::DirectedToCarrier if service.area == ServiceArea::BenefitsAndClaims => match facts.admin_topic {
                Some(AdministrativeTopic::CommunityServices | AdministrativeTopic::EquipmentOrSupplies) => advocate(format!(
                    "Finding community services or getting equipment and supplies is outside what {carrier}'s plan usually handles, so an advocate will help you even though you have a {carrier} medical plan."
                )),
                Some(AdministrativeTopic::NotSure) => advocate(format!(
                    "An advocate will start on this. If it is something {carrier}'s plan handles (benefits, claims, coverage, approvals or appeals), the advocate will pass it to {carrier}'s customer service."
                )),
                Some(AdministrativeTopic::PlanMatter) | None => carrier_handles(format!(
                    "Because the person is covered by a {carrier} medical plan, {carrier}'s customer service handles benefits and claims requests like this one. An advocate will pass it on."
                )),
            },
            CarrierPlanRule::DirectedToCarrier => carrier_handles(format!(
                "Because the person is covered by a {carrier} medical plan, {carrier}'s customer service handles health and medical care requests like this one. An advocate will pass it on."
            )),
            CarrierPlanRule::AdvocatesProceed => unreachable!("handled above"),
            CarrierPlanRule::CoveredPortionToCarrier => match (facts.bill, facts.planned_care) {
                (Some(BillCoverage::Covered), _) => carrier_handles(format!(
                    "Questions about a bill that a {carrier} medical plan covered go to {carrier}'s customer service. An advocate will pass it on."
                )),
                (Some(BillCoverage::PartlyCovered), _) => advocate(format!(
                    "An advocate will help with the part the plan did not cover. Questions about the part {carrier}'s plan covered go to {carrier}'s customer service."
                )),
                (Some(BillCoverage::NotCovered), _) => advocate("The plan did not cover this bill, so an advocate handles it.".into()),
                (Some(BillCoverage::NotSure), _) => advocate(format!(
                    "An advocate will find out what the plan covered. Questions about a part {carrier}'s plan covered then go to {carrier}'s customer service."
                )),
                (None, Some(PlannedCare::InNetworkCovered)) => carrier_handles(format!(
                    "{carrier}'s plan covers this care with an in-network provider, so what you pay is set by the plan's rates; advocates may negotiate with {carrier}'s in-network providers only when the plan does not cover the service. {carrier}'s customer service can tell you your cost. An advocate will pass it on."
                )),
                (None, Some(PlannedCare::InNetworkNotCovered | PlannedCare::OutOfNetwork)) => {
                    advocate("Advocates can negotiate this price for you, since the plan does not cover it in network.".into())
                }
                (None, Some(PlannedCare::NotSure)) => advocate(format!(
                    "An advocate will find out whether {carrier}'s plan covers this care in network; if it does, the plan's rates apply and the advocate will pass it to {carrier}'s customer service."
                )),
                (None, None) => advocate(format!("Advocates handle cost questions like this one, even with a {carrier} medical plan.")),
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
    /// Over $400 that the plan did not cover.
    Qualifies,
    /// $400.00 or less not covered.
    AtOrUnderThreshold,
    /// The plan covered it: what is owed is the deductible, copay or coinsurance.
    CoveredByInsurance,
    /// Not known yet what the plan covered (or how much of a partly covered bill it did not).
    CoverageUnknown,
}

impl BillSaverEligibility {
    /// The answer in one sentence; `not_covered` is `non_covered_amount`.
    pub fn sentence(self, not_covered: Option<Money>) -> String {
        let amount = not_covered.map(|m| m.to_string()).unwrap_or_else(|| "amount".to_string());
        match self {
            BillSaverEligibility::Qualifies => format!(
                "The {amount} your plan did not cover can go to Medical Bill Saver: an advocate can try to negotiate it down. No particular discount is promised."
            ),
            BillSaverEligibility::AtOrUnderThreshold => format!(
                "Medical Bill Saver negotiates non-covered bills over {BILL_SAVER_THRESHOLD}, so the {amount} not covered does not qualify. The bill can still be checked for mistakes."
            ),
            BillSaverEligibility::CoveredByInsurance => "Medical Bill Saver is for bills the plan did not cover. This one was covered: what you owe follows your plan's deductible, copay or coinsurance. The bill can still be checked for mistakes.".into(),
            BillSaverEligibility::CoverageUnknown => format!(
                "Medical Bill Saver negotiates non-covered bills over {BILL_SAVER_THRESHOLD}. An advocate can find out what your plan covered; if more than {BILL_SAVER_THRESHOLD} was not covered, Medical Bill Saver can try to negotiate it."
            ),
        }
    }
}

/// The part of a bill Medical Bill Saver would negotiate: all of a bill the plan did not cover,
/// the part not covered of a partly covered one (when known), nothing of a covered one.
pub fn non_covered_amount(amount: Money, coverage: BillCoverage, not_covered: Option<Money>) -> Option<Money> {
    match coverage {
        BillCoverage::NotCovered => Some(amount),
        BillCoverage::PartlyCovered => not_covered,
        BillCoverage::Covered => Some(Money::from_cents(0)),
        BillCoverage::NotSure => None,
    }
}

/// Medical Bill Saver: "non-covered medical bills over $400". The non-covered part of a partly
/// covered bill counts; a covered bill (deductible, copay, coinsurance) never does. The
/// provider may be in the carrier's network: "not covered" already means the plan does not
/// cover the service (the NOTE under Medical Bill Saver).
pub fn bill_saver_eligibility(amount: Money, coverage: BillCoverage, not_covered: Option<Money>) -> BillSaverEligibility {
    match (coverage, non_covered_amount(amount, coverage, not_covered)) {
        (BillCoverage::Covered, _) => BillSaverEligibility::CoveredByInsurance,
        (_, None) => BillSaverEligibility::CoverageUnknown,
        (_, Some(part)) if part > BILL_SAVER_THRESHOLD => BillSaverEligibility::Qualifies,
        (_, Some(_)) => BillSaverEligibility::AtOrUnderThreshold,
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
            BillSaverEligibility::AtOrUnderThreshold | BillSaverEligibility::CoveredByInsurance | BillSaverEligibility::CoverageUnknown => {
                BillService::Review
            }
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

    fn bill(coverage: BillCoverage) -> RoutingFacts {
        RoutingFacts { bill: Some(coverage), ..Default::default() }
    }

    fn topic(topic: AdministrativeTopic) -> RoutingFacts {
        RoutingFacts { admin_topic: Some(topic), ..Default::default() }
    }

    fn care(care: PlannedCare) -> RoutingFacts {
        RoutingFacts { planned_care: Some(care), ..Default::default() }
    }

    const NONE: RoutingFacts = RoutingFacts { bill: None, admin_topic: None, planned_care: None };

    #[test]
    fn without_the_carriers_plan_advocates_handle_every_area() {
        for s in catalog() {
            for facts in [NONE, bill(BillCoverage::Covered), topic(AdministrativeTopic::PlanMatter), care(PlannedCare::InNetworkCovered)] {
                assert_eq!(route(&s, PlanCoverage::OtherPlan, facts, "Cigna").handler, Handler::Advocate, "{}", s.id);
                assert_eq!(route(&s, PlanCoverage::NotSure, facts, "Cigna").handler, Handler::Advocate, "{}", s.id);
            }
        }
    }

    #[test]
    fn with_the_carriers_plan_clinical_requests_go_to_the_carrier() {
        for s in catalog().into_iter().filter(|s| s.area == ServiceArea::Clinical) {
            let routing = route(&s, PlanCoverage::CarrierPlan, NONE, "Cigna");
            assert_eq!(routing.handler, Handler::Carrier, "{}", s.id);
            assert!(routing.reason.contains("Cigna's customer service"));
        }
    }

    #[test]
    fn senior_care_never_suggests_passing_the_request_on() {
        for s in catalog().into_iter().filter(|s| s.area == ServiceArea::SeniorCare) {
            for plan in PlanCoverage::ALL {
                let routing = route(&s, plan, NONE, "Cigna");
                assert_eq!(routing.handler, Handler::Advocate);
                assert!(!routing.reason.contains("pass"), "{}: {}", s.id, routing.reason);
            }
        }
    }

    #[test]
    fn with_the_carriers_plan_benefits_and_claims_go_to_the_carrier_unless_outside_what_the_plan_handles() {
        for s in catalog()
            .into_iter()
            .filter(|s| s.area == ServiceArea::BenefitsAndClaims && s.carrier_plan_rule == CarrierPlanRule::DirectedToCarrier)
        {
            let handler = |facts| route(&s, PlanCoverage::CarrierPlan, facts, "Cigna").handler;
            assert_eq!(handler(topic(AdministrativeTopic::PlanMatter)), Handler::Carrier, "{}", s.id);
            assert_eq!(handler(NONE), Handler::Carrier, "not asked: the NOTE's rule, {}", s.id);
            assert_eq!(handler(topic(AdministrativeTopic::CommunityServices)), Handler::Advocate, "{}", s.id);
            assert_eq!(handler(topic(AdministrativeTopic::EquipmentOrSupplies)), Handler::Advocate, "{}", s.id);
            assert_eq!(handler(topic(AdministrativeTopic::NotSure)), Handler::Advocate, "an advocate finds out, {}", s.id);
        }
        // The exception is decided by the need, not by the entry: equipment entries ask too.
        assert_eq!(service("equipment-coverage").carrier_plan_rule, CarrierPlanRule::DirectedToCarrier);
        assert_eq!(service("community-services").carrier_plan_rule, CarrierPlanRule::AdvocatesProceed);
    }

    #[test]
    fn with_the_carriers_plan_only_the_covered_portion_of_a_bill_goes_to_the_carrier() {
        for s in catalog().into_iter().filter(|s| matches!(s.area, ServiceArea::FinancialSupport | ServiceArea::MedicalBillSaver)) {
            let handler = |facts| route(&s, PlanCoverage::CarrierPlan, facts, "Cigna").handler;
            assert_eq!(handler(NONE), Handler::Advocate, "{}", s.id);
            assert_eq!(handler(bill(BillCoverage::NotCovered)), Handler::Advocate);
            assert_eq!(handler(bill(BillCoverage::PartlyCovered)), Handler::Advocate);
            assert_eq!(handler(bill(BillCoverage::NotSure)), Handler::Advocate);
            assert_eq!(handler(bill(BillCoverage::Covered)), Handler::Carrier);
        }
        let partly = route(&service("bill-review"), PlanCoverage::CarrierPlan, bill(BillCoverage::PartlyCovered), "Cigna");
        assert!(partly.reason.contains("part the plan did not cover"));
    }

    #[test]
    fn negotiating_before_care_with_an_in_network_provider_needs_care_the_plan_does_not_cover() {
        let s = service("negotiate-before-care");
        let handler = |facts| route(&s, PlanCoverage::CarrierPlan, facts, "Cigna").handler;
        assert_eq!(handler(care(PlannedCare::InNetworkCovered)), Handler::Carrier);
        assert_eq!(handler(care(PlannedCare::InNetworkNotCovered)), Handler::Advocate);
        assert_eq!(handler(care(PlannedCare::OutOfNetwork)), Handler::Advocate);
        assert_eq!(handler(care(PlannedCare::NotSure)), Handler::Advocate);
    }

    #[test]
    fn bills_of_399_99_and_400_00_not_covered_do_not_qualify_for_bill_saver() {
        for cents in [39_999, 40_000] {
            let amount = Money::from_cents(cents);
            assert_eq!(bill_saver_eligibility(amount, BillCoverage::NotCovered, None), BillSaverEligibility::AtOrUnderThreshold);
        }
    }

    #[test]
    fn a_bill_of_400_01_the_plan_did_not_cover_qualifies_for_bill_saver() {
        assert_eq!(bill_saver_eligibility(Money::from_cents(40_001), BillCoverage::NotCovered, None), BillSaverEligibility::Qualifies);
    }

    #[test]
    fn a_1200_dollar_deductible_bill_does_not_qualify_but_an_excluded_service_does() {
        let amount = Money::from_dollars(1_200);
        assert_eq!(bill_saver_eligibility(amount, BillCoverage::Covered, None), BillSaverEligibility::CoveredByInsurance);
        assert_eq!(bill_saver_eligibility(amount, BillCoverage::NotCovered, None), BillSaverEligibility::Qualifies);
    }

    #[test]
    fn the_non_covered_part_of_a_partly_covered_bill_counts() {
        let amount = Money::from_dollars(3_000);
        let part = |cents| bill_saver_eligibility(amount, BillCoverage::PartlyCovered, Some(Money::from_cents(cents)));
        assert_eq!(part(40_001), BillSaverEligibility::Qualifies);
        assert_eq!(part(40_000), BillSaverEligibility::AtOrUnderThreshold);
        assert_eq!(bill_saver_eligibility(amount, BillCoverage::PartlyCovered, None), BillSaverEligibility::CoverageUnknown);
    }

    #[test]
    fn not_knowing_what_the_plan_covered_leads_to_an_advocate_who_finds_out() {
        let answer = bill_saver_eligibility(Money::from_dollars(900), BillCoverage::NotSure, None);
        assert_eq!(answer, BillSaverEligibility::CoverageUnknown);
        assert!(answer.sentence(None).contains("An advocate can find out what your plan covered"));
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
        assert_eq!(BillService::for_bill(BillSaverEligibility::CoverageUnknown), BillService::Review);
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
    fn the_bill_saver_answer_reads_as_one_sentence_and_promises_no_advocate_for_a_covered_bill() {
        let sentence = BillSaverEligibility::AtOrUnderThreshold.sentence(Some(Money::from_cents(40_000)));
        assert_eq!(
            sentence,
            "Medical Bill Saver negotiates non-covered bills over $400.00, so the $400.00 not covered does not qualify. The bill can still be checked for mistakes."
        );
        assert!(!BillSaverEligibility::CoveredByInsurance.sentence(Some(Money::from_cents(0))).contains("advocate"));
    }

    #[test]
    fn coverage_answers_round_trip_and_read_as_members_would_say_them() {
        for c in BillCoverage::ALL {
            assert_eq!(BillCoverage::from_slug(c.slug()), Some(c));
        }
        assert!(BillCoverage::Covered.label().contains("deductible"));
        for t in AdministrativeTopic::ALL {
            assert_eq!(AdministrativeTopic::from_slug(t.slug()), Some(t));
        }
        for c in PlannedCare::ALL {
            assert_eq!(PlannedCare::from_slug(c.slug()), Some(c));
        }
    }
}
