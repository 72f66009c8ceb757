//! Pass 2, teaser: aggregator and paywall chrome, overlays and in-article promos; is the page
//! only a preview?
//!
//! ```text
//!  measure (one open/close walk)   per node: text, link text, prose, subtree bits, order
//!        ▼
//!  estimate the body container     the block that holds most prose paragraphs
//!        ▼
//!  blocks, top-down                structural signals  (tokens, overlay, form, CTA link,
//!        │                          position before/after the body, repeated cards)
//!        │                        + textual signals     (lexicon: sign up, paywall, rails…)
//!        │                        both agree ──► Teaser verdict, subtree skipped
//!        ▼
//!  paragraphs                      short, linked, CTA + a second signal ──► Promo verdict
//!        ▼
//!  preview                         in-flow wall after the body, withheld text, AMP
//!                                  content-not-granted, link-out, paywalled + clipped
//! ```
//!
//! A block goes only when independent signals agree, so prose that talks about subscribing
//! stays, and a block that holds a large share of the page's prose never goes.

use crate::article::RemovalKind;
use crate::dom::{flags, Document, Edge, Element, NodeId, Ns};
use crate::lexicon::{self, chrome, kind, part, Folded};
use crate::page::Page;
use crate::text::collapse;
use std::collections::HashMap;

/// Tunables, named so they can be read and changed in one place.
mod tune {
    /// A paragraph with at least this many characters of unlinked text is prose.
    pub const PROSE_MIN_CHARS: u32 = 80;
    /// Link text above this share of a paragraph makes it navigation, not prose.
    pub const PROSE_MAX_LINK_SHARE: f64 = 0.3;
    /// A block holding more than this share of the page's prose is never chrome…
    pub const GUARD_PROSE_SHARE: f64 = 0.3;
    /// …unless it holds less prose than this, in characters.
    pub const GUARD_PROSE_MIN: u32 = 300;
    /// A call-to-action box's text (labels included) is at most this long.
    pub const BOX_MAX_CHARS: usize = 700;
    /// An in-article promo paragraph is at most this long.
    pub const PROMO_MAX_CHARS: usize = 320;
    /// Independent signals a promo paragraph needs besides its call to action.
    pub const PROMO_MIN_SIGNALS: usize = 2;
    /// A button-like block (a lone link or button with a call to action) is at most this long.
    pub const BUTTON_MAX_CHARS: usize = 60;
    /// A rail's heading is at most this long.
    pub const RAIL_HEADING_MAX_CHARS: usize = 70;
    /// Text before a rail's heading, inside the rail, is at most this long (a kicker, not prose).
    pub const RAIL_LEAD_MAX_CHARS: u32 = 80;
    /// A rail lists at least this many items (links or repeated cards).
    pub const RAIL_MIN_ITEMS: usize = 2;
    /// Fade gradients and backdrops hold at most this many characters of text.
    pub const EMPTY_MAX_CHARS: u32 = 3;
    /// Hidden or blurred text at least this long is withheld prose.
    pub const WITHHELD_MIN_CHARS: u32 = 80;
    /// A box backed only by weak signals (position, a link or button) is at most this terse.
    pub const WEAK_BOX_MAX_CHARS: usize = 300;
    /// Besides its link-out phrase, a link-out block holds at most this many characters.
    pub const LINK_OUT_EXTRA_CHARS: usize = 80;
    /// A share bar has at least this many links or buttons.
    pub const SHARE_MIN_CONTROLS: usize = 2;
    /// A link-out block is at most this long.
    pub const LINK_OUT_MAX_CHARS: u32 = 200;
    /// A share bar holds at most this much text.
    pub const SHARE_MAX_CHARS: u32 = 120;
    /// Ancestors of the body container checked for a clipped box.
    pub const CLIP_LEVELS: usize = 3;
}

/// Bits of what a subtree holds.
mod sub {
    pub const FORM: u16 = 1;
    pub const EMAIL: u16 = 2;
    pub const SUBMIT: u16 = 4;
    pub const CTA_LINK: u16 = 8;
    pub const DISMISS: u16 = 16;
    pub const IMG: u16 = 32;
    pub const LINK: u16 = 64;
    /// A link or control styled as a button (`btn`, `button`, `role=button`).
    pub const BUTTON: u16 = 128;
    /// What a link can press, read lazily (see `Links`): `Measure::bits` never holds these
    /// for a link; [`DISMISS`] there comes from buttons only.
    pub const PRESSES: u16 = CTA_LINK | DISMISS | BUTTON;
}

/// Elements a call-to-action box or rail can be.
fn is_box_tag(tag: &str) -> bool {
    matches!(
        tag,
        "div"
            | "section"
            | "aside"
            | "header"
            | "footer"
            | "form"
            | "ul"
            | "ol"
            | "article"
            | "dialog"
            | "nav"
            | "table"
            | "center"
            | "details"
            | "figure"
            | "main"
            | "span"
            | "p"
            | "li"
    )
}

/// What the walks ask of an element's name and attributes: read once, by the measure walk.
mod shape {
    /// An element.
    pub const ELEMENT: u16 = 1;
    /// Named script, style, noscript or template (any namespace): not measured inside.
    pub const RAW: u16 = 2;
    /// Named `a` (any namespace).
    pub const NAMED_A: u16 = 4;
    /// An HTML `a`.
    pub const A: u16 = 8;
    /// An HTML `a` with an `href`.
    pub const HREF: u16 = 16;
    /// An HTML `p`.
    pub const P: u16 = 32;
    /// An HTML `div`.
    pub const DIV: u16 = 64;
    /// An HTML `h1`–`h6`.
    pub const HEADING: u16 = 128;
    /// An HTML element that keeps a `div` from being a paragraph (see `is_leaf_block`).
    pub const BLOCK: u16 = 256;
    /// A box or rail candidate ([`super::is_box_tag`]) or a custom element (a name with `-`).
    pub const BOX: u16 = 512;
    /// Has a `subscriptions-section` attribute.
    pub const SUBS: u16 = 1024;
    /// An HTML `link`.
    pub const LINK: u16 = 2048;
    /// An HTML `meta`.
    pub const META: u16 = 4096;
}

/// An element's [`shape`] bits: its name matched once, its attributes scanned once.
fn shape_of(el: &Element) -> u16 {
    let name = el.name.as_str();
    let html = el.ns == Ns::Html;
    let mut s = shape::ELEMENT;
    if is_box_tag(name) || name.contains('-') {
        s |= shape::BOX;
    }
    s |= match name {
        "script" | "style" | "noscript" | "template" => shape::RAW,
        "a" if html => shape::NAMED_A | shape::A,
        "a" => shape::NAMED_A,
        "p" if html => shape::P | shape::BLOCK,
        "div" if html => shape::DIV | shape::BLOCK,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if html => shape::HEADING | shape::BLOCK,
        "ul" | "ol" | "li" | "section" | "table" | "figure" | "blockquote" | "img" if html => {
            shape::BLOCK
        }
        "link" if html => shape::LINK,
        "meta" if html => shape::META,
        _ => 0,
    };
    for a in &el.attrs {
        match a.name.as_str() {
            "href" if s & shape::A != 0 => s |= shape::HREF,
            "subscriptions-section" => s |= shape::SUBS,
            _ => {}
        }
    }
    s
}

/// True for an attribute in [`NAMING_ATTRS`].
fn is_naming_attr(name: &str) -> bool {
    matches!(
        name,
        "class"
            | "id"
            | "role"
            | "aria-label"
            | "data-testid"
            | "data-test-id"
            | "data-component-name"
            | "data-component"
            | "data-module"
            | "data-type"
            | "data-qa"
    )
}

/// Attributes whose values name what a block is (class, id, role, labels, test hooks).
const NAMING_ATTRS: &[&str] = &[
    "class",
    "id",
    "role",
    "aria-label",
    "data-testid",
    "data-test-id",
    "data-component-name",
    "data-component",
    "data-module",
    "data-type",
    "data-qa",
];

/// What one walk over the page measured.
struct Measure {
    /// Characters of text (words plus one separator each).
    text: Vec<u32>,
    /// Characters of text inside links.
    link: Vec<u32>,
    /// Characters of prose paragraphs.
    prose: Vec<u32>,
    /// Subtree bits from [`sub`].
    bits: Vec<u16>,
    /// Pre-order position, and the last position inside the subtree.
    order: Vec<u32>,
    end: Vec<u32>,
    /// Style flags (inline style natively; computed style from the live DOM).
    flags: Vec<u8>,
    /// [`shape`] bits of every element under the body (the body included).
    shape: Vec<u16>,
    /// Every element under the body (the body included), in document order, and for each the
    /// index in `seq` just past its subtree: the later walks step through elements only.
    seq: Vec<NodeId>,
    seq_end: Vec<u32>,
    /// Bits from [`below`]: what the node's descendants (not the node itself) hold, script,
    /// style, noscript and template contents included, as a walk of `descendants` finds it.
    below: Vec<u8>,
    /// The first HTML heading among the node's descendants (not the node itself), in document
    /// order and found as `below` is.
    first_heading: Vec<Option<NodeId>>,
    /// Some element under the body (the body included) has
    /// `subscriptions-section="content-not-granted"`.
    not_granted: bool,
    /// What each prose paragraph (not hidden) credits its parent (its prose) and grandparent
    /// (half of it), for `body_container`.
    credits: Vec<(NodeId, f64)>,
    /// The measured `a` elements and what they press (see [`Links`]).
    links: Links,
}

/// Bits of what lies below a node, for checks that would otherwise walk its subtree.
mod below {
    /// An HTML `a` with an `href`.
    pub const HREF: u8 = 1;
    /// A block that keeps a `div` from being a paragraph (see `is_leaf_block`).
    pub const BLOCK: u8 = 2;
}

impl Measure {
    /// True when `anc` is `id` or one of its ancestors, for a measured `id` (one outside script,
    /// style, noscript and template): `doc.is_inclusive_ancestor(anc, id)` without the walk up.
    ///
    /// NOTE: a measured node's subtree holds exactly the measured positions from its own up to
    /// its end; a node inside script and the like has neither (0 to 0), and holds no measured
    /// node.
    fn holds(&self, anc: NodeId, id: NodeId) -> bool {
        let at = self.order[id.index()];
        self.order[anc.index()] <= at && at < self.end[anc.index()]
    }
}

/// The measured `a` elements in document order, and what each presses ([`sub::PRESSES`]),
/// read on first use.
///
/// NOTE: reading a link's URL, class and label is most of what measuring costs, and only the
/// blocks that reach the call-to-action check ask; a block's links are one run of the list.
/// `skip` keeps nested blocks from re-reading runs already known to press nothing, so every
/// question costs about the links read for the first time.
#[derive(Default)]
struct Links {
    ids: Vec<NodeId>,
    /// Each link's pre-order position (`Measure::order`), ascending.
    pos: Vec<u32>,
    /// What each link presses, with [`Links::READ`] once read.
    bits: Vec<u16>,
    /// `skip[k] > k`: the links from `k` up to `skip[k]` are read and press nothing;
    /// `skip[k] == k`: nothing known.
    skip: Vec<u32>,
    /// Scratch for path compression.
    path: Vec<u32>,
}

impl Links {
    /// Set in `bits` once a link is read.
    const READ: u16 = 1 << 15;

    fn push(&mut self, id: NodeId, pos: u32) {
        self.skip.push(self.ids.len() as u32);
        self.ids.push(id);
        self.pos.push(pos);
        self.bits.push(0);
    }

    /// The run of links inside `id`'s subtree.
    fn run(&self, m_order: u32, m_end: u32) -> (usize, usize) {
        let lo = self.pos.partition_point(|&p| p < m_order);
        let hi = lo + self.pos[lo..].partition_point(|&p| p < m_end);
        (lo, hi)
    }

    /// What link `k` presses, read on first use.
    fn read(&mut self, doc: &Document, k: usize) -> u16 {
        if self.bits[k] & Self::READ == 0 {
            self.bits[k] = (link_bits(doc, self.ids[k]) & sub::PRESSES) | Self::READ;
        }
        self.bits[k] & sub::PRESSES
    }

    /// True when a link in the run `lo..hi` presses something.
    fn any_presses(&mut self, doc: &Document, lo: usize, hi: usize) -> bool {
        let mut k = lo;
        let mut found = false;
        self.path.clear();
        while k < hi {
            let next = self.skip[k] as usize;
            if next > k {
                self.path.push(k as u32);
                k = next;
                continue;
            }
            if self.read(doc, k) != 0 {
                found = true;
                break;
            }
            self.path.push(k as u32);
            k += 1;
        }
        // Every link from `lo` up to `k` is read and presses nothing.
        for &p in &self.path {
            self.skip[p as usize] = k as u32;
        }
        found
    }

    /// What the links in the run `lo..hi` press, or'ed (each read).
    fn presses(&mut self, doc: &Document, lo: usize, hi: usize) -> u16 {
        (lo..hi).fold(0, |b, k| b | self.read(doc, k))
    }
}

/// Runs the pass: marks chrome removed on `page`, and fills `page.preview`.
pub fn detect(page: &mut Page) {
    let doc = page.doc;
    let Some(body) = doc.body() else { return };
    let mut m = measure(doc, body);
    let mut labels = Labels::new();
    let total_prose = m.prose[body.index()];
    let container = body_container(body, &mut m);
    let (body_start, body_end) = container
        .map(|c| (m.order[c.index()], m.end[c.index()]))
        .unwrap_or((0, u32::MAX));
    let guard = ((total_prose as f64 * tune::GUARD_PROSE_SHARE) as u32).max(tune::GUARD_PROSE_MIN);
    let page_host = page.base_url.as_deref().and_then(crate::url::host);

    let mut found = Found::default();
    let mut marks: Vec<(NodeId, RemovalKind, String)> = Vec::new();

    // AMP subscriptions: the prompt shown when access is not granted, and the gated sections.
    let not_granted = m.not_granted;

    // NOTE: the walk steps through `m.seq` (elements only); `past` skips a subtree.
    let mut k = 0;
    while k < m.seq.len() {
        let id = m.seq[k];
        let past = m.seq_end[k] as usize;
        k += 1;
        if id == body {
            continue;
        }
        let f = m.flags[id.index()];
        if f & flags::HIDDEN != 0 {
            k = past;
            continue;
        }
        let section = if m.shape[id.index()] & shape::SUBS != 0 {
            doc.attr(id, "subscriptions-section").map(str::trim)
        } else {
            None
        };
        if let Some(section) = section {
            if section == "content-not-granted" {
                found.amp = true;
                marks.push((
                    id,
                    RemovalKind::Teaser,
                    "AMP subscriptions prompt (content not granted)".into(),
                ));
                k = past;
                continue;
            }
            if section == "content" && not_granted {
                found.withheld = true;
                marks.push((
                    id,
                    RemovalKind::Teaser,
                    "withheld: AMP subscriptions section the reader has no access to".into(),
                ));
                k = past;
                continue;
            }
        }
        if f & flags::BLURRED != 0 && m.text[id.index()] >= tune::WITHHELD_MIN_CHARS {
            found.withheld = true;
            marks.push((
                id,
                RemovalKind::Teaser,
                "withheld: blurred or unreadable text".into(),
            ));
            k = past;
            continue;
        }
        let holds_body = container.is_some_and(|c| m.holds(id, c));
        if holds_body || m.prose[id.index()] > guard {
            continue;
        }
        if m.shape[id.index()] & shape::BOX == 0 {
            continue;
        }
        let before = m.end[id.index()] < body_start;
        let after = m.order[id.index()] > body_end;
        // A sibling of the body container or of one of its ancestors sits over the body.
        let over_body = container.is_some_and(|c| doc.parent(id).is_some_and(|p| m.holds(p, c)));
        if let Some((kind, reason)) = judge_block(
            doc,
            id,
            &mut m,
            &mut labels,
            before,
            after,
            over_body,
            container,
            page_host.as_deref(),
            &mut found,
        ) {
            marks.push((id, kind, reason));
            k = past;
        }
    }
    for (id, kind, reason) in marks.drain(..) {
        page.remove(id, kind, reason);
    }

    // In-article promos: paragraphs, after the blocks so a removed box is not judged twice.
    // NOTE: text nodes have no verdict, no style flags and are no paragraph: `m.seq` skips them.
    let mut k = 0;
    while k < m.seq.len() {
        let id = m.seq[k];
        let past = m.seq_end[k] as usize;
        k += 1;
        if page.verdict(id).is_some() || m.flags[id.index()] & flags::HIDDEN != 0 {
            k = past;
            continue;
        }
        if !is_leaf_block(&m, id) {
            continue;
        }
        if let Some((kind, reason)) = judge_promo(doc, id, &m) {
            marks.push((id, kind, reason));
            k = past;
        }
    }
    for (id, kind, reason) in marks.drain(..) {
        page.remove(id, kind, reason);
    }

    // Text the page hides next to its body, on a walled page, is withheld, not chrome.
    let walled = page.meta.paywalled || found.gate || found.amp;
    if walled {
        if let Some(c) = container {
            let scope = doc.parent(c).unwrap_or(c);
            let mut it = doc.descendants(scope);
            while let Some(id) = it.next() {
                let Some(_) = doc.element(id) else { continue };
                if m.flags[id.index()] & flags::HIDDEN != 0
                    && hidden_prose(doc, id) >= tune::WITHHELD_MIN_CHARS
                {
                    found.withheld = true;
                    marks.push((
                        id,
                        RemovalKind::Teaser,
                        "withheld: hidden text on a walled page".into(),
                    ));
                    it.skip_subtree(id);
                }
            }
        }
    }
    for (id, kind, reason) in marks.drain(..) {
        page.remove(id, kind, reason);
    }

    // A clipped body box or a fade over it.
    if let Some(c) = container {
        let clipped = std::iter::once(c)
            .chain(doc.ancestors(c))
            .take(tune::CLIP_LEVELS + 1)
            .any(|a| m.flags[a.index()] & flags::CLIPPED != 0);
        found.clipped |= clipped;
    }

    decide_preview(page, &m, body, &found, page_host.as_deref());
}

/// What the block walk noticed about the page as a whole.
#[derive(Default)]
struct Found {
    /// An AMP content-not-granted prompt.
    amp: bool,
    /// A wall (sign up / subscribe to keep reading) in the flow, after the body started.
    gate: bool,
    gate_reason: Option<String>,
    /// Text the page withholds (blurred, hidden on a walled page, gated AMP section).
    withheld: bool,
    /// A fade gradient.
    fade: bool,
    /// The body box is clipped.
    clipped: bool,
    /// A link out to the source: its URL and the name it gives.
    link_out: Option<(String, Option<String>)>,
}

/// Decides `page.preview` from what was found.
fn decide_preview(
    page: &mut Page,
    m: &Measure,
    body: NodeId,
    found: &Found,
    page_host: Option<&str>,
) {
    let reason = if found.amp {
        Some("AMP subscriptions: content not granted".to_string())
    } else if found.withheld {
        Some("the page withholds part of the text (hidden, blurred or gated)".to_string())
    } else if found.gate {
        found.gate_reason.clone()
    } else if found.link_out.is_some() {
        Some("the page links out to the full story".to_string())
    } else if page.meta.paywalled && (found.clipped || found.fade) {
        Some("JSON-LD says the article is not free, and the body is clipped or faded".to_string())
    } else {
        None
    };
    page.preview.is_preview = reason.is_some();
    page.preview.reason = reason.or_else(|| {
        page.meta
            .paywalled
            .then(|| "JSON-LD says the article is not free, but the page delivers it".to_string())
    });

    // The source: an off-site canonical or og:url, else the link-out's target.
    let doc = page.doc;
    let off_site = |u: &str| match (page_host, crate::url::host(u)) {
        (Some(p), Some(h)) => p != h,
        _ => false,
    };
    // The first canonical `link` and the first `og:url` `meta` in the document, found in one
    // walk that steps through the body's elements only (`m.seq`) and stops once both are.
    let (mut canonical_el, mut og_el) = (None, None);
    let mut look = |n: NodeId, link: bool, meta: bool| {
        if link && canonical_el.is_none() {
            let rel = doc.attr(n, "rel");
            if rel.is_some_and(|r| {
                r.split_whitespace()
                    .any(|t| t.eq_ignore_ascii_case("canonical"))
            }) {
                canonical_el = Some(n);
            }
        }
        if meta && og_el.is_none() {
            let property = doc.attr(n, "property");
            if property.is_some_and(|p| p.eq_ignore_ascii_case("og:url")) {
                og_el = Some(n);
            }
        }
        // Both found: the rest need not be read.
        canonical_el.is_some() && og_el.is_some()
    };
    let mut it = doc.descendants(doc.root());
    while let Some(n) = it.next() {
        if n == body {
            for &e in &m.seq {
                let sh = m.shape[e.index()];
                if look(e, sh & shape::LINK != 0, sh & shape::META != 0) {
                    break;
                }
            }
            it.skip_subtree(n);
        } else if look(n, doc.is(n, "link"), doc.is(n, "meta")) {
            break;
        }
    }
    let canonical = canonical_el
        .and_then(|l| doc.attr(l, "href"))
        .map(|h| crate::url::resolve(page.base_url.as_deref(), h.trim()));
    let og_url = og_el
        .and_then(|n| doc.attr(n, "content"))
        .map(|s| s.trim().to_string());
    // NOTE: an aggregator's own address is not the source, wherever the copy is read from
    // (inkl-seed served from 127.0.0.1 has its canonical on inkl.com, off that site).
    let own = |u: &str| {
        page.meta
            .aggregator
            .as_deref()
            .is_some_and(|a| host_names(u, a))
    };
    let from_meta = canonical
        .into_iter()
        .chain(og_url)
        .find(|u| off_site(u) && !own(u));
    let from_link = found.link_out.as_ref().map(|(u, _)| strip_tracking(u));
    if page.preview.is_preview || page.meta.aggregator.is_some() || from_meta.is_some() {
        page.preview.source_url = from_meta.or(from_link);
    }
    if let Some((_, Some(name))) = &found.link_out {
        page.preview.source_name = Some(name.clone());
    }
}

/// Drops `utm_*` and similar tracking parameters from a URL.
fn strip_tracking(url: &str) -> String {
    let (head, frag) = match url.split_once('#') {
        Some((h, f)) => (h, Some(f)),
        None => (url, None),
    };
    let Some((base, query)) = head.split_once('?') else {
        return url.to_string();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| {
            let k = p.split('=').next().unwrap_or("").to_ascii_lowercase();
            !(k.starts_with("utm_")
                || matches!(
                    k.as_str(),
                    "ref" | "src" | "guccounter" | "fbclid" | "gclid" | "ncid"
                ))
        })
        .collect();
    let mut out = base.to_string();
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    if let Some(f) = frag {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// Judges one block; returns the verdict when structural and textual signals agree.
#[allow(clippy::too_many_arguments)]
fn judge_block(
    doc: &Document,
    id: NodeId,
    m: &mut Measure,
    labels: &mut Labels,
    before: bool,
    after: bool,
    over_body: bool,
    container: Option<NodeId>,
    page_host: Option<&str>,
    found: &mut Found,
) -> Option<(RemovalKind, String)> {
    let i = id.index();
    let f = m.flags[i];
    let bits = m.bits[i];
    let text_len = m.text[i];
    if text_len as usize > tune::BOX_MAX_CHARS * 4 {
        // Too long for a box; only a rail (judged by its heading) can be this long.
        // NOTE: its class names are read only if it has a rail's heading.
        return judge_rail(doc, id, m, labels, None, after);
    }
    let el = doc.element(id)?;
    let tag = el.name.as_str();
    let dialog = tag == "dialog"
        || el.attr("aria-modal").is_some_and(|v| v.trim() == "true")
        || el
            .attr("role")
            .is_some_and(|r| matches!(r.trim(), "dialog" | "alertdialog"));
    let fixed = f & flags::FIXED != 0;

    let tokens = naming_tokens(doc, id);
    // Something names the block a box: a class naming a wall, sign-up, newsletter, promo or app
    // box, a form or an email field, a dialog or a modal. Otherwise a page part (navigation, a
    // footer, comments) with a call to action in it is named as that part (see `page_part`).
    let named_box =
        dialog || tokens & (NAMED_BOX | chrome::MODAL) != 0 || bits & (sub::FORM | sub::EMAIL) != 0;
    // NOTE: asked only of a block that goes.
    let part_named = |m: &Measure| {
        if named_box {
            None
        } else {
            page_part(doc, id, m, container)
        }
    };

    // Backdrops and fade gradients: empty boxes painted over the page (fades only over the
    // body, not over every thumbnail).
    if text_len <= tune::EMPTY_MAX_CHARS && bits & sub::IMG == 0 {
        if (f & flags::FADE != 0 || tokens & chrome::FADING != 0) && (over_body || fixed) {
            found.fade = true;
            return Some((RemovalKind::Teaser, "fade gradient over the text".into()));
        }
        if tokens & chrome::BACKDROP != 0 || (fixed && tokens & chrome::MODAL != 0) {
            return Some((RemovalKind::Teaser, "modal backdrop".into()));
        }
        return None;
    }

    // Everything below reads the block's words.
    // NOTE: every check below asks for its structural signals before the block's words, and
    // the words are folded and scanned only when a check gets that far: most blocks (the body's
    // own paragraphs among them) never need them.
    let mut words = Words {
        labels,
        doc,
        id,
        hits: None,
    };

    // Overlays and modals with a call to action.
    if fixed || dialog || tokens & chrome::MODAL != 0 {
        let chars = words.folded().chars();
        let hits = words.hits();
        if hits.any(kind::BOX) && chars <= tune::BOX_MAX_CHARS {
            let hit = hits.first(kind::BOX).unwrap_or("");
            if let Some(part) = part_named(m) {
                // A navigation bar or footer kept on screen is still that part, not an overlay.
                return Some((
                    RemovalKind::Teaser,
                    format!(
                        "{} with a call to action (\"{}\"; fixed position)",
                        part, hit
                    ),
                ));
            }
            let why = if fixed {
                "fixed overlay"
            } else if dialog {
                "dialog"
            } else {
                "modal"
            };
            return Some((
                RemovalKind::Teaser,
                format!(
                    "{} with a call to action (\"{}\")",
                    why,
                    hits.first(kind::BOX).unwrap_or("")
                ),
            ));
        }
    }

    // A link out to the full story on another site.
    // NOTE: only a block with a link can link out (see `off_site_link`).
    let has_href = (m.below[i] | below_own(m.shape[i])) & below::HREF != 0;
    if text_len <= tune::LINK_OUT_MAX_CHARS
        && tag != "li"
        && has_href
        && label_may_start(doc, id, kind::LINK_OUT | kind::GATE)
    {
        let folded = words.folded();
        let link_out_phrase =
            lexicon::starts_with(&folded, kind::LINK_OUT | kind::GATE).filter(|p| {
                folded.chars() <= lexicon::fold(p).chars().count() + tune::LINK_OUT_EXTRA_CHARS
            });
        if link_out_phrase.is_some()
            && (words.hits().any(kind::LINK_OUT) || tokens & chrome::READ_MORE != 0)
        {
            if let Some(href) = off_site_link(doc, id, page_host) {
                let name = lexicon::text_after(&collapse(&label_text(doc, id)), kind::LINK_OUT);
                found.link_out.get_or_insert((href, name));
                return Some((
                    RemovalKind::Teaser,
                    format!(
                        "link-out to the full story (\"{}\")",
                        words
                            .hits()
                            .first(kind::LINK_OUT | kind::GATE)
                            .unwrap_or("")
                    ),
                ));
            }
        }
    }

    if let Some(v) = judge_rail(doc, id, m, words.labels, Some(tokens), after) {
        return Some(v);
    }

    // Sign-up, subscription, paywall, app and marketing boxes.
    let navigation = matches!(tag, "nav" | "ul" | "ol")
        || el
            .attr("role")
            .is_some_and(|r| matches!(r.trim(), "navigation" | "menu" | "menubar"));
    let mut strong: Vec<&str> = Vec::new();
    let mut weak: Vec<&str> = Vec::new();
    if tokens & chrome::WALL != 0 {
        strong.push("paywall class");
    }
    if tokens & (chrome::SIGNUP | chrome::NEWSLETTER | chrome::PROMO | chrome::APP) != 0 {
        strong.push("sign-up/promo class");
    }
    if bits & (sub::FORM | sub::EMAIL) != 0 {
        strong.push("form");
    }
    if fixed {
        strong.push("fixed position");
    }
    // Weak signals agree only for a terse, non-navigation block with something to click:
    // a position before or after the body is never enough on its own.
    // NOTE: what the block's links press is read last, and only when asked.
    let (lo, hi) = m.links.run(m.order[i], m.end[i]);
    let mut pressable = None;
    let mut actionable = |m: &mut Measure| {
        *pressable.get_or_insert_with(|| {
            bits & (sub::SUBMIT | sub::DISMISS) != 0
                || tokens & chrome::BUTTON != 0
                || m.links.any_presses(doc, lo, hi)
        })
    };
    // NOTE: without a strong signal or something to click, no box can agree (below), so its
    // words are not read.
    let box_tag = !matches!(tag, "p" | "span" | "li");
    let may_agree = box_tag
        && if navigation {
            tokens & (chrome::WALL | chrome::SIGNUP | chrome::NEWSLETTER) != 0
        } else {
            // NOTE: words already folded (an enclosing block read them) cost less than the
            // links, and are asked first.
            !strong.is_empty()
                || (!words.labels.covers(id) || words.box_may_pass()) && actionable(m)
        };
    if may_agree {
        let chars = words.folded().chars();
        // NOTE: taken, so that the block's labels can be read again (see `holds_a_box`).
        let hits = words.take_hits();
        if hits.any(kind::BOX) && chars <= tune::BOX_MAX_CHARS {
            let prose_like = m.prose[i] * 2 >= text_len;
            let agree = if navigation {
                tokens & (chrome::WALL | chrome::SIGNUP | chrome::NEWSLETTER) != 0
            } else {
                !strong.is_empty() || {
                    let actionable = actionable(m);
                    // A wall's own words ("keep reading with…", "nur für Abonnenten") are a
                    // signal strong enough to pair with anything to click, even when the pitch
                    // reads like a sentence.
                    let walled = hits.any(kind::GATE) && actionable && (after || over_body);
                    walled || (!prose_like && actionable && chars <= tune::WEAK_BOX_MAX_CHARS)
                }
            };
            if agree && holds_a_box(doc, id, m, words.labels, tokens, fixed || dialog) {
                // The walk goes on into the block: its box is judged on its own.
                return None;
            }
            if agree {
                // NOTE: the links' part of the block's bits is read only to name the signals
                // of a box that goes (its subtree is not walked again).
                let bits = bits | m.links.presses(doc, lo, hi);
                if bits & sub::CTA_LINK != 0 {
                    weak.push("sign-up link");
                }
                if bits & sub::SUBMIT != 0 || tokens & chrome::BUTTON != 0 {
                    weak.push("button");
                }
                if bits & sub::DISMISS != 0 {
                    weak.push("dismiss button");
                }
                if after {
                    weak.push("after the body");
                }
                if before {
                    weak.push("before the body");
                }
                if hits.any(kind::GATE) && !fixed && !dialog && !before {
                    found.gate = true;
                    found.gate_reason.get_or_insert_with(|| {
                        format!(
                            "a wall follows the delivered text (\"{}\")",
                            hits.first(kind::GATE).unwrap_or("")
                        )
                    });
                }
                let signals: Vec<&str> = strong.into_iter().chain(weak).collect();
                let what = part_named(m);
                return Some((
                    RemovalKind::Teaser,
                    format!(
                        "{} (\"{}\"; {})",
                        what.map_or("call-to-action box".to_string(), |part| format!(
                            "{} with a call to action",
                            part
                        )),
                        hits.first(kind::BOX).unwrap_or(""),
                        signals.join(", ")
                    ),
                ));
            }
        }
    }

    // Share bars.
    if tokens & chrome::SHARE != 0
        && tag != "li"
        && text_len <= tune::SHARE_MAX_CHARS
        && m.prose[i] == 0
    {
        let controls = doc
            .descendants(id)
            .filter(|&d| doc.is(d, "a") || doc.is(d, "button"))
            .count();
        if controls >= tune::SHARE_MIN_CONTROLS
            && (words.hits().any(kind::SHARE) || m.link[i] * 2 >= text_len)
        {
            return Some((RemovalKind::Teaser, "share bar".into()));
        }
    }
    None
}

/// Chrome tokens that name a box: a wall, a sign-up, newsletter, promo or app box.
const NAMED_BOX: u32 =
    chrome::WALL | chrome::SIGNUP | chrome::NEWSLETTER | chrome::PROMO | chrome::APP;

/// The page part block `id` is or lies in, in words: the site's navigation, a footer or a
/// comments section, as the block or its nearest ancestor that names one says by its tag
/// (`nav`, `footer`), role or class names. An ancestor that holds the body container names
/// none (a page wrapper is no footer), and the walk stops there.
///
/// NOTE: it names a block that goes; it never decides whether one goes.
fn page_part(
    doc: &Document,
    id: NodeId,
    m: &Measure,
    container: Option<NodeId>,
) -> Option<&'static str> {
    for a in std::iter::once(id).chain(doc.ancestors(id)) {
        let Some(el) = doc.element(a) else { break };
        if (el.ns == Ns::Html && el.name == "body") || container.is_some_and(|c| m.holds(a, c)) {
            break;
        }
        let mut p = match el.name.as_str() {
            "nav" if el.ns == Ns::Html => part::NAVIGATION,
            "footer" if el.ns == Ns::Html => part::FOOTER,
            _ => 0,
        };
        p |= lexicon::part_of_parts(naming_parts(doc, a));
        if p & part::COMMENTS != 0 {
            return Some("comments section");
        }
        if p & part::NAVIGATION != 0 {
            return Some("navigation");
        }
        if p & part::FOOTER != 0 {
            return Some("footer");
        }
    }
    None
}

/// True when block `id`, which would go as a call-to-action box, rather holds one. Going down
/// from the block, through the element child that holds every control and link of the block
/// (its form, fields, buttons), the first level with text beside that child decides: the block
/// holds a box when that text names no call to action. Nothing else may say the block is a box:
/// no class naming a box, no fixed position, no dialog. Its box is then judged on its own, and
/// the rest stays: a story of a few short lines with a sign-up box in it keeps its story.
///
/// NOTE: the block's words were read (`labels` covers it), so those of everything in it are
/// current too.
fn holds_a_box(
    doc: &Document,
    id: NodeId,
    m: &Measure,
    labels: &Labels,
    tokens: u32,
    overlay: bool,
) -> bool {
    if overlay || tokens & (NAMED_BOX | chrome::MODAL) != 0 {
        return false;
    }
    let i = id.index();
    let controls = m.bits[i] & (sub::FORM | sub::EMAIL | sub::SUBMIT | sub::DISMISS);
    if controls == 0 {
        return false;
    }
    let links = m.links.run(m.order[i], m.end[i]);
    let mut at = id;
    loop {
        let Some(inner) = doc.element_children(at).find(|c| {
            let c = c.index();
            m.bits[c] & controls == controls && m.links.run(m.order[c], m.end[c]) == links
        }) else {
            return false;
        };
        if m.text[at.index()].saturating_sub(m.text[inner.index()]) > tune::EMPTY_MAX_CHARS {
            return !labels.box_words_around(at, inner);
        }
        at = inner;
    }
}

/// A rail of other stories: a heading from the lexicon plus a list-like structure or position.
/// `tokens`: the block's `naming_tokens`, or `None` to read them when asked.
fn judge_rail(
    doc: &Document,
    id: NodeId,
    m: &Measure,
    labels: &mut Labels,
    tokens: Option<u32>,
    after: bool,
) -> Option<(RemovalKind, String)> {
    let el = doc.element(id)?;
    if matches!(el.name.as_str(), "p" | "span" | "li") {
        return None;
    }
    let heading = rail_heading(doc, m, id, &mut labels.headings)?;
    let items = list_items(doc, id);
    let mut signals: Vec<&str> = Vec::new();
    if after {
        signals.push("after the body");
    }
    if tokens.unwrap_or_else(|| naming_tokens(doc, id)) & chrome::RAIL != 0 {
        signals.push("rail class");
    }
    if items >= tune::RAIL_MIN_ITEMS {
        signals.push("a list of stories");
    }
    let i = id.index();
    if signals.is_empty() || (items < tune::RAIL_MIN_ITEMS && m.link[i] * 2 < m.text[i] && !after) {
        return None;
    }
    Some((
        RemovalKind::Teaser,
        format!("rail \"{}\" ({})", heading, signals.join(", ")),
    ))
}

/// The block's heading when it names a rail: its first heading, or its aria-label.
fn rail_heading(
    doc: &Document,
    m: &Measure,
    id: NodeId,
    headings: &mut HashMap<NodeId, Option<String>>,
) -> Option<String> {
    if let Some(l) = doc.attr(id, "aria-label") {
        let l = collapse(l);
        if names_rail(&l) {
            return Some(l);
        }
    }
    // The heading must open the block: no long text before it.
    let h = m.first_heading[id.index()]?;
    // NOTE: a block's ancestors share its first heading; read each heading once.
    let name = headings
        .entry(h)
        .or_insert_with(|| {
            let text = collapse(&doc.text_content(h));
            names_rail(&text).then_some(text)
        })
        .clone()?;
    (text_before(doc, m, id, h) <= tune::RAIL_LEAD_MAX_CHARS).then_some(name)
}

/// Nodes [`text_before`] passes over, at most: a heading after more does not open its block.
const RAIL_LEAD_MAX_NODES: usize = 256;

/// Characters of text in block `id` before its descendant `h`, counted until past
/// [`tune::RAIL_LEAD_MAX_CHARS`] (and past it when more than [`RAIL_LEAD_MAX_NODES`] nodes come
/// before `h`, however little text they hold).
fn text_before(doc: &Document, m: &Measure, id: NodeId, h: NodeId) -> u32 {
    const PAST: u32 = tune::RAIL_LEAD_MAX_CHARS + 1;
    let mut n = 0;
    let mut nodes = 0;
    let mut at = h;
    while at != id && n <= tune::RAIL_LEAD_MAX_CHARS {
        let Some(p) = doc.parent(at) else { break };
        for c in doc.children(p).take_while(|&c| c != at) {
            n += m.text[c.index()];
            nodes += 1;
            if nodes > RAIL_LEAD_MAX_NODES {
                return n.max(PAST);
            }
            if n > tune::RAIL_LEAD_MAX_CHARS {
                break;
            }
        }
        at = p;
    }
    n
}

/// True when a heading's text (collapsed) names a rail of other stories.
fn names_rail(h: &str) -> bool {
    let n = h.chars().count();
    n > 0 && n <= tune::RAIL_HEADING_MAX_CHARS && {
        let f = Folded::new(h);
        lexicon::starts_with(&f, kind::RAIL).is_some()
            || lexicon::fold(h)
                == lexicon::fold(lexicon::scan(&f).first(kind::RAIL).unwrap_or("\u{0}"))
    }
}

/// How many story items a block lists: list items with links, or repeated sibling cards.
fn list_items(doc: &Document, id: NodeId) -> usize {
    let linked_li = doc
        .find_all(id, "li")
        .filter(|&li| {
            doc.descendants(li)
                .any(|d| doc.is(d, "a") && doc.attr(d, "href").is_some())
        })
        .count();
    // Repeated cards: the largest group of element siblings sharing a class, anywhere inside.
    let mut best = 0usize;
    for n in doc.descendants(id) {
        if doc.element(n).is_none() {
            continue;
        }
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for c in doc.element_children(n) {
            if let Some(cls) = doc
                .attr(c, "class")
                .map(str::trim)
                .filter(|c| !c.is_empty())
            {
                *counts.entry(cls).or_default() += 1;
            }
        }
        best = best.max(counts.values().copied().max().unwrap_or(0));
    }
    linked_li.max(if best > tune::RAIL_MIN_ITEMS { best } else { 0 })
}

/// An in-article plug: a short paragraph with a link and a call to action, plus independent
/// signals (the CTA in the link text, a sign-up URL, the site speaking of itself, promo
/// styling, a question or imperative lead). A lone button that only shares goes as chrome,
/// with the share bars.
fn judge_promo(doc: &Document, id: NodeId, m: &Measure) -> Option<(RemovalKind, String)> {
    let i = id.index();
    if m.bits[i] & sub::LINK == 0 && m.bits[i] & sub::SUBMIT == 0 {
        return None;
    }
    // NOTE: every word counts in `m.text` as its characters plus one, so at least half of it is
    // characters the collapsed text keeps: a paragraph measured at more than twice the limit
    // is too long without reading it again.
    if m.text[i] as usize > 2 * tune::PROMO_MAX_CHARS {
        return None;
    }
    let text = collapse(&doc.text_content(id));
    let len = text.chars().count();
    if len == 0 || len > tune::PROMO_MAX_CHARS {
        return None;
    }
    let folded = Folded::new(&text);
    let hits = lexicon::scan(&folded);
    // NOTE: both verdicts below need a call to action in the text (`PROMO` holds `SUBSCRIBE`);
    // without one, the links and class names are not read.
    if !hits.any(kind::PROMO | kind::SHARE) {
        return None;
    }
    let tokens = naming_tokens(doc, id);

    // A lone button or button-styled link with a call to action ("Share Box Score").
    let link_text: String = doc
        .descendants(id)
        .filter(|&d| doc.is(d, "a") || doc.is(d, "button"))
        .map(|d| collapse(&doc.text_content(d)))
        .collect::<Vec<_>>()
        .join(" ");
    let all_link = m.link[i] > 0 && m.link[i] + 2 >= m.text[i];
    let buttony = tokens & chrome::BUTTON != 0
        || doc.descendants(id).any(|d| {
            (doc.is(d, "a") || doc.is(d, "button"))
                && (doc.is(d, "button")
                    || doc.attr(d, "role") == Some("button")
                    || naming_tokens(doc, d) & chrome::BUTTON != 0)
        });
    if all_link
        && buttony
        && len <= tune::BUTTON_MAX_CHARS
        && hits.any(kind::PROMO | kind::SHARE | kind::SUBSCRIBE)
    {
        if !hits.any(kind::PROMO | kind::SUBSCRIBE) {
            // A button that only shares is a share bar of one: chrome, as share bars are.
            return Some((RemovalKind::Teaser, "share button".into()));
        }
        return Some((
            RemovalKind::Promo,
            format!(
                "call-to-action button (\"{}\")",
                hits.first(kind::PROMO | kind::SHARE | kind::SUBSCRIBE)
                    .unwrap_or("")
            ),
        ));
    }

    if !hits.any(kind::PROMO) {
        return None;
    }
    let link_hits = lexicon::scan(&Folded::new(&link_text));
    let mut signals: Vec<&str> = Vec::new();
    if link_hits.any(kind::PROMO) {
        signals.push("the call to action is the link");
    }
    let promo_url = doc
        .descendants(id)
        .filter(|&d| doc.is(d, "a"))
        .filter_map(|d| doc.attr(d, "href"))
        .any(lexicon::is_cta_url);
    if promo_url {
        signals.push("sign-up URL");
    }
    if hits.any(kind::OWN) {
        signals.push("the site speaks of itself");
    }
    if tokens & (chrome::PROMO | chrome::NEWSLETTER | chrome::SIGNUP | chrome::APP) != 0 {
        signals.push("promo class");
    }
    let lead_question = text
        .split_inclusive(['?', '？', '؟'])
        .next()
        .is_some_and(|s| s.ends_with(['?', '？', '؟']) && s.chars().count() < len);
    if lead_question || lexicon::starts_with(&folded, kind::PROMO).is_some() {
        signals.push("a question or imperative lead");
    }
    if all_styled(doc, id) {
        signals.push("set apart in bold or italics");
    }
    // NOTE: one of them must be the page promoting itself (its own newsletter, a promo class,
    // a question or imperative lead, promo styling): an article that names an app store or a
    // streaming service is not a plug.
    let own = hits.any(kind::OWN)
        || tokens & (chrome::PROMO | chrome::NEWSLETTER | chrome::SIGNUP | chrome::APP) != 0
        || signals
            .iter()
            .any(|s| s.starts_with("a question") || s.starts_with("set apart"));
    if signals.len() < tune::PROMO_MIN_SIGNALS || !own {
        return None;
    }
    Some((
        RemovalKind::Promo,
        format!(
            "in-article promo (\"{}\"; {})",
            hits.first(kind::PROMO).unwrap_or(""),
            signals.join(", ")
        ),
    ))
}

/// True when all of a block's text sits inside strong/b/em/i.
fn all_styled(doc: &Document, id: NodeId) -> bool {
    let mut any = false;
    for n in doc.descendants(id) {
        let Some(t) = doc.text(n) else { continue };
        if t.trim().is_empty() {
            continue;
        }
        any = true;
        let styled = doc
            .ancestors(n)
            .take_while(|&a| a != id)
            .any(|a| matches!(doc.tag(a), Some("strong" | "b" | "em" | "i")));
        if !styled {
            return false;
        }
    }
    any
}

/// A paragraph-like block: a `p`, or a `div` with only inline content (no `p`, `div`, list,
/// `section`, `table`, `figure`, `blockquote`, heading or `img` below it).
fn is_leaf_block(m: &Measure, id: NodeId) -> bool {
    let sh = m.shape[id.index()];
    sh & shape::P != 0 || sh & shape::DIV != 0 && m.below[id.index()] & below::BLOCK == 0
}

/// True when the host of `url` is the site `name` names: "inkl" for www.inkl.com, "Read Well"
/// for readwell.example; letters and digits compared, case aside.
fn host_names(url: &str, name: &str) -> bool {
    let name = crate::metadata::name_key(name);
    let Some(host) = crate::url::host(url) else {
        return false;
    };
    let labels: Vec<&str> = host.split('.').collect();
    let site = labels[..labels.len().saturating_sub(1)].concat();
    !name.is_empty() && (labels.contains(&name.as_str()) || site == name)
}

/// The first link in the block that leaves the page's site.
fn off_site_link(doc: &Document, id: NodeId, page_host: Option<&str>) -> Option<String> {
    doc.descendants(id)
        .filter(|&d| doc.is(d, "a"))
        .filter_map(|d| doc.attr(d, "href"))
        .map(str::trim)
        .find(|h| match (crate::url::host(h), page_host) {
            (Some(lh), Some(ph)) => {
                lh != ph && !lh.ends_with(&format!(".{}", ph)) && !ph.ends_with(&format!(".{}", lh))
            }
            (Some(_), None) => true,
            _ => false,
        })
        .map(String::from)
}

/// The values of an element's naming attributes, in [`NAMING_ATTRS`] order.
fn naming_parts<'a>(doc: &'a Document, id: NodeId) -> impl Iterator<Item = &'a str> + Clone + 'a {
    let el = doc.element(id);
    NAMING_ATTRS
        .iter()
        .filter_map(move |a| el.and_then(|e| e.attr(a)))
}

/// The chrome tokens of an element's naming attributes: `chrome_of` of them joined.
fn naming_tokens(doc: &Document, id: NodeId) -> u32 {
    let Some(el) = doc.element(id) else { return 0 };
    // NOTE: one pass over the attributes rules out the common case (no naming value holds a
    // token) before the attributes are looked up by name, in order, and folded.
    let maybe = el
        .attrs
        .iter()
        .any(|a| is_naming_attr(&a.name) && lexicon::may_be_chrome(&a.value, u32::MAX));
    if !maybe {
        return 0;
    }
    lexicon::chrome_of_parts(naming_parts(doc, id))
}

/// A block's words as a reader meets them: its text, button values and labels, image alts.
fn label_text(doc: &Document, id: NodeId) -> String {
    let mut s = String::new();
    for n in doc.descendants(id) {
        if let Some(piece) = label_piece(doc, n) {
            s.push_str(piece);
            s.push(' ');
        }
    }
    s
}

/// One block's folded label text and its CTA hits, read from [`Labels`] on first use.
struct Words<'a> {
    labels: &'a mut Labels,
    doc: &'a Document,
    id: NodeId,
    hits: Option<lexicon::Hits>,
}

impl Words<'_> {
    /// `Folded::new(&label_text(doc, id))`.
    fn folded(&mut self) -> Folded<'_> {
        self.labels.cover(self.doc, self.id);
        self.labels.folded(self.id)
    }

    /// The box check's condition on the words: a call to action, in a text at most
    /// `BOX_MAX_CHARS` long.
    fn box_may_pass(&mut self) -> bool {
        self.folded().chars() <= tune::BOX_MAX_CHARS && self.hits().any(kind::BOX)
    }

    /// [`Words::hits`], taken out.
    fn take_hits(&mut self) -> lexicon::Hits {
        self.hits();
        self.hits.take().unwrap_or_default()
    }

    /// `lexicon::scan(&self.folded())`.
    fn hits(&mut self) -> &lexicon::Hits {
        if self.hits.is_none() {
            self.labels.cover(self.doc, self.id);
            self.hits = Some(self.labels.scan(self.id));
        }
        self.hits.get_or_insert_with(Default::default)
    }
}

/// Blocks' label text (see [`label_text`]), folded a subtree at a time on demand: a subtree's
/// pieces are consecutive in document order, so each element's folded label is one slice of
/// its covering subtree's.
///
/// NOTE: the block walk asks in document order and skips removed subtrees, so a block asks
/// either inside the subtree covered last or after it; covering the asking block's whole
/// subtree at once folds every piece at most once, and only pieces some block reads.
struct Labels {
    runs: lexicon::FoldedRuns,
    from: Vec<lexicon::Mark>,
    to: Vec<lexicon::Mark>,
    /// Which cover each node's marks belong to (0: none yet); `cover` counts covers from 1.
    stamp: Vec<u32>,
    cover: u32,
    /// What each heading read so far says as a rail's heading (see `rail_heading`).
    headings: HashMap<NodeId, Option<String>>,
}

impl Labels {
    /// Empty: the side tables are sized on the first cover (most pages need few or none).
    fn new() -> Labels {
        Labels {
            runs: lexicon::FoldedRuns::new(),
            from: Vec::new(),
            to: Vec::new(),
            stamp: Vec::new(),
            cover: 0,
            headings: HashMap::new(),
        }
    }

    /// Makes `id`'s marks current: unless the subtree covered last holds it, folds `id`'s
    /// subtree afresh with one open/close walk, pushing the same pieces, in the same order, as
    /// [`label_text`] reads them for any element in it.
    fn cover(&mut self, doc: &Document, id: NodeId) {
        if self.covers(id) {
            return;
        }
        if self.stamp.len() < doc.len() {
            self.from.resize(doc.len(), lexicon::Mark::default());
            self.to.resize(doc.len(), lexicon::Mark::default());
            self.stamp.resize(doc.len(), 0);
        }
        self.cover += 1;
        self.runs.clear();
        for edge in doc.traverse(id) {
            match edge {
                Edge::Open(n) => {
                    self.stamp[n.index()] = self.cover;
                    self.from[n.index()] = self.runs.mark();
                    if let Some(piece) = label_piece(doc, n) {
                        self.runs.push(piece);
                    }
                }
                Edge::Close(n) => self.to[n.index()] = self.runs.mark(),
            }
        }
        self.runs.index();
    }

    /// True when `id`'s marks are current (the subtree covered last holds it).
    fn covers(&self, id: NodeId) -> bool {
        self.cover != 0 && self.stamp[id.index()] == self.cover
    }

    /// `Folded::new(&label_text(doc, id))`, once `cover(doc, id)` made the marks current.
    fn folded(&self, id: NodeId) -> Folded<'_> {
        self.runs.folded(self.from[id.index()], self.to[id.index()])
    }

    /// `lexicon::scan(&self.folded(id))`, once `cover(doc, id)` made the marks current.
    fn scan(&self, id: NodeId) -> lexicon::Hits {
        self.runs.scan(self.from[id.index()], self.to[id.index()])
    }

    /// True when `id`'s words outside `inner` (a descendant) hold a call to action, once
    /// `cover(doc, id)` made the marks current.
    fn box_words_around(&self, id: NodeId, inner: NodeId) -> bool {
        let (i, j) = (id.index(), inner.index());
        self.runs.scan(self.from[i], self.from[j]).any(kind::BOX)
            || self.runs.scan(self.to[j], self.to[i]).any(kind::BOX)
    }
}

/// Nodes [`label_may_start`] reads at most looking for a block's first word.
///
/// NOTE: a bound keeps nested blocks from each re-reading a long run of wordless nodes; past it
/// the answer is "may", and the caller reads the block's words in full.
const FIRST_WORD_MAX_NODES: usize = 32;

/// False when `id`'s folded label text surely starts with no phrase of `mask` kinds (see
/// `lexicon::starts_with`): its first word, from the first piece that has one, starts none.
fn label_may_start(doc: &Document, id: NodeId, mask: u32) -> bool {
    let mut it = doc.descendants(id);
    for _ in 0..FIRST_WORD_MAX_NODES {
        let Some(n) = it.next() else {
            return false; // no word at all: nothing starts it
        };
        if let Some(may) = label_piece(doc, n).and_then(|p| lexicon::may_start_with(p, mask)) {
            return may;
        }
    }
    true
}

/// What one node adds to its ancestors' label text (see [`label_text`]).
fn label_piece(doc: &Document, n: NodeId) -> Option<&str> {
    if let Some(t) = doc.text(n) {
        let skipped = doc.parent(n).is_some_and(|p| {
            matches!(
                doc.tag(p),
                Some("script" | "style" | "noscript" | "template")
            )
        });
        return (!skipped).then_some(t);
    }
    let el = doc.element(n)?;
    match el.name.as_str() {
        "input"
            if el.attr("type").is_some_and(|t| {
                matches!(t.trim().to_ascii_lowercase().as_str(), "submit" | "button")
            }) =>
        {
            el.attr("value")
        }
        "a" | "button" => el.attr("aria-label"),
        "img" => el.attr("alt"),
        _ => None,
    }
}

/// Characters of text under a hidden element, in paragraphs long enough to be prose.
fn hidden_prose(doc: &Document, id: NodeId) -> u32 {
    doc.find_all(id, "p")
        .map(|p| collapse(&doc.text_content(p)).chars().count() as u32)
        .filter(|&n| n >= tune::PROSE_MIN_CHARS)
        .sum()
}

/// One open/close walk: text, link text, prose, subtree bits, order, style flags, and what lies
/// below each node.
fn measure(doc: &Document, body: NodeId) -> Measure {
    let n = doc.len();
    let mut m = Measure {
        text: vec![0; n],
        link: vec![0; n],
        prose: vec![0; n],
        bits: vec![0; n],
        order: vec![0; n],
        end: vec![0; n],
        flags: vec![0; n],
        shape: vec![0; n],
        seq: Vec::new(),
        seq_end: Vec::new(),
        below: vec![0; n],
        first_heading: vec![None; n],
        not_granted: false,
        credits: Vec::new(),
        links: Links::default(),
    };
    let mut pos = 0u32;
    let mut link_depth = 0usize;
    // The script, style, noscript or template element being walked through: nothing inside it
    // is measured but what lies below (see `Measure::below`).
    let mut raw: Option<NodeId> = None;
    // The `seq` index of each open element.
    let mut open: Vec<u32> = Vec::new();
    for edge in doc.traverse(body) {
        match edge {
            Edge::Open(id) => {
                let i = id.index();
                let Some(el) = doc.element(id) else {
                    if raw.is_some() {
                        continue;
                    }
                    m.order[i] = pos;
                    pos += 1;
                    if let Some(t) = doc.text(id) {
                        let len = crate::text::word_chars(t);
                        m.text[i] = len;
                        if link_depth > 0 {
                            m.link[i] = len;
                        }
                    }
                    continue;
                };
                let sh = shape_of(el);
                m.shape[i] = sh;
                open.push(m.seq.len() as u32);
                m.seq.push(id);
                m.seq_end.push(0);
                if sh & shape::SUBS != 0 && !m.not_granted {
                    m.not_granted = el
                        .attr("subscriptions-section")
                        .is_some_and(|v| v.trim() == "content-not-granted");
                }
                if raw.is_some() {
                    continue;
                }
                m.order[i] = pos;
                pos += 1;
                if sh & shape::RAW != 0 {
                    m.end[i] = pos;
                    raw = Some(id);
                    continue;
                }
                m.flags[i] = el.flags;
                if sh & shape::NAMED_A != 0 {
                    link_depth += 1;
                    // NOTE: what a link presses is read only for the blocks that ask.
                    m.links.push(id, m.order[i]);
                    if el.attr("href").is_some() {
                        m.bits[i] = sub::LINK;
                    }
                } else {
                    m.bits[i] = own_bits(doc, id);
                }
            }
            Edge::Close(id) => {
                let i = id.index();
                let sh = m.shape[i];
                if sh & shape::ELEMENT != 0 {
                    if let Some(k) = open.pop() {
                        m.seq_end[k as usize] = m.seq.len() as u32;
                    }
                }
                if id != body {
                    if let Some(p) = doc.parent(id) {
                        let pi = p.index();
                        m.below[pi] |= m.below[i] | below_own(sh);
                        if m.first_heading[pi].is_none() {
                            m.first_heading[pi] = if sh & shape::HEADING != 0 {
                                Some(id)
                            } else {
                                m.first_heading[i]
                            };
                        }
                    }
                }
                match raw {
                    Some(r) if r == id => raw = None,
                    Some(_) => continue,
                    None => {}
                }
                m.end[i] = pos;
                if sh & shape::A != 0 {
                    link_depth = link_depth.saturating_sub(1);
                }
                if sh & shape::P != 0
                    && m.text[i] >= tune::PROSE_MIN_CHARS
                    && (m.link[i] as f64) < m.text[i] as f64 * tune::PROSE_MAX_LINK_SHARE
                {
                    m.prose[i] = m.text[i];
                    if m.flags[i] & flags::HIDDEN == 0 {
                        if let Some(a) = doc.parent(id) {
                            let pr = m.prose[i] as f64;
                            m.credits.push((a, pr));
                            if let Some(g) = doc.parent(a) {
                                m.credits.push((g, pr / 2.0));
                            }
                        }
                    }
                }
                if id != body {
                    if let Some(p) = doc.parent(id) {
                        let pi = p.index();
                        m.text[pi] += m.text[i];
                        m.link[pi] += m.link[i];
                        m.prose[pi] += m.prose[i];
                        m.bits[pi] |= m.bits[i];
                    }
                }
            }
        }
    }
    m
}

/// What a node is, as far as [`Measure::below`] tells it to its ancestors, from its shape.
fn below_own(sh: u16) -> u8 {
    let mut b = 0;
    if sh & shape::HREF != 0 {
        b |= below::HREF;
    }
    if sh & shape::BLOCK != 0 {
        b |= below::BLOCK;
    }
    b
}

/// What an element other than `a` itself contributes to its subtree's bits (an `a`: see
/// [`link_bits`]).
fn own_bits(doc: &Document, id: NodeId) -> u16 {
    let Some(el) = doc.element(id) else { return 0 };
    let mut b = 0;
    match el.name.as_str() {
        "form" => {
            let search = el.attr("role").is_some_and(|r| r.trim() == "search")
                || el
                    .attr("action")
                    .is_some_and(|a| a.to_ascii_lowercase().contains("search"))
                || doc.descendants(id).any(|d| {
                    doc.attr(d, "type")
                        .is_some_and(|t| t.eq_ignore_ascii_case("search"))
                        || doc.is(d, "input")
                            && doc
                                .attr(d, "name")
                                .is_some_and(|n| matches!(n, "q" | "s" | "p" | "query" | "search"))
                });
            if !search {
                b |= sub::FORM;
            }
        }
        "input" => {
            let t = el
                .attr("type")
                .unwrap_or("text")
                .trim()
                .to_ascii_lowercase();
            let name = el.attr("name").unwrap_or("").to_ascii_lowercase();
            if t == "email" || name.contains("email") {
                b |= sub::EMAIL;
            }
            if t == "submit" || t == "button" {
                b |= sub::SUBMIT;
            }
        }
        "button" => {
            if is_dismiss(doc, id) {
                b |= sub::DISMISS;
            } else {
                b |= sub::SUBMIT;
            }
        }
        "img" | "picture" | "video" => b |= sub::IMG,
        _ => {}
    }
    b
}

/// What an `a` element contributes to its subtree's bits: [`sub::LINK`] with an `href`, and
/// what it presses ([`sub::PRESSES`]).
fn link_bits(doc: &Document, id: NodeId) -> u16 {
    let Some(el) = doc.element(id) else { return 0 };
    let mut b = 0;
    if el.attr("role").is_some_and(|r| r.trim() == "button")
        || el.attr("class").is_some_and(|c| {
            lexicon::may_be_chrome(c, chrome::BUTTON) && lexicon::chrome_of(c) & chrome::BUTTON != 0
        })
    {
        b |= sub::BUTTON;
    }
    if let Some(h) = el.attr("href") {
        b |= sub::LINK;
        if lexicon::is_cta_url(h) {
            b |= sub::CTA_LINK;
        }
    }
    if is_dismiss(doc, id) {
        b |= sub::DISMISS;
    }
    b
}

/// A close/dismiss control: its label or text says so, or it is a lone "×".
fn is_dismiss(doc: &Document, id: NodeId) -> bool {
    // The label: the naming attributes, then the title (looked up and folded only when one of
    // them may name a dismiss control).
    let maybe = doc.element(id).is_some_and(|el| {
        el.attrs.iter().any(|a| {
            (a.name == "title" || is_naming_attr(&a.name))
                && lexicon::may_be_chrome(&a.value, chrome::DISMISS)
        })
    });
    if maybe {
        let title = doc.attr(id, "title").unwrap_or("");
        if lexicon::chrome_of_parts(naming_parts(doc, id).chain([title])) & chrome::DISMISS != 0 {
            return true;
        }
    }
    // The text, trimmed, read only as far as it can still be a lone mark (three bytes at most):
    // `s` is the text so far without its leading whitespace, and only grows.
    let mut s = String::new();
    for n in doc.descendants(id) {
        if let Some(t) = doc.text(n) {
            let t = if s.is_empty() { t.trim_start() } else { t };
            // NOTE: the common case, a first word longer than a mark, needs no copy.
            if s.is_empty() && t.trim_end().len() > 3 {
                return false;
            }
            s.push_str(t);
            if s.trim_end().len() > 3 {
                return false;
            }
        }
    }
    matches!(s.trim(), "×" | "✕" | "✖" | "X" | "x")
}

/// The block that holds most of the page's prose: each prose paragraph credits its parent fully
/// and its grandparent half (the credits the measure walk gathered; see `Measure::credits`).
///
/// NOTE: credits are whole and half characters, so their sums are exact in any order.
fn body_container(body: NodeId, m: &mut Measure) -> Option<NodeId> {
    let credits = &mut m.credits;
    credits.sort_unstable_by_key(|c| c.0);
    let mut best: Option<(NodeId, f64)> = None;
    let mut k = 0;
    while k < credits.len() {
        let node = credits[k].0;
        let mut score = 0.0;
        while k < credits.len() && credits[k].0 == node {
            score += credits[k].1;
            k += 1;
        }
        // Ties go to the earlier node: nodes come in ascending order, so only a higher score
        // replaces the best so far.
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((node, score));
        }
    }
    best.map(|(n, _)| n).filter(|&n| n != body)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::dom::html::parse;
    use crate::page::Page;

    fn run(html: &str, url: Option<&str>) -> (Vec<(String, RemovalKind)>, bool) {
        let doc = parse(html);
        let mut page = Page::new(&doc, url.map(String::from));
        page.meta = crate::metadata::read(&doc, url);
        detect(&mut page);
        let removed = page
            .removed_roots()
            .into_iter()
            .map(|id| {
                (
                    collapse(&doc.text_content(id)),
                    page.verdict(id)
                        .map(|v| v.kind)
                        .unwrap_or(RemovalKind::Teaser),
                )
            })
            .collect();
        (removed, page.preview.is_preview)
    }

    const PROSE: &str = "<p>The council met on Tuesday to discuss the new budget, which covers roads, schools and the library service for the coming year.</p>";

    #[test]
    fn prose_about_subscribing_stays() {
        let html = format!(
            "<html><body><article><div class=body>{p}{p}<p>Readers who subscribe to the council alerts will get a text message when the river passes the amber level, and can sign up online.</p>{p}</div></article></body></html>",
            p = PROSE
        );
        let (removed, preview) = run(&html, None);
        assert!(removed.is_empty(), "{:?}", removed);
        assert!(!preview);
    }

    #[test]
    fn a_short_story_keeps_its_story_around_a_signup_box() {
        // No line is long enough to be prose, so no body container guards the story: the box
        // in it must not take the story with it.
        let html = "<html><body><article><h1>Ferry back in service</h1><p>The harbour ferry returned to service on Monday.</p><div><button aria-label=\"Close\">×</button><p>Want local news? Sign up to our newsletter.</p><form><input type=email><button type=submit>Sign up</button></form></div><p>Repairs took three weeks.</p></article></body></html>";
        let (removed, _) = run(html, None);
        assert_eq!(removed.len(), 1, "{:?}", removed);
        assert!(
            removed[0].0.contains("Sign up to our newsletter"),
            "{:?}",
            removed
        );
        assert!(!removed[0].0.contains("ferry"), "{:?}", removed);
    }

    #[test]
    fn a_box_goes_with_its_heading_beside_its_form() {
        // The words beside the form's wrapper are the box's own call to action: the box goes
        // whole, heading and all.
        let html = format!(
            "<html><body><article><div class=body>{p}{p}<div><h3>Sign up to our newsletter</h3><div><form><input type=email><button type=submit>Go</button></form></div></div>{p}</div></article></body></html>",
            p = PROSE
        );
        let (removed, _) = run(&html, None);
        assert_eq!(removed.len(), 1, "{:?}", removed);
        assert!(
            removed[0].0.contains("Sign up to our newsletter"),
            "{:?}",
            removed
        );
        assert!(removed[0].0.contains("Go"), "{:?}", removed);
    }

    #[test]
    fn a_rail_heading_after_prose_names_no_rail() {
        // The story's first part and a related-stories aside share a wrapper: the wrapper is no
        // rail, as its heading does not open it; the aside is.
        let html = format!(
            "<html><body><article><div class=part><p>Yahoo's sale is a complicated beast, showing how different acquisition structures can affect how shareholders are treated.</p><aside><h3>Related Coverage</h3><ul><li><a href=/a>One story</a></li><li><a href=/b>Another story</a></li><li><a href=/c>A third story</a></li></ul></aside></div><div class=body>{p}{p}{p}</div></article></body></html>",
            p = PROSE
        );
        let (removed, _) = run(&html, None);
        assert!(
            removed
                .iter()
                .all(|(t, _)| !t.contains("complicated beast")),
            "{:?}",
            removed
        );
        assert!(
            removed
                .iter()
                .any(|(t, _)| t.starts_with("Related Coverage")),
            "{:?}",
            removed
        );
    }

    #[test]
    fn promo_paragraph_goes() {
        let html = format!(
            "<html><body><div class=body>{p}<p>Want the week's best stories? <a href=\"/newsletters\">Sign up to our Sunday newsletter</a></p>{p}{p}</div></body></html>",
            p = PROSE
        );
        let (removed, _) = run(&html, None);
        assert_eq!(removed.len(), 1, "{:?}", removed);
        assert_eq!(removed[0].1, RemovalKind::Promo);
    }

    #[test]
    fn wall_after_body_makes_a_preview_and_overlay_does_not() {
        let wall = format!(
            "<html><body><div class=body>{p}{p}{p}</div><div class=regwall><h3>Subscribe to continue reading</h3><a href=/subscribe>Subscribe</a></div></body></html>",
            p = PROSE
        );
        let (removed, preview) = run(&wall, None);
        assert_eq!(removed.len(), 1);
        assert!(preview);
        let overlay = format!(
            "<html><body><div class=body>{p}{p}{p}</div><div style=\"position:fixed\"><h3>Subscribe to continue reading</h3><button>Subscribe</button></div></body></html>",
            p = PROSE
        );
        let (removed, preview) = run(&overlay, None);
        assert_eq!(removed.len(), 1);
        assert!(!preview);
    }

    #[test]
    fn amp_not_granted_withholds_the_gated_section() {
        let html = format!(
            "<html><body><article><div class=body>{p}{p}{p}</div><section subscriptions-section=\"content\"><p>The gated half of the story goes on here at some length, with the numbers the reporter found.</p></section><section subscriptions-section=\"content-not-granted\"><p>Subscribe to keep reading.</p></section></article></body></html>",
            p = PROSE
        );
        let (removed, preview) = run(&html, None);
        assert_eq!(removed.len(), 2, "{:?}", removed);
        assert!(preview);
    }

    /// Each removed block's text, kind and reason.
    fn verdicts(html: &str) -> Vec<(String, RemovalKind, String)> {
        let doc = parse(html);
        let mut page = Page::new(&doc, None);
        page.meta = crate::metadata::read(&doc, None);
        detect(&mut page);
        page.removed_roots()
            .into_iter()
            .map(|id| {
                let v = page.verdict(id).expect("a removed root has a verdict");
                (collapse(&doc.text_content(id)), v.kind, v.reason.clone())
            })
            .collect()
    }

    #[test]
    fn page_parts_with_a_call_to_action_are_named_as_such() {
        // Navigation, a comments section and a footer go for the call to action they hold, and
        // are reported as what they are; a footer whose class names a sign-up box is still a box,
        // and a button that only shares goes with the share bars.
        let html = format!(
            "<html><body>\
             <nav class=navbar><div class=inner><a href=/>Home</a> <a href=/latest>Latest</a> <a href=/signin>Log in</a> <a href=/signup>Try it free</a></div></nav>\
             <div class=main-menu style=\"position:sticky\"><a href=/>Home</a> <a href=/subscribe>Subscribe</a></div>\
             <article><div class=body>{p}{p}<p class=button-wrapper><a class=button href=\"/p/x?action=share\">Share The Ledger</a></p>{p}</div></article>\
             <div class=comments-section><h4>Discussion about this post</h4><button>Comments</button> <button>Restacks</button> <div>Comments are open to paid subscribers only.</div></div>\
             <div class=page-footer><a href=/privacy>Privacy</a> <a href=/terms>Terms</a> <a href=\"https://apps.apple.com/app/x\">Get the app</a></div>\
             <footer class=subscribe-footer><a href=/subscribe>Subscribe to our daily briefing</a></footer>\
             </body></html>",
            p = PROSE
        );
        let removed = verdicts(&html);
        let reason = |start: &str| {
            removed
                .iter()
                .find(|(t, _, _)| t.starts_with(start))
                .map(|(_, k, r)| (*k, r.as_str()))
                .unwrap_or_else(|| panic!("{:?} not removed: {:?}", start, removed))
        };
        assert!(
            reason("Home Latest")
                .1
                .starts_with("navigation with a call to action (\"log in\""),
            "{:?}",
            removed
        );
        assert_eq!(
            reason("Home Subscribe").1,
            "navigation with a call to action (\"subscribe\"; fixed position)"
        );
        assert_eq!(
            reason("Share The Ledger"),
            (RemovalKind::Teaser, "share button")
        );
        assert!(
            reason("Discussion")
                .1
                .starts_with("comments section with a call to action"),
            "{:?}",
            removed
        );
        assert!(
            reason("Privacy")
                .1
                .starts_with("footer with a call to action"),
            "{:?}",
            removed
        );
        assert!(
            reason("Subscribe to our daily")
                .1
                .starts_with("call-to-action box"),
            "{:?}",
            removed
        );
        assert!(
            removed.iter().all(|(_, k, _)| *k == RemovalKind::Teaser),
            "{:?}",
            removed
        );
    }

    #[test]
    fn tracking_is_stripped() {
        assert_eq!(
            strip_tracking("https://a.com/x?utm_source=y&id=3#top"),
            "https://a.com/x?id=3#top"
        );
        assert_eq!(
            strip_tracking("https://a.com/x?utm_source=y"),
            "https://a.com/x"
        );
    }
}
