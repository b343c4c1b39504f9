//! How far apart two words are, in single-character edits: what forgives a typo in the
//! finder's search and in the words that signal an emergency.

/// Longest word compared; longer words are infinitely far from every other (they match only
/// exactly or by prefix in the search).
pub const LONGEST_WORD: usize = 31;

/// Damerau-Levenshtein distance (optimal string alignment), in three rows on the stack: it runs
/// for every word of the catalog on every keystroke, so it must not allocate.
pub fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    if a.len() > LONGEST_WORD || b.len() > LONGEST_WORD {
        return usize::MAX;
    }
    let mut before_previous = [0_u8; LONGEST_WORD + 1];
    let mut previous = [0_u8; LONGEST_WORD + 1];
    let mut current = [0_u8; LONGEST_WORD + 1];
    for (j, cell) in previous.iter_mut().enumerate().take(b.len() + 1) {
        *cell = j as u8;
    }
    for i in 1..=a.len() {
        current[0] = i as u8;
        for j in 1..=b.len() {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            current[j] = (previous[j] + 1).min(current[j - 1] + 1).min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                current[j] = current[j].min(before_previous[j - 2] + 1);
            }
        }
        before_previous = previous;
        previous = current;
    }
    usize::from(previous[b.len()])
}
