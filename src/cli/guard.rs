//! Outputs never overwrite inputs: checks made before a run writes
//! anything, and the list of its outputs that the walk must pass over.
//!
//! Refused (exit 2, nothing written): an `-o FILE`, or standard output
//! redirected to a file, that is the same file (device and inode, so hard
//! and symbolic links count) as an input named on the command line or as
//! standard input read with `-`; an `--output-dir` that is an input
//! directory or holds an input (its outputs could replace the inputs).
//! Passed over while walking (and said so): the run's output file, its temp
//! file and its output folder when they lie inside an input directory.

use std::fs;
use std::path::{Path, PathBuf};

use pith::batch::walk::{Excluded, FileId};

/// The reason a walked file or folder is passed over.
pub const OWN_OUTPUT: &str = "this run's output";

/// What a run writes to.
pub struct Outputs<'a> {
    pub file: Option<&'a Path>,
    pub dir: Option<&'a Path>,
}

/// `Err(message)` when an output would be written over an input.
pub fn check(inputs: &[PathBuf], outputs: &Outputs) -> Result<(), String> {
    let named = || inputs.iter().filter(|p| p.as_os_str() != "-");
    let stdin_read = inputs.iter().any(|p| p.as_os_str() == "-");
    let same_as_input = |id: FileId| -> Option<String> {
        if stdin_read && stdio_id(Stdio::In) == Some(id) {
            return Some("standard input".to_owned());
        }
        named().find(|p| FileId::of_path(p) == Some(id)).map(|p| p.display().to_string())
    };
    if let Some(file) = outputs.file {
        if let Some(input) = FileId::of_path(file).and_then(same_as_input) {
            return Err(format!("refusing to write {}: it is the input {input} (the same file); nothing was written", file.display()));
        }
    } else if outputs.dir.is_none()
        && let Some(id) = stdio_file_id(Stdio::Out)
        && let Some(input) = same_as_input(id)
    {
        return Err(format!("refusing to write standard output: it is the input {input} (the same file); nothing was written"));
    }
    if let Some(dir) = outputs.dir
        && let Ok(root) = fs::canonicalize(dir)
    {
        for input in named() {
            let Ok(path) = fs::canonicalize(input) else { continue };
            if path.starts_with(&root) {
                let what = if input.is_dir() { "input directory" } else { "input" };
                let place = if path == root { "is" } else { "is inside" };
                return Err(format!(
                    "refusing --output-dir {}: the {what} {} {place} it, so outputs could overwrite inputs; nothing was written",
                    dir.display(),
                    input.display()
                ));
            }
        }
    }
    Ok(())
}

/// The outputs (once created) as the walk's exclusions: `files` are the
/// output file, its temp file or a redirected standard output; `dir` the
/// output folder.
pub fn exclusions(files: &[Option<FileId>], dir: Option<&Path>) -> Vec<Excluded> {
    let mut out: Vec<Excluded> = files.iter().flatten().map(|&id| Excluded { id, path: None, reason: OWN_OUTPUT }).collect();
    if let Some(dir) = dir
        && let (Some(id), Ok(path)) = (FileId::of_path(dir), fs::canonicalize(dir))
    {
        out.push(Excluded { id, path: Some(path), reason: OWN_OUTPUT });
    }
    out
}

/// Standard output's identity when it is redirected to a regular file.
pub fn stdout_file_id() -> Option<FileId> {
    stdio_file_id(Stdio::Out)
}

#[derive(Clone, Copy)]
enum Stdio {
    In,
    Out,
}

/// The identity of standard input or output.
#[cfg(unix)]
fn stdio_meta(which: Stdio) -> Option<fs::Metadata> {
    use std::os::fd::AsFd;
    let fd = match which {
        Stdio::In => std::io::stdin().as_fd().try_clone_to_owned(),
        Stdio::Out => std::io::stdout().as_fd().try_clone_to_owned(),
    };
    fs::File::from(fd.ok()?).metadata().ok()
}

#[cfg(not(unix))]
fn stdio_meta(_which: Stdio) -> Option<fs::Metadata> {
    None
}

fn stdio_id(which: Stdio) -> Option<FileId> {
    stdio_meta(which).as_ref().and_then(FileId::of)
}

/// Standard input or output's identity when it is a regular file.
fn stdio_file_id(which: Stdio) -> Option<FileId> {
    stdio_meta(which).filter(fs::Metadata::is_file).as_ref().and_then(FileId::of)
}
