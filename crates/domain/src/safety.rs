//! Emergencies and crises come before any service.
//!
//! Program description, General Conditions 2: "Health advocacy services are not medical care";
//! advocates answer Monday to Friday and call back "the following business day". So wherever a
//! member types, words that describe an emergency or a crisis are recognised here and the member
//! is pointed to 911 and to the 988 Suicide & Crisis Lifeline before anything else, and no
//! billing or cost service is suggested for them.
//!
//! The rule is a list of phrasings, in English and Spanish, matched word by word after folding
//! case, accents and apostrophes, tolerant of one typo in a long word ("sucide", "overdoes").
//! Three kinds of phrasing, with one trade-off stated:
//! - **crisis** (suicide, self-harm): always recognised, whatever else the text says;
//! - **symptoms** happening now (chest pain, trouble breathing, not breathing, bleeding that
//!   will not stop…): always recognised, even in a text about a bill, because "I have chest
//!   pain, what does the ER cost?" must never miss; a bill about a past chest pain then shows
//!   the notice too, which costs the member one line of reading;
//! - **events** that members often mention in the past (a heart attack, a stroke, a seizure,
//!   an overdose): recognised when said as happening ("I think I'm having a stroke") or when the
//!   text gives no sign of the past or of paperwork; "my dad had a stroke and needs a nursing
//!   home" or "the bill for my heart attack" is an ordinary request.
//!
//! The tests below list phrasings that must be recognised and ordinary ones that must not.

use crate::edit_distance::edit_distance;
use serde::{Deserialize, Serialize};

/// What the words describe, which decides the number shown first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SafetyConcern {
    /// Thoughts of suicide or self-harm: 988 first, and 911 if life is in danger now.
    Crisis,
    /// A medical emergency: 911.
    Emergency,
}

/// The emergency number.
pub const EMERGENCY_NUMBER: &str = "911";
/// The 988 Suicide & Crisis Lifeline: call or text.
pub const CRISIS_LINE: &str = "988";

/// The notice shown above everything else when a concern is recognised.
pub const NOTICE: &str = "If this is an emergency, call 911. If you are thinking about suicide or are in crisis, call or text 988.";

/// The quiet line that stands on every page where a member describes a need.
pub const STANDING_LINE: &str =
    "Advocates are not an emergency service. In an emergency, call 911. If you are in crisis, call or text 988.";

impl SafetyConcern {
    /// The first sentence of the notice for this concern.
    pub fn headline(self) -> &'static str {
        match self {
            SafetyConcern::Crisis => "You are not alone. Call or text 988 now to talk to someone.",
            SafetyConcern::Emergency => "This may be an emergency. Call 911 now.",
        }
    }
}

/// Recognises emergency or crisis wording in what a member typed. A crisis outranks an
/// emergency when a text holds both (the crisis line also sends emergency help).
pub fn recognise(text: &str) -> Option<SafetyConcern> {
    let words = words_of(text);
    if words.is_empty() {
        return None;
    }
    if CRISIS.iter().any(|p| matches(p, &words)) {
        return Some(SafetyConcern::Crisis);
    }
    if SYMPTOMS.iter().any(|p| matches(p, &words)) {
        return Some(SafetyConcern::Emergency);
    }
    let event = EVENTS.iter().any(|p| matches(p, &words));
    let happening = HAPPENING_NOW.iter().any(|p| matches(p, &words));
    let past_or_paperwork = PAST_OR_PAPERWORK.iter().any(|p| matches(p, &words));
    (event && (happening || !past_or_paperwork)).then_some(SafetyConcern::Emergency)
}

/// Suicide and self-harm, said of oneself or of someone else.
const CRISIS: &[&str] = &[
    "suicid*|sucid*|suicd*|suisid*|suiced*",
    "kill|killing|kil|killin myself|himself|herself|themselves|themself|meself",
    "kill|killing my self",
    "kms",
    "end|ending|take|taking my|his|her|their own? life",
    "end it all",
    "thinking|thought about|of ending|end it",
    "take|taking|swallow all my pills",
    "nobody|noone would miss me",
    "no one would miss me",
    "want|wanna|wants|wanted to? die",
    "want|wants|wanted to be dead",
    "wish i|he|she was|were dead",
    "wish i|he|she never woke up",
    "better off dead",
    "dont|doesnt want to live|exist",
    "do|does not want to live|exist",
    "dont|doesnt want to be alive|here",
    "dont|doesnt want to wake up",
    "no reason to live",
    "not worth living",
    "cant|cannot go on",
    "hurt|hurting|harm|harming|cut|cutting|burn|burning myself|himself|herself|themselves",
    "self harm|harming|injury|injure",
    "selfharm",
    "shoot|hang|drown myself|himself|herself",
    "jump off a|the bridge|roof|building",
    "overdose|od on purpose",
    // Spanish.
    "quiero|quiere morir|morirme|morirse|matarme|matarse",
    "me|se quiero|quiere morir|matar",
    "voy|va a matarme|matarse|suicidarme|suicidarse",
    "quitarme|quitarse la vida",
    "no quiero|quiere vivir|seguir",
    "hacerme|hacerse dano",
    "cortarme|cortarse las venas",
];

/// Emergency symptoms: recognised whatever else the text says.
const SYMPTOMS: &[&str] = &[
    "chest pain|pains|hurts|hurting|tightness|tight|pressure",
    "chestpain",
    "pain|pressure|tightness in my|the|his|her chest",
    "my|his|her chest hurts|hurting",
    "chest is|feels tight",
    "crushing chest",
    "cant|cannot|couldnt breathe|breath|breathing",
    "can not breathe|breath",
    "trouble|difficulty|struggling breathing",
    "hard time breathing",
    "cant|cannot catch my|his|her breath",
    "hard to breathe|breath",
    "short of breath",
    "shortness of breath",
    "gasping for air|breath",
    "not|isnt|stopped breathing",
    "turning blue",
    "choking",
    "throat is? closing|swelling",
    "tongue|lips is|are? swelling",
    "collapsed",
    "fainted",
    "worst headache",
    "sudden numbness|weakness|confusion|paralysis",
    "bleeding heavily|badly|nonstop|everywhere",
    "bleeding a lot",
    "bleeding wont|doesnt stop",
    "bleeding will|does not stop",
    "wont stop bleeding",
    "will not stop bleeding",
    "cant|cannot stop the? bleeding",
    "severe|heavy bleeding",
    "coughing|vomiting|throwing up? blood",
    "unconscious",
    "unresponsive",
    "wont wake up",
    "will not wake up",
    "passed|passing out",
    "face is? drooping",
    "slurred|slurring speech",
    "cant|cannot move my|his|her|one arm|leg|side",
    "numb on one side",
    "took|taken|swallowed too many pills",
    "swallowed|drank|ate bleach|poison|detergent|batteries|battery",
    "severe allergic reaction",
    // Spanish.
    "dolor de|en el? pecho",
    "no puedo|puede respirar",
    "no respira",
    "me|le falta el aire",
    "sangra|sangrando mucho",
    "no para|deja de sangrar",
    "inconsciente",
    "se desmayo",
    "se esta? ahogando",
    "ahogandose",
];

/// Emergencies that members often name in the past: recognised when said as happening, or when
/// nothing in the text speaks of the past or of paperwork.
const EVENTS: &[&str] = &[
    "heart attack",
    "heartattack",
    "stroke",
    "seizure|seizures|seizing",
    "convulsion*",
    "overdose|overdosed|overdosing",
    "anaphyla*",
    "poisoned|poisoning",
    // Spanish.
    "infarto",
    "ataque al corazon",
    "ataque cardiaco",
    "derrame cerebral",
    "sobredosis",
    "envenen*",
];

/// Words that put an event in the present.
const HAPPENING_NOW: &[&str] = &[
    "having|havin",
    "think|thinks|maybe|might i|im|he|hes|she|shes|they|it|its|this|my",
    "right|just now",
    "signs|symptoms of",
    "esta|estoy|estas teniendo",
    "ahora mismo",
];

/// Words that put an event in the past, or in a request about paperwork or later care.
const PAST_OR_PAPERWORK: &[&str] = &[
    "had|after|since|from|history|recovering|recovery|rehab|rehabilitation|survivor|prevention|risk|last|ago",
    "bill|bills|billed|billing|charge|charges|charged|claim|claims|cost|costs|price|insurance|covered|coverage|paid|pay|payment|denied|appeal",
    "treatment|therapy|medication|medications|meds|specialist|cardiologist|neurologist|appointment|facility|nursing|follow",
    "tuvo|tuve|despues|factura|cuenta|seguro",
];

/// The words of a text, lower-cased, with accents and apostrophes folded away ("Can't" →
/// "cant", "corazón" → "corazon") and every other mark a word break.
fn words_of(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        match fold(c) {
            Some(Fold::Letter(l)) => current.push(l),
            Some(Fold::Skip) => {}
            None => {
                if !current.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
            }
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

enum Fold {
    Letter(char),
    /// Apostrophes join a word's parts: "can't" is "cant".
    Skip,
}

fn fold(c: char) -> Option<Fold> {
    let letter = match c {
        'a'..='z' | '0'..='9' => c,
        'A'..='Z' => c.to_ascii_lowercase(),
        'á' | 'à' | 'â' | 'ä' | 'Á' | 'À' | 'Â' | 'Ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'Ó' | 'Ò' | 'Ô' | 'Ö' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
        'ñ' | 'Ñ' => 'n',
        'ç' | 'Ç' => 'c',
        '\'' | '’' | '‘' | '`' => return Some(Fold::Skip),
        _ => return None,
    };
    Some(Fold::Letter(letter))
}

/// Whether a pattern occurs anywhere in the words. A pattern is slots separated by spaces; a
/// slot is alternatives separated by `|`; a slot ending in `?` may be left out; an alternative
/// ending in `*` matches words that start with it.
fn matches(pattern: &str, words: &[String]) -> bool {
    let slots: Vec<&str> = pattern.split(' ').collect();
    (0..words.len()).any(|start| matches_at(&slots, words, start))
}

fn matches_at(slots: &[&str], words: &[String], at: usize) -> bool {
    let Some((slot, rest)) = slots.split_first() else { return true };
    let (alternatives, optional) = match slot.strip_suffix('?') {
        Some(alternatives) => (alternatives, true),
        None => (*slot, false),
    };
    let here = words.get(at).is_some_and(|word| alternatives.split('|').any(|a| word_matches(a, word)));
    (here && matches_at(rest, words, at + 1)) || (optional && matches_at(rest, words, at))
}

/// A word matches an alternative exactly, by prefix (`suicid*`), with two neighbouring letters
/// swapped ("pian"), or with one typo when both are long enough that one typo cannot turn one
/// ordinary word into another ("sucide", "overdoes").
fn word_matches(alternative: &str, word: &str) -> bool {
    match alternative.strip_suffix('*') {
        Some(prefix) => word.starts_with(prefix),
        None => {
            word == alternative
                || (alternative.len() >= 4 && swapped_neighbours(alternative, word))
                || (alternative.len() >= 7 && word.len() >= 6 && edit_distance(alternative.as_bytes(), word.as_bytes()) <= 1)
        }
    }
}

/// The same letters with one pair of neighbours swapped.
fn swapped_neighbours(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let differ: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    matches!(differ.as_slice(), [i, j] if *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Phrasings a member or a relative might type in a crisis.
    const CRISIS_PHRASES: &[&str] = &[
        "I want to kill myself",
        "i want to kill my self",
        "I've been thinking about suicide",
        "feeling suicidal",
        "sucidal thoughts",
        "thinking about sucide",
        "I don't want to live anymore",
        "i dont want to be alive",
        "I want to die",
        "wanna die",
        "I wish I was dead",
        "everyone would be better off dead without me",
        "I keep hurting myself",
        "my daughter has been cutting herself",
        "my son says he wants to kill himself",
        "he talked about ending his life",
        "I want to end my life",
        "thinking of taking my own life",
        "self-harm",
        "self harm urges",
        "I can't go on like this",
        "no reason to live",
        "kms",
        "I'm going to overdose on purpose",
        "I want to kill myself because of this bill",
        "quiero morirme",
        "Me quiero matar",
        "estoy pensando en el suicidio",
        "no quiero vivir",
        "quiero quitarme la vida",
        "I'm thinking about ending it",
        "I'm going to take all my pills",
        "nobody would miss me",
        "I don't want to be here anymore",
        "my teen is threatening suicide",
        "me quiero suicidar",
    ];

    const EMERGENCY_PHRASES: &[&str] = &[
        "chest pain",
        "I have chest pain, how much does the ER cost?",
        "my chest hurts",
        "pain in my chest and my left arm",
        "pressure in the chest",
        "I think I'm having a heart attack",
        "heart attack",
        "having a stroke",
        "my husband's face is drooping and his speech is slurred",
        "slurred speech",
        "I can't breathe",
        "cant breath",
        "my son is having trouble breathing",
        "hard to breathe",
        "shortness of breath",
        "my baby is not breathing",
        "child stopped breathing",
        "she is choking",
        "my throat is closing",
        "bleeding a lot",
        "the bleeding won't stop",
        "severe bleeding from a cut",
        "coughing up blood",
        "my dad is unconscious",
        "she passed out and won't wake up",
        "my mom is having a seizure",
        "overdose",
        "I think he overdosed",
        "my son took too many pills",
        "toddler swallowed bleach",
        "severe allergic reaction",
        "anaphylaxis",
        "dolor de pecho",
        "tengo dolor en el pecho",
        "no puedo respirar",
        "mi hijo no respira",
        "creo que está teniendo un infarto",
        "sobredosis",
        "Chest Pain!!!",
        "chest pian",
        "cant breathe",
        "left arm numb and chest tight",
        "can't catch my breath",
        "my tongue is swelling after a bee sting",
        "my dad collapsed",
        "worst headache of my life",
        "sudden weakness on one side",
        "having chest pains",
        "stroke symptoms in my dad",
        "se está ahogando",
        "tiene un ataque cardiaco",
    ];

    /// Ordinary requests, several naming the same body parts and illnesses.
    const ORDINARY_PHRASES: &[&str] = &[
        "bill for my heart surgery",
        "how much is a chest x-ray",
        "chest CT price in 10001",
        "my dad had a stroke last year and needs a nursing home",
        "rehab facility after my mother's stroke",
        "the ER bill from my heart attack in March",
        "second opinion on heart attack treatment",
        "my son has seizures and we need a neurologist",
        "insurance denied the claim for my overdose hospital stay",
        "find a cardiologist",
        "my mother is dying and needs hospice",
        "end of life care for my father",
        "life insurance questions",
        "painkillers not covered by my plan",
        "sleep study for my breathing at night",
        "breathing treatment was billed twice",
        "blood test charged twice",
        "I was charged for a bleeding time test",
        "asthma inhaler is too expensive",
        "cpap supplies",
        "stroke risk screening cost",
        "help with a medical bill over $400",
        "I need a new primary care doctor",
        "questions about my knee MRI",
        "my insurance won't pay for physical therapy",
        "I am killing time waiting for the billing office",
        "dying to know why this costs so much",
        "my daughter needs a dentist",
        "senior care for my parent-in-law",
        "home care after discharge",
        "factura del hospital",
        "necesito un médico",
        "quiero ayuda con una factura",
        "poison ivy cream price",
        "I need help finding a therapist for depression",
        "mental health counselor covered?",
        "my chest x-ray was billed twice",
        "hospice for my dad who is terminally ill",
        "cost of a stress test",
        "pulmonologist for my asthma",
        "my wife is pregnant, need an OB",
        "pain management doctor",
        "back pain physical therapy",
        "heart surgery second opinion",
        "bleeding gums dentist",
        "this bill is killing me",
        "tuvo un infarto el año pasado y necesita rehabilitación",
        "",
        "   ",
    ];

    #[test]
    fn crisis_wording_points_to_988_first() {
        for phrase in CRISIS_PHRASES {
            assert_eq!(recognise(phrase), Some(SafetyConcern::Crisis), "{phrase:?}");
        }
    }

    #[test]
    fn emergency_wording_points_to_911() {
        for phrase in EMERGENCY_PHRASES {
            assert_eq!(recognise(phrase), Some(SafetyConcern::Emergency), "{phrase:?}");
        }
    }

    #[test]
    fn ordinary_requests_are_not_emergencies() {
        for phrase in ORDINARY_PHRASES {
            assert_eq!(recognise(phrase), None, "{phrase:?}");
        }
    }

    #[test]
    fn a_crisis_said_about_a_bill_is_still_a_crisis() {
        assert_eq!(recognise("this bill makes me want to kill myself"), Some(SafetyConcern::Crisis));
        assert_eq!(recognise("I want to die, the hospital billed me $9,000"), Some(SafetyConcern::Crisis));
    }

    #[test]
    fn an_event_said_as_happening_is_an_emergency_even_beside_a_bill() {
        assert_eq!(recognise("I think I'm having a stroke, will insurance cover the ER?"), Some(SafetyConcern::Emergency));
        assert_eq!(recognise("my dad had a stroke"), None);
    }

    #[test]
    fn one_typo_in_a_long_word_is_forgiven_but_not_in_a_short_one() {
        assert!(word_matches("suicide", "sucide"));
        assert!(word_matches("overdose", "overdoes"));
        assert!(word_matches("breathing", "breathin"));
        assert!(word_matches("pain", "pian"));
        assert!(!word_matches("suicide", "sucid"));
        assert!(word_matches("choking", "chokin"));
        // Short words must match exactly: "kill" is not "bill", "die" is not "due".
        assert!(!word_matches("kill", "bill"));
        assert!(!word_matches("die", "due"));
    }

    #[test]
    fn words_fold_case_accents_and_apostrophes() {
        assert_eq!(words_of("Can't BREATHE—corazón"), ["cant", "breathe", "corazon"]);
    }

    /// The measured score of the rule on its labelled phrasings, printed by the test command.
    #[test]
    fn recognition_score_on_the_labelled_phrasings() {
        let concerns = CRISIS_PHRASES.len() + EMERGENCY_PHRASES.len();
        let found = CRISIS_PHRASES.iter().chain(EMERGENCY_PHRASES).filter(|p| recognise(p).is_some()).count();
        let false_alarms = ORDINARY_PHRASES.iter().filter(|p| recognise(p).is_some()).count();
        println!(
            "safety wording: {found}/{concerns} emergencies and crises recognised, {false_alarms}/{} ordinary requests flagged",
            ORDINARY_PHRASES.len()
        );
        assert_eq!((found, false_alarms), (concerns, 0));
    }
}
