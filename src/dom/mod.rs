//! The arena `Document`: every node of a page in one `Vec`, linked by index.
//!
//! Two builders fill it: [`html`] parses an HTML string with html5ever (native only), and
//! `crate::web::live` walks a live browser DOM (wasm only). Both go through [`Builder`], so the
//! same page gives the same tree either way (the parity test checks it).
//!
//! Every traversal here is iterative: a 100,000-deep page never touches the call stack.

#[cfg(not(target_arch = "wasm32"))]
pub mod depth;
#[cfg(not(target_arch = "wasm32"))]
pub mod html;
mod style;

pub use style::{flags, style_flags};

use std::fmt::Write as _;

/// Deepest element nesting either builder keeps, as in Chromium's HTML parser: deeper elements
/// are left out and their content lands in the deepest kept one. It keeps every pass linear
/// on hostile pages (a script can nest a live DOM 100,000 deep).
pub const MAX_DEPTH: usize = 512;

/// Elements whose boundaries do not split words when text is gathered.
pub const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
    "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
];

/// Elements whose text never counts (they are not prose).
pub const NO_TEXT: &[&str] = &["script", "style", "noscript", "template", "title"];

/// Index of a node in its [`Document`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct NodeId(u32);

impl NodeId {
    /// The position of the node in the arena; handy for side tables.
    #[inline]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The namespace of an element.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ns {
    Html,
    Svg,
    MathMl,
    Other,
}

impl Ns {
    /// Maps a namespace URI (as the DOM reports it) to a namespace.
    pub fn from_uri(uri: &str) -> Ns {
        match uri {
            "http://www.w3.org/1999/xhtml" | "" => Ns::Html,
            "http://www.w3.org/2000/svg" => Ns::Svg,
            "http://www.w3.org/1998/Math/MathML" => Ns::MathMl,
            _ => Ns::Other,
        }
    }
}

/// One attribute, in source order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attr {
    pub name: String,
    pub value: String,
}

/// An element: its local name (lower case for HTML), namespace, attributes and style flags.
#[derive(Clone, Debug)]
pub struct Element {
    pub name: String,
    pub ns: Ns,
    pub attrs: Vec<Attr>,
    /// Bits from [`flags`]: hidden, fixed, clipped, blurred, as far as the builder could tell.
    pub flags: u8,
}

impl Element {
    /// The value of attribute `name`, if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.value.as_str())
    }
}

/// What a node is.
#[derive(Clone, Debug)]
pub enum NodeData {
    /// The root of the tree.
    Document,
    /// A detached container (template contents); never part of the main tree.
    Fragment,
    Element(Element),
    Text(String),
}

/// A node with its links.
#[derive(Clone, Debug)]
pub struct Node {
    pub parent: Option<NodeId>,
    pub first_child: Option<NodeId>,
    pub last_child: Option<NodeId>,
    pub prev_sibling: Option<NodeId>,
    pub next_sibling: Option<NodeId>,
    pub data: NodeData,
}

/// A whole page as an arena of nodes. Node 0 is the document.
#[derive(Clone, Debug)]
pub struct Document {
    nodes: Vec<Node>,
}

impl Default for Document {
    fn default() -> Self {
        Self::new()
    }
}

impl Document {
    /// An empty document: just the root.
    pub fn new() -> Self {
        Document {
            nodes: vec![Node::new(NodeData::Document)],
        }
    }

    /// The document node.
    #[inline]
    pub fn root(&self) -> NodeId {
        NodeId(0)
    }

    /// How many nodes the arena holds (detached ones included).
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// True when the document has nothing but its root.
    pub fn is_empty(&self) -> bool {
        self.nodes.len() == 1
    }

    #[inline]
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    /// Adds a detached node and returns its id.
    pub fn push(&mut self, data: NodeData) -> NodeId {
        let id = NodeId(self.nodes.len() as u32);
        self.nodes.push(Node::new(data));
        id
    }

    /// Adds a detached element; its style flags are computed from its attributes.
    pub fn create_element(&mut self, name: String, ns: Ns, attrs: Vec<Attr>) -> NodeId {
        let flags = style_flags(&attrs);
        self.push(NodeData::Element(Element {
            name,
            ns,
            attrs,
            flags,
        }))
    }

    /// Mutable access to an element, for builders and passes that annotate it.
    pub fn element_mut(&mut self, id: NodeId) -> Option<&mut Element> {
        match &mut self.nodes[id.index()].data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    /// Appends `child` (detached) as the last child of `parent`.
    pub fn append(&mut self, parent: NodeId, child: NodeId) {
        self.detach(child);
        let last = self.nodes[parent.index()].last_child;
        {
            let c = &mut self.nodes[child.index()];
            c.parent = Some(parent);
            c.prev_sibling = last;
            c.next_sibling = None;
        }
        match last {
            Some(l) => self.nodes[l.index()].next_sibling = Some(child),
            None => self.nodes[parent.index()].first_child = Some(child),
        }
        self.nodes[parent.index()].last_child = Some(child);
    }

    /// True when text under `parent` is kept. Script and style bodies are dropped at build time
    /// (by both builders, so their trees agree): no pass reads them, and on real pages they
    /// are often most of the bytes. JSON-LD scripts are kept: metadata reads them.
    pub fn keeps_text(&self, parent: NodeId) -> bool {
        match &self.nodes[parent.index()].data {
            NodeData::Element(e) if e.ns == Ns::Html => match e.name.as_str() {
                "style" => false,
                "script" => e
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")),
                _ => true,
            },
            _ => true,
        }
    }

    /// Appends text to `parent`, merging with a trailing text node so both builders agree.
    /// Returns whether it merged into a text of whitespace only other than one space: the one
    /// kind of text a merge leaves that [`Document::collapse_blank_text`] would change.
    pub fn append_text(&mut self, parent: NodeId, text: &str) -> bool {
        if text.is_empty() || !self.keeps_text(parent) {
            return false;
        }
        if let Some(last) = self.nodes[parent.index()].last_child {
            if let NodeData::Text(t) = &mut self.nodes[last.index()].data {
                t.push_str(text);
                return t != " " && t.bytes().all(is_html_space);
            }
        }
        let t = self.push(NodeData::Text(text.to_string()));
        self.append(parent, t);
        false
    }

    /// Inserts `child` right before `sibling`, merging text with a text node before it.
    pub fn insert_before(&mut self, sibling: NodeId, child: NodeId) {
        self.detach(child);
        let parent = self.nodes[sibling.index()].parent;
        let prev = self.nodes[sibling.index()].prev_sibling;
        {
            let c = &mut self.nodes[child.index()];
            c.parent = parent;
            c.prev_sibling = prev;
            c.next_sibling = Some(sibling);
        }
        self.nodes[sibling.index()].prev_sibling = Some(child);
        match prev {
            Some(p) => self.nodes[p.index()].next_sibling = Some(child),
            None => {
                if let Some(par) = parent {
                    self.nodes[par.index()].first_child = Some(child)
                }
            }
        }
    }

    /// Inserts text before `sibling`, merging with the text node before it when there is one.
    pub fn insert_text_before(&mut self, sibling: NodeId, text: &str) {
        if self.parent(sibling).is_some_and(|p| !self.keeps_text(p)) {
            return;
        }
        if let Some(prev) = self.nodes[sibling.index()].prev_sibling {
            if let NodeData::Text(t) = &mut self.nodes[prev.index()].data {
                t.push_str(text);
                return;
            }
        }
        let t = self.push(NodeData::Text(text.to_string()));
        self.insert_before(sibling, t);
    }

    /// Unlinks a node (and its subtree) from its parent. The node stays in the arena.
    pub fn detach(&mut self, id: NodeId) {
        let (parent, prev, next) = {
            let n = &self.nodes[id.index()];
            (n.parent, n.prev_sibling, n.next_sibling)
        };
        if let Some(p) = prev {
            self.nodes[p.index()].next_sibling = next;
        } else if let Some(par) = parent {
            self.nodes[par.index()].first_child = next;
        }
        if let Some(n) = next {
            self.nodes[n.index()].prev_sibling = prev;
        } else if let Some(par) = parent {
            self.nodes[par.index()].last_child = prev;
        }
        let n = &mut self.nodes[id.index()];
        n.parent = None;
        n.prev_sibling = None;
        n.next_sibling = None;
    }

    /// The deepest nesting of elements (the document's children are at depth 1).
    pub fn element_depth(&self) -> usize {
        let (mut depth, mut deepest) = (0usize, 0usize);
        for edge in self.traverse(self.root()) {
            match edge {
                Edge::Open(n) if self.element(n).is_some() => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                Edge::Close(n) if self.element(n).is_some() => depth -= 1,
                _ => {}
            }
        }
        deepest
    }

    /// Moves every child of `from` to the end of `to`, in order.
    pub fn reparent_children(&mut self, from: NodeId, to: NodeId) {
        while let Some(c) = self.nodes[from.index()].first_child {
            self.append(to, c);
        }
    }

    /// The element data of `id`, if it is an element.
    #[inline]
    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.nodes[id.index()].data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The local name of an HTML element (`None` for other nodes and foreign elements).
    #[inline]
    pub fn tag(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id.index()].data {
            NodeData::Element(e) if e.ns == Ns::Html => Some(e.name.as_str()),
            _ => None,
        }
    }

    /// True when `id` is an HTML element named `name`.
    #[inline]
    pub fn is(&self, id: NodeId, name: &str) -> bool {
        self.tag(id) == Some(name)
    }

    /// An attribute of an element.
    #[inline]
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        self.element(id).and_then(|e| e.attr(name))
    }

    /// The text of a text node.
    #[inline]
    pub fn text(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id.index()].data {
            NodeData::Text(t) => Some(t.as_str()),
            _ => None,
        }
    }

    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.nodes[id.index()].parent
    }

    /// The children of `id`, in order.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            doc: self,
            next: self.nodes[id.index()].first_child,
        }
    }

    /// The element children of `id`, in order.
    pub fn element_children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.children(id)
            .filter(move |&c| self.element(c).is_some())
    }

    /// `id` and everything under it, in document order (pre-order), without recursion.
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        Descendants {
            doc: self,
            root: id,
            next: Some(id),
        }
    }

    /// Open and close events over the subtree of `id`, in document order, without recursion.
    pub fn traverse(&self, id: NodeId) -> Traverse<'_> {
        Traverse {
            doc: self,
            root: id,
            next: Some(Edge::Open(id)),
        }
    }

    /// The ancestors of `id`, nearest first (not including `id`).
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.parent(id), move |&n| self.parent(n))
    }

    /// True when `anc` is `id` or one of its ancestors.
    pub fn is_inclusive_ancestor(&self, anc: NodeId, id: NodeId) -> bool {
        anc == id || self.ancestors(id).any(|a| a == anc)
    }

    /// The first HTML element named `name` in the subtree of `id`.
    pub fn find(&self, id: NodeId, name: &str) -> Option<NodeId> {
        self.descendants(id).find(|&n| self.is(n, name))
    }

    /// Every HTML element named `name` in the subtree of `id`.
    pub fn find_all<'a>(&'a self, id: NodeId, name: &'a str) -> impl Iterator<Item = NodeId> + 'a {
        self.descendants(id).filter(move |&n| self.is(n, name))
    }

    /// The `<html>` element.
    pub fn document_element(&self) -> Option<NodeId> {
        self.element_children(self.root()).next()
    }

    /// The `<head>` element.
    pub fn head(&self) -> Option<NodeId> {
        let html = self.document_element()?;
        self.element_children(html).find(|&c| self.is(c, "head"))
    }

    /// The `<body>` element.
    pub fn body(&self) -> Option<NodeId> {
        let html = self.document_element()?;
        self.element_children(html).find(|&c| self.is(c, "body"))
    }

    /// All text under `id`, concatenated as it stands in the source.
    pub fn text_content(&self, id: NodeId) -> String {
        let mut s = String::new();
        for n in self.descendants(id) {
            if let Some(t) = self.text(n) {
                s.push_str(t);
            }
        }
        s
    }

    /// A deterministic dump of the tree under the root, one node a line, for parity tests.
    /// Element: `<ns:name attr="v"…>` with flags; text: its content with escapes.
    pub fn dump(&self) -> String {
        let mut out = String::new();
        let mut depth = 0usize;
        for edge in self.traverse(self.root()) {
            match edge {
                Edge::Open(id) => {
                    let node = self.node(id);
                    for _ in 0..depth {
                        out.push_str("  ");
                    }
                    match &node.data {
                        NodeData::Document => out.push_str("#document"),
                        NodeData::Fragment => out.push_str("#fragment"),
                        NodeData::Text(t) => {
                            let _ = write!(out, "{:?}", t);
                        }
                        NodeData::Element(e) => {
                            let ns = match e.ns {
                                Ns::Html => "",
                                Ns::Svg => "svg:",
                                Ns::MathMl => "math:",
                                Ns::Other => "other:",
                            };
                            let _ = write!(out, "<{}{}", ns, e.name);
                            for a in &e.attrs {
                                let _ = write!(out, " {}={:?}", a.name, a.value);
                            }
                            let _ = write!(out, "> flags={}", e.flags);
                        }
                    }
                    out.push('\n');
                    depth += 1;
                }
                Edge::Close(_) => depth -= 1,
            }
        }
        out
    }
}

impl Node {
    fn new(data: NodeData) -> Self {
        Node {
            parent: None,
            first_child: None,
            last_child: None,
            prev_sibling: None,
            next_sibling: None,
            data,
        }
    }
}

/// Iterator over a node's children.
pub struct Children<'a> {
    doc: &'a Document,
    next: Option<NodeId>,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let cur = self.next?;
        self.next = self.doc.node(cur).next_sibling;
        Some(cur)
    }
}

impl Document {
    /// Leaves out what `<svg>` elements hold but their `<title>` children (the picture's
    /// accessible name, often an icon button's only label): every pass treats an SVG picture
    /// as one opaque thing, and its paths' geometry is often most of a page's attribute bytes.
    /// Both builders do it (see `walk.js`).
    pub fn drop_svg_content(&mut self) {
        let svg_named = |doc: &Document, n: NodeId, name: &str| {
            doc.element(n)
                .is_some_and(|e| e.ns == Ns::Svg && e.name == name)
        };
        // NOTE: every `<svg>`, nested ones too: one inside a kept `<title>` is emptied as well,
        // as the live walk does.
        let svgs: Vec<NodeId> = self
            .descendants(self.root())
            .filter(|&n| svg_named(self, n, "svg"))
            .collect();
        for svg in svgs {
            let mut c = self.node(svg).first_child;
            while let Some(n) = c {
                c = self.node(n).next_sibling;
                if !svg_named(self, n, "title") {
                    self.detach(n);
                }
            }
        }
    }
}

/// True for the HTML whitespace a browser collapses outside `<pre>`: space, tab, line feed,
/// form feed, carriage return.
pub fn is_html_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r')
}

/// Elements whose whitespace renders as written.
fn keeps_whitespace(e: &Element) -> bool {
    e.ns == Ns::Html
        && matches!(
            e.name.as_str(),
            "pre" | "textarea" | "listing" | "plaintext" | "xmp"
        )
}

impl Document {
    /// Turns every text node made of whitespace only into one space, but inside `<pre>` (and
    /// the other elements that keep whitespace): what a browser renders of it, since a run of
    /// whitespace shows as one space. Page sources indent their markup, and those text nodes
    /// were more of a page's text bytes than its words (measured on Mozilla's test pages).
    /// Both builders do it (see `walk.js`).
    pub fn collapse_blank_text(&mut self) {
        let root = self.root();
        // Open elements that keep whitespace, on the way down.
        let mut keeping = 0usize;
        let mut blank = Vec::new();
        for edge in self.traverse(root) {
            match edge {
                Edge::Open(n) => match &self.node(n).data {
                    NodeData::Element(e) if keeps_whitespace(e) => keeping += 1,
                    NodeData::Text(t)
                        if keeping == 0
                            && !t.is_empty()
                            && t != " "
                            && t.bytes().all(is_html_space) =>
                    {
                        blank.push(n)
                    }
                    _ => {}
                },
                Edge::Close(n) => {
                    if self.element(n).is_some_and(keeps_whitespace) {
                        keeping -= 1;
                    }
                }
            }
        }
        for n in blank {
            if let NodeData::Text(t) = &mut self.nodes[n.index()].data {
                t.clear();
                t.push(' ');
            }
        }
    }
}

/// Pre-order iterator over a subtree.
pub struct Descendants<'a> {
    doc: &'a Document,
    root: NodeId,
    next: Option<NodeId>,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let cur = self.next?;
        self.next = next_in_preorder(self.doc, self.root, cur, true);
        Some(cur)
    }
}

impl Descendants<'_> {
    /// Skips the subtree of the node last returned (call right after `next` gave it).
    pub fn skip_subtree(&mut self, of: NodeId) {
        self.next = next_in_preorder(self.doc, self.root, of, false);
    }
}

fn next_in_preorder(doc: &Document, root: NodeId, cur: NodeId, enter: bool) -> Option<NodeId> {
    if enter {
        if let Some(c) = doc.node(cur).first_child {
            return Some(c);
        }
    }
    let mut n = cur;
    loop {
        if n == root {
            return None;
        }
        if let Some(s) = doc.node(n).next_sibling {
            return Some(s);
        }
        n = doc.node(n).parent?;
    }
}

/// An open or close event of a traversal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    Open(NodeId),
    Close(NodeId),
}

/// Open/close iterator over a subtree.
pub struct Traverse<'a> {
    doc: &'a Document,
    root: NodeId,
    next: Option<Edge>,
}

impl Iterator for Traverse<'_> {
    type Item = Edge;
    fn next(&mut self) -> Option<Edge> {
        let cur = self.next?;
        self.next = match cur {
            Edge::Open(id) => match self.doc.node(id).first_child {
                Some(c) => Some(Edge::Open(c)),
                None => Some(Edge::Close(id)),
            },
            Edge::Close(id) if id == self.root => None,
            Edge::Close(id) => match self.doc.node(id).next_sibling {
                Some(s) => Some(Edge::Open(s)),
                None => self.doc.node(id).parent.map(Edge::Close),
            },
        };
        Some(cur)
    }
}

impl Traverse<'_> {
    /// Skips the inside of the element just opened: the next event is its close.
    pub fn skip_subtree(&mut self, of: NodeId) {
        self.next = Some(Edge::Close(of));
    }
}

/// Builds a [`Document`] one node at a time in document order; shared by both builders so the
/// trees they make are the same. Comments, doctypes and processing instructions are dropped.
pub struct Builder {
    pub doc: Document,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    pub fn new() -> Self {
        Builder {
            doc: Document::new(),
        }
    }

    /// Adds an element under `parent` and returns it.
    pub fn element(&mut self, parent: NodeId, name: String, ns: Ns, attrs: Vec<Attr>) -> NodeId {
        let id = self.doc.create_element(name, ns, attrs);
        self.doc.append(parent, id);
        id
    }

    /// Adds text under `parent` (merged with a preceding text node); returns whether the merge
    /// left a text for [`Document::collapse_blank_text`] (see [`Document::append_text`]).
    pub fn text(&mut self, parent: NodeId, text: &str) -> bool {
        self.doc.append_text(parent, text)
    }

    pub fn finish(self) -> Document {
        self.doc
    }
}

/// A [`Builder`] that keeps no element nested past [`MAX_DEPTH`], as Chromium's parser keeps
/// none: such an element is left out and its content goes to the deepest element kept; one
/// that is hidden (by its own markup, or by the flags its caller gives) is left out with its
/// content, which would otherwise land there without the flag. The live builder fills one from
/// a walked page, which a script can nest far deeper than a parser; the native builder from a
/// tree whose composed shadow trees nest past the cap.
pub struct CappedBuilder {
    b: Builder,
    parent: NodeId,
    /// Per open element: the parent to return to, or None where the element was left out.
    parents: Vec<Option<NodeId>>,
    /// Elements kept around `parent`.
    depth: usize,
    /// Open elements of a subtree left out with its content; 0 outside one.
    skipped: usize,
    /// Whether [`Document::collapse_blank_text`] is due (see [`CappedBuilder::finish`]).
    collapse: bool,
}

impl Default for CappedBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl CappedBuilder {
    pub fn new() -> Self {
        let b = Builder::new();
        let parent = b.doc.root();
        CappedBuilder {
            b,
            parent,
            parents: Vec::new(),
            depth: 0,
            skipped: 0,
            collapse: false,
        }
    }

    /// Inside a subtree left out with its content: what is opened, closed or written is dropped
    /// (so a caller need not build it).
    pub fn skipping(&self) -> bool {
        self.skipped > 0
    }

    /// Opens an element; `flags` adds to those its attributes give.
    pub fn open(&mut self, name: String, ns: Ns, attrs: Vec<Attr>, flags: u8) {
        if self.skipped > 0 {
            self.skipped += 1;
            return;
        }
        if self.depth >= MAX_DEPTH {
            self.collapse = true;
            if (flags | style_flags(&attrs)) & flags::HIDDEN != 0 {
                self.skipped = 1;
            } else {
                self.parents.push(None);
            }
            return;
        }
        let id = self.b.element(self.parent, name, ns, attrs);
        if let Some(e) = self.b.doc.element_mut(id) {
            e.flags |= flags;
        }
        self.parents.push(Some(self.parent));
        self.parent = id;
        self.depth += 1;
    }

    /// Closes the element opened last.
    pub fn close(&mut self) {
        if self.skipped > 0 {
            self.skipped -= 1;
        } else if let Some(Some(p)) = self.parents.pop() {
            self.parent = p;
            self.depth -= 1;
        }
    }

    /// Adds text to the open element (merged as [`Builder::text`] merges it).
    pub fn text(&mut self, text: &str) {
        if self.skipped == 0 {
            self.collapse |= self.b.text(self.parent, text);
        }
    }

    /// The tree, and whether [`Document::collapse_blank_text`] would change it: where a merge
    /// left a text of whitespace only, or elements past the cap were left out (a `<pre>` among
    /// them puts its whitespace in a parent that does not keep it).
    pub fn finish(self) -> (Document, bool) {
        (self.b.finish(), self.collapse)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_chain_traverses_without_recursion() {
        let mut b = Builder::new();
        let mut parent = b.doc.root();
        for _ in 0..200_000 {
            parent = b.element(parent, "div".into(), Ns::Html, vec![]);
        }
        b.text(parent, "deep");
        let doc = b.finish();
        assert_eq!(doc.descendants(doc.root()).count(), 200_002);
        assert_eq!(doc.traverse(doc.root()).count(), 2 * 200_002);
        assert_eq!(doc.text_content(doc.root()), "deep");
    }

    #[test]
    fn detach_and_insert_keep_links_consistent() {
        let mut b = Builder::new();
        let root = b.doc.root();
        let a = b.element(root, "a".into(), Ns::Html, vec![]);
        let c = b.element(root, "c".into(), Ns::Html, vec![]);
        let bb = b.doc.create_element("b".into(), Ns::Html, vec![]);
        b.doc.insert_before(c, bb);
        let names: Vec<_> = b
            .doc
            .children(root)
            .map(|n| b.doc.tag(n).unwrap().to_string())
            .collect();
        assert_eq!(names, ["a", "b", "c"]);
        b.doc.detach(a);
        b.doc.detach(c);
        let names: Vec<_> = b
            .doc
            .children(root)
            .map(|n| b.doc.tag(n).unwrap().to_string())
            .collect();
        assert_eq!(names, ["b"]);
        assert_eq!(b.doc.node(root).first_child, b.doc.node(root).last_child);
    }
}
