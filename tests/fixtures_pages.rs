//! Fixture pages, native path: every case folder (`source.html` + `expect.json`) under
//! `../shared/fixtures/pages/` and `tests/fixtures/` is read with `read_html` and judged by
//! `readmode::expect::check`, the same checker the browser tests use.
//!
//! The shared folder lives beside the repository; when it is absent its cases are skipped, and
//! the test says so.
#![cfg(not(target_arch = "wasm32"))]

use readmode::{read_html, Options, ReadError};
use std::path::{Path, PathBuf};

/// Case folders under `dir` that hold both files, sorted by name.
fn cases(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("source.html").is_file() && p.join("expect.json").is_file())
        .collect();
    out.sort();
    out
}

/// Runs one case; returns its failures.
fn run_case(dir: &Path) -> Vec<String> {
    let html = match std::fs::read(dir.join("source.html")) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => return vec![format!("cannot read source.html: {}", e)],
    };
    let expect: serde_json::Value = match std::fs::read_to_string(dir.join("expect.json"))
        .map_err(|e| e.to_string())
        .and_then(|s| serde_json::from_str(&s).map_err(|e| e.to_string()))
    {
        Ok(v) => v,
        Err(e) => return vec![format!("cannot read expect.json: {}", e)],
    };
    let opts = Options {
        url: expect.get("url").and_then(|u| u.as_str()).map(String::from),
        ..Options::default()
    };
    let article = match read_html(&html, &opts) {
        Ok(a) => a,
        Err(ReadError::NoArticle { reason, article }) => {
            let mut f = readmode::expect::check(&article, &expect);
            f.insert(0, format!("no article: {}", reason));
            return f;
        }
    };
    readmode::expect::check(&article, &expect)
}

#[test]
fn fixture_pages_pass_natively() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/fixtures/pages");
    let own = root.join("tests/fixtures");
    let mut all = Vec::new();
    if shared.is_dir() {
        all.extend(cases(&shared));
    } else {
        eprintln!(
            "skipping the shared fixture pages: {} is absent",
            shared.display()
        );
    }
    all.extend(cases(&own));
    if all.is_empty() {
        eprintln!("no fixture cases found; nothing to check");
        return;
    }
    let mut failed = 0usize;
    for case in &all {
        let name = case
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let fails = run_case(case);
        if fails.is_empty() {
            eprintln!("ok    {}", name);
        } else {
            failed += 1;
            eprintln!("FAIL  {} ({} checks)", name, fails.len());
            for f in &fails {
                eprintln!("        {}", f);
            }
        }
    }
    eprintln!("{} of {} fixture cases pass", all.len() - failed, all.len());
    assert_eq!(
        failed, 0,
        "{} fixture case(s) failed; see the list above",
        failed
    );
}
