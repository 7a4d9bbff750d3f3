//! Renderers: content blocks and metadata to text, Markdown or JSON.
//! They write what the classifier kept and decide nothing; [`clean`] keeps
//! control characters out of the text they are given.

pub mod clean;
pub mod json;
pub mod markdown;
pub mod text;

use crate::block::Block;

/// The separator written between two consecutive content blocks: one line
/// break inside a list or table, a blank line between paragraphs.
pub(crate) fn separator(prev: &Block, next: &Block) -> &'static str {
    let same_group = prev.kind.is_line_group()
        && next.kind.is_line_group()
        && std::mem::discriminant(&prev.kind) == std::mem::discriminant(&next.kind);
    if same_group { "\n" } else { "\n\n" }
}
