//! Command-line interface: arguments → inputs → extractor → outputs.
//!
//! A thin layer over the library. `pith extract` (`cli/extract.rs`) reads
//! files, directories, stdin, WARC and JSONL, extracts in parallel and
//! writes results in input order, so output is identical whatever the
//! thread count; `cli/output.rs` writes them (`cli/stream.rs` for stdout
//! and `-o FILE`), `cli/summary.rs` counts them, and `cli/guard.rs` keeps
//! outputs off inputs; `cli/corpus.rs` holds the corpus-building options
//! and filters, `cli/dedup.rs` `--dedup`, `cli/progress.rs` the progress
//! bar and `cli/warn.rs` the warnings for options that do nothing.
//! The `rules` subcommands live in `cli/rules.rs`, `pith generate` (shell
//! completions, man page) in `cli/generate.rs`. [`main_with_args`] runs the
//! whole CLI on an argument list: the binary and the Python package's
//! `pith` command both go through it.

mod corpus;
mod dedup;
mod extract;
mod generate;
mod guard;
mod output;
mod progress;
mod rules;
mod stream;
mod summary;
mod warn;

use clap::{Parser, Subcommand};

/// pith: keep the article, drop the boilerplate.
#[derive(Debug, Parser)]
#[command(name = "pith", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract the main content of HTML pages, text dumps, WARC and JSONL files.
    Extract(Box<extract::ExtractArgs>),
    /// List, check, test, draft and import site rules.
    #[command(subcommand)]
    Rules(rules::RulesCommand),
    /// Write shell completions or the man page to stdout.
    Generate(generate::GenerateArgs),
}

/// Run the CLI; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Extract(args) => extract::run(*args),
        Command::Rules(command) => rules::run(command),
        Command::Generate(args) => generate::run(args),
    }
}

/// Parse `args` (the program name first) and run the CLI; returns the
/// process exit code. `--help`, `--version` and usage errors print as the
/// binary prints them (help to stdout with 0, errors to stderr with 2).
pub fn main_with_args<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    use clap::Parser;
    match Cli::try_parse_from(args) {
        Ok(cli) => run(cli),
        Err(e) => {
            let _ = e.print();
            e.exit_code()
        }
    }
}
