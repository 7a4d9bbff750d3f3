//! The 7-bit Chinese and Korean encodings the WHATWG standard maps to its
//! `replacement` encoding (HZ-GB-2312, ISO-2022-KR, ISO-2022-CN): a browser
//! shows such a page as one U+FFFD, because their shift sequences can hide
//! markup from a filter. pith runs no script, so it reads them: each
//! shifted run is GB2312 or KS X 1001 with the high bit cleared, decoded by
//! `encoding_rs`'s GBK and EUC-KR. CNS 11643 (ISO-2022-CN's traditional
//! planes), which `encoding_rs` does not know, becomes U+FFFD.

use encoding_rs::{Encoding, EUC_KR, GBK};

/// A 7-bit encoding of this module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SevenBit {
    /// `~{` ... `~}` around GB2312 (RFC 1843).
    Hz,
    /// SO ... SI around KS X 1001 after `ESC $ ) C` (RFC 1557).
    Iso2022Kr,
    /// SO ... SI around GB2312 after `ESC $ ) A` (RFC 1922; CNS planes not read).
    Iso2022Cn,
}

impl SevenBit {
    /// The encoding a charset label names, if one of these.
    pub fn for_label(label: &str) -> Option<Self> {
        let l = label.trim().to_ascii_lowercase();
        match l.as_str() {
            "hz-gb-2312" | "hz" => Some(SevenBit::Hz),
            "iso-2022-kr" | "csiso2022kr" => Some(SevenBit::Iso2022Kr),
            "iso-2022-cn" | "iso-2022-cn-ext" => Some(SevenBit::Iso2022Cn),
            _ => None,
        }
    }

    /// The encoding 7-bit bytes announce by their designator sequence
    /// (ISO-2022-KR and -CN; HZ has none and is read only when declared).
    pub fn announced(bytes: &[u8]) -> Option<Self> {
        let find = |needle: &[u8]| memchr::memmem::find(bytes, needle).is_some();
        if find(b"\x1b$)C") {
            Some(SevenBit::Iso2022Kr)
        } else if find(b"\x1b$)A") {
            Some(SevenBit::Iso2022Cn)
        } else {
            None
        }
    }

    /// The WHATWG-style name, as `Decoded::encoding` reports it.
    pub fn name(self) -> &'static str {
        match self {
            SevenBit::Hz => "HZ-GB-2312",
            SevenBit::Iso2022Kr => "ISO-2022-KR",
            SevenBit::Iso2022Cn => "ISO-2022-CN",
        }
    }

    /// Decode 7-bit `bytes`; the flag says whether anything was replaced.
    pub fn decode(self, bytes: &[u8]) -> (String, bool) {
        match self {
            SevenBit::Hz => decode_hz(bytes),
            SevenBit::Iso2022Kr => decode_shifted(bytes, EUC_KR),
            SevenBit::Iso2022Cn => decode_shifted(bytes, GBK),
        }
    }
}

/// Two-byte codes with their high bits set, decoded by `enc`, onto `out`.
fn push_double(out: &mut String, run: &[u8], enc: &'static Encoding) -> bool {
    let high: Vec<u8> = run.iter().map(|b| b | 0x80).collect();
    let (text, errors) = enc.decode_without_bom_handling(&high);
    out.push_str(&text);
    errors
}

/// HZ: `~{` enters GB mode, `~}` leaves it, `~~` is a tilde, `~` and a
/// line break is a line continuation.
fn decode_hz(bytes: &[u8]) -> (String, bool) {
    let (mut out, mut errors, mut gb) = (String::with_capacity(bytes.len()), false, false);
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1).copied()) {
            (b'~', Some(b'{')) => gb = true,
            (b'~', Some(b'}')) => gb = false,
            (b'~', Some(b'~')) => out.push('~'),
            (b'~', Some(b'\n')) => {}
            (b, _) if gb && b >= 0x21 && b != b'~' => {
                let end = (i..bytes.len()).find(|&j| bytes[j] == b'~' || bytes[j] < 0x21).unwrap_or(bytes.len());
                errors |= push_double(&mut out, &bytes[i..end], GBK);
                i = end;
                continue;
            }
            (b, _) => {
                out.push(char::from(b));
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    (out, errors)
}

/// ISO-2022-KR/CN: designator sequences (`ESC $ ) X`, `ESC $ * X`) are
/// dropped, SO shifts to the double-byte set, SI back to ASCII; SS2 (`ESC
/// N`) codes of CNS 11643 plane 2 become U+FFFD.
fn decode_shifted(bytes: &[u8], enc: &'static Encoding) -> (String, bool) {
    const SO: u8 = 0x0E;
    const SI: u8 = 0x0F;
    const ESC: u8 = 0x1B;
    let (mut out, mut errors, mut shifted) = (String::with_capacity(bytes.len()), false, false);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            ESC if bytes[i + 1..].starts_with(b"$)") || bytes[i + 1..].starts_with(b"$*") || bytes[i + 1..].starts_with(b"$+") => i += 4,
            ESC if bytes.get(i + 1) == Some(&b'N') => {
                out.push(char::REPLACEMENT_CHARACTER);
                errors = true;
                i += 4;
            }
            SO => {
                shifted = true;
                i += 1;
            }
            SI | b'\n' | b'\r' => {
                shifted = false;
                if bytes[i] != SI {
                    out.push(char::from(bytes[i]));
                }
                i += 1;
            }
            b if shifted && b >= 0x21 => {
                let end = (i..bytes.len()).find(|&j| bytes[j] < 0x21).unwrap_or(bytes.len());
                errors |= push_double(&mut out, &bytes[i..end], enc);
                i = end;
            }
            b => {
                out.push(char::from(b));
                i += 1;
            }
        }
    }
    (out, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` in GB2312 or KS X 1001 with the high bits cleared.
    fn seven_bit(enc: &'static Encoding, text: &str) -> Vec<u8> {
        enc.encode(text).0.iter().map(|b| b & 0x7F).collect()
    }

    #[test]
    fn hz() {
        let mut bytes = b"Title ~~ ~{".to_vec();
        bytes.extend(seven_bit(GBK, "人人生而自由"));
        bytes.extend(b"~} end~\nnext");
        assert_eq!(SevenBit::Hz.decode(&bytes), ("Title ~ 人人生而自由 endnext".to_owned(), false));
    }

    #[test]
    fn iso_2022_kr_and_cn() {
        let mut kr = b"\x1b$)C<p>\x0e".to_vec();
        kr.extend(seven_bit(EUC_KR, "모든 인간은"));
        kr.extend(b"\x0f.</p>");
        assert_eq!(SevenBit::announced(&kr), Some(SevenBit::Iso2022Kr));
        assert_eq!(SevenBit::Iso2022Kr.decode(&kr), ("<p>모든 인간은.</p>".to_owned(), false));
        let mut cn = b"\x1b$)A\x0e".to_vec();
        cn.extend(seven_bit(GBK, "人人生而自由"));
        cn.extend(b"\x0f!");
        assert_eq!(SevenBit::announced(&cn), Some(SevenBit::Iso2022Cn));
        assert_eq!(SevenBit::Iso2022Cn.decode(&cn).0, "人人生而自由!");
    }
}
