//! Text helpers shared by the passes: whitespace, normalisation for comparison, counting.

/// Collapses every run of whitespace to one space and trims the ends.
pub fn collapse(s: &str) -> String {
    let mut c = Collapsed {
        out: String::with_capacity(s.len()),
        ..Collapsed::default()
    };
    c.push(s);
    c.out
}

/// Text collapsed as it arrives in pieces: after any pieces, what [`collapse`] gives on them
/// joined, without joining them first.
#[derive(Default)]
pub struct Collapsed {
    out: String,
    /// Whitespace has come since the last word: a space is owed before the next.
    space: bool,
    /// Characters in `out`.
    chars: usize,
}

impl Collapsed {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the next piece of text.
    pub fn push(&mut self, s: &str) {
        let bytes = s.as_bytes();
        let mut i = 0;
        loop {
            let from = i;
            loop {
                i = skip_ascii_spaces(bytes, i);
                if i == bytes.len() {
                    break;
                }
                match whitespace_len(s, i) {
                    0 => break,
                    n => i += n,
                }
            }
            if i > from {
                self.space = true;
            }
            if i == bytes.len() {
                return;
            }
            // NOTE: a run of words separated by single spaces is already collapsed, and is
            // copied whole rather than word by word.
            let start = i;
            loop {
                i = skip_ascii_word(bytes, i);
                if i == bytes.len() {
                    break;
                }
                if !bytes[i].is_ascii() {
                    if whitespace_len(s, i) > 0 {
                        break;
                    }
                    i += 1;
                    continue;
                }
                if bytes[i] == b' ' && i + 1 < bytes.len() && whitespace_len(s, i + 1) == 0 {
                    i += 1;
                    continue;
                }
                break;
            }
            if self.space && !self.out.is_empty() {
                self.out.push(' ');
                self.chars += 1;
            }
            self.space = false;
            let run = &s[start..i];
            self.out.push_str(run);
            self.chars += if run.is_ascii() {
                run.len()
            } else {
                run.chars().count()
            };
        }
    }

    /// How many characters the collapsed text holds so far.
    pub fn chars(&self) -> usize {
        self.chars
    }

    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    pub fn as_str(&self) -> &str {
        &self.out
    }

    /// The collapsed text, leaving this empty for the next.
    pub fn take(&mut self) -> String {
        self.space = false;
        self.chars = 0;
        std::mem::take(&mut self.out)
    }
}

/// True when `s` holds nothing but whitespace: `s.trim().is_empty()`, settled at the first
/// character that is not whitespace.
pub fn is_blank(s: &str) -> bool {
    let mut i = 0;
    loop {
        i = skip_ascii_spaces(s.as_bytes(), i);
        if i == s.len() {
            return true;
        }
        match whitespace_len(s, i) {
            0 => return false,
            n => i += n,
        }
    }
}

/// The first index at or after `i` whose byte is not ASCII whitespace (or the length).
#[inline]
fn skip_ascii_spaces(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let v = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
        // NOTE: bytes from 0x80 stop the run themselves; the mask is exact below the first.
        let stop = (!ascii_space_mask(v) | v) & HIGH_BITS;
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && BYTE_CLASS[bytes[i] as usize] == ASCII_SPACE {
        i += 1;
    }
    i
}

/// The first index at or after `i` whose byte is ASCII whitespace or not ASCII (or the
/// length).
#[inline]
fn skip_ascii_word(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let v = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
        let stop = (ascii_space_mask(v) | v) & HIGH_BITS;
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i].is_ascii() && BYTE_CLASS[bytes[i] as usize] == WORD {
        i += 1;
    }
    i
}

/// [`BYTE_CLASS`]: a byte that is never (part of) whitespace.
const WORD: u8 = 0;
/// [`BYTE_CLASS`]: ASCII whitespace (`char::is_whitespace`: tab, LF, VT, FF, CR, space).
const ASCII_SPACE: u8 = 1;
/// [`BYTE_CLASS`]: the lead byte of U+0085, U+00A0 (0xC2), U+1680 (0xE1), U+2000–U+205F (0xE2)
/// or U+3000 (0xE3), the only non-ASCII whitespace, and of other characters too.
const MAYBE_SPACE: u8 = 2;

/// What each byte can be the start of, for [`whitespace_len`].
static BYTE_CLASS: [u8; 256] = {
    let mut t = [WORD; 256];
    let mut b = 0x09;
    while b <= 0x0D {
        t[b] = ASCII_SPACE;
        b += 1;
    }
    t[b' ' as usize] = ASCII_SPACE;
    t[0xC2] = MAYBE_SPACE;
    t[0xE1] = MAYBE_SPACE;
    t[0xE2] = MAYBE_SPACE;
    t[0xE3] = MAYBE_SPACE;
    t
};

/// The length in bytes of the whitespace character (`char::is_whitespace`) starting at byte
/// `i` of `s`, or 0 when there is none there. `i` may fall inside a character (which is then
/// not whitespace): only the lead bytes of multi-byte whitespace are decoded.
#[inline(always)]
fn whitespace_len(s: &str, i: usize) -> usize {
    match BYTE_CLASS[s.as_bytes()[i] as usize] {
        WORD => 0,
        ASCII_SPACE => 1,
        _ => match s[i..].chars().next() {
            Some(c) if c.is_whitespace() => c.len_utf8(),
            _ => 0,
        },
    }
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

/// How many leading bytes of a needle the lookup tables of [`Needles`] hold.
const NEEDLE_PREFIX: usize = 3;

/// A few lower-case ASCII needles (at most eight, each at least three bytes), with tables of
/// their leading bytes, so that a string is searched for all of them in one pass: a position
/// tries only the needles whose first three bytes agree with it.
pub struct Needles {
    list: Vec<String>,
    /// `at[k][b]`: the needles (bit i: needle i) whose byte `k` is `b`, ignoring ASCII case.
    at: [[u8; 256]; NEEDLE_PREFIX],
}

impl Needles {
    /// The tables for `list`, if it fits them.
    pub fn new<S: AsRef<str>>(list: &[S]) -> Option<Needles> {
        if list.len() > 8 {
            return None;
        }
        let mut at = [[0u8; 256]; NEEDLE_PREFIX];
        for (i, w) in list.iter().enumerate() {
            let bytes = w.as_ref().as_bytes();
            if bytes.len() < NEEDLE_PREFIX {
                return None;
            }
            for (k, &b) in bytes[..NEEDLE_PREFIX].iter().enumerate() {
                if !b.is_ascii() || b.is_ascii_uppercase() {
                    return None;
                }
                at[k][b as usize] |= 1 << i;
                at[k][b.to_ascii_uppercase() as usize] |= 1 << i;
            }
        }
        Some(Needles {
            list: list.iter().map(|w| w.as_ref().to_string()).collect(),
            at,
        })
    }

    /// The needles.
    pub fn list(&self) -> &[String] {
        &self.list
    }

    /// True when `hay` lower-cased (ASCII only) contains one of the needles: what
    /// [`contains_ascii_lower`] of each gives, in one pass.
    pub fn in_any(&self, hay: &str) -> bool {
        let h = hay.as_bytes();
        for i in 0..h.len().saturating_sub(NEEDLE_PREFIX - 1) {
            let first = self.at[0][h[i] as usize];
            if first == 0 {
                continue;
            }
            let mut m = first & self.at[1][h[i + 1] as usize] & self.at[2][h[i + 2] as usize];
            while m != 0 {
                let n = self.list[m.trailing_zeros() as usize].as_bytes();
                if h.len() - i >= n.len() && h[i..i + n.len()].eq_ignore_ascii_case(n) {
                    return true;
                }
                m &= m - 1;
            }
        }
        false
    }
}

/// Characters of `s` counted as its words plus one separator each: what
/// `s.split_whitespace().map(|w| w.chars().count() + 1).sum()` gives, in one pass over the
/// bytes without decoding them.
pub fn word_chars(s: &str) -> u32 {
    let (chars, words) = count_words_and_chars(s);
    chars.wrapping_add(words) as u32
}

/// The number of words in `s`: what `s.split_whitespace().count()` gives, in one pass over
/// the bytes without decoding them.
pub fn word_count(s: &str) -> usize {
    count_words_and_chars(s).1 as usize
}

/// The characters of `s` that are not whitespace, and the words they make.
#[inline(always)]
fn count_words_and_chars(s: &str) -> (u64, u64) {
    // Each character that is not whitespace counts one, and starts a word when the character
    // before it is whitespace (or there is none). ASCII is taken eight bytes at a time; other
    // bytes one by one, where a continuation byte counts nothing.
    let bytes = s.as_bytes();
    let (mut chars, mut words) = (0u64, 0u64);
    // The character before the current byte is whitespace (or there is none).
    let mut after_space = true;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let v = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
            if v & HIGH_BITS == 0 {
                let spaces = ascii_space_mask(v);
                let solid = !spaces & HIGH_BITS;
                let before = (spaces << 8) | if after_space { 0x80 } else { 0 };
                chars += u64::from(solid.count_ones());
                words += u64::from((solid & before).count_ones());
                after_space = spaces >> 63 != 0;
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let space = match BYTE_CLASS[b as usize] {
            ASCII_SPACE => true,
            // A continuation byte: part of a character already counted.
            WORD if (0x80..0xC0).contains(&b) => {
                i += 1;
                continue;
            }
            WORD => false,
            _ => whitespace_len(s, i) > 0,
        };
        if !space {
            chars += 1;
            words += u64::from(after_space);
        }
        after_space = space;
        i += 1;
    }
    (chars, words)
}

/// 0x01 in every byte of a word.
const LOW_BITS: u64 = 0x0101_0101_0101_0101;
/// 0x80 in every byte of a word.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// For eight ASCII bytes in a word (little-endian), 0x80 in each byte that is whitespace
/// (tab, LF, VT, FF, CR, space) and 0 elsewhere. A byte from 0x80 up may spoil the bytes
/// after it (above it in the word), never those before it.
// NOTE: a byte below 0x80 plus at most 0x7F never carries into the next: the high bit of
// `byte + (0x80 - k)` tells whether the byte is at least k. The sums wrap: a top byte from 0x80
// up carries out of the word (a debug build would panic on the overflow).
#[inline]
fn ascii_space_mask(v: u64) -> u64 {
    let x = v ^ (b' ' as u64 * LOW_BITS);
    let not_space = x.wrapping_add(0x7F * LOW_BITS) & HIGH_BITS;
    let at_least_tab = v.wrapping_add((0x80 - 0x09) * LOW_BITS) & HIGH_BITS;
    let above_cr = v.wrapping_add((0x80 - 0x0E) * LOW_BITS) & HIGH_BITS;
    (!not_space & HIGH_BITS) | (at_least_tab & !above_cr)
}

/// The words of `s` (runs of letters and digits), lower case: "High-flying ‘NBA 2K17’" gives
/// "high", "flying", "nba", "2k17".
pub fn lower_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A key for near-exact comparison: lower case, letters and digits only, quotes and punctuation
/// folded away, whitespace collapsed.
pub fn fold_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_key_into(s, &mut out);
    out
}

/// [`fold_key`] into `out` (cleared first), so a caller folding many texts reuses one buffer.
pub fn fold_key_into(s: &str, out: &mut String) {
    out.clear();
    let mut space = false;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // NOTE: the ASCII classes give what the general path below gives for ASCII
        // (is_alphanumeric, to_lowercase and is_whitespace agree with their ASCII forms there),
        // without decoding or the Unicode tables; most page text is ASCII.
        match FOLD_CLASS[bytes[i] as usize] {
            FOLD_KEEP => {
                // A run already in folded form (lower-case words and digits, single spaces
                // between them) is copied whole.
                let start = i;
                loop {
                    i = skip_folded(bytes, i);
                    if i + 1 < bytes.len()
                        && bytes[i] == b' '
                        && FOLD_CLASS[bytes[i + 1] as usize] == FOLD_KEEP
                    {
                        i += 1;
                        continue;
                    }
                    break;
                }
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push_str(&s[start..i]);
            }
            FOLD_UPPER => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(bytes[i].to_ascii_lowercase() as char);
                i += 1;
            }
            FOLD_SPACE => {
                space = true;
                i = skip_ascii_spaces(bytes, i + 1);
            }
            FOLD_DROP => i += 1,
            _ => {
                let Some(c) = s[i..].chars().next() else {
                    break;
                };
                i += c.len_utf8();
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
        }
    }
}

/// The first index at or after `i` whose byte is not a lower-case ASCII letter or a digit (or
/// the length).
#[inline]
fn skip_folded(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let v = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
        // As in `ascii_space_mask`: exact below the first byte from 0x80, which stops the run.
        let at_least = |k: u64| v.wrapping_add((0x80 - k) * LOW_BITS) & HIGH_BITS;
        let lower = at_least(b'a' as u64) & !at_least(b'z' as u64 + 1);
        let digit = at_least(b'0' as u64) & !at_least(b'9' as u64 + 1);
        let stop = (!(lower | digit) | v) & HIGH_BITS;
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && FOLD_CLASS[bytes[i] as usize] == FOLD_KEEP {
        i += 1;
    }
    i
}

/// [`FOLD_CLASS`]: a lower-case ASCII letter or a digit, kept as it is.
const FOLD_KEEP: u8 = 0;
/// [`FOLD_CLASS`]: an upper-case ASCII letter, kept lower-cased.
const FOLD_UPPER: u8 = 1;
/// [`FOLD_CLASS`]: ASCII whitespace, a word break.
const FOLD_SPACE: u8 = 2;
/// [`FOLD_CLASS`]: other ASCII (punctuation, controls), dropped.
const FOLD_DROP: u8 = 3;
/// [`FOLD_CLASS`]: the lead byte of a character other than ASCII, decoded.
const FOLD_OTHER: u8 = 4;

/// What [`fold_key_into`] does with each byte at the start of a character.
static FOLD_CLASS: [u8; 256] = {
    let mut t = [FOLD_OTHER; 256];
    let mut b = 0;
    while b < 0x80 {
        let c = b as u8;
        t[b] = if c.is_ascii_lowercase() || c.is_ascii_digit() {
            FOLD_KEEP
        } else if c.is_ascii_uppercase() {
            FOLD_UPPER
        } else if c == b' ' || (c >= 0x09 && c <= 0x0D) {
            FOLD_SPACE
        } else {
            FOLD_DROP
        };
        b += 1;
    }
    t
};

/// Counts commas in prose (Latin, Arabic and CJK commas).
pub fn commas(s: &str) -> usize {
    // NOTE: ',' is one byte that never occurs inside a multi-byte character, so ASCII text is
    // counted by bytes; only text with other characters needs decoding.
    if s.is_ascii() {
        return s.bytes().filter(|&b| b == b',').count();
    }
    // NOTE: UTF-8 never starts a character inside another, so each byte sequence of a comma
    // found anywhere is that comma.
    let b = s.as_bytes();
    (0..b.len())
        .filter(|&i| match b[i] {
            b',' => true,
            0xD8 => b[i + 1..].starts_with(&[0x8C]),
            0xEF => b[i + 1..].starts_with(&[0xBC, 0x8C]),
            0xE3 => b[i + 1..].starts_with(&[0x80, 0x81]),
            _ => false,
        })
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

    #[cfg(not(target_arch = "wasm32"))]
    fn fold_key_reference(s: &str) -> String {
        let mut out = String::new();
        let mut space = false;
        for c in s.chars() {
            if c.is_alphanumeric() {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.extend(c.to_lowercase());
            } else if c.is_whitespace() {
                space = true;
            }
        }
        out
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
        fn word_chars_equals_reference(s in "(?s).{0,40}", t in "[ a-z!~09\t\n\x0b\x0c\r\x1c-\x1f\x7f\x08\x0e!]{0,40}", u in "[ a-z\t\n’é€\u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}\u{3000}\u{3001}]{0,40}") {
            proptest::prop_assert_eq!(word_chars(&s), word_chars_reference(&s));
            proptest::prop_assert_eq!(word_chars(&t), word_chars_reference(&t));
            proptest::prop_assert_eq!(word_chars(&u), word_chars_reference(&u));
        }

        #[test]
        fn fold_key_equals_reference(s in "(?s).{0,40}", u in "[ a-z09/:`{@\\[é]{0,40}", t in "[ a-zA-Z0-9,.'\t\n\x0b\x0c\r\x1c-\x1fÉé\u{a0}\u{130}“”]{0,40}") {
            proptest::prop_assert_eq!(fold_key(&s), fold_key_reference(&s));
            proptest::prop_assert_eq!(fold_key(&t), fold_key_reference(&t));
            proptest::prop_assert_eq!(fold_key(&u), fold_key_reference(&u));
        }

        #[test]
        fn needles_match_like_lowered_contains(s in "(?s)(Author|BY|line|date|-|p-|na|mE|é|.){0,10}") {
            const LIST: &[&str] = &["byline", "author", "dateline", "writtenby", "p-author"];
            let set = Needles::new(LIST).unwrap();
            let words = Needles::new(&["name", "p-a"]).unwrap();
            let lower = s.to_ascii_lowercase();
            proptest::prop_assert_eq!(set.in_any(&s), LIST.iter().any(|n| lower.contains(n)));
            proptest::prop_assert_eq!(words.in_any(&s), ["name", "p-a"].iter().any(|n| lower.contains(n)));
        }

        #[test]
        fn collapse_equals_reference(s in "(?s).{0,40}", t in "[ a-z\t\n\x0b\x0c\r\x1c-\x1f\u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}\u{202f}\u{205f}\u{3000}é€]{0,40}") {
            let reference = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(collapse(&s), reference(&s));
            proptest::prop_assert_eq!(collapse(&t), reference(&t));
        }

        #[test]
        fn is_blank_equals_trim(s in "(?s).{0,8}", t in "[ a\t\n\x0b\x0c\r\x1c\u{85}\u{a0}\u{2000}\u{2028}\u{3000}€]{0,8}") {
            proptest::prop_assert_eq!(is_blank(&s), s.trim().is_empty());
            proptest::prop_assert_eq!(is_blank(&t), t.trim().is_empty());
        }

        #[test]
        fn commas_equals_reference(s in "(?s).{0,40}", t in "[ a,،，、é\u{600}-\u{60f}\u{ff00}-\u{ff0f}\u{3000}-\u{3003}]{0,20}") {
            let reference = |s: &str| s.chars().filter(|c| matches!(c, ',' | '،' | '，' | '、')).count();
            proptest::prop_assert_eq!(commas(&s), reference(&s));
            proptest::prop_assert_eq!(commas(&t), reference(&t));
        }

        #[test]
        fn collapsed_pieces_equal_collapse(parts in proptest::collection::vec("[ a-z\t\n’é\u{a0}\u{2000}\u{3000}]{0,12}", 0..6)) {
            let mut c = Collapsed::new();
            for p in &parts {
                c.push(p);
            }
            let want = collapse(&parts.concat());
            proptest::prop_assert_eq!(c.chars(), want.chars().count());
            proptest::prop_assert_eq!(c.take(), want);
        }

        #[test]
        fn word_count_equals_split(s in "(?s).{0,40}", t in "[ a-z\t\n’é\u{85}\u{a0}\u{2000}\u{3000}]{0,40}") {
            proptest::prop_assert_eq!(word_count(&s), s.split_whitespace().count());
            proptest::prop_assert_eq!(word_count(&t), t.split_whitespace().count());
        }

        #[test]
        fn contains_ascii_lower_equals_lowering(s in "[aAbBuUtThHoOrRiIé_-]{0,16}", n in "[abuthori]{0,4}") {
            proptest::prop_assert_eq!(contains_ascii_lower(&s, &n), s.to_ascii_lowercase().contains(&n));
        }
    }
}
