//! Early exit: a block the first trees already call sure skips the rest.
//!
//! A model is a bag of three boosted forests (`scripts/train`), one after
//! another. Most blocks of a page are plainly furniture or plainly prose,
//! and the first trees say so by a wide margin; the later trees only
//! refine them. At each [`CHECKPOINTS`] entry the row's sum so far,
//! scaled to the whole forest (`sum * trees / k`), is the estimate; a row
//! whose estimated log-odds lie beyond that checkpoint's margin takes the
//! estimate as its sum and leaves, the others go on through the next trees.
//!
//! The estimate is what the engine then reads for those rows: their
//! probabilities are below 0.12 or above 0.88 (log-odds beyond 2), outside
//! every cut a pass makes (0.3 to 0.8), so their labels stand as the whole
//! forest's would on all but a handful of rows. Measured on the labelled
//! rows of the dev sets (`target/labels`, session 27's models): the HTML model
//! reads 192 trees a row instead of 450 (80% of rows leave early; 3 of
//! 425,268 rows land on the other side of a cut between 0.25 and 0.8); the
//! dump model 281 (62%; none of 88,824). Out-of-fold figures and speed:
//! `docs/learned-scorer.md`, session 27.
//!
//! This module decides where rows leave; running trees is the caller's
//! (compiled code or the interpreter, both through the same checkpoints,
//! so the two give the same sums to the bit).

use std::borrow::Cow;
use std::ops::Range;

use super::vector::Row;

/// Where rows may leave: after `share` of the trees (rounded down to a
/// multiple of [`ALIGN`]), a row leaves when its estimated log-odds are
/// beyond `margin` either way. For a bag of three 300-tree forests (the
/// HTML model since session 32, the dump model since session 33): after 200
/// trees at 4, after 300 (the first forest) at 3, after 600 at 2; for three
/// 150-tree forests, after 100, 148 and 300.
/// Chosen on the labelled rows against wider and narrower margins and an
/// exit after 50 trees (which moved 64 rows across a cut): the figures in
/// the module comment.
pub const CHECKPOINTS: [Checkpoint; 3] = [
    Checkpoint { share: (2, 9), margin: 4.0 },
    Checkpoint { share: (1, 3), margin: 3.0 },
    Checkpoint { share: (2, 3), margin: 2.0 },
];

/// Checkpoints fall on multiples of this many trees: the compiled trees
/// run four to a function (`codegen::GROUP`).
pub const ALIGN: usize = 4;

/// One place where sure rows leave.
#[derive(Debug, Clone, Copy)]
pub struct Checkpoint {
    /// The share of the forest's trees read before it, as a fraction.
    pub share: (usize, usize),
    /// Estimated log-odds beyond which a row leaves (either way).
    pub margin: f32,
}

/// The tree counts (with their margins) at which rows of a forest of
/// `trees` trees may leave: increasing, each inside the forest.
pub(super) fn stops(trees: usize) -> Vec<(usize, f32)> {
    let mut out: Vec<(usize, f32)> = Vec::new();
    for c in CHECKPOINTS {
        let k = trees * c.share.0 / c.share.1 / ALIGN * ALIGN;
        if k > out.last().map_or(0, |&(last, _)| last) && k < trees {
            out.push((k, c.margin));
        }
    }
    out
}

/// Each row's sum of leaves with early exit: `run(trees, rows, sums)` adds
/// the leaves of the trees in `trees` for every row of `rows` to its sum
/// (in tree order). `baseline` is the model's; `trees` its tree count. A
/// row that leaves at `k` trees gets `sum * trees / k`.
pub(super) fn sums(rows: &[Row], trees: usize, baseline: f32, mut run: impl FnMut(Range<usize>, &[Row], &mut [f32])) -> Vec<f32> {
    let mut out = vec![0.0f32; rows.len()];
    // The rows still open: where each stands in `rows`, its row (copied
    // together once some have left, so the trees run over a slice) and its
    // sum so far.
    let mut open: Vec<usize> = (0..rows.len()).collect();
    let mut open_rows: Cow<'_, [Row]> = Cow::Borrowed(rows);
    let mut open_sums = vec![0.0f32; rows.len()];
    let mut done = 0;
    for (k, margin) in stops(trees) {
        run(done..k, &open_rows, &mut open_sums);
        done = k;
        let scale = trees as f32 / k as f32;
        let mut staying = Vec::with_capacity(open.len());
        for (at, (&row, &sum)) in open.iter().zip(&open_sums).enumerate() {
            let estimate = sum * scale;
            if (baseline + estimate).abs() > margin {
                out[row] = estimate;
            } else {
                staying.push(at);
            }
        }
        if staying.is_empty() {
            return out;
        }
        open_rows = Cow::Owned(staying.iter().map(|&at| open_rows[at]).collect());
        open_sums = staying.iter().map(|&at| open_sums[at]).collect();
        open = staying.iter().map(|&at| open[at]).collect();
    }
    run(done..trees, &open_rows, &mut open_sums);
    for (&row, &sum) in open.iter().zip(&open_sums) {
        out[row] = sum;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learned::vector::WIDTH;

    #[test]
    fn stops_fall_inside_the_forest_on_aligned_counts() {
        assert_eq!(stops(450), vec![(100, 4.0), (148, 3.0), (300, 2.0)]);
        assert!(stops(2).is_empty(), "a forest too small to stop in runs whole");
        assert_eq!(stops(20), vec![(4, 4.0), (12, 2.0)], "counts that round to the same stop are one stop");
    }

    /// A forest of `trees` trees each adding `leaf(row, tree)`.
    fn fake(rows: &[Row], trees: usize, baseline: f32) -> (Vec<f32>, usize) {
        let leaf = |r: &Row, t: usize| r[0] * if t < trees / 2 { 1.0 } else { -0.5 } + r[1];
        let mut reads = 0;
        let sums = sums(rows, trees, baseline, |range, rows, sums| {
            for t in range {
                for (r, s) in rows.iter().zip(sums.iter_mut()) {
                    *s += leaf(r, t);
                    reads += 1;
                }
            }
        });
        (sums, reads)
    }

    #[test]
    fn sure_rows_leave_and_the_others_get_every_tree() {
        let mut rows = vec![[0.0f32; WIDTH]; 5];
        rows[0][0] = 0.1; // sure after 100 trees: 0.1 * 450 = 45
        rows[1][1] = 0.001; // never sure: 0.45
        rows[2][0] = -0.01; // -4.5 at 100 trees: leaves there
        rows[3][0] = 0.004; // 1.8 at 100 and 148, 1.125 at 300: never sure
        rows[4][1] = -0.006; // -2.7: leaves at 300 (the margin 2)
        let (sums, reads) = fake(&rows, 450, 0.0);
        assert!((sums[0] - 45.0).abs() < 1e-3);
        assert!((sums[1] - 0.45).abs() < 1e-4, "an open row's sum is the whole forest's");
        assert!((sums[2] + 4.5).abs() < 1e-4);
        let whole_3 = 0.004 * 225.0 - 0.002 * 225.0;
        assert!((sums[3] - whole_3).abs() < 1e-4, "{} against {whole_3}", sums[3]);
        assert!((sums[4] + 2.7).abs() < 1e-4);
        assert_eq!(reads, 100 * 5 + 48 * 3 + 152 * 3 + 150 * 2);
    }

    #[test]
    fn rows_leave_the_same_however_many_come_together() {
        let rows: Vec<Row> = (0..300)
            .map(|i| {
                let mut r = [0.0f32; WIDTH];
                r[0] = (i as f32 - 150.0) / 5000.0;
                r[1] = ((i * 37) % 11) as f32 / 1000.0;
                r
            })
            .collect();
        let (all, _) = fake(&rows, 450, -0.3);
        for (i, row) in rows.iter().enumerate() {
            let (one, _) = fake(std::slice::from_ref(row), 450, -0.3);
            assert_eq!(one[0].to_bits(), all[i].to_bits(), "row {i}");
        }
    }
}
