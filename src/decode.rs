//! Bytes to UTF-8 text.
//!
//! Order of evidence: a byte-order mark, then strict UTF-8, then a charset the
//! caller knows (an HTTP header, a `<meta charset>`), then detection with
//! `chardetng`. Text is never decoded blindly as UTF-8 with replacement when
//! it is not UTF-8. This module does not look inside the text (the HTML front
//! end finds `<meta charset>` itself and passes it as a hint).

use encoding_rs::{Encoding, UTF_8};

/// Text decoded from bytes, with the encoding that was used.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// The WHATWG name of the encoding used (`UTF-8`, `windows-1252`, ...).
    pub encoding: &'static str,
    /// Some bytes were not valid in that encoding and were replaced.
    pub had_errors: bool,
}

/// Decode `bytes`, trusting `hint` (a charset label) only when the bytes are
/// not valid UTF-8 and carry no BOM.
pub fn decode(bytes: &[u8], hint: Option<&str>) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(enc, &bytes[bom_len..]);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded { text: text.to_owned(), encoding: UTF_8.name(), had_errors: false };
    }
    if let Some(enc) = hint.and_then(|label| Encoding::for_label(label.trim().as_bytes())) {
        // A declared UTF-8 that is not valid UTF-8 is a lie: detect instead.
        if enc != UTF_8 {
            return decode_with(enc, bytes);
        }
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    decode_with(detector.guess(None, chardetng::Utf8Detection::Allow), bytes)
}

fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Decoded { text: text.into_owned(), encoding: enc.name(), had_errors }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let d = decode("Grüße".as_bytes(), None);
        assert_eq!(d.text, "Grüße");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn bom_wins_and_is_stripped() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Añ".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&bytes, Some("windows-1252"));
        assert_eq!(d.text, "Añ");
        assert_eq!(d.encoding, "UTF-16LE");
    }

    #[test]
    fn latin1_is_detected_not_replaced() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("Die Straße führt über die Brücke nach München, wo es schön ist.");
        let d = decode(&bytes, None);
        assert!(d.text.contains("Straße führt über"), "{}", d.text);
        assert!(!d.had_errors);
    }

    #[test]
    fn cyrillic_windows_1251_is_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251
            .encode("Министр иностранных дел заявил, что это совершенно неприемлемо для России.");
        let d = decode(&bytes, None);
        assert!(d.text.contains("неприемлемо"), "{}", d.text);
    }

    #[test]
    fn hint_used_for_non_utf8() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("日本語のテキスト");
        let d = decode(&bytes, Some("shift_jis"));
        assert_eq!(d.text, "日本語のテキスト");
    }
}
