//! pith's own HTML tokenizer for the forms prepared markup is made of,
//! feeding html5ever's tree builder; at the first form it does not read
//! it hands the rest of the page to html5ever's tokenizer.
//!
//! html5ever's tokenizer reads a page a character at a time through a
//! queue of tendrils, and is about two thirds of its parse (issue 22,
//! `docs/html-tree-sink.md`). Most of a prepared page is text, start and
//! end tags with a few attributes, and nothing else: the pre-parse pass
//! (`frontend::nesting`) has dropped comments and script and style
//! bodies. This tokenizer reads those forms by byte, finding the next
//! `<` or `&` with `memchr`, and gives the tree builder the tokens
//! html5ever's tokenizer would give it, as the WHATWG tokenization
//! states define them: text (with character references, in data and
//! RCDATA), start and end tags, attributes (quoted or not, lowercased
//! names, a repeated name dropped), comments, doctypes, and the raw text
//! of `<title>`, `<textarea>`, `<style>`, `<script>` and the like, as the
//! tree builder asks for it.
//!
//! What it does not read it does not guess at: a NUL, a CDATA section,
//! a doctype of an unusual form, a tag or comment the page ends inside,
//! a comment of an unusual form (`<!-->`, `--` inside), PLAINTEXT. There
//! the tokens so far have been given and the page goes on in html5ever's tokenizer, in the state the tokenizer
//! would be in ([`Outcome::HandOver`]). Text tokens may be cut in other
//! places than html5ever cuts them; the tree builder's result does not
//! depend on where text is cut (tested against html5ever's tokenizer on
//! every dev page: the same trees).
//!
//! It does not count nodes or look at the clock itself: it calls `check`
//! after every [`CHECK_BYTES`] of input, and stops with its error.

use std::borrow::Cow;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::{RawKind, State};
use html5ever::tokenizer::{Doctype, Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};
use html5ever::{ns, Attribute, LocalName, QualName};
use memchr::{memchr, memchr3};

/// Bytes of input read between two calls of the caller's check (the same
/// bound as the chunks html5ever's tokenizer is fed, `parse::CHUNK_BYTES`).
pub const CHECK_BYTES: usize = 1024;

/// Where tokenizing stopped.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The whole input was read; the end-of-file token is the caller's to give.
    Done,
    /// The input from byte `at` on is for html5ever's tokenizer, started in
    /// `state`, with `last_start_tag` as the tag a raw-text state ends on.
    HandOver { at: usize, state: State, last_start_tag: Option<String> },
}

/// `markup` as the tokenizer reads it: CR LF and lone CRs as LF (the
/// input stream's preprocessing), borrowed when there is no CR.
pub fn newlines_normalised(markup: &str) -> Cow<'_, str> {
    let bytes = markup.as_bytes();
    let Some(first) = memchr(b'\r', bytes) else {
        return Cow::Borrowed(markup);
    };
    let mut out = String::with_capacity(markup.len());
    let mut from = 0;
    let mut at = first;
    loop {
        out.push_str(&markup[from..at]);
        out.push('\n');
        from = if bytes.get(at + 1) == Some(&b'\n') { at + 2 } else { at + 1 };
        match memchr(b'\r', &bytes[from..]) {
            Some(offset) => at = from + offset,
            None => break,
        }
    }
    out.push_str(&markup[from..]);
    Cow::Owned(out)
}

/// Tokenize `input` (newlines normalised) into `sink`, calling `check`
/// every [`CHECK_BYTES`]; a byte-order mark opening the input is skipped,
/// as html5ever's tokenizer skips it.
pub fn run<S: TokenSink, E>(input: &str, sink: &S, check: impl FnMut() -> Result<(), E>) -> Result<Outcome, E> {
    let start = if input.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let mut reader = Reader { input, bytes: input.as_bytes(), sink, next_check: start + CHECK_BYTES };
    reader.data(start, check)
}

/// Why a form is left to html5ever: the position and state to hand over at.
struct Bail {
    at: usize,
    state: State,
    last_start_tag: Option<String>,
}

impl Bail {
    fn data(at: usize) -> Bail {
        Bail { at, state: State::Data, last_start_tag: None }
    }
}

/// The tokenizer over one input.
struct Reader<'i, 's, S> {
    input: &'i str,
    bytes: &'i [u8],
    sink: &'s S,
    next_check: usize,
}

/// HTML's whitespace inside tags: tab, LF, FF, space (CR is gone).
fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b' ')
}

impl<S: TokenSink> Reader<'_, '_, S> {
    /// The data state from `pos` to the end of the input.
    fn data<E>(&mut self, mut pos: usize, mut check: impl FnMut() -> Result<(), E>) -> Result<Outcome, E> {
        let mut text = StrTendril::new();
        loop {
            if pos >= self.next_check {
                check()?;
                self.next_check = pos + CHECK_BYTES;
            }
            pos = match self.data_step(pos, &mut text) {
                Ok(Some(next)) => next,
                Ok(None) => {
                    self.emit_text(&mut text);
                    return Ok(Outcome::Done);
                }
                Err(bail) => {
                    self.emit_text(&mut text);
                    return Ok(Outcome::HandOver { at: bail.at, state: bail.state, last_start_tag: bail.last_start_tag });
                }
            };
        }
    }

    /// Reads text up to the next markup at `pos` and that markup; the
    /// position after it, `None` at the end of the input.
    fn data_step(&mut self, pos: usize, text: &mut StrTendril) -> Result<Option<usize>, Bail> {
        let Some(offset) = memchr3(b'<', b'&', b'\0', &self.bytes[pos..]) else {
            text.push_slice(&self.input[pos..]);
            return Ok(None);
        };
        let at = pos + offset;
        text.push_slice(&self.input[pos..at]);
        match self.bytes[at] {
            b'&' => Ok(Some(self.char_ref(at, false, text))),
            b'<' => match self.bytes.get(at + 1).copied() {
                Some(b) if b.is_ascii_alphabetic() => {
                    self.emit_text(text);
                    self.tag(at, TagKind::StartTag).map(Some)
                }
                Some(b'/') if self.bytes.get(at + 2).is_some_and(u8::is_ascii_alphabetic) => {
                    self.emit_text(text);
                    self.tag(at, TagKind::EndTag).map(Some)
                }
                Some(b'!') => {
                    self.emit_text(text);
                    self.declaration(at).map(Some)
                }
                // `</>` is dropped (the spec's error).
                Some(b'/') if self.bytes.get(at + 2) == Some(&b'>') => Ok(Some(at + 3)),
                // `<?…>` and `</` before anything but a letter are comments.
                Some(b'?') => {
                    self.emit_text(text);
                    self.bogus_comment(at, at + 1).map(Some)
                }
                Some(b'/') if at + 2 < self.bytes.len() => {
                    self.emit_text(text);
                    self.bogus_comment(at, at + 2).map(Some)
                }
                Some(b'/') => Err(Bail::data(at)),
                // `<` before anything else (or the end) is text.
                _ => {
                    text.push_char('<');
                    Ok(Some(at + 1))
                }
            },
            _ => Err(Bail::data(at)),
        }
    }

    /// Gives the text read so far as one token (none when empty: an empty
    /// token would still end the tree builder's "ignore a newline" state).
    fn emit_text(&self, text: &mut StrTendril) {
        if !text.is_empty() {
            let token = Token::CharacterTokens(std::mem::take(text));
            // Text never changes the tokenizer's state.
            let _ = self.sink.process_token(token, 1);
        }
    }

    /// The character reference at `at` (an `&`), appended to `out`; the
    /// position after it. `&` that starts none is itself.
    fn char_ref(&self, at: usize, in_attribute: bool, out: &mut StrTendril) -> usize {
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

    /// The tag at `at` (`<` then a letter, or `</` then a letter), given
    /// to the sink; the position after it, after any raw text it opens.
    fn tag(&mut self, at: usize, kind: TagKind) -> Result<usize, Bail> {
        let name_start = if kind == TagKind::EndTag { at + 2 } else { at + 1 };
        let (name, mut pos) = self.name(name_start, at)?;
        let mut attrs: Vec<Attribute> = Vec::new();
        let mut duplicates = false;
        let mut self_closing = false;
        loop {
            pos = self.skip_space(pos);
            match self.bytes.get(pos) {
                None => return Err(Bail::data(at)),
                Some(b'>') => {
                    pos += 1;
                    break;
                }
                Some(b'/') => {
                    pos += 1;
                    if self.bytes.get(pos) == Some(&b'>') {
                        self_closing = true;
                        pos += 1;
                        break;
                    }
                    // A `/` not before `>` is dropped (the spec's error).
                }
                Some(_) => {
                    let (attr, next) = self.attribute(pos, at)?;
                    pos = next;
                    if attrs.iter().any(|a| a.name.local == attr.name.local) {
                        duplicates = true;
                    } else {
                        attrs.push(attr);
                    }
                }
            }
        }
        let tag = Tag { kind, name, self_closing, attrs, had_duplicate_attributes: duplicates };
        let raw_name = (kind == TagKind::StartTag).then(|| tag.name.clone());
        match self.sink.process_token(Token::TagToken(tag), 1) {
            TokenSinkResult::Continue | TokenSinkResult::Script(_) | TokenSinkResult::EncodingIndicator(_) => Ok(pos),
            TokenSinkResult::Plaintext => Err(Bail { at: pos, state: State::Plaintext, last_start_tag: None }),
            TokenSinkResult::RawData(raw) => match raw_name {
                Some(name) => self.raw_text(pos, raw, &name),
                None => Err(Bail { at: pos, state: State::RawData(raw), last_start_tag: None }),
            },
        }
    }

    /// A tag or attribute name from `start`: ASCII lowercased, up to
    /// whitespace, `/` or `>` (and `=` for an attribute's, with `stop_at_equals`).
    fn name_until(&self, start: usize, tag_at: usize, stop_at_equals: bool) -> Result<(LocalName, usize), Bail> {
        // An attribute's name may open with `=` (the spec's error): it is kept.
        let mut end = if stop_at_equals && self.bytes.get(start) == Some(&b'=') { start + 1 } else { start };
        let mut upper = false;
        loop {
            match self.bytes.get(end) {
                None | Some(b'\0') => return Err(Bail::data(tag_at)),
                Some(&b) if is_space(b) || b == b'/' || b == b'>' || (stop_at_equals && b == b'=') => break,
                Some(&b) => {
                    upper |= b.is_ascii_uppercase();
                    end += 1;
                }
            }
        }
        let raw = &self.input[start..end];
        let name = if upper { LocalName::from(raw.to_ascii_lowercase()) } else { LocalName::from(raw) };
        Ok((name, end))
    }

    fn name(&self, start: usize, tag_at: usize) -> Result<(LocalName, usize), Bail> {
        self.name_until(start, tag_at, false)
    }

    fn skip_space(&self, mut pos: usize) -> usize {
        while self.bytes.get(pos).is_some_and(|&b| is_space(b)) {
            pos += 1;
        }
        pos
    }

    /// The attribute at `pos` of the tag at `tag_at`; the position after it.
    fn attribute(&self, pos: usize, tag_at: usize) -> Result<(Attribute, usize), Bail> {
        let (local, mut pos) = self.name_until(pos, tag_at, true)?;
        let name = QualName::new(None, ns!(), local);
        let after_name = self.skip_space(pos);
        if self.bytes.get(after_name) != Some(&b'=') {
            // No value: the spaces are skipped by the caller.
            return Ok((Attribute { name, value: StrTendril::new() }, pos));
        }
        pos = self.skip_space(after_name + 1);
        let mut value = StrTendril::new();
        match self.bytes.get(pos).copied() {
            None => return Err(Bail::data(tag_at)),
            Some(quote @ (b'"' | b'\'')) => {
                pos += 1;
                loop {
                    let Some(offset) = memchr3(quote, b'&', b'\0', &self.bytes[pos..]) else {
                        return Err(Bail::data(tag_at));
                    };
                    let at = pos + offset;
                    value.push_slice(&self.input[pos..at]);
                    match self.bytes[at] {
                        b'&' => pos = self.char_ref(at, true, &mut value),
                        b'\0' => return Err(Bail::data(tag_at)),
                        _ => {
                            pos = at + 1;
                            break;
                        }
                    }
                }
                // After a quoted value anything but a space, `/` or `>`
                // starts the next attribute (the spec's error); the
                // caller's loop reads it so.
            }
            // `=` then `>`: an empty value, the tag ends.
            Some(b'>') => {}
            Some(_) => loop {
                match self.bytes.get(pos).copied() {
                    None | Some(b'\0') => return Err(Bail::data(tag_at)),
                    Some(b) if is_space(b) || b == b'>' => break,
                    Some(b'&') => pos = self.char_ref(pos, true, &mut value),
                    Some(_) => {
                        let run = self.bytes[pos..].iter().position(|&b| is_space(b) || matches!(b, b'>' | b'&' | b'\0')).unwrap_or(self.bytes.len() - pos);
                        value.push_slice(&self.input[pos..pos + run]);
                        pos += run;
                    }
                }
            },
        }
        Ok((Attribute { name, value }, pos))
    }

    /// `<!` at `at`: a comment or a doctype; anything else is html5ever's.
    fn declaration(&self, at: usize) -> Result<usize, Bail> {
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
            return Err(Bail::data(at));
        }
        self.bogus_comment(at, at + 2)
    }

    /// A comment the markup did not open as one (`<?…>`, `<!…>`, `</…>`
    /// but not before a letter), at `at`: its text from `start` to the
    /// first `>` or the end of the input.
    fn bogus_comment(&self, at: usize, start: usize) -> Result<usize, Bail> {
        let end = memchr(b'>', &self.bytes[start..]).map_or(self.bytes.len(), |offset| start + offset);
        if memchr(b'\0', &self.bytes[start..end]).is_some() {
            return Err(Bail::data(at));
        }
        let text = StrTendril::from_slice(&self.input[start..end]);
        let _ = self.sink.process_token(Token::CommentToken(text), 1);
        Ok((end + 1).min(self.bytes.len()))
    }

    /// `<!--…-->` at `at`, when the first `--` after its start is its end
    /// (no `<!-->`, `<!--->`, `--!>` or `--` inside).
    fn comment(&self, at: usize) -> Result<usize, Bail> {
        let start = at + 4;
        let body = &self.bytes[start..];
        if body.first() == Some(&b'>') || body.starts_with(b"->") {
            return Err(Bail::data(at));
        }
        let mut search = 0;
        let end = loop {
            let Some(offset) = memchr(b'-', &body[search..]) else {
                return Err(Bail::data(at));
            };
            let dash = search + offset;
            if body.get(dash + 1) == Some(&b'-') {
                break dash;
            }
            search = dash + 1;
        };
        if body.get(end + 2) != Some(&b'>') || memchr(b'\0', &body[..end]).is_some() {
            return Err(Bail::data(at));
        }
        let text = StrTendril::from_slice(&self.input[start..start + end]);
        let _ = self.sink.process_token(Token::CommentToken(text), 1);
        Ok(start + end + 3)
    }

    /// `<!DOCTYPE name>`, with `PUBLIC "…" "…"` or `SYSTEM "…"` after the
    /// name, at `at`; any other form (a missing space or name, an id cut
    /// by `>`, text after the ids) is html5ever's.
    fn doctype(&self, at: usize) -> Result<usize, Bail> {
        let bail = || Bail::data(at);
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

    /// The raw text that the start tag `name` opened at `pos`, up to its end
    /// tag (given as a tag: it may be `</title >`), or the input's end.
    fn raw_text(&mut self, pos: usize, raw: RawKind, name: &LocalName) -> Result<usize, Bail> {
        let bail = || Bail { at: pos, state: State::RawData(raw), last_start_tag: Some(name.to_string()) };
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
                text.push_slice(&self.input[at..at + offset]);
                at = self.char_ref(at + offset, false, &mut text).min(end);
            }
            text.push_slice(&self.input[at..end]);
        } else {
            text.push_slice(&self.input[pos..end]);
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
        let name = name.as_bytes();
        let mut at = pos;
        while let Some(offset) = memchr::memmem::find(&self.bytes[at..], b"</") {
            let start = at + offset;
            let after = start + 2 + name.len();
            if self.bytes.get(start + 2..after).is_some_and(|n| n.eq_ignore_ascii_case(name)) && self.bytes.get(after).is_some_and(|&b| is_space(b) || b == b'/' || b == b'>') {
                return Some(start);
            }
            at = start + 2;
        }
        None
    }
}
