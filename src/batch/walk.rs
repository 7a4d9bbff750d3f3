//! Input paths: the files named on the command line, the files under the
//! directories named there (recursively, in name order, hidden ones skipped
//! unless asked, filtered by `--glob`), and `-` for stdin.
//!
//! While walking a directory only regular files are inputs: a FIFO, socket
//! or device found there is passed over (reading one could block forever),
//! and so is a symbolic link that leads outside the directory named on the
//! command line, unless [`WalkOptions::follow`] (`-L`) says to follow every
//! link. Files and directories the caller marks as excluded (the run's own
//! output) are passed over too, by device and inode, so no name or link
//! reaches them. Each file passed over comes out as [`InputPath::Skipped`]
//! with the reason, never silently. A file named on the command line is read
//! whatever it is (a FIFO like `cat` reads it).
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
    /// Follow every symbolic link (`-L`); by default a link is followed
    /// only when it leads to a place inside the directory being walked.
    pub follow: bool,
    /// Files and directories never read (nor descended into) while walking.
    pub exclude: Vec<Excluded>,
}

/// A file or directory the walk passes over: the run's own output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excluded {
    pub id: FileId,
    /// A folder's canonical path: a followed link to a place below it is
    /// passed over too.
    pub path: Option<PathBuf>,
    /// Why, for the message (`this run's output`).
    pub reason: &'static str,
}

/// A file's identity: device and inode number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileId {
    pub dev: u64,
    pub ino: u64,
}

impl FileId {
    /// The identity of what `metadata` describes (`None` off Unix).
    pub fn of(metadata: &std::fs::Metadata) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(FileId { dev: metadata.dev(), ino: metadata.ino() })
        }
        #[cfg(not(unix))]
        {
            let _ = metadata;
            None
        }
    }

    /// The identity of the file at `path`, links followed.
    pub fn of_path(path: &Path) -> Option<FileId> {
        std::fs::metadata(path).ok().as_ref().and_then(FileId::of)
    }
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
    /// Found while walking but not read, with the reason.
    Skipped { path: PathBuf, reason: String },
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
    let (follow, exclude) = (options.follow, options.exclude.clone());
    Ok(args.into_iter().flat_map(move |arg| expand(arg, filter.clone(), follow, exclude.clone())))
}

/// One command-line argument as inputs.
fn expand(arg: PathBuf, filter: Filter, follow: bool, exclude: Vec<Excluded>) -> Box<dyn Iterator<Item = Result<InputPath, WalkError>> + Send> {
    if arg.as_os_str() == "-" {
        return Box::new(std::iter::once(Ok(InputPath::Stdin)));
    }
    if !arg.is_dir() {
        // A named file is read whatever its name and kind; a missing one is
        // an error when it is opened.
        let rel = arg.file_name().map_or_else(|| PathBuf::from("input"), PathBuf::from);
        return Box::new(std::iter::once(Ok(InputPath::File { path: arg, rel })));
    }
    let hidden = filter.hidden;
    let entries = walkdir::WalkDir::new(&arg)
        // Links are followed so that their targets' kinds are known and
        // loops are caught; [`Walk`] passes over those leading outside.
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |e| hidden || e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    let tree = if follow { None } else { std::fs::canonicalize(&arg).ok() };
    Box::new(Walk { entries, root: arg, tree, filter, exclude })
}

/// The walk of one directory named on the command line.
struct Walk<I> {
    entries: I,
    root: PathBuf,
    /// The canonical root, when links leading outside it are not followed.
    tree: Option<PathBuf>,
    filter: Filter,
    exclude: Vec<Excluded>,
}

impl<P: FnMut(&walkdir::DirEntry) -> bool> Iterator for Walk<walkdir::FilterEntry<walkdir::IntoIter, P>> {
    type Item = Result<InputPath, WalkError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let entry = match self.entries.next()? {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().unwrap_or(&self.root).display().to_string();
                    let reason = match e.loop_ancestor() {
                        Some(a) => format!("symbolic link loop back to {}", a.display()),
                        None => e.io_error().map_or_else(|| e.to_string(), ToString::to_string),
                    };
                    return Some(Err(WalkError { path, reason }));
                }
            };
            let is_dir = entry.file_type().is_dir();
            if entry.depth() > 0
                && let Some(reason) = self.passed_over(&entry)
            {
                if is_dir {
                    self.entries.skip_current_dir();
                }
                return Some(Ok(InputPath::Skipped { path: entry.into_path(), reason }));
            }
            if is_dir {
                continue;
            }
            let rel = entry.path().strip_prefix(&self.root).map(Path::to_path_buf).unwrap_or_else(|_| entry.path().to_path_buf());
            if !self.filter.wants(&rel) {
                continue;
            }
            if !entry.file_type().is_file() {
                let reason = format!("not a regular file ({})", kind_name(entry.file_type()));
                return Some(Ok(InputPath::Skipped { path: entry.into_path(), reason }));
            }
            return Some(Ok(InputPath::File { path: entry.into_path(), rel }));
        }
    }
}

impl<I> Walk<I> {
    /// Why `entry` (a file or a directory) is not walked, if it is not.
    fn passed_over(&self, entry: &walkdir::DirEntry) -> Option<String> {
        // Resolved only for links, where a path says nothing of the target.
        let target = entry.path_is_symlink().then(|| std::fs::canonicalize(entry.path()).ok()).flatten();
        if let Some(tree) = &self.tree
            && entry.path_is_symlink()
            && !target.as_ref().is_some_and(|t| t.starts_with(tree))
        {
            return Some("symbolic link leading outside the input directory (-L follows it)".to_owned());
        }
        if self.exclude.is_empty() {
            return None;
        }
        let id = entry.metadata().ok().as_ref().and_then(FileId::of);
        self.exclude
            .iter()
            .find(|x| id == Some(x.id) || x.path.as_ref().zip(target.as_ref()).is_some_and(|(below, t)| t.starts_with(below)))
            .map(|x| x.reason.to_owned())
    }
}

/// What a non-regular file is, for the message.
fn kind_name(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "FIFO";
        } else if t.is_socket() {
            return "socket";
        } else if t.is_block_device() || t.is_char_device() {
            return "device";
        }
    }
    let _ = t;
    "special file"
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
                InputPath::Skipped { path, reason } => format!("skipped {}: {reason}", path.display()),
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
        let html = WalkOptions { globs: vec!["*.html".into(), "*.html.gz".into(), "!b/**".into()], hidden: false, ..Default::default() };
        assert_eq!(rels(std::slice::from_ref(&root), &html), ["a.html", "c/d/e.html.gz"]);
        assert!(walk(&[], &WalkOptions { globs: vec!["a[".into()], hidden: false, ..Default::default() }).is_err());
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

    #[cfg(unix)]
    #[test]
    fn fifos_links_outside_and_excluded_files_are_passed_over() {
        let base = std::env::temp_dir().join(format!("pith-walk-odd-{}", std::process::id()));
        let _ = fs::remove_dir_all(&base);
        let (root, outside) = (base.join("in"), base.join("outside"));
        fs::create_dir_all(root.join("sub")).unwrap();
        fs::create_dir_all(&outside).unwrap();
        fs::write(root.join("a.html"), "x").unwrap();
        fs::write(root.join("sub/out.jsonl"), "x").unwrap();
        fs::write(outside.join("secret.html"), "x").unwrap();
        std::os::unix::fs::symlink(outside.join("secret.html"), root.join("l-file.html")).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("l-dir")).unwrap();
        std::os::unix::fs::symlink(root.join("a.html"), root.join("l-inside.html")).unwrap();
        let made = std::process::Command::new("mkfifo").arg(root.join("pipe")).status().is_ok_and(|s| s.success());
        let out = root.join("sub/out.jsonl");
        let exclude = vec![Excluded { id: FileId::of_path(&out).unwrap(), path: None, reason: "this run's output" }];
        let got = rels(std::slice::from_ref(&root), &WalkOptions { exclude, ..Default::default() });
        let skipped = |name: &str, why: &str| got.iter().any(|g| g.starts_with("skipped ") && g.contains(name) && g.contains(why));
        assert!(got.contains(&"a.html".to_owned()) && got.contains(&"l-inside.html".to_owned()), "{got:?}");
        assert!(skipped("l-file.html", "outside") && skipped("l-dir", "outside"), "{got:?}");
        assert!(skipped("out.jsonl", "this run's output"), "{got:?}");
        assert!(!made || skipped("pipe", "not a regular file (FIFO)"), "{got:?}");
        assert!(!got.iter().any(|g| g.contains("secret") && !g.starts_with("skipped")), "{got:?}");
        let followed = rels(std::slice::from_ref(&root), &WalkOptions { follow: true, ..Default::default() });
        assert!(followed.contains(&"l-file.html".to_owned()) && followed.contains(&"l-dir/secret.html".to_owned()), "{followed:?}");
        let _ = fs::remove_dir_all(base);
    }
}
