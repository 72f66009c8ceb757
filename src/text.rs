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

/// True when `hay` lower-cased (ASCII only) contains `needle`, a lower-case ASCII word: what
/// `hay.to_ascii_lowercase().contains(needle)` gives, without the copy.
pub fn contains_ascii_lower(hay: &str, needle: &str) -> bool {
    debug_assert!(!needle.bytes().any(|b| b.is_ascii_uppercase()));
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else { return true };
    h.len() >= n.len()
        && h.windows(n.len())
            .any(|w| w[0].to_ascii_lowercase() == first && w.eq_ignore_ascii_case(n))
}

/// Characters of `s` counted as its words plus one separator each: what
/// `s.split_whitespace().map(|w| w.chars().count() + 1).sum()` gives, in one pass over bytes
/// for ASCII text.
pub fn word_chars(s: &str) -> u32 {
    if !s.is_ascii() {
        return s
            .split_whitespace()
            .map(|w| w.chars().count() as u32 + 1)
            .sum();
    }
    let mut n = 0u32;
    let mut in_word = false;
    for &b in s.as_bytes() {
        // NOTE: char::is_whitespace on ASCII: tab, LF, VT, FF, CR and space (VT included,
        // unlike u8::is_ascii_whitespace).
        let ws = b == b' ' || (0x09..=0x0D).contains(&b);
        if !ws {
            n += 1 + u32::from(!in_word);
        }
        in_word = !ws;
    }
    n
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
    // NOTE: ',' is one byte that never occurs inside a multi-byte character, so ASCII text is
    // counted by bytes; only text with other characters needs decoding.
    if s.is_ascii() {
        return s.bytes().filter(|&b| b == b',').count();
    }
    s.chars()
        .filter(|c| matches!(c, ',' | '،' | '，' | '、'))
        .count()
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

    fn word_chars_reference(s: &str) -> u32 {
        s.split_whitespace()
            .map(|w| w.chars().count() as u32 + 1)
            .sum()
    }

    #[test]
    fn word_chars_counts_words_and_separators() {
        for s in [
            "",
            " ",
            "a",
            " a  bc\t\x0bd\x0c\r\n",
            "héllo wörld",
            "x\u{a0}y",
            "\0 \x1f",
        ] {
            assert_eq!(word_chars(s), word_chars_reference(s), "{:?}", s);
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn word_chars_equals_reference(s in "(?s).{0,40}", t in "[ a-z\t\n\x0b\x0c\r\x1c-\x1f]{0,40}") {
            proptest::prop_assert_eq!(word_chars(&s), word_chars_reference(&s));
            proptest::prop_assert_eq!(word_chars(&t), word_chars_reference(&t));
        }

        #[test]
        fn contains_ascii_lower_equals_lowering(s in "[aAbBuUtThHoOrRiIé_-]{0,16}", n in "[abuthori]{0,4}") {
            proptest::prop_assert_eq!(contains_ascii_lower(&s, &n), s.to_ascii_lowercase().contains(&n));
        }
    }
}
