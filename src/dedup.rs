//! Pass 4, dedup: paragraphs the page repeats, exact or near-exact, keep their first copy.
//!
//! The rule: a block is a duplicate when it is a prose paragraph (a `p`, or a `div` holding
//! only inline content), long enough to be a statement nobody repeats by accident (at least
//! [`MIN_DUP_CHARS`] folded characters and [`MIN_DUP_WORDS`] words), outside lists, tables,
//! preformatted text and verse, and its text matches an earlier kept paragraph after folding
//! whitespace, quotes, punctuation and case, or after cutting a short trailing credit.
//!
//! Two more limits keep deliberate repeats: a repeat under a different heading than its first
//! copy is a restatement (a summary, a recap), not an accident; and a body with fewer than
//! [`MIN_DISTINCT`] distinct paragraphs is too small to judge, so nothing goes. Pull quotes
//! (`blockquote`) repeat the body on purpose and are never duplicates.
//!
//! So "Yes." and "Thank you." in an interview, a poem's refrain (short lines, or a stanza set
//! with line breaks), and repeated list items stay; a CMS that printed a paragraph twice does not.

use crate::article::RemovalKind;
use crate::dom::{Document, NodeId};
use crate::lexicon::{self, chrome};
use crate::page::Page;
use crate::text::{fold_key_into, Needles};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Paragraphs shorter than this (in folded characters) may repeat legitimately ("Yes.").
pub const MIN_DUP_CHARS: usize = 60;
/// …and so may paragraphs of fewer words than this.
pub const MIN_DUP_WORDS: usize = 8;
/// A trailing credit ("(Reuters)", "— AP", "Photo: X") cut for near-exact matching is at most
/// this many characters.
pub const MAX_CREDIT_CHARS: usize = 40;
/// A paragraph with at least this many line breaks is verse or an address, where lines recur.
pub const VERSE_MIN_BREAKS: usize = 2;

/// A container whose paragraphs are mostly this short (median, in characters) is verse or a
/// dialogue set line by line, where lines legitimately recur…
pub const VERSE_MEDIAN_CHARS: usize = 50;
/// …when it holds at least this many paragraphs.
pub const VERSE_MIN_LINES: usize = 4;

/// A body with fewer distinct long paragraphs than this is too small to judge repeats in.
pub const MIN_DISTINCT: usize = 3;

/// Containers whose repeats are legitimate: lists, tables, code, pull quotes.
const EXEMPT_ANCESTORS: &[&str] = &[
    "li",
    "ul",
    "ol",
    "dl",
    "table",
    "pre",
    "code",
    "blockquote",
    "aside",
];

/// Headings: a new one starts a new section.
const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// Marks repeated paragraphs under `roots` as duplicates.
pub fn dedup(page: &mut Page, roots: &[NodeId]) {
    let doc = page.doc;
    // Folded key → (index of the first kept paragraph with it, its section).
    let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
    let mut section = 0usize;
    let mut kept = 0usize;
    let mut dups: Vec<(NodeId, String)> = Vec::new();
    let mut verse: HashMap<NodeId, bool> = HashMap::new();
    // Buffers reused for every paragraph: its text, its key, the key without a credit.
    let mut text = String::new();
    let mut key = String::new();
    let mut near = String::new();
    for &r in roots {
        // NOTE: the walk skips removed subtrees, so below the root only a node's own verdict
        // is left to check, not its ancestors'.
        if page.is_removed(r) {
            continue;
        }
        let mut it = doc.descendants(r);
        while let Some(id) = it.next() {
            if doc.element(id).is_none() {
                continue;
            }
            if page.verdict(id).is_some() || exempt(doc, id) {
                it.skip_subtree(id);
                continue;
            }
            if doc.tag(id).is_some_and(|t| HEADINGS.contains(&t)) {
                section += 1;
                it.skip_subtree(id);
                continue;
            }
            if !is_paragraph(doc, id) {
                continue;
            }
            it.skip_subtree(id);
            // NOTE: a stanza is settled before its text is folded.
            if text_and_breaks(doc, id, &mut text) >= VERSE_MIN_BREAKS {
                continue;
            }
            fold_key_into(&text, &mut key);
            if key.chars().count() < MIN_DUP_CHARS
                || key.bytes().filter(|&b| b == b' ').count() + 1 < MIN_DUP_WORDS
                || doc.parent(id).is_some_and(|p| {
                    *verse
                        .entry(p)
                        .or_insert_with(|| short_lines(doc, p, &mut near))
                })
            {
                continue;
            }
            let has_near = match strip_credit(&text) {
                Some(t) => {
                    fold_key_into(t, &mut near);
                    near != key
                }
                None => false,
            };
            let hit = seen
                .get(key.as_str())
                .map(|&n| (n, "exact after folding whitespace, quotes and punctuation"))
                .or_else(|| {
                    has_near
                        .then(|| seen.get(near.as_str()))
                        .flatten()
                        .map(|&n| (n, "near-exact: the same text with a trailing credit"))
                });
            match hit {
                Some(((n, sec), how)) if sec == section => {
                    dups.push((id, format!("repeats paragraph {} ({})", n + 1, how)))
                }
                Some(_) => {} // a restatement under another heading
                None => {
                    kept += 1;
                    seen.insert(key.clone(), (kept - 1, section));
                    if has_near && !seen.contains_key(near.as_str()) {
                        seen.insert(near.clone(), (kept - 1, section));
                    }
                }
            }
        }
    }
    if kept < MIN_DISTINCT {
        return;
    }
    for (id, reason) in dups {
        page.remove(id, RemovalKind::Duplicate, reason);
    }
}

/// Writes the text under `id` into `out` (what `text_content` gives) and returns how many
/// line breaks it holds, up to [`VERSE_MIN_BREAKS`]: a stanza or an address has several.
fn text_and_breaks(doc: &Document, id: NodeId, out: &mut String) -> usize {
    out.clear();
    let mut breaks = 0usize;
    for n in doc.descendants(id) {
        if let Some(t) = doc.text(n) {
            out.push_str(t);
        } else if breaks < VERSE_MIN_BREAKS && doc.is(n, "br") {
            breaks += 1;
        }
    }
    breaks
}

/// A prose paragraph: `p`, or a `div` with only inline content.
fn is_paragraph(doc: &Document, id: NodeId) -> bool {
    match doc.tag(id) {
        Some("p") => true,
        Some("div") => !doc.descendants(id).skip(1).any(|d| {
            doc.tag(d).is_some_and(|t| {
                matches!(
                    t,
                    "p" | "div"
                        | "ul"
                        | "ol"
                        | "li"
                        | "section"
                        | "table"
                        | "figure"
                        | "blockquote"
                        | "pre"
                        | "h1"
                        | "h2"
                        | "h3"
                        | "h4"
                        | "h5"
                        | "h6"
                )
            })
        }),
        _ => false,
    }
}

/// Lists, tables, code and verse (by tag, or by a poem/verse/stanza/lyrics class).
fn exempt(doc: &Document, id: NodeId) -> bool {
    let Some(el) = doc.element(id) else {
        return false;
    };
    if EXEMPT_ANCESTORS.contains(&el.name.as_str()) {
        return true;
    }
    let (class, ident) = (el.attr("class").unwrap_or(""), el.attr("id").unwrap_or(""));
    if class.is_empty() && ident.is_empty() {
        return false;
    }
    if let Some(words) = verse_words() {
        if class.is_ascii() && ident.is_ascii() && !words.in_any(class) && !words.in_any(ident) {
            return false;
        }
    }
    lexicon::chrome_of_parts([class, ident]) & chrome::VERSE != 0
}

/// The first word of every verse token of the lexicon, folded, as needles to search a class
/// or id for (none when a word is not ASCII or does not fit the needle tables).
///
/// NOTE: folding ASCII only lower-cases it and turns other characters into spaces, so an ASCII
/// class or id that names verse holds one of these words, ignoring case. Most elements hold
/// none, and are settled without folding their class and id.
fn verse_words() -> Option<&'static Needles> {
    static WORDS: OnceLock<Option<Needles>> = OnceLock::new();
    WORDS
        .get_or_init(|| crate::region::outside(verse_needles))
        .as_ref()
}

/// Builds [`verse_words`].
fn verse_needles() -> Option<Needles> {
    let words = lexicon::CHROME_TOKENS
        .iter()
        .filter(|(kind, _)| kind & chrome::VERSE != 0)
        .map(|(_, raw)| {
            let folded = lexicon::fold(raw);
            let first = folded.split(' ').next().unwrap_or("").to_string();
            (!first.is_empty() && first.is_ascii()).then_some(first)
        })
        .collect::<Option<Vec<String>>>()?;
    Needles::new(&words)
}

/// A container set line by line: many paragraphs, most of them short. `buf` is scratch space.
fn short_lines(doc: &Document, parent: NodeId, buf: &mut String) -> bool {
    let mut text = String::new();
    let mut lens: Vec<usize> = doc
        .element_children(parent)
        .filter(|&c| doc.is(c, "p"))
        .map(|c| {
            text_and_breaks(doc, c, &mut text);
            folded_chars_up_to(&text, VERSE_MEDIAN_CHARS, buf)
        })
        .collect();
    if lens.len() < VERSE_MIN_LINES {
        return false;
    }
    lens.sort_unstable();
    lens[lens.len() / 2] < VERSE_MEDIAN_CHARS
}

/// The characters of `fold_key(text)`, or `cap` when there are at least that many: all the
/// median test needs. `buf` is scratch space.
///
/// NOTE: the key of a prefix is a prefix of the key (spaces only ever join two kept runs), so
/// a prefix whose key reaches `cap` settles it: a long paragraph is folded a few hundred bytes
/// here, not whole.
fn folded_chars_up_to(text: &str, cap: usize, buf: &mut String) -> usize {
    let mut end = (cap * 4).min(text.len());
    loop {
        while !text.is_char_boundary(end) {
            end += 1;
        }
        fold_key_into(&text[..end], buf);
        let n = buf.chars().count();
        if n >= cap || end == text.len() {
            return n.min(cap);
        }
        end = (end * 2).min(text.len());
    }
}

/// The text without a short trailing credit: "(Reuters)", "— AP", "Photo: X".
fn strip_credit(text: &str) -> Option<&str> {
    let t = text.trim();
    if t.ends_with(')') {
        if let Some(open) = t.rfind('(') {
            if t[open..].chars().count() <= MAX_CREDIT_CHARS + 2 {
                return Some(t[..open].trim_end());
            }
        }
    }
    for sep in [" — ", " – ", " - ", " | "] {
        // NOTE: a separator followed by at most MAX_CREDIT_CHARS characters stands within
        // the last `sep.len() + 4 * MAX_CREDIT_CHARS` bytes (a character takes at most four),
        // so the search looks there only; an earlier last separator fails the length test
        // anyway.
        let mut from = t.len().saturating_sub(sep.len() + 4 * MAX_CREDIT_CHARS);
        while !t.is_char_boundary(from) {
            from -= 1;
        }
        if let Some(i) = t[from..].rfind(sep).map(|i| from + i) {
            if t[i + sep.len()..].chars().count() <= MAX_CREDIT_CHARS
                && !t[i + sep.len()..].contains(". ")
            {
                return Some(t[..i].trim_end());
            }
        }
    }
    None
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::dom::html::parse;

    fn dups(html: &str) -> usize {
        let doc = parse(html);
        let mut page = Page::new(&doc, None);
        let body = doc.body().unwrap();
        dedup(&mut page, &[body]);
        page.removed_roots().len()
    }

    const OTHERS: &str = "<p>Dock workers said the night shift would need four more drivers to keep pace with the crane.</p><p>The first ship to use the new berth is due in March, carrying timber and steel from the Baltic.</p>";
    const LONG: &str = "The harbour authority said the new crane would double the number of containers handled each night.";

    #[test]
    fn exact_and_near_exact_repeats_go() {
        assert_eq!(
            dups(&format!(
                "<body><p>{l}</p>{o}<p>{l}</p></body>",
                l = LONG,
                o = OTHERS
            )),
            1
        );
        let curly = LONG
            .replace("The", "“The")
            .replace("night.", "night,” he said.");
        let straight = LONG
            .replace("The", "\"The")
            .replace("night.", "night,\"  he\n said");
        assert_eq!(
            dups(&format!(
                "<body><p>{}</p>{}<p>{}</p></body>",
                curly, OTHERS, straight
            )),
            1
        );
        assert_eq!(
            dups(&format!(
                "<body>{o}<p>{l}</p><p>{l} (Reuters)</p></body>",
                l = LONG,
                o = OTHERS
            )),
            1
        );
    }

    #[test]
    fn deliberate_repeats_stay() {
        // Too little text to judge.
        assert_eq!(
            dups(&format!("<body><p>{l}</p><p>{l}</p></body>", l = LONG)),
            0
        );
        // A recap under another heading.
        assert_eq!(
            dups(&format!(
                "<body><p>{l}</p>{o}<h2>Recap</h2><p>{l}</p></body>",
                l = LONG,
                o = OTHERS
            )),
            0
        );
        // A pull quote.
        assert_eq!(
            dups(&format!(
                "<body><p>{l}</p>{o}<blockquote><p>{l}</p></blockquote></body>",
                l = LONG,
                o = OTHERS
            )),
            0
        );
    }

    #[test]
    fn legitimate_short_repeats_stay() {
        assert_eq!(dups("<body><p>Did you know?</p><p>Yes.</p><p>Were you there?</p><p>Yes.</p><p>Thank you.</p><p>Thank you.</p></body>"), 0);
        let refrain = "And still the river runs, and still the river runs,<br>and still the river runs to sea.<br>";
        assert_eq!(
            dups(&format!(
                "<body><p>{r}</p><p>Other verse here<br>more</p><p>{r}</p></body>",
                r = refrain
            )),
            0
        );
        assert_eq!(
            dups(&format!(
                "<body><div class=poem><p>{l}</p><p>{l}</p></div></body>",
                l = LONG
            )),
            0
        );
        assert_eq!(
            dups(&format!(
                "<body><ul><li>{l}</li><li>{l}</li></ul></body>",
                l = LONG
            )),
            0
        );
        // A poem set one line a paragraph, with a long refrain line.
        let line = "And still the river runs beneath the bridge, and still it runs to sea";
        let poem = format!("<body><div><p>{r}</p><p>Grey gulls</p><p>over the weir</p><p>{r}</p><p>The end</p></div></body>", r = line);
        assert_eq!(dups(&poem), 0);
    }

    proptest::proptest! {
        /// The capped count is what counting the whole key gives, capped: texts of words,
        /// punctuation, whitespace runs and characters past ASCII, many prefixes longer than
        /// the first try.
        #[test]
        fn folded_chars_up_to_caps_the_whole_count(
            s in "(?s)(Word|the|-- |\\.\\.\\.|   |\n|é|ÉCOLE|İ|中文|“|”|,|[a-z]{1,9}| ){0,80}",
            cap in 1usize..80,
        ) {
            let whole = crate::text::fold_key(&s).chars().count();
            let mut buf = String::new();
            proptest::prop_assert_eq!(folded_chars_up_to(&s, cap, &mut buf), whole.min(cap));
        }
    }
}
