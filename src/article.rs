//! The output contract: what `read` returns, to the CLI (JSON), the extension and the demo.
//!
//! The content is an allowlisted block tree, not HTML: the view builds DOM nodes from it with
//! `createElement`/`textContent`, so nothing from the page is ever parsed as markup again.

use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// Options for one `read`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Options {
    /// The page's URL: resolves relative links and images, and names the page.
    pub url: Option<String>,
    /// Keep promos, teasers and repeats (for comparing against the plain extraction).
    pub keep_clutter: bool,
}

/// A node of the article's content: text, or an allowlisted element.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Content {
    Text(String),
    Element {
        tag: String,
        #[serde(skip_serializing_if = "Vec::is_empty", default)]
        attrs: Vec<(String, String)>,
        #[serde(skip_serializing_if = "Vec::is_empty", default)]
        children: Vec<Content>,
    },
}

/// The attributes of each `<img>` in `content`, in document order (a walk without recursion);
/// `None` past `budget` nodes.
pub fn images(content: &[Content], budget: usize) -> Option<Vec<&[(String, String)]>> {
    let mut out = Vec::new();
    let mut walk = vec![content.iter()];
    let mut seen = 0usize;
    while let Some(top) = walk.last_mut() {
        let next = top.next();
        if next.is_some() {
            seen += 1;
            if seen > budget {
                return None;
            }
        }
        match next {
            Some(Content::Element {
                tag,
                attrs,
                children,
            }) => {
                if tag == "img" {
                    out.push(attrs.as_slice());
                }
                walk.push(children.iter());
            }
            Some(Content::Text(_)) => {}
            None => {
                walk.pop();
            }
        }
    }
    Some(out)
}

/// Why a block left the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RemovalKind {
    /// Aggregator or paywall chrome: marketing headers, sign-up boxes, rails, overlays, share
    /// bars; navigation, footers and comments sections that carry a call to action.
    Teaser,
    /// An in-article plug: newsletter, app, podcast, "follow us".
    Promo,
    /// A paragraph the page repeats.
    Duplicate,
}

/// One removed block, so the demo can show what went and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Removal {
    pub kind: RemovalKind,
    /// The signals that agreed, in words.
    pub reason: String,
    /// The block's text (whitespace collapsed, cut to a few hundred characters).
    pub text: String,
    /// A CSS-like path to the block in the original page (tag and index chain), for highlighting.
    pub path: String,
}

/// Counts of removals, as the CLI's JSON reports them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Removed {
    pub teaser_blocks: usize,
    pub promo_blocks: usize,
    pub duplicate_paragraphs: usize,
}

/// The reading view's data.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    pub title: String,
    pub byline: Option<String>,
    /// The source publication (on an aggregator, the original paper).
    pub site_name: Option<String>,
    pub published_time: Option<String>,
    pub lang: Option<String>,
    /// `ltr` or `rtl`.
    pub dir: Option<String>,
    pub excerpt: Option<String>,
    /// The canonical URL of the page.
    pub url: Option<String>,
    /// True when the page holds only part of the story.
    pub is_preview: bool,
    /// The aggregator that carries the story, when there is one.
    pub aggregator: Option<String>,
    /// Where the full story is.
    pub source_url: Option<String>,
    /// The body as an allowlisted tree.
    pub content: Vec<Content>,
    /// The body text, one block per paragraph, heading, list item or caption, blank-line separated.
    pub text_content: String,
    pub word_count: usize,
    pub reading_minutes: u32,
    /// Every removal, in page order.
    pub removals: Vec<Removal>,
}

/// Words a minute for reading time. NOTE: the usual figure for adult silent reading of prose.
pub const WORDS_PER_MINUTE: usize = 230;

impl Article {
    /// Removal counts by kind.
    pub fn removed(&self) -> Removed {
        let mut r = Removed::default();
        for x in &self.removals {
            match x.kind {
                RemovalKind::Teaser => r.teaser_blocks += 1,
                RemovalKind::Promo => r.promo_blocks += 1,
                RemovalKind::Duplicate => r.duplicate_paragraphs += 1,
            }
        }
        r
    }

    /// The content as HTML (escaped; built from the allowlisted tree only).
    pub fn content_html(&self) -> String {
        let mut out = String::new();
        write_html(&self.content, &mut out);
        out
    }

    /// The CLI's JSON: exactly the documented keys.
    pub fn to_cli_json(&self) -> serde_json::Value {
        serde_json::json!({
            "title": self.title,
            "byline": self.byline,
            "siteName": self.site_name,
            "publishedTime": self.published_time,
            "lang": self.lang,
            "dir": self.dir,
            "excerpt": self.excerpt,
            "url": self.url,
            "isPreview": self.is_preview,
            "aggregator": self.aggregator,
            "sourceUrl": self.source_url,
            "contentHtml": self.content_html(),
            "textContent": self.text_content,
            "wordCount": self.word_count,
            "readingMinutes": self.reading_minutes,
            "removed": self.removed(),
        })
    }

    /// Sets text_content-derived counts.
    pub fn count_words(&mut self) {
        self.word_count = crate::text::word_count(&self.text_content);
        self.reading_minutes = if self.word_count == 0 {
            0
        } else {
            self.word_count.div_ceil(WORDS_PER_MINUTE).max(1) as u32
        };
    }
}

/// Elements written without a closing tag.
const VOID: &[&str] = &["br", "hr", "img", "source", "wbr", "col"];

/// Serialises a content tree as HTML, iteratively.
pub fn write_html(nodes: &[Content], out: &mut String) {
    // A stack of (siblings, next index, closing tag).
    let mut stack: Vec<(&[Content], usize, Option<&str>)> = vec![(nodes, 0, None)];
    while let Some((list, i, close)) = stack.pop() {
        if i >= list.len() {
            if let Some(tag) = close {
                let _ = write!(out, "</{}>", tag);
            }
            continue;
        }
        stack.push((list, i + 1, close));
        match &list[i] {
            Content::Text(t) => escape_into(t, false, out),
            Content::Element {
                tag,
                attrs,
                children,
            } => {
                out.push('<');
                out.push_str(tag);
                for (k, v) in attrs {
                    out.push(' ');
                    out.push_str(k);
                    out.push_str("=\"");
                    escape_into(v, true, out);
                    out.push('"');
                }
                out.push('>');
                if !VOID.contains(&tag.as_str()) {
                    stack.push((children, 0, Some(tag)));
                }
            }
        }
    }
}

/// HTML-escapes text or an attribute value.
pub fn escape_into(s: &str, attr: bool, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_escaped_and_voids_unclosed() {
        let c = vec![Content::Element {
            tag: "p".into(),
            attrs: vec![],
            children: vec![
                Content::Text("a<b> & \"c\"".into()),
                Content::Element {
                    tag: "img".into(),
                    attrs: vec![("alt".into(), "x\"><script>".into())],
                    children: vec![],
                },
            ],
        }];
        let mut s = String::new();
        write_html(&c, &mut s);
        assert_eq!(
            s,
            "<p>a&lt;b&gt; &amp; \"c\"<img alt=\"x&quot;&gt;&lt;script&gt;\"></p>"
        );
    }
}
