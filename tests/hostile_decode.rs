//! Hostile inputs for what a page's bytes are (issue 18 item 18): binary
//! files of every common kind, random bytes and random "printable" bytes
//! are refused with an error record naming the evidence, the batch goes on
//! with the next input, and no control character (but line feed and tab)
//! reaches the output, whatever the page holds.

#![cfg(unix)]

mod support;

use serde_json::Value;
use support::*;

/// Deterministic pseudo-random bytes (xorshift64).
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 32) as u8
        })
        .collect()
}

fn with_noise(head: &[u8], len: usize, seed: u64) -> Vec<u8> {
    let mut bytes = head.to_vec();
    bytes.extend(noise(len, seed));
    bytes
}

/// A GIF as an encoder writes it: header, screen descriptor, a 256-colour
/// table, an image descriptor and LZW data (few NUL bytes: the GIF
/// came out as 729 characters of "content").
fn gif() -> Vec<u8> {
    let mut g = b"GIF89a\x90\x01\x2c\x01\xf7\x10\x01".to_vec();
    g.extend(noise(768, 7));
    g.extend(b"\x2c\x00\x00\x00\x00\x90\x01\x2c\x01\x00\x08");
    for chunk in noise(40_000, 8).chunks(255) {
        g.push(chunk.len() as u8);
        g.extend(chunk);
    }
    g.extend(b"\x00\x3b");
    g
}

/// Binary files by kind, each under a name that does not give it away.
fn binaries() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("image-gif.html", gif()),
        ("image-png.txt", with_noise(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 20_000, 1)),
        ("image-jpeg.html", with_noise(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", 20_000, 2)),
        ("archive-xz.txt", with_noise(b"\xfd7zXZ\x00\x00\x04\xe6\xd6\xb4\x46", 20_000, 3)),
        ("archive-bz2.txt", with_noise(b"BZh91AY&SY", 20_000, 4)),
        ("archive-7z.txt", with_noise(b"7z\xbc\xaf\x27\x1c\x00\x04", 20_000, 5)),
        ("archive-zip.html", with_noise(b"PK\x03\x04\x14\x00\x00\x00\x08\x00", 20_000, 6)),
        ("doc-pdf.txt", with_noise(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 20000 /Filter /FlateDecode >>\nstream\n", 20_000, 9)),
        ("video-mp4.html", with_noise(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom", 20_000, 10)),
        ("audio-ogg.txt", with_noise(b"OggS\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00", 20_000, 11)),
        ("font-woff2.html", with_noise(b"wOF2\x00\x01\x00\x00", 20_000, 12)),
        ("exe-elf.txt", with_noise(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00", 20_000, 13)),
        ("random.txt", noise(20_000, 14)),
        ("random-printable.txt", noise(20_000, 15).into_iter().map(|b| 0x20 + b % 0xE0).filter(|&b| b != 0x7F).collect()),
        ("random-utf16-bom.txt", with_noise(b"\xff\xfe", 20_000, 16)),
    ]
}

#[test]
fn binary_files_are_refused_and_the_batch_goes_on() {
    let dir = input("binaries", "zz-good.html", format!("<html><body><p>{PROSE}</p><p>{PROSE}</p></body></html>").as_bytes());
    let folder = dir.parent().expect("folder");
    for (name, bytes) in binaries() {
        std::fs::write(folder.join(name), bytes).expect("write");
    }
    let r = run("binaries-15-kinds", &["extract", s(folder), "--format", "jsonl"]);
    cleanup(&dir);
    let recs = records(&r);
    assert_eq!(recs.len(), binaries().len() + 1, "{}", r.stderr);
    for rec in &recs {
        let source = rec["source"].as_str().unwrap_or("");
        if source.ends_with("zz-good.html") {
            assert!(rec["error"].is_null() && text(rec).contains("recommendations would be adopted"), "{rec}");
        } else {
            let error = rec["error"].as_str().unwrap_or("");
            assert!(error.contains("binary") && error.contains(source), "{source}: {rec}");
            assert_eq!(text(rec), "", "{rec}");
        }
    }
}

#[test]
fn a_30_mb_random_file_is_refused_by_its_head() {
    let (r, rec) = one("random-30mb", "big.txt", &noise(30 << 20, 99));
    assert!(rec["error"].as_str().unwrap_or("").contains("binary"), "{rec}");
    assert!(r.secs < 5.0, "{:.1} s", r.secs);
}

/// Every control character but `\n` and `\t`: raw C0 and C1 controls in
/// the markup, as character references, in the title and description.
fn page_with_controls() -> String {
    let raw: String = (0u8..0x20).filter(|&b| b != b'\n' && b != b'\t').map(char::from).collect();
    let refs: String = [1u32, 7, 0x0B, 0x0C, 0x0D, 0x1B, 0x1F, 0x7F, 0x81, 0x85, 0x9D, 0x9F].iter().map(|n| format!("&#{n};")).collect();
    format!(
        "<html><head><title>Ti\u{7}tle\u{1b}[0m &#8;x</title><meta name=description content=\"de&#1;sc\u{85}\">\
         <meta name=author content=\"An&#x1f;na\"></head><body><article>\
         <h1>Head\u{1}\u{2}ing</h1><p>{PROSE} Con{raw}trol{refs} chars\u{80}\u{9b} here.</p><p>{PROSE}</p>\
         <pre>code{refs}\r\nline</pre><ul><li>it\u{7f}em</li></ul></article></body></html>"
    )
}

/// The control characters in `s` other than `\n` and `\t`.
fn controls(s: &str) -> Vec<char> {
    s.chars().filter(|&c| c.is_control() && c != '\n' && c != '\t').collect()
}

/// Every string in a JSON value.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

#[test]
fn no_control_character_reaches_the_output() {
    let page = page_with_controls();
    let dump = format!("Title\n\n{PROSE} with a stray \u{7} bell, \u{1b}[1mescape\u{1b}[0m and \u{0} NUL.\r\n\r\n{PROSE}\u{c}\n");
    for (name, bytes) in [("controls.html", page.as_bytes()), ("controls.txt", dump.as_bytes())] {
        let path = input("controls", name, bytes);
        for format in ["text", "markdown", "jsonl"] {
            let r = run(&format!("controls-{}-{format}", &name[9..]), &["extract", s(&path), "--format", format]);
            let out = String::from_utf8_lossy(&r.stdout).into_owned();
            assert!(out.contains("recommendations would be adopted"), "{name} {format}: {out}");
            let mut texts = vec![out.clone()];
            if format == "jsonl" {
                texts.clear();
                for rec in records(&r) {
                    strings(&rec, &mut texts);
                }
            }
            for t in &texts {
                assert!(controls(t).is_empty(), "{name} {format}: {:?} in {t:?}", controls(t));
            }
        }
        cleanup(&path);
    }
}
