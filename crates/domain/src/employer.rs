//! Employers a deployment serves (tenants): each embeds the app in its intranet under
//! `/e/{slug}/`, with its name, logo and colours, the origins allowed to frame it, and optional
//! overrides of the program's phone number and hours. Each value is checked as it is read, so
//! an operator's file with a bad value is refused with the line at fault.

use crate::hours::AdvocateHours;
use crate::program::{PhoneNumber, ProgramSettings};
use serde::{Deserialize, Serialize};
use std::fmt;

/// One employer, as the operator's file describes it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Employer {
    pub slug: Slug,
    pub name: String,
    /// A logo path on this server (under the SPA, e.g. "logos/acme.svg") or an https URL.
    #[serde(default)]
    pub logo: Option<LogoUrl>,
    pub colours: Colours,
    /// Intranet origins allowed to embed the app, like "https://intranet.acme.example".
    pub allowed_origins: Vec<Origin>,
    #[serde(default)]
    pub advocate_phone: Option<PhoneNumber>,
    #[serde(default)]
    pub hours: Option<AdvocateHours>,
    /// The carrier's member services number for this employer's plan, if it differs.
    #[serde(default)]
    pub carrier_phone: Option<PhoneNumber>,
}

/// The operator's employers file: `[[employer]]` tables.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Employers {
    #[serde(default, rename = "employer")]
    pub employers: Vec<Employer>,
}

impl Employers {
    pub fn find(&self, slug: &str) -> Option<&Employer> {
        self.employers.iter().find(|e| e.slug.0 == slug)
    }

    /// Problems no single value shows: repeated slugs, an employer nobody may embed.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (i, employer) in self.employers.iter().enumerate() {
            if self.employers[..i].iter().any(|e| e.slug == employer.slug) {
                problems.push(format!("employer \"{}\" is listed twice: each slug must be unique", employer.slug));
            }
            if employer.name.trim().is_empty() {
                problems.push(format!("employer \"{}\" needs a name", employer.slug));
            }
            if employer.allowed_origins.is_empty() {
                problems.push(format!("employer \"{}\" lists no allowed_origins: name the intranet that embeds it", employer.slug));
            }
        }
        problems
    }
}

impl Employer {
    /// The program as this employer's members see it: its phone number and hours, if it has its own.
    pub fn program(&self, program: &ProgramSettings) -> ProgramSettings {
        let mut settings = program.clone();
        if let Some(phone) = &self.advocate_phone {
            settings.advocate_phone = phone.clone();
        }
        if let Some(hours) = &self.hours {
            settings.hours = hours.clone();
        }
        if let Some(phone) = &self.carrier_phone {
            settings.carrier_phone = Some(phone.clone());
        }
        settings
    }

    pub fn theme(&self) -> EmployerTheme {
        EmployerTheme {
            slug: self.slug.to_string(),
            name: self.name.clone(),
            logo: self.logo.as_ref().map(|l| l.0.clone()),
            colours: self.colours,
        }
    }
}

/// `GET /api/employers/{slug}`: what the embedded app needs to look and answer as the employer's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmbeddedSettings {
    pub employer: EmployerTheme,
    pub program: ProgramSettings,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmployerTheme {
    pub slug: String,
    pub name: String,
    pub logo: Option<String>,
    pub colours: Colours,
}

/// An employer's two colours. Each carries white text (headings bar, buttons), so each must
/// reach 4.5:1 against white (WCAG 2.2 AA for normal text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Colours {
    /// Headings bar and links.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "#5a2d82"))]
    pub primary: Colour,
    /// Main buttons.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "#0b6e4f"))]
    pub action: Colour,
}

/// A URL-safe name: lowercase letters, digits and hyphens, 2 to 40 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl TryFrom<String> for Slug {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        let fits = (2..=40).contains(&text.len())
            && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !text.starts_with('-')
            && !text.ends_with('-');
        if fits {
            Ok(Slug(text))
        } else {
            Err(format!("slug {text:?} must be 2 to 40 lowercase letters, digits or hyphens, like \"acme\""))
        }
    }
}

impl From<Slug> for String {
    fn from(slug: Slug) -> String {
        slug.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An origin allowed to frame the app: scheme, host and port only. https, except for local
/// test intranets (localhost, 127.0.0.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Origin(String);

impl TryFrom<String> for Origin {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        let bad =
            || format!("origin {text:?} must be a scheme and host only, like \"https://intranet.example.com\" (no path, no wildcard)");
        let (scheme, rest) = text.split_once("://").ok_or_else(bad)?;
        let host = rest.rsplit_once(':').map_or(rest, |(host, port)| if port.bytes().all(|b| b.is_ascii_digit()) { host } else { rest });
        let host_ok = !host.is_empty() && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
        if !host_ok || rest.contains('/') || text.contains(char::is_whitespace) {
            return Err(bad());
        }
        let local = host == "localhost" || host == "127.0.0.1";
        match scheme {
            "https" => Ok(Origin(text.to_ascii_lowercase())),
            "http" if local => Ok(Origin(text.to_ascii_lowercase())),
            _ => Err(format!("origin {text:?} must use https (http is allowed only for localhost)")),
        }
    }
}

impl From<Origin> for String {
    fn from(origin: Origin) -> String {
        origin.0
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A logo: a path on this server or an https URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LogoUrl(String);

impl LogoUrl {
    /// The origin the logo is fetched from, when it is not this server.
    pub fn origin(&self) -> Option<&str> {
        let rest = self.0.strip_prefix("https://")?;
        Some(&self.0[..8 + rest.find('/').unwrap_or(rest.len())])
    }
}

impl TryFrom<String> for LogoUrl {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        let path_ok = |p: &str| !p.is_empty() && !p.contains("..") && p.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_./".contains(&b));
        match text.strip_prefix("https://") {
            Some(rest) if path_ok(rest) => Ok(LogoUrl(text)),
            None if path_ok(&text) && !text.starts_with('/') => Ok(LogoUrl(text)),
            _ => Err(format!("logo {text:?} must be a path under the app, like \"logos/acme.svg\", or an https URL")),
        }
    }
}

impl From<LogoUrl> for String {
    fn from(logo: LogoUrl) -> String {
        logo.0
    }
}

/// A colour written "#rrggbb" that white text can sit on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Colour([u8; 3]);

impl Colour {
    /// WCAG 2.2 relative luminance, 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(self.0[0]) + 0.7152 * channel(self.0[1]) + 0.0722 * channel(self.0[2])
    }

    /// A darker shade, for pressed buttons and their shadows: each channel times `percent`/100.
    pub fn darker(self, percent: u8) -> Colour {
        let scale = |c: u8| (u16::from(c) * u16::from(percent.min(100)) / 100) as u8;
        Colour([scale(self.0[0]), scale(self.0[1]), scale(self.0[2])])
    }

    /// The contrast ratio of white text on this colour.
    pub fn contrast_with_white(self) -> f64 {
        1.05 / (self.luminance() + 0.05)
    }
}

impl TryFrom<String> for Colour {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        let hex = text.strip_prefix('#').filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()));
        let Some(hex) = hex else { return Err(format!("colour {text:?} must be written #rrggbb, like \"#5a2d82\"")) };
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).expect("checked hex");
        let colour = Colour([byte(0), byte(2), byte(4)]);
        let ratio = colour.contrast_with_white();
        if ratio < 4.5 {
            return Err(format!(
                "colour {text} gives white text a contrast of {ratio:.1}:1; WCAG AA needs 4.5:1, so choose a darker shade"
            ));
        }
        Ok(colour)
    }
}

impl From<Colour> for String {
    fn from(colour: Colour) -> String {
        colour.to_string()
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0[0], self.0[1], self.0[2])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_must_carry_white_text_at_aa_contrast() {
        let purple = Colour::try_from("#5a2d82".to_string()).unwrap();
        assert!(purple.contrast_with_white() > 9.0);
        assert_eq!(purple.to_string(), "#5a2d82");
        // #767676 is the lightest grey with 4.5:1 on white; #777777 is just under.
        assert!(Colour::try_from("#767676".to_string()).is_ok());
        let light = Colour::try_from("#777777".to_string()).unwrap_err();
        assert!(light.contains("4.5:1"), "{light}");
        assert!(Colour::try_from("purple".to_string()).unwrap_err().contains("#rrggbb"));
        assert!((Colour::try_from("#000000".to_string()).unwrap().contrast_with_white() - 21.0).abs() < 1e-9);
        assert_eq!(purple.darker(80).to_string(), "#482468");
    }

    #[test]
    fn origins_are_a_scheme_and_host_only_and_https_outside_a_test_machine() {
        assert!(Origin::try_from("https://intranet.acme.example".to_string()).is_ok());
        assert!(Origin::try_from("https://intranet.acme.example:8443".to_string()).is_ok());
        assert!(Origin::try_from("http://localhost:5173".to_string()).is_ok());
        assert!(Origin::try_from("http://intranet.acme.example".to_string()).unwrap_err().contains("https"));
        assert!(Origin::try_from("https://intranet.acme.example/path".to_string()).is_err());
        assert!(Origin::try_from("https://*.acme.example".to_string()).is_err());
        assert!(Origin::try_from("intranet.acme.example".to_string()).is_err());
        assert!(Origin::try_from("https://a.example 'unsafe-inline'".to_string()).is_err(), "nothing can be smuggled into the CSP");
    }

    #[test]
    fn slugs_and_logos_are_safe_in_urls() {
        assert!(Slug::try_from("acme".to_string()).is_ok());
        assert!(Slug::try_from("Acme".to_string()).is_err());
        assert!(Slug::try_from("a/b".to_string()).is_err());
        assert!(Slug::try_from("-acme".to_string()).is_err());
        assert!(LogoUrl::try_from("logos/acme.svg".to_string()).is_ok());
        assert_eq!(LogoUrl::try_from("https://cdn.acme.example/logo.svg".to_string()).unwrap().origin(), Some("https://cdn.acme.example"));
        assert!(LogoUrl::try_from("javascript:alert(1)".to_string()).is_err());
        assert!(LogoUrl::try_from("../secret".to_string()).is_err());
    }
}
