//! The procedure catalog's entries. Names, notes and search words are the project's own words
//! (never CPT descriptions). Codes: 2025 CPT/HCPCS as priced in CMS's PFS relative value file
//! (October 2025 release) or, for lab tests, the Clinical Laboratory Fee Schedule (2025 Q2).

use super::Entry;
use super::ProcedureGroup::*;
use super::Setting::{Facility, Lab, Office};

const fn e(
    id: &'static str,
    name: &'static str,
    group: super::ProcedureGroup,
    words: &'static [&'static str],
    codes: &'static [(&'static str, u16)],
    settings: &'static [super::Setting],
) -> Entry {
    Entry { id, name, group, words, codes, settings, note: None }
}

impl Entry {
    /// The same entry with a line that tells it apart from similar ones.
    const fn note(mut self, note: &'static str) -> Entry {
        self.note = Some(note);
        self
    }
}

pub(super) const ENTRIES: &[Entry] = &[
    // Doctor visits
    e(
        "office-visit-established",
        "Office visit with your doctor",
        Visits,
        &["doctor appointment", "follow up", "sick visit", "primary care", "gp", "pcp"],
        &[("99213", 1)],
        &[Office, Facility],
    )
    .note("A routine visit of about 20 minutes for a patient the practice knows"),
    e(
        "office-visit-established-short",
        "Quick follow-up visit",
        Visits,
        &["recheck", "short appointment", "follow up", "med refill visit"],
        &[("99212", 1)],
        &[Office, Facility],
    )
    .note("About 10 minutes, for a patient the practice knows"),
    e(
        "office-visit-established-moderate",
        "Longer visit for an ongoing problem",
        Visits,
        &["chronic condition", "diabetes visit", "blood pressure visit", "follow up", "doctor appointment"],
        &[("99214", 1)],
        &[Office, Facility],
    )
    .note("About 30 minutes, for a patient the practice knows"),
    e(
        "office-visit-established-complex",
        "Extended visit for a complex problem",
        Visits,
        &["complicated visit", "several problems", "long appointment", "follow up"],
        &[("99215", 1)],
        &[Office, Facility],
    )
    .note("About 40 minutes, for a patient the practice knows"),
    e(
        "office-visit-new-brief",
        "Short first visit with a new doctor",
        Visits,
        &["new patient", "first appointment", "new doctor", "quick visit"],
        &[("99202", 1)],
        &[Office, Facility],
    )
    .note("About 15 minutes, new patient"),
    e(
        "office-visit-new",
        "First visit with a new doctor",
        Visits,
        &["new patient", "first appointment", "establish care", "new pcp"],
        &[("99203", 1)],
        &[Office, Facility],
    )
    .note("About 30 minutes, new patient"),
    e(
        "office-visit-new-moderate",
        "In-depth first visit with a new doctor",
        Visits,
        &["new patient", "first appointment", "establish care", "several problems"],
        &[("99204", 1)],
        &[Office, Facility],
    )
    .note("About 45 minutes, new patient"),
    e(
        "office-visit-new-complex",
        "Extended first visit for a complex problem",
        Visits,
        &["new patient", "complicated visit", "long appointment", "first appointment"],
        &[("99205", 1)],
        &[Office, Facility],
    )
    .note("About an hour, new patient"),
    e(
        "nurse-visit",
        "Nurse visit",
        Visits,
        &["blood pressure check", "nurse appointment", "wound check", "injection visit"],
        &[("99211", 1)],
        &[Office, Facility],
    )
    .note("A few minutes with a nurse or medical assistant, no doctor needed"),
    e(
        "video-visit",
        "Video visit with your doctor",
        Visits,
        &["telehealth", "telemedicine", "virtual visit", "online doctor", "zoom appointment"],
        &[("99213", 1)],
        &[Office],
    )
    .note("By video, about 20 minutes, for a patient the practice knows"),
    e(
        "video-visit-new",
        "First video visit with a new doctor",
        Visits,
        &["telehealth", "telemedicine", "virtual visit", "new patient"],
        &[("99203", 1)],
        &[Office],
    )
    .note("By video, about 30 minutes, new patient"),
    e(
        "online-message-visit",
        "Online visit through the patient portal",
        Visits,
        &["e-visit", "mychart message", "portal message", "ask my doctor online"],
        &[("99422", 1)],
        &[Office, Facility],
    )
    .note("Written back-and-forth with your doctor over up to a week"),
    e(
        "urgent-care-visit",
        "Urgent care visit",
        Visits,
        &["walk-in clinic", "immediate care", "minor emergency", "same day visit"],
        &[("99214", 1)],
        &[Office],
    )
    .note("Walk-in clinic visit, billed like a doctor's visit"),
    e(
        "specialist-visit-new",
        "First visit with a specialist",
        Visits,
        &["consultation", "referral", "second opinion", "consult"],
        &[("99204", 1)],
        &[Office, Facility],
    )
    .note("New patient at a specialist's office, about 45 minutes"),
    e(
        "skin-check",
        "Full-body skin check with a dermatologist",
        Visits,
        &["mole check", "skin cancer screening", "dermatology", "derm"],
        &[("99203", 1)],
        &[Office, Facility],
    )
    .note("New patient visit; a biopsy or removal is priced separately"),
    e(
        "er-visit-minor",
        "Emergency room visit, minor problem",
        Visits,
        &["er", "emergency department", "ed visit", "hospital emergency"],
        &[("99283", 1)],
        &[Facility],
    )
    .note("The ER doctor's fee; the hospital bills its own fee separately"),
    e(
        "er-visit-moderate",
        "Emergency room visit, moderate problem",
        Visits,
        &["er", "emergency department", "ed visit", "hospital emergency"],
        &[("99284", 1)],
        &[Facility],
    )
    .note("The ER doctor's fee for a problem needing tests or treatment"),
    e(
        "er-visit-severe",
        "Emergency room visit, serious problem",
        Visits,
        &["er", "emergency department", "ed visit", "hospital emergency"],
        &[("99285", 1)],
        &[Facility],
    )
    .note("The ER doctor's fee for a possibly life-threatening problem"),
    e(
        "hospital-admission-day",
        "First day in the hospital (doctor's care)",
        Visits,
        &["admission", "inpatient", "hospitalist", "observation"],
        &[("99222", 1)],
        &[Facility],
    )
    .note("The admitting doctor's fee for day one; the room is billed separately"),
    e(
        "hospital-daily-visit",
        "Daily doctor visit during a hospital stay",
        Visits,
        &["inpatient", "hospital rounds", "hospitalist", "admitted"],
        &[("99232", 1)],
        &[Facility],
    )
    .note("One day's visit by the doctor in charge of your care"),
    e(
        "after-hospital-follow-up",
        "Follow-up visit after a hospital stay",
        Visits,
        &["after discharge", "post hospital", "transitional care", "hospital follow up"],
        &[("99495", 1)],
        &[Office, Facility],
    )
    .note("Visit within two weeks of going home, with calls to coordinate care"),
    e(
        "advance-care-planning",
        "Advance care planning talk",
        Visits,
        &["living will", "advance directive", "end of life planning", "healthcare proxy"],
        &[("99497", 1)],
        &[Office, Facility],
    )
    .note("About 30 minutes"),
    e(
        "eye-exam-new",
        "Complete eye exam, new patient",
        Visits,
        &["eye doctor", "ophthalmologist", "optometrist", "dilated eye exam", "vision exam"],
        &[("92004", 1)],
        &[Office, Facility],
    )
    .note("Medical eye exam; glasses prescription may be billed separately"),
    e(
        "eye-exam-established",
        "Complete eye exam, returning patient",
        Visits,
        &["eye doctor", "ophthalmologist", "optometrist", "dilated eye exam", "yearly eye exam"],
        &[("92014", 1)],
        &[Office, Facility],
    )
    .note("Medical eye exam; glasses prescription may be billed separately"),
    e(
        "glasses-prescription",
        "Vision check for glasses",
        Visits,
        &["refraction", "eyeglass prescription", "contacts prescription", "which is better"],
        &[("92015", 1)],
        &[Office, Facility],
    )
    .note("Often added to an eye exam and often not covered by medical insurance"),
    // Check-ups and screenings
    e(
        "physical-new-18-39",
        "Yearly physical, new patient, 18 to 39",
        Preventive,
        &["annual physical", "checkup", "wellness visit", "preventive visit", "physical exam"],
        &[("99385", 1)],
        &[Office, Facility],
    )
    .note("First preventive visit with this practice"),
    e(
        "physical-new-40-64",
        "Yearly physical, new patient, 40 to 64",
        Preventive,
        &["annual physical", "checkup", "wellness visit", "preventive visit", "physical exam"],
        &[("99386", 1)],
        &[Office, Facility],
    )
    .note("First preventive visit with this practice"),
    e(
        "physical-new-65-plus",
        "Yearly physical, new patient, 65 and older",
        Preventive,
        &["annual physical", "checkup", "wellness visit", "senior physical"],
        &[("99387", 1)],
        &[Office, Facility],
    )
    .note("First preventive visit with this practice"),
    e(
        "physical-18-39",
        "Yearly physical, 18 to 39",
        Preventive,
        &["annual physical", "checkup", "wellness visit", "preventive visit", "physical exam"],
        &[("99395", 1)],
        &[Office, Facility],
    )
    .note("Returning patient"),
    e(
        "physical-40-64",
        "Yearly physical, 40 to 64",
        Preventive,
        &["annual physical", "checkup", "wellness visit", "preventive visit", "physical exam"],
        &[("99396", 1)],
        &[Office, Facility],
    )
    .note("Returning patient"),
    e(
        "physical-65-plus",
        "Yearly physical, 65 and older",
        Preventive,
        &["annual physical", "checkup", "wellness visit", "senior physical"],
        &[("99397", 1)],
        &[Office, Facility],
    )
    .note("Returning patient"),
    e(
        "well-baby-visit",
        "Well-baby checkup (under 1 year)",
        Preventive,
        &["infant checkup", "newborn checkup", "pediatrician", "baby physical"],
        &[("99391", 1)],
        &[Office, Facility],
    )
    .note("Returning patient"),
    e(
        "well-child-1-4",
        "Well-child checkup, ages 1 to 4",
        Preventive,
        &["toddler checkup", "pediatrician", "kids physical", "wcc"],
        &[("99392", 1)],
        &[Office, Facility],
    )
    .note("Returning patient"),
    e(
        "well-child-5-11",
        "Well-child checkup, ages 5 to 11",
        Preventive,
        &["school physical", "pediatrician", "kids physical", "wcc"],
        &[("99393", 1)],
        &[Office, Facility],
    )
    .note("Returning patient"),
    e(
        "well-child-12-17",
        "Teen checkup, ages 12 to 17",
        Preventive,
        &["sports physical", "adolescent checkup", "pediatrician", "school physical"],
        &[("99394", 1)],
        &[Office, Facility],
    )
    .note("Returning patient"),
    e(
        "medicare-wellness-first",
        "Medicare annual wellness visit (first one)",
        Preventive,
        &["awv", "medicare checkup", "medicare physical", "prevention plan"],
        &[("G0438", 1)],
        &[Office],
    )
    .note("A planning visit with a health-risk questionnaire, not a full physical"),
    e(
        "medicare-wellness-yearly",
        "Medicare annual wellness visit (later years)",
        Preventive,
        &["awv", "medicare checkup", "medicare physical", "yearly wellness"],
        &[("G0439", 1)],
        &[Office],
    )
    .note("Updates the prevention plan each year"),
    e(
        "colonoscopy-screening",
        "Screening colonoscopy",
        Preventive,
        &["colon cancer screening", "scope", "routine colonoscopy", "gi"],
        &[("G0121", 1)],
        &[Facility, Office],
    )
    .note("Routine check at average risk with no findings; anesthesia and facility fees are separate"),
    e(
        "mammogram-screening",
        "Screening mammogram",
        Preventive,
        &["breast cancer screening", "yearly mammogram", "mammo", "breast x-ray"],
        &[("77067", 1)],
        &[Office, Facility],
    )
    .note("Both breasts, routine yearly check"),
    e(
        "mammogram-screening-3d",
        "Screening 3D mammogram",
        Preventive,
        &["tomosynthesis", "3d mammo", "breast cancer screening", "dbt"],
        &[("77067", 1), ("77063", 1)],
        &[Office, Facility],
    )
    .note("Routine check with the added 3D pictures"),
    e(
        "lung-cancer-screening-ct",
        "Lung cancer screening CT",
        Preventive,
        &["low dose ct", "ldct", "smoker screening", "lung scan"],
        &[("71271", 1)],
        &[Office, Facility],
    )
    .note("Low-dose scan for current or former heavy smokers"),
    e(
        "aortic-aneurysm-screening",
        "Aortic aneurysm screening ultrasound",
        Preventive,
        &["aaa screening", "aorta ultrasound", "belly aorta", "abdominal aortic aneurysm"],
        &[("76706", 1)],
        &[Office, Facility],
    )
    .note("One-time check for men 65–75 who ever smoked"),
    e(
        "pap-smear-collection",
        "Pap smear (taking the sample)",
        Preventive,
        &["pap test", "cervical cancer screening", "gyn exam", "well woman"],
        &[("Q0091", 1)],
        &[Office, Facility],
    )
    .note("The doctor's fee for collecting the sample; the lab test is separate"),
    e(
        "pelvic-breast-exam",
        "Pelvic and breast cancer screening exam",
        Preventive,
        &["well woman exam", "gyn exam", "pelvic exam", "breast exam"],
        &[("G0101", 1)],
        &[Office, Facility],
    ),
    e(
        "depression-screening",
        "Depression or anxiety questionnaire",
        Preventive,
        &["mental health screening", "phq-9", "gad-7", "mood screening"],
        &[("96127", 1)],
        &[Office],
    )
    .note("A short scored form, often added to a visit"),
    e(
        "vaccine-shot",
        "Giving a vaccine shot",
        Preventive,
        &["flu shot", "immunization", "vaccination", "jab", "tetanus shot"],
        &[("90471", 1)],
        &[Office],
    )
    .note("The fee for giving one shot; the vaccine itself is priced separately"),
    e(
        "quit-smoking-counseling",
        "Quit-smoking counseling",
        Preventive,
        &["stop smoking", "tobacco cessation", "vaping", "nicotine"],
        &[("99406", 1)],
        &[Office, Facility],
    )
    .note("3 to 10 minutes, often added to a visit"),
    e(
        "alcohol-screening",
        "Alcohol use screening",
        Preventive,
        &["drinking screening", "alcohol questionnaire", "audit-c", "substance screening"],
        &[("G0442", 1)],
        &[Office, Facility],
    )
    .note("Up to 15 minutes"),
    e(
        "weight-loss-counseling",
        "Weight-loss counseling session",
        Preventive,
        &["obesity counseling", "diet counseling", "lose weight", "nutrition"],
        &[("G0447", 1)],
        &[Office, Facility],
    )
    .note("About 15 minutes, face to face"),
    e(
        "preventive-counseling",
        "Healthy-living counseling session",
        Preventive,
        &["risk reduction counseling", "lifestyle counseling", "health coaching", "prevention advice"],
        &[("99401", 1)],
        &[Office, Facility],
    )
    .note("About 15 minutes, separate from a physical"),
    e(
        "child-vision-screening",
        "Child vision screening",
        Preventive,
        &["eye chart", "vision test", "school eye test", "kids eyes"],
        &[("99173", 1)],
        &[Office],
    )
    .note("Quick eye-chart check, often during a checkup"),
    e(
        "child-development-screening",
        "Child development screening",
        Preventive,
        &["milestones", "developmental screen", "asq", "autism screening"],
        &[("96110", 1)],
        &[Office],
    )
    .note("A scored questionnaire, often during a checkup"),
    // X-rays and scans
    e(
        "mri-brain",
        "MRI of the brain",
        Imaging,
        &["head mri", "brain scan", "magnetic resonance", "headache scan"],
        &[("70551", 1)],
        &[Office, Facility],
    )
    .note("Without contrast dye"),
    e(
        "mri-brain-both",
        "MRI of the brain, before and after contrast",
        Imaging,
        &["head mri", "brain scan", "mri with and without", "ms scan"],
        &[("70553", 1)],
        &[Office, Facility],
    )
    .note("Pictures without, then with contrast dye"),
    e(
        "mri-knee",
        "MRI of the knee",
        Imaging,
        &["magnetic resonance", "knee scan", "acl tear", "meniscus"],
        &[("73721", 1)],
        &[Office, Facility],
    )
    .note("Without contrast dye"),
    e(
        "mri-hip",
        "MRI of the hip",
        Imaging,
        &["magnetic resonance", "hip scan", "hip pain", "labrum"],
        &[("73721", 1)],
        &[Office, Facility],
    )
    .note("One hip joint, without contrast dye"),
    e(
        "mri-ankle",
        "MRI of the ankle",
        Imaging,
        &["magnetic resonance", "ankle scan", "torn ligament", "foot mri"],
        &[("73721", 1)],
        &[Office, Facility],
    )
    .note("Without contrast dye"),
    e(
        "mri-shoulder",
        "MRI of the shoulder",
        Imaging,
        &["magnetic resonance", "shoulder scan", "shoulder pain", "rotator cuff"],
        &[("73221", 1)],
        &[Office, Facility],
    )
    .note("Without contrast dye"),
    e(
        "mri-lower-back",
        "MRI of the lower back",
        Imaging,
        &["lumbar mri", "spine mri", "back scan", "herniated disc", "sciatica"],
        &[("72148", 1)],
        &[Office, Facility],
    )
    .note("Without contrast dye"),
    e(
        "mri-neck-spine",
        "MRI of the neck spine",
        Imaging,
        &["cervical mri", "c-spine mri", "neck scan", "pinched nerve"],
        &[("72141", 1)],
        &[Office, Facility],
    )
    .note("Without contrast dye"),
    e(
        "mri-abdomen",
        "MRI of the belly, before and after contrast",
        Imaging,
        &["abdominal mri", "liver mri", "pancreas mri", "liver spot"],
        &[("74183", 1)],
        &[Office, Facility],
    )
    .note("Pictures without, then with contrast dye"),
    e(
        "mri-pelvis",
        "MRI of the pelvis, before and after contrast",
        Imaging,
        &["pelvic mri", "prostate mri", "uterus mri", "endometriosis"],
        &[("72197", 1)],
        &[Office, Facility],
    )
    .note("Pictures without, then with contrast dye"),
    e(
        "mri-breast",
        "Breast MRI",
        Imaging,
        &["breast scan", "high risk screening", "implant check", "breast cancer"],
        &[("77049", 1)],
        &[Office, Facility],
    )
    .note("Both breasts, without then with contrast dye"),
    e(
        "ct-head",
        "CT scan of the head",
        Imaging,
        &["cat scan", "brain ct", "head scan", "head injury scan"],
        &[("70450", 1)],
        &[Office, Facility],
    )
    .note("Without contrast dye"),
    e(
        "ct-head-contrast",
        "CT scan of the head with contrast",
        Imaging,
        &["cat scan", "brain ct", "head scan", "ct with dye"],
        &[("70460", 1)],
        &[Office, Facility],
    )
    .note("With contrast dye"),
    e(
        "ct-chest",
        "CT scan of the chest",
        Imaging,
        &["cat scan", "lung ct", "chest scan", "chest imaging"],
        &[("71250", 1)],
        &[Office, Facility],
    )
    .note("Without contrast dye"),
    e(
        "ct-chest-contrast",
        "CT scan of the chest with contrast",
        Imaging,
        &["cat scan", "lung ct", "chest scan", "ct with dye"],
        &[("71260", 1)],
        &[Office, Facility],
    )
    .note("With contrast dye"),
    e(
        "ct-chest-angiogram",
        "CT scan for blood clots in the lungs",
        Imaging,
        &["cta chest", "pe scan", "pulmonary embolism", "ct angiogram"],
        &[("71275", 1)],
        &[Facility, Office],
    )
    .note("With contrast dye, looks at the lung arteries"),
    e(
        "ct-abdomen-pelvis",
        "CT scan of the belly and pelvis",
        Imaging,
        &["cat scan", "abdomen ct", "stomach scan", "kidney stone ct", "abdominal pain scan"],
        &[("74176", 1)],
        &[Office, Facility],
    )
    .note("Without contrast dye"),
    e(
        "ct-abdomen-pelvis-contrast",
        "CT scan of the belly and pelvis with contrast",
        Imaging,
        &["cat scan", "abdomen ct", "appendicitis scan", "ct with dye"],
        &[("74177", 1)],
        &[Office, Facility],
    )
    .note("With contrast dye"),
    e(
        "ct-abdomen-pelvis-both",
        "CT scan of the belly and pelvis, before and after contrast",
        Imaging,
        &["cat scan", "abdomen ct", "kidney ct", "ct with and without"],
        &[("74178", 1)],
        &[Office, Facility],
    )
    .note("Pictures without, then with contrast dye"),
    e(
        "ct-sinus",
        "CT scan of the sinuses",
        Imaging,
        &["cat scan", "sinus ct", "face ct", "sinusitis"],
        &[("70486", 1)],
        &[Office, Facility],
    )
    .note("Without contrast dye"),
    e(
        "ct-lower-back",
        "CT scan of the lower back",
        Imaging,
        &["lumbar ct", "spine ct", "cat scan", "back scan"],
        &[("72131", 1)],
        &[Office, Facility],
    )
    .note("Without contrast dye"),
    e(
        "ct-neck-spine",
        "CT scan of the neck spine",
        Imaging,
        &["cervical ct", "c-spine ct", "cat scan", "neck scan"],
        &[("72125", 1)],
        &[Office, Facility],
    )
    .note("Without contrast dye"),
    e(
        "ct-heart-calcium",
        "Heart calcium score scan",
        Imaging,
        &["heart disease risk", "cac scan", "coronary calcium", "heart scan"],
        &[("75571", 1)],
        &[Office, Facility],
    )
    .note("Quick CT without dye, often not covered by insurance"),
    e("xray-chest", "Chest X-ray", Imaging, &["cxr", "lung x-ray", "chest film", "pneumonia x-ray"], &[("71046", 1)], &[Office, Facility])
        .note("Two views"),
    e("xray-hand", "Hand X-ray", Imaging, &["hand film", "broken hand", "fracture", "xray"], &[("73130", 1)], &[Office, Facility]),
    e("xray-finger", "Finger X-ray", Imaging, &["broken finger", "finger film", "fracture", "xray"], &[("73140", 1)], &[Office, Facility]),
    e("xray-wrist", "Wrist X-ray", Imaging, &["broken wrist", "wrist film", "fracture", "xray"], &[("73110", 1)], &[Office, Facility]),
    e("xray-elbow", "Elbow X-ray", Imaging, &["elbow film", "fracture", "xray", "arm x-ray"], &[("73080", 1)], &[Office, Facility]),
    e(
        "xray-shoulder",
        "Shoulder X-ray",
        Imaging,
        &["shoulder film", "fracture", "xray", "dislocation"],
        &[("73030", 1)],
        &[Office, Facility],
    ),
    e("xray-ankle", "Ankle X-ray", Imaging, &["sprained ankle", "broken ankle", "fracture", "xray"], &[("73610", 1)], &[Office, Facility]),
    e("xray-foot", "Foot X-ray", Imaging, &["broken foot", "toe x-ray", "fracture", "xray"], &[("73630", 1)], &[Office, Facility]),
    e("xray-knee", "Knee X-ray", Imaging, &["knee film", "arthritis x-ray", "fracture", "xray"], &[("73562", 1)], &[Office, Facility])
        .note("Three views of one knee"),
    e("xray-hip", "Hip X-ray", Imaging, &["hip film", "arthritis x-ray", "fracture", "xray"], &[("73502", 1)], &[Office, Facility])
        .note("One side, two or three views"),
    e("xray-pelvis", "Pelvis X-ray", Imaging, &["pelvic film", "hip bones", "fracture", "xray"], &[("72170", 1)], &[Office, Facility]),
    e("xray-neck", "Neck spine X-ray", Imaging, &["cervical spine", "c-spine", "neck film", "xray"], &[("72040", 1)], &[Office, Facility])
        .note("Two or three views"),
    e(
        "xray-lower-back",
        "Lower back X-ray",
        Imaging,
        &["lumbar spine", "l-spine", "back film", "xray"],
        &[("72100", 1)],
        &[Office, Facility],
    )
    .note("Two or three views"),
    e("xray-ribs", "Rib X-ray", Imaging, &["broken rib", "chest wall", "fracture", "xray"], &[("71101", 1)], &[Office, Facility])
        .note("One side, with a chest view"),
    e("xray-sinus", "Sinus X-ray", Imaging, &["sinus film", "sinusitis", "face x-ray", "xray"], &[("70220", 1)], &[Office, Facility]),
    e("xray-abdomen", "Belly X-ray", Imaging, &["abdominal x-ray", "kub", "stomach x-ray", "xray"], &[("74018", 1)], &[Office, Facility])
        .note("One view"),
    e(
        "ultrasound-abdomen",
        "Ultrasound of the belly",
        Imaging,
        &["abdominal ultrasound", "sonogram", "liver ultrasound", "us"],
        &[("76700", 1)],
        &[Office, Facility],
    )
    .note("Complete exam of the belly organs"),
    e(
        "ultrasound-gallbladder",
        "Gallbladder and liver ultrasound",
        Imaging,
        &["ruq ultrasound", "gallstones", "sonogram", "right upper quadrant"],
        &[("76705", 1)],
        &[Office, Facility],
    )
    .note("A limited belly exam"),
    e(
        "ultrasound-pelvis",
        "Pelvic ultrasound",
        Imaging,
        &["sonogram", "uterus ultrasound", "ovary ultrasound", "gyn ultrasound"],
        &[("76856", 1)],
        &[Office, Facility],
    )
    .note("Through the belly, not for pregnancy"),
    e(
        "ultrasound-transvaginal",
        "Transvaginal ultrasound",
        Imaging,
        &["internal ultrasound", "tvus", "ovarian cyst", "sonogram"],
        &[("76830", 1)],
        &[Office, Facility],
    )
    .note("Internal exam, not for pregnancy"),
    e(
        "ultrasound-thyroid",
        "Thyroid ultrasound",
        Imaging,
        &["neck ultrasound", "thyroid nodule", "sonogram", "goiter"],
        &[("76536", 1)],
        &[Office, Facility],
    ),
    e(
        "ultrasound-breast",
        "Breast ultrasound",
        Imaging,
        &["breast lump", "sonogram", "breast sonogram", "us"],
        &[("76641", 1)],
        &[Office, Facility],
    )
    .note("One breast, complete exam"),
    e(
        "ultrasound-kidney",
        "Kidney ultrasound",
        Imaging,
        &["renal ultrasound", "bladder ultrasound", "kidney stones", "sonogram"],
        &[("76770", 1)],
        &[Office, Facility],
    ),
    e(
        "ultrasound-leg-veins",
        "Leg vein ultrasound for blood clots",
        Imaging,
        &["dvt scan", "doppler", "venous ultrasound", "blood clot leg"],
        &[("93971", 1)],
        &[Office, Facility],
    )
    .note("One leg"),
    e(
        "ultrasound-carotid",
        "Carotid artery ultrasound",
        Imaging,
        &["neck arteries", "carotid doppler", "stroke screening", "sonogram"],
        &[("93880", 1)],
        &[Office, Facility],
    )
    .note("Both sides of the neck"),
    e(
        "ultrasound-scrotum",
        "Scrotal ultrasound",
        Imaging,
        &["testicle ultrasound", "testicular pain", "sonogram", "varicocele"],
        &[("76870", 1)],
        &[Office, Facility],
    ),
    e(
        "ultrasound-joint",
        "Joint ultrasound",
        Imaging,
        &["musculoskeletal ultrasound", "tendon ultrasound", "shoulder ultrasound", "sonogram"],
        &[("76882", 1)],
        &[Office, Facility],
    )
    .note("A limited look at one area"),
    e(
        "mammogram-diagnostic",
        "Diagnostic mammogram",
        Imaging,
        &["breast lump", "follow-up mammogram", "mammo", "breast x-ray"],
        &[("77066", 1)],
        &[Office, Facility],
    )
    .note("Both breasts, to check a problem or an earlier finding"),
    e(
        "bone-density",
        "Bone density scan (DEXA)",
        Imaging,
        &["dexa", "dxa", "osteoporosis test", "bone scan"],
        &[("77080", 1)],
        &[Office, Facility],
    )
    .note("Hips and spine"),
    e(
        "bone-scan",
        "Nuclear bone scan",
        Imaging,
        &["whole body bone scan", "nuclear medicine", "bone imaging", "metastasis scan"],
        &[("78306", 1)],
        &[Facility, Office],
    )
    .note("Whole body, with a tracer injection"),
    e(
        "barium-swallow",
        "Barium swallow X-ray",
        Imaging,
        &["esophagram", "swallow study", "esophagus x-ray", "fluoroscopy"],
        &[("74220", 1)],
        &[Facility, Office],
    ),
    // Lab tests
    e(
        "cbc",
        "Complete blood count (CBC)",
        Labs,
        &["blood count", "blood test", "cbc with differential", "white count"],
        &[("85025", 1)],
        &[Lab],
    ),
    e(
        "cmp",
        "Full chemistry panel (CMP)",
        Labs,
        &["chem panel", "bloodwork", "kidney and liver test", "metabolic panel"],
        &[("80053", 1)],
        &[Lab],
    ),
    e("bmp", "Basic chemistry panel (BMP)", Labs, &["chem 7", "electrolytes", "kidney function", "bloodwork"], &[("80048", 1)], &[Lab]),
    e("lipid-panel", "Cholesterol test (lipid panel)", Labs, &["fasting lipids", "ldl", "hdl", "triglycerides"], &[("80061", 1)], &[Lab]),
    e("a1c", "Hemoglobin A1c", Labs, &["prediabetes", "diabetes test", "blood sugar average", "hba1c"], &[("83036", 1)], &[Lab]),
    e("glucose", "Blood sugar test", Labs, &["glucose", "fasting sugar", "diabetes test", "fbs"], &[("82947", 1)], &[Lab]),
    e(
        "glucose-tolerance",
        "Sugar-drink test for diabetes (GTT)",
        Labs,
        &["gtt", "sugar drink test", "diabetes test", "ogtt"],
        &[("82951", 1)],
        &[Lab],
    )
    .note("Three blood draws over a few hours"),
    e(
        "tsh",
        "Thyroid test (TSH)",
        Labs,
        &["underactive thyroid", "thyroid stimulating", "thyroid stimulating hormone", "hypothyroid"],
        &[("84443", 1)],
        &[Lab],
    ),
    e("free-t4", "Free T4 thyroid hormone", Labs, &["thyroxine", "overactive thyroid", "ft4", "hyperthyroid"], &[("84439", 1)], &[Lab]),
    e(
        "thyroid-panel",
        "Thyroid panel (TSH and free T4)",
        Labs,
        &["thyroid function test", "hypothyroid", "hyperthyroid"],
        &[("84443", 1), ("84439", 1)],
        &[Lab],
    ),
    e("vitamin-d", "Vitamin D level", Labs, &["vit d", "25-hydroxy", "vitamin d3", "bone health"], &[("82306", 1)], &[Lab]),
    e("vitamin-b12", "Vitamin B12 level", Labs, &["b12", "cobalamin", "anemia test", "vitamin test"], &[("82607", 1)], &[Lab]),
    e(
        "iron-panel",
        "Iron studies (iron and TIBC)",
        Labs,
        &["serum iron", "iron binding", "anemia test", "low iron"],
        &[("83540", 1), ("83550", 1)],
        &[Lab],
    ),
    e("ferritin", "Ferritin (iron stores)", Labs, &["low ferritin", "anemia test", "iron deficiency", "low iron"], &[("82728", 1)], &[Lab]),
    e("urinalysis", "Urinalysis", Labs, &["urine test", "ua", "pee test", "urine dipstick"], &[("81001", 1)], &[Lab])
        .note("Machine-read, with a microscope check"),
    e(
        "urine-culture",
        "Urine culture",
        Labs,
        &["uti test", "bladder infection", "urine infection", "urine bacteria"],
        &[("87086", 1)],
        &[Lab],
    ),
    e("strep-test", "Rapid strep test", Labs, &["strep throat", "throat swab", "sore throat test", "rapid strep"], &[("87880", 1)], &[Lab]),
    e(
        "throat-culture",
        "Throat culture",
        Labs,
        &["strep culture", "throat swab", "sore throat", "throat bacteria"],
        &[("87081", 1)],
        &[Lab],
    ),
    e("flu-test-rapid", "Rapid flu test", Labs, &["influenza test", "flu swab", "nasal swab", "flu a and b"], &[("87804", 2)], &[Lab])
        .note("Checks for flu A and flu B"),
    e(
        "covid-test",
        "COVID-19 PCR test",
        Labs,
        &["covid swab", "coronavirus", "pcr test", "sars-cov-2", "nasal swab"],
        &[("87635", 1)],
        &[Lab],
    ),
    e(
        "covid-flu-rsv-test",
        "COVID, flu and RSV combined test",
        Labs,
        &["respiratory panel", "covid flu test", "rsv test", "nasal swab"],
        &[("87637", 1)],
        &[Lab],
    )
    .note("One lab swab for several viruses"),
    e("mono-test", "Mono test", Labs, &["mononucleosis", "monospot", "epstein barr", "kissing disease"], &[("86308", 1)], &[Lab]),
    e(
        "psa",
        "Prostate cancer blood test (PSA)",
        Labs,
        &["psa test", "prostate test", "prostate specific antigen", "prostate screening"],
        &[("84153", 1)],
        &[Lab],
    ),
    e(
        "pregnancy-test-urine",
        "Pregnancy test on a urine sample",
        Labs,
        &["pregnancy check", "hcg", "am i pregnant", "upt"],
        &[("81025", 1)],
        &[Lab],
    ),
    e(
        "pregnancy-test-blood",
        "Pregnancy blood test (hCG level)",
        Labs,
        &["quantitative hcg", "beta hcg", "pregnancy test", "early pregnancy"],
        &[("84702", 1)],
        &[Lab],
    )
    .note("Measures the hormone level"),
    e("liver-panel", "Liver tests (liver panel)", Labs, &["lfts", "liver enzymes", "hepatic panel", "alt ast"], &[("80076", 1)], &[Lab]),
    e("hepatitis-c-test", "Hepatitis C screening", Labs, &["hep c", "hcv", "hepatitis screening", "liver virus"], &[("86803", 1)], &[Lab]),
    e("hepatitis-b-test", "Hepatitis B screening", Labs, &["hep b", "hbv", "hepatitis screening", "hbsag"], &[("87340", 1)], &[Lab]),
    e("hiv-test", "HIV test", Labs, &["hiv screening", "aids test", "hiv 1 2", "4th generation"], &[("87389", 1)], &[Lab])
        .note("Antigen and antibody screen"),
    e(
        "chlamydia-gonorrhea",
        "Chlamydia and gonorrhea test",
        Labs,
        &["std test", "sti test", "clap", "gc ct", "urine std"],
        &[("87491", 1), ("87591", 1)],
        &[Lab],
    ),
    e("trichomonas-test", "Trichomoniasis test", Labs, &["trich", "std test", "sti test", "vaginal infection"], &[("87661", 1)], &[Lab]),
    e("syphilis-test", "Syphilis test", Labs, &["rpr", "std test", "sti test", "vdrl"], &[("86592", 1)], &[Lab]),
    e(
        "pap-test-lab",
        "Pap test (lab reading)",
        Labs,
        &["pap smear", "cervical cancer screening", "cytology", "liquid pap"],
        &[("88142", 1)],
        &[Lab],
    )
    .note("The lab's fee for reading the sample"),
    e("hpv-test", "HPV test", Labs, &["human papillomavirus", "hpv screening", "cervical cancer", "co-test"], &[("87624", 1)], &[Lab]),
    e("pt-inr", "Blood clotting time (PT/INR)", Labs, &["inr", "protime", "coumadin check", "warfarin test"], &[("85610", 1)], &[Lab]),
    e("ptt", "Clotting test (PTT)", Labs, &["aptt", "clotting test", "heparin test", "bleeding test"], &[("85730", 1)], &[Lab]),
    e("magnesium", "Magnesium level", Labs, &["low magnesium", "mg level", "electrolyte", "mineral test"], &[("83735", 1)], &[Lab]),
    e("uric-acid", "Uric acid level", Labs, &["gout test", "urate", "high uric acid", "kidney stones"], &[("84550", 1)], &[Lab]),
    e(
        "crp",
        "Inflammation marker (CRP)",
        Labs,
        &["inflammation test", "c-reactive protein", "infection marker", "c reactive"],
        &[("86140", 1)],
        &[Lab],
    ),
    e(
        "hs-crp",
        "Heart-risk inflammation test (hs-CRP)",
        Labs,
        &["hscrp", "cardiac crp", "heart risk", "cardiac risk"],
        &[("86141", 1)],
        &[Lab],
    ),
    e(
        "sed-rate",
        "Sed rate (ESR)",
        Labs,
        &["esr test", "sedimentation rate", "inflammation test", "erythrocyte sedimentation"],
        &[("85652", 1)],
        &[Lab],
    ),
    e(
        "ana",
        "ANA test for autoimmune disease",
        Labs,
        &["antinuclear antibody", "lupus test", "autoimmune panel", "ana screen"],
        &[("86038", 1)],
        &[Lab],
    ),
    e(
        "rheumatoid-factor",
        "Rheumatoid arthritis blood test (RF)",
        Labs,
        &["rf test", "arthritis test", "ra test", "joint pain test"],
        &[("86431", 1)],
        &[Lab],
    ),
    e(
        "allergy-blood-test",
        "Allergy blood test panel",
        Labs,
        &["ige", "allergy panel", "rast", "food allergy test"],
        &[("86003", 10)],
        &[Lab],
    )
    .note("About 10 allergens"),
    e(
        "testosterone",
        "Testosterone level",
        Labs,
        &["low t", "total testosterone", "male hormone", "hormone test"],
        &[("84403", 1)],
        &[Lab],
    )
    .note("Total testosterone"),
    e("estradiol", "Estradiol level", Labs, &["estrogen", "e2", "female hormone", "hormone test"], &[("82670", 1)], &[Lab]),
    e(
        "fsh",
        "FSH hormone level",
        Labs,
        &["follicle stimulating hormone", "menopause test", "fertility test", "hormone test"],
        &[("83001", 1)],
        &[Lab],
    ),
    e(
        "urine-albumin",
        "Urine albumin test for kidneys",
        Labs,
        &["microalbumin", "uacr", "protein in urine", "diabetic kidney test"],
        &[("82043", 1), ("82570", 1)],
        &[Lab],
    )
    .note("Albumin-to-creatinine ratio"),
    e(
        "stool-blood-test",
        "Stool blood test (FIT)",
        Labs,
        &["fit test", "fobt", "colon cancer screening", "poop test"],
        &[("82274", 1)],
        &[Lab],
    ),
    e(
        "stool-dna-test",
        "Stool DNA test (Cologuard)",
        Labs,
        &["cologuard", "colon cancer screening", "home stool test", "poop test"],
        &[("81528", 1)],
        &[Lab],
    ),
    e("h-pylori-stool", "H. pylori stool test", Labs, &["ulcer test", "h pylori", "helicobacter", "stomach bug"], &[("87338", 1)], &[Lab]),
    e("blood-type", "Blood type", Labs, &["abo", "rh factor", "blood group", "type and rh"], &[("86900", 1), ("86901", 1)], &[Lab]),
    e("drug-screen", "Urine drug screen", Labs, &["drug test", "tox screen", "urine drug test", "pre-employment"], &[("80307", 1)], &[Lab]),
    e("blood-draw", "Blood draw", Labs, &["venipuncture", "phlebotomy", "lab draw", "getting blood taken"], &[("36415", 1)], &[Lab])
        .note("The fee for drawing the blood, added to the tests"),
    // Other tests
    e("ecg", "Electrocardiogram (ECG/EKG)", Tests, &["ekg", "ecg", "heart tracing", "heart rhythm test"], &[("93000", 1)], &[Office])
        .note("Tracing and reading in the office"),
    e(
        "echocardiogram",
        "Echocardiogram (heart ultrasound)",
        Tests,
        &["echo", "tte", "heart valve test", "heart sonogram"],
        &[("93306", 1)],
        &[Office, Facility],
    )
    .note("Complete exam with Doppler"),
    e(
        "stress-test",
        "Treadmill stress test",
        Tests,
        &["exercise stress test", "treadmill test", "cardiac stress test", "ett"],
        &[("93015", 1)],
        &[Office],
    )
    .note("ECG while you exercise, without imaging"),
    e(
        "stress-echo",
        "Stress echocardiogram",
        Tests,
        &["stress echo", "exercise echo", "cardiac stress test", "heart ultrasound"],
        &[("93351", 1)],
        &[Office, Facility],
    )
    .note("Heart ultrasound before and after exercise"),
    e(
        "nuclear-stress-test",
        "Nuclear heart stress test",
        Tests,
        &["myocardial perfusion", "spect", "cardiolite", "thallium test"],
        &[("78452", 1), ("93015", 1)],
        &[Office],
    )
    .note("Heart pictures with a tracer, plus the exercise part; the tracer is extra"),
    e(
        "holter-monitor",
        "Holter heart monitor (up to 2 days)",
        Tests,
        &["holter", "24 hour ecg", "irregular heartbeat", "palpitations"],
        &[("93224", 1)],
        &[Office],
    ),
    e(
        "heart-monitor-patch",
        "Heart monitor patch (up to 2 weeks)",
        Tests,
        &["zio patch", "event monitor", "ambulatory ecg", "palpitations"],
        &[("93245", 1)],
        &[Office],
    ),
    e(
        "ankle-brachial-index",
        "Leg artery blood-pressure test (ABI)",
        Tests,
        &["abi", "circulation test", "pad test", "poor circulation"],
        &[("93922", 1)],
        &[Office, Facility],
    ),
    e(
        "ambulatory-blood-pressure",
        "24-hour blood pressure monitor",
        Tests,
        &["abpm", "high blood pressure", "white coat hypertension", "bp monitor"],
        &[("93784", 1)],
        &[Office],
    ),
    e(
        "sleep-study-lab",
        "Overnight sleep study in a lab",
        Tests,
        &["polysomnography", "psg", "sleep apnea test", "sleep lab"],
        &[("95810", 1)],
        &[Office, Facility],
    )
    .note("A night at a sleep center"),
    e(
        "sleep-study-cpap",
        "Overnight sleep study with CPAP fitting",
        Tests,
        &["cpap titration", "sleep apnea", "psg", "sleep lab"],
        &[("95811", 1)],
        &[Office, Facility],
    )
    .note("A night at a sleep center finding your CPAP setting"),
    e(
        "sleep-study-home",
        "Home sleep apnea test",
        Tests,
        &["hst", "home sleep study", "osa", "snoring test"],
        &[("95806", 1)],
        &[Office, Facility],
    )
    .note("A device you wear at home for a night"),
    e(
        "allergy-skin-test",
        "Allergy skin prick test",
        Tests,
        &["allergy testing", "scratch test", "hay fever", "allergist"],
        &[("95004", 40)],
        &[Office],
    )
    .note("About 40 allergens"),
    e(
        "allergy-patch-test",
        "Allergy patch test",
        Tests,
        &["contact dermatitis", "patch testing", "skin allergy", "allergist"],
        &[("95044", 30)],
        &[Office],
    )
    .note("About 30 patches worn for a few days"),
    e(
        "spirometry",
        "Breathing test (spirometry)",
        Tests,
        &["lung function", "pft", "asthma test", "copd test"],
        &[("94010", 1)],
        &[Office, Facility],
    ),
    e(
        "spirometry-bronchodilator",
        "Breathing test before and after an inhaler",
        Tests,
        &["pre and post spirometry", "asthma test", "pft", "bronchodilator test"],
        &[("94060", 1)],
        &[Office, Facility],
    ),
    e(
        "hearing-test",
        "Hearing test with an audiologist",
        Tests,
        &["audiogram", "audiology", "hearing exam", "ears"],
        &[("92557", 1)],
        &[Office, Facility],
    )
    .note("Complete test of tones and speech"),
    e(
        "tympanometry",
        "Eardrum pressure test",
        Tests,
        &["tympanometry", "middle ear test", "ear infection test", "ears"],
        &[("92567", 1)],
        &[Office, Facility],
    ),
    e(
        "eeg",
        "Brain wave test (EEG)",
        Tests,
        &["seizures", "seizure test", "electroencephalogram", "epilepsy"],
        &[("95816", 1)],
        &[Office, Facility],
    )
    .note("Awake and drowsy, in the office or hospital"),
    e(
        "nerve-muscle-test",
        "Nerve and muscle test (EMG)",
        Tests,
        &["emg", "nerve conduction", "ncs", "carpal tunnel test", "neuropathy"],
        &[("95910", 1), ("95886", 1)],
        &[Office, Facility],
    )
    .note("Nerve conduction on several nerves plus the needle test"),
    e(
        "visual-field-test",
        "Side-vision test (visual field)",
        Tests,
        &["peripheral vision", "glaucoma test", "perimetry", "eyes"],
        &[("92083", 1)],
        &[Office, Facility],
    ),
    e("retina-scan", "Retina scan (OCT)", Tests, &["oct", "macular scan", "eye imaging", "glaucoma"], &[("92134", 1)], &[Office, Facility]),
    e(
        "skin-biopsy-pathology",
        "Lab review of a biopsy sample",
        Tests,
        &["pathology", "biopsy results", "tissue exam", "pathologist"],
        &[("88305", 1)],
        &[Office, Facility],
    )
    .note("The pathologist's exam of one tissue sample"),
    // Procedures
    e(
        "colonoscopy-diagnostic",
        "Colonoscopy",
        Procedures,
        &["scope", "colon exam", "gi", "lower endoscopy"],
        &[("45378", 1)],
        &[Facility, Office],
    )
    .note("To look into symptoms, with nothing removed; anesthesia and facility fees are separate"),
    e(
        "colonoscopy-biopsy",
        "Colonoscopy with tissue samples",
        Procedures,
        &["scope", "colon biopsy", "gi", "lower endoscopy"],
        &[("45380", 1)],
        &[Facility, Office],
    )
    .note("Small tissue samples taken"),
    e(
        "colonoscopy-polyp-removal",
        "Colonoscopy with polyp removal",
        Procedures,
        &["polypectomy", "scope", "colon polyp", "gi"],
        &[("45385", 1)],
        &[Facility, Office],
    )
    .note("Polyps removed with a wire loop"),
    e(
        "sigmoidoscopy",
        "Lower colon scope (sigmoidoscopy)",
        Procedures,
        &["flex sig", "lower colon exam", "scope", "gi"],
        &[("45330", 1)],
        &[Facility, Office],
    )
    .note("Looks at the lower part of the colon only"),
    e(
        "upper-endoscopy",
        "Upper endoscopy (EGD)",
        Procedures,
        &["egd", "stomach scope", "upper gi", "esophagus exam"],
        &[("43235", 1)],
        &[Facility, Office],
    )
    .note("Looks at the esophagus, stomach and start of the intestine"),
    e(
        "upper-endoscopy-biopsy",
        "Upper endoscopy with biopsy",
        Procedures,
        &["egd biopsy", "stomach scope", "celiac test", "upper gi"],
        &[("43239", 1)],
        &[Facility, Office],
    ),
    e(
        "upper-endoscopy-dilation",
        "Upper endoscopy with stretching of the esophagus",
        Procedures,
        &["esophageal dilation", "egd dilation", "trouble swallowing", "stricture"],
        &[("43249", 1)],
        &[Facility, Office],
    ),
    e(
        "skin-biopsy",
        "Skin biopsy",
        Procedures,
        &["shave biopsy", "mole biopsy", "skin sample", "dermatology"],
        &[("11102", 1)],
        &[Office, Facility],
    )
    .note("A thin shave of one spot; the lab exam is separate"),
    e(
        "skin-biopsy-punch",
        "Punch skin biopsy",
        Procedures,
        &["punch biopsy", "skin sample", "rash biopsy", "dermatology"],
        &[("11104", 1)],
        &[Office, Facility],
    )
    .note("A small round core of one spot; the lab exam is separate"),
    e(
        "mole-removal",
        "Mole removal by cutting out",
        Procedures,
        &["excision", "cyst removal", "lesion removal", "skin lump"],
        &[("11401", 1)],
        &[Office, Facility],
    )
    .note("Non-cancerous spot up to 1 cm on the body, arms or legs"),
    e(
        "mole-shave-removal",
        "Mole removal by shaving",
        Procedures,
        &["shave removal", "skin lesion", "mole shave", "dermatology"],
        &[("11300", 1)],
        &[Office, Facility],
    )
    .note("Small spot on the body, arms or legs"),
    e(
        "skin-tag-removal",
        "Skin tag removal",
        Procedures,
        &["skin tags", "acrochordon", "skin growths", "dermatology"],
        &[("11200", 1)],
        &[Office, Facility],
    )
    .note("Up to 15 tags"),
    e(
        "wart-removal",
        "Wart removal",
        Procedures,
        &["freeze wart", "cryotherapy", "plantar wart", "verruca"],
        &[("17110", 1)],
        &[Office, Facility],
    )
    .note("Freezing or burning up to 14 warts"),
    e(
        "precancer-freezing",
        "Freezing a precancerous skin spot",
        Procedures,
        &["actinic keratosis", "cryotherapy", "liquid nitrogen", "sun damage"],
        &[("17000", 1)],
        &[Office, Facility],
    )
    .note("First spot"),
    e(
        "mohs-surgery",
        "Mohs skin cancer surgery",
        Procedures,
        &["mohs", "skin cancer removal", "basal cell", "squamous cell"],
        &[("17311", 1)],
        &[Office, Facility],
    )
    .note("First stage on the head, neck, hands, feet or genitals"),
    e(
        "earwax-removal",
        "Earwax removal",
        Procedures,
        &["ear cleaning", "cerumen removal", "impacted earwax", "ear wax"],
        &[("69210", 1)],
        &[Office, Facility],
    )
    .note("One ear, by a doctor with instruments"),
    e(
        "joint-injection-large",
        "Knee or shoulder joint injection",
        Procedures,
        &["cortisone shot", "steroid injection", "knee injection", "shoulder injection", "joint shot"],
        &[("20610", 1)],
        &[Office, Facility],
    )
    .note("Without ultrasound guidance; the drug may be billed separately"),
    e(
        "joint-injection-ultrasound",
        "Joint injection with ultrasound guidance",
        Procedures,
        &["cortisone shot", "guided injection", "knee injection", "hip injection"],
        &[("20611", 1)],
        &[Office, Facility],
    )
    .note("Large joint; the drug may be billed separately"),
    e(
        "joint-injection-small",
        "Finger or toe joint injection",
        Procedures,
        &["cortisone shot", "steroid injection", "small joint", "thumb injection"],
        &[("20600", 1)],
        &[Office, Facility],
    ),
    e(
        "tendon-injection",
        "Steroid shot into a tendon",
        Procedures,
        &["trigger finger shot", "tennis elbow injection", "tendonitis", "cortisone shot"],
        &[("20550", 1)],
        &[Office, Facility],
    ),
    e(
        "trigger-point-injection",
        "Trigger point injection",
        Procedures,
        &["muscle knot injection", "tpi", "muscle spasm shot", "myofascial"],
        &[("20552", 1)],
        &[Office, Facility],
    )
    .note("One or two muscles"),
    e(
        "shot-in-muscle",
        "Injection of a medicine",
        Procedures,
        &["shot", "im injection", "b12 shot", "antibiotic shot", "steroid shot"],
        &[("96372", 1)],
        &[Office],
    )
    .note("Giving one shot under the skin or into a muscle; the drug is extra"),
    e("iv-infusion", "IV infusion", Procedures, &["drip", "iv fluids", "infusion center", "iv medication"], &[("96365", 1)], &[Office])
        .note("First hour; the drug or fluid is extra"),
    e(
        "iud-insertion",
        "IUD insertion",
        Procedures,
        &["kyleena", "mirena", "paragard", "birth control", "coil"],
        &[("58300", 1)],
        &[Office, Facility],
    )
    .note("The device itself is priced separately"),
    e(
        "iud-removal",
        "IUD removal",
        Procedures,
        &["iud out", "take out iud", "birth control", "coil removal"],
        &[("58301", 1)],
        &[Office, Facility],
    ),
    e(
        "birth-control-implant",
        "Birth control implant insertion",
        Procedures,
        &["nexplanon", "arm implant", "contraceptive implant", "contraception"],
        &[("11981", 1)],
        &[Office, Facility],
    )
    .note("The implant itself is priced separately"),
    e(
        "vasectomy",
        "Vasectomy",
        Procedures,
        &["male sterilization", "snip", "birth control", "urology"],
        &[("55250", 1)],
        &[Office, Facility],
    ),
    e(
        "stitches-small",
        "Stitches for a small cut",
        Procedures,
        &["sutures", "laceration repair", "gash", "wound closure"],
        &[("12001", 1)],
        &[Office, Facility],
    )
    .note("Up to about 1 inch, on the body, arms or legs"),
    e(
        "stitches-medium",
        "Stitches for a larger cut",
        Procedures,
        &["sutures", "laceration repair", "gash", "wound closure"],
        &[("12002", 1)],
        &[Office, Facility],
    )
    .note("About 1 to 3 inches, on the body, arms or legs"),
    e(
        "stitches-face",
        "Stitches on the face",
        Procedures,
        &["sutures", "facial laceration", "cut", "wound closure"],
        &[("12011", 1)],
        &[Office, Facility],
    )
    .note("Up to about 1 inch"),
    e(
        "ingrown-toenail",
        "Ingrown toenail removal",
        Procedures,
        &["infected toenail", "podiatrist", "nail avulsion", "matrixectomy"],
        &[("11750", 1)],
        &[Office, Facility],
    )
    .note("Part of the nail and its root, so it does not grow back"),
    e(
        "abscess-drainage",
        "Abscess drainage",
        Procedures,
        &["boil", "lance", "i&d", "incision and drainage", "cyst drainage"],
        &[("10060", 1)],
        &[Office, Facility],
    )
    .note("A simple single abscess"),
    e(
        "epidural-injection",
        "Epidural steroid injection, lower back",
        Procedures,
        &["esi", "back injection", "spinal injection", "sciatica shot"],
        &[("62323", 1)],
        &[Facility, Office],
    )
    .note("With imaging guidance, one level"),
    e(
        "nerve-root-injection",
        "Nerve root steroid injection, lower back",
        Procedures,
        &["transforaminal", "tfesi", "back injection", "sciatica shot"],
        &[("64483", 1)],
        &[Facility, Office],
    )
    .note("One level, one side"),
    e(
        "facet-joint-injection",
        "Facet joint injection, lower back",
        Procedures,
        &["facet injection", "medial branch block", "back injection", "spine injection"],
        &[("64493", 1)],
        &[Facility, Office],
    )
    .note("One level"),
    e(
        "back-nerve-ablation",
        "Radiofrequency nerve ablation, lower back",
        Procedures,
        &["rfa", "nerve burning", "rhizotomy", "facet ablation"],
        &[("64635", 1)],
        &[Facility, Office],
    )
    .note("One level"),
    e(
        "occipital-nerve-block",
        "Nerve block for headaches",
        Procedures,
        &["occipital nerve block", "headache injection", "migraine shot", "occipital neuralgia"],
        &[("64405", 1)],
        &[Office, Facility],
    ),
    e(
        "cystoscopy",
        "Bladder scope (cystoscopy)",
        Procedures,
        &["cysto", "bladder exam", "urology", "blood in urine"],
        &[("52000", 1)],
        &[Office, Facility],
    ),
    e(
        "prostate-biopsy",
        "Prostate biopsy",
        Procedures,
        &["prostate needle biopsy", "urology", "psa follow up", "prostate cancer"],
        &[("55700", 1)],
        &[Facility, Office],
    )
    .note("Ultrasound guidance and the lab exam are separate"),
    e(
        "nasal-endoscopy",
        "Scope exam of the nose and sinuses",
        Procedures,
        &["nose scope", "sinus scope", "ent", "nasal exam"],
        &[("31231", 1)],
        &[Office, Facility],
    ),
    e(
        "nosebleed-treatment",
        "Nosebleed treatment",
        Procedures,
        &["epistaxis", "nose packing", "cauterize nose", "ent"],
        &[("30901", 1)],
        &[Office, Facility],
    )
    .note("Simple packing or cautery at the front of the nose"),
    e(
        "hemorrhoid-banding",
        "Hemorrhoid banding",
        Procedures,
        &["rubber band ligation", "hemorrhoids", "piles", "colorectal"],
        &[("46221", 1)],
        &[Office, Facility],
    ),
    e(
        "colposcopy",
        "Colposcopy with biopsy",
        Procedures,
        &["abnormal pap follow up", "cervix biopsy", "colpo", "gyn"],
        &[("57454", 1)],
        &[Office, Facility],
    ),
    e(
        "leep",
        "LEEP procedure",
        Procedures,
        &["loop excision", "cervical dysplasia", "abnormal pap", "cone biopsy"],
        &[("57460", 1)],
        &[Office, Facility],
    ),
    e(
        "endometrial-biopsy",
        "Uterine lining biopsy",
        Procedures,
        &["endometrial biopsy", "emb", "uterus biopsy", "abnormal bleeding"],
        &[("58100", 1)],
        &[Office, Facility],
    ),
    e(
        "hysteroscopy",
        "Scope exam of the uterus with biopsy",
        Procedures,
        &["uterus scope", "hysteroscopy", "abnormal bleeding", "polyp"],
        &[("58558", 1)],
        &[Facility, Office],
    ),
    e(
        "d-and-c",
        "D&C (scraping of the uterine lining)",
        Procedures,
        &["d&c", "d and c", "uterine scraping", "gyn"],
        &[("58120", 1)],
        &[Facility, Office],
    )
    .note("Not related to pregnancy"),
    e(
        "eye-injection",
        "Eye injection",
        Procedures,
        &["intravitreal injection", "macular degeneration shot", "avastin", "eylea"],
        &[("67028", 1)],
        &[Office, Facility],
    )
    .note("The drug is priced separately"),
    e(
        "circumcision-newborn",
        "Newborn circumcision",
        Procedures,
        &["circ", "baby circumcision", "bris", "baby boy"],
        &[("54150", 1)],
        &[Facility, Office],
    )
    .note("With a numbing block"),
    // Surgery
    e(
        "cataract-surgery",
        "Cataract surgery",
        Surgery,
        &["cataract removal", "lens replacement", "iol", "eye surgery"],
        &[("66984", 1)],
        &[Facility],
    )
    .note("One eye; surgeon's fee including 90 days of follow-up"),
    e(
        "after-cataract-laser",
        "Laser for cloudy vision after cataract surgery",
        Surgery,
        &["yag laser", "posterior capsulotomy", "cloudy lens", "eye laser"],
        &[("66821", 1)],
        &[Office, Facility],
    ),
    e(
        "glaucoma-laser",
        "Glaucoma laser treatment",
        Surgery,
        &["slt", "trabeculoplasty", "eye pressure laser", "eye pressure"],
        &[("65855", 1)],
        &[Office, Facility],
    ),
    e(
        "eyelid-lift",
        "Upper eyelid surgery",
        Surgery,
        &["blepharoplasty", "droopy eyelids", "eyelid lift", "bleph"],
        &[("15823", 1)],
        &[Facility, Office],
    )
    .note("For eyelids that block vision"),
    e(
        "knee-replacement",
        "Knee replacement",
        Surgery,
        &["total knee", "tka", "tkr", "knee arthroplasty", "new knee"],
        &[("27447", 1)],
        &[Facility],
    )
    .note("Surgeon's fee including 90 days of follow-up"),
    e(
        "hip-replacement",
        "Hip replacement",
        Surgery,
        &["total hip", "tha", "thr", "hip arthroplasty", "new hip"],
        &[("27130", 1)],
        &[Facility],
    )
    .note("Surgeon's fee including 90 days of follow-up"),
    e(
        "shoulder-replacement",
        "Shoulder replacement",
        Surgery,
        &["total shoulder", "tsa", "shoulder arthroplasty", "new shoulder"],
        &[("23472", 1)],
        &[Facility],
    ),
    e(
        "knee-arthroscopy-meniscus",
        "Knee arthroscopy for a torn meniscus",
        Surgery,
        &["knee scope", "meniscectomy", "torn cartilage", "arthroscopic knee"],
        &[("29881", 1)],
        &[Facility],
    )
    .note("Trimming one torn meniscus"),
    e(
        "acl-reconstruction",
        "ACL reconstruction",
        Surgery,
        &["acl surgery", "torn acl", "ligament repair", "knee surgery"],
        &[("29888", 1)],
        &[Facility],
    ),
    e(
        "rotator-cuff-repair",
        "Rotator cuff repair",
        Surgery,
        &["shoulder surgery", "torn rotator cuff", "shoulder scope", "arthroscopic shoulder"],
        &[("29827", 1)],
        &[Facility],
    )
    .note("Through a scope"),
    e(
        "carpal-tunnel-release",
        "Surgery for carpal tunnel syndrome",
        Surgery,
        &["carpal tunnel release", "hand surgery", "wrist surgery", "numb hand"],
        &[("64721", 1)],
        &[Facility, Office],
    ),
    e(
        "trigger-finger-release",
        "Trigger finger surgery",
        Surgery,
        &["trigger finger release", "hand surgery", "locked finger", "stenosing tenosynovitis"],
        &[("26055", 1)],
        &[Facility, Office],
    ),
    e(
        "ganglion-cyst-removal",
        "Wrist ganglion cyst removal",
        Surgery,
        &["wrist cyst", "wrist lump", "hand surgery", "bible bump"],
        &[("25111", 1)],
        &[Facility],
    ),
    e(
        "wrist-fracture-surgery",
        "Broken wrist surgery",
        Surgery,
        &["wrist fracture", "orif", "plate and screws", "distal radius"],
        &[("25607", 1)],
        &[Facility],
    ),
    e(
        "bunion-surgery",
        "Bunion surgery",
        Surgery,
        &["bunionectomy", "hallux valgus", "foot surgery", "big toe"],
        &[("28296", 1)],
        &[Facility, Office],
    ),
    e(
        "gallbladder-removal",
        "Gallbladder removal",
        Surgery,
        &["cholecystectomy", "lap chole", "gallstones", "gallbladder surgery"],
        &[("47562", 1)],
        &[Facility],
    )
    .note("Laparoscopic, through small cuts"),
    e(
        "appendectomy",
        "Appendix removal",
        Surgery,
        &["appendectomy", "appendicitis", "lap appy", "appendix surgery"],
        &[("44970", 1)],
        &[Facility],
    )
    .note("Laparoscopic, through small cuts"),
    e(
        "hernia-repair-inguinal",
        "Groin hernia repair",
        Surgery,
        &["inguinal hernia", "hernia surgery", "groin bulge", "lap hernia"],
        &[("49650", 1)],
        &[Facility],
    )
    .note("Laparoscopic, first repair"),
    e(
        "hernia-repair-inguinal-open",
        "Open groin hernia repair",
        Surgery,
        &["inguinal hernia", "hernia surgery", "groin bulge", "open hernia"],
        &[("49505", 1)],
        &[Facility],
    )
    .note("Through one cut, first repair, age 5 and up"),
    e(
        "hernia-repair-belly",
        "Belly button or belly wall hernia repair",
        Surgery,
        &["umbilical hernia", "ventral hernia", "incisional hernia", "hernia surgery"],
        &[("49591", 1)],
        &[Facility],
    )
    .note("First repair, smaller than 3 cm"),
    e(
        "tonsillectomy-adult",
        "Tonsil removal (age 12 and up)",
        Surgery,
        &["tonsillectomy", "tonsils out", "sore throats", "ent surgery"],
        &[("42826", 1)],
        &[Facility],
    ),
    e(
        "tonsils-adenoids-child",
        "Tonsils and adenoids removal (under 12)",
        Surgery,
        &["t&a", "tonsillectomy", "adenoidectomy", "snoring child"],
        &[("42820", 1)],
        &[Facility],
    ),
    e(
        "ear-tubes",
        "Ear tubes",
        Surgery,
        &["myringotomy", "tympanostomy tubes", "pe tubes", "ear infections"],
        &[("69436", 1)],
        &[Facility],
    )
    .note("One ear, under general anesthesia"),
    e(
        "sinus-surgery",
        "Sinus surgery",
        Surgery,
        &["fess", "endoscopic sinus surgery", "chronic sinusitis", "ent surgery"],
        &[("31255", 1)],
        &[Facility],
    )
    .note("Through a scope, ethmoid sinuses"),
    e(
        "septoplasty",
        "Deviated septum repair",
        Surgery,
        &["septoplasty", "nose surgery", "blocked nose", "breathing through nose"],
        &[("30520", 1)],
        &[Facility],
    ),
    e(
        "hysterectomy",
        "Hysterectomy",
        Surgery,
        &["uterus removal", "tlh", "laparoscopic hysterectomy", "gyn surgery"],
        &[("58571", 1)],
        &[Facility],
    )
    .note("Laparoscopic, with tubes and ovaries, uterus up to 250 g"),
    e(
        "tubal-ligation",
        "Tubes tied",
        Surgery,
        &["tubal ligation", "sterilization", "tubal", "birth control"],
        &[("58671", 1)],
        &[Facility],
    )
    .note("Laparoscopic"),
    e(
        "lumpectomy",
        "Lumpectomy",
        Surgery,
        &["partial mastectomy", "breast cancer surgery", "breast lump removal", "breast conserving"],
        &[("19301", 1)],
        &[Facility],
    ),
    e(
        "mastectomy",
        "Mastectomy",
        Surgery,
        &["breast removal", "breast cancer surgery", "simple mastectomy", "total mastectomy"],
        &[("19303", 1)],
        &[Facility],
    )
    .note("One breast"),
    e(
        "thyroidectomy",
        "Thyroid removal",
        Surgery,
        &["thyroidectomy", "thyroid surgery", "goiter surgery", "thyroid cancer"],
        &[("60240", 1)],
        &[Facility],
    )
    .note("The whole gland"),
    e(
        "spinal-fusion-lumbar",
        "Lower back spinal fusion",
        Surgery,
        &["lumbar fusion", "back surgery", "spine fusion", "plif", "tlif"],
        &[("22630", 1)],
        &[Facility],
    )
    .note("One level, from the back"),
    e(
        "neck-fusion",
        "Neck spinal fusion (ACDF)",
        Surgery,
        &["acdf", "cervical fusion", "neck surgery", "disc replacement"],
        &[("22551", 1)],
        &[Facility],
    )
    .note("One level, from the front"),
    e(
        "lumbar-discectomy",
        "Herniated disc surgery, lower back",
        Surgery,
        &["discectomy", "slipped disc", "microdiscectomy", "back surgery"],
        &[("63030", 1)],
        &[Facility],
    )
    .note("One level"),
    e(
        "lumbar-laminectomy",
        "Lower back decompression for stenosis",
        Surgery,
        &["laminectomy", "spinal stenosis", "back surgery", "spinal decompression"],
        &[("63047", 1)],
        &[Facility],
    )
    .note("One level"),
    e(
        "prostate-turp",
        "Prostate surgery for urinary trouble (TURP)",
        Surgery,
        &["turp", "enlarged prostate", "bph surgery", "roto rooter"],
        &[("52601", 1)],
        &[Facility],
    ),
    e(
        "kidney-stone-ureteroscopy",
        "Kidney stone removal with a scope",
        Surgery,
        &["ureteroscopy", "laser lithotripsy", "ureter stone", "stent"],
        &[("52356", 1)],
        &[Facility],
    )
    .note("Laser breaks the stone and a stent is placed"),
    e(
        "gastric-sleeve",
        "Gastric sleeve surgery",
        Surgery,
        &["sleeve gastrectomy", "weight loss surgery", "bariatric", "vsg"],
        &[("43775", 1)],
        &[Facility],
    ),
    e(
        "gastric-bypass",
        "Gastric bypass surgery",
        Surgery,
        &["roux-en-y", "weight loss surgery", "bariatric", "rny"],
        &[("43644", 1)],
        &[Facility],
    ),
    e(
        "varicose-vein-ablation",
        "Varicose vein ablation",
        Surgery,
        &["spider veins", "radiofrequency ablation", "venous insufficiency", "leg veins"],
        &[("36475", 1)],
        &[Office, Facility],
    )
    .note("First vein, by radiofrequency"),
    e(
        "hemorrhoid-surgery",
        "Hemorrhoid removal surgery",
        Surgery,
        &["hemorrhoidectomy", "piles surgery", "hemorrhoids", "colorectal"],
        &[("46255", 1)],
        &[Facility, Office],
    ),
    e(
        "circumcision-adult",
        "Circumcision (older child or adult)",
        Surgery,
        &["circ", "adult circumcision", "foreskin", "urology"],
        &[("54161", 1)],
        &[Facility],
    ),
    // Pregnancy and birth
    e(
        "vaginal-delivery-global",
        "Pregnancy care and vaginal birth",
        Pregnancy,
        &["ob", "prenatal care", "labor and delivery", "having a baby", "maternity"],
        &[("59400", 1)],
        &[Facility],
    )
    .note("The doctor's fee for prenatal visits, delivery and postpartum care; the hospital bills separately"),
    e(
        "c-section-global",
        "Pregnancy care and C-section",
        Pregnancy,
        &["cesarean section", "cesarean", "ob", "prenatal care", "maternity"],
        &[("59510", 1)],
        &[Facility],
    )
    .note("The doctor's fee for prenatal visits, surgery and postpartum care; the hospital bills separately"),
    e(
        "vbac-global",
        "Pregnancy care and VBAC",
        Pregnancy,
        &["vbac", "vaginal birth after cesarean", "ob", "prenatal care"],
        &[("59610", 1)],
        &[Facility],
    )
    .note("Vaginal birth after an earlier C-section, with prenatal and postpartum care"),
    e(
        "vaginal-delivery-only",
        "Vaginal delivery only",
        Pregnancy,
        &["labor and delivery", "birth", "ob", "delivery fee"],
        &[("59409", 1)],
        &[Facility],
    )
    .note("Just the birth, when another doctor gave the prenatal care"),
    e(
        "c-section-only",
        "C-section only",
        Pregnancy,
        &["cesarean", "cesarean birth", "birth", "delivery fee"],
        &[("59514", 1)],
        &[Facility],
    )
    .note("Just the surgery, when another doctor gave the prenatal care"),
    e(
        "prenatal-care-4-6",
        "Prenatal visits (4 to 6)",
        Pregnancy,
        &["prenatal care", "ob visits", "pregnancy checkups", "antepartum"],
        &[("59425", 1)],
        &[Office, Facility],
    )
    .note("When you change doctors or don't deliver with this one"),
    e(
        "prenatal-care-7-plus",
        "Prenatal visits (7 or more)",
        Pregnancy,
        &["prenatal care", "ob visits", "pregnancy checkups", "antepartum"],
        &[("59426", 1)],
        &[Office, Facility],
    )
    .note("When you change doctors or don't deliver with this one"),
    e(
        "postpartum-visit",
        "Postpartum checkup",
        Pregnancy,
        &["after birth visit", "6 week checkup", "postnatal", "ob"],
        &[("59430", 1)],
        &[Office, Facility],
    )
    .note("When it is billed apart from the delivery"),
    e(
        "pregnancy-ultrasound-first",
        "First-trimester pregnancy ultrasound",
        Pregnancy,
        &["dating ultrasound", "early ultrasound", "sonogram", "ob ultrasound"],
        &[("76801", 1)],
        &[Office, Facility],
    )
    .note("Before 14 weeks, through the belly"),
    e(
        "pregnancy-ultrasound-early-transvaginal",
        "Early transvaginal pregnancy ultrasound",
        Pregnancy,
        &["early ultrasound", "heartbeat check", "internal ultrasound", "viability scan"],
        &[("76817", 1)],
        &[Office, Facility],
    ),
    e(
        "pregnancy-ultrasound",
        "Pregnancy ultrasound after 14 weeks",
        Pregnancy,
        &["ob ultrasound", "sonogram", "growth scan", "gender ultrasound"],
        &[("76805", 1)],
        &[Office, Facility],
    )
    .note("Standard exam, one baby"),
    e(
        "anatomy-scan",
        "Detailed anatomy ultrasound",
        Pregnancy,
        &["level 2 ultrasound", "20 week scan", "anatomy scan", "mfm ultrasound"],
        &[("76811", 1)],
        &[Office, Facility],
    )
    .note("In-depth check of the baby, one baby"),
    e(
        "nonstress-test",
        "Baby heart-rate monitoring (nonstress test)",
        Pregnancy,
        &["nst", "baby heart monitoring", "fetal monitoring", "late pregnancy"],
        &[("59025", 1)],
        &[Office, Facility],
    ),
    e(
        "biophysical-profile",
        "Baby well-being ultrasound (biophysical profile)",
        Pregnancy,
        &["bpp", "baby wellbeing scan", "fetal ultrasound", "late pregnancy"],
        &[("76818", 1)],
        &[Office, Facility],
    )
    .note("Ultrasound plus nonstress test"),
    e(
        "amniocentesis",
        "Amniocentesis",
        Pregnancy,
        &["amnio", "genetic testing", "amniotic fluid", "prenatal diagnosis"],
        &[("59000", 1)],
        &[Office, Facility],
    )
    .note("Ultrasound guidance and lab tests are separate"),
    e(
        "miscarriage-care",
        "Miscarriage procedure",
        Pregnancy,
        &["d&c miscarriage", "pregnancy loss", "missed miscarriage", "incomplete miscarriage"],
        &[("59820", 1)],
        &[Facility, Office],
    )
    .note("Surgical completion in the first trimester"),
    e(
        "prenatal-blood-panel",
        "Prenatal blood panel",
        Pregnancy,
        &["ob panel", "prenatal labs", "first pregnancy bloodwork", "prenatal screening"],
        &[("80081", 1)],
        &[Lab],
    )
    .note("Blood count, blood type, antibodies, rubella, syphilis, hepatitis B and HIV"),
    e(
        "glucose-challenge-pregnancy",
        "Pregnancy glucose screening test",
        Pregnancy,
        &["gestational diabetes test", "1 hour glucose", "sugar drink", "gct"],
        &[("82950", 1)],
        &[Lab],
    )
    .note("One-hour test"),
    e(
        "nipt",
        "Prenatal cell-free DNA test (NIPT)",
        Pregnancy,
        &["nipt", "cell free dna", "harmony", "panorama", "gender blood test"],
        &[("81420", 1)],
        &[Lab],
    )
    .note("Mother's blood checked for the baby's chromosomes"),
    e(
        "group-b-strep-test",
        "Group B strep test",
        Pregnancy,
        &["gbs", "strep b swab", "36 week swab", "gbs culture"],
        &[("87081", 1)],
        &[Lab],
    ),
    // Therapy and rehabilitation
    e(
        "pt-evaluation-low",
        "Physical therapy evaluation, simple",
        Therapy,
        &["pt eval", "physical therapist", "physio", "rehab"],
        &[("97161", 1)],
        &[Office],
    )
    .note("First visit for a simple problem"),
    e(
        "pt-evaluation-moderate",
        "Physical therapy evaluation, moderate",
        Therapy,
        &["pt eval", "physical therapist", "physio", "rehab"],
        &[("97162", 1)],
        &[Office],
    )
    .note("First visit for a moderately complex problem"),
    e(
        "pt-evaluation-high",
        "Physical therapy evaluation, complex",
        Therapy,
        &["pt eval", "physical therapist", "physio", "rehab"],
        &[("97163", 1)],
        &[Office],
    )
    .note("First visit for a complex problem"),
    e(
        "pt-reevaluation",
        "Physical therapy re-evaluation",
        Therapy,
        &["pt re-eval", "progress check", "physio", "rehab"],
        &[("97164", 1)],
        &[Office],
    ),
    e(
        "pt-session",
        "Physical therapy session",
        Therapy,
        &["pt", "physio", "rehab", "exercises", "manual therapy"],
        &[("97110", 2), ("97140", 1)],
        &[Office],
    )
    .note("About 45 minutes of exercises and hands-on treatment"),
    e(
        "ot-evaluation",
        "Occupational therapy evaluation",
        Therapy,
        &["ot eval", "occupational therapist", "hand therapy", "daily living"],
        &[("97166", 1)],
        &[Office],
    )
    .note("First visit, moderate complexity"),
    e(
        "ot-session",
        "Occupational therapy session",
        Therapy,
        &["ot", "hand therapy", "daily living skills", "rehab"],
        &[("97530", 2), ("97535", 1)],
        &[Office],
    )
    .note("About 45 minutes of activities and self-care training"),
    e(
        "chiropractic-adjustment",
        "Chiropractic adjustment",
        Therapy,
        &["chiropractor", "spinal manipulation", "back cracking", "back adjustment"],
        &[("98940", 1)],
        &[Office, Facility],
    )
    .note("One or two areas of the spine"),
    e(
        "chiropractic-adjustment-extended",
        "Chiropractic adjustment, several areas",
        Therapy,
        &["chiropractor", "spinal manipulation", "full spine", "back adjustment"],
        &[("98941", 1)],
        &[Office, Facility],
    )
    .note("Three or four areas of the spine"),
    e(
        "acupuncture",
        "Acupuncture session",
        Therapy,
        &["acupuncturist", "needles", "chinese medicine", "pain relief"],
        &[("97810", 1), ("97811", 1)],
        &[Office, Facility],
    )
    .note("About 30 minutes of needling"),
    e(
        "acupuncture-electric",
        "Acupuncture with electrical stimulation",
        Therapy,
        &["electroacupuncture", "acupuncturist", "needles", "estim"],
        &[("97813", 1), ("97814", 1)],
        &[Office, Facility],
    )
    .note("About 30 minutes"),
    e(
        "dry-needling",
        "Dry needling",
        Therapy,
        &["trigger point needling", "intramuscular stimulation", "pt needling", "muscle knots"],
        &[("20560", 1)],
        &[Office, Facility],
    )
    .note("One or two muscles"),
    e(
        "massage-therapy",
        "Therapeutic massage",
        Therapy,
        &["massage therapy", "soft tissue", "muscle tension", "massage therapist"],
        &[("97124", 2)],
        &[Office],
    )
    .note("About 30 minutes"),
    e(
        "speech-evaluation",
        "Speech and language evaluation",
        Therapy,
        &["speech therapy eval", "slp", "speech delay", "speech pathologist"],
        &[("92523", 1)],
        &[Office],
    ),
    e(
        "speech-therapy-session",
        "Speech therapy session",
        Therapy,
        &["speech pathologist", "slp", "stuttering", "language therapy"],
        &[("92507", 1)],
        &[Office],
    ),
    e(
        "swallowing-evaluation",
        "Swallowing check by a speech therapist",
        Therapy,
        &["dysphagia", "swallow study", "trouble swallowing", "slp"],
        &[("92610", 1)],
        &[Office, Facility],
    ),
    e(
        "cardiac-rehab",
        "Cardiac rehab session",
        Therapy,
        &["heart rehab", "cardiac rehabilitation", "after heart attack", "monitored exercise"],
        &[("93798", 1)],
        &[Facility, Office],
    )
    .note("One monitored exercise session"),
    e(
        "pulmonary-rehab",
        "Pulmonary rehab session",
        Therapy,
        &["lung rehab", "copd rehab", "breathing exercises", "pulmonary rehabilitation"],
        &[("94625", 1)],
        &[Facility, Office],
    )
    .note("One session"),
    // Mental health
    e(
        "therapy-intake",
        "First therapy appointment (intake)",
        MentalHealth,
        &["intake", "mental health assessment", "counseling", "therapist", "shrink"],
        &[("90791", 1)],
        &[Office, Facility],
    )
    .note("Assessment by a therapist, psychologist or social worker"),
    e(
        "psychiatric-evaluation",
        "First visit with a psychiatrist",
        MentalHealth,
        &["psychiatry", "psych eval", "medication evaluation", "mental health"],
        &[("90792", 1)],
        &[Office, Facility],
    )
    .note("Assessment that can include medication"),
    e(
        "psychotherapy-30",
        "Therapy session, 30 minutes",
        MentalHealth,
        &["counseling", "talk therapy", "therapist", "shrink"],
        &[("90832", 1)],
        &[Office, Facility],
    ),
    e(
        "psychotherapy-45",
        "Therapy session, 45 minutes",
        MentalHealth,
        &["counseling", "talk therapy", "therapist", "shrink", "cbt"],
        &[("90834", 1)],
        &[Office, Facility],
    ),
    e(
        "psychotherapy-60",
        "Therapy session, 60 minutes",
        MentalHealth,
        &["counseling", "talk therapy", "therapist", "shrink", "cbt"],
        &[("90837", 1)],
        &[Office, Facility],
    ),
    e(
        "family-therapy",
        "Family or couples therapy",
        MentalHealth,
        &["couples counseling", "marriage counseling", "family counseling", "therapist"],
        &[("90847", 1)],
        &[Office, Facility],
    )
    .note("About 50 minutes, with the patient present"),
    e(
        "family-therapy-without-patient",
        "Family therapy without the patient",
        MentalHealth,
        &["family counseling", "parent session", "therapist", "family session"],
        &[("90846", 1)],
        &[Office, Facility],
    )
    .note("About 50 minutes"),
    e(
        "group-therapy",
        "Group therapy session",
        MentalHealth,
        &["support group", "group counseling", "therapy group", "dbt group"],
        &[("90853", 1)],
        &[Office, Facility],
    ),
    e(
        "crisis-therapy",
        "Crisis therapy session",
        MentalHealth,
        &["mental health crisis", "emergency counseling", "crisis counseling", "urgent therapy"],
        &[("90839", 1)],
        &[Office, Facility],
    )
    .note("About an hour"),
    e(
        "medication-management",
        "Psychiatric medication check",
        MentalHealth,
        &["med management", "psychiatrist follow up", "med check", "antidepressant"],
        &[("99214", 1)],
        &[Office, Facility],
    )
    .note("Follow-up visit with a psychiatrist or nurse practitioner"),
    e(
        "medication-management-therapy",
        "Psychiatric medication check with therapy",
        MentalHealth,
        &["med management", "psychiatrist", "med check", "psychotherapy"],
        &[("99214", 1), ("90833", 1)],
        &[Office, Facility],
    )
    .note("Follow-up visit plus about 30 minutes of therapy"),
    e(
        "psychological-testing",
        "Psychological testing",
        MentalHealth,
        &["psych testing", "adhd testing", "psychological evaluation", "assessment"],
        &[("96130", 1), ("96131", 1), ("96136", 1), ("96137", 3)],
        &[Office, Facility],
    )
    .note("About 2 hours of tests plus 2 hours of scoring and feedback"),
    e(
        "neuropsychological-testing",
        "Neuropsychological testing",
        MentalHealth,
        &["neuropsych testing", "memory testing", "cognitive testing", "dementia evaluation"],
        &[("96132", 1), ("96133", 1), ("96136", 1), ("96137", 3)],
        &[Office, Facility],
    )
    .note("About 2 hours of tests plus 2 hours of scoring and feedback"),
    e(
        "substance-use-intervention",
        "Alcohol or drug use counseling",
        MentalHealth,
        &["substance use", "sbirt", "addiction counseling", "drinking counseling"],
        &[("G0396", 1)],
        &[Office, Facility],
    )
    .note("15 to 30 minutes"),
    e(
        "health-behavior-session",
        "Coping with illness counseling",
        MentalHealth,
        &["health psychology", "behavioral health", "chronic illness counseling", "pain psychology"],
        &[("96158", 1)],
        &[Office, Facility],
    )
    .note("First 30 minutes"),
    e(
        "electroconvulsive-therapy",
        "ECT treatment for severe depression",
        MentalHealth,
        &["electroconvulsive therapy", "shock therapy", "treatment resistant depression"],
        &[("90870", 1)],
        &[Facility, Office],
    )
    .note("One treatment; anesthesia is separate"),
];
