//! Page files handed on before they are read or decompressed, to be read
//! where they are extracted ([`crate::batch::source::SourceOptions::defer_reading`]):
//! the reading thread lists a regular page file and hands on its path, or
//! reads a compressed one's bytes, and the workers read and decompress
//! them, so one thread's reading and decompression do not bound a parallel
//! run. An unpacked unit is what the reading thread would have given it.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use super::compress::{self, Compression};
use super::source::{error_unit, Item, Unit, UnitError};
use crate::InputFormat;

/// What is left to do to a unit's content (see
/// [`SourceOptions::defer_reading`](super::source::SourceOptions::defer_reading)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// The content holds the page file's bytes, compressed so.
    Compressed(Compression),
    /// The content is empty: the page is the regular file at `path`, `len`
    /// bytes long when it was listed, not read yet.
    Unread { path: PathBuf, len: usize },
}

/// A unit's content still to be read or decompressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packed {
    pub pending: Pending,
    /// The page's limit after decompression (`--max-bytes`).
    pub max_bytes: usize,
}

impl Unit {
    /// Read or decompress a packed unit's content in place, with the
    /// outcome the reading thread would have given it (the page, `too
    /// large` past the limit, `unreadable` for a file that cannot be read
    /// or a corrupt stream); a unit not packed is left as it is.
    pub fn unpack(&mut self) {
        let Some(packed) = self.packed.take() else { return };
        let Ok(raw) = std::mem::replace(&mut self.content, Ok(Vec::new())) else { return };
        let (content, bytes_in) = match packed.pending {
            Pending::Compressed(compression) => decompressed(&self.source, raw, compression, packed.max_bytes),
            Pending::Unread { path, len } => read_page_file(&self.source, &path, len, packed.max_bytes),
        };
        self.content = content;
        self.bytes_in = bytes_in;
    }

    /// What the unit's page will take in memory once unpacked, in bytes
    /// (its content's length when not packed): what the read-ahead window
    /// weighs it by. A packed page's decompressed length is read from its
    /// stream (gzip's trailer, zstd's frame header); where the stream does
    /// not say, the limit. An unread file weighs its length (a page file
    /// compressed under a page's name, which is rare, weighs less than it
    /// will take).
    pub fn expected_len(&self) -> usize {
        let Ok(bytes) = &self.content else { return 0 };
        match &self.packed {
            None => bytes.len(),
            Some(Packed { pending: Pending::Unread { len, .. }, max_bytes }) => (*len).min(*max_bytes),
            Some(Packed { pending: Pending::Compressed(compression), max_bytes }) => {
                let max = *max_bytes;
                compress::decompressed_len_hint(bytes, *compression).unwrap_or(max).clamp(bytes.len().min(max), max)
            }
        }
    }
}

/// A compressed page file's whole `raw` bytes decompressed, up to `max` bytes.
fn decompressed(source: &str, raw: Vec<u8>, compression: Compression, max: usize) -> (Result<Vec<u8>, UnitError>, u64) {
    let hint = compress::decompressed_len_hint(&raw, compression).map_or(0, |n| n.min(max));
    match compress::decompress_sized(io::Cursor::new(raw), compression, hint) {
        Ok(reader) => page_content(source, reader, max, hint),
        Err(e) => (Err(unreadable(source, &e)), 0),
    }
}

/// The regular page file at `path` (`len` bytes when listed) read as the
/// reading thread reads one: decompressed when its first bytes say it is
/// compressed, up to `max` bytes. Read straight into a buffer of its
/// length: no read buffer to fill and copy from.
fn read_page_file(source: &str, path: &Path, len: usize, max: usize) -> (Result<Vec<u8>, UnitError>, u64) {
    let mut file = match open_regular(path) {
        Ok(file) => file,
        Err(e) => return (Err(unreadable(source, &e)), 0),
    };
    let bytes = match read_capped(&mut file, len, max) {
        Ok(bytes) => bytes,
        Err(e) => return (Err(unreadable(source, &e)), 0),
    };
    match Compression::from_magic(&bytes) {
        Compression::None if bytes.len() > max => (Err(too_large(source, max)), 0),
        Compression::None => {
            let read = bytes.len() as u64;
            (Ok(bytes), read)
        }
        compression if bytes.len() <= max => decompressed(source, bytes, compression, max),
        // Longer than the limit compressed: decompressed as a stream, the
        // bytes already read first.
        compression => {
            let chained = io::Cursor::new(bytes).chain(file);
            match compress::decompress_sized(BufReader::new(chained), compression, 0) {
                Ok(reader) => page_content(source, reader, max, 0),
                Err(e) => (Err(unreadable(source, &e)), 0),
            }
        }
    }
}

/// At most `max + 1` bytes of `reader` (one past the limit tells a file
/// longer than it), into a buffer made for a file of `len` bytes; the rest
/// is left in `reader`.
fn read_capped(reader: &mut impl Read, len: usize, max: usize) -> io::Result<Vec<u8>> {
    let cap = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    let mut bytes = Vec::with_capacity(len.min(max).saturating_add(1));
    reader.take(cap).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// `path` opened for reading when it is (still) a regular file; opened
/// without blocking, so that a FIFO put in its place since it was listed
/// fails here instead of holding a worker until a writer comes.
fn open_regular(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::other("no longer a regular file"));
    }
    Ok(file)
}

/// Why a page could not be read, as the reading thread says it.
fn unreadable(source: &str, e: &io::Error) -> UnitError {
    UnitError::new("unreadable", format!("cannot read {source}: {e}"))
}

/// Why a page longer than `max` bytes was not read.
fn too_large(source: &str, max: usize) -> UnitError {
    UnitError::new("too large", format!("{source}: over the limit of {max} bytes (--max-bytes)"))
}

/// A page file's content read from `reader` (decompressed) up to `max`
/// bytes, into a buffer sized for `hint` bytes, and the bytes read.
pub(super) fn page_content(source: &str, reader: impl BufRead, max: usize, hint: usize) -> (Result<Vec<u8>, UnitError>, u64) {
    let content = match compress::read_limited_sized(reader, max, hint) {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(_)) => Err(too_large(source, max)),
        Err(e) => Err(unreadable(source, &e)),
    };
    let bytes_in = content.as_ref().map_or(0, |b| b.len() as u64);
    (content, bytes_in)
}

/// An input file as read, before any decompression.
pub(super) type RawReader = BufReader<Box<dyn Read + Send>>;

/// A compressed page file of at most `max` bytes as a packed unit: its
/// bytes as they are, decompressed by [`Unit::unpack`]. `None` (and the
/// reader handed back) when the file turns out longer than `max`.
pub(super) fn packed_page(source: &str, out_stem: &Path, mut raw: RawReader, max: usize, compression: Compression, format: Option<InputFormat>, file_len: usize) -> Result<Item, (Vec<u8>, RawReader)> {
    let bytes = match read_capped(&mut raw, file_len, max) {
        Ok(bytes) => bytes,
        Err(e) => return Ok(error_unit(source.to_owned(), out_stem.to_path_buf(), unreadable(source, &e))),
    };
    if bytes.len() > max {
        return Err((bytes, raw));
    }
    let bytes_in = bytes.len() as u64;
    let packed = Packed { pending: Pending::Compressed(compression), max_bytes: max };
    Ok(Unit::page_file(source.to_owned(), out_stem.to_path_buf(), format, Ok(bytes), bytes_in, Some(packed)))
}

/// A regular page file of `len` bytes as a unit still to be read, by
/// [`Unit::unpack`] where it is extracted.
pub(super) fn unread_page(source: String, out_stem: PathBuf, path: PathBuf, len: usize, max: usize, format: Option<InputFormat>) -> Item {
    let packed = Packed { pending: Pending::Unread { path, len }, max_bytes: max };
    Unit::page_file(source, out_stem, format, Ok(Vec::new()), 0, Some(packed))
}
