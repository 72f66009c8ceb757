//! The engine end to end, natively: the built `readmode` binary's contract (exit codes, JSON
//! keys), the project's own fixture cases under `tests/fixtures/`, noscript images as a
//! scripting-off parser leaves them, and no panic on any page of the shared corpus.
#![cfg(not(target_arch = "wasm32"))]

use readmode::dom::{Attr, Builder, Ns};
use readmode::{read, read_html, Options, ReadError};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The CLI's JSON keys, exactly.
const KEYS: &[&str] = &[
    "title",
    "byline",
    "siteName",
    "publishedTime",
    "lang",
    "dir",
    "excerpt",
    "url",
    "isPreview",
    "aggregator",
    "sourceUrl",
    "contentHtml",
    "textContent",
    "wordCount",
    "readingMinutes",
    "removed",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn cli(args: &[&str], stdin: Option<&str>) -> Output {
    run_cli(args, stdin, true)
}

/// The CLI with its stdout closed before it writes, as `readmode … | head` leaves it.
fn cli_unread(args: &[&str], stdin: Option<&str>) -> Output {
    run_cli(args, stdin, false)
}

fn run_cli(args: &[&str], stdin: Option<&str>, read_stdout: bool) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_readmode"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the readmode binary runs");
    if !read_stdout {
        drop(child.stdout.take());
    }
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().unwrap()
}

fn fixture(case: &str) -> PathBuf {
    root().join("tests/fixtures").join(case)
}

fn expect_of(dir: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("expect.json")).unwrap()).unwrap()
}

#[test]
fn cli_prints_exactly_the_documented_keys_and_exits_0() {
    let dir = fixture("figure-captions");
    let src = dir.join("source.html");
    let out = cli(
        &[
            "extract",
            src.to_str().unwrap(),
            "--url",
            "https://saltmarshreview.example/2025/05/tide-mill",
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let obj = v.as_object().unwrap();
    let mut got: Vec<&str> = obj.keys().map(String::as_str).collect();
    let mut want = KEYS.to_vec();
    got.sort();
    want.sort();
    assert_eq!(got, want);
    let removed = obj["removed"].as_object().unwrap();
    let mut rk: Vec<&str> = removed.keys().map(String::as_str).collect();
    rk.sort();
    assert_eq!(rk, ["duplicateParagraphs", "promoBlocks", "teaserBlocks"]);
    let text = obj["textContent"].as_str().unwrap();
    assert!(
        !text.contains("The last tide mill on the estuary turns again"),
        "textContent holds no title"
    );
    assert!(text.contains("\n\n"), "blocks are blank-line separated");
    assert!(obj["wordCount"].as_u64().unwrap() > 100);
    assert!(obj["readingMinutes"].as_u64().unwrap() >= 1);
}

#[test]
fn cli_formats_and_stdin() {
    let html = std::fs::read_to_string(fixture("tables-and-code").join("source.html")).unwrap();
    for (format, needle) in [
        ("text", "pool_min = 1"),
        ("html", "<table>"),
        ("markdown", "| Machine |"),
    ] {
        let out = cli(&["extract", "-", "--format", format], Some(&html));
        assert_eq!(out.status.code(), Some(0), "{}", format);
        let s = String::from_utf8_lossy(&out.stdout);
        assert!(
            s.contains(needle),
            "{} output lacks {:?}:\n{}",
            format,
            needle,
            s
        );
    }
}

#[test]
fn markdown_links_to_video_and_audio() {
    // The extension's test page with a player, a video and an audio reading.
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/pages/media.html");
    let html = std::fs::read_to_string(page).unwrap();
    let out = cli(
        &[
            "extract",
            "-",
            "--format",
            "markdown",
            "--url",
            "https://coastal-ledger.example/flood",
        ],
        Some(&html),
    );
    assert_eq!(out.status.code(), Some(0));
    let md = String::from_utf8_lossy(&out.stdout);
    for link in [
        "[Video: youtube-nocookie.com](https://www.youtube-nocookie.com/embed/flood2026)",
        "[Video: coastal-ledger.example](https://coastal-ledger.example/media/gauge-timelapse.mp4)",
        "[Audio: coastal-ledger.example](https://coastal-ledger.example/media/keepers-interview.mp3)",
    ] {
        assert!(md.contains(link), "no {:?} in:\n{}", link, md);
    }
    assert!(!md.contains("tracker.example"), "{}", md);
}

#[test]
fn cli_exits_3_without_an_article_and_still_prints_json() {
    let src = fixture("no-article/listing-page").join("source.html");
    let out = cli(&["extract", src.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(3));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(v.as_object().unwrap().len(), KEYS.len());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "one-line reason: {}", err);
    assert!(err.contains("no article"));
    let out = cli(&["extract", "-"], Some(""));
    assert_eq!(out.status.code(), Some(3), "an empty page has no article");
}

#[test]
fn text_in_sibling_divs_stays_in_separate_paragraphs() {
    // A story written in <div>s, no <p>: each div's text is a paragraph of its own, however the
    // divs nest, and a link between two of them does not glue them together.
    let para = |n: &str| {
        format!("The {n} paragraph of the ferry story runs long enough to be read as prose, with commas, clauses, and a full stop.")
    };
    let html = format!(
        "<html><head><title>Ferry</title></head><body><article><h1>Ferry</h1>\
         <div>{}</div><div><div>{}</div></div><a href=\"/next\">Next</a><div>{}</div>\
         <pre>  two  spaces\n<div>inside</div>  pre</pre></article></body></html>",
        para("first"),
        para("second"),
        para("third")
    );
    let a = read_html(&html, &Options::default()).expect("an article");
    let blocks: Vec<&str> = a.text_content.split("\n\n").collect();
    for n in ["first", "second", "third"] {
        assert!(
            blocks.contains(&para(n).as_str()),
            "the {n} paragraph is not a block of its own: {:?}",
            a.text_content
        );
    }
    let html_out = a.content_html();
    assert_eq!(html_out.matches("<p>").count(), 4, "{}", html_out);
    assert!(
        html_out.contains("  two  spaces"),
        "pre keeps its spacing: {}",
        html_out
    );
}

#[test]
fn a_picture_keeps_no_empty_source_tags() {
    // A <picture>'s sources name their files by srcset, which the content never keeps: left
    // alone they were empty <source> tags beside the picture's <img>.
    let para = "The ferry left on time, with forty passengers and a van of bread aboard, and the crossing took the usual ninety minutes in a flat calm. ";
    let html = format!(
        "<html><body><article><h1>Ferry</h1><p>{p}</p><figure><picture><source type=\"image/webp\" srcset=\"https://img.example/f.webp\"><img src=\"https://img.example/f.jpg\" alt=\"The ferry\"></picture><figcaption>The ferry at dawn.</figcaption></figure><p>{p}{p}</p><video controls><source src=\"https://img.example/f.mp4\" type=\"video/mp4\"></video><p>{p}</p></article></body></html>",
        p = para
    );
    let a = read_html(&html, &Options::default()).expect("an article");
    let out = a.content_html();
    assert!(out.contains("https://img.example/f.jpg"), "{}", out);
    assert_eq!(
        out.matches("<source").count(),
        1,
        "only the video's source: {}",
        out
    );
    assert!(out.contains("https://img.example/f.mp4"), "{}", out);
}

#[test]
fn the_dateline_goes_and_a_live_blogs_entry_times_stay() {
    let entry = |t: &str, h: &str| {
        format!("<p><time datetime=\"2026-03-02T{t}:00Z\">{h}</time></p><p>The ferry reported its position off the point again, with the wind backing westerly and the swell easing as the tide turned, the crew said.</p>")
    };
    let html = format!(
        "<html><head><title>Ferry live</title><meta property=\"article:published_time\" content=\"2026-03-02T08:00:00Z\"></head><body><article><h1>Ferry live</h1><p class=\"dateline\"><time datetime=\"2026-03-02T08:00:00Z\">2 March 2026</time></p>{}{}{}</article></body></html>",
        entry("09:15", "9.15am"),
        entry("11:40", "11.40am"),
        entry("14:05", "2.05pm")
    );
    let a = read_html(&html, &Options::default()).expect("an article");
    assert_eq!(a.published_time.as_deref(), Some("2026-03-02T08:00:00Z"));
    assert!(
        !a.text_content.contains("2 March 2026"),
        "{}",
        a.text_content
    );
    for t in ["9.15am", "11.40am", "2.05pm"] {
        assert!(a.text_content.contains(t), "{t} went: {}", a.text_content);
    }
}

#[test]
fn a_lead_picture_in_a_plain_block_before_the_body_is_kept() {
    // WordPress puts the featured image in `div.post-thumbnail` between the header and the
    // body; a linked thumbnail there (a teaser's) is not the story's picture.
    let para = "<p>The river rose a foot overnight and the council opened the flood gates at the mill before dawn, the third time this winter, residents said.</p>";
    let page = |lead: &str| {
        format!(
            "<html><head><title>River rises</title></head><body><main><article><header><h1>River rises</h1></header>{lead}<div class=\"entry-content\">{}</div></article></main></body></html>",
            para.repeat(5)
        )
    };
    let picture = "<div class=\"post-thumbnail\"><img src=\"https://news.example/river.jpg\" alt=\"The river by the mill\" width=\"1024\" height=\"683\"></div>";
    let a = read_html(&page(picture), &Options::default()).expect("an article");
    assert!(
        a.content_html().contains("https://news.example/river.jpg"),
        "{}",
        a.content_html()
    );
    let linked = "<div class=\"post-thumbnail\"><a href=\"/other-story\"><img src=\"https://news.example/other.jpg\" alt=\"\"></a></div>";
    let a = read_html(&page(linked), &Options::default()).expect("an article");
    assert!(
        !a.content_html().contains("https://news.example/other.jpg"),
        "{}",
        a.content_html()
    );
}

#[test]
fn a_page_left_empty_by_its_clutter_says_what_went() {
    // A page that is only a sign-up box: the reason names what was removed rather than calling
    // the page empty, and the article counts and lists the removal.
    let html = "<html><body><div class=\"newsletter-signup\"><h2>Our newsletter</h2><p>Want the latest local news? Sign up to our newsletter.</p><form><input type=email><button type=submit>Sign up</button></form></div></body></html>";
    match read_html(html, &Options::default()) {
        Ok(a) => panic!("an article from a sign-up box: {:?}", a.text_content),
        Err(ReadError::NoArticle { reason, article }) => {
            assert!(
                reason.contains("once one block was removed as clutter")
                    && reason.contains("call-to-action box"),
                "{}",
                reason
            );
            assert_eq!(article.removals.len(), 1);
            assert_eq!(article.removed().teaser_blocks, 1);
            assert!(article.removals[0]
                .text
                .contains("Sign up to our newsletter"));
        }
    }
    // The CLI's JSON counts it too.
    let out = cli(&["extract", "-"], Some(html));
    assert_eq!(out.status.code(), Some(3));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(v["removed"]["teaserBlocks"], 1);
}

#[test]
fn cli_exits_2_on_bad_usage_or_unreadable_input() {
    for args in [
        vec![],
        vec!["frobnicate"],
        vec!["extract"],
        vec!["extract", "a.html", "--format", "pdf"],
        vec!["extract", "a.html", "--url"],
        vec!["extract", "/nonexistent/readmode/page.html"],
        vec!["eval"],
        vec!["eval", "/nonexistent/readmode/corpus"],
    ] {
        let out = cli(&args, None);
        assert_eq!(out.status.code(), Some(2), "{:?}", args);
    }
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks one fixture case with the engine; returns what failed.
fn check_case(dir: &Path) -> Vec<String> {
    let expect = expect_of(dir);
    let html =
        String::from_utf8_lossy(&std::fs::read(dir.join("source.html")).unwrap()).into_owned();
    let opts = Options {
        url: expect["url"].as_str().map(String::from),
        ..Options::default()
    };
    let mut fails = Vec::new();
    let no_article = expect["noArticle"].as_bool().unwrap_or(false);
    let article = match (read_html(&html, &opts), no_article) {
        (Ok(a), false) => a,
        (Err(ReadError::NoArticle { .. }), true) => return fails,
        (Ok(_), true) => return vec!["an article came out of a page without one".into()],
        (Err(e), false) => return vec![e.to_string()],
    };
    let text = norm(&article.text_content);
    let html_out = article.content_html();
    let field = |k: &str| -> Option<String> {
        match k {
            "title" => Some(article.title.clone()),
            "byline" => article.byline.clone(),
            "siteName" => article.site_name.clone(),
            "lang" => article.lang.clone(),
            "dir" => article.dir.clone(),
            "publishedTime" => article.published_time.clone(),
            "excerpt" => article.excerpt.clone(),
            "canonical" => article.url.clone(),
            "aggregator" => article.aggregator.clone(),
            _ => None,
        }
    };
    for k in [
        "title",
        "byline",
        "siteName",
        "lang",
        "dir",
        "publishedTime",
        "excerpt",
        "canonical",
        "aggregator",
    ] {
        if let Some(want) = expect.get(k) {
            let got = field(k).map(|s| norm(&s).to_lowercase());
            let want = want.as_str().map(|s| norm(s).to_lowercase());
            if got != want {
                fails.push(format!("{}: {:?} ≠ {:?}", k, got, want));
            }
        }
    }
    for s in expect["mustContain"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        if !text.contains(&norm(s)) {
            fails.push(format!("body lacks {:?}", s));
        }
    }
    for s in expect["mustNotContain"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        if text.contains(&norm(s)) {
            fails.push(format!("body holds {:?}", s));
        }
    }
    for s in expect["captions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        let in_caption = html_out.split("<figcaption>").skip(1).any(|c| {
            let c = c.split("</figcaption>").next().unwrap_or("");
            let plain: String = strip_tags(c);
            norm(&plain).contains(&norm(s))
        });
        if !in_caption {
            fails.push(format!("no figcaption holds {:?}", s));
        }
    }
    for s in expect["htmlContains"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        if !html_out.contains(s) {
            fails.push(format!("contentHtml lacks {:?}", s));
        }
    }
    for s in expect["htmlNotContains"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        if html_out.contains(s) {
            fails.push(format!("contentHtml holds {:?}", s));
        }
    }
    fails
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
}

#[test]
fn own_fixture_cases_pass() {
    let cases = [
        "lazy-images",
        "tables-and-code",
        "rtl-arabic",
        "jsonld-metadata",
        "figure-captions",
        "picture-wrappers",
        "no-article/listing-page",
    ];
    let mut failed = Vec::new();
    for case in cases {
        let fails = check_case(&fixture(case));
        if fails.is_empty() {
            eprintln!("ok    {}", case);
        } else {
            eprintln!("FAIL  {}", case);
            for f in &fails {
                eprintln!("        {}", f);
            }
            failed.push(case);
        }
    }
    assert!(failed.is_empty(), "fixture cases failed: {:?}", failed);
}

/// The article the extension reads at idle to have the engine compiled before a first toggle
/// (extension/src/view/warm-up.html) keeps one of each thing every pass acts on; a warm-up
/// that stopped exercising a pass would leave its compilation to the reader's click.
#[test]
fn warm_up_article_puts_every_pass_to_work() {
    use readmode::article::RemovalKind;
    let html = std::fs::read_to_string(root().join("extension/src/view/warm-up.html")).unwrap();
    let opts = Options {
        url: Some("https://news.example/brackwater-courier/lanterns-winter-fair".into()),
        ..Default::default()
    };
    let a = read_html(&html, &opts).expect("the warm-up page is an article");
    // Metadata: JSON-LD publisher and author, an aggregator's og:site_name, the date.
    assert_eq!(
        a.title,
        "Lanterns return to the harbour wall for the winter fair"
    );
    assert_eq!(a.byline.as_deref(), Some("Ida Marsh"));
    assert_eq!(a.site_name.as_deref(), Some("Brackwater Courier"));
    assert_eq!(a.aggregator.as_deref(), Some("Newsreel"));
    assert_eq!(a.published_time.as_deref(), Some("2026-01-12T08:00:00Z"));
    // Teasers, the in-article promo and the repeated paragraph are found and removed.
    let count = |k: RemovalKind| a.removals.iter().filter(|r| r.kind == k).count();
    assert!(count(RemovalKind::Teaser) >= 2, "teasers: {:?}", a.removals);
    assert_eq!(count(RemovalKind::Promo), 1, "{:?}", a.removals);
    assert_eq!(count(RemovalKind::Duplicate), 1, "{:?}", a.removals);
    // Clean: figures with their captions (one paired from a caption paragraph), the lazy
    // image resolved, URLs absolute, handlers and styles gone, the hidden paragraph left out.
    let body = a.content_html();
    assert_eq!(body.matches("<figcaption>").count(), 2, "{body}");
    assert!(
        body.contains(r#"src="https://news.example/img/stalls.jpg""#),
        "{body}"
    );
    assert!(
        body.contains(r#"href="https://donate.example/brackwater""#),
        "{body}"
    );
    for gone in [
        "onclick",
        "style=",
        "Hidden by",
        "Sign up",
        "App Store",
        "Ferry timetable",
    ] {
        assert!(!body.contains(gone), "{gone} in {body}");
    }
    assert!(!a.is_preview);
}

/// A `<noscript>` parsed with scripting off (DOMParser) holds elements, not text.
#[test]
fn noscript_images_as_parsed_elements() {
    let mut b = Builder::new();
    let root = b.doc.root();
    let html = b.element(root, "html".into(), Ns::Html, vec![]);
    let body = b.element(html, "body".into(), Ns::Html, vec![]);
    let article = b.element(body, "article".into(), Ns::Html, vec![]);
    let attr = |n: &str, v: &str| Attr {
        name: n.into(),
        value: v.into(),
    };
    for i in 0..4 {
        let p = b.element(article, "p".into(), Ns::Html, vec![]);
        b.text(p, &format!("Paragraph {} of a story about a harbour, long enough to count as prose, with a comma, and a full stop.", i));
    }
    b.element(
        article,
        "img".into(),
        Ns::Html,
        vec![
            attr("src", "data:image/gif;base64,R0lGODlhAQABAAAAACw="),
            attr("class", "lazy"),
        ],
    );
    let ns = b.element(article, "noscript".into(), Ns::Html, vec![]);
    b.element(
        ns,
        "img".into(),
        Ns::Html,
        vec![attr("src", "/real/one.jpg")],
    );
    let lone = b.element(article, "noscript".into(), Ns::Html, vec![]);
    b.element(
        lone,
        "img".into(),
        Ns::Html,
        vec![attr("src", "/real/two.jpg"), attr("alt", "Two")],
    );
    let doc = b.finish();
    let a = read(
        &doc,
        &Options {
            url: Some("https://example.org/story".into()),
            ..Options::default()
        },
    )
    .expect("article");
    let h = a.content_html();
    assert!(
        h.contains("src=\"https://example.org/real/one.jpg\""),
        "{}",
        h
    );
    assert!(
        h.contains("src=\"https://example.org/real/two.jpg\""),
        "{}",
        h
    );
    assert_eq!(
        h.matches("one.jpg").count(),
        1,
        "the fallback is not shown twice: {}",
        h
    );
    assert!(!h.contains("data:image/gif"));
}

/// Mozilla's test pages beside the repository, or `None` (saying that `what` is skipped) when
/// they are absent.
fn corpus(what: &str) -> Option<PathBuf> {
    let dir = root().join("../shared/corpora/readability-test-pages");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping {}: {} is absent", what, dir.display());
        None
    }
}

/// Every page of the shared corpus reads without a panic, and the quick check agrees with the
/// full read on most of them.
#[test]
fn corpus_pages_never_panic() {
    let Some(dir) = corpus("the corpus run") else {
        return;
    };
    let pages = readmode::eval::load(&dir).expect("corpus loads");
    let mut found = 0usize;
    for p in &pages {
        let out = readmode::eval::run_ours(p, false);
        if out.found {
            found += 1;
        }
    }
    assert!(
        found * 10 >= pages.len() * 9,
        "{} of {} pages gave an article",
        found,
        pages.len()
    );
}

/// Corpus pages whose body comes in parts: each keeps every part (the first and the last words
/// of the expected body), and its pictures with their captions.
#[test]
fn corpus_pages_keep_every_part_of_their_body() {
    let Some(dir) = corpus("the corpus pages") else {
        return;
    };
    let read = |page: &str| {
        let html = std::fs::read(dir.join(page).join("source.html")).expect("source.html");
        read_html(&String::from_utf8_lossy(&html), &Options::default())
            .unwrap_or_else(|e| panic!("{}: {}", page, e))
    };
    let cases: &[(&str, &[&str])] = &[
        // Split around figures; the first part's paragraphs sit seven levels down.
        (
            "quanta-1",
            &[
                "A little over half a century ago, chaos started spilling out",
                "There were desks in the computer room",
            ],
        ),
        // A table whose rows hold most of the text, between an intro and references.
        (
            "wikipedia-4",
            &[
                "This list of films featuring time loops",
                "Films with time loops",
                "Dreadful Chapters",
            ],
        ),
        // The first part shares a wrapper with a "Related Coverage" aside.
        (
            "nytimes-2",
            &[
                "is a complicated beast",
                "Yahoo will sell the stock in the single subsidiary",
            ],
        ),
        // A second section of features below the first, one list level down.
        (
            "mozilla-2",
            &["Get to know the features", "Learn more about Style Editor"],
        ),
    ];
    for (page, phrases) in cases {
        let a = read(page);
        for phrase in *phrases {
            assert!(
                a.text_content.contains(phrase),
                "{}: lacks {:?}",
                page,
                phrase
            );
        }
    }
    // An encyclopedia's thumbnails keep their linked captions.
    let captions = readmode::expect::figcaptions(&read("wikipedia-2").content);
    assert!(
        captions
            .iter()
            .any(|c| c.contains("The Waitangi sheet from the Treaty of Waitangi")),
        "{:?}",
        captions
    );
}

#[test]
fn content_text_is_whitespace_collapsed_outside_pre() {
    let para = "<p>\n        The council met on Tuesday\n\t\tto discuss the <b>new</b>\n        budget, which covers roads, schools and the library service for the year.\n    </p>\n";
    let html = format!(
        "<html><body><article>\n    <h1>Budget</h1>\n{}{}    <pre>fn main() {{\n    println!(\"kept\");\n}}</pre>\n</article></body></html>",
        para, para.replace("council", "committee")
    );
    let a = read_html(&html, &Options::default()).expect("an article");
    // Every text of the content tree, and whether it sits in a <pre>.
    let mut texts: Vec<(String, bool)> = Vec::new();
    let mut stack: Vec<(&readmode::Content, bool)> = a.content.iter().map(|c| (c, false)).collect();
    while let Some((c, in_pre)) = stack.pop() {
        match c {
            readmode::Content::Text(t) => texts.push((t.clone(), in_pre)),
            readmode::Content::Element { tag, children, .. } => {
                stack.extend(children.iter().map(|ch| (ch, in_pre || tag == "pre")))
            }
        }
    }
    for (t, in_pre) in &texts {
        if !in_pre {
            assert!(!t.contains("  ") && !t.contains(['\n', '\t']), "{:?}", t);
        }
    }
    assert!(
        texts
            .iter()
            .any(|(t, p)| *p && t.contains("{\n    println!")),
        "pre keeps its lines and indentation: {:?}",
        texts
    );
    assert!(
        a.text_content.contains("to discuss the new budget"),
        "{}",
        a.text_content
    );
}

#[test]
fn cli_reports_run_to_their_end_when_the_reader_closes_the_pipe() {
    // `readmode eval … | head` and `readmode bench … | head`: the reports stop printing, the
    // run goes on (eval still writes its --json file) and exits 0.
    let dir = std::env::temp_dir().join(format!("readmode-report-pipe-{}", std::process::id()));
    let page = dir.join("corpus/mill");
    std::fs::create_dir_all(&page).unwrap();
    let html = "<html><head><title>Mill</title></head><body><article><h1>Mill</h1>\
        <p>The tide mill turned for two centuries, grinding grain for the whole parish.</p>\
        <p>Its wheel was rebuilt twice, after the floods of 1824 and 1953.</p></article></body></html>";
    std::fs::write(page.join("source.html"), html).unwrap();
    std::fs::write(page.join("expected.html"), "<div><p>The tide mill turned for two centuries, grinding grain for the whole parish.</p></div>").unwrap();
    std::fs::write(page.join("expected-metadata.json"), r#"{"title":"Mill"}"#).unwrap();
    let corpus = dir.join("corpus");
    let json = dir.join("eval.json");
    let runs: [Vec<&str>; 2] = [
        vec![
            "eval",
            corpus.to_str().unwrap(),
            "--json",
            json.to_str().unwrap(),
        ],
        vec!["bench", corpus.to_str().unwrap(), "--reps", "1"],
    ];
    for args in runs {
        let out = cli_unread(&args, None);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{}: {}", args[0], err);
        assert_eq!(out.status.code(), Some(0), "{}: {}", args[0], err);
    }
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(
        written["ours"]["pages"].as_array().map(Vec::len),
        Some(1),
        "{}",
        written
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn cli_stops_quietly_when_the_reader_closes_the_pipe() {
    // An article far larger than a pipe's buffer, read by nobody (`readmode extract … | head`).
    let para =
        "<p>The tide mill turned for two centuries, grinding grain for the whole parish.</p>";
    let html = format!(
        "<html><head><title>Mill</title></head><body><article><h1>Mill</h1>{}</article></body></html>",
        para.repeat(4000)
    );
    for format in ["json", "text", "html", "markdown"] {
        let out = cli_unread(&["extract", "-", "--format", format], Some(&html));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{}: {}", format, err);
        assert_eq!(out.status.code(), Some(0), "{}: {}", format, err);
    }
}

/// The removal report reads a removed block as a reader sees it: words of two side-by-side
/// links (a menu spaced by its CSS) or of two blocks stay apart, while a link the text runs on
/// from keeps its punctuation.
#[test]
fn removal_text_keeps_touching_links_and_blocks_apart() {
    let story: String = (0..6)
        .map(|i| format!("<p>Paragraph {i} of the harbour story, long enough to read as prose, with commas, clauses, and a full stop.</p>"))
        .collect();
    let html = format!(
        r#"<html><head><title>Harbour story</title></head><body>
        <header class="site-header"><nav class="subnav"><a href="/shop">Shop</a><a href="/newsletter">Subscribe</a><a href="/app">Get the app</a></nav></header>
        <article><h1>Harbour story</h1>{story}
        <div class="newsletter-promo"><p>Want all the latest news? Sign up to our bulletin <a href="/signup">here</a>.</p><div>Free</div><div>Weekly</div></div>
        </article></body></html>"#
    );
    let a = read_html(&html, &Options::default()).expect("an article");
    let texts: Vec<&str> = a.removals.iter().map(|r| r.text.as_str()).collect();
    let menu = texts
        .iter()
        .find(|t| t.contains("Shop"))
        .unwrap_or_else(|| panic!("the menu is removed: {texts:?}"));
    assert!(menu.contains("Shop Subscribe Get the app"), "{menu:?}");
    let promo = texts
        .iter()
        .find(|t| t.contains("bulletin"))
        .unwrap_or_else(|| panic!("the promo is removed: {texts:?}"));
    assert!(promo.contains("bulletin here."), "{promo:?}");
    assert!(promo.contains("Free Weekly"), "{promo:?}");
}

#[test]
fn an_aggregators_own_address_is_never_the_source() {
    // A copy of an aggregator's page read from another address (saved, or served locally):
    // its canonical address, on the aggregator's site, is off the page's site but is the
    // aggregator's page, not the publication's. The link out names the source.
    let para = "<p>The harbour board voted on Tuesday to dredge the western channel before the spring tides, after two ferries ran aground there in a month.</p>";
    let page = |link_out: &str| {
        format!(
            r#"<html><head><title>Harbour to dredge channel</title>
<link rel="canonical" href="https://www.readwell.example/news/harbour-to-dredge-channel">
<meta property="og:site_name" content="Readwell">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"Harbour to dredge channel","publisher":{{"@type":"Organization","name":"Harbour Gazette"}}}}</script>
</head><body><article><h1>Harbour to dredge channel</h1>{}{link_out}</article></body></html>"#,
            para.repeat(4)
        )
    };
    let opts = Options {
        url: Some("http://127.0.0.1:8080/saved/harbour.html".into()),
        ..Default::default()
    };
    let a = read_html(&page(""), &opts).expect("an article");
    assert_eq!(a.aggregator.as_deref(), Some("Readwell"));
    assert_eq!(
        a.source_url, None,
        "the aggregator's canonical is no source"
    );
    let out = r#"<p class="read-more"><a href="https://harbourgazette.example/2026/dredging">Read the full story at Harbour Gazette</a></p>"#;
    let a = read_html(&page(out), &opts).expect("an article");
    assert_eq!(
        a.source_url.as_deref(),
        Some("https://harbourgazette.example/2026/dredging")
    );
    // Read on a publication's own syndicated copy, an off-site canonical is the source.
    let syndicated = page("").replace("<meta property=\"og:site_name\" content=\"Readwell\">", "");
    let a = read_html(&syndicated, &opts).expect("an article");
    assert_eq!(
        a.source_url.as_deref(),
        Some("https://www.readwell.example/news/harbour-to-dredge-channel")
    );
}

/// Asserts that the content `body` holds none of `gone` and every one of `kept`.
fn gone_and_kept(body: &str, gone: &[&str], kept: &[&str]) {
    for g in gone {
        assert!(!body.contains(g), "{g} in {body}");
    }
    for k in kept {
        assert!(body.contains(k), "{k} not in {body}");
    }
}

#[test]
fn a_headings_edit_and_permalink_marks_go_and_its_words_and_links_stay() {
    // MediaWiki's "[edit]", Sphinx's "¶" and a blog's "#" hang on every heading; a heading that
    // links somewhere, or starts with "#1", keeps its link and words.
    let para = "<p>The ferry timetable changes twice a year, in April and in October, and the harbour office prints it a month before each change so that the island's shops can plan their deliveries.</p>";
    let html = format!(
        r##"<html><head><title>Ferry timetables</title></head><body><article><h1>Ferry timetables</h1>{p}
<h2><span class="mw-headline" id="History">History</span><span class="mw-editsection"><span class="mw-editsection-bracket">[</span><a href="/w/index.php?title=Ferry&amp;action=edit&amp;section=1" title="Edit section: History">edit</a><span class="mw-editsection-bracket">]</span></span></h2>{p}
<h2 id="winter">Winter sailings<a class="headerlink" href="#winter" title="Permalink to this heading">¶</a></h2>{p}
<h3 id="spring">Spring sailings <a href="#spring" class="anchor">#</a></h3>{p}
<h3><a href="https://harbour.example/timetable">The printed timetable</a></h3>{p}
<h3>#1 question: can I bring a bicycle?</h3>{p}</article></body></html>"##,
        p = para.repeat(2)
    );
    let a = read_html(&html, &Options::default()).expect("an article");
    let body = a.content_html();
    gone_and_kept(
        &body,
        &["[edit]", "edit</a>", "¶", "Spring sailings #", "#spring"],
        &[
            ">History</h2>",
            ">Winter sailings</h2>",
            "Spring sailings",
            r#"<a href="https://harbour.example/timetable">The printed timetable</a>"#,
            "#1 question: can I bring a bicycle?",
        ],
    );
}

#[test]
fn what_the_page_marks_not_to_print_is_left_out() {
    // A page's print stylesheet names its chrome: an RFC page's row of document links and its
    // tool credit, Wikipedia's "[citation needed]" flags, a Bootstrap share bar. A story body
    // that carries such a class as well (with a name that says it is the story) stays.
    let para = "<p>The harbour office publishes the tide tables for the coming year each December, and the fishing fleet plans its season around the spring tides they list.</p>";
    let html = format!(
        r#"<html><head><title>Tide tables</title></head><body>
<span class="pre noprint docinfo top">[<a href="/html/">Docs</a>] [<a href="/txt/tides.txt">txt</a>|<a href="/pdf/tides.pdf">pdf</a>] [<a href="https://tracker.example/tides">Tracker</a>]</span><br>
<div class="story-body noprint"><h1>Tide tables</h1>{p}<p>The tables have been printed in the same format since 1952.<sup class="noprint Template-Fact">[citation needed]</sup> Each page covers a month.</p>
<div class="d-print-none share-bar"><a href="https://social.example/share?u=tides">Share this page on the social network</a></div>{p}</div>
<span class="pre noprint">Markup produced by a converter, version 1.1, available from the tools page</span>
</body></html>"#,
        p = para.repeat(2)
    );
    let a = read_html(&html, &Options::default()).expect("an article");
    let body = a.content_html();
    gone_and_kept(
        &body,
        &[
            "Docs",
            "Tracker",
            "[citation needed]",
            "Share this page",
            "Markup produced",
        ],
        &[
            "The harbour office publishes the tide tables",
            "The tables have been printed in the same format since 1952. Each page covers a month.",
        ],
    );
}

#[test]
fn a_table_that_lays_out_the_page_is_unwrapped_and_a_table_of_data_stays() {
    // An old page set in a layout table: its cells' paragraphs and headings become the body's
    // blocks, while the table of data inside the story stays a table. The site's logo, a
    // picture linked home in the cell beside, goes; the story's picture stays.
    let para = "<p>The lighthouse keepers logged the weather every four hours for sixty years, and the log books, now in the county archive, are the longest record of wind on this coast.</p>";
    let html = format!(
        r#"<html><head><title>Keepers' logs</title></head><body><table width="90%"><tr><td width="20%"><a href="/"><img src="/img/trust-logo.png" alt="The Keepers' Trust"></a></td><td>
<h1>Keepers' logs</h1>{p}<p><a href="/img/tower.jpg"><img src="/img/tower.jpg" alt="The tower in 1931"></a></p><h2>What the logs hold</h2>{p}
<table><caption>Gales logged by decade</caption><tr><th>Decade</th><th>Gales</th></tr><tr><td>1900s</td><td>41</td></tr><tr><td>1910s</td><td>37</td></tr></table>
{p}</td></tr></table></body></html>"#,
        p = para.repeat(2)
    );
    let a = read_html(&html, &Options::default()).expect("an article");
    let body = a.content_html();
    assert_eq!(body.matches("<table").count(), 1, "{body}");
    assert!(
        body.contains("<caption>Gales logged by decade</caption>"),
        "{body}"
    );
    assert!(body.contains("<h2>What the logs hold</h2>"), "{body}");
    assert!(
        !body.contains("<td><p>"),
        "no paragraph left in a cell: {body}"
    );
    assert!(!body.contains("trust-logo.png"), "{body}");
    assert!(body.contains("tower.jpg"), "{body}");
}

#[test]
fn a_block_repeating_a_pictures_alt_is_its_caption_and_a_paragraph_quoting_it_is_not() {
    // A photo essay's captions set as a one-item list after each figure become the figures'
    // captions; a paragraph that uses the words of an alt (a headline) at length stays prose.
    let para = "<p>The salt marsh at Holme floods twice a day, and the wardens count the birds that feed on it at each low tide, a survey now in its fortieth year.</p>";
    let html = format!(
        r##"<html><head><title>Counting the marsh</title></head><body><article><h1>Counting the marsh</h1>{p}
<figure><a href="#img-1"><img src="https://marsh.example/wardens.jpg" alt="Two wardens count knots on the mudflats at Holme at dawn."></a></figure>
<ul><li><p>Two wardens count knots on the mudflats at Holme at dawn</p></li></ul>{p}
<p><img src="https://marsh.example/how-to-count.jpg" alt="How to count a flock of ten thousand birds"></p>
<p>How do you count a flock of ten thousand birds? The wardens split the flock into blocks of a hundred by eye, count the blocks, and check each other's totals from the sea wall before the tide turns.</p>{p}</article></body></html>"##,
        p = para.repeat(2)
    );
    let a = read_html(&html, &Options::default()).expect("an article");
    let body = a.content_html();
    assert!(
        body.contains(
            "<figcaption>Two wardens count knots on the mudflats at Holme at dawn</figcaption>"
        ),
        "{body}"
    );
    assert!(!body.contains("<ul>"), "{body}");
    assert!(
        body.contains("<p>How do you count a flock of ten thousand birds?"),
        "{body}"
    );
}

#[test]
fn a_paragraph_or_heading_of_only_line_breaks_is_left_out() {
    // Spacers between sections (Medium's `<p><br></p>`, an `<h4><br></h4>`) are gaps in the
    // view, not blocks; a paragraph with words and a break stays whole.
    let para = "<p>The ferry timetable changes twice a year, in April and in October, and the harbour office prints it a month before each change.</p>";
    let html = format!(
        "<html><head><title>Timetables</title></head><body><article><h1>Timetables</h1>{p}<p> <br> </p><h4><br></h4><p><br><br></p>{p}<p>First line<br>second line of the notice, which the office pins by the ticket window.</p></article></body></html>",
        p = para.repeat(3)
    );
    let a = read_html(&html, &Options::default()).expect("an article");
    let body = a.content_html();
    assert!(!body.contains("<p> <br> </p>"), "{body}");
    assert!(!body.contains("<h4>"), "{body}");
    assert!(!body.contains("<p><br><br></p>"), "{body}");
    assert!(
        body.contains("<p>First line<br>second line of the notice"),
        "{body}"
    );
}
