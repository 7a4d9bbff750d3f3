//! Command-line interface: arguments → inputs → extractor → records → stdout.
//!
//! A thin layer over the library: it reads inputs, runs the extractor on
//! them in parallel (rayon), and prints results in input order so output is
//! identical whatever the thread count. Errors name the input. The `rules`
//! subcommands live in `cli/rules.rs`.

mod rules;

use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use pith::render::json::Record;
use pith::rules::RuleSet;
use pith::{explain, render, Bias, Document, Extractor, ExtractorOptions, InputFormat};

/// pith: keep the article, drop the boilerplate.
#[derive(Debug, Parser)]
#[command(name = "pith", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract the main content of HTML pages or text dumps.
    Extract(ExtractArgs),
    /// List, check, test, draft and import site rules.
    #[command(subcommand)]
    Rules(rules::RulesCommand),
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
    Jsonl,
}

/// `--input-format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    Auto,
    Html,
    Text,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files to read; `-` (or nothing, with piped input) reads stdin.
    pub inputs: Vec<PathBuf>,
    /// Output format. Default: text for one input, jsonl for several.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// What the inputs are; `auto` sniffs each one.
    #[arg(long, value_enum, default_value = "auto")]
    pub input_format: InputFormatArg,
    /// The page's URL (metadata, site rules).
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
    /// Keep reader comments under an article (HTML).
    #[arg(long)]
    pub comments: bool,
    /// Markdown output: keep links as `[text](url)`.
    #[arg(long)]
    pub links: bool,
}

/// Run the CLI; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Rules(command) => rules::run(command),
    }
}

/// One input, read into memory.
struct Input {
    name: String,
    bytes: Result<Vec<u8>, String>,
}

fn read_input(path: &PathBuf) -> Input {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        let bytes = io::stdin().lock().read_to_end(&mut buf).map(|_| buf).map_err(|e| format!("cannot read stdin: {e}"));
        return Input { name: "-".to_owned(), bytes };
    }
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {name}: {e}"));
    Input { name, bytes }
}

fn extract(args: ExtractArgs) -> i32 {
    let mut paths = args.inputs.clone();
    if paths.is_empty() {
        if io::stdin().is_terminal() {
            eprintln!("pith extract: no input given (pass files, or `-` to read stdin)");
            return 2;
        }
        paths.push(PathBuf::from("-"));
    }
    let format = args.format.unwrap_or(if paths.len() == 1 { Format::Text } else { Format::Jsonl });
    let options = ExtractorOptions {
        input_format: match args.input_format {
            InputFormatArg::Auto => InputFormat::Auto,
            InputFormatArg::Html => InputFormat::Html,
            InputFormatArg::Text => InputFormat::Text,
        },
        rules: !args.no_rules,
        comments: args.comments,
        bias: if args.precision {
            Bias::Precision
        } else if args.recall {
            Bias::Recall
        } else {
            Bias::Balanced
        },
        markdown: matches!(format, Format::Markdown),
        links: args.links,
        ..ExtractorOptions::default()
    };
    let extractor = if args.rules.is_empty() || args.no_rules {
        Extractor::new(options)
    } else {
        match RuleSet::with_dirs(&args.rules) {
            Ok(set) => Extractor::with_rules(options, set),
            Err(errors) => {
                for e in errors {
                    eprintln!("pith extract: {e}");
                }
                return 2;
            }
        }
    };
    let url = args.url.as_deref();

    // Stdin can be read once only, and before the parallel section.
    let inputs: Vec<Input> = paths.iter().map(read_input).collect();
    let outputs: Vec<(String, bool)> = inputs
        .par_iter()
        .map(|input| render_one(&extractor, input, url, format, args.explain))
        .collect();

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let many = outputs.len() > 1;
    let mut failed = 0usize;
    for ((text, ok), input) in outputs.iter().zip(&inputs) {
        failed += usize::from(!ok);
        // Text and Markdown have no error record: the error went to stderr.
        if !ok && matches!(format, Format::Text | Format::Markdown) {
            continue;
        }
        let framed = many && (args.explain || matches!(format, Format::Text | Format::Markdown));
        let result = if framed {
            writeln!(out, "==> {} <==\n{text}", input.name)
        } else {
            writeln!(out, "{text}")
        };
        if let Err(e) = result {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return if failed > 0 { 1 } else { 0 };
            }
            eprintln!("pith extract: cannot write output: {e}");
            return 1;
        }
    }
    if let Err(e) = out.flush()
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        eprintln!("pith extract: cannot write output: {e}");
        return 1;
    }
    if failed > 0 {
        eprintln!("pith extract: {failed} of {} inputs failed", outputs.len());
        1
    } else {
        0
    }
}

/// Extract one input and render it; the flag says whether it succeeded.
fn render_one(extractor: &Extractor, input: &Input, url: Option<&str>, format: Format, explain: bool) -> (String, bool) {
    let result: Result<pith::Analysis, String> = match &input.bytes {
        Ok(bytes) => extractor.analyze(bytes, url).map_err(|e| format!("{}: {e}", input.name)),
        Err(e) => Err(e.clone()),
    };
    match (result, format) {
        (Ok(a), _) if explain => (explain::render(&a), true),
        (Ok(a), Format::Text) => (a.document.text, true),
        (Ok(a), Format::Markdown) => (markdown(&a.document), true),
        (Ok(a), Format::Json) => (Record::ok(&input.name, &a.document, &a.document.text).to_pretty(), true),
        (Ok(a), Format::Jsonl) => (Record::ok(&input.name, &a.document, &a.document.text).to_line(), true),
        (Err(e), Format::Json) => (Record::failed(&input.name, url, e).to_pretty(), false),
        (Err(e), Format::Jsonl) => (Record::failed(&input.name, url, e).to_line(), false),
        (Err(e), _) => {
            eprintln!("pith extract: {e}");
            (String::new(), false)
        }
    }
}

fn markdown(doc: &Document) -> String {
    render::markdown::render(doc.title.as_deref(), &doc.blocks)
}
