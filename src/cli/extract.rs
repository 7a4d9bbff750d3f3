//! `pith extract`: inputs (files, directories, stdin, WARC, JSONL, gz/zst)
//! → units → extractor on the rayon pool → outputs in input order
//! (stdout, `--output FILE` or `--output-dir`) → summary on stderr.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use clap::{Args, ValueEnum};

use pith::batch::pipeline::{max_threads, pool_threads, run_inline, run_ordered, RunEnd, Window, MAX_THREADS_PER_CORE};
use pith::batch::source::{Item, SourceFormat, SourceOptions, Sources, Unit};
use pith::batch::walk::{FileId, WalkOptions};
use pith::render::json::Record;
use pith::rules::RuleSet;
use pith::frontend::budget::Budget;
use pith::deadline::MAX_TIMEOUT_SECS;
use pith::learned::model::Models;
use pith::{explain, Bias, Deadline, Error, Extractor, ExtractorOptions, PageInput, Scorer};

use super::corpus::{CorpusArgs, Finish, Page, TextFormat};
use super::dedup::Seen;
use super::guard::{self, Outputs};
use super::output::{output_path, remove_dead_temps, Outcome, OutcomeKind, Output, Pending, Target};
use super::stream::RecordStream;
use super::summary::Summary;
use super::{progress, warn};

/// Units read ahead of the output, per worker thread: enough to keep every
/// worker busy while one slow page holds the output back. Their weight is
/// bounded too (see `in_flight_weight`).
const IN_FLIGHT_PER_THREAD: usize = 8;
/// Default per-input time limit, seconds.
const DEFAULT_TIMEOUT_SECS: f64 = 30.0;
/// Exit code of a refused command line.
const EXIT_REFUSED: i32 = 2;
/// Exit code after Ctrl-C (128 + SIGINT, as shells report it).
const EXIT_INTERRUPTED: i32 = 130;

/// Set by Ctrl-C: stop reading, finish what is in flight.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
    Jsonl,
}

impl Format {
    /// The file extension under `--output-dir`.
    fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
        }
    }
}

/// `--input-format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    /// Containers by name or first bytes, pages sniffed.
    Auto,
    /// Every input is an HTML page.
    Html,
    /// Every input is a text dump.
    Text,
    /// Every input is JSONL (`html` or `text`, optional `url`, `id`).
    Jsonl,
    /// Every input is a WARC file.
    Warc,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files and directories to read (directories recursively); `-` (or
    /// nothing, with piped input) reads stdin. `.gz`/`.zst` are decompressed.
    pub inputs: Vec<PathBuf>,
    /// Output format. Default: text for one page, jsonl for several (and for WARC/JSONL inputs and
    /// --files-from); text under --output-dir. Scripts should pass --format jsonl: one input gives the
    /// same record as many.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// What the inputs are; `auto` tells WARC and JSONL by name or first bytes and sniffs pages.
    #[arg(long, value_enum, default_value = "auto")]
    pub input_format: InputFormatArg,
    /// The page's URL (metadata, site rules); a WARC or JSONL record's own URL wins.
    #[arg(long)]
    pub url: Option<String>,
    /// Heuristics only: apply no site rule.
    #[arg(long, conflicts_with = "rules")]
    pub no_rules: bool,
    /// Also load the rules in DIR (repeatable; a user rule replaces a built-in one for the same host).
    #[arg(long, value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Show, per block, the features, score, decision and its reason.
    #[arg(long)]
    pub explain: bool,
    /// Keep less: drop blocks the scorer is unsure about.
    #[arg(long, conflicts_with = "recall")]
    pub precision: bool,
    /// Keep more: keep blocks the scorer is unsure about.
    #[arg(long)]
    pub recall: bool,
    /// Keep reader comments under an article (HTML, and text dumps with the learned scorer).
    #[arg(long)]
    pub comments: bool,
    /// Which scorer labels the blocks: `auto` (the default: the learned
    /// model for text dumps, the heuristics for HTML, each front end's
    /// scorer that is ahead), `heuristic` (the hand-weighted heuristics on
    /// both) or `learned` (the model on both).
    #[arg(long, value_enum, default_value_t = ScorerArg::Auto)]
    pub scorer: ScorerArg,
    /// Learned-scorer passes not to run (comma-separated names): a
    /// measuring aid for `scripts/train --passes-off`.
    #[arg(long, value_name = "PASSES", value_delimiter = ',', hide = true)]
    pub passes_off: Vec<String>,
    /// Score with the models `html.json` and `dump.json` in DIR instead of
    /// the built-in ones (as `scripts/train` writes them).
    #[arg(long, value_name = "DIR")]
    pub model_dir: Option<PathBuf>,
    /// Markdown output: keep links as `[text](url)`.
    #[arg(long)]
    pub links: bool,
    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE", conflicts_with = "output_dir")]
    pub output: Option<PathBuf>,
    /// Write one file per input under DIR, mirroring the input tree.
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// With --output-dir: leave inputs whose output file exists (resume a run).
    #[arg(long, requires = "output_dir")]
    pub skip_existing: bool,
    /// Only files under directories matching GLOB (repeatable; `!GLOB` excludes).
    #[arg(long, value_name = "GLOB")]
    pub glob: Vec<String>,
    /// Also read hidden files and directories.
    #[arg(long)]
    pub hidden: bool,
    /// Follow every symbolic link in directories (by default a link is followed only when it leads inside the directory named).
    #[arg(short = 'L', long)]
    pub follow: bool,
    /// Worker threads (default: all cores; at most 4 per core).
    #[arg(short = 'j', long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Largest page or record, after decompression (e.g. 64M, 500K); larger ones get an error record.
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "64M")]
    pub max_bytes: usize,
    /// Per-input time limit in seconds; a slower input gets a `timeout` error record.
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_TIMEOUT_SECS)]
    pub timeout: f64,
    /// No progress bar, no summary.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub corpus: CorpusArgs,
}

/// `64M`, `500K`, `2G`, `1000` → bytes.
fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let (digits, unit) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => t.split_at(i),
        None => (t, ""),
    };
    let n: usize = digits.parse().map_err(|_| format!("{s:?} is not a size (e.g. 64M, 500K, 1000)"))?;
    let scale: usize = match unit.trim().to_ascii_uppercase().trim_end_matches("IB").trim_end_matches('B') {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        other => return Err(format!("unknown size unit {other:?} (use K, M or G)")),
    };
    n.checked_mul(scale).filter(|&b| b > 0).ok_or_else(|| format!("{s:?} is not a usable size"))
}

/// `-j`, lowered to [`max_threads`] (4 per core, at most 1,024) with a
/// message; 0 stays 0 (all cores).
fn clamp_threads(asked: usize) -> usize {
    let max = max_threads();
    if asked > max {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        eprintln!("pith extract: -j {asked} is more than {MAX_THREADS_PER_CORE} threads per core ({cores} cores); using {max}");
        return max;
    }
    asked
}

/// Where the results go, created before the inputs are read.
enum Opened {
    Stream(RecordStream),
    Dir(PathBuf),
}

/// Create the output (`--output-dir`, the temp file of `-o FILE`, or
/// stdout). An error is reported; the exit code comes back.
fn open_output(args: &ExtractArgs) -> Result<Opened, i32> {
    if let Some(dir) = &args.output_dir {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("pith extract: cannot create output directory {}: {e}", dir.display());
            return Err(1);
        }
        // A killed run may have left temp files: they are not output.
        if let Err(e) = remove_dead_temps(dir, None) {
            eprintln!("pith extract: cannot clean temp files under {}: {e}", dir.display());
            return Err(1);
        }
        return Ok(Opened::Dir(dir.clone()));
    }
    match &args.output {
        Some(path) => RecordStream::create(path).map(Opened::Stream).map_err(|e| {
            eprintln!("pith extract: cannot create {}: {e}", path.display());
            1
        }),
        None => Ok(Opened::Stream(RecordStream::stdout())),
    }
}

/// Run `pith extract`; returns the exit code.
pub fn run(mut args: ExtractArgs) -> i32 {
    args.threads = clamp_threads(args.threads);
    let mut paths = args.inputs.clone();
    match args.corpus.listed_paths() {
        Ok(listed) => paths.extend(listed),
        Err(message) => {
            eprintln!("pith extract: {message}");
            return EXIT_REFUSED;
        }
    }
    let list_on_stdin = args.corpus.files_from.as_deref().is_some_and(|f| f.as_os_str() == "-");
    if list_on_stdin && paths.iter().any(|p| p.as_os_str() == "-") {
        eprintln!("pith extract: --files-from - reads the list from stdin; stdin cannot be an input too");
        return EXIT_REFUSED;
    }
    if paths.is_empty() && args.corpus.files_from.is_some() {
        eprintln!("pith extract: --files-from {}: lists no input", args.corpus.files_from.as_deref().unwrap_or(Path::new("-")).display());
        return EXIT_REFUSED;
    }
    if paths.is_empty() {
        if io::stdin().is_terminal() {
            eprintln!("pith extract: no input given (pass files, directories, or `-` to read stdin)");
            return 2;
        }
        paths.push(PathBuf::from("-"));
    }
    if !(args.timeout > 0.0 && args.timeout <= MAX_TIMEOUT_SECS) {
        eprintln!("pith extract: --timeout {}: must be a positive number of seconds, at most {MAX_TIMEOUT_SECS:.0}", args.timeout);
        return EXIT_REFUSED;
    }
    let extractor = match build_extractor(&args) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let mut source_options = SourceOptions {
        format: match args.input_format {
            InputFormatArg::Auto => SourceFormat::Auto,
            InputFormatArg::Html => SourceFormat::Html,
            InputFormatArg::Text => SourceFormat::Text,
            InputFormatArg::Jsonl => SourceFormat::Jsonl,
            InputFormatArg::Warc => SourceFormat::Warc,
        },
        max_bytes: args.max_bytes,
        walk: WalkOptions { globs: args.glob.clone(), hidden: args.hidden, follow: args.follow, exclude: Vec::new() },
        unique_names: args.output_dir.is_some(),
        // --timeout bounds reading each container record too.
        read_timeout: Duration::try_from_secs_f64(args.timeout).ok(),
        // Page files are read and decompressed by the workers (`Job::run`).
        defer_reading: true,
    };
    let walk_options = source_options.walk.clone();
    // Bad globs and outputs over inputs are refused before anything is written.
    if let Err(e) = pith::batch::walk::walk(&[], &source_options.walk) {
        eprintln!("pith extract: {e}");
        return EXIT_REFUSED;
    }
    if let Err(message) = guard::check(&paths, &Outputs { file: args.output.as_deref(), dir: args.output_dir.as_deref() }) {
        eprintln!("pith extract: {message}");
        return EXIT_REFUSED;
    }
    let opened = match open_output(&args) {
        Ok(o) => o,
        Err(code) => return code,
    };
    // The walk passes over the run's own output, wherever it is.
    source_options.walk.exclude = match &opened {
        Opened::Dir(dir) => guard::exclusions(&[], Some(dir)),
        Opened::Stream(out) if args.output.is_some() => guard::exclusions(&[out.file_id(), args.output.as_deref().and_then(FileId::of_path)], None),
        Opened::Stream(_) => guard::exclusions(&[guard::stdout_file_id()], None),
    };
    let mut sources = match Sources::new(&paths, source_options) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("pith extract: {e}");
            return 2;
        }
    };
    let started = Instant::now();
    // The first item opens the first input: after it, whether it is a
    // container is known, and with it the default format.
    let first = sources.next();
    // A list of inputs (`--files-from`) is a batch, even of one.
    let single = paths.len() == 1 && !paths[0].is_dir() && sources.containers_opened() == 0 && args.corpus.files_from.is_none();
    // `--explain` is a table for people unless JSON is asked for.
    let format = args.format.unwrap_or(if single || args.explain || args.output_dir.is_some() { Format::Text } else { Format::Jsonl });
    let quiet_run = single && args.output.is_none() && args.output_dir.is_none();

    for warning in warn::no_ops(&args, format, &paths) {
        eprintln!("pith extract: warning: {warning}");
    }
    let target = target(opened, format, single);
    let on_terminal = io::stderr().is_terminal();
    let progress = (!args.quiet && !quiet_run && (on_terminal || args.corpus.progress)).then(|| progress::bar(on_terminal));
    let counter = progress.as_ref().and_then(|bar| progress::count_in_background(bar, paths.clone(), walk_options.clone()));
    let finish = Finish {
        format,
        text_format: args.corpus.text_format.unwrap_or(TextFormat::Text),
        filters: args.corpus.filters(),
    };
    let dedup = (args.corpus.dedup && !args.explain).then(|| (Box::<Seen>::default(), finish.clone()));
    let mut output = Output { target, summary: Summary::default(), progress, quiet: args.quiet, dedup, note_filtered: quiet_run && !args.quiet };
    let _ = ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            std::process::exit(EXIT_INTERRUPTED);
        }
    });

    let job = Job {
        extractor: &extractor,
        url: args.url.as_deref(),
        format,
        explain: args.explain,
        timeout: Duration::from_secs_f64(args.timeout),
        skip_existing: args.output_dir.as_deref().filter(|_| args.skip_existing).map(|d| (d, format.extension())),
        finish: &finish,
        dedup: args.corpus.dedup,
    };
    let threads = args.threads;
    let in_flight = IN_FLIGHT_PER_THREAD * pool_threads(threads);
    // Units in flight (read ahead, being extracted, waiting for the output)
    // share one page's structural budget, whatever the thread count: a
    // unit weighs what its size lets it build (`Budget::weight`), so the
    // memory of all of them stays within what the largest page may take.
    let window = Window { items: in_flight, budget: Budget::MAX_WEIGHT, weigh: in_flight_weight };
    let items = first.into_iter().chain(sources);
    // One page (already read) is extracted here: threads to read, extract
    // and write it would cost more than the page.
    let end = if single {
        run_inline(items, |item| job.run(item), &mut output, &INTERRUPTED)
    } else {
        run_ordered(items, threads, window, |item| job.run(item), &mut output, &INTERRUPTED)
    };
    if let Some(bar) = &output.progress {
        progress::finish(bar, on_terminal, counter);
    }
    let interrupted = matches!(end, Ok(RunEnd::Stopped));
    let mut code = if output.summary.failures() > 0 { 1 } else { 0 };
    if let Err(e) = end
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        eprintln!("pith extract: {e}; stopped: the inputs after the last one written were not extracted");
        code = 1;
    }
    let summary = std::mem::take(&mut output.summary);
    if let Err(e) = output.finish()
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        eprintln!("pith extract: {e}");
        code = 1;
    }
    // Rules are compiled when they first match a page: one whose selectors
    // do not parse was not applied, and is named once here.
    for e in extractor.rules().failed_selectors() {
        eprintln!("pith extract: warning: rule not applied: {e}");
    }
    if !args.quiet && (!quiet_run || interrupted) {
        eprintln!("{}", summary.render(started.elapsed(), interrupted));
    }
    if interrupted { EXIT_INTERRUPTED } else { code }
}

fn build_extractor(args: &ExtractArgs) -> Result<Extractor, i32> {
    let options = ExtractorOptions {
        rules: !args.no_rules,
        comments: args.comments,
        bias: if args.precision {
            Bias::Precision
        } else if args.recall {
            Bias::Recall
        } else {
            Bias::Balanced
        },
        markdown: matches!(args.format, Some(Format::Markdown)) || args.corpus.text_format == Some(TextFormat::Markdown),
        links: args.links,
        max_bytes: args.max_bytes,
        explain: args.explain,
        passes_off: args.passes_off.clone(),
        scorer: match args.scorer {
            ScorerArg::Auto => Scorer::Auto,
            ScorerArg::Learned => Scorer::Learned,
            ScorerArg::Heuristic => Scorer::Heuristic,
        },
        ..ExtractorOptions::default()
    };
    let extractor = if args.rules.is_empty() || args.no_rules {
        Extractor::new(options)
    } else {
        RuleSet::with_dirs(&args.rules).map(|set| Extractor::with_rules(options, set)).map_err(|errors| {
            for e in errors {
                eprintln!("pith extract: {e}");
            }
            2
        })?
    };
    match &args.model_dir {
        Some(dir) => Models::from_dir(dir).map(|m| extractor.with_models(m)).map_err(|e| {
            eprintln!("pith extract: --model-dir: {e}");
            2
        }),
        None => Ok(extractor),
    }
}

/// `--scorer` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScorerArg {
    Auto,
    Learned,
    Heuristic,
}

/// The target for `format`, around the output opened.
fn target(opened: Opened, format: Format, single: bool) -> Target {
    let records = matches!(format, Format::Json | Format::Jsonl);
    let framed = !single && !records;
    match opened {
        Opened::Dir(root) => Target::Dir { root, ext: format.extension() },
        Opened::Stream(out) => Target::Stream { out, framed, records },
    }
}

/// What every unit shares.
struct Job<'a> {
    extractor: &'a Extractor,
    url: Option<&'a str>,
    format: Format,
    explain: bool,
    timeout: Duration,
    skip_existing: Option<(&'a std::path::Path, &'static str)>,
    /// Filters and renders a page.
    finish: &'a Finish,
    /// `--dedup`: pages are finished at the ordered sink.
    dedup: bool,
}

impl Job<'_> {
    /// Extract and render one item (on a worker thread).
    fn run(&self, item: Item) -> Outcome {
        let mut unit = match item {
            Item::Unit(u) => *u,
            Item::Skipped { source, reason } => {
                return Outcome { source, out_stem: PathBuf::new(), bytes_in: 0, kind: OutcomeKind::Skipped { reason } };
            }
            Item::SkippedFile { source, reason } => {
                return Outcome { source, out_stem: PathBuf::new(), bytes_in: 0, kind: OutcomeKind::SkippedFile { reason } };
            }
        };
        if let Some((dir, ext)) = self.skip_existing
            && output_path(dir, &unit.out_stem, ext).exists()
        {
            return Outcome { source: unit.source, out_stem: unit.out_stem, bytes_in: 0, kind: OutcomeKind::Exists };
        }
        unit.unpack();
        let kind = self.extract(&unit);
        Outcome { source: unit.source, out_stem: unit.out_stem, bytes_in: unit.bytes_in, kind }
    }

    fn extract(&self, unit: &Unit) -> OutcomeKind {
        let url = unit.url.as_deref().or(self.url);
        let (reason, message) = match &unit.content {
            Ok(bytes) => {
                let input = PageInput {
                    bytes,
                    url,
                    charset: unit.charset.as_deref(),
                    format: unit.format,
                    deadline: Some(Deadline::after(self.timeout)),
                };
                match self.extractor.analyze_input(input) {
                    Ok(analysis) => return self.render(unit, analysis),
                    Err(e) => (error_reason(&e), format!("{}: {e}", unit.source)),
                }
            }
            Err(e) => (e.kind, e.message.clone()),
        };
        let record = Record::failed(&unit.source, url, message.clone()).with_id(unit.id.as_ref()).with_warc(unit.warc.as_ref()).with_extra(&unit.extra);
        let record = match self.format {
            Format::Json => Some(record.to_pretty()),
            Format::Jsonl => Some(record.to_line()),
            _ => None,
        };
        OutcomeKind::Failed { reason, message, record }
    }

    fn render(&self, unit: &Unit, analysis: pith::Analysis) -> OutcomeKind {
        if self.explain {
            let doc = &analysis.document;
            let rendered = match self.format {
                Format::Json => serde_json::to_string_pretty(&explain::to_json(&analysis, &unit.source)).unwrap_or_default(),
                Format::Jsonl => explain::to_json(&analysis, &unit.source).to_string(),
                Format::Text | Format::Markdown => explain::render(&analysis),
            };
            return OutcomeKind::Extracted { rendered, empty: doc.text.trim().is_empty() };
        }
        let page = Page {
            source: unit.source.clone(),
            id: unit.id.clone(),
            extra: unit.extra.clone(),
            warc: unit.warc.clone(),
            doc: analysis.document,
        };
        if self.dedup { OutcomeKind::Pending(Box::new(Pending::new(page, self.finish))) } else { self.finish.finish(&page) }
    }
}

/// What an item weighs in the read-ahead window: a unit the structural
/// budget of a page of its size, counting what it carries besides the page
/// (a JSONL record's pass-through fields are in `bytes_in`); a skipped
/// record or file next to nothing.
fn in_flight_weight(item: &Item) -> usize {
    match item {
        Item::Unit(unit) => {
            let carried = usize::try_from(unit.bytes_in).unwrap_or(usize::MAX);
            unit.content.as_ref().map_or(1, |_| Budget::weight(unit.expected_len().max(carried)))
        }
        Item::Skipped { .. } | Item::SkippedFile { .. } => 1,
    }
}

/// The summary's name for an extraction error.
fn error_reason(e: &Error) -> &'static str {
    match e {
        Error::Binary { .. } => "binary",
        Error::TooLarge { .. } => "too large",
        Error::Timeout { .. } => "timeout",
        Error::TooComplex { .. } => "too complex",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("500k"), Ok(500 << 10));
        assert_eq!(parse_size("2GiB"), Ok(2 << 30));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("0").is_err());
        assert!(parse_size("12X").is_err());
        assert!(parse_size("").is_err());
    }
}
