//! Resolving references against the page URL (RFC 3986, section 5.2), without a URL crate:
//! the engine only needs joins, and the shipped wasm stays small.

/// Resolves `reference` against `base`. Returns `reference` unchanged when there is no usable
/// base or it is already absolute. Whitespace around the reference is trimmed.
pub fn resolve(base: Option<&str>, reference: &str) -> String {
    let r = reference.trim();
    if r.is_empty() || scheme(r).is_some() {
        return r.to_string();
    }
    let Some(base) = base else {
        return r.to_string();
    };
    let Some(scheme_end) = scheme(base) else {
        return r.to_string();
    };
    let b_scheme = &base[..scheme_end];
    let rest = &base[scheme_end + 1..];
    let (b_auth, b_path, b_query) = split_hier(rest);
    if let Some(stripped) = r.strip_prefix("//") {
        return format!("{}://{}", b_scheme, stripped);
    }
    let auth = b_auth.map(|a| format!("//{}", a)).unwrap_or_default();
    if r.starts_with('#') {
        let base_no_frag = base.split('#').next().unwrap_or(base);
        return format!("{}{}", base_no_frag, r);
    }
    if r.starts_with('?') {
        return format!("{}:{}{}{}", b_scheme, auth, b_path, r);
    }
    let (r_path, r_tail) = match r.find(['?', '#']) {
        Some(i) => (&r[..i], &r[i..]),
        None => (r, ""),
    };
    let merged = if r_path.starts_with('/') {
        r_path.to_string()
    } else if r_path.is_empty() {
        return format!(
            "{}:{}{}{}{}",
            b_scheme,
            auth,
            b_path,
            b_query.unwrap_or(""),
            r_tail
        );
    } else {
        let dir = match b_path.rfind('/') {
            Some(i) => &b_path[..=i],
            None if b_auth.is_some() => "/",
            None => "",
        };
        format!("{}{}", dir, r_path)
    };
    format!(
        "{}:{}{}{}",
        b_scheme,
        auth,
        remove_dot_segments(&merged),
        r_tail
    )
}

/// The index of the `:` ending a valid scheme, if `s` starts with one.
fn scheme(s: &str) -> Option<usize> {
    let i = s.find(':')?;
    let sch = &s[..i];
    let mut chars = sch.chars();
    let first = chars.next()?;
    if first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        Some(i)
    } else {
        None
    }
}

/// Splits what follows `scheme:` into authority, path and `?query`.
fn split_hier(rest: &str) -> (Option<&str>, &str, Option<&str>) {
    let rest = rest.split('#').next().unwrap_or(rest);
    let (rest, query) = match rest.find('?') {
        Some(i) => (&rest[..i], Some(&rest[i..])),
        None => (rest, None),
    };
    if let Some(a) = rest.strip_prefix("//") {
        match a.find('/') {
            Some(i) => (Some(&a[..i]), &a[i..], query),
            None => (Some(a), "", query),
        }
    } else {
        (None, rest, query)
    }
}

fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segs: Vec<&str> = path.split('/').collect();
    let last = segs.len().saturating_sub(1);
    for (i, seg) in segs.iter().enumerate() {
        match *seg {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if path.starts_with('/') && !joined.starts_with('/') {
        format!("/{}", joined)
    } else {
        joined
    }
}

/// The host of an absolute http(s) URL, lower-cased, without `www.`.
pub fn host(url: &str) -> Option<String> {
    let i = scheme(url)?;
    let (auth, _, _) = split_hier(&url[i + 1..]);
    let auth = auth?;
    let host = auth
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .to_ascii_lowercase();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_string())
}

/// The path of an absolute http(s) URL ("/tech/a-story.html"), without query or fragment.
pub fn path(url: &str) -> Option<&str> {
    let i = scheme(url)?;
    let (auth, path, _) = split_hier(&url[i + 1..]);
    auth.map(|_| path)
}

/// The last segment of a URL's path, a trailing slash aside: "a-story.html" for
/// "/tech/a-story.html", "81234" for "/issues/81234/".
pub fn last_segment(path: &str) -> &str {
    path.trim_end_matches('/').rsplit('/').next().unwrap_or("")
}

/// True when an absolute http(s) URL names one numbered item: its path's last segment, or the
/// value of a query parameter, is a number of three digits or more ("/show_bug.cgi?id=1671579",
/// "/rust-lang/rust/issues/81234"), as a tracker's, a forum's or an archive's addresses do.
pub fn names_numbered_item(url: &str) -> bool {
    let Some(i) = scheme(url) else {
        return false;
    };
    let (auth, path, query) = split_hier(&url[i + 1..]);
    if auth.is_none() {
        return false;
    }
    let number = |s: &str| s.len() >= 3 && s.bytes().all(|b| b.is_ascii_digit());
    number(last_segment(path))
        || query.is_some_and(|q| {
            q.trim_start_matches('?')
                .split('&')
                .any(|kv| kv.split_once('=').is_some_and(|(_, v)| number(v)))
        })
}

/// True for a reference that may run script or smuggle a document (javascript:, vbscript:,
/// data: other than images), after stripping the characters browsers ignore.
pub fn is_dangerous(url: &str) -> bool {
    // NOTE: only the first DANGER_PREFIX_CHARS kept characters are compared, lower-cased, in a
    // buffer on the stack; a character other than ASCII never matches a prefix, and stands
    // there as a byte no prefix holds.
    let mut buf = [0u8; DANGER_PREFIX_CHARS];
    let mut len = 0;
    for c in url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .take(DANGER_PREFIX_CHARS)
    {
        buf[len] = if c.is_ascii() {
            c.to_ascii_lowercase() as u8
        } else {
            0xFF
        };
        len += 1;
    }
    let cleaned = &buf[..len];
    cleaned.starts_with(b"javascript:")
        || cleaned.starts_with(b"vbscript:")
        || (cleaned.starts_with(b"data:") && !cleaned.starts_with(b"data:image/"))
        || cleaned.starts_with(b"data:image/svg")
}

/// Characters of a reference enough to tell the longest dangerous prefix (`javascript:`,
/// `data:image/svg`).
const DANGER_PREFIX_CHARS: usize = 16;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_like_rfc3986() {
        let b = Some("http://a/b/c/d;p?q");
        for (r, want) in [
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g"),
            ("?y", "http://a/b/c/d;p?y"),
            ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q#s"),
            ("g#s", "http://a/b/c/g#s"),
            ("..", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../..", "http://a/"),
            ("../../g", "http://a/g"),
            ("", ""),
            ("https://x.org/y", "https://x.org/y"),
        ] {
            assert_eq!(resolve(b, r), want, "{}", r);
        }
        assert_eq!(
            resolve(Some("https://site.com"), "img.png"),
            "https://site.com/img.png"
        );
        assert_eq!(resolve(None, "img.png"), "img.png");
    }

    #[test]
    fn hosts_and_danger() {
        assert_eq!(
            host("https://www.Mirror.co.uk:443/news").as_deref(),
            Some("mirror.co.uk")
        );
        assert!(is_dangerous(" java\tscript:alert(1)"));
        assert!(is_dangerous("data:text/html,<script>"));
        assert!(!is_dangerous("data:image/png;base64,xx"));
        assert!(!is_dangerous("https://x.org/"));
    }

    #[test]
    fn a_numbered_item_is_a_number_at_the_end_of_the_path_or_in_the_query() {
        for yes in [
            "https://bugzilla.mozilla.org/show_bug.cgi?id=1671579",
            "https://github.com/rust-lang/rust/issues/81234",
            "https://github.com/rust-lang/rust/pull/81234/",
            "https://forum.example/viewtopic.php?f=2&t=48213#p9",
        ] {
            assert!(names_numbered_item(yes), "{yes}");
        }
        for no in [
            "https://twitter.com/firefox",
            "https://news.example/2026/10/a-story-about-tabs.html",
            "https://example.org/item-12345",
            "https://example.org/page?id=12",
            "/issues/81234",
            "mailto:4412@example.org",
        ] {
            assert!(!names_numbered_item(no), "{no}");
        }
    }
}
