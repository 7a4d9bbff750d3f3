//! Which scorer labels a page's blocks: the hand-weighted heuristics or
//! the learned model with its named passes, as [`Scorer`] says for the
//! page's front end (by default, `auto`: the model for text dumps, the
//! heuristics for HTML). Both see the same blocks and features; HTML
//! brings its region tree, a text dump has none.

use crate::block::{Block, Label, Region};
use crate::classify::passes::{self, Decision, PassOptions};
use crate::classify::tree::TreeOptions;
use crate::classify::{self, Classification};
use crate::features::BlockFeatures;
use crate::learned::forest::Contribution;
use crate::learned::model::Models;
use crate::learned::vector::{self, PageHints};

use super::{Bias, ExtractorOptions};
#[cfg(doc)]
use super::Scorer;

/// How far `--precision` / `--recall` move the probability threshold.
/// Measured out of fold (session 10): see `docs/learned-scorer.md`.
const BIAS_STEP: f32 = 0.15;

/// The probability threshold for a bias.
fn threshold(bias: Bias) -> f32 {
    let balanced = passes::threshold::BALANCED;
    match bias {
        Bias::Balanced => balanced,
        Bias::Precision => balanced + BIAS_STEP,
        Bias::Recall => balanced - BIAS_STEP,
    }
}

/// Labels and what decided them.
pub(super) struct Scored {
    pub classification: Classification,
    pub report: ModelReport,
}

/// What the learned scorer says of a page besides its labels (empty for
/// the heuristics).
#[derive(Default)]
pub(super) struct ModelReport {
    /// The passes' decisions.
    pub trace: Vec<Decision>,
    /// Each block's probability of being content.
    pub probabilities: Vec<f32>,
    /// Each block's strongest contributions to the model's log-odds (only
    /// when explaining).
    pub contributions: Vec<Vec<Contribution>>,
    /// Share of the page's characters on which the model (at the
    /// threshold) and the heuristics agree, when both read the page (HTML).
    pub agreement: Option<f32>,
}

/// Contributions kept per block for `--explain`.
const EXPLAIN_CONTRIBUTIONS: usize = 5;

/// Label `blocks`; `regions` is the HTML region tree (`None` for a dump).
pub(super) fn score(
    models: &Models,
    opts: &ExtractorOptions,
    blocks: &[Block],
    feats: &[BlockFeatures],
    regions: Option<&[Region]>,
    comments: bool,
    hints: PageHints,
) -> Scored {
    let learned = opts.scorer.learned_for(regions.is_none());
    let model = if regions.is_some() { models.html.as_deref() } else { models.dump.as_deref() };
    match model.filter(|_| learned) {
        Some(model) => {
            let scores = vector::stage_one(blocks, feats);
            let rows = vector::rows_with(blocks, feats, regions.unwrap_or(&[]), hints, &scores);
            let probabilities = model.probabilities(&rows);
            let mut trace = Vec::new();
            // The heuristics' labels, for the second opinion (HTML only; a
            // pass turned off is not paid for).
            let heuristics: Option<Vec<Label>> = regions
                .filter(|_| !opts.is_off("second_opinion"))
                .map(|regions| on_the_tree(opts, blocks, feats, regions, comments).verdicts.iter().map(|v| v.label).collect());
            let pass_opts = PassOptions {
                threshold: threshold(opts.bias),
                comments,
                dump: regions.is_none(),
                off: &opts.passes_off,
                heuristics: heuristics.as_deref(),
            };
            let classification = passes::run(blocks, feats, regions.unwrap_or(&[]), &probabilities, scores, pass_opts, &mut trace);
            let contributions = if opts.explain {
                rows.iter().map(|r| model.contributions(r).into_iter().take(EXPLAIN_CONTRIBUTIONS).collect()).collect()
            } else {
                Vec::new()
            };
            let agreement = heuristics.as_deref().map(|h| agreement(feats, &probabilities, pass_opts.threshold, h));
            Scored { classification, report: ModelReport { trace, probabilities, contributions, agreement } }
        }
        None => {
            let classification = match regions {
                Some(regions) => {
                    let mut classification = on_the_tree(opts, blocks, feats, regions, comments);
                    if !opts.is_off("copies") {
                        passes::copies::drop_later_copies(blocks, feats, regions, &mut classification.verdicts);
                    }
                    classification
                }
                None => classify::classify(blocks, feats),
            };
            Scored { classification, report: ModelReport::default() }
        }
    }
}

/// The heuristics on an HTML page's region tree: the HTML scorer of
/// `--scorer heuristic`, and the learned scorer's second opinion.
fn on_the_tree(opts: &ExtractorOptions, blocks: &[Block], feats: &[BlockFeatures], regions: &[Region], comments: bool) -> Classification {
    classify::tree::classify(blocks, feats, regions, TreeOptions { comments, bias: opts.bias.shift() })
}

/// Share of the page's characters on which the model's verdict at
/// `threshold` and the heuristics' label agree (content or not).
fn agreement(feats: &[BlockFeatures], probabilities: &[f32], threshold: f32, heuristics: &[Label]) -> f32 {
    let (mut total, mut agreed) = (0.0f32, 0.0f32);
    for ((f, &p), &label) in feats.iter().zip(probabilities).zip(heuristics) {
        let chars = f.chars as f32;
        total += chars;
        if (p >= threshold) == (label == Label::Content) {
            agreed += chars;
        }
    }
    if total == 0.0 { 1.0 } else { agreed / total }
}
