//! Scratch folders and gzip streams for the test files that write inputs
//! for `pith`: a folder per test, emptied first, under cargo's target
//! tmpdir and named by the test file's prefix, the process and the test.
//! Shared so that the tests clean and name their folders one way.
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;

/// An empty folder for `test`, under a name that starts with `prefix`
/// (one per test file) and holds the process id, so that two runs of the
/// suite side by side do not share it.
pub fn dir(prefix: &str, test: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{prefix}-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// `bytes` as one gzip member at the default level.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}
