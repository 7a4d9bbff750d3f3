//! UTF-8 decoded once too often ("mojibake"): a page's UTF-8 bytes read as
//! Latin-1 or windows-1252 and written out again as UTF-8, so that "—"
//! (E2 80 94) reads "â€”" and "é" reads "Ã©". A scraper or a database
//! that guessed the charset wrong leaves whole pages so; the bytes are
//! valid UTF-8, so decoding cannot notice.
//!
//! The repair is the one `ftfy` makes for such text, taken only when it is
//! sure: every non-ASCII character of the text must be the Latin-1 or
//! windows-1252 reading of one byte, and those bytes, put back, must be
//! valid UTF-8. A page written in a Latin script has letters such as "é"
//! followed by ASCII, which no UTF-8 sequence allows, and fails at once; a
//! page with any character beyond those two tables (a CJK or Cyrillic
//! letter, an emoji, a "€" written as itself next to "Ã©") is left alone.
//! Pages mixing good and doubly encoded text are left alone too.
//!
//! This module repairs a whole text or nothing; it does not detect charsets.

/// The windows-1252 characters of bytes 0x80 to 0x9F (the five bytes it
/// leaves undefined read as the C1 controls, as Latin-1 reads them all).
const WINDOWS_1252_HIGH: [(char, u8); 27] = [
    ('€', 0x80),
    ('‚', 0x82),
    ('ƒ', 0x83),
    ('„', 0x84),
    ('…', 0x85),
    ('†', 0x86),
    ('‡', 0x87),
    ('ˆ', 0x88),
    ('‰', 0x89),
    ('Š', 0x8A),
    ('‹', 0x8B),
    ('Œ', 0x8C),
    ('Ž', 0x8E),
    ('‘', 0x91),
    ('’', 0x92),
    ('“', 0x93),
    ('”', 0x94),
    ('•', 0x95),
    ('–', 0x96),
    ('—', 0x97),
    ('˜', 0x98),
    ('™', 0x99),
    ('š', 0x9A),
    ('›', 0x9B),
    ('œ', 0x9C),
    ('ž', 0x9E),
    ('Ÿ', 0x9F),
];

/// The byte a Latin-1 or windows-1252 reading turned into `c`.
fn byte_of(c: char) -> Option<u8> {
    match u32::from(c) {
        // Latin-1 (and the C1 controls windows-1252 leaves undefined).
        x @ 0..=0xFF => Some(x as u8),
        _ => WINDOWS_1252_HIGH.iter().find(|(w, _)| *w == c).map(|&(_, b)| b),
    }
}

/// Whether the bytes `text`'s characters stand for could be UTF-8 with at
/// least one multi-byte sequence: a quick pass that stops at the first
/// character that cannot be (most texts stop at their first non-ASCII
/// letter). [`repair`] validates the bytes for real afterwards.
fn could_be_utf8(text: &str) -> bool {
    let mut continuations = 0u8;
    let mut sequences = 0usize;
    for c in text.chars() {
        if c.is_ascii() {
            if continuations > 0 {
                return false;
            }
            continue;
        }
        let Some(b) = byte_of(c) else { return false };
        if continuations > 0 {
            if !(0x80..=0xBF).contains(&b) {
                return false;
            }
            continuations -= 1;
            continue;
        }
        continuations = match b {
            0xC2..=0xDF => 1,
            0xE0..=0xEF => 2,
            0xF0..=0xF4 => 3,
            _ => return false,
        };
        sequences += 1;
    }
    continuations == 0 && sequences > 0
}

/// Encodings undone at most: text encoded three or four times is still
/// met; each round shortens the text, and the bound keeps a crafted page
/// from costing more than a few passes over itself.
const MAX_ROUNDS: usize = 3;

/// `text` with its doubly encoded UTF-8 undone (up to [`MAX_ROUNDS`] times,
/// for text encoded more than twice), or `None` when it is not wholly so.
pub fn repair(text: &str) -> Option<String> {
    let mut repaired: Option<String> = None;
    for _ in 0..MAX_ROUNDS {
        match once(repaired.as_deref().unwrap_or(text)) {
            Some(next) => repaired = Some(next),
            None => break,
        }
    }
    repaired
}

/// One encoding undone, if `text` is wholly encoded twice.
fn once(text: &str) -> Option<String> {
    if text.is_ascii() || !could_be_utf8(text) {
        return None;
    }
    // One byte a character, allocated once at its final size (a page of
    // megabytes is copied once, not grown by doubling).
    let mut bytes = Vec::with_capacity(text.chars().count());
    for c in text.chars() {
        bytes.push(if c.is_ascii() { c as u8 } else { byte_of(c)? });
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `s` as a tool that read its UTF-8 bytes as `windows-1252` (or
    /// Latin-1 for the bytes windows-1252 leaves undefined) writes it.
    fn double(s: &str) -> String {
        s.bytes()
            .map(|b| match WINDOWS_1252_HIGH.iter().find(|(_, w)| *w == b) {
                Some(&(c, _)) => c,
                None => char::from(b),
            })
            .collect()
    }

    #[test]
    fn doubly_encoded_text_is_repaired() {
        let good = "itertools — Functions creating iterators. Café, naïve, “quoted”, 3 €, ½ — done…";
        assert_eq!(repair(&double(good)).as_deref(), Some(good));
        // Latin-1 readings keep 0x80-0x9F as C1 controls.
        let latin1: String = good.bytes().map(char::from).collect();
        assert_eq!(repair(&latin1).as_deref(), Some(good));
        assert_eq!(repair(&double(&double(good))).as_deref(), Some(good), "encoded three times");
        let many = (0..6).fold(good.to_owned(), |t, _| double(&t));
        assert_eq!(repair(&many), Some((0..3).fold(good.to_owned(), |t, _| double(&t))), "at most three rounds");
    }

    #[test]
    fn good_text_is_left_alone() {
        for good in [
            "plain ASCII",
            "Café au lait, déjà vu",
            "“Curly quotes” and an em dash — here",
            "Ã© on a page that also writes é",
            "Grüße aus München",
            "Москва, 東京",
            "A° alone: Â",
            "emoji 🎉 with Ã©",
        ] {
            assert_eq!(repair(good), None, "{good:?}");
        }
    }
}
