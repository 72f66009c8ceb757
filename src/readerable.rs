//! A cheap "is there an article here?" check, for a toolbar badge: no scoring, no building.
//!
//! ```text
//!  body ─► walk once, skipping hidden, non-text and chrome-classed subtrees
//!       ─► each paragraph-like block: its unlinked prose length
//!       ─► blocks of at least MIN_BLOCK_CHARS add √(length − MIN_BLOCK_CHARS)
//!       ─► readerable as soon as the sum reaches MIN_SCORE
//! ```
//!
//! NOTE: the square root rewards several real paragraphs over one long blob (a cookie notice,
//! a legal footer), and the early exit keeps the cost on article pages to the first screens.

use crate::dom::{flags, Document, NodeData, NodeId, Ns};

/// A block shorter than this (in characters, links left out) adds nothing.
pub const MIN_BLOCK_CHARS: usize = 140;

/// The page is readerable once the blocks' score reaches this.
pub const MIN_SCORE: f64 = 20.0;

/// Elements whose text counts as one block.
const BLOCKS: &[&str] = &["p", "pre", "blockquote", "article", "td", "li", "dd"];

/// Elements never looked into.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "head", "nav", "footer", "aside", "form", "button",
    "select", "textarea", "svg", "iframe", "dialog", "header",
];

/// Class/id fragments of chrome (checked lower-cased, as substrings).
const CHROME: &[&str] = &[
    "comment",
    "footer",
    "sidebar",
    "menu",
    "cookie",
    "consent",
    "related",
    "sponsor",
    "banner",
    "popup",
    "modal",
    "disqus",
    "breadcrumb",
    "pagination",
];

/// Class/id fragments that keep a block even when it also looks like chrome.
const RESCUE: &[&str] = &[
    "article", "content", "main", "body", "story", "post", "entry",
];

/// True when the page probably holds an article that `read` would find.
pub fn is_readerable(doc: &Document) -> bool {
    let Some(body) = doc.body() else {
        return false;
    };
    let mut score = 0.0;
    let mut it = doc.descendants(body);
    while let Some(id) = it.next() {
        let Some(el) = doc.element(id) else {
            continue;
        };
        if id != body && skipped(doc, id) {
            it.skip_subtree(id);
            continue;
        }
        if el.ns != Ns::Html || !BLOCKS.contains(&el.name.as_str()) {
            continue;
        }
        let len = prose_len(doc, id);
        it.skip_subtree(id);
        if len >= MIN_BLOCK_CHARS {
            score += ((len - MIN_BLOCK_CHARS) as f64).sqrt();
            if score >= MIN_SCORE {
                return true;
            }
        }
    }
    false
}

fn skipped(doc: &Document, id: NodeId) -> bool {
    let Some(el) = doc.element(id) else {
        return false;
    };
    if el.flags & (flags::HIDDEN | flags::ARIA_HIDDEN) != 0 {
        return true;
    }
    if el.ns == Ns::Html && SKIP.contains(&el.name.as_str()) {
        return true;
    }
    let class = el.attr("class").unwrap_or("");
    let id_attr = el.attr("id").unwrap_or("");
    if class.is_empty() && id_attr.is_empty() {
        return false;
    }
    let ci = format!("{} {}", class, id_attr).to_ascii_lowercase();
    CHROME.iter().any(|c| ci.contains(c)) && !RESCUE.iter().any(|r| ci.contains(r))
}

/// Characters of text in the block outside links and skipped subtrees, whitespace collapsed.
fn prose_len(doc: &Document, block: NodeId) -> usize {
    let mut len = 0usize;
    let mut it = doc.descendants(block);
    while let Some(id) = it.next() {
        match &doc.node(id).data {
            NodeData::Text(t) => {
                len += t
                    .split_whitespace()
                    .map(|w| w.chars().count() + 1)
                    .sum::<usize>();
            }
            NodeData::Element(el) if id != block && (el.name == "a" || skipped(doc, id)) => {
                it.skip_subtree(id);
            }
            _ => {}
        }
    }
    len
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::dom::html::parse;

    fn para(n: usize) -> String {
        format!(
            "<p>{}</p>",
            "Words that read like prose, with commas, and a full stop. ".repeat(n)
        )
    }

    #[test]
    fn an_article_is_readerable() {
        let html = format!(
            "<body><nav><a href=/>Home</a></nav><article>{}</article></body>",
            para(6).repeat(5)
        );
        assert!(is_readerable(&parse(&html)));
    }

    #[test]
    fn links_hidden_text_and_chrome_are_not() {
        let links = "<p><a href=/x>A long link text that goes on and on and on and on and on and on and on and on and on and on and on and on and on and on</a></p>".repeat(30);
        assert!(!is_readerable(&parse(&format!("<body>{}</body>", links))));
        let hidden = format!("<body><div hidden>{}</div></body>", para(6).repeat(5));
        assert!(!is_readerable(&parse(&hidden)));
        let chrome = format!(
            "<body><div class=comments>{}</div></body>",
            para(6).repeat(5)
        );
        assert!(!is_readerable(&parse(&chrome)));
        assert!(!is_readerable(&parse("")));
    }
}
