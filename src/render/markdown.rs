//! Markdown (CommonMark, with GFM pipe tables): the title as a level-1
//! heading, then headings with their levels, paragraphs, bulleted and
//! numbered lists (numbers, `start` and nesting kept), quotes, fenced code
//! with its language, and tables with a header separator.
//!
//! A block's inline Markdown (emphasis, code spans, links) comes from the
//! front end (`frontend::inline_md`); text without it is escaped here.
//! What a CommonMark reader shows is the plain text, no more: line starts
//! that would read as block syntax are escaped ([`escape`]), and the same
//! repeated paragraphs as in the plain text are left out
//! ([`text::written`]). This module decides nothing about content.

pub mod escape;

use std::borrow::Cow;

use crate::block::{Block, BlockKind, ListMark};
use crate::render::text;

/// Render content blocks as Markdown, with the title as a level-1 heading.
pub fn render(title: Option<&str>, blocks: &[Block]) -> String {
    let mut r = Renderer::default();
    if let Some(t) = title {
        r.out.push_str("# ");
        r.out.push_str(&heading_text(&plain_lines(t)));
    }
    let blocks: Vec<&Block> = text::written(blocks).collect();
    let mut i = 0;
    while i < blocks.len() {
        let b = blocks[i];
        if b.kind == BlockKind::TableRow {
            let rows = blocks[i..].iter().take_while(|b| b.kind == BlockKind::TableRow).count();
            r.table(&blocks[i..i + rows]);
            i += rows;
            continue;
        }
        let lines = block_lines(b);
        match b.kind {
            BlockKind::Heading { level } => {
                r.start_block(b.kind);
                r.out.push_str(&"#".repeat(level.clamp(1, 6) as usize));
                r.out.push(' ');
                r.out.push_str(&heading_text(&lines));
            }
            BlockKind::ListItem { depth } => r.list_item(depth, b.shape.list, &lines),
            BlockKind::Quote => {
                r.start_block(b.kind);
                r.push_lines("> ", &lines);
            }
            BlockKind::Code => {
                r.start_block(b.kind);
                r.code(&b.text, b.shape.language.as_deref());
            }
            BlockKind::Paragraph | BlockKind::TableRow => {
                r.start_block(b.kind);
                r.push_lines("", &lines);
            }
        }
        i += 1;
    }
    r.out
}

/// An open list level: the depth its items have in the blocks, the column
/// their content starts at, and the last item's marker.
#[derive(Debug, Clone, Copy)]
struct Level {
    depth: u8,
    content_column: usize,
    number: Option<u32>,
    /// `-` for bullets, `.` or `)` after a number.
    delimiter: char,
}

#[derive(Debug, Default)]
struct Renderer {
    out: String,
    /// The kind of the block written last.
    prev: Option<BlockKind>,
    /// The open list levels, outermost first.
    levels: Vec<Level>,
}

impl Renderer {
    /// Separate a new block of `kind` from what is written: a quote
    /// continues a quote, anything else but a list item ends the lists.
    fn start_block(&mut self, kind: BlockKind) {
        let sep = match self.prev {
            None if self.out.is_empty() => "",
            Some(BlockKind::Quote) if kind == BlockKind::Quote => "\n>\n",
            _ => "\n\n",
        };
        self.out.push_str(sep);
        if !matches!(kind, BlockKind::ListItem { .. }) {
            self.levels.clear();
        }
        self.prev = Some(kind);
    }

    /// Write `lines`, each after `prefix`, with block syntax at their starts escaped.
    fn push_lines(&mut self, prefix: &str, lines: &[Cow<'_, str>]) {
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                self.out.push('\n');
            }
            self.out.push_str(prefix);
            self.out.push_str(&escape::line_start(line));
        }
    }

    /// A list item block at `depth`: a new item under its marker, or a
    /// further paragraph of the item before it.
    fn list_item(&mut self, depth: u8, mark: Option<ListMark>, lines: &[Cow<'_, str>]) {
        let mark = mark.unwrap_or(ListMark { number: None, first: false, continued: false });
        let in_list = matches!(self.prev, Some(BlockKind::ListItem { .. }));
        if !in_list {
            self.levels.clear();
        }
        while self.levels.last().is_some_and(|l| l.depth > depth) {
            self.levels.pop();
        }
        // A further block of an item continues the innermost item open at
        // its depth or above (text straight inside a nested `<ul>` belongs
        // to the item around it).
        if let Some(level) = self.levels.last().copied().filter(|_| mark.continued) {
            self.start_block(BlockKind::ListItem { depth });
            self.push_lines(&" ".repeat(level.content_column), lines);
            return;
        }
        let sibling = self.levels.last().copied().filter(|l| l.depth == depth);
        let (delimiter, new_list) = match sibling {
            Some(prev) => {
                self.levels.pop();
                let same_kind = prev.number.is_some() == mark.number.is_some();
                // Bulleted lists one after the other read as one.
                let continues = match (prev.number, mark.number) {
                    (Some(p), Some(n)) => p.checked_add(1) == Some(n) && !mark.first,
                    (None, None) => true,
                    _ => false,
                };
                match (same_kind, continues) {
                    (true, true) => (prev.delimiter, false),
                    // Another list right after this one: a new delimiter starts it.
                    (true, false) => (other_delimiter(prev.delimiter), true),
                    (false, _) => (default_delimiter(mark.number), true),
                }
            }
            None => (default_delimiter(mark.number), true),
        };
        let indent = self.levels.last().map_or(0, |l| l.content_column);
        let marker = match mark.number {
            Some(n) => format!("{n}{delimiter}"),
            None => delimiter.to_string(),
        };
        // A numbered list not starting at 1 cannot interrupt a paragraph:
        // a blank line goes before it.
        let interrupts = new_list && mark.number.is_some_and(|n| n != 1);
        let sep = if self.out.is_empty() {
            ""
        } else if in_list && !interrupts {
            "\n"
        } else {
            "\n\n"
        };
        self.out.push_str(sep);
        self.prev = Some(BlockKind::ListItem { depth });
        let content_column = indent + marker.len() + 1;
        for (i, line) in lines.iter().enumerate() {
            if i == 0 {
                self.out.push_str(&" ".repeat(indent));
                self.out.push_str(&marker);
                self.out.push(' ');
            } else {
                self.out.push('\n');
                self.out.push_str(&" ".repeat(content_column));
            }
            self.out.push_str(&escape::line_start(line));
        }
        self.levels.push(Level { depth, content_column, number: mark.number, delimiter });
    }

    /// A fenced code block: a fence longer than any backtick run inside,
    /// the language as its info string.
    fn code(&mut self, text: &str, language: Option<&str>) {
        let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest.max(2) + 1);
        self.out.push_str(&fence);
        self.out.push_str(language.unwrap_or(""));
        self.out.push('\n');
        self.out.push_str(text);
        self.out.push('\n');
        self.out.push_str(&fence);
    }

    /// A run of table rows as a GFM pipe table: the first row is the
    /// header; every row has as many cells as the widest.
    fn table(&mut self, rows: &[&Block]) {
        self.start_block(BlockKind::TableRow);
        let cells: Vec<Vec<Cow<'_, str>>> = rows.iter().map(|b| row_cells(b)).collect();
        let width = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        for (i, row) in cells.iter().enumerate() {
            if i > 0 {
                self.out.push('\n');
            }
            self.out.push('|');
            for k in 0..width {
                self.out.push(' ');
                self.out.push_str(row.get(k).map_or("", |c| c.trim()));
                self.out.push_str(" |");
            }
            if i == 0 {
                self.out.push_str("\n|");
                self.out.push_str(&" --- |".repeat(width));
            }
        }
    }
}

/// The other delimiter of a numbered list (`.`/`)`).
fn other_delimiter(d: char) -> char {
    if d == '.' { ')' } else { '.' }
}

/// The delimiter a list starts with.
fn default_delimiter(number: Option<u32>) -> char {
    if number.is_some() { '.' } else { '-' }
}

/// A block's inline Markdown, line by line (every line but the last ends
/// with a hard break).
fn block_lines(b: &Block) -> Vec<Cow<'_, str>> {
    match &b.markdown {
        Some(md) => md.lines().map(Cow::Borrowed).collect(),
        None => plain_lines(&b.text),
    }
}

/// Plain text as Markdown lines: escaped, a hard break at each line end.
fn plain_lines(text: &str) -> Vec<Cow<'static, str>> {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let last = lines.len().saturating_sub(1);
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut line = escape::text(l);
            if i < last {
                line.push('\\');
            }
            Cow::Owned(line)
        })
        .collect()
}

/// A heading's text on one line (a heading cannot span lines).
fn heading_text(lines: &[Cow<'_, str>]) -> String {
    let joined: Vec<&str> = lines.iter().map(|l| escape::without_hard_break(l).trim_end()).collect();
    escape::heading_end(&joined.join(" ")).into_owned()
}

/// A table row's cells as Markdown, `|` escaped.
fn row_cells(b: &Block) -> Vec<Cow<'_, str>> {
    match &b.markdown {
        Some(md) => md.split(" | ").map(Cow::Borrowed).collect(),
        None => b.text.split(" | ").map(|c| Cow::Owned(escape::text(c).replace('|', "\\|"))).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block::ListMark;

    fn item(text: &str, depth: u8, number: Option<u32>, first: bool, continued: bool) -> Block {
        let mut b = Block::new(text, BlockKind::ListItem { depth });
        b.shape.list = Some(ListMark { number, first, continued });
        b
    }

    #[test]
    fn renders_structure() {
        let blocks = vec![
            Block::new("Section", BlockKind::Heading { level: 2 }),
            Block::new("a", BlockKind::ListItem { depth: 0 }),
            Block::new("b", BlockKind::ListItem { depth: 1 }),
            Block::new("fn x() {}", BlockKind::Code),
            Block::new("# not a heading", BlockKind::Paragraph),
        ];
        assert_eq!(
            render(Some("Title *1*"), &blocks),
            "# Title \\*1\\*\n\n## Section\n\n- a\n  - b\n\n```\nfn x() {}\n```\n\n\\# not a heading"
        );
    }

    #[test]
    fn numbered_lists_keep_their_numbers_and_nest() {
        let blocks = vec![
            item("one", 0, Some(3), true, false),
            item("sub", 1, None, true, false),
            item("more of one", 0, Some(3), false, true),
            item("two", 0, Some(4), false, false),
            item("again", 0, Some(1), true, false),
        ];
        assert_eq!(render(None, &blocks), "3. one\n   - sub\n\n   more of one\n4. two\n1) again");
    }

    #[test]
    fn tables_are_padded_to_the_widest_row() {
        let mut head = Block::new("a | b", BlockKind::TableRow);
        head.markdown = Some("a | b\\|c".into());
        let blocks = vec![head, Block::new("1 | 2 | 3", BlockKind::TableRow)];
        assert_eq!(render(None, &blocks), "| a | b\\|c |  |\n| --- | --- | --- |\n| 1 | 2 | 3 |");
    }

    #[test]
    fn quotes_run_together_and_code_gets_a_longer_fence() {
        let mut code = Block::new("let s = \"```\";", BlockKind::Code);
        code.shape.language = Some("rust".into());
        let blocks = vec![Block::new("q1", BlockKind::Quote), Block::new("> q2", BlockKind::Quote), code];
        assert_eq!(render(None, &blocks), "> q1\n>\n> \\> q2\n\n````rust\nlet s = \"```\";\n````");
    }
}
