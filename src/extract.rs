//! Pass 3, extract: finds the article body.
//!
//! ```text
//!  body ─► measure (text, link text, commas, counts per node, bottom-up; skipped subtrees: 0)
//!       ─► score paragraphs (prose length, commas) and credit up to 5 ancestors
//!       ─► candidates × (1 − link density) ─► top candidate (+ a shared ancestor, a parent
//!          that scores higher, a lone child's parent)
//!       ─► siblings that score well or read like prose join
//!       ─► inside the chosen roots, blocks that look like chrome are dropped
//!  too short? retry with fewer heuristics; every attempt short? keep the longest, or say why
//!  there is no article.
//! ```
//!
//! Every walk is iterative; per-node figures live in side tables indexed by `NodeId`.

use crate::dom::{flags, Document, Edge, NodeId, Ns};
use crate::page::Page;
use std::cell::Cell;

/// The chosen body: these nodes, in document order, make up the article.
#[derive(Clone, Debug, Default)]
pub struct Extraction {
    pub roots: Vec<NodeId>,
    /// Nodes inside the roots that stay out of the article (chrome found inside the body).
    pub dropped: Vec<NodeId>,
    /// Characters of text the roots hold, less what was dropped.
    pub text_len: usize,
    /// The share of that text inside links.
    pub link_density: f64,
    /// The writing direction declared on the body's nearest ancestor (or itself), if any.
    pub dir: Option<String>,
}

/// Tunables, named so they can be read and changed in one place.
mod tune {
    /// An attempt whose text is shorter than this retries with fewer heuristics.
    pub const CHAR_THRESHOLD: usize = 500;
    /// A paragraph shorter than this adds nothing to its ancestors' scores.
    pub const MIN_PARAGRAPH_CHARS: usize = 25;
    /// A paragraph's length bonus: one point per this many characters…
    pub const CHARS_PER_POINT: f64 = 100.0;
    /// …up to this many points.
    pub const MAX_LENGTH_POINTS: f64 = 3.0;
    /// The share of an in-page anchor's text counted as link text (tables of contents,
    /// footnote marks are links, but they do not lead away).
    pub const ANCHOR_LINK_WEIGHT: f64 = 0.3;
    /// How many ancestor levels a paragraph credits.
    pub const ANCESTOR_LEVELS: usize = 5;
    /// Class/id hint weight.
    pub const CLASS_WEIGHT: f64 = 25.0;
    /// How many of the best candidates are looked at for a shared ancestor…
    pub const ALT_CANDIDATES: usize = 5;
    /// …those scoring at least this share of the top one count…
    pub const ALT_SHARE: f64 = 0.75;
    /// …and an ancestor holding this many of them (with the top one) becomes the top.
    pub const ALT_MIN_SHARED: usize = 3;
    /// Climbing from the top candidate stops at a parent scoring below this share of it.
    pub const PARENT_FLOOR_SHARE: f64 = 1.0 / 3.0;
    /// A top candidate shorter than `CHAR_THRESHOLD` climbs to ancestors whose link density
    /// stays below this.
    pub const SHORT_CLIMB_LINK_DENSITY: f64 = 0.3;
    /// A sibling joins when it scores at least this share of the top candidate…
    pub const SIBLING_SHARE: f64 = 0.2;
    /// …and at least this much.
    pub const SIBLING_MIN: f64 = 10.0;
    /// Bonus share of the top score for a sibling with the same class.
    pub const SIBLING_SAME_CLASS: f64 = 0.2;
    /// A sibling paragraph longer than this joins when its link density is below
    /// [`SIBLING_LINK_DENSITY`].
    pub const SIBLING_PROSE_CHARS: usize = 80;
    pub const SIBLING_LINK_DENSITY: f64 = 0.25;
    /// Blocks with at least this many commas are prose, never chrome.
    pub const PROSE_COMMAS: u32 = 10;
    /// Link density above which a block without a positive hint is chrome…
    pub const CHROME_LINK_DENSITY: f64 = 0.2;
    /// …and above which even a positively hinted block is.
    pub const CHROME_LINK_DENSITY_POSITIVE: f64 = 0.5;
    /// A block with less text than this and no media, with links, is chrome.
    pub const TINY_BLOCK_CHARS: u32 = 25;
    /// Words in a link's text from which a link to another site reads as a citation…
    pub const CITATION_WORDS: usize = 5;
    /// …or, when its address names a numbered item (a bug, an issue), from which it does.
    pub const TRACKER_CITATION_WORDS: usize = 3;
    /// Citations a list holds from which they are its matter.
    pub const LIST_CITATIONS: u32 = 2;
    /// Nodes in a list past which its citations are not looked for (see `cited_share`).
    pub const CITED_LIST_NODES: usize = 4000;
    /// Words of a link's text its address spells from which it is a story's.
    pub const STORY_SLUG_WORDS: usize = 3;
    /// An element this short may be an ad slot's label (the longest there is, in word chars).
    pub const SLOT_LABEL_CHARS: u32 = 48;
    /// Link text under this many characters never swamps a code, math or media block.
    pub const PRECIOUS_CREDIT_LINK_CHARS: u32 = 75;
    /// A label laid over a chart (an axis value, a callout) is at most this long.
    pub const OVERLAY_LABEL_CHARS: u32 = 150;
    /// A line of dates or of category links is at most this long.
    pub const META_LINE_CHARS: u32 = 120;
    /// A picture's caption is at most this long.
    pub const CAPTION_MAX_CHARS: u32 = 300;
    /// A block with more embeds than this, or one embed and less text than
    /// [`EMBED_TEXT_CHARS`], is a widget.
    pub const MAX_EMBEDS: u32 = 1;
    pub const EMBED_TEXT_CHARS: u32 = 75;
    /// A page whose best candidate holds less than this is "no article", unless that
    /// candidate is most of what the page says (a short page is still a page).
    pub const MIN_ARTICLE_CHARS: usize = 140;
    /// The share of the page's visible text a short candidate needs to stand as the article.
    pub const SHORT_PAGE_SHARE: f64 = 0.5;
    /// Above this link density the best candidate is a list of links, not an article.
    pub const MAX_ARTICLE_LINK_DENSITY: f64 = 0.5;
    /// On a short page, a later attempt replaces an earlier one only with this much more text.
    pub const RETRY_GAIN: f64 = 1.1;
    /// A data table has at least this many cells (rows × columns)…
    pub const DATA_TABLE_CELLS: u32 = 10;
    /// …or at least this many rows, or more than this many columns.
    pub const DATA_TABLE_ROWS: u32 = 10;
    pub const DATA_TABLE_COLS: u32 = 4;
}

/// Class/id fragments of blocks that are rarely the article (checked as substrings). Among
/// them the classes a print stylesheet hides, which name the page's own chrome: `noprint`
/// (MediaWiki's "[citation needed]" and navboxes, rfcmarkup's document links), `no-print`,
/// `hidden-print` (Bootstrap 3), `d-print-none` (Bootstrap 4 and later).
const UNLIKELY: &[&str] = &[
    "-ad-",
    "ad-break",
    "agegate",
    "banner",
    "breadcrumb",
    "combx",
    "comment",
    "community",
    "consent",
    "cookie",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "hidden-print",
    "legends",
    "menu",
    "most-popular",
    "navbar",
    "no-print",
    "noprint",
    "outbrain",
    "pager",
    "pagination",
    "popup",
    "print-none",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "supplemental",
    "taboola",
    "yom-remote",
];

/// Class words (whole tokens, split at anything but letters and digits) of blocks that are
/// rarely the article. NOTE: as substrings these would hit "shared-content", "promotion-free".
const UNLIKELY_TOKENS: &[&str] = &[
    "share",
    "social",
    "tweet",
    "twitter",
    "newsletter",
    "subscribe",
    "signup",
    "promo",
    "paywall",
    "trending",
    "recommended",
    "widget",
    "toolbar",
];

/// Class/id fragments that rescue an otherwise unlikely block.
const MAYBE: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "shadow", "story", "entry", "post-",
];

/// Class/id fragments that suggest the article.
const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "pagination",
    "post",
    "text",
    "blog",
    "story",
    "prose",
    "richtext",
];

/// Class/id fragments that suggest chrome.
const NEGATIVE: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "footnote",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
    "byline",
    "author-bio",
    "newsletter",
    "subscribe",
    "signup",
    "paywall",
    "nav",
    "social",
];

/// Class/id words (whole tokens) that suggest chrome.
const NEGATIVE_TOKENS: &[&str] = &["hid", "tool", "tools", "ad", "ads", "advert"];

/// ARIA roles of blocks that are never the article.
const UNLIKELY_ROLES: &[&str] = &[
    "menu",
    "menubar",
    "complementary",
    "navigation",
    "alert",
    "alertdialog",
    "dialog",
    "banner",
    "contentinfo",
    "search",
];

// NOTE: the tag sets below are `matches!` rather than slices searched with `contains`: they
// are asked about every element in every attempt, and a match on the name is a few
// comparisons where a slice search is dozens.

/// Elements whose subtrees never count as article text.
fn is_never(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
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
            | "svg"
            | "canvas"
            | "dialog"
            | "option"
            | "label"
            | "aside"
            | "footer"
    )
}

/// Block-level elements: a div containing one of these is a container, not a paragraph.
fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "details"
            | "dialog"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "ul"
            | "select"
            | "img"
            | "iframe"
            | "video"
            | "picture"
    )
}

/// The parts of a table between it and its cells, and the cells.
fn is_table_part(tag: &str) -> bool {
    matches!(
        tag,
        "caption" | "thead" | "tbody" | "tfoot" | "tr" | "td" | "th"
    )
}

/// Containers that the chrome check looks at.
fn is_checked(tag: &str) -> bool {
    matches!(
        tag,
        "div"
            | "section"
            | "header"
            | "table"
            | "ul"
            | "ol"
            | "dl"
            | "aside"
            | "fieldset"
            | "form"
            | "center"
    )
}

/// Hosts whose embeds are media in the article, not widgets.
const MEDIA_HOSTS: &[&str] = &[
    "youtube.com",
    "youtube-nocookie.com",
    "youtu.be",
    "vimeo.com",
    "dailymotion.com",
    "twitch.tv",
    "archive.org",
    "bilibili.com",
    "ted.com",
    "soundcloud.com",
    "spotify.com",
];

/// Which heuristics an attempt uses. Each retry drops one.
#[derive(Clone, Copy)]
struct Attempt {
    strip_unlikely: bool,
    weight_classes: bool,
    drop_chrome: bool,
}

const ATTEMPTS: [Attempt; 4] = [
    Attempt {
        strip_unlikely: true,
        weight_classes: true,
        drop_chrome: true,
    },
    Attempt {
        strip_unlikely: false,
        weight_classes: true,
        drop_chrome: true,
    },
    Attempt {
        strip_unlikely: false,
        weight_classes: false,
        drop_chrome: true,
    },
    Attempt {
        strip_unlikely: false,
        weight_classes: false,
        drop_chrome: false,
    },
];

/// Finds the article body, or says why there is none.
pub fn extract(page: &Page) -> Result<Extraction, String> {
    let doc = page.doc;
    let Some(body) = doc.body().or_else(|| doc.document_element()) else {
        return Err("the page has no body".into());
    };
    let mut best: Option<Extraction> = None;
    let mut best_linky: Option<Extraction> = None;
    let mut page_chars = 0usize;
    let hints = Hints::new(page);
    for attempt in ATTEMPTS {
        let (ex, all) = run(page, &hints, body, attempt);
        page_chars = page_chars.max(all);
        if ex.link_density > tune::MAX_ARTICLE_LINK_DENSITY {
            if best_linky.as_ref().is_none_or(|b| ex.text_len > b.text_len) {
                best_linky = Some(ex);
            }
            continue;
        }
        if ex.text_len >= tune::CHAR_THRESHOLD {
            return Ok(ex);
        }
        // A later attempt keeps more of what the earlier dropped as chrome: it wins only by
        // real text outside links, not by a site header's name or a label it lets back in.
        let prose = |e: &Extraction| e.text_len as f64 * (1.0 - e.link_density);
        if best
            .as_ref()
            .is_none_or(|b| prose(&ex) > prose(b) * tune::RETRY_GAIN)
        {
            best = Some(ex);
        }
    }
    let b = match (best, best_linky) {
        (Some(b), _) if b.text_len > 0 => b,
        (_, Some(l)) if l.text_len > 0 => {
            return Err(format!(
                "the best candidate is a list of links ({:.0}% of its {} characters are link text)",
                l.link_density * 100.0,
                l.text_len
            ))
        }
        _ => return Err("the page has no visible text".into()),
    };
    if b.text_len < tune::MIN_ARTICLE_CHARS
        && (b.text_len as f64) < page_chars as f64 * tune::SHORT_PAGE_SHARE
    {
        return Err(format!(
            "no block of prose found: the longest candidate holds {} of the page's {} characters, fewer than {}",
            b.text_len,
            page_chars,
            tune::MIN_ARTICLE_CHARS
        ));
    }
    Ok(b)
}

/// Every class/id fragment list, with the hint bit a match sets.
const FRAGMENT_LISTS: [(&[&str], u8); 4] = [
    (UNLIKELY, hint::UNLIKELY),
    (MAYBE, hint::MAYBE),
    (POSITIVE, hint::POSITIVE),
    (NEGATIVE, hint::NEGATIVE),
];

/// How many fragments the lists hold together (at most 128: one bit each in a `u128`).
const FRAGMENT_COUNT: usize = UNLIKELY.len() + MAYBE.len() + POSITIVE.len() + NEGATIVE.len();

/// The shortest fragment: every fragment's first three bytes are looked up in tables.
const MIN_FRAGMENT_LEN: usize = 3;

/// All the lower-case ASCII class/id fragments in one table, so that a class is searched in
/// one pass for every list at once. Each fragment is one bit; for each of its first three
/// bytes a table gives the fragments that have that byte there (in either case), so a position
/// tries only the fragments whose first three bytes all agree with it.
struct Fragments {
    list: [&'static str; FRAGMENT_COUNT],
    /// The hint bit of each fragment.
    bit: [u8; FRAGMENT_COUNT],
    /// `at[k][b]`: the fragments whose byte `k` is `b`, ignoring ASCII case.
    at: [[u128; 256]; MIN_FRAGMENT_LEN],
    /// For each hint bit (by its index), the fragments that set it.
    by_bit: [u128; 8],
}

impl Fragments {
    const fn new() -> Fragments {
        const { assert!(FRAGMENT_COUNT <= 128) };
        let mut f = Fragments {
            list: [""; FRAGMENT_COUNT],
            bit: [0; FRAGMENT_COUNT],
            at: [[0; 256]; MIN_FRAGMENT_LEN],
            by_bit: [0; 8],
        };
        let mut i = 0;
        let mut l = 0;
        while l < FRAGMENT_LISTS.len() {
            let (list, bit) = FRAGMENT_LISTS[l];
            let mut j = 0;
            while j < list.len() {
                let bytes = list[j].as_bytes();
                assert!(bytes.len() >= MIN_FRAGMENT_LEN);
                f.list[i] = list[j];
                f.bit[i] = bit;
                f.by_bit[bit.trailing_zeros() as usize] |= 1 << i;
                let mut k = 0;
                while k < MIN_FRAGMENT_LEN {
                    let b = bytes[k];
                    assert!(!b.is_ascii_uppercase());
                    f.at[k][b as usize] |= 1 << i;
                    f.at[k][b.to_ascii_uppercase() as usize] |= 1 << i;
                    k += 1;
                }
                i += 1;
                j += 1;
            }
            l += 1;
        }
        f
    }

    /// The hint bits of the lists with a fragment that `hay`, lower-cased (ASCII), contains.
    fn scan(&self, hay: &str) -> u8 {
        let h = hay.as_bytes();
        let mut found = 0u8;
        // Fragments of the lists not found yet.
        let mut open = u128::MAX;
        for i in 0..h.len().saturating_sub(MIN_FRAGMENT_LEN - 1) {
            let mut m = self.at[0][h[i] as usize]
                & self.at[1][h[i + 1] as usize]
                & self.at[2][h[i + 2] as usize]
                & open;
            while m != 0 {
                let k = m.trailing_zeros() as usize;
                let n = self.list[k].as_bytes();
                if h.len() - i >= n.len() && h[i..i + n.len()].eq_ignore_ascii_case(n) {
                    let bit = self.bit[k];
                    found |= bit;
                    open &= !self.by_bit[bit.trailing_zeros() as usize];
                    if open == 0 {
                        return found;
                    }
                    m &= open;
                } else {
                    m &= m - 1;
                }
            }
        }
        found
    }
}

static FRAGMENTS: Fragments = Fragments::new();

/// Bits of what an element's class and id hint at (see [`Hints`]).
mod hint {
    /// The bits are filled in.
    pub const KNOWN: u8 = 1;
    /// A [`super::NEGATIVE`] fragment or a [`super::NEGATIVE_TOKENS`] word.
    pub const NEGATIVE: u8 = 2;
    /// A [`super::POSITIVE`] fragment.
    pub const POSITIVE: u8 = 4;
    /// An [`super::UNLIKELY`] fragment, or an [`super::UNLIKELY_TOKENS`] word in the class.
    pub const UNLIKELY: u8 = 8;
    /// A [`super::MAYBE`] fragment.
    pub const MAYBE: u8 = 16;
    /// Whether the element is a citation is known (see [`super::Hints::citation`])…
    pub const CITATION_KNOWN: u8 = 32;
    /// …and it is one.
    pub const CITATION: u8 = 64;
}

/// The class/id hints of the page's elements, found on first use and kept for every attempt.
///
/// NOTE: class and id are matched separately, as they stand: no fragment holds a space, so
/// none can straddle the two in "class id", and lower-casing is folded into the comparison.
struct Hints {
    bits: Vec<Cell<u8>>,
    /// The page's hosts, of its address and its canonical one (see [`is_citation`]).
    sites: [Option<String>; 2],
}

impl Hints {
    fn new(page: &Page) -> Hints {
        Hints {
            bits: vec![Cell::new(0); page.doc.len()],
            sites: [page.base_url.as_deref(), page.meta.canonical.as_deref()]
                .map(|u| u.and_then(crate::url::host)),
        }
    }

    fn get(&self, doc: &Document, id: NodeId) -> u8 {
        let cell = &self.bits[id.index()];
        if cell.get() & hint::KNOWN == 0 {
            let citation = cell.get() & (hint::CITATION_KNOWN | hint::CITATION);
            cell.set(hints_of(doc, id) | citation);
        }
        cell.get()
    }

    /// Whether link `id` is a citation (see [`is_citation`]): asked once, kept for every
    /// attempt (it resolves the link's host and reads its text).
    fn citation(&self, doc: &Document, id: NodeId) -> bool {
        let cell = &self.bits[id.index()];
        if cell.get() & hint::CITATION_KNOWN == 0 {
            let found = if is_citation(doc, id, &self.sites) {
                hint::CITATION
            } else {
                0
            };
            cell.set(cell.get() | hint::CITATION_KNOWN | found);
        }
        cell.get() & hint::CITATION != 0
    }

    /// +/- weight from class and id.
    fn class_weight(&self, doc: &Document, id: NodeId) -> f64 {
        let b = self.get(doc, id);
        let mut w = 0.0;
        if b & hint::NEGATIVE != 0 {
            w -= tune::CLASS_WEIGHT;
        }
        if b & hint::POSITIVE != 0 {
            w += tune::CLASS_WEIGHT;
        }
        w
    }
}

/// The hint bits of one element, from its class and id.
fn hints_of(doc: &Document, id: NodeId) -> u8 {
    let class = doc.attr(id, "class").unwrap_or("");
    let ident = doc.attr(id, "id").unwrap_or("");
    let mut b = hint::KNOWN | FRAGMENTS.scan(class) | FRAGMENTS.scan(ident);
    if b & hint::NEGATIVE == 0
        && (NEGATIVE_WORDS.in_tokens(class) || NEGATIVE_WORDS.in_tokens(ident))
    {
        b |= hint::NEGATIVE;
    }
    // NOTE: tokens are read from the class only: ids are often slugs of headings.
    if b & hint::UNLIKELY == 0 && UNLIKELY_WORDS.in_tokens(class) {
        b |= hint::UNLIKELY;
    }
    b
}

static NEGATIVE_WORDS: Tokens = Tokens::new(NEGATIVE_TOKENS);
static UNLIKELY_WORDS: Tokens = Tokens::new(UNLIKELY_TOKENS);

/// A list of lower-case ASCII words, with the first bytes and lengths they have, so that most
/// tokens of a class are told apart from all of them at a glance.
struct Tokens {
    list: &'static [&'static str],
    /// The first bytes of the words, in either case.
    first: [bool; 256],
    /// Bit n: a word is n bytes long (words are shorter than 64 bytes).
    lens: u64,
}

impl Tokens {
    const fn new(list: &'static [&'static str]) -> Tokens {
        let mut first = [false; 256];
        let mut lens = 0u64;
        let mut i = 0;
        while i < list.len() {
            let w = list[i].as_bytes();
            assert!(!w.is_empty() && w.len() < 64);
            first[w[0] as usize] = true;
            first[w[0].to_ascii_uppercase() as usize] = true;
            lens |= 1 << w.len();
            i += 1;
        }
        Tokens { list, first, lens }
    }

    /// True when a token of `v` (a run of ASCII letters and digits) is one of the words,
    /// ignoring ASCII case.
    fn in_tokens(&self, v: &str) -> bool {
        // NOTE: a character other than ASCII is never a letter or digit here, and none of its
        // bytes is one either, so splitting bytes splits where splitting characters does.
        v.as_bytes().split(|b| !b.is_ascii_alphanumeric()).any(|t| {
            t.len() < 64
                && self.lens & (1 << t.len()) != 0
                && self.first[t[0] as usize]
                && self
                    .list
                    .iter()
                    .any(|w| t.eq_ignore_ascii_case(w.as_bytes()))
        })
    }
}

/// Whether an element is left out by this attempt, with its subtree.
fn skipped(page: &Page, hints: &Hints, id: NodeId, attempt: Attempt) -> bool {
    let doc = page.doc;
    let Some(el) = doc.element(id) else {
        return false;
    };
    if page.verdict(id).is_some() || el.flags & flags::HIDDEN != 0 {
        return true;
    }
    if page.meta.byline_nodes.binary_search(&id).is_ok() {
        return true;
    }
    match el.ns {
        Ns::Html => {}
        // MathML is text the article keeps; SVG and other vocabularies are pictures.
        Ns::MathMl => return false,
        Ns::Svg | Ns::Other => return true,
    }
    let name = el.name.as_str();
    if is_never(name) {
        return true;
    }
    if el.flags & flags::ARIA_HIDDEN != 0
        && !is_formula_picture(doc, id)
        && !doc
            .descendants(id)
            .any(|d| doc.element(d).is_some_and(|e| e.name == "math"))
    {
        return true;
    }
    if el
        .attr("role")
        .is_some_and(|r| r.trim() == "dialog" || r.trim() == "alertdialog")
    {
        return true;
    }
    if attempt.strip_unlikely {
        if el
            .attr("role")
            .is_some_and(|r| UNLIKELY_ROLES.contains(&r.trim()))
        {
            return true;
        }
        if !matches!(
            name,
            "body"
                | "a"
                | "table"
                | "tbody"
                | "tr"
                | "td"
                | "th"
                | "article"
                | "main"
                | "code"
                | "pre"
        ) {
            let h = hints.get(doc, id);
            // A quotation (an embedded post: `<blockquote class="twitter-tweet">`) and a
            // picture with its caption (`<div class="image-widget">`) are what the writer put
            // in the story, whatever their component is called.
            if h & hint::UNLIKELY != 0
                && h & hint::MAYBE == 0
                && name != "blockquote"
                && !holds_math(doc, id)
                && !is_plain_picture(doc, id)
                && !el
                    .attr("itemprop")
                    .is_some_and(|v| v.contains("articleBody"))
                && !has_ancestor_tag(doc, id, "table", 3)
                && !has_ancestor_tag(doc, id, "code", 3)
            {
                return true;
            }
        }
    }
    false
}

/// True when an `aria-hidden` picture is the one a formula shows: right after the formula's
/// MathML, which the page hides from sight and keeps for screen readers (MediaWiki's
/// `display:none` MathML and its SVG rendering, every formula of wikipedia-3). `aria-hidden`
/// only keeps the picture from screen readers, who have the MathML; readers see the picture.
fn is_formula_picture(doc: &Document, id: NodeId) -> bool {
    if !doc.is(id, "img") {
        return false;
    }
    crate::captions::prev_element(doc, id).is_some_and(|b| {
        doc.element(b)
            .is_some_and(|e| e.flags & flags::HIDDEN != 0 && holds_math(doc, b))
    })
}

/// True when the subtree holds MathML (formula wrappers carry menu and widget classes).
fn holds_math(doc: &Document, id: NodeId) -> bool {
    doc.descendants(id)
        .any(|d| doc.element(d).is_some_and(|e| e.ns == Ns::MathMl))
}

fn has_ancestor_tag(doc: &Document, id: NodeId, tag: &str, levels: usize) -> bool {
    doc.ancestors(id).take(levels).any(|a| doc.is(a, tag))
}

/// Per-node figures over what the attempt keeps, summed bottom-up.
#[derive(Clone, Copy, Default)]
struct Counts {
    /// Characters of text (words plus one separator each).
    text: u32,
    /// Characters of text inside links.
    link: u32,
    commas: u32,
    paragraphs: u32,
    images: u32,
    list_items: u32,
    /// Characters of text inside lists (the outermost `ul` and `ol`).
    list_text: u32,
    inputs: u32,
    embeds: u32,
    /// Characters of text inside headings.
    heading: u32,
    /// Preformatted, code, math or media the article keeps whatever its text.
    precious: u32,
    /// Holds a block-level element.
    has_block: bool,
    /// Left out with its subtree by this attempt.
    skip: bool,
}

fn measure(page: &Page, hints: &Hints, body: NodeId, attempt: Attempt) -> Vec<Counts> {
    let doc = page.doc;
    let mut c = vec![Counts::default(); doc.len()];
    // Weights of the open links, innermost last.
    let mut links: Vec<f64> = Vec::new();
    // Open `<form>` elements around the node (see `is_input`).
    let mut forms = 0u32;
    let mut it = doc.traverse(body);
    while let Some(edge) = it.next() {
        match edge {
            Edge::Open(id) => {
                if id != body && skipped(page, hints, id, attempt) {
                    c[id.index()].skip = true;
                    // Inputs count even when their form goes: a block of inputs is chrome.
                    if is_input(doc.tag(id), forms > 0) {
                        c[id.index()].inputs = 1;
                    }
                    // A lone `<noscript>` picture is one the builder keeps: the lazy loader's
                    // box around it holds a picture, it is not empty.
                    if doc.is(id, "noscript")
                        && !crate::clean::is_fallback_of_previous_image(doc, id)
                        && crate::clean::noscript_img(doc, id).is_some()
                    {
                        c[id.index()].images = 1;
                    }
                    it.skip_subtree(id);
                    continue;
                }
                if doc.is(id, "form") {
                    forms += 1;
                }
                if doc.is(id, "a") {
                    links.push(link_weight(doc.attr(id, "href")));
                }
                if let Some(t) = doc.text(id) {
                    let len = crate::text::word_chars(t);
                    let n = &mut c[id.index()];
                    n.text = len;
                    n.commas = crate::text::commas(t) as u32;
                    if let Some(w) = links.iter().copied().reduce(f64::max) {
                        n.link = (len as f64 * w) as u32;
                    }
                }
            }
            Edge::Close(id) => {
                let tag = doc.tag(id);
                if !c[id.index()].skip {
                    if tag == Some("a") {
                        links.pop();
                    }
                    if tag == Some("form") {
                        forms = forms.saturating_sub(1);
                    }
                    let n = &mut c[id.index()];
                    match tag {
                        Some("p") => n.paragraphs += 1,
                        // A formula's picture is the formula, not a photo: math, as MathML is.
                        Some("img") if is_formula_picture(doc, id) => n.precious += 1,
                        Some("img") => n.images += 1,
                        Some("li") => n.list_items += 1,
                        Some("ul" | "ol") => n.list_text = n.text,
                        t @ Some("input" | "select" | "textarea" | "button")
                            if is_input(t, forms > 0) =>
                        {
                            n.inputs += 1
                        }
                        Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6") => n.heading = n.text,
                        Some("pre" | "code" | "video" | "audio" | "picture" | "figure") => {
                            n.precious += 1
                        }
                        Some("iframe" | "object" | "embed") => {
                            // NOTE: where the builder looks too (a lazy player's data-src).
                            let src = ["src", "data-src", "data"]
                                .iter()
                                .find_map(|a| doc.attr(id, a).filter(|v| !v.trim().is_empty()))
                                .unwrap_or("");
                            if is_media(src) {
                                n.precious += 1;
                            } else {
                                n.embeds += 1;
                            }
                        }
                        _ => {}
                    }
                    if doc
                        .element(id)
                        .is_some_and(|e| e.ns == Ns::MathMl && e.name == "math")
                    {
                        n.precious += 1;
                    }
                }
                if id == body {
                    continue;
                }
                let Some(p) = doc.parent(id) else { continue };
                let child = c[id.index()];
                let parent = &mut c[p.index()];
                parent.inputs += child.inputs;
                parent.images += child.images;
                if child.skip {
                    continue;
                }
                let block = tag.is_some_and(is_block);
                parent.text += child.text;
                parent.link += child.link;
                parent.commas += child.commas;
                parent.paragraphs += child.paragraphs;
                parent.list_items += child.list_items;
                parent.list_text += child.list_text;
                parent.embeds += child.embeds;
                parent.heading += child.heading;
                parent.precious += child.precious;
                parent.has_block |= child.has_block || block;
            }
        }
    }
    c
}

/// A control a reader fills in or sends: an `<input>`, `<select>` or `<textarea>`, or a
/// `<button>` inside a `<form>` (`in_form`). A button outside a form works the page (a
/// caption's "More", "More sharing options", a theme's "Preview"): the block around it is no
/// form for it.
fn is_input(tag: Option<&str>, in_form: bool) -> bool {
    match tag {
        Some("input" | "select" | "textarea") => true,
        Some("button") => in_form,
        _ => false,
    }
}

/// The share of a list's text inside its citations (see [`is_citation`]), when it holds at least
/// [`tune::LIST_CITATIONS`] of them; else 0: one alone is a pointer ("BBC Africa Live updates
/// from Kenya" under a story, bbc-1). A list larger than [`tune::CITED_LIST_NODES`] nodes gets
/// no share: a post's list of sources is short, and each list around a nested one reads it
/// again, so the reads are bounded by the nesting depth times that size, not its square.
fn cited_share(doc: &Document, hints: &Hints, counts: &[Counts], list: NodeId, c: &Counts) -> f64 {
    let (mut chars, mut citations) = (0u32, 0u32);
    let mut it = doc.traverse(list);
    let mut seen = 0usize;
    while let Some(edge) = it.next() {
        let Edge::Open(id) = edge else { continue };
        seen += 1;
        if seen > tune::CITED_LIST_NODES {
            return 0.0;
        }
        let n = &counts[id.index()];
        if n.skip {
            it.skip_subtree(id);
        } else if doc.is(id, "a") {
            // NOTE: three words take at least five characters; the many links with fewer are
            // not asked the rest.
            if n.link >= 5 && hints.citation(doc, id) {
                chars += n.link;
                citations += 1;
            }
            it.skip_subtree(id);
        }
    }
    if citations < tune::LIST_CITATIONS || c.text == 0 {
        return 0.0;
    }
    chars as f64 / c.text as f64
}

/// A link to a page of another host whose text reads as a sentence (five words or more), and
/// not as the headline of a story: "Bug 1677080 – Fullscreen PiP window is affected by
/// switching video source", "improve the behaviour of the tab unloader" (bugzilla, from a
/// Firefox blog). A list of them is a post's own matter (changes made, sources read), however
/// much of it is links. The lists a site puts round its stories (related stories, sections,
/// recent posts) link its own pages, and where those sit on another host of the same site
/// (finance.yahoo.com linking www.yahoo.com), their addresses spell their headlines (see
/// [`is_story_link`]). A link to a numbered item of another host (a bug, an issue: see
/// [`crate::url::names_numbered_item`]) is a citation from three words: "converted some
/// DevTools code" in a list of the patches new contributors wrote. The page's host is that of
/// its address or its canonical one (`sites`); with neither, no link is a citation.
fn is_citation(doc: &Document, a: NodeId, sites: &[Option<String>]) -> bool {
    if sites.iter().all(Option::is_none) {
        return false;
    }
    let Some(href) = doc.attr(a, "href") else {
        return false;
    };
    let Some(host) = crate::url::host(href) else {
        return false;
    };
    if sites.iter().flatten().any(|s| *s == host) {
        return false;
    }
    let text = doc.text_content(a);
    let needed = if crate::url::names_numbered_item(href) {
        tune::TRACKER_CITATION_WORDS
    } else {
        tune::CITATION_WORDS
    };
    crate::text::word_count(&text) >= needed && !is_story_link(href, &text)
}

/// True when the last segment of a link's path spells its text, as a story's address spells
/// its headline ("/tech/review-high-flying-nba-2k17-has-a-career-year-184135248.html" for
/// "Review: High-flying ‘NBA 2K17’ has a career year"): at least three of the segment's words
/// of three letters or more are words of the text.
fn is_story_link(href: &str, text: &str) -> bool {
    let Some(path) = crate::url::path(href) else {
        return false;
    };
    let slug = crate::url::last_segment(path);
    let slug = slug.split('.').next().unwrap_or(slug);
    let words = crate::text::lower_words(text);
    slug.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() >= 3 && w.bytes().any(|b| b.is_ascii_alphabetic()))
        .filter(|w| words.iter().any(|t| t.eq_ignore_ascii_case(w)))
        .take(tune::STORY_SLUG_WORDS)
        .count()
        >= tune::STORY_SLUG_WORDS
}

/// How much a link's text counts as link text: a link that goes nowhere (no href, `javascript:`)
/// is text; an in-page anchor counts for [`tune::ANCHOR_LINK_WEIGHT`].
fn link_weight(href: Option<&str>) -> f64 {
    match href.map(str::trim) {
        None | Some("") => 0.0,
        Some(h)
            if h.get(..11)
                .is_some_and(|p| p.eq_ignore_ascii_case("javascript:")) =>
        {
            0.0
        }
        Some(h) if h.starts_with('#') => tune::ANCHOR_LINK_WEIGHT,
        Some(_) => 1.0,
    }
}

fn is_media(src: &str) -> bool {
    let src = src.trim();
    let src = src
        .strip_prefix("//")
        .map(|s| format!("https://{}", s))
        .unwrap_or_else(|| src.to_string());
    crate::url::host(&src).is_some_and(|h| {
        MEDIA_HOSTS
            .iter()
            .any(|m| h == *m || h.ends_with(&format!(".{}", m)))
    })
}

fn link_density(c: &Counts) -> f64 {
    if c.text == 0 {
        0.0
    } else {
        c.link as f64 / c.text as f64
    }
}

/// Is this element scored as a paragraph?
fn is_paragraph(doc: &Document, id: NodeId, c: &Counts) -> bool {
    match doc.tag(id) {
        Some("p" | "pre" | "td") => true,
        Some("blockquote" | "dd" | "li") => !c.has_block,
        // A wrapper of inline content only reads as a paragraph.
        Some("div" | "section" | "span" | "font" | "article" | "center" | "main") => !c.has_block,
        _ => false,
    }
}

fn base_score(doc: &Document, id: NodeId) -> f64 {
    match doc.tag(id) {
        Some("div" | "article" | "main") => 5.0,
        Some("section") => 3.0,
        Some("pre" | "td" | "blockquote") => 3.0,
        Some("address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form") => -3.0,
        Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th") => -5.0,
        _ => 0.0,
    }
}

/// One attempt: the extraction and the page's visible text length.
fn run(page: &Page, hints: &Hints, body: NodeId, attempt: Attempt) -> (Extraction, usize) {
    let doc = page.doc;
    let counts = measure(page, hints, body, attempt);
    let page_chars = counts[body.index()].text as usize;
    let mut score: Vec<f64> = vec![0.0; doc.len()];
    let mut is_candidate = vec![false; doc.len()];
    let mut candidates: Vec<NodeId> = Vec::new();

    let mut credit = |para: NodeId, first: NodeId, chars: u32, commas: u32| {
        let points = 1.0
            + commas as f64
            + (chars as f64 / tune::CHARS_PER_POINT).min(tune::MAX_LENGTH_POINTS);
        let mut level = 0usize;
        let mut cur = Some(first);
        let _ = para;
        while let Some(a) = cur {
            if level >= tune::ANCESTOR_LEVELS || doc.element(a).is_none() {
                break;
            }
            if !is_candidate[a.index()] {
                is_candidate[a.index()] = true;
                score[a.index()] = base_score(doc, a)
                    + if attempt.weight_classes {
                        hints.class_weight(doc, a)
                    } else {
                        0.0
                    };
                candidates.push(a);
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            score[a.index()] += points / divider;
            level += 1;
            if a == body {
                break;
            }
            cur = doc.parent(a);
        }
    };

    let mut it = doc.descendants(body);
    while let Some(id) = it.next() {
        let c = &counts[id.index()];
        if c.skip {
            it.skip_subtree(id);
            continue;
        }
        if doc.element(id).is_none() {
            continue;
        }
        if is_paragraph(doc, id, c) {
            if c.text as usize >= tune::MIN_PARAGRAPH_CHARS {
                if let Some(p) = doc.parent(id) {
                    credit(id, p, c.text, c.commas);
                }
            }
            it.skip_subtree(id);
            continue;
        }
        // Loose text beside blocks (`<div>text<br>text<p>…</p></div>`) is a paragraph of its
        // container.
        if c.has_block {
            let mut run_text = 0u32;
            let mut run_commas = 0u32;
            let mut flush = |run_text: &mut u32, run_commas: &mut u32| {
                if *run_text as usize >= tune::MIN_PARAGRAPH_CHARS {
                    credit(id, id, *run_text, *run_commas);
                }
                *run_text = 0;
                *run_commas = 0;
            };
            for ch in doc.children(id) {
                let cc = &counts[ch.index()];
                // A table's rows are not loose text: their cells are scored as paragraphs.
                let block =
                    doc.tag(ch).is_some_and(|t| is_block(t) || is_table_part(t)) || cc.has_block;
                if block {
                    flush(&mut run_text, &mut run_commas);
                } else if !cc.skip {
                    run_text += cc.text;
                    run_commas += cc.commas;
                }
            }
            flush(&mut run_text, &mut run_commas);
        }
    }

    for &c in &candidates {
        score[c.index()] *= 1.0 - link_density(&counts[c.index()]);
    }
    candidates.sort_by(|a, b| score[b.index()].total_cmp(&score[a.index()]));

    let Some(&first) = candidates.first() else {
        let ex = finish(page, hints, &counts, vec![body], Some(body), attempt);
        return (ex, page_chars);
    };
    let mut top = first;
    let top_score = score[top.index()];

    // When several strong candidates share an ancestor, that ancestor holds the article.
    let strong: Vec<NodeId> = candidates
        .iter()
        .skip(1)
        .take(tune::ALT_CANDIDATES)
        .copied()
        .filter(|&c| score[c.index()] >= top_score * tune::ALT_SHARE)
        .collect();
    if strong.len() + 1 >= tune::ALT_MIN_SHARED {
        let mut anc = doc.parent(top);
        while let Some(a) = anc {
            if doc.element(a).is_none() {
                break;
            }
            let shared = strong
                .iter()
                .filter(|&&c| doc.is_inclusive_ancestor(a, c))
                .count();
            if shared + 1 >= tune::ALT_MIN_SHARED {
                top = a;
                break;
            }
            if a == body {
                break;
            }
            anc = doc.parent(a);
        }
    }
    // A parent that scores higher than the top holds more of the article.
    let floor = score[top.index()] * tune::PARENT_FLOOR_SHARE;
    let mut last = score[top.index()];
    let mut anc = doc.parent(top);
    while let Some(p) = anc {
        if top == body || doc.element(p).is_none() {
            break;
        }
        if !is_candidate[p.index()] {
            anc = doc.parent(p);
            continue;
        }
        let s = score[p.index()];
        if s < floor {
            break;
        }
        if s > last {
            top = p;
            break;
        }
        last = s;
        if p == body {
            break;
        }
        anc = doc.parent(p);
    }
    // A lone child of its parent: take the parent, which may hold figures and headings too.
    // Children the attempt skips (unlikely, hidden, removed as clutter) do not count; a
    // <noscript> does, as the builder may keep its picture.
    while let Some(p) = doc.parent(top) {
        if top == body
            || doc.element(p).is_none()
            || doc
                .element_children(p)
                .filter(|&c| !counts[c.index()].skip || doc.is(c, "noscript"))
                .count()
                != 1
        {
            break;
        }
        top = p;
    }

    // A short top candidate on a page of many small blocks (a landing page, a feature list):
    // its ancestors that are still prose, not link lists, hold the rest of the story.
    if (counts[top.index()].text as usize) < tune::CHAR_THRESHOLD {
        while let Some(p) = doc.parent(top) {
            if top == body || doc.element(p).is_none() {
                break;
            }
            let pc = &counts[p.index()];
            if link_density(pc) > tune::SHORT_CLIMB_LINK_DENSITY
                || pc.text == counts[top.index()].text && p == body
            {
                break;
            }
            top = p;
        }
    }

    // Siblings that score well, or read like prose, join the top candidate.
    let top_score = score[top.index()].max(top_score);
    let threshold = (top_score * tune::SIBLING_SHARE).max(tune::SIBLING_MIN);
    let mut roots = Vec::new();
    let siblings: Vec<NodeId> = match doc.parent(top) {
        Some(p) if top != body => doc.children(p).collect(),
        _ => vec![top],
    };
    let top_class = doc.attr(top, "class").unwrap_or("");
    // The element just before the top candidate: where the story's lead picture stands.
    let before_top = siblings
        .iter()
        .copied()
        .take_while(|&s| s != top)
        .filter(|&s| doc.element(s).is_some() && !counts[s.index()].skip)
        .last();
    for s in siblings {
        if s == top {
            roots.push(s);
            continue;
        }
        let c = &counts[s.index()];
        if doc.element(s).is_none() || c.skip {
            continue;
        }
        let mut bonus = 0.0;
        if !top_class.is_empty() && doc.attr(s, "class") == Some(top_class) {
            bonus += top_score * tune::SIBLING_SAME_CLASS;
        }
        let chars = c.text as usize;
        let ld = link_density(c);
        let prose = chars > tune::SIBLING_PROSE_CHARS && ld < tune::SIBLING_LINK_DENSITY;
        let joins = (is_candidate[s.index()] && score[s.index()] + bonus >= threshold)
            // Another part of the same body (split around a figure), whose paragraphs sit too
            // deep to credit it: its class and its prose are enough.
            || (bonus > 0.0 && !is_candidate[s.index()] && prose)
            || (is_paragraph(doc, s, c)
                && doc.tag(s) != Some("td")
                && (prose || (chars > 0 && ld == 0.0 && ends_sentence(&doc.text_content(s)))));
        // The lead picture: a `<figure>` right before the body holding one image and at most
        // a caption, no links (a teaser's picture links to its story); or any other block
        // there holding only such a picture, unlinked (WordPress's `div.post-thumbnail`).
        let lead_picture = Some(s) == before_top
            && c.images == 1
            && c.link == 0
            && c.list_items == 0
            && c.embeds == 0
            && c.text <= tune::CAPTION_MAX_CHARS
            && (doc.is(s, "figure") || (is_lead_block(doc, s) && is_plain_picture(doc, s)));
        if joins || lead_picture {
            roots.push(s);
        }
    }
    let ex = finish(page, hints, &counts, roots, Some(top), attempt);
    (ex, page_chars)
}

/// Drops chrome inside the roots and measures what is left.
fn finish(
    page: &Page,
    hints: &Hints,
    counts: &[Counts],
    roots: Vec<NodeId>,
    top: Option<NodeId>,
    attempt: Attempt,
) -> Extraction {
    let doc = page.doc;
    let mut dropped = Vec::new();
    let mut dropped_chars = 0u32;
    let mut dropped_links = 0u32;
    // Open `<figure>` elements around the node, and kept pictures with their captions (see
    // `is_captioned_picture`), which count as figures (see `chrome`).
    let mut figures = 0u32;
    let mut pictures: Vec<NodeId> = Vec::new();
    // The outermost table of data open around the node: kept whole, cells and all.
    let mut data_table: Option<NodeId> = None;
    for &r in &roots {
        let mut it = doc.traverse(r);
        while let Some(edge) = it.next() {
            let id = match edge {
                Edge::Open(id) => id,
                Edge::Close(id) => {
                    if data_table == Some(id) {
                        data_table = None;
                    }
                    if doc.is(id, "figure") {
                        figures = figures.saturating_sub(1);
                    }
                    if pictures.last() == Some(&id) {
                        pictures.pop();
                    }
                    continue;
                }
            };
            // NOTE: counted on the way in whatever happens to the node, as its close comes
            // either way (skip_subtree closes it too).
            let in_figure = figures > 0 || !pictures.is_empty();
            if doc.is(id, "figure") {
                figures += 1;
            }
            let c = &counts[id.index()];
            if c.skip {
                // Skipped by the scoring only: the builder still leaves out what it never keeps,
                // and unlikely blocks inside the body go too.
                if doc.element(id).is_some()
                    && !matches!(
                        doc.tag(id),
                        Some("script" | "style" | "noscript" | "template")
                    )
                {
                    dropped.push(id);
                }
                it.skip_subtree(id);
                continue;
            }
            if doc.element(id).is_none() || Some(id) == top || data_table.is_some() {
                continue;
            }
            // A table of data is kept whole: what its cells hold (an encyclopedia infobox's
            // labels and lists of links) is the data, not chrome around it.
            if doc.is(id, "table") && is_data_table(doc, id) {
                data_table = Some(id);
                continue;
            }
            if attempt.drop_chrome && c.images == 0 && c.text <= tune::META_LINE_CHARS {
                // The view's header shows the date (when the page gives one) and no categories.
                let published = page.meta.published_time.as_deref().filter(|_| c.link == 0);
                if published.is_some_and(|p| is_dateline(doc, id, p))
                    || (c.link > 0
                        && !doc.is(id, "a")
                        && is_line_of(doc, id, |n| is_tag_link(doc, n)))
                {
                    dropped.push(id);
                    dropped_chars += c.text;
                    dropped_links += c.link;
                    it.skip_subtree(id);
                    continue;
                }
            }
            // NOTE: asked once here; `chrome` judges such a picture as it judges a figure's
            // content.
            let captioned = attempt.drop_chrome && is_captioned_picture(doc, c, id);
            if chrome(doc, hints, counts, id, in_figure, captioned, attempt).is_some() {
                dropped.push(id);
                dropped_chars += c.text;
                dropped_links += c.link;
                it.skip_subtree(id);
            } else if captioned {
                // What it holds is its caption: judged as a figure's (see `chrome`).
                pictures.push(id);
            }
        }
    }
    let total: u32 = roots.iter().map(|r| counts[r.index()].text).sum();
    let links: u32 = roots.iter().map(|r| counts[r.index()].link).sum();
    let dir = roots.first().and_then(|&r| {
        std::iter::once(r)
            .chain(doc.ancestors(r))
            .find_map(|a| doc.attr(a, "dir"))
            .map(|d| d.trim().to_ascii_lowercase())
            .filter(|d| d == "rtl" || d == "ltr")
    });
    Extraction {
        roots,
        dropped,
        text_len: total.saturating_sub(dropped_chars) as usize,
        link_density: if total > dropped_chars {
            links.saturating_sub(dropped_links) as f64 / (total - dropped_chars) as f64
        } else {
            0.0
        },
        dir,
    }
}

/// Why a block inside the article is chrome, if it is. `in_figure`: a `<figure>` holds it, at
/// whatever depth (a picture's wrappers often nest several levels inside its figure), or it sits
/// in a picture with its caption; `captioned`: it is such a picture (see
/// `is_captioned_picture`, asked once per node by `finish`). A caption there may name things by
/// links as long as they are not most of its words.
fn chrome(
    doc: &Document,
    hints: &Hints,
    counts: &[Counts],
    id: NodeId,
    in_figure: bool,
    captioned: bool,
    attempt: Attempt,
) -> Option<&'static str> {
    let tag = doc.tag(id)?;
    let c = &counts[id.index()];
    // A picture with its caption is judged as a figure's content.
    let in_figure = in_figure || captioned;
    if attempt.drop_chrome && c.images == 0 && c.text <= tune::SLOT_LABEL_CHARS {
        if let Some(why) = slot_label(doc, id, tag) {
            return Some(why);
        }
    }
    if matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
        if attempt.weight_classes && hints.class_weight(doc, id) < 0.0 {
            return Some("a heading marked as chrome");
        }
        return None;
    }
    // A figure of an embedded player the view leaves out (a widget's iframe, no picture, no
    // media it keeps): its caption captions nothing there (bbc-1's "Media caption …" under each
    // video).
    if attempt.drop_chrome
        && tag == "figure"
        && c.embeds > 0
        && c.images == 0
        && c.precious == 1
        && c.paragraphs == 0
        && c.text <= tune::CAPTION_MAX_CHARS
    {
        return Some("the caption of an embed left out");
    }
    if !attempt.drop_chrome || !is_checked(tag) {
        return None;
    }
    if c.precious > 0 && c.precious >= c.embeds {
        // Code, math and media blocks are kept unless links swamp them; a credit of a few words
        // (a reading's narrator under its audio) does not.
        if link_density(c) < tune::CHROME_LINK_DENSITY_POSITIVE
            || c.link < tune::PRECIOUS_CREDIT_LINK_CHARS
        {
            return None;
        }
    }
    if c.commas >= tune::PROSE_COMMAS {
        return None;
    }
    if c.images == 0 && c.text <= tune::OVERLAY_LABEL_CHARS && is_overlay_label(doc, id) {
        return Some("a label laid over a picture");
    }
    let weight = if attempt.weight_classes {
        hints.class_weight(doc, id)
    } else {
        0.0
    };
    let is_list = matches!(tag, "ul" | "ol" | "dl")
        // A container of lists only (at any depth) reads as a list.
        || (c.list_items > 0 && c.text > 0 && c.list_text as f64 > c.text as f64 * 0.9);
    // In a list, citations are its matter, not links away from it (asked only of a list its
    // links would make chrome).
    let ld = link_density(c);
    let ld = if is_list && ld > tune::CHROME_LINK_DENSITY {
        ld - cited_share(doc, hints, counts, id, c)
    } else {
        ld
    };
    if weight < 0.0 && c.text < 200 && !is_media_picture(doc, c, id) && !(captioned && c.link == 0)
    {
        return Some("marked as chrome by its class");
    }
    if c.images > 1 && (c.paragraphs as f64) / (c.images as f64) < 0.5 && !in_figure && c.text < 200
    {
        return Some("images without prose");
    }
    if !is_list && c.list_items > c.paragraphs + 100 {
        return Some("more list items than paragraphs");
    }
    if c.inputs > c.paragraphs / 3 && c.inputs > 0 {
        return Some("a form");
    }
    let heading_share = if c.text == 0 {
        0.0
    } else {
        c.heading as f64 / c.text as f64
    };
    if !is_list
        && heading_share < 0.9
        && c.text < tune::TINY_BLOCK_CHARS
        && (c.images == 0 || c.images > 2)
        && ld > 0.0
    {
        return Some("a scrap of links");
    }
    if weight < tune::CLASS_WEIGHT
        && ld > tune::CHROME_LINK_DENSITY
        && !((is_list || in_figure) && ld < tune::CHROME_LINK_DENSITY_POSITIVE)
    {
        return Some("mostly links");
    }
    if ld > tune::CHROME_LINK_DENSITY_POSITIVE {
        return Some("mostly links");
    }
    if (c.embeds == tune::MAX_EMBEDS && c.text < tune::EMBED_TEXT_CHARS)
        || c.embeds > tune::MAX_EMBEDS
    {
        return Some("an embedded widget");
    }
    if c.images == 0 && c.text == 0 && c.precious == 0 {
        return Some("empty");
    }
    None
}

/// True when a block is placed by its own `style` at offsets from its box's top and side
/// (`top:34%; left:5%`), with another block placed so and a picture in the same box: labels
/// laid over that picture (a chart's values and axis ticks, drawn by ai2html and the like,
/// nytimes-4). Off the picture, in the reading view, such labels are a heap of stray numbers.
fn is_overlay_label(doc: &Document, id: NodeId) -> bool {
    if !is_placed(doc, id) {
        return false;
    }
    doc.parent(id).is_some_and(|p| {
        doc.element_children(p)
            .any(|s| matches!(doc.tag(s), Some("img" | "picture" | "svg" | "canvas")))
            && doc
                .element_children(p)
                .any(|s| s != id && is_placed(doc, s))
    })
}

/// True when an element's own `style` sets an offset from the top (or bottom) and one from a
/// side: it is placed at a spot of its box, not laid out in the flow.
fn is_placed(doc: &Document, id: NodeId) -> bool {
    let Some(style) = doc.attr(id, "style") else {
        return false;
    };
    let (mut top, mut side) = (false, false);
    for decl in style.split(';') {
        let Some((prop, _)) = decl.split_once(':') else {
            continue;
        };
        match prop.trim().to_ascii_lowercase().as_str() {
            "top" | "bottom" => top = true,
            "left" | "right" => side = true,
            _ => {}
        }
    }
    top && side
}

/// The whole text of the label an ad slot carries, or of a line that skips past the slot
/// (compared without case, trimmed of punctuation). Words that name a trade ("advertising",
/// "ads") or a kind of story ("sponsored") are left out: a list of sectors or a table may hold
/// them alone.
const AD_SLOT_LABELS: &[&str] = &[
    "advertisement",
    "advertisements",
    "story continues below advertisement",
    "article continues below advertisement",
    "article continues below this advertisement",
    "continue reading the main story",
    "continue reading below",
    "story continues below",
    "article continues below",
    "anzeige",
    "werbung",
    "publicité",
    "publicidad",
    "pubblicità",
    "publicidade",
    "إعلان",
];

/// Nodes [`is_line_of`] looks at, at most.
const META_LINE_MAX_NODES: usize = 32;

/// True when every word of `id`'s text sits inside elements `is_part` accepts, and there is at
/// least one (text outside them may only be punctuation): a line made only of dates
/// (`<time>`), or only of category links (`rel="tag"`).
fn is_line_of(doc: &Document, id: NodeId, is_part: impl Fn(NodeId) -> bool) -> bool {
    let mut parts = 0;
    let mut it = doc.traverse(id);
    let mut seen = 0;
    while let Some(edge) = it.next() {
        let Edge::Open(n) = edge else { continue };
        seen += 1;
        if seen > META_LINE_MAX_NODES {
            return false;
        }
        if n != id && is_part(n) {
            parts += 1;
            it.skip_subtree(n);
        } else if let Some(t) = doc.text(n) {
            if t.chars().any(char::is_alphanumeric) {
                return false;
            }
        }
    }
    parts > 0
}

/// True when `id` is a line of `<time>` elements only, one of them the publication's moment
/// `published` (the same minute, or the same day where either gives only a day): the dateline
/// the view's header repeats. A live blog's entry times, other moments, stay.
fn is_dateline(doc: &Document, id: NodeId, published: &str) -> bool {
    let same = |n: NodeId| {
        doc.attr(n, "datetime").is_some_and(|d| {
            let (d, p) = (d.trim(), published.trim());
            let n = if d.len() >= 16 && p.len() >= 16 {
                16
            } else {
                10
            };
            d.len() >= n && p.len() >= n && d.get(..n) == p.get(..n)
        })
    };
    is_line_of(doc, id, |n| doc.is(n, "time"))
        && doc
            .descendants(id)
            .take(META_LINE_MAX_NODES)
            .any(|n| doc.is(n, "time") && same(n))
}

/// A link marked as a category or tag of the post (`rel="tag"`, "category tag").
fn is_tag_link(doc: &Document, id: NodeId) -> bool {
    doc.is(id, "a")
        && doc.attr(id, "rel").is_some_and(|r| {
            r.split_ascii_whitespace()
                .any(|t| t.eq_ignore_ascii_case("tag"))
        })
}

/// The whole text of a label a page puts before a picture for screen readers ("Image",
/// "Photo"), which a reader of the view sees as a stray word above it.
const PICTURE_LABELS: &[&str] = &["image", "photo", "picture", "graphic", "illustration"];

/// The whole text of a player's label or button ("Listen", "Watch"), which the view, giving the
/// player its own controls, shows as a stray word above it.
const MEDIA_LABELS: &[&str] = &[
    "listen",
    "watch",
    "play",
    "audio",
    "video",
    "listen to this story",
    "listen to this article",
];

/// True when the next element after `id` (blank text aside) is one of `tags` or holds one near
/// its top (within [`LONE_PICTURE_MAX_NODES`] nodes).
fn next_holds(doc: &Document, id: NodeId, tags: &[&str]) -> bool {
    crate::captions::next_element(doc, id).is_some_and(|n| {
        doc.descendants(n)
            .take(LONE_PICTURE_MAX_NODES)
            .any(|d| doc.tag(d).is_some_and(|t| tags.contains(&t)))
    })
}

/// Where a short element is an ad slot's label ("Advertisement", "Story continues below
/// advertisement"), or a link that skips to another part of the page ("Skip to content",
/// "Continue reading the main story"): a reading view shows the whole story in one column, so
/// neither says anything. Only an element whose one child is its text, so a sentence that
/// merely mentions ads is never looked at; a list item or a table cell is a value, not a label.
fn slot_label(doc: &Document, id: NodeId, tag: &str) -> Option<&'static str> {
    if matches!(tag, "li" | "td" | "th" | "dt" | "dd" | "option") {
        return None;
    }
    let mut kids = doc.children(id);
    let only = kids.next()?;
    if kids.next().is_some() {
        return None;
    }
    let text = doc.text(only)?.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '|' | '·' | '•')
    });
    if AD_SLOT_LABELS
        .iter()
        .any(|l| text.eq_ignore_ascii_case(l) || (!text.is_ascii() && text.to_lowercase() == *l))
    {
        return Some("an ad slot's label");
    }
    if PICTURE_LABELS.iter().any(|l| text.eq_ignore_ascii_case(l))
        && next_holds(doc, id, &["img", "picture"])
    {
        return Some("a label naming the picture after it");
    }
    if MEDIA_LABELS.iter().any(|l| text.eq_ignore_ascii_case(l))
        && next_holds(doc, id, &["audio", "video", "iframe"])
    {
        return Some("a label of the player after it");
    }
    let in_page = tag == "a"
        && doc
            .attr(id, "href")
            .is_some_and(|h| h.trim_start().starts_with('#'));
    let lower = |n: usize| text.get(..n).map(str::to_ascii_lowercase);
    if in_page && (lower(5).as_deref() == Some("skip ") || lower(8).as_deref() == Some("jump to "))
    {
        return Some("a link that skips within the page");
    }
    None
}

/// A picture (or a set of two or three, an encyclopedia's multiple thumbnail) with its caption
/// only, a caption that may name things by links as long as links are not most of its words:
/// no link list, and kept whole.
fn is_captioned_picture(doc: &Document, c: &Counts, id: NodeId) -> bool {
    (1..=3).contains(&c.images)
        && c.text > 0
        && c.text <= tune::CAPTION_MAX_CHARS
        && link_density(c) < tune::CHROME_LINK_DENSITY_POSITIVE
        && c.paragraphs == 0
        && c.list_items == 0
        && c.inputs == 0
        && c.embeds == 0
        && is_lone_picture(doc, id)
}

/// A picture with at most a short caption and nothing else: one image that is a picture (see
/// [`is_lone_picture`]), no link, control, list, table or embed, and no more text than a
/// caption holds. Asked, before anything is measured, of blocks whose class reads as unlikely
/// ("widget"): a site names its image component as it names its other components.
fn is_plain_picture(doc: &Document, id: NodeId) -> bool {
    let mut images = 0;
    let mut text = 0usize;
    for (k, n) in doc.descendants(id).skip(1).enumerate() {
        if k == LONE_PICTURE_MAX_NODES {
            return false;
        }
        if let Some(t) = doc.text(n) {
            text += t.trim().chars().count();
            if text > tune::CAPTION_MAX_CHARS as usize {
                return false;
            }
            continue;
        }
        match doc.tag(n) {
            Some("img") => images += 1,
            Some("a") if doc.attr(n, "href").is_some() => return false,
            Some(
                "iframe" | "object" | "embed" | "video" | "audio" | "input" | "button" | "select"
                | "textarea" | "form" | "li" | "table",
            ) => return false,
            _ => {}
        }
    }
    images == 1 && is_lone_picture(doc, id)
}

/// A block that may hold a story's lead picture in place of a `<figure>`: a layout wrapper, not
/// a heading, list or table (a block left out as chrome is never the one before the body).
fn is_lead_block(doc: &Document, id: NodeId) -> bool {
    matches!(doc.tag(id), Some("div" | "p" | "picture" | "span"))
}

/// Nodes [`is_lone_picture`] looks at, at most: a picture and its caption are a few.
const LONE_PICTURE_MAX_NODES: usize = 64;

/// True when every image in `id` (at least one) is a picture, not a stand-in (a `data:` URL, an
/// icon beside a share link), and `id` holds no table: what pictures and their captions hold.
fn is_lone_picture(doc: &Document, id: NodeId) -> bool {
    // Every image a real picture, and at least one.
    let (mut pictures, mut stand_ins) = (0u32, 0u32);
    for (k, n) in doc.descendants(id).skip(1).enumerate() {
        if k == LONE_PICTURE_MAX_NODES {
            return false;
        }
        match doc.tag(n) {
            Some("table") => return false,
            Some("img") => {
                let src = ["src", "data-src", "srcset"]
                    .iter()
                    .find_map(|a| doc.attr(n, a).map(str::trim).filter(|v| !v.is_empty()));
                if src.is_some_and(|v| !v.starts_with("data:")) {
                    pictures += 1;
                } else {
                    stand_ins += 1;
                }
            }
            _ => {}
        }
    }
    pictures > 0 && stand_ins == 0
}

/// A picture with at most a caption, in a wrapper whose class or id reads as chrome only for
/// the word "media" (`<div class="media">`: a news site's image block, which went whole with
/// its picture). "media" is among the negative words for social-media widgets; those the other
/// words and the counts still catch: one image, no text in links, no inputs, lists or embeds.
fn is_media_picture(doc: &Document, c: &Counts, id: NodeId) -> bool {
    if c.images != 1 || c.link > 0 || c.inputs > 0 || c.list_items > 0 || c.embeds > 0 {
        return false;
    }
    let mut named = false;
    for name in ["class", "id"] {
        let value = doc.attr(id, name).unwrap_or("").to_ascii_lowercase();
        if value.contains("media") {
            named = true;
        }
        let rest = value.replace("media", " ");
        if FRAGMENTS.scan(&rest) & hint::NEGATIVE != 0 || NEGATIVE_WORDS.in_tokens(&rest) {
            return false;
        }
    }
    named
}

/// A table of data (kept whole) rather than one for layout.
pub(crate) fn is_data_table(doc: &Document, id: NodeId) -> bool {
    if doc.attr(id, "role") == Some("presentation") || doc.attr(id, "datatable") == Some("0") {
        return false;
    }
    if doc
        .attr(id, "summary")
        .is_some_and(|s| !s.trim().is_empty())
    {
        return true;
    }
    let mut rows = 0u32;
    let mut cols = 0u32;
    for d in doc.descendants(id).skip(1) {
        match doc.tag(d) {
            Some("table") => return false,
            Some("caption" | "th" | "thead" | "tfoot" | "colgroup" | "col") => return true,
            Some("tr") => {
                rows += 1;
                let n = doc
                    .element_children(d)
                    .filter(|&c| doc.is(c, "td"))
                    .map(|c| {
                        doc.attr(c, "colspan")
                            .and_then(|v| v.trim().parse::<u32>().ok())
                            .unwrap_or(1)
                            .min(100)
                    })
                    .sum::<u32>();
                cols = cols.max(n);
            }
            _ => {}
        }
    }
    rows >= tune::DATA_TABLE_ROWS
        || cols > tune::DATA_TABLE_COLS
        || rows * cols > tune::DATA_TABLE_CELLS
}

fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with(['.', '!', '?', '。', '！', '？', '»', '"', '”'])
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn fragments_match_like_lowered_contains(s in "(?s)(Ad|-|SIDE|bar|Body|story|Content|com|é|.){0,12}") {
            let lower = s.to_ascii_lowercase();
            let mut want = 0u8;
            for (list, bit) in FRAGMENT_LISTS {
                if list.iter().any(|n| lower.contains(n)) {
                    want |= bit;
                }
            }
            proptest::prop_assert_eq!(FRAGMENTS.scan(&s), want);
        }

        #[test]
        fn tokens_match_like_split_compare(s in "(?s)(Ad|ads|-|SHARE|tool|s|é|Promo| |.){0,8}") {
            for (set, list) in [(&NEGATIVE_WORDS, NEGATIVE_TOKENS), (&UNLIKELY_WORDS, UNLIKELY_TOKENS)] {
                let want = s
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|t| list.iter().any(|n| t.eq_ignore_ascii_case(n)));
                proptest::prop_assert_eq!(set.in_tokens(&s), want);
            }
        }
    }

    #[test]
    fn a_story_link_spells_its_headline_and_a_tracker_link_does_not() {
        assert!(is_story_link(
            "https://www.yahoo.com/tech/review-high-flying-nba-2k17-has-a-career-year-184135248.html",
            "Review: High-flying ‘NBA 2K17’ has a career year"
        ));
        assert!(is_story_link(
            "https://news.example/2026/10/vertical-tabs-for-everyone/",
            "Vertical tabs for everyone, at last"
        ));
        assert!(!is_story_link(
            "https://bugzilla.mozilla.org/show_bug.cgi?id=1677080",
            "Bug 1677080 – Fullscreen PiP window is affected by switching video source"
        ));
        assert!(!is_story_link(
            "https://tracker.example/issues/4412",
            "Issue 4412 – Tabs reopen in the wrong window after a restart"
        ));
        assert!(!is_story_link(
            "/relative/tabs-reopen-in-the-wrong-window",
            "Tabs reopen in the wrong window"
        ));
    }
}
