//! Text-dump front end: a plain-text dump of a scraped page to blocks.
//!
//! Dumps come in many styles: paragraphs separated by blank lines, one
//! paragraph a line, indented layout (inscriptis), Markdown (html2text) with
//! or without hard wrapping. Segmentation therefore works on lines and does
//! not depend on one style: every logical line is a block; lines are joined
//! only where the dump was hard-wrapped (detected from the line-length
//! profile) or a sentence plainly runs on. Blank lines are kept as layout
//! evidence (`gap_before`, `run_len`), not as the only block delimiter.
//! Nothing here decides what is content.

use std::sync::LazyLock;

use crate::block::{Block, BlockKind, BlockShape};
use crate::bytescan;
use crate::error::Error;
use crate::frontend::budget::Budget;
use crate::frontend::markdown_inline;

/// Lines longer than this (in chars) count as "long" when profiling wrap width.
const WRAP_PROFILE_MIN: usize = 50;
/// Narrowest and widest wrap widths recognised as hard wrapping.
const WRAP_MIN_WIDTH: usize = 60;
const WRAP_MAX_WIDTH: usize = 100;
/// Lines within this many columns below the width count as filled to it;
/// lines within as many columns above it count against it.
const WRAP_EDGE: usize = 8;
/// How much a line just past a candidate width weighs against it.
const WRAP_ABOVE_PENALTY: usize = 4;
/// Share of long lines that must end within `WRAP_EDGE` of the width.
const WRAP_BAND_SHARE: f32 = 0.3;
/// Minimum number of long lines before wrapping can be detected.
const WRAP_MIN_LINES: usize = 6;
/// A line at least this long, not ending a sentence, followed by a line that
/// starts in lowercase, runs on into it (a `<br>` or a stray hard break).
const RUN_ON_MIN_CHARS: usize = 30;

/// One physical line of the dump after normalisation.
struct Line<'t> {
    text: &'t str,
    indent: usize,
    number: u32,
}

/// Normalise whitespace oddities: CRLF/CR, non-breaking and exotic spaces,
/// tabs and zero-width characters. Soft hyphens are text and stay.
///
/// One pass over the bytes: runs without a byte that can start such a char
/// (see [`MAY_NORMALISE`]) are copied whole.
pub fn normalize(input: &str) -> String {
    let bytes = input.as_bytes();
    let mut out = String::with_capacity(input.len());
    let mut copied = 0; // bytes of `input` already handled
    let mut i = 0;
    while i < bytes.len() {
        // Words of ASCII at or above `\x0E` hold no byte flagged below.
        i += bytescan::plain_len(&bytes[i..], NORMALISE_BELOW, 0);
        let Some(&b) = bytes.get(i) else { break };
        if !MAY_NORMALISE[b as usize] {
            i += 1;
            continue;
        }
        // Only ASCII and UTF-8 lead bytes are flagged: `i` is on a char boundary.
        let Some(c) = input[i..].chars().next() else { break };
        let len = c.len_utf8();
        let replacement = match c {
            '\r' => Some(if bytes.get(i + 1) == Some(&b'\n') { None } else { Some('\n') }),
            '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{2000}'..='\u{200a}' | '\u{3000}' | '\t' => Some(Some(' ')),
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => Some(None),
            '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{b}' | '\u{c}' => Some(Some('\n')),
            _ => None,
        };
        if let Some(replacement) = replacement {
            out.push_str(&input[copied..i]);
            if let Some(r) = replacement {
                out.push(r);
            }
            copied = i + len;
        }
        i += len;
    }
    out.push_str(&input[copied..]);
    out
}

/// Every ASCII byte [`MAY_NORMALISE`] flags is below this one.
const NORMALISE_BELOW: u8 = 0x0E;

/// Bytes that can start a char [`normalize`] changes: `\t`, `\v`, `\f`,
/// `\r`, and the UTF-8 lead bytes of U+0085/U+00A0 (`C2`), U+2000..U+2060
/// (`E2`), U+3000 (`E3`) and U+FEFF (`EF`).
static MAY_NORMALISE: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let flagged = [b'\t', 0x0B, 0x0C, b'\r', 0xC2, 0xE2, 0xE3, 0xEF];
    while k < flagged.len() {
        t[flagged[k] as usize] = true;
        k += 1;
    }
    t
};

/// A logical line being assembled: physical lines joined where the dump
/// was hard-wrapped, inline Markdown not yet removed.
struct Pending {
    kind: BlockKind,
    raw: String,
    shape: BlockShape,
}

/// Cut a dump into blocks.
pub fn blocks(input: &str) -> Vec<Block> {
    segment(&normalize(input))
}

/// Cut a dump into blocks within `budget`: a dump with more lines than it
/// allows is refused ([`Error::TooComplex`]) before they are read.
pub fn blocks_within(input: &str, budget: &Budget) -> Result<Vec<Block>, Error> {
    let text = normalize(input);
    budget.check_lines(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1)?;
    budget.check_time()?;
    Ok(segment(&text))
}

/// Cut normalised text into blocks.
fn segment(text: &str) -> Vec<Block> {
    let markdown = markdown_inline::looks_like_markdown(text);
    let lines = physical_lines(text);
    let wrap_width = detect_wrap_width(&lines);
    let mut pending: Vec<Pending> = Vec::new();
    let mut gap = 0u16;
    let mut in_fence = false;
    let mut fence = String::new();
    let mut prev_joinable = false; // whether the last logical line may take a continuation

    for (i, line) in lines.iter().enumerate() {
        let Some(line) = line else {
            gap = gap.saturating_add(1);
            prev_joinable = false;
            if in_fence {
                fence.push('\n');
            }
            continue;
        };
        // Fenced code (Markdown dumps): kept verbatim as one block.
        if line.text.starts_with("```") || line.text.starts_with("~~~") {
            if in_fence {
                let raw = fence.trim_end_matches('\n').to_owned();
                pending.push(Pending { kind: BlockKind::Code, raw, shape: shape(line.number, gap) });
                fence.clear();
                gap = 0;
            }
            in_fence = !in_fence;
            prev_joinable = false;
            continue;
        }
        if in_fence {
            fence.push_str(&" ".repeat(line.indent));
            fence.push_str(line.text);
            fence.push('\n');
            continue;
        }
        if is_rule_line(line.text) {
            // A setext underline turns the previous line into a heading.
            if let (Some(last), Some(level)) = (pending.last_mut(), setext_level(line.text))
                && prev_joinable
                && gap == 0
                && last.kind == BlockKind::Paragraph
            {
                last.kind = BlockKind::Heading { level };
            }
            gap = gap.saturating_add(1);
            prev_joinable = false;
            continue;
        }
        let (kind, body) = block_marker(line.text, line.indent);
        if body.is_empty() {
            continue;
        }
        let continues = prev_joinable
            && gap == 0
            && pending.last().is_some_and(|last| {
                let same_flow = kind == BlockKind::Paragraph || (kind == BlockKind::Quote && last.kind == BlockKind::Quote);
                same_flow && is_continuation(&last.raw, &lines[i - 1], body, wrap_width)
            });
        match pending.last_mut() {
            Some(last) if continues => {
                if !(wrap_width.is_some() && breaks_inside_url(&last.raw)) {
                    last.raw.push(' ');
                }
                last.raw.push_str(body);
                last.shape.last_line = line.number;
            }
            _ => {
                let mut shape = shape(line.number, gap);
                shape.indent = line.indent.min(u16::MAX as usize) as u16;
                pending.push(Pending { kind, raw: body.to_owned(), shape });
            }
        }
        gap = 0;
        prev_joinable = !matches!(kind, BlockKind::Heading { .. } | BlockKind::Code);
    }
    if in_fence && !fence.trim().is_empty() {
        let raw = fence.trim_end_matches('\n').to_owned();
        pending.push(Pending { kind: BlockKind::Code, raw, shape: shape(lines.len() as u32, gap) });
    }
    let mut out: Vec<Block> = pending.into_iter().filter_map(|p| finish(p, markdown)).collect();
    mark_runs(&mut out);
    out
}

/// Turn a logical line into a block: inline Markdown removed (in Markdown
/// dumps), spaces collapsed, link text counted. `None` if nothing is left.
fn finish(p: Pending, markdown: bool) -> Option<Block> {
    if p.kind == BlockKind::Code {
        return Some(Block { text: p.raw, kind: p.kind, shape: p.shape, markdown: None });
    }
    let cleaned = if markdown {
        markdown_inline::clean(&p.raw)
    } else {
        markdown_inline::Cleaned { text: p.raw, link_chars: 0, links: 0 }
    };
    let text = collapse_spaces(cleaned.text);
    if text.is_empty() {
        return None;
    }
    let (url_chars, urls) = markdown_inline::bare_urls(&text);
    let mut shape = p.shape;
    shape.link_chars = cleaned.link_chars + url_chars;
    shape.links = cleaned.links.saturating_add(urls);
    Some(Block { text, kind: p.kind, shape, markdown: None })
}

fn shape(line: u32, gap: u16) -> BlockShape {
    BlockShape { first_line: line, last_line: line, gap_before: gap, run_len: 1, ..BlockShape::default() }
}

/// Lines of the dump; `None` for blank lines.
fn physical_lines(text: &str) -> Vec<Option<Line<'_>>> {
    text.split('\n')
        .enumerate()
        .map(|(i, raw)| {
            let trimmed = raw.trim();
            if trimmed.is_empty() {
                return None;
            }
            let indent = raw.len() - raw.trim_start().len();
            Some(Line { text: trimmed, indent, number: i as u32 + 1 })
        })
        .collect()
}

/// The column a hard-wrapped dump was wrapped at, if it was.
///
/// Greedy wrapping (textwrap, html2text) fills lines up to the width and
/// never past it unless a single word does not fit: the lengths of lines
/// with inner spaces pile up just below the width and drop off sharply
/// after it. The width is the column with the sharpest such edge.
fn detect_wrap_width(lines: &[Option<Line>]) -> Option<usize> {
    let mut counts = [0usize; WRAP_MAX_WIDTH + WRAP_EDGE + 2];
    let mut long = 0usize;
    for l in lines.iter().flatten() {
        if !l.text.trim_start_matches(['*', '-', '+', '>', '#', ' ']).contains(' ') {
            continue;
        }
        let n = l.indent + l.text.chars().count();
        long += usize::from(n >= WRAP_PROFILE_MIN);
        if let Some(c) = counts.get_mut(n) {
            *c += 1;
        }
    }
    let (mut best, mut best_edge) = (None, 0isize);
    for width in WRAP_MIN_WIDTH..=WRAP_MAX_WIDTH {
        let below: usize = counts[width + 1 - WRAP_EDGE..=width].iter().sum();
        let above: usize = counts[width + 1..=width + WRAP_EDGE].iter().sum();
        let edge = below as isize - (WRAP_ABOVE_PENALTY * above) as isize;
        if edge > best_edge {
            (best, best_edge) = (Some((width, below)), edge);
        }
    }
    let (width, below) = best?;
    let enough = below >= WRAP_MIN_LINES && below as f32 >= WRAP_BAND_SHARE * long as f32;
    enough.then_some(width)
}

/// Whether `next` continues the logical line `last` (whose final physical line is `prev`).
fn is_continuation(last: &str, prev: &Option<Line>, next: &str, wrap: Option<usize>) -> bool {
    let Some(prev) = prev else { return false };
    let prev_len = prev.indent + prev.text.chars().count();
    if let Some(width) = wrap {
        let first_word = next.split_whitespace().next().map_or(0, |w| w.chars().count());
        // Greedy wrapping moved the word down only because it did not fit.
        if prev_len + 1 + first_word > width {
            return true;
        }
    }
    let ends_sentence = last.trim_end().ends_with(['.', '!', '?', ':', ';', '…', '"', '”', '»', '。']);
    let starts_lower = next.chars().next().is_some_and(char::is_lowercase);
    !ends_sentence && starts_lower && prev.text.chars().count() >= RUN_ON_MIN_CHARS
}

/// Whether a wrapped line ends inside a URL broken at a hyphen or slash
/// (greedy wrapping breaks after hyphens): the next line continues it
/// without a space.
fn breaks_inside_url(raw: &str) -> bool {
    let last = raw.rsplit(' ').next().unwrap_or(raw);
    (last.ends_with('-') || last.ends_with('/')) && (last.contains("](") || last.contains("://"))
}

/// A line made only of rule characters (`-----`, `_____`, `=====`, `***`),
/// at least three of them (whitespace between them aside).
fn is_rule_line(text: &str) -> bool {
    let mut marks = 0usize;
    for c in text.chars() {
        if c.is_whitespace() {
            continue;
        }
        if !matches!(c, '-' | '_' | '=' | '*' | '~' | '—' | '–' | '·' | '•') {
            return false;
        }
        marks += 1;
    }
    marks >= 3
}

/// Heading level a setext underline gives (`===` 1, `---` 2).
fn setext_level(text: &str) -> Option<u8> {
    if text.chars().all(|c| c == '=') {
        Some(1)
    } else if text.chars().all(|c| c == '-') {
        Some(2)
    } else {
        None
    }
}

/// The block kind a line's leading marker gives, and the line without it.
fn block_marker(text: &str, indent: usize) -> (BlockKind, &str) {
    let depth = (indent / 2).min(8) as u8;
    if let Some(rest) = heading_marker(text) {
        return rest;
    }
    for bullet in ["* ", "- ", "+ ", "• ", "· ", "◦ ", "▪ ", "– "] {
        if let Some(rest) = text.strip_prefix(bullet) {
            return (BlockKind::ListItem { depth }, rest.trim_start());
        }
    }
    if let Some(rest) = text.strip_prefix("> ").or_else(|| text.strip_prefix('>').filter(|r| r.is_empty())) {
        return (BlockKind::Quote, rest);
    }
    (BlockKind::Paragraph, text)
}

/// `# Heading` → (Heading { level }, "Heading").
fn heading_marker(text: &str) -> Option<(BlockKind, &str)> {
    let hashes = text.chars().take_while(|&c| c == '#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = text[hashes..].strip_prefix(' ')?;
    let rest = rest.trim_end_matches('#').trim();
    (!rest.is_empty()).then_some((BlockKind::Heading { level: hashes as u8 }, rest))
}

/// Collapse runs of whitespace inside a line to one space and trim its ends
/// (`split_whitespace` joined by spaces); a line that has nothing to
/// collapse is returned as it is, without a copy.
fn collapse_spaces(text: String) -> String {
    if is_collapsed(&text) {
        return text;
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `text` has no whitespace but single spaces between other chars.
fn is_collapsed(text: &str) -> bool {
    let b = text.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') || DOUBLE_SPACE.find(b).is_some() {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        // Words of ASCII at or above `\x0E` hold no whitespace but spaces.
        i += bytescan::plain_len(&b[i..], COLLAPSE_BELOW, 0);
        let Some(&c) = b.get(i) else { break };
        if matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
            return false;
        }
        // Lead bytes of the non-ASCII whitespace chars (U+0085, U+00A0;
        // U+1680; U+2000..U+205F; U+3000): decode and test.
        if matches!(c, 0xC2 | 0xE1 | 0xE2 | 0xE3) && text.get(i..).and_then(|r| r.chars().next()).is_some_and(char::is_whitespace) {
            return false;
        }
        i += 1;
    }
    true
}

/// Every ASCII whitespace byte but the space is below this one.
const COLLAPSE_BELOW: u8 = 0x0E;

/// Two spaces in a row, searched for once per line.
static DOUBLE_SPACE: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("  "));

/// Fill `run_len`: the number of blocks in the run of consecutive lines
/// (no blank line between) each block belongs to.
fn mark_runs(blocks: &mut [Block]) {
    let mut start = 0;
    for i in 1..=blocks.len() {
        if i == blocks.len() || blocks[i].shape.gap_before > 0 {
            let len = (i - start).min(u16::MAX as usize) as u16;
            for b in &mut blocks[start..i] {
                b.shape.run_len = len;
            }
            start = i;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<String> {
        blocks(input).into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn blank_line_paragraphs_and_single_lines_both_segment() {
        assert_eq!(texts("One para.\n\nTwo para.\n"), ["One para.", "Two para."]);
        assert_eq!(texts("One para.\nTwo para.\n"), ["One para.", "Two para."]);
    }

    #[test]
    fn crlf_nbsp_tabs_and_zero_width_are_normalised() {
        assert_eq!(texts("A\u{a0}b\tc\u{200b}d\r\n\r\nNext"), ["A b cd", "Next"]);
    }

    #[test]
    fn hard_wrapped_dump_is_unwrapped() {
        let para = "The quick brown fox jumps over the lazy dog and keeps running through the \
                    field until the sun goes down behind the distant hills of the valley where \
                    nobody has ever been before in all the long history of the small village.";
        let wrapped = wrap(para, 60);
        let input = format!("{wrapped}\n\n{wrapped}\n\n{wrapped}\n");
        let out = texts(&input);
        assert_eq!(out.len(), 3, "{out:?}");
        assert_eq!(out[0], para);
    }

    fn wrap(text: &str, width: usize) -> String {
        let mut lines = vec![String::new()];
        for w in text.split(' ') {
            let cur = lines.last_mut().unwrap();
            if !cur.is_empty() && cur.len() + 1 + w.len() > width {
                lines.push(w.to_owned());
            } else {
                if !cur.is_empty() {
                    cur.push(' ');
                }
                cur.push_str(w);
            }
        }
        lines.join("\n")
    }

    #[test]
    fn short_menu_lines_are_not_joined() {
        assert_eq!(texts("Home\nabout us\nnews\n"), ["Home", "about us", "news"]);
    }

    #[test]
    fn run_on_line_break_is_joined() {
        let out = texts("“This is, of all the things we heard today, of\ncourse, unacceptable to us,” he said.");
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn markdown_structure_is_read() {
        let b = blocks("# Title\n\n* [Home](/)\n* [News](/news)\n\n> quoted\n\n```\nfn main() {}\n```\n");
        assert_eq!(b[0].kind, BlockKind::Heading { level: 1 });
        assert_eq!(b[0].text, "Title");
        assert_eq!(b[1].kind, BlockKind::ListItem { depth: 0 });
        assert_eq!(b[1].text, "Home");
        assert_eq!(b[1].shape.link_chars, 4);
        assert_eq!(b[3].kind, BlockKind::Quote);
        assert_eq!(b[4].kind, BlockKind::Code);
        assert_eq!(b[4].text, "fn main() {}");
    }

    #[test]
    fn rule_lines_are_not_blocks_and_setext_makes_headings() {
        let b = blocks("Intro\n________________\nBody text.\n\nHeading\n-------\nMore.");
        let t: Vec<_> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(t, ["Intro", "Body text.", "Heading", "More."]);
        assert_eq!(b[2].kind, BlockKind::Heading { level: 2 });
    }

    #[test]
    fn runs_count_consecutive_lines() {
        let b = blocks("a\nb\nc\n\nd\n");
        assert_eq!(b.iter().map(|b| b.shape.run_len).collect::<Vec<_>>(), [3, 3, 3, 1]);
    }
}
