//! Control characters out of text that leaves the library: whatever the
//! input held (a NUL, a `&#7;`, a C1 control from a Latin-1 page), the
//! text of a [`Document`](crate::Document) holds no control character but
//! line feed and tab.

use std::borrow::Cow;

use crate::block::Block;
use crate::bytescan;

/// `text` without control characters (Unicode `Cc`) other than `\n` and
/// `\t`: a carriage return (alone or before a line feed) becomes a line
/// feed, vertical tab and form feed a space; a C1 control (U+0080 to
/// U+009F) is the windows-1252 character of its byte, as HTML reads
/// `&#x92;` (pages carry such controls where a windows-1252 `’` or `—` was
/// mislabelled Latin-1: the dev sets hold 21), and is removed where
/// windows-1252 has none; the rest are removed. Unchanged text is not
/// copied.
pub fn without_controls(text: &str) -> Cow<'_, str> {
    if !has_unwanted(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if !is_unwanted(c) => out.push(c),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            c if c.is_whitespace() && c.is_ascii() => out.push(' '),
            c => out.extend(windows_1252(c)),
        }
    }
    Cow::Owned(out)
}

/// [`without_controls`] for an owned string: unchanged (not copied) when
/// it holds none.
pub fn owned_without_controls(text: String) -> String {
    match without_controls(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(clean) => clean,
    }
}

/// The block without control characters: no text leaves the library with
/// one, the content's nor `--explain`'s.
pub fn block_without_controls(mut block: Block) -> Block {
    block.text = owned_without_controls(block.text);
    block.markdown = block.markdown.map(owned_without_controls);
    block
}

/// The windows-1252 character of a C1 control's byte, if it has one.
fn windows_1252(c: char) -> Option<char> {
    let byte = u8::try_from(c as u32).ok().filter(|b| (0x80..0xA0).contains(b))?;
    let bytes = [byte];
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
    text.chars().next().filter(|c| !c.is_control())
}

/// Whether `text` holds a char [`is_unwanted`] finds, looked for in its
/// bytes: controls (`Cc`) are U+0000..U+001F and U+007F, one byte each, and
/// U+0080..U+009F, `C2 80`..`C2 9F`.
fn has_unwanted(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Words of ASCII from the space up, without DEL, hold no control.
        i += bytescan::plain_len(&b[i..], b' ', 0x7F);
        let Some(&c) = b.get(i) else { break };
        if MAY_BE_CONTROL[c as usize] && (c != 0xC2 || b.get(i + 1).is_some_and(|n| (0x80..0xA0).contains(n))) {
            return true;
        }
        i += 1;
    }
    false
}

/// Bytes that are a control but `\n` and `\t`, or may start one (`C2`).
static MAY_BE_CONTROL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b != b'\n' as usize && b != b'\t' as usize;
        b += 1;
    }
    t[0x7F] = true;
    t[0xC2] = true;
    t
};

/// A control character that text output must not hold.
fn is_unwanted(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_go_line_ends_stay() {
        assert!(matches!(without_controls("plain\ttext\nhere"), Cow::Borrowed(_)));
        assert_eq!(without_controls("a\0b\x07c\u{7f}d\u{9d}e\u{81}"), "abcde");
        assert_eq!(without_controls("one\r\ntwo\rthree\x0bfour\x0cfive"), "one\ntwo\nthree four five");
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(has_unwanted(&format!("a{c}b")), is_unwanted(c), "U+{:04X}", c as u32);
        }
        assert_eq!(without_controls("we\u{92}re \u{93}here\u{94}\u{85} \u{80}5 \u{97} end"), "we’re “here”… €5 — end");
    }
}
