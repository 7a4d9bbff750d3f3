//! Input paths: the files named on the command line, the files under the
//! directories named there (recursively, in name order, hidden ones skipped
//! unless asked, filtered by `--glob`), and `-` for stdin.
//!
//! Listing is lazy (one directory read at a time). This module does not
//! open files; it says where they are and how they sit under their root.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use thiserror::Error;

/// Which files under a directory are inputs.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Glob patterns on the path under the directory (`*.html`, `2024/**`);
    /// a pattern starting with `!` excludes. None: every file.
    pub globs: Vec<String>,
    /// Also read hidden files and directories (names starting with `.`).
    pub hidden: bool,
}

/// One input path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputPath {
    Stdin,
    File {
        path: PathBuf,
        /// The path under the directory it was found in (its file name when
        /// named directly): where its output goes under `--output-dir`.
        rel: PathBuf,
    },
}

/// A path that cannot be listed.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[error("{path}: {reason}")]
pub struct WalkError {
    pub path: String,
    pub reason: String,
}

/// A `--glob` pattern that does not parse.
#[derive(Debug, Error)]
#[error("bad --glob pattern {pattern:?}: {reason}")]
pub struct GlobError {
    pub pattern: String,
    pub reason: String,
}

/// Compiled `--glob` filters.
#[derive(Debug, Clone)]
struct Filter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
    hidden: bool,
}

impl Filter {
    fn new(options: &WalkOptions) -> Result<Filter, GlobError> {
        let (mut inc, mut exc) = (GlobSetBuilder::new(), GlobSetBuilder::new());
        let (mut any_inc, mut any_exc) = (false, false);
        for pattern in &options.globs {
            let (negated, body) = match pattern.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, pattern.as_str()),
            };
            let glob = Glob::new(body).map_err(|e| GlobError { pattern: pattern.clone(), reason: e.kind().to_string() })?;
            if negated {
                exc.add(glob);
                any_exc = true;
            } else {
                inc.add(glob);
                any_inc = true;
            }
        }
        let build = |b: GlobSetBuilder, any: bool, pattern: &str| -> Result<Option<GlobSet>, GlobError> {
            if !any {
                return Ok(None);
            }
            b.build().map(Some).map_err(|e| GlobError { pattern: pattern.to_owned(), reason: e.to_string() })
        };
        let all = options.globs.join(" ");
        Ok(Filter { include: build(inc, any_inc, &all)?, exclude: build(exc, any_exc, &all)?, hidden: options.hidden })
    }

    fn wants(&self, rel: &Path) -> bool {
        self.include.as_ref().is_none_or(|g| g.is_match(rel)) && !self.exclude.as_ref().is_some_and(|g| g.is_match(rel))
    }
}

/// The inputs named by `args`, in order; directories expand in place.
pub fn walk(args: &[PathBuf], options: &WalkOptions) -> Result<impl Iterator<Item = Result<InputPath, WalkError>> + Send + use<>, GlobError> {
    let filter = Filter::new(options)?;
    // Owned, so that the listing outlives `args` (it runs on the reader thread).
    let args: Vec<PathBuf> = args.to_owned();
    Ok(args.into_iter().flat_map(move |arg| expand(arg, filter.clone())))
}

/// One command-line argument as inputs.
fn expand(arg: PathBuf, filter: Filter) -> Box<dyn Iterator<Item = Result<InputPath, WalkError>> + Send> {
    if arg.as_os_str() == "-" {
        return Box::new(std::iter::once(Ok(InputPath::Stdin)));
    }
    if !arg.is_dir() {
        // A named file is read whatever its name; a missing one is an error
        // when it is opened.
        let rel = arg.file_name().map_or_else(|| PathBuf::from("input"), PathBuf::from);
        return Box::new(std::iter::once(Ok(InputPath::File { path: arg, rel })));
    }
    let hidden = filter.hidden;
    let root = arg.clone();
    let entries = walkdir::WalkDir::new(&arg)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |e| hidden || e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    Box::new(entries.filter_map(move |entry| match entry {
        Ok(e) if e.file_type().is_dir() => None,
        Ok(e) => {
            let rel = e.path().strip_prefix(&root).map(Path::to_path_buf).unwrap_or_else(|_| e.path().to_path_buf());
            filter.wants(&rel).then(|| Ok(InputPath::File { path: e.into_path(), rel }))
        }
        Err(e) => {
            let path = e.path().unwrap_or(&root).display().to_string();
            let reason = match e.loop_ancestor() {
                Some(a) => format!("symbolic link loop back to {}", a.display()),
                None => e.io_error().map_or_else(|| e.to_string(), ToString::to_string),
            };
            Some(Err(WalkError { path, reason }))
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn tree() -> PathBuf {
        let root = std::env::temp_dir().join(format!("pith-walk-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        for f in ["b/2.html", "b/1.txt", "a.html", ".hidden/x.html", "b/.h.html", "c/d/e.html.gz"] {
            let p = root.join(f);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, "x").unwrap();
        }
        root
    }

    fn rels(args: &[PathBuf], options: &WalkOptions) -> Vec<String> {
        walk(args, options)
            .unwrap()
            .map(|r| match r.unwrap() {
                InputPath::File { rel, .. } => rel.display().to_string(),
                InputPath::Stdin => "-".to_owned(),
            })
            .collect()
    }

    #[test]
    fn directories_expand_in_name_order_without_hidden() {
        let root = tree();
        let got = rels(&[root.join("a.html"), PathBuf::from("-"), root.clone()], &WalkOptions::default());
        assert_eq!(got, ["a.html", "-", "a.html", "b/1.txt", "b/2.html", "c/d/e.html.gz"]);
        let all = rels(std::slice::from_ref(&root), &WalkOptions { hidden: true, ..Default::default() });
        assert_eq!(all.len(), 6, "{all:?}");
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn globs_include_and_exclude() {
        let root = tree();
        let html = WalkOptions { globs: vec!["*.html".into(), "*.html.gz".into(), "!b/**".into()], hidden: false };
        assert_eq!(rels(std::slice::from_ref(&root), &html), ["a.html", "c/d/e.html.gz"]);
        assert!(walk(&[], &WalkOptions { globs: vec!["a[".into()], hidden: false }).is_err());
        let _ = fs::remove_dir_all(root);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_is_an_error_item() {
        let root = std::env::temp_dir().join(format!("pith-walk-loop-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("d")).unwrap();
        fs::write(root.join("d/p.html"), "x").unwrap();
        std::os::unix::fs::symlink(&root, root.join("d/loop")).unwrap();
        let items: Vec<_> = walk(std::slice::from_ref(&root), &WalkOptions::default()).unwrap().collect();
        assert!(items.iter().any(|i| matches!(i, Err(e) if e.reason.contains("loop"))), "{items:?}");
        assert!(items.iter().any(|i| matches!(i, Ok(InputPath::File { rel, .. }) if rel == Path::new("d/p.html"))));
        let _ = fs::remove_dir_all(root);
    }
}
