//! Pass 5, clean: turns the chosen body into the Article's allowlisted content tree.
//!
//! Only allowlisted tags and attributes survive; wrappers unwrap; URLs become absolute and
//! dangerous ones go; lazy images get their real source; hidden and removed nodes stay out;
//! loose inline content at block level is gathered into paragraphs. The walk is iterative.

use crate::article::Content;
use crate::dom::{flags, Document, Edge, NodeData, NodeId, Ns};
use crate::page::{Caption, Page};
use crate::text::{is_blank, Collapsed};
use crate::url::{is_dangerous, resolve};

// NOTE: the tag sets are `matches!` rather than slices searched with `contains`: they are
// asked about every element of the body, and a match on the name is a few comparisons where
// a slice search is dozens.

/// Elements kept as they are (with their allowlisted attributes).
fn is_kept(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "code"
            | "em"
            | "strong"
            | "b"
            | "i"
            | "u"
            | "s"
            | "sub"
            | "sup"
            | "small"
            | "mark"
            | "q"
            | "cite"
            | "abbr"
            | "time"
            | "br"
            | "hr"
            | "a"
            | "img"
            | "figure"
            | "figcaption"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "th"
            | "td"
            | "caption"
            | "colgroup"
            | "col"
            | "video"
            | "audio"
            | "source"
            | "iframe"
            | "kbd"
            | "samp"
            | "var"
            | "del"
            | "ins"
            | "details"
            | "summary"
            | "math"
    )
}

/// MathML elements kept inside `<math>`.
fn is_mathml(tag: &str) -> bool {
    matches!(
        tag,
        "math"
            | "mi"
            | "mn"
            | "mo"
            | "ms"
            | "mtext"
            | "mspace"
            | "mrow"
            | "mfrac"
            | "msqrt"
            | "mroot"
            | "msub"
            | "msup"
            | "msubsup"
            | "munder"
            | "mover"
            | "munderover"
            | "mtable"
            | "mtr"
            | "mtd"
            | "mstyle"
            | "mpadded"
            | "mphantom"
            | "menclose"
            | "semantics"
            | "annotation"
            | "mmultiscripts"
            | "mprescripts"
            | "none"
    )
}

/// Elements dropped with everything inside.
fn is_dropped_tag(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "template"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "form"
            | "button"
            | "input"
            | "select"
            | "textarea"
            | "nav"
            | "object"
            | "embed"
            | "canvas"
            | "dialog"
            | "option"
            | "label"
            | "svg"
            | "aside"
            | "footer"
            | "noscript"
            | "frame"
            | "frameset"
            | "applet"
            | "base"
            | "param"
    )
}

/// Inline elements: runs of these (and text) at block level are wrapped in a paragraph.
fn is_inline(tag: &str) -> bool {
    matches!(
        tag,
        "a" | "abbr"
            | "b"
            | "br"
            | "cite"
            | "code"
            | "del"
            | "em"
            | "i"
            | "img"
            | "ins"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "math"
    )
}

/// Hosts whose embeds are kept (video players).
const VIDEO_HOSTS: &[&str] = &[
    "youtube.com",
    "youtube-nocookie.com",
    "youtu.be",
    "player.vimeo.com",
    "vimeo.com",
    "dailymotion.com",
    "player.twitch.tv",
    "archive.org",
    "player.bilibili.com",
    "ted.com",
];

/// Deepest content nesting kept; deeper content is flattened into its ancestor at this depth.
const MAX_DEPTH: usize = 40;

/// Attributes kept per element; URL attributes are resolved and vetted.
fn allowed_attr(tag: &str, attr: &str) -> bool {
    matches!(
        (tag, attr),
        ("a", "href")
            | ("img", "src" | "alt" | "width" | "height" | "srcset")
            | ("td" | "th", "colspan" | "rowspan")
            | ("th", "scope")
            | ("ol", "start" | "reversed" | "type")
            | ("li", "value")
            | ("time", "datetime")
            | ("abbr", "title")
            | ("video", "src" | "poster" | "width" | "height")
            | ("audio", "src")
            | ("source", "src" | "type" | "srcset")
            | ("iframe", "src" | "width" | "height")
            | ("pre" | "code", "lang")
            | ("math", "display")
            | (_, "dir" | "lang")
    ) || (is_mathml(tag)
        && matches!(
            attr,
            "mathvariant"
                | "stretchy"
                | "fence"
                | "separator"
                | "accent"
                | "linethickness"
                | "encoding"
        ))
}

fn is_url_attr(attr: &str) -> bool {
    matches!(attr, "href" | "src" | "poster")
}

/// The attributes lazy loaders keep an image's real source in until they copy it into `src`.
const LAZY_SRC: [&str; 7] = [
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-url",
    "data-hi-res-src",
    "data-full-src",
    "data-lazy",
];

/// The real source of a lazy image: data-src and friends, srcset, or the noscript fallback.
fn image_src(doc: &Document, id: NodeId, base: Option<&str>) -> Option<String> {
    let src = doc.attr(id, "src").map(str::trim).unwrap_or("");
    let placeholder = src.is_empty()
        || src.starts_with("data:")
        || src.contains("placeholder")
        || src.contains("blank.gif")
        || src.contains("spacer");
    // A lazy loader's attribute that names another picture than `src`: `src` is the stand-in
    // shown until the loader runs (a page whose loader ran has copied it into `src`). A URL
    // template ("…/{width}/photo.jpg") is left for the loader to fill in.
    let lazy = LAZY_SRC
        .iter()
        .filter_map(|a| doc.attr(id, a).map(str::trim))
        .find(|v| !v.is_empty() && !v.starts_with("data:") && !v.contains(['{', '}']));
    if let Some(v) = lazy.filter(|&v| v != src) {
        return Some(resolve(base, v));
    }
    if !placeholder {
        return Some(resolve(base, src));
    }
    for a in LAZY_SRC {
        if let Some(v) = doc.attr(id, a).filter(|v| !is_blank(v)) {
            return Some(resolve(base, v));
        }
    }
    for a in ["data-srcset", "srcset", "data-lazy-srcset"] {
        if let Some(best) = doc.attr(id, a).and_then(largest_from_srcset) {
            return Some(resolve(base, &best));
        }
    }
    // A <picture>'s <source srcset>.
    if let Some(p) = doc.parent(id).filter(|&p| doc.is(p, "picture")) {
        for s in doc.element_children(p) {
            if let Some(best) = doc
                .attr(s, "srcset")
                .or(doc.attr(s, "data-srcset"))
                .and_then(largest_from_srcset)
            {
                return Some(resolve(base, &best));
            }
        }
    }
    // The <noscript> right after it carries the real <img>.
    let mut sib = doc.node(id).next_sibling;
    while let Some(s) = sib {
        if doc.text(s).is_some_and(is_blank) {
            sib = doc.node(s).next_sibling;
            continue;
        }
        if doc.is(s, "noscript") {
            if let Some((src, _)) = noscript_img(doc, s) {
                return Some(resolve(base, &src));
            }
        }
        break;
    }
    if src.starts_with("data:image/") && !src.starts_with("data:image/svg") && src.len() > 200 {
        return Some(src.to_string());
    }
    None
}

/// The biggest candidate of a srcset ("a.jpg 320w, b.jpg 1024w").
fn largest_from_srcset(srcset: &str) -> Option<String> {
    let mut best: Option<(f64, &str)> = None;
    for cand in srcset.split(", ").flat_map(|c| c.split(",\n")) {
        let mut parts = cand.split_whitespace();
        let Some(url) = parts.next() else { continue };
        let size = parts
            .next()
            .and_then(|d| d.trim_end_matches(['w', 'x']).parse::<f64>().ok())
            .unwrap_or(1.0);
        if best.is_none_or(|(s, _)| size > s) {
            best = Some((size, url));
        }
    }
    best.map(|(_, u)| u.trim_end_matches(',').to_string())
}

/// The image a `<noscript>` holds, as (src, alt): parsed elements when the page was parsed
/// with scripting off (DOMParser), raw markup text when it was parsed with scripting on
/// (html5ever's default, a live page).
pub fn noscript_img(doc: &Document, noscript: NodeId) -> Option<(String, Option<String>)> {
    if let Some(img) = doc.find(noscript, "img") {
        let src = ["src", "data-src", "data-original"]
            .iter()
            .find_map(|a| doc.attr(img, a).filter(|v| !is_blank(v)))
            .map(String::from)
            .or_else(|| doc.attr(img, "srcset").and_then(largest_from_srcset))?;
        return Some((src, doc.attr(img, "alt").map(String::from)));
    }
    let raw = doc.text_content(noscript);
    let src = noscript_img_src(&raw)?;
    Some((src, noscript_img_attr(&raw, "alt")))
}

/// True when a `<noscript>` is the fallback of the image right before it (so that image already
/// took its source from it).
pub fn is_fallback_of_previous_image(doc: &Document, noscript: NodeId) -> bool {
    let mut sib = doc.node(noscript).prev_sibling;
    while let Some(s) = sib {
        if doc.text(s).is_some_and(is_blank) {
            sib = doc.node(s).prev_sibling;
            continue;
        }
        return doc.is(s, "img") || doc.is(s, "picture");
    }
    false
}

/// The value of attribute `name` of the first `<img>` in raw markup text.
fn noscript_img_attr(raw: &str, name: &str) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    let start = lower.find("<img")?;
    let tag_end = lower[start..].find('>').map(|e| start + e)?;
    let (tag, ltag) = (&raw[start..tag_end], &lower[start..tag_end]);
    let mut from = 0;
    while let Some(i) = ltag[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        if !ltag[..at].ends_with(|c: char| c.is_whitespace()) {
            continue;
        }
        let Some(rest) = tag[at + name.len()..].trim_start().strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let val = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest.split_whitespace().next().unwrap_or(""),
        };
        return Some(crate::metadata::decode_entities(val));
    }
    None
}

/// The `src` of the first `<img>` in a noscript's raw text (a tiny tag scanner, no parser).
pub fn noscript_img_src(raw: &str) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    let start = lower.find("<img")?;
    let tag_end = lower[start..].find('>').map(|e| start + e)?;
    let tag = &raw[start..tag_end];
    let ltag = &lower[start..tag_end];
    let mut from = 0;
    while let Some(i) = ltag[from..].find("src") {
        let at = from + i;
        from = at + 3;
        let before = ltag[..at].chars().last().unwrap_or(' ');
        if !before.is_whitespace() {
            continue;
        }
        let rest = tag[at + 3..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let val = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest.split_whitespace().next().unwrap_or(""),
        };
        if !val.is_empty() {
            return Some(crate::metadata::decode_entities(val));
        }
    }
    None
}

/// True for a link to the site's home page that holds a picture and no words: the site's logo
/// (lwn-1's "LWN.net Logo" in the cell beside its articles). A story's pictures link to
/// themselves or to other pages, never home.
fn is_home_picture(doc: &Document, id: NodeId, base: Option<&str>) -> bool {
    if !doc.is(id, "a") {
        return false;
    }
    let Some(href) = doc
        .attr(id, "href")
        .map(str::trim)
        .filter(|h| !h.is_empty())
    else {
        return false;
    };
    // NOTE: the picture first: most links hold none, and resolving each would cost more.
    if !doc.descendants(id).any(|d| doc.is(d, "img")) || !doc.text_content(id).trim().is_empty() {
        return false;
    }
    let url = resolve(base, href);
    let home = match (crate::url::host(&url), base.and_then(crate::url::host)) {
        (Some(h), Some(b)) => h == b,
        (Some(_), None) => false,
        (None, _) => true,
    };
    home && matches!(crate::url::path(&url).or(Some(href)), Some("" | "/"))
}

/// True for what a page hangs on a heading to work on it, not to read: a wiki's "[edit]"
/// (MediaWiki's `span.mw-editsection`, brackets and all) and a permalink to the heading itself
/// (an in-page link reading "¶", "§", "#" or nothing but an icon: Sphinx, GitHub and many
/// blogs). In a reading view they are stray marks after every heading. A heading's own link
/// to somewhere, or its words, stay. Asked only inside a heading.
fn is_heading_furniture(doc: &Document, id: NodeId) -> bool {
    if doc.is(id, "a") {
        doc.attr(id, "href")
            .is_some_and(|h| h.trim().starts_with('#'))
            && {
                let t = doc.text_content(id);
                let t = t.trim();
                t.chars().count() <= 1 && !t.chars().any(char::is_alphanumeric)
            }
    } else {
        doc.attr(id, "class")
            .is_some_and(|c| c.split_ascii_whitespace().any(|t| t == "mw-editsection"))
    }
}

fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

fn is_video_embed(src: &str) -> bool {
    crate::url::host(src).is_some_and(|h| {
        VIDEO_HOSTS
            .iter()
            .any(|v| h == *v || h.ends_with(&format!(".{}", v)))
    })
}

/// A content element under construction.
struct Open {
    tag: String,
    attrs: Vec<(String, String)>,
    children: Vec<Content>,
    /// The source node whose close ends this element.
    node: Option<NodeId>,
}

/// Appends `t` to `dst` with every run of HTML whitespace (space, tab, line feed, form feed,
/// carriage return) as one space, across the join too: what a browser renders outside `<pre>`.
/// NOTE: page sources indent their markup, and that indentation was most of the bytes of the
/// content handed to the view (measured on the corpus).
fn push_collapsed(dst: &mut String, t: &str) {
    let is_ws = crate::dom::is_html_space;
    let bytes = t.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // A run of other characters, copied whole (whitespace is ASCII: the cuts are on
        // character boundaries).
        let start = i;
        while i < bytes.len() && !is_ws(bytes[i]) {
            i += 1;
        }
        dst.push_str(&t[start..i]);
        // A run of whitespace: one space, none after a space already written.
        if i < bytes.len() {
            while i < bytes.len() && is_ws(bytes[i]) {
                i += 1;
            }
            if !dst.ends_with(' ') {
                dst.push(' ');
            }
        }
    }
}

/// Builds the content tree from `roots`, in order.
pub fn build(page: &Page, roots: &[NodeId]) -> Vec<Content> {
    let doc = &page.doc;
    let base = page.base_url.as_deref();
    let mut stack: Vec<Open> = vec![Open {
        tag: String::new(),
        attrs: vec![],
        children: vec![],
        node: None,
    }];
    let captions = CaptionIndex::new(page);
    // Per node (by index): a table laid out for the page (see `is_layout_table`), whose parts
    // are unwrapped. NOTE: sized at the first such table; a page without one pays nothing.
    let mut layout_tables: Vec<bool> = Vec::new();
    // How many of the open elements are `<math>`, and how many `<pre>`.
    let mut open_math = 0usize;
    let mut open_pre = 0usize;
    // How many of the open elements are headings (see `is_heading_furniture`).
    let mut open_heading = 0usize;
    for &root in roots {
        let mut it = doc.traverse(root);
        while let Some(edge) = it.next() {
            match edge {
                Edge::Open(id) => {
                    match &doc.node(id).data {
                        NodeData::Text(t) => {
                            let children = &mut stack.last_mut().unwrap().children;
                            if !matches!(children.last(), Some(Content::Text(_))) {
                                children.push(Content::Text(String::new()));
                            }
                            if let Some(Content::Text(prev)) = children.last_mut() {
                                if open_pre > 0 {
                                    prev.push_str(t);
                                } else {
                                    push_collapsed(prev, t);
                                }
                            }
                            continue;
                        }
                        NodeData::Element(el) => {
                            if page.verdict(id).is_some()
                                || page.is_dropped(id)
                                || el.flags & flags::HIDDEN != 0
                            {
                                it.skip_subtree(id);
                                continue;
                            }
                            // Captions paired by the captions pass: the image's wrapper becomes
                            // a figure, the caption inside it a figcaption; a caption outside
                            // is written when its figure closes.
                            match caption_role(page, &captions, roots, id) {
                                Some(CaptionRole::Outside) => {
                                    it.skip_subtree(id);
                                    continue;
                                }
                                Some(CaptionRole::Inside) => {
                                    stack.push(Open {
                                        tag: "figcaption".into(),
                                        attrs: vec![],
                                        children: vec![],
                                        node: Some(id),
                                    });
                                    continue;
                                }
                                Some(CaptionRole::Figure) if el.name != "figure" => {
                                    stack.push(Open {
                                        tag: "figure".into(),
                                        attrs: vec![],
                                        children: vec![],
                                        node: Some(id),
                                    });
                                }
                                _ => {}
                            }
                            let name = el.name.as_str();
                            if matches!(name, "a" | "span")
                                && el.ns == Ns::Html
                                && ((open_heading > 0 && is_heading_furniture(doc, id))
                                    || is_home_picture(doc, id, base))
                            {
                                it.skip_subtree(id);
                                continue;
                            }
                            if el.ns == Ns::Html && name == "table" && is_layout_table(doc, id) {
                                layout_tables.resize(doc.len(), false);
                                layout_tables[id.index()] = true;
                            }
                            if el.ns == Ns::Html && in_layout_table(doc, &layout_tables, id, name) {
                                push_break(&mut stack);
                                continue;
                            }
                            let in_math = open_math > 0;
                            let kept = match el.ns {
                                Ns::Html => is_kept(name),
                                Ns::MathMl => is_mathml(name),
                                _ => false,
                            };
                            if name == "noscript" && el.ns == Ns::Html {
                                // A lone noscript image (no lazy image before it) is the
                                // only copy of that picture.
                                if !is_fallback_of_previous_image(doc, id) {
                                    if let Some((src, alt)) = noscript_img(doc, id) {
                                        let src = resolve(base, &src);
                                        if !is_dangerous(&src) {
                                            let mut attrs = vec![("src".to_string(), src)];
                                            if let Some(alt) = alt {
                                                attrs.push(("alt".into(), alt));
                                            }
                                            if let Some(top) = stack.last_mut() {
                                                top.children.push(Content::Element {
                                                    tag: "img".into(),
                                                    attrs,
                                                    children: vec![],
                                                });
                                            }
                                        }
                                    }
                                }
                                it.skip_subtree(id);
                                continue;
                            }
                            if el.ns == Ns::Html && is_dropped_tag(name)
                                || (el.ns == Ns::Svg)
                                || (el.ns == Ns::Other)
                            {
                                it.skip_subtree(id);
                                continue;
                            }
                            if in_math && el.ns != Ns::MathMl {
                                it.skip_subtree(id);
                                continue;
                            }
                            let mut attrs: Vec<(String, String)> = Vec::new();
                            let tag = match name {
                                "img" => {
                                    let Some(src) =
                                        image_src(doc, id, base).filter(|s| !is_dangerous(s))
                                    else {
                                        continue;
                                    };
                                    attrs.push(("src".into(), src));
                                    for a in ["alt", "width", "height"] {
                                        if let Some(v) = el.attr(a) {
                                            attrs.push((a.into(), v.to_string()));
                                        }
                                    }
                                    "img"
                                }
                                "iframe" => {
                                    let src = resolve(
                                        base,
                                        el.attr("src").or(el.attr("data-src")).unwrap_or(""),
                                    );
                                    if !is_video_embed(&src) || is_dangerous(&src) {
                                        it.skip_subtree(id);
                                        continue;
                                    }
                                    attrs.push(("src".into(), src));
                                    it.skip_subtree(id);
                                    "iframe"
                                }
                                _ if kept => {
                                    for a in &el.attrs {
                                        if !allowed_attr(name, &a.name) || a.name == "srcset" {
                                            continue;
                                        }
                                        let mut v = a.value.clone();
                                        if is_url_attr(&a.name) {
                                            if v.trim().starts_with('#') && a.name == "href" {
                                                continue; // in-page anchors go nowhere in the view
                                            }
                                            v = resolve(base, &v);
                                            if is_dangerous(&v) {
                                                continue;
                                            }
                                        }
                                        attrs.push((a.name.clone(), v));
                                    }
                                    name
                                }
                                // Headings of the page's own title level become h2 in the body.
                                _ => {
                                    // Unwrap: children go to the current parent; a block's own
                                    // stay apart from its neighbours' (see BREAK).
                                    if el.ns == Ns::Html
                                        && is_unwrapped_block(name)
                                        && open_pre == 0
                                    {
                                        push_break(&mut stack);
                                    }
                                    continue;
                                }
                            };
                            let tag = if tag == "h1" { "h2" } else { tag };
                            if stack.len() > MAX_DEPTH {
                                continue; // flatten: children join the deepest kept ancestor
                            }
                            if tag == "math" {
                                open_math += 1;
                            }
                            if tag == "pre" {
                                open_pre += 1;
                            }
                            if is_heading(tag) {
                                open_heading += 1;
                            }
                            stack.push(Open {
                                tag: tag.to_string(),
                                attrs,
                                children: vec![],
                                node: Some(id),
                            });
                        }
                        _ => {}
                    }
                }
                Edge::Close(id) => {
                    if open_pre == 0
                        && stack.last().is_some_and(|o| o.node != Some(id))
                        && doc.element(id).is_some_and(|e| {
                            e.ns == Ns::Html
                                && (is_unwrapped_block(&e.name)
                                    || in_layout_table(doc, &layout_tables, id, &e.name))
                        })
                    {
                        push_break(&mut stack);
                    }
                    // NOTE: a loop, as an image paired with its caption opens two elements.
                    while stack.len() > 1 && stack.last().is_some_and(|o| o.node == Some(id)) {
                        let Some(mut o) = stack.pop() else { break };
                        if o.tag == "math" {
                            open_math -= 1;
                        }
                        if o.tag == "pre" {
                            open_pre -= 1;
                        }
                        if is_heading(&o.tag) {
                            open_heading -= 1;
                        }
                        if o.tag == "figure" {
                            append_outside_captions(page, &captions, id, &mut o.children);
                            drop_placeholder_copies(&mut o.children);
                        }
                        let el = finish(o);
                        if let Some(el) = el {
                            stack.last_mut().unwrap().children.push(el);
                        }
                    }
                }
            }
        }
    }
    let root = stack.pop().unwrap();
    group_inline(root.children)
}

/// How a node takes part in a caption pairing.
enum CaptionRole {
    /// The image or its wrapper: written as a `<figure>`.
    Figure,
    /// A caption inside its figure: written as the `<figcaption>`.
    Inside,
    /// A caption outside its figure: written at the figure's close, skipped where it stands.
    Outside,
}

/// Where each node stands in the captions pass's pairings, looked up once per node instead of
/// a walk over every caption (many captions made the build quadratic).
struct CaptionIndex {
    /// Per node (by index): 1 + the first caption that names it as figure or part; 0: none.
    any: Vec<u32>,
    /// Per node (by index): 1 + the first caption whose figure it is; 0: none.
    figure: Vec<u32>,
}

impl CaptionIndex {
    fn new(page: &Page) -> Self {
        let n = if page.captions.is_empty() {
            0
        } else {
            page.doc.len()
        };
        let mut index = CaptionIndex {
            any: vec![0; n],
            figure: vec![0; n],
        };
        for (k, c) in page.captions.iter().enumerate() {
            let k = u32::try_from(k + 1).unwrap_or(u32::MAX);
            for slot in [
                &mut index.any[c.figure.index()],
                &mut index.figure[c.figure.index()],
            ] {
                if *slot == 0 {
                    *slot = k;
                }
            }
            for p in &c.parts {
                if index.any[p.index()] == 0 {
                    index.any[p.index()] = k;
                }
            }
        }
        index
    }

    /// The first caption that names `id` in `slots` (`any` or `figure`).
    fn get<'p>(page: &'p Page, slots: &[u32], id: NodeId) -> Option<&'p Caption> {
        let k = *slots.get(id.index())?;
        page.captions.get((k as usize).checked_sub(1)?)
    }
}

fn caption_role(
    page: &Page,
    index: &CaptionIndex,
    roots: &[NodeId],
    id: NodeId,
) -> Option<CaptionRole> {
    let doc = page.doc;
    let c = CaptionIndex::get(page, &index.any, id)?;
    if c.figure == id {
        return Some(CaptionRole::Figure);
    }
    if doc.is_inclusive_ancestor(c.figure, id) {
        return Some(CaptionRole::Inside);
    }
    let figure_kept = !page.is_removed(c.figure)
        && roots
            .iter()
            .any(|&r| doc.is_inclusive_ancestor(r, c.figure));
    figure_kept.then_some(CaptionRole::Outside)
}

/// Keeps only the last of the images in one figure that show the same picture: the ones before
/// it are low-resolution stand-ins shown while the real picture loads (a blurred preview 60
/// pixels wide ahead of the full image its `<noscript>` holds, say). A picture is told by the
/// file name that ends its URL's path; names shorter than [`PICTURE_NAME_MIN`] characters
/// (before the extension) are too generic to tell ("image.jpg" in two folders).
fn drop_placeholder_copies(children: &mut Vec<Content>) {
    // The picture of each image, in document order. A figure of more nodes than a picture with
    // its stand-ins and caption is left as it is, so that figures nested in figures cost no
    // more than a bounded walk each.
    let Some(images) = crate::article::images(children, FIGURE_NODES_MAX) else {
        return;
    };
    let pictures: Vec<Option<&str>> = images.into_iter().map(picture_name).collect();
    let mut last = std::collections::HashMap::new();
    for (i, p) in pictures.iter().enumerate() {
        if let Some(p) = p {
            last.insert(*p, i);
        }
    }
    let drop: Vec<bool> = pictures
        .iter()
        .enumerate()
        .map(|(i, p)| p.is_some_and(|p| last.get(p) != Some(&i)))
        .collect();
    if !drop.contains(&true) {
        return;
    }
    // The same walk, marking the images to drop (an empty tag), then a pass that takes them out.
    let mut n = 0;
    let mut walk = vec![children.iter_mut()];
    while let Some(top) = walk.last_mut() {
        match top.next() {
            Some(Content::Element { tag, children, .. }) => {
                if tag == "img" {
                    if drop[n] {
                        tag.clear();
                    }
                    n += 1;
                }
                walk.push(children.iter_mut());
            }
            Some(Content::Text(_)) => {}
            None => {
                walk.pop();
            }
        }
    }
    let mut walk = vec![children];
    while let Some(v) = walk.pop() {
        v.retain(|c| !matches!(c, Content::Element { tag, .. } if tag.is_empty()));
        for c in v.iter_mut() {
            if let Content::Element { children, .. } = c {
                walk.push(children);
            }
        }
    }
}

/// The most nodes a figure may hold for [`drop_placeholder_copies`] to look at it.
const FIGURE_NODES_MAX: usize = 4096;

/// The shortest file name (without its extension) that tells a picture (see
/// [`drop_placeholder_copies`]).
const PICTURE_NAME_MIN: usize = 10;

/// The file name an image's `src` ends with, when it is long enough to tell its picture.
fn picture_name(attrs: &[(String, String)]) -> Option<&str> {
    let src = &attrs.iter().find(|(n, _)| n == "src")?.1;
    if src.starts_with("data:") {
        return None;
    }
    let path = src.split(['?', '#']).next()?;
    let name = path.rsplit('/').next()?;
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    (stem.chars().count() >= PICTURE_NAME_MIN).then_some(name)
}

/// Adds the `<figcaption>` for caption parts that stand outside the figure `id`.
fn append_outside_captions(
    page: &Page,
    index: &CaptionIndex,
    id: NodeId,
    children: &mut Vec<Content>,
) {
    let doc = page.doc;
    let Some(c) = CaptionIndex::get(page, &index.figure, id) else {
        return;
    };
    let text: Vec<String> = c
        .parts
        .iter()
        .filter(|&&p| !doc.is_inclusive_ancestor(id, p) && !page.is_removed(p))
        .map(|&p| visible_text(doc, p))
        .filter(|t| !t.is_empty())
        .collect();
    if !text.is_empty() {
        children.push(Content::Element {
            tag: "figcaption".into(),
            attrs: vec![],
            children: vec![Content::Text(text.join(" "))],
        });
    }
}

/// The collapsed text under `id`, leaving out hidden elements and scripts.
fn visible_text(doc: &Document, id: NodeId) -> String {
    let mut s = String::new();
    let mut it = doc.descendants(id);
    while let Some(n) = it.next() {
        if let Some(el) = doc.element(n) {
            if el.flags & flags::HIDDEN != 0
                || matches!(
                    el.name.as_str(),
                    "script" | "style" | "template" | "noscript"
                )
            {
                it.skip_subtree(n);
            }
            continue;
        }
        if let Some(t) = doc.text(n) {
            s.push_str(t);
        }
    }
    crate::text::collapse(&s)
}

/// Closes an element: drops empty ones that mean nothing empty, groups loose inline runs.
fn finish(o: Open) -> Option<Content> {
    let Open {
        tag,
        attrs,
        children,
        ..
    } = o;
    let empty_ok = matches!(
        tag.as_str(),
        "img"
            | "br"
            | "hr"
            | "iframe"
            | "video"
            | "audio"
            | "source"
            | "td"
            | "th"
            | "col"
            | "mspace"
            | "none"
            | "mprescripts"
    );
    // A `<source>` names a file only by `src` here (`srcset` is never kept, and a `<picture>`
    // is unwrapped): one without is an empty tag beside its picture.
    if tag == "source" && !attrs.iter().any(|(k, _)| k == "src") {
        return None;
    }
    let has_content = children.iter().any(|c| match c {
        Content::Text(t) => !is_blank(t),
        Content::Element { .. } => !is_break(c),
    });
    if !has_content && !empty_ok {
        return None;
    }
    // A paragraph or heading of nothing but line breaks is a spacer (Medium's `<p><br></p>`
    // between sections, medium-1): in the view, only a gap in the text.
    let spacer = matches!(tag.as_str(), "p" | "h2" | "h3" | "h4" | "h5" | "h6")
        && children.iter().all(|c| match c {
            Content::Text(t) => is_blank(t),
            Content::Element { tag, .. } => tag == "br" || is_break(c),
        });
    if spacer {
        return None;
    }
    // NOTE: a figure groups only loose text, so its image stays beside its figcaption.
    let group = match tag.as_str() {
        "figure" => children
            .iter()
            .any(|c| matches!(c, Content::Text(t) if !is_blank(t))),
        "blockquote" | "li" | "dd" | "td" | "th" | "details" => has_block(&children),
        _ => false,
    };
    let children = if group {
        group_inline(children)
    } else {
        drop_breaks(children)
    };
    Some(Content::Element {
        tag,
        attrs,
        children,
    })
}

fn has_block(children: &[Content]) -> bool {
    children
        .iter()
        .any(|c| matches!(c, Content::Element { tag, .. } if !is_inline(tag) && tag != BREAK))
}

/// The tag of a mark left where a block was unwrapped (or left out): text on either side of it
/// never joins into one paragraph. [`group_inline`] and [`finish`] take every mark out.
const BREAK: &str = "\0";

fn is_break(c: &Content) -> bool {
    matches!(c, Content::Element { tag, .. } if tag == BREAK)
}

/// `children` without [`BREAK`] marks, the texts they kept apart joined again as the build
/// joins texts (whitespace collapsed across the seam; never inside `<pre>`, which gets none).
fn drop_breaks(children: Vec<Content>) -> Vec<Content> {
    if !children.iter().any(is_break) {
        return children;
    }
    let mut out: Vec<Content> = Vec::with_capacity(children.len());
    let mut after_break = false;
    for c in children {
        if is_break(&c) {
            after_break = true;
            continue;
        }
        match (c, out.last_mut()) {
            (Content::Text(t), Some(Content::Text(prev))) if after_break => {
                push_collapsed(prev, &t)
            }
            (c, _) => out.push(c),
        }
        after_break = false;
    }
    out
}

/// A table that lays out the page rather than holding data: not a table of data by the
/// extraction's measure (no header cells, caption or summary, not many rows and columns), and
/// holding a table, paragraphs, headings, quotes or code. lwn-1 sets its whole weekly edition in
/// nested tables; kept as tables, the view drew each article in a bordered cell in small type.
/// Its cells' content is written as blocks of the body instead.
/// NOTE: the search ends at the first such element, a nested table at the latest, so nested
/// tables are each read once, not once per table around them.
fn is_layout_table(doc: &Document, table: NodeId) -> bool {
    !crate::extract::is_data_table(doc, table)
        && doc.descendants(table).skip(1).any(|d| {
            doc.tag(d)
                .is_some_and(|t| matches!(t, "table" | "p" | "blockquote" | "pre") || is_heading(t))
        })
}

/// True for a layout table (flagged in `layout`, by node) and for the rows, cells and row
/// groups of one.
fn in_layout_table(doc: &Document, layout: &[bool], id: NodeId, name: &str) -> bool {
    if layout.is_empty() {
        return false;
    }
    let flagged = |t: NodeId| layout.get(t.index()).copied().unwrap_or(false);
    match name {
        "table" => flagged(id),
        "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" => doc
            .ancestors(id)
            .find(|&a| doc.is(a, "table"))
            .is_some_and(flagged),
        _ => false,
    }
}

/// Leaves a [`BREAK`] in the open element, once.
fn push_break(stack: &mut [Open]) {
    if let Some(top) = stack.last_mut() {
        if !top.children.last().is_some_and(is_break) {
            top.children.push(Content::Element {
                tag: BREAK.into(),
                attrs: vec![],
                children: vec![],
            });
        }
    }
}

/// Blocks unwrapped into their parent (layout containers the view does not keep), whose text
/// is a paragraph of its own: two `<div>`s of text are two paragraphs, not one.
fn is_unwrapped_block(tag: &str) -> bool {
    !is_kept(tag)
        && matches!(
            tag,
            "div"
                | "section"
                | "article"
                | "main"
                | "header"
                | "footer"
                | "nav"
                | "aside"
                | "center"
                | "address"
                | "hgroup"
                | "form"
                | "fieldset"
                | "search"
        )
}

/// At block level, wraps each run of inline content and text into a `<p>`; a [`BREAK`] ends a
/// run and goes.
fn group_inline(children: Vec<Content>) -> Vec<Content> {
    let mut out = Vec::new();
    let mut run: Vec<Content> = Vec::new();
    let flush = |run: &mut Vec<Content>, out: &mut Vec<Content>| {
        let meaningful = run.iter().any(|c| match c {
            Content::Text(t) => !is_blank(t),
            Content::Element { tag, .. } => tag != "br",
        });
        if meaningful {
            out.push(Content::Element {
                tag: "p".into(),
                attrs: vec![],
                children: std::mem::take(run),
            });
        }
        run.clear();
    };
    for c in children {
        if is_break(&c) {
            flush(&mut run, &mut out);
            continue;
        }
        let inline = match &c {
            Content::Text(_) => true,
            Content::Element { tag, .. } => is_inline(tag),
        };
        if inline {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Block elements that each give one block of `textContent`.
fn is_text_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "figcaption"
            | "pre"
            | "dt"
            | "dd"
            | "caption"
            | "th"
            | "td"
            | "summary"
    )
}

/// The body text: one block per paragraph, heading, list item or caption, blank-line separated.
pub fn text_content(content: &[Content]) -> String {
    let mut blocks: Vec<String> = Vec::new();
    // Walk with an explicit stack; a text block collects all text beneath it.
    let mut stack: Vec<&Content> = content.iter().rev().collect();
    // NOTE: text is collapsed as it is gathered, not gathered and then collapsed.
    let mut loose = Collapsed::new();
    let mut inner = Collapsed::new();
    while let Some(c) = stack.pop() {
        match c {
            Content::Text(t) => loose.push(t),
            Content::Element { tag, children, .. } => {
                let is_block = is_text_block(tag);
                let holds_blocks = children.iter().any(|ch| matches!(ch, Content::Element { tag, .. } if is_text_block(tag) || matches!(tag.as_str(), "ul" | "ol" | "dl" | "table" | "blockquote" | "figure")));
                if is_block && !holds_blocks {
                    push_block(&mut blocks, &mut loose);
                    let s = if tag == "pre" {
                        let mut s = String::new();
                        collect_text(c, |t| s.push_str(t));
                        s.trim_matches('\n').to_string()
                    } else {
                        collect_text(c, |t| inner.push(t));
                        inner.take()
                    };
                    if !is_blank(&s) {
                        blocks.push(s);
                    }
                } else {
                    if !is_inline(tag) {
                        push_block(&mut blocks, &mut loose);
                    }
                    if tag == "br" {
                        loose.push(" ");
                    }
                    stack.extend(children.iter().rev());
                }
            }
        }
    }
    push_block(&mut blocks, &mut loose);
    blocks.join("\n\n")
}

fn push_block(blocks: &mut Vec<String>, loose: &mut Collapsed) {
    let s = loose.take();
    if !s.is_empty() {
        blocks.push(s);
    }
}

/// Passes the text under `c` to `push` in order, a line break as "\n".
fn collect_text<'a>(c: &'a Content, mut push: impl FnMut(&'a str)) {
    let mut stack = vec![c];
    while let Some(c) = stack.pop() {
        match c {
            Content::Text(t) => push(t),
            Content::Element { tag, children, .. } => {
                if tag == "br" {
                    push("\n");
                }
                stack.extend(children.iter().rev());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn img(src: &str) -> Content {
        Content::Element {
            tag: "img".into(),
            attrs: vec![("src".into(), src.into())],
            children: vec![],
        }
    }

    fn div(children: Vec<Content>) -> Content {
        Content::Element {
            tag: "div".into(),
            attrs: vec![],
            children,
        }
    }

    fn srcs(children: &[Content]) -> Vec<&str> {
        crate::article::images(children, usize::MAX)
            .unwrap_or_default()
            .into_iter()
            .map(|a| a[0].1.as_str())
            .collect()
    }

    #[test]
    fn a_figure_keeps_the_last_copy_of_a_picture() {
        let mut fig = vec![
            div(vec![div(vec![img(
                "https://cdn.example/max/60/harbour-crane-7f3a9c.jpg?q=20",
            )])]),
            img("https://cdn.example/max/1600/harbour-crane-7f3a9c.jpg"),
            Content::Text("The crane on the quay.".into()),
        ];
        drop_placeholder_copies(&mut fig);
        assert_eq!(
            srcs(&fig),
            ["https://cdn.example/max/1600/harbour-crane-7f3a9c.jpg"]
        );
        // The emptied wrapper stays; only the image went.
        assert_eq!(fig.len(), 3);
    }

    #[test]
    fn different_pictures_and_generic_names_are_kept() {
        let all = [
            "https://cdn.example/2024/a/image.jpg",
            "https://cdn.example/2024/b/image.jpg",
            "https://cdn.example/harbour-crane-7f3a9c.jpg",
            "https://cdn.example/harbour-wall-2b81d0.jpg",
            "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAE",
            "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAE",
        ];
        let mut fig: Vec<Content> = all.iter().map(|s| img(s)).collect();
        drop_placeholder_copies(&mut fig);
        assert_eq!(srcs(&fig), all);
    }

    #[test]
    fn a_figure_past_the_node_budget_is_left_as_it_is() {
        let mut fig = vec![
            img("https://cdn.example/max/60/harbour-crane-7f3a9c.jpg?q=20"),
            img("https://cdn.example/max/1600/harbour-crane-7f3a9c.jpg"),
        ];
        fig.extend((0..FIGURE_NODES_MAX).map(|_| Content::Text("x".into())));
        drop_placeholder_copies(&mut fig);
        assert_eq!(srcs(&fig).len(), 2);
    }
}
