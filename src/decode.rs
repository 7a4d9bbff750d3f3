//! Bytes to UTF-8 text.
//!
//! Order of evidence: a byte-order mark, then strict UTF-8, then a charset the
//! caller knows (an HTTP header, a `<meta charset>`), then detection with
//! `chardetng`. Text is never decoded blindly as UTF-8 with replacement when
//! it is not UTF-8. For HTML, [`decode_html`] finds the `<meta charset>` (or
//! `http-equiv` content type) in the page's first bytes and passes it as the
//! hint. 7-bit encodings (ISO-2022-JP/KR/CN, HZ) are decoded when declared or
//! announced by their escape sequences, though their bytes are valid UTF-8.
//! UTF-8 text that was wholly encoded twice is repaired ([`double_encoded`]).

use std::borrow::Cow;
use std::sync::LazyLock;

use encoding_rs::{Encoding, ISO_2022_JP, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use regex::bytes::Regex;

mod double_encoded;
mod seven_bit;

use seven_bit::SevenBit;

/// Text decoded from bytes, with the encoding that was used. Valid UTF-8
/// input is borrowed, not copied.
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// The WHATWG name of the encoding used (`UTF-8`, `windows-1252`, ...).
    pub encoding: &'static str,
    /// Some bytes were not valid in that encoding and were replaced.
    pub had_errors: bool,
}

/// Decode `bytes`, trusting `hint` (a charset label) only when the bytes are
/// not valid UTF-8 and carry no BOM, and only for what the bytes can be:
/// 7-bit bytes are the same text in every ASCII-compatible encoding and
/// are read as ISO-2022-JP, ISO-2022-KR/CN or HZ only when declared so or
/// when their escape sequences say so (HZ only declared); a UTF-16 label
/// on bytes that are no UTF-16 text, and a 7-bit encoding's label on 8-bit
/// bytes, are ignored. UTF-7, which the WHATWG standard does not know, is
/// left as its ASCII bytes, as browsers show it.
pub fn decode<'a>(bytes: &'a [u8], hint: Option<&str>) -> Decoded<'a> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(enc, &bytes[bom_len..]);
    }
    let hinted = hint.and_then(|label| Encoding::for_label(label.trim().as_bytes()));
    if bytes.is_ascii() {
        if let Some(seven) = hint.and_then(SevenBit::for_label).or_else(|| SevenBit::announced(bytes)) {
            let (text, had_errors) = seven.decode(bytes);
            return Decoded { text: Cow::Owned(text), encoding: seven.name(), had_errors };
        }
        if hinted == Some(ISO_2022_JP) || (memchr::memchr(ESC, bytes).is_some() && detect(bytes) == ISO_2022_JP) {
            return decode_with(ISO_2022_JP, bytes);
        }
        // ASCII is valid UTF-8.
        return utf8(std::str::from_utf8(bytes).unwrap_or_default());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return utf8(text);
    }
    // A declared UTF-8 that is not valid UTF-8 is a lie: detect instead.
    if let Some(enc) = hinted.filter(|&enc| enc != UTF_8 && can_be(enc, bytes)) {
        return decode_with(enc, bytes);
    }
    decode_with(detect(bytes), bytes)
}

/// The escape byte that starts ISO-2022-JP's shift sequences.
const ESC: u8 = 0x1B;

/// The encoding `chardetng` guesses (ISO-2022-JP allowed: pith runs no
/// script, so the reason browsers deny it does not apply).
///
/// Bytes with non-ASCII ones are fed as their non-ASCII runs with
/// [`DETECT_CONTEXT`] ASCII bytes on each side ([`non_ascii_spans`]): two
/// ASCII bytes side by side never count for `chardetng` but in ISO-2022-JP,
/// which a single non-ASCII byte rules out, so the guess is the same: the
/// unit test below; the ten trafilatura-dev pages that are not UTF-8 give
/// the same output; 350 trafilatura-dev and wcxb-dev pages encoded in each
/// of 17 legacy encodings (windows-125x, ISO-8859-x, KOI8-R, IBM866,
/// Shift_JIS, EUC-JP, GBK, Big5, EUC-KR, windows-874) gave the same guess
/// both ways, 5,180 of 5,180 (session 26). `chardetng` costs about a
/// thousand instructions a byte: a 100 KB page in windows-1252 cost 122 M
/// instructions whole, more than the rest of its extraction (callgrind,
/// session 26).
fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
    if bytes.is_ascii() {
        detector.feed(bytes, true);
    } else {
        for (start, end) in non_ascii_spans(bytes) {
            detector.feed(&bytes[start..end], false);
        }
        detector.feed(&[], true);
    }
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

/// ASCII bytes fed to `chardetng` on each side of a run of non-ASCII ones:
/// it reads pairs of bytes, so one would do; a few keep a word's letters.
const DETECT_CONTEXT: usize = 4;

/// The spans of `bytes` that hold its non-ASCII runs with up to
/// [`DETECT_CONTEXT`] ASCII bytes on each side, in order, merged where they
/// touch: what lies between two spans is ASCII.
fn non_ascii_spans(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while let Some(offset) = bytes[at..].iter().position(|b| !b.is_ascii()) {
        let run_start = at + offset;
        let run_end = bytes[run_start..].iter().position(u8::is_ascii).map_or(bytes.len(), |n| run_start + n);
        let (start, end) = (run_start.saturating_sub(DETECT_CONTEXT), (run_end + DETECT_CONTEXT).min(bytes.len()));
        match spans.last_mut() {
            Some(last) if last.1 >= start => last.1 = end,
            _ => spans.push((start, end)),
        }
        at = run_end;
    }
    spans
}

/// Whether non-ASCII bytes that are not UTF-8 can be in `enc`: not in the
/// `replacement` encoding (WHATWG's for ISO-2022-KR/CN and HZ, which it
/// will not decode), not in 7-bit ISO-2022-JP, and in UTF-16 only when
/// their head decodes to text and holds no markup readable as ASCII.
fn can_be(enc: &'static Encoding, bytes: &[u8]) -> bool {
    if enc == REPLACEMENT || enc == ISO_2022_JP {
        return false;
    }
    if enc != UTF_16LE && enc != UTF_16BE {
        return true;
    }
    let head = &bytes[..bytes.len().min(META_PRESCAN_BYTES) & !1];
    let (text, _) = enc.decode_without_bom_handling(head);
    crate::input::binary::not_utf16_text(&text).is_none() && !ASCII_MARKUP.is_match(head)
}

/// Markup readable as ASCII: bytes in an ASCII-compatible encoding, which
/// UTF-16 (`<\0p\0`) is not.
static ASCII_MARKUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)<(?:!doctype|html|head|body|meta|title|div|p|br|a|span|script|style|li|td)[\s/>]")
        .expect("ASCII markup pattern compiles")
});

/// Bytes of an HTML page searched for a `<meta charset>` declaration (the
/// HTML standard's prescan reads 1024; real pages put long scripts first).
const META_PRESCAN_BYTES: usize = 16 * 1024;

/// Most bytes other than `>` between `<meta` and its `charset`.
const META_CHARSET_REACH: usize = 512;
/// Most bytes of a declared charset's label.
const CHARSET_LABEL_MAX: usize = 40;

/// The charset an HTML page declares in its first bytes, if any: `<meta
/// charset="x">` and `<meta http-equiv="Content-Type" content="text/html;
/// charset=x">`, read as the pattern
/// `(?i-u)<meta\b[^>]{0,512}?charset\s*=\s*["']?\s*([a-z0-9_:.\-]{1,40})`
/// reads them (the first `<meta` with such a `charset`, its first such
/// `charset`). Scanned in code: compiling that pattern's bounded run cost
/// every process 2.5 M instructions, an eighth of a small page's start-up.
pub fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(META_PRESCAN_BYTES)];
    let mut from = 0;
    // The next `<meta` (any ASCII case) at or after `start`.
    let meta_at = |start: usize| {
        memchr::memchr_iter(b'<', head.get(start..)?).map(|i| start + i).find(|&i| head.get(i + 1..i + 5).is_some_and(|w| w.eq_ignore_ascii_case(b"meta")))
    };
    while let Some(at) = meta_at(from) {
        from = at + 1;
        let name_end = at + b"<meta".len();
        // `\b` after `meta`: the next byte, if any, is not an ASCII word byte.
        if head.get(name_end).is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_') {
            continue;
        }
        for skip in 0..=META_CHARSET_REACH {
            let Some(&b) = head.get(name_end + skip) else { break };
            if let Some(label) = charset_value(head, name_end + skip) {
                return Some(String::from_utf8_lossy(label).into_owned());
            }
            if b == b'>' {
                break;
            }
        }
    }
    None
}

/// The label of `charset = "x"` at `at` (any ASCII case, ASCII spaces, an
/// optional quote), if one is there.
fn charset_value(head: &[u8], at: usize) -> Option<&[u8]> {
    let rest = head.get(at..)?;
    if !rest.get(..7).is_some_and(|w| w.eq_ignore_ascii_case(b"charset")) {
        return None;
    }
    // `\s` without Unicode: tab, newline, vertical tab, form feed, return, space.
    let space = |b: &u8| matches!(b, b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ');
    let skip_space = |i: usize| i + rest[i..].iter().take_while(|b| space(b)).count();
    let mut i = skip_space(7);
    if rest.get(i) != Some(&b'=') {
        return None;
    }
    i = skip_space(i + 1);
    if matches!(rest.get(i), Some(b'"' | b'\'')) {
        i = skip_space(i + 1);
    }
    let label = rest[i..].iter().take(CHARSET_LABEL_MAX).take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b':' | b'.' | b'-')).count();
    (label > 0).then(|| &rest[i..i + label])
}

/// Decode an HTML page: BOM, strict UTF-8, the declared charset, detection.
/// `header_charset` is a charset from the transport (HTTP `Content-Type`),
/// which wins over the page's own declaration. A page declared UTF-8 with a
/// few broken bytes stays UTF-8 (the broken bytes replaced) when most of its
/// multi-byte sequences are valid; otherwise the declaration is a lie and
/// the encoding is detected.
pub fn decode_html<'a>(bytes: &'a [u8], header_charset: Option<&str>) -> Decoded<'a> {
    let declared = header_charset.map(str::to_owned).or_else(|| meta_charset(bytes).map(meta_label));
    let says_utf8 = declared.as_deref().and_then(|l| Encoding::for_label(l.trim().as_bytes())) == Some(UTF_8);
    if says_utf8 && Encoding::for_bom(bytes).is_none() {
        // Validated once here: valid UTF-8 is what `decode` would return too.
        match std::str::from_utf8(bytes) {
            Ok(text) => return utf8(text),
            Err(_) if mostly_utf8(bytes) => return decode_with(UTF_8, bytes),
            Err(_) => {}
        }
    }
    decode(bytes, declared.as_deref())
}

/// A label read from a page's own `<meta>` as the HTML standard's prescan
/// takes it: a page whose declaration could be read as ASCII is no UTF-16,
/// so a UTF-16 label means UTF-8 (the bytes then decide, see
/// [`decode_html`]); `x-user-defined` means windows-1252.
fn meta_label(label: String) -> String {
    match Encoding::for_label(label.trim().as_bytes()) {
        Some(enc) if enc == UTF_16LE || enc == UTF_16BE => UTF_8.name().to_owned(),
        Some(enc) if enc == encoding_rs::X_USER_DEFINED => WINDOWS_1252.name().to_owned(),
        _ => label,
    }
}

/// Valid UTF-8, borrowed, unless it is wholly UTF-8 encoded twice
/// ([`double_encoded`]), which is undone.
fn utf8(text: &str) -> Decoded<'_> {
    let text = match double_encoded::repair(text) {
        Some(repaired) => Cow::Owned(repaired),
        None => Cow::Borrowed(text),
    };
    Decoded { text, encoding: UTF_8.name(), had_errors: false }
}

/// Whether valid multi-byte UTF-8 sequences are at least as many as invalid
/// bytes: a windows-1252 page mislabelled UTF-8 has next to no valid
/// multi-byte sequence, a UTF-8 page with a few broken bytes has many.
fn mostly_utf8(mut bytes: &[u8]) -> bool {
    let (mut valid_multi, mut invalid) = (0usize, 0usize);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                valid_multi += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (good, rest) = bytes.split_at(e.valid_up_to());
                valid_multi += std::str::from_utf8(good).map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                invalid += 1;
                let skip = e.error_len().unwrap_or(rest.len()).max(1);
                bytes = &rest[skip.min(rest.len())..];
            }
        }
    }
    valid_multi >= invalid.max(1)
}

fn decode_with<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> Decoded<'a> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Decoded { text, encoding: enc.name(), had_errors }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_reads_as_its_pattern_reads() {
        let pattern = Regex::new(r#"(?i-u)<meta\b[^>]{0,512}?charset\s*=\s*["']?\s*([a-z0-9_:.\-]{1,40})"#).expect("compiles");
        let by_pattern = |b: &[u8]| {
            let head = &b[..b.len().min(META_PRESCAN_BYTES)];
            pattern.captures(head).and_then(|c| c.get(1)).map(|m| String::from_utf8_lossy(m.as_bytes()).into_owned())
        };
        let far = "x".repeat(META_CHARSET_REACH);
        let mut cases: Vec<Vec<u8>> = [
            r#"<meta charset="utf-8">"#,
            r#"<META HTTP-EQUIV="Content-Type" CONTENT="text/html; Charset=ISO-8859-1">"#,
            "<meta charset = ' windows-1252 '>",
            "<metadata charset=utf-8><meta charset=koi8-r>",
            "<meta_x charset=a><meta\tcharset=b>",
            "<meta name=x><p charset=utf-8>",
            "<meta content='a>b' charset=utf-8>",
            "<meta charset=><meta charset=\"\"><meta charset=gbk>",
            "<meta charsetx=1 charset=big5>",
            "<meta charset=\"",
            "<meta",
            "<<meta charset=shift_jis",
            "<meta charset=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa>",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect();
        cases.push(format!("<meta {}charset=euc-jp>", &far[1..]).into_bytes());
        cases.push(format!("<meta {far}charset=euc-jp>").into_bytes());
        cases.push(format!("<meta {far}xcharset=euc-jp>").into_bytes());
        cases.push(format!("<meta{far}charset=euc-jp>").into_bytes());
        cases.push(format!("{}<meta charset=utf-8>", " ".repeat(META_PRESCAN_BYTES - 10)).into_bytes());
        cases.push(b"<meta charset=\xff\xfeutf-8>".to_vec());
        // Deterministic random strings of the pieces that matter.
        let pieces: [&[u8]; 16] =
            [b"<meta", b"<META", b"<metax", b"charset", b"CharSet", b"=", b" ", b"\t", b"\"", b"'", b">", b"utf-8", b"x", b"_", b"<", b";"];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..5000 {
            let len = (state >> 59) as usize;
            let mut case = Vec::new();
            for _ in 0..len {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                case.extend_from_slice(pieces[(state % pieces.len() as u64) as usize]);
            }
            cases.push(case);
        }
        for case in &cases {
            assert_eq!(meta_charset(case), by_pattern(case), "{:?}", String::from_utf8_lossy(case));
        }
    }

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
    fn detection_reads_only_the_non_ascii_runs_and_guesses_the_same() {
        let whole = |bytes: &[u8]| {
            let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
            detector.feed(bytes, true);
            detector.guess(None, chardetng::Utf8Detection::Allow)
        };
        let markup = "<p class=\"story\">Plain words between tags, and more of them.</p>\n".repeat(40);
        for (enc, text) in [
            (encoding_rs::WINDOWS_1252, "Die Straße führt über die Brücke nach München, wo es schön ist."),
            (encoding_rs::WINDOWS_1251, "Привет, как дела? Это текст на русском языке для проверки."),
            (encoding_rs::SHIFT_JIS, "これは日本語の文章です。天気がいいですね。"),
            (encoding_rs::EUC_KR, "한국어 문장입니다. 날씨가 좋네요."),
            (encoding_rs::GBK, "这是一个中文句子，今天天气很好。"),
            (encoding_rs::ISO_8859_7, "Αυτό είναι ένα ελληνικό κείμενο."),
            (encoding_rs::WINDOWS_1250, "Příliš žluťoučký kůň úpěl ďábelské ódy."),
        ] {
            let (encoded, _, _) = enc.encode(text);
            let mut page = markup.as_bytes().to_vec();
            page.extend_from_slice(&encoded);
            page.extend_from_slice(markup.as_bytes());
            page.extend_from_slice(&encoded);
            assert_eq!(detect(&page), whole(&page), "{}", enc.name());
        }
        let spans = non_ascii_spans(b"abcdefgh\xe9ij klmnopqrstu\xfc\xfcv");
        assert_eq!(spans, [(4, 13), (19, 26)]);
        assert!(spans.windows(2).all(|w| w[0].1 < w[1].0));
        assert_eq!(non_ascii_spans(b"\xe9a\xe9"), [(0, 3)]);
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
    fn html_meta_charset_is_read() {
        let mut page = b"<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1251'></head><body>".to_vec();
        let (body, _, _) = encoding_rs::WINDOWS_1251.encode("Привет, мир");
        page.extend_from_slice(&body);
        assert_eq!(meta_charset(&page).as_deref(), Some("windows-1251"));
        assert!(decode_html(&page, None).text.contains("Привет, мир"));
    }

    #[test]
    fn html_declared_utf8_with_a_broken_byte_stays_utf8() {
        let mut page = "<meta charset=utf-8><p>Grüße aus München, schöne Grüße".as_bytes().to_vec();
        page.push(0xFF);
        let d = decode_html(&page, None);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains("Grüße aus München"));
    }

    #[test]
    fn hint_used_for_non_utf8() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("日本語のテキスト");
        let d = decode(&bytes, Some("shift_jis"));
        assert_eq!(d.text, "日本語のテキスト");
    }
}

