//! The browser side: the only code that names wasm-bindgen, web-sys or js-sys.
//!
//! Exports (see README, "Testing"): `readDocument(document, options)` walks the live DOM once
//! and runs the pipeline; `readPacked(text, wide, ops, options)` runs it on a page a content
//! script walked but may not read itself (Chrome, a page whose CSP keeps wasm out; see live.rs's
//! `walk_packed`); `readHtml(html, options)` parses with the browser first (the demo, the
//! extension's warm-up article); `isReaderable(document)` and `readerablePacked(text, wide, ops)`
//! are the toolbar's cheap check; `dumpDocument(document)` gives the
//! tree dump the parity test compares with the native builder's; `articleMarkdown(article)`
//! exports Markdown.

pub mod live;

use crate::article::{Article, Options};
use crate::region;
use crate::ReadError;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// What the JS side receives from a read.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Outcome<'a> {
    ok: bool,
    /// Why there is no article (when `ok` is false).
    reason: Option<String>,
    article: &'a Article,
    removed: crate::article::Removed,
    /// Engine time: live DOM to Article, in milliseconds.
    ms: f64,
    /// Of which: building the arena from the DOM.
    walk_ms: f64,
    nodes: usize,
}

#[wasm_bindgen]
extern "C" {
    /// `performance.now()` of the global scope (windows and workers alike).
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

// NOTE: bound straight to `performance.now` rather than looked up on the global object at
// each call, which cost microseconds a read on small pages.
fn now() -> f64 {
    performance_now()
}

fn options(v: JsValue) -> Result<Options, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(Options::default());
    }
    serde_wasm_bindgen::from_value(v).map_err(|e| JsValue::from_str(&format!("bad options: {}", e)))
}

fn outcome(
    doc: &crate::Document,
    opts: &Options,
    t0: f64,
    walk_ms: f64,
) -> Result<JsValue, JsValue> {
    let res = crate::read(doc, opts);
    let ms = now() - t0;
    let (ok, reason, article) = match &res {
        Ok(a) => (true, None, a),
        Err(ReadError::NoArticle { reason, article }) => {
            (false, Some(reason.clone()), article.as_ref())
        }
    };
    let out = Outcome {
        ok,
        reason,
        article,
        removed: article.removed(),
        ms,
        walk_ms,
        nodes: doc.len(),
    };
    // NOTE: one JSON string and the engine's JSON.parse beat building the object graph call by
    // call through serde-wasm-bindgen on article-sized trees (measured with bench/browser.mjs).
    // It is written in ASCII (see AsciiJson).
    let mut json = Vec::with_capacity(4096);
    out.serialize(&mut serde_json::Serializer::with_formatter(
        &mut json, AsciiJson,
    ))
    .map_err(|e| JsValue::from_str(&e.to_string()))?;
    let json = String::from_utf8(json).map_err(|e| JsValue::from_str(&e.to_string()))?;
    js_sys::JSON::parse(&json)
}

/// JSON with every character past ASCII written as a `\uXXXX` escape. The browser then decodes
/// the string on its ASCII fast path and JSON.parse reads a one-byte string: decoding and
/// parsing the corpus's results took 9.0 ms instead of 11.9 (Mozilla's test pages, Chromium),
/// though CJK text takes six bytes a character instead of three.
struct AsciiJson;

impl serde_json::ser::Formatter for AsciiJson {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let bytes = fragment.as_bytes();
        let mut start = 0;
        // NOTE: the first byte past ASCII after a run of ASCII starts a character.
        while let Some(i) = bytes[start..]
            .iter()
            .position(|&b| b >= 0x80)
            .map(|o| start + o)
        {
            let Some(c) = fragment[i..].chars().next() else {
                break;
            };
            writer.write_all(&bytes[start..i])?;
            for unit in c.encode_utf16(&mut [0; 2]) {
                let u = *unit as usize;
                writer.write_all(&[
                    b'\\',
                    b'u',
                    HEX[u >> 12],
                    HEX[(u >> 8) & 15],
                    HEX[(u >> 4) & 15],
                    HEX[u & 15],
                ])?;
            }
            start = i + c.len_utf8();
        }
        writer.write_all(&bytes[start..])
    }
}

/// Reads the article from a live document (the content script's path).
#[wasm_bindgen(js_name = readDocument)]
pub fn read_document(document: &web_sys::Document, opts: JsValue) -> Result<JsValue, JsValue> {
    region::scope(|| {
        let mut opts = options(opts)?;
        if opts.url.is_none() {
            opts.url = document.url().ok();
        }
        let t0 = now();
        let doc = live::build(document);
        let walk_ms = now() - t0;
        outcome(&doc, &opts, t0, walk_ms)
    })
}

/// Parses HTML as a page (see `live::parse_page`), then reads it like a live page.
#[wasm_bindgen(js_name = readHtml)]
pub fn read_html(html: &str, opts: JsValue) -> Result<JsValue, JsValue> {
    region::scope(|| {
        let opts = options(opts)?;
        let t0 = now();
        let document = live::parse_page(html)?;
        let doc = live::build(&document);
        let walk_ms = now() - t0;
        outcome(&doc, &opts, t0, walk_ms)
    })
}

/// Reads the article from a page walked in another context: `walk.js`'s packed strings and ops,
/// as a content script sends them to an extension page where the page's CSP keeps wasm out of
/// the content script (Chrome). The walk ran on the live page, so what its stylesheets hide is
/// flagged as in `readDocument`; a page parsed from its HTML could not tell.
#[wasm_bindgen(js_name = readPacked)]
pub fn read_packed(text: &str, wide: &str, ops: &[i32], opts: JsValue) -> Result<JsValue, JsValue> {
    region::scope(|| {
        let opts = options(opts)?;
        let t0 = now();
        let doc = live::unpack(text, wide, ops);
        let walk_ms = now() - t0;
        outcome(&doc, &opts, t0, walk_ms)
    })
}

/// The cheap check on a page walked in another context (see `readPacked`): `{readerable, ms}`.
#[wasm_bindgen(js_name = readerablePacked)]
pub fn readerable_packed(text: &str, wide: &str, ops: &[i32]) -> Result<JsValue, JsValue> {
    let t0 = now();
    readerable_result(
        region::scope(|| crate::readerable::is_readerable(&live::unpack(text, wide, ops))),
        t0,
    )
}

/// The cheap check for the toolbar: does this live document look like it holds an article?
/// Walks the DOM like `readDocument` but builds no article. Returns `{readerable, ms}`.
#[wasm_bindgen(js_name = isReaderable)]
pub fn is_readerable(document: &web_sys::Document) -> Result<JsValue, JsValue> {
    let t0 = now();
    readerable_result(
        region::scope(|| crate::readerable::is_readerable(&live::build(document))),
        t0,
    )
}

/// `{readerable, ms}`, ms counted from `t0`.
fn readerable_result(readerable: bool, t0: f64) -> Result<JsValue, JsValue> {
    let ms = now() - t0;
    let out = js_sys::Object::new();
    js_sys::Reflect::set(&out, &"readerable".into(), &readerable.into())?;
    js_sys::Reflect::set(&out, &"ms".into(), &ms.into())?;
    Ok(out.into())
}

/// The arena dump of a live document (for the parity test against the native builder).
#[wasm_bindgen(js_name = dumpDocument)]
pub fn dump_document(document: &web_sys::Document) -> String {
    live::build(document).dump()
}

/// Markdown of an article object as `readDocument` returned it.
#[wasm_bindgen(js_name = articleMarkdown)]
pub fn article_markdown(article: JsValue) -> Result<String, JsValue> {
    let a: Article =
        serde_wasm_bindgen::from_value(article).map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(crate::markdown::article_markdown(&a))
}

/// Checks an article (as `readDocument` returned it) against a fixture's `expect.json` text:
/// the same rules as the native fixture runner. Returns the failures, one string each.
/// NOTE: built only with the `checker` feature, for the browser fixture tests (build.sh test
/// builds that package apart); the shipped engine carries no test code.
#[cfg(feature = "checker")]
#[wasm_bindgen(js_name = checkExpect)]
pub fn check_expect(article: JsValue, expect_json: &str) -> Result<Vec<String>, JsValue> {
    let a: Article =
        serde_wasm_bindgen::from_value(article).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let expect: serde_json::Value =
        serde_json::from_str(expect_json).map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(crate::expect::check(&a, &expect))
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
