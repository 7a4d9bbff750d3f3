//! The hostile-input suite: pages and containers built to break an
//! extractor (absurd nesting, width, size, broken encodings, bombs, broken
//! WARC and JSONL, monstrous rule files). Each case runs the `pith` binary
//! as a user would and must end, within [`TIME_BOUND`] and [`RSS_BOUND_MIB`]
//! of peak resident memory, with a sensible record or an error record that
//! says why: never a signal, never a hang.
//!
//! Inputs are generated here, in the test target's temp folder, and
//! removed after. `scripts/hostile-report.sh` prints the table of times
//! and peaks (`cargo test --release --test hostile -- --nocapture`).

#![cfg(unix)]

use std::io::Write;
use std::path::Path;

mod support;

use support::*;

// ---------- size and shape ----------

#[test]
fn nesting_a_million_levels_deep() {
    let page = format!("<html><body>{}<p>{PROSE}</p>{}</body></html>", "<div>".repeat(1_000_000), "</div>".repeat(1_000_000));
    let (_, rec) = one("nesting-1m", "deep.html", page.as_bytes());
    assert!(text(&rec).contains("recommendations would be adopted"), "{rec}");
}

#[test]
fn half_a_million_siblings() {
    let items: String = (0..500_000).map(|i| format!("<span>s{i}</span>")).collect();
    let page = format!("<html><body><p>{PROSE}</p><div>{items}</div></body></html>");
    let (_, rec) = one("siblings-500k", "wide.html", page.as_bytes());
    assert!(rec["error"].is_null(), "{rec}");
}

#[test]
fn an_element_with_100k_attributes() {
    let attrs: String = (0..100_000).map(|i| format!(" data-a{i}=\"v{i}\"")).collect();
    let page = format!("<html><body><p{attrs}>{PROSE}</p></body></html>");
    let (_, rec) = one("attributes-100k", "attrs.html", page.as_bytes());
    assert!(text(&rec).contains("committee published"), "{rec}");
}

#[test]
fn a_200_mb_page_is_refused_at_max_bytes() {
    // Written in pieces, so this test process stays small (a forked child
    // inherits its high-water mark in wait4's figure).
    let path = input("page-200mb", "huge.html", b"<html><body>");
    {
        let mut f = std::io::BufWriter::new(std::fs::OpenOptions::new().append(true).open(&path).expect("open"));
        let para = format!("<p>{PROSE}</p>\n");
        for _ in 0..(200 << 20) / para.len() + 1 {
            f.write_all(para.as_bytes()).expect("write");
        }
    }
    let r = run("page-200mb", &["extract", s(&path), "--format", "jsonl"]);
    cleanup(&path);
    let recs = records(&r);
    assert!(recs[0]["error"].as_str().unwrap_or("").contains("over the limit"), "{}", recs[0]);
}

#[test]
fn a_5_mb_single_line() {
    let line = format!("{PROSE} ").repeat(5_000_000 / (PROSE.len() + 1));
    let (_, rec) = one("line-5mb", "line.txt", line.as_bytes());
    assert!(rec["error"].is_null(), "{rec}");
}

#[test]
fn a_page_that_is_one_huge_table() {
    let rows: String = (0..200_000).map(|i| format!("<tr><td>{i}</td><td>cell {i}</td><td>x</td></tr>")).collect();
    let page = format!("<html><body><table>{rows}</table></body></html>");
    let (_, rec) = one("table-200k-rows", "table.html", page.as_bytes());
    assert!(rec["error"].is_null(), "{rec}");
}

#[test]
fn ten_thousand_pre_blocks() {
    let pres: String = (0..10_000).map(|i| format!("<pre>let x{i} = {i};\n  call(x{i});</pre>")).collect();
    let page = format!("<html><body><p>{PROSE}</p>{pres}</body></html>");
    let (_, rec) = one("pre-10k", "pres.html", page.as_bytes());
    assert!(rec["error"].is_null(), "{rec}");
}

// ---------- encodings ----------

#[test]
fn nul_bytes_and_lone_surrogates() {
    let page = format!("<html><body><p>{PROSE}\0 and &#xD800; &#55296; &#0; here\0.</p><p>{PROSE}</p></body></html>");
    let (_, rec) = one("nul-and-surrogates", "nul.html", page.as_bytes());
    let t = text(&rec);
    assert!(t.contains("committee published") && !t.contains('\0'), "{rec}");
}

#[test]
fn invalid_utf8_in_a_utf8_page_and_a_lying_charset() {
    let mut page = format!("<html><head><meta charset=utf-8></head><body><p>Grüße aus Köln. {PROSE}</p>").into_bytes();
    page.extend_from_slice(b"<p>broken \xff\xfe\xc3 bytes</p></body></html>");
    let (_, rec) = one("invalid-utf8", "bad.html", &page);
    assert!(text(&rec).contains("Grüße aus Köln"), "{rec}");
    // Declared windows-1251, really UTF-8.
    let lying = format!("<html><head><meta charset=windows-1251></head><body><p>Ελληνικά κείμενα και ελληνικές λέξεις. {PROSE}</p></body></html>");
    let (_, rec) = one("lying-charset", "lie.html", lying.as_bytes());
    assert!(text(&rec).contains("Ελληνικά κείμενα"), "{rec}");
}

#[test]
fn utf16_without_bom_and_mixed_line_ends() {
    let page = format!("<html><body><p>Grüße. {PROSE}</p><p>{PROSE}</p></body></html>");
    let utf16: Vec<u8> = page.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let (_, rec) = one("utf16le-no-bom", "u16.html", &utf16);
    assert!(text(&rec).contains("Grüße. The committee"), "{rec}");
    let dump = format!("Home\r\nNews\rSport\n\n{PROSE}\r\n\r\n{PROSE}\r{PROSE}\n");
    let (_, rec) = one("mixed-line-ends", "mixed.txt", dump.as_bytes());
    assert!(text(&rec).contains("committee published"), "{rec}");
    assert!(!text(&rec).contains('\r'), "{rec}");
}

// ---------- bombs and broken containers ----------

/// A gzip stream that inflates to `gib` GiB of zeros: one member of 1 GiB
/// repeated (about 1 MB each).
fn gzip_bomb(gib: usize) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..1024 {
        e.write_all(&zeros).expect("gzip");
    }
    e.finish().expect("gzip").repeat(gib)
}

#[test]
fn gzip_and_zstd_bombs() {
    let bomb = gzip_bomb(10);
    for (case, name) in [("gzip-bomb-page", "bomb.html.gz"), ("gzip-bomb-warc", "bomb.warc.gz"), ("gzip-bomb-jsonl", "bomb.jsonl.gz")] {
        let path = input(case, name, &bomb);
        let r = run(case, &["extract", s(&path), "--format", "jsonl"]);
        cleanup(&path);
        let recs = records(&r);
        assert_eq!(recs.len(), 1, "{case}: {}", r.stderr);
        assert!(recs[0]["error"].as_str().is_some(), "{case}: {}", recs[0]);
    }
    // Ten frames of 1 GiB of zeros each: 10 GiB.
    let zstd = zstd::encode_all(std::io::repeat(0).take_bytes(1 << 30), 1).expect("zstd").repeat(10);
    let path = input("zstd-bomb-page", "bomb.html.zst", &zstd);
    let r = run("zstd-bomb-page", &["extract", s(&path), "--format", "jsonl"]);
    cleanup(&path);
    assert!(records(&r)[0]["error"].as_str().unwrap_or("").contains("over the limit"));
}

trait TakeBytes {
    fn take_bytes(self, n: u64) -> std::io::Take<std::io::Repeat>;
}

impl TakeBytes for std::io::Repeat {
    fn take_bytes(self, n: u64) -> std::io::Take<std::io::Repeat> {
        std::io::Read::take(self, n)
    }
}

fn warc_head(length: &str) -> String {
    format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Target-URI: https://a.example/\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {length}\r\n\r\n")
}

#[test]
fn warc_with_absurd_lengths_or_cut_in_a_header() {
    for (case, length) in [("warc-absurd-length", "99999999999999999999999"), ("warc-negative-length", "-42"), ("warc-huge-length", "900000000000")] {
        let warc = format!("{}HTTP/1.1 200 OK\r\n\r\n<p>x</p>", warc_head(length));
        let path = input(case, "bad.warc", warc.as_bytes());
        let r = run(case, &["extract", s(&path)]);
        cleanup(&path);
        let recs = records(&r);
        assert_eq!(recs.len(), 1, "{case}");
        assert!(recs[0]["error"].as_str().is_some(), "{case}: {}", recs[0]);
    }
    let cut = &warc_head("100")[..60];
    let path = input("warc-cut-header", "cut.warc", cut.as_bytes());
    let r = run("warc-cut-header", &["extract", s(&path)]);
    cleanup(&path);
    assert!(records(&r)[0]["error"].as_str().unwrap_or("").contains("inside the header"), "{}", outcome(&r));
}

#[test]
fn a_500_mb_jsonl_line_then_a_good_one() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("hostile-{}-jsonl-500mb", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let path = dir.join("big.jsonl");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
        f.write_all(b"{\"id\":1,\"text\":\"").expect("write");
        let chunk = "word ".repeat(1 << 18);
        for _ in 0..(500 << 20) / chunk.len() {
            f.write_all(chunk.as_bytes()).expect("write");
        }
        f.write_all(b"\"}\n").expect("write");
        writeln!(f, "{}", serde_json::json!({"id": 2, "text": PROSE})).expect("write");
    }
    let r = run("jsonl-line-500mb", &["extract", s(&path)]);
    let _ = std::fs::remove_dir_all(&dir);
    let recs = records(&r);
    assert_eq!(recs.len(), 2);
    assert!(recs[0]["error"].as_str().unwrap_or("").contains("over"), "{}", recs[0]);
    assert!(text(&recs[1]).contains("committee published"));
}

// ---------- rules ----------

#[test]
fn monstrous_and_broken_rule_folders() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("hostile-{}-rules", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let big = dir.join("big");
    std::fs::create_dir_all(&big).expect("mkdir");
    let selectors: Vec<String> = (0..10_000).map(|i| format!("\".c{i} > div:nth-child({}) p\"", i % 7 + 1)).collect();
    let rule = format!(
        "hosts = [\"a.example\"]\n[html]\nremove = [{}]\n[text]\ndrop = [{{ regex = \"^(a+)+$\" }}, {{ regex = \"(x|x|x|x|x)*y\" }}]\n",
        selectors.join(", ")
    );
    std::fs::write(big.join("a.example.toml"), rule).expect("write rule");
    let page = input("rules-10k-page", "p.html", format!("<html><body><p>{PROSE}</p><p>{}</p></body></html>", "a".repeat(30_000)).as_bytes());
    let r = run("rules-10k-selectors", &["extract", "--rules", s(&big), "--url", "https://a.example/x", s(&page), "--format", "jsonl"]);
    cleanup(&page);
    assert_eq!(records(&r)[0]["rule"], "a.example", "{}", r.stderr);

    let broken = dir.join("broken");
    std::fs::create_dir_all(&broken).expect("mkdir");
    std::os::unix::fs::symlink(broken.join("loop.toml"), broken.join("loop.toml")).expect("symlink loop");
    std::fs::create_dir_all(broken.join("folder.toml")).expect("a folder named like a rule");
    let r = run("rules-symlink-loop", &["rules", "check", s(&broken)]);
    assert_eq!(r.status.code(), Some(1), "{}", r.stderr);
    let said = format!("{}{}", String::from_utf8_lossy(&r.stdout), r.stderr);
    assert!(said.contains("loop.toml") || said.contains("folder.toml"), "{said}");
    let _ = std::fs::remove_dir_all(&dir);
}
