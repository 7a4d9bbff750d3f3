//! Compressed inputs: `.gz` and `.zst` files (and stdin starting with their
//! magic bytes) are decompressed as a stream, never inflated whole in memory.
//!
//! This module only wraps readers and reads bounded amounts; it does not
//! decide what the decompressed bytes are (see `source`).

mod gzip;

use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

use super::fill::fill_buf_retrying;

pub use self::gzip::{GzipMembers, Members};

/// Buffer size of the decompressing readers.
const BUFFER_BYTES: usize = 256 * 1024;
/// Smallest buffer [`decompress_sized`] makes.
const MIN_BUFFER_BYTES: usize = 8 * 1024;

/// The magic number of a zstd frame, little-endian 0xFD2FB528.
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];
/// The last three bytes of a zstd skippable frame's magic number
/// (0x184D2A50..=0x184D2A5F, little-endian); the first is `0x5?`.
const ZSTD_SKIPPABLE_TAIL: [u8; 3] = [0x2a, 0x4d, 0x18];

/// Whether `head` starts with a zstd skippable frame's magic number.
fn is_zstd_skippable(head: &[u8]) -> bool {
    matches!(head, [first, rest @ ..] if first & 0xf0 == 0x50 && rest.starts_with(&ZSTD_SKIPPABLE_TAIL))
}

/// How an input is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    /// gzip, including multi-member files (Common Crawl's `.warc.gz`).
    Gzip,
    /// Zstandard, including multi-frame files.
    Zstd,
}

impl Compression {
    /// From the file name's last extension (`.gz`, `.zst`, `.zstd`).
    pub fn from_path(path: &Path) -> Compression {
        match extension(path).as_deref() {
            Some("gz" | "gzip") => Compression::Gzip,
            Some("zst" | "zstd") => Compression::Zstd,
            _ => Compression::None,
        }
    }

    /// From the stream's first bytes (gzip `1f 8b`; zstd `28 b5 2f fd`, or
    /// a zstd skippable frame `5? 2a 4d 18`, which `pzstd` writes first).
    pub fn from_magic(head: &[u8]) -> Compression {
        if head.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if head.starts_with(&ZSTD_MAGIC) || is_zstd_skippable(head) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }
}

/// The lowercased last extension of `path`.
pub fn extension(path: &Path) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// `path` without a compression extension (`a.warc.gz` → `a.warc`).
pub fn strip_compression(path: &Path) -> PathBuf {
    match Compression::from_path(path) {
        Compression::None => path.to_path_buf(),
        _ => path.with_extension(""),
    }
}

/// Wrap `reader` in a streaming decompressor for `compression`. gzip is
/// read member by member, skipping zero padding between members as gzip(1)
/// does; zstd frame by frame, skippable frames (`pzstd`'s) skipped.
pub fn decompress<'a, R: BufRead + Send + 'a>(reader: R, compression: Compression) -> io::Result<Box<dyn BufRead + Send + 'a>> {
    decompress_tracked(reader, compression).map(|(reader, _)| reader)
}

/// [`decompress`] of a stream about `expected` bytes long once
/// decompressed (0: unknown), with a gzip buffer of that size (8 KiB to
/// 256 KiB, the size [`decompress`] always makes): the buffer is zeroed
/// when made, which for a page of a few kilobytes cost more than its
/// inflating.
pub fn decompress_sized<'a, R: BufRead + Send + 'a>(reader: R, compression: Compression, expected: usize) -> io::Result<Box<dyn BufRead + Send + 'a>> {
    match compression {
        Compression::Gzip if expected > 0 => {
            Ok(Box::new(GzipMembers::new(reader, expected.saturating_add(1).clamp(MIN_BUFFER_BYTES, BUFFER_BYTES))))
        }
        _ => decompress(reader, compression),
    }
}

/// [`decompress`], and for gzip where its members start ([`Members`]).
pub fn decompress_tracked<'a, R: BufRead + Send + 'a>(reader: R, compression: Compression) -> io::Result<(Box<dyn BufRead + Send + 'a>, Option<Members>)> {
    Ok(match compression {
        Compression::None => (Box::new(reader), None),
        Compression::Gzip => {
            let gzip = GzipMembers::new(reader, BUFFER_BYTES);
            let members = gzip.members();
            (Box::new(gzip), Some(members))
        }
        Compression::Zstd => (Box::new(BufReader::with_capacity(BUFFER_BYTES, zstd::stream::read::Decoder::with_buffer(reader)?)), None),
    })
}

/// The decompressed length a whole compressed file announces: gzip's last
/// member's trailer (its length modulo 2^32: exact for a one-member file
/// under 4 GiB), zstd's first frame header when it holds the content size.
/// A hint for buffers and weights, never trusted as a limit.
pub fn decompressed_len_hint(bytes: &[u8], compression: Compression) -> Option<usize> {
    match compression {
        Compression::None => Some(bytes.len()),
        Compression::Gzip => {
            let tail: [u8; 4] = bytes.last_chunk::<4>().copied()?;
            usize::try_from(u32::from_le_bytes(tail)).ok()
        }
        Compression::Zstd => zstd::zstd_safe::get_frame_content_size(bytes).ok().flatten().and_then(|n| usize::try_from(n).ok()),
    }
}

/// Read all of `reader`, failing with `Ok(Err(read))` once more than
/// `limit` bytes come out (a decompression bomb is cut off there; `read`
/// is how many bytes were read). Any `limit` works, `usize::MAX` too (no
/// stream is longer than `u64::MAX`).
pub fn read_limited<R: BufRead>(reader: R, limit: usize) -> io::Result<Result<Vec<u8>, u64>> {
    read_limited_sized(reader, limit, 0)
}

/// [`read_limited`] into a buffer made for `hint` bytes (plus the one
/// byte that tells the stream has ended), so a stream of the length it
/// announced is read without the buffer growing and being copied. The
/// reader's own buffer is copied from (`fill_buf`), so the spare room is
/// never zeroed first, as `read_to_end` does for a reader that only
/// implements `read` (the decompressors).
pub fn read_limited_sized<R: BufRead>(mut reader: R, limit: usize, hint: usize) -> io::Result<Result<Vec<u8>, u64>> {
    let mut buf = Vec::with_capacity(hint.min(limit).saturating_add(1));
    loop {
        let chunk = fill_buf_retrying(&mut reader)?;
        if chunk.is_empty() {
            return Ok(Ok(buf));
        }
        let n = chunk.len();
        if n > limit - buf.len() {
            // The byte past the limit is read, as many as `limit + 1` in all.
            return Ok(Err(u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1)));
        }
        buf.extend_from_slice(chunk);
        reader.consume(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// `bytes` as one gzip member (also for `gzip`'s tests).
    pub(super) fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn names_and_magic() {
        assert_eq!(Compression::from_path(Path::new("a/b.warc.GZ")), Compression::Gzip);
        assert_eq!(Compression::from_path(Path::new("b.jsonl.zst")), Compression::Zstd);
        assert_eq!(Compression::from_path(Path::new("b.html")), Compression::None);
        assert_eq!(strip_compression(Path::new("a/b.warc.gz")), Path::new("a/b.warc"));
        assert_eq!(strip_compression(Path::new("a/b.html")), Path::new("a/b.html"));
        assert_eq!(Compression::from_magic(&gzip(b"x")), Compression::Gzip);
        assert_eq!(Compression::from_magic(&zstd::encode_all(&b"x"[..], 3).unwrap()), Compression::Zstd);
        assert_eq!(Compression::from_magic(b"<html>"), Compression::None);
        assert_eq!(Compression::from_magic(b"\x50\x2a\x4d\x18\x04\0\0\0"), Compression::Zstd, "pzstd opens with a skippable frame");
        assert_eq!(Compression::from_magic(b"\x5f\x2a\x4d\x18"), Compression::Zstd);
        assert_eq!(Compression::from_magic(b"\x60\x2a\x4d\x18"), Compression::None);
    }

    #[test]
    fn multi_member_gzip_and_zstd_stream() {
        let mut two = gzip(b"one ");
        two.extend(gzip(b"two"));
        let mut out = String::new();
        decompress(&two[..], Compression::Gzip).unwrap().read_to_string(&mut out).unwrap();
        assert_eq!(out, "one two");
        let z = zstd::encode_all(&b"zstd text"[..], 3).unwrap();
        let mut out = String::new();
        decompress(&z[..], Compression::Zstd).unwrap().read_to_string(&mut out).unwrap();
        assert_eq!(out, "zstd text");
    }

    #[test]
    fn a_sized_gzip_buffer_reads_streams_longer_than_it_and_the_limit_holds() {
        let page: Vec<u8> = (0..50_000u32).flat_map(|i| (i % 251).to_le_bytes()).collect();
        let mut two = gzip(&page);
        two.extend(gzip(&page));
        let whole = [page.clone(), page.clone()].concat();
        for expected in [0, 1, page.len(), 2 * page.len(), 10 * page.len()] {
            let reader = decompress_sized(&two[..], Compression::Gzip, expected).unwrap();
            assert_eq!(read_limited_sized(reader, usize::MAX, expected).unwrap(), Ok(whole.clone()), "expected {expected}");
        }
        let reader = decompress_sized(&two[..], Compression::Gzip, page.len()).unwrap();
        assert_eq!(read_limited_sized(reader, whole.len() - 1, page.len()).unwrap(), Err(whole.len() as u64), "one byte over the limit");
        let reader = decompress_sized(&two[..], Compression::Gzip, page.len()).unwrap();
        assert_eq!(read_limited_sized(reader, whole.len(), page.len()).unwrap(), Ok(whole), "exactly the limit");
    }

    #[test]
    fn a_bomb_is_cut_at_the_limit() {
        let bomb = gzip(&vec![0u8; 20 << 20]);
        assert!(bomb.len() < 100_000);
        let r = read_limited(decompress(&bomb[..], Compression::Gzip).unwrap(), 1 << 20).unwrap();
        assert_eq!(r, Err((1 << 20) + 1));
        let ok = read_limited(decompress(&gzip(b"small")[..], Compression::Gzip).unwrap(), 1 << 20).unwrap();
        assert_eq!(ok, Ok(b"small".to_vec()));
        // The largest limit does not wrap to nothing.
        assert_eq!(read_limited(&b"all of it"[..], usize::MAX).unwrap(), Ok(b"all of it".to_vec()));
    }
}
