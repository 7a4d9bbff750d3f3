//! What kind of input a byte string is: HTML page or text dump, UTF-16 or
//! an ASCII-compatible encoding, or binary data ([`binary`]).

pub mod binary;

use serde::Serialize;

/// The input kinds pith reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Decide from the bytes ([`sniff`]).
    #[default]
    Auto,
    Html,
    Text,
}

impl InputFormat {
    /// The lower-case name (`auto`, `html`, `text`), as serialised.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Auto => "auto",
            InputFormat::Html => "html",
            InputFormat::Text => "text",
        }
    }
}

/// Bytes looked at when sniffing.
const SNIFF_BYTES: usize = 4096;

/// HTML or text, from the first bytes: an HTML page opens with a doctype or
/// one of `<html>`, `<head>`, `<body>`, or is dense with closing tags.
pub fn sniff(bytes: &[u8]) -> InputFormat {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    // ASCII lowercasing finds the same ASCII markers as full lowercasing: no
    // char outside ASCII lowercases to one of their letters (only to `i`, `k`).
    // The markers are ASCII, so they are looked for in the bytes, ASCII
    // case-insensitively: what the lowercase of the head read as UTF-8
    // holds (an invalid sequence is replaced there by U+FFFD, no ASCII).
    let mut start = head;
    loop {
        start = match start {
            [0xEF, 0xBB, 0xBF, rest @ ..] | [b' ' | b'\t' | b'\r' | b'\n', rest @ ..] => rest,
            _ => break,
        };
    }
    let opens = |p: &str| start.get(..p.len()).is_some_and(|s| s.eq_ignore_ascii_case(p.as_bytes()));
    let opens_html = ["<!doctype html", "<html", "<head", "<body", "<?xml"].into_iter().any(opens);
    let holds = |p: &str| memchr::memchr_iter(b'<', head).any(|i| head.get(i..i + p.len()).is_some_and(|s| s.eq_ignore_ascii_case(p.as_bytes())));
    let has_root = holds("<html") || holds("<body") || holds("<!doctype html");
    let closing_tags = memchr::memmem::find_iter(head, "</").count();
    if opens_html || (start.first() == Some(&b'<') && (has_root || closing_tags >= 3 || closes_first_element(start))) || closing_tags >= 20 {
        InputFormat::Html
    } else {
        InputFormat::Text
    }
}

/// `head` opens with an element (`<p>`, `<div class=x>`) that it closes
/// (`</p>`): a fragment of markup such as `<p>Hello</p>`, which holds no
/// root and too few closing tags for the other tests. A dump that opens
/// with `<NATO>` or `<3` closes nothing.
fn closes_first_element(head: &[u8]) -> bool {
    let name_len = head.iter().skip(1).take_while(|b| b.is_ascii_alphanumeric()).count();
    if name_len == 0 || !head[1].is_ascii_alphabetic() {
        return false;
    }
    let name = &head[1..=name_len];
    memchr::memmem::find_iter(head, "</").any(|i| {
        let after = &head[i + 2..];
        after.get(..name_len).is_some_and(|n| n.eq_ignore_ascii_case(name)) && after.get(name_len).is_none_or(|b| *b == b'>' || b.is_ascii_whitespace())
    })
}

/// The UTF-16 encoding `bytes` are in: by their byte-order mark, or told
/// by where their NUL bytes fall ([`utf16_without_bom`]).
pub fn utf16(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, _)) if encoding != encoding_rs::UTF_8 => Some(encoding),
        Some(_) => None,
        None => utf16_without_bom(bytes),
    }
}

/// Share of the checked code units that must have a zero high byte (and
/// at most a tenth of that a zero low byte) for bytes without a BOM to be
/// read as UTF-16: Latin-script text in UTF-16 has one nearly everywhere.
const UTF16_ZERO_SHARE: f32 = 0.4;

/// UTF-16 without a byte-order mark, told by where its NUL bytes fall:
/// little-endian text has them at odd offsets, big-endian at even ones.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return None;
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES) & !1];
    let units = head.len() / 2;
    // Without a NUL neither offset has its share of them.
    if units < 4 || memchr::memchr(0, head).is_none() {
        return None;
    }
    let zeros_at = |parity: usize| head.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count() as f32;
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let enough = UTF16_ZERO_SHARE * units as f32;
    if odd >= enough && even * 10.0 <= odd {
        Some(encoding_rs::UTF_16LE)
    } else if even >= enough && odd * 10.0 <= even {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_html_and_text() {
        assert_eq!(sniff(b"<!DOCTYPE html><html><body>x</body></html>"), InputFormat::Html);
        assert_eq!(sniff(b"\n  <html lang=en>"), InputFormat::Html);
        assert_eq!(sniff(b"Russia says <NATO> troops are unacceptable.\n\nMore."), InputFormat::Text);
        assert_eq!(sniff(b"# Title\n\n* [Home](/)"), InputFormat::Text);
        assert_eq!(sniff(b"<p>Hello world, this is a page.</p>\n"), InputFormat::Html, "a fragment closing its first element");
        assert_eq!(sniff(b"<DIV class=x><b>Hi</b></div>"), InputFormat::Html);
        assert_eq!(sniff(b"<NATO> troops are unacceptable, he said.</p>"), InputFormat::Text, "the first element is never closed");
        assert_eq!(sniff(b"<3 you all\n\nsee </3"), InputFormat::Text);
        assert_eq!(sniff(b"<p>Intro</pre> text"), InputFormat::Text, "a longer name is not the element's close");
    }

    #[test]
    fn utf16_without_bom_is_told_from_binary() {
        let text = "<html><body><p>Grüße aus Köln, sagte sie.</p></body></html>";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(utf16_without_bom(&le), Some(encoding_rs::UTF_16LE));
        assert_eq!(utf16_without_bom(&be), Some(encoding_rs::UTF_16BE));
        assert_eq!(utf16_without_bom(text.as_bytes()), None);
        assert_eq!(utf16_without_bom(&[0u8; 4000]), None, "all zeros is binary, not text");
        let mut with_bom = vec![0xff, 0xfe];
        with_bom.extend(&le);
        assert_eq!(utf16_without_bom(&with_bom), None, "a BOM is read by the decoder");
    }

    #[test]
    fn only_i_and_k_lowercase_into_ascii() {
        let markers: String = ["<!doctype html", "<html", "<head", "<body", "<?xml", "</"].concat();
        for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            for l in c.to_lowercase().filter(char::is_ascii) {
                assert!(matches!(l, 'i' | 'k') && !markers.contains(l), "U+{:04X} lowercases to {l:?}", c as u32);
            }
        }
    }
}
