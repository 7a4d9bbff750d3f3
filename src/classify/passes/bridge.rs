//! The bridge pass: a block the model was unsure of between two kept
//! blocks (a subheading, a one-line paragraph inside the story) is kept,
//! unless stage one calls it boilerplate on its own evidence. Text that the
//! story surrounds on both sides is the story's.
//!
//! It keeps only blocks the model gave some chance ([`BRIDGE_FLOOR`]), and
//! never a block another pass dropped.

use super::{keep_unsure, Decision, Page};
use crate::block::{Label, Verdict};
use crate::classify::block::Class;

/// Lowest probability of a block this pass keeps (a round prior, not
/// tuned). Measured on the same fold models (`scripts/train --reuse`,
/// session 17), out of fold: wcxb-dev word 0.8538 -> 0.8544, wcxb-rest
/// 0.8807 -> 0.8805, readability-dev shingle 0.9492 -> 0.9509,
/// trafilatura-dev segment 0.9361 -> 0.9369, dumps 0.9006 -> 0.9006 (and
/// a sample's subheading kept by every fold's dump model).
pub const BRIDGE_FLOOR: f32 = 0.3;

/// Keep the unsure blocks between kept blocks.
pub fn run(page: &Page<'_>, verdicts: &mut [Verdict], trace: &mut Vec<Decision>) {
    let kept = |v: &[Verdict], i: usize| v.get(i).is_some_and(|v| v.label == Label::Content);
    let between = |v: &[Verdict], i: usize| i > 0 && kept(v, i - 1) && kept(v, i + 1);
    let changed = keep_unsure(verdicts, BRIDGE_FLOOR, |v, i| page.scores[i].class != Class::Bad && between(v, i));
    page.record(trace, "bridge", &changed, |n| format!("{n} unsure blocks between kept blocks"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block::Label::{Boilerplate as B, Content as C};
    use crate::classify::block::Class::{Bad, Good, Neutral};
    use crate::classify::passes::run_pass;

    #[test]
    fn an_unsure_block_between_kept_blocks_is_kept() {
        let (labels, trace) = run_pass(&[0.9, 0.4, 0.9], &[Good, Neutral, Good], run);
        assert_eq!(labels, [C, C, C]);
        assert_eq!(trace[0].blocks, [1]);
    }

    #[test]
    fn boilerplate_by_stage_one_below_the_floor_or_at_an_edge_stays_dropped() {
        let (labels, _) = run_pass(&[0.9, 0.4, 0.9, 0.2, 0.9, 0.4], &[Good, Bad, Good, Neutral, Good, Neutral], run);
        assert_eq!(labels, [C, B, C, B, C, B]);
    }
}
