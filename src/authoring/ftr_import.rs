//! `pith rules import-ftr DIR OUTDIR`: a whole ftr-site-config folder to a
//! folder of rules that loads (`pith rules check OUTDIR` passes).
//!
//! Every file is translated first ([`ftr`](super::ftr)); nothing is
//! written until the whole plan is known. Two files can name one host:
//! `x.com.txt` and `www.x.com.txt` (both `x.com` and `www.x.com` for
//! FTR, which strips `www.`), or `X.com.txt`, or a Unicode and a punycode
//! name. FTR's own lookup decides: it strips `www.` and opens the file
//! named exactly as the lower-case host, then the `.PARENT.txt` wildcard;
//! so that file wins the host, and the other is reported (the hosts it
//! lost, and no rule when it lost them all). `.x.com.txt` and `x.com.txt`
//! do not collide: one is the rule `_.x.com` for `*.x.com`, the other the
//! rule `x.com` for `x.com` and `www.x.com`.
//!
//! An existing file in OUTDIR is never overwritten without `force`: the
//! import stops before writing anything and names the files. With the
//! rules already in OUTDIR, the result must load as one folder (no host
//! claimed twice), or nothing is written.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::ftr::{rule_text, translate, FileReport, Target};
use crate::rules::error::RuleError;
use crate::rules::load::{dir_sources, Source};
use crate::rules::matcher::RuleSet;
use crate::rules::model::Origin;

/// Largest config file read, in bytes: a site config is a few dozen lines.
const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// Why an import wrote nothing (or stopped while writing).
#[derive(Debug, Error)]
pub enum ImportError {
    /// The config folder cannot be listed.
    #[error("cannot read {}: {source}", path.display())]
    ReadDir { path: PathBuf, source: std::io::Error },
    /// Rule files that would be overwritten (without `force`).
    #[error("{} exist(s) already: {} (use --force to overwrite); nothing written", paths.len(), show(paths))]
    Exists { paths: Vec<PathBuf> },
    /// The imported rules and those already in the output folder do not load together.
    #[error("the imported rules would not load with the rules in {}; nothing written:\n{}", dir.display(), errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    WouldNotLoad { dir: PathBuf, errors: Vec<RuleError> },
    /// A rule file cannot be written.
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
}

fn show(paths: &[PathBuf]) -> String {
    paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
}

/// A translated config waiting for its hosts.
struct Candidate {
    index: usize,
    file_name: String,
    target: Target,
    translated: super::ftr::Translated,
}

/// Import every `*.txt` of `dir` into `out` (created if missing); one
/// report per file, in file-name order. Existing files in `out` are
/// overwritten only with `force`.
pub fn import_dir(dir: &Path, out: &Path, force: bool) -> Result<Vec<FileReport>, ImportError> {
    let read_dir = |source| ImportError::ReadDir { path: dir.to_path_buf(), source };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(read_dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut reports = Vec::with_capacity(files.len());
    let mut candidates = Vec::new();
    for path in &files {
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut report = FileReport { file: path.display().to_string(), ..FileReport::default() };
        match read_config(path) {
            Err(note) => report.notes.push(note),
            Ok(text) => match Target::of(&file_name) {
                Err(note) => report.notes.push(note),
                Ok(target) => {
                    let (translated, mut r) = translate(&file_name, &text);
                    r.file = report.file.clone();
                    report = r;
                    if let Some(translated) = translated {
                        candidates.push(Candidate { index: reports.len(), file_name, target, translated });
                    }
                }
            },
        }
        reports.push(report);
    }
    let planned = plan(candidates, &mut reports, out);
    check_and_write(planned, &mut reports, out, force)?;
    Ok(reports)
}

/// A config's text; `Err` is the report's note.
fn read_config(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.len() > MAX_CONFIG_BYTES {
        return Err(format!("{} bytes, over the limit of {MAX_CONFIG_BYTES} for a site config: no rule written", meta.len()));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => Err(format!("not UTF-8 text (byte {}): no rule written", e.utf8_error().valid_up_to())),
    }
}

/// One rule to write: report index, path, text.
type Planned = (usize, PathBuf, String);

/// Give every host to one file, FTR's way, and render the rules.
fn plan(mut candidates: Vec<Candidate>, reports: &mut [FileReport], out: &Path) -> Vec<Planned> {
    // FTR's own file for a host first (the lower-case name without
    // `www.`), then the others by file name.
    candidates.sort_by(|a, b| (!a.target.canonical, &a.file_name).cmp(&(!b.target.canonical, &b.file_name)));
    let mut owner: HashMap<String, String> = HashMap::new();
    let mut names: HashSet<String> = HashSet::new();
    let mut planned = Vec::new();
    for c in candidates {
        let report = &mut reports[c.index];
        let mut hosts = Vec::new();
        for host in c.target.hosts() {
            match owner.get(&host) {
                Some(winner) => report.notes.push(format!(
                    "host `{host}` is left to {winner}: FTR strips `www.` and reads the file named as the lower-case host first"
                )),
                None => hosts.push(host),
            }
        }
        if hosts.is_empty() {
            report.notes.push("every host it names is another file's: no rule written".into());
            continue;
        }
        let name = c.target.rule_name();
        // Names are lower-case ASCII hosts, so unique names are unique on
        // a case-insensitive file system too; two files with one name
        // would have lost every host above.
        if !names.insert(name.clone()) {
            report.notes.push(format!("the rule name {name} is taken: no rule written"));
            continue;
        }
        match rule_text(&c.file_name, &name, &hosts, !c.target.wildcard, &c.translated, report) {
            Ok(text) => {
                for h in &hosts {
                    owner.insert(h.clone(), c.file_name.clone());
                }
                planned.push((c.index, out.join(format!("{name}.toml")), text));
            }
            Err(notes) => report.notes.extend(notes),
        }
    }
    planned.sort_by_key(|(index, _, _)| *index);
    planned
}

/// Refuse to overwrite (without `force`) or to leave a folder that does
/// not load; then write every planned rule.
fn check_and_write(planned: Vec<Planned>, reports: &mut [FileReport], out: &Path, force: bool) -> Result<(), ImportError> {
    let existing: Vec<PathBuf> = planned.iter().filter(|(_, p, _)| p.exists() || p.is_symlink()).map(|(_, p, _)| p.clone()).collect();
    if !existing.is_empty() && !force {
        return Err(ImportError::Exists { paths: existing });
    }
    // The folder as it will be: its other rules and the imported ones.
    let replaced: HashSet<&Path> = planned.iter().map(|(_, p, _)| p.as_path()).collect();
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    if out.is_dir() {
        match dir_sources(out) {
            Ok(s) => sources.extend(s.into_iter().filter(|s| !replaced.contains(Path::new(&s.file)))),
            Err(e) => errors.push(e),
        }
    }
    for (_, path, text) in &planned {
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        sources.push(Source { file: path.display().to_string(), name, text: text.clone(), dir: out.to_path_buf(), origin: Origin::User });
    }
    if let Err(mut e) = RuleSet::from_sources(vec![sources]) {
        errors.append(&mut e);
    }
    if !errors.is_empty() {
        return Err(ImportError::WouldNotLoad { dir: out.to_path_buf(), errors });
    }
    std::fs::create_dir_all(out).map_err(|source| ImportError::Write { path: out.to_path_buf(), source })?;
    for (index, path, text) in planned {
        write_replacing(&path, &text).map_err(|source| ImportError::Write { path: path.clone(), source })?;
        reports[index].written = Some(path);
    }
    Ok(())
}

/// Write `text` to `path` through a temporary file renamed over it: a
/// rule file replaced with `--force` that is a symbolic link is replaced
/// itself, never the file it points to, and no rule file is ever half written.
fn write_replacing(path: &Path, text: &str) -> std::io::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.pith-tmp-{}", std::process::id()));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
