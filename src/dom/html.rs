//! Native builder: parses an HTML string with html5ever straight into the arena.
//!
//! html5ever's tree builder drives a `TreeSink`; ours writes into a [`Document`]. Comments,
//! doctypes and processing instructions are dropped, template contents go to a detached
//! fragment (as in a live DOM, where they are not children), and adjacent text merges.
//!
//! A declarative shadow tree (`<template shadowrootmode>`) becomes its host's shadow root, as
//! in a browser; a custom element's is then read as the page renders it, the way the live walk
//! reads it (see [`compose_shadow_trees`]).

use super::{Attr, CappedBuilder, Document, Edge, NodeData, NodeId, Ns, MAX_DEPTH};
use html5ever::interface::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{ns, parse_document, Attribute, LocalName, Namespace, ParseOpts, QualName};
use std::borrow::Cow;
use std::cell::{Ref, RefCell};
use std::collections::{HashMap, HashSet};

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
    /// Each declarative shadow root: its host and the fragment holding its tree.
    shadows: RefCell<Vec<(NodeId, NodeId)>>,
    /// The hosts of `shadows`.
    hosts: RefCell<HashSet<NodeId>>,
}

/// Elements a shadow root may be attached to: custom elements (a name with a hyphen) and these.
const SHADOW_HOSTS: &[&str] = &[
    "article",
    "aside",
    "blockquote",
    "body",
    "div",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "main",
    "nav",
    "p",
    "section",
    "span",
];

/// A name a page may give its own elements: a lowercase letter first, a hyphen in it, and not
/// one of the names SVG and MathML took first.
fn is_custom_element_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.contains('-')
        && !matches!(
            name,
            "annotation-xml"
                | "color-profile"
                | "font-face"
                | "font-face-src"
                | "font-face-uri"
                | "font-face-format"
                | "font-face-name"
                | "missing-glyph"
        )
}

/// Puts each custom element's declarative shadow tree in place of its children, as the page
/// renders it: every `<slot>` of the tree shows the host's children assigned to it (an element
/// whose `slot` attribute names the slot; the other children go to the first slot without a
/// name), or its own children when none are; children assigned to no slot are left out. Other
/// hosts (a `<div>` may have one) keep their children, as the live walk reads them.
// NOTE: the slots and assignments of every host are found before any node moves, so hosts
// nested in each other's trees can be composed in any order.
fn compose_shadow_trees(doc: &mut Document, shadows: &[(NodeId, NodeId)]) {
    struct Plan {
        host: NodeId,
        tree: NodeId,
        /// Each slot with the children it shows, and whether it keeps whitespace as written
        /// (inside a `<pre>`, say).
        slots: Vec<(NodeId, Vec<NodeId>, bool)>,
    }
    let mut plans = Vec::new();
    for &(host, tree) in shadows {
        if !doc.tag(host).is_some_and(is_custom_element_name) {
            continue;
        }
        // The host is inside an element that keeps whitespace as written (a <pre>, say).
        let mut host_keeps = false;
        let mut up = doc.parent(host);
        while let Some(p) = up {
            if doc.element(p).is_some_and(super::keeps_whitespace) {
                host_keeps = true;
                break;
            }
            up = doc.parent(p);
        }
        // The slots in tree order, and the first one of each name (light children go there).
        let mut slots = Vec::new();
        let mut first: HashMap<&str, usize> = HashMap::new();
        // Elements that keep whitespace open around the current node of the tree.
        let mut keeping = 0usize;
        for edge in doc.traverse(tree) {
            match edge {
                Edge::Open(n) => {
                    let Some(e) = doc.element(n) else { continue };
                    if doc.is(n, "slot") {
                        first
                            .entry(e.attr("name").unwrap_or(""))
                            .or_insert(slots.len());
                        slots.push((n, Vec::new(), host_keeps || keeping > 0));
                    }
                    if super::keeps_whitespace(e) {
                        keeping += 1;
                    }
                }
                Edge::Close(n) => {
                    if doc.element(n).is_some_and(super::keeps_whitespace) {
                        keeping -= 1;
                    }
                }
            }
        }
        for child in doc.children(host) {
            let wants = doc
                .element(child)
                .map_or("", |e| e.attr("slot").unwrap_or(""));
            if let Some(&i) = first.get(wants) {
                slots[i].1.push(child);
            }
        }
        plans.push(Plan { host, tree, slots });
    }
    for plan in plans {
        while let Some(c) = doc.node(plan.host).first_child {
            doc.detach(c);
        }
        for (slot, shown, keep_ws) in plan.slots {
            if shown.is_empty() {
                continue;
            }
            while let Some(c) = doc.node(slot).first_child {
                doc.detach(c);
            }
            for n in shown {
                // Text merges with the text before it, as the builders merge any; a text of
                // whitespace only is one space first (as collapse_blank_text would have made
                // it, and as the live walk sends it).
                match doc.text(n).map(str::to_string) {
                    Some(t) if !keep_ws && t.bytes().all(super::is_html_space) => {
                        doc.append_text(slot, " ");
                    }
                    Some(t) => {
                        doc.append_text(slot, &t);
                    }
                    None => doc.append(slot, n),
                }
            }
        }
        doc.reparent_children(plan.tree, plan.host);
    }
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

/// `doc` again with the elements nested past [`MAX_DEPTH`] left out as the live builder leaves
/// them (see [`CappedBuilder`]). The source is cut to that depth before parsing
/// (`depth::limit`), but shadow trees composed into each other can nest far deeper (each
/// host's slot adds its own depth), and deep trees would make the passes slow.
fn limit_depth(doc: &Document) -> Document {
    let mut b = CappedBuilder::new();
    let mut it = doc.traverse(doc.root());
    while let Some(edge) = it.next() {
        match edge {
            Edge::Open(n) => {
                if let Some(t) = doc.text(n) {
                    b.text(t);
                } else if let Some(e) = doc.element(n) {
                    b.open(e.name.clone(), e.ns, e.attrs.clone(), e.flags);
                    if b.skipping() {
                        // Left out with its content: its close comes next.
                        it.skip_subtree(n);
                    }
                }
            }
            Edge::Close(n) => {
                if doc.element(n).is_some() {
                    b.close();
                }
            }
        }
    }
    b.finish().0
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
        let shadows = self.shadows.into_inner();
        if !shadows.is_empty() {
            compose_shadow_trees(&mut doc, &shadows);
            if doc.element_depth() > MAX_DEPTH {
                doc = limit_depth(&doc);
            }
        }
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

    fn attach_declarative_shadow(
        &self,
        host: &NodeId,
        template: &NodeId,
        _attrs: &[Attribute],
    ) -> bool {
        let doc = self.doc.borrow();
        let can_host = doc
            .tag(*host)
            .is_some_and(|t| is_custom_element_name(t) || SHADOW_HOSTS.contains(&t));
        // An element takes one shadow root; a second template stays a template.
        if !can_host || self.hosts.borrow().contains(host) {
            return false;
        }
        let Some(&tree) = self.templates.borrow().get(template) else {
            return false;
        };
        self.hosts.borrow_mut().insert(*host);
        self.shadows.borrow_mut().push((*host, tree));
        true
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
    fn a_custom_elements_shadow_tree_is_read_as_rendered() {
        let doc = parse(
            r#"<news-story><template shadowrootmode="closed"><h2>Shadow headline</h2>
            <p><slot name="byline">Fallback byline</slot></p><slot name="empty"><em>Fallback shown</em></slot>
            <p>Shadow paragraph.</p><slot></slot><inner-quote><template shadowrootmode="open"><blockquote><slot></slot></blockquote></template>Quoted light text.</inner-quote></template>
            <span slot="byline">By Ada Ferry</span>Light text one.<span slot="nowhere">Assigned to no slot.</span>Light text two.</news-story>
            <div><template shadowrootmode="open"><p>A div's shadow text.</p></template><p>A div's own text.</p></div>
            <a href="/x"><template shadowrootmode="open"><p>Not a host: an inert template.</p></template>Link text.</a>
            <late-host><template shadowrootmode="open"><p>First tree.</p></template><template shadowrootmode="open"><p>Second tree.</p></template></late-host>"#,
        );
        // All that renders, in the order it renders; what never renders (a slot's fallback
        // where something is assigned, a child assigned to no slot, a <div>'s tree, an <a>'s
        // inert template, a second tree) is not there.
        assert_eq!(
            crate::text::collapse(&doc.text_content(doc.root())),
            "Shadow headline By Ada FerryFallback shown Shadow paragraph. Light text one.Light \
             text two.Quoted light text. A div's own text. Link text. First tree."
        );
        // The slotted texts merged into one node, as a live walk builds it.
        let merged = doc
            .descendants(doc.root())
            .find(|&n| doc.text(n).is_some_and(|t| t.contains("Light text one.")))
            .unwrap();
        assert_eq!(
            doc.text(merged).map(str::trim),
            Some("Light text one.Light text two.")
        );
        assert!(doc.is(doc.parent(merged).unwrap(), "slot"));
    }

    #[test]
    fn template_contents_are_not_children() {
        let doc = parse("<template><p>inside</p></template><p>out</p>");
        assert_eq!(doc.text_content(doc.root()), "out");
    }
}
