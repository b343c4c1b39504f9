//! Printed rows rebuilt from positioned words: the page's slant is measured from neighbouring
//! words (a photo is rarely straight), words are grouped by where their middles fall once the
//! slant is taken out, and within a row the pieces of one value are joined ("$" "1,564.00").

use super::Word;

/// One printed row of a page, its words left to right.
#[derive(Debug, Clone)]
pub struct Row {
    pub page: u32,
    pub top: f32,
    pub bottom: f32,
    /// The row's typical word height, the unit for its gaps.
    pub height: f32,
    pub tokens: Vec<Token>,
}

/// A value printed in a row: a word, or words that belong together ("$ 1,564.00").
#[derive(Debug, Clone)]
pub struct Token {
    pub text: String,
    pub left: f32,
    pub right: f32,
}

impl Row {
    pub fn text(&self) -> String {
        self.tokens.iter().map(|t| t.text.as_str()).collect::<Vec<_>>().join(" ")
    }
}

/// The page's words as rows, top to bottom.
pub fn rows(page: u32, words: &[Word]) -> Vec<Row> {
    let words: Vec<&Word> = words.iter().filter(|w| !w.text.trim().is_empty() && w.bottom > w.top && w.right >= w.left).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let height = median(words.iter().map(|w| w.bottom - w.top).collect()).max(0.01);
    let slope = slant(&words, height);
    // Each word's middle, with the slant taken out.
    let mut placed: Vec<(f32, &Word)> = words.iter().map(|w| (middle(w) - slope * centre(w), *w)).collect();
    placed.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut groups: Vec<(f32, Vec<&Word>)> = Vec::new();
    for (y, word) in placed {
        match groups.last_mut() {
            // Within under half a line of the row's middle so far: the same row.
            Some((mean, members)) if (y - *mean).abs() < 0.5 * height => {
                members.push(word);
                *mean += (y - *mean) / members.len() as f32;
            }
            _ => groups.push((y, vec![word])),
        }
    }
    groups
        .into_iter()
        .map(|(_, mut members)| {
            members.sort_by(|a, b| a.left.total_cmp(&b.left));
            let top = members.iter().map(|w| w.top).fold(f32::INFINITY, f32::min);
            let bottom = members.iter().map(|w| w.bottom).fold(f32::NEG_INFINITY, f32::max);
            let height = median(members.iter().map(|w| w.bottom - w.top).collect());
            Row { page, top, bottom, height, tokens: join_values(&members, height) }
        })
        .collect()
}

fn middle(word: &Word) -> f32 {
    (word.top + word.bottom) / 2.0
}

fn centre(word: &Word) -> f32 {
    (word.left + word.right) / 2.0
}

fn median(mut values: Vec<f32>) -> f32 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f32::total_cmp);
    values[values.len() / 2]
}

/// The page's slant (rise per unit of width): the median over each word and its nearest
/// neighbour to the right of the same height, about level with it (the slant left after a
/// photo is straightened is under a degree or two). Words of different heights are not
/// compared (a "$" or a descender moves a box's middle), and a neighbour must be some way off
/// for the rise to mean anything. Level when too few pairs say otherwise.
fn slant(words: &[&Word], height: f32) -> f32 {
    let mut slopes = Vec::new();
    for word in words {
        let own = word.bottom - word.top;
        let level = |other: &&&Word| {
            let run = centre(other) - centre(word);
            let rise = (middle(other) - middle(word)).abs();
            other.left >= word.right - 0.1 * height
                && run >= 3.0 * height
                && run < 60.0 * height
                && rise < 0.3 * height + 0.035 * run
                && ((other.bottom - other.top) - own).abs() < 0.12 * own
        };
        if let Some(other) = words.iter().filter(level).min_by(|a, b| a.left.total_cmp(&b.left)) {
            slopes.push((middle(other) - middle(word)) / (centre(other) - centre(word)));
        }
    }
    if slopes.len() < 5 {
        return 0.0;
    }
    median(slopes).clamp(-0.05, 0.05)
}

/// Joins what a billing system prints as one value but a reader splits: a dollar sign apart
/// from its amount ("$ 1,564.00"), a credit's trailing minus or "CR" ("1,564.00 -"), and a
/// minus before a dollar sign ("- $25.00"). Table rules read as "|" are dropped.
fn join_values(words: &[&Word], height: f32) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    for word in words.iter().flat_map(|w| split_at_rules(w)) {
        let word = &word;
        let text = word.text.trim_matches(|c: char| matches!(c, '|' | '[' | ']' | '{' | '}' | '!' | '_' | '“' | '”' | '"' | '\''));
        if text.is_empty() {
            continue;
        }
        let close = |previous: &Token| word.left - previous.right < 1.5 * height;
        let starts_number = text.starts_with(|c: char| c.is_ascii_digit() || c == '(');
        if let Some(previous) = tokens.last_mut().filter(|p| close(p)) {
            let sign_before = matches!(previous.text.as_str(), "$" | "-" | "-$" | "($" | "(") && starts_number;
            let minus_before_dollar = previous.text == "-" && text.starts_with('$');
            let credit_after = matches!(text, "-" | "CR" | "cr") && previous.text.ends_with(|c: char| c.is_ascii_digit());
            // OCR splits a HCPCS code after its letter ("J 0696").
            let split_code = previous.text.len() == 1
                && previous.text.starts_with(|c: char| c.is_ascii_uppercase())
                && text.len() == 4
                && text.bytes().all(|b| b.is_ascii_digit())
                && word.left - previous.right < 0.6 * height;
            if sign_before || minus_before_dollar || credit_after || split_code {
                previous.text.push_str(text);
                previous.right = word.right;
                continue;
            }
        }
        // Judged by the amount's own characters rather than the row's height: a monospaced
        // font's space is wider than its digits are tall.
        if let Some(previous) = tokens.last_mut().filter(|p| thousands_apart(p, text, word)) {
            previous.text.push(',');
            previous.text.push_str(text);
            previous.right = word.right;
            continue;
        }
        tokens.push(Token { text: text.to_string(), left: word.left, right: word.right });
    }
    tokens
}

/// Whether `previous` is the thousands of an amount printed with a space for its separator, as
/// the UB-04 form and billing systems that copy it print "14 850.00": one to three digits (a
/// "$" before them), then, a space apart, three digits with the cents. A space apart means
/// closer than `SPACE_APART` of the amount's own characters (their inked width): in a
/// monospaced font one space leaves 1.5–1.9 of them between the inks (measured on a phone
/// photo of such a bill: 26 pixels between "14" and "850.00", whose characters are 14 wide),
/// two spaces 2.6 or more; a proportional font's space is narrower still. A quantity column
/// beside the amounts is set further off, by the column's width or two spaces at least.
fn thousands_apart(previous: &Token, text: &str, word: &Word) -> bool {
    let group = previous.text.trim_start_matches('$');
    let thousands = (1..=3).contains(&group.len()) && group.bytes().all(|b| b.is_ascii_digit()) && !group.starts_with('0');
    let rest = text.trim_end_matches('-');
    let hundreds = rest.len() == 6 && rest.bytes().enumerate().all(|(i, b)| if i == 3 { b == b'.' } else { b.is_ascii_digit() });
    let character = (word.right - word.left) / text.chars().count().max(1) as f32;
    thousands && hundreds && word.left - previous.right < SPACE_APART * character
}

/// See `thousands_apart`.
const SPACE_APART: f32 = 2.2;

/// A table's vertical rule that OCR read into a word ("0250|Pharmacy", "0350/CT") splits it:
/// the word's box is shared by its characters.
fn split_at_rules(word: &Word) -> Vec<Word> {
    let text = word.text.as_str();
    let chars: Vec<char> = text.chars().collect();
    // A revenue code glued to the next column by a rule read as "/", ")" or ";".
    let glued_code =
        chars.len() > 5 && chars[0] == '0' && chars[..4].iter().all(char::is_ascii_digit) && matches!(chars[4], '/' | ')' | ';' | ']');
    let cuts: Vec<usize> =
        if glued_code { vec![4] } else { chars.iter().enumerate().filter(|(_, c)| **c == '|').map(|(i, _)| i).collect() };
    if cuts.is_empty() {
        return vec![word.clone()];
    }
    let per_char = (word.right - word.left) / chars.len().max(1) as f32;
    let mut pieces = Vec::new();
    let mut start = 0;
    for cut in cuts.into_iter().chain(std::iter::once(chars.len())) {
        let piece: String = chars[start..cut].iter().collect();
        let piece = piece.trim_matches(|c: char| matches!(c, '|' | '/' | ')' | ';' | ']'));
        if !piece.is_empty() {
            let left = word.left + start as f32 * per_char;
            pieces.push(Word { text: piece.to_string(), left, right: word.left + cut as f32 * per_char, ..word.clone() });
        }
        start = cut + 1;
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, left: f32, top: f32) -> Word {
        Word { text: text.into(), left, top, right: left + 6.0 * text.len() as f32, bottom: top + 10.0 }
    }

    #[test]
    fn words_of_a_slanted_photo_make_the_rows_they_were_printed_in() {
        // Three rows photographed at about 3 degrees: each row falls 5 units over 100 across,
        // so the last word of a row sits lower than the first word of the next.
        let mut words = Vec::new();
        for row in 0..3 {
            for (i, text) in ["02/25/2023", "0250", "J2405", "ONDANSETRON", "HCL", "INJ", "$114.60"].iter().enumerate() {
                // Columns far apart, the description's words a space apart.
                let x = if (3..6).contains(&i) {
                    330.0 + 50.0 * (i - 3) as f32
                } else {
                    20.0 + 150.0 * i as f32 + if i == 6 { 400.0 } else { 0.0 }
                };
                words.push(word(text, x, 100.0 + 14.0 * row as f32 + 0.05 * x));
            }
        }
        let rows = rows(0, &words);
        assert_eq!(rows.len(), 3);
        assert!(
            rows.iter().all(|r| r.text() == "02/25/2023 0250 J2405 ONDANSETRON HCL INJ $114.60"),
            "{:?}",
            rows.iter().map(Row::text).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_table_rule_read_into_a_word_splits_it() {
        let texts = |text: &str| rows(0, &[word(text, 0.0, 0.0)])[0].tokens.iter().map(|t| t.text.clone()).collect::<Vec<_>>();
        assert_eq!(texts("0250|Pharmacy"), ["0250", "Pharmacy"]);
        assert_eq!(texts("0350/CT"), ["0350", "CT"]);
        assert_eq!(texts("$1.90|"), ["$1.90"]);
        assert_eq!(texts("CPT/HCPCS"), ["CPT/HCPCS"]);
    }

    #[test]
    fn a_dollar_sign_apart_and_a_trailing_minus_join_their_amount() {
        let words =
            [word("$", 10.0, 0.0), word("1,564.00", 20.0, 0.0), word("1,564.00", 100.0, 0.0), word("-", 149.0, 0.0), word("|", 170.0, 0.0)];
        let texts: Vec<String> = rows(0, &words)[0].tokens.iter().map(|t| t.text.clone()).collect();
        assert_eq!(texts, ["$1,564.00", "1,564.00-"]);
        let split = [word("J", 10.0, 0.0), word("0696", 17.0, 0.0)];
        assert_eq!(rows(0, &split)[0].tokens[0].text, "J0696");
    }
}
