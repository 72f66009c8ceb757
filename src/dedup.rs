//! Pass 4, dedup: paragraphs the page repeats, exact or near-exact, keep their first copy.

use crate::article::RemovalKind;
use crate::dom::NodeId;
use crate::page::Page;
use crate::text::fold_key;
use std::collections::HashSet;

/// Paragraphs shorter than this (in folded characters) may repeat legitimately ("Yes.").
pub const MIN_DUP_CHARS: usize = 60;

/// Marks repeated paragraphs under `roots` as duplicates.
pub fn dedup(page: &mut Page, roots: &[NodeId]) {
    let doc = page.doc;
    let mut seen: HashSet<String> = HashSet::new();
    let mut dups = Vec::new();
    for &r in roots {
        for id in doc.descendants(r) {
            if !doc.is(id, "p") || page.is_removed(id) {
                continue;
            }
            let key = fold_key(&doc.text_content(id));
            if key.chars().count() < MIN_DUP_CHARS {
                continue;
            }
            if !seen.insert(key) {
                dups.push(id);
            }
        }
    }
    for id in dups {
        page.remove(id, RemovalKind::Duplicate, "repeats an earlier paragraph");
    }
}
