//! Build script: embeds every `rules/*.toml` in the binary.
//!
//! Writes `$OUT_DIR/builtin_rules.rs`, a sorted (by file name, so the
//! build is deterministic) slice of `(file name, contents)` pairs that
//! `src/rules/load.rs` includes.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
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
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin_rules.rs");
    std::fs::write(dest, out).expect("write builtin_rules.rs");
}
