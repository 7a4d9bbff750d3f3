//! Page files left to be read by a worker (`SourceOptions::defer_reading`,
//! `Unit::unpack`: a regular page file's path, a compressed one's bytes)
//! give every unit the content, byte count and error the reading thread
//! gives it; a file changed since it was listed fails, and never blocks;
//! and `pith extract` writes the same whatever the thread count, one page
//! (extracted on the calling thread) included.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use pith::batch::source::{Item, SourceOptions, Sources, UnitError};

mod output;
use output::{records, s};

mod scratch;
use scratch::gzip;

/// A fresh scratch directory for one test.
fn scratch(test: &str) -> PathBuf {
    scratch::dir("pith-deferred", test)
}

fn page(words: usize) -> String {
    let para = "The council approved the new budget for the city library after a long debate on Tuesday. ";
    format!("<html><head><title>T</title></head><body><article><h1>Budget</h1><p>{}</p></article></body></html>", para.repeat(words))
}

/// Pages of every kind a worker may have to read or decompress: gzip (one
/// member, two members), zstd, a corrupt and a cut gzip stream, one over
/// the limit once decompressed, one not compressed; one not compressed
/// over the limit, one compressed under a page's name (whole, and longer
/// than the limit compressed and decompressed), an empty one, a text dump.
fn fixtures(dir: &Path) {
    std::fs::write(dir.join("a.html.gz"), gzip(page(20).as_bytes())).expect("write");
    let two = [gzip(page(3).as_bytes()), gzip(b"<p>And a second member.</p>")].concat();
    std::fs::write(dir.join("b.html.gz"), two).expect("write");
    std::fs::write(dir.join("c.html.zst"), zstd::encode_all(page(10).as_bytes(), 3).expect("zstd")).expect("write");
    let mut corrupt = gzip(page(10).as_bytes());
    let mid = corrupt.len() / 2;
    corrupt[mid..mid + 8].copy_from_slice(b"\xff\x00\xff\x00\xff\x00\xff\x00");
    std::fs::write(dir.join("d.html.gz"), corrupt).expect("write");
    let cut = gzip(page(10).as_bytes());
    std::fs::write(dir.join("e.html.gz"), &cut[..cut.len() - 20]).expect("write");
    std::fs::write(dir.join("f.html.gz"), gzip(page(200).as_bytes())).expect("write");
    std::fs::write(dir.join("g.html"), page(5)).expect("write");
    std::fs::write(dir.join("h.html"), page(200)).expect("write");
    std::fs::write(dir.join("i.html"), gzip(page(20).as_bytes())).expect("write");
    std::fs::write(dir.join("j.htm"), gzip_stored(page(101).as_bytes())).expect("write");
    std::fs::write(dir.join("k.html"), b"").expect("write");
    std::fs::write(dir.join("l.txt"), "A dump's headline\n\nIts first paragraph, long enough to read as one.\n").expect("write");
}

/// `bytes` as a gzip stream of stored blocks, longer than `bytes`.
fn gzip_stored(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::none());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

/// Each unit's source, content (or error) and bytes read.
fn units(dir: &Path, defer: bool, max_bytes: usize) -> Vec<(String, Result<Vec<u8>, UnitError>, u64)> {
    let options = SourceOptions { max_bytes, defer_reading: defer, ..SourceOptions::default() };
    Sources::new(&[dir.to_path_buf()], options)
        .expect("sources")
        .map(|item| match item {
            Item::Unit(mut unit) => {
                assert_eq!(unit.packed.is_some(), defer && unit.content.is_ok(), "{}", unit.source);
                unit.unpack();
                assert!(unit.packed.is_none());
                (unit.source, unit.content, unit.bytes_in)
            }
            other => panic!("not a unit: {other:?}"),
        })
        .collect()
}

#[test]
fn a_worker_unpacks_what_the_reading_thread_would_have_read() {
    let dir = scratch("same");
    fixtures(&dir);
    let max = page(100).len();
    let read = units(&dir, false, max);
    let deferred = units(&dir, true, max);
    assert_eq!(read, deferred);
    assert_eq!(read.len(), 12);
    let kinds: Vec<&str> = read.iter().map(|(_, c, _)| c.as_ref().map_or_else(|e| e.kind, |_| "page")).collect();
    let want = ["page", "page", "page", "unreadable", "unreadable", "too large", "page", "too large", "page", "too large", "page", "page"];
    assert_eq!(kinds, want);
    assert_eq!(read[8].1.as_deref().ok(), Some(page(20).as_bytes()), "a gzip stream under a page's name is decompressed");
    assert!(String::from_utf8_lossy(read[1].1.as_ref().expect("two members")).ends_with("<p>And a second member.</p>"));
}

#[test]
fn a_packed_unit_is_weighed_by_its_decompressed_length() {
    let dir = scratch("weight");
    std::fs::write(dir.join("a.html.gz"), gzip(page(50).as_bytes())).expect("write");
    let options = SourceOptions { max_bytes: 1 << 20, defer_reading: true, ..SourceOptions::default() };
    let mut items = Sources::new(std::slice::from_ref(&dir), options).expect("sources");
    let Some(Item::Unit(unit)) = items.next() else { panic!("a unit") };
    let packed_len = unit.content.as_ref().map_or(0, Vec::len);
    assert!(packed_len < page(50).len() / 5, "the unit holds the compressed bytes");
    assert_eq!(unit.expected_len(), page(50).len());
}

#[test]
fn an_unread_page_is_weighed_by_its_length_and_read_by_the_worker() {
    let dir = scratch("unread");
    std::fs::write(dir.join("a.html"), page(50)).expect("write");
    let options = SourceOptions { max_bytes: 1 << 20, defer_reading: true, ..SourceOptions::default() };
    let mut items = Sources::new(std::slice::from_ref(&dir), options).expect("sources");
    let Some(Item::Unit(mut unit)) = items.next() else { panic!("a unit") };
    assert_eq!(unit.content.as_ref().map(Vec::len), Ok(0), "nothing read yet");
    assert_eq!(unit.expected_len(), page(50).len());
    unit.unpack();
    assert_eq!(unit.content.as_deref().ok(), Some(page(50).as_bytes()));
    assert_eq!(unit.bytes_in, page(50).len() as u64);
}

/// The unit of the one page file in `dir`, listed and not read yet.
fn listed(dir: &Path) -> pith::batch::source::Unit {
    let options = SourceOptions { max_bytes: 1 << 20, defer_reading: true, ..SourceOptions::default() };
    let mut items = Sources::new(&[dir.to_path_buf()], options).expect("sources");
    let Some(Item::Unit(unit)) = items.next() else { panic!("a unit") };
    *unit
}

#[test]
fn a_page_gone_since_it_was_listed_is_an_error_record() {
    let dir = scratch("gone");
    std::fs::write(dir.join("a.html"), page(5)).expect("write");
    let mut unit = listed(&dir);
    std::fs::remove_file(dir.join("a.html")).expect("remove");
    unit.unpack();
    let err = unit.content.expect_err("gone");
    assert_eq!(err.kind, "unreadable");
    assert!(err.message.starts_with(&format!("cannot read {}", dir.join("a.html").display())), "{}", err.message);
}

#[cfg(unix)]
#[test]
fn a_fifo_put_in_a_listed_page_s_place_fails_without_blocking() {
    let dir = scratch("fifo");
    std::fs::write(dir.join("a.html"), page(5)).expect("write");
    let mut unit = listed(&dir);
    std::fs::remove_file(dir.join("a.html")).expect("remove");
    let made = Command::new("mkfifo").arg(dir.join("a.html")).status().expect("run mkfifo");
    assert!(made.success());
    // No writer ever opens the FIFO: a blocking open would never return.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        unit.unpack();
        let _ = tx.send(unit.content);
    });
    let content = rx.recv_timeout(std::time::Duration::from_secs(10)).expect("unpack returns");
    let err = content.expect_err("not a regular file");
    assert_eq!(err.kind, "unreadable");
    assert!(err.message.contains("no longer a regular file"), "{}", err.message);
}

fn pith(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pith")).arg("extract").args(args).stdin(Stdio::null()).output().expect("run pith")
}

#[test]
fn output_is_the_same_whatever_the_thread_count() {
    let dir = scratch("threads");
    fixtures(&dir);
    let max = page(100).len().to_string();
    let one = pith(&["--format", "jsonl", "-j1", "--max-bytes", &max, s(&dir)]);
    let two = pith(&["--format", "jsonl", "-j2", "--max-bytes", &max, s(&dir)]);
    assert_eq!(one.stdout, two.stdout);
    let recs = records(&one);
    assert_eq!(recs.len(), 12);
    let failed: Vec<bool> = recs.iter().map(|r| r.get("error").is_some_and(|e| !e.is_null())).collect();
    assert_eq!(failed, [false, false, false, true, true, true, false, true, false, true, false, false]);
    assert!(recs[5]["error"].as_str().is_some_and(|e| e.contains("over the limit")), "{}", recs[5]);
}

#[test]
fn one_page_extracted_on_the_calling_thread_is_as_in_a_batch() {
    let dir = scratch("single");
    fixtures(&dir);
    for name in ["a.html.gz", "c.html.zst", "g.html", "i.html", "l.txt"] {
        let single = pith(&["--format", "jsonl", s(&dir.join(name))]);
        assert!(single.status.success(), "{name}");
        let batch = pith(&["--format", "jsonl", "-j2", s(&dir)]);
        let source = dir.join(name).display().to_string();
        let want = records(&batch).into_iter().find(|r| r["source"] == source.as_str()).expect("in the batch");
        assert_eq!(records(&single), [want], "{name}");
    }
    let failed = pith(&["--format", "jsonl", s(&dir.join("d.html.gz"))]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(records(&failed)[0]["error"].as_str().is_some_and(|e| e.starts_with("cannot read")));
}
