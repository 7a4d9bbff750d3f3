//! Options that do nothing in the mode a run is in: each gets one warning on
//! stderr before the run starts (a run is never refused for them), so a
//! script does not silently get something other than what it asked for.
//! Combinations that can never make sense are refused by clap instead
//! (`--skip-existing` without `--output-dir`, `--precision` with `--recall`).

use std::path::PathBuf;

use super::corpus::TextFormat;
use super::extract::{ExtractArgs, Format};

/// The warnings for `args` once the output `format` is known, in a fixed
/// order; `paths` are the inputs (directories or not).
pub fn no_ops(args: &ExtractArgs, format: Format, paths: &[PathBuf]) -> Vec<String> {
    let corpus = &args.corpus;
    let records = matches!(format, Format::Json | Format::Jsonl);
    let markdown_text = format == Format::Markdown || (records && corpus.text_format == Some(TextFormat::Markdown));
    let mut out = Vec::new();
    if args.links && !markdown_text && !args.explain {
        out.push(format!(
            "--links does nothing with --format {}: links are kept only in Markdown (--format markdown, or --format jsonl --text-format markdown)",
            name(format)
        ));
    }
    if corpus.text_format.is_some() && !records {
        out.push(format!("--text-format does nothing with --format {}: it sets the `text` field of --format json/jsonl records", name(format)));
    }
    if args.explain {
        let ignored: Vec<&str> = [
            (corpus.min_length.is_some(), "--min-length"),
            (corpus.min_confidence.is_some(), "--min-confidence"),
            (!corpus.language.is_empty(), "--language"),
            (corpus.dedup, "--dedup"),
            (corpus.text_format.is_some(), "--text-format"),
        ]
        .into_iter()
        .filter_map(|(given, flag)| given.then_some(flag))
        .collect();
        if !ignored.is_empty() {
            out.push(format!("{} {} nothing with --explain: it shows every block of every page", ignored.join(", "), if ignored.len() == 1 { "does" } else { "do" }));
        }
    }
    if corpus.drop_filtered && !corpus.filtering() {
        out.push("--drop-filtered does nothing without a filter (--min-length, --min-confidence, --language)".to_owned());
    } else if corpus.drop_filtered && (!records || args.output_dir.is_some()) {
        out.push(format!("--drop-filtered does nothing with --format {}: a filtered page writes nothing in it anyway", name(format)));
    }
    let walks = paths.iter().any(|p| p.is_dir());
    let walk_flags: Vec<&str> = [(!args.glob.is_empty(), "--glob"), (args.hidden, "--hidden"), (args.follow, "--follow")]
        .into_iter()
        .filter_map(|(given, flag)| given.then_some(flag))
        .collect();
    if !walks && !walk_flags.is_empty() {
        out.push(format!("{} only {} directories, and no input is one", walk_flags.join(", "), if walk_flags.len() == 1 { "applies to" } else { "apply to" }));
    }
    if args.model_dir.is_some() && args.scorer == super::extract::ScorerArg::Heuristic {
        out.push("--model-dir does nothing with --scorer heuristic: leave --scorer out (auto) or say learned".to_owned());
    }
    out
}

/// The `--format` value as written on the command line.
fn name(format: Format) -> &'static str {
    match format {
        Format::Text => "text",
        Format::Markdown => "markdown",
        Format::Json => "json",
        Format::Jsonl => "jsonl",
    }
}
