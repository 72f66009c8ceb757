//! The native CLI: `readmode extract FILE|- [--url URL] [--format json|text|html|markdown]`.
//!
//! Exit codes: 0 with an article; 3 when the page has no article (the JSON still prints, with
//! empty content, and the reason goes to stderr); 2 for bad usage or unreadable input.

use readmode::{read_html, Article, Options, ReadError};
use std::io::Read;
use std::process::ExitCode;

const USAGE: &str = "usage:
  readmode extract FILE|- [--url URL] [--format json|text|html|markdown]
  readmode eval DIR [--json OUT]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("extract") => extract(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{}", USAGE);
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
                let Some(u) = args.get(i) else { return usage("--url needs a value") };
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
    let Some(file) = file else { return usage("extract needs a FILE or -") };
    let mut bytes = Vec::new();
    let res = if file == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(file).and_then(|mut f| f.read_to_end(&mut bytes)).map(|_| ())
    };
    if let Err(e) = res {
        eprintln!("readmode: cannot read {}: {}", file, e);
        return ExitCode::from(2);
    }
    let html = String::from_utf8_lossy(&bytes);
    let opts = Options { url, ..Options::default() };
    match read_html(&html, &opts) {
        Ok(a) => {
            print_article(&a, format);
            ExitCode::SUCCESS
        }
        Err(ReadError::NoArticle { reason, article }) => {
            print_article(&article, format);
            eprintln!("readmode: no article: {}", reason);
            ExitCode::from(3)
        }
    }
}

fn print_article(a: &Article, format: Format) {
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&a.to_cli_json()).expect("JSON of plain data")),
        Format::Text => println!("{}", a.text_content),
        Format::Html => println!("{}", a.content_html()),
        Format::Markdown => print!("{}", readmode::markdown::article_markdown(a)),
    }
}
