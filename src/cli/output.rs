//! Where a batch's results go: a stream (stdout or `--output FILE`, see
//! `stream.rs`) of records or texts in input order, or `--output-dir`, one
//! file per input written atomically (a temp file renamed into place, so an
//! interrupted run never leaves a half-written output under a real name).
//! Counts every outcome in the [`Summary`], once it is written, and moves
//! the progress bar.
//!
//! Temp files are named `.pith-tmp-PID-NAME`: a run removes only those of
//! runs no longer alive, so two runs can share an output folder.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use indicatif::ProgressBar;
use pith::batch::pipeline::Sink;

use super::corpus::{Finish, Page};
use super::dedup;
use super::dedup::Seen;
use super::stream::RecordStream;
use super::summary::Summary;

/// Prefix of temp files (a hidden name readers skip), followed by the
/// writing process's id and `-`.
pub const TEMP_PREFIX: &str = ".pith-tmp-";
/// The summary's reason for an output that could not be written.
const NOT_WRITTEN: &str = "not written";

/// What became of one unit, ready to write.
#[derive(Debug)]
pub struct Outcome {
    pub source: String,
    pub out_stem: PathBuf,
    pub bytes_in: u64,
    pub kind: OutcomeKind,
}

#[derive(Debug)]
pub enum OutcomeKind {
    /// Extracted and rendered.
    Extracted { rendered: String, empty: bool },
    /// Extracted, waiting for `--dedup` at the sink.
    Pending(Box<Pending>),
    /// Extracted and left out by a corpus filter; `record` is what JSON
    /// formats write for it (none with `--drop-filtered`).
    Filtered { filter: &'static str, reason: String, record: Option<String> },
    /// Not extracted: `record` is the error record to write in JSON formats.
    Failed { reason: &'static str, message: String, record: Option<String> },
    /// A container record not meant for extraction.
    Skipped { reason: String },
    /// A file found in a directory and not read.
    SkippedFile { reason: String },
    /// Its output file exists (`--skip-existing`).
    Exists,
}

/// A page for `--dedup`: finished on the worker as if none of its
/// paragraphs had been seen, with the keys its blocks are checked by.
#[derive(Debug)]
pub struct Pending {
    pub page: Page,
    pub keys: Vec<Option<u64>>,
    pub finished: OutcomeKind,
}

impl Pending {
    /// `page` finished by `finish`, with its dedup keys (on a worker thread).
    pub fn new(page: Page, finish: &Finish) -> Self {
        let keys = dedup::keys(&page.doc);
        let finished = finish.finish(&page);
        Pending { page, keys, finished }
    }
}

/// Where output goes.
pub enum Target {
    /// One stream; `framed` puts a `==> source <==` line before each text.
    Stream { out: RecordStream, framed: bool, records: bool },
    /// One file per input under `root`, with extension `ext`.
    Dir { root: PathBuf, ext: &'static str },
}

/// The batch's sink: writes outcomes in input order and counts them.
pub struct Output {
    pub target: Target,
    pub summary: Summary,
    pub progress: Option<ProgressBar>,
    /// No notes on stderr for files passed over.
    pub quiet: bool,
    /// `--dedup`: the paragraphs written so far, and how a page is
    /// finished once its repeats are dropped.
    pub dedup: Option<(Box<Seen>, Finish)>,
    /// Say on stderr why a page was filtered out when no record says it
    /// (a run of one page, which prints no summary).
    pub note_filtered: bool,
}

/// The file an input's output goes to under `--output-dir`.
pub fn output_path(root: &Path, stem: &Path, ext: &str) -> PathBuf {
    let mut name = stem.as_os_str().to_owned();
    name.push(".");
    name.push(ext);
    root.join(name)
}

impl Output {
    fn write(&mut self, outcome: &Outcome) -> io::Result<()> {
        match (&mut self.target, &outcome.kind) {
            (Target::Stream { out, framed, .. }, OutcomeKind::Extracted { rendered, .. }) => {
                let bytes = if *framed { format!("==> {} <==\n{rendered}\n", outcome.source) } else { format!("{rendered}\n") };
                out.write_record(bytes.as_bytes())?;
                self.summary.bytes_out += bytes.len() as u64;
            }
            (Target::Stream { out, records: true, .. }, OutcomeKind::Failed { record: Some(record), .. } | OutcomeKind::Filtered { record: Some(record), .. }) => {
                let line = format!("{record}\n");
                out.write_record(line.as_bytes())?;
                self.summary.bytes_out += line.len() as u64;
            }
            (Target::Dir { root, ext }, OutcomeKind::Extracted { rendered, .. }) => {
                let path = output_path(root, &outcome.out_stem, ext);
                write_atomically(&path, rendered.as_bytes())
                    .map_err(|e| io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display())))?;
                self.summary.bytes_out += rendered.len() as u64;
            }
            _ => {}
        }
        Ok(())
    }

    /// Count an outcome whose output was written.
    fn count(&mut self, outcome: &Outcome) {
        self.summary.bytes_in += outcome.bytes_in;
        match &outcome.kind {
            OutcomeKind::Extracted { empty, .. } => {
                self.summary.extracted += 1;
                self.summary.empty += u64::from(*empty);
            }
            OutcomeKind::Failed { reason, message, record } => {
                *self.summary.failed.entry(reason).or_default() += 1;
                // Text, Markdown and --output-dir have no error record: say it on stderr.
                let in_record = matches!(&self.target, Target::Stream { records: true, .. }) && record.is_some();
                if !in_record {
                    self.message(&format!("pith extract: {message}"));
                }
            }
            OutcomeKind::Filtered { filter, reason, record } => {
                *self.summary.filtered.entry(filter).or_default() += 1;
                // A run of one page prints no summary: say why nothing came out.
                let in_record = matches!(&self.target, Target::Stream { records: true, .. }) && record.is_some();
                if self.note_filtered && !in_record {
                    self.message(&format!("pith extract: {} filtered out: {reason}", outcome.source));
                }
            }
            // Finished before it is written (`finish_pending`).
            OutcomeKind::Pending(_) => {}
            OutcomeKind::Skipped { reason } => self.summary.skip(reason),
            OutcomeKind::SkippedFile { reason } => {
                self.summary.skip_file(reason);
                if !self.quiet {
                    self.message(&format!("pith extract: skipped {}: {reason}", outcome.source));
                }
            }
            OutcomeKind::Exists => self.summary.existing += 1,
        }
    }

    /// A line on stderr that does not tear the progress bar.
    fn message(&self, line: &str) {
        match &self.progress {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    /// Write what is buffered and put `-o FILE` in place.
    pub fn finish(self) -> io::Result<()> {
        match self.target {
            Target::Stream { out, .. } => out.finish(),
            Target::Dir { .. } => Ok(()),
        }
    }
}

impl Output {
    /// A page waiting for `--dedup`: its paragraphs written earlier dropped,
    /// then filtered and rendered again (only when one was dropped); the
    /// paragraphs of a page written are remembered. In input order, so the
    /// same whatever `-j`.
    fn finish_pending(&mut self, outcome: &mut Outcome) {
        let (OutcomeKind::Pending(pending), Some((seen, finish))) = (&mut outcome.kind, &mut self.dedup) else { return };
        let Pending { page, keys, finished } = &mut **pending;
        let kind = if seen.any_seen(keys) {
            seen.drop_seen(&mut page.doc, keys);
            finish.finish(page)
        } else {
            std::mem::replace(finished, OutcomeKind::Exists)
        };
        if matches!(kind, OutcomeKind::Extracted { .. }) {
            seen.remember(keys);
        }
        outcome.kind = kind;
    }
}

impl Sink<Outcome> for Output {
    fn accept(&mut self, mut outcome: Outcome) -> io::Result<()> {
        self.finish_pending(&mut outcome);
        let written = self.write(&outcome);
        if written.is_ok() {
            self.count(&outcome);
        } else {
            // Never counted as extracted: its output is not there.
            *self.summary.failed.entry(NOT_WRITTEN).or_default() += 1;
        }
        if let Some(bar) = &self.progress
            && !matches!(outcome.kind, OutcomeKind::Skipped { .. } | OutcomeKind::SkippedFile { .. })
        {
            super::progress::advance(bar);
        }
        written
    }

    fn idle(&mut self) -> io::Result<()> {
        match &mut self.target {
            Target::Stream { out, .. } => out.flush(),
            Target::Dir { .. } => Ok(()),
        }
    }
}

/// Remove the temp files that runs no longer alive left under `root`
/// (names [`TEMP_PREFIX`]`PID-…`, with `name` after the pid when given;
/// a live run's are left alone); returns how many there were.
pub fn remove_dead_temps(root: &Path, name: Option<&str>) -> io::Result<usize> {
    let mut removed = 0;
    // Only the folder itself for one name; the whole tree for --output-dir.
    let depth = if name.is_some() { 1 } else { usize::MAX };
    for entry in walkdir::WalkDir::new(root).max_depth(depth).into_iter().filter_map(Result::ok) {
        let file_name = entry.file_name().to_string_lossy();
        let Some((pid, rest)) = file_name.strip_prefix(TEMP_PREFIX).and_then(|t| t.split_once('-')) else { continue };
        if !entry.file_type().is_file() || name.is_some_and(|n| n != rest) {
            continue;
        }
        // A name without a pid is from no run of today's pith: stale.
        if pid.parse::<u32>().is_ok_and(process_alive) {
            continue;
        }
        match fs::remove_file(entry.path()) {
            Ok(()) => removed += 1,
            // Gone meanwhile (another run cleaned it): fine.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(removed)
}

/// Whether process `pid` is running (on this host).
#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 sends nothing; it only asks whether `pid` exists.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Elsewhere no run's temp files are taken for dead ones.
#[cfg(not(unix))]
fn process_alive(_pid: u32) -> bool {
    true
}

/// This run's temp file for `name` in `dir`: [`TEMP_PREFIX`]`PID-NAME`,
/// the shape [`remove_dead_temps`] reads the pid back from.
pub fn temp_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{TEMP_PREFIX}{}-{name}", std::process::id()))
}

/// Write `bytes` to a temp file beside `path`, then rename it into place.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = temp_path(dir, &name);
    let written = fs::File::create(&temp).and_then(|mut f| f.write_all(bytes).and_then(|()| f.flush()));
    if let Err(e) = written.and_then(|()| fs::rename(&temp, path)) {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    Ok(())
}
