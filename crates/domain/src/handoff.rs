//! Requests the program directs to the carrier, and how they get there.
//!
//! Program description, the NOTEs: "For customers covered under a Cigna medical plan any
//! requests for the aforementioned clinical services will be directed to Cigna HealthCare", and
//! likewise administrative services and "issues related to the covered portion of medical
//! bills". Directing a request is something an advocate does, not a label: a request for the
//! carrier waits in the advocates' queue as a hand-off, with the same promised window as any
//! other request and overdue like any other, until an advocate records how it was handed off.
//! Meanwhile the member is told what to do now: call the carrier's member services, and what
//! to say.

use crate::program::ProgramSettings;
use serde::{Deserialize, Serialize};

/// How an advocate handed a request off to the carrier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HandoffMethod {
    /// The advocate called the member and transferred the call to the carrier.
    WarmTransfer,
    /// The advocate told the member how to reach the carrier and what to ask.
    MemberTold,
    /// The advocate sent the carrier a referral with the member's request.
    CarrierReferralSent,
}

impl HandoffMethod {
    pub const ALL: [HandoffMethod; 3] = [HandoffMethod::WarmTransfer, HandoffMethod::MemberTold, HandoffMethod::CarrierReferralSent];

    pub fn slug(self) -> &'static str {
        match self {
            HandoffMethod::WarmTransfer => "warm_transfer",
            HandoffMethod::MemberTold => "member_told",
            HandoffMethod::CarrierReferralSent => "carrier_referral_sent",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.slug() == slug)
    }

    /// As the advocate picks it.
    pub fn label(self) -> &'static str {
        match self {
            HandoffMethod::WarmTransfer => "Warm transfer done: I called the member and put them through to the carrier",
            HandoffMethod::MemberTold => "Member told: I reached the member and told them whom to call and what to ask",
            HandoffMethod::CarrierReferralSent => "Referral sent: I sent the request to the carrier",
        }
    }

    /// What the member's status page says once it is done; `carrier` names the carrier.
    pub fn member_text(self, carrier: &str) -> String {
        match self {
            HandoffMethod::WarmTransfer => format!("An advocate put you through to {carrier}'s customer service."),
            HandoffMethod::MemberTold => format!("An advocate told you how to reach {carrier}'s customer service and what to ask."),
            HandoffMethod::CarrierReferralSent => {
                format!("An advocate sent your request to {carrier}. {carrier}'s customer service will contact you about it.")
            }
        }
    }
}

/// What a member whose request goes to the carrier can do now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CarrierContact {
    /// The carrier's name, e.g. "Cigna".
    pub carrier: String,
    /// Its member services number, when the operator set one.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub phone: Option<crate::program::PhoneNumber>,
    /// One sentence: whom to call.
    pub call: String,
    /// What to tell them.
    pub say: String,
}

/// Whom to call and what to say, for a request about `need` (the service's title).
pub fn carrier_contact(program: &ProgramSettings, need: &str) -> CarrierContact {
    let carrier = program.sponsor_name.clone();
    let call = match &program.carrier_phone {
        Some(phone) => format!("Call {carrier}'s customer service at {phone}, or the member services number on your {carrier} ID card."),
        None => format!("Call the member services number on your {carrier} ID card."),
    };
    let say = format!(
        "Say that you are a {carrier} medical plan member and need help with: {}. Have your ID card, and any bill or letter about it, at hand.",
        need.to_lowercase()
    );
    CarrierContact { carrier, phone: program.carrier_phone.clone(), call, say }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn program(phone: Option<&str>) -> ProgramSettings {
        let mut settings: ProgramSettings = serde_json::from_str(
            r#"{"program_name":"P","sponsor_name":"Cigna","vendor_name":"V","advocate_phone":"866.799.2725",
                "conditions":[{"title":"t","text":"x"}]}"#,
        )
        .unwrap();
        settings.carrier_phone = phone.map(|p| p.parse().unwrap());
        settings
    }

    #[test]
    fn the_carriers_number_comes_from_the_settings_never_from_the_code() {
        let contact = carrier_contact(&program(Some("800-555-0199")), "Second opinions");
        assert_eq!(contact.call, "Call Cigna's customer service at 800-555-0199, or the member services number on your Cigna ID card.");
        assert!(contact.say.contains("need help with: second opinions"));
    }

    #[test]
    fn without_a_number_set_the_member_is_sent_to_their_id_card() {
        let contact = carrier_contact(&program(None), "Claims");
        assert_eq!((contact.phone, contact.call.as_str()), (None, "Call the member services number on your Cigna ID card."));
    }

    #[test]
    fn handoff_methods_round_trip_and_tell_the_member_what_happened() {
        for method in HandoffMethod::ALL {
            assert_eq!(HandoffMethod::from_slug(method.slug()), Some(method));
            assert!(method.member_text("Cigna").contains("Cigna"));
        }
    }
}
