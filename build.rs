//! Build script: embeds every `rules/*.toml` and the learned models in the
//! binary.
//!
//! Writes `$OUT_DIR/builtin_rules.rs`, a sorted (by file name, so the
//! build is deterministic) slice of `(file name, contents)` pairs that
//! `src/rules/load.rs` includes, and `$OUT_DIR/{html,dump}.model`, the
//! models of `data/model/*.json` in the binary form of `src/learned/file.rs`
//! that `src/learned/model.rs` includes (parsing the JSON cost 8 ms of
//! every run's start-up).

use std::fmt::Write as _;
use std::path::Path;

#[path = "src/learned/file.rs"]
mod file;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rerun-if-changed=src/learned/file.rs");
    for kind in ["html", "dump"] {
        let json = Path::new(&manifest).join("data/model").join(format!("{kind}.json"));
        println!("cargo:rerun-if-changed={}", json.display());
        let text = std::fs::read_to_string(&json).expect("read a model file");
        let model: file::ModelFile = serde_json::from_str(&text).expect("a model file is JSON");
        std::fs::write(Path::new(&out_dir).join(format!("{kind}.model")), file::encode(&model)).expect("write a model");
    }
    let rules = Path::new(&manifest).join("rules");
    println!("cargo:rerun-if-changed={}", rules.display());
    let mut files: Vec<_> = std::fs::read_dir(&rules)
        .map(|dir| {
            dir.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out = String::from("/// Built-in rule files: (file name, contents), sorted by file name.\npub static BUILTIN: &[(&str, &str)] = &[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().and_then(|n| n.to_str()).expect("rule file names are UTF-8");
        writeln!(out, "    ({name:?}, include_str!({:?})),", path.display().to_string()).expect("write to String");
    }
    out.push_str("];\n");
    let dest = Path::new(&out_dir).join("builtin_rules.rs");
    std::fs::write(dest, out).expect("write builtin_rules.rs");
}
