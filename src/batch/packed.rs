//! Compressed page files handed on as read, to be decompressed where they
//! are extracted ([`crate::batch::source::SourceOptions::defer_decompression`]):
//! the reading thread only reads bytes, the workers decompress them, so
//! one thread's decompression does not bound a parallel run. An unpacked
//! unit is what reading it decompressed would have given.

use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use super::compress::{self, Compression};
use super::source::{error_unit, Item, Unit, UnitError};
use crate::render::json::PassThrough;
use crate::InputFormat;

/// How a unit's content is still compressed (see
/// [`SourceOptions::defer_decompression`](super::source::SourceOptions::defer_decompression)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Packed {
    pub compression: Compression,
    /// The page's limit after decompression (`--max-bytes`).
    pub max_bytes: usize,
}

impl Unit {
    /// Decompress a packed unit's content in place, with the outcome the
    /// reading thread would have given it (the page, `too large` past the
    /// limit, `unreadable` for a corrupt stream); a unit not packed is
    /// left as it is.
    pub fn unpack(&mut self) {
        let Some(packed) = self.packed.take() else { return };
        let Ok(raw) = std::mem::replace(&mut self.content, Ok(Vec::new())) else { return };
        let hint = compress::decompressed_len_hint(&raw, packed.compression).map_or(0, |n| n.min(packed.max_bytes));
        let (content, bytes_in) = match compress::decompress_sized(io::Cursor::new(raw), packed.compression, hint) {
            Ok(reader) => page_content(&self.source, reader, packed.max_bytes, hint),
            Err(e) => (Err(UnitError::new("unreadable", format!("cannot read {}: {e}", self.source))), 0),
        };
        self.content = content;
        self.bytes_in = bytes_in;
    }

    /// What the unit's page will take in memory once unpacked, in bytes
    /// (its content's length when not packed): what the read-ahead window
    /// weighs it by. A packed page's decompressed length is read from its
    /// stream (gzip's trailer, zstd's frame header); where the stream does
    /// not say, the limit.
    pub fn expected_len(&self) -> usize {
        let Ok(bytes) = &self.content else { return 0 };
        match self.packed {
            None => bytes.len(),
            Some(p) => compress::decompressed_len_hint(bytes, p.compression).unwrap_or(p.max_bytes).clamp(bytes.len().min(p.max_bytes), p.max_bytes),
        }
    }
}

/// A page file's content read from `reader` (decompressed) up to `max`
/// bytes, into a buffer sized for `hint` bytes, and the bytes read.
pub(super) fn page_content(source: &str, reader: impl BufRead, max: usize, hint: usize) -> (Result<Vec<u8>, UnitError>, u64) {
    let content = match compress::read_limited_sized(reader, max, hint) {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(_)) => Err(UnitError::new("too large", format!("{source}: over the limit of {max} bytes (--max-bytes)"))),
        Err(e) => Err(UnitError::new("unreadable", format!("cannot read {source}: {e}"))),
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
    let mut bytes = Vec::with_capacity(file_len.min(max).saturating_add(1));
    let cap = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    let read = match (&mut raw).take(cap).read_to_end(&mut bytes) {
        Ok(n) => n,
        Err(e) => {
            let err = UnitError::new("unreadable", format!("cannot read {source}: {e}"));
            return Ok(error_unit(source.to_owned(), out_stem.to_path_buf(), err));
        }
    };
    if read > max {
        return Err((bytes, raw));
    }
    Ok(Item::Unit(Box::new(Unit {
        source: source.to_owned(),
        id: None,
        url: None,
        charset: None,
        format,
        extra: PassThrough::default(),
        warc: None,
        out_stem: out_stem.to_path_buf(),
        bytes_in: bytes.len() as u64,
        content: Ok(bytes),
        packed: Some(Packed { compression, max_bytes: max }),
    })))
}
