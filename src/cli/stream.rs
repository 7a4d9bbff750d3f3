//! The stream a batch writes to (stdout or `-o FILE`), one whole record or
//! text at a time.
//!
//! Records are gathered in a buffer of whole records and written in large
//! writes. A regular `-o FILE` is written as a temp file beside it
//! (`.pith-tmp-PID-FILE`) renamed over FILE when the run ends, so FILE never
//! holds a torn record: a run killed with SIGKILL leaves FILE as it was
//! (the next run removes the dead run's temp file); an error mid-run (a
//! full disk) cuts the temp file back to its last whole record before it is
//! renamed. Devices and FIFOs (`-o /dev/stdout`) are written directly.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use pith::batch::walk::FileId;

use super::output::{remove_dead_temps, temp_path};

/// Whole records gathered before one write: large writes, little memory.
const FLUSH_BYTES: usize = 256 * 1024;

/// Where the stream's bytes go.
enum Out {
    Stdout(io::Stdout),
    /// A file written directly (a device or FIFO).
    Direct(File),
    /// A temp file renamed to `dest` by [`RecordStream::finish`].
    Temp { file: File, temp: PathBuf, dest: PathBuf },
}

/// A stream of whole records.
pub struct RecordStream {
    out: Out,
    /// Whole records not yet written.
    pending: Vec<u8>,
    /// Bytes of whole records in the file so far.
    written: u64,
    /// The output's name in messages (`standard output` or the path).
    pub name: String,
}

impl RecordStream {
    /// Standard output.
    pub fn stdout() -> RecordStream {
        RecordStream::new(Out::Stdout(io::stdout()), "standard output".to_owned())
    }

    /// `-o path`: a temp file beside a regular (or new) file, the file
    /// itself for a device or FIFO.
    pub fn create(path: &Path) -> io::Result<RecordStream> {
        let name = path.display().to_string();
        let existing = fs::metadata(path).ok();
        if let Some(m) = &existing
            && !m.is_file()
        {
            let file = fs::OpenOptions::new().write(true).open(path)?;
            return Ok(RecordStream::new(Out::Direct(file), name));
        }
        // Through a symbolic link to the file it names, which is replaced.
        let dest = if existing.is_some() { fs::canonicalize(path)? } else { path.to_path_buf() };
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let file_name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        remove_dead_temps(&dir, Some(&file_name))?;
        let temp = temp_path(&dir, &file_name);
        let file = File::create(&temp).map_err(|e| io::Error::new(e.kind(), format!("{e} (writing its temp file {})", temp.display())))?;
        if let Some(m) = &existing {
            // The file keeps its mode when the temp file replaces it.
            let _ = fs::set_permissions(&temp, m.permissions());
        }
        Ok(RecordStream::new(Out::Temp { file, temp, dest }, name))
    }

    fn new(out: Out, name: String) -> RecordStream {
        RecordStream { out, pending: Vec::new(), written: 0, name }
    }

    /// The identity of the file written (a temp file until the end).
    pub fn file_id(&self) -> Option<FileId> {
        match &self.out {
            Out::Stdout(_) => None,
            Out::Direct(f) | Out::Temp { file: f, .. } => f.metadata().ok().as_ref().and_then(FileId::of),
        }
    }

    /// One whole record or text, ending with its newline.
    pub fn write_record(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.pending.extend_from_slice(bytes);
        if self.pending.len() >= FLUSH_BYTES { self.flush() } else { Ok(()) }
    }

    /// Write the records gathered. On an error the file is cut back to its
    /// last whole record (a torn one is never left) and the error returned.
    pub fn flush(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let result = match &mut self.out {
            Out::Stdout(s) => s.write_all(&self.pending).and_then(|()| s.flush()),
            Out::Direct(f) | Out::Temp { file: f, .. } => f.write_all(&self.pending),
        };
        match result {
            Ok(()) => self.written += self.pending.len() as u64,
            Err(_) => {
                if let Out::Temp { file, .. } = &self.out {
                    let _ = file.set_len(self.written);
                }
            }
        }
        self.pending.clear();
        result.map_err(|e| io::Error::new(e.kind(), format!("cannot write {}: {e}", self.name)))
    }

    /// Write what is left and put the file in place (rename the temp file
    /// over FILE). The records written before an error are kept.
    pub fn finish(mut self) -> io::Result<()> {
        let flushed = self.flush();
        if let Out::Temp { temp, dest, .. } = &self.out
            && let Err(e) = fs::rename(temp, dest)
        {
            // The temp file is left: it holds the output.
            return Err(io::Error::new(e.kind(), format!("cannot rename {} to {}: {e}", temp.display(), dest.display())));
        }
        flushed
    }
}
