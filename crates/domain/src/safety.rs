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
//! Besides phrasings read word after word, some concerns are two things said in one sentence,
//! in any order and with any words between ("my newborn has a fever", "my kid got into the
//! medicine cabinet and swallowed pills"): `TOGETHER`. A few idioms are set aside first ("got
//! shot down by my insurer", "dying to know").
//!
//! The tests below list phrasings that must be recognised and ordinary ones that must not, and
//! read a labelled corpus (`tests/testdata/safety-phrasings.txt`) written in sets: each set was
//! scored before the rules were widened from it, and its head says what it scored then, which
//! is how the rules did on phrasings they were not written from.

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
    let rules = &*RULES;
    let sentences: Vec<Vec<String>> = sentences_of(text).into_iter().map(|s| without_idioms(words_of(&s))).collect();
    let words: Vec<String> = sentences.concat();
    if words.is_empty() {
        return None;
    }
    let any = |patterns: &[Pattern]| patterns.iter().any(|p| p.matches(&words));
    let said_together = |kind: Kind| {
        rules.together.iter().filter(|t| t.0 == kind).any(|(_, all)| sentences.iter().any(|s| all.iter().all(|p| p.matches(s))))
    };
    if any(&rules.crisis) || said_together(Kind::Crisis) {
        return Some(SafetyConcern::Crisis);
    }
    if any(&rules.symptoms) || said_together(Kind::Symptom) {
        return Some(SafetyConcern::Emergency);
    }
    let event = any(&rules.events) || said_together(Kind::Event);
    (event && (any(&rules.happening) || !any(&rules.past_or_paperwork))).then_some(SafetyConcern::Emergency)
}

/// The lists below, each pattern read once.
struct Rules {
    crisis: Vec<Pattern>,
    symptoms: Vec<Pattern>,
    events: Vec<Pattern>,
    happening: Vec<Pattern>,
    past_or_paperwork: Vec<Pattern>,
    together: Vec<(Kind, Vec<Pattern>)>,
}

static RULES: std::sync::LazyLock<Rules> = std::sync::LazyLock::new(|| {
    let read = |patterns: &[&'static str]| patterns.iter().map(|p| Pattern::read(p)).collect::<Vec<_>>();
    // Phrasings about a person: the people, then what is happening to them.
    let person = |rest: &str| Pattern::read(format!("{PEOPLE} {rest}").leak());
    let mut crisis = read(CRISIS);
    crisis.push(person("talks|talking|talked|keeps|kept talking? about dying|suicide|killing"));
    let mut symptoms = read(SYMPTOMS);
    symptoms
        .push(person("is|was|has|s? not|isnt|wasnt|stopped|wont|cant|cannot|hasnt responding|responsive|respond|moving|move|waking|woken"));
    symptoms.push(person("is|was|went|has|s? gone? limp|floppy"));
    Rules {
        crisis,
        symptoms,
        events: read(EVENTS),
        happening: read(HAPPENING_NOW),
        past_or_paperwork: read(PAST_OR_PAPERWORK),
        together: TOGETHER.iter().map(|(kind, all)| (*kind, read(all))).collect(),
    }
});

/// Which list a rule of `TOGETHER` belongs with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Crisis,
    Symptom,
    Event,
}

/// Phrasings all said in one sentence, in any order.
const TOGETHER: &[(Kind, &[&str])] = &[
    // Crisis: a wish or a plan, and an ending.
    (Kind::Crisis, &["want|wanna|wants|wish|wishes|ready|decided|planning|plan|going|gonna|like|might", "end|ending it|things|everything"]),
    (Kind::Crisis, &["want|wanna|wants|wish|wishes", "disappear|vanish forever|for? good?"]),
    // Symptoms.
    (
        Kind::Symptom,
        &[
            "sudden|suddenly",
            "speech|talk|talking|speak|speaking|slurred|vision|blind|weak|weakness|numb|numbness|paralyzed|paralysed|droop|drooping|droopy|collapsed|collapse|headache|dizzy|confused|walk|balance",
        ],
    ),
    (Kind::Symptom, &["bleeding|bleed|spotting", "pregnant|pregnancy"]),
    (Kind::Symptom, &["fever|temperature", "limp|floppy|lethargic|unresponsive|seizure|seizures|seizing|stiff|purple"]),
    (Kind::Symptom, &["fell|fallen|fall|falling", "cant|cannot|unable get|stand up?"]),
    // Events: said of now unless the text speaks of the past or of paperwork.
    (Kind::Event, &["newborn|newborns|infant|neonate", "fever|temperature"]),
    (Kind::Event, &["week|weeks old", "fever|temperature"]),
    (
        Kind::Event,
        &[
            "swallowed|swallow|ate|eaten|drank|drunk|drink|ingested|downed|took|taken",
            "bottle|handful|bunch|box of pills|meds|medicine|tablets|tylenol|advil|ibuprofen|aspirin|sleeping",
        ],
    ),
    (
        Kind::Event,
        &[
            "swallowed|swallow|ate|eaten|drank|drunk|drink|ingested|licked",
            "bleach|poison|detergent|pod|pods|antifreeze|cleaner|cleaning|chemical|chemicals|pesticide|lye|battery|batteries|magnet|magnets|gasoline|kerosene|rat|oil|paint|thinner|mothballs|nicotine|acid|drano|coin|coins",
        ],
    ),
    (Kind::Crisis, &["bought|buy|buying|got|tied|tying", "rope|noose"]),
    (Kind::Crisis, &["letters|letter|notes|note|texts|text|messages|message|texted|wrote", "goodbye"]),
    (Kind::Crisis, &["wish|want|wanna", "not exist|existing"]),
    (Kind::Crisis, &["gun|pistol|rifle|knife|blade|razor|pills|rope", "myself"]),
    (Kind::Crisis, &["gun|pistol|rifle|knife|blade|razor|pills|rope", "my life"]),
    (Kind::Symptom, &["bleeding|blood", "cant|cannot|wont|doesnt make? it? stop"]),
    (Kind::Symptom, &["bleeding|blood", "will|does not stop"]),
    (
        Kind::Event,
        &[
            "took|taken|swallowed|swallow|ate|downed",
            "bottle|handful|bunch|box|lots|lot",
            "pills|meds|medication|medications|tablets|tylenol|advil|ibuprofen|aspirin|oxy|xanax|opioids",
        ],
    ),
    (Kind::Crisis, &["wrist|wrists", "razor|blade|knife|cut|cutting|slit|slitting|slash"]),
    (
        Kind::Event,
        &[
            "son|daughter|kid|kids|child|toddler|baby|grandson|granddaughter|grandchild",
            "ate|swallowed|eaten|chewed|got",
            "pills|meds|medication|medicine|tablets|gummies|vitamins",
        ],
    ),
    (Kind::Crisis, &["burden|burdens", "gone|without me|better off|happier|dead|die|disappear"]),
    (Kind::Event, &["inhaled|breathed|inhaling", "smoke|fumes|gas|chemicals"]),
    (Kind::Event, &["boiling|scalding|scalded", "water|oil|coffee|tea|soup|grease"]),
    (Kind::Event, &["fell|fallen|fall", "hit|hitting|banged|bumped|unconscious|bleeding|broke|broken|moving"]),
    // Set 6 (written apart from these rules): wishes not to wake, plans, warning signs.
    (Kind::Crisis, &["wish|wishes|wished|hope|hopes|hoping|pray|praying", "wouldnt|not|never|dont|doesnt|didnt wake up"]),
    (Kind::Crisis, &["how many|much pills|tablets|meds|insulin|tylenol|of", "die|dead|kill|overdose|od|lethal|fatal"]),
    (Kind::Crisis, &["burden|burdens", "time for? me? to go|leave"]),
    (
        Kind::Crisis,
        &[
            "scratching|scratch|scratched|carving|carve|carved|picking|biting|hitting|punching|burning|cutting",
            "until|till|til|so they|it|i bleed|bleeds|bled|bleeding",
        ],
    ),
    (
        Kind::Event,
        &[
            "took|taken|swallowed|ate|downed|had",
            "# of? my|his|her|their|the|mom|moms|dads|grandmas?",
            "pills|meds|medication|medicine|tablets|gummies|adderall|xanax|oxy|oxycodone|percocet|vicodin|klonopin|valium|ambien|tylenol|advil|ibuprofen|aspirin|benadryl|insulin|lithium|seroquel|zoloft|prozac|melatonin",
        ],
    ),
    (Kind::Event, &["took|taken|swallowed|ate|downed", "like|about|maybe|around|over #"]),
];

/// Idioms whose words say nothing of an emergency: set aside before any rule is tried.
const IDIOMS: &[&[&str]] = &[
    &["shot", "down"],
    &["dying", "to"],
    &["to", "die", "for"],
    &["killing", "it"],
    // Set 7: spending less ("cutting back on my meds because they're so expensive"), and a feeling
    // about a company rather than about living.
    &["cutting", "back"],
    &["cutting", "down"],
    &["hopeless", "about"],
];

/// The words of a sentence with its idioms blanked out.
fn without_idioms(mut words: Vec<String>) -> Vec<String> {
    for idiom in IDIOMS {
        for start in 0..words.len() {
            if words.len() - start >= idiom.len() && idiom.iter().enumerate().all(|(i, w)| words[start + i] == *w) {
                for word in &mut words[start..start + idiom.len()] {
                    word.clear();
                }
            }
        }
    }
    words
}

/// The people a member may speak of, first in the phrasings about a person (`RULES`).
const PEOPLE: &str = "he|hes|she|shes|they|husband|wife|spouse|partner|son|daughter|baby|child|kid|toddler|newborn|infant|mom|mum|mother|dad|father|grandma|grandmother|grandpa|grandfather|brother|sister|boyfriend|girlfriend|friend|someone|somebody|roommate|uncle|aunt|teen|teenager";

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
    "point in|of living|existing|livin",
    "think|thinking|thought|thoughts about|of dying|death|suicide|killing|ending",
    "reason|reasons to|for be? alive|live|living|go|keep",
    "reason|reasons for me to be? alive|live|living",
    "stop|quit existing|living",
    "stop|quit being alive",
    "give|giving|gave up on life|living",
    "live or die",
    "point anymore|anyway",
    "planning|planned|plan my|his|her own? death|suicide",
    "dont|doesnt wanna|want live|exist",
    "drive|driving|crash|crashing|steer|steering my|the|his|her car off|into",
    "feel|feeling|felt like dying|dieing|killing|ending",
    "feel|feeling|felt like giving up",
    "can|cant|cannot keep living",
    "cant|cannot keep going on?",
    "jump|jumping off|from my|a|the|his|her? bridge|roof|building|balcony|cliff|window|ledge",
    "everything to? stop",
    "it all to? stop",
    "if i was|were gone|dead",
    "if i wasnt|werent here|around|alive",
    "noose",
    "not|dont|doesnt want to? exist",
    "cease to exist",
    "been|keep|started|start|am|im cutting again?",
    "cutting again",
    "took|taken|take|taking|swallow|swallowed|swallowing all|every my|his|her|their|the|of? pills|meds|medication|medicine|sleeping",
    "hurt|harm|kill someone|somebody|others|people",
    "hearing|hear voices",
    "point in|of going|carrying on",
    "point in|of being alive|here",
    "tired|sick|weary|done of|with living|existing|life|livin",
    "tired|sick|weary|done of|with being alive",
    "life is|feels pointless|meaningless|hopeless",
    "life has|holds no meaning|point|purpose",
    "nothing|nothin|nobody|noone left? to live for",
    "no one left? to live for",
    "isnt|not|aint|never|longer worth living",
    "better off without me",
    "it all to? be over",
    "everything to? be over",
    "rather be? dead|die",
    "end it all",
    "sleep and not|never wake up",
    "never wake up again",
    "sleep forever",
    "jump|jumping|step|stepping|throw|throwing|walk|walking in front of",
    "throw|throwing myself|himself|herself off|under",
    "plan|planning|going|gonna|want|wanna|thinking to|about? overdose|od",
    "suicide|goodbye note|letter",
    "unalive*",
    "sewerslide",
    "sewer slide",
    "commit sudoku",
    "eat|eating|ate my|his|her gun|bullet",
    "gun|pistol to my|his|her head",
    "blow|blowing my|his|her brains out",
    "done with everything",
    "giving|gave|give|given away all? my|his|her|their stuff|things|belongings|possessions",
    "saving|saved|stockpiling|stockpiled|hoarding|hoarded|collecting up? my|the|his|her? pills|meds|tablets",
    "talk me out of it",
    "cant|cannot do|take this|it|another another|one more? day",
    "just to feel something|anything",
    "pills|meds|tablets|medication saved|stockpiled|stashed|hoarded",
    "worth more dead|gone",
    "to not|never wake up",
    "last day|night on earth",
    "dont|cant|cannot see a|any way out",
    "feel|feeling|felt|so hopeless|worthless",
    "lethal|deadly|fatal dose|amount|overdose",
    "think|thinking|thought|thoughts|fantasize|fantasizing about|of jumping|hanging|overdosing|drowning|shooting",
    "so|that i|he|she|they can|could|would|will|might die",
    // Spanish.
    "ganas de vivir",
    "vale la pena vivir",
    "quiero|quiere desaparecer",
    "me|se corta|corto|cortando|cortan los|las? brazos|venas|piernas|munecas",
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
    "pain|pressure|tightness|heaviness|squeezing|crushing in my|the|his|her chest",
    "my|his|her chest hurts|hurting",
    "chest is|feels tight|heavy|crushed",
    "chest is|keeps hurting|aching|burning",
    "clutching|holding|grabbing|gripping his|her|my|their chest",
    "blood is? coming|pouring|running|gushing|dripping from|out",
    "raped",
    "sexually assaulted",
    "and|but isnt|is not|wont|cant|not|stopped waking|moving|responding|breathing",
    "isnt|not waking up",
    "crushing chest",
    "cant|cannot|couldnt|barely|hardly breathe|breath|breathing",
    "cant|cannot|couldnt get|getting enough? air",
    "inhaler isnt|is|not|doesnt|wont not? working|work|helping|help",
    "bleeding from|out of? his|her|my|their|the head|ear|ears|mouth|eyes|eye|nose",
    "slurring|slurred his|her|my|their? words|speech",
    "cant|cannot|couldnt|unable to? lift|raise his|her|my|their|one right|left? arm|arms|leg|legs",
    "speech|words is|are|sounds|sound|seems? garbled|slurred|jumbled|weird|strange|off",
    "blacked|blacking out",
    "water broke|broken",
    "baby is coming",
    "giving birth",
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
    "throat is|feels? closing|swelling|tight|swollen",
    "tongue|lips|face|throat|mouth is|are? swelling|swollen",
    "spurting|gushing|pouring|squirting blood",
    "blood is? spurting|gushing|pouring|squirting|everywhere",
    "cant|cannot|couldnt feel my|his|her legs|arms|face|feet|side",
    "arm|leg|face|side is|feels|went|gone|suddenly weak|numb|droopy|drooping|dead",
    "lips|face|skin are|is|turned|turning|look|looks? blue|purple|grey|gray",
    "not|cant|cannot|isnt|doesnt breathe|breathing good|well|right|properly|normal|normally",
    "blue|purple|gray|grey around|on the? lips|mouth",
    "cant|cannot|wont stop vomiting|seizing|convulsing|shaking",
    "cant|cannot|wont stop throwing up",
    "going|gonna|about to? pass|faint out?",
    "suddenly confused|weak|numb|dizzy|paralyzed|paralysed",
    "collapsed",
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
    "cant|cannot move my|his|her|one right|left? arm|leg|side",
    "cant|cannot get words|his|her|my words? out",
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
    "no responde|reacciona|despierta",
    "se cayo y no se puede levantar",
    "le duele el pecho",
    "convulsionando",
    "sangre por todas partes",
    "ahogandose",
];

/// Emergencies that members often name in the past: recognised when said as happening, or when
/// nothing in the text speaks of the past or of paperwork.
const EVENTS: &[&str] = &[
    "heart attack",
    "heartattack",
    "fainted",
    "stroke",
    "seizure|seizures|seizing",
    "convulsion*",
    "overdose|overdosed|overdosing",
    "anaphyla*",
    "poisoned|poisoning",
    "allergic reaction",
    "asthma attack",
    "in labor|labour",
    "inhaled|breathed|breathing|breathe in? smoke|fumes|gas|chemicals",
    "carbon monoxide",
    "house|apartment fire",
    "bitten|bit|stung by a|an? snake|rattlesnake|dog|spider|scorpion|jellyfish",
    "snakebite",
    "snake bite|bit|bitten",
    "oded|oding|odd on",
    "domestic violence",
    "being|been|was|got abused|attacked|assaulted|beaten",
    "is|keeps hitting|beating|choking me",
    "sexually assaulted",
    "stabbed",
    "stab|gunshot wound|wounds",
    "got|was|been|were|is|getting shot",
    "car|bike|motorcycle accident|crash|wreck",
    "hit by a|an? car|truck|bus|vehicle",
    "fell off|from a|the|his|her? ladder|roof|balcony|horse|bike|bed|stairs|window",
    "fell down the? stairs",
    "hit|hitting|banged|bumped his|her|my|their head",
    "head injury",
    "appendix burst|ruptured|bursting|rupturing",
    "drowning|drowned",
    "electrocuted",
    "severe|bad|serious|third|second degree? burn|burns|burned|burnt",
    "badly|severely burned|burnt",
    "burned|burnt badly|severely",
    "got|gotten into the|my|his|her? medicine|medicines|medications|pills|meds|bleach|poison|chemicals|cleaning|cleaner|cabinet",
    // Spanish.
    "infarto",
    "ataque al corazon",
    "ataque cardiaco",
    "derrame cerebral",
    "sobredosis",
    "envenen*",
    "accidente",
    "convulsiones",
];

/// Words that put an event in the present.
const HAPPENING_NOW: &[&str] = &[
    "having|havin",
    "think|thinks|maybe|might i|im|he|hes|she|shes|they|it|its|this|my",
    "right|just now",
    "minute|minutes|min|mins|second|seconds|hour|hours ago",
    "last night",
    "this morning",
    "today|tonight",
    "signs|symptoms of",
    "esta|estoy|estas teniendo",
    "ahora mismo",
];

/// Words that put an event in the past, or in a request about paperwork or later care.
const PAST_OR_PAPERWORK: &[&str] = &[
    "had|after|since|history|recovering|recovery|rehab|rehabilitation|survivor|prevention|risk|last|ago",
    "bill|bills|billed|billing|charge|charges|charged|claim|claims|cost|costs|price|insurance|covered|coverage|paid|pay|payment|denied|appeal",
    "treatment|therapy|medication|medications|meds|specialist|cardiologist|neurologist|appointment|facility|nursing|follow",
    "eob|eobs|visit|visits|collections|hospitalization|hospitalisation|statement|invoice",
    "january|february|march|april|june|july|august|september|october|november|december",
    "tuvo|tuve|despues|factura|cuenta|seguro",
];

/// A text's sentences: broken at full stops, question and exclamation marks, semicolons and
/// line ends.
fn sentences_of(text: &str) -> Vec<String> {
    text.split(['.', '!', '?', ';', '\n']).filter(|s| !s.trim().is_empty()).map(str::to_string).collect()
}

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
/// ending in `*` matches words that start with it, and `#` matches any number ("20").
/// A pattern read into its slots: each slot's alternatives, and whether it may be left out.
struct Pattern(Vec<(Vec<&'static str>, bool)>);

impl Pattern {
    fn read(pattern: &'static str) -> Pattern {
        Pattern(
            pattern
                .split(' ')
                .map(|slot| match slot.strip_suffix('?') {
                    Some(alternatives) => (alternatives.split('|').collect(), true),
                    None => (slot.split('|').collect(), false),
                })
                .collect(),
        )
    }

    fn matches(&self, words: &[String]) -> bool {
        (0..words.len()).any(|start| matches_at(&self.0, words, start))
    }
}

fn matches_at(slots: &[(Vec<&'static str>, bool)], words: &[String], at: usize) -> bool {
    let Some(((alternatives, optional), rest)) = slots.split_first() else { return true };
    let here = words.get(at).is_some_and(|word| alternatives.iter().any(|a| word_matches(a, word)));
    (here && matches_at(rest, words, at + 1)) || (*optional && matches_at(rest, words, at))
}

/// A word matches an alternative exactly, by prefix (`suicid*`), with two neighbouring letters
/// swapped ("pian"), or with one typo when both are long enough that one typo cannot turn one
/// ordinary word into another ("sucide", "overdoes").
fn word_matches(alternative: &str, word: &str) -> bool {
    if alternative == "#" {
        return !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit());
    }
    match alternative.strip_suffix('*') {
        Some(prefix) => word.starts_with(prefix),
        None => {
            word == alternative
                || (alternative.len() >= 4 && swapped_neighbours(alternative, word))
                || (alternative.len() >= 7
                    && word.len() >= 6
                    && alternative.len().abs_diff(word.len()) <= 1
                    && edit_distance(alternative.as_bytes(), word.as_bytes()) <= 1)
        }
    }
}

/// The same letters with one pair of neighbours swapped.
fn swapped_neighbours(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let Some(i) = (0..a.len()).find(|&i| a[i] != b[i]) else { return false };
    i + 1 < a.len() && a[i] == b[i + 1] && a[i + 1] == b[i] && a[i + 2..] == b[i + 2..]
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

    /// Benefits talk that shares words with the crisis rules: a plan, an end, feeling.
    const ORDINARY_NEAR_CRISIS: &[&str] = &[
        "we have a plan through my wife's employer, what happens at the end of the year",
        "the EOB is empty and I can't find the claim anymore",
        "unable to feel anything in my left foot since the surgery, who covers a neurologist",
        "giving away our old wheelchair, can the plan pay for a new one",
    ];

    #[test]
    fn benefits_talk_near_the_crisis_words_is_not_a_crisis() {
        for phrase in ORDINARY_NEAR_CRISIS {
            assert_ne!(recognise(phrase), Some(SafetyConcern::Crisis), "{phrase}");
        }
    }

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

    /// The labelled phrasings beside the tests: sets written one after another, each scored
    /// before the rules were widened from it (its first line says what it scored then).
    const LABELLED: &str = include_str!("../tests/testdata/safety-phrasings.txt");

    /// (set, expected, phrase) for each labelled line; a line's own `  # …` note is not part
    /// of the phrase.
    fn labelled() -> Vec<(String, Option<SafetyConcern>, &'static str)> {
        let mut set = String::new();
        let mut lines = Vec::new();
        for line in LABELLED.lines() {
            if let Some(heading) = line.strip_prefix("# set ") {
                set = heading.split(':').next().unwrap_or_default().to_string();
                continue;
            }
            let Some((label, phrase)) = line.split_once('|') else { continue };
            let phrase = phrase.split("  #").next().unwrap_or_default();
            let expected = match label {
                "C" => Some(SafetyConcern::Crisis),
                "E" => Some(SafetyConcern::Emergency),
                "O" => None,
                other => panic!("unknown label {other:?} in {line:?}"),
            };
            lines.push((set.clone(), expected, phrase));
        }
        lines
    }

    #[test]
    fn every_labelled_phrasing_is_recognised_as_labelled() {
        let lines = labelled();
        assert!(lines.len() > 300, "the labelled phrasings are read");
        let wrong: Vec<String> = lines
            .iter()
            .filter(|(_, expected, phrase)| match expected {
                // An emergency said with crisis words gets 988 and 911 both: either is right.
                Some(SafetyConcern::Emergency) => recognise(phrase).is_none(),
                expected => recognise(phrase) != *expected,
            })
            .map(|(set, expected, phrase)| format!("set {set}: {phrase:?} should be {expected:?}, is {:?}", recognise(phrase)))
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// The measured score of the rule on its labelled phrasings, printed by the test command.
    #[test]
    fn recognition_score_on_the_labelled_phrasings() {
        let mut concerns: Vec<&str> = CRISIS_PHRASES.iter().chain(EMERGENCY_PHRASES).copied().collect();
        let mut ordinary: Vec<&str> = ORDINARY_PHRASES.to_vec();
        for (_, expected, phrase) in labelled() {
            if expected.is_some() { concerns.push(phrase) } else { ordinary.push(phrase) }
        }
        let found = concerns.iter().filter(|p| recognise(p).is_some()).count();
        let false_alarms = ordinary.iter().filter(|p| recognise(p).is_some()).count();
        println!(
            "safety wording: {found}/{} emergencies and crises recognised, {false_alarms}/{} ordinary requests flagged (the last set, written by someone who never saw the rules, scored 42/50 and 4/25 first)",
            concerns.len(),
            ordinary.len()
        );
        assert_eq!((found, false_alarms), (concerns.len(), 0));
    }
}
