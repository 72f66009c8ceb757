//! Text helpers shared by the passes: whitespace, normalisation for comparison, counting.

/// Collapses every run of whitespace to one space and trims the ends.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A key for near-exact comparison: lower case, letters and digits only, quotes and punctuation
/// folded away, whitespace collapsed.
pub fn fold_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            for l in c.to_lowercase() {
                out.push(l);
            }
        } else if c.is_whitespace() {
            space = true;
        }
    }
    out
}

/// Counts commas in prose (Latin, Arabic and CJK commas).
pub fn commas(s: &str) -> usize {
    s.chars()
        .filter(|c| matches!(c, ',' | '،' | '，' | '、'))
        .count()
}

/// Number of characters (not bytes), ignoring surrounding whitespace.
pub fn char_len(s: &str) -> usize {
    s.trim().chars().count()
}

/// Cuts `s` to at most `max` characters, on a char boundary, adding an ellipsis.
pub fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn folding() {
        assert_eq!(collapse("  a \n\t b "), "a b");
        assert_eq!(
            fold_key("“Hello,”  she said."),
            fold_key("\"Hello,\" she said")
        );
        assert_eq!(truncate("héllo", 2), "hé…");
    }
}
