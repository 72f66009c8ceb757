//! The live-DOM builder: one iterative walk of a browser document into the arena.
//!
//! It records what the native builder records (elements with namespace and attributes in
//! source order, text merged, script and style bodies dropped, comments dropped, template
//! contents left out, `<svg>` kept with its `<title>` only), so the same page gives the same
//! tree both ways. The view's own root (`#readmode-root`) is skipped, and the shadow trees of
//! the view's elements (`readmode-view`, its messages too) are never read. Where the page
//! renders a custom element's shadow tree, the walk reads that tree with what its slots show,
//! in place of the element's children (a story built of web components; `walk.js` says how),
//! as the native builder composes a declarative one (`dom::html`). Nesting past
//! [`MAX_DEPTH`](crate::dom::MAX_DEPTH) is flattened, as the native builder and Chromium's
//! parser do; a script can build a live DOM much deeper than a parser. An element there that
//! CSS or its own markup hides is left out with its content, which would otherwise land
//! unflagged in the deepest kept element (the native builder does the same, see `dom::depth`;
//! both through `dom::CappedBuilder`).
//!
//! On a rendered page (one with a window) the walk also asks the browser what CSS hides: an
//! element in the body that `checkVisibility()` says has no box, and whose computed `display`
//! is `none`, is flagged hidden, so a section a paywall hides with a stylesheet never reaches
//! the view. Elements that never render a box of their own (script, style, template, `br`…,
//! and `noscript`, never rendered on a scripted page yet whose fallback image still names the
//! real picture) are not asked, nor empty elements that show nothing of their own; only the
//! topmost element of a hidden subtree is flagged (`walk.js` settles it bottom-up). Documents
//! without a window (DOMParser: the offscreen path, the demo, the parity test) have no layout,
//! so there only markup-level flags apply, as natively.
//!
//! NOTE: the walk itself is `walk.js`. Asking the DOM from Rust costs a wasm/JS crossing and a
//! string copy per node and per attribute, which made the walk as slow as the whole pipeline
//! (bench/browser.mjs). The JS half packs the page into one string plus one `Int32Array` of
//! opcodes and lengths, so the page crosses once; this half unpacks it into the [`Builder`].
//! The format is documented at the top of `walk.js`.

use crate::dom::{flags, Attr, CappedBuilder, Document, Ns};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/web/walk.js")]
extern "C" {
    /// A packed page: `text` and `wide` hold the strings, `ops` what to build from them.
    type Packed;
    /// Walks `document` (see `walk.js`).
    fn walk(document: &web_sys::Document) -> Packed;
    /// The length of `text` and `wide` in UTF-16 code units.
    #[wasm_bindgen(method, getter)]
    fn units(this: &Packed) -> u32;
    /// Writes `text` (or `wide`) as UTF-8 into `dst` (at least three bytes per unit), returns
    /// the bytes written.
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &Packed, dst: &mut [u8], wide: bool) -> u32;
    #[wasm_bindgen(method, getter)]
    fn ops(this: &Packed) -> Vec<i32>;
    #[wasm_bindgen(method, getter)]
    fn text(this: &Packed) -> String;
    #[wasm_bindgen(method, getter)]
    fn wide(this: &Packed) -> String;
    /// Parses a page from HTML as a browser loading it would (nothing runs, nothing loads),
    /// with its declarative shadow trees attached (open, whatever they declare), for [`build`]
    /// (see `walk.js`).
    #[wasm_bindgen(js_name = parsePage, catch)]
    pub fn parse_page(html: &str) -> Result<web_sys::Document, JsValue>;
}

/// The id of the element the reading view lives in; never part of the page read.
/// NOTE: `walk.js` holds the same constant.
pub const VIEW_ROOT_ID: &str = "readmode-root";

// Opcodes, as `walk.js` writes them.
const OPEN: i32 = 1;
const CLOSE: i32 = 2;
const TEXT: i32 = 3;
/// `OPEN` flag: CSS hides the element.
const CSS_HIDDEN: i32 = 1;

/// Walks `document` into a new arena.
pub fn build(document: &web_sys::Document) -> Document {
    let packed = walk(document);
    let (text, narrow_len) = packed_text(&packed);
    let (narrow, wide) = text.split_at(narrow_len);
    unpack(narrow, wide, &packed.ops())
}

/// `document` as `walk.js` packs it: `text`, `wide` and the ops, as a content script that may not
/// run the wasm sends it to an extension page (see [`unpack`]; the browser tests compare both
/// paths with it).
pub fn walk_packed(document: &web_sys::Document) -> (String, String, Vec<i32>) {
    let packed = walk(document);
    (packed.text(), packed.wide(), packed.ops())
}

/// The packed strings, `text` then `wide`, as UTF-8 written by the browser's encoder straight
/// into wasm memory; with the byte length of `text`.
/// NOTE: passing them as `String`s copies them one UTF-16 unit at a time in JS until the first
/// non-ASCII character; `TextEncoder.encodeInto` does the whole page natively.
fn packed_text(packed: &Packed) -> (String, usize) {
    let units = packed.units() as usize;
    let mut buf = vec![0u8; units.saturating_mul(3)];
    let narrow = (packed.encode_into(&mut buf, false) as usize).min(buf.len());
    let wide = (packed.encode_into(&mut buf[narrow..], true) as usize).min(buf.len() - narrow);
    buf.truncate(narrow + wide);
    // NOTE: an encoder writes valid UTF-8 (lone surrogates become U+FFFD) and whole characters,
    // so the cut between the two is a character boundary; checked all the same.
    match String::from_utf8(buf) {
        Ok(s) if s.is_char_boundary(narrow) => (s, narrow),
        Ok(s) => (s, 0),
        Err(e) => {
            let s = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let cut = if s.is_char_boundary(narrow) {
                narrow
            } else {
                0
            };
            (s, cut)
        }
    }
}

/// Reads the strings of both packed texts: a length below zero is one from `wide`.
struct Texts<'a> {
    narrow: Strings<'a>,
    wide: Strings<'a>,
}

impl<'a> Texts<'a> {
    fn new(narrow: &'a str, wide: &'a str) -> Self {
        Texts {
            narrow: Strings::new(narrow),
            wide: Strings::new(wide),
        }
    }

    fn take(&mut self, units: i32) -> &'a str {
        if units < 0 {
            self.wide.take(units.unsigned_abs())
        } else {
            self.narrow.take(units.unsigned_abs())
        }
    }
}

/// Reads strings off the packed text by their UTF-16 lengths.
struct Strings<'a> {
    s: &'a str,
    pos: usize,
    /// All ASCII: a UTF-16 length is a byte length.
    ascii: bool,
}

impl<'a> Strings<'a> {
    fn new(s: &'a str) -> Self {
        Strings {
            s,
            pos: 0,
            ascii: s.is_ascii(),
        }
    }

    /// The next string, `units` UTF-16 code units long. Never panics: a length past the end
    /// gives what is left.
    fn take(&mut self, units: u32) -> &'a str {
        let bytes = self.s.as_bytes();
        let units = units as usize;
        let ascii_end = (self.pos + units).min(bytes.len());
        // NOTE: a run of ASCII is as many bytes as units; most strings on most pages are.
        let end = if self.ascii || bytes[self.pos..ascii_end].is_ascii() {
            ascii_end
        } else {
            let mut i = self.pos;
            let mut left = units;
            while left > 0 && i < bytes.len() {
                let b = bytes[i];
                // A UTF-8 sequence's lead byte tells its length; four bytes are a surrogate pair.
                let (len, u) = match b {
                    0x00..=0x7f => (1, 1),
                    0xc0..=0xdf => (2, 1),
                    0xe0..=0xef => (3, 1),
                    _ => (4, 2),
                };
                i += len;
                left = left.saturating_sub(u);
            }
            i.min(bytes.len())
        };
        let out = self.s.get(self.pos..end).unwrap_or("");
        self.pos = end;
        out
    }
}

/// Builds the arena from a packed page (the format of `walk.js`), here or, sent by a content
/// script, in an extension page (`readPacked`). Any input gives a tree: lengths past the end
/// give what is left, an unknown opcode ends it.
pub fn unpack(text: &str, wide: &str, ops: &[i32]) -> Document {
    // NOTE: nesting past MAX_DEPTH is flattened there (see CappedBuilder).
    let mut b = CappedBuilder::new();
    let mut strings = Texts::new(text, wide);
    let mut i = 0;
    let at = |i: usize| ops.get(i).copied().unwrap_or(0);
    while i < ops.len() {
        match ops[i] {
            OPEN => {
                let (f, ns, name_len, count) = (at(i + 1), at(i + 2), at(i + 3), at(i + 4));
                i += 5;
                let count = (count.max(0) as usize).min(ops.len().saturating_sub(i) / 2);
                // Inside a subtree left out, the strings are passed over and nothing is built.
                let keep = !b.skipping();
                let name = strings.take(name_len);
                let mut attrs = Vec::with_capacity(if keep { count } else { 0 });
                for _ in 0..count {
                    let (name, value) = (strings.take(at(i)), strings.take(at(i + 1)));
                    i += 2;
                    if keep {
                        attrs.push(Attr {
                            name: name.to_string(),
                            value: value.to_string(),
                        });
                    }
                }
                let name = if keep {
                    name.to_string()
                } else {
                    String::new()
                };
                let ns = match ns {
                    0 => Ns::Html,
                    1 => Ns::Svg,
                    2 => Ns::MathMl,
                    _ => Ns::Other,
                };
                let css = if f & CSS_HIDDEN != 0 {
                    flags::HIDDEN
                } else {
                    0
                };
                b.open(name, ns, attrs, css);
            }
            CLOSE => {
                i += 1;
                b.close();
            }
            TEXT => {
                let t = strings.take(at(i + 1));
                i += 2;
                b.text(t);
            }
            // Not a format this builder wrote: stop rather than guess.
            _ => break,
        }
    }
    let (mut doc, collapse) = b.finish();
    // NOTE: the walk already sends a blank text node as one space (inside <pre> and the like,
    // as it is), so the pass is needed only where a merge left a text of whitespace only (a
    // comment or a script can split text into several nodes, which the builder merges: two
    // blank ones make "  "; a merge with a word in it leaves nothing to collapse) or where
    // elements past the depth cap were left out (a <pre> among them puts its whitespace in a
    // parent that does not keep it). There it makes the text what the native builder makes of the
    // same markup; elsewhere it would change nothing, and it is a walk over the whole tree.
    if collapse {
        doc.collapse_blank_text();
    }
    doc
}
