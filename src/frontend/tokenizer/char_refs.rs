//! Character references (`&amp;`, `&#233;`, `&#xE9;`) in text, RCDATA and
//! attribute values, as the WHATWG tokenizer reads them.

use html5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::TokenSink;

use super::Reader;

impl<S: TokenSink> Reader<'_, '_, S> {
    /// The character reference at `at` (an `&`), appended to `out`; the
    /// position after it. `&` that starts none is itself.
    pub(super) fn char_ref(&self, at: usize, in_attribute: bool, out: &mut StrTendril) -> usize {
        let start = at + 1;
        match self.bytes.get(start) {
            Some(b'#') => self.numeric_ref(at, out),
            Some(b) if b.is_ascii_alphanumeric() => self.named_ref(at, in_attribute, out),
            _ => {
                out.push_char('&');
                start
            }
        }
    }

    /// `&#…;` at `at`: decimal or hexadecimal, the `;` optional.
    fn numeric_ref(&self, at: usize, out: &mut StrTendril) -> usize {
        let mut pos = at + 2;
        let hex = matches!(self.bytes.get(pos), Some(b'x' | b'X'));
        if hex {
            pos += 1;
        }
        let radix = if hex { 16 } else { 10 };
        let digits_start = pos;
        let mut value: u32 = 0;
        let mut too_big = false;
        while let Some(digit) = self.bytes.get(pos).and_then(|&b| (b as char).to_digit(radix)) {
            value = value.saturating_mul(radix).saturating_add(digit);
            too_big |= value > 0x10FFFF;
            pos += 1;
        }
        if pos == digits_start {
            // No digits: `&#` (and the `x`) are text.
            out.push_slice(&self.input[at..digits_start]);
            return digits_start;
        }
        if self.bytes.get(pos) == Some(&b';') {
            pos += 1;
        }
        let c = match value {
            _ if too_big => '\u{fffd}',
            0 | 0xD800..=0xDFFF => '\u{fffd}',
            // The C1 controls map through windows-1252's table.
            0x80..=0x9F => C1_REPLACEMENTS[(value - 0x80) as usize].unwrap_or_else(|| char::from_u32(value).unwrap_or('\u{fffd}')),
            n => char::from_u32(n).unwrap_or('\u{fffd}'),
        };
        out.push_char(c);
        pos
    }

    /// `&name;` at `at`: the longest name of HTML's list that the input
    /// starts with; in an attribute, a name without its `;` followed by
    /// `=` or a letter or digit is text (the spec's "historical reasons").
    fn named_ref(&self, at: usize, in_attribute: bool, out: &mut StrTendril) -> usize {
        let start = at + 1;
        let mut end = start;
        let mut matched: Option<(usize, (u32, u32))> = None;
        while end < self.bytes.len() && self.bytes[end].is_ascii() {
            end += 1;
            match NAMED_ENTITIES.get(&self.input[start..end]) {
                Some(&(0, _)) => {}
                Some(&found) => matched = Some((end, found)),
                None => break,
            }
        }
        let Some((name_end, (first, second))) = matched else {
            out.push_char('&');
            return start;
        };
        let ends_in_semicolon = self.bytes[name_end - 1] == b';';
        let next = self.bytes.get(name_end).copied();
        if in_attribute && !ends_in_semicolon && next.is_some_and(|b| b == b'=' || b.is_ascii_alphanumeric()) {
            out.push_char('&');
            return start;
        }
        for code in [first, second] {
            if let Some(c) = char::from_u32(code).filter(|_| code != 0) {
                out.push_char(c);
            }
        }
        name_end
    }
}
