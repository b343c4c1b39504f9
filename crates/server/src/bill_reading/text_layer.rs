//! A PDF's text layer as positioned words, from poppler's `pdftohtml -xml`: unlike
//! `pdftotext -bbox`, it keeps text printed past the page's edge (a billing system's last
//! column often runs off a letter page), and with `-hidden` the invisible text of a searchable
//! scan. It gives runs of text with their boxes; each run's words are placed along it by their
//! share of its characters. Text set along a slant (a picture of a statement, tilted, in a
//! guide to reading one) comes as short runs stepping down or up one after the other: it is
//! not the bill's table, and is left out.

use advocate_domain::bill_import::layout::{PageWords, words_of_run};

/// The pages of `pdftohtml -xml -zoom 1` output (coordinates in points).
pub fn parse(xml: &str) -> Vec<PageWords> {
    let mut pages: Vec<PageWords> = Vec::new();
    let mut runs: Vec<Vec<Run>> = Vec::new();
    let mut rest = xml;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let (tag, after) = rest.split_once('>').unwrap_or((rest, ""));
        if let Some(attributes) = tag.strip_prefix("page ") {
            let number = |name| attribute(attributes, name).and_then(|v| v.parse::<f32>().ok()).unwrap_or(0.0);
            pages.push(PageWords { width: number("width"), height: number("height"), words: Vec::new(), recognised: false });
            runs.push(Vec::new());
        } else if let Some(attributes) = tag.strip_prefix("text ") {
            // The run's text, with any bold or italic markup inside it.
            let (content, tail) = after.split_once("</text>").unwrap_or((after, ""));
            rest = tail;
            let number = |name| attribute(attributes, name).and_then(|v| v.parse::<f32>().ok());
            let (Some(page), Some(top), Some(left), Some(width), Some(height)) =
                (runs.last_mut(), number("top"), number("left"), number("width"), number("height"))
            else {
                continue;
            };
            page.push(Run { text: unescape(content), left, top, width, height });
        }
    }
    for (page, runs) in pages.iter_mut().zip(runs) {
        let tilted = tilted(&runs);
        for (run, tilted) in runs.iter().zip(tilted) {
            if !tilted {
                page.words.extend(words_of_run(&run.text, run.left, run.top, run.width, run.height));
            }
        }
    }
    pages
}

/// A run of text as pdftohtml gives it.
struct Run {
    text: String,
    left: f32,
    top: f32,
    width: f32,
    height: f32,
}

/// Which runs belong to text set along a slant: a run that starts where the one before it
/// ended, but noticeably higher or lower, continues a slanted line, and so do both.
fn tilted(runs: &[Run]) -> Vec<bool> {
    let mut tilted = vec![false; runs.len()];
    for i in 1..runs.len() {
        let (a, b) = (&runs[i - 1], &runs[i]);
        let gap = b.left - (a.left + a.width);
        let advance = b.left - a.left;
        let rise = (b.top - a.top).abs();
        let touching = gap > -0.5 * a.height && gap < 0.6 * a.height && advance > 0.0;
        if touching && rise >= 2.0 && rise > 0.08 * advance {
            (tilted[i - 1], tilted[i]) = (true, true);
        }
    }
    tilted
}

fn attribute<'a>(attributes: &'a str, name: &str) -> Option<&'a str> {
    let start = attributes.find(&format!("{name}=\""))? + name.len() + 2;
    attributes[start..].split('"').next()
}

fn unescape(text: &str) -> String {
    // Markup inside a run (<b>…</b>) is taken out; entities become their characters.
    let mut plain = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => plain.push(c),
            _ => {}
        }
    }
    let mut out = String::new();
    let mut rest = plain.as_str();
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail.find(';').filter(|e| *e <= 8);
        let entity = end.map(|e| &tail[1..e]);
        let decoded = match entity {
            Some("amp") => Some('&'),
            Some("lt") => Some('<'),
            Some("gt") => Some('>'),
            Some("quot") => Some('"'),
            Some("apos") => Some('\''),
            Some(e) if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16).ok().and_then(char::from_u32),
            Some(e) if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_become_words_placed_along_them_even_past_the_page_edge() {
        let xml = r#"<?xml version="1.0"?>
<pdf2xml><page number="1" position="absolute" top="0" left="0" height="792" width="612">
<text top="194" left="150" width="120" height="8" font="1">SEMI-PRIVATE ROOM</text>
<text top="194" left="640" width="40" height="8" font="1">$ 4,010.28</text>
<text top="209" left="36" width="79" height="8" font="3"><b>0250 - R&amp;B</b></text>
</page></pdf2xml>"#;
        let pages = parse(xml);
        assert_eq!((pages.len(), pages[0].width, pages[0].height), (1, 612.0, 792.0));
        let words: Vec<(&str, f32)> = pages[0].words.iter().map(|w| (w.text.as_str(), w.left)).collect();
        // 17 characters over 120 points: "ROOM" starts at the 14th.
        assert_eq!(words[..2], [("SEMI-PRIVATE", 150.0), ("ROOM", 150.0 + 13.0 * 120.0 / 17.0)]);
        assert_eq!(words[2..4], [("$", 640.0), ("4,010.28", 648.0)]);
        assert_eq!(words[4..].iter().map(|w| w.0).collect::<Vec<_>>(), ["0250", "-", "R&B"]);
    }

    #[test]
    fn text_set_along_a_slant_is_left_out() {
        // A tilted picture of a statement: runs stepping down as they go right.
        let xml = r#"<page number="1" height="792" width="612">
<text top="100" left="36" width="60" height="9" font="1">Statement</text>
<text top="466" left="411" width="19" height="13" font="5">HARGES</text>
<text top="470" left="430" width="14" height="12" font="5">124.15</text>
<text top="474" left="444" width="14" height="12" font="5">24.00</text>
<text top="300" left="36" width="40" height="9" font="1">Total</text>
<text top="301" left="80" width="30" height="9" font="2">$9.00</text>
</page>"#;
        let words: Vec<String> = parse(xml)[0].words.iter().map(|w| w.text.clone()).collect();
        assert_eq!(words, ["Statement", "Total", "$9.00"]);
    }
}
