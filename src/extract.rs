//! Pass 3, extract: finds the article body.
//!
//! Scores paragraph-like blocks by their prose (length, commas), credits their ancestors,
//! weighs candidates by class/id hints and link density, picks the best, and adds siblings that
//! score well or read like prose. When the result is too short it retries with fewer heuristics;
//! when every attempt is short, the page has no article, with a reason.

use crate::dom::{flags, Document, Edge, NodeId};
use crate::page::Page;
use crate::text::commas;

/// The chosen body: these nodes, in document order, make up the article.
#[derive(Clone, Debug)]
pub struct Extraction {
    pub roots: Vec<NodeId>,
    /// Characters of text the roots hold.
    pub text_len: usize,
}

/// Tunables, named so they can be read and changed in one place.
mod tune {
    /// An attempt whose text is shorter than this retries with fewer heuristics.
    pub const CHAR_THRESHOLD: usize = 500;
    /// Below this many characters, even the best attempt is "no article".
    pub const MIN_ARTICLE_CHARS: usize = 140;
    /// A paragraph shorter than this adds nothing to its ancestors' scores.
    pub const MIN_PARAGRAPH_CHARS: usize = 25;
    /// A sibling joins when it scores at least this share of the top candidate…
    pub const SIBLING_SHARE: f64 = 0.2;
    /// …and at least this much.
    pub const SIBLING_MIN: f64 = 10.0;
    /// Class/id hint weight.
    pub const CLASS_WEIGHT: f64 = 25.0;
    /// How many ancestor levels a paragraph credits.
    pub const ANCESTOR_LEVELS: usize = 5;
}

/// Class/id fragments of blocks that are rarely the article (checked as substrings).
const UNLIKELY: &[&str] = &[
    "banner", "breadcrumb", "combx", "comment", "community", "cookie", "consent", "disqus",
    "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies",
    "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
    "ad-break", "agegate", "pagination", "pager", "popup", "tweet", "twitter", "share",
    "newsletter", "signup", "sign-up", "subscribe", "paywall", "promo", "outbrain", "taboola",
    "trending", "recommend", "most-popular", "masthead", "navbar", "toolbar", "widget",
];

/// Class/id fragments that rescue an otherwise unlikely block.
const MAYBE: &[&str] = &["and", "article", "body", "column", "content", "main", "shadow", "story", "entry", "post-"];

/// Class/id fragments that suggest the article.
const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text",
    "blog", "story", "prose", "richtext",
];

/// Class/id fragments that suggest chrome.
const NEGATIVE: &[&str] = &[
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "foot", "footnote",
    "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox",
    "sidebar", "skyscraper", "sponsor", "shopping", "tags", "tool", "widget", "byline",
    "author", "newsletter", "subscribe", "signup", "paywall", "caption-credit", "nav",
];

/// ARIA roles of blocks that are never the article.
const UNLIKELY_ROLES: &[&str] = &["menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog", "banner", "contentinfo", "search"];

/// Elements whose subtrees never count as article text.
const NEVER: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe",
    "form", "button", "input", "select", "textarea", "nav", "object", "embed", "svg", "canvas",
    "dialog", "option", "label",
];

/// Block-level elements: a div containing one of these is a container, not a paragraph.
const BLOCKS: &[&str] = &[
    "address", "article", "aside", "blockquote", "details", "dialog", "dd", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "ul",
];

/// Which heuristics an attempt uses. Each retry drops one.
#[derive(Clone, Copy)]
struct Attempt {
    strip_unlikely: bool,
    weight_classes: bool,
}

const ATTEMPTS: [Attempt; 3] = [
    Attempt { strip_unlikely: true, weight_classes: true },
    Attempt { strip_unlikely: false, weight_classes: true },
    Attempt { strip_unlikely: false, weight_classes: false },
];

/// Finds the article body, or says why there is none.
pub fn extract(page: &Page) -> Result<Extraction, String> {
    let doc = &page.doc;
    let Some(body) = doc.body().or_else(|| doc.document_element()) else {
        return Err("the page has no body".into());
    };
    let mut best: Option<Extraction> = None;
    for attempt in ATTEMPTS {
        let ex = run(page, body, attempt);
        if ex.text_len >= tune::CHAR_THRESHOLD {
            return Ok(ex);
        }
        if best.as_ref().is_none_or(|b| ex.text_len > b.text_len) {
            best = Some(ex);
        }
    }
    match best {
        Some(b) if b.text_len >= tune::MIN_ARTICLE_CHARS => Ok(b),
        Some(b) => Err(format!(
            "no block of prose found: the longest candidate holds {} characters, fewer than {}",
            b.text_len,
            tune::MIN_ARTICLE_CHARS
        )),
        None => Err("the page has no text".into()),
    }
}

/// Lower-cased class and id of an element, joined.
fn class_id(doc: &Document, id: NodeId) -> String {
    let mut s = String::new();
    if let Some(c) = doc.attr(id, "class") {
        s.push_str(c);
    }
    s.push(' ');
    if let Some(i) = doc.attr(id, "id") {
        s.push_str(i);
    }
    s.to_ascii_lowercase()
}

fn matches_any(hay: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| hay.contains(n))
}

/// +/- weight from class and id.
fn class_weight(doc: &Document, id: NodeId) -> f64 {
    let ci = class_id(doc, id);
    let mut w = 0.0;
    if matches_any(&ci, NEGATIVE) {
        w -= tune::CLASS_WEIGHT;
    }
    if matches_any(&ci, POSITIVE) {
        w += tune::CLASS_WEIGHT;
    }
    w
}

/// Whether an element is skipped by this attempt (with its subtree).
fn skipped(page: &Page, id: NodeId, attempt: Attempt) -> bool {
    let doc = &page.doc;
    let Some(el) = doc.element(id) else { return false };
    if page.verdict(id).is_some() || el.flags & flags::HIDDEN != 0 {
        return true;
    }
    if el.ns != crate::dom::Ns::Html {
        return el.name != "math";
    }
    if NEVER.contains(&el.name.as_str()) {
        return true;
    }
    if attempt.strip_unlikely {
        if matches!(el.name.as_str(), "aside" | "footer") {
            return true;
        }
        if el.attr("role").is_some_and(|r| UNLIKELY_ROLES.contains(&r.trim())) {
            return true;
        }
        if !matches!(el.name.as_str(), "body" | "a" | "table" | "tbody" | "tr" | "td" | "th" | "article" | "main") {
            let ci = class_id(doc, id);
            if matches_any(&ci, UNLIKELY) && !matches_any(&ci, MAYBE) {
                return true;
            }
        }
    }
    false
}

/// Per-node sums over what the attempt keeps: text characters and link characters.
struct Lengths {
    text: Vec<u32>,
    link: Vec<u32>,
    skip: Vec<bool>,
}

fn measure(page: &Page, body: NodeId, attempt: Attempt) -> Lengths {
    let doc = &page.doc;
    let n = doc.len();
    let mut l = Lengths {
        text: vec![0; n],
        link: vec![0; n],
        skip: vec![false; n],
    };
    let mut link_depth = 0usize;
    let mut it = doc.traverse(body);
    while let Some(edge) = it.next() {
        match edge {
            Edge::Open(id) => {
                if id != body && skipped(page, id, attempt) {
                    l.skip[id.index()] = true;
                    it.skip_subtree(id);
                    continue;
                }
                if doc.is(id, "a") {
                    link_depth += 1;
                }
                if let Some(t) = doc.text(id) {
                    let len = t.split_whitespace().map(|w| w.chars().count() + 1).sum::<usize>() as u32;
                    l.text[id.index()] = len;
                    if link_depth > 0 {
                        l.link[id.index()] = len;
                    }
                }
            }
            Edge::Close(id) => {
                if l.skip[id.index()] {
                    continue;
                }
                if doc.is(id, "a") {
                    link_depth = link_depth.saturating_sub(1);
                }
                if id != body {
                    if let Some(p) = doc.parent(id) {
                        l.text[p.index()] += l.text[id.index()];
                        l.link[p.index()] += l.link[id.index()];
                    }
                }
            }
        }
    }
    l
}

impl Lengths {
    fn link_density(&self, id: NodeId) -> f64 {
        let t = self.text[id.index()];
        if t == 0 {
            0.0
        } else {
            self.link[id.index()] as f64 / t as f64
        }
    }
}

/// Is this element scored as a paragraph?
fn is_paragraph(doc: &Document, id: NodeId) -> bool {
    match doc.tag(id) {
        Some("p" | "pre" | "td" | "blockquote" | "li" | "dd") => true,
        Some("div" | "section" | "span" | "font" | "article") => {
            // A wrapper of inline content only reads as a paragraph.
            !doc.descendants(id).skip(1).any(|d| doc.tag(d).is_some_and(|t| BLOCKS.contains(&t)))
        }
        _ => false,
    }
}

fn base_score(doc: &Document, id: NodeId) -> f64 {
    match doc.tag(id) {
        Some("div" | "article" | "main") => 5.0,
        Some("section") => 3.0,
        Some("pre" | "td" | "blockquote") => 3.0,
        Some("address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form") => -3.0,
        Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th") => -5.0,
        _ => 0.0,
    }
}

fn run(page: &Page, body: NodeId, attempt: Attempt) -> Extraction {
    let doc = &page.doc;
    let len = measure(page, body, attempt);
    let mut score: Vec<f64> = vec![0.0; doc.len()];
    let mut is_candidate = vec![false; doc.len()];
    let mut candidates: Vec<NodeId> = Vec::new();

    let mut it = doc.descendants(body);
    while let Some(id) = it.next() {
        if len.skip[id.index()] {
            it.skip_subtree(id);
            continue;
        }
        if doc.element(id).is_none() || !is_paragraph(doc, id) {
            continue;
        }
        let chars = len.text[id.index()] as usize;
        if chars < tune::MIN_PARAGRAPH_CHARS {
            continue;
        }
        let text = doc.text_content(id);
        let content = 1.0 + commas(&text) as f64 + (chars as f64 / 100.0).min(3.0);
        let mut level = 0usize;
        let mut cur = Some(id);
        // The paragraph itself is not credited: its container is the candidate.
        while let Some(a) = cur.and_then(|c| doc.parent(c)) {
            if level >= tune::ANCESTOR_LEVELS || doc.element(a).is_none() {
                break;
            }
            if !is_candidate[a.index()] {
                is_candidate[a.index()] = true;
                score[a.index()] = base_score(doc, a)
                    + if attempt.weight_classes { class_weight(doc, a) } else { 0.0 };
                candidates.push(a);
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            score[a.index()] += content / divider;
            level += 1;
            if a == body {
                break;
            }
            cur = Some(a);
        }
        it.skip_subtree(id);
    }

    for &c in &candidates {
        score[c.index()] *= 1.0 - len.link_density(c);
    }
    candidates.sort_by(|a, b| score[b.index()].total_cmp(&score[a.index()]));

    let Some(&first) = candidates.first() else {
        return Extraction {
            roots: vec![body],
            text_len: len.text[body.index()] as usize,
        };
    };
    let mut top = first;
    let top_score = score[top.index()];

    // When several strong candidates share an ancestor, that ancestor holds the article.
    let strong: Vec<NodeId> = candidates
        .iter()
        .skip(1)
        .take(5)
        .copied()
        .filter(|&c| score[c.index()] >= top_score * 0.75)
        .collect();
    if strong.len() >= 2 {
        let mut anc = doc.parent(top);
        while let Some(a) = anc {
            if a == body || doc.element(a).is_none() {
                break;
            }
            let shared = strong.iter().filter(|&&c| doc.is_inclusive_ancestor(a, c)).count();
            if shared >= 2 {
                top = a;
                break;
            }
            anc = doc.parent(a);
        }
    }
    // A lone child of its parent: take the parent, which may hold figures and headings too.
    while let Some(p) = doc.parent(top) {
        if p == body || doc.element(p).is_none() || len.text[p.index()] != len.text[top.index()] {
            break;
        }
        top = p;
    }

    // Siblings that score well, or read like prose, join the top candidate.
    let top_score = score[top.index()].max(top_score);
    let threshold = (top_score * tune::SIBLING_SHARE).max(tune::SIBLING_MIN);
    let mut roots = Vec::new();
    let parent = doc.parent(top);
    let siblings: Vec<NodeId> = match parent {
        Some(p) if top != body => doc.children(p).collect(),
        _ => vec![top],
    };
    let top_class = doc.attr(top, "class").unwrap_or("");
    for s in siblings {
        if s == top {
            roots.push(s);
            continue;
        }
        if doc.element(s).is_none() || len.skip[s.index()] {
            continue;
        }
        let mut bonus = 0.0;
        if !top_class.is_empty() && doc.attr(s, "class") == Some(top_class) {
            bonus += top_score * 0.2;
        }
        let joins = (is_candidate[s.index()] && score[s.index()] + bonus >= threshold) || {
            let chars = len.text[s.index()] as usize;
            let ld = len.link_density(s);
            doc.is(s, "p") && ((chars > 80 && ld < 0.25) || (chars > 0 && ld == 0.0 && ends_sentence(&doc.text_content(s))))
        };
        if joins {
            roots.push(s);
        }
    }
    let text_len = roots.iter().map(|r| len.text[r.index()] as usize).sum();
    Extraction { roots, text_len }
}

fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with('.') || t.ends_with('!') || t.ends_with('?') || t.ends_with('。')
}
