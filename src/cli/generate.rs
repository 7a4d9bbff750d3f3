//! `pith generate`: shell completions and the man page, written to stdout
//! from the same clap definition the parser uses, so they never drift from
//! the options. It writes nothing else and installs nothing.

use std::io::{self, Write};

use clap::{Args, CommandFactory, ValueEnum};
use clap_complete::Shell;

use super::Cli;

/// What `pith generate` writes.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// `man` for the man page (roff, `pith.1`), or a shell's completion script.
    #[arg(value_enum)]
    pub what: Generated,
}

/// The generated artefacts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Generated {
    /// The man page, roff (`pith generate man > pith.1`).
    Man,
    /// Bash completions (`pith generate complete-bash > /etc/bash_completion.d/pith`).
    CompleteBash,
    /// Zsh completions (`pith generate complete-zsh > "${fpath[1]}/_pith"`).
    CompleteZsh,
    /// Fish completions (`pith generate complete-fish > ~/.config/fish/completions/pith.fish`).
    CompleteFish,
    /// PowerShell completions.
    CompletePowershell,
    /// Elvish completions.
    CompleteElvish,
}

/// The man page: `pith`'s own sections, then each subcommand's synopsis,
/// description and options under a heading of its own (one page holds the
/// whole CLI, as `man pith` readers expect).
fn man_page(mut command: clap::Command, out: &mut Vec<u8>) -> io::Result<()> {
    command.build();
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_subcommands_section(out)?;
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        writeln!(out, ".SH \"PITH {}\"", sub.get_name().to_uppercase())?;
        // `build()` gave each subcommand its bin name ("pith extract"), which the synopsis shows.
        let page = clap_mangen::Man::new(sub.clone());
        page.render_description_section(out)?;
        page.render_synopsis_section(out)?;
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            page.render_options_section(out)?;
        }
        if sub.has_subcommands() {
            page.render_subcommands_section(out)?;
        }
    }
    man.render_version_section(out)
}

impl Generated {
    /// The shell a completion script is for; `None` for the man page.
    fn shell(self) -> Option<Shell> {
        match self {
            Generated::Man => None,
            Generated::CompleteBash => Some(Shell::Bash),
            Generated::CompleteZsh => Some(Shell::Zsh),
            Generated::CompleteFish => Some(Shell::Fish),
            Generated::CompletePowershell => Some(Shell::PowerShell),
            Generated::CompleteElvish => Some(Shell::Elvish),
        }
    }
}

/// Write the artefact to stdout; returns the exit code (1 when stdout fails).
pub fn run(args: GenerateArgs) -> i32 {
    let mut command = Cli::command();
    let mut out = Vec::new();
    let written = match args.what.shell() {
        None => man_page(command, &mut out),
        Some(shell) => {
            clap_complete::generate(shell, &mut command, "pith", &mut out);
            Ok(())
        }
    };
    match written.and_then(|()| io::stdout().lock().write_all(&out)) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("pith: cannot write to stdout: {e}");
            1
        }
    }
}
