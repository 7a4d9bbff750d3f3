//! CommonMark escaping: backslashes before the characters a CommonMark
//! reader would take for syntax, so that Markdown shows exactly the text.
//! Inline syntax (emphasis, code, links, raw HTML, entities) is escaped
//! where the text is written ([`push_text`]); block syntax (headings,
//! quotes, list markers, rules, fences, setext and table underlines) at
//! the start of each finished line ([`line_start`]), where it can no longer
//! be confused with the markers the renderer writes itself. It does not
//! write any syntax of its own.

use std::borrow::Cow;

/// Most digits CommonMark reads as a list item's number.
const MAX_LIST_NUMBER_DIGITS: usize = 9;
/// Longest entity name (`&CounterClockwiseContourIntegral;` is 31 letters).
const MAX_ENTITY_CHARS: usize = 32;

/// Whether CommonMark counts `c` as punctuation for emphasis: ASCII
/// punctuation, and any other char that is neither alphanumeric nor
/// whitespace (Unicode punctuation and symbols).
pub fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace())
}

/// Append `text` to `out`, escaping what CommonMark would read as inline
/// syntax: `\`, `` ` ``, `*`, `[` and `]` always; `_` unless it stands
/// between two letters or digits (`snake_case` stays as it is); `<` before
/// what could be a tag or an autolink; `&` before what could be an entity.
/// `more_follows`: the text goes on right after `text` (a `<` or `_` at its
/// end is escaped, as the next char is unknown).
pub fn push_text(out: &mut String, text: &str, more_follows: bool) {
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' => true,
            '_' => !underscore_inside_word(&chars, i),
            '<' => next.map_or(more_follows, |n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            '&' => entity_follows(&chars[i + 1..]),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
}

/// `text` escaped by [`push_text`], as a whole.
pub fn text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_text(&mut out, text, false);
    out
}

/// Whether the run of `_` holding `chars[i]` has a letter or digit on both
/// sides, so that it can neither open nor close emphasis.
fn underscore_inside_word(chars: &[char], i: usize) -> bool {
    let start = chars[..i].iter().rposition(|&c| c != '_').map_or(0, |p| p + 1);
    let end = chars[i..].iter().position(|&c| c != '_').map_or(chars.len(), |p| i + p);
    start > 0 && chars[start - 1].is_alphanumeric() && chars.get(end).is_some_and(|c| c.is_alphanumeric())
}

/// Whether `rest` (what follows a `&`) starts like an entity: `#` or
/// letters and digits, then `;`.
pub fn entity_follows(rest: &[char]) -> bool {
    let name = rest.iter().take(MAX_ENTITY_CHARS).take_while(|c| c.is_ascii_alphanumeric() || **c == '#').count();
    name > 0 && rest.get(name) == Some(&';')
}

/// A finished line of Markdown with a backslash before a leading character
/// CommonMark would read as block syntax: an ATX heading (`# `), a quote
/// (`>`), a bullet (`- `, `+ `), a numbered item (`1. `, `2) `), a
/// thematic break, setext or table underline (`---`, `===`, `|:-|`), a
/// `~~~` fence. The line holds no leading whitespace.
pub fn line_start(line: &str) -> Cow<'_, str> {
    let bytes = line.as_bytes();
    let Some(&first) = bytes.first() else { return Cow::Borrowed(line) };
    let blank_after = |i: usize| bytes.get(i).is_none_or(|b| matches!(b, b' ' | b'\t'));
    let escape_at = match first {
        b'#' => {
            let hashes = bytes.iter().take_while(|&&b| b == b'#').count();
            (hashes <= 6 && blank_after(hashes)).then_some(0)
        }
        b'>' => Some(0),
        b'-' | b'+' if blank_after(1) => Some(0),
        b'~' if line.starts_with("~~~") => Some(0),
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            (digits <= MAX_LIST_NUMBER_DIGITS && matches!(bytes.get(digits), Some(b'.' | b')')) && blank_after(digits + 1))
                .then_some(digits)
        }
        _ => None,
    }
    .or_else(|| underline(line).then_some(0));
    match escape_at {
        Some(at) => Cow::Owned(format!("{}\\{}", &line[..at], &line[at..])),
        None => Cow::Borrowed(line),
    }
}

/// Whether a line reads as a thematic break, a setext heading's underline
/// or a table's delimiter row: only `-`, `=`, `_`, `:`, `|`, `+` and
/// blanks, with at least one `-` or `=`.
fn underline(line: &str) -> bool {
    line.bytes().all(|b| matches!(b, b'-' | b'=' | b'_' | b':' | b'|' | b'+' | b' ' | b'\t'))
        && line.bytes().any(|b| matches!(b, b'-' | b'='))
}

/// A heading's text with a trailing run of `#` after a blank escaped
/// (CommonMark would drop it as the heading's closing sequence).
pub fn heading_end(text: &str) -> Cow<'_, str> {
    let body = text.trim_end_matches('#');
    if body.len() == text.len() || !(body.is_empty() || body.ends_with([' ', '\t'])) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(format!("{body}\\{}", &text[body.len()..]))
}

/// Whether the backslash run ending `s` is odd: the last one escapes what
/// comes next (a hard line break at a line end).
pub fn ends_with_open_backslash(s: &str) -> bool {
    s.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1
}

/// A line without the backslash of a hard line break at its end.
pub fn without_hard_break(line: &str) -> &str {
    if ends_with_open_backslash(line) { &line[..line.len() - 1] } else { line }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_syntax_is_escaped() {
        assert_eq!(text(r"a*b* `c` \d [e](f)"), r"a\*b\* \`c\` \\d \[e\](f)");
        assert_eq!(text("snake_case _lead trail_ __init__"), r"snake_case \_lead trail\_ \_\_init\_\_");
        assert_eq!(text("a <b> c < d <!-- e"), r"a \<b> c < d \<!-- e");
        assert_eq!(text("AT&T &amp; &#32; & x"), r"AT&T \&amp; \&#32; & x");
    }

    #[test]
    fn block_syntax_at_a_line_start_is_escaped() {
        assert_eq!(line_start("# not a heading"), r"\# not a heading");
        assert_eq!(line_start("#hashtag"), "#hashtag");
        assert_eq!(line_start("> not a quote"), r"\> not a quote");
        assert_eq!(line_start("- not a bullet"), r"\- not a bullet");
        assert_eq!(line_start("-5 degrees"), "-5 degrees");
        assert_eq!(line_start("1. not a list"), r"1\. not a list");
        assert_eq!(line_start("2024) was a year"), r"2024\) was a year");
        assert_eq!(line_start("3.5 million"), "3.5 million");
        assert_eq!(line_start("---"), r"\---");
        assert_eq!(line_start("==="), r"\===");
        assert_eq!(line_start("|:--|--|"), r"\|:--|--|");
        assert_eq!(line_start("~~~"), r"\~~~");
        assert_eq!(line_start("**Bold** start"), "**Bold** start");
    }

    #[test]
    fn closing_hashes_of_a_heading_are_escaped() {
        assert_eq!(heading_end("Learn C#"), "Learn C#");
        assert_eq!(heading_end("Number #"), r"Number \#");
        assert_eq!(heading_end("##"), r"\##");
    }

    #[test]
    fn hard_breaks_are_told_from_escaped_backslashes() {
        assert_eq!(without_hard_break(r"a\"), "a");
        assert_eq!(without_hard_break(r"a\\"), r"a\\");
        assert_eq!(without_hard_break(r"a\\\"), r"a\\");
    }
}
