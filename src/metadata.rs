//! Pass 1, metadata: title, byline, source publication, date, language, direction, excerpt and
//! canonical URL, from JSON-LD, OpenGraph, Parsely, citation_*, Dublin Core and the visible page.

use crate::dom::{flags, Document, Edge, Element, NodeId};
use crate::page::Meta;
use crate::text::{collapse, contains_ascii_lower, Needles};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Languages written right to left (primary subtags).
const RTL_LANGS: &[&str] = &[
    "ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "ug", "ckb", "dv",
];

/// Separators between a headline and the site's name in `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " / ", " » ", " · "];

/// The page's `<meta>` values, keyed by lower-cased `property`/`name`/`itemprop`. A `property`
/// (RDFa, as OpenGraph and Dublin Core define it) beats a `name`; otherwise the first wins.
/// `DC.title` and `dc:title` are one key, `dc:title`.
pub struct MetaTags(HashMap<String, String>);

impl MetaTags {
    pub fn read(doc: &Document) -> Self {
        Self::from_nodes(doc, doc.find_all(doc.root(), "meta"))
    }

    /// The map from the page's `<meta>` elements, given in document order.
    fn from_nodes(doc: &Document, metas: impl IntoIterator<Item = NodeId>) -> Self {
        let mut map: HashMap<String, (u8, String)> = HashMap::new();
        for n in metas {
            let Some(content) = doc.attr(n, "content") else {
                continue;
            };
            let content = collapse(content);
            if content.is_empty() {
                continue;
            }
            for (rank, key_attr) in [(0u8, "property"), (1, "name"), (2, "itemprop")] {
                if let Some(k) = doc.attr(n, key_attr) {
                    // `property` may hold several space-separated names.
                    for k in k.split_whitespace() {
                        let key = normalise_key(k);
                        match map.get(&key) {
                            Some((r, _)) if *r <= rank => {}
                            _ => {
                                map.insert(key, (rank, content.clone()));
                            }
                        }
                    }
                }
            }
        }
        MetaTags(map.into_iter().map(|(k, (_, v))| (k, v)).collect())
    }

    /// The first present of `keys`.
    pub fn get(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| self.0.get(*k).cloned())
    }
}

/// `DC.Title` → `dc:title`; other keys are only lower-cased.
fn normalise_key(k: &str) -> String {
    let k = k.trim().to_ascii_lowercase();
    for prefix in ["dc.", "dcterm.", "dcterms."] {
        if let Some(rest) = k.strip_prefix(prefix) {
            return format!("{}:{}", &prefix[..prefix.len() - 1], rest);
        }
    }
    k.replace("dcterms:", "dcterm:")
}

/// The facts JSON-LD gives about the article.
#[derive(Default, Debug)]
pub struct JsonLd {
    pub headline: Option<String>,
    /// The article's `name`, which some pages fill instead of (or besides) `headline`.
    pub name: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub date_published: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub accessible_for_free: Option<bool>,
}

const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ReviewNewsArticle",
    "ScholarlyArticle",
    "TechArticle",
    "Report",
    "SocialMediaPosting",
    "LiveBlogPosting",
    "WebPage",
    "BackgroundNewsArticle",
    "Blog",
];

impl JsonLd {
    pub fn read(doc: &Document) -> Self {
        Self::from_scripts(doc, doc.find_all(doc.root(), "script"))
    }

    /// The facts from the page's `<script>` elements, given in document order (those that
    /// are not JSON-LD are passed over).
    fn from_scripts(doc: &Document, scripts: impl IntoIterator<Item = NodeId>) -> Self {
        let mut out = JsonLd::default();
        for s in scripts {
            if !doc
                .attr(s, "type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
            {
                continue;
            }
            let raw = doc.text_content(s);
            let Ok(v) = serde_json::from_str::<Value>(unwrap_script_text(&raw)) else {
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
                            ARTICLE_TYPES.contains(&t.as_str())
                                && (t != "WebPage" || best.is_none())
                        });
                        if is_article && (best.is_none() || o.contains_key("headline")) {
                            best = Some(x);
                        }
                    }
                    _ => {}
                }
            }
            if let Some(Value::Object(o)) = best {
                out.headline = out.headline.or_else(|| str_of(o.get("headline")));
                out.name = out.name.or_else(|| str_of(o.get("name")));
                if out.authors.is_empty() {
                    out.authors = names_of(o.get("author"));
                }
                out.publisher = out
                    .publisher
                    .or_else(|| names_of(o.get("publisher")).into_iter().next());
                out.date_published = out
                    .date_published
                    .or_else(|| str_of(o.get("datePublished")));
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

/// The JSON inside a script's text: without a CDATA wrapper (bare or in comments), or a
/// trailing semicolon.
fn unwrap_script_text(raw: &str) -> &str {
    let mut t = raw.trim();
    for open in ["/*<![CDATA[*/", "//<![CDATA[", "<![CDATA["] {
        if let Some(rest) = t.strip_prefix(open) {
            t = rest.trim_start();
            break;
        }
    }
    for close in ["/*]]>*/", "//]]>", "]]>"] {
        if let Some(rest) = t.strip_suffix(close) {
            t = rest.trim_end();
            break;
        }
    }
    t.trim_end_matches(';')
}

fn type_names(t: Option<&Value>) -> Vec<String> {
    match t {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(String::from))
            .collect(),
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
        Some(Value::String(s)) => vec![collapse(s)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect(),
        Some(Value::Object(o)) => str_of(o.get("name")).into_iter().collect(),
        Some(Value::Array(a)) => a.iter().flat_map(|x| names_of(Some(x))).collect(),
        _ => vec![],
    }
}

/// Decodes the entities that leak into JSON-LD and meta values (double-escaped markup): the
/// common named ones and numeric references; an invalid number becomes U+FFFD.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..]
            .find(';')
            .map(|e| e + 1)
            .filter(|&e| e <= MAX_ENTITY_LEN);
        let decoded = end.and_then(|e| decode_entity(&rest[1..e]).map(|c| (c, e)));
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The longest entity body looked at (`#x10FFFF` and the named ones fit).
const MAX_ENTITY_LEN: usize = 12;

fn decode_entity(body: &str) -> Option<char> {
    let num = |digits: &str, radix: u32| -> Option<char> {
        if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
            return None;
        }
        let n = u32::from_str_radix(digits, radix).unwrap_or(u32::MAX);
        Some(match char::from_u32(n) {
            Some(c) if n != 0 => c,
            _ => '\u{fffd}',
        })
    };
    if let Some(hex) = body.strip_prefix("#x").or_else(|| body.strip_prefix("#X")) {
        return num(hex, 16);
    }
    if let Some(dec) = body.strip_prefix('#') {
        return num(dec, 10);
    }
    Some(match body {
        "quot" => '"',
        "apos" => '\'',
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "nbsp" => '\u{a0}',
        _ => return None,
    })
}

/// Runs the metadata pass.
pub fn read(doc: &Document, url: Option<&str>) -> Meta {
    let mut found = Found::collect(doc);
    let tags = MetaTags::from_nodes(doc, found.metas.iter().copied());
    let ld = JsonLd::from_scripts(doc, found.scripts.iter().copied());
    let html = doc.document_element();

    let doc_title = found
        .title
        .map(|t| collapse(&doc.text_content(t)))
        .unwrap_or_default();
    let og_site = tags.get(&["og:site_name"]).map(|s| decode_entities(&s));
    let canonical = found
        .links
        .iter()
        .copied()
        .find(|&l| {
            doc.attr(l, "rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|t| t.eq_ignore_ascii_case("canonical"))
            })
        })
        .and_then(|l| doc.attr(l, "href"))
        .map(|h| crate::url::resolve(url, h))
        .or_else(|| tags.get(&["og:url"]))
        .or_else(|| url.map(String::from));

    // Names the site goes by, for cutting it off a title.
    let mut site_names: Vec<String> = [
        ld.publisher.clone(),
        og_site.clone(),
        tags.get(&[
            "application-name",
            "twitter:site",
            "apple-mobile-web-app-title",
        ]),
    ]
    .into_iter()
    .flatten()
    .collect();
    for u in [canonical.as_deref(), url].into_iter().flatten() {
        if let Some(h) = crate::url::host(u) {
            site_names.push(h.clone());
            if let Some(label) = h.split('.').next() {
                site_names.push(label.to_string());
            }
        }
    }

    // NOTE: when JSON-LD's headline and name differ, the one nearer the document title is
    // the page's own headline (the other is often a social or section title).
    let ld_title = match (&ld.headline, &ld.name) {
        (Some(h), Some(n)) if h != n => {
            if heading_similarity(&doc_title, n) > heading_similarity(&doc_title, h) {
                Some(n.clone())
            } else {
                Some(h.clone())
            }
        }
        (h, n) => h.clone().or_else(|| n.clone()),
    };
    let meta_title = ld_title
        .or_else(|| tags.get(META_TITLE_KEYS))
        .map(|t| decode_entities(&t));
    let from_document = || {
        // A known site name comes off whatever the length of what is left.
        let cut = strip_known_site(&doc_title, &site_names);
        if cut != doc_title {
            cut
        } else {
            // Every h1, then every h2, in document order.
            let headings: Vec<String> = [H1, H2]
                .into_iter()
                .flat_map(|level| found.headings.iter().filter(move |h| h.level == level))
                .map(|h| collapse(&doc.text_content(h.id)))
                .filter(|t| !t.is_empty())
                .collect();
            title_from_document(&doc_title, &headings)
        }
    };
    // NOTE: a metadata title that is only the site's name ("Yahoo News - Latest News &
    // Headlines", the page's application-name too) was left by a template that does not fill it
    // per story: the document's own title is the headline then, and that metadata's summary
    // describes the site, not the story.
    let mut site_level = false;
    let title = match meta_title {
        Some(m) => {
            let cut = strip_known_site(&m, &site_names);
            if names_site_only(&m, &site_names) || names_site_only(&cut, &site_names) {
                let own = from_document();
                site_level = !own.is_empty() && !names_site_only(&own, &site_names);
                if site_level {
                    own
                } else {
                    cut
                }
            } else {
                cut
            }
        }
        None => from_document(),
    };

    let (visible, byline_node) = found.byline.take().unzip();
    let byline = ld
        .authors
        .first()
        .map(|_| ld.authors.join(", "))
        .or_else(|| tags.get(META_AUTHOR_KEYS).filter(|a| !looks_like_url(a)))
        .map(|a| clean_byline(&decode_entities(&a)))
        .filter(|a| !a.is_empty())
        .or(visible);
    let mut byline_nodes: Vec<NodeId> = byline_node.into_iter().collect();
    byline_nodes.extend(title_headings(doc, &found.headings, &title));
    // NOTE: sorted, so the extraction asks of every element whether it is one by a binary
    // search: a page repeating its title in thousands of headings made a linear one quadratic.
    byline_nodes.sort_unstable();
    byline_nodes.dedup();

    let site_name = ld.publisher.clone().or_else(|| og_site.clone());
    let aggregator = match (&ld.publisher, &og_site) {
        (Some(p), Some(o)) if !p.eq_ignore_ascii_case(o) => Some(o.clone()),
        _ => None,
    };

    let lang = html
        .and_then(|h| doc.attr(h, "lang").or_else(|| doc.attr(h, "xml:lang")))
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .or_else(|| {
            tags.get(&["content-language", "og:locale", "dc.language", "language"])
                .map(|l| l.replace('_', "-"))
        });
    let dir = html
        .and_then(|h| doc.attr(h, "dir"))
        .or_else(|| doc.body().and_then(|b| doc.attr(b, "dir")))
        .map(|d| d.trim().to_ascii_lowercase())
        .filter(|d| d == "rtl" || d == "ltr")
        .or_else(|| {
            let primary = lang
                .as_deref()?
                .split(['-', '_'])
                .next()?
                .to_ascii_lowercase();
            Some(
                if RTL_LANGS.contains(&primary.as_str()) {
                    "rtl"
                } else {
                    "ltr"
                }
                .to_string(),
            )
        });

    let excerpt = ld
        .description
        .clone()
        .or_else(|| tags.get(META_EXCERPT_KEYS))
        .filter(|_| !site_level)
        .map(|e| decode_entities(&e));

    Meta {
        title,
        byline,
        site_name,
        published_time: ld
            .date_published
            .clone()
            .or_else(|| tags.get(META_DATE_KEYS)),
        lang,
        dir,
        excerpt,
        canonical,
        aggregator,
        paywalled: ld.accessible_for_free == Some(false),
        byline_nodes,
    }
}

const H1: u8 = 1;
const H2: u8 = 2;

/// An `h1` or `h2` of the page.
struct Heading {
    id: NodeId,
    /// [`H1`] or [`H2`].
    level: u8,
    /// Inside the `<body>`.
    in_body: bool,
}

/// The elements the pass reads, found in one walk over the document, each list in document
/// order.
// NOTE: one walk instead of a search per tag: on a large page the walks, not what is read
// from the few elements found, are most of the pass.
#[derive(Default)]
struct Found {
    metas: Vec<NodeId>,
    scripts: Vec<NodeId>,
    links: Vec<NodeId>,
    /// The first `<title>`.
    title: Option<NodeId>,
    headings: Vec<Heading>,
    /// The first visible byline in the body (see [`byline_at`]) and the element carrying it.
    byline: Option<(String, NodeId)>,
}

impl Found {
    fn collect(doc: &Document) -> Found {
        let mut f = Found::default();
        let body = doc.body();
        let mut in_body = false;
        // The hidden or script-like element whose subtree the byline search is passing over.
        let mut unseen: Option<NodeId> = None;
        for edge in doc.traverse(doc.root()) {
            let id = match edge {
                Edge::Open(id) => id,
                Edge::Close(id) => {
                    if Some(id) == body {
                        in_body = false;
                    }
                    if Some(id) == unseen {
                        unseen = None;
                    }
                    continue;
                }
            };
            if Some(id) == body {
                in_body = true;
            }
            if in_body && unseen.is_none() && f.byline.is_none() {
                if let Some(el) = doc.element(id) {
                    if el.flags & flags::HIDDEN != 0
                        || matches!(
                            el.name.as_str(),
                            "script" | "style" | "noscript" | "template" | "head"
                        )
                        || names_others(el)
                    {
                        unseen = Some(id);
                    } else if let Some(name) = byline_at(doc, id, el) {
                        f.byline = Some((name, id));
                    }
                }
            }
            let Some(tag) = doc.tag(id) else { continue };
            match tag {
                "meta" => f.metas.push(id),
                "script" => f.scripts.push(id),
                "link" => f.links.push(id),
                "title" if f.title.is_none() => f.title = Some(id),
                "h1" | "h2" => f.headings.push(Heading {
                    id,
                    level: if tag == "h1" { H1 } else { H2 },
                    in_body,
                }),
                _ => {}
            }
        }
        f
    }
}

/// Meta keys of the headline, best first.
const META_TITLE_KEYS: &[&str] = &[
    "dc:title",
    "dcterm:title",
    "og:title",
    "weibo:article:title",
    "weibo:webpage:title",
    "title",
    "twitter:title",
    "parsely-title",
    "citation_title",
    "sailthru.title",
];

/// Meta keys of the author, best first.
const META_AUTHOR_KEYS: &[&str] = &[
    "dc:creator",
    "dcterm:creator",
    "author",
    "parsely-author",
    "article:author",
    "citation_author",
    "sailthru.author",
    "byl",
];

/// Meta keys of the summary, best first.
const META_EXCERPT_KEYS: &[&str] = &[
    "dc:description",
    "dcterm:description",
    "og:description",
    "weibo:article:description",
    "weibo:webpage:description",
    "description",
    "twitter:description",
    "citation_abstract",
];

/// Meta keys of the publication date, best first.
const META_DATE_KEYS: &[&str] = &[
    "article:published_time",
    "parsely-pub-date",
    "citation_publication_date",
    "citation_date",
    "dc:date",
    "dcterm:created",
    "datepublished",
    "date",
];

/// Class/id fragments of a visible byline.
const BYLINE_HINTS: &[&str] = &["byline", "author", "dateline", "writtenby", "p-author"];

/// A visible byline longer than this (in characters) is a bio, not a byline.
const MAX_BYLINE_CHARS: usize = 100;

/// A heading whose words are at least this share (by characters) of the title's is the title.
const TITLE_HEADING_SIMILARITY: f64 = 0.75;

/// In a `<title>` with a colon, a head longer than this many words is part of the headline.
const MAX_COLON_PREFIX_WORDS: usize = 5;

/// A cut title shorter than this many words is too short to be the headline alone.
const MIN_TITLE_WORDS: usize = 3;

/// Separators of hierarchy in a `<title>` ("Section › Site").
const HIERARCHY_SEPARATORS: &[&str] = &[" \\ ", " / ", " > ", " » "];

fn looks_like_url(s: &str) -> bool {
    let l = s.trim_start().to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://") || l.starts_with("www.")
}

/// Letters and digits only, lower case: the key names are compared by.
pub(crate) fn name_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// True when `part` names the site: it matches one of its names (ignoring case, spaces and
/// punctuation, and a leading `@` or `www.`), or holds one as a word run.
fn is_site_name(part: &str, site_names: &[String]) -> bool {
    let p = name_key(part.trim().trim_start_matches('@'));
    if p.is_empty() {
        return false;
    }
    site_names.iter().any(|s| {
        let s = name_key(s.trim().trim_start_matches('@').trim_start_matches("www."));
        s.chars().count() >= 3
            && (p == s
                || (p.contains(&s) && part.split_whitespace().count() <= 4)
                || s.contains(&p) && p.chars().count() >= 3)
    })
}

/// True when `title` is nothing but one of the site's names (ignoring case, spaces and
/// punctuation, and a leading `@` or `www.`).
fn names_site_only(title: &str, site_names: &[String]) -> bool {
    let t = name_key(title.trim().trim_start_matches('@'));
    !t.is_empty()
        && site_names
            .iter()
            .any(|s| name_key(s.trim().trim_start_matches('@').trim_start_matches("www.")) == t)
}

/// Cuts the site's name off a metadata title ("Headline | Site", "Site: Headline", "Headline
/// [Site]"), only when the cut part is one of the site's names.
fn strip_known_site(title: &str, site_names: &[String]) -> String {
    let title = collapse(title);
    if let Some(head) = title.strip_suffix(']').and_then(|t| t.rsplit_once(" [")) {
        if is_site_name(head.1, site_names) && !head.0.trim().is_empty() {
            return head.0.trim().to_string();
        }
    }
    for sep in TITLE_SEPARATORS.iter().chain([": ", " _"].iter()) {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if !head.trim().is_empty() && is_site_name(tail, site_names) {
                return strip_known_site(head, site_names);
            }
        }
        if let Some((head, tail)) = title.split_once(sep) {
            if !tail.trim().is_empty() && *sep != ": " && is_site_name(head, site_names) {
                return tail.trim().to_string();
            }
        }
    }
    title
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// The headline from `<title>` when no metadata gives one: the last separated part (the site)
/// goes; when that leaves too little, the first part goes instead; "Site: Headline" keeps the
/// headline; a headline that is one of the page's headings wins.
fn title_from_document(doc_title: &str, headings: &[String]) -> String {
    let orig = collapse(doc_title);
    if orig.is_empty() {
        return headings.first().cloned().unwrap_or_default();
    }
    let seps = TITLE_SEPARATORS.iter().chain(HIERARCHY_SEPARATORS.iter());
    let hierarchical = HIERARCHY_SEPARATORS.iter().any(|s| orig.contains(s));
    let last_sep = seps.filter_map(|s| orig.rfind(s).map(|i| (i, *s))).max();
    let mut cur = orig.clone();
    if let Some((i, sep)) = last_sep {
        cur = orig[..i].trim().to_string();
        if words(&cur) < MIN_TITLE_WORDS {
            // "Site | Headline": drop the first part instead.
            let first = TITLE_SEPARATORS
                .iter()
                .chain(HIERARCHY_SEPARATORS.iter())
                .filter_map(|s| orig.find(s).map(|j| (j, *s)))
                .min();
            if let Some((j, s)) = first {
                cur = orig[j + s.len()..].trim().to_string();
            }
        }
        let _ = sep;
    } else if orig.contains(": ") && !headings.contains(&orig) {
        if let Some((_, after)) = orig.rsplit_once(": ") {
            cur = after.trim().to_string();
        }
        if words(&cur) < MIN_TITLE_WORDS {
            if let Some((_, after)) = orig.split_once(": ") {
                cur = after.trim().to_string();
            }
        }
        if orig
            .split_once(": ")
            .is_some_and(|(before, _)| words(before) > MAX_COLON_PREFIX_WORDS)
        {
            cur = orig.clone();
        }
    }
    let cur_words = words(&cur);
    let orig_words = words(&orig.replace(['|', '-', '–', '—', '\\', '/', '>', '»'], " "));
    if cur_words <= 4 && (!hierarchical || cur_words + 1 != orig_words) {
        cur = orig.clone();
    }
    cur
}

/// The share (by characters) of `heading`'s words that are also the title's.
fn heading_similarity(heading: &str, title: &str) -> f64 {
    TitleWords::new(title).similarity(heading)
}

/// The folded words of a title, to compare headings with.
struct TitleWords {
    key: String,
}

impl TitleWords {
    fn new(title: &str) -> Self {
        TitleWords {
            key: crate::text::fold_key(title),
        }
    }

    /// The share (by characters) of `heading`'s words that are also the title's.
    fn similarity(&self, heading: &str) -> f64 {
        let h = crate::text::fold_key(heading);
        let mut total = 0usize;
        let mut shared = 0usize;
        for w in h.split(' ').filter(|w| !w.is_empty()) {
            let n = w.chars().count() + 1;
            total += n;
            // NOTE: Chinese and Japanese put no spaces between words, so the title's "words"
            // are whole phrases run together with what followed a dropped separator
            // ("…迈上新台阶_科技_腾讯网"): a heading word in those scripts is the title's when
            // the title holds it.
            if self.key.split(' ').any(|x| x == w)
                || w.chars().count() >= 2
                    && w.chars().any(is_unspaced_script)
                    && self.key.contains(w)
            {
                shared += n;
            }
        }
        if total == 0 {
            return 0.0;
        }
        shared as f64 / total as f64
    }
}

/// A character of a script written without spaces between words: Han ideographs, hiragana
/// and katakana.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// The `h1`/`h2` elements in the body that repeat the title (the body should not say it twice).
fn title_headings(doc: &Document, headings: &[Heading], title: &str) -> Vec<NodeId> {
    if title.trim().is_empty() {
        return Vec::new();
    }
    let words = TitleWords::new(title);
    headings
        .iter()
        .filter(|h| h.in_body)
        .map(|h| h.id)
        .filter(|&n| words.similarity(&doc.text_content(n)) >= TITLE_HEADING_SIMILARITY)
        .collect()
}

/// True when a class or id names the readers' comments or a box to follow writers, whose names
/// are not this story's byline: a part of a token (split at `-` and `_`) that is "comment(s)",
/// "reply"/"replies", or starts "disqus" or "follow" ("comments-list", "author-follow",
/// "applet-followauthor"), but not "commentary".
fn names_others(el: &Element) -> bool {
    [el.attr("class"), el.attr("id")]
        .into_iter()
        .flatten()
        .flat_map(|v| v.split(|c: char| c.is_whitespace() || c == '-' || c == '_'))
        .any(|part| {
            let starts = |w: &str| {
                part.get(..w.len())
                    .is_some_and(|h| h.eq_ignore_ascii_case(w))
            };
            ["comment", "comments", "reply", "replies"]
                .iter()
                .any(|w| part.eq_ignore_ascii_case(w))
                || starts("disqus")
                || starts("follow")
        })
}

/// True when a class or id names a byline or an author ("byline", "post-author", "author_fmt"),
/// not an authorisation or authority box.
fn has_byline_hint(doc: &Document, n: NodeId, hints: &Needles) -> bool {
    let Some(el) = doc.element(n) else {
        return false;
    };
    names_byline(el.attr("class"), el.attr("id"), hints)
}

/// [`has_byline_hint`] on the class and id values.
fn names_byline(class: Option<&str>, ident: Option<&str>, hints: &Needles) -> bool {
    [class, ident]
        .into_iter()
        .flatten()
        // NOTE: a value that holds no hint anywhere has no token holding one; one pass over
        // it settles most elements of a page without splitting it.
        .filter(|v| hints.in_any(v))
        .any(|v| {
            v.split_whitespace().any(|t| {
                hints.list().iter().any(|h| contains_ascii_lower(t, h))
                    && !contains_ascii_lower(t, "authori")
            })
        })
}

/// Class/id hints of an author element inside a byline block.
const AUTHOR_HINTS: &[&str] = &["author", "name"];

static BYLINE_NEEDLES: LazyLock<Needles> = LazyLock::new(|| {
    crate::region::outside(|| {
        Needles::new(BYLINE_HINTS).expect("byline hints fit the needle tables")
    })
});
static AUTHOR_NEEDLES: LazyLock<Needles> = LazyLock::new(|| {
    crate::region::outside(|| {
        Needles::new(AUTHOR_HINTS).expect("author hints fit the needle tables")
    })
});

fn is_author_element(doc: &Document, n: NodeId) -> bool {
    doc.attr(n, "rel") == Some("author")
        || doc
            .attr(n, "itemprop")
            .is_some_and(|v| v.split_whitespace().any(|t| t == "author" || t == "name"))
        || has_byline_hint(doc, n, &AUTHOR_NEEDLES)
}

/// The byline element `n` (not hidden, in the body) carries, if it is one: `rel=author`,
/// `itemprop=author`, or a byline/author class or id. Within a byline block, the innermost
/// author element (the name inside "By … on date") gives the name.
fn byline_at(doc: &Document, n: NodeId, el: &Element) -> Option<String> {
    // NOTE: one pass over the attributes for the four this looks at.
    let (mut class, mut ident, mut rel, mut itemprop) = (None, None, None, None);
    for a in &el.attrs {
        let slot = match a.name.as_str() {
            "class" => &mut class,
            "id" => &mut ident,
            "rel" => &mut rel,
            "itemprop" => &mut itemprop,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(a.value.as_str());
        }
    }
    let hint = rel == Some("author")
        || itemprop.is_some_and(|v| v.contains("author"))
        || names_byline(class, ident, &BYLINE_NEEDLES);
    if !hint {
        return None;
    }
    let len = collapsed_chars(doc, n, MAX_BYLINE_CHARS);
    if len == 0 || len >= MAX_BYLINE_CHARS {
        return None;
    }
    // Go down to the innermost author element that still says something.
    let mut name_node = n;
    for _ in 0..MAX_BYLINE_DEPTH {
        let inner = doc.descendants(name_node).skip(1).find(|&d| {
            doc.element(d).is_some() && is_author_element(doc, d) && collapsed_chars(doc, d, 1) > 0
        });
        match inner {
            Some(d) => name_node = d,
            None => break,
        }
    }
    let name = collapse(&doc.text_content(name_node));
    Some(clean_byline(&name)).filter(|name| !name.is_empty())
}

/// The characters of `collapse(&doc.text_content(id))`, counted up to `cap` (a longer text
/// gives `cap`) without building the text.
fn collapsed_chars(doc: &Document, id: NodeId, cap: usize) -> usize {
    // Characters so far, and whether a space is owed before the next word.
    let mut n = 0usize;
    let mut space = false;
    for t in doc.descendants(id).filter_map(|d| doc.text(d)) {
        for c in t.chars() {
            if c.is_whitespace() {
                space = n > 0;
                continue;
            }
            n += 1 + usize::from(space);
            space = false;
            if n >= cap {
                return cap;
            }
        }
    }
    n
}

/// How many nested author elements a byline search goes down.
const MAX_BYLINE_DEPTH: usize = 4;

/// Words that introduce a byline ("By Jo Bloggs", "Par …"), lower case, with their space.
const BYLINE_PREFIXES: &[&str] = &["by ", "by: ", "von ", "par ", "por ", "di ", "door "];

/// Strips a leading "By", a date with its label ("Jo Bloggs Monday, February 29, 2016", "Jo
/// Bloggs on 29.02.2016", "Last Updated: January 7, 2025") and trailing separators from a
/// byline. A byline that is only a date comes out empty.
pub fn clean_byline(s: &str) -> String {
    let s = collapse(s);
    let lower = s.to_lowercase();
    let mut out = s.as_str();
    for p in BYLINE_PREFIXES {
        if lower.starts_with(p) && lower.len() == s.len() {
            out = &s[p.len()..];
            break;
        }
    }
    let trim_end = |t: &str| -> String {
        t.trim()
            .trim_end_matches(|c: char| {
                matches!(c, '—' | '–' | '-' | '|' | ',' | '·' | '•' | ':' | '@')
                    || c.is_whitespace()
            })
            .trim()
            .to_string()
    };
    let Some(at) = date_start(out) else {
        return trim_end(out);
    };
    if out[..at].split_whitespace().all(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        w.is_empty() || DATE_LABELS.contains(&w.as_str())
    }) {
        // "Updated March 3, 2016 by Jo Bloggs": the name follows the date.
        let rest = &out[at..];
        return match rest.to_lowercase().find(" by ") {
            // NOTE: lower-casing keeps the offsets of this ASCII word only where the text
            // before it keeps its length; otherwise there is no name to give.
            Some(i) if rest.to_lowercase().len() == rest.len() => clean_byline(&rest[i + 1..]),
            _ => String::new(),
        };
    }
    // The words before the date, less the labels and links that lead to it.
    let mut head: Vec<&str> = out[..at].split_whitespace().collect();
    while let Some(last) = head.last() {
        let w = last
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if w.is_empty() || DATE_LABELS.contains(&w.as_str()) {
            head.pop();
        } else {
            break;
        }
    }
    trim_end(&head.join(" "))
}

/// Words that label a date in a byline ("on", "Updated", "Published"), lower case.
const DATE_LABELS: &[&str] = &[
    "on",
    "at",
    "last",
    "updated",
    "update",
    "published",
    "posted",
    "modified",
    "date",
    "dated",
    "le",
    "am",
    "el",
    "il",
    "em",
    "op",
    "den",
    "publié",
    "mis",
    "à",
    "jour",
    "veröffentlicht",
    "aktualisiert",
    "publicado",
    "actualizado",
    "pubblicato",
];

/// Month names (English, French, German, Spanish, Italian) and English abbreviations, lower case.
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "januar",
    "februar",
    "märz",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "gennaio",
    "febbraio",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "settembre",
    "ottobre",
    "dicembre",
];

/// English weekday names, lower case.
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The byte offset where a date begins in a byline, if one does: a weekday or day number
/// before a month ("Monday, February 29", "29 février", "29 de febrero"), a month before a day
/// or year ("March 25, 2015", "Jan. 2016"), a numeric date ("29.02.2016", "2016-02-29",
/// "2016年2月29日") or a time of day ("3:46"). A lone month name ("April Ryan") is no date.
fn date_start(s: &str) -> Option<usize> {
    let words: Vec<(usize, String)> = s
        .split_whitespace()
        .map(|w| {
            let at = w.as_ptr() as usize - s.as_ptr() as usize;
            let w = w
                .trim_matches(|c: char| matches!(c, ',' | '.' | '(' | ')' | '[' | ']' | '|' | ';'))
                .to_lowercase();
            (at, w)
        })
        .collect();
    let word = |i: usize| words.get(i).map(|(_, w)| w.as_str()).unwrap_or("");
    let is_month = |w: &str| MONTHS.contains(&w);
    let is_day = |w: &str| {
        let d = w.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h', 'º', '°']);
        !d.is_empty()
            && d.len() <= 2
            && d.chars().all(|c| c.is_ascii_digit())
            && w.len() - d.len() <= 2
    };
    let is_year = |w: &str| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit());
    let is_numeric_date = |w: &str| {
        let parts: Vec<&str> = w.split(['.', '/', '-']).collect();
        let all_digits =
            |p: &&str| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit());
        (parts.len() == 3 && parts.iter().all(all_digits))
            || w.get(..4)
                .is_some_and(|y| y.chars().all(|c| c.is_ascii_digit()))
                && w[4..].starts_with('年')
    };
    let is_time = |w: &str| {
        w.split_once(':').is_some_and(|(h, m)| {
            (1..=2).contains(&h.len())
                && h.chars().all(|c| c.is_ascii_digit())
                && m.get(..2)
                    .is_some_and(|m| m.chars().all(|c| c.is_ascii_digit()))
        })
    };
    (0..words.len())
        .find(|&i| {
            let (w, next) = (word(i), word(i + 1));
            (WEEKDAYS.contains(&w) && (is_month(next) || is_day(next)))
                || (is_month(w) && (is_day(next) || is_year(next)))
                || (is_day(w) && (is_month(next) || (next == "de" && is_month(word(i + 2)))))
                || is_numeric_date(w)
                || is_time(w)
        })
        .map(|i| words[i].0)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::dom::html::parse;

    #[test]
    fn title_suffix_and_jsonld_publisher() {
        let doc = parse(
            r#"<html lang="ar"><head><title>A long headline here | Paper</title>
            <meta property="og:site_name" content="Aggr">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"A long headline here",
            "author":{"@type":"Person","name":"Jo Bloggs"},"publisher":{"name":"Paper"},"isAccessibleForFree":false}</script>
            </head><body><h1>A long headline here</h1></body></html>"#,
        );
        let m = read(&doc, None);
        assert_eq!(m.title, "A long headline here");
        assert_eq!(m.byline.as_deref(), Some("Jo Bloggs"));
        assert_eq!(m.site_name.as_deref(), Some("Paper"));
        assert_eq!(m.aggregator.as_deref(), Some("Aggr"));
        assert_eq!(m.dir.as_deref(), Some("rtl"));
        assert!(m.paywalled);
    }

    #[test]
    fn byline_without_its_date() {
        for (raw, want) in [
            (
                "Joe Wee Monday, February 29, 2016 @ 11:10 PM UTC",
                "Joe Wee",
            ),
            ("By Nathan Willis March 25, 2015", "Nathan Willis"),
            ("By GILLIAN MOHNEY March 11, 2015 3:46 PM", "GILLIAN MOHNEY"),
            ("Jo Bloggs on 29.02.2016", "Jo Bloggs"),
            ("Par Léa Roux, le 3 mars 2016", "Léa Roux"),
            ("Ana Ruiz | 29 de febrero de 2016", "Ana Ruiz"),
            ("Last Updated: January 7, 2025", ""),
            ("Updated March 3, 2016 by Jo Bloggs", "Jo Bloggs"),
            // A month's name alone is no date.
            ("April Ryan and June Park", "April Ryan and June Park"),
        ] {
            assert_eq!(clean_byline(raw), want, "{raw}");
        }
        // A byline that is only a date is none: the search goes on.
        let doc = parse(
            r#"<html><body><div class="author-details"><em>Last Updated:</em> January 7, 2025</div>
            <p>Text.</p><p class="byline">By Ida Marsh</p></body></html>"#,
        );
        assert_eq!(read(&doc, None).byline.as_deref(), Some("Ida Marsh"));
    }

    #[test]
    fn metadata_title_naming_only_the_site_is_passed_over() {
        let doc = parse(
            r#"<html><head><title>Russia: Space ship breaks up over Siberia</title>
            <meta name="application-name" content="Daily Wire - Latest News &amp; Headlines">
            <meta property="og:title" content="Daily Wire - Latest News &amp; Headlines">
            <meta property="og:description" content="The latest news from the Daily Wire.">
            </head><body><h1>Russia: Space ship breaks up over Siberia</h1></body></html>"#,
        );
        let m = read(&doc, None);
        assert_eq!(m.title, "Russia: Space ship breaks up over Siberia");
        // The site's summary is not the story's.
        assert_eq!(m.excerpt, None);
    }

    #[test]
    fn byline_skips_comments_and_boxes_to_follow_writers() {
        let doc = parse(
            r#"<html><head><title>Harbour dredging starts in May</title></head><body>
            <aside class="applet-followauthor"><ul><li class="author-follow">Katie Vance Her latest column</li></ul></aside>
            <ul class="comments-list"><li class="comment"><div class="byline">J</div><p>First!</p></li></ul>
            <article><h1>Harbour dredging starts in May</h1><div class="author">Ned Ferris</div>
            <p>The dredger arrives on the first of May.</p></article></body></html>"#,
        );
        assert_eq!(read(&doc, None).byline.as_deref(), Some("Ned Ferris"));
        // A commentary is an article, not the comments.
        let doc = parse(
            r#"<html><body><div class="commentary-body"><p class="byline">By Ida Marsh</p>
            <p>Why the harbour needs its dredger.</p></div></body></html>"#,
        );
        assert_eq!(read(&doc, None).byline.as_deref(), Some("Ida Marsh"));
    }
}
