//! A guard in front of html5ever: caps element nesting before parsing.
//!
//! html5ever's tree builder scans its stack of open elements for many start tags, so a page
//! nested 100,000 deep costs quadratic time. Browsers cap the depth of the tree they build
//! (Chromium at 512, appending deeper elements to the element at the cap); this guard does the
//! same to the markup: start tags past [`MAX_DEPTH`] (and their end tags) are dropped, so their
//! content lands in the deepest kept element. A light tag scan finds them; pages that never go
//! that deep are passed through untouched.
//!
//! A dropped start tag whose own attributes hide it (`hidden`, an inline `display: none`, read
//! with its character references decoded, as a browser reads `display&#58;none`; see
//! [`style_flags`]) goes with all its content: Chromium keeps such an element at the cap with
//! its content inside, hidden, and its text must not land unflagged in the kept element.

use std::borrow::Cow;

use super::style::{flags, style_flags};
use super::Attr;
pub use super::MAX_DEPTH;

/// Elements with no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound", "image",
];

/// Elements whose content is raw text up to their end tag.
const RAW: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Elements a same-named start tag implicitly closes (so `<p>a<p>b` is not nesting).
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "option", "tr", "td", "th", "rt", "rp", "optgroup",
];

/// How far down the open-element stack an end tag looks for its start tag.
const END_TAG_SEARCH: usize = 64;

/// Returns `html` with nesting past [`MAX_DEPTH`] flattened; borrowed when nothing changes.
pub fn limit(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    // (name, kept?)
    let mut stack: Vec<(&str, bool)> = Vec::new();
    let mut kept_depth = 0usize;
    // A dropped element that hides itself: its index in `stack` and where its start tag
    // begins. Everything from there to its end is left out; no other cut is made meanwhile.
    let mut hidden: Option<(usize, usize)> = None;
    let mut out: Option<String> = None;
    let mut copied = 0usize; // bytes of `html` already copied into `out`
    let mut i = 0usize;
    while let Some(off) = memchr_lt(&b[i..]) {
        let start = i + off;
        i = start + 1;
        let rest = &b[start..];
        if rest.starts_with(b"<!--") {
            i = find(b, start + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if rest.len() > 1 && (rest[1] == b'!' || rest[1] == b'?') {
            i = find(b, start, b">").map_or(b.len(), |e| e + 1);
            continue;
        }
        let is_end = rest.len() > 1 && rest[1] == b'/';
        let name_start = start + if is_end { 2 } else { 1 };
        if name_start >= b.len() || !b[name_start].is_ascii_alphabetic() {
            continue;
        }
        let mut name_end = name_start;
        while name_end < b.len()
            && !matches!(
                b[name_end],
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'
            )
        {
            name_end += 1;
        }
        let tag_end = tag_end(b, name_end);
        i = tag_end;
        let name = &html[name_start..name_end];
        if is_end {
            let depth = stack.len();
            let found = stack
                .iter()
                .rev()
                .take(END_TAG_SEARCH)
                .position(|(n, _)| n.eq_ignore_ascii_case(name));
            if let Some(pos) = found {
                let idx = depth - 1 - pos;
                let dropped_end = !stack[idx].1;
                for (_, kept) in stack.drain(idx..) {
                    if kept {
                        kept_depth -= 1;
                    }
                }
                match hidden {
                    // Its own end tag: it goes too.
                    Some((h, from)) if idx == h => {
                        cut(html, &mut out, &mut copied, from, tag_end);
                        hidden = None;
                    }
                    // An ancestor's end tag closes it first.
                    Some((h, from)) if idx < h => {
                        cut(html, &mut out, &mut copied, from, start);
                        hidden = None;
                        if dropped_end {
                            cut(html, &mut out, &mut copied, start, tag_end);
                        }
                    }
                    Some(_) => {}
                    None if dropped_end => cut(html, &mut out, &mut copied, start, tag_end),
                    None => {}
                }
            }
            continue;
        }
        let lname = name.to_ascii_lowercase();
        let self_closed = tag_end >= 2 && b[tag_end - 2] == b'/';
        if RAW.contains(&lname.as_str()) {
            // Skip to the matching end tag: its content is not markup.
            let close = format!("</{}", lname);
            i = find_ci(b, tag_end, close.as_bytes()).unwrap_or(b.len());
            continue;
        }
        if VOID.contains(&lname.as_str()) || self_closed {
            continue;
        }
        if SELF_CLOSING_SIBLINGS.contains(&lname.as_str()) {
            if let Some((top, kept)) = stack.last() {
                if top.eq_ignore_ascii_case(name) {
                    if *kept {
                        kept_depth -= 1;
                    }
                    stack.pop();
                    // `<p hidden>…<p>`: the new one closes the hidden one.
                    if let Some((h, from)) = hidden {
                        if stack.len() == h {
                            cut(html, &mut out, &mut copied, from, start);
                            hidden = None;
                        }
                    }
                }
            }
        }
        let keep = kept_depth < MAX_DEPTH;
        if keep {
            kept_depth += 1;
        } else if hidden.is_none() {
            if hides_itself(&html[name_end..tag_end]) {
                hidden = Some((stack.len(), start));
            } else {
                cut(html, &mut out, &mut copied, start, tag_end);
            }
        }
        stack.push((name, keep));
    }
    if let Some((_, from)) = hidden {
        cut(html, &mut out, &mut copied, from, html.len());
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut s) => {
            s.push_str(&html[copied..]);
            Cow::Owned(s)
        }
    }
}

/// Whether the attributes of a start tag (the text between its name and its end) hide the
/// element, as [`style_flags`] reads them, with character references decoded as a browser
/// decodes them in an attribute (see [`decode_refs`]).
fn hides_itself(tag: &str) -> bool {
    let b = tag.as_bytes();
    let mut attrs = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_whitespace() || b[i] == b'/' || b[i] == b'>' {
            i += 1;
            continue;
        }
        let name_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = &tag[name_start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let (from, to) = match b.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let end = b[i + 1..]
                        .iter()
                        .position(|&c| c == q)
                        .map_or(b.len(), |p| i + 1 + p);
                    (i + 1, end)
                }
                _ => {
                    let end = b[i..]
                        .iter()
                        .position(|&c| c.is_ascii_whitespace() || c == b'>')
                        .map_or(b.len(), |p| i + p);
                    (i, end)
                }
            };
            value = &tag[from..to];
            i = to + 1;
        }
        // NOTE: only the two attributes style_flags reads for HIDDEN are copied.
        if name.eq_ignore_ascii_case("hidden") || name.eq_ignore_ascii_case("style") {
            attrs.push(Attr {
                name: name.to_ascii_lowercase(),
                value: decode_refs(value).into_owned(),
            });
        }
    }
    style_flags(&attrs) & flags::HIDDEN != 0
}

/// `value` with its character references decoded as the HTML tokenizer decodes them in an
/// attribute value: `&#58;` and `&#x3a;` (a semicolon optional; zero, surrogates and values
/// past U+10FFFF give U+FFFD, 0x80 to 0x9F the Windows-1252 characters), and named ones from
/// html5ever's table, where one without its semicolon (`&lt`) counts only if the table knows it
/// so and no `=` follows it. Anything else is left as written. Borrowed when there is no `&`.
fn decode_refs(value: &str) -> Cow<'_, str> {
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
    let b = value.as_bytes();
    let mut out = String::with_capacity(value.len());
    let mut i = 0;
    while let Some(off) = value[i..].find('&') {
        let amp = i + off;
        out.push_str(&value[i..amp]);
        i = amp + 1;
        if b.get(i) == Some(&b'#') {
            let hex = matches!(b.get(i + 1), Some(b'x' | b'X'));
            let start = i + 1 + usize::from(hex);
            let end = start
                + b[start..]
                    .iter()
                    .take_while(|c| {
                        if hex {
                            c.is_ascii_hexdigit()
                        } else {
                            c.is_ascii_digit()
                        }
                    })
                    .count();
            if end == start {
                out.push('&');
                continue;
            }
            let code = u32::from_str_radix(&value[start..end], if hex { 16 } else { 10 }).ok();
            let c = match code {
                Some(c @ 0x80..=0x9f) => {
                    html5ever::data::C1_REPLACEMENTS[(c - 0x80) as usize].or(char::from_u32(c))
                }
                Some(c) if c != 0 => char::from_u32(c),
                _ => None,
            };
            out.push(c.unwrap_or('\u{fffd}'));
            i = if b.get(end) == Some(&b';') {
                end + 1
            } else {
                end
            };
            continue;
        }
        let end = i + b[i..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let name = &value[i..end];
        let semi = b.get(end) == Some(&b';');
        let found = if name.is_empty() {
            None
        } else if semi {
            html5ever::data::NAMED_ENTITIES
                .get(&value[i..=end])
                .map(|&c| (c, end + 1))
        } else if b.get(end) != Some(&b'=') {
            html5ever::data::NAMED_ENTITIES.get(name).map(|&c| (c, end))
        } else {
            None
        };
        match found {
            Some(((first, second), next)) if first != 0 => {
                out.extend(
                    [first, second]
                        .into_iter()
                        .filter(|&c| c != 0)
                        .filter_map(char::from_u32),
                );
                i = next;
            }
            _ => out.push('&'),
        }
    }
    out.push_str(&value[i..]);
    Cow::Owned(out)
}

/// Leaves `html[from..to]` out of the output.
fn cut(html: &str, out: &mut Option<String>, copied: &mut usize, from: usize, to: usize) {
    let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
    o.push_str(&html[*copied..from]);
    *copied = to;
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

fn find(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    if from >= b.len() {
        return None;
    }
    b[from..]
        .windows(pat.len())
        .position(|w| w == pat)
        .map(|p| p + from)
}

fn find_ci(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    if from >= b.len() {
        return None;
    }
    b[from..]
        .windows(pat.len())
        .position(|w| w.eq_ignore_ascii_case(pat))
        .map(|p| p + from)
}

/// The index just past the `>` ending a tag whose name ends at `from` (quotes respected).
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    let mut quote: Option<u8> = None;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            // Quotes only open an attribute value after '='.
            None if (c == b'"' || c == b'\'')
                && b[..i].iter().rev().find(|x| !x.is_ascii_whitespace()) == Some(&b'=') =>
            {
                quote = Some(c)
            }
            None if c == b'>' => return i + 1,
            None => {}
        }
        i += 1;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_pass_through() {
        let html = "<p>a<p>b<div><span>x</span></div><script>if (a<b) {}</script>";
        assert!(matches!(limit(html), Cow::Borrowed(_)));
        let many_p = "<p>x".repeat(5000);
        assert!(matches!(limit(&many_p), Cow::Borrowed(_)));
    }

    #[test]
    fn a_hidden_element_past_the_cap_goes_with_its_content() {
        let html = format!(
            "{}<p hidden>secret <b>words</b></p><div style='color: red; display:none'>styled <i>secret</i></div><p>shown</p><p class=x hidden>implied<p>also shown{}",
            "<div>".repeat(600),
            "</div>".repeat(600)
        );
        let out = limit(&html);
        assert!(!out.contains("secret"), "{}", &out[out.len() - 400..]);
        assert!(!out.contains("implied"));
        assert!(out.contains("shown") && out.contains("also shown"));
        assert_eq!(out.matches("<div").count(), MAX_DEPTH);
        // Unclosed at the end of the page: the rest goes.
        let html = format!("{}<span hidden>never closed", "<div>".repeat(600));
        assert!(!limit(&html).contains("never closed"));
        // Within the cap nothing changes: the builder flags it.
        let html = "<div><p hidden>kept for the builder</p></div>";
        assert!(matches!(limit(html), Cow::Borrowed(_)));
    }

    /// A browser decodes character references in an attribute before CSS reads it, so a style
    /// written with them hides its element all the same; so it does here.
    #[test]
    fn a_style_written_with_character_references_hides_past_the_cap() {
        for style in [
            "display&#58;none",
            "display&#x3A;none",
            "display:&#x6e;one",
            "display&colon;none",
            "&#100;isplay: none",
            "display: none&NewLine;",
            "color: red&semi; display&#0000058; none",
        ] {
            let html = format!(
                "{}<p style=\"{style}\">secret <b>words</b></p><p>shown</p>{}",
                "<div>".repeat(600),
                "</div>".repeat(600)
            );
            let out = limit(&html);
            assert!(
                !out.contains("secret"),
                "{style}: {}",
                &out[out.len() - 200..]
            );
            assert!(out.contains("shown"), "{style}");
        }
        // References that spell no hiding leave the element's content in place.
        for style in [
            "display&#58;block",
            "display&amp;none",
            "display&colonnone",
            "color:&#x;red",
        ] {
            let html = format!("{}<p style=\"{style}\">kept</p>", "<div>".repeat(600));
            assert!(limit(&html).contains("kept"), "{style}");
        }
    }

    #[test]
    fn character_references_decode_as_in_an_attribute() {
        for (raw, decoded) in [
            ("plain", "plain"),
            ("a&#58;b", "a:b"),
            ("a&#x3a;b&#X3A;c", "a:b:c"),
            ("&#0;&#x110000;&#xD800;", "\u{fffd}\u{fffd}\u{fffd}"),
            ("&#128;&#x81;", "\u{20ac}\u{81}"),
            ("&#99999999999999999999;", "\u{fffd}"),
            ("&colon;&amp;&lt", ":&<"),
            ("&amp=x&ampy", "&amp=x&ampy"),
            ("&notin; &notit;", "\u{2209} &notit;"),
            ("&#;&#x;&;&zzz;", "&#;&#x;&;&zzz;"),
            ("tail&", "tail&"),
        ] {
            assert_eq!(decode_refs(raw), decoded, "{raw}");
        }
    }

    #[test]
    fn attributes_that_hide() {
        assert!(hides_itself(" hidden>"));
        assert!(hides_itself(" class=a hidden/>"));
        assert!(hides_itself(" style=\"display: none\">"));
        assert!(hides_itself(" style='x:1;display:none'>"));
        assert!(!hides_itself(" class=\"hidden\">"));
        assert!(!hides_itself(" data-hidden style=\"display: block\">"));
        assert!(!hides_itself(">"));
    }

    #[test]
    fn deep_nesting_is_flattened_at_the_cap() {
        let html = format!("{}deep{}", "<div>".repeat(1000), "</div>".repeat(1000));
        let out = limit(&html);
        assert_eq!(out.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert!(out.contains("deep"));
    }
}
