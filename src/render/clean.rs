//! Control characters out of text that leaves the library: whatever the
//! input held (a NUL, a `&#7;`, a C1 control from a Latin-1 page), the
//! text of a [`Document`](crate::Document) holds no control character but
//! line feed and tab.

use std::borrow::Cow;

/// `text` without control characters (Unicode `Cc`) other than `\n` and
/// `\t`: a carriage return (alone or before a line feed) becomes a line
/// feed, the other whitespace controls (vertical tab, form feed, next
/// line) a space, and the rest are removed. Unchanged text is not copied.
pub fn without_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unwanted) {
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
            c if c.is_whitespace() => out.push(' '),
            _ => {}
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
        assert_eq!(without_controls("a\0b\x07c\u{7f}d\u{9d}e"), "abcde");
        assert_eq!(without_controls("one\r\ntwo\rthree\x0bfour\x0cfive\u{85}six"), "one\ntwo\nthree four five six");
    }
}
