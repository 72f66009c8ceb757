//! Captions: a caption that arrives as a bare paragraph or span beside an image becomes that
//! image's figure caption, so the view shows `<figure><img><figcaption>` instead of a stray
//! body paragraph. A separate credit line joins its caption.
//!
//! ```text
//!  img ─climb while no text─► media (img, picture, link or wrapper holding only the image)
//!   ├─ media's parent holds only media + up to 3 short text blocks  → those are the caption
//!   └─ else media's next sibling is a short block with a caption cue → that is the caption
//! ```
//!
//! A caption cue is a class or id token (caption, credit, legend…) or a credit at the end of
//! the text ("(REUTERS)", "Photo: …"). Images already inside a `<figure>` with a
//! `<figcaption>` are left alone. The pass only records pairs in `page.captions`; the clean
//! pass builds the figure.

use crate::dom::{flags, Document, NodeId};
use crate::lexicon::{self, chrome};
use crate::page::{Caption, Page};
use crate::text::{collapse, is_blank};

/// A caption is at most this long, in characters.
const CAPTION_MAX_CHARS: usize = 400;
/// Words an alt text needs for a block repeating it to be its caption (see `echoes_alt`).
const ECHO_MIN_WORDS: usize = 4;
/// A wrapper holds at most this many caption blocks besides its image.
const MAX_PARTS: usize = 3;
/// The credit in parentheses at the end of a caption is at most this long.
const CREDIT_MAX_CHARS: usize = 70;
/// Letters an all-capitals credit needs ("(AP)" has two).
const CREDIT_MIN_CAPS: usize = 2;

/// Words that, inside a trailing parenthesis or before a colon, make a credit.
const CREDIT_WORDS: &[&str] = &[
    "photo",
    "photograph",
    "picture",
    "image",
    "credit",
    "getty",
    "reuters",
    "afp",
    "ap",
    "epa",
    "pa",
    "via",
    "shutterstock",
    "alamy",
    "foto",
    "fotos",
    "bild",
    "imagen",
    "immagine",
    "crédit",
    "photographie",
    "illustration",
    "file",
    "handout",
    "supplied",
    "courtesy",
    "صورة",
    "أرشيف",
];

/// Elements that can carry a caption.
const CAPTION_TAGS: &[&str] = &["p", "span", "div", "small", "em", "i", "cite", "figcaption"];

/// Finds captions for the images under `roots` and records them on `page`.
pub fn find(page: &mut Page, roots: &[NodeId]) {
    let doc = page.doc;
    let mut found: Vec<Caption> = Vec::new();
    // Per node (by index): a part (bit 1) or the figure (bit 2) of a caption found so far.
    // NOTE: sized at the first root with an image, like `subtrees`; a page without one pays
    // nothing.
    let mut taken: Vec<u8> = Vec::new();
    // Whether each figure met so far holds a `<figcaption>` (asked once per figure, not once
    // per image: a figure of many images made it quadratic).
    let mut captioned = std::collections::HashMap::new();
    let mut subtrees = Subtrees::default();
    for &root in roots {
        let order: Vec<NodeId> = doc.descendants(root).collect();
        let images: Vec<NodeId> = order
            .iter()
            .copied()
            .filter(|&n| doc.is(n, "img"))
            .collect();
        if images.is_empty() {
            continue;
        }
        taken.resize(doc.len(), 0);
        subtrees.count(doc, root, &order);
        for img in images {
            if page.is_removed(img)
                || hidden(doc, img)
                || in_captioned_figure(doc, img, &mut captioned)
            {
                continue;
            }
            if let Some(c) = caption_for(page, &subtrees, root, img) {
                if c.parts.iter().any(|p| taken[p.index()] & 1 != 0)
                    || taken[c.figure.index()] & 2 != 0
                {
                    continue;
                }
                for p in &c.parts {
                    taken[p.index()] |= 1;
                }
                taken[c.figure.index()] |= 2;
                found.push(c);
            }
        }
    }
    page.captions.extend(found);
}

/// What the climb from an image asks of each node under a root, counted once per root in one
/// pass (asking each ancestor's subtree anew for each image made many images in a wide or
/// text-free block quadratic).
#[derive(Default)]
struct Subtrees {
    /// Per node (by index): the subtree holds text (see `counts_as_text`).
    text: Vec<bool>,
    /// Per node (by index): the `<img>` elements in the subtree, counted up to 2.
    images: Vec<u8>,
}

impl Subtrees {
    /// Counts the subtree of `root`, whose nodes `order` holds in document order.
    fn count(&mut self, doc: &Document, root: NodeId, order: &[NodeId]) {
        // NOTE: sized at the first root with an image; a page without one pays nothing.
        self.text.resize(doc.len(), false);
        self.images.resize(doc.len(), 0);
        // Roots may nest: what an earlier root counted starts again from nothing.
        for &n in order {
            self.text[n.index()] = false;
            self.images[n.index()] = 0;
        }
        // NOTE: every node comes after its parent, so in reverse a node is complete before it
        // is added to its parent.
        for &n in order.iter().rev() {
            let i = n.index();
            if doc.is(n, "img") {
                self.images[i] = self.images[i].saturating_add(1).min(2);
            }
            if counts_as_text(doc, n) {
                self.text[i] = true;
            }
            if n == root {
                continue;
            }
            if let Some(p) = doc.parent(n) {
                let (t, im) = (self.text[i], self.images[i]);
                let p = p.index();
                self.text[p] |= t;
                self.images[p] = self.images[p].saturating_add(im).min(2);
            }
        }
    }

    /// The subtree of `id` holds text outside script, style, noscript and template.
    fn has_text(&self, id: NodeId) -> bool {
        self.text.get(id.index()).copied().unwrap_or(false)
    }

    /// The `<img>` elements in the subtree of `id` (`id` included), counted up to 2.
    fn images_in(&self, id: NodeId) -> u8 {
        self.images.get(id.index()).copied().unwrap_or(0)
    }
}

/// A text node that is not blank and is not the body of a script, style, noscript or template.
fn counts_as_text(doc: &Document, n: NodeId) -> bool {
    doc.text(n).is_some_and(|t| !is_blank(t))
        && !doc.parent(n).is_some_and(|p| {
            matches!(
                doc.tag(p),
                Some("script" | "style" | "noscript" | "template")
            )
        })
}

fn caption_for(page: &Page, sub: &Subtrees, root: NodeId, img: NodeId) -> Option<Caption> {
    let doc = page.doc;
    // Climb while the ancestor holds nothing but the image. NOTE: `img` is under `root`, so
    // the climb meets `root` before it could leave it.
    let mut media = img;
    while media != root {
        let Some(p) = doc.parent(media) else { break };
        if p == root || sub.has_text(p) || sub.images_in(p) > 1 {
            break;
        }
        media = p;
    }
    // 1. Inside a wrapper: the wrapper holds the media and a few short text blocks.
    if media != root {
        if let Some(wrapper) = doc.parent(media).filter(|&w| w != root) {
            // NOTE: a wrapper with more element children than that is not looked into, so a
            // wide block costs no walk over its children per image.
            let kids: Vec<NodeId> = doc.element_children(wrapper).take(MAX_PARTS + 2).collect();
            let others: Vec<NodeId> = kids.iter().copied().filter(|&c| c != media).collect();
            if !others.is_empty()
                && kids.len() <= MAX_PARTS + 1
                && !doc
                    .children(wrapper)
                    .any(|c| doc.text(c).is_some_and(|t| !is_blank(t)))
                && !kids
                    .iter()
                    .take_while(|&&c| c != media)
                    .any(|&c| sub.has_text(c))
                && sub.images_in(wrapper) == 1
                && others.iter().all(|&o| is_caption_block(page, o))
                && total_len(doc, &others) <= CAPTION_MAX_CHARS
            {
                let cue = others.iter().any(|&o| has_cue(doc, o) || !doc.is(o, "p"))
                    || has_cue(doc, wrapper)
                    || doc.is(wrapper, "figure");
                if cue {
                    return Some(Caption {
                        figure: wrapper,
                        parts: others,
                    });
                }
            }
        }
    }
    // 2. Right after the media: the next element sibling, and a credit line after it.
    let next = next_element(doc, media)?;
    if echoes_alt(page, img, next) {
        return Some(Caption {
            figure: media,
            parts: vec![next],
        });
    }
    if !is_caption_block(page, next)
        || !has_cue(doc, next)
        || total_len(doc, &[next]) > CAPTION_MAX_CHARS
    {
        return None;
    }
    let mut parts = vec![next];
    if let Some(credit) = next_element(doc, next) {
        let t = collapse(&doc.text_content(credit));
        if is_caption_block(page, credit)
            && lexicon::chrome_of(&naming(doc, credit)) & chrome::CAPTION != 0
            && t.chars().count() <= CREDIT_MAX_CHARS
        {
            parts.push(credit);
        }
    }
    Some(Caption {
        figure: media,
        parts,
    })
}

/// True when `block` says again what the picture's alt text says, in a caption's length: a
/// caption by what it reads, whatever it is dressed as. The Guardian sets a photo essay's
/// captions as a one-item list after each figure (guardian-1), which the view showed as a
/// bullet under every picture. Four of five of the alt's words (at least four of them) must be
/// in the block, and the block not half as long again.
fn echoes_alt(page: &Page, img: NodeId, block: NodeId) -> bool {
    let doc = page.doc;
    let Some(alt) = doc.attr(img, "alt") else {
        return false;
    };
    let alt = crate::text::lower_words(alt);
    if alt.len() < ECHO_MIN_WORDS {
        return false;
    }
    // A list of one item, or a block a caption can be.
    let item = match doc.tag(block) {
        Some("ul" | "ol") => {
            let mut items = doc.element_children(block);
            match (items.next(), items.next()) {
                (Some(li), None) if doc.is(li, "li") => li,
                _ => return false,
            }
        }
        _ => block,
    };
    if page.is_removed(block) || hidden(doc, block) {
        return false;
    }
    if item != block
        && doc.descendants(item).any(|d| {
            !matches!(
                doc.tag(d),
                None | Some("li" | "p" | "span" | "em" | "i" | "b" | "strong")
            )
        })
    {
        return false;
    }
    if item == block && !is_caption_block(page, block) {
        return false;
    }
    let text = collapse(&doc.text_content(block));
    if text.chars().count() > CAPTION_MAX_CHARS {
        return false;
    }
    let have = crate::text::lower_words(&text);
    // NOTE: a paragraph that merely uses the alt's words (lifehacker-working's alt is the
    // headline, which the next paragraph quotes) says more than it.
    if have.len() * 2 > alt.len() * 3 + ECHO_MIN_WORDS {
        return false;
    }
    let shared = alt.iter().filter(|w| have.contains(w)).count();
    shared * 5 >= alt.len() * 4
}

/// A short block of text with no image, heading or list inside, that is not removed or hidden.
fn is_caption_block(page: &Page, id: NodeId) -> bool {
    let doc = page.doc;
    let Some(tag) = doc.tag(id) else { return false };
    if !CAPTION_TAGS.contains(&tag) || page.is_removed(id) || hidden(doc, id) {
        return false;
    }
    let structured = doc.descendants(id).skip(1).any(|d| {
        doc.tag(d).is_some_and(|t| {
            matches!(
                t,
                "img"
                    | "picture"
                    | "video"
                    | "iframe"
                    | "ul"
                    | "ol"
                    | "table"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "p"
                    | "figure"
                    | "blockquote"
            )
        })
    });
    let len = collapse(&doc.text_content(id)).chars().count();
    !structured && len > 0 && len <= CAPTION_MAX_CHARS
}

/// A class/id token or a credit pattern that says "caption".
fn has_cue(doc: &Document, id: NodeId) -> bool {
    if lexicon::chrome_of(&naming(doc, id)) & chrome::CAPTION != 0 {
        return true;
    }
    ends_with_credit(&collapse(&doc.text_content(id)))
}

/// "… (Anadolu Agency via Getty Images)", "… (REUTERS)", "… Photo: Ruth Adeyemi".
pub fn ends_with_credit(text: &str) -> bool {
    let t = text.trim();
    if t.ends_with(')') {
        if let Some(open) = t.rfind('(') {
            let inner = &t[open + 1..t.len() - 1];
            if inner.chars().count() <= CREDIT_MAX_CHARS && !inner.is_empty() {
                let letters: Vec<char> = inner.chars().filter(|c| c.is_alphabetic()).collect();
                let caps =
                    letters.len() >= CREDIT_MIN_CAPS && letters.iter().all(|c| c.is_uppercase());
                if caps || has_credit_word(inner) {
                    return true;
                }
            }
        }
    }
    // "Photo: X", "Picture: X", "Foto: X" near the end.
    let lower = t.to_lowercase();
    CREDIT_WORDS.iter().any(|w| {
        lower.rfind(&format!("{}:", w)).is_some_and(|i| {
            (i == 0 || !lower[..i].ends_with(char::is_alphanumeric))
                && lower[i..].chars().count() <= CREDIT_MAX_CHARS
        })
    }) || lower.contains('©')
}

fn has_credit_word(s: &str) -> bool {
    let f = lexicon::fold(s);
    f.split(' ')
        .any(|w| CREDIT_WORDS.iter().any(|c| lexicon::fold(c) == w))
}

fn naming(doc: &Document, id: NodeId) -> String {
    format!(
        "{} {}",
        doc.attr(id, "class").unwrap_or(""),
        doc.attr(id, "id").unwrap_or("")
    )
}

fn hidden(doc: &Document, id: NodeId) -> bool {
    std::iter::once(id)
        .chain(doc.ancestors(id))
        .any(|a| doc.element(a).is_some_and(|e| e.flags & flags::HIDDEN != 0))
}

fn total_len(doc: &Document, ids: &[NodeId]) -> usize {
    ids.iter()
        .map(|&i| collapse(&doc.text_content(i)).chars().count())
        .sum()
}

/// The element right after `id`, blank text aside; None when loose text comes first.
pub(crate) fn next_element(doc: &Document, id: NodeId) -> Option<NodeId> {
    adjacent_element(doc, id, |n| doc.node(n).next_sibling)
}

/// The element right before `id`, blank text aside; None when loose text comes first.
pub(crate) fn prev_element(doc: &Document, id: NodeId) -> Option<NodeId> {
    adjacent_element(doc, id, |n| doc.node(n).prev_sibling)
}

fn adjacent_element(
    doc: &Document,
    id: NodeId,
    step: impl Fn(NodeId) -> Option<NodeId>,
) -> Option<NodeId> {
    let mut s = step(id);
    while let Some(n) = s {
        if doc.element(n).is_some() {
            return Some(n);
        }
        if doc.text(n).is_some_and(|t| !is_blank(t)) {
            return None; // loose text between: not a caption layout
        }
        s = step(n);
    }
    None
}

/// True when the image sits in a `<figure>` that already has a `<figcaption>`; `known` keeps the
/// answer for each figure asked.
fn in_captioned_figure(
    doc: &Document,
    img: NodeId,
    known: &mut std::collections::HashMap<NodeId, bool>,
) -> bool {
    doc.ancestors(img)
        .find(|&a| doc.is(a, "figure"))
        .is_some_and(|f| {
            *known
                .entry(f)
                .or_insert_with(|| doc.find(f, "figcaption").is_some())
        })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::dom::html::parse;

    fn pairs(html: &str) -> Vec<(String, Vec<String>)> {
        let doc = parse(html);
        let mut page = Page::new(&doc, None);
        let body = doc.body().unwrap();
        find(&mut page, &[body]);
        page.captions
            .iter()
            .map(|c| {
                (
                    doc.tag(c.figure).unwrap_or("").to_string(),
                    c.parts
                        .iter()
                        .map(|&p| collapse(&doc.text_content(p)))
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn caption_inside_a_wrapper() {
        let p = pairs("<body><div class=w><img src=a.jpg><span>Boats at dawn (REUTERS)</span></div><p>Prose.</p></body>");
        assert_eq!(
            p,
            vec![(
                "div".to_string(),
                vec!["Boats at dawn (REUTERS)".to_string()]
            )]
        );
    }

    #[test]
    fn caption_after_a_wrapper_with_its_credit() {
        let p = pairs("<body><p>Prose before.</p><div><img src=a.jpg></div><p class=caption>Boats at dawn</p><p class=credit>Photo: A. Person</p><p>More prose.</p></body>");
        assert_eq!(
            p,
            vec![(
                "div".to_string(),
                vec!["Boats at dawn".to_string(), "Photo: A. Person".to_string()]
            )]
        );
    }

    #[test]
    fn prose_after_an_image_is_not_a_caption() {
        let p = pairs("<body><div><img src=a.jpg></div><p>The harbour opened in 1910 and has been busy ever since.</p></body>");
        assert!(p.is_empty(), "{:?}", p);
    }

    #[test]
    fn credits() {
        assert!(ends_with_credit(
            "Scenes from Kharkiv (Anadolu Agency via Getty Images)"
        ));
        assert!(ends_with_credit("Troops near Mariupol (REUTERS)"));
        assert!(ends_with_credit("A sensor unit. Picture: Westmere Courier"));
        assert!(!ends_with_credit(
            "He said the plan (which was new) would work."
        ));
    }
}
