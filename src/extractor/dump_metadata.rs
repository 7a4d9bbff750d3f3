//! A text dump's metadata: the headline, byline and date lifted from its
//! blocks ([`dump::lift`]), then the learned rankers that may name a better
//! title, date and author among its lines. It reads the blocks' labels and
//! probabilities; it classifies nothing.

use super::{Analysis, ExtractorOptions};
use crate::block::{Block, Label, Reason, Verdict};
use crate::classify::{self, block::BlockScore};
use crate::classify::passes::Decision;
use crate::features::BlockFeatures;
use crate::metadata::{self, dump, Metadata};

/// The headline, byline and date of a dump ([`dump::lift`]), which relabels
/// the blocks it lifts. The lift's rules read the heuristics' labels and
/// reasons (prose, subheading, outside the body), so when the learned model
/// labelled the blocks (`learned`) the lift reads the heuristics' labels of
/// the same blocks, and only its title and byline labels are carried onto
/// the model's. Measured out of fold on trafilatura-dumps-dev (session 16):
/// lifting from the model's own labels, title / author / date 0.374 / 0.310
/// / 0.669 against the heuristics' 0.508 / 0.388 / 0.724.
/// `scores` are the blocks' stage-one scores the model's rows read (the
/// heuristics' reading starts from them rather than scoring again).
pub(super) fn lift_dump(blocks: &[Block], feats: &[BlockFeatures], scores: &[BlockScore], verdicts: &mut [Verdict], learned: bool) -> dump::Lifted {
    if !learned {
        return dump::lift(blocks, feats, verdicts);
    }
    let mut reading = classify::classify_scored(blocks, feats, scores.to_vec()).verdicts;
    let lifted = dump::lift(blocks, feats, &mut reading);
    for (v, r) in verdicts.iter_mut().zip(&reading) {
        if matches!(r.label, Label::Title | Label::Byline) {
            *v = *r;
        }
    }
    // A title named on weaker evidence is left where the heuristics put it
    // (outside the body); the model may have kept it: it is the title, not
    // body text.
    if let Some(title) = lifted.title.as_deref() {
        let named = (0..blocks.len()).find(|&i| blocks[i].text == title && reading[i].label == Label::Boilerplate);
        if let Some(i) = named.filter(|&i| verdicts[i].label == Label::Content) {
            verdicts[i] = Verdict { label: Label::Title, score: verdicts[i].score, reason: Reason::Metadata };
        }
    }
    lifted
}

/// A dump's title by the learned ranker (`metadata::dump_title`), over the
/// headline the lifting named, when the block model scored the dump and
/// the ranker is sure enough (`--passes-off dump_title` keeps the lifting's). Out of fold on
/// trafilatura-dumps-dev (site-grouped, `scripts/train-dump-metadata --field title`): see
/// `docs/learned-scorer.md`.
pub(super) fn rank_dump_title(a: &mut Analysis, options: &ExtractorOptions) {
    if options.is_off("dump_title") {
        return;
    }
    let Some((best, p)) = metadata::dump_title::pick(&a.blocks, &a.features, &a.verdicts, &a.probabilities) else { return };
    let (i, title) = (best.index, best.title);
    let reason = format!("title: block {i} (ranker probability {p:.2})");
    a.trace.push(Decision { pass: "dump_title", region: None, reason, share: 0.0, blocks: Vec::new() });
    a.document.metadata.title = Some(title);
    a.document.clean_metadata();
}

/// A dump's publication date by the learned ranker (`metadata::dump_date`),
/// over the date the lifting read, when the block model scored the dump and
/// the ranker is sure enough (`--passes-off dump_date` keeps the lifting's).
/// Out of fold on trafilatura-dumps-dev: see `docs/learned-scorer.md`.
pub(super) fn rank_dump_date(a: &mut Analysis, options: &ExtractorOptions) {
    if options.is_off("dump_date") {
        return;
    }
    let Some((best, p)) = metadata::dump_date::pick(&a.blocks, &a.features, &a.verdicts, &a.probabilities) else { return };
    let reason = format!("date: {} of block {} (ranker probability {p:.2})", best.date, best.index);
    a.trace.push(Decision { pass: "dump_date", region: None, reason, share: 0.0, blocks: Vec::new() });
    a.document.metadata.date = Some(best.date);
}

/// A dump's author by the learned ranker (`metadata::dump_author`), over
/// the name the lifting read, when the block model scored the dump and the
/// ranker is sure enough (`--passes-off dump_author` keeps the lifting's).
/// Out of fold on trafilatura-dumps-dev: see `docs/learned-scorer.md`.
pub(super) fn rank_dump_author(a: &mut Analysis, options: &ExtractorOptions) {
    if options.is_off("dump_author") {
        return;
    }
    let Some((best, p)) = metadata::dump_author::pick(&a.blocks, &a.features, &a.verdicts, &a.probabilities, a.document.metadata.author.as_deref()) else { return };
    let reason = format!("author: {} of block {} (ranker probability {p:.2})", best.name, best.index);
    a.trace.push(Decision { pass: "dump_author", region: None, reason, share: 0.0, blocks: Vec::new() });
    a.document.metadata.author = Some(best.name);
    a.document.clean_metadata();
}

/// A dump's metadata: what was lifted from its blocks, and the URL's host
/// as the site name.
pub(super) fn dump_metadata(lifted: dump::Lifted, url: Option<&str>) -> Metadata {
    Metadata {
        title: lifted.title,
        author: lifted.author,
        date: lifted.date,
        site_name: url.and_then(metadata::host_of),
        ..Metadata::default()
    }
}
