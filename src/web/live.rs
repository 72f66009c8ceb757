//! The live-DOM builder: one iterative walk of a browser document into the arena.
//!
//! It records what the native builder records (elements with namespace and attributes in
//! source order, text merged, script and style bodies dropped, comments dropped, template
//! contents left out), so the same page gives the same tree both ways. The view's own root
//! (`#readmode-root`) is skipped.
//!
//! On a rendered page (one with a window) the walk also asks the browser what CSS hides: an
//! element in the body that `checkVisibility()` says has no box, and whose computed `display`
//! is `none`, is flagged hidden, so a section a paywall hides with a stylesheet never reaches
//! the view. Documents without a window (DOMParser: the offscreen path, the demo, the parity
//! test) have no layout, so there only markup-level flags apply, as natively.
//!
//! NOTE: every call into the DOM crosses the wasm/JS boundary, and strings are copied, so the
//! walk asks as little as it can: one `first_child`/`next_sibling` per step, attributes only
//! when `has_attributes`, the namespace only where it can differ from the parent's (the HTML
//! parser leaves HTML only at `<svg>` and `<math>`), and no text at all where it is dropped.

use crate::dom::{flags, Attr, Builder, Document, NodeId, Ns};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// An element seen through the one method web-sys does not bind yet.
    type BoxedElement;
    /// `Element.checkVisibility()`: false when the element has no box (display:none on it or
    /// an ancestor, `display: contents`, content-visibility). Chrome 105+, Firefox 106+.
    #[wasm_bindgen(method, catch, js_name = checkVisibility)]
    fn check_visibility(this: &BoxedElement) -> Result<bool, JsValue>;
}

/// Where a node's children stand for the computed-visibility check.
#[derive(Clone, Copy, PartialEq)]
enum Vis {
    /// Not checked: outside the body, or no layout at all.
    Unchecked,
    /// In the body, with every ancestor rendered: check.
    Shown,
    /// Under an element already flagged hidden: nothing to ask.
    Hidden,
}

/// True when CSS hides `el` (no box, and `display: none`).
fn css_hidden(el: &web_sys::Element, window: &web_sys::Window) -> bool {
    if el
        .unchecked_ref::<BoxedElement>()
        .check_visibility()
        .unwrap_or(true)
    {
        return false;
    }
    // No box can also mean `display: contents`, whose children render: confirm.
    window
        .get_computed_style(el)
        .ok()
        .flatten()
        .and_then(|st| st.get_property_value("display").ok())
        .is_some_and(|d| d == "none")
}

/// The id of the element the reading view lives in; never part of the page read.
pub const VIEW_ROOT_ID: &str = "readmode-root";

const ELEMENT_NODE: u16 = 1;
const TEXT_NODE: u16 = 3;
const CDATA_SECTION_NODE: u16 = 4;

/// Walks `document` into a new arena.
pub fn build(document: &web_sys::Document) -> Document {
    let mut b = Builder::new();
    let root_node: &web_sys::Node = document.as_ref();
    let mut cur = root_node.first_child();
    // A document in a window has layout; one from DOMParser has none.
    let window = document.default_view();
    // (live node, arena parent of its siblings, namespace of and visibility under that parent)
    let mut parents: Vec<(web_sys::Node, NodeId, Ns, Vis)> = Vec::new();
    let mut arena_parent = b.doc.root();
    let mut parent_ns = Ns::Html;
    let mut parent_vis = Vis::Unchecked;
    while let Some(node) = cur {
        match node.node_type() {
            ELEMENT_NODE => {
                let el: &web_sys::Element = node.unchecked_ref();
                let name = el.local_name();
                let ns = if parent_ns == Ns::Html && name != "svg" && name != "math" {
                    Ns::Html
                } else {
                    Ns::from_uri(&el.namespace_uri().unwrap_or_default())
                };
                let attrs = if el.has_attributes() {
                    attributes(el)
                } else {
                    Vec::new()
                };
                let is_view = attrs
                    .iter()
                    .any(|a| a.name == "id" && a.value == VIEW_ROOT_ID);
                if !is_view {
                    let is_body = ns == Ns::Html && name == "body";
                    // noscript is never rendered on a scripted page, yet its fallback image
                    // still names the real picture: it is not a hiding place.
                    let check = parent_vis == Vis::Shown && name != "noscript";
                    let id = b.element(arena_parent, name, ns, attrs);
                    let vis = match &window {
                        Some(w) if check && css_hidden(el, w) => {
                            if let Some(e) = b.doc.element_mut(id) {
                                e.flags |= flags::HIDDEN;
                            }
                            Vis::Hidden
                        }
                        Some(_) if is_body => Vis::Shown,
                        _ => parent_vis,
                    };
                    if let Some(c) = node.first_child() {
                        // NOTE: the node moves onto the stack; a clone would cost a crossing.
                        parents.push((node, arena_parent, parent_ns, parent_vis));
                        arena_parent = id;
                        parent_ns = ns;
                        parent_vis = vis;
                        cur = Some(c);
                        continue;
                    }
                }
            }
            TEXT_NODE | CDATA_SECTION_NODE if b.doc.keeps_text(arena_parent) => {
                if let Some(t) = node.node_value() {
                    b.text(arena_parent, &t);
                }
            }
            _ => {}
        }
        // Next sibling, or climb until an ancestor has one.
        let mut next = node.next_sibling();
        while next.is_none() {
            match parents.pop() {
                Some((p, ap, pns, pvis)) => {
                    arena_parent = ap;
                    parent_ns = pns;
                    parent_vis = pvis;
                    next = p.next_sibling();
                }
                None => break,
            }
        }
        cur = next;
    }
    b.finish()
}

fn attributes(el: &web_sys::Element) -> Vec<Attr> {
    let map = el.attributes();
    let n = map.length();
    let mut out = Vec::with_capacity(n as usize);
    for i in 0..n {
        if let Some(a) = map.item(i) {
            out.push(Attr {
                name: a.name(),
                value: a.value(),
            });
        }
    }
    out
}
