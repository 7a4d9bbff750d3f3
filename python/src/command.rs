//! The `pith` command inside the Python package: `python -m pith` and the
//! `pith` console script run the Rust CLI's own entry point
//! ([`pith::cli::main_with_args`]) on the process's arguments, with the GIL
//! released, so every option behaves as in the binary.

use pyo3::prelude::*;

use crate::{boundary, errors};

/// Runs the CLI on `argv` (the program name first); returns its exit code.
#[pyfunction]
#[pyo3(name = "_main")]
pub fn main(py: Python<'_>, argv: Vec<String>) -> PyResult<i32> {
    match py.detach(|| boundary::guard(|| pith::cli::main_with_args(argv))) {
        Ok(code) => Ok(code),
        Err(p) => Err(errors::internal_error(py, &p)),
    }
}
