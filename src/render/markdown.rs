//! Markdown: headings with their levels, lists, quotes, fenced code, tables.

use crate::block::{Block, BlockKind};
use crate::render::separator;

/// Render content blocks as Markdown, with the title as a level-1 heading.
pub fn render(title: Option<&str>, blocks: &[Block]) -> String {
    let mut out = String::new();
    if let Some(t) = title {
        out.push_str("# ");
        out.push_str(t);
        if !blocks.is_empty() {
            out.push_str("\n\n");
        }
    }
    let mut prev: Option<&Block> = None;
    let mut table_started = false;
    for b in blocks {
        if let Some(p) = prev {
            out.push_str(separator(p, b));
        }
        // Inline Markdown from the front end (emphasis, code, links) when it has it.
        let text = b.markdown.as_deref().unwrap_or(&b.text);
        match b.kind {
            BlockKind::Heading { level } => {
                out.push_str(&"#".repeat(level.clamp(1, 6) as usize));
                out.push(' ');
                out.push_str(text);
            }
            BlockKind::ListItem { depth } => {
                out.push_str(&"  ".repeat(depth as usize));
                out.push_str("- ");
                out.push_str(&escape_line_start(text));
            }
            BlockKind::Quote => {
                for (i, line) in text.lines().enumerate() {
                    if i > 0 {
                        out.push('\n');
                    }
                    out.push_str("> ");
                    out.push_str(line);
                }
            }
            BlockKind::Code => {
                let fence = if b.text.contains("```") { "~~~~" } else { "```" };
                out.push_str(fence);
                out.push('\n');
                out.push_str(&b.text);
                out.push('\n');
                out.push_str(fence);
            }
            BlockKind::TableRow => {
                let cells: Vec<&str> = text.split(" | ").collect();
                out.push_str("| ");
                out.push_str(&cells.join(" | "));
                out.push_str(" |");
                if !table_started {
                    out.push_str("\n|");
                    out.push_str(&" --- |".repeat(cells.len()));
                }
            }
            BlockKind::Paragraph => out.push_str(&escape_line_start(text)),
        }
        table_started = b.kind == BlockKind::TableRow;
        prev = Some(b);
    }
    out
}

/// Escape a leading character that Markdown would read as block syntax.
fn escape_line_start(text: &str) -> String {
    let needs = text.starts_with(['#', '>', '*', '-', '+'])
        || text.split_once(". ").is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    if needs { format!("\\{text}") } else { text.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            render(Some("Title"), &blocks),
            "# Title\n\n## Section\n\n- a\n  - b\n\n```\nfn x() {}\n```\n\n\\# not a heading"
        );
    }
}
