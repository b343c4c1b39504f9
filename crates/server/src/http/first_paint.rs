//! The first paint: real HTML in place of the SPA's loading line, so a member on a slow phone
//! (or with JavaScript off) sees the page's heading, the advocates' number as a `tel:` link and
//! their hours before the app has downloaded. The words come from the domain
//! (`member_pages`) and the program settings, exactly as the SPA draws them, with the SPA's
//! CSS classes so the heading and the number sit where the app will draw them. No script and
//! no style attribute: the page's Content-Security-Policy stays as it is.

use advocate_domain::ProgramSettings;
use advocate_domain::member_pages::{BRAND, CALL_AN_ADVOCATE, EntryPage, WAYS_IN, WAYS_IN_HEADING, hours_sentence};
use std::fmt::Write;

/// The loading line of the built index.html, which the first paint replaces.
pub const LOADING_LINE: &str = r#"<p id="boot" class="boot">Loading Advocate…</p>"#;

/// Where a page is served: at the site itself, or inside an employer's intranet.
pub enum Frame<'a> {
    /// Under the base path: the site's header carries the number.
    Site,
    /// Under `e/{slug}/`: no header (the intranet has its own), so the number goes in the page.
    Embedded { slug: &'a str },
}

/// The first paint of a member page: `page` is the entry page at this address, if it is one
/// (other member pages get the number and the hours without a heading). `program` is the
/// program as the page's members see it (an employer's own number and hours, embedded).
pub fn first_paint(page: Option<EntryPage>, program: &ProgramSettings, base_path: &str, frame: &Frame) -> String {
    let phone = program.advocate_phone.to_string();
    let tel = program.advocate_phone.tel_uri();
    let app_path = |path: &str| {
        let prefix = match frame {
            Frame::Site => String::new(),
            Frame::Embedded { slug } => format!("e/{slug}/"),
        };
        format!("{base_path}{prefix}{}", path.trim_start_matches('/'))
    };
    let mut html = String::from(r#"<div id="boot" class="first-paint">"#);
    if let Frame::Site = frame {
        // The same header as the SPA's `SiteHeader`, mark included, so nothing moves when the
        // app draws its own.
        let _ = write!(
            html,
            r#"<header class="site-header"><div class="site-header__inner"><a href="{home}" class="brand"><svg class="brand__mark" aria-hidden="true" viewBox="0 0 32 32" width="32" height="32"><rect width="32" height="32" rx="8" fill="currentColor"></rect><path d="M16 8v16M8 16h16" stroke="var(--color-header-bg)" stroke-width="4" stroke-linecap="round"></path></svg><span class="brand__name">{brand}</span></a><a class="header-call" href="{tel}"><span class="header-call__label">{label}</span><span class="header-call__number">{phone}</span></a></div></header>"#,
            home = escape(&app_path("/")),
            brand = escape(BRAND),
            tel = escape(&tel),
            label = escape(CALL_AN_ADVOCATE),
            phone = escape(&phone),
        );
    }
    let kind = match page {
        Some(EntryPage::Home) => "home",
        Some(EntryPage::About) => "about",
        Some(EntryPage::Finder) => "finder",
        Some(EntryPage::Estimate) => "estimate",
        Some(EntryPage::Bill) => "bill",
        None => "loading",
    };
    let _ = write!(html, r#"<main><div class="page page--{kind}">"#);
    if let Some(page) = page {
        let heading = format!("<h1>{}</h1>", escape(page.heading()));
        let lead = page.lead(program).map(|lead| format!(r#"<p class="lead">{}</p>"#, escape(&lead))).unwrap_or_default()
            // A question's hint, as the SPA draws it under the question (the same width and
            // size, so the app drawing it is no later "largest paint" than the first one).
            + &page.hint().map(|hint| format!(r#"<p class="hint">{}</p>"#, escape(hint))).unwrap_or_default();
        if page == EntryPage::Home {
            let _ = write!(html, r#"<section class="hero">{heading}{lead}</section>"#);
            let _ = write!(html, r#"<nav class="ways-in" aria-label="{}"><ul class="ways-in__list">"#, escape(WAYS_IN_HEADING));
            for way in WAYS_IN {
                let _ = write!(
                    html,
                    r#"<li class="way-in"><a href="{}" class="way-in__link"><span class="way-in__title">{}</span><span class="way-in__text">{}</span></a></li>"#,
                    escape(&app_path(way.page.path())),
                    escape(way.title),
                    escape(way.text),
                );
            }
            html.push_str("</ul></nav>");
        } else {
            let _ = write!(html, "{heading}{lead}");
        }
    }
    if let Frame::Embedded { .. } = frame {
        let _ = write!(
            html,
            r#"<p class="first-paint__call">{}: <a href="{}">{}</a></p>"#,
            escape(CALL_AN_ADVOCATE),
            escape(&tel),
            escape(&phone)
        );
    }
    let _ = write!(html, r#"<p class="first-paint__hours">{}</p></div></main></div>"#, escape(&hours_sentence(&program.hours)));
    html
}

/// Text as HTML shows it, in an element or a quoted attribute.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(escape(r#"Smith & Sons <b>"A's"</b>"#), "Smith &amp; Sons &lt;b&gt;&quot;A&#39;s&quot;&lt;/b&gt;");
    }
}
