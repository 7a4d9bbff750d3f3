//! Hostile containers (issue 18 items 11 and 13): JSONL lines and WARC
//! records built so that their structure, not their size, costs memory or
//! time — a 60 MB line whose pass-through field is a 30M-element array or
//! that has six million fields, a 60 MB HTTP head of 12 million headers, a
//! `.warc.zst` whose metadata record declares a terabyte of zeros, a
//! terabyte of blank lines between records. Each runs under an
//! address-space limit with a good input after it, which must still be
//! extracted: one bad input never takes the batch down.

#![cfg(unix)]

use std::io::Write;
use std::path::{Path, PathBuf};

mod support;

use support::*;

/// Address space each case runs in: a bad input must not take the batch down.
const VMEM_MIB: u64 = 2048;

/// A good JSONL file to put after a bad input.
fn good_input(case: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("hostile-{}-{case}-good", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    let path = dir.join("good.jsonl");
    let html = format!("<html><body><article><p>{PROSE}</p><p>{PROSE}</p></article></body></html>");
    std::fs::write(&path, format!("{}\n", serde_json::json!({ "html": html, "id": "good" }))).expect("write");
    path
}

/// Run `pith extract BAD GOOD [extra]` under [`VMEM_MIB`]; assert the good
/// input was extracted, and return the run and the bad input's error records.
fn run_bad_then_good(case: &str, bad: &Path, extra: &[&str]) -> (Run, Vec<String>) {
    let good = good_input(case);
    let mut args = vec!["extract", s(bad), s(&good), "--format", "jsonl"];
    args.extend_from_slice(extra);
    let r = run_with(case, &args, &Limits { vmem_mib: Some(VMEM_MIB), ..Limits::default() });
    cleanup(bad);
    cleanup(&good);
    let recs = records(&r);
    assert!(
        recs.iter().any(|v| v["id"] == "good" && v["error"].is_null() && text(v).contains("committee published")),
        "{case}: the good input after the bad one was not extracted; stderr: {}",
        r.stderr
    );
    let errors = recs.iter().filter_map(|v| v["error"].as_str()).map(str::to_owned).collect();
    (r, errors)
}

/// Write `bytes` produced in pieces (this process stays small).
fn input_in_pieces(case: &str, name: &str, pieces: impl Iterator<Item = Vec<u8>>) -> PathBuf {
    let path = input(case, name, b"");
    let mut f = std::io::BufWriter::new(std::fs::OpenOptions::new().append(true).open(&path).expect("open"));
    for piece in pieces {
        f.write_all(&piece).expect("write");
    }
    f.flush().expect("flush");
    path
}

#[test]
fn jsonl_60_mb_line_with_a_30m_element_pass_through_array() {
    let head = format!("{{\"html\":\"<p>{PROSE}</p>\",\"data\":[0");
    let pieces = std::iter::once(head.into_bytes()).chain((0..30).map(|_| ",0".repeat(1_000_000).into_bytes())).chain(std::iter::once(b"]}\n".to_vec()));
    let bad = input_in_pieces("jsonl-array-30m", "array.jsonl", pieces);
    let (r, errors) = run_bad_then_good("jsonl-array-30m", &bad, &[]);
    assert!(errors.is_empty(), "the line is within --max-bytes and passes through: {errors:?}");
    let out = String::from_utf8_lossy(&r.stdout);
    assert!(out.contains("\"data\":[0,0,0"), "the array is passed through");
}

#[test]
fn jsonl_60_mb_line_with_six_million_fields() {
    let head = format!("{{\"html\":\"<p>{PROSE}</p>\"");
    let fields = (0..60).map(|chunk| (0..100_000).map(|i| format!(",\"{:x}\":0", chunk * 100_000 + i)).collect::<String>().into_bytes());
    let pieces = std::iter::once(head.into_bytes()).chain(fields).chain(std::iter::once(b"}\n".to_vec()));
    let bad = input_in_pieces("jsonl-fields-6m", "fields.jsonl", pieces);
    let (_, errors) = run_bad_then_good("jsonl-fields-6m", &bad, &[]);
    assert!(errors.iter().any(|e| e.contains("fields.jsonl:1: too complex: 6000001 fields, over the limit of 10000")), "{errors:?}");
}

#[test]
fn warc_60_mb_http_head_with_12m_headers() {
    let head_len = 12_000_000 * 5;
    let block_len = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n".len() + head_len + "\r\n<p>x</p>".len();
    let warc_head = format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:heads>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {block_len}\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n");
    let pieces = std::iter::once(warc_head.into_bytes()).chain((0..12).map(|_| b"a:b\r\n".repeat(1_000_000))).chain(std::iter::once(b"\r\n<p>x</p>\r\n\r\n".to_vec()));
    let bad = input_in_pieces("warc-headers-12m", "heads.warc", pieces);
    let (_, errors) = run_bad_then_good("warc-headers-12m", &bad, &[]);
    assert!(errors.iter().any(|e| e.contains("heads.warc#<urn:uuid:heads>") && e.contains("too complex: HTTP head has over 1000 header lines")), "{errors:?}");
}

/// A zstd frame of `prefix`, `zeros` zero bytes as RLE blocks (4 bytes per
/// 128 KiB: a terabyte in 32 MB), then `suffix`.
fn zstd_frame_of_zeros(prefix: &[u8], byte: u8, zeros: u64, suffix: &[u8], out: &mut impl Write) {
    const BLOCK: u64 = 128 << 10;
    // Magic, a header with no content size (window 128 KiB).
    out.write_all(&[0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38]).expect("write");
    let raw = |data: &[u8], last: u32, out: &mut dyn Write| {
        out.write_all(&(((data.len() as u32) << 3) | last).to_le_bytes()[..3]).expect("write");
        out.write_all(data).expect("write");
    };
    raw(prefix, 0, out);
    let rle = |n: u64| {
        let h = ((n as u32) << 3) | (1 << 1);
        let b = h.to_le_bytes();
        [b[0], b[1], b[2], byte]
    };
    let full = rle(BLOCK);
    let run: Vec<u8> = full.repeat(1 << 16);
    let (runs, rest) = (zeros / BLOCK / (1 << 16), zeros / BLOCK % (1 << 16));
    for _ in 0..runs {
        out.write_all(&run).expect("write");
    }
    for _ in 0..rest {
        out.write_all(&full).expect("write");
    }
    if !zeros.is_multiple_of(BLOCK) {
        out.write_all(&rle(zeros % BLOCK)).expect("write");
    }
    raw(suffix, 1, out);
}

/// A `.warc.zst` holding `prefix`, a terabyte of `byte`, then `suffix` and a page record.
fn terabyte_warc_zst(case: &str, prefix: &[u8], byte: u8, suffix: &[u8]) -> PathBuf {
    let path = input(case, "tera.warc.zst", b"");
    let mut f = std::io::BufWriter::new(std::fs::OpenOptions::new().append(true).open(&path).expect("open"));
    zstd_frame_of_zeros(prefix, byte, 1 << 40, suffix, &mut f);
    let page = format!("<html><body><p>{PROSE}</p></body></html>");
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{page}");
    let record = format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:after>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n", http.len());
    f.write_all(&zstd::encode_all(record.as_bytes(), 3).expect("zstd")).expect("write");
    f.flush().expect("flush");
    path
}

#[test]
fn warc_zst_metadata_record_declaring_a_terabyte_of_zeros_under_timeout_1() {
    let head = format!("WARC/1.0\r\nWARC-Type: metadata\r\nWARC-Record-ID: <urn:uuid:zeros>\r\nContent-Length: {}\r\n\r\n", 1u64 << 40);
    let bad = terabyte_warc_zst("warc-zst-zeros-1tb", head.as_bytes(), 0, b"\r\n\r\n");
    let (r, errors) = run_bad_then_good("warc-zst-zeros-1tb", &bad, &["--timeout", "1"]);
    assert!(r.secs < 10.0, "--timeout 1 bounds reading: took {:.1} s", r.secs);
    assert!(
        errors.iter().any(|e| e.contains("tera.warc.zst#<urn:uuid:zeros>") && e.contains("took over 1s; the rest of the input is not read")),
        "{errors:?}"
    );
}

#[test]
fn warc_zst_a_terabyte_of_blank_lines_between_records() {
    let page = "<html><body><p>before</p></body></html>";
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{page}");
    let first = format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:first>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n", http.len());
    let bad = terabyte_warc_zst("warc-zst-newlines-1tb", first.as_bytes(), b'\n', b"");
    let (r, errors) = run_bad_then_good("warc-zst-newlines-1tb", &bad, &[]);
    assert!(r.secs < 10.0, "took {:.1} s", r.secs);
    assert!(errors.iter().any(|e| e.contains("bytes of blank lines before a record")), "{errors:?}");
}

#[test]
fn warc_http_head_listing_12m_content_codings() {
    let codings = "gzip,".repeat(12_000_000);
    let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: {codings}\r\n\r\n<p>x</p>");
    let record = format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:codings>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n", block.len());
    drop(codings);
    let bad = input("warc-codings-12m", "codings.warc", record.as_bytes());
    drop(record);
    let (_, errors) = run_bad_then_good("warc-codings-12m", &bad, &[]);
    assert!(errors.iter().any(|e| e.contains("codings.warc#<urn:uuid:codings>") && e.contains("too complex: over 8 HTTP transfer or content codings")), "{errors:?}");
}

#[test]
fn warc_gz_of_three_million_empty_members() {
    let mut empty = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    empty.write_all(b"").expect("gzip");
    let empty = empty.finish().expect("gzip");
    let bad = input_in_pieces("warc-gz-empty-members-3m", "empty.warc.gz", (0..30).map(|_| empty.repeat(100_000)));
    let (r, errors) = run_bad_then_good("warc-gz-empty-members-3m", &bad, &[]);
    assert!(r.secs < 10.0, "took {:.1} s", r.secs);
    assert!(errors.iter().any(|e| e.contains("over 1000 empty gzip members in a row")), "{errors:?}");
}
