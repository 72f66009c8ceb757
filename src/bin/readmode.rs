//! The native CLI: `readmode extract FILE|- [--url URL] [--format json|text|html|markdown]`.
//!
//! Exit codes: 0 with an article; 3 when the page has no article (the JSON still prints, with
//! empty content, and the reason goes to stderr); 2 for bad usage or unreadable input.

// NOTE: the CLI is native only; on wasm32 (where `cargo test --tests` also builds this target)
// it is an empty program.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use readmode::{read_html, Article, Options, ReadError};
    use std::io::{Read, Write};
    use std::process::ExitCode;
    use std::sync::atomic::{AtomicBool, Ordering};

    /// The `bench` and `eval` reports stop going to stdout at its first failed write. A reader
    /// that went away (`readmode eval … | head`) is not an error of ours: the run goes on (the
    /// `--json` file is still written) and exits as it would have. Any other failure is
    /// reported once, and the run exits 2.
    static REPORT_CLOSED: AtomicBool = AtomicBool::new(false);
    static REPORT_FAILED: AtomicBool = AtomicBool::new(false);

    /// `println!` for the reports (see [`REPORT_CLOSED`]).
    macro_rules! say {
        ($($arg:tt)*) => {
            report_line(format_args!($($arg)*))
        };
    }

    fn report_line(line: std::fmt::Arguments) {
        if REPORT_CLOSED.load(Ordering::Relaxed) {
            return;
        }
        let mut out = std::io::stdout().lock();
        if let Err(e) = out.write_fmt(line).and_then(|()| out.write_all(b"\n")) {
            REPORT_CLOSED.store(true, Ordering::Relaxed);
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                eprintln!("readmode: cannot write the report: {}", e);
                REPORT_FAILED.store(true, Ordering::Relaxed);
            }
        }
    }

    /// The exit code of a report that ran to its end.
    fn report_done() -> ExitCode {
        if REPORT_FAILED.load(Ordering::Relaxed) {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        }
    }

    const USAGE: &str = "usage:
  readmode extract FILE|- [--url URL] [--format json|text|html|markdown]
  readmode eval DIR [--reference FILE.json] [--json OUT] [--keep-clutter]
  readmode bench DIR [--reps N]";

    pub fn main() -> ExitCode {
        let args: Vec<String> = std::env::args().skip(1).collect();
        match args.first().map(String::as_str) {
            Some("extract") => extract(&args[1..]),
            Some("eval") => eval(&args[1..]),
            Some("bench") => bench(&args[1..]),
            Some("-h" | "--help" | "help") => {
                say!("{}", USAGE);
                ExitCode::SUCCESS
            }
            _ => usage("expected a command"),
        }
    }

    fn usage(msg: &str) -> ExitCode {
        eprintln!("readmode: {}\n{}", msg, USAGE);
        ExitCode::from(2)
    }

    #[derive(Clone, Copy, PartialEq)]
    enum Format {
        Json,
        Text,
        Html,
        Markdown,
    }

    fn extract(args: &[String]) -> ExitCode {
        let mut file: Option<&str> = None;
        let mut url: Option<String> = None;
        let mut format = Format::Json;
        let mut i = 0;
        while i < args.len() {
            match args[i].as_str() {
                "--url" => {
                    i += 1;
                    let Some(u) = args.get(i) else {
                        return usage("--url needs a value");
                    };
                    url = Some(u.clone());
                }
                "--format" => {
                    i += 1;
                    format = match args.get(i).map(String::as_str) {
                        Some("json") => Format::Json,
                        Some("text") => Format::Text,
                        Some("html") => Format::Html,
                        Some("markdown" | "md") => Format::Markdown,
                        Some(other) => return usage(&format!("unknown format '{}'", other)),
                        None => return usage("--format needs a value"),
                    };
                }
                f if file.is_none() && (f == "-" || !f.starts_with("--")) => file = Some(f),
                other => return usage(&format!("unexpected argument '{}'", other)),
            }
            i += 1;
        }
        let Some(file) = file else {
            return usage("extract needs a FILE or -");
        };
        let mut bytes = Vec::new();
        let res = if file == "-" {
            std::io::stdin().read_to_end(&mut bytes).map(|_| ())
        } else {
            std::fs::File::open(file)
                .and_then(|mut f| f.read_to_end(&mut bytes))
                .map(|_| ())
        };
        if let Err(e) = res {
            eprintln!("readmode: cannot read {}: {}", file, e);
            return ExitCode::from(2);
        }
        let html = String::from_utf8_lossy(&bytes);
        let opts = Options {
            url,
            ..Options::default()
        };
        let (article, code) = match read_html(&html, &opts) {
            Ok(a) => (a, ExitCode::SUCCESS),
            Err(ReadError::NoArticle { reason, article }) => {
                eprintln!("readmode: no article: {}", reason);
                (*article, ExitCode::from(3))
            }
        };
        match print_article(&article, format) {
            Ok(()) => code,
            // NOTE: the reader stopped reading (`| head`): not an error of ours.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => code,
            Err(e) => {
                eprintln!("readmode: cannot write the article: {}", e);
                ExitCode::from(2)
            }
        }
    }

    fn print_article(a: &Article, format: Format) -> std::io::Result<()> {
        let text = match format {
            Format::Json => {
                let mut s = serde_json::to_string_pretty(&a.to_cli_json())
                    .map_err(std::io::Error::other)?;
                s.push('\n');
                s
            }
            Format::Text => format!("{}\n", a.text_content),
            Format::Html => format!("{}\n", a.content_html()),
            Format::Markdown => readmode::markdown::article_markdown(a),
        };
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()
    }

    /// `readmode bench DIR [--reps N]`: the CLI's path (HTML text → parse → read → JSON text)
    /// over every `*/source.html` of a corpus, N times; prints pages a second, MB a second of
    /// HTML, the median and slowest page, and the process's peak resident memory.
    fn bench(args: &[String]) -> ExitCode {
        let mut dir: Option<&str> = None;
        let mut reps = 5usize;
        let mut i = 0;
        while i < args.len() {
            match args[i].as_str() {
                "--reps" => {
                    i += 1;
                    match args.get(i).and_then(|n| n.parse().ok()).filter(|&n| n > 0) {
                        Some(n) => reps = n,
                        None => return usage("--reps needs a positive number"),
                    }
                }
                d if dir.is_none() && !d.starts_with("--") => dir = Some(d),
                other => return usage(&format!("unexpected argument '{}'", other)),
            }
            i += 1;
        }
        let Some(dir) = dir else {
            return usage("bench needs a corpus DIR");
        };
        let mut files: Vec<std::path::PathBuf> = match std::fs::read_dir(dir) {
            Ok(rd) => rd
                .filter_map(|e| e.ok())
                .map(|e| e.path().join("source.html"))
                .filter(|p| p.is_file())
                .collect(),
            Err(e) => {
                eprintln!("readmode: cannot read {}: {}", dir, e);
                return ExitCode::from(2);
            }
        };
        files.sort();
        let mut pages: Vec<(String, Vec<u8>)> = Vec::new();
        for f in &files {
            match std::fs::read(f) {
                Ok(b) => pages.push((f.display().to_string(), b)),
                Err(e) => {
                    eprintln!("readmode: cannot read {}: {}", f.display(), e);
                    return ExitCode::from(2);
                }
            }
        }
        if pages.is_empty() {
            eprintln!("readmode: no */source.html under {}", dir);
            return ExitCode::from(2);
        }
        let bytes: usize = pages.iter().map(|(_, b)| b.len()).sum();
        let opts = Options {
            url: Some("http://fakehost/test/page.html".into()),
            ..Options::default()
        };
        // Per page, the fastest of the repetitions (the least disturbed by the machine).
        let mut best = vec![f64::INFINITY; pages.len()];
        // The duration of each whole pass over the corpus.
        let mut passes: Vec<f64> = Vec::with_capacity(reps);
        for _ in 0..reps {
            let start = std::time::Instant::now();
            for (k, (_, b)) in pages.iter().enumerate() {
                let t = std::time::Instant::now();
                let html = String::from_utf8_lossy(b);
                let a = match read_html(&html, &opts) {
                    Ok(a) => a,
                    Err(ReadError::NoArticle { article, .. }) => *article,
                };
                let json = serde_json::to_string(&a.to_cli_json()).expect("JSON of plain data");
                std::hint::black_box(json);
                best[k] = best[k].min(t.elapsed().as_secs_f64());
            }
            passes.push(start.elapsed().as_secs_f64());
        }
        passes.sort_by(f64::total_cmp);
        // The median pass, with the fastest and slowest beside it for the machine's noise.
        let total = passes[passes.len() / 2];
        let (fastest, slowest_pass) = (passes[0], passes[passes.len() - 1]);
        let mut sorted = best.clone();
        sorted.sort_by(f64::total_cmp);
        let slowest = best
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(k, _)| k)
            .unwrap_or(0);
        say!(
            "native CLI path (parse + read + JSON), {} pages, {:.1} MB of HTML, {} repetitions",
            pages.len(),
            bytes as f64 / 1e6,
            reps
        );
        say!(
            "  {:.0} pages/s [{:.0}–{:.0}], {:.1} MB/s [{:.1}–{:.1}] (median pass {:.1} ms [{:.1}–{:.1}]; [fastest–slowest pass])",
            pages.len() as f64 / total,
            pages.len() as f64 / slowest_pass,
            pages.len() as f64 / fastest,
            bytes as f64 / 1e6 / total,
            bytes as f64 / 1e6 / slowest_pass,
            bytes as f64 / 1e6 / fastest,
            total * 1e3,
            fastest * 1e3,
            slowest_pass * 1e3,
        );
        say!(
            "  page median {:.2} ms, slowest {:.2} ms ({}) (each page's fastest repetition)",
            sorted[sorted.len() / 2] * 1e3,
            best[slowest] * 1e3,
            pages[slowest].0
        );
        match peak_rss_kb() {
            Some(kb) => say!(
                "  peak RSS {:.1} MB (VmHWM, whole process, the corpus)",
                kb as f64 / 1024.0
            ),
            None => say!("  peak RSS: unknown (no /proc/self/status)"),
        }
        // After the corpus figures: the largest shapes raise the process's peak.
        scaling(&opts);
        if let Some(kb) = peak_rss_kb() {
            say!(
                "  peak RSS after the scaling shapes {:.1} MB (the largest is 2.8 MB of markup, 400,000 nodes)",
                kb as f64 / 1024.0
            );
        }
        report_done()
    }

    /// Hostile shapes at doubling sizes: time per byte stays flat when the CLI path is linear
    /// in the page size.
    fn scaling(opts: &Options) {
        type Shape = fn(usize) -> String;
        const PROSE: &str =
            "<p>A sentence of prose, long enough to count, with a comma and a full stop.</p>";
        let shapes: [(&str, Shape); 11] = [
            ("nesting (div per unit, past the depth cap)", |n| {
                format!("<body>{}<p>deep words</p></body>", "<div>".repeat(n))
            }),
            ("flat spans", |n| {
                format!("<body><div>{}</div></body>", "<span>x</span>".repeat(n))
            }),
            ("inline nesting in a paragraph", |n| {
                format!("<body><p>{}end</p></body>", "<b><i><span>".repeat(n / 3))
            }),
            ("prose paragraphs", |n| {
                format!("<body><article>{}</article></body>", PROSE.repeat(n / 8))
            }),
            ("pictures in one captioned figure", |n| {
                format!(
                    "<body><article>{}<figure>{}<figcaption>A caption.</figcaption></figure></article></body>",
                    PROSE.repeat(20),
                    "<img src=\"/p/picture.jpg\">".repeat(n / 4)
                )
            }),
            ("a removed box after every paragraph", |n| {
                let unit = "<div class=\"newsletter-signup\"><p>Sign up to our newsletter</p><a href=\"/subscribe\">Subscribe</a></div>";
                format!(
                    "<body><article>{}</article></body>",
                    format!("{PROSE}{unit}").repeat(n / 16)
                )
            }),
            ("a picture beside every paragraph", |n| {
                format!(
                    "<body><div><article>{}</article></div></body>",
                    format!("{PROSE}<img src=\"/p/picture.jpg\" alt=\"\">").repeat(n / 10)
                )
            }),
            ("a caption for every picture", |n| {
                let unit = "<div class=\"image\"><img src=\"/p/picture.jpg\"><p class=\"caption\">A caption.</p></div>";
                format!(
                    "<body><article>{}{}</article></body>",
                    PROSE.repeat(20),
                    unit.repeat(n / 10)
                )
            }),
            ("the title repeated in every heading", |n| {
                format!(
                    "<body><article>{}</article></body>",
                    format!("<h2>The same title</h2>{PROSE}").repeat(n / 10)
                )
            }),
            ("a layout table around every paragraph", |n| {
                format!(
                    "<body>{}</body>",
                    format!("<table><tr><td>{PROSE}</td></tr></table>").repeat(n / 10)
                )
            }),
            ("layout tables nested in their cells", |n| {
                format!(
                    "<body>{}</body>",
                    format!("<table><tr><td>{PROSE}").repeat(n / 10)
                )
            }),
        ];
        say!("  scaling (parse + read, fastest of 3; ns per byte should stay flat):");
        for (name, make) in shapes {
            let mut line = format!("    {:<44}", name);
            let mut per_byte = Vec::new();
            for units in [25_000usize, 50_000, 100_000, 200_000] {
                let html = make(units);
                let mut best = f64::INFINITY;
                for _ in 0..3 {
                    let t = std::time::Instant::now();
                    std::hint::black_box(read_html(&html, opts).is_ok());
                    best = best.min(t.elapsed().as_secs_f64());
                }
                let ns = best * 1e9 / html.len() as f64;
                per_byte.push(ns);
                line.push_str(&format!(
                    " {:>5.1} MB {:>7.1} ms ({:>4.0} ns/B)",
                    html.len() as f64 / 1e6,
                    best * 1e3,
                    ns
                ));
            }
            let spread = per_byte.iter().cloned().fold(0.0, f64::max)
                / per_byte.iter().cloned().fold(f64::INFINITY, f64::min);
            say!("{}  largest/smallest ns/B {:.2}", line, spread);
        }
    }

    /// The process's peak resident set (VmHWM), in kB, where Linux reports it.
    fn peak_rss_kb() -> Option<u64> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    /// `readmode eval DIR [--reference FILE.json] [--json OUT]`: scores our reader (and the
    /// reference run, when given) on a corpus; prints per-page figures and means side by side.
    fn eval(args: &[String]) -> ExitCode {
        use readmode::eval::{self, Reference, FIELDS};
        let mut dir: Option<&str> = None;
        let mut reference: Option<&str> = None;
        let mut json_out: Option<&str> = None;
        let mut keep_clutter = false;
        let mut i = 0;
        while i < args.len() {
            match args[i].as_str() {
                "--reference" => {
                    i += 1;
                    let Some(f) = args.get(i) else {
                        return usage("--reference needs a file");
                    };
                    reference = Some(f);
                }
                "--json" => {
                    i += 1;
                    let Some(f) = args.get(i) else {
                        return usage("--json needs a file");
                    };
                    json_out = Some(f);
                }
                "--keep-clutter" => keep_clutter = true,
                d if dir.is_none() && !d.starts_with("--") => dir = Some(d),
                other => return usage(&format!("unexpected argument '{}'", other)),
            }
            i += 1;
        }
        let Some(dir) = dir else {
            return usage("eval needs a corpus DIR");
        };
        let pages = match eval::load(std::path::Path::new(dir)) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("readmode: {}", e);
                return ExitCode::from(2);
            }
        };
        let reference: Option<Reference> = match reference {
            None => None,
            Some(f) => match std::fs::read_to_string(f)
                .map_err(|e| e.to_string())
                .and_then(|s| serde_json::from_str(&s).map_err(|e| e.to_string()))
            {
                Ok(r) => Some(r),
                Err(e) => {
                    eprintln!("readmode: cannot read reference {}: {}", f, e);
                    return ExitCode::from(2);
                }
            },
        };
        let ref_by_name: std::collections::HashMap<&str, &eval::Output> = reference
            .as_ref()
            .map(|r| r.pages.iter().map(|p| (p.name.as_str(), p)).collect())
            .unwrap_or_default();
        let ref_tool = reference.as_ref().map(|r| {
            if r.tool.is_empty() {
                "reference".to_string()
            } else {
                r.tool.clone()
            }
        });

        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        let mut missing = 0usize;
        say!(
            "{:<40} {:>6} {:>6} {:>8} {:>8}  disagreements (ours)",
            "page",
            "F1",
            "refF1",
            "ms",
            "refMs"
        );
        for page in &pages {
            let out = eval::run_ours(page, keep_clutter);
            let s = eval::score(page, &out);
            let r = ref_by_name
                .get(page.name.as_str())
                .map(|o| eval::score(page, o));
            if reference.is_some() && r.is_none() {
                missing += 1;
            }
            let (rf, rms) = match &r {
                Some(r) => (
                    format!("{:.3}", r.f1),
                    format!("{:.2}", r.parse_ms + r.read_ms),
                ),
                None => ("-".into(), "-".into()),
            };
            say!(
                "{:<40} {:>6.3} {:>6} {:>8.2} {:>8}  {}{}",
                page.name,
                s.f1,
                rf,
                s.parse_ms + s.read_ms,
                rms,
                if s.found { "" } else { "[no article] " },
                readmode::text::collapse(&s.notes.join("; "))
            );
            ours.push(s);
            if let Some(r) = r {
                theirs.push(r);
            }
        }
        let so = eval::summarise(&ours);
        let st = (!theirs.is_empty()).then(|| eval::summarise(&theirs));
        say!("");
        let col = |v: String, t: Option<String>| format!("{:>14} {:>14}", v, t.unwrap_or_default());
        say!("{:<28} {}", "", col("readmode".into(), ref_tool.clone()));
        // One row a figure, for both columns: its label and how it reads off a summary.
        type Figure = Box<dyn Fn(&eval::Summary) -> String>;
        let pct = |x: f64| format!("{:.1}%", x * 100.0);
        let mut rows: Vec<(String, Figure)> = vec![
            ("pages".into(), Box::new(|s| s.pages.to_string())),
            ("article found".into(), Box::new(|s| s.found.to_string())),
            (
                "word-4-gram F1 (mean)".into(),
                Box::new(|s| format!("{:.4}", s.f1_mean)),
            ),
            (
                "  precision (mean)".into(),
                Box::new(|s| format!("{:.4}", s.precision_mean)),
            ),
            (
                "  recall (mean)".into(),
                Box::new(|s| format!("{:.4}", s.recall_mean)),
            ),
        ];
        for (i, f) in FIELDS.iter().enumerate() {
            rows.push((
                format!("{} agreement", f),
                Box::new(move |s| pct(s.agreement[i])),
            ));
        }
        rows.extend([
            (
                "title (site name aside)".into(),
                Box::new(move |s: &eval::Summary| pct(s.title_site_aside)) as Figure,
            ),
            (
                "images also in expected".into(),
                Box::new(|s| format!("{} of {}", s.images_found, s.images_expected)),
            ),
            (
                "images not in expected".into(),
                Box::new(|s| (s.images_out - s.images_found).to_string()),
            ),
            (
                "parse ms (total)".into(),
                Box::new(|s| format!("{:.1}", s.parse_ms_total)),
            ),
            (
                "extract ms (total)".into(),
                Box::new(|s| format!("{:.1}", s.read_ms_total)),
            ),
            (
                "extract ms (median page)".into(),
                Box::new(|s| format!("{:.2}", s.read_ms_median)),
            ),
            (
                "extract ms (slowest page)".into(),
                Box::new(|s| format!("{:.2}", s.read_ms_max)),
            ),
            (
                "readerable agreement".into(),
                Box::new(move |s| pct(s.readerable_agreement)),
            ),
            (
                "readerable µs (mean page)".into(),
                Box::new(|s| format!("{:.1}", s.readerable_us_mean)),
            ),
            (
                "extract µs (mean page)".into(),
                Box::new(|s| format!("{:.1}", s.read_us_mean)),
            ),
        ]);
        for (label, figure) in &rows {
            say!(
                "{:<28} {}",
                label,
                col(figure(&so), st.as_ref().map(figure))
            );
        }
        if missing > 0 {
            say!("(the reference has no result for {} page(s))", missing);
        }
        if let Some(f) = json_out {
            let v = serde_json::json!({ "ours": { "summary": so, "pages": ours }, "reference": st.map(|s| serde_json::json!({ "tool": ref_tool, "summary": s, "pages": theirs })) });
            if let Err(e) = std::fs::write(f, serde_json::to_string_pretty(&v).unwrap_or_default())
            {
                eprintln!("readmode: cannot write {}: {}", f, e);
                return ExitCode::from(2);
            }
        }
        report_done()
    }
}
