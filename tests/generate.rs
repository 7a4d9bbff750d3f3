//! `pith generate`: the man page and shell completions come from the same
//! clap definition as the parser, so they list the real subcommands and options.

use std::process::Command;

fn generate(what: &str) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pith")).args(["generate", what]).output().expect("run pith");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn man_page_documents_every_subcommand_and_its_options() {
    let (code, page, _) = generate("man");
    assert_eq!(code, 0);
    assert!(page.starts_with(".ie") || page.contains(".TH pith 1"), "{}", &page[..200.min(page.len())]);
    for heading in ["PITH EXTRACT", "PITH RULES", "PITH GENERATE"] {
        assert!(page.contains(heading), "no section {heading}");
    }
    for option in ["\\-\\-format", "\\-\\-output\\-dir", "\\-\\-url"] {
        assert!(page.contains(option), "option {option} not in the man page");
    }
}

#[test]
fn completions_for_each_shell() {
    for (shell, marker) in [
        ("complete-bash", "_pith()"),
        ("complete-zsh", "#compdef pith"),
        ("complete-fish", "complete -c pith"),
        ("complete-powershell", "Register-ArgumentCompleter"),
        ("complete-elvish", "edit:completion:arg-completer[pith]"),
    ] {
        let (code, script, _) = generate(shell);
        assert_eq!(code, 0, "{shell}");
        assert!(script.contains(marker), "{shell}: no {marker}");
        assert!(script.contains("extract") && script.contains("--output-dir"), "{shell} lacks extract's options");
    }
}

#[test]
fn unknown_target_is_a_usage_error() {
    let (code, out, err) = generate("complete-tcsh");
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("complete-tcsh"), "{err}");
}
