use advocate_domain::{
    BillCoverage, Money, NeedAnswers, NeedDetail, PlanCoverage, Relationship, Service, ServiceArea, Zip, request::asks_about_plan,
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

    /// The query string ("?who=parent&service=second-opinion"), empty answers left out.
    pub fn to_query(&self) -> String {
        let pairs = [
            ("who", self.who.map(|w| w.slug().to_string())),
            ("area", self.area.map(|a| a.slug().to_string())),
            ("service", self.service.clone()),
            ("plan", self.plan.map(|p| p.slug().to_string())),
            ("amount", Some(self.amount.clone())),
            ("covered", self.covered.map(|c| c.slug().to_string())),
            ("condition", Some(self.condition.clone())),
            ("zip", Some(self.zip.clone())),
        ];
        let query: Vec<String> =
            pairs.into_iter().filter_map(|(key, value)| value.filter(|v| !v.is_empty()).map(|v| format!("{key}={}", encode(&v)))).collect();
        if query.is_empty() { String::new() } else { format!("?{}", query.join("&")) }
    }

    /// The app path of a finder step with these answers: `step("outcome")`.
    pub fn step(&self, step: &str) -> String {
        crate::api::app_path(&format!("/find/{step}{}", self.to_query()))
    }

    pub fn service<'a>(&self, catalog: &'a [Service]) -> Option<&'a Service> {
        let id = self.service.as_deref()?;
        catalog.iter().find(|s| s.id == id)
    }

    /// The need's answers in the request's shape: what parses is kept, what does not is left out
    /// (and is reported by the field's own error).
    pub fn need_answers(&self) -> NeedAnswers {
        NeedAnswers {
            bill_amount: Money::parse(&self.amount).ok(),
            bill_coverage: self.covered,
            condition: Some(self.condition.trim().to_string()).filter(|c| !c.is_empty()),
            zip: Zip::parse(&self.zip).ok(),
        }
    }

    /// Whether the details step has anything to ask for this service.
    pub fn has_details(service: &Service) -> bool {
        asks_about_plan(service) || !service.details.is_empty()
    }

    /// Problems with the details step, by field name, using the domain's own messages.
    pub fn detail_errors(&self, service: &Service) -> Vec<(&'static str, String)> {
        let mut errors = Vec::new();
        if asks_about_plan(service) && self.plan.is_none() {
            errors.push(("plan", "Choose whether they are covered by the plan, or \"I'm not sure\".".to_string()));
        }
        for detail in &service.details {
            let problem = match detail {
                NeedDetail::BillAmount if !self.amount.trim().is_empty() => Money::parse(&self.amount)
                    .err()
                    .map(|e| format!("The amount: {e}."))
                    .or_else(|| (Money::parse(&self.amount).ok()?.cents() == 0).then(|| "Enter an amount more than $0.".to_string())),
                NeedDetail::Zip if !self.zip.trim().is_empty() => Zip::parse(&self.zip).err().map(|e| format!("The ZIP code: {e}.")),
                _ => {
                    advocate_domain::request::detail_problems(*detail, &self.need_answers()).first().map(|(_, message)| message.to_string())
                }
            };
            if let Some(message) = problem {
                errors.push((field_of(*detail), message));
            }
        }
        errors
    }
}

fn field_of(detail: NeedDetail) -> &'static str {
    match detail {
        NeedDetail::BillAmount => "amount",
        NeedDetail::BillCoverage => "covered",
        NeedDetail::Condition => "condition",
        NeedDetail::Zip => "zip",
    }
}

/// Percent-encodes a query value (RFC 3986 unreserved characters pass through).
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => char::from(b).to_string(),
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
