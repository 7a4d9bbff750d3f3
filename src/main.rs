//! The `pith` binary: parses arguments and hands over to `cli`.

mod cli;

use clap::Parser;

fn main() {
    let code = cli::run(cli::Cli::parse());
    std::process::exit(code);
}
