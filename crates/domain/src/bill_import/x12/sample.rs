//! X12 files written for tests and fuzz seeds (the domain's tests and `cargo xtask fuzz`): a
//! standard ISA header around segments, in any delimiters. Not part of reading bills.

/// A standard 106-character ISA header with the given element, repetition, component and
/// segment delimiters.
pub fn isa(element: char, repetition: char, component: char, segment: &str) -> String {
    let fields = [
        "00",
        "          ",
        "00",
        "          ",
        "ZZ",
        "SENDER         ",
        "ZZ",
        "RECEIVER       ",
        "250301",
        "1200",
        &repetition.to_string(),
        "00501",
        "000000001",
        "0",
        "P",
        &component.to_string(),
    ];
    format!("ISA{element}{}{segment}", fields.join(&element.to_string()))
}

/// An interchange: a standard ISA header, then `body` (the segments after it, written with "*",
/// ":" and "~") in the given element, component and segment delimiters. The repetition separator
/// is "^", or "{" where "^" is taken.
pub fn interchange(element: char, component: char, segment: &str, body: &str) -> String {
    let body: String = body
        .split('~')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| format!("{}{segment}", s.replace('*', &element.to_string()).replace(':', &component.to_string())))
        .collect();
    let repetition = if element == '^' || component == '^' { '{' } else { '^' };
    format!("{}{body}", isa(element, repetition, component, segment))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_interchange_has_a_standard_header() {
        let text = interchange('*', ':', "~", "ST*837*1~ CLM*A*1***11:B:1~");
        assert_eq!(text.find("ST*"), Some(106));
        assert!(text.ends_with("ST*837*1~CLM*A*1***11:B:1~"), "{text}");
        assert!(interchange('|', '^', "\n", "ST*837*1~").starts_with("ISA|00|"), "the header takes the delimiters too");
    }
}
