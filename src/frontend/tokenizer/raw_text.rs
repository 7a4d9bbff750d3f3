//! The text of the elements the tree builder reads as raw text (`<title>`,
//! `<textarea>`: RCDATA, with character references; `<style>`, `<iframe>`,
//! `<noscript>`…: RAWTEXT; `<script>`: script data), up to the end tag that
//! ends it.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::{RawKind, State};
use html5ever::tokenizer::{TagKind, TokenSink};
use html5ever::LocalName;
use memchr::memchr;

use super::{HandOver, Reader};
use crate::frontend::tag_syntax::is_space;

impl<S: TokenSink> Reader<'_, '_, S> {
    /// The raw text that the start tag `name` opened at `pos`, up to its end
    /// tag (given as a tag: it may be `</title >`), or the input's end.
    pub(super) fn raw_text(&mut self, pos: usize, raw: RawKind, name: &LocalName) -> Result<usize, HandOver> {
        let bail = || HandOver { at: pos, state: State::RawData(raw), last_start_tag: Some(name.to_string()) };
        let end = match raw {
            RawKind::ScriptData => self.script_end(pos, name),
            RawKind::Rcdata | RawKind::Rawtext => self.appropriate_end_tag(pos, name),
            RawKind::ScriptDataEscaped(_) => return Err(bail()),
        }
        .unwrap_or(self.bytes.len());
        if memchr(b'\0', &self.bytes[pos..end]).is_some() {
            return Err(bail());
        }
        let mut text = StrTendril::new();
        if raw == RawKind::Rcdata {
            let mut at = pos;
            while let Some(offset) = memchr(b'&', &self.bytes[at..end]) {
                self.push_input(&mut text, at, at + offset);
                at = self.char_ref(at + offset, false, &mut text).min(end);
            }
            self.push_input(&mut text, at, end);
        } else {
            self.push_input(&mut text, pos, end);
        }
        self.emit_text(&mut text);
        if end == self.bytes.len() {
            return Ok(end);
        }
        self.tag(end, TagKind::EndTag)
    }

    /// Where the script opened at `pos` ends: its first `</script` (as
    /// [`Self::appropriate_end_tag`] reads it) outside the double-escaped
    /// states a `<!--` ... `<script>` inside it opens (the WHATWG "script
    /// data" states, which only ever look at `-`, `<`, `>`, `/`, letters
    /// and spaces).
    fn script_end(&self, pos: usize, name: &LocalName) -> Option<usize> {
        let bytes = self.bytes;
        let first = self.appropriate_end_tag(pos, name)?;
        // Without `<!--` before it, the first end tag is the end.
        if memchr::memmem::find(&bytes[pos..first], b"<!--").is_none() {
            return Some(first);
        }
        #[derive(Clone, Copy, PartialEq)]
        enum Escape {
            None,
            Escaped,
            DoubleEscaped,
        }
        let mut escape = Escape::None;
        // Dashes just read in an escaped state (0, 1, 2 or more).
        let mut dashes = 0usize;
        let mut at = pos;
        while at < bytes.len() {
            let b = bytes[at];
            match (escape, b) {
                (Escape::None, b'<') => {
                    if bytes[at + 1..].starts_with(b"!--") {
                        // `<!--` escapes; its dashes count towards `-->`.
                        escape = Escape::Escaped;
                        dashes = 2;
                        at += 4;
                        continue;
                    }
                    if self.is_end_tag_at(at, name) {
                        return Some(at);
                    }
                    dashes = 0;
                }
                (_, b'-') if escape != Escape::None => dashes += 1,
                (_, b'>') if escape != Escape::None && dashes >= 2 => {
                    escape = Escape::None;
                    dashes = 0;
                }
                (Escape::Escaped, b'<') => {
                    dashes = 0;
                    if self.is_end_tag_at(at, name) {
                        return Some(at);
                    }
                    if let Some(next) = self.tag_name_then_end(at + 1, name) {
                        escape = Escape::DoubleEscaped;
                        at = next;
                        continue;
                    }
                }
                (Escape::DoubleEscaped, b'<') => {
                    dashes = 0;
                    if let Some(next) = self.tag_name_then_end(at + 2, name).filter(|_| bytes.get(at + 1) == Some(&b'/')) {
                        escape = Escape::Escaped;
                        at = next;
                        continue;
                    }
                }
                _ => dashes = 0,
            }
            at += 1;
        }
        None
    }

    /// Whether `</name` then a space, `/` or `>` starts at `at`.
    fn is_end_tag_at(&self, at: usize, name: &LocalName) -> bool {
        self.bytes[at..].starts_with(b"</") && self.tag_name_then_end(at + 2, name).is_some()
    }

    /// When `name` (ASCII case-insensitively) then a space, `/` or `>`
    /// starts at `at`: the position of that last byte (which the script
    /// states read again).
    fn tag_name_then_end(&self, at: usize, name: &LocalName) -> Option<usize> {
        let after = at + name.len();
        let same = self.bytes.get(at..after)?.eq_ignore_ascii_case(name.as_bytes());
        (same && self.bytes.get(after).is_some_and(|&b| is_space(b) || b == b'/' || b == b'>')).then_some(after)
    }

    /// Where the first `</name` followed by a space, `/` or `>` starts at or
    /// after `pos` (name compared ASCII case-insensitively).
    fn appropriate_end_tag(&self, pos: usize, name: &LocalName) -> Option<usize> {
        let mut at = pos;
        while let Some(offset) = memchr::memmem::find(&self.bytes[at..], b"</") {
            let start = at + offset;
            if self.tag_name_then_end(start + 2, name).is_some() {
                return Some(start);
            }
            at = start + 2;
        }
        None
    }
}
