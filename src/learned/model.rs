//! The shipped models, laid out by `build.rs` from `data/model/*.json`
//! and embedded as the evaluator's node arrays (used where they are, not
//! parsed or copied), and
//! models loaded from a folder (`--model-dir`, for cross-validation and for
//! users who train their own).
//!
//! One model scores HTML blocks, one scores text-dump blocks; both read the
//! rows of [`super::vector`].

use std::path::Path;
use std::sync::{Arc, LazyLock};

use thiserror::Error;

use super::forest::{Embedded, Forest, ModelError};
use super::vector::NAMES;

/// Bytes aligned for the nodes they hold.
#[repr(C, align(16))]
struct Aligned<B: ?Sized>(B);

// `HTML` and `DUMP`: the models `scripts/train` wrote
// (`data/model/{html,dump}.json`) as `build.rs` embeds them.
include!(concat!(env!("OUT_DIR"), "/models.rs"));

/// A model folder that cannot be used.
#[derive(Debug, Error)]
pub enum ModelsError {
    #[error("{path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("{path}: {source}")]
    Model { path: String, source: ModelError },
    #[error("{path}: not a folder holding html.json or dump.json")]
    Empty { path: String },
}

/// The two models the engine uses; a kind without a model is scored by
/// the heuristics.
#[derive(Debug, Clone, Default)]
pub struct Models {
    pub html: Option<Arc<Forest>>,
    pub dump: Option<Arc<Forest>>,
}

static BUILTIN: LazyLock<Models> = LazyLock::new(|| {
    // The embedded files are tested to load (`builtin_models_load`).
    let load = |model: &Embedded| Forest::embedded(model, NAMES).ok().map(Arc::new);
    Models { html: load(&HTML), dump: load(&DUMP) }
});

impl Models {
    /// The models built into pith, parsed on first use.
    pub fn builtin() -> &'static Models {
        &BUILTIN
    }

    /// `html.json` and `dump.json` from `dir`; a file that is not there
    /// leaves the built-in model of its kind, but a folder with neither (or
    /// no folder) is an error: a mistyped path must not quietly measure the
    /// built-in models.
    pub fn from_dir(dir: &Path) -> Result<Models, ModelsError> {
        if !["html.json", "dump.json"].iter().any(|name| dir.join(name).is_file()) {
            return Err(ModelsError::Empty { path: dir.display().to_string() });
        }
        let load = |name: &str, builtin: &Option<Arc<Forest>>| {
            let path = dir.join(name);
            if !path.exists() {
                return Ok(builtin.clone());
            }
            let shown = path.display().to_string();
            let text = std::fs::read_to_string(&path).map_err(|source| ModelsError::Read { path: shown.clone(), source })?;
            Forest::from_json(&text, NAMES).map(|f| Some(Arc::new(f))).map_err(|source| ModelsError::Model { path: shown, source })
        };
        let builtin = Models::builtin();
        Ok(Models { html: load("html.json", &builtin.html)?, dump: load("dump.json", &builtin.dump)? })
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
    fn embedded_models_are_their_json_files_laid_out() {
        let m = Models::builtin();
        let html = Forest::from_json(include_str!("../../data/model/html.json"), NAMES).expect("html.json loads");
        let dump = Forest::from_json(include_str!("../../data/model/dump.json"), NAMES).expect("dump.json loads");
        assert_eq!(m.html.as_deref(), Some(&html));
        assert_eq!(m.dump.as_deref(), Some(&dump));
    }

    #[test]
    fn builtin_models_load_and_reproduce_the_trainer() {
        let m = Models::builtin();
        check(m.html.as_deref().expect("the HTML model loads"), include_str!("../../tests/fixtures/model/html.check.jsonl"));
        check(m.dump.as_deref().expect("the dump model loads"), include_str!("../../tests/fixtures/model/dump.check.jsonl"));
    }

    #[test]
    fn a_folder_without_models_is_an_error() {
        let dir = std::env::temp_dir().join(format!("pith-no-models-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp folder");
        let missing = dir.join("missing");
        assert!(matches!(Models::from_dir(&missing), Err(ModelsError::Empty { .. })), "no such folder");
        assert!(matches!(Models::from_dir(&dir), Err(ModelsError::Empty { .. })), "a folder without model files");
        std::fs::write(dir.join("dump.json"), "{").expect("write");
        assert!(matches!(Models::from_dir(&dir), Err(ModelsError::Model { .. })), "a broken model file");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
