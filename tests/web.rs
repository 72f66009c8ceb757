//! Tests in the browser (wasm-bindgen-test, headless Chrome and Firefox): the live-DOM builder
//! gives the same tree as the native one, and the pipeline runs on a live document.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::{JsCast, JsValue};
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

/// The same for a page of declarative shadow trees, parsed as the engine parses HTML (a
/// browser's parser attaches them; DOMParser leaves them as templates).
#[wasm_bindgen_test]
fn live_builder_matches_native_golden_with_shadow_trees() {
    let document =
        readmode::web::live::parse_page(include_str!("fixtures/parity/shadow.html")).unwrap();
    let dump = readmode::web::live::build(&document).dump();
    assert_eq!(dump, include_str!("fixtures/parity/shadow.dump"));
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
    // Text past ASCII crosses intact (the JSON escapes it), astral characters included.
    let words = "Café “crème” — 中文 😀 ünïcödé";
    let html = format!(
        "<html><head><title>{words}</title></head><body><article><h1>{words}</h1>{}</article></body></html>",
        format!("<p>{words}, and more words to make a paragraph of it.</p>").repeat(8)
    );
    let out = readmode::web::read_html(&html, JsValue::UNDEFINED).expect("readHtml");
    let article = js_sys::Reflect::get(&out, &"article".into()).unwrap();
    let title = js_sys::Reflect::get(&article, &"title".into()).unwrap();
    assert_eq!(title.as_string().as_deref(), Some(words));
    let text = js_sys::Reflect::get(&article, &"textContent".into()).unwrap();
    assert!(text
        .as_string()
        .unwrap()
        .contains(&format!("{words}, and more words")));
}

/// A read's allocations all come back when it returns: no block of the read region is left
/// sealed (which would happen if anything the read allocated outlived it, such as a table built
/// on first use inside the region), one block is kept for the next read, and reading again does
/// not grow the wasm memory.
#[wasm_bindgen_test]
fn reads_give_back_every_allocation() {
    let json = |out: &JsValue| {
        let article = js_sys::Reflect::get(out, &"article".into()).unwrap();
        js_sys::JSON::stringify(&article)
            .unwrap()
            .as_string()
            .unwrap()
    };
    let memory = || {
        let m: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
        m.buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length()
    };
    let mut first = None;
    let mut sizes = Vec::new();
    for i in 0..4 {
        let out = readmode::web::read_html(SOURCE, JsValue::UNDEFINED).expect("readHtml");
        assert_eq!(
            readmode::region::REGION.blocks(),
            (1, 0),
            "after read {}: one block kept, none sealed",
            i + 1
        );
        let article = json(&out);
        assert_eq!(
            first.get_or_insert_with(|| article.clone()),
            &article,
            "read {}",
            i + 1
        );
        sizes.push(memory());
    }
    assert_eq!(
        sizes[1], sizes[3],
        "memory after reads 2 and 4: {:?}",
        sizes
    );
}

#[wasm_bindgen_test]
fn deep_live_tree_does_not_overflow() {
    let html = format!("<body>{}deep</body>", "<div>".repeat(3000));
    let doc = readmode::web::live::build(&parse(&html));
    assert!(doc.len() > 500);
    // A script can nest far deeper than any parser: 20,000 levels, built node by node.
    // NOTE: not 100,000 (the native hostile tests go that deep): browsers make deep appends
    // cost the depth (Firefox checks every ancestor), so building alone would be quadratic.
    let document = parse("<body></body>");
    let mut cur: web_sys::Element = document.body().unwrap().into();
    for _ in 0..20_000 {
        let d = document.create_element("div").unwrap();
        cur.append_child(&d).unwrap();
        cur = d;
    }
    cur.set_text_content(Some("the deepest words"));
    let doc = readmode::web::live::build(&document);
    let text = doc
        .descendants(doc.root())
        .find(|&n| doc.text(n) == Some("the deepest words"))
        .expect("the deepest text is kept");
    let depth = doc.ancestors(text).count();
    assert!(depth <= readmode::dom::MAX_DEPTH + 1, "depth {}", depth);
    // The pipeline returns (no hang, no panic): an article of those words, or a reason.
    match readmode::read(&doc, &readmode::Options::default()) {
        Ok(a) => assert!(a.text_content.contains("the deepest words")),
        Err(e) => assert!(e.to_string().starts_with("no article: ")),
    }
}

/// Blank text is one space wherever it ends up outside <pre>, as the native builder makes it:
/// when a script split it into several nodes, when comments split it (the builders merge the
/// pieces), and when a <pre> past the depth cap is left out and its whitespace lands in a parent
/// that does not keep it. Elsewhere whitespace is kept as written inside <pre>.
#[wasm_bindgen_test]
fn blank_text_is_one_space_where_pieces_merge() {
    let texts = |doc: &readmode::Document| -> Vec<String> {
        doc.descendants(doc.root())
            .filter_map(|n| doc.text(n).map(str::to_string))
            .collect()
    };
    let document = parse("<body><div id=a><b>x</b></div><div id=b><b>y</b>\n  <!-- c -->\t\n<b>z</b></div><pre>\n  \n</pre></body>");
    let a = document.get_element_by_id("a").unwrap();
    a.append_child(&document.create_text_node("\n   ")).unwrap();
    a.append_child(&document.create_text_node(" \t")).unwrap();
    let doc = readmode::web::live::build(&document);
    // (the parser drops the newline right after <pre>)
    assert_eq!(texts(&doc), ["x", " ", "y", " ", "z", "  \n"]);

    let document = parse("<body></body>");
    let mut cur: web_sys::Element = document.body().unwrap().into();
    for _ in 0..readmode::dom::MAX_DEPTH + 5 {
        let d = document.create_element("div").unwrap();
        cur.append_child(&d).unwrap();
        cur = d;
    }
    cur.set_inner_html("<pre>\n  \n</pre>");
    let doc = readmode::web::live::build(&document);
    assert_eq!(texts(&doc), [" "]);
}

/// Past the depth cap elements are left out and their content goes to the deepest kept one;
/// one that CSS hides takes its content with it, so what it hides stays hidden.
#[wasm_bindgen_test]
fn a_hidden_element_past_the_depth_cap_keeps_its_text_out() {
    let document = web_sys::window().unwrap().document().unwrap();
    let body = document.body().unwrap();
    let host = document.create_element("div").unwrap();
    body.append_child(&host).unwrap();
    let mut cur = host.clone();
    for _ in 0..readmode::dom::MAX_DEPTH + 50 {
        let d = document.create_element("div").unwrap();
        cur.append_child(&d).unwrap();
        cur = d;
    }
    // The hidden part carries attributes, one of them wide (see walk.js), and so does the text
    // after it: what comes after is read from the right place in both packed strings.
    cur.set_inner_html(
        r#"<p style="display: none" class="gate">Withheld <b title="café">words</b>.</p><p>Shown <a href="/after">wörds</a>.</p>"#,
    );
    let doc = readmode::web::live::build(&document);
    body.remove_child(&host).unwrap();
    let text = doc.text_content(doc.root());
    assert!(
        text.contains("Shown wörds."),
        "the shown text past the cap is kept: {text:?}"
    );
    assert!(
        !text.contains("Withheld"),
        "hidden text past the cap was kept"
    );
    // Parsed markup (no layout: the offscreen path, the demo): the browser's parser keeps the
    // element at its cap, hidden by its own attribute; it goes here too, as natively
    // (dom::depth).
    let html = format!(
        "<body>{}<p hidden>Withheld words.</p><p>Shown words.</p></body>",
        "<div>".repeat(readmode::dom::MAX_DEPTH + 50)
    );
    let doc = readmode::web::live::build(&parse(&html));
    let text = doc.text_content(doc.root());
    assert!(text.contains("Shown words."), "the shown text is kept");
    assert!(
        !text.contains("Withheld"),
        "markup-hidden text past the cap was kept"
    );
}

#[wasm_bindgen_test]
fn the_view_root_and_script_bodies_stay_out() {
    let html = r#"<body><div id="readmode-root"><p>the reading view itself</p></div>
        <script>var code = "never read";</script><style>p { color: red }</style>
        <script type="application/ld+json">{"headline":"kept"}</script><p>page text</p></body>"#;
    let dump = readmode::web::live::build(&parse(html)).dump();
    assert!(!dump.contains("reading view itself"), "{}", dump);
    assert!(!dump.contains("never read"), "{}", dump);
    assert!(!dump.contains("color: red"), "{}", dump);
    assert!(dump.contains("kept"), "{}", dump);
    assert!(dump.contains("page text"), "{}", dump);
}

/// A page walked in one context and read in another (`readPacked`: the extension page reading
/// what a content script that may not run the wasm walked) gives what reading it where it
/// renders gives: the same tree, with what the stylesheet hides flagged, and the same Article.
#[wasm_bindgen_test]
fn a_page_walked_and_read_elsewhere_reads_as_the_live_page() {
    let document = web_sys::window().unwrap().document().unwrap();
    let body = document.body().unwrap();
    let host = document.create_element("div").unwrap();
    let prose =
        "<p>Café “crème” — 中文 😀: a paragraph long enough to read as the prose of a story.</p>";
    host.set_inner_html(&format!(
        r#"<style>.gated {{ display: none }}</style><article><h1>Walked here, read there</h1>{}<div class="gated"><p>Withheld by the stylesheet, never shown.</p></div><p>The last paragraph, shown.</p></article>"#,
        prose.repeat(6)
    ));
    body.append_child(&host).unwrap();
    let (text, wide, ops) = readmode::web::live::walk_packed(&document);
    let live_dump = readmode::web::live::build(&document).dump();
    let opts = js_sys::Object::new();
    js_sys::Reflect::set(&opts, &"url".into(), &"https://example.org/walked".into()).unwrap();
    let live = readmode::web::read_document(&document, opts.clone().into()).expect("readDocument");
    body.remove_child(&host).unwrap();
    assert_eq!(
        readmode::web::live::unpack(&text, &wide, &ops).dump(),
        live_dump
    );
    let packed = readmode::web::read_packed(&text, &wide, &ops, opts.into()).expect("readPacked");
    let article = |out: &JsValue| {
        let a = js_sys::Reflect::get(out, &"article".into()).unwrap();
        js_sys::JSON::stringify(&a).unwrap().as_string().unwrap()
    };
    assert_eq!(article(&packed), article(&live));
    assert!(article(&packed).contains("The last paragraph, shown."));
    assert!(
        !article(&packed).contains("Withheld"),
        "{}",
        article(&packed)
    );
}

/// The live tree of this (rendered) page with `html` mounted in its body for the walk.
fn rendered_tree(html: &str) -> readmode::Document {
    let document = web_sys::window().unwrap().document().unwrap();
    let body = document.body().unwrap();
    let host = document.create_element("div").unwrap();
    host.set_inner_html(html);
    body.append_child(&host).unwrap();
    let doc = readmode::web::live::build(&document);
    body.remove_child(&host).unwrap();
    doc
}

/// The element whose text holds `text`.
fn by_text(doc: &readmode::Document, text: &str) -> readmode::dom::NodeId {
    let id = doc
        .descendants(doc.root())
        .find(|&n| doc.text(n).is_some_and(|t| t.contains(text)))
        .unwrap_or_else(|| panic!("{:?} is missing from the tree", text));
    doc.parent(id).unwrap()
}

/// The element with this id.
fn by_id(doc: &readmode::Document, id: &str) -> readmode::dom::NodeId {
    doc.descendants(doc.root())
        .find(|&n| doc.attr(n, "id") == Some(id))
        .unwrap_or_else(|| panic!("#{} is missing from the tree", id))
}

fn hidden(doc: &readmode::Document, id: readmode::dom::NodeId) -> bool {
    doc.element(id).unwrap().flags & readmode::dom::flags::HIDDEN != 0
}

#[wasm_bindgen_test]
fn a_rendered_page_flags_what_css_hides() {
    let doc = rendered_tree(
        r#"<style>.gated p { display: none } .wrap { display: contents } .narrow { display: none }</style>
        <div class="gated" id="gated"><p>Withheld paragraph 😀 ü.</p></div>
        <div class="wrap" id="wrap"><p>Shown through display contents.</p></div>
        <p id="shown">Shown paragraph.<span class="narrow">Narrow screens only.</span></p>"#,
    );
    let find = |text: &str| by_text(&doc, text);
    let hidden = |id| hidden(&doc, id);
    assert!(hidden(find("Withheld paragraph 😀 ü.")));
    assert!(!hidden(find("Shown through display contents.")));
    assert!(!hidden(find("Shown paragraph.")));
    assert!(
        hidden(find("Narrow screens only.")),
        "a classed span is asked"
    );
    assert!(
        !hidden(by_id(&doc, "gated")),
        "only its paragraphs are hidden"
    );
}

/// Elements without a box nested deep (display: contents all the way down, nothing rendered
/// under them): only the display: none element at the bottom is flagged.
#[wasm_bindgen_test]
fn a_deep_chain_of_contents_boxes_settles() {
    let depth = 300;
    let html = format!(
        r#"<style>.c {{ display: contents }} .off {{ display: none }}</style><div id="top" class="c">{}<p class="off">At the bottom.</p>{}</div>"#,
        r#"<div class="c">"#.repeat(depth),
        "</div>".repeat(depth)
    );
    let doc = rendered_tree(&html);
    assert!(hidden(&doc, by_text(&doc, "At the bottom.")));
    let top = by_id(&doc, "top");
    let flagged = doc
        .descendants(top)
        .filter(|&n| doc.element(n).is_some() && hidden(&doc, n))
        .count();
    assert_eq!(flagged, 1, "only the display: none element");
}

/// Visibility is settled bottom-up (walk.js): the flags must be the ones asking every element
/// would give, where a parent renders nothing either or has no box for another reason.
#[wasm_bindgen_test]
fn hidden_flags_settle_bottom_up_as_asked_top_down() {
    let doc = rendered_tree(
        r#"<style>.off { display: none } .wrap { display: contents } .cv { content-visibility: hidden }</style>
        <div class="off" id="off"><p>Under a hidden box.</p><div><span>Deeper still.</span></div></div>
        <div class="wrap" id="wrap"><p class="off">Only child, hidden.</p><b class="off">Second.</b></div>
        <div class="wrap" id="wrap-text">Text straight in a contents box.<i class="off">Gone.</i></div>
        <div class="cv" id="cv"><p>Skipped content, not hidden.</p></div>
        <div id="kept"><span class="off"><em>Hidden inline.</em></span><span>Kept inline.</span></div>
        <p>Empty ones: <img class="off" id="img-off" alt=""><a class="off" id="a-off" aria-label="Subscribe" href="/s"></a><img id="img-on" alt=""></p>"#,
    );
    let by_text = |text: &str| by_text(&doc, text);
    let by_id = |id: &str| by_id(&doc, id);
    let hidden = |id| hidden(&doc, id);
    // The topmost hidden element carries the flag, nothing under it.
    assert!(hidden(by_id("off")));
    assert!(!hidden(by_text("Under a hidden box.")));
    assert!(!hidden(by_text("Deeper still.")));
    // A display: contents box whose children are all hidden: they are, it is not.
    assert!(!hidden(by_id("wrap")));
    assert!(hidden(by_text("Only child, hidden.")));
    assert!(hidden(by_text("Second.")));
    assert!(!hidden(by_id("wrap-text")));
    assert!(hidden(by_text("Gone.")));
    // Content skipped by content-visibility is not display: none.
    assert!(!hidden(by_id("cv")));
    assert!(!hidden(by_text("Skipped content, not hidden.")));
    assert!(hidden(doc.parent(by_text("Hidden inline.")).unwrap()));
    assert!(!hidden(by_text("Hidden inline.")));
    assert!(!hidden(by_text("Kept inline.")));
    assert!(!hidden(by_id("kept")));
    // Empty elements that show something of their own, and links, are still asked.
    assert!(hidden(by_id("img-off")));
    assert!(hidden(by_id("a-off")));
    assert!(!hidden(by_id("img-on")));
}

/// The live tree of this (rendered) page with `html` mounted in its body, after `script` (a
/// function body given the mounted element as `host`) has run on it.
fn rendered_tree_after(html: &str, script: &str) -> readmode::Document {
    let document = web_sys::window().unwrap().document().unwrap();
    let body = document.body().unwrap();
    let host = document.create_element("div").unwrap();
    host.set_inner_html(html);
    body.append_child(&host).unwrap();
    js_sys::Function::new_with_args("host", script)
        .call1(&JsValue::NULL, &host)
        .unwrap();
    let doc = readmode::web::live::build(&document);
    body.remove_child(&host).unwrap();
    doc
}

/// A story built of web components: its text sits in shadow trees, and slots show the page's
/// own children where the component places them. The walk reads what renders.
#[wasm_bindgen_test]
fn shadow_trees_are_read_as_the_page_renders_them() {
    let doc = rendered_tree_after(
        r#"<news-story id="story"><span slot="byline">By Ada Ferry</span><p>Light paragraph in the default slot.</p><span slot="nowhere">Assigned to no slot.</span></news-story>
        <news-card id="closed"><p>Light text of a closed host.</p></news-card>
        <news-plain id="plain"><p>Children of a custom element without a shadow tree.</p></news-plain>
        <readmode-view id="readmode-root-message"></readmode-view>"#,
        r#"
        const story = host.querySelector('#story').attachShadow({ mode: 'open' });
        story.innerHTML = '<style>.gated { display: none }</style><h2>Shadow headline</h2>'
          + '<p class="meta"><slot name="byline">Fallback byline</slot></p>'
          + '<slot name="empty"><em>Fallback shown when nothing is assigned.</em></slot>'
          + '<p>Shadow paragraph before the slot.</p><slot></slot><p class="gated">Gated shadow paragraph.</p>'
          + '<inner-quote></inner-quote>';
        const quote = story.querySelector('inner-quote').attachShadow({ mode: 'open' });
        quote.innerHTML = '<blockquote>Nested shadow quote.</blockquote>';
        const closed = host.querySelector('#closed').attachShadow({ mode: 'closed' });
        closed.innerHTML = '<p>Closed shadow text.</p><slot></slot>';
        host.querySelector('readmode-view').attachShadow({ mode: 'open' }).innerHTML = '<p>The view\'s own message.</p>';
        "#,
    );
    let story = by_id(&doc, "story");
    let text = doc.text_content(story);
    let order = [
        "Shadow headline",
        "By Ada Ferry",
        "Fallback shown when nothing is assigned.",
        "Shadow paragraph before the slot.",
        "Light paragraph in the default slot.",
        "Gated shadow paragraph.",
        "Nested shadow quote.",
    ];
    let mut at = 0;
    for want in order {
        let i = text[at..]
            .find(want)
            .unwrap_or_else(|| panic!("{:?} missing or out of order in {:?}", want, text));
        at += i + want.len();
    }
    // What the page never shows stays out: a child assigned to no slot, a slot's fallback
    // where something is assigned.
    assert!(!text.contains("Assigned to no slot."), "{}", text);
    assert!(!text.contains("Fallback byline"), "{}", text);
    // CSS inside the shadow tree hides as anywhere else.
    assert!(hidden(&doc, by_text(&doc, "Gated shadow paragraph.")));
    assert!(!hidden(
        &doc,
        by_text(&doc, "Shadow paragraph before the slot.")
    ));
    // A page's own scripts cannot open a closed shadow root, and neither can the walk there
    // (a content script can): the host is read by its children.
    let closed = doc.text_content(by_id(&doc, "closed"));
    assert!(
        closed.contains("Light text of a closed host."),
        "{}",
        closed
    );
    assert!(!closed.contains("Closed shadow text."), "{}", closed);
    assert!(doc
        .text_content(by_id(&doc, "plain"))
        .contains("Children of a custom element without a shadow tree."));
    // The view's own elements are never read.
    assert!(!doc
        .text_content(doc.root())
        .contains("The view's own message."));
}

/// The whole pipeline on a page whose story lives in a shadow tree.
#[wasm_bindgen_test]
fn an_article_in_a_shadow_tree_is_read() {
    let document = web_sys::window().unwrap().document().unwrap();
    let body = document.body().unwrap();
    let host = document.create_element("story-page").unwrap();
    body.append_child(&host).unwrap();
    let paragraphs: String = (1..=6)
        .map(|i| {
            format!(
                "<p>Paragraph {i} of the ferry story: the harbour crossing resumed this week after a \
                 month in dry dock, and the operator said the new engines cut the trip by minutes.</p>"
            )
        })
        .collect();
    js_sys::Function::new_with_args(
        "host, html",
        "host.attachShadow({ mode: 'open' }).innerHTML = '<article><h1>Ferry back in service</h1>' + html + '</article>';",
    )
    .call2(&JsValue::NULL, &host, &JsValue::from_str(&paragraphs))
    .unwrap();
    let doc = readmode::web::live::build(&document);
    body.remove_child(&host).unwrap();
    let a = readmode::read(&doc, &readmode::Options::default()).expect("the story is found");
    for i in 1..=6 {
        assert!(
            a.text_content
                .contains(&format!("Paragraph {i} of the ferry story")),
            "{}",
            a.text_content
        );
    }
}
