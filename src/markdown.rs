//! The content tree as Markdown (CLI `--format markdown`, the view's export).

use crate::article::{Article, Content};

/// The whole article as Markdown: title, byline line, then the body.
pub fn article_markdown(a: &Article) -> String {
    let mut out = format!("# {}\n\n", escape(&a.title));
    let mut meta = Vec::new();
    if let Some(b) = &a.byline {
        meta.push(format!("By {}", b));
    }
    // The publication, and the aggregator carrying it, as the view's header names them.
    let carried = a.aggregator.as_deref().filter(|g| {
        !a.site_name
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case(g))
    });
    match (&a.site_name, carried) {
        (Some(s), Some(g)) => meta.push(format!("{} via {}", s, g)),
        (Some(s), None) => meta.push(s.clone()),
        (None, Some(g)) => meta.push(format!("via {}", g)),
        (None, None) => {}
    }
    if !meta.is_empty() {
        out.push_str(&format!("*{}*\n\n", escape(&meta.join(" · "))));
    }
    // NOTE: a copy of a preview says it is one, as the view does, with or without the
    // source's address (without it, the page's own): the text that follows is not the story.
    if a.is_preview {
        let from = a
            .aggregator
            .as_deref()
            .or(a.site_name.as_deref())
            .map(|c| format!(" from {}", escape(c)))
            .unwrap_or_default();
        match a.source_url.as_deref().or(a.url.as_deref()) {
            Some(to) => out.push_str(&format!(
                "> Preview{}: the full story is at <{}>\n\n",
                from, to
            )),
            None => out.push_str(&format!(
                "> Preview{}: the page shows only part of the story.\n\n",
                from
            )),
        }
    }
    out.push_str(&to_markdown(&a.content));
    out
}

/// Converts content to Markdown, block by block.
pub fn to_markdown(content: &[Content]) -> String {
    let mut blocks = Vec::new();
    for c in content {
        block(c, "", &mut blocks);
    }
    blocks.join("\n\n") + "\n"
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(ch, '*' | '_' | '`' | '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

fn block(c: &Content, prefix: &str, out: &mut Vec<String>) {
    let Content::Element {
        tag,
        attrs,
        children,
    } = c
    else {
        if let Content::Text(t) = c {
            let t = crate::text::collapse(t);
            if !t.is_empty() {
                out.push(format!("{}{}", prefix, escape(&t)));
            }
        }
        return;
    };
    let attr = |n: &str| attrs.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
    match tag.as_str() {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            let level: usize = tag[1..].parse().unwrap_or(2);
            out.push(format!(
                "{}{} {}",
                prefix,
                "#".repeat(level),
                inline(children)
            ));
        }
        "pre" => {
            let mut s = String::new();
            plain(children, &mut s);
            out.push(format!("{}```\n{}\n```", prefix, s.trim_matches('\n')));
        }
        "blockquote" => {
            let mut inner = Vec::new();
            for ch in children {
                block(ch, "", &mut inner);
            }
            let q = inner
                .join("\n\n")
                .lines()
                .map(|l| format!("{}> {}", prefix, l))
                .collect::<Vec<_>>()
                .join("\n");
            out.push(q);
        }
        "ul" | "ol" => {
            let mut items = Vec::new();
            let mut n = attr("start")
                .and_then(|s| s.parse::<usize>().ok())
                .unwrap_or(1);
            for li in children {
                if let Content::Element {
                    tag: t,
                    children: lc,
                    ..
                } = li
                {
                    if t == "li" {
                        let marker = if tag == "ol" {
                            format!("{}. ", n)
                        } else {
                            "- ".into()
                        };
                        n += 1;
                        items.push(format!("{}{}{}", prefix, marker, inline(lc)));
                    }
                }
            }
            out.push(items.join("\n"));
        }
        "figure" => {
            for ch in children {
                block(ch, prefix, out);
            }
        }
        "figcaption" => out.push(format!("{}*{}*", prefix, inline(children))),
        "img" => out.push(format!(
            "{}![{}]({})",
            prefix,
            escape(attr("alt").unwrap_or("")),
            attr("src").unwrap_or("")
        )),
        "video" | "audio" | "iframe" => {
            if let Some(link) = media_link(tag, attrs, children) {
                out.push(format!("{}{}", prefix, link));
            }
        }
        "hr" => out.push(format!("{}---", prefix)),
        "table" => {
            let mut rows: Vec<Vec<String>> = Vec::new();
            let mut stack: Vec<&Content> = children.iter().rev().collect();
            while let Some(x) = stack.pop() {
                if let Content::Element {
                    tag: t,
                    children: ch,
                    ..
                } = x
                {
                    if t == "tr" {
                        rows.push(
                            ch.iter()
                                .filter_map(|cell| match cell {
                                    Content::Element {
                                        tag: ct,
                                        children: cc,
                                        ..
                                    } if ct == "td" || ct == "th" => {
                                        Some(inline(cc).replace('|', "\\|"))
                                    }
                                    _ => None,
                                })
                                .collect(),
                        );
                    } else {
                        stack.extend(ch.iter().rev());
                    }
                }
            }
            if let Some(first) = rows.first() {
                let w = rows.iter().map(|r| r.len()).max().unwrap_or(0).max(1);
                let mut s = format!(
                    "{}| {} |\n{}|{}",
                    prefix,
                    pad(first, w).join(" | "),
                    prefix,
                    " --- |".repeat(w)
                );
                for r in &rows[1..] {
                    s.push_str(&format!("\n{}| {} |", prefix, pad(r, w).join(" | ")));
                }
                out.push(s);
            }
        }
        "p" | "li" | "dt" | "dd" | "summary" | "caption" => {
            let t = inline(children);
            if !t.is_empty() {
                out.push(format!("{}{}", prefix, t));
            }
        }
        _ => {
            for ch in children {
                block(ch, prefix, out);
            }
        }
    }
}

fn pad(r: &[String], w: usize) -> Vec<String> {
    let mut r = r.to_vec();
    r.resize(w, String::new());
    r
}

fn plain(children: &[Content], out: &mut String) {
    let mut stack: Vec<&Content> = children.iter().rev().collect();
    while let Some(c) = stack.pop() {
        match c {
            Content::Text(t) => out.push_str(t),
            Content::Element { tag, children, .. } => {
                if tag == "br" {
                    out.push('\n');
                }
                stack.extend(children.iter().rev());
            }
        }
    }
}

/// A video, audio or embedded player as a link to it, "[Video: host](url)" (Markdown has no
/// player): its `src`, else its first `<source>`'s. None without either.
fn media_link(tag: &str, attrs: &[(String, String)], children: &[Content]) -> Option<String> {
    let src_of = |attrs: &[(String, String)]| {
        attrs
            .iter()
            .find(|(k, v)| k == "src" && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_string())
    };
    let src = src_of(attrs).or_else(|| {
        children.iter().find_map(|c| match c {
            Content::Element { tag, attrs, .. } if tag == "source" => src_of(attrs),
            _ => None,
        })
    })?;
    let kind = if tag == "audio" { "Audio" } else { "Video" };
    let label = match crate::url::host(&src) {
        Some(h) => format!("{}: {}", kind, h),
        None => kind.to_string(),
    };
    Some(format!("[{}]({})", escape(&label), src))
}

/// Inline content as Markdown on one line.
fn inline(children: &[Content]) -> String {
    let mut s = String::new();
    for c in children {
        match c {
            Content::Text(t) => s.push_str(&escape(t)),
            Content::Element {
                tag,
                attrs,
                children,
            } => {
                let inner = inline(children);
                let attr = |n: &str| attrs.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
                match tag.as_str() {
                    "strong" | "b" => s.push_str(&format!("**{}**", inner.trim())),
                    "em" | "i" => s.push_str(&format!("*{}*", inner.trim())),
                    "code" => s.push_str(&format!("`{}`", inner)),
                    "a" => match attr("href") {
                        Some(h) => s.push_str(&format!("[{}]({})", inner, h)),
                        None => s.push_str(&inner),
                    },
                    "br" => s.push_str("  \n"),
                    "img" => s.push_str(&format!(
                        "![{}]({})",
                        escape(attr("alt").unwrap_or("")),
                        attr("src").unwrap_or("")
                    )),
                    "video" | "audio" | "iframe" => {
                        if let Some(link) = media_link(tag, attrs, children) {
                            s.push_str(&link);
                        }
                    }
                    _ => s.push_str(&inner),
                }
            }
        }
    }
    crate::text::collapse(&s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preview() -> Article {
        Article {
            title: "Harbour to dredge channel".into(),
            byline: Some("Ida Marsh".into()),
            site_name: Some("Harbour Gazette".into()),
            aggregator: Some("Readwell".into()),
            url: Some("https://www.readwell.example/news/harbour".into()),
            is_preview: true,
            ..Default::default()
        }
    }

    #[test]
    fn a_previews_markdown_says_it_is_one_and_where_the_story_is() {
        let mut a = preview();
        assert!(
            article_markdown(&a).starts_with("# Harbour to dredge channel\n\n*By Ida Marsh · Harbour Gazette via Readwell*\n\n> Preview from Readwell: the full story is at <https://www.readwell.example/news/harbour>\n\n"),
            "{}",
            article_markdown(&a)
        );
        a.source_url = Some("https://harbourgazette.example/dredging".into());
        assert!(article_markdown(&a)
            .contains("> Preview from Readwell: the full story is at <https://harbourgazette.example/dredging>"));
        a.source_url = None;
        a.url = None;
        assert!(article_markdown(&a)
            .contains("> Preview from Readwell: the page shows only part of the story."));
        a.is_preview = false;
        assert!(!article_markdown(&a).contains("Preview"));
    }
}
