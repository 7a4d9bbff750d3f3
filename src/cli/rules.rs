//! `pith rules …`: list, check, test, draft (`new`) and import (`import-ftr`)
//! site rules. Exit codes: 0 fine, 1 a check or test failed (or a file could
//! not be written), 2 the rules do not load, the arguments are wrong, or
//! `import-ftr` refused (a file exists, or the result would not load).

use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

use clap::Subcommand;

use pith::authoring::ftr_import;
use pith::authoring::input::read_page;
use pith::authoring::starter::{draft, Sample};
use pith::authoring::test_runner::run_tests;
use pith::rules::{Origin, RuleSet};

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List the built-in rules (and those of --rules DIR) with their hosts.
    List {
        /// Also list the rules in DIR (repeatable).
        #[arg(long, value_name = "DIR")]
        rules: Vec<PathBuf>,
    },
    /// Validate the built-in rules and those in DIR...: prints file:line: reason per problem.
    Check {
        /// Folders of rule files.
        dirs: Vec<PathBuf>,
    },
    /// Run every [[test]] of the built-in rules and of the rules in DIR...
    Test {
        /// Folders of rule files.
        dirs: Vec<PathBuf>,
    },
    /// Draft a starter rule for HOST and write it to DIR/HOST.toml (see --stdout).
    New {
        /// The site's host (`example.com`).
        host: String,
        /// A sample page (HTML or dump) to draft suggestions and a test from.
        #[arg(long, value_name = "FILE")]
        from: Option<PathBuf>,
        /// The sample's URL, for the test case (default https://HOST/).
        #[arg(long)]
        url: Option<String>,
        /// The rules folder to write to.
        #[arg(long, value_name = "DIR", default_value = "rules")]
        dir: PathBuf,
        /// Print the rule instead of writing it.
        #[arg(long)]
        stdout: bool,
        /// Overwrite an existing rule file.
        #[arg(long)]
        force: bool,
    },
    /// Convert FiveFilters ftr-site-config files (DIR/*.txt) into rules in OUTDIR.
    ImportFtr {
        /// Folder of ftr-site-config `.txt` files.
        dir: PathBuf,
        /// Folder to write the rules to (created if missing).
        outdir: PathBuf,
        /// Overwrite rule files that exist in OUTDIR.
        #[arg(long)]
        force: bool,
    },
}

/// Run a `rules` subcommand; returns the exit code.
pub fn run(command: RulesCommand) -> i32 {
    match command {
        RulesCommand::List { rules } => list(&rules),
        RulesCommand::Check { dirs } => check(&dirs),
        RulesCommand::Test { dirs } => test(&dirs),
        RulesCommand::New { host, from, url, dir, stdout, force } => new(&host, from.as_deref(), url.as_deref(), &dir, stdout, force),
        RulesCommand::ImportFtr { dir, outdir, force } => import_ftr(&dir, &outdir, force),
    }
}

/// Load built-in and user rules, selectors compiled (extraction compiles
/// them when a rule first applies), printing every error.
fn load(dirs: &[PathBuf], command: &str) -> Option<RuleSet> {
    match RuleSet::with_dirs_checked(dirs) {
        Ok(set) => Some(set),
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            eprintln!("pith rules {command}: {} error(s)", errors.len());
            None
        }
    }
}

fn list(dirs: &[PathBuf]) -> i32 {
    let Some(set) = load(dirs, "list") else { return 2 };
    println!("{:<24} {:<8} {:<40} {:>5} {:>5}  file", "rule", "origin", "hosts", "fprt", "tests");
    for r in set.rules() {
        let origin = if r.origin == Origin::Builtin { "built-in" } else { "user" };
        let mut hosts = r.hosts.join(", ");
        if r.subdomains && !hosts.is_empty() {
            hosts.push_str(" (+subdomains)");
        }
        let hosts = if hosts.is_empty() { "-".to_owned() } else { hosts };
        println!("{:<24} {:<8} {:<40} {:>5} {:>5}  {}", r.name, origin, hosts, r.fingerprints.len(), r.tests.len(), r.file);
    }
    for o in set.overrides() {
        println!("{} is replaced by {}", o.replaced, o.by);
    }
    0
}

fn check(dirs: &[PathBuf]) -> i32 {
    let Some(set) = load(dirs, "check") else { return 1 };
    let mut failed = 0;
    for r in set.rules().iter().filter(|r| r.tests.is_empty()) {
        if r.origin == Origin::Builtin {
            eprintln!("{}: a built-in rule needs at least one [[test]]", r.file);
            failed += 1;
        } else {
            eprintln!("{}: warning: no [[test]]", r.file);
        }
    }
    if failed > 0 {
        return 1;
    }
    println!("{} rule(s) OK", set.rules().len());
    0
}

fn test(dirs: &[PathBuf]) -> i32 {
    let Some(set) = load(dirs, "test") else { return 2 };
    let results = run_tests(&set, |_| true);
    let mut failed = 0;
    for r in &results {
        if r.passed() {
            println!("PASS {}: {}", r.file, r.case);
        } else {
            failed += 1;
            println!("FAIL {}: {}", r.file, r.case);
            for f in &r.failures {
                println!("    {f}");
            }
            for line in &r.diff {
                println!("    {line}");
            }
        }
    }
    println!("{} passed, {failed} failed", results.len() - failed);
    if failed > 0 { 1 } else { 0 }
}

fn new(host: &str, from: Option<&Path>, url: Option<&str>, dir: &Path, stdout: bool, force: bool) -> i32 {
    // Read like `pith extract` reads a file: gzip and zstd are decompressed.
    let bytes = match from.map(read_page).transpose() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("pith rules new: {e}");
            return 2;
        }
    };
    let test_file = from.map(|f| relative(dir, f)).unwrap_or_default();
    let sample = bytes.as_deref().map(|bytes| Sample { bytes, test_file: &test_file });
    let text = match draft(host, sample, url) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("pith rules new: {e}");
            return 2;
        }
    };
    if stdout {
        print!("{text}");
        return 0;
    }
    let target = dir.join(format!("{host}.toml"));
    if target.exists() && !force {
        eprintln!("pith rules new: {} exists (use --force to overwrite, or --stdout)", target.display());
        return 1;
    }
    if let Err(e) = std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&target, text)) {
        eprintln!("pith rules new: cannot write {}: {e}", target.display());
        return 1;
    }
    println!("wrote {}", target.display());
    println!("next: edit it, then `pith rules check {0}` and `pith rules test {0}`", dir.display());
    0
}

fn import_ftr(dir: &Path, outdir: &Path, force: bool) -> i32 {
    match ftr_import::import_dir(dir, outdir, force) {
        Ok(reports) => {
            let written = reports.iter().filter(|r| r.written.is_some()).count();
            for r in &reports {
                print!("{r}");
            }
            println!("{written} of {} file(s) converted", reports.len());
            0
        }
        Err(e) => {
            eprintln!("pith rules import-ftr: {e}");
            match e {
                ftr_import::ImportError::Write { .. } => 1,
                _ => 2,
            }
        }
    }
}

/// `target` relative to the folder `from`.
fn relative(from: &Path, target: &Path) -> String {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    // Path components with `.` and `..` resolved lexically.
    let parts = |p: PathBuf| -> Vec<OsString> {
        let mut out: Vec<OsString> = Vec::new();
        for c in p.components() {
            match c {
                Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
                Component::ParentDir => {
                    out.pop();
                }
                Component::Normal(n) => out.push(n.to_os_string()),
            }
        }
        out
    };
    let (f, t) = (parts(abs(from)), parts(abs(target)));
    let common = f.iter().zip(&t).take_while(|(a, b)| a == b).count();
    let mut rel = PathBuf::new();
    for _ in common..f.len() {
        rel.push("..");
    }
    for c in &t[common..] {
        rel.push(c);
    }
    rel.display().to_string()
}
