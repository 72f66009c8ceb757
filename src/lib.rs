//! Readmode: finds the article in a web page and gives it back clean.
//!
//! Workflow of [`read`]:
//! 1. metadata: title, byline, source publication, date, language, direction, canonical URL.
//! 2. teaser: aggregator and paywall chrome, overlays, in-article promos; is it a preview?
//! 3. extract: the article body (scoring, candidates, a retry with fewer heuristics).
//! 4. dedup: repeated paragraphs, exact and near-exact, keeping the first; captions: bare
//!    caption paragraphs and spans beside images are paired with their image.
//! 5. clean: allowlisted tags and attributes, absolute URLs, lazy images, figures with captions.
//!
//! The passes share a [`page::Page`] and never import each other. The same pipeline runs on a
//! document built natively by html5ever (`dom::html`) and on one walked from a live browser DOM
//! (`web`, wasm only).

pub mod article;
pub mod captions;
pub mod clean;
pub mod dedup;
pub mod dom;
#[cfg(not(target_arch = "wasm32"))]
pub mod eval;
pub mod expect;
pub mod extract;
pub mod lexicon;
pub mod markdown;
pub mod metadata;
pub mod page;
pub mod readerable;
pub mod region;
pub mod teaser;
pub mod text;
pub mod url;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use article::{Article, Content, Options, Removal, RemovalKind, Removed};
pub use dom::Document;

use page::Page;

/// Why `read` gave no article.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadError {
    /// The page holds no article; the metadata found is still returned, with the reason.
    NoArticle {
        reason: String,
        article: Box<Article>,
    },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NoArticle { reason, .. } => write!(f, "no article: {}", reason),
        }
    }
}

impl std::error::Error for ReadError {}

/// Reads the article out of a document.
pub fn read(doc: &Document, opts: &Options) -> Result<Article, ReadError> {
    let mut page = Page::new(doc, opts.url.clone());
    // 1. metadata
    page.meta = metadata::read(doc, opts.url.as_deref());
    // 2. teaser
    if !opts.keep_clutter {
        teaser::detect(&mut page);
    }
    // 3. extract
    let extraction = extract::extract(&page);
    let mut article = Article {
        title: page.meta.title.clone(),
        byline: page.meta.byline.clone(),
        site_name: page.meta.site_name.clone(),
        published_time: page.meta.published_time.clone(),
        lang: page.meta.lang.clone(),
        dir: page.meta.dir.clone(),
        excerpt: page.meta.excerpt.clone(),
        url: page.meta.canonical.clone(),
        ..Article::default()
    };
    source_facts(&mut article, &page);
    let ex = match extraction {
        Ok(ex) => ex,
        Err(reason) => {
            // What went as clutter is part of the answer: the reason names the largest block,
            // and the article lists them all (`removed` counts them).
            article.removals = removals(doc, &page);
            let reason = match article.removals.iter().max_by_key(|r| r.text.len()) {
                Some(r) => format!(
                    "{} once {} as clutter (the largest: {})",
                    reason,
                    match article.removals.len() {
                        1 => "one block was removed".to_string(),
                        n => format!("{} blocks were removed", n),
                    },
                    r.reason
                ),
                None => reason,
            };
            return Err(ReadError::NoArticle {
                reason,
                article: Box::new(article),
            });
        }
    };
    for &id in &ex.dropped {
        page.drop_node(id);
    }
    if let Some(dir) = &ex.dir {
        // NOTE: the direction declared around the body beats the page's default.
        article.dir = Some(dir.clone());
    }
    // 4. dedup
    if !opts.keep_clutter {
        dedup::dedup(&mut page, &ex.roots);
    }
    captions::find(&mut page, &ex.roots);
    // NOTE: set again after every pass, so the final verdicts are what the Article carries.
    source_facts(&mut article, &page);
    // 5. clean
    article.content = clean::build(&page, &ex.roots);
    article.text_content = clean::text_content(&article.content);
    article.count_words();
    article.removals = removals(doc, &page);
    if article.excerpt.is_none() {
        article.excerpt = first_paragraph(&article.content);
    }
    Ok(article)
}

/// Every removal of `page`, in page order.
fn removals(doc: &Document, page: &Page) -> Vec<Removal> {
    let mut positions = Positions::default();
    page.removed_roots()
        .into_iter()
        .map(|id| {
            let v = page.verdict(id).expect("removed roots carry a verdict");
            Removal {
                kind: v.kind,
                reason: v.reason.clone(),
                text: removal_text(doc, id),
                path: positions.path(doc, id),
            }
        })
        .collect()
}

/// Copies the preview verdict and the source facts into the article. When the page names the
/// publication it links out to, that is the site; the page's own name becomes the aggregator.
fn source_facts(article: &mut Article, page: &Page) {
    article.is_preview = page.preview.is_preview;
    article.source_url = page.preview.source_url.clone();
    article.aggregator = page.meta.aggregator.clone();
    article.site_name = page.meta.site_name.clone();
    if let Some(source) = &page.preview.source_name {
        let same = article
            .site_name
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case(source));
        if !same {
            if article.aggregator.is_none() {
                article.aggregator = article.site_name.take();
            }
            article.site_name = Some(source.clone());
        }
    }
}

/// How many characters of a removed block's text the removal report keeps.
const REMOVAL_TEXT_CHARS: usize = 300;

/// The collapsed text of the removed subtree `id`, cut to [`REMOVAL_TEXT_CHARS`], with a space
/// wherever a block begins or ends, and between the texts of two links or buttons that touch
/// (a menu's `<a>Shop</a><a>Subscribe</a>`, spaced by its CSS, reads "Shop Subscribe"), but not
/// after a link the text runs on from ("<a>here</a>."). Scripts and styles are left out.
// NOTE: the collapsed text of the first text nodes is the start of the whole one's, so the
// walk stops once past the cut instead of gathering a large block's text.
fn removal_text(doc: &Document, id: dom::NodeId) -> String {
    let control = |name: &str| matches!(name, "a" | "button");
    let mut c = text::Collapsed::new();
    // A link or button has closed since the last text.
    let mut after_control = false;
    let mut it = doc.traverse(id);
    while let Some(edge) = it.next() {
        match edge {
            dom::Edge::Open(n) => {
                if let Some(t) = doc.text(n) {
                    c.push(t);
                    after_control = false;
                    if c.chars() > REMOVAL_TEXT_CHARS {
                        break;
                    }
                } else if let Some(el) = doc.element(n) {
                    let name = el.name.as_str();
                    if dom::NO_TEXT.contains(&name) {
                        it.skip_subtree(n);
                    } else if control(name) {
                        if after_control {
                            c.push(" ");
                        }
                    } else if !dom::INLINE.contains(&name) {
                        c.push(" ");
                    }
                }
            }
            dom::Edge::Close(n) => {
                if let Some(el) = doc.element(n) {
                    let name = el.name.as_str();
                    if control(name) {
                        after_control = true;
                    } else if !dom::INLINE.contains(&name) {
                        c.push(" ");
                    }
                }
            }
        }
    }
    text::truncate(c.as_str(), REMOVAL_TEXT_CHARS)
}

/// A `<pre>` of this many characters before any paragraph is the story itself, in plain text.
const MAX_PRE_BEFORE_EXCERPT: usize = 500;

/// The characters of the text under `content`, counted up to `cap`.
fn text_chars(content: &[Content], cap: usize) -> usize {
    let mut n = 0;
    let mut stack: Vec<&Content> = content.iter().collect();
    while let Some(c) = stack.pop() {
        match c {
            Content::Text(t) => n += t.chars().count(),
            Content::Element { children, .. } => stack.extend(children.iter()),
        }
        if n >= cap {
            return cap;
        }
    }
    n
}

/// The text of the first paragraph of the content that says something in its own words: the
/// excerpt when the page gives none. A paragraph without a letter ("1 / 5") or whose letters
/// and digits are mostly link text (a row of links: "[Docs] [txt|pdf] [Tracker]"; an `<a>`
/// without `href` is no link) is not the story's opening; a paragraph after a long `<pre>`
/// (a plain-text story) is its footer. A line break is a space.
fn first_paragraph(content: &[Content]) -> Option<String> {
    let mut stack: Vec<&Content> = content.iter().rev().collect();
    while let Some(c) = stack.pop() {
        if let Content::Element { tag, children, .. } = c {
            if tag == "p" {
                let mut s = String::new();
                // Letters and digits: all, and those inside links.
                let (mut all, mut linked) = (0usize, 0usize);
                // Each node with the number of links it is inside.
                let mut inner: Vec<(&Content, usize)> =
                    children.iter().rev().map(|x| (x, 0)).collect();
                while let Some((x, links)) = inner.pop() {
                    match x {
                        Content::Text(t) => {
                            s.push_str(t);
                            let n = t.chars().filter(|c| c.is_alphanumeric()).count();
                            all += n;
                            if links > 0 {
                                linked += n;
                            }
                        }
                        Content::Element {
                            tag,
                            attrs,
                            children,
                        } => {
                            if tag == "br" {
                                s.push(' ');
                            }
                            let link = tag == "a" && attrs.iter().any(|(k, _)| k == "href");
                            let links = links + usize::from(link);
                            inner.extend(children.iter().rev().map(|x| (x, links)));
                        }
                    }
                }
                let s = text::collapse(&s);
                if s.chars().any(char::is_alphabetic) && linked * 2 <= all {
                    return Some(s);
                }
            } else if tag == "pre"
                && text_chars(children, MAX_PRE_BEFORE_EXCERPT) >= MAX_PRE_BEFORE_EXCERPT
            {
                // The story is preformatted text: a paragraph after it is a footer.
                return None;
            } else {
                stack.extend(children.iter().rev());
            }
        }
    }
    None
}

/// The 1-based element index of nodes among their element siblings, counted once per parent:
/// paths to many nodes under one wide parent (a removal after every paragraph) cost one pass
/// over its children, not one per node.
#[derive(Default)]
struct Positions {
    /// Per node (by index): its position, or 0 where its parent's children are not counted yet.
    index: Vec<u32>,
}

impl Positions {
    /// A path to `id` from `<html>` as `tag:nth-child` steps (1-based element index), e.g.
    /// `body:2>div:3>p:1`, so a view can find the node in the original page.
    fn path(&mut self, doc: &Document, id: dom::NodeId) -> String {
        self.index.resize(doc.len(), 0);
        let mut steps = Vec::new();
        let mut cur = id;
        while let Some(p) = doc.parent(cur) {
            if doc.element(p).is_none() {
                break;
            }
            if self.index[cur.index()] == 0 {
                for (i, c) in doc.element_children(p).enumerate() {
                    self.index[c.index()] = u32::try_from(i + 1).unwrap_or(u32::MAX);
                }
            }
            // NOTE: a node that is not an element (none is counted) gets 1.
            let idx = self.index[cur.index()].max(1);
            self.index[cur.index()] = idx;
            steps.push(format!(
                "{}:{}",
                doc.element(cur).map(|e| e.name.as_str()).unwrap_or("?"),
                idx
            ));
            cur = p;
        }
        steps.reverse();
        steps.join(">")
    }
}

/// Parses HTML natively and reads it: the CLI's path.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_html(html: &str, opts: &Options) -> Result<Article, ReadError> {
    read(&dom::html::parse(html), opts)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn excerpt(body: &str) -> Option<String> {
        let html = format!(
            "<html><head><title>Ferry back in service</title></head><body><article>{body}</article></body></html>"
        );
        read_html(&html, &Options::default()).ok()?.excerpt
    }

    #[test]
    fn excerpt_is_the_first_paragraph_in_its_own_words() {
        let story = "<p>The harbour ferry returned to service on Monday morning after a month in \
            dry dock, and the first crossing left on time with forty passengers aboard.</p>\
            <p>The operator said the new engines would cut the crossing by five minutes.</p>";
        // A row of links, a counter or a time is not the opening; a line break is a space.
        let want = "The harbour ferry returned to service on Monday morning after a month in dry \
            dock, and the first crossing left on time with forty passengers aboard.";
        for lead in [
            r#"<p>[<a href="/docs">Docs</a>] [<a href="/txt">txt</a>|<a href="/pdf">pdf</a>]</p>"#,
            "<p>1 / 5</p>",
        ] {
            assert_eq!(excerpt(&format!("{lead}{story}")).as_deref(), Some(want));
        }
        assert_eq!(
            excerpt(&story.replacen("month in ", "month in<br>", 1)).as_deref(),
            Some(want)
        );
    }
}
