//! The confidence figure of an extraction: how sure the extractor is that
//! it kept the main content, from the kept blocks' classes and features.
//! It decides nothing; it only reports.

use crate::block::{Label, Verdict};
use crate::classify::block::Class;
use crate::features::BlockFeatures;

/// Words of clear content at which the amount of content stops adding confidence.
const CONFIDENT_WORDS: f32 = 250.0;

/// Weights of the confidence terms (sum 1). Set on the HTML dev sets
/// (Pearson r with per-page F1: trafilatura-dev 0.257, wcxb-dev 0.438).
const CONF_AMOUNT: f32 = 0.4;
const CONF_PURITY: f32 = 0.2;
const CONF_DECISIVENESS: f32 = 0.1;
const CONF_COVERAGE: f32 = 0.3;

/// How sure we are, 0..1: enough clearly good text (or next to nothing to
/// strip), kept text that is mostly clearly good, few blocks near the
/// decision boundary, and most of the page's clear prose kept.
pub(super) fn confidence(feats: &[BlockFeatures], verdicts: &[Verdict], classes: &[Class]) -> f32 {
    let mut good_words = 0.0f32;
    let mut kept_chars = 0.0f32;
    let mut kept_good_chars = 0.0f32;
    let mut total_chars = 0.0f32;
    let mut undecided_chars = 0.0f32;
    let mut good_chars = 0.0f32;
    for ((f, v), c) in feats.iter().zip(verdicts).zip(classes) {
        let chars = f.chars as f32;
        total_chars += chars;
        if *c == Class::Good {
            good_chars += chars;
        }
        if *c == Class::Neutral {
            undecided_chars += chars;
        }
        if v.label == Label::Content {
            kept_chars += chars;
            if *c == Class::Good {
                kept_good_chars += chars;
                good_words += f.words as f32;
            }
        }
    }
    if kept_chars == 0.0 {
        return 0.0;
    }
    // Enough clear prose, or a page with next to nothing to strip.
    let amount = (good_words / CONFIDENT_WORDS).min(1.0).max(kept_chars / total_chars.max(1.0));
    let purity = kept_good_chars / kept_chars;
    let decisiveness = 1.0 - undecided_chars / total_chars.max(1.0);
    // Share of the page's clear prose that was kept: prose left outside the
    // chosen body means the choice was contested.
    let coverage = kept_good_chars / good_chars.max(1.0);
    let c = CONF_AMOUNT * amount + CONF_PURITY * purity + CONF_DECISIVENESS * decisiveness + CONF_COVERAGE * coverage;
    (c.clamp(0.0, 1.0) * 1000.0).round() / 1000.0
}

/// How sure the learned scorer is, 0..1, from its probabilities: enough
/// kept text (or next to nothing to strip), kept blocks the model is sure
/// of, few blocks near the threshold, and most of the page's probable
/// content kept. The same terms and weights as [`confidence`], read from
/// probabilities instead of stage-one classes; scaled by `agreement`, the
/// share of the page on which the heuristics agreed with the model (HTML):
/// two scorers that disagree about a page are less likely both right.
/// Measured out of fold, session 25 (Pearson r with per-page F1, without /
/// with the scaling; wcxb-dev, wcxb-rest, readability-dev,
/// trafilatura-dev): 0.46 / 0.52, 0.47 / 0.53, 0.14 / 0.43, 0.19 / 0.21.
pub(super) fn confidence_from_probabilities(feats: &[BlockFeatures], verdicts: &[Verdict], probabilities: &[f32], agreement: Option<f32>) -> f32 {
    // `kept_p`, the kept characters weighted by probability, serves both
    // purity (over the kept characters) and coverage (over the page's
    // probable ones).
    let (mut total, mut kept, mut kept_p, mut sure, mut probable, mut kept_words) = (0.0f32, 0.0, 0.0, 0.0, 0.0, 0.0);
    for ((f, v), &p) in feats.iter().zip(verdicts).zip(probabilities) {
        let chars = f.chars as f32;
        total += chars;
        sure += chars * (2.0 * p - 1.0).abs();
        probable += chars * p;
        if v.label == Label::Content {
            kept += chars;
            kept_p += chars * p;
            kept_words += f.words as f32 * p;
        }
    }
    if kept == 0.0 {
        return 0.0;
    }
    let amount = (kept_words / CONFIDENT_WORDS).min(1.0).max(kept / total.max(1.0));
    let purity = kept_p / kept;
    let decisiveness = sure / total.max(1.0);
    let coverage = kept_p / probable.max(1.0);
    let c = CONF_AMOUNT * amount + CONF_PURITY * purity + CONF_DECISIVENESS * decisiveness + CONF_COVERAGE * coverage;
    let c = c * agreement.unwrap_or(1.0);
    (c.clamp(0.0, 1.0) * 1000.0).round() / 1000.0
}
