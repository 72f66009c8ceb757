//! The state the passes share: the document, and what each pass decided about its nodes.
//!
//! Passes never import each other; they read and write a `Page`.

use crate::article::RemovalKind;
use crate::dom::{Document, NodeId};

/// A judgement on a node: it goes, for this kind and reason.
#[derive(Clone, Debug)]
pub struct Verdict {
    pub kind: RemovalKind,
    pub reason: String,
}

/// Metadata found by the metadata pass.
#[derive(Clone, Debug, Default)]
pub struct Meta {
    pub title: String,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    pub published_time: Option<String>,
    pub lang: Option<String>,
    pub dir: Option<String>,
    pub excerpt: Option<String>,
    pub canonical: Option<String>,
    /// The aggregator's own name when the page's site differs from the source publication.
    pub aggregator: Option<String>,
    /// `isAccessibleForFree: false` in JSON-LD.
    pub paywalled: bool,
    /// Nodes that carry the byline or title, which the body should not repeat; sorted.
    pub byline_nodes: Vec<NodeId>,
}

/// What the teaser pass found about the page as a whole.
#[derive(Clone, Debug, Default)]
pub struct Preview {
    pub is_preview: bool,
    pub source_url: Option<String>,
    /// The publication the link-out names ("Read the full story at X").
    pub source_name: Option<String>,
    pub reason: Option<String>,
}

/// An image and the caption found for it by the captions pass: `figure` (the image's wrapper,
/// or the image itself) becomes a `<figure>`, and the text of `parts` its `<figcaption>`.
#[derive(Clone, Debug)]
pub struct Caption {
    pub figure: NodeId,
    /// The caption and any separate credit, in document order.
    pub parts: Vec<NodeId>,
}

/// The shared state of one `read`.
pub struct Page<'a> {
    pub doc: &'a Document,
    /// The page URL, for resolving relative references.
    pub base_url: Option<String>,
    /// Nodes removed by a pass (the subtree goes), indexed by node.
    // NOTE: boxed, so the table is a pointer a node: it is read for every node by most passes,
    // and few nodes have a verdict.
    verdicts: Vec<Option<Box<Verdict>>>,
    /// How many nodes have a verdict.
    removed: usize,
    /// Nodes the extraction left out of the body (chrome inside it); not reported as removals.
    dropped: Vec<bool>,
    pub meta: Meta,
    pub preview: Preview,
    /// Image captions that arrived outside a `<figcaption>` (filled by the captions pass).
    pub captions: Vec<Caption>,
}

impl<'a> Page<'a> {
    pub fn new(doc: &'a Document, base_url: Option<String>) -> Self {
        let n = doc.len();
        Page {
            doc,
            base_url,
            verdicts: vec![None; n],
            removed: 0,
            dropped: vec![false; n],
            meta: Meta::default(),
            preview: Preview::default(),
            captions: Vec::new(),
        }
    }

    /// Marks `id` (and so its subtree) as removed. The first verdict on a node stands.
    pub fn remove(&mut self, id: NodeId, kind: RemovalKind, reason: impl Into<String>) {
        let slot = &mut self.verdicts[id.index()];
        if slot.is_none() {
            *slot = Some(Box::new(Verdict {
                kind,
                reason: reason.into(),
            }));
            self.removed += 1;
        }
    }

    /// Leaves `id` (and its subtree) out of the body without reporting it as a removal.
    pub fn drop_node(&mut self, id: NodeId) {
        if let Some(d) = self.dropped.get_mut(id.index()) {
            *d = true;
        }
    }

    /// True when the extraction left `id` itself out.
    pub fn is_dropped(&self, id: NodeId) -> bool {
        self.dropped.get(id.index()).copied().unwrap_or(false)
    }

    /// The verdict on `id` itself, if any.
    pub fn verdict(&self, id: NodeId) -> Option<&Verdict> {
        self.verdicts.get(id.index()).and_then(|v| v.as_deref())
    }

    /// True when `id` or an ancestor has been removed.
    pub fn is_removed(&self, id: NodeId) -> bool {
        self.verdict(id).is_some() || self.doc.ancestors(id).any(|a| self.verdict(a).is_some())
    }

    /// Every removed node whose ancestors are kept, in document order.
    pub fn removed_roots(&self) -> Vec<NodeId> {
        let mut out = Vec::new();
        if self.removed == 0 {
            return out;
        }
        let mut it = self.doc.descendants(self.doc.root());
        while let Some(n) = it.next() {
            if self.verdict(n).is_some() {
                out.push(n);
                it.skip_subtree(n);
            }
        }
        out
    }
}
