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
//! the tokens so far have been given and the page goes on in html5ever's
//! tokenizer, in the state the tokenizer would be in ([`HandOver`]). Text tokens may be cut in other
//! places than html5ever cuts them; the tree builder's result does not
//! depend on where text is cut (tested against html5ever's tokenizer on
//! every dev page: the same trees).
//!
//! It does not count nodes or look at the clock itself: it calls `check`
//! after every [`CHECK_BYTES`] of input, and stops with its error.

use std::borrow::Cow;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::State;
use html5ever::tokenizer::{Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::{ns, Attribute, LocalName, QualName};
use memchr::{memchr, memchr3};

use crate::frontend::tag_syntax::is_space;

mod char_refs;
mod markup_declarations;
mod raw_text;

/// Bytes of input read between two calls of the caller's check (the same
/// bound as the chunks html5ever's tokenizer is fed, `parse::CHUNK_BYTES`).
pub const CHECK_BYTES: usize = 1024;

/// Where tokenizing stopped.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The whole input was read; the end-of-file token is the caller's to give.
    Done,
    /// The rest of the input is for html5ever's tokenizer.
    HandOver(HandOver),
}

/// Where and how html5ever's tokenizer takes over: the input from byte
/// `at` on, started in `state`, with `last_start_tag` as the tag a
/// raw-text state ends on.
#[derive(Debug, PartialEq, Eq)]
pub struct HandOver {
    pub at: usize,
    pub state: State,
    pub last_start_tag: Option<String>,
}

impl HandOver {
    /// At `at`, in the data state.
    fn data(at: usize) -> HandOver {
        HandOver { at, state: State::Data, last_start_tag: None }
    }
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

/// Tokenize `input` (newlines normalised, without the page's byte-order
/// mark) into `sink`, calling `check` every [`CHECK_BYTES`].
pub fn run<S: TokenSink, E>(input: &str, sink: &S, check: impl FnMut() -> Result<(), E>) -> Result<Outcome, E> {
    // Tendrils index by u32: a larger input is copied run by run instead.
    let shared = u32::try_from(input.len()).is_ok().then(|| StrTendril::from_slice(input));
    let mut reader = Reader { input, bytes: input.as_bytes(), shared, sink, next_check: CHECK_BYTES };
    reader.data(0, check)
}

/// The tokenizer over one input.
struct Reader<'i, 's, S> {
    input: &'i str,
    bytes: &'i [u8],
    /// The input as one tendril, whose runs text and attribute values
    /// share instead of copying (a run is a reference to this buffer, as
    /// html5ever's tokenizer gives its input's runs); `None` past 4 GiB.
    shared: Option<StrTendril>,
    sink: &'s S,
    next_check: usize,
}

impl<S: TokenSink> Reader<'_, '_, S> {
    /// Appends the input's bytes `from..to` to `out`: a share of the
    /// input's buffer when `out` is empty (no copy, no allocation), else a
    /// copy. `from` and `to` are char boundaries.
    fn push_input(&self, out: &mut StrTendril, from: usize, to: usize) {
        match &self.shared {
            Some(shared) if out.is_empty() => {
                debug_assert!(self.input.is_char_boundary(from) && self.input.is_char_boundary(to));
                // SAFETY: every caller's `from` and `to` are the input's ends
                // or sit next to an ASCII delimiter (`<`, `&`, a quote, a
                // space, `>`), so both are char boundaries of `shared`,
                // which holds the input's bytes; `to` <= the input's length,
                // which fits a u32 when `shared` is set. (The checked
                // `subtendril` looks both up again: 15 M instructions on
                // 100 pages.)
                *out = unsafe { shared.unsafe_subtendril(from as u32, (to - from) as u32) };
            }
            _ => out.push_slice(&self.input[from..to]),
        }
    }

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
                Err(hand_over) => {
                    self.emit_text(&mut text);
                    return Ok(Outcome::HandOver(hand_over));
                }
            };
        }
    }

    /// Reads text up to the next markup at `pos` and that markup; the
    /// position after it, `None` at the end of the input.
    fn data_step(&mut self, pos: usize, text: &mut StrTendril) -> Result<Option<usize>, HandOver> {
        let Some(offset) = memchr3(b'<', b'&', b'\0', &self.bytes[pos..]) else {
            self.push_input(text, pos, self.input.len());
            return Ok(None);
        };
        let at = pos + offset;
        self.push_input(text, pos, at);
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
                Some(b'/') => Err(HandOver::data(at)),
                // `<` before anything else (or the end) is text.
                _ => {
                    text.push_char('<');
                    Ok(Some(at + 1))
                }
            },
            _ => Err(HandOver::data(at)),
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

    /// The tag at `at` (`<` then a letter, or `</` then a letter), given
    /// to the sink; the position after it, after any raw text it opens.
    fn tag(&mut self, at: usize, kind: TagKind) -> Result<usize, HandOver> {
        let name_start = if kind == TagKind::EndTag { at + 2 } else { at + 1 };
        let (name, mut pos) = self.name(name_start, at)?;
        let mut attrs: Vec<Attribute> = Vec::new();
        let mut duplicates = false;
        let mut self_closing = false;
        loop {
            pos = self.skip_space(pos);
            match self.bytes.get(pos) {
                None => return Err(HandOver::data(at)),
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
            TokenSinkResult::Plaintext => Err(HandOver { at: pos, state: State::Plaintext, last_start_tag: None }),
            TokenSinkResult::RawData(raw) => match raw_name {
                Some(name) => self.raw_text(pos, raw, &name),
                None => Err(HandOver { at: pos, state: State::RawData(raw), last_start_tag: None }),
            },
        }
    }

    /// A tag or attribute name from `start`: ASCII lowercased, up to
    /// whitespace, `/` or `>` (and `=` for an attribute's, with `stop_at_equals`).
    fn name_until(&self, start: usize, tag_at: usize, stop_at_equals: bool) -> Result<(LocalName, usize), HandOver> {
        // An attribute's name may open with `=` (the spec's error): it is kept.
        let mut end = if stop_at_equals && self.bytes.get(start) == Some(&b'=') { start + 1 } else { start };
        let mut upper = false;
        loop {
            match self.bytes.get(end) {
                None | Some(b'\0') => return Err(HandOver::data(tag_at)),
                Some(&b) if is_space(b) || b == b'/' || b == b'>' || (stop_at_equals && b == b'=') => break,
                Some(&b) => {
                    upper |= b.is_ascii_uppercase();
                    end += 1;
                }
            }
        }
        let raw = &self.input[start..end];
        let name = if upper { local_name(&raw.to_ascii_lowercase()) } else { local_name(raw) };
        Ok((name, end))
    }

    fn name(&self, start: usize, tag_at: usize) -> Result<(LocalName, usize), HandOver> {
        self.name_until(start, tag_at, false)
    }

    fn skip_space(&self, mut pos: usize) -> usize {
        while self.bytes.get(pos).is_some_and(|&b| is_space(b)) {
            pos += 1;
        }
        pos
    }

    /// The attribute at `pos` of the tag at `tag_at`; the position after it.
    fn attribute(&self, pos: usize, tag_at: usize) -> Result<(Attribute, usize), HandOver> {
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
            None => return Err(HandOver::data(tag_at)),
            Some(quote @ (b'"' | b'\'')) => {
                pos += 1;
                loop {
                    let Some(offset) = memchr3(quote, b'&', b'\0', &self.bytes[pos..]) else {
                        return Err(HandOver::data(tag_at));
                    };
                    let at = pos + offset;
                    self.push_input(&mut value, pos, at);
                    match self.bytes[at] {
                        b'&' => pos = self.char_ref(at, true, &mut value),
                        b'\0' => return Err(HandOver::data(tag_at)),
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
                    None | Some(b'\0') => return Err(HandOver::data(tag_at)),
                    Some(b) if is_space(b) || b == b'>' => break,
                    Some(b'&') => pos = self.char_ref(pos, true, &mut value),
                    Some(_) => {
                        let run = self.bytes[pos..].iter().position(|&b| is_space(b) || matches!(b, b'>' | b'&' | b'\0')).unwrap_or(self.bytes.len() - pos);
                        self.push_input(&mut value, pos, pos + run);
                        pos += run;
                    }
                }
            },
        }
        Ok((Attribute { name, value }, pos))
    }
}

/// The atom of the lower-case tag or attribute name `raw`: the names most
/// pages are made of by a `match` to their constants, the rest by
/// `LocalName::from` (which copies a short name byte by byte through
/// `memcpy` and hashes a long one: 15 M instructions a pass over 100
/// trafilatura-dev pages, session 40). The same atom either way.
fn local_name(raw: &str) -> LocalName {
    use html5ever::local_name as n;
    match raw {
        "a" => n!("a"),
        "b" => n!("b"),
        "i" => n!("i"),
        "p" => n!("p"),
        "br" => n!("br"),
        "em" => n!("em"),
        "h1" => n!("h1"),
        "h2" => n!("h2"),
        "h3" => n!("h3"),
        "h4" => n!("h4"),
        "id" => n!("id"),
        "li" => n!("li"),
        "td" => n!("td"),
        "th" => n!("th"),
        "tr" => n!("tr"),
        "ul" => n!("ul"),
        "ol" => n!("ol"),
        "div" => n!("div"),
        "img" => n!("img"),
        "nav" => n!("nav"),
        "rel" => n!("rel"),
        "href" => n!("href"),
        "lang" => n!("lang"),
        "link" => n!("link"),
        "main" => n!("main"),
        "meta" => n!("meta"),
        "name" => n!("name"),
        "role" => n!("role"),
        "span" => n!("span"),
        "time" => n!("time"),
        "type" => n!("type"),
        "class" => n!("class"),
        "label" => n!("label"),
        "style" => n!("style"),
        "table" => n!("table"),
        "tbody" => n!("tbody"),
        "title" => n!("title"),
        "aside" => n!("aside"),
        "button" => n!("button"),
        "figure" => n!("figure"),
        "footer" => n!("footer"),
        "header" => n!("header"),
        "hidden" => n!("hidden"),
        "script" => n!("script"),
        "strong" => n!("strong"),
        "content" => n!("content"),
        "article" => n!("article"),
        "section" => n!("section"),
        "itemprop" => n!("itemprop"),
        "datetime" => n!("datetime"),
        "property" => n!("property"),
        "noscript" => n!("noscript"),
        "figcaption" => n!("figcaption"),
        _ => LocalName::from(raw),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_names_are_the_atoms_of_their_own_text() {
        // Every arm of `local_name`'s match, read from this file.
        let source = include_str!("tokenizer.rs");
        let arms: Vec<(&str, &str)> = source
            .lines()
            .filter_map(|l| l.trim().strip_prefix('"')?.split_once("\" => n!(\""))
            .map(|(raw, rest)| (raw, rest.trim_end_matches("\"),")))
            .collect();
        assert!(arms.len() > 40, "{} arms found", arms.len());
        for (raw, constant) in arms {
            assert_eq!(raw, constant);
            assert_eq!(local_name(raw), LocalName::from(raw), "{raw}");
            assert_eq!(&*local_name(raw), raw);
        }
        assert_eq!(&*local_name("my-widget"), "my-widget");
    }
}
