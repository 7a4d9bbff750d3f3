//! Plain text: paragraphs separated by blank lines, list items and table
//! rows one a line, code verbatim. No duplicated paragraphs.

use std::collections::HashSet;

use crate::block::{Block, BlockKind};
use crate::render::separator;

/// Blocks shorter than this may repeat (list bullets, table cells); longer
/// repeated paragraphs are written once.
const DEDUP_MIN_CHARS: usize = 40;

/// Render content blocks as plain text.
pub fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut prev: Option<&Block> = None;
    for b in blocks {
        if b.text.chars().count() >= DEDUP_MIN_CHARS && b.kind != BlockKind::Code && !seen.insert(b.text.as_str()) {
            continue;
        }
        if let Some(p) = prev {
            out.push_str(separator(p, b));
        }
        out.push_str(&b.text);
        prev = Some(b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_blank_lines_lists_single_lines_no_duplicates() {
        let blocks = vec![
            Block::new("A paragraph that is long enough to be deduplicated.", BlockKind::Paragraph),
            Block::new("one", BlockKind::ListItem { depth: 0 }),
            Block::new("two", BlockKind::ListItem { depth: 0 }),
            Block::new("A paragraph that is long enough to be deduplicated.", BlockKind::Paragraph),
            Block::new("End.", BlockKind::Paragraph),
        ];
        assert_eq!(render(&blocks), "A paragraph that is long enough to be deduplicated.\n\none\ntwo\n\nEnd.");
    }
}
