//! The Markdown twin of the inline buffer (`frontend::html_inline`): the
//! same words, with CommonMark inline syntax for emphasis, code spans and
//! links, written so that a CommonMark reader shows exactly the plain text.
//!
//! * Text is escaped as it is written (`render::markdown::escape`); code
//!   span content is not (backslashes are literal there) and gets a fence
//!   longer than any backtick run inside it.
//! * A marker is written only with the first word inside it, and closed
//!   right after the last one, so spaces fall outside (`<b> a </b>` is
//!   ` **a** `) and empty emphasis vanishes; an emphasis opened right where
//!   the same one closed continues it (`**a****b**` would not render).
//! * Spans never cross a line: a line break or a block's end closes the
//!   open ones, and the next word reopens them.
//! * Emphasis CommonMark would not read as such (a `**` between a letter
//!   and punctuation: `word**"quote"**`) is dropped when the block is
//!   taken, leaving its text.
//!
//! Block syntax (line starts, list markers, headings) is the renderer's.

use crate::render::markdown::escape::{self, is_punctuation};

/// An inline span being written.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// Emphasis with its marker (`*`, `**`).
    Emphasis(&'static str),
    /// A code span; its content is collected apart until it closes.
    Code,
    /// A link to this destination (already made safe for Markdown).
    Link(String),
}

/// An open span and where its opener is in the Markdown, once written.
#[derive(Debug, Clone)]
struct Span {
    kind: Kind,
    start: Option<usize>,
}

/// An emphasis written in the current block: where its opener and closer
/// start, and its marker.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Pair {
    open: usize,
    close: usize,
    marker: &'static str,
}

/// The Markdown twin.
#[derive(Debug, Default)]
pub struct MdTwin {
    md: String,
    /// A space is owed before the next word.
    space: bool,
    /// Open spans, outermost first.
    spans: Vec<Span>,
    /// Content of the open code span.
    code: String,
    /// The code span written last: where it starts and its content, to be
    /// continued by a code span opened right at its end.
    last_code: Option<(usize, String)>,
    /// Emphasis written in this block, closed ones first.
    pairs: Vec<Pair>,
}

impl MdTwin {
    /// A space is owed (the plain text wrote one).
    pub fn separator(&mut self) {
        self.space = true;
    }

    /// Append a word; `more_follows`: text goes on right after it.
    pub fn word(&mut self, word: &str, more_follows: bool) {
        self.write_space();
        self.write_openers();
        if self.in_code() {
            self.code.push_str(word);
        } else {
            escape::push_text(&mut self.md, word, more_follows);
        }
    }

    /// Append preformatted text as it is (the renderer fences it).
    pub fn verbatim(&mut self, text: &str) {
        self.md.push_str(text);
    }

    /// A line break: a hard break (`\` at the line end) in running text, a
    /// plain one in preformatted text.
    pub fn line_break(&mut self, verbatim: bool) {
        if verbatim {
            self.md.push('\n');
        } else {
            self.suspend();
            self.md.push_str("\\\n");
        }
        self.space = false;
    }

    /// Open emphasis with `marker` (`*`, `**`) or a code span (`` ` ``).
    /// False when it is not opened (nothing opens inside code, emphasis
    /// not inside the same emphasis); then it must not be closed.
    pub fn open(&mut self, marker: &'static str) -> bool {
        self.open_span(if marker == "`" { Kind::Code } else { Kind::Emphasis(marker) })
    }

    /// Open a link to `href`; false (not to be closed) inside code.
    pub fn open_link(&mut self, href: &str) -> bool {
        self.open_span(Kind::Link(destination(href)))
    }

    fn open_span(&mut self, kind: Kind) -> bool {
        if self.in_code() || (matches!(kind, Kind::Emphasis(_)) && self.spans.iter().any(|s| s.kind == kind)) {
            return false;
        }
        self.spans.push(Span { kind, start: None });
        true
    }

    /// Close the innermost span (nothing is written if it holds no text).
    pub fn close(&mut self) {
        if let Some(span) = self.spans.pop() {
            self.write_closer(span);
        }
    }

    /// The Markdown of the block, its lines trimmed, empty ones dropped,
    /// no hard break at its end; open spans are closed here and reopened
    /// by the next word.
    pub fn take(&mut self) -> String {
        self.suspend();
        drop_unreadable_emphasis(&mut self.md, &mut self.pairs);
        let mut out = String::with_capacity(self.md.len());
        for line in self.md.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(line);
        }
        while escape::ends_with_open_backslash(&out) {
            out.pop();
            out.truncate(out.trim_end().len());
        }
        self.clear();
        out
    }

    /// Forget the block's Markdown (open spans stay open).
    pub fn clear(&mut self) {
        self.md.clear();
        self.space = false;
        self.code.clear();
        self.last_code = None;
        self.pairs.clear();
        for span in &mut self.spans {
            span.start = None;
        }
    }

    fn in_code(&self) -> bool {
        self.spans.iter().any(|s| s.kind == Kind::Code)
    }

    fn write_space(&mut self) {
        if self.space && self.spans.iter().any(|s| s.kind == Kind::Code && s.start.is_some()) {
            self.code.push(' ');
        } else if self.space && !self.md.is_empty() && !self.md.ends_with('\n') {
            self.md.push(' ');
        }
        self.space = false;
    }

    /// Write the openers of spans not yet written, outermost first.
    fn write_openers(&mut self) {
        for i in 0..self.spans.len() {
            if self.spans[i].start.is_some() {
                continue;
            }
            let kind = self.spans[i].kind.clone();
            let start = match kind {
                Kind::Emphasis(marker) => self.reopen_emphasis(marker).unwrap_or_else(|| {
                    self.md.push_str(marker);
                    self.md.len() - marker.len()
                }),
                Kind::Code => match self.last_code.take().filter(|(start, _)| self.md.len() > *start && self.md.ends_with('`')) {
                    Some((start, content)) if self.code_ends_at(start, &content) => {
                        self.md.truncate(start);
                        self.code = content;
                        start
                    }
                    _ => self.md.len(),
                },
                Kind::Link(_) => {
                    // `![` would be an image.
                    if self.md.ends_with('!') && !escape::ends_with_open_backslash(&self.md[..self.md.len() - 1]) {
                        self.md.insert(self.md.len() - 1, '\\');
                    }
                    self.md.push('[');
                    self.md.len() - 1
                }
            };
            self.spans[i].start = Some(start);
        }
    }

    /// Continue an emphasis with `marker` whose closer ends the Markdown:
    /// its closer is removed and its opener's place returned.
    fn reopen_emphasis(&mut self, marker: &'static str) -> Option<usize> {
        // Only the emphasis closed last can end the Markdown (at most one
        // of each marker is open).
        let tail = self.pairs.len().saturating_sub(2);
        let k = tail + self.pairs[tail..].iter().rposition(|p| p.marker == marker && p.close + marker.len() == self.md.len())?;
        let pair = self.pairs.remove(k);
        self.md.truncate(pair.close);
        Some(pair.open)
    }

    /// Whether the code span written last, from `start` with `content`,
    /// ends the Markdown.
    fn code_ends_at(&self, start: usize, content: &str) -> bool {
        self.md.len() == start + code_span(content).len()
    }

    /// Close the open spans that are written, keeping them open to be
    /// reopened by the next word.
    fn suspend(&mut self) {
        for i in (0..self.spans.len()).rev() {
            let span = self.spans[i].clone();
            self.write_closer(span);
            self.spans[i].start = None;
        }
    }

    /// Write the closer of a span (if its opener was written).
    fn write_closer(&mut self, span: Span) {
        let Some(start) = span.start else { return };
        match span.kind {
            Kind::Emphasis(marker) => {
                self.pairs.push(Pair { open: start, close: self.md.len(), marker });
                self.md.push_str(marker);
            }
            Kind::Code => {
                let content = std::mem::take(&mut self.code);
                self.md.truncate(start);
                self.md.push_str(&code_span(&content));
                self.last_code = Some((start, content));
            }
            Kind::Link(dest) => {
                self.md.push_str("](");
                self.md.push_str(&dest);
                self.md.push(')');
            }
        }
    }
}

/// A code span of `content`: fenced with one backtick more than its
/// longest backtick run, padded with a space where it starts or ends with
/// a backtick.
fn code_span(content: &str) -> String {
    let longest = content.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = |edge: bool| if edge { " " } else { "" };
    format!("{fence}{}{content}{}{fence}", pad(content.starts_with('`')), pad(content.ends_with('`')))
}

/// A link destination CommonMark reads as `href`: blanks and control
/// characters percent-encoded, backslashes and unbalanced parentheses
/// escaped, `&` before what could be an entity escaped.
fn destination(href: &str) -> String {
    let mut depth = 0i32;
    let balanced = href.chars().all(|c| {
        depth += match c {
            '(' => 1,
            ')' => -1,
            _ => 0,
        };
        depth >= 0
    }) && depth == 0;
    let mut out = String::with_capacity(href.len());
    let chars: Vec<char> = href.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            c if c.is_whitespace() || c.is_control() => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            '<' if i == 0 => out.push_str("%3C"),
            '(' | ')' if !balanced => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\\\"),
            '&' if escape::entity_follows(&chars[i + 1..]) => out.push_str("\\&"),
            c => out.push(c),
        }
    }
    out
}

/// Passes of [`drop_unreadable_emphasis`] before it gives up and drops all
/// emphasis left (one pass settles real pages; each pass is linear).
const MAX_EMPHASIS_PASSES: usize = 4;

/// Remove the emphasis CommonMark would not read as emphasis, until every
/// remaining one is read: an opener must be left-flanking, a closer
/// right-flanking, and the "rule of 3" must allow the pair.
fn drop_unreadable_emphasis(md: &mut String, pairs: &mut Vec<Pair>) {
    for pass in 0..=MAX_EMPHASIS_PASSES {
        let bad: Vec<bool> = pairs.iter().map(|p| pass == MAX_EMPHASIS_PASSES || !readable(md, p)).collect();
        if !bad.contains(&true) {
            return;
        }
        let mut cuts: Vec<(usize, usize)> = Vec::new();
        for (p, _) in pairs.iter().zip(&bad).filter(|(_, b)| **b) {
            cuts.extend([(p.open, p.marker.len()), (p.close, p.marker.len())]);
        }
        cuts.sort_unstable();
        let mut kept = String::with_capacity(md.len());
        let mut from = 0;
        for &(at, len) in &cuts {
            kept.push_str(&md[from..at]);
            from = at + len;
        }
        kept.push_str(&md[from..]);
        *md = kept;
        // Bytes cut before each cut, to move the kept positions back.
        let before: Vec<usize> = cuts.iter().scan(0, |sum, (_, len)| Some(std::mem::replace(sum, *sum + len))).collect();
        let shift = |pos: usize| {
            let k = cuts.partition_point(|(at, _)| *at < pos);
            pos - if k == 0 { 0 } else { before[k - 1] + cuts[k - 1].1 }
        };
        let mut k = 0;
        pairs.retain(|_| {
            k += 1;
            !bad[k - 1]
        });
        for p in pairs.iter_mut() {
            *p = Pair { open: shift(p.open), close: shift(p.close), marker: p.marker };
        }
    }
}

/// The delimiter run of `*` holding byte `at` of `md`: its length, and
/// whether it is left- and right-flanking.
fn run_at(md: &str, at: usize) -> (usize, bool, bool) {
    let bytes = md.as_bytes();
    let mut start = at;
    while start > 0 && bytes[start - 1] == b'*' && !escape::ends_with_open_backslash(&md[..start - 1]) {
        start -= 1;
    }
    let end = at + bytes[at..].iter().take_while(|&&b| b == b'*').count();
    let before = md[..start].chars().next_back();
    let after = md[end..].chars().next();
    let blank = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let punct = |c: Option<char>| c.is_some_and(is_punctuation);
    let left = !blank(after) && (!punct(after) || blank(before) || punct(before));
    let right = !blank(before) && (!punct(before) || blank(after) || punct(after));
    (end - start, left, right)
}

/// Whether CommonMark reads a pair as emphasis.
fn readable(md: &str, pair: &Pair) -> bool {
    let (open_len, open_left, open_right) = run_at(md, pair.open);
    let (close_len, close_left, close_right) = run_at(md, pair.close);
    let both = (open_left && open_right) || (close_left && close_right);
    let rule_of_three = both && (open_len + close_len) % 3 == 0 && !(open_len % 3 == 0 && close_len % 3 == 0);
    open_left && close_right && !rule_of_three
}

#[cfg(test)]
mod tests {
    use super::*;

    fn twin() -> MdTwin {
        MdTwin::default()
    }

    fn words(t: &mut MdTwin, text: &str) {
        for (i, w) in text.split(' ').enumerate() {
            if i > 0 {
                t.separator();
            }
            t.word(w, false);
        }
    }

    #[test]
    fn emphasis_hugs_its_words() {
        let mut t = twin();
        words(&mut t, "a");
        t.separator();
        assert!(t.open("**"));
        t.separator();
        words(&mut t, "budget");
        t.separator();
        t.close();
        words(&mut t, "b");
        assert_eq!(t.take(), "a **budget** b");
    }

    #[test]
    fn empty_emphasis_vanishes_and_adjacent_ones_merge() {
        let mut t = twin();
        t.open("*");
        t.close();
        t.open("**");
        words(&mut t, "a");
        t.close();
        t.open("**");
        words(&mut t, "b");
        t.close();
        assert_eq!(t.take(), "**ab**");
    }

    #[test]
    fn emphasis_commonmark_would_not_read_is_dropped() {
        let mut t = twin();
        words(&mut t, "Note");
        t.open("**");
        words(&mut t, "\"quoted\"");
        t.close();
        words(&mut t, "x");
        assert_eq!(t.take(), "Note\"quoted\"x");
        let mut t = twin();
        t.open("**");
        words(&mut t, "Note:");
        t.close();
        t.separator();
        words(&mut t, "text");
        assert_eq!(t.take(), "**Note:** text");
    }

    #[test]
    fn many_unreadable_emphases_are_dropped_quickly() {
        let mut t = twin();
        for _ in 0..20_000 {
            words(&mut t, "x");
            t.open("**");
            words(&mut t, "\"y\"");
            t.close();
        }
        words(&mut t, "z");
        let started = std::time::Instant::now();
        let md = t.take();
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        assert!(!md.contains('*') && md.ends_with("x\"y\"z"), "{}", &md[md.len() - 20..]);
    }

    #[test]
    fn code_spans_are_fenced_and_not_escaped() {
        let mut t = twin();
        words(&mut t, "run");
        t.separator();
        t.open("`");
        words(&mut t, "a*b`c\\ d");
        assert!(!t.open("**"));
        t.close();
        assert_eq!(t.take(), "run ``a*b`c\\ d``");
        let mut t = twin();
        t.open("`");
        words(&mut t, "a");
        t.close();
        t.open("`");
        words(&mut t, "`b");
        t.close();
        assert_eq!(t.take(), "``a`b``");
    }

    #[test]
    fn spans_are_closed_at_line_breaks_and_reopened() {
        let mut t = twin();
        t.open("**");
        words(&mut t, "a");
        t.line_break(false);
        words(&mut t, "b");
        t.line_break(false);
        assert_eq!(t.take(), "**a**\\\n**b**");
    }

    #[test]
    fn links_are_safe() {
        let mut t = twin();
        words(&mut t, "Wow!");
        assert!(t.open_link("https://x.org/a b(c"));
        words(&mut t, "[1]");
        t.close();
        assert_eq!(t.take(), r"Wow\![\[1\]](https://x.org/a%20b\(c)");
    }
}
