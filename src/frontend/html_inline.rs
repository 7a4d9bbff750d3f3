//! The inline text buffer of the HTML walk: text between two block
//! boundaries, whitespace collapsed as a browser does, link text counted,
//! and (when asked) the same text with inline Markdown (emphasis, code,
//! links). It knows nothing about blocks or regions.

use crate::frontend::inline_md::MdTwin;
use crate::words::{ascii_whitespace, words};

/// Text taken out of the buffer as one block.
#[derive(Debug, Clone, PartialEq)]
pub struct Taken {
    pub text: String,
    pub markdown: Option<String>,
    pub link_chars: u32,
    pub links: u16,
}

/// The inline buffer.
#[derive(Debug, Default)]
pub struct Inline {
    text: String,
    md: Option<MdTwin>,
    link_chars: u32,
    links: u16,
    pending_space: bool,
}

impl Inline {
    /// An empty buffer; `markdown` turns on the Markdown twin.
    pub fn new(markdown: bool) -> Self {
        Inline { md: markdown.then(MdTwin::default), ..Default::default() }
    }

    /// Bytes of plain text held.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// A word boundary (block element inside a table cell, a `<td>`).
    pub fn space(&mut self) {
        self.pending_space = true;
    }

    /// Append text, collapsing whitespace runs to one space.
    pub fn push(&mut self, t: &str, in_link: bool) {
        if self.md.is_none() && !in_link && t.is_ascii() {
            self.push_ascii(t);
        } else {
            self.push_words(t, in_link);
        }
    }

    /// [`push`](Self::push) a word at a time.
    fn push_words(&mut self, t: &str, in_link: bool) {
        if t.starts_with(char::is_whitespace) {
            self.pending_space = true;
        }
        let ends_open = !t.ends_with(char::is_whitespace);
        let mut words = words(t).peekable();
        while let Some(word) = words.next() {
            self.push_word(word, in_link, ends_open && words.peek().is_none());
            self.pending_space = true;
        }
        if !t.ends_with(char::is_whitespace) {
            self.pending_space = false;
        }
    }

    /// [`push`](Self::push) of ASCII text outside links without the
    /// Markdown twin (most text of most pages): the same words and spaces,
    /// copied a run at a time instead of a word at a time.
    fn push_ascii(&mut self, t: &str) {
        let bytes = t.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let gap = i;
            while i < bytes.len() && ascii_whitespace(bytes[i]) {
                i += 1;
            }
            self.pending_space |= i > gap;
            if i == bytes.len() {
                break;
            }
            let word = i;
            while i < bytes.len() && !ascii_whitespace(bytes[i]) {
                i += 1;
            }
            self.pending_separator();
            self.text.push_str(&t[word..i]);
        }
        if !t.ends_with(char::is_whitespace) {
            self.pending_space = false;
        }
    }

    /// Append a word; `more_follows`: the text goes on right after it.
    fn push_word(&mut self, word: &str, in_link: bool, more_follows: bool) {
        self.pending_separator();
        self.text.push_str(word);
        if let Some(md) = &mut self.md {
            md.word(word, more_follows);
        }
        if in_link {
            self.link_chars += word.chars().count() as u32;
        }
    }

    /// Write the space owed before the next word, unless at a line start.
    fn pending_separator(&mut self) {
        if self.pending_space && !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push(' ');
            if let Some(md) = &mut self.md {
                md.separator();
            }
        }
        self.pending_space = false;
    }

    /// Append preformatted text as it is.
    pub fn push_verbatim(&mut self, t: &str, in_link: bool) {
        self.text.push_str(t);
        if let Some(md) = &mut self.md {
            md.verbatim(t);
        }
        if in_link {
            self.link_chars += t.chars().filter(|c| !c.is_whitespace()).count() as u32;
        }
    }

    /// A `<br>`.
    pub fn line_break(&mut self, verbatim: bool) {
        if verbatim || !self.text.is_empty() {
            self.text.push('\n');
            if let Some(md) = &mut self.md {
                md.line_break(verbatim);
            }
        }
        self.pending_space = false;
    }

    /// Whether the text ends with a line break (two `<br>` make a paragraph break).
    pub fn ends_with_break(&self) -> bool {
        self.text.ends_with('\n')
    }

    /// An `<a>` opened.
    pub fn link_opened(&mut self) {
        self.links = self.links.saturating_add(1);
    }

    /// Start `[text](href)` in the Markdown twin; whether it was started
    /// (then [`close_link`](Self::close_link) ends it).
    pub fn open_link(&mut self, href: &str) -> bool {
        self.pending_separator();
        self.md.as_mut().is_some_and(|md| md.open_link(href))
    }

    /// Close the Markdown link (dropped if it holds no text).
    pub fn close_link(&mut self) {
        if let Some(md) = &mut self.md {
            md.close();
        }
    }

    /// Open an emphasis or code marker; returns the marker to close with
    /// (`None`: nothing opened, nothing to close).
    pub fn open_marker(&mut self, marker: &'static str) -> Option<&'static str> {
        self.md.as_ref()?;
        self.pending_separator();
        self.md.as_mut()?.open(marker).then_some(marker)
    }

    /// Close a marker (removed again if it encloses nothing).
    pub fn close_marker(&mut self, _marker: &'static str) {
        if let Some(md) = &mut self.md {
            md.close();
        }
    }

    /// Forget the held text (open Markdown spans stay open, to be
    /// reopened in the next block).
    fn reset(&mut self) {
        self.text.clear();
        if let Some(md) = &mut self.md {
            md.clear();
        }
        self.link_chars = 0;
        self.links = 0;
        self.pending_space = false;
    }

    /// Take the held text as a block's text: lines trimmed, empty lines
    /// dropped (code: kept verbatim but for blank lines at the ends).
    pub fn take(&mut self, code: bool) -> Option<Taken> {
        let text = if code { trim_code(&self.text) } else { tidy_lines(&self.text) };
        if text.trim().is_empty() {
            self.reset();
            return None;
        }
        let markdown = self.md.as_mut().map(|md| if code { text.clone() } else { md.take() });
        let taken = Taken { text, markdown, link_chars: self.link_chars, links: self.links };
        self.reset();
        Some(taken)
    }

    /// Take the held text as a table cell: one line.
    pub fn take_cell(&mut self) -> (String, String, u32, u16) {
        let text = self.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let md = self.md.as_mut().map(|m| m.take().split_whitespace().collect::<Vec<_>>().join(" ")).unwrap_or_default();
        let out = (text, md, self.link_chars, self.links);
        self.reset();
        out
    }
}

/// Lines trimmed, empty ones dropped, joined with `\n`.
fn tidy_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

/// Code: blank lines at both ends removed, trailing whitespace of lines kept off.
fn trim_code(s: &str) -> String {
    let lines: Vec<&str> = s.lines().map(str::trim_end).collect();
    let start = lines.iter().position(|l| !l.is_empty()).unwrap_or(lines.len());
    let end = lines.iter().rposition(|l| !l.is_empty()).map_or(start, |e| e + 1);
    lines[start..end].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_runs_collapse_as_words_do() {
        let pieces = ["", " ", "a", " a", "a ", " a b  c ", "\n\tx\x0by\r", "word", "  ", "end."];
        for first in pieces {
            for second in pieces {
                for third in pieces {
                    let (mut fast, mut slow) = (Inline::new(false), Inline::new(false));
                    for t in [first, second, third] {
                        fast.push_ascii(t);
                        slow.push_words(t, false);
                        assert_eq!((&fast.text, fast.pending_space), (&slow.text, slow.pending_space), "{first:?} {second:?} {third:?}");
                    }
                    fast.line_break(false);
                    slow.line_break(false);
                    fast.push_ascii(" z");
                    slow.push_words(" z", false);
                    assert_eq!(fast.text, slow.text);
                }
            }
        }
    }

    #[test]
    fn collapses_whitespace_across_pushes() {
        let mut i = Inline::new(false);
        i.push("  Hello\n  ", false);
        i.push("world", true);
        i.push(" again ", false);
        let t = i.take(false).unwrap();
        assert_eq!(t.text, "Hello world again");
        assert_eq!(t.link_chars, 5);
    }

    #[test]
    fn markdown_twin_has_emphasis_and_links() {
        let mut i = Inline::new(true);
        i.push("Read ", false);
        let m = i.open_marker("**");
        i.push("this", false);
        i.close_marker(m.unwrap());
        i.push(" and ", false);
        i.open_link("https://x.org/a b");
        i.push("that", true);
        i.close_link();
        i.push(".", false);
        let t = i.take(false).unwrap();
        assert_eq!(t.text, "Read this and that.");
        assert_eq!(t.markdown.as_deref(), Some("Read **this** and [that](https://x.org/a%20b)."));
    }

    #[test]
    fn empty_markers_vanish() {
        let mut i = Inline::new(true);
        i.push("a", false);
        let m = i.open_marker("*");
        i.close_marker(m.unwrap());
        i.push(" b", false);
        assert_eq!(i.take(false).unwrap().markdown.as_deref(), Some("a b"));
    }

    #[test]
    fn code_kept_verbatim() {
        let mut i = Inline::new(false);
        i.push_verbatim("\n\nfn main() {\n    x();\n}\n\n", false);
        assert_eq!(i.take(true).unwrap().text, "fn main() {\n    x();\n}");
    }
}
