//! Services billed in the corpus, with their codes and usual prices. Public codes (CPT, HCPCS,
//! UB-04 revenue codes) with descriptions in a billing system's words.

/// One service as a hospital's charge master or a practice's fee schedule lists it.
#[derive(Debug, Clone, Copy)]
pub struct Service {
    pub revenue_code: Option<&'static str>,
    /// The CPT/HCPCS code, as the truth holds it (never zero-padded).
    pub code: Option<&'static str>,
    pub description: &'static str,
    /// The price of one unit, in cents: low and high.
    pub price: (i64, i64),
    /// The most units one line carries.
    pub max_units: u32,
}

const fn service(
    revenue_code: &'static str,
    code: &'static str,
    description: &'static str,
    low: i64,
    high: i64,
    max_units: u32,
) -> Service {
    Service {
        revenue_code: if revenue_code.is_empty() { None } else { Some(revenue_code) },
        code: if code.is_empty() { None } else { Some(code) },
        description,
        price: (low, high),
        max_units,
    }
}

/// Revenue code groups as a hospital prints them above their charges.
pub const REVENUE_GROUPS: &[(&str, &str)] = &[
    ("0120", "ROOM & BOARD/SEMI-PRIVATE"),
    ("0250", "PHARMACY"),
    ("0260", "IV THERAPY"),
    ("0270", "MED-SURG SUPPLIES"),
    ("0301", "LABORATORY/CHEMISTRY"),
    ("0305", "LABORATORY/HEMATOLOGY"),
    ("0320", "DX X-RAY"),
    ("0351", "CT SCAN/HEAD"),
    ("0352", "CT SCAN/BODY"),
    ("0450", "EMERGENCY ROOM"),
    ("0636", "DRUGS/DETAIL CODE"),
    ("0730", "EKG/ECG"),
];

pub const HOSPITAL: &[Service] = &[
    service("0120", "", "SEMI-PRIVATE ROOM DAILY", 180_000, 320_000, 3),
    service("0250", "", "SODIUM CHLORIDE 0.9% 10ML", 800, 2_900, 4),
    service("0250", "", "ACETAMINOPHEN 500MG TAB", 300, 1_900, 4),
    service("0260", "96374", "IV PUSH SINGLE/INITIAL DRUG", 25_000, 42_000, 1),
    service("0260", "96375", "IV PUSH EACH ADDL SEQ DRUG", 12_000, 33_000, 1),
    service("0270", "", "IV START KIT", 2_500, 9_000, 2),
    service("0301", "80053", "COMPREHENSIVE METABOLIC PANEL", 18_000, 39_000, 1),
    service("0301", "80048", "BASIC METABOLIC PANEL", 15_000, 31_000, 1),
    service("0301", "83735", "MAGNESIUM", 6_000, 19_100, 1),
    service("0301", "84484", "TROPONIN QUANTITATIVE", 12_000, 29_900, 1),
    service("0305", "85025", "CBC W/AUTO DIFF", 4_500, 19_400, 1),
    service("0305", "85610", "PROTHROMBIN TIME", 3_000, 9_900, 1),
    service("0320", "71045", "XR CHEST 1 VIEW", 21_000, 49_000, 1),
    service("0320", "73610", "XR ANKLE 3+ VIEWS", 24_000, 52_000, 1),
    service("0351", "70450", "CT HEAD/BRAIN W/O CONTRAST", 120_000, 260_000, 1),
    service("0351", "70486", "CT MAXILLOFACIAL W/O DYE", 130_000, 490_500, 1),
    service("0352", "74177", "CT ABD & PELV W/CONTRAST", 250_000, 610_000, 1),
    service("0352", "72125", "CT NECK SPINE W/O DYE", 180_000, 320_000, 1),
    service("0450", "99284", "ER VISIT LEVEL 4", 90_000, 210_000, 1),
    service("0450", "99285", "ER VISIT LEVEL 5", 150_000, 390_000, 1),
    service("0450", "12011", "SIMPLE REPAIR FACE 2.5CM/<", 60_000, 95_000, 1),
    service("0636", "J2405", "ONDANSETRON HCL INJ 1MG", 1_200, 6_800, 8),
    service("0636", "J1100", "DEXAMETHASONE SOD PHOS 1MG", 500, 4_000, 10),
    service("0636", "J7120", "RINGERS LACTATE INFUSION", 4_000, 15_000, 2),
    service("0636", "J2270", "MORPHINE SULFATE INJ 10MG", 2_000, 9_000, 2),
    service("0730", "93005", "ELECTROCARDIOGRAM TRACING", 15_000, 44_000, 1),
];

pub const PHYSICIAN: &[Service] = &[
    service("", "99203", "New patient office visit", 15_000, 29_000, 1),
    service("", "99213", "Office visit, established", 11_000, 21_000, 1),
    service("", "99214", "Office visit, established, moderate", 16_000, 31_000, 1),
    service("", "93000", "Electrocardiogram with report", 5_000, 12_000, 1),
    service("", "36415", "Venipuncture", 1_000, 3_500, 1),
    service("", "20610", "Arthrocentesis, major joint", 18_000, 36_000, 1),
    service("", "73562", "X-ray knee, 3 views", 9_000, 21_000, 1),
    service("", "97110", "Therapeutic exercise, 15 min", 4_500, 9_500, 4),
    service("", "97140", "Manual therapy, 15 min", 4_500, 9_000, 3),
    service("", "90686", "Influenza vaccine, quadrivalent", 3_000, 6_500, 1),
    service("", "G0008", "Administration of influenza vaccine", 2_000, 4_500, 1),
    service("", "J1885", "Ketorolac tromethamine inj 15mg", 800, 3_000, 2),
];

pub const LAB: &[Service] = &[
    service("", "85025", "Complete Blood Count", 2_500, 9_000, 1),
    service("", "80053", "Comprehensive Metabolic Panel", 4_000, 16_000, 1),
    service("", "80061", "Lipid Panel", 3_500, 12_000, 1),
    service("", "84443", "Thyroid Stimulating Hormone", 4_500, 15_000, 1),
    service("", "83036", "Hemoglobin A1c", 3_000, 9_500, 1),
    service("", "82306", "Vitamin D, 25-Hydroxy", 6_000, 21_000, 1),
    service("", "81001", "Urinalysis, Automated", 1_500, 4_500, 1),
    service("", "36415", "Venipuncture", 1_000, 2_500, 1),
    service("", "87086", "Urine Culture", 3_000, 9_000, 1),
    service("", "84153", "PSA, Total", 4_000, 13_000, 1),
    service("", "82728", "Ferritin", 3_500, 11_000, 1),
    service("", "87635", "SARS-CoV-2 Amplified Probe", 9_000, 25_000, 1),
];

pub const PHARMACY: &[Service] = &[
    service("0636", "J2405", "ONDANSETRON 1MG INJ", 150, 900, 8),
    service("0636", "J1100", "DEXAMETHASONE 1MG INJ", 100, 500, 10),
    service("0636", "J0696", "CEFTRIAXONE 250MG INJ", 900, 4_500, 8),
    service("0636", "J1885", "KETOROLAC 15MG INJ", 400, 2_400, 4),
    service("0636", "J7030", "NORMAL SALINE 1000CC", 2_000, 9_000, 3),
    service("0636", "J0131", "ACETAMINOPHEN 10MG IV", 40, 300, 100),
    service("0636", "J2250", "MIDAZOLAM 1MG INJ", 300, 1_800, 6),
    service("0636", "J3010", "FENTANYL 0.1MG INJ", 500, 3_000, 4),
    service("0636", "J2270", "MORPHINE UP TO 10MG INJ", 800, 4_000, 3),
];
