//! Native builder: parses an HTML string with html5ever straight into the arena.
//!
//! html5ever's tree builder drives a `TreeSink`; ours writes into a [`Document`]. Comments,
//! doctypes and processing instructions are dropped, template contents go to a detached
//! fragment (as in a live DOM, where they are not children), and adjacent text merges.

use super::{Attr, Document, NodeData, NodeId, Ns};
use html5ever::interface::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{ns, parse_document, Attribute, LocalName, Namespace, ParseOpts, QualName};
use std::borrow::Cow;
use std::cell::{Ref, RefCell};
use std::collections::HashMap;

/// Parses a whole HTML document.
pub fn parse(html: &str) -> Document {
    let html = super::depth::limit(html);
    let sink = Sink::default();
    parse_document(sink, ParseOpts::default()).one(StrTendril::from(html.as_ref()))
}

/// Parses bytes, replacing invalid UTF-8 (pages on disk are usually UTF-8).
pub fn parse_bytes(bytes: &[u8]) -> Document {
    parse(&String::from_utf8_lossy(bytes))
}

#[derive(Default)]
struct Sink {
    doc: RefCell<Document>,
    /// The qualified name of each element, indexed by node (html5ever asks for it back).
    names: RefCell<Vec<Option<(Namespace, LocalName)>>>,
    templates: RefCell<HashMap<NodeId, NodeId>>,
}

/// An element's name as html5ever asks for it.
#[derive(Debug)]
struct Name<'a>(Ref<'a, (Namespace, LocalName)>);

impl ElemName for Name<'_> {
    fn ns(&self) -> &Namespace {
        &self.0 .0
    }
    fn local_name(&self) -> &LocalName {
        &self.0 .1
    }
}

fn ns_of(ns: &Namespace) -> Ns {
    if *ns == ns!(html) {
        Ns::Html
    } else if *ns == ns!(svg) {
        Ns::Svg
    } else if *ns == ns!(mathml) {
        Ns::MathMl
    } else {
        Ns::Other
    }
}

/// An attribute's name as the DOM spells it (`xlink:href`, `xml:lang`).
fn attr_name(q: &QualName) -> String {
    match &q.prefix {
        Some(p) => format!("{}:{}", p, q.local),
        None => q.local.to_string(),
    }
}

impl Sink {
    fn set_name(&self, id: NodeId, name: Option<(Namespace, LocalName)>) {
        let mut names = self.names.borrow_mut();
        if names.len() <= id.index() {
            names.resize(id.index() + 1, None);
        }
        names[id.index()] = name;
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Document;
    type ElemName<'a> = Name<'a>;

    fn finish(self) -> Document {
        let mut doc = self.doc.into_inner();
        doc.drop_svg_content();
        doc.collapse_blank_text();
        doc
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        self.doc.borrow().root()
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Name<'a> {
        Name(Ref::map(self.names.borrow(), |n| {
            n[target.index()]
                .as_ref()
                .expect("html5ever asked for the name of a non-element")
        }))
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let attrs = attrs
            .into_iter()
            .map(|a| Attr {
                name: attr_name(&a.name),
                value: a.value.to_string(),
            })
            .collect();
        let id =
            self.doc
                .borrow_mut()
                .create_element(name.local.to_string(), ns_of(&name.ns), attrs);
        self.set_name(id, Some((name.ns.clone(), name.local.clone())));
        if flags.template {
            let frag = self.doc.borrow_mut().push(NodeData::Fragment);
            self.templates.borrow_mut().insert(id, frag);
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        // Comments are dropped: a detached, empty fragment stands in for html5ever's handle.
        self.doc.borrow_mut().push(NodeData::Fragment)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.doc.borrow_mut().push(NodeData::Fragment)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let mut doc = self.doc.borrow_mut();
        match child {
            NodeOrText::AppendNode(n) => {
                if matches!(doc.node(n).data, NodeData::Fragment) {
                    return; // a dropped comment or PI
                }
                doc.append(*parent, n)
            }
            NodeOrText::AppendText(t) => {
                doc.append_text(*parent, &t);
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self.doc.borrow().parent(*element).is_some();
        if has_parent {
            self.append_before_sibling(element, child)
        } else {
            self.append(prev_element, child)
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        *self
            .templates
            .borrow()
            .get(target)
            .expect("template contents requested for a non-template")
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let mut doc = self.doc.borrow_mut();
        match new_node {
            NodeOrText::AppendNode(n) => {
                if matches!(doc.node(n).data, NodeData::Fragment) {
                    return;
                }
                doc.insert_before(*sibling, n)
            }
            NodeOrText::AppendText(t) => doc.insert_text_before(*sibling, &t),
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut doc = self.doc.borrow_mut();
        if let Some(el) = doc.element_mut(*target) {
            for a in attrs {
                let name = attr_name(&a.name);
                if el.attr(&name).is_none() {
                    el.attrs.push(Attr {
                        name,
                        value: a.value.to_string(),
                    });
                }
            }
            el.flags = super::style_flags(&el.attrs);
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.doc.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.doc.borrow_mut().reparent_children(*node, *new_parent);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_into_the_arena() {
        let doc = parse("<!doctype html><title>T</title><p class=x>Hello <b>world</b><!-- c --><svg><path d='M0'/></svg>");
        let body = doc.body().unwrap();
        let p = doc.find(body, "p").unwrap();
        assert_eq!(doc.attr(p, "class"), Some("x"));
        assert_eq!(doc.text_content(p), "Hello world");
        assert_eq!(doc.text_content(doc.head().unwrap()), "T");
        // An <svg> keeps its attributes and <title>, not its drawing.
        let doc = parse("<p>a<svg viewBox='0 0 1 1'><title>Share</title><path d='M0'/>x</svg>");
        let dump = doc.dump();
        assert!(dump.contains("<svg:svg viewBox=\"0 0 1 1\">"), "{}", dump);
        assert!(dump.contains("<svg:title>"), "{}", dump);
        assert!(dump.contains("Share"), "{}", dump);
        assert!(!dump.contains("path"), "{}", dump);
        assert!(!dump.contains("\"x\""), "{}", dump);
    }

    #[test]
    fn misnested_and_unclosed_markup_is_repaired() {
        let doc = parse("<p>one<p>two<table><tr><td>cell</table><b><i>x</b>y</i>");
        let body = doc.body().unwrap();
        assert_eq!(doc.find_all(body, "p").count(), 2);
        assert!(doc.text_content(body).contains("cell"));
    }

    #[test]
    fn very_deep_nesting_parses() {
        let html = "<div>".repeat(100_000) + "deep";
        let doc = parse(&html);
        assert!(doc.text_content(doc.root()).contains("deep"));
    }

    #[test]
    fn template_contents_are_not_children() {
        let doc = parse("<template><p>inside</p></template><p>out</p>");
        assert_eq!(doc.text_content(doc.root()), "out");
    }
}
