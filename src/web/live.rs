//! The live-DOM builder: one iterative walk of a browser document into the arena.
//!
//! It records what the native builder records (elements with namespace and attributes in
//! source order, text merged, comments dropped, template contents left out), so the same page
//! gives the same tree both ways. The view's own root (`#readmode-root`) is skipped.

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
    // (live node, arena parent of its children)
    let mut cur = root_node.first_child();
    let mut parents: Vec<(web_sys::Node, NodeId)> = Vec::new();
    let mut arena_parent = b.doc.root();
    while let Some(node) = cur {
        let mut descend = false;
        match node.node_type() {
            ELEMENT_NODE => {
                let el: &web_sys::Element = node.unchecked_ref();
                if el.id() != VIEW_ROOT_ID {
                    let ns = Ns::from_uri(&el.namespace_uri().unwrap_or_default());
                    let attrs = attributes(el);
                    let id = b.element(arena_parent, el.local_name(), ns, attrs);
                    if node.first_child().is_some() {
                        parents.push((node.clone(), arena_parent));
                        arena_parent = id;
                        descend = true;
                    }
                }
            }
            TEXT_NODE | CDATA_SECTION_NODE => {
                if let Some(t) = node.node_value() {
                    b.text(arena_parent, &t);
                }
            }
            _ => {}
        }
        cur = if descend {
            node.first_child()
        } else {
            // Next sibling, or climb until an ancestor has one.
            let mut next = node.next_sibling();
            while next.is_none() {
                match parents.pop() {
                    Some((p, ap)) => {
                        arena_parent = ap;
                        next = p.next_sibling();
                    }
                    None => break,
                }
            }
            next
        };
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
