//! Whitespace tokenization: `str::split_whitespace`'s words, found faster.
//!
//! `split_whitespace` decodes every char to test it for Unicode
//! `White_Space`. Every whitespace char outside ASCII starts with one of
//! four UTF-8 lead bytes (`C2`, `E1`, `E2`, `E3`), so [`words`] steps over
//! bytes and decodes only at those. The words are exactly
//! `split_whitespace`'s; the feature code and the HTML walk split every
//! block and text node this way.

use crate::{bytescan, chars};

/// The words of `s`: what `s.split_whitespace()` yields, in order.
pub fn words(s: &str) -> Words<'_> {
    Words { s, pos: 0 }
}

/// Iterator of [`words`].
#[derive(Debug, Clone)]
pub struct Words<'a> {
    s: &'a str,
    pos: usize,
}

/// Whether an ASCII byte is whitespace as `char::is_whitespace` says
/// (U+0009..=U+000D and U+0020; `u8::is_ascii_whitespace` leaves out U+000B).
pub const fn ascii_whitespace(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// Lead bytes of the non-ASCII whitespace chars (U+0085, U+00A0; U+1680;
/// U+2000..U+205F; U+3000).
const fn may_start_whitespace(b: u8) -> bool {
    matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

impl<'a> Words<'a> {
    /// The length of the whitespace char at byte `i`, or 0 if the char there
    /// is not whitespace. `i` is on a char boundary.
    fn whitespace_at(&self, i: usize) -> usize {
        let b = self.s.as_bytes()[i];
        if b < 0x80 {
            return ascii_whitespace(b) as usize;
        }
        if !may_start_whitespace(b) {
            return 0;
        }
        match self.s.get(i..).and_then(|rest| rest.chars().next()) {
            Some(c) if c.is_whitespace() => c.len_utf8(),
            _ => 0,
        }
    }
}

/// What a byte can be to the tokenizer: [`WORD`] (ASCII not whitespace, or
/// a UTF-8 byte that starts or continues no whitespace char), [`SPACE`]
/// (ASCII whitespace), [`MAYBE`] (a lead byte of some non-ASCII whitespace).
static CLASS: [u8; 256] = {
    let mut t = [WORD; 256];
    let mut b = 0;
    while b < 256 {
        if b < 0x80 && ascii_whitespace(b as u8) {
            t[b] = SPACE;
        } else if may_start_whitespace(b as u8) {
            t[b] = MAYBE;
        }
        b += 1;
    }
    t
};
const WORD: u8 = 0;
const SPACE: u8 = 1;
const MAYBE: u8 = 2;

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.s.as_bytes();
        let mut i = self.pos;
        // Skip whitespace, a whole char at a time: `i` stays on a boundary.
        while i < bytes.len() {
            match CLASS[bytes[i] as usize] {
                WORD => break,
                SPACE => i += 1,
                _ => match self.whitespace_at(i) {
                    0 => break,
                    n => i += n,
                },
            }
        }
        if i >= bytes.len() {
            self.pos = i;
            return None;
        }
        let start = i;
        // Scan to the next whitespace char. Continuation bytes (0x80..=0xBF)
        // are neither ASCII nor lead bytes, so stepping a byte at a time
        // only ever tests boundaries.
        i += 1;
        while i < bytes.len() {
            match CLASS[bytes[i] as usize] {
                WORD => i += 1,
                SPACE => break,
                _ if self.whitespace_at(i) > 0 => break,
                _ => i += 1,
            }
        }
        self.pos = i;
        self.s.get(start..i)
    }
}

/// `text.to_lowercase()`, found faster: runs of ASCII are lowered a byte at
/// a time, other chars one by one. Only a capital sigma lowers by its
/// context (`ς` at a word's end); a text with one goes to `to_lowercase`.
pub fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    if bytescan::contains_char(text, 'Σ') {
        return text.to_lowercase();
    }
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        // The ASCII run: whole words of it skipped at once, then bytes.
        let bytes = rest.as_bytes();
        let mut ascii = bytescan::plain_len(bytes, 0, 0);
        ascii += bytes[ascii..].iter().position(|&b| b >= 0x80).unwrap_or(bytes.len() - ascii);
        let from = out.len();
        out.extend_from_slice(&bytes[..ascii]);
        out[from..].make_ascii_lowercase();
        rest = &rest[ascii..];
        let Some(c) = rest.chars().next() else { break };
        let mut buf = [0u8; 4];
        match chars::lowercase_one(c) {
            Some(l) => out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes()),
            None => {
                for l in c.to_lowercase() {
                    out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
                }
            }
        }
        rest = &rest[c.len_utf8()..];
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_words_as_split_whitespace() {
        let samples = [
            "",
            " ",
            "one",
            "  two  words ",
            "tab\tand\nnew\rline\x0bvt\x0cff",
            "nbsp\u{a0}here\u{85}nel",
            "em\u{2003}space\u{2028}ls\u{3000}ideographic\u{1680}ogham\u{205f}mm\u{202f}nnbsp",
            "not\u{200b}space\u{feff}either",
            "Grüße aus München — ça va? 你好 世界 🙂 ok",
            "\u{a0}\u{a0}lead and trail\u{3000}",
            "\u{a1}\u{e1}\u{2010}\u{30a2}",
        ];
        for s in samples {
            assert_eq!(words(s).collect::<Vec<_>>(), s.split_whitespace().collect::<Vec<_>>(), "{s:?}");
        }
    }

    #[test]
    fn lowercase_is_to_lowercase() {
        let samples = ["", "ABC def", "Grüße AUS MÜNCHEN", "ΟΔΥΣΣΕΥΣ ΣΑΣ", "İSTANBUL Iı", "ǅemal ẞ Ꭰ", "MIXED “Quotes” — ЖУК 你好"];
        for s in samples {
            assert_eq!(lowercase(s), s.to_lowercase(), "{s:?}");
        }
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = format!("A{c}b{c}");
            assert_eq!(lowercase(&s), s.to_lowercase(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn every_char_agrees_on_whitespace() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            assert_eq!(words(&s).count(), s.split_whitespace().count(), "U+{:04X}", c as u32);
        }
    }
}
