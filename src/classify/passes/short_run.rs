//! The short-run pass: in a run of short lines (a menu, a tag list, a row
//! of section names) that the model dropped but for its last line, that
//! line is dropped too when the model is unsure of it: a menu's last item,
//! next to the first paragraph, borrows its neighbour's probability.
//!
//! A lone short line between paragraphs (a subheading) is no run and is
//! left alone.

use super::{Decision, Page};
use crate::block::{Label, Reason, Verdict};

/// Most words of a line in a run.
pub const RUN_MAX_WORDS: u32 = 3;
/// Fewest lines of a run.
pub const RUN_MIN_LEN: usize = 4;
/// The last line of such a run, kept with a probability below this, is
/// dropped.
pub const RUN_UNSURE: f32 = 0.8;

/// Drop the unsure kept last line of otherwise dropped runs of short lines.
pub fn run(page: &Page<'_>, verdicts: &mut [Verdict], trace: &mut Vec<Decision>) {
    let short = |i: usize| page.feats[i].words <= RUN_MAX_WORDS && !page.feats[i].sentence_end;
    let mut changed = Vec::new();
    let mut start = 0;
    while start < verdicts.len() {
        if !short(start) {
            start += 1;
            continue;
        }
        let end = (start..verdicts.len()).find(|&i| !short(i)).unwrap_or(verdicts.len());
        let last = end - 1;
        let rest_dropped = verdicts[start..last].iter().all(|v| v.label != Label::Content);
        let v = verdicts[last];
        if end - start >= RUN_MIN_LEN && rest_dropped && v.label == Label::Content && v.reason == Reason::Model && v.score < RUN_UNSURE {
            verdicts[last] = Verdict { label: Label::Boilerplate, score: v.score, reason: Reason::LinkList };
            changed.push(last);
        }
        start = end;
    }
    page.record(trace, "short_run", &changed, |n| format!("{n} unsure last lines of runs of short lines the model otherwise dropped"));
}
