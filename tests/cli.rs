//! The `pith` binary, run as a user would run it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const RECORD_KEYS: [&str; 11] =
    ["source", "url", "title", "author", "date", "site_name", "language", "rule", "confidence", "text", "error"];

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("samples").join(name)
}

const S0: &str = "000_c8bdf82e5ba2c089.txt";
const S1: &str = "001_1b39f358dceac0f0.txt";
const S3: &str = "003_110745e9e9445cd3.txt";

fn pith(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pith")).args(args).stdin(Stdio::null()).output().expect("run pith")
}

fn pith_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pith"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn pith");
    child.stdin.take().expect("stdin").write_all(input).expect("write stdin");
    child.wait_with_output().expect("wait for pith")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The JSON lines of stdout, each checked to be an object with every record key.
fn records(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|line| {
            let v: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
            for key in RECORD_KEYS {
                assert!(v.get(key).is_some(), "record lacks `{key}`: {line}");
            }
            v
        })
        .collect()
}

/// A file in this test target's scratch directory.
fn scratch(name: &str, content: &[u8]) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("pith-cli-{}-{name}", std::process::id()));
    std::fs::write(&path, content).expect("write scratch file");
    path
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn one_sample_prints_text() {
    let path = sample(S1);
    let o = pith(&["extract", s(&path)]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Russia has firmly rejected any deployment of NATO troops"), "{out}");
    assert!(!out.trim_start().starts_with('{'), "one input should default to text, got:\n{out}");
}

#[test]
fn two_samples_give_jsonl_in_input_order() {
    // Deliberately not in file-name order.
    let (a, b) = (sample(S3), sample(S0));
    let o = pith(&["extract", s(&a), s(&b)]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let recs = records(&o);
    assert_eq!(recs.len(), 2, "{}", stdout(&o));
    assert_eq!(recs[0]["source"], s(&a));
    assert_eq!(recs[1]["source"], s(&b));
    for r in &recs {
        assert!(r["error"].is_null(), "{r}");
        assert!(r["text"].as_str().is_some_and(|t| t.len() > 500), "{r}");
        assert!(r["confidence"].is_number(), "{r}");
    }
    assert!(recs[0]["text"].as_str().unwrap().contains("Introducing armed forces under any flag"));
    assert!(recs[1]["text"].as_str().unwrap().contains("Sergey Lavrov on Tuesday decried Western proposals"));
}

#[test]
fn missing_file_gives_error_record_and_exit_1() {
    let missing = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-such-dump.txt");
    let good = sample(S1);
    let o = pith(&["extract", s(&missing), s(&good)]);
    assert_eq!(o.status.code(), Some(1), "stderr: {}", stderr(&o));
    let recs = records(&o);
    assert_eq!(recs.len(), 2, "{}", stdout(&o));
    assert_eq!(recs[0]["source"], s(&missing));
    let error = recs[0]["error"].as_str().expect("error record has an error");
    assert!(error.contains("no-such-dump.txt"), "error does not name the file: {error}");
    assert_eq!(recs[0]["text"], "");
    assert_eq!(recs[1]["source"], s(&good));
    assert!(recs[1]["error"].is_null());
    assert!(recs[1]["text"].as_str().unwrap().contains("Russia has firmly rejected"));
}

#[test]
fn stdin_dash_reads_standard_input() {
    let bytes = std::fs::read(sample(S1)).unwrap();
    let from_file = pith(&["extract", s(&sample(S1))]);
    let from_stdin = pith_stdin(&["extract", "-"], &bytes);
    assert_eq!(from_stdin.status.code(), Some(0), "stderr: {}", stderr(&from_stdin));
    assert!(!stdout(&from_stdin).trim().is_empty());
    assert_eq!(stdout(&from_stdin), stdout(&from_file));

    let json = pith_stdin(&["extract", "--format", "jsonl", "-"], &bytes);
    let recs = records(&json);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["source"], "-");
}

#[test]
fn html_input_is_extracted_with_title_lifted() {
    let html = b"<!doctype html>\n<html><head><title>Cycle path | Town News</title></head>\
<body><nav><a href=/>Home</a> <a href=/news>News</a></nav><article><h1>Cycle path</h1>\
<p>The city council voted on Tuesday to extend the path along the river, a plan that residents had long asked for.</p>\
</article><footer>Copyright 2024 Town News</footer></body></html>\n";
    let path = scratch("page.html", html);
    let o = pith(&["extract", "--format", "jsonl", s(&path)]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let recs = records(&o);
    assert_eq!(recs.len(), 1);
    assert!(recs[0]["error"].is_null());
    assert_eq!(recs[0]["input_format"], "html");
    let text = recs[0]["text"].as_str().unwrap();
    assert!(text.starts_with("The city council voted on Tuesday"), "{text}");
    assert!(!text.contains("Home") && !text.contains("Copyright"), "{text}");
}

#[test]
fn explain_prints_a_table_with_a_reason_column() {
    let o = pith(&["extract", "--explain", "--no-rules", s(&sample(S0))]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let out = stdout(&o);
    let header = out.lines().find(|l| l.contains("reason")).unwrap_or_else(|| panic!("no reason column:\n{out}"));
    for col in ["label", "score", "text"] {
        assert!(header.contains(col), "header lacks {col}: {header}");
    }
    // One row per block, some kept and some dropped.
    assert!(out.contains("CONTENT") && out.contains("drop"), "{out}");
}

#[test]
fn url_sets_url_and_site_name() {
    let o = pith(&["extract", "--format", "json", "--url", "https://www.kyivpost.com/post/1", s(&sample(S0))]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("--format json prints one JSON document");
    assert_eq!(v["url"], "https://www.kyivpost.com/post/1");
    assert_eq!(v["site_name"], "kyivpost.com");
}
