//! The continuation pass: prose the model was unsure of, right after a
//! kept block, is kept. An article's last paragraphs, or the paragraph
//! after an in-story box, read to the model as the start of what follows
//! the story (a bio, a teaser) and can fall just below the threshold; when
//! stage one calls the block prose on its own text and the block before it
//! is kept, the story goes on. Runs before the end-marker pass, which drops
//! again what follows a marker that closes the page.
//!
//! It keeps only blocks the model gave some chance ([`CONTINUE_FLOOR`]),
//! and never a block another pass dropped.

use super::{keep_unsure, Decision, Page};
use crate::block::{Label, Verdict};
use crate::classify::block::Class;

/// Lowest probability of a block this pass keeps (a round prior, not
/// tuned). Measured on the same fold models (`scripts/train --reuse`,
/// session 17): dumps segment 0.9006 -> 0.9011, and the bundled samples'
/// last paragraphs kept by every fold's model; on HTML it cost
/// trafilatura-dev 0.0023 (0.9361 -> 0.9338; wcxb-dev +0.0002, wcxb-rest
/// 0.0000, readability-dev +0.0013), so it runs on dumps only.
pub const CONTINUE_FLOOR: f32 = 0.3;

/// Keep the unsure prose blocks that follow kept text.
pub fn run(page: &Page<'_>, verdicts: &mut [Verdict], trace: &mut Vec<Decision>) {
    let follows_kept = |v: &[Verdict], i: usize| i > 0 && v[i - 1].label == Label::Content;
    let changed = keep_unsure(verdicts, CONTINUE_FLOOR, |v, i| page.scores[i].class == Class::Good && follows_kept(v, i));
    page.record(trace, "continuation", &changed, |n| format!("{n} unsure prose blocks that continue the kept text"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block::Label::{Boilerplate as B, Content as C};
    use crate::classify::block::Class::{Bad, Good, Neutral};
    use crate::classify::passes::run_pass;

    #[test]
    fn unsure_prose_after_kept_text_is_kept_in_a_chain() {
        let (labels, trace) = run_pass(&[0.9, 0.45, 0.35, 0.2], &[Good, Good, Good, Good], run);
        assert_eq!(labels, [C, C, C, B], "the third block follows the second once kept; the fourth is below the floor");
        assert_eq!(trace[0].blocks, [1, 2]);
    }

    #[test]
    fn what_is_not_prose_or_follows_dropped_text_stays_dropped() {
        let (labels, trace) = run_pass(&[0.9, 0.45, 0.1, 0.45], &[Good, Neutral, Bad, Good], run);
        assert_eq!(labels, [C, B, B, B]);
        assert!(trace.is_empty(), "nothing changed, no decision");
    }
}
