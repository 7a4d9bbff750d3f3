//! The headline block of an HTML page: the heading that repeats the page
//! title is metadata, not content.

use crate::block::{Block, BlockKind, Label, Reason, Verdict};

fn norm(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Relabel as `Title` the heading blocks that repeat the page title (the
/// title may carry a site suffix the heading lacks).
pub fn lift_title(blocks: &[Block], title: &str, verdicts: &mut [Verdict]) {
    let t = norm(title);
    if t.len() < 4 {
        return;
    }
    for (b, v) in blocks.iter().zip(verdicts.iter_mut()) {
        if !matches!(b.kind, BlockKind::Heading { .. }) || v.label != Label::Content {
            continue;
        }
        let h = norm(&b.text);
        if h.len() >= 4 && (h == t || (t.starts_with(&h) && h.len() * 2 >= t.len())) {
            *v = Verdict { label: Label::Title, score: v.score, reason: Reason::Metadata };
        }
    }
}
