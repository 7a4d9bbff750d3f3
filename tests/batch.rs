//! Batch runs of the `pith` binary over generated fixtures: directory trees
//! with gz/zst files, a WARC.gz written here, JSONL with extra fields and a
//! broken line, `--output-dir` naming and resume, stdin streaming, limits.
//! Every test checks that each input is accounted for in the output or the
//! summary.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use serde_json::Value;

mod output;
use output::{records, s, stderr};

mod scratch;
use scratch::gzip;

/// A fresh scratch directory for one test.
fn scratch(test: &str) -> PathBuf {
    scratch::dir("pith-batch", test)
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, bytes).expect("write fixture");
}

/// `pith extract ARGS`.
fn pith(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pith")).arg("extract").args(args).stdin(Stdio::null()).output().expect("run pith")
}

/// An article page whose body is `words` repeated into three paragraphs.
fn article(title: &str, words: &str) -> String {
    let para = format!("{words} ").repeat(12);
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/news\">News</a> <a href=\"/sport\">Sport</a></nav>\
         <article><h1>{title}</h1><p>{para}</p><p>{para}</p><p>{para}</p></article>\
         <footer>Share this article. Copyright 2024 Example Media. All rights reserved.</footer></body></html>"
    )
}

fn text_of(r: &Value) -> &str {
    r["text"].as_str().unwrap_or("")
}

// ---------- directories, gz, zst ----------

#[test]
fn a_directory_tree_with_gz_and_zst_gives_one_record_per_file_in_name_order() {
    let dir = scratch("tree");
    let root = dir.join("in");
    write(&root.join("b/2.html"), article("Two", "The council approved the new budget for the harbour works after a long debate").as_bytes());
    write(&root.join("a.html.gz"), &gzip(article("One", "Scientists measured the river levels during the dry summer months").as_bytes()));
    let zst = zstd::encode_all(article("Three", "The orchestra played the symphony in the restored concert hall").as_bytes(), 3).expect("zstd");
    write(&root.join("b/c/3.htm.zst"), &zst);
    write(&root.join(".hidden/4.html"), article("Hidden", "This page must not be read by default at all").as_bytes());
    write(&root.join("b/notes.md"), b"Not matched by the glob below.");

    let o = pith(&[s(&root), "--glob", "*.htm*", "-j", "2"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let recs = records(&o);
    let sources: Vec<&str> = recs.iter().map(|r| r["source"].as_str().unwrap_or("")).collect();
    let want: Vec<String> = ["a.html.gz", "b/2.html", "b/c/3.htm.zst"].iter().map(|f| root.join(f).display().to_string()).collect();
    assert_eq!(sources, want);
    assert!(text_of(&recs[0]).contains("river levels"));
    assert!(text_of(&recs[1]).contains("harbour works"));
    assert!(text_of(&recs[2]).contains("restored concert hall"));
    for r in &recs {
        assert!(r["error"].is_null() && r["id"].is_null());
        assert!(!text_of(r).contains("Share this article"), "{}", text_of(r));
    }
    assert!(stderr(&o).contains("pith: 3 inputs: 3 extracted (0 empty), 0 failed"), "{}", stderr(&o));

    // Hidden files are read when asked.
    let o = pith(&[s(&root), "--glob", "*.htm*", "--hidden"]);
    assert_eq!(records(&o).len(), 4, "{}", stderr(&o));
}

#[test]
fn output_is_byte_identical_whatever_the_thread_count() {
    let dir = scratch("threads");
    for i in 0..24 {
        let words = format!("Report number {i} describes how the committee reviewed the evidence in detail");
        write(&dir.join(format!("p{i:02}.html")), article(&format!("Page {i}"), &words).as_bytes());
    }
    let one = pith(&[s(&dir), "-j", "1", "-q"]);
    let two = pith(&[s(&dir), "-j", "2", "-q"]);
    let four = pith(&[s(&dir), "-j", "4", "-q"]);
    assert_eq!(records(&one).len(), 24);
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.stdout, four.stdout);
    assert!(one.stderr.is_empty() && two.stderr.is_empty(), "--quiet prints nothing: {}", stderr(&two));
}

#[test]
fn limits_give_error_records_and_the_batch_goes_on() {
    let dir = scratch("limits");
    write(&dir.join("a_big.html"), article("Big", &"lorem ipsum dolor sit amet ".repeat(200)).as_bytes());
    write(&dir.join("b_bomb.html.gz"), &gzip(&vec![b' '; 8 << 20]));
    write(&dir.join("c_ok.html"), article("Ok", "The ferry resumed service after the storm had passed the coast").as_bytes());
    write(&dir.join("d_binary.html"), &[0u8; 4000]);
    let o = pith(&[s(&dir), "--max-bytes", "20K"]);
    assert_eq!(o.status.code(), Some(1), "a failed input makes exit 1");
    let recs = records(&o);
    assert_eq!(recs.len(), 4);
    assert!(recs[0]["error"].as_str().unwrap_or("").contains("over the limit"), "{}", recs[0]);
    assert!(recs[1]["error"].as_str().unwrap_or("").contains("over the limit"), "{}", recs[1]);
    assert!(recs[2]["error"].is_null() && text_of(&recs[2]).contains("ferry"));
    assert!(recs[3]["error"].as_str().unwrap_or("").contains("binary"), "{}", recs[3]);
    let err = stderr(&o);
    assert!(err.contains("4 inputs: 1 extracted (0 empty), 3 failed (binary: 1, too large: 2)"), "{err}");

    // A time limit no page can meet: a `timeout` error record.
    let o = pith(&[s(&dir.join("c_ok.html")), "--timeout", "0.000001", "--format", "jsonl"]);
    let recs = records(&o);
    assert!(recs[0]["error"].as_str().unwrap_or("").contains("longer than the limit"), "{}", recs[0]);
}

// ---------- WARC ----------

fn warc_record(kind: &str, uri: Option<&str>, id: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut h = format!("WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n");
    if let Some(u) = uri {
        h.push_str(&format!("WARC-Target-URI: {u}\r\n"));
    }
    h.push_str(&format!("Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n", block.len()));
    let mut out = h.into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// A Common Crawl style WARC.gz (one gzip member per record): warcinfo, a
/// request, two HTML responses (one windows-1251 declared only in HTTP),
/// an image, a redirect, and a last record cut short.
fn crawl_warc_gz() -> Vec<u8> {
    let resp = "application/http; msgtype=response";
    let cyrillic = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/html/windows1251.html")).expect("fixture");
    let (cyrillic, _, _) = encoding_rs::WINDOWS_1251.decode(&cyrillic);
    let cyrillic = cyrillic.replace("<meta charset=\"windows-1251\">", "");
    let (cyrillic, _, _) = encoding_rs::WINDOWS_1251.encode(&cyrillic);
    let mut members = vec![
        warc_record("warcinfo", None, "0", "application/warc-fields", b"software: test\r\n"),
        warc_record("request", Some("https://news.example/a"), "1", "application/http; msgtype=request", b"GET /a HTTP/1.1\r\n\r\n"),
        warc_record("response", Some("https://news.example/a"), "2", resp, &http("200 OK", "text/html; charset=utf-8", article("Harbour", "The harbour authority reopened the northern pier to fishing boats").as_bytes())),
        warc_record("response", Some("https://vestnik.example/ru"), "3", resp, &http("200 OK", "text/html; charset=windows-1251", &cyrillic)),
        warc_record("response", Some("https://news.example/logo.png"), "4", resp, &http("200 OK", "image/png", b"\x89PNG\r\n")),
        warc_record("response", Some("https://news.example/old"), "5", resp, &http("301 Moved Permanently", "text/html", b"<a href=/new>moved</a>")),
    ]
    .into_iter()
    .map(|r| gzip(&r))
    .collect::<Vec<_>>()
    .concat();
    let last = warc_record("response", Some("https://news.example/cut"), "6", resp, &http("200 OK", "text/html", article("Cut", "this record is cut").as_bytes()));
    members.extend(gzip(&last[..last.len() / 2]));
    members
}

#[test]
fn a_warc_gz_gives_its_html_responses_with_urls_ids_and_charsets() {
    let dir = scratch("warc");
    let warc = dir.join("crawl.warc.gz");
    write(&warc, &crawl_warc_gz());
    let o = pith(&[s(&warc)]);
    assert_eq!(o.status.code(), Some(1), "the truncated record is a failure: {}", stderr(&o));
    let recs = records(&o);
    assert_eq!(recs.len(), 3, "two pages and the truncated record: {recs:?}");
    assert_eq!(recs[0]["url"], "https://news.example/a");
    assert_eq!(recs[0]["id"], "<urn:uuid:2>");
    assert_eq!(recs[0]["source"], format!("{}#<urn:uuid:2>", warc.display()));
    assert!(text_of(&recs[0]).contains("northern pier"));
    assert_eq!(recs[0]["site_name"], "news.example");
    assert_eq!(recs[1]["id"], "<urn:uuid:3>");
    assert!(text_of(&recs[1]).contains("Северный") || text_of(&recs[1]).contains("ХIX") || text_of(&recs[1]).contains("век"), "{}", text_of(&recs[1]));
    assert!(!text_of(&recs[1]).contains('\u{fffd}'));
    assert!(recs[2]["error"].as_str().unwrap_or("").contains("truncated") || recs[2]["error"].as_str().unwrap_or("").contains("Truncated"), "{}", recs[2]);
    let err = stderr(&o);
    assert!(err.contains("3 inputs: 2 extracted (0 empty), 1 failed (truncated WARC: 1); 4 records skipped"), "{err}");
    assert!(err.contains("HTTP status not 2xx: 1") && err.contains("not HTML: 1") && err.contains("WARC request record: 1") && err.contains("WARC warcinfo record: 1"), "{err}");
}

#[test]
fn stdin_is_sniffed_as_warc_and_jsonl() {
    let warc = crawl_warc_gz();
    let o = run_with_stdin(&["-", "-q"], &warc);
    assert_eq!(records(&o).len(), 3, "{}", stderr(&o));
    let jsonl = b"{\"text\":\"The mayor opened the new library on Monday, and hundreds of readers came to see it.\",\"k\":1}\n";
    let o = run_with_stdin(&["-"], jsonl);
    let recs = records(&o);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["k"], 1);
    assert_eq!(recs[0]["source"], "-:1");
}

fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut cmd = vec!["extract"];
    cmd.extend_from_slice(args);
    let mut child = Command::new(env!("CARGO_BIN_EXE_pith"))
        .args(&cmd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child.stdin.take().expect("stdin").write_all(input).expect("write stdin");
    child.wait_with_output().expect("wait")
}

// ---------- JSONL ----------

#[test]
fn jsonl_passes_fields_through_and_a_broken_line_is_an_error_record() {
    let dir = scratch("jsonl");
    let page = article("Bridge", "Engineers inspected the old stone bridge before the heavy lorries crossed it");
    let lines = [
        serde_json::json!({"id": "doc-1", "html": page, "url": "https://city.example/bridge", "crawl": {"batch": 7}, "title": "kept"}).to_string(),
        "{\"id\": \"doc-2\", \"html\": \"<p>unterminated".to_owned(),
        String::new(),
        serde_json::json!({"id": 3, "text": "The bakery on the corner has won the regional prize for its rye bread again this year.", "lang_hint": "en"}).to_string(),
    ];
    let file = dir.join("pages.jsonl");
    write(&file, lines.join("\n").as_bytes());
    let o = pith(&[s(&file)]);
    assert_eq!(o.status.code(), Some(1));
    let recs = records(&o);
    assert_eq!(recs.len(), 3, "two records and the broken line; the blank line is counted as skipped");
    assert_eq!(recs[0]["id"], "doc-1");
    assert_eq!(recs[0]["source"], format!("{}:1", file.display()));
    assert_eq!(recs[0]["crawl"], serde_json::json!({"batch": 7}));
    assert_eq!(recs[0]["input_title"], "kept", "a field named like a record field is renamed, not lost");
    assert_eq!(recs[0]["url"], "https://city.example/bridge");
    assert!(text_of(&recs[0]).contains("stone bridge"));
    assert_eq!(recs[1]["source"], format!("{}:2", file.display()));
    assert!(recs[1]["error"].as_str().unwrap_or("").contains("invalid JSON"), "{}", recs[1]);
    assert_eq!(recs[2]["id"], 3, "a numeric id stays a number");
    assert_eq!(recs[2]["lang_hint"], "en");
    assert!(text_of(&recs[2]).contains("rye bread"));
    let err = stderr(&o);
    assert!(err.contains("3 inputs: 2 extracted (0 empty), 1 failed (invalid JSONL line: 1); 1 records skipped (blank line: 1)"), "{err}");
}

#[test]
fn jsonl_on_stdin_streams_one_line_out_per_line_in() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pith"))
        .args(["extract", "--input-format", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let (tx, rx) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().expect("stdout");
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let _ = tx.send(line.expect("line"));
        }
    });
    for i in 0..3 {
        let rec = serde_json::json!({"id": i, "text": format!("Record {i}: the tram line to the airport will open next spring, the city said today.")});
        writeln!(stdin, "{rec}").expect("write");
        stdin.flush().expect("flush");
        // The output line comes while stdin is still open.
        let line = rx.recv_timeout(Duration::from_secs(20)).expect("an output line per input line, without waiting for EOF");
        let v: Value = serde_json::from_str(&line).expect("JSON");
        assert_eq!(v["id"], i);
    }
    drop(stdin);
    assert!(child.wait().expect("wait").success());
    assert!(rx.recv_timeout(Duration::from_secs(5)).is_err(), "no extra output line");
}

// ---------- --output-dir ----------

#[test]
fn output_dir_mirrors_the_tree_sanitises_names_and_resumes() {
    let dir = scratch("outdir");
    let root = dir.join("in");
    write(&root.join("x/page.html"), article("Page", "The museum added a wing for the maritime collection this autumn").as_bytes());
    let lines = [
        serde_json::json!({"url": "https://evil.example/../../etc/passwd", "text": "The first record is about the weather in the valley, which stayed mild all week."}),
        serde_json::json!({"id": "/abs/path\u{0}nul", "text": "The second record tells how the school choir won the national contest in June."}),
        serde_json::json!({"id": "x".repeat(10_000), "text": "The third record reports that the river ferry will run on weekends again."}),
        serde_json::json!({"id": "CON", "text": "The fourth record says the town hall clock was repaired after ten silent years."}),
    ];
    let jsonl: String = lines.iter().map(|l| format!("{l}\n")).collect();
    write(&root.join("feed.jsonl"), jsonl.as_bytes());
    let out = dir.join("out");
    let o = pith(&[s(&root), "--output-dir", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let mut files: Vec<String> = walk_files(&out).iter().map(|p| p.strip_prefix(&out).expect("under out").display().to_string()).collect();
    files.sort();
    assert_eq!(files.len(), 5, "{files:?}");
    assert!(files.contains(&"x/page.txt".to_owned()), "{files:?}");
    for f in &files {
        assert!(!f.contains("..") && !f.contains('\0') && f.len() < 200, "unsafe name {f:?}");
        assert!(!f.contains(".pith-tmp"), "temp file left: {f}");
    }
    assert!(files.iter().any(|f| f.starts_with("feed/000001-evil.example_") && f.ends_with(".txt")), "{files:?}");
    assert!(files.iter().any(|f| f.starts_with("feed/000004-CON")), "{files:?}");
    let page = std::fs::read_to_string(out.join("x/page.txt")).expect("output");
    assert!(page.contains("maritime collection") && !page.contains("Share this article"));

    // Resume: remove one output, rerun with --skip-existing; only it is redone.
    let redo = out.join(&files[0]);
    let before = std::fs::read(&redo).expect("read");
    std::fs::remove_file(&redo).expect("rm");
    let o = pith(&[s(&root), "--output-dir", s(&out), "--skip-existing"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("1 extracted (0 empty), 0 failed, 4 already done"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&redo).expect("redone"), before);
}

fn walk_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(walk_files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn output_file_and_bad_arguments() {
    let dir = scratch("outfile");
    write(&dir.join("a.html"), article("A", "The cyclists rode through the mountain pass before the snow arrived").as_bytes());
    write(&dir.join("b.html"), article("B", "The library extended its opening hours for the students during exams").as_bytes());
    let out = dir.join("out.jsonl");
    let o = pith(&[s(&dir.join("a.html")), s(&dir.join("b.html")), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let text = std::fs::read_to_string(&out).expect("output file");
    assert_eq!(text.lines().count(), 2);
    let o = pith(&[s(&dir), "--glob", "a["]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad --glob pattern"), "{}", stderr(&o));
    let o = pith(&[s(&dir), "--max-bytes", "12Q"]);
    assert_eq!(o.status.code(), Some(2));
    let o = pith(&[s(&dir.join("missing")), s(&dir.join("a.html"))]);
    let recs = records(&o);
    assert_eq!(recs.len(), 2);
    assert!(recs[0]["error"].as_str().unwrap_or("").contains("cannot read"), "{}", recs[0]);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_promptly_keeps_written_records_and_prints_the_summary() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pith"))
        .args(["extract", "--input-format", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    for i in 0..2 {
        let rec = serde_json::json!({"id": i, "text": "The night bus timetable changes on Sunday, the transport office announced this morning."});
        writeln!(stdin, "{rec}").expect("write");
    }
    stdin.flush().expect("flush");
    let mut lines = Vec::new();
    for _ in 0..2 {
        let mut line = String::new();
        out.read_line(&mut line).expect("read");
        lines.push(line);
    }
    // pith now waits on a pipe that stays open: interrupt it there.
    let started = std::time::Instant::now();
    let kill = Command::new("kill").args(["-INT", &child.id().to_string()]).status().expect("kill");
    assert!(kill.success());
    let status = child.wait().expect("wait");
    assert!(started.elapsed() < Duration::from_secs(3), "took {:?} to stop", started.elapsed());
    assert_eq!(status.code(), Some(130));
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut out, &mut rest).expect("read rest");
    assert!(rest.is_empty(), "nothing after the interruption: {rest}");
    for line in &lines {
        let v: Value = serde_json::from_str(line).expect("complete JSON record");
        assert!(v["error"].is_null());
    }
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut err).expect("stderr");
    assert!(err.contains("2 inputs: 2 extracted") && err.contains("interrupted"), "{err}");
    drop(stdin);
}

#[test]
fn a_record_url_picks_the_site_rule() {
    let dir = scratch("rule-url");
    let text = "Officials in Kyiv said on Monday that the new air defence systems had arrived and would be deployed within weeks.\n\nAdvertisement\n\nThe deliveries follow months of talks with partners, the ministry said in a statement on its website.\n";
    let lines = [
        serde_json::json!({"url": "https://www.kyivpost.com/post/12345", "text": text}),
        serde_json::json!({"url": "https://news.example/post/12345", "text": text}),
    ];
    let file = dir.join("two.jsonl");
    write(&file, lines.iter().map(|l| format!("{l}\n")).collect::<String>().as_bytes());
    let recs = records(&pith(&[s(&file)]));
    assert_eq!(recs[0]["rule"], "kyivpost.com", "{}", recs[0]);
    assert!(!text_of(&recs[0]).contains("Advertisement"));
    assert!(recs[1]["rule"].is_null(), "{}", recs[1]);
    let recs = records(&pith(&[s(&file), "--no-rules"]));
    assert!(recs[0]["rule"].is_null());
}

#[test]
fn pathological_markup_is_read_and_the_batch_goes_on() {
    let dir = scratch("hostile");
    let words = "The inspectors wrote that the dam was safe, and that the spillway had been repaired in time for spring.";
    // Nesting html5ever would take minutes over (its time grows with depth squared).
    let deep = format!("<html><body>{}<p>{words}</p>{}</body></html>", "<div>".repeat(100_000), "</div>".repeat(100_000));
    write(&dir.join("a_deep.html"), deep.as_bytes());
    // A table of 100,000 rows.
    let rows: String = (0..100_000).map(|i| format!("<tr><td>{i}</td><td>row {i} of the table</td></tr>")).collect();
    write(&dir.join("b_table.html"), format!("<html><body><p>{words}</p><table>{rows}</table></body></html>").as_bytes());
    write(&dir.join("c_ok.html"), article("Ok", "The ferry resumed service after the storm had passed the coast").as_bytes());
    let o = pith(&[s(&dir)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let recs = records(&o);
    assert_eq!(recs.len(), 3);
    assert!(text_of(&recs[0]).contains("spillway had been repaired"), "{}", recs[0]);
    assert!(text_of(&recs[1]).contains("row 99999 of the table"));
    assert!(text_of(&recs[2]).contains("ferry"));
}
