//! Gradient-boosted trees: the evaluator of the learned scorer's model.
//!
//! A model is a data file (`data/model/*.json`, written by `scripts/train`
//! from scikit-learn's `HistGradientBoostingClassifier`): the columns it
//! reads, a baseline log-odds and the trees, each as parallel arrays of
//! nodes (split column, threshold, children, value). A row goes left where
//! `row[column] <= threshold`. The probability is the logistic of the
//! baseline plus the leaf values; a node's value is what the tree would
//! predict had it stopped there, so each split's step from parent to child
//! is that column's contribution (path contributions, for `--explain`).
//!
//! Thresholds are stored as the largest `f32` not above the trainer's
//! `f64` threshold: for `f32` rows the comparison decides exactly as the
//! trainer's does. This module evaluates; it does not train or choose
//! thresholds. The built-in models' trees also run as code
//! ([`super::compiled`]), summed in the same order, to the same bits.

use std::borrow::Cow;

use bytemuck::{Pod, Zeroable};
use thiserror::Error;

use super::early_exit::{self, ALIGN};
use super::file::{self, FlatNode, ModelFile};
use super::vector::Row;

/// Trees compiled to code (`build.rs`, [`super::compiled`]): adds their
/// leaves, in tree order, to each row's sum.
pub(super) type TreeFn = fn(&[Row], &mut [f32]);

/// Why a model file cannot be used.
#[derive(Debug, Error)]
pub enum ModelError {
    #[error("model is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("model reads columns {found:?}, the engine computes {expected:?}")]
    Columns { expected: Vec<String>, found: Vec<String> },
    #[error("built-in model nodes are not an array of nodes")]
    Embedded,
    #[error("model tree {tree} is malformed: {reason}")]
    Tree { tree: usize, reason: &'static str },
}

/// One node, laid out flat; a node's two children sit side by side, so a
/// step is one comparison and one load, without a branch to mispredict.
/// `repr(C)` with its padding spelt out: the built-in models' nodes are
/// these bytes, embedded by `build.rs` ([`FlatNode::bytes`]).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Pod, Zeroable)]
pub(super) struct Node {
    feature: u16,
    padding: u16,
    /// Index of the left child in `Forest::nodes` (the right child is the
    /// next one), 0 for a leaf.
    left: u32,
    threshold: f32,
    value: f32,
}

impl From<FlatNode> for Node {
    fn from(n: FlatNode) -> Self {
        Node { feature: n.feature, padding: 0, left: n.left, threshold: n.threshold, value: n.value }
    }
}

/// A loaded model.
#[derive(Debug)]
pub struct Forest {
    baseline: f32,
    /// Every tree's nodes, one after another (a built-in model's, in the
    /// binary as they are).
    nodes: Cow<'static, [Node]>,
    /// Index of each tree's root in `nodes`.
    roots: Cow<'static, [u32]>,
    columns: usize,
    /// The same trees as code, in the same order (built-in models only).
    compiled: Option<&'static [TreeFn]>,
}

/// Two forests are equal when their trees are: how they run is not compared.
impl PartialEq for Forest {
    fn eq(&self, other: &Forest) -> bool {
        (self.baseline, &self.nodes, &self.roots, self.columns) == (other.baseline, &other.nodes, &other.roots, other.columns)
    }
}

/// A model `build.rs` embedded: laid out and checked when pith was built.
pub(super) struct Embedded {
    pub baseline: f32,
    /// The columns the model reads.
    pub columns: &'static [&'static str],
    /// The nodes' bytes ([`FlatNode::bytes`]), aligned for [`Node`].
    pub nodes: &'static [u8],
    pub roots: &'static [u32],
    /// The trees as code, in the order of `roots`, a few to a function.
    pub trees: &'static [TreeFn],
}

/// What one column contributed to a block's log-odds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Contribution {
    pub column: usize,
    /// The row's value in that column.
    pub value: f32,
    pub log_odds: f32,
}

/// Rows walked side by side by [`Forest::interpreted`].
const LANES: usize = 8;

/// Rows the compiled trees run over before the next tree runs: the chunk's
/// rows (100 KB) stay in the second-level cache while every tree's code
/// passes over them once. Measured on the dump bench (loaded machine, best
/// and median of runs): 8 rows slower, 64 rows to a whole page within the
/// noise of each other.
const CHUNK: usize = 256;

/// A split sends `x <= threshold` left and anything else (NaN too, as the
/// trainer does) right.
#[allow(clippy::neg_cmp_op_on_partial_ord)]
#[inline]
fn goes_right(x: f32, threshold: f32) -> bool {
    !(x <= threshold)
}

/// The probability of log-odds `x`.
pub(crate) fn logistic(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

impl Forest {
    /// Parse a model file and check it reads exactly `columns`, in order.
    pub fn from_json(text: &str, columns: &[&str]) -> Result<Forest, ModelError> {
        Forest::from_file(serde_json::from_str(text)?, columns)
    }

    /// A model `build.rs` embedded, its nodes used where they are, if it
    /// reads exactly `columns`, in order.
    pub(super) fn embedded(model: &Embedded, columns: &[&str]) -> Result<Forest, ModelError> {
        if model.columns != columns {
            return Err(ModelError::Columns { expected: columns.iter().map(|c| (*c).to_owned()).collect(), found: model.columns.iter().map(|c| (*c).to_owned()).collect() });
        }
        let nodes: &'static [Node] = bytemuck::try_cast_slice(model.nodes).map_err(|_| ModelError::Embedded)?;
        // Early exit stops on multiples of ALIGN trees, which must be
        // function boundaries of the compiled trees.
        if model.roots.iter().any(|&r| r as usize >= nodes.len()) || model.trees.len() != model.roots.len().div_ceil(ALIGN) {
            return Err(ModelError::Embedded);
        }
        Ok(Forest { baseline: model.baseline, nodes: Cow::Borrowed(nodes), roots: Cow::Borrowed(model.roots), columns: columns.len(), compiled: Some(model.trees) })
    }

    /// Check a model file's columns and trees and lay its nodes out.
    fn from_file(file: ModelFile, columns: &[&str]) -> Result<Forest, ModelError> {
        if file.columns.iter().map(String::as_str).ne(columns.iter().copied()) {
            return Err(ModelError::Columns { expected: columns.iter().map(|c| (*c).to_owned()).collect(), found: file.columns });
        }
        let flat = file::layout(&file, columns.len()).map_err(|(tree, reason)| ModelError::Tree { tree, reason })?;
        let nodes = flat.nodes.into_iter().map(Node::from).collect();
        Ok(Forest { baseline: file.baseline, nodes: Cow::Owned(nodes), roots: Cow::Owned(flat.roots), columns: columns.len(), compiled: None })
    }

    /// The leaf of the tree at `root` that `row` reaches, calling `step`
    /// with each split's column and the change in value it makes.
    fn walk(&self, root: u32, row: &[f32], mut step: impl FnMut(usize, f32)) -> f32 {
        let mut node = self.nodes[root as usize];
        while node.left != 0 {
            let column = usize::from(node.feature);
            let x = row.get(column).copied().unwrap_or(0.0);
            let next = self.nodes[node.left as usize + usize::from(goes_right(x, node.threshold))];
            step(column, next.value - node.value);
            node = next;
        }
        node.value
    }

    /// The model's log-odds that the block of `row` is content.
    pub fn log_odds(&self, row: &[f32]) -> f32 {
        debug_assert_eq!(row.len(), self.columns);
        self.baseline + self.roots.iter().map(|&r| self.walk(r, row, |_, _| {})).sum::<f32>()
    }

    /// The probability that the block of `row` is content.
    pub fn probability(&self, row: &[f32]) -> f32 {
        logistic(self.log_odds(row))
    }

    /// The probability of each row of a page, as the engine reads it: with
    /// early exit ([`early_exit`]: a row the first trees call sure leaves
    /// with their estimate), by the compiled trees when the model is built
    /// in, else walking the trees as data; both stop at the same trees, so
    /// the figures are the same to the bit.
    pub fn probabilities(&self, rows: &[Row]) -> Vec<f32> {
        let trees = self.roots.len();
        let sums = match self.compiled {
            Some(compiled) => early_exit::sums(rows, trees, self.baseline, |range, rows, sums| {
                let functions = &compiled[range.start / ALIGN..range.end.div_ceil(ALIGN)];
                for (rows, sums) in rows.chunks(CHUNK).zip(sums.chunks_mut(CHUNK)) {
                    for tree in functions {
                        tree(rows, sums);
                    }
                }
            }),
            None => early_exit::sums(rows, trees, self.baseline, |range, rows, sums| self.interpreted_range(range, rows, sums)),
        };
        sums.into_iter().map(|s| logistic(self.baseline + s)).collect()
    }

    /// [`Forest::probability`] of every row, every tree read (no early
    /// exit): by the compiled trees when the model is built in, else
    /// [`Forest::interpreted`]; the same figures to the bit.
    pub fn whole_probabilities(&self, rows: &[Row]) -> Vec<f32> {
        match self.compiled_sums(rows) {
            Some(sums) => sums.into_iter().map(|s| logistic(self.baseline + s)).collect(),
            None => self.interpreted(rows),
        }
    }

    /// Each row's sum of leaves by the compiled trees (`None` for a model
    /// without them).
    pub(super) fn compiled_sums(&self, rows: &[Row]) -> Option<Vec<f32>> {
        let trees = self.compiled?;
        let mut sums = vec![0.0f32; rows.len()];
        for (rows, sums) in rows.chunks(CHUNK).zip(sums.chunks_mut(CHUNK)) {
            for tree in trees {
                tree(rows, sums);
            }
        }
        Some(sums)
    }

    /// [`Forest::probability`] of every row of a page, walking the trees
    /// as data, tree by tree: one tree's nodes stay in cache while every
    /// row walks it. Each row's sum is taken in the same order as
    /// `log_odds`, so the figures are the same to the bit.
    pub fn interpreted<R: AsRef<[f32]>>(&self, rows: &[R]) -> Vec<f32> {
        self.interpreted_sums(rows).into_iter().map(|s| logistic(self.baseline + s)).collect()
    }

    /// Each row's sum of leaves, walking the trees as data.
    pub(super) fn interpreted_sums<R: AsRef<[f32]>>(&self, rows: &[R]) -> Vec<f32> {
        let mut sums = vec![0.0f32; rows.len()];
        self.interpreted_range(0..self.roots.len(), rows, &mut sums);
        sums
    }

    /// Add the leaves of the trees in `trees` to each row's sum, walking
    /// them as data, [`LANES`] rows side by side.
    fn interpreted_range<R: AsRef<[f32]>>(&self, trees: std::ops::Range<usize>, rows: &[R], sums: &mut [f32]) {
        for (rows, sums) in rows.chunks(LANES).zip(sums.chunks_mut(LANES)) {
            for &root in &self.roots[trees.clone()] {
                self.walk_lanes(root, rows, sums);
            }
        }
    }

    /// Every split's column and threshold, for tests that put values on
    /// the thresholds.
    #[cfg(test)]
    pub(super) fn splits(&self) -> Vec<(usize, f32)> {
        self.nodes.iter().filter(|n| n.left != 0).map(|n| (usize::from(n.feature), n.threshold)).collect()
    }

    /// Walk up to [`LANES`] rows down the tree at `root` side by side (their
    /// loads overlap instead of waiting on one another) and add each leaf's
    /// value to the row's sum.
    fn walk_lanes<R: AsRef<[f32]>>(&self, root: u32, rows: &[R], sums: &mut [f32]) {
        let mut at = [root as usize; LANES];
        let lanes = rows.len().min(LANES);
        loop {
            let mut moved = false;
            for (lane, row) in at.iter_mut().zip(rows).take(lanes) {
                let node = self.nodes[*lane];
                if node.left != 0 {
                    let x = row.as_ref().get(usize::from(node.feature)).copied().unwrap_or(0.0);
                    *lane = node.left as usize + usize::from(goes_right(x, node.threshold));
                    moved = true;
                }
            }
            if !moved {
                break;
            }
        }
        for (sum, &lane) in sums.iter_mut().zip(&at).take(lanes) {
            *sum += self.nodes[lane].value;
        }
    }

    /// Each column's share of the block's log-odds above the model's
    /// average (the trees' root values and the baseline), largest magnitude
    /// first; columns that never split on this row's path are left out.
    pub fn contributions(&self, row: &[f32]) -> Vec<Contribution> {
        let mut by_column = vec![0.0f32; self.columns];
        for &r in self.roots.iter() {
            self.walk(r, row, |c, d| by_column[c] += d);
        }
        let mut out: Vec<Contribution> =
            by_column.into_iter().enumerate().filter(|(_, v)| *v != 0.0).map(|(column, log_odds)| Contribution { column, value: row.get(column).copied().unwrap_or(0.0), log_odds }).collect();
        out.sort_by(|a, b| b.log_odds.abs().total_cmp(&a.log_odds.abs()).then(a.column.cmp(&b.column)));
        out
    }

    /// The log-odds before any split: the baseline plus every root's value.
    pub fn prior_log_odds(&self) -> f32 {
        self.baseline + self.roots.iter().map(|&r| self.nodes[r as usize].value).sum::<f32>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_STUMPS: &str = r#"{"columns": ["a", "b"], "baseline": -0.5, "trees": [
        {"feature": [0, 0, 0], "threshold": [1.5, 0, 0], "left": [1, 0, 0], "right": [2, 0, 0], "value": [0.1, -1.0, 2.0]},
        {"feature": [1, 0, 0], "threshold": [0.0, 0, 0], "left": [1, 0, 0], "right": [2, 0, 0], "value": [0.0, 0.25, -0.25]}
    ]}"#;

    #[test]
    fn sums_the_leaves_the_row_reaches() {
        let f = Forest::from_json(TWO_STUMPS, &["a", "b"]).expect("loads");
        assert!((f.log_odds(&[1.0, 0.0]) - (-0.5 - 1.0 + 0.25)).abs() < 1e-6);
        assert!((f.log_odds(&[1.5, 1.0]) - (-0.5 - 1.0 - 0.25)).abs() < 1e-6, "equal to the threshold goes left");
        assert!((f.log_odds(&[2.0, 1.0]) - (-0.5 + 2.0 - 0.25)).abs() < 1e-6);
        assert!((f.probability(&[2.0, -1.0]) - logistic(1.75)).abs() < 1e-6);
        let rows: Vec<[f32; 2]> = (0..19).map(|i| [i as f32 * 0.25, 1.0 - i as f32 * 0.2]).collect();
        let one_by_one: Vec<f32> = rows.iter().map(|r| f.probability(r)).collect();
        assert_eq!(f.interpreted(&rows), one_by_one, "tree by tree sums as row by row");
    }

    #[test]
    fn contributions_add_up_to_the_log_odds() {
        let f = Forest::from_json(TWO_STUMPS, &["a", "b"]).expect("loads");
        let row = [2.0, 1.0];
        let c = f.contributions(&row);
        let total: f32 = c.iter().map(|c| c.log_odds).sum();
        assert!((f.prior_log_odds() + total - f.log_odds(&row)).abs() < 1e-6);
        assert_eq!(c[0].column, 0, "the largest contribution first");
    }

    #[test]
    fn a_model_for_other_columns_or_a_broken_tree_is_refused() {
        assert!(matches!(Forest::from_json(TWO_STUMPS, &["a", "c"]), Err(ModelError::Columns { .. })));
        let lone_leaf = TWO_STUMPS.replace(r#""left": [1, 0, 0]"#, r#""left": [0, 0, 0]"#).replace(r#""right": [2, 0, 0], "value": [0.1"#, r#""right": [0, 0, 0], "value": [0.1"#);
        assert!(Forest::from_json(&lone_leaf, &["a", "b"]).is_ok(), "a lone leaf is a tree");
        let backwards = TWO_STUMPS.replacen(r#""left": [1, 0, 0], "right": [2, 0, 0]"#, r#""left": [1, 0, 0], "right": [0, 0, 0]"#, 1);
        assert!(matches!(Forest::from_json(&backwards, &["a", "b"]), Err(ModelError::Tree { .. })));
        assert!(matches!(Forest::from_json("{", &["a"]), Err(ModelError::Json(_))));
    }
}
