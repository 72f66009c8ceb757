//! The live-DOM builder: one iterative walk of a browser document into the arena.
//!
//! It records what the native builder records (elements with namespace and attributes in
//! source order, text merged, script and style bodies dropped, comments dropped, template
//! contents left out), so the same page gives the same tree both ways. The view's own root
//! (`#readmode-root`) is skipped.
//!
//! NOTE: every call into the DOM crosses the wasm/JS boundary, and strings are copied, so the
//! walk asks as little as it can: one `first_child`/`next_sibling` per step, attributes only
//! when `has_attributes`, the namespace only where it can differ from the parent's (the HTML
//! parser leaves HTML only at `<svg>` and `<math>`), and no text at all where it is dropped.

use crate::dom::{Attr, Builder, Document, NodeId, Ns};
use wasm_bindgen::JsCast;

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
    // (live node, arena parent of its siblings, namespace of its siblings' parent)
    let mut parents: Vec<(web_sys::Node, NodeId, Ns)> = Vec::new();
    let mut arena_parent = b.doc.root();
    let mut parent_ns = Ns::Html;
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
                    let id = b.element(arena_parent, name, ns, attrs);
                    if let Some(c) = node.first_child() {
                        // NOTE: the node moves onto the stack; a clone would cost a crossing.
                        parents.push((node, arena_parent, parent_ns));
                        arena_parent = id;
                        parent_ns = ns;
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
                Some((p, ap, pns)) => {
                    arena_parent = ap;
                    parent_ns = pns;
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
