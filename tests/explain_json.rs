//! `--explain --format json|jsonl`: the explanation as JSON, one object per
//! page, for tools (the block labeller, rule authoring scripts).

use std::process::Command;

use serde_json::Value;

fn pith(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pith")).args(args).output().expect("run pith")
}

#[test]
fn explain_as_jsonl_gives_every_block_with_its_verdict_and_features() {
    let samples = ["tests/samples/001_1b39f358dceac0f0.txt", "tests/samples/000_c8bdf82e5ba2c089.txt"];
    let out = pith(&["extract", "--explain", "--format", "jsonl", samples[0], samples[1]]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pages: Vec<Value> = String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("one JSON object a line")).collect();
    assert_eq!(pages.len(), 2);
    for (page, sample) in pages.iter().zip(samples) {
        assert_eq!(page["source"], sample);
        let blocks = page["blocks"].as_array().expect("blocks");
        assert!(blocks.len() > 5, "{page}");
        for (i, b) in blocks.iter().enumerate() {
            assert_eq!(b["index"], i);
            assert!(b["features"]["words"].is_u64(), "{b}");
            assert!(b["shape"]["links"].is_u64() && b["shape"]["in_main"].is_boolean(), "{b}");
            assert!(matches!(b["label"].as_str(), Some("content" | "boilerplate" | "title" | "byline")), "{b}");
        }
        // The blocks labelled content are the text `extract` writes.
        let text = String::from_utf8(pith(&["extract", sample]).stdout).expect("UTF-8");
        for b in blocks.iter().filter(|b| b["label"] == "content") {
            assert!(text.contains(b["text"].as_str().unwrap_or_default()), "content block not in the output: {b}");
        }
        let dropped = blocks.iter().filter(|b| b["label"] == "boilerplate").count();
        assert!(dropped > 0, "a sample dump has boilerplate to drop");
    }
    // Without --format, --explain stays the table a person reads.
    let table = pith(&["extract", "--explain", samples[0], samples[1]]);
    assert!(String::from_utf8_lossy(&table.stdout).starts_with("==> "), "framed tables");
}
