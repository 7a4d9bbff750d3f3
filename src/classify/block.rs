//! Stage one: score each block on its own features.

use crate::block::{Block, BlockKind, Reason};
use crate::classify::weights::*;
use crate::features::BlockFeatures;

/// What a block looks like on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Content by its own features.
    Good,
    /// Undecided: short or ambiguous; neighbours decide.
    Neutral,
    /// Boilerplate by its own features.
    Bad,
}

/// Stage-one result for one block.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BlockScore {
    pub score: f32,
    pub class: Class,
    /// The strongest piece of evidence.
    pub reason: Reason,
}

/// Score one block from its features with the default profile.
pub fn score_block(block: &Block, f: &BlockFeatures) -> BlockScore {
    score_block_with(block, f, &Profile::DUMP)
}

/// Score one block from its features under `profile`.
pub fn score_block_with(block: &Block, f: &BlockFeatures, profile: &Profile) -> BlockScore {
    let mut score = 0.0f32;
    let words = f.words as f32;
    let length = W_LENGTH * ((1.0 + words).ln() - (1.0 + LEN_PIVOT_WORDS).ln());
    let length = if profile.record_fields { length.max(RECORD_FIELD_MIN_LENGTH_EVIDENCE) } else { length };
    score += length.min(MAX_LENGTH_EVIDENCE);
    if let Some(density) = f.stopword_density.filter(|_| f.words >= STOPWORD_MIN_WORDS) {
        score += W_STOPWORDS * (density - STOPWORD_PIVOT);
    }
    if f.sentence_end {
        score += W_SENTENCE_END;
    }
    score += W_SENTENCES * f.sentences.min(MAX_SENTENCES) as f32;
    score += W_COMMAS * f.commas.min(MAX_COMMAS) as f32;

    // Negative evidence, strongest first for the reason.
    let mut worst: Option<(f32, Reason)> = None;
    let mut penalise = |amount: f32, reason: Reason, score: &mut f32| {
        *score -= amount;
        if worst.is_none_or(|(w, _)| amount > w) {
            worst = Some((amount, reason));
        }
    };
    let excess = (f.link_density - LINK_EXCESS_FROM).max(0.0);
    penalise(profile.link_density * f.link_density + profile.link_excess * excess, Reason::LinkDense, &mut score);
    if f.widget_coverage >= WIDGET_COVERAGE && f.words <= WIDGET_MAX_WORDS {
        penalise(W_WIDGET * f.widget_coverage, Reason::Widget, &mut score);
    }
    if f.call_to_action && f.words <= CALL_MAX_WORDS {
        penalise(W_CALL_TO_ACTION, Reason::Widget, &mut score);
    }
    if f.notice && f.words <= NOTICE_MAX_WORDS {
        penalise(W_NOTICE, Reason::Widget, &mut score);
    }
    if f.credit {
        penalise(W_CREDIT, Reason::Widget, &mut score);
    }
    if f.byline || f.dateline {
        penalise(W_DATELINE, Reason::Dateline, &mut score);
    }
    if f.legal && f.chars < LEGAL_MAX_CHARS {
        penalise(W_LEGAL, Reason::Legal, &mut score);
    }
    if f.repeats > 0 && block.kind != BlockKind::Code && (profile.repeated_headings || !matches!(block.kind, BlockKind::Heading { .. })) {
        penalise(W_REPEATED, Reason::Repeated, &mut score);
    }
    if f.upper_case > SHOUTING_UPPER && f.chars >= 4 && f.words <= WIDGET_MAX_WORDS {
        penalise(W_SHOUTING, Reason::LowScore, &mut score);
    }
    if f.separators > 0 {
        penalise(W_SEPARATORS * f.separators.min(MAX_SEPARATORS) as f32, Reason::LinkList, &mut score);
    }
    if f.title_case > HEADLINE_TITLE_CASE && !f.sentence_end && f.words >= 3 {
        penalise(W_HEADLINE, Reason::LowScore, &mut score);
    }
    if f.digits > DIGITS_SHARE && f.words <= WIDGET_MAX_WORDS && block.kind != BlockKind::TableRow && !profile.record_fields {
        penalise(W_DIGITS, Reason::LowScore, &mut score);
    }

    // A short block that does not end like a sentence is a headline, a label
    // or a teaser: never content on its own, only through its neighbours.
    if profile.cap_unpunctuated && !f.sentence_end && f.words < HEADLINE_MAX_WORDS && block.kind != BlockKind::Code {
        score = score.min(UNPUNCTUATED_MAX_SCORE);
    }
    let class = if score >= GOOD {
        Class::Good
    } else if score <= BAD {
        Class::Bad
    } else {
        Class::Neutral
    };
    let reason = match class {
        Class::Good if score >= PROSE => Reason::Prose,
        Class::Good => Reason::Score,
        _ => worst.filter(|(w, _)| *w >= 1.0).map_or(Reason::LowScore, |(_, r)| r),
    };
    BlockScore { score, class, reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A product card's price ("$279.99 USD"): two words, mostly digits.
    fn price() -> (Block, BlockFeatures) {
        let f = BlockFeatures { words: 2, chars: 11, digits: 0.6, title_case: 1.0, ..Default::default() };
        (Block::new("$279.99 USD", BlockKind::ListItem { depth: 1 }), f)
    }

    #[test]
    fn short_record_fields_are_not_held_against_their_length_or_digits() {
        let (b, f) = price();
        let plain = score_block_with(&b, &f, &Profile::RELAXED);
        let field = score_block_with(&b, &f, &Profile::RELAXED_RECORD);
        assert!(plain.score < 0.0, "{plain:?}");
        assert!(field.score > plain.score + W_DIGITS, "{field:?} vs {plain:?}");
        assert!(field.score >= 0.0, "{field:?}");
    }
}
