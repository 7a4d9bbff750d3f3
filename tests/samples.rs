//! The five bundled sample dumps (`tests/samples/`, copied byte for byte
//! from `shared/samples/`), extracted by the default scorer (the learned
//! model, for dumps) without site rules, and with the built-in rules.
//!
//! * Snapshots of the text and of the JSON record of every sample, stored in
//!   the top-level `snapshots/` directory (`text_<id>.snap`, `json_<id>.snap`),
//!   without site rules.
//! * A mechanical check against `truth.jsonl`: every `with` segment present,
//!   every `without` segment absent, whitespace-normalised: at least
//!   `MIN_PASSING_WITHOUT_RULES` samples without site rules (by the default
//!   scorer and by the heuristics alike), all five (with title and author)
//!   with the built-in rules.

use std::path::{Path, PathBuf};

use pith::render::json::Record;
use pith::{Document, Extractor, ExtractorOptions};
use serde_json::Value;

/// Samples that must pass the truth check without site rules.
const MIN_PASSING_WITHOUT_RULES: usize = 4;

fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("samples")
}

/// One line of `truth.jsonl`.
struct Truth {
    file: String,
    id: String,
    title: Option<String>,
    author: Option<String>,
    with: Vec<String>,
    without: Vec<String>,
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .unwrap_or_else(|| panic!("truth.jsonl: `{key}` is not an array in {v}"))
        .iter()
        .map(|s| s.as_str().unwrap_or_else(|| panic!("truth.jsonl: non-string in `{key}`")).to_owned())
        .collect()
}

fn truth() -> Vec<Truth> {
    let raw = std::fs::read_to_string(samples_dir().join("truth.jsonl")).expect("read tests/samples/truth.jsonl");
    let truth: Vec<Truth> = raw
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: Value = serde_json::from_str(line).expect("truth.jsonl line is JSON");
            Truth {
                file: v["file"].as_str().expect("file").to_owned(),
                id: v["id"].as_str().expect("id").to_owned(),
                title: v["title"].as_str().map(str::to_owned),
                author: v["author"].as_str().map(str::to_owned),
                with: strings(&v, "with"),
                without: strings(&v, "without"),
            }
        })
        .collect();
    assert_eq!(truth.len(), 5, "truth.jsonl should describe the five samples");
    truth
}

fn extractor() -> Extractor {
    Extractor::new(ExtractorOptions { rules: false, ..Default::default() })
}

fn extract(file: &str) -> Document {
    extract_with(&extractor(), file)
}

fn extract_with(extractor: &Extractor, file: &str) -> Document {
    let bytes = std::fs::read(samples_dir().join(file)).unwrap_or_else(|e| panic!("read {file}: {e}"));
    extractor.extract(&bytes, None).unwrap_or_else(|e| panic!("extract {file}: {e}"))
}

/// Collapse every run of whitespace (including non-breaking spaces) to one space.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---- Snapshots -------------------------------------------------------------

fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    // Relative to this file: the top-level `snapshots/` directory.
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings
}

/// Snapshot the text of sample `id`, without site rules.
fn snapshot_text(id: &str) {
    let doc = extract(&format!("{id}.txt"));
    snapshot_settings().bind(|| insta::assert_snapshot!(format!("text_{id}"), doc.text));
}

/// Snapshot the JSON record of sample `id`, without site rules.
fn snapshot_json(id: &str) {
    let file = format!("{id}.txt");
    let doc = extract(&file);
    // `source` is the bare file name so the record is machine-independent.
    let json = Record::ok(&file, &doc, &doc.text).to_pretty();
    snapshot_settings().bind(|| insta::assert_snapshot!(format!("json_{id}"), json));
}

/// One module per sample with a `text` and a `json` snapshot test, so every
/// snapshot is checked (and reported) on its own.
macro_rules! snapshot_tests {
    ($($module:ident => $id:literal),* $(,)?) => {
        const SNAPSHOT_IDS: &[&str] = &[$($id),*];
        $(
            mod $module {
                #[test]
                fn text() {
                    super::snapshot_text($id);
                }

                #[test]
                fn json() {
                    super::snapshot_json($id);
                }
            }
        )*
    };
}

snapshot_tests! {
    sample_000 => "000_c8bdf82e5ba2c089",
    sample_001 => "001_1b39f358dceac0f0",
    sample_002 => "002_f90abfd09eccf913",
    sample_003 => "003_110745e9e9445cd3",
    sample_004 => "004_1c2f5e7538218d51",
}

#[test]
fn every_sample_has_snapshot_tests() {
    let ids: Vec<String> = truth().into_iter().map(|t| t.id).collect();
    assert_eq!(ids, SNAPSHOT_IDS, "snapshot_tests! must list every sample of truth.jsonl");
}

// ---- Truth -----------------------------------------------------------------

/// What the truth check found for one sample.
struct Outcome {
    missed: Vec<String>,
    kept: Vec<String>,
}

impl Outcome {
    fn passed(&self) -> bool {
        self.missed.is_empty() && self.kept.is_empty()
    }
}

fn check(t: &Truth, doc: &Document) -> Outcome {
    let text = norm(&doc.text);
    Outcome {
        missed: t.with.iter().filter(|s| !text.contains(&norm(s))).cloned().collect(),
        kept: t.without.iter().filter(|s| text.contains(&norm(s))).cloned().collect(),
    }
}

#[test]
fn truth_segments_without_rules() {
    let heuristics = Extractor::new(ExtractorOptions { rules: false, scorer: pith::Scorer::Heuristic, ..Default::default() });
    for (scorer, extractor) in [("default scorer", extractor()), ("heuristics", heuristics)] {
        let mut passed = 0;
        let mut report = String::new();
        for t in truth() {
            let outcome = check(&t, &extract_with(&extractor, &t.file));
            if outcome.passed() {
                passed += 1;
                continue;
            }
            report.push_str(&format!("FAIL {}\n", t.file));
            for s in &outcome.missed {
                report.push_str(&format!("  missed (`with` segment absent): {s:?}\n"));
            }
            for s in &outcome.kept {
                report.push_str(&format!("  kept (`without` segment present): {s:?}\n"));
            }
        }
        println!("truth check, {scorer}, no site rules: {passed} of 5 samples pass\n{report}");
        assert!(
            passed >= MIN_PASSING_WITHOUT_RULES,
            "only {passed} of 5 samples pass with the {scorer} and no site rules (need {MIN_PASSING_WITHOUT_RULES}):\n{report}"
        );
    }
}

#[test]
fn truth_segments_title_and_author_with_builtin_rules() {
    let extractor = Extractor::new(ExtractorOptions::default());
    let mut report = String::new();
    for t in truth() {
        let doc = extract_with(&extractor, &t.file);
        let outcome = check(&t, &doc);
        for s in &outcome.missed {
            report.push_str(&format!("{}: missed {s:?}\n", t.file));
        }
        for s in &outcome.kept {
            report.push_str(&format!("{}: kept {s:?}\n", t.file));
        }
        for (field, want, got) in [("title", &t.title, &doc.metadata.title), ("author", &t.author, &doc.metadata.author)] {
            if let Some(want) = want
                && got.as_deref().map(norm) != Some(norm(want))
            {
                report.push_str(&format!("{}: {field} is {got:?}, truth says {want:?}\n", t.file));
            }
        }
    }
    assert!(report.is_empty(), "with the built-in rules every sample must pass truth.jsonl:\n{report}");
}

#[test]
fn truth_title_and_author_of_passing_samples() {
    let mut mismatches = Vec::new();
    for t in truth() {
        let doc = extract(&t.file);
        if !check(&t, &doc).passed() {
            continue; // reported by `truth_segments_without_rules`
        }
        for (field, want, got) in [("title", &t.title, &doc.metadata.title), ("author", &t.author, &doc.metadata.author)] {
            if let Some(want) = want
                && got.as_deref().map(norm) != Some(norm(want))
            {
                mismatches.push(format!("{}: {field} is {got:?}, truth says {want:?}", t.file));
            }
        }
    }
    assert!(mismatches.is_empty(), "metadata differs from truth:\n{}", mismatches.join("\n"));
}
