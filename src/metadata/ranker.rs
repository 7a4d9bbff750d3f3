//! What the metadata rankers (a dump's `dump_title`, `dump_date`,
//! `dump_author`; an HTML page's `html::title_ranker`, `date_ranker`,
//! `author_ranker`) share: a built-in ranker whose trees `build.rs` compiled
//! to code over the ranker's own rows ([`built_in_ranker!`]), taking the
//! candidate it scores highest, a dump's lines folded for comparison, and
//! the share of the kept text before each block. Each ranker defines its
//! candidates and columns; this module decides nothing about them.

use crate::features::BlockFeatures;
use crate::learned::forest::logistic;
use crate::words;

/// One compiled tree group: adds its trees' leaves for every row of `W`
/// numbers to that row's sum.
pub(crate) type TreeFn<const W: usize> = fn(&[[f32; W]], &mut [f32]);

/// A built-in ranker: its trees as code (`learned::codegen`), each adding
/// its leaf for every row to that row's sum, its baseline log-odds and the
/// columns it was trained on, over rows of `W` numbers.
pub(crate) struct Ranker<const W: usize> {
    pub baseline: f32,
    pub columns: &'static [&'static str],
    pub trees: &'static [TreeFn<W>],
}

impl<const W: usize> Ranker<W> {
    /// Each row's probability: the trees' leaves summed in tree order and
    /// added to the baseline, as the interpreter
    /// (`learned::forest::Forest::probability`) sums them.
    pub fn probabilities(&self, rows: &[[f32; W]]) -> Vec<f32> {
        let mut sums = vec![0.0f32; rows.len()];
        for tree in self.trees {
            tree(rows, &mut sums);
        }
        sums.into_iter().map(|s| logistic(self.baseline + s)).collect()
    }

    /// The candidate scored highest (the first of equals), with its
    /// probability; `None` without candidates, or when the ranker was
    /// trained on other columns than `columns` (those the caller writes).
    pub fn best<C>(&self, columns: &[&str], candidates: Vec<C>, row: impl Fn(&C) -> [f32; W]) -> Option<(C, f32)> {
        if self.columns != columns {
            return None;
        }
        let rows: Vec<[f32; W]> = candidates.iter().map(row).collect();
        let mut best: Option<(C, f32)> = None;
        for (c, p) in candidates.into_iter().zip(self.probabilities(&rows)) {
            if best.as_ref().is_none_or(|(_, b)| p > *b) {
                best = Some((c, p));
            }
        }
        best
    }
}

/// A ranker module's built-in ranker, `RANKER`: `build.rs`'s code for its
/// model file (`$trees`, written from `data/model/*.json` by
/// `learned::codegen`) in a module `compiled`, over rows of the module's
/// `WIDTH` numbers.
macro_rules! built_in_ranker {
    ($trees:literal) => {
        /// The built-in ranker's trees as code (`build.rs`, `learned::codegen`),
        /// over this module's rows, with its baseline and column names.
        mod compiled {
            use super::WIDTH;
            type Row = [f32; WIDTH];
            type TreeFn = fn(&[Row], &mut [f32]);
            include!(concat!(env!("OUT_DIR"), "/", $trees));
        }
        use compiled::RANKER;

        /// The built-in ranker's probability for each candidate row, in
        /// order (what `--explain` shows beside each candidate); `None`
        /// each when the model was trained on other columns than
        /// `COLUMNS`, which the ranker then never reads.
        pub fn candidate_probabilities(rows: &[[f32; WIDTH]]) -> Vec<Option<f32>> {
            if RANKER.columns != COLUMNS {
                return vec![None; rows.len()];
            }
            RANKER.probabilities(rows).into_iter().map(Some).collect()
        }
    };
}
pub(crate) use built_in_ranker;

/// `text` lower-cased, its whitespace runs as one space, no space at the
/// ends: how the rankers compare a dump's lines.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(&mut out, text);
    out
}

/// [`fold`] of `text`, written at the end of `out`. The words are
/// `split_whitespace`'s, found by bytes ([`words::words`]: decoding every
/// char was most of a dump author window's folding).
pub(crate) fn fold_into(out: &mut String, text: &str) {
    for (k, word) in words::words(text).enumerate() {
        if k > 0 {
            out.push(' ');
        }
        if word.is_ascii() {
            // Copied whole, then lower-cased in place (not a char at a time).
            let at = out.len();
            out.push_str(word);
            out[at..].make_ascii_lowercase();
        } else {
            out.push_str(&word.to_lowercase());
        }
    }
}

/// Per block, the share of the characters of the blocks the block model
/// keeps (probability at least one half) that come before it.
pub(crate) fn kept_text_before(feats: &[BlockFeatures], probabilities: &[f32]) -> Vec<f32> {
    let mut before = Vec::with_capacity(feats.len());
    let mut sum = 0.0f32;
    for (f, p) in feats.iter().zip(probabilities) {
        before.push(sum);
        if *p >= 0.5 {
            sum += f.chars as f32;
        }
    }
    let total = sum.max(1.0);
    before.into_iter().map(|b| b / total).collect()
}

/// The check of a ranker's tests: `ranker` reads `columns`, and on the
/// trainer's fixture rows (`tests/fixtures/model/*.check.jsonl`) gives the
/// trainer's probabilities and, to the bit, those the interpreter gives
/// from the model file `json`.
#[cfg(test)]
pub(crate) fn check_against_trainer<const W: usize>(ranker: &Ranker<W>, columns: &[&str], json: &str, fixture: &str) {
    assert_eq!(ranker.columns, columns, "the model file names these columns");
    let model = crate::learned::forest::Forest::from_json(json, columns).expect("the model file loads");
    let mut rows = Vec::new();
    let mut want = Vec::new();
    for line in fixture.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("fixture line is JSON");
        let mut row = [0.0f32; W];
        for (x, value) in row.iter_mut().zip(v["row"].as_array().expect("row")) {
            *x = value.as_f64().expect("number") as f32;
        }
        rows.push(row);
        want.push(v["p"].as_f64().expect("p") as f32);
    }
    assert!(rows.len() >= 100, "the fixture holds the trainer's rows");
    for (n, ((row, want), got)) in rows.iter().zip(&want).zip(ranker.probabilities(&rows)).enumerate() {
        assert!((got - want).abs() < 1e-4, "row {n}: engine {got}, trainer {want}");
        assert_eq!(got.to_bits(), model.probability(row).to_bits(), "row {n}: compiled and interpreted trees differ");
    }
}

#[cfg(test)]
mod fold_tests {
    use super::{fold, fold_into};

    /// What folding means: `split_whitespace`'s words, lower-cased, one space between.
    fn fold_by_words(text: &str) -> String {
        text.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn folding_matches_the_word_by_word_fold() {
        let texts = [
            "",
            "   ",
            "Anna Schmidt",
            "  By  ANNA\tSchmidt \r\n| 12.03.2022  ",
            "a\x0Bb\x0Cc\rd\ne\tf g",
            "x\x1Fy",
            "MiXeD_case-Handle99 @jane",
            "  ÄRGER  über\u{a0}Straße ",
            "Jane\u{2009}DOE\u{3000}ΟΔΟΣ",
        ];
        for text in texts {
            let mut appended = String::from("kept ");
            fold_into(&mut appended, text);
            assert_eq!(appended, format!("kept {}", fold_by_words(text)), "{text:?}");
            assert_eq!(fold(text), fold_by_words(text), "{text:?}");
        }
        assert_eq!(fold("  ÄRGER  über\u{a0}Straße "), "ärger über straße");
    }
}
