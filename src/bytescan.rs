//! Word-at-a-time byte scans: whole 8-byte words of plain ASCII skipped at
//! once, for the passes over every byte of a dump that look for a few rare
//! bytes (normalisation, control chars, whitespace to collapse).
//!
//! A word is plain when it holds no byte below a bound, none equal to one
//! given byte and none at or above 0x80 (UTF-8 lead and continuation
//! bytes): such a word needs no byte-by-byte look. The test is exact, with
//! the usual "has a byte less than n" trick on a word whose bytes are all
//! ASCII. Short needles with a rare first byte are found with `memchr` on
//! that byte ([`contains`]).

/// 0x01 in every byte.
const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
/// 0x80 in every byte.
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// The length of the longest prefix of `bytes` made of whole plain 8-byte
/// words: none of their bytes is below `below` (at most 0x80), equal to
/// `equal` (ASCII), or 0x80 and up. Every byte that is not plain is at or
/// after the returned index.
#[inline]
pub fn plain_len(bytes: &[u8], below: u8, equal: u8) -> usize {
    debug_assert!(below <= 0x80 && equal < 0x80);
    let (low, same) = (ONES * u64::from(below), ONES * u64::from(equal));
    let mut n = 0;
    while let Some(word) = bytes.get(n..).and_then(<[u8]>::first_chunk::<8>) {
        let x = u64::from_ne_bytes(*word);
        // With every byte ASCII (else `x` itself has a high bit set), a
        // byte below `below` borrows into its own high bit and no byte at
        // or above it does; likewise a zero byte of `x ^ same` minus one.
        if (x | x.wrapping_sub(low) | (x ^ same).wrapping_sub(ONES)) & HIGHS != 0 {
            break;
        }
        n += 8;
    }
    n
}

/// `text.contains(needle)`, found with `memchr` on the needle's first byte
/// (for needles whose first byte is rare in text: punctuation, the lead
/// byte of a char outside ASCII). UTF-8 being self-synchronising, the
/// needle's bytes in the text's are the needle in the text.
#[inline]
pub fn contains(text: &str, needle: &str) -> bool {
    let (hay, needle) = (text.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else { return true };
    memchr::memchr_iter(first, hay).any(|i| hay[i..].starts_with(needle))
}

/// `text.contains(c)`, as [`contains`] finds it.
#[inline]
pub fn contains_char(text: &str, c: char) -> bool {
    contains(text, c.encode_utf8(&mut [0u8; 4]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contains_is_strs() {
        for text in ["", "a", "ab![c", "](", "x**y", "©2025", "Σ ſ", "é", "e\u{301}", "\\"] {
            for needle in ["", "![", "](", "<", "**", "__", "\\", "©", "ſ", "Σ", "é", "a"] {
                assert_eq!(contains(text, needle), text.contains(needle), "{text:?} {needle:?}");
            }
            for c in ['©', 'ſ', 'Σ', '<', '*', '_', 'é'] {
                assert_eq!(contains_char(text, c), text.contains(c), "{text:?} {c:?}");
            }
        }
    }

    /// The plain prefix found byte by byte.
    fn slow(bytes: &[u8], below: u8, equal: u8) -> usize {
        let plain = |b: &u8| *b >= below && *b != equal && *b < 0x80;
        bytes.chunks_exact(8).take_while(|w| w.iter().all(plain)).count() * 8
    }

    #[test]
    fn same_as_byte_by_byte() {
        // Every byte value at every position of a 24-byte text, against a few bounds.
        for (below, equal) in [(0x0E, 0), (0x20, 0x7F), (0x80, b' '), (0, 0)] {
            for pos in 0..24 {
                for b in 0..=255u8 {
                    let mut text = *b"The quick brown fox jump";
                    text[pos] = b;
                    assert_eq!(plain_len(&text, below, equal), slow(&text, below, equal), "{below:#x} {equal:#x} {pos} {b:#x}");
                }
            }
        }
    }
}
