//! Reading a `pith` run's output in the CLI tests: its stderr, its JSON
//! lines, paths as arguments. Shared by the test files that spawn `pith`.
#![allow(dead_code)]

use std::path::Path;
use std::process::Output;

use serde_json::Value;

/// The run's stderr, lossily decoded.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The JSON lines of the run's stdout (panics on a line that is not JSON).
pub fn records(o: &Output) -> Vec<Value> {
    String::from_utf8(o.stdout.clone())
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// A path as a command-line argument.
pub fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}
