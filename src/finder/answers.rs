use crate::address::{app_path, with_query};
use advocate_domain::routing::{AdministrativeTopic, PlannedCare};
use advocate_domain::{
    BillCoverage, NeedAnswers, PlanCoverage, Relationship, Service, ServiceArea, TypedDetails, request::asks_about_plan,
};
use leptos_router::params::ParamsMap;

/// What the member has answered so far, exactly as it appears in the URL's query string.
/// Typed text (the amount, condition, ZIP) is kept as typed, so a reload shows what was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    pub who: Option<Relationship>,
    /// The person filling in the form is the person who needs help.
    pub me: bool,
    pub area: Option<ServiceArea>,
    pub service: Option<String>,
    pub plan: Option<PlanCoverage>,
    pub amount: String,
    pub covered: Option<BillCoverage>,
    /// Of a partly covered bill, the part not covered, as typed.
    pub uncovered: String,
    pub condition: String,
    pub zip: String,
    pub topic: Option<AdministrativeTopic>,
    pub care: Option<PlannedCare>,
}

impl Answers {
    pub fn from_query(query: &ParamsMap) -> Self {
        let text = |key: &str| query.get(key).unwrap_or_default();
        Self {
            who: query.get("who").as_deref().and_then(Relationship::from_slug),
            me: query.get("me").as_deref() == Some("yes"),
            area: query.get("area").as_deref().and_then(ServiceArea::from_slug),
            service: query.get("service").filter(|s| !s.is_empty()),
            plan: query.get("plan").as_deref().and_then(PlanCoverage::from_slug),
            amount: text("amount"),
            covered: query.get("covered").as_deref().and_then(BillCoverage::from_slug),
            uncovered: text("uncovered"),
            condition: text("condition"),
            zip: text("zip"),
            topic: query.get("topic").as_deref().and_then(AdministrativeTopic::from_slug),
            care: query.get("care").as_deref().and_then(PlannedCare::from_slug),
        }
    }

    /// The app path of a finder step with these answers, empty answers left out:
    /// `step("outcome")` is "/find/outcome?who=parent&service=second-opinion".
    pub fn step(&self, step: &str) -> String {
        let pairs = [
            ("who", self.who.map_or("", Relationship::slug)),
            ("me", if self.me { "yes" } else { "" }),
            ("area", self.area.map_or("", ServiceArea::slug)),
            ("service", self.service.as_deref().unwrap_or_default()),
            ("plan", self.plan.map_or("", PlanCoverage::slug)),
            ("amount", &self.amount),
            ("covered", self.covered.map_or("", BillCoverage::slug)),
            ("uncovered", if self.covered == Some(BillCoverage::PartlyCovered) { &self.uncovered } else { "" }),
            ("condition", &self.condition),
            ("zip", &self.zip),
            ("topic", self.topic.map_or("", AdministrativeTopic::slug)),
            ("care", self.care.map_or("", PlannedCare::slug)),
        ];
        app_path(&with_query(&format!("/find/{step}"), pairs))
    }

    pub fn service<'a>(&self, catalog: &'a [Service]) -> Option<&'a Service> {
        let id = self.service.as_deref()?;
        catalog.iter().find(|s| s.id == id)
    }

    /// The details step's answers, as typed.
    pub fn details(&self) -> TypedDetails<'_> {
        TypedDetails {
            plan: self.plan,
            bill_amount: &self.amount,
            bill_coverage: self.covered,
            not_covered_amount: &self.uncovered,
            condition: &self.condition,
            zip: &self.zip,
            admin_topic: self.topic,
            planned_care: self.care,
        }
    }

    /// The need's answers in the request's shape (what does not read is left out).
    pub fn need_answers(&self) -> NeedAnswers {
        self.details().answers()
    }

    /// Whether the details step has anything to ask for this service.
    pub fn has_details(service: &Service) -> bool {
        asks_about_plan(service) || !service.details.is_empty()
    }

    /// The steps of the finder on this member's path, for "Step 3 of 4": who, the kind of help,
    /// the specific need (when chosen by area), the details (when the service has any), the
    /// outcome. While the path is not known yet, the steps it may still take are counted.
    pub fn steps(&self, catalog: &[Service]) -> Vec<&'static str> {
        let service = self.service(catalog);
        let mut steps = vec!["", "help"];
        if service.is_none() || self.area.is_some() {
            steps.push("need");
        }
        if service.is_none_or(Self::has_details) {
            steps.push("details");
        }
        steps.push("outcome");
        steps
    }

    /// How questions name the person who needs help: "you" when it is the one filling in.
    pub fn person(&self) -> &'static str {
        match self.who {
            _ if self.me => "you",
            Some(who) => who.person(),
            None => "the person",
        }
    }

    /// Problems with the details step, by input id, with the domain's own messages.
    pub fn detail_errors(&self, service: &Service) -> Vec<(&'static str, String)> {
        self.details().problems(service).into_iter().map(|(field, message)| (input_id(field), message)).collect()
    }
}

/// A request field's name ("contact.phone") as the id of the finder's input for it ("phone").
pub fn input_id(field: &str) -> &'static str {
    match field {
        "contact.name" => "name",
        "contact.phone" => "phone",
        "contact.email" => "email",
        "consent_to_contact" => "consent",
        "notes" => "notes",
        "answers.bill_amount" => "amount",
        "answers.bill_coverage" => "covered",
        "answers.not_covered_amount" => "uncovered",
        "answers.admin_topic" => "topic",
        "answers.planned_care" => "care",
        "answers.condition" => "condition",
        "answers.zip" => "zip",
        "plan" => "plan",
        "relationship" => "who",
        _ => "service",
    }
}
