//! The built-in models' trees as code: `build.rs` writes every tree of
//! `data/model/{html,dump}.json` as nested `if`s (`codegen.rs`), one
//! function per four trees that adds their leaves to each row's sum, and
//! lists them in tree order (`HTML_TREES`, `DUMP_TREES`, which `model.rs` hands to
//! [`super::forest::Forest`]). They give the interpreter's sums to the bit
//! (tested below); models loaded with `--model-dir` are interpreted.
//!
//! What it pays (callgrind, `cargo bench --bench dumps`): the dump
//! default's trees took 174 instructions a tree and row walked as data
//! (eight rows side by side), 6.95 G of a 9.21 G pass; as code they take
//! 21, 0.83 G of a 3.10 G pass. What it costs: 0.8 MB of binary and about
//! 8 s of release build (see `docs/learned-scorer.md`, "Speed").

use super::forest::TreeFn;
use super::vector::Row;

include!(concat!(env!("OUT_DIR"), "/trees.rs"));

#[cfg(test)]
mod tests {
    use super::super::forest::Forest;
    use super::super::model::Models;
    use super::super::vector::{Row, WIDTH};

    /// The trainer's rows of a fixture (real blocks' rows).
    fn fixture_rows(fixture: &str) -> Vec<Row> {
        let mut rows = Vec::new();
        for line in fixture.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("fixture line is JSON");
            let mut row = [0.0f32; WIDTH];
            for (x, value) in row.iter_mut().zip(v["row"].as_array().expect("row")) {
                *x = value.as_f64().expect("number") as f32;
            }
            rows.push(row);
        }
        rows
    }

    /// Rows built to sit on the model's edges: each column a threshold the
    /// model splits it at, the next `f32` above or below one, NaN, an
    /// infinity, zero or a fixture row's value, drawn by a fixed
    /// pseudo-random sequence.
    fn edge_rows(model: &Forest, real: &[Row], n: usize) -> Vec<Row> {
        let mut by_column = vec![Vec::new(); WIDTH];
        for (column, threshold) in model.splits() {
            by_column[column].push(threshold);
        }
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..n)
            .map(|_| {
                let mut row = real[next() as usize % real.len()];
                for (column, x) in row.iter_mut().enumerate() {
                    let thresholds = &by_column[column];
                    let pick = next();
                    let t = if thresholds.is_empty() { 0.0 } else { thresholds[(pick >> 8) as usize % thresholds.len()] };
                    *x = match pick % 8 {
                        0 | 1 => t,
                        2 => f32::from_bits(t.to_bits().wrapping_add(1)),
                        3 => f32::from_bits(t.to_bits().wrapping_sub(1)),
                        4 => f32::NAN,
                        5 => [f32::INFINITY, f32::NEG_INFINITY, 0.0, -0.0][(pick >> 8) as usize % 4],
                        _ => *x,
                    };
                }
                row
            })
            .collect()
    }

    fn check(model: &Forest, from_json: &Forest, fixture: &str) {
        let mut rows = fixture_rows(fixture);
        assert!(rows.len() >= 100, "the fixture holds the trainer's rows");
        rows.extend(edge_rows(model, &rows.clone(), 5000));
        let compiled = model.compiled_sums(&rows).expect("a built-in model has compiled trees");
        let interpreted = model.interpreted_sums(&rows);
        for (i, (c, t)) in compiled.iter().zip(&interpreted).enumerate() {
            assert_eq!(c.to_bits(), t.to_bits(), "row {i}: compiled {c}, interpreted {t}");
        }
        let one_by_one: Vec<u32> = rows.iter().map(|r| model.probability(r).to_bits()).collect();
        let probabilities: Vec<u32> = model.whole_probabilities(&rows).iter().map(|p| p.to_bits()).collect();
        assert_eq!(probabilities, one_by_one, "compiled probabilities are the row-by-row walk's");
        // With early exit, the compiled trees and the interpreter stop at
        // the same trees and give the same figures.
        let compiled: Vec<u32> = model.probabilities(&rows).iter().map(|p| p.to_bits()).collect();
        let interpreted: Vec<u32> = from_json.probabilities(&rows).iter().map(|p| p.to_bits()).collect();
        assert_eq!(compiled, interpreted, "early exit: compiled and interpreted");
        let moved = compiled.iter().zip(&one_by_one).filter(|(a, b)| a != b).count();
        assert!(moved > 0 && moved < rows.len(), "some rows and not all leave early ({moved} of {})", rows.len());
    }

    #[test]
    fn compiled_trees_match_the_interpreter() {
        let m = Models::builtin();
        let names = super::super::vector::NAMES;
        let html = Forest::from_json(include_str!("../../data/model/html.json"), names).expect("html.json loads");
        let dump = Forest::from_json(include_str!("../../data/model/dump.json"), names).expect("dump.json loads");
        check(m.html.as_deref().expect("the HTML model loads"), &html, include_str!("../../tests/fixtures/model/html.check.jsonl"));
        check(m.dump.as_deref().expect("the dump model loads"), &dump, include_str!("../../tests/fixtures/model/dump.check.jsonl"));
    }
}
