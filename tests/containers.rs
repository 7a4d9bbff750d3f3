//! Container reading (issue 18): pzstd's skippable frames, zero padding
//! between gzip members, a WARC record that declares more bytes than its
//! gzip member, `Content-Length: +N`, large WARC header blocks, and JSONL
//! pass-through exactness, a BOM on line 1 and lone surrogate escapes.
//! Each test runs the `pith` binary on inputs written here.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

mod scratch;
use scratch::gzip;

/// A fresh scratch directory for one test.
fn scratch(test: &str) -> PathBuf {
    scratch::dir("pith-containers", test)
}

/// `pith extract ARGS` (JSONL out).
fn pith(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pith")).arg("extract").args(args).args(["--format", "jsonl"]).stdin(Stdio::null()).output().expect("run pith")
}

/// Write `bytes` to `dir/name` and extract it.
fn extract(dir: &Path, name: &str, bytes: &[u8]) -> (Output, Vec<Value>) {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    let out = pith(&[path.to_str().expect("UTF-8 path")]);
    let recs = String::from_utf8(out.stdout.clone())
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l:.300}")))
        .collect();
    (out, recs)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The `source`s of the records that extracted, and the errors of the others.
fn outcome(recs: &[Value]) -> (Vec<String>, Vec<String>) {
    let ok = recs.iter().filter(|r| r["error"].is_null()).map(|r| r["source"].as_str().unwrap_or("").to_owned()).collect();
    let errors = recs.iter().filter_map(|r| r["error"].as_str()).map(str::to_owned).collect();
    (ok, errors)
}

/// An article page whose body names `title`.
fn article(title: &str) -> String {
    let para = format!("The harbour authority reopened the {title} pier to fishing boats after a long winter of repairs. ").repeat(6);
    format!("<!DOCTYPE html><html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{para}</p><p>{para}</p></article></body></html>")
}

/// One WARC/1.0 record; `length` overrides the Content-Length value.
fn warc_record(id: &str, extra_headers: &str, block: &[u8], length: Option<&str>) -> Vec<u8> {
    let length = length.map_or_else(|| block.len().to_string(), str::to_owned);
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Target-URI: https://news.example/{id}\r\n{extra_headers}Content-Type: application/http; msgtype=response\r\nContent-Length: {length}\r\n\r\n"
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// An HTML response record for `id`.
fn page_record(id: &str) -> Vec<u8> {
    warc_record(id, "", &http(&article(id)), None)
}

fn http(body: &str) -> Vec<u8> {
    format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// A zstd skippable frame (as `pzstd` writes before each frame, holding the frame's size).
fn skippable_frame(payload: &[u8]) -> Vec<u8> {
    let mut out = vec![0x50, 0x2a, 0x4d, 0x18];
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

#[test]
fn pzstd_output_opening_with_a_skippable_frame_is_zstd() {
    let dir = scratch("pzstd");
    let mut file = Vec::new();
    for id in ["one", "two"] {
        let frame = zstd::encode_all(&page_record(id)[..], 3).expect("zstd");
        file.extend(skippable_frame(&(frame.len() as u32).to_le_bytes()));
        file.extend(frame);
    }
    let (out, recs) = extract(&dir, "crawl.warc.zst", &file);
    let (ok, errors) = outcome(&recs);
    assert_eq!(ok, [format!("{}#<urn:uuid:one>", dir.join("crawl.warc.zst").display()), format!("{}#<urn:uuid:two>", dir.join("crawl.warc.zst").display())], "{errors:?} {}", stderr(&out));
    // Read by first bytes too, without the name saying so.
    let (_, recs) = extract(&dir, "crawl.bin", &file);
    assert_eq!(outcome(&recs).0.len(), 2, "{recs:?}");
}

#[test]
fn zero_padding_between_gzip_members_is_skipped() {
    let dir = scratch("padding");
    let file = [gzip(&page_record("one")), vec![0; 4096], gzip(&page_record("two")), vec![0; 100]].concat();
    let (out, recs) = extract(&dir, "padded.warc.gz", &file);
    let (ok, errors) = outcome(&recs);
    assert_eq!(ok.len(), 2, "{errors:?} {}", stderr(&out));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_record_declaring_more_than_its_gzip_member_loses_no_later_record() {
    let dir = scratch("member-end");
    let block = http(&article("two"));
    let long = (block.len() + 5000).to_string();
    let file = [gzip(&page_record("one")), gzip(&warc_record("two", "", &block, Some(&long))), gzip(&page_record("three")), gzip(&page_record("four"))].concat();
    let (out, recs) = extract(&dir, "long.warc.gz", &file);
    let (ok, errors) = outcome(&recs);
    assert_eq!(ok.len(), 3, "records one, three and four: {ok:?} {errors:?} {}", stderr(&out));
    assert!(ok[1].ends_with("#<urn:uuid:three>"), "{ok:?}");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("<urn:uuid:two>") && errors[0].contains("gzip member ends"), "{errors:?}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_malformed_header_in_a_multi_member_warc_skips_one_record() {
    let dir = scratch("resync");
    let block = http(&article("two"));
    let short = (block.len() - 40).to_string();
    let file = [gzip(&page_record("one")), gzip(&warc_record("two", "", &block, Some(&short))), gzip(&page_record("three"))].concat();
    let (out, recs) = extract(&dir, "short.warc.gz", &file);
    let (ok, errors) = outcome(&recs);
    assert!(ok.iter().any(|s| s.ends_with("#<urn:uuid:three>")), "the record after the broken one is read: {ok:?} {errors:?} {}", stderr(&out));
    assert!(errors.iter().any(|e| e.contains("malformed WARC header")), "{errors:?}");
}

#[test]
fn content_length_with_a_plus_sign_is_accepted_as_warcio_does() {
    let dir = scratch("plus");
    let block = http(&article("one"));
    let file = [warc_record("one", "", &block, Some(&format!("+{}", block.len()))), page_record("two")].concat();
    let (out, recs) = extract(&dir, "plus.warc", &file);
    let (ok, errors) = outcome(&recs);
    assert_eq!(ok.len(), 2, "{errors:?} {}", stderr(&out));
    // A minus sign is still refused, naming the value.
    let file = [warc_record("one", "", &block, Some("-5")), page_record("two")].concat();
    let (_, recs) = extract(&dir, "minus.warc", &file);
    let (_, errors) = outcome(&recs);
    assert!(errors.iter().any(|e| e.contains("Content-Length \"-5\" is not a non-negative integer")), "{errors:?}");
}

#[test]
fn a_header_block_over_64_kib_is_read_and_one_over_1_mib_refused() {
    let dir = scratch("big-header");
    let long_uri = format!("WARC-Source-URI: https://news.example/?q={}\r\n", "q".repeat(300_000));
    let file = [warc_record("one", &long_uri, &http(&article("one")), None), page_record("two")].concat();
    let (out, recs) = extract(&dir, "long-uri.warc", &file);
    assert_eq!(outcome(&recs).0.len(), 2, "{:?} {}", outcome(&recs).1, stderr(&out));
    // Over 1 MiB: an error naming the bound; in a multi-member file the
    // next record is still read.
    let huge = format!("X-Pad: {}\r\n", "p".repeat(1_100_000));
    let file = [gzip(&warc_record("one", &huge, &http(&article("one")), None)), gzip(&page_record("two"))].concat();
    let (_, recs) = extract(&dir, "huge-header.warc.gz", &file);
    let (ok, errors) = outcome(&recs);
    assert!(errors.iter().any(|e| e.contains("header block over 1048576 bytes")), "{errors:?}");
    assert!(ok.iter().any(|s| s.ends_with("#<urn:uuid:two>")), "{ok:?}");
}

#[test]
fn jsonl_pass_through_fields_are_exact() {
    let dir = scratch("exact");
    let html = serde_json::to_string(&article("one")).expect("json");
    let line = format!(
        "{{\"id\":123456789012345678901234567890,\"html\":{html},\"score\":1.00000000000000000000001,\"big\":18446744073709551616123,\"tiny\":1e-400,\"nested\":{{\"a\":[1.10,2e5, -0.0]}},\"s\":\"caf\\u00e9\"}}\n"
    );
    let (out, _) = extract(&dir, "exact.jsonl", line.as_bytes());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    for exact in [
        "\"id\":123456789012345678901234567890,",
        "\"score\":1.00000000000000000000001",
        "\"big\":18446744073709551616123",
        "\"tiny\":1e-400",
        "\"nested\":{\"a\":[1.10,2e5, -0.0]}",
        "\"s\":\"caf\\u00e9\"",
    ] {
        assert!(text.contains(exact), "{exact} not passed through exactly: {text:.600}");
    }
}

#[test]
fn jsonl_a_bom_on_line_1_is_accepted() {
    let dir = scratch("bom");
    let html = serde_json::to_string(&article("one")).expect("json");
    let file = format!("\u{feff}{{\"html\":{html},\"n\":1}}\n{{\"html\":{html},\"n\":2}}\n");
    let (out, recs) = extract(&dir, "bom.jsonl", file.as_bytes());
    let (ok, errors) = outcome(&recs);
    assert_eq!(ok.len(), 2, "{errors:?} {}", stderr(&out));
    // And by first bytes, without a .jsonl name.
    let (_, recs) = extract(&dir, "bom-data", file.as_bytes());
    assert_eq!(outcome(&recs).0.len(), 2, "{recs:?}");
}

#[test]
fn jsonl_a_lone_surrogate_in_content_becomes_a_replacement_character() {
    let dir = scratch("surrogate");
    let html = serde_json::to_string(&article("one")).expect("json").replace("harbour", "harb\\ud800our");
    let path = dir.join("surrogate.jsonl");
    std::fs::write(&path, format!("{{\"html\":{html},\"raw\":\"x\\udc00\"}}\n")).expect("write");
    let out = pith(&[path.to_str().expect("UTF-8 path")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let line = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(line.contains("\"error\":null"), "{line:.300}");
    assert!(line.contains("harb\u{fffd}our"), "the content's lone surrogate is U+FFFD: {line:.600}");
    // A pass-through field is kept exactly as written, escape and all (a
    // grammatical JSON string that Python and JavaScript read).
    assert!(line.contains("\"raw\":\"x\\udc00\""), "{line:.300}");
}

#[test]
fn jsonl_invalid_json_names_the_file_line_and_column() {
    let dir = scratch("invalid");
    let file = "{\"html\":\"<p>a</p>\"}\n{\"html\": [1,\n";
    let (_, recs) = extract(&dir, "bad.jsonl", file.as_bytes());
    let error = recs[1]["error"].as_str().unwrap_or("");
    assert!(error.ends_with("bad.jsonl:2: invalid JSON at column 12: EOF while parsing a value"), "{error}");
}
