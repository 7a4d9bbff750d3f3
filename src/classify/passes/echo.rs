//! The echo pass: a short kept line before the page's closing marker whose
//! text recurs after it (a "Read also" headline inside the story that the
//! related list below repeats) is a teaser, not the story's, and is dropped
//! unless the model is sure of it.
//!
//! The closing marker is the end-marker pass's ([`end_marker::find`]).

use std::collections::HashSet;

use super::{end_marker, Decision, Page};
use crate::block::{Label, Reason, Verdict};

/// Most words of a line this pass drops: teaser headlines are short.
/// Measured on the same fold models (`scripts/train --reuse`, session 17),
/// out of fold: wcxb-dev word 0.8544 -> 0.8543, wcxb-rest 0.8805 -> 0.8806,
/// readability-dev shingle 0.9509 -> 0.9509, trafilatura-dev segment
/// 0.9369 -> 0.9375, dumps 0.9014 -> 0.9014 (and a bundled sample's
/// teaser headline dropped).
pub const ECHO_MAX_WORDS: u32 = 15;
/// Probability at or above which the model overrules the pass.
pub const ECHO_OVERRULE: f32 = 0.8;

/// Drop the unsure short kept lines the part after the closing marker repeats.
pub fn run(page: &Page<'_>, verdicts: &mut [Verdict], trace: &mut Vec<Decision>) {
    let Some(m) = end_marker::find(page, verdicts) else { return };
    let after: HashSet<&str> = page.blocks[m..].iter().map(|b| b.text.trim()).filter(|t| !t.is_empty()).collect();
    let mut changed = Vec::new();
    for (i, v) in verdicts.iter_mut().enumerate().take(m) {
        let unsure = v.label == Label::Content && matches!(v.reason, Reason::Model | Reason::Context) && v.score < ECHO_OVERRULE;
        if unsure && page.feats[i].words <= ECHO_MAX_WORDS && after.contains(page.blocks[i].text.trim()) {
            *v = Verdict { label: Label::Boilerplate, score: v.score, reason: Reason::Repeated };
            changed.push(i);
        }
    }
    page.record(trace, "echo", &changed, |n| format!("{n} unsure short lines repeated after the end marker at block {m}"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block::Label::{Boilerplate as B, Content as C};
    use crate::classify::block::Class::{Good, Neutral};
    use crate::classify::passes::run_pass_on;

    const STORY: &str = "The council met on Tuesday evening to discuss the budget for the coming year, and the members agreed on most of it.";
    const TEASER: &str = "Mayor Rejects New Parking Rules Downtown";

    #[test]
    fn a_teaser_headline_the_related_list_repeats_is_dropped() {
        let texts = [STORY, STORY, TEASER, "Related posts", TEASER];
        let (labels, trace) = run_pass_on(&texts, &[0.95, 0.95, 0.55, 0.1, 0.2], &[Good, Good, Neutral, Neutral, Neutral], run);
        assert_eq!(labels, [C, C, B, B, B]);
        assert_eq!(trace[0].blocks, [2]);
    }

    #[test]
    fn without_an_end_marker_or_when_the_model_is_sure_the_line_stays() {
        let texts = [STORY, STORY, TEASER, "Weather", TEASER];
        let (labels, _) = run_pass_on(&texts, &[0.95, 0.95, 0.55, 0.1, 0.2], &[Good, Good, Neutral, Neutral, Neutral], run);
        assert_eq!(labels, [C, C, C, B, B], "no closing marker");
        let texts = [STORY, STORY, TEASER, "Related posts", TEASER];
        let (labels, _) = run_pass_on(&texts, &[0.95, 0.95, 0.9, 0.1, 0.2], &[Good, Good, Neutral, Neutral, Neutral], run);
        assert_eq!(labels[2], C, "the model is sure");
    }
}
