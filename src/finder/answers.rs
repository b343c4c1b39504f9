use crate::address::{app_path, with_query};
use advocate_domain::{
    BillCoverage, NeedAnswers, PlanCoverage, Relationship, Service, ServiceArea, TypedDetails, request::asks_about_plan,
};
use leptos_router::params::ParamsMap;

/// What the member has answered so far, exactly as it appears in the URL's query string.
/// Typed text (the amount, condition, ZIP) is kept as typed, so a reload shows what was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    pub who: Option<Relationship>,
    pub area: Option<ServiceArea>,
    pub service: Option<String>,
    pub plan: Option<PlanCoverage>,
    pub amount: String,
    pub covered: Option<BillCoverage>,
    pub condition: String,
    pub zip: String,
}

impl Answers {
    pub fn from_query(query: &ParamsMap) -> Self {
        let text = |key: &str| query.get(key).unwrap_or_default();
        Self {
            who: query.get("who").as_deref().and_then(Relationship::from_slug),
            area: query.get("area").as_deref().and_then(ServiceArea::from_slug),
            service: query.get("service").filter(|s| !s.is_empty()),
            plan: query.get("plan").as_deref().and_then(PlanCoverage::from_slug),
            amount: text("amount"),
            covered: query.get("covered").as_deref().and_then(BillCoverage::from_slug),
            condition: text("condition"),
            zip: text("zip"),
        }
    }

    /// The app path of a finder step with these answers, empty answers left out:
    /// `step("outcome")` is "/find/outcome?who=parent&service=second-opinion".
    pub fn step(&self, step: &str) -> String {
        let pairs = [
            ("who", self.who.map_or("", Relationship::slug)),
            ("area", self.area.map_or("", ServiceArea::slug)),
            ("service", self.service.as_deref().unwrap_or_default()),
            ("plan", self.plan.map_or("", PlanCoverage::slug)),
            ("amount", &self.amount),
            ("covered", self.covered.map_or("", BillCoverage::slug)),
            ("condition", &self.condition),
            ("zip", &self.zip),
        ];
        app_path(&with_query(&format!("/find/{step}"), pairs))
    }

    pub fn service<'a>(&self, catalog: &'a [Service]) -> Option<&'a Service> {
        let id = self.service.as_deref()?;
        catalog.iter().find(|s| s.id == id)
    }

    /// The details step's answers, as typed.
    pub fn details(&self) -> TypedDetails<'_> {
        TypedDetails { plan: self.plan, bill_amount: &self.amount, bill_coverage: self.covered, condition: &self.condition, zip: &self.zip }
    }

    /// The need's answers in the request's shape (what does not read is left out).
    pub fn need_answers(&self) -> NeedAnswers {
        self.details().answers()
    }

    /// Whether the details step has anything to ask for this service.
    pub fn has_details(service: &Service) -> bool {
        asks_about_plan(service) || !service.details.is_empty()
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
        "answers.condition" => "condition",
        "answers.zip" => "zip",
        "plan" => "plan",
        "relationship" => "who",
        _ => "service",
    }
}
