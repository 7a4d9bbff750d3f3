//! Where a batch's results go: a stream (stdout or `--output FILE`) of
//! records or texts in input order, or `--output-dir`, one file per input
//! written atomically (a temp file renamed into place, so an interrupted run
//! never leaves a half-written output under a real name). Counts every
//! outcome in the [`Summary`] and moves the progress bar.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use indicatif::ProgressBar;
use pith::batch::pipeline::Sink;

use super::summary::Summary;

/// Prefix of temp files in `--output-dir` (a hidden name readers skip).
pub const TEMP_PREFIX: &str = ".pith-tmp-";

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
    /// Not extracted: `record` is the error record to write in JSON formats.
    Failed { reason: &'static str, message: String, record: Option<String> },
    /// A container record not meant for extraction.
    Skipped { reason: String },
    /// Its output file exists (`--skip-existing`).
    Exists,
}

/// Where output goes.
pub enum Target {
    /// One stream; `framed` puts a `==> source <==` line before each text.
    Stream { out: Box<dyn Write + Send>, name: String, framed: bool, records: bool },
    /// One file per input under `root`, with extension `ext`.
    Dir { root: PathBuf, ext: &'static str },
}

/// The batch's sink: writes outcomes in input order and counts them.
pub struct Output {
    pub target: Target,
    pub summary: Summary,
    pub progress: Option<ProgressBar>,
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
            (Target::Stream { out, name, framed, .. }, OutcomeKind::Extracted { rendered, .. }) => {
                let bytes = if *framed { format!("==> {} <==\n{rendered}\n", outcome.source) } else { format!("{rendered}\n") };
                out.write_all(bytes.as_bytes()).map_err(|e| cannot_write(name, e))?;
                self.summary.bytes_out += bytes.len() as u64;
            }
            (Target::Stream { out, name, records: true, .. }, OutcomeKind::Failed { record: Some(record), .. }) => {
                let line = format!("{record}\n");
                out.write_all(line.as_bytes()).map_err(|e| cannot_write(name, e))?;
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
            OutcomeKind::Skipped { reason } => self.summary.skip(reason),
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
}

impl Sink<Outcome> for Output {
    fn accept(&mut self, outcome: Outcome) -> io::Result<()> {
        self.count(&outcome);
        if let Some(bar) = &self.progress
            && !matches!(outcome.kind, OutcomeKind::Skipped { .. })
        {
            bar.inc(1);
        }
        self.write(&outcome)
    }

    fn idle(&mut self) -> io::Result<()> {
        match &mut self.target {
            Target::Stream { out, name, .. } => out.flush().map_err(|e| cannot_write(name, e)),
            Target::Dir { .. } => Ok(()),
        }
    }
}

/// A write error naming the output (a broken pipe stays recognisable).
fn cannot_write(name: &str, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("cannot write {name}: {e}"))
}

/// Remove the temp files a killed run left under `root` (names starting
/// with [`TEMP_PREFIX`]); returns how many there were.
pub fn remove_stale_temps(root: &Path) -> io::Result<usize> {
    let mut removed = 0;
    for entry in walkdir::WalkDir::new(root).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_file() && entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Write `bytes` to a temp file beside `path`, then rename it into place.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dir.join(format!("{TEMP_PREFIX}{}-{name}", std::process::id()));
    let written = fs::File::create(&temp).and_then(|mut f| f.write_all(bytes).and_then(|()| f.flush()));
    if let Err(e) = written.and_then(|()| fs::rename(&temp, path)) {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    Ok(())
}
