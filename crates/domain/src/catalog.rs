//! The services advocates provide, every one the program description lists, in plain words.
//!
//! Source: the program description's sections "Clinical Services", "Senior Care and Special
//! Needs Services", "Administrative Support Services – Benefits and Claims", "Financial Support
//! Services" and "Medical Bill Saver™ Scope of Services", one entry per bullet (the four Medical
//! Bill Saver bullets are the steps of its one service).

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
            ServiceArea::MedicalBillSaver => "Lower a bill insurance did not cover",
        }
    }

    /// A line of examples under the title, so a member recognises their situation.
    pub fn examples(self) -> &'static str {
        match self {
            ServiceArea::Clinical => "A new diagnosis, finding a doctor, a second opinion, medicines, care after a hospital stay",
            ServiceArea::SeniorCare => "Nursing homes, adult day care, help at home, doctors who make house calls",
            ServiceArea::BenefitsAndClaims => "A denied claim, approval before care, two insurance plans, an appeal",
            ServiceArea::FinancialSupport => "What something will cost, comparing options, checking a bill for mistakes",
            ServiceArea::MedicalBillSaver => "A bill over $400 for care your insurance did not cover",
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
    /// Whether insurance paid any of the bill.
    BillCoverage,
    /// The condition or diagnosis, in the member's words.
    Condition,
    /// Where care is wanted, as a ZIP code.
    Zip,
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

const PLAN_CARD: &str = "Your health plan ID card (front and back)";
const DOCTOR_LIST: &str = "Names and phone numbers of the doctors involved";
const MEDICINES: &str = "A list of current medicines and doses";
const EOB: &str = "The Explanation of Benefits (EOB) from your insurer";
const BILL: &str = "The bill, ideally the itemized one that lists each charge";

use CarrierPlanRule::{AdvocatesProceed, CoveredPortionToCarrier, DirectedToCarrier};
use NeedDetail::{BillAmount, BillCoverage, Condition, Zip};

const CLINICAL: &[Entry] = &[
    Entry {
        id: "medical-questions",
        title: "Understand a diagnosis, test or medicine",
        advocate_will: &[
            "Explain medical terms, tests, medicines and treatments in plain words",
            "Point you to trusted information and support resources",
        ],
        examples: &[
            "Your doctor used a word you did not understand",
            "You want to know what a test or scan involves",
            "You were prescribed a new medicine and have questions",
        ],
        have_ready: &["The name of the diagnosis, test or medicine", MEDICINES],
        search_words: &[
            "diagnosis",
            "explain",
            "medical terms",
            "test results",
            "medication questions",
            "treatment options",
            "side effects",
            "what does it mean",
            "nurse",
        ],
        details: &[],
        rule: DirectedToCarrier,
        condition_note: Some("Advocates explain and inform; they do not give medical care or recommend a treatment."),
    },
    Entry {
        id: "find-provider",
        title: "Find a doctor, hospital or dentist",
        advocate_will: &[
            "Find primary care doctors, specialists, hospitals, dentists and other providers",
            "Look first at providers in your plan's network so your benefits go further",
        ],
        examples: &[
            "You need a new family doctor",
            "Your doctor referred you to a specialist and you need one nearby",
            "You moved and need a dentist",
        ],
        have_ready: &[PLAN_CARD, "Your ZIP code and how far you can travel", "Any language or other preferences"],
        search_words: &[
            "doctor",
            "physician",
            "specialist",
            "dentist",
            "hospital",
            "primary care",
            "pcp",
            "in network",
            "find a provider",
            "new doctor",
        ],
        details: &[Zip],
        rule: DirectedToCarrier,
        condition_note: None,
    },
    Entry {
        id: "second-opinion",
        title: "Get a second opinion",
        advocate_will: &[
            "Find doctors for a second opinion and help arrange the appointment",
            "Research questions about the diagnosis, treatments and support available",
        ],
        examples: &[
            "You were told you need surgery and want another view",
            "A serious diagnosis does not feel right",
            "You are choosing between treatments",
        ],
        have_ready: &["The diagnosis and the treatment proposed", DOCTOR_LIST, "Recent test results and reports if you have them"],
        search_words: &["second opinion", "another doctor", "surgery", "confirm diagnosis", "other opinion", "not sure about treatment"],
        details: &[Condition, Zip],
        rule: DirectedToCarrier,
        condition_note: Some("Advocates find and arrange; the medical opinion comes from the doctor you see."),
    },
    Entry {
        id: "complex-condition",
        title: "Find top care for a rare or complex condition",
        advocate_will: &[
            "Identify leading medical centers and specialized programs across the country",
            "Help schedule appointments",
            "Research transportation and lodging when care is far from home",
        ],
        examples: &[
            "A rare disease that local doctors rarely treat",
            "A complex cancer or heart condition",
            "Care that may mean travelling to another state",
        ],
        have_ready: &["The diagnosis", DOCTOR_LIST, "Recent records and test results"],
        search_words: &[
            "rare disease",
            "complex condition",
            "cancer center",
            "best hospital",
            "specialized program",
            "travel for care",
            "lodging",
            "center of excellence",
        ],
        details: &[Condition, Zip],
        rule: DirectedToCarrier,
        condition_note: None,
    },
    Entry {
        id: "transfer-records",
        title: "Move medical records to a new doctor",
        advocate_will: &["Arrange the transfer of medical records, X-rays and lab results before your appointment with a new doctor"],
        examples: &["You have a first appointment with a specialist next week", "You changed doctors and your new one needs your history"],
        have_ready: &["The old and new doctors' names and phone numbers", "The date of the new appointment"],
        search_words: &["medical records", "transfer records", "x-rays", "lab results", "send records", "new doctor records", "imaging"],
        details: &[],
        rule: DirectedToCarrier,
        condition_note: None,
    },
    Entry {
        id: "arrange-tests",
        title: "Arrange a diagnostic test",
        advocate_will: &["Coordinate and make the arrangements for tests your doctor ordered"],
        examples: &["Your doctor ordered an MRI and you do not know where to go", "You need several tests scheduled together"],
        have_ready: &["The test order from your doctor", PLAN_CARD],
        search_words: &["schedule test", "mri", "ct scan", "blood test", "imaging", "diagnostic test", "lab work", "book a test"],
        details: &[Zip],
        rule: DirectedToCarrier,
        condition_note: None,
    },
    Entry {
        id: "clinical-trials",
        title: "Find and join a clinical trial",
        advocate_will: &["Arrange an evaluation for a clinical trial and help you take part"],
        examples: &["Standard treatment has not worked", "Your doctor mentioned a trial might help"],
        have_ready: &["The diagnosis and treatments tried so far", DOCTOR_LIST],
        search_words: &["clinical trial", "research study", "experimental treatment", "new treatment", "study"],
        details: &[Condition],
        rule: DirectedToCarrier,
        condition_note: None,
    },
    Entry {
        id: "prescriptions",
        title: "Get help with prescriptions",
        advocate_will: &[
            "Answer questions about your plan's drug list (formulary) and drug benefits",
            "Explain generics and set up mail order",
            "Find lower-cost sources for medicines your plan does not cover",
        ],
        examples: &["Your pharmacy said a medicine is not covered", "A medicine costs too much", "You want to switch to mail order"],
        have_ready: &[MEDICINES, PLAN_CARD, "Your pharmacy's name"],
        search_words: &[
            "prescription",
            "medicine",
            "medication",
            "drug",
            "pharmacy",
            "formulary",
            "generic",
            "mail order",
            "rx",
            "drug cost",
            "not covered drug",
        ],
        details: &[],
        rule: DirectedToCarrier,
        condition_note: None,
    },
    Entry {
        id: "after-hospital",
        title: "Set up care after a hospital stay",
        advocate_will: &["Arrange home care and home medical equipment after a discharge from the hospital"],
        examples: &["A parent is coming home after surgery and needs help", "You need a hospital bed or walker at home"],
        have_ready: &["The discharge date and instructions", "The hospital's discharge planner's name, if known"],
        search_words: &["discharge", "after hospital", "home care", "home equipment", "walker", "hospital bed", "recovery at home"],
        details: &[],
        rule: DirectedToCarrier,
        condition_note: None,
    },
    Entry {
        id: "end-of-life-care",
        title: "Arrange hospice and end-of-life care",
        advocate_will: &["Coordinate hospice, home care and other services for someone who is terminally ill"],
        examples: &["A family member's doctor has suggested hospice", "You need more support at home for someone near the end of life"],
        have_ready: &["The doctor's name and the diagnosis", "Where the person lives and who cares for them now"],
        search_words: &["hospice", "terminal", "end of life", "palliative", "dying", "comfort care"],
        details: &[],
        rule: DirectedToCarrier,
        condition_note: None,
    },
    Entry {
        id: "complementary-care",
        title: "Find acupuncture, chiropractic, massage and similar care",
        advocate_will: &[
            "Identify and coordinate acupuncture, chiropractic care, massage therapy, cosmetic practitioners and similar services",
        ],
        examples: &["You want a chiropractor for back pain", "You are looking for an acupuncturist nearby"],
        have_ready: &["Your ZIP code", PLAN_CARD],
        search_words: &["acupuncture", "chiropractor", "chiropractic", "massage", "cosmetic", "alternative medicine", "back pain"],
        details: &[Zip],
        rule: DirectedToCarrier,
        condition_note: None,
    },
];

const SENIOR_CARE: &[Entry] = &[
    Entry {
        id: "senior-living",
        title: "Find a nursing home, group home or adult day care",
        advocate_will: &["Locate eldercare facilities, group homes, nursing homes and adult day care"],
        examples: &["A parent can no longer live alone", "You need daytime care for a family member while you work"],
        have_ready: &["Where the person lives or wants to live", "What help they need day to day", "Their insurance or Medicare card"],
        search_words: &[
            "nursing home",
            "assisted living",
            "eldercare",
            "elder care",
            "group home",
            "adult day care",
            "senior living",
            "memory care",
            "aging parent",
        ],
        details: &[Zip],
        rule: AdvocatesProceed,
        condition_note: None,
    },
    Entry {
        id: "in-home-help",
        title: "Find help at home",
        advocate_will: &["Locate homemakers, home health aides, private duty nurses and rehabilitation services"],
        examples: &["A parent needs help bathing and cooking", "Someone needs a nurse at home after an illness"],
        have_ready: &["Where the person lives", "What help they need and how often"],
        search_words: &[
            "home health aide",
            "caregiver",
            "homemaker",
            "private nurse",
            "rehabilitation",
            "rehab",
            "help at home",
            "in-home care",
        ],
        details: &[Zip],
        rule: AdvocatesProceed,
        condition_note: None,
    },
    Entry {
        id: "house-calls",
        title: "Find a doctor who makes house calls",
        advocate_will: &["Locate doctors who visit people who cannot easily get to an office"],
        examples: &["A parent cannot travel to appointments", "Someone with a disability finds office visits very hard"],
        have_ready: &["Where the person lives", "Their insurance or Medicare card"],
        search_words: &["house call", "home visit", "homebound", "doctor at home", "cannot travel"],
        details: &[Zip],
        rule: AdvocatesProceed,
        condition_note: None,
    },
];

const BENEFITS_AND_CLAIMS: &[Entry] = &[
    Entry {
        id: "understand-benefits",
        title: "Understand your benefits and coverage",
        advocate_will: &[
            "Explain your medical, dental and vision benefits, coverage and eligibility",
            "Help with claims and the paperwork that goes with them",
        ],
        examples: &["You are not sure what your plan covers", "You got a form from your insurer and do not know what to do with it"],
        have_ready: &[PLAN_CARD, "Any letters or forms from your insurer"],
        search_words: &[
            "benefits",
            "coverage",
            "what is covered",
            "eligibility",
            "claim form",
            "paperwork",
            "deductible",
            "copay",
            "dental",
            "vision",
        ],
        details: &[],
        rule: DirectedToCarrier,
        condition_note: None,
    },
    Entry {
        id: "preauthorization",
        title: "Get approval before care (preauthorization)",
        advocate_will: &["Help with the preauthorization and predetermination process before you have care"],
        examples: &["Your surgery needs approval from your plan first", "You want to know before a procedure whether it will be covered"],
        have_ready: &[PLAN_CARD, "The procedure and the doctor's name", "The planned date"],
        search_words: &[
            "preauthorization",
            "prior authorization",
            "pre-approval",
            "predetermination",
            "precertification",
            "approval before surgery",
            "prior auth",
        ],
        details: &[],
        rule: DirectedToCarrier,
        condition_note: None,
    },
    Entry {
        id: "switch-to-network",
        title: "Move your care to in-network providers",
        advocate_will: &["Help you move from out-of-network providers to in-network ones"],
        examples: &["Your doctor left your plan's network", "You changed plans and your specialists are out of network"],
        have_ready: &[PLAN_CARD, DOCTOR_LIST],
        search_words: &["out of network", "in network", "switch doctor", "network change", "doctor left network", "transition of care"],
        details: &[],
        rule: DirectedToCarrier,
        condition_note: None,
    },
    Entry {
        id: "claim-problems",
        title: "Fix a denied claim or a wrong charge on a claim",
        advocate_will: &[
            "Help with eligibility problems and denied claims",
            "Sort out provider coding errors and deductibles or copays applied wrongly",
        ],
        examples: &["Your plan denied a claim", "You were charged a copay you should not owe", "A claim was coded wrongly by the provider"],
        have_ready: &[EOB, BILL, PLAN_CARD],
        search_words: &[
            "denied claim",
            "claim denial",
            "rejected claim",
            "coding error",
            "wrong copay",
            "deductible wrong",
            "claim problem",
            "eob",
        ],
        details: &[],
        rule: DirectedToCarrier,
        condition_note: None,
    },
    Entry {
        id: "plan-interpretation",
        title: "Challenge a wrong reading of your plan's rules",
        advocate_will: &[
            "Help resolve claims decided on a wrong reading of your plan, such as an emergency room claim denied for lack of pre-certification",
        ],
        examples: &["An emergency room visit was denied because it was not approved in advance"],
        have_ready: &[EOB, "Any letters from your plan explaining the decision"],
        search_words: &["emergency room denied", "er claim", "pre-certification", "plan rules", "misinterpretation", "wrongly denied"],
        details: &[],
        rule: DirectedToCarrier,
        condition_note: None,
    },
    Entry {
        id: "preventive-or-diagnostic",
        title: "Sort out whether care counted as preventive",
        advocate_will: &["Help resolve whether a service was preventive care or treatment for a condition"],
        examples: &["Your yearly checkup was billed as a sick visit", "A screening was charged because something was found"],
        have_ready: &[EOB, BILL],
        search_words: &["preventive", "annual physical", "checkup billed", "screening charged", "wellness visit", "colonoscopy charged"],
        details: &[],
        rule: DirectedToCarrier,
        condition_note: None,
    },
    Entry {
        id: "coordination-of-benefits",
        title: "Sort out two insurance plans",
        advocate_will: &["Help resolve coordination of benefits disputes between insurers"],
        examples: &["You and your spouse both have insurance and each says the other should pay"],
        have_ready: &["Both plans' ID cards", "The Explanations of Benefits from both insurers"],
        search_words: &["two insurances", "coordination of benefits", "cob", "secondary insurance", "primary insurance", "dual coverage"],
        details: &[],
        rule: DirectedToCarrier,
        condition_note: None,
    },
    Entry {
        id: "referrals",
        title: "Get a referral",
        advocate_will: &["Help you get referrals your plan requires for services"],
        examples: &["Your plan needs a referral before you see a specialist"],
        have_ready: &[PLAN_CARD, "Your primary doctor's name", "The specialist or service you need"],
        search_words: &["referral", "specialist referral", "need referral"],
        details: &[],
        rule: DirectedToCarrier,
        condition_note: None,
    },
    Entry {
        id: "equipment-suppliers",
        title: "Find a supplier for medical equipment",
        advocate_will: &[
            "Locate in-network suppliers of medical equipment and supplies",
            "Get your plan's approval to use an out-of-network supplier when no in-network one has what you need",
        ],
        examples: &["You need a CPAP machine and do not know who supplies it", "No in-network supplier carries the wheelchair you need"],
        have_ready: &["The prescription or order for the equipment", PLAN_CARD],
        search_words: &["medical equipment", "dme", "durable medical equipment", "supplier", "wheelchair", "cpap", "oxygen", "supplies"],
        details: &[],
        rule: AdvocatesProceed,
        condition_note: None,
    },
    Entry {
        id: "equipment-coverage",
        title: "Get coverage for devices and supplies",
        advocate_will: &[
            "Explain how to get coverage for medical equipment, devices and supplies such as hearing aids, diabetic supplies and compression stockings",
        ],
        examples: &["You need hearing aids", "Your diabetic supplies are not being covered"],
        have_ready: &["The prescription or order", PLAN_CARD],
        search_words: &[
            "hearing aids",
            "diabetic supplies",
            "compression stockings",
            "glucose monitor",
            "insulin pump",
            "devices",
            "supplies coverage",
        ],
        details: &[],
        rule: AdvocatesProceed,
        condition_note: None,
    },
    Entry {
        id: "appeals",
        title: "Appeal a decision or file a grievance",
        advocate_will: &[
            "Guide you through the review and appeals process, including filing grievances",
            "Gather supporting documents and write appeal letters",
            "Take part with you in a conference or review",
        ],
        examples: &["Your plan refused to cover a treatment and you want to appeal", "You want to file a complaint about your plan"],
        have_ready: &["The denial letter", EOB, "Any letters from your doctor supporting the care"],
        search_words: &["appeal", "grievance", "complaint", "denial letter", "overturn", "review", "dispute decision"],
        details: &[],
        rule: DirectedToCarrier,
        condition_note: Some("This help is not legal advice or representation, which only an attorney can provide."),
    },
];

const FINANCIAL_SUPPORT: &[Entry] = &[
    Entry {
        id: "cost-counseling",
        title: "Weigh the costs of your options",
        advocate_will: &["Explain what your benefits will cost you now and what other approaches would cost"],
        examples: &[
            "You are deciding between surgery now and physical therapy first",
            "You want to know your costs under your plan before a procedure",
        ],
        have_ready: &[PLAN_CARD, "The care you are considering"],
        search_words: &["cost", "out of pocket", "how much", "options", "cheaper option", "affordable", "budget"],
        details: &[],
        rule: CoveredPortionToCarrier,
        condition_note: None,
    },
    Entry {
        id: "cost-comparison",
        title: "Compare prices for a service",
        advocate_will: &["Give you cost estimates to compare for the service you need"],
        examples: &["An MRI costs very different amounts at two places", "You want to compare hospitals for a planned surgery"],
        have_ready: &["The service or procedure, and its code if you have it", "Your ZIP code"],
        search_words: &["compare prices", "price comparison", "cheapest", "cost comparison", "shop around"],
        details: &[Zip],
        rule: CoveredPortionToCarrier,
        condition_note: None,
    },
    Entry {
        id: "negotiate-before-care",
        title: "Negotiate a price before care",
        advocate_will: &["Negotiate fees with providers before you have care, to lower what you pay"],
        examples: &["You are paying yourself for a procedure your plan does not cover", "You have no insurance for a planned treatment"],
        have_ready: &["The provider's name and the quoted price", "The planned date"],
        search_words: &["negotiate", "discount", "cash price", "self pay", "uninsured", "lower price", "before surgery"],
        details: &[],
        rule: CoveredPortionToCarrier,
        condition_note: None,
    },
    Entry {
        id: "bill-review",
        title: "Check a bill for mistakes",
        advocate_will: &["Review questionable bills to catch duplicate or wrong charges"],
        examples: &[
            "The same charge appears twice",
            "You were billed for something you did not have",
            "A bill seems much higher than expected",
        ],
        have_ready: &[BILL, EOB],
        search_words: &[
            "bill",
            "billing error",
            "duplicate charge",
            "overcharged",
            "wrong charge",
            "hospital bill",
            "medical bill",
            "itemized bill",
        ],
        details: &[BillAmount, BillCoverage],
        rule: CoveredPortionToCarrier,
        condition_note: None,
    },
    Entry {
        id: "zip-cost-estimate",
        title: "Estimate what care costs where you live",
        advocate_will: &["Give you cost estimates for common medical services and procedures based on your ZIP code"],
        examples: &["You want to know what a colonoscopy usually costs in your area"],
        have_ready: &["The service or procedure", "Your ZIP code"],
        search_words: &["estimate", "cost estimate", "price", "how much does it cost", "zip code cost", "typical cost"],
        details: &[Zip],
        rule: CoveredPortionToCarrier,
        condition_note: None,
    },
];

const MEDICAL_BILL_SAVER: &[Entry] = &[Entry {
    id: "medical-bill-saver",
    title: "Lower a bill insurance did not cover (Medical Bill Saver)",
    advocate_will: &[
        "Negotiate a discount with the doctor, dentist, hospital, surgery center or other provider, using fee benchmarks for the procedure, specialty and region",
        "Send you a written summary of the result and the payment terms agreed",
        "Get the provider's written sign-off on the terms negotiated for you",
        "Explain your health plan and how in-network providers can save you money next time",
    ],
    examples: &[
        "A $2,300 bill for a procedure your plan does not cover",
        "You used all your plan's physical therapy visits and are billed for more",
    ],
    have_ready: &[BILL, EOB, "Any letters from the provider or a collection agency"],
    search_words: &[
        "negotiate bill",
        "reduce bill",
        "lower bill",
        "bill saver",
        "medical bill saver",
        "not covered",
        "big bill",
        "collections",
        "cannot afford bill",
    ],
    details: &[BillAmount, BillCoverage],
    rule: CoveredPortionToCarrier,
    condition_note: Some("For bills over $400 that insurance did not cover. No particular discount is promised."),
}];

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
            assert!(service.search_words.len() >= 1, "{} has search words", service.id);
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
        // 11 clinical, 3 senior care, 11 benefits and claims, 5 financial, and Medical Bill Saver
        // (whose four bullets are the four steps of its one service).
        let count = |area| catalog().into_iter().filter(|s| s.area == area).count();
        assert_eq!(count(ServiceArea::Clinical), 11);
        assert_eq!(count(ServiceArea::SeniorCare), 3);
        assert_eq!(count(ServiceArea::BenefitsAndClaims), 11);
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
