//! Quality and speed measurement against a corpus of saved pages (native only).
//!
//! A corpus folder holds one folder per page with `source.html`, `expected.html` and
//! `expected-metadata.json`. For each page:
//!
//! ```text
//!  source.html ──parse + read──► textContent ──┐
//!                                              ├─ word 4-gram F1
//!  expected.html ──parse──► block text ────────┘
//!  metadata of the Article ◄──── agrees? ────► expected-metadata.json (6 fields)
//! ```
//!
//! A reference run (Readability.js through `bench/readability.mjs`) gives the same figures from
//! its own output, scored here by the same code, so both columns are measured alike.

use crate::dom::{html, Document, Edge, NodeData, INLINE, NO_TEXT};
use crate::{read, Options, ReadError};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

/// Word n-gram size of the text score. NOTE: 4-grams reward the right words in the right
/// order without being thrown by one stray word the way whole-sentence matching is.
pub const NGRAM: usize = 4;

/// The URL every corpus page is read as (the corpus's expected output resolves against it).
pub const CORPUS_URL: &str = "http://fakehost/test/page.html";

/// The metadata fields compared, as named in `expected-metadata.json`.
pub const FIELDS: [&str; 6] = ["title", "byline", "siteName", "excerpt", "lang", "dir"];

/// One page's figures.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageScore {
    pub name: String,
    /// True when an article came out.
    pub found: bool,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Agreement per field of [`FIELDS`], in that order.
    pub agree: Vec<bool>,
    /// Title agreement when a site name cut off one side ("Headline | Site" vs "Headline") is
    /// not held against it.
    pub title_site_aside: bool,
    /// Milliseconds to parse the HTML.
    pub parse_ms: f64,
    /// Milliseconds to read the parsed document.
    pub read_ms: f64,
    /// The quick check's answer, when the reader has one.
    pub readerable: Option<bool>,
    /// True when that answer matches the corpus's `readerable`.
    pub readerable_agrees: Option<bool>,
    /// Milliseconds the quick check took.
    pub readerable_ms: f64,
    /// Pictures in the expected output (told by file name, see [`picture_names`]).
    #[serde(default)]
    pub images_expected: usize,
    /// Of those, the ones the reader's output shows too.
    #[serde(default)]
    pub images_found: usize,
    /// Pictures in the reader's output.
    #[serde(default)]
    pub images_out: usize,
    /// What disagreed, `field: ours ≠ expected`, for reading the report.
    #[serde(default)]
    pub notes: Vec<String>,
}

/// What a reader produced for one page (ours, or the reference's, from its JSON).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Output {
    pub name: String,
    pub found: bool,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    pub excerpt: Option<String>,
    pub lang: Option<String>,
    pub dir: Option<String>,
    /// The body as text, when the reader gives one block per paragraph.
    pub text_content: Option<String>,
    /// The body as HTML; its block text is used when `text_content` is absent, and its
    /// pictures when `images` is.
    pub content_html: Option<String>,
    /// The `src` of each image of the body, in order.
    pub images: Option<Vec<String>>,
    pub parse_ms: f64,
    pub read_ms: f64,
    pub readerable: Option<bool>,
    pub readerable_ms: f64,
}

impl Output {
    fn field(&self, name: &str) -> Option<&str> {
        match name {
            "title" => self.title.as_deref(),
            "byline" => self.byline.as_deref(),
            "siteName" => self.site_name.as_deref(),
            "excerpt" => self.excerpt.as_deref(),
            "lang" => self.lang.as_deref(),
            "dir" => self.dir.as_deref(),
            _ => None,
        }
    }
}

/// A reference run as `bench/readability.mjs` writes it.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Reference {
    pub tool: String,
    pub pages: Vec<Output>,
}

/// Why a corpus could not be evaluated.
#[derive(Debug)]
pub enum EvalError {
    /// The folder could not be listed.
    Unreadable(String),
    /// No page folder had all three files.
    Empty(String),
}

impl std::fmt::Display for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EvalError::Unreadable(m) => write!(f, "cannot read the corpus: {}", m),
            EvalError::Empty(d) => {
                write!(f, "no page folders (source.html + expected.html) in {}", d)
            }
        }
    }
}

impl std::error::Error for EvalError {}

/// One corpus page on disk.
pub struct CorpusPage {
    pub name: String,
    pub source: String,
    pub expected_text: String,
    pub expected_meta: Value,
    /// The `src` of each image of the expected output.
    pub expected_images: Vec<String>,
}

/// Lists and loads the pages of a corpus folder, sorted by name.
pub fn load(dir: &Path) -> Result<Vec<CorpusPage>, EvalError> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| EvalError::Unreadable(format!("{}: {}", dir.display(), e)))?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.path().join("source.html").is_file() && e.path().join("expected.html").is_file()
        })
        .filter_map(|e| e.file_name().to_str().map(String::from))
        .collect();
    names.sort();
    let mut pages = Vec::new();
    for name in names {
        let p = dir.join(&name);
        let read = |f: &str| {
            std::fs::read(p.join(f))
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default()
        };
        let expected_meta =
            serde_json::from_str(&read("expected-metadata.json")).unwrap_or(Value::Null);
        let expected = html::parse(&read("expected.html"));
        pages.push(CorpusPage {
            expected_text: block_text(&expected),
            expected_images: image_srcs(&expected),
            source: read("source.html"),
            name,
            expected_meta,
        });
    }
    if pages.is_empty() {
        return Err(EvalError::Empty(dir.display().to_string()));
    }
    Ok(pages)
}

/// Runs our reader on one page, timing the parse and the read separately.
pub fn run_ours(page: &CorpusPage, keep_clutter: bool) -> Output {
    let t0 = Instant::now();
    let doc = html::parse(&page.source);
    let t1 = Instant::now();
    let readerable = crate::readerable::is_readerable(&doc);
    let readerable_ms = t1.elapsed().as_secs_f64() * 1e3;
    let t1 = Instant::now();
    let opts = Options {
        url: Some(CORPUS_URL.into()),
        keep_clutter,
    };
    let (found, article) = match read(&doc, &opts) {
        Ok(a) => (true, a),
        Err(ReadError::NoArticle { article, .. }) => (false, *article),
    };
    let t2 = Instant::now();
    Output {
        name: page.name.clone(),
        found,
        title: Some(article.title).filter(|t| !t.is_empty()),
        byline: article.byline,
        site_name: article.site_name,
        excerpt: article.excerpt,
        lang: article.lang,
        dir: article.dir,
        images: Some(content_image_srcs(&article.content)),
        text_content: Some(article.text_content),
        content_html: None,
        parse_ms: (t1 - t0).as_secs_f64() * 1e3,
        read_ms: (t2 - t1).as_secs_f64() * 1e3,
        readerable: Some(readerable),
        readerable_ms,
    }
}

/// Scores one reader's output against the page's expectations.
pub fn score(page: &CorpusPage, out: &Output) -> PageScore {
    let text = match (&out.text_content, &out.content_html) {
        (Some(t), _) => t.clone(),
        (None, Some(h)) => html_block_text(h),
        (None, None) => String::new(),
    };
    let (precision, recall, f1) = ngram_f1(&text, &page.expected_text, NGRAM);
    let images = match (&out.images, &out.content_html) {
        (Some(i), _) => i.clone(),
        (None, Some(h)) => image_srcs(&html::parse(h)),
        (None, None) => Vec::new(),
    };
    let want = picture_names(&page.expected_images);
    let got = picture_names(&images);
    let mut agree = Vec::with_capacity(FIELDS.len());
    let mut notes = Vec::new();
    for f in FIELDS {
        let want = page.expected_meta.get(f).and_then(Value::as_str);
        let got = out.field(f);
        let ok = field_agrees(f, got, want);
        if !ok {
            notes.push(format!(
                "{}: {:?} ≠ {:?}",
                f,
                got.map(|s| crate::text::truncate(s, 80)),
                want.map(|s| crate::text::truncate(s, 80))
            ));
        }
        agree.push(ok);
    }
    PageScore {
        name: page.name.clone(),
        found: out.found,
        precision,
        recall,
        f1,
        title_site_aside: agree[0]
            || title_agrees_site_aside(
                out.title.as_deref(),
                page.expected_meta.get("title").and_then(Value::as_str),
            ),
        agree,
        parse_ms: out.parse_ms,
        read_ms: out.read_ms,
        readerable: out.readerable,
        readerable_agrees: out.readerable.and_then(|r| {
            page.expected_meta
                .get("readerable")
                .and_then(Value::as_bool)
                .map(|want| want == r)
        }),
        readerable_ms: out.readerable_ms,
        images_expected: want.len(),
        images_found: want.intersection(&got).count(),
        images_out: got.len(),
        notes,
    }
}

/// The pictures a list of image sources shows, each told by the file name that ends its URL's
/// path (so the same picture at another size or on another host counts once, as in the
/// expected output); `data:` URLs left out.
pub fn picture_names(srcs: &[String]) -> std::collections::BTreeSet<String> {
    srcs.iter()
        .filter(|s| !s.trim_start().starts_with("data:"))
        .filter_map(|s| {
            let url = s.split(['?', '#']).next()?;
            // The path: after the host when the URL names one.
            let path = url
                .split_once("://")
                .map_or(url, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
            let name = path.trim_end_matches('/').rsplit('/').next()?.trim();
            (!name.is_empty()).then(|| name.to_string())
        })
        .collect()
}

/// The `src` of each `<img>` of a parsed document, in order.
fn image_srcs(doc: &Document) -> Vec<String> {
    doc.descendants(doc.root())
        .filter(|&id| doc.is(id, "img"))
        .filter_map(|id| doc.attr(id, "src").map(String::from))
        .collect()
}

/// The `src` of each image of an article's content, in order.
fn content_image_srcs(content: &[crate::article::Content]) -> Vec<String> {
    crate::article::images(content, usize::MAX)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|a| a.iter().find(|(n, _)| n == "src").map(|(_, v)| v.clone()))
        .collect()
}

/// Field agreement: equal after whitespace collapse and case folding; absent or empty on both
/// sides agrees. A byline's leading "By" is not part of the name. For `dir`, absent means the default direction, `ltr`; for `lang`, `_` and `-`
/// are the same separator (`en-US`, `en-us` and `en_US` agree; `en` and `en-US` do not).
pub fn field_agrees(field: &str, got: Option<&str>, want: Option<&str>) -> bool {
    let norm = |s: Option<&str>| -> Option<String> {
        let s = crate::text::collapse(s?).to_lowercase();
        (!s.is_empty()).then_some(s)
    };
    let (mut g, mut w) = (norm(got), norm(want));
    match field {
        "dir" => {
            g = g.or(Some("ltr".into()));
            w = w.or(Some("ltr".into()));
        }
        "byline" => {
            // "By Jo Bloggs" and "Jo Bloggs" name the same author.
            let strip = |s: Option<String>| {
                s.map(|s| {
                    let t = s
                        .strip_prefix("by:")
                        .or_else(|| s.strip_prefix("by "))
                        .unwrap_or(&s);
                    t.trim().to_string()
                })
            };
            g = strip(g);
            w = strip(w);
        }
        "lang" => {
            g = g.map(|s| s.replace('_', "-"));
            w = w.map(|s| s.replace('_', "-"));
        }
        _ => {}
    }
    g == w
}

/// Separators between a headline and a site name in titles.
const TITLE_SEPARATORS: &[&str] = &["|", " - ", "–", "—", "·", "::", " _", "_", "»", "[", " / "];

/// True when one title is the other plus one separated part at its start or end (the site's
/// name, which Readmode cuts off and some references keep).
pub fn title_agrees_site_aside(got: Option<&str>, want: Option<&str>) -> bool {
    let norm = |s: Option<&str>| crate::text::collapse(s.unwrap_or("")).to_lowercase();
    let (g, w) = (norm(got), norm(want));
    if g == w {
        return true;
    }
    let (short, long) = if g.len() < w.len() { (g, w) } else { (w, g) };
    if short.is_empty() {
        return false;
    }
    let rest = if let Some(r) = long.strip_prefix(short.as_str()) {
        r.trim_start()
    } else if let Some(r) = long.strip_suffix(short.as_str()) {
        r.trim_end()
    } else {
        return false;
    };
    TITLE_SEPARATORS
        .iter()
        .any(|sep| rest.starts_with(sep.trim()) || rest.ends_with(sep.trim()))
}

/// Words for n-grams: lower-cased runs of letters and digits; each CJK character is a word of
/// its own (those scripts do not space their words).
pub fn tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        if is_cjk(c) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            out.push(c.to_string());
        } else if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else if c.is_whitespace() && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        // Other punctuation joins nothing and splits nothing: "don't" → "dont".
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF   // hiragana, katakana
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xAC00..=0xD7AF // hangul syllables
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0x20000..=0x2FA1F)
}

/// Precision, recall and F1 of the word n-grams of `got` against `want` (multisets). Texts
/// shorter than `n` words are compared as one shorter gram. Both empty is a perfect match.
pub fn ngram_f1(got: &str, want: &str, n: usize) -> (f64, f64, f64) {
    let (g, w) = (tokens(got), tokens(want));
    if g.is_empty() && w.is_empty() {
        return (1.0, 1.0, 1.0);
    }
    if g.is_empty() || w.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let grams = |t: &[String]| -> HashMap<String, usize> {
        let mut m = HashMap::new();
        let k = n.min(t.len()).max(1);
        for win in t.windows(k) {
            *m.entry(win.join(" ")).or_insert(0) += 1;
        }
        m
    };
    let (gm, wm) = (grams(&g), grams(&w));
    let g_total: usize = gm.values().sum();
    let w_total: usize = wm.values().sum();
    let common: usize = gm
        .iter()
        .map(|(k, c)| (*c).min(wm.get(k).copied().unwrap_or(0)))
        .sum();
    let p = common as f64 / g_total.max(1) as f64;
    let r = common as f64 / w_total.max(1) as f64;
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// The text of an HTML document or fragment with block boundaries kept as spaces (so
/// `<p>a</p><p>b</p>` gives two words), scripts and styles left out.
pub fn html_block_text(html: &str) -> String {
    let doc = html::parse(html);
    block_text(&doc)
}

fn block_text(doc: &Document) -> String {
    let mut s = String::new();
    let mut it = doc.traverse(doc.root());
    while let Some(e) = it.next() {
        match e {
            Edge::Open(id) => match &doc.node(id).data {
                NodeData::Text(t) => s.push_str(t),
                NodeData::Element(el) => {
                    if NO_TEXT.contains(&el.name.as_str()) {
                        it.skip_subtree(id);
                    } else if !INLINE.contains(&el.name.as_str()) {
                        s.push(' ');
                    }
                }
                _ => {}
            },
            Edge::Close(id) => {
                if doc
                    .element(id)
                    .is_some_and(|el| !INLINE.contains(&el.name.as_str()))
                {
                    s.push(' ');
                }
            }
        }
    }
    crate::text::collapse(&s)
}

/// Mean of a figure over pages.
pub fn mean(xs: impl Iterator<Item = f64>) -> f64 {
    let (mut sum, mut n) = (0.0, 0usize);
    for x in xs {
        sum += x;
        n += 1;
    }
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

/// The median of a list of timings.
pub fn median(mut xs: Vec<f64>) -> f64 {
    if xs.is_empty() {
        return 0.0;
    }
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// Summary figures of one reader over a corpus.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub pages: usize,
    pub found: usize,
    pub f1_mean: f64,
    pub precision_mean: f64,
    pub recall_mean: f64,
    /// Share of pages that agree, per field of [`FIELDS`].
    pub agreement: Vec<f64>,
    /// Title agreement with a site name cut off one side not held against it.
    pub title_site_aside: f64,
    pub parse_ms_total: f64,
    pub read_ms_total: f64,
    pub read_ms_median: f64,
    pub read_ms_max: f64,
    /// Share of pages where the quick check matches the corpus's `readerable`.
    pub readerable_agreement: f64,
    /// Mean microseconds of the quick check per page.
    pub readerable_us_mean: f64,
    /// Mean microseconds of a full read per page (parse excluded), for comparison.
    pub read_us_mean: f64,
    /// Pictures of the expected outputs, all pages together.
    pub images_expected: usize,
    /// Of those, the ones the reader's outputs show too.
    pub images_found: usize,
    /// Pictures of the reader's outputs.
    pub images_out: usize,
}

/// Sums up per-page scores.
pub fn summarise(scores: &[PageScore]) -> Summary {
    let n = scores.len();
    Summary {
        pages: n,
        found: scores.iter().filter(|s| s.found).count(),
        f1_mean: mean(scores.iter().map(|s| s.f1)),
        precision_mean: mean(scores.iter().map(|s| s.precision)),
        recall_mean: mean(scores.iter().map(|s| s.recall)),
        agreement: (0..FIELDS.len())
            .map(|i| {
                mean(scores.iter().map(|s| {
                    if s.agree.get(i) == Some(&true) {
                        1.0
                    } else {
                        0.0
                    }
                }))
            })
            .collect(),
        title_site_aside: mean(
            scores
                .iter()
                .map(|s| if s.title_site_aside { 1.0 } else { 0.0 }),
        ),
        parse_ms_total: scores.iter().map(|s| s.parse_ms).sum(),
        read_ms_total: scores.iter().map(|s| s.read_ms).sum(),
        read_ms_median: median(scores.iter().map(|s| s.read_ms).collect()),
        read_ms_max: scores.iter().map(|s| s.read_ms).fold(0.0, f64::max),
        readerable_agreement: mean(scores.iter().filter_map(|s| s.readerable_agrees).map(|a| {
            if a {
                1.0
            } else {
                0.0
            }
        })),
        readerable_us_mean: mean(scores.iter().map(|s| s.readerable_ms * 1e3)),
        read_us_mean: mean(scores.iter().map(|s| s.read_ms * 1e3)),
        images_expected: scores.iter().map(|s| s.images_expected).sum(),
        images_found: scores.iter().map(|s| s.images_found).sum(),
        images_out: scores.iter().map(|s| s.images_out).sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f1_of_identical_and_disjoint_texts() {
        let a = "one two three four five six";
        assert_eq!(ngram_f1(a, a, 4).2, 1.0);
        assert_eq!(ngram_f1(a, "seven eight nine ten", 4).2, 0.0);
        assert_eq!(ngram_f1("", "", 4).2, 1.0);
        let (p, r, _) = ngram_f1("one two three four", a, 4);
        assert_eq!(p, 1.0);
        assert!((r - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn tokens_split_cjk_and_fold_case() {
        assert_eq!(
            tokens("Don't STOP, 日本語"),
            ["dont", "stop", "日", "本", "語"]
        );
    }

    #[test]
    fn block_text_separates_blocks() {
        assert_eq!(
            html_block_text("<div><p>a</p><p>b<b>c</b></p><script>x</script></div>"),
            "a bc"
        );
    }

    #[test]
    fn pictures_are_told_by_file_name() {
        let srcs = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let names = picture_names(&srcs(&[
            "https://cdn.example/max/60/crane.jpg?q=20",
            "https://img.example/max/1600/crane.jpg",
            "https://cdn.example/photos/wall.png#top",
            "data:image/gif;base64,R0lGOD",
            "https://cdn.example/",
        ]));
        assert_eq!(
            names.into_iter().collect::<Vec<_>>(),
            ["crane.jpg", "wall.png"]
        );
        let doc =
            html::parse("<p><img src=a/one.jpg><img alt=x><picture><img src=two.png></picture>");
        assert_eq!(image_srcs(&doc), ["a/one.jpg", "two.png"]);
    }

    #[test]
    fn fields_agree_after_normalising() {
        assert!(field_agrees("title", Some(" A  Title "), Some("a title")));
        assert!(field_agrees("byline", None, None));
        assert!(!field_agrees("byline", Some("X"), None));
        assert!(field_agrees("dir", Some("ltr"), None));
        assert!(field_agrees("lang", Some("en-US"), Some("en-us")));
        assert!(title_agrees_site_aside(
            Some("A headline"),
            Some("A headline | Site")
        ));
        assert!(title_agrees_site_aside(
            Some("A headline"),
            Some("Site: A headline".replace(':', " –").as_str())
        ));
        assert!(!title_agrees_site_aside(
            Some("A headline"),
            Some("A headline and more")
        ));
    }
}
