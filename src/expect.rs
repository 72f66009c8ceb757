//! The fixture checker: compares an [`Article`] with a case's `expect.json`.
//!
//! One function, [`check`], used by the native fixture runner and, compiled to wasm, by the
//! browser tests, so both paths judge a reading view by the same rules:
//!
//! - `mustContain`, `mustNotContain`, `occursOnce`, `occursAsOften`: exact, case-sensitive
//!   substrings of the body text after every run of whitespace collapses to one space (curly
//!   and straight quotes are different characters);
//! - `captions`: each must sit inside a `<figcaption>` of the content;
//! - `title`, `byline`, `siteName`, `dir`: equal after whitespace collapse, ignoring case;
//!   `lang`: equal primary subtags; `isPreview`: equal. A `null` expects no value.
//!
//! Keys that are absent are not checked.

use crate::article::{Article, Content};
use crate::text::collapse;
use serde_json::Value;

/// Every way `article` falls short of `expect`, one message each; empty when it passes.
pub fn check(article: &Article, expect: &Value) -> Vec<String> {
    let mut fails = Vec::new();
    let body = collapse(&article.text_content);

    for s in strings(expect.get("mustContain")) {
        if !body.contains(&collapse(&s)) {
            fails.push(format!("mustContain: missing {:?}", s));
        }
    }
    for s in strings(expect.get("mustNotContain")) {
        if body.contains(&collapse(&s)) {
            fails.push(format!("mustNotContain: present {:?}", s));
        }
    }
    for s in strings(expect.get("occursOnce")) {
        let n = count(&body, &collapse(&s));
        if n != 1 {
            fails.push(format!("occursOnce: {:?} occurs {} times", s, n));
        }
    }
    if let Some(Value::Object(map)) = expect.get("occursAsOften") {
        for (s, want) in map {
            let Some(want) = want.as_u64() else {
                fails.push(format!("occursAsOften: {:?} has no count", s));
                continue;
            };
            let n = count(&body, &collapse(s)) as u64;
            if n != want {
                fails.push(format!(
                    "occursAsOften: {:?} occurs {} times, expected {}",
                    s, n, want
                ));
            }
        }
    }
    let captions = figcaptions(&article.content);
    for s in strings(expect.get("captions")) {
        let want = collapse(&s);
        if !captions.iter().any(|c| c.contains(&want)) {
            let where_ = if body.contains(&want) {
                "in the body but not in a <figcaption>"
            } else {
                "missing"
            };
            fails.push(format!("captions: {:?} {}", s, where_));
        }
    }

    let fields: [(&str, Option<&str>); 4] = [
        ("title", Some(article.title.as_str())),
        ("byline", article.byline.as_deref()),
        ("siteName", article.site_name.as_deref()),
        ("dir", article.dir.as_deref()),
    ];
    for (key, got) in fields {
        if let Some(want) = expect.get(key) {
            let ok = match (want, got) {
                (Value::Null, None) => true,
                (Value::Null, Some(g)) => g.trim().is_empty(),
                (Value::String(w), Some(g)) => {
                    collapse(w).to_lowercase() == collapse(g).to_lowercase()
                }
                _ => false,
            };
            if !ok {
                fails.push(format!("{}: expected {}, got {:?}", key, want, got));
            }
        }
    }
    if let Some(want) = expect.get("lang") {
        let primary = |s: &str| {
            s.trim()
                .split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        };
        let got = article.lang.as_deref();
        let ok = match (want, got) {
            (Value::Null, None) => true,
            (Value::String(w), Some(g)) => primary(w) == primary(g),
            _ => false,
        };
        if !ok {
            fails.push(format!("lang: expected {}, got {:?}", want, got));
        }
    }
    if let Some(want) = expect.get("isPreview").and_then(Value::as_bool) {
        if want != article.is_preview {
            fails.push(format!(
                "isPreview: expected {}, got {}",
                want, article.is_preview
            ));
        }
    }
    fails
}

/// The strings of a JSON array (other values are skipped).
fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    }
}

/// Non-overlapping occurrences of `needle` in `hay`.
fn count(hay: &str, needle: &str) -> usize {
    if needle.is_empty() {
        return 0;
    }
    hay.matches(needle).count()
}

/// The collapsed text of every `<figcaption>` in the content, walked iteratively.
pub fn figcaptions(content: &[Content]) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack: Vec<&Content> = content.iter().rev().collect();
    while let Some(c) = stack.pop() {
        if let Content::Element { tag, children, .. } = c {
            if tag == "figcaption" {
                let mut s = String::new();
                let mut inner: Vec<&Content> = children.iter().rev().collect();
                while let Some(x) = inner.pop() {
                    match x {
                        Content::Text(t) => s.push_str(t),
                        Content::Element { tag, children, .. } => {
                            if tag == "br" {
                                s.push(' ');
                            }
                            inner.extend(children.iter().rev());
                        }
                    }
                }
                out.push(collapse(&s));
            } else {
                stack.extend(children.iter().rev());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn article() -> Article {
        Article {
            title: "A  Title".into(),
            byline: None,
            lang: Some("en-GB".into()),
            dir: Some("ltr".into()),
            is_preview: true,
            text_content: "One two.\n\nYes.\n\nYes.\n\nA caption".into(),
            content: vec![Content::Element {
                tag: "figure".into(),
                attrs: vec![],
                children: vec![Content::Element {
                    tag: "figcaption".into(),
                    attrs: vec![],
                    children: vec![Content::Text("A  caption".into())],
                }],
            }],
            ..Article::default()
        }
    }

    #[test]
    fn passes_and_fails_by_the_rules() {
        let a = article();
        let ok = json!({"title": "a title", "byline": null, "lang": "en", "dir": "LTR", "isPreview": true,
            "mustContain": ["One two."], "mustNotContain": ["Three"], "occursAsOften": {"Yes.": 2},
            "captions": ["A caption"]});
        assert_eq!(check(&a, &ok), Vec::<String>::new());
        let bad = json!({"title": "Other", "byline": "Someone", "lang": "de", "isPreview": false,
            "mustContain": ["one two."], "mustNotContain": ["Yes."], "occursOnce": ["Yes."],
            "captions": ["Missing"]});
        assert_eq!(check(&a, &bad).len(), 8);
    }
}
