//! Native half of the builder parity test: the html5ever builder's dump of the parity fixture
//! must equal the committed golden, which the browser test (tests/web.rs) compares with the
//! live-DOM builder's dump of the same page. Regenerate with `UPDATE_GOLDEN=1 cargo test --test parity`.
#![cfg(not(target_arch = "wasm32"))]

const SOURCE: &str = include_str!("fixtures/parity/source.html");
const GOLDEN: &str = "tests/fixtures/parity/native.dump";

#[test]
fn native_builder_matches_golden() {
    let dump = readmode::dom::html::parse(SOURCE).dump();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(GOLDEN, &dump).expect("write golden");
    }
    let golden = std::fs::read_to_string(GOLDEN)
        .expect("golden dump (run with UPDATE_GOLDEN=1 to create it)");
    assert_eq!(
        dump, golden,
        "the native tree changed; if intended, rerun with UPDATE_GOLDEN=1"
    );
}
