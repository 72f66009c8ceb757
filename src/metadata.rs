//! Pass 1, metadata: title, byline, source publication, date, language, direction, excerpt and
//! canonical URL, from JSON-LD, OpenGraph, Parsely, citation_*, Dublin Core and the visible page.

use crate::dom::Document;
use crate::page::Meta;
use crate::text::collapse;
use serde_json::Value;
use std::collections::HashMap;

/// Languages written right to left (primary subtags).
const RTL_LANGS: &[&str] = &["ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "ug", "ckb", "dv"];

/// Separators between a headline and the site's name in `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " / ", " » ", " · "];

/// The page's `<meta>` values, keyed by lower-cased `property`/`name`/`itemprop`; first wins.
pub struct MetaTags(HashMap<String, String>);

impl MetaTags {
    pub fn read(doc: &Document) -> Self {
        let mut map = HashMap::new();
        for n in doc.find_all(doc.root(), "meta") {
            let Some(content) = doc.attr(n, "content") else {
                continue;
            };
            let content = collapse(content);
            if content.is_empty() {
                continue;
            }
            for key_attr in ["property", "name", "itemprop"] {
                if let Some(k) = doc.attr(n, key_attr) {
                    // `property` may hold several space-separated names.
                    for k in k.split_whitespace() {
                        map.entry(k.to_ascii_lowercase()).or_insert_with(|| content.clone());
                    }
                }
            }
        }
        MetaTags(map)
    }

    /// The first present of `keys`.
    pub fn get(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| self.0.get(*k).cloned())
    }
}

/// The facts JSON-LD gives about the article.
#[derive(Default, Debug)]
pub struct JsonLd {
    pub headline: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub date_published: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub accessible_for_free: Option<bool>,
}

const ARTICLE_TYPES: &[&str] = &[
    "Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle",
    "OpinionNewsArticle", "ReviewNewsArticle", "ScholarlyArticle", "TechArticle", "Report",
    "SocialMediaPosting", "LiveBlogPosting", "WebPage", "BackgroundNewsArticle", "Blog",
];

impl JsonLd {
    pub fn read(doc: &Document) -> Self {
        let mut out = JsonLd::default();
        for s in doc.find_all(doc.root(), "script") {
            if !doc
                .attr(s, "type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
            {
                continue;
            }
            let raw = doc.text_content(s);
            let Ok(v) = serde_json::from_str::<Value>(raw.trim().trim_end_matches(';')) else {
                continue;
            };
            // Flatten arrays and @graph into a work list (no recursion on page data).
            let mut work = vec![&v];
            let mut best: Option<&Value> = None;
            while let Some(x) = work.pop() {
                match x {
                    Value::Array(a) => work.extend(a.iter().rev()),
                    Value::Object(o) => {
                        if let Some(g) = o.get("@graph") {
                            work.push(g);
                        }
                        let is_article = type_names(o.get("@type")).iter().any(|t| {
                            ARTICLE_TYPES.contains(&t.as_str()) && (t != "WebPage" || best.is_none())
                        });
                        if is_article && (best.is_none() || o.contains_key("headline")) {
                            best = Some(x);
                        }
                    }
                    _ => {}
                }
            }
            if let Some(Value::Object(o)) = best {
                out.headline = out.headline.or_else(|| str_of(o.get("headline")).or_else(|| str_of(o.get("name"))));
                if out.authors.is_empty() {
                    out.authors = names_of(o.get("author"));
                }
                out.publisher = out.publisher.or_else(|| names_of(o.get("publisher")).into_iter().next());
                out.date_published = out.date_published.or_else(|| str_of(o.get("datePublished")));
                out.description = out.description.or_else(|| str_of(o.get("description")));
                out.url = out.url.or_else(|| str_of(o.get("url")));
                if out.accessible_for_free.is_none() {
                    out.accessible_for_free = match o.get("isAccessibleForFree") {
                        Some(Value::Bool(b)) => Some(*b),
                        Some(Value::String(s)) => Some(!s.eq_ignore_ascii_case("false")),
                        _ => None,
                    };
                }
            }
        }
        out
    }
}

fn type_names(t: Option<&Value>) -> Vec<String> {
    match t {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a.iter().filter_map(|x| x.as_str().map(String::from)).collect(),
        _ => vec![],
    }
}

fn str_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(collapse(&decode_entities(s))).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(|x| str_of(Some(x))),
        _ => None,
    }
}

/// Names from a person/organisation value: a string, an object with `name`, or a list of them.
fn names_of(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![collapse(s)].into_iter().filter(|s| !s.is_empty()).collect(),
        Some(Value::Object(o)) => str_of(o.get("name")).into_iter().collect(),
        Some(Value::Array(a)) => a.iter().flat_map(|x| names_of(Some(x))).collect(),
        _ => vec![],
    }
}

/// Decodes the few entities that leak into JSON-LD and meta values.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#039;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// Runs the metadata pass.
pub fn read(doc: &Document, url: Option<&str>) -> Meta {
    let tags = MetaTags::read(doc);
    let ld = JsonLd::read(doc);
    let html = doc.document_element();

    let doc_title = doc
        .find(doc.root(), "title")
        .map(|t| collapse(&doc.text_content(t)))
        .unwrap_or_default();
    let og_site = tags.get(&["og:site_name", "application-name"]);
    let meta_title = ld
        .headline
        .clone()
        .or_else(|| tags.get(&["og:title", "twitter:title", "parsely-title", "citation_title", "dc.title", "dcterm:title", "title"]));
    let h1s: Vec<String> = doc
        .find_all(doc.root(), "h1")
        .map(|h| collapse(&doc.text_content(h)))
        .filter(|t| !t.is_empty())
        .collect();
    let title = choose_title(&doc_title, meta_title.as_deref(), &h1s, og_site.as_deref());

    let byline = ld
        .authors
        .first()
        .map(|_| ld.authors.join(", "))
        .or_else(|| tags.get(&["author", "article:author", "parsely-author", "citation_author", "dc.creator", "dcterm:creator", "sailthru.author"]))
        .filter(|a| !a.starts_with("http"))
        .or_else(|| visible_byline(doc));

    let site_name = ld.publisher.clone().or_else(|| og_site.clone());
    let aggregator = match (&ld.publisher, &og_site) {
        (Some(p), Some(o)) if !p.eq_ignore_ascii_case(o) => Some(o.clone()),
        _ => None,
    };

    let lang = html
        .and_then(|h| doc.attr(h, "lang").or_else(|| doc.attr(h, "xml:lang")))
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .or_else(|| tags.get(&["content-language", "og:locale", "dc.language", "language"]).map(|l| l.replace('_', "-")));
    let dir = html
        .and_then(|h| doc.attr(h, "dir"))
        .or_else(|| doc.body().and_then(|b| doc.attr(b, "dir")))
        .map(|d| d.trim().to_ascii_lowercase())
        .filter(|d| d == "rtl" || d == "ltr")
        .or_else(|| {
            let primary = lang.as_deref()?.split(['-', '_']).next()?.to_ascii_lowercase();
            Some(if RTL_LANGS.contains(&primary.as_str()) { "rtl" } else { "ltr" }.to_string())
        });

    let excerpt = tags
        .get(&["og:description", "description", "twitter:description", "dc.description", "citation_abstract"])
        .or_else(|| ld.description.clone())
        .map(|e| decode_entities(&e));

    let canonical = doc
        .find_all(doc.root(), "link")
        .find(|&l| doc.attr(l, "rel").is_some_and(|r| r.split_whitespace().any(|t| t.eq_ignore_ascii_case("canonical"))))
        .and_then(|l| doc.attr(l, "href"))
        .map(|h| crate::url::resolve(url, h))
        .or_else(|| tags.get(&["og:url"]))
        .or_else(|| url.map(String::from));

    Meta {
        title,
        byline,
        site_name,
        published_time: ld
            .date_published
            .clone()
            .or_else(|| tags.get(&["article:published_time", "parsely-pub-date", "citation_publication_date", "dc.date", "dcterm:created", "datepublished"])),
        lang,
        dir,
        excerpt,
        canonical,
        aggregator,
        paywalled: ld.accessible_for_free == Some(false),
        byline_nodes: Vec::new(),
    }
}

/// Picks the headline: metadata title when the document title contains it, otherwise the
/// document title with its site suffix or prefix cut off.
fn choose_title(doc_title: &str, meta_title: Option<&str>, h1s: &[String], site: Option<&str>) -> String {
    if let Some(m) = meta_title.filter(|m| !m.is_empty()) {
        let m_stripped = strip_site(m, site);
        if doc_title.is_empty() || doc_title.contains(m_stripped.as_str()) || h1s.iter().any(|h| h == &m_stripped) {
            return m_stripped;
        }
    }
    let stripped = strip_site(doc_title, site);
    if stripped.is_empty() {
        return h1s.first().cloned().or_else(|| meta_title.map(String::from)).unwrap_or_default();
    }
    // Prefer an h1 that the title starts with (the title then carries extra words).
    if let Some(h) = h1s.iter().find(|h| h.len() > 10 && stripped.starts_with(h.as_str())) {
        return h.clone();
    }
    stripped
}

/// Cuts a site name off a title: "Headline | Site" → "Headline".
fn strip_site(title: &str, site: Option<&str>) -> String {
    let title = collapse(title);
    for sep in TITLE_SEPARATORS {
        if let Some(i) = title.rfind(sep) {
            let (head, tail) = (&title[..i], &title[i + sep.len()..]);
            let head_words = head.split_whitespace().count();
            let tail_words = tail.split_whitespace().count();
            let tail_is_site = site.is_some_and(|s| tail.eq_ignore_ascii_case(s)) || tail_words <= 4;
            if head_words >= 3 && tail_is_site {
                return head.trim().to_string();
            }
            let head_is_site = site.is_some_and(|s| head.eq_ignore_ascii_case(s));
            if head_is_site && tail_words >= 3 {
                return tail.trim().to_string();
            }
        }
    }
    title
}

/// A byline from the visible page: `rel=author`, `itemprop=author`, or a byline/author class.
fn visible_byline(doc: &Document) -> Option<String> {
    let body = doc.body()?;
    for n in doc.descendants(body) {
        let Some(el) = doc.element(n) else { continue };
        let hint = el.attr("rel") == Some("author")
            || el.attr("itemprop").is_some_and(|v| v.contains("author"))
            || el.attr("class").is_some_and(|c| {
                c.split_whitespace().any(|t| {
                    let t = t.to_ascii_lowercase();
                    t == "byline" || t == "author" || t == "author-name" || t.ends_with("__author") || t == "byline__name"
                })
            });
        if hint {
            let t = clean_byline(&doc.text_content(n));
            if !t.is_empty() && t.chars().count() < 100 {
                return Some(t);
            }
        }
    }
    None
}

/// Strips a leading "By" from a visible byline.
pub fn clean_byline(s: &str) -> String {
    let s = collapse(s);
    let lower = s.to_ascii_lowercase();
    for p in ["by ", "von ", "par ", "por ", "di "] {
        if lower.starts_with(p) {
            return s[p.len()..].trim().to_string();
        }
    }
    s
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::dom::html::parse;

    #[test]
    fn title_suffix_and_jsonld_publisher() {
        let doc = parse(r#"<html lang="ar"><head><title>A long headline here | Paper</title>
            <meta property="og:site_name" content="Aggr">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"A long headline here",
            "author":{"@type":"Person","name":"Jo Bloggs"},"publisher":{"name":"Paper"},"isAccessibleForFree":false}</script>
            </head><body><h1>A long headline here</h1></body></html>"#);
        let m = read(&doc, None);
        assert_eq!(m.title, "A long headline here");
        assert_eq!(m.byline.as_deref(), Some("Jo Bloggs"));
        assert_eq!(m.site_name.as_deref(), Some("Paper"));
        assert_eq!(m.aggregator.as_deref(), Some("Aggr"));
        assert_eq!(m.dir.as_deref(), Some("rtl"));
        assert!(m.paywalled);
    }
}
