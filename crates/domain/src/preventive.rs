//! Preventive care that a member often pays nothing for, said first on an estimate so a member
//! does not skip a screening over a price they would not be charged.
//!
//! Under the Affordable Care Act's preventive-care rule (Public Health Service Act §2713,
//! 45 CFR 147.130, for employer and individual plans alike) a plan that is not grandfathered
//! covers, in network and with no copay, coinsurance or deductible: the screenings and
//! counselling the U.S. Preventive Services Task Force grades A or B, the vaccines ACIP
//! recommends, and the check-ups in HRSA's guidelines for women, infants, children and teens.
//! Medicare's annual wellness visit is free under Medicare's own rule instead (Affordable Care
//! Act §4103 and §4104; 42 CFR 410.15).

use crate::procedures::{Procedure, ProcedureGroup};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The rule that makes a service often free.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PreventiveRule {
    /// The ACA preventive-care rule, 45 CFR 147.130.
    AcaPreventiveCare,
    /// Medicare's annual wellness visit, free with Part B (42 CFR 410.15).
    MedicareWellnessVisit,
}

/// What an estimate for a preventive service says before any price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PreventiveCare {
    pub rule: PreventiveRule,
    /// The first line: "Often $0 in network under the ACA preventive-care rule".
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub headline: Cow<'static, str>,
    /// When it is free and when it is not, in plain words.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub conditions: Cow<'static, str>,
}

/// Medicare's annual wellness visit, first and later years (HCPCS G0438, G0439).
const MEDICARE_WELLNESS_CODES: &[&str] = &["G0438", "G0439"];

/// Lab tests that are preventive care when done as a routine screening, each graded A or B by
/// the Task Force: hepatitis C antibody (86803: B, adults 18 to 79), HIV (87389: A, ages 15 to
/// 65), hepatitis B surface antigen at increased risk (87340: B), cervical cancer by cytology
/// or HPV (88142, 87624: A, ages 21 to 65), chlamydia and gonorrhea for sexually active women 24
/// and younger (87491, 87591: B), syphilis at increased risk or in pregnancy (86592: A). A
/// screening graded C, like the PSA test for prostate cancer, is not here: plans may charge.
const SCREENING_LAB_CODES: &[&str] = &["86803", "87389", "87340", "88142", "87624", "87491", "87591", "86592"];

/// Whether a procedure is preventive care that is often free, and under which rule: every
/// check-up, screening, shot and counselling session the catalog lists as preventive, and the
/// lab tests above.
pub fn preventive_care(procedure: &Procedure) -> Option<PreventiveCare> {
    let all_in = |list: &[&str]| procedure.codes.iter().all(|billed| list.contains(&billed.code.as_str()));
    if procedure.group == ProcedureGroup::Preventive && all_in(MEDICARE_WELLNESS_CODES) {
        return Some(PreventiveCare {
            rule: PreventiveRule::MedicareWellnessVisit,
            headline: Cow::Borrowed("Often $0 with Medicare Part B"),
            conditions: Cow::Borrowed(
                "Medicare pays for one wellness visit a year in full, with no deductible or coinsurance, when the doctor accepts Medicare's amount as full payment. Tests or care for a health problem at the same visit can cost you. Other health plans cover a yearly check-up as preventive care instead.",
            ),
        });
    }
    let lab_screening = procedure.group == ProcedureGroup::Labs && all_in(SCREENING_LAB_CODES);
    (procedure.group == ProcedureGroup::Preventive || lab_screening).then_some(PreventiveCare {
        rule: PreventiveRule::AcaPreventiveCare,
        headline: Cow::Borrowed("Often $0 in network under the ACA preventive-care rule"),
        conditions: Cow::Borrowed(
            "Most health plans must pay in full, with no copay, coinsurance or deductible, for the screenings, check-ups and shots recommended for your age and risk, when you get them in network. You may pay if it is done to check or treat a problem, if the provider is out of network, or if your plan is “grandfathered” (unchanged since March 2010). The prices below are what it costs when you do pay.",
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::procedures::procedures;

    fn catalog(id: &str) -> Procedure {
        procedures().into_iter().find(|p| p.id == id).unwrap_or_else(|| panic!("{id} is not in the catalog"))
    }

    #[test]
    fn screenings_and_checkups_are_often_free_under_the_aca_rule() {
        for id in ["colonoscopy-screening", "mammogram-screening", "physical-40-64", "well-child-1-4", "vaccine-shot"] {
            let care = preventive_care(&catalog(id)).unwrap_or_else(|| panic!("{id}"));
            assert_eq!(care.rule, PreventiveRule::AcaPreventiveCare, "{id}");
            assert!(care.headline.starts_with("Often $0 in network"), "{id}");
        }
    }

    #[test]
    fn lab_screenings_graded_a_or_b_are_preventive_and_the_psa_test_is_not() {
        for id in ["hiv-test", "hepatitis-c-test", "hpv-test", "pap-test-lab"] {
            assert_eq!(preventive_care(&catalog(id)).map(|care| care.rule), Some(PreventiveRule::AcaPreventiveCare), "{id}");
        }
        for id in ["psa", "cbc", "lipid-panel"] {
            assert_eq!(preventive_care(&catalog(id)), None, "{id}");
        }
    }

    #[test]
    fn every_screening_lab_code_is_a_lab_test_in_the_catalog() {
        let all = procedures();
        for code in SCREENING_LAB_CODES {
            let found = all.iter().any(|p| p.group == ProcedureGroup::Labs && p.codes.iter().any(|billed| billed.code == *code));
            assert!(found, "{code} names no lab test in the catalog");
        }
    }

    #[test]
    fn medicares_wellness_visit_is_free_under_medicares_rule_not_the_acas() {
        let care = preventive_care(&catalog("medicare-wellness-yearly")).unwrap();
        assert_eq!(care.rule, PreventiveRule::MedicareWellnessVisit);
        assert!(care.headline.contains("Medicare Part B"));
    }

    #[test]
    fn diagnostic_care_is_not_preventive() {
        for id in ["mri-knee", "mammogram-diagnostic", "office-visit-established"] {
            assert_eq!(preventive_care(&catalog(id)), None, "{id}");
        }
    }
}
