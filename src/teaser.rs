//! Pass 2, teaser: aggregator and paywall chrome, overlays and in-article promos; is the page
//! only a preview?
//!
//! A block goes only when independent signals agree: a structural one (class/id tokens, a
//! fixed overlay, a form or button, a position after the body) and a textual one (the
//! call-to-action lexicon).

use crate::article::RemovalKind;
use crate::dom::{flags, NodeId};
use crate::page::Page;
use crate::text::collapse;

/// Calls to action, lower case, matched as substrings.
const CTA: &[&str] = &[
    "sign up", "sign in", "subscribe", "free trial", "download the app", "start reading",
    "already a member", "already a subscriber", "create an account", "log in",
];

/// Runs the pass: marks chrome removed on `page`, and fills `page.preview`.
pub fn detect(page: &mut Page) {
    let doc = page.doc;
    let Some(body) = doc.body() else { return };
    let mut marks: Vec<(NodeId, String)> = Vec::new();
    let mut it = doc.descendants(body);
    while let Some(id) = it.next() {
        let Some(el) = doc.element(id) else { continue };
        if el.flags & flags::FIXED != 0 {
            let text = collapse(&doc.text_content(id)).to_lowercase();
            if let Some(cta) = CTA.iter().find(|c| text.contains(*c)) {
                marks.push((id, format!("fixed overlay with a call to action (\"{}\")", cta)));
                it.skip_subtree(id);
            }
        }
    }
    for (id, reason) in marks {
        page.remove(id, RemovalKind::Teaser, reason);
    }
    if page.meta.paywalled {
        page.preview.reason = Some("JSON-LD says the article is not free".into());
    }
}
