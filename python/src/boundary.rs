//! The Rust/Python boundary: a panic in the library is caught here and
//! becomes a value, never an unwind into the interpreter.

use std::panic::{AssertUnwindSafe, catch_unwind};

use pyo3::prelude::*;

use crate::errors;

/// A panic caught at the boundary, with its message.
#[derive(Debug, Clone)]
pub struct Panicked(pub String);

/// Runs `f`, turning a panic into [`Panicked`].
pub fn guard<T>(f: impl FnOnce() -> T) -> Result<T, Panicked> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        Panicked(message)
    })
}

/// Panics inside [`guard`] with the GIL released, the way an extraction
/// would: lets the tests check that a panic comes out as `ExtractError`.
#[pyfunction]
#[pyo3(name = "_panic_through_boundary")]
pub fn panic_through_boundary(py: Python<'_>, message: String) -> PyResult<()> {
    let result = py.detach(|| guard(|| -> () { panic!("{message}") }));
    match result {
        Ok(()) => Ok(()),
        Err(p) => Err(errors::internal_error(py, &p)),
    }
}
