//! Reading a sample page for the rule tools (`rules new --from`, a
//! `[[test]]` file) the way `pith extract` reads an input file: a gzip or
//! zstd file (known by its first bytes) is decompressed by the batch
//! reader's own decompressor ([`crate::batch::compress`]), and the result
//! is bounded like an extracted page. Only a regular file is read (a
//! FIFO or a device would block or never end).

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::batch::compress::{self, Compression};
use crate::extractor::DEFAULT_MAX_BYTES;

/// Largest sample read, after decompression: the largest page `pith
/// extract` reads by default (a decompression bomb is cut off there).
pub const MAX_SAMPLE_BYTES: usize = DEFAULT_MAX_BYTES;

/// Why a sample page could not be read.
#[derive(Debug, Error)]
pub enum ReadError {
    /// The file cannot be opened or read, or does not decompress.
    #[error("cannot read {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    /// More than [`MAX_SAMPLE_BYTES`] once decompressed.
    #[error("{}: over the limit of {limit} bytes for a page (after decompression)", path.display())]
    TooLarge { path: PathBuf, limit: usize },
}

/// The bytes of the page in `path`, decompressed when it is gzip or zstd.
pub fn read_page(path: &Path) -> Result<Vec<u8>, ReadError> {
    let io = |source| ReadError::Io { path: path.to_path_buf(), source };
    // Looked at before opening: opening a FIFO would wait for a writer.
    if !std::fs::metadata(path).map_err(io)?.is_file() {
        return Err(io(std::io::Error::other("not a regular file")));
    }
    let file = File::open(path).map_err(io)?;
    let mut raw = BufReader::new(file);
    let compression = Compression::from_magic(raw.fill_buf().map_err(io)?);
    let reader = compress::decompress(raw, compression).map_err(io)?;
    match compress::read_limited(reader, MAX_SAMPLE_BYTES).map_err(io)? {
        Ok(bytes) => Ok(bytes),
        Err(_) => Err(ReadError::TooLarge { path: path.to_path_buf(), limit: MAX_SAMPLE_BYTES }),
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    #[test]
    fn gzip_and_zstd_samples_are_decompressed() {
        let dir = std::env::temp_dir().join(format!("pith-rules-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let page = b"<html><body><p>Hello</p></body></html>";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(page).unwrap();
        std::fs::write(dir.join("p.html.gz"), gz.finish().unwrap()).unwrap();
        std::fs::write(dir.join("p.html.zst"), zstd::encode_all(&page[..], 3).unwrap()).unwrap();
        std::fs::write(dir.join("p.html"), page).unwrap();
        for name in ["p.html.gz", "p.html.zst", "p.html"] {
            assert_eq!(read_page(&dir.join(name)).unwrap(), page, "{name}");
        }
        let e = read_page(&dir.join("missing.html")).unwrap_err().to_string();
        assert!(e.starts_with("cannot read ") && e.contains("missing.html"), "{e}");
        let e = read_page(&dir).unwrap_err().to_string();
        assert!(e.ends_with("not a regular file"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
