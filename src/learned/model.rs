//! The shipped models, embedded at build and parsed once on first use, and
//! models loaded from a folder (`--model-dir`, for cross-validation and for
//! users who train their own).
//!
//! One model scores HTML blocks, one scores text-dump blocks; both read the
//! rows of [`super::vector`].

use std::path::Path;
use std::sync::{Arc, LazyLock};

use thiserror::Error;

use super::forest::{Forest, ModelError};
use super::vector::NAMES;

/// The HTML model as `scripts/train` wrote it.
const HTML_MODEL: &str = include_str!("../../data/model/html.json");
/// The text-dump model as `scripts/train` wrote it.
const DUMP_MODEL: &str = include_str!("../../data/model/dump.json");

/// A model folder that cannot be used.
#[derive(Debug, Error)]
pub enum ModelsError {
    #[error("{path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("{path}: {source}")]
    Model { path: String, source: ModelError },
}

/// The two models the engine uses.
#[derive(Debug)]
pub struct Models {
    pub html: Forest,
    pub dump: Forest,
}

static BUILTIN: LazyLock<Option<Arc<Models>>> = LazyLock::new(|| {
    // The embedded files are tested to load (`builtin_models_load`).
    let html = Forest::from_json(HTML_MODEL, NAMES).ok()?;
    let dump = Forest::from_json(DUMP_MODEL, NAMES).ok()?;
    Some(Arc::new(Models { html, dump }))
});

impl Models {
    /// The models built into pith; `None` only if the embedded files were
    /// broken, which the test suite rules out.
    pub fn builtin() -> Option<Arc<Models>> {
        BUILTIN.clone()
    }

    /// `html.json` and `dump.json` from `dir`.
    pub fn from_dir(dir: &Path) -> Result<Models, ModelsError> {
        let load = |name: &str| {
            let path = dir.join(name);
            let shown = path.display().to_string();
            let text = std::fs::read_to_string(&path).map_err(|source| ModelsError::Read { path: shown.clone(), source })?;
            Forest::from_json(&text, NAMES).map_err(|source| ModelsError::Model { path: shown, source })
        };
        Ok(Models { html: load("html.json")?, dump: load("dump.json")? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows the trainer scored, with its probabilities.
    fn check(model: &Forest, fixture: &str) {
        let mut n = 0;
        for line in fixture.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("fixture line is JSON");
            let row: Vec<f32> = v["row"].as_array().expect("row").iter().map(|x| x.as_f64().expect("number") as f32).collect();
            let want = v["p"].as_f64().expect("p") as f32;
            let got = model.probability(&row);
            assert!((got - want).abs() < 1e-4, "row {n}: engine {got}, trainer {want}");
            n += 1;
        }
        assert!(n >= 100, "the fixture holds the trainer's rows");
    }

    #[test]
    fn builtin_models_load_and_reproduce_the_trainer() {
        let m = Models::builtin().expect("the embedded models load");
        check(&m.html, include_str!("../../tests/fixtures/model/html.check.jsonl"));
        check(&m.dump, include_str!("../../tests/fixtures/model/dump.check.jsonl"));
    }
}
