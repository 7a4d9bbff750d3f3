//! The `pith` binary: parses arguments and hands over to [`pith::cli`].

use clap::Parser;

fn main() {
    let code = pith::cli::run(pith::cli::Cli::parse());
    std::process::exit(code);
}
