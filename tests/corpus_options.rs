//! The corpus-building options of `pith extract`, run as a user runs them
//! (the release binary on generated pages): `--min-length`,
//! `--min-confidence`, `--language`, `--drop-filtered`, `--dedup`,
//! `--files-from`, `--text-format`, `--progress`, WARC fields and codings,
//! ARC and URL inputs, and the warnings for options that do nothing.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

mod output;
use output::{records, s, stderr};

mod scratch;

/// A fresh scratch directory for one test.
fn scratch(test: &str) -> PathBuf {
    scratch::dir("pith-corpus", test)
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, bytes).expect("write fixture");
}

/// `pith extract ARGS`, stdin empty.
fn pith(args: &[&str]) -> Output {
    pith_with_stdin(args, b"")
}

/// `pith extract ARGS` with `input` on stdin.
fn pith_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pith"))
        .arg("extract")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run pith");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(input).expect("write stdin");
    drop(stdin);
    child.wait_with_output().expect("wait for pith")
}


fn text_of(r: &Value) -> &str {
    r["text"].as_str().unwrap_or("")
}

/// An article page with these paragraphs.
fn page(title: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/news\">News</a> <a href=\"/sport\">Sport</a></nav>\
         <article><h1>{title}</h1>{body}</article>\
         <footer>Copyright 2024 Example Media. All rights reserved.</footer></body></html>"
    )
}

const EN: [&str; 3] = [
    "The council approved the new budget for the harbour works after a long debate that lasted well into the evening, and the mayor said the work would start in the spring.",
    "Residents who had asked for the repairs for years welcomed the decision, although some of them worried that the cost of the project would rise again before it was finished.",
    "The engineers expect the first section of the new quay to open to the public by the end of next year, if the weather allows the builders to keep to their plan.",
];
const DE: [&str; 3] = [
    "Die Regierung hat am Dienstag beschlossen, dass die neuen Regeln für den Verkehr in der Stadt ab dem nächsten Jahr gelten sollen, und der Bürgermeister hat das begrüßt.",
    "Viele Bewohner der Innenstadt hatten sich seit Jahren über den Lärm und die Abgase beschwert, aber die Händler fürchten, dass weniger Kunden zu ihnen kommen werden.",
    "Die ersten Straßen sollen schon im Frühjahr für den Durchgangsverkehr gesperrt werden, wenn der Stadtrat den Plan in seiner nächsten Sitzung noch einmal bestätigt.",
];
const FR: [&str; 3] = [
    "Le gouvernement a décidé mardi que les nouvelles règles de circulation dans la ville entreront en vigueur l'année prochaine, et le maire a salué cette décision attendue.",
    "Les habitants du centre se plaignaient depuis des années du bruit et de la pollution, mais les commerçants craignent que leurs clients ne viennent plus les voir.",
    "Les premières rues seront fermées à la circulation dès le printemps, si le conseil municipal confirme le projet lors de sa prochaine séance au mois de mars.",
];

// ---------- --min-length, --min-confidence, --language, --drop-filtered ----------

#[test]
fn filters_write_records_with_their_reason_and_are_counted() {
    let dir = scratch("filters");
    write(&dir.join("a_en.html"), page("Harbour budget", &EN).as_bytes());
    write(&dir.join("b_short.html"), page("Short note", &["The meeting is on Friday at noon in the town hall."]).as_bytes());
    write(&dir.join("c_de.html"), page("Verkehr", &DE).as_bytes());
    write(&dir.join("d_fr.html"), page("Circulation", &FR).as_bytes());

    let o = pith(&[s(&dir), "--format", "jsonl", "--min-length", "200", "--language", "en,fr"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let recs = records(&o);
    assert_eq!(recs.len(), 4, "a filtered page still has its record");
    assert!(recs[0].get("filtered").is_none() && text_of(&recs[0]).contains("harbour works"), "{}", recs[0]);
    let short = recs[1]["filtered"].as_str().unwrap_or_default();
    assert!(short.starts_with("too short: ") && short.ends_with(" < 200 chars"), "{}", recs[1]);
    assert_eq!(text_of(&recs[1]), "", "a filtered record carries no text");
    assert_eq!(recs[2]["filtered"], "language de not in en,fr", "{}", recs[2]);
    assert_eq!(recs[2]["title"], "Verkehr", "a filtered record keeps its metadata");
    assert!(recs[3].get("filtered").is_none() && text_of(&recs[3]).contains("circulation"), "{}", recs[3]);
    let err = stderr(&o);
    assert!(err.contains("4 inputs: 2 extracted (0 empty), 2 filtered out (language: 1, too short: 1), 0 failed"), "{err}");

    // --drop-filtered: only the kept pages are written; still counted.
    let o = pith(&[s(&dir), "--format", "jsonl", "--min-length", "200", "--language", "en,fr", "--drop-filtered"]);
    let recs = records(&o);
    assert_eq!(recs.len(), 2);
    assert!(recs.iter().all(|r| r.get("filtered").is_none()));
    assert!(stderr(&o).contains("2 filtered out"), "{}", stderr(&o));

    // No page is as sure as 1.0: every one filtered, with its confidence.
    let o = pith(&[s(&dir), "--format", "jsonl", "--min-confidence", "1"]);
    for r in records(&o) {
        let reason = r["filtered"].as_str().unwrap_or_default();
        let confidence = r["confidence"].as_f64().unwrap_or(1.0);
        assert_eq!(reason, format!("confidence {confidence:.2} < 1"), "{r}");
    }

    // Text under --output-dir: a filtered page writes no file.
    let out = dir.join("out");
    let o = pith(&[s(&dir), "--output-dir", s(&out), "--language", "de", "--glob", "*.html"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut files: Vec<String> = std::fs::read_dir(&out).expect("out dir").map(|e| e.expect("entry").file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    assert_eq!(files, ["c_de.txt"]);
    assert!(stderr(&o).contains("3 filtered out (language: 3)"), "{}", stderr(&o));

    // One page, as text: nothing on stdout, the reason on stderr.
    let o = pith(&[s(&dir.join("c_de.html")), "--language", "en"]);
    assert_eq!((o.status.code(), o.stdout.is_empty()), (Some(0), true));
    assert!(stderr(&o).contains("c_de.html filtered out: language de not in en"), "{}", stderr(&o));

    // A bad value is refused with the reason.
    let o = pith(&[s(&dir), "--min-confidence", "2"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a confidence between 0 and 1"), "{}", stderr(&o));
}

// ---------- --dedup ----------

#[test]
fn dedup_drops_paragraphs_written_earlier_in_input_order_whatever_the_threads() {
    let dir = scratch("dedup");
    let shared = "Subscribe to our newsletter to receive the latest stories from the harbour district every morning.";
    let shouted = "SUBSCRIBE to our   newsletter to receive the latest stories from the harbour district every morning.";
    let short = "The quay was built in 1890 by the city.";
    for i in 0..20 {
        let own = format!("Report number {i} describes how the committee reviewed the evidence about the quay in great detail.");
        let other = format!("The {i}th witness told the committee that the builders had kept to their plan for most of the year.");
        let repeat = if i % 2 == 0 { shared } else { shouted };
        write(&dir.join(format!("p{i:02}.html")), page(&format!("Report {i}"), &[&own, repeat, &other, short]).as_bytes());
    }
    let run = |j: &str| pith(&[s(&dir), "--format", "jsonl", "--dedup", "-j", j]);
    let one = run("1");
    let recs = records(&one);
    assert_eq!(recs.len(), 20);
    assert!(text_of(&recs[0]).contains(shared), "the first page keeps it: {}", text_of(&recs[0]));
    for r in &recs[1..] {
        let text = text_of(r).to_lowercase();
        assert!(!text.contains("subscribe to our"), "a repeat, case and spacing aside, is dropped: {text}");
        assert!(text.contains("report number") && text.contains("witness"), "{text}");
        assert!(text.contains("the quay was built in 1890"), "short lines are kept: {text}");
    }
    for j in ["2", "4"] {
        assert_eq!(run(j).stdout, one.stdout, "-j {j}");
    }
    // Without --dedup every page keeps it.
    let plain = records(&pith(&[s(&dir), "--format", "jsonl"]));
    assert!(plain.iter().all(|r| text_of(r).to_lowercase().contains("subscribe to our")));
    // Text output is deduplicated the same way.
    let text = String::from_utf8(pith(&[s(&dir), "--dedup"]).stdout).expect("UTF-8");
    assert_eq!(text.to_lowercase().matches("subscribe to our").count(), 1);
}

#[test]
fn a_filtered_page_makes_no_paragraph_disappear_later() {
    let dir = scratch("dedup-filtered");
    write(&dir.join("a.html"), page("Verkehr", &[DE[0], DE[1], EN[0]]).as_bytes());
    write(&dir.join("b.html"), page("Harbour", &EN).as_bytes());
    write(&dir.join("c.html"), page("Harbour again", &EN).as_bytes());
    let o = pith(&[s(&dir), "--format", "jsonl", "--dedup", "--language", "en"]);
    let recs = records(&o);
    assert_eq!(recs[0]["filtered"], "language de not in en", "{}", recs[0]);
    assert!(text_of(&recs[1]).contains(EN[0]), "a.html was not written, so b.html keeps it: {}", text_of(&recs[1]));
    assert!(!text_of(&recs[2]).contains(EN[0]) && !text_of(&recs[2]).contains(EN[2]), "{}", text_of(&recs[2]));
}

// ---------- --files-from ----------

#[test]
fn files_from_reads_a_list_and_a_missing_file_is_an_error_record() {
    let dir = scratch("files-from");
    write(&dir.join("one.html"), page("One", &EN).as_bytes());
    write(&dir.join("two.html"), page("Two", &FR).as_bytes());
    let missing = dir.join("gone.html");
    let list = format!("{}\n\n{}\r\n{}\n", s(&dir.join("one.html")), s(&missing), s(&dir.join("two.html")));
    write(&dir.join("list.txt"), list.as_bytes());

    let o = pith(&["--files-from", s(&dir.join("list.txt"))]);
    assert_eq!(o.status.code(), Some(1), "a missing file fails the run, after the others: {}", stderr(&o));
    let recs = records(&o);
    assert_eq!(recs.len(), 3, "blank lines are skipped");
    assert_eq!(recs[0]["source"], s(&dir.join("one.html")));
    assert!(recs[1]["error"].as_str().unwrap_or_default().contains(s(&missing)), "{}", recs[1]);
    assert!(text_of(&recs[2]).contains("circulation"));

    // The list on stdin.
    let o = pith_with_stdin(&["--files-from", "-"], list.as_bytes());
    assert_eq!(records(&o).len(), 3, "{}", stderr(&o));
    // A list of one is still a batch: JSONL and a summary.
    write(&dir.join("one.txt"), format!("{}\n", s(&dir.join("one.html"))).as_bytes());
    let o = pith(&["--files-from", s(&dir.join("one.txt"))]);
    assert_eq!(records(&o).len(), 1);
    assert!(stderr(&o).contains("pith: 1 inputs: 1 extracted"), "{}", stderr(&o));
    // An unreadable list is refused, naming it.
    let o = pith(&["--files-from", s(&dir.join("no-list.txt"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no-list.txt"), "{}", stderr(&o));
}

// ---------- WARC fields, brotli, ARC ----------

fn warc_record(uri: &str, id: &str, block: &[u8]) -> Vec<u8> {
    let head = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        block.len()
    );
    let mut out = head.into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
    enc.write_all(bytes).expect("brotli");
    drop(enc);
    out
}

#[test]
fn warc_records_carry_date_status_and_type_and_brotli_is_decoded() {
    let dir = scratch("warc");
    let body = brotli(page("Harbour", &EN).as_bytes());
    let mut block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: br\r\nContent-Length: {}\r\n\r\n", body.len()).into_bytes();
    block.extend_from_slice(&body);
    write(&dir.join("crawl.warc"), &warc_record("https://news.example/harbour", "1", &block));
    let o = pith(&[s(&dir.join("crawl.warc"))]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let recs = records(&o);
    assert_eq!(recs.len(), 1);
    let r = &recs[0];
    assert!(r["error"].is_null() && text_of(r).contains("harbour works"), "{r}");
    assert_eq!(r["warc_date"], "2024-05-01T10:00:00Z");
    assert_eq!(r["http_status"], 200);
    assert_eq!(r["content_type"], "text/html");
    let keys: Vec<&str> = r.as_object().expect("object").keys().map(String::as_str).collect();
    let at = |k: &str| keys.iter().position(|x| *x == k).unwrap_or(usize::MAX);
    assert!(at("input_format") < at("warc_date") && at("content_type") < at("text"), "{keys:?}");

    // Not from WARC: no WARC field.
    write(&dir.join("page.html"), page("Harbour", &EN).as_bytes());
    let r = &records(&pith(&["--format", "jsonl", s(&dir.join("page.html"))]))[0];
    assert!(r.get("warc_date").is_none() && r.get("http_status").is_none() && r.get("content_type").is_none(), "{r}");
}

#[test]
fn an_arc_file_is_refused_as_arc_not_as_a_malformed_warc() {
    let dir = scratch("arc");
    let arc = b"filedesc://IA-001102.arc 0.0.0.0 20010101000000 text/plain 76\n1 0 Alexa Internet\nURL IP-address Archive-date Content-type Archive-length\n\n";
    write(&dir.join("old.arc"), arc);
    write(&dir.join("old.arc.gz"), &{
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(arc).expect("gzip");
        e.finish().expect("gzip")
    });
    write(&dir.join("renamed"), arc);
    for name in ["old.arc", "old.arc.gz", "renamed"] {
        let path = dir.join(name);
        let o = pith(&["--format", "jsonl", s(&path)]);
        assert_eq!(o.status.code(), Some(1));
        let error = records(&o)[0]["error"].as_str().unwrap_or_default().to_owned();
        assert!(error.starts_with(s(&path)) && error.contains("ARC is not supported (convert it to WARC, e.g. with warcio or jwarc)"), "{name}: {error}");
        assert!(!error.contains("malformed"), "{error}");
    }
    // Also when WARC is asked for.
    let o = pith(&["--input-format", "warc", s(&dir.join("old.arc.gz"))]);
    assert!(stderr(&o).contains("ARC is not supported"), "{}", stderr(&o));
}

// ---------- URLs ----------

#[test]
fn a_url_as_input_says_pith_does_not_fetch_and_shows_the_pipe() {
    let o = pith(&["https://example.com/news/a?id=1&x=2"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("pith does not fetch pages"), "{err}");
    assert!(err.contains("curl -s 'https://example.com/news/a?id=1&x=2' | pith extract --url 'https://example.com/news/a?id=1&x=2' -"), "{err}");
    assert!(!err.contains("No such file"), "{err}");
}

// ---------- --text-format ----------

#[test]
fn jsonl_text_as_markdown() {
    let dir = scratch("text-format");
    let html = "<html><head><title>Steps</title></head><body><article><h1>Steps</h1>\
        <p>The harbour committee published the steps it will follow for the repairs of the old quay this year.</p>\
        <h2>What happens next</h2><ul><li>The engineers survey the quay walls in March.</li><li>The builders start work on the first section in May.</li></ul>\
        <p>The committee will report on the progress of the works at its meeting at the end of the summer.</p></article></body></html>";
    write(&dir.join("steps.html"), html.as_bytes());
    let file = dir.join("steps.html");
    let path = s(&file);
    let plain = records(&pith(&["--format", "jsonl", path]));
    let md = records(&pith(&["--format", "jsonl", "--text-format", "markdown", path]));
    let as_markdown = String::from_utf8(pith(&["--format", "markdown", path]).stdout).expect("UTF-8");
    let md_text = text_of(&md[0]);
    assert!(md_text.contains("## What happens next") && md_text.contains("- The engineers survey"), "{md_text}");
    assert!(!text_of(&plain[0]).contains("## "), "text stays the default");
    assert!(as_markdown.trim_end().ends_with(md_text.trim_end()), "the same Markdown as --format markdown, title aside:\n{as_markdown}\n---\n{md_text}");
    assert!(!md_text.starts_with("# Steps"), "the title is its own field");
    assert_eq!(text_of(&records(&pith(&["--format", "jsonl", "--text-format", "text", path]))[0]), text_of(&plain[0]));
}

// ---------- --progress ----------

#[test]
fn progress_on_stderr_with_a_total_for_a_directory_and_counts_for_stdin() {
    let dir = scratch("progress");
    for i in 0..6 {
        write(&dir.join(format!("p{i}.html")), page(&format!("Page {i}"), &EN).as_bytes());
    }
    let with = pith(&[s(&dir), "--progress"]);
    let without = pith(&[s(&dir)]);
    assert_eq!(with.stdout, without.stdout, "the bar never goes to the output");
    let err = stderr(&with);
    assert!(err.contains("6/6 inputs (100%)") && err.contains("ETA"), "{err}");
    assert!(!stderr(&without).contains("inputs/s"), "no bar on a stderr that is not a terminal: {}", stderr(&without));

    let jsonl = format!("{{\"html\": {}}}\n", serde_json::to_string(&page("Stdin", &EN)).expect("json"));
    let o = pith_with_stdin(&["--progress", "-"], jsonl.repeat(3).as_bytes());
    let err = stderr(&o);
    assert!(err.contains("3 inputs  ") && err.contains("inputs/s") && !err.contains('%'), "a count, no total: {err}");
}

// ---------- part 4: no silent no-ops, one record shape ----------

#[test]
fn options_that_do_nothing_warn_once() {
    let dir = scratch("warn");
    write(&dir.join("a.html"), page("Harbour", &EN).as_bytes());
    let file = dir.join("a.html");
    let path = s(&file);
    let warnings = |args: &[&str]| -> Vec<String> {
        stderr(&pith(args)).lines().filter(|l| l.starts_with("pith extract: warning: ")).map(str::to_owned).collect()
    };
    let w = warnings(&[path, "--links"]);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("--links does nothing with --format text"), "{w:?}");
    assert!(warnings(&[path, "--links", "--format", "markdown"]).is_empty());
    assert!(warnings(&[path, "--links", "--format", "jsonl", "--text-format", "markdown"]).is_empty());
    assert!(warnings(&[path, "--text-format", "markdown"])[0].contains("--text-format does nothing with --format text"));
    assert!(warnings(&[path, "--explain", "--dedup", "--min-length", "10"])[0].contains("--min-length, --dedup do nothing with --explain"));
    assert!(warnings(&[path, "--drop-filtered"])[0].contains("--drop-filtered does nothing without a filter"));
    assert!(warnings(&[path, "--glob", "*.html"])[0].contains("--glob only applies to directories"));
    let models = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join("model");
    assert!(warnings(&[path, "--model-dir", s(&models), "--scorer", "heuristic"]).iter().any(|w| w.contains("--model-dir does nothing with --scorer heuristic")));
    assert!(!warnings(&[path, "--model-dir", s(&models)]).iter().any(|w| w.contains("warning: --model-dir")), "the default (auto) scores dumps with the models");
    assert!(warnings(&[path, "--format", "jsonl"]).is_empty());
    // A model folder that holds no model is an error naming it, not the
    // built-in models quietly.
    let o = pith(&[path, "--model-dir", s(&dir.join("no-such-models"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no-such-models: not a folder holding html.json or dump.json"), "{}", stderr(&o));
    // Never allowed: refused by the parser.
    let o = pith(&[path, "--skip-existing"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--output-dir"), "{}", stderr(&o));
}

#[test]
fn jsonl_gives_the_same_record_for_one_input_as_for_many() {
    let dir = scratch("shape");
    write(&dir.join("a.html"), page("Harbour", &EN).as_bytes());
    write(&dir.join("b.html"), page("Circulation", &FR).as_bytes());
    let a = s(&dir.join("a.html")).to_owned();
    let missing = dir.join("missing.html").display().to_string();
    let one = pith(&["--format", "jsonl", &a]);
    let many = pith(&["--format", "jsonl", &a, s(&dir.join("b.html"))]);
    let first_line = |o: &Output| String::from_utf8_lossy(&o.stdout).lines().next().unwrap_or_default().to_owned();
    assert_eq!(first_line(&one), first_line(&many));
    // The default for one page is text; for scripts, --format jsonl.
    assert!(!String::from_utf8_lossy(&pith(&[&a]).stdout).starts_with('{'));
    // A failure too: the same error record.
    let one = pith(&["--format", "jsonl", &missing]);
    let many = pith(&["--format", "jsonl", &missing, &a]);
    assert_eq!(first_line(&one), first_line(&many));
    assert!(first_line(&one).contains("\"error\":"), "{}", first_line(&one));
}
