//! The `pith` binary on the HTML fixtures of `tests/html/`, run as a user would run it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The fields a JSON record of an HTML input carries.
const HTML_RECORD_KEYS: [&str; 13] = [
    "title",
    "author",
    "date",
    "site_name",
    "description",
    "language",
    "url",
    "tags",
    "image",
    "confidence",
    "input_format",
    "text",
    "error",
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("html").join(name)
}

fn pith(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pith")).args(args).stdin(Stdio::null()).output().expect("run pith")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// Run `pith extract ARGS FIXTURE`, expecting success; its stdout.
fn extract_ok(args: &[&str], name: &str) -> String {
    let path = fixture(name);
    let mut all: Vec<&str> = vec!["extract"];
    all.extend(args);
    all.push(s(&path));
    let o = pith(&all);
    assert_eq!(o.status.code(), Some(0), "pith {all:?} failed, stderr: {}", stderr(&o));
    stdout(&o)
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn json_record_of_an_html_page() {
    let out = extract_ok(&["--format", "json"], "json_ld.html");
    let values: Vec<Value> = serde_json::Deserializer::from_str(&out)
        .into_iter::<Value>()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{out}"));
    assert_eq!(values.len(), 1, "expected one JSON object:\n{out}");
    let record = &values[0];
    assert!(record.is_object(), "not an object:\n{out}");
    for key in HTML_RECORD_KEYS {
        assert!(record.get(key).is_some(), "record lacks `{key}`:\n{out}");
    }
    assert_eq!(record["title"], "Rivers reach record lows as drought grips southern Europe", "{out}");
    let author = record["author"].as_str().unwrap_or_else(|| panic!("no author:\n{out}"));
    assert!(author.contains("Giulia Romano") && author.contains("Pablo Ortega"), "author: {author:?}");
    assert_eq!(record["date"], "2024-08-12", "{out}");
    assert_eq!(record["site_name"], "The Daily Meridian", "{out}");
    assert!(
        record["description"].as_str().is_some_and(|d| d.starts_with("Water levels in the Po and the Ebro")),
        "{out}"
    );
    assert_eq!(record["language"], "en", "{out}");
    assert_eq!(record["url"], "https://www.dailymeridian.example/world/2024/08/rivers-record-lows-drought", "{out}");
    assert!(record["tags"].as_array().is_some_and(|t| t.iter().any(|x| x == "drought")), "{out}");
    assert_eq!(record["image"], "https://www.dailymeridian.example/img/2024/08/po-river-dry.jpg", "{out}");
    let confidence = record["confidence"].as_f64().unwrap_or_else(|| panic!("confidence is not a number:\n{out}"));
    assert!((0.0..=1.0).contains(&confidence), "confidence {confidence} out of 0..1");
    assert_eq!(record["input_format"], "html", "{out}");
    let text = record["text"].as_str().unwrap_or_else(|| panic!("text is not a string:\n{out}"));
    assert!(norm(text).contains("The Po, Italy's longest river, has fallen to its lowest level"), "{out}");
    assert!(record["error"].is_null(), "{out}");
}

#[test]
fn comments_flag_keeps_comments() {
    let comment = "Did you try an anti-fatigue mat?";
    let post = "What finally helped was much less glamorous: a cheap kitchen timer.";
    let default = norm(&extract_ok(&[], "comments.html"));
    assert!(default.contains(post), "post dropped:\n{default}");
    assert!(!default.contains(comment), "comment kept without --comments:\n{default}");
    let with = norm(&extract_ok(&["--comments"], "comments.html"));
    assert!(with.contains(post), "post dropped with --comments:\n{with}");
    assert!(with.contains(comment), "comment dropped with --comments:\n{with}");
}

#[test]
fn markdown_table_has_a_separator_line() {
    let out = extract_ok(&["--format", "markdown"], "table.html");
    let lines: Vec<&str> = out.lines().collect();
    let sep = lines
        .iter()
        .position(|l| l.trim() == "| --- | --- | --- |")
        .unwrap_or_else(|| panic!("no `| --- | --- | --- |` line:\n{out}"));
    assert!(
        sep > 0 && lines[sep - 1].trim() == "| City | Monthly pass | Single ticket |",
        "header row not above separator:\n{out}"
    );
}

#[test]
fn markdown_table_has_its_data_rows() {
    let out = extract_ok(&["--format", "markdown"], "table.html");
    assert!(
        out.contains(
            "| City | Monthly pass | Single ticket |\n| --- | --- | --- |\n| Vienna | €51.00 | €2.40 |\n\
             | Berlin | €49.00 | €3.50 |\n| Amsterdam | €107.50 | €3.40 |\n"
        ),
        "data rows missing:\n{out}"
    );
}
