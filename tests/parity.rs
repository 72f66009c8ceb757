//! Native half of the builder parity test: the html5ever builder's dump of each parity fixture
//! must equal the committed golden, which the browser test (tests/web.rs) compares with the
//! live-DOM builder's dump of the same page. Regenerate with `UPDATE_GOLDEN=1 cargo test --test parity`.
#![cfg(not(target_arch = "wasm32"))]

/// Checks the native dump of `source` against the golden at `golden`.
fn matches_golden(source: &str, golden: &str) {
    let dump = readmode::dom::html::parse(source).dump();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(golden, &dump).expect("write golden");
    }
    let want = std::fs::read_to_string(golden)
        .expect("golden dump (run with UPDATE_GOLDEN=1 to create it)");
    assert_eq!(
        dump, want,
        "the native tree changed; if intended, rerun with UPDATE_GOLDEN=1"
    );
}

#[test]
fn native_builder_matches_golden() {
    matches_golden(
        include_str!("fixtures/parity/source.html"),
        "tests/fixtures/parity/native.dump",
    );
}

/// Declarative shadow trees: custom elements read as rendered, slots showing what is assigned.
#[test]
fn native_builder_matches_golden_with_shadow_trees() {
    matches_golden(
        include_str!("fixtures/parity/shadow.html"),
        "tests/fixtures/parity/shadow.dump",
    );
}
