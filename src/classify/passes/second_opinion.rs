//! The second-opinion pass (HTML): where the model is unsure of a block
//! and the hand-weighted heuristics (stage one and the region tree,
//! `classify::tree`) label it the other way, the heuristics' label stands.
//! Two scorers built differently err on different blocks; a block only one
//! of them wants goes the model's way only when the model is sure.
//!
//! It runs right after the threshold, so the passes after it (hidden
//! blocks, comments, ...) still apply to what it decides. It does not run
//! on text dumps: there the heuristics are the weaker scorer and deferring
//! to them cost out of fold (below).

use super::{Decision, Page};
use crate::block::{Label, Reason, Verdict};

/// How far from the threshold the model counts as unsure: within it, a
/// block the heuristics keep is kept and a block they drop is dropped
/// (with the balanced threshold, the model keeps against the heuristics at
/// p >= 0.75 and drops against them below 0.25). Out of fold on the same
/// fold models (session 25, `scripts/train --reuse --only html`; wcxb-dev /
/// wcxb-rest / readability-dev / trafilatura-dev): without the pass 0.8547
/// / 0.8802 / 0.9484 / 0.9413, with it 0.8635 / 0.8837 / 0.9630 / 0.9455.
/// Uneven bands (simulated, `docs/learned-scorer.md`) moved readability-dev
/// and wcxb-rest opposite ways; on dumps deferring cost 0.9041 -> 0.8983.
pub const UNSURE_BAND: f32 = 0.25;

/// Relabel the blocks the model is unsure of where `heuristics` (one label
/// a block) disagree with the threshold's verdict.
pub fn run(page: &Page<'_>, threshold: f32, heuristics: &[Label], verdicts: &mut [Verdict], trace: &mut Vec<Decision>) {
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    for (i, v) in verdicts.iter_mut().enumerate() {
        let (Some(&p), Some(&label)) = (page.probabilities.get(i), heuristics.get(i)) else { continue };
        let unsure = threshold - UNSURE_BAND <= p && p < threshold + UNSURE_BAND;
        if v.reason != Reason::Model || !unsure {
            continue;
        }
        let wanted = label == Label::Content;
        if wanted == (v.label == Label::Content) {
            continue;
        }
        *v = Verdict { label: if wanted { Label::Content } else { Label::Boilerplate }, score: v.score, reason: Reason::SecondOpinion };
        if wanted {
            kept.push(i);
        } else {
            dropped.push(i);
        }
    }
    let changed: Vec<usize> = kept.iter().chain(&dropped).copied().collect();
    page.record(trace, "second_opinion", &changed, |_| {
        format!("unsure blocks (p within {UNSURE_BAND:.2} of the threshold) take the heuristics' label: {} kept, {} dropped", kept.len(), dropped.len())
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block::Label::{Boilerplate as B, Content as C};
    use crate::classify::block::Class::Neutral;
    use crate::classify::passes::{run_pass_on, threshold::BALANCED};

    fn with(heuristics: &'static [Label]) -> fn(&Page<'_>, &mut [Verdict], &mut Vec<Decision>) {
        // A fn pointer cannot capture: dispatch on the pattern under test.
        match heuristics {
            [C, C, C, C] => |p, v, t| run(p, BALANCED, &[C, C, C, C], v, t),
            _ => |p, v, t| run(p, BALANCED, &[B, B, B, B], v, t),
        }
    }

    #[test]
    fn the_heuristics_decide_only_where_the_model_is_unsure() {
        let texts = ["one", "two", "three", "four"];
        let p = [0.2, 0.3, 0.6, 0.8];
        let classes = [Neutral; 4];
        // The heuristics keep all four: only the block at 0.3 changes (0.2 is sure).
        let (labels, trace) = run_pass_on(&texts, &p, &classes, with(&[C, C, C, C]));
        assert_eq!(labels, [B, C, C, C]);
        assert_eq!(trace[0].blocks, [1]);
        assert_eq!(trace[0].pass, "second_opinion");
        // They drop all four: only the block at 0.6 changes (0.8 is sure).
        let (labels, trace) = run_pass_on(&texts, &p, &classes, with(&[B, B, B, B]));
        assert_eq!(labels, [B, B, B, C]);
        assert_eq!(trace[0].blocks, [2]);
    }
}
