//! Tests in the browser (wasm-bindgen-test, headless Chrome and Firefox): the live-DOM builder
//! gives the same tree as the native one, and the pipeline runs on a live document.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SOURCE: &str = include_str!("fixtures/parity/source.html");
const GOLDEN: &str = include_str!("fixtures/parity/native.dump");

fn parse(html: &str) -> web_sys::Document {
    web_sys::DomParser::new()
        .unwrap()
        .parse_from_string(html, web_sys::SupportedType::TextHtml)
        .unwrap()
}

#[wasm_bindgen_test]
fn live_builder_matches_native_golden() {
    let dump = readmode::web::live::build(&parse(SOURCE)).dump();
    if dump != GOLDEN {
        let first = dump.lines().zip(GOLDEN.lines()).position(|(a, b)| a != b);
        panic!(
            "live tree differs from the native golden at line {:?}:\n live:   {:?}\n native: {:?}",
            first.map(|i| i + 1),
            first.and_then(|i| dump.lines().nth(i)),
            first.and_then(|i| GOLDEN.lines().nth(i)),
        );
    }
}

#[wasm_bindgen_test]
fn reads_an_article_from_a_live_document() {
    let doc = readmode::web::live::build(&parse(SOURCE));
    let opts = readmode::Options {
        url: Some("https://example.org/news/parity".into()),
        ..Default::default()
    };
    let a = readmode::read(&doc, &opts).expect("the parity page has an article");
    assert_eq!(a.title, "Parity: the same tree both ways");
    assert!(a
        .text_content
        .contains("Unclosed paragraph two with bold misnested italic text."));
    assert!(
        !a.text_content.contains("Hidden by"),
        "hidden text must never reach the view"
    );
    let html = a.content_html();
    assert!(!html.contains("javascript:"), "{}", html);
    assert!(!html.contains("onclick"), "{}", html);
    assert!(
        html.contains("https://example.org/img/a-large.jpg")
            || html.contains("https://example.org/img/a.jpg"),
        "{}",
        html
    );
}

#[wasm_bindgen_test]
fn exported_read_html_returns_a_js_article() {
    let out = readmode::web::read_html(SOURCE, JsValue::UNDEFINED).expect("readHtml");
    let ok = js_sys::Reflect::get(&out, &"ok".into()).unwrap();
    assert_eq!(ok.as_bool(), Some(true));
    let article = js_sys::Reflect::get(&out, &"article".into()).unwrap();
    let title = js_sys::Reflect::get(&article, &"title".into()).unwrap();
    assert_eq!(
        title.as_string().as_deref(),
        Some("Parity: the same tree both ways")
    );
}

#[wasm_bindgen_test]
fn deep_live_tree_does_not_overflow() {
    let html = format!("<body>{}deep</body>", "<div>".repeat(3000));
    let doc = readmode::web::live::build(&parse(&html));
    assert!(doc.len() > 3000);
}
