//! Is a payload HTML? By its declared media type, or by a look at its first
//! bytes when the type is missing or says nothing.

/// Media types taken as HTML without looking.
const HTML_TYPES: [&str; 2] = ["text/html", "application/xhtml+xml"];
/// Media types that say nothing; such payloads are sniffed.
const GENERIC_TYPES: [&str; 5] =
    ["application/octet-stream", "binary/octet-stream", "application/unknown", "unknown/unknown", "*/*"];
/// How far into a payload the HTML markers are looked for.
const SNIFF_WINDOW: usize = 1024;
/// Markers of an HTML document, matched case-insensitively.
const HTML_MARKERS: [&[u8]; 4] = [b"<!doctype", b"<html", b"<head", b"<body"];
/// Skipped before sniffing.
const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";

/// A media type that is HTML.
pub(super) fn is_html_type(media: Option<&str>) -> bool {
    media.is_some_and(|t| HTML_TYPES.contains(&t))
}

/// An HTML media type, or one that says nothing (missing, generic).
pub(super) fn is_html_or_generic(media: Option<&str>) -> bool {
    media.is_none_or(|t| HTML_TYPES.contains(&t) || GENERIC_TYPES.contains(&t) || !t.contains('/'))
}

/// Whether a payload starts (after a BOM and whitespace) with markup and has
/// an HTML marker in its first [`SNIFF_WINDOW`] bytes.
pub(super) fn looks_like_html(body: &[u8]) -> bool {
    let body = body.strip_prefix(UTF8_BOM).unwrap_or(body);
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(body.len());
    let head = body.get(start..).unwrap_or_default();
    let window = head.get(..SNIFF_WINDOW).unwrap_or(head);
    head.starts_with(b"<")
        && HTML_MARKERS.iter().any(|marker| window.windows(marker.len()).any(|w| w.eq_ignore_ascii_case(marker)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types() {
        assert!(is_html_type(Some("application/xhtml+xml")) && !is_html_type(None));
        for generic in [None, Some("text/html"), Some("application/octet-stream"), Some("html"), Some("*/*")] {
            assert!(is_html_or_generic(generic), "{generic:?}");
        }
        assert!(!is_html_or_generic(Some("image/png")) && !is_html_or_generic(Some("text/plain")));
    }

    #[test]
    fn sniffing() {
        for html in ["<!DOCTYPE html>", "\u{feff} \n<html lang=en>", "<?xml version=\"1.0\"?><HTML>", "<!-- x --><body>"] {
            assert!(looks_like_html(html.as_bytes()), "{html:?}");
        }
        let late = format!("<p>{}<html>", "x".repeat(SNIFF_WINDOW));
        for other in ["", "   ", "text <html>", "<svg></svg>", "{\"html\": 1}", late.as_str()] {
            assert!(!looks_like_html(other.as_bytes()), "{other:?}");
        }
    }
}
