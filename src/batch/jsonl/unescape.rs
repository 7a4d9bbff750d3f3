//! Decoding a JSON string literal for content, leniently: a lone UTF-16
//! surrogate escape (`"\ud800"`, which Python's `json` and JavaScript write
//! and read but strict JSON readers refuse) becomes U+FFFD instead of
//! failing its line. Only content (`html`, `text`, `url`) is decoded this
//! way; pass-through fields are kept as written.

/// The replacement for an escape that is not a Unicode scalar value.
const REPLACEMENT: char = '\u{fffd}';

/// The text of `raw`, a JSON string literal with its quotes (already
/// checked as JSON by serde_json, which lets lone surrogates through in raw
/// values). Lone surrogate escapes become U+FFFD.
pub(super) fn decode_string(raw: &str) -> String {
    match serde_json::from_str::<String>(raw) {
        Ok(text) => text,
        Err(_) => decode_lossy(raw),
    }
}

/// The slow path of [`decode_string`]: unescape by hand, pairing surrogates.
fn decode_lossy(raw: &str) -> String {
    let inner = raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')).unwrap_or(raw);
    let mut out = String::with_capacity(inner.len());
    // A high surrogate waiting for its low half.
    let mut high: Option<u32> = None;
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            flush(&mut high, &mut out);
            out.push(c);
            continue;
        }
        let Some(escape) = chars.next() else { break };
        if escape != 'u' {
            flush(&mut high, &mut out);
            out.push(match escape {
                'b' => '\u{8}',
                'f' => '\u{c}',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                other => other,
            });
            continue;
        }
        let hex: String = chars.by_ref().take(4).collect();
        let Ok(unit) = u32::from_str_radix(&hex, 16) else {
            flush(&mut high, &mut out);
            out.push(REPLACEMENT);
            continue;
        };
        match (unit, high) {
            (0xdc00..=0xdfff, Some(h)) => {
                high = None;
                out.push(char::from_u32(0x10000 + ((h - 0xd800) << 10) + (unit - 0xdc00)).unwrap_or(REPLACEMENT));
            }
            (0xd800..=0xdbff, _) => {
                flush(&mut high, &mut out);
                high = Some(unit);
            }
            _ => {
                flush(&mut high, &mut out);
                out.push(char::from_u32(unit).unwrap_or(REPLACEMENT));
            }
        }
    }
    flush(&mut high, &mut out);
    out
}

/// A high surrogate with no low half after it is a U+FFFD.
fn flush(high: &mut Option<u32>, out: &mut String) {
    if high.take().is_some() {
        out.push(REPLACEMENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_lone_surrogates() {
        assert_eq!(decode_string(r#""plain \"q\" \u00e9 \ud83d\ude00""#), "plain \"q\" é 😀");
        assert_eq!(decode_string(r#""a\ud800b""#), "a\u{fffd}b");
        assert_eq!(decode_string(r#""\udc00\ud800""#), "\u{fffd}\u{fffd}");
        assert_eq!(decode_string(r#""\ud800\ud83d\ude00\n\t\/""#), "\u{fffd}😀\n\t/");
        assert_eq!(decode_lossy(r#""x\u00e9\ud83d\ude00\\""#), "xé😀\\");
    }
}
