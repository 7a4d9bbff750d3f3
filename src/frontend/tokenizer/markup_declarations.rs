//! What follows `<!` (comments and doctypes) and the comments the spec
//! makes of other markup (`<?…>`, `</` before anything but a letter).

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{Doctype, Token, TokenSink};
use memchr::memchr;

use super::{HandOver, Reader};
use crate::frontend::tag_syntax::is_space;

impl<S: TokenSink> Reader<'_, '_, S> {
    /// `<!` at `at`: a comment or a doctype; anything else is html5ever's.
    pub(super) fn declaration(&self, at: usize) -> Result<usize, HandOver> {
        let rest = &self.bytes[at + 2..];
        if rest.starts_with(b"--") {
            return self.comment(at);
        }
        if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"doctype") {
            return self.doctype(at);
        }
        // A CDATA section in SVG or MathML is html5ever's; elsewhere
        // `<![CDATA[` opens a comment like any other `<!`.
        if rest.starts_with(b"[CDATA[") && self.sink.adjusted_current_node_present_but_not_in_html_namespace() {
            return Err(HandOver::data(at));
        }
        self.bogus_comment(at, at + 2)
    }

    /// A comment the markup did not open as one (`<?…>`, `<!…>`, `</…>`
    /// but not before a letter), at `at`: its text from `start` to the
    /// first `>` or the end of the input.
    pub(super) fn bogus_comment(&self, at: usize, start: usize) -> Result<usize, HandOver> {
        let end = memchr(b'>', &self.bytes[start..]).map_or(self.bytes.len(), |offset| start + offset);
        if memchr(b'\0', &self.bytes[start..end]).is_some() {
            return Err(HandOver::data(at));
        }
        let text = StrTendril::from_slice(&self.input[start..end]);
        let _ = self.sink.process_token(Token::CommentToken(text), 1);
        Ok((end + 1).min(self.bytes.len()))
    }

    /// `<!--…-->` at `at`, when the first `--` after its start is its end
    /// (no `<!-->`, `<!--->`, `--!>` or `--` inside).
    fn comment(&self, at: usize) -> Result<usize, HandOver> {
        let start = at + 4;
        let body = &self.bytes[start..];
        if body.first() == Some(&b'>') || body.starts_with(b"->") {
            return Err(HandOver::data(at));
        }
        let mut search = 0;
        let end = loop {
            let Some(offset) = memchr(b'-', &body[search..]) else {
                return Err(HandOver::data(at));
            };
            let dash = search + offset;
            if body.get(dash + 1) == Some(&b'-') {
                break dash;
            }
            search = dash + 1;
        };
        if body.get(end + 2) != Some(&b'>') || memchr(b'\0', &body[..end]).is_some() {
            return Err(HandOver::data(at));
        }
        let text = StrTendril::from_slice(&self.input[start..start + end]);
        let _ = self.sink.process_token(Token::CommentToken(text), 1);
        Ok(start + end + 3)
    }

    /// `<!DOCTYPE name>`, with `PUBLIC "…" "…"` or `SYSTEM "…"` after the
    /// name, at `at`; any other form (a missing space or name, an id cut
    /// by `>`, text after the ids) is html5ever's.
    fn doctype(&self, at: usize) -> Result<usize, HandOver> {
        let bail = || HandOver::data(at);
        let mut pos = at + 9;
        if !self.bytes.get(pos).is_some_and(|&b| is_space(b)) {
            return Err(bail());
        }
        pos = self.skip_space(pos);
        let name_start = pos;
        while let Some(&b) = self.bytes.get(pos) {
            if is_space(b) || b == b'>' {
                break;
            }
            if b == b'\0' {
                return Err(bail());
            }
            pos += 1;
        }
        if pos == name_start || pos >= self.bytes.len() {
            return Err(bail());
        }
        let name = StrTendril::from_slice(&self.input[name_start..pos].to_ascii_lowercase());
        let mut doctype = Doctype { name: Some(name), public_id: None, system_id: None, force_quirks: false };
        pos = self.skip_space(pos);
        let keyword = self.bytes.get(pos..pos + 6);
        if keyword.is_some_and(|k| k.eq_ignore_ascii_case(b"public")) {
            pos += 6;
            let (public, next) = self.doctype_id(pos, true).ok_or_else(bail)?;
            doctype.public_id = Some(public);
            pos = next;
            let after = self.skip_space(pos);
            if matches!(self.bytes.get(after), Some(b'"' | b'\'')) {
                if after == pos {
                    return Err(bail());
                }
                let (system, next) = self.doctype_id(after, false).ok_or_else(bail)?;
                doctype.system_id = Some(system);
                pos = next;
            }
        } else if keyword.is_some_and(|k| k.eq_ignore_ascii_case(b"system")) {
            pos += 6;
            let (system, next) = self.doctype_id(pos, true).ok_or_else(bail)?;
            doctype.system_id = Some(system);
            pos = next;
        }
        pos = self.skip_space(pos);
        if self.bytes.get(pos) != Some(&b'>') {
            return Err(bail());
        }
        let _ = self.sink.process_token(Token::DoctypeToken(doctype), 1);
        Ok(pos + 1)
    }

    /// A quoted doctype id at `pos` (after spaces when `space_first`, which
    /// then must be there); `None` for any other form.
    fn doctype_id(&self, mut pos: usize, space_first: bool) -> Option<(StrTendril, usize)> {
        if space_first {
            if !self.bytes.get(pos).is_some_and(|&b| is_space(b)) {
                return None;
            }
            pos = self.skip_space(pos);
        }
        let quote = *self.bytes.get(pos).filter(|&&b| b == b'"' || b == b'\'')?;
        let start = pos + 1;
        let len = memchr(quote, &self.bytes[start..])?;
        let id = &self.bytes[start..start + len];
        if memchr(b'>', id).is_some() || memchr(b'\0', id).is_some() {
            return None;
        }
        Some((StrTendril::from_slice(&self.input[start..start + len]), start + len + 1))
    }
}
