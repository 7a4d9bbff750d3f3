//! What kind of input a byte string is: HTML page or text dump.

use serde::Serialize;

/// The input kinds pith reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Decide from the bytes ([`sniff`]).
    #[default]
    Auto,
    Html,
    Text,
}

/// Bytes looked at when sniffing.
const SNIFF_BYTES: usize = 4096;

/// HTML or text, from the first bytes: an HTML page opens with a doctype or
/// one of `<html>`, `<head>`, `<body>`, or is dense with closing tags.
pub fn sniff(bytes: &[u8]) -> InputFormat {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    // ASCII lowercasing finds the same ASCII markers as full lowercasing: no
    // char outside ASCII lowercases to one of their letters (only to `i`, `k`).
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let start = head.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let opens_html = ["<!doctype html", "<html", "<head", "<body", "<?xml"].iter().any(|p| start.starts_with(p));
    let has_root = head.contains("<html") || head.contains("<body") || head.contains("<!doctype html");
    let closing_tags = head.matches("</").count();
    if opens_html || (start.starts_with('<') && (has_root || closing_tags >= 3)) || closing_tags >= 20 {
        InputFormat::Html
    } else {
        InputFormat::Text
    }
}

/// NUL bytes in the first bytes of `bytes` (binary inputs have many; UTF-16
/// text has them too but carries a BOM).
pub fn nul_bytes(bytes: &[u8]) -> (usize, usize) {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    (head.iter().filter(|&&b| b == 0).count(), head.len())
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
