//! Options for building a corpus (`--min-length`, `--min-confidence`,
//! `--language`, `--drop-filtered`, `--dedup`, `--files-from`,
//! `--text-format`, `--progress`) and the last step of every page: filter,
//! then render in the output format ([`Finish`]).
//!
//! A page a filter leaves out is counted in the summary under its filter;
//! with `--format json`/`jsonl` it is written as a record with an empty
//! `text` and `"filtered": "<reason>"` (unless `--drop-filtered`), in the
//! other formats and under `--output-dir` nothing is written for it.
//! Deduplication itself is `cli/dedup.rs`.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde_json::value::RawValue;

use pith::render::json::{PassThrough, Record, WarcFields};
use pith::{render, Document};

use super::extract::Format;
use super::output::OutcomeKind;

/// The corpus-building options of `pith extract`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Building a corpus")]
pub struct CorpusArgs {
    /// Leave out pages whose extracted text has fewer than N characters.
    #[arg(long, value_name = "N")]
    pub min_length: Option<usize>,
    /// Leave out pages the extractor is less sure of than X (0 to 1; the record's `confidence`).
    #[arg(long, value_name = "X", value_parser = parse_confidence)]
    pub min_confidence: Option<f32>,
    /// Keep only pages detected in these languages (ISO 639-1 codes, comma-separated: `en,fr`);
    /// a page whose language is not known is left out.
    #[arg(long, value_name = "LANG", value_delimiter = ',', value_parser = parse_language)]
    pub language: Vec<String>,
    /// Write nothing for a page a filter leaves out (JSON/JSONL otherwise write a record with `filtered`).
    #[arg(long)]
    pub drop_filtered: bool,
    /// Drop paragraphs already written earlier in this run (exact match, case and spacing aside;
    /// paragraphs under 50 characters and code are kept).
    #[arg(long)]
    pub dedup: bool,
    /// Read more input paths from FILE, one a line (`-` reads them from stdin); blank lines are skipped.
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
    /// The `text` field of JSON/JSONL records: plain text (default) or Markdown.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub text_format: Option<TextFormat>,
    /// Show the progress bar even when stderr is not a terminal.
    #[arg(long, conflicts_with = "quiet")]
    pub progress: bool,
}

/// `--text-format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextFormat {
    /// Plain text, as `--format text` writes it.
    Text,
    /// Markdown, as `--format markdown` writes it, without the title heading (the record has `title`).
    Markdown,
}

fn parse_confidence(s: &str) -> Result<f32, String> {
    match s.trim().parse::<f32>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("{s:?} is not a confidence between 0 and 1")),
    }
}

fn parse_language(s: &str) -> Result<String, String> {
    let code = s.trim().to_ascii_lowercase();
    let letters = code.len();
    if (2..=3).contains(&letters) && code.bytes().all(|b| b.is_ascii_lowercase()) {
        Ok(code)
    } else {
        Err(format!("{s:?} is not a language code (ISO 639-1, e.g. en, de, fr)"))
    }
}

impl CorpusArgs {
    /// The paths `--files-from` lists, in order; an unreadable list is an
    /// error naming it.
    pub fn listed_paths(&self) -> Result<Vec<PathBuf>, String> {
        let Some(list) = &self.files_from else { return Ok(Vec::new()) };
        let reader: Box<dyn BufRead> = if list.as_os_str() == "-" {
            Box::new(io::stdin().lock())
        } else {
            let file = File::open(list).map_err(|e| format!("--files-from {}: {e}", list.display()))?;
            Box::new(BufReader::new(file))
        };
        let mut paths = Vec::new();
        for line in reader.lines() {
            let line = line.map_err(|e| format!("--files-from {}: {e}", list.display()))?;
            let path = line.strip_suffix('\r').unwrap_or(&line);
            if !path.trim().is_empty() {
                paths.push(PathBuf::from(path));
            }
        }
        Ok(paths)
    }

    /// The filters asked for.
    pub fn filters(&self) -> Filters {
        Filters {
            min_length: self.min_length,
            min_confidence: self.min_confidence,
            languages: self.language.clone(),
            drop: self.drop_filtered,
        }
    }

    /// Whether any filter is asked for.
    pub fn filtering(&self) -> bool {
        self.min_length.is_some() || self.min_confidence.is_some() || !self.language.is_empty()
    }
}

/// The corpus filters of a run.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    min_length: Option<usize>,
    min_confidence: Option<f32>,
    languages: Vec<String>,
    /// Write nothing for a filtered page.
    drop: bool,
}

/// Why a page is left out: the summary's name for the filter and the reason
/// the record gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Filtered {
    pub filter: &'static str,
    pub reason: String,
}

impl Filters {
    /// Why `doc` is left out, or `None` when it is kept. The length is
    /// checked first, then the confidence, then the language.
    pub fn check(&self, doc: &Document) -> Option<Filtered> {
        if let Some(min) = self.min_length {
            let chars = doc.text.chars().count();
            if chars < min {
                return Some(Filtered { filter: "too short", reason: format!("too short: {chars} < {min} chars") });
            }
        }
        if let Some(min) = self.min_confidence
            && doc.confidence < min
        {
            return Some(Filtered { filter: "low confidence", reason: format!("confidence {:.2} < {min}", doc.confidence) });
        }
        if !self.languages.is_empty() {
            let language = doc.metadata.language.as_deref();
            if !language.is_some_and(|l| self.languages.iter().any(|k| k == l)) {
                let wanted = self.languages.join(",");
                return Some(Filtered { filter: "language", reason: format!("language {} not in {wanted}", language.unwrap_or("unknown")) });
            }
        }
        None
    }
}

/// An extracted page and what its record carries besides the document.
#[derive(Debug)]
pub struct Page {
    pub source: String,
    pub id: Option<Box<RawValue>>,
    pub extra: PassThrough,
    pub warc: Option<WarcFields>,
    pub doc: Document,
}

/// The last step of a page: filter, then render.
#[derive(Debug, Clone)]
pub struct Finish {
    pub format: Format,
    pub text_format: TextFormat,
    pub filters: Filters,
}

impl Finish {
    /// The outcome of `page`: filtered out, or rendered in the output format.
    pub fn finish(&self, page: &Page) -> OutcomeKind {
        let doc = &page.doc;
        if let Some(filtered) = self.filters.check(doc) {
            let record: Option<String> = (!self.filters.drop)
                .then(|| self.record(page, Record::ok(&page.source, doc, "").with_filtered(&filtered.reason)))
                .flatten();
            return OutcomeKind::Filtered { filter: filtered.filter, reason: filtered.reason, record };
        }
        let markdown;
        let text = match self.text_format {
            TextFormat::Text => &doc.text,
            TextFormat::Markdown => {
                markdown = render::markdown::render(None, &doc.blocks);
                &markdown
            }
        };
        let rendered = match self.format {
            Format::Text => doc.text.clone(),
            Format::Markdown => render::markdown::render(doc.metadata.title.as_deref(), &doc.blocks),
            Format::Json | Format::Jsonl => self.record(page, Record::ok(&page.source, doc, text)).unwrap_or_default(),
        };
        OutcomeKind::Extracted { rendered, empty: doc.text.trim().is_empty() }
    }

    /// `record` with the page's id, WARC fields and pass-through fields, as
    /// the format writes it; `None` for text and Markdown.
    fn record(&self, page: &Page, record: Record<'_>) -> Option<String> {
        let record = record.with_id(page.id.as_ref()).with_warc(page.warc.as_ref()).with_extra(&page.extra);
        match self.format {
            Format::Json => Some(record.to_pretty()),
            Format::Jsonl => Some(record.to_line()),
            Format::Text | Format::Markdown => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, confidence: f32, language: Option<&str>) -> Document {
        let mut doc = pith::Extractor::default().extract(b"<p>x</p>", None).unwrap();
        doc.text = text.to_owned();
        doc.confidence = confidence;
        doc.metadata.language = language.map(str::to_owned);
        doc
    }

    #[test]
    fn each_filter_gives_its_reason() {
        let filters = Filters { min_length: Some(10), min_confidence: Some(0.5), languages: vec!["en".into(), "fr".into()], drop: false };
        assert_eq!(filters.check(&doc("short", 0.9, Some("en"))).unwrap().reason, "too short: 5 < 10 chars");
        assert_eq!(filters.check(&doc("long enough text", 0.31, Some("en"))).unwrap().reason, "confidence 0.31 < 0.5");
        assert_eq!(filters.check(&doc("long enough text", 0.9, Some("de"))).unwrap().reason, "language de not in en,fr");
        assert_eq!(filters.check(&doc("long enough text", 0.9, None)).unwrap().reason, "language unknown not in en,fr");
        assert_eq!(filters.check(&doc("long enough text", 0.9, Some("fr"))), None);
        assert_eq!(Filters::default().check(&doc("", 0.0, None)), None);
    }

    #[test]
    fn option_values_are_checked() {
        assert_eq!(parse_confidence("0.5"), Ok(0.5));
        assert!(parse_confidence("1.5").is_err() && parse_confidence("x").is_err());
        assert_eq!(parse_language(" EN "), Ok("en".into()));
        assert!(parse_language("english").is_err() && parse_language("e1").is_err());
    }
}
