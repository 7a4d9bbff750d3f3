//! Unicode properties of single chars, looked up in a table for the
//! non-ASCII chars text holds most: those below U+0800 (Latin, Greek,
//! Cyrillic, Hebrew, Arabic letters) and General Punctuation (curly quotes,
//! dashes, U+2000..U+206F). The standard library answers every other char.
//!
//! `char::is_alphabetic` and friends search Unicode range tables for any
//! char outside ASCII; the feature code asks them several times about every
//! char of a block. The table is filled once from those same functions, so
//! the answers are theirs (`tests` compares every char of its ranges). The
//! lowercase of the chars below U+0800 is kept the same way.

use std::sync::LazyLock;

/// Chars below this code point are in the table.
const LOW_END: u32 = 0x800;
/// General Punctuation, also in the table (after the low chars).
const PUNCT_START: u32 = 0x2000;
const PUNCT_END: u32 = 0x2070;

/// Property bits of a table entry.
const ALPHABETIC: u8 = 1;
const NUMERIC: u8 = 2;
const UPPERCASE: u8 = 4;

/// The properties of the chars in the table's ranges, built on first use.
static TABLE: LazyLock<Vec<u8>> = LazyLock::new(|| {
    (0..LOW_END)
        .chain(PUNCT_START..PUNCT_END)
        .map(|u| {
            let Some(c) = char::from_u32(u) else { return 0 };
            (u8::from(c.is_alphabetic()) * ALPHABETIC)
                | (u8::from(c.is_numeric()) * NUMERIC)
                | (u8::from(c.is_uppercase()) * UPPERCASE)
        })
        .collect()
});

/// The lowercase of each char below [`LOW_END`] whose lowercase is one
/// char (`'\0'` for the one whose is two, U+0130), built on first use.
static LOWER: LazyLock<Vec<char>> = LazyLock::new(|| {
    (0..LOW_END)
        .map(|u| {
            let mut lower = char::from_u32(u).map(char::to_lowercase);
            match (lower.as_mut().and_then(Iterator::next), lower.as_mut().and_then(Iterator::next)) {
                (Some(l), None) => l,
                _ => '\0',
            }
        })
        .collect()
});

/// The lowercase of `c` when it is one char and `c` is in the table
/// (`c.to_lowercase()` otherwise).
#[inline]
pub fn lowercase_one(c: char) -> Option<char> {
    LOWER.get(c as usize).copied().filter(|&l| l != '\0' || c == '\0')
}

/// The table entry of a non-ASCII char, if it has one.
#[inline]
fn flags(c: char) -> Option<u8> {
    let u = c as u32;
    if u < LOW_END {
        TABLE.get(u as usize).copied()
    } else if (PUNCT_START..PUNCT_END).contains(&u) {
        TABLE.get((LOW_END + u - PUNCT_START) as usize).copied()
    } else {
        None
    }
}

/// `c.is_alphanumeric()`.
#[inline(always)]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphanumeric() } else { flags(c).map_or_else(|| c.is_alphanumeric(), |f| f & (ALPHABETIC | NUMERIC) != 0) }
}

/// `c.is_alphabetic()`.
#[inline(always)]
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphabetic() } else { flags(c).map_or_else(|| c.is_alphabetic(), |f| f & ALPHABETIC != 0) }
}

/// `c.is_uppercase()`.
#[inline(always)]
pub fn is_uppercase(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_uppercase() } else { flags(c).map_or_else(|| c.is_uppercase(), |f| f & UPPERCASE != 0) }
}

/// `text.chars().filter(|&c| c.is_alphanumeric()).count()`, decoding only
/// the chars outside ASCII.
pub fn count_alphanumeric(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut n, mut i) = (0, 0);
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            n += usize::from(x.is_ascii_alphanumeric());
            i += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else { break };
        n += usize::from(is_alphanumeric(c));
        i += c.len_utf8();
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_the_standard_librarys() {
        // The table's ranges, the chars on either side of them, and a few beyond.
        for c in (0..0x3000u32).chain([0x4E00, 0x1F600, 0x10FFFF]).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "U+{:04X}", c as u32);
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "U+{:04X}", c as u32);
            assert_eq!(is_uppercase(c), c.is_uppercase(), "U+{:04X}", c as u32);
            let text = format!("a{c}1 {c}");
            assert_eq!(count_alphanumeric(&text), text.chars().filter(|c| c.is_alphanumeric()).count(), "U+{:04X}", c as u32);
            if let Some(l) = lowercase_one(c) {
                assert_eq!(c.to_lowercase().collect::<String>(), l.to_string(), "U+{:04X}", c as u32);
            }
        }
    }
}
