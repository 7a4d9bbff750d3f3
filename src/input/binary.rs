//! Whether bytes are binary data rather than a page or a text dump.
//!
//! Three kinds of evidence, any one of which refuses the input:
//! - a file signature (the `infer` crate: images, audio, video, archives,
//!   fonts, documents, executables, xz/bz2/7z/zip...). A signature that is
//!   a short run of printable ASCII (`MZ`, `BM`, `ID3`, `BZh`, `SQLi`) is
//!   also how some text begins, so it counts only in bytes that are not
//!   clean text; a few formats that are text underneath but no page (PDF,
//!   PostScript, RTF, PEM) are told by their full, long signatures;
//! - bytes that are control characters in every ASCII-compatible encoding
//!   (C0 other than whitespace and the shifts of ISO-2022, and DEL);
//! - byte entropy near 8 bits: compressed, encrypted or random data, which
//!   no encoding's text reaches (CJK text in GB18030, Big5, Shift_JIS,
//!   EUC-KR measured at most 6.6 bits over 4 KiB windows).
//!
//! UTF-16 input is checked after it has been transcoded ([`not_utf16_text`]).

use std::fmt;

/// Bytes looked at: the first 4 KiB, as the sniffer reads.
const HEAD_BYTES: usize = 4096;

/// Control bytes above this share of the head mark binary data: random
/// bytes have about 10 %, and no page or dump of the dev sets (2,603
/// files) has a single one in its first 4 KiB. A page with a few stray
/// control characters is still text (they are removed from the output).
const CONTROL_SHARE: f64 = 0.05;
/// NUL bytes above this share mark binary data on their own: text has
/// none, structured binary data (tables, samples, pixels) many.
const NUL_SHARE: f64 = 0.01;
/// And at least this many of them (a three-byte input with one is text).
const CONTROL_MIN: usize = 2;

/// Byte entropy (bits per byte) from which a head is random or compressed
/// data: random bytes measure 7.95 over 4 KiB (7.76 with no control byte at
/// all), real text at most 6.6 (see the module comment).
const ENTROPY_BITS: f64 = 7.4;
/// Entropy is measured on heads of at least this many bytes: shorter
/// samples of random data measure lower (about 7.2 bits over 256 bytes).
const ENTROPY_MIN_BYTES: usize = 1024;

/// Characters of transcoded UTF-16 above this share that are no text
/// (replacement characters for broken surrogates, private-use or
/// non-characters, control characters): random bytes after a UTF-16 BOM
/// give about 13 %, real UTF-16 text none.
const UTF16_BAD_SHARE: f64 = 0.05;

/// Why an input was taken for binary data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evidence {
    /// A file signature: the format's media type (`image/gif`).
    Signature { media_type: &'static str },
    /// Control bytes (no text in any ASCII-compatible encoding).
    ControlBytes { count: usize, checked: usize },
    /// Byte entropy (in thousandths of a bit per byte) of random or
    /// compressed data.
    Entropy { millibits: u32, checked: usize },
    /// UTF-16 that decodes to few characters of text.
    NotUtf16Text { bad: usize, checked: usize },
}

impl fmt::Display for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Evidence::Signature { media_type } => write!(f, "{media_type} by its signature"),
            Evidence::ControlBytes { count, checked } => {
                write!(f, "{count} control bytes in the first {checked} bytes")
            }
            Evidence::Entropy { millibits, checked } => write!(
                f,
                "random or compressed data: {}.{:03} bits of entropy per byte in the first {checked} bytes",
                millibits / 1000,
                millibits % 1000
            ),
            Evidence::NotUtf16Text { bad, checked } => {
                write!(f, "UTF-16 whose first {checked} characters hold {bad} that are no text")
            }
        }
    }
}

/// Binary evidence in `bytes` (an input as given, before any decoding),
/// or `None` for what may be text. UTF-16 (with a byte-order mark, or told
/// by its NUL bytes) is left to [`not_utf16_text`], after transcoding; a
/// signature is looked for first, as binary formats have NUL bytes too.
pub fn detect(bytes: &[u8]) -> Option<Evidence> {
    let head = &bytes[..bytes.len().min(HEAD_BYTES)];
    if matches!(head, [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..]) {
        return None;
    }
    if let Some(media_type) = signature(head) {
        return Some(Evidence::Signature { media_type });
    }
    if super::utf16_without_bom(head).is_some() {
        return None;
    }
    // One pass over the head: the byte histogram gives the control bytes,
    // the NULs and the entropy.
    let counts = histogram(head);
    let count = (0..=255u8).filter(|&b| is_control_byte(b)).map(|b| counts[usize::from(b)]).sum();
    let nuls = counts[0];
    let share = |n: usize, limit: f64| n >= CONTROL_MIN && n as f64 > limit * head.len() as f64;
    if share(count, CONTROL_SHARE) || share(nuls, NUL_SHARE) {
        return Some(Evidence::ControlBytes { count, checked: head.len() });
    }
    if head.len() >= ENTROPY_MIN_BYTES {
        let bits = entropy(&counts, head.len());
        if bits >= ENTROPY_BITS {
            return Some(Evidence::Entropy { millibits: (bits * 1000.0) as u32, checked: head.len() });
        }
    }
    None
}

/// Binary evidence in the text that UTF-16 bytes decoded to: random bytes
/// behind a BOM decode without error into CJK, private-use characters and
/// broken surrogates.
pub fn not_utf16_text(text: &str) -> Option<Evidence> {
    let (mut checked, mut bad) = (0usize, 0usize);
    for c in text.chars().take(HEAD_BYTES / 2) {
        checked += 1;
        if is_no_text(c) {
            bad += 1;
        }
    }
    (bad >= CONTROL_MIN && bad as f64 > UTF16_BAD_SHARE * checked as f64).then_some(Evidence::NotUtf16Text { bad, checked })
}

/// A character that text does not hold: the replacement character,
/// private-use and non-characters, controls other than whitespace.
fn is_no_text(c: char) -> bool {
    let u = c as u32;
    c == char::REPLACEMENT_CHARACTER
        || (c.is_control() && !c.is_whitespace())
        || (0xE000..=0xF8FF).contains(&u)
        || u >= 0xF0000
        || (0xFDD0..=0xFDEF).contains(&u)
        || (u & 0xFFFE) == 0xFFFE
}

/// A byte that is a control character in every ASCII-compatible encoding:
/// C0 but for whitespace (tab, line feed, vertical tab, form feed, carriage
/// return) and the escape and shift bytes of the ISO-2022 encodings; DEL.
fn is_control_byte(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | 0x0E | 0x0F | 0x1B)) || b == 0x7F
}

fn control_bytes(head: &[u8]) -> usize {
    head.iter().filter(|&&b| is_control_byte(b)).count()
}

/// How many times each byte value occurs in `head`.
fn histogram(head: &[u8]) -> [usize; 256] {
    let mut counts = [0usize; 256];
    for &b in head {
        counts[b as usize] += 1;
    }
    counts
}

/// Shannon entropy of a byte distribution (`counts` of `len` bytes), in bits per byte.
fn entropy(counts: &[usize; 256], len: usize) -> f64 {
    let n = len as f64;
    counts.iter().filter(|&&c| c > 0).map(|&c| c as f64 / n).map(|p| -p * p.log2()).sum()
}

/// Signatures of formats that are text underneath but no page or dump.
const TEXT_FORMATS: [(&[u8], &str); 5] = [
    (b"%PDF-", "application/pdf"),
    (b"%!PS-Adobe-", "application/postscript"),
    (b"{\\rtf", "application/rtf"),
    (b"-----BEGIN ", "application/x-pem-file"),
    (b"!<arch>\n", "application/x-archive"),
];

/// The media type of a binary format `head` starts with. A text can start
/// like a short signature (`MZ`, `ID3`, `BZh`, `%!`): such a match counts
/// only when the head also holds a control byte.
fn signature(head: &[u8]) -> Option<&'static str> {
    if let Some((_, media_type)) = TEXT_FORMATS.iter().find(|(magic, _)| head.starts_with(magic)) {
        return Some(media_type);
    }
    let kind = infer::get(head)?;
    if kind.matcher_type() == infer::MatcherType::Text {
        return None;
    }
    (control_bytes(head) > 0 || head.contains(&0)).then_some(kind.mime_type())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_need_binary_bytes_when_text_could_start_so() {
        assert_eq!(detect(b"GIF89a\x28\x00\x28\x00\xf7\x00\x00"), Some(Evidence::Signature { media_type: "image/gif" }));
        assert_eq!(detect(b"\xfd7zXZ\x00\x00\x04\xe6\xd6\xb4F"), Some(Evidence::Signature { media_type: "application/x-xz" }));
        assert_eq!(detect(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), Some(Evidence::Signature { media_type: "application/pdf" }));
        assert_eq!(detect(b"MZ Wallace bags are made in New York.\n\nMore text."), None);
        assert_eq!(detect(b"BZh, said the bee.\n"), None);
        assert_eq!(detect(b"SQLite is a database engine.\n"), None);
        assert_eq!(detect(b"<!doctype html><p>%PDF is how a PDF starts</p>"), None);
    }

    #[test]
    fn control_bytes_and_entropy() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let random: Vec<u8> = (0..4096)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8
            })
            .collect();
        assert!(matches!(detect(&random), Some(Evidence::ControlBytes { .. })));
        let printable: Vec<u8> = random.iter().map(|&b| 0x20 + b % 0xE0).filter(|&b| b != 0x7F).collect();
        assert!(matches!(detect(&printable), Some(Evidence::Entropy { .. })), "{:?}", detect(&printable));
        assert_eq!(detect("Grüße aus Köln.\tTab\r\n\x0c".as_bytes()), None);
        assert_eq!(detect(b"one stray \x07 bell"), None);
        let (jis, _, _) = encoding_rs::ISO_2022_JP.encode("日本語の文章です。");
        assert_eq!(detect(&jis), None);
    }

    #[test]
    fn random_utf16_is_not_text() {
        let random: String = (0..1000u32).map(|i| char::from_u32(0xE000 + i * 7 % 0x1800).unwrap_or('x')).collect();
        assert!(not_utf16_text(&random).is_some());
        assert_eq!(not_utf16_text("日本語の文章です。Grüße."), None);
    }
}
