//! `pith._pith`: the compiled part of the Python package `pith`.
//!
//! A thin binding over the Rust library: options are turned into an
//! [`pith::ExtractorOptions`], bytes are handed to [`pith::Extractor`] with
//! the GIL released, and the [`pith::Document`] comes back as a Python
//! object. No extraction logic lives here. Every call into the library runs
//! under [`boundary::guard`], so a Rust panic becomes a Python exception and
//! never unwinds into the interpreter.

use pyo3::prelude::*;

mod boundary;
mod command;
mod document;
mod errors;
mod extractor;
mod input;
mod many;
mod options;

/// The module `pith._pith`; `pith/__init__.py` re-exports its names.
#[pymodule]
fn _pith(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("FIELDS", pyo3::types::PyTuple::new(py, document::fields().collect::<Vec<_>>())?)?;
    m.add("ExtractError", py.get_type::<errors::ExtractError>())?;
    m.add("RuleError", py.get_type::<errors::RuleError>())?;
    m.add_class::<document::Document>()?;
    m.add_class::<extractor::Extractor>()?;
    m.add_class::<many::DocumentIterator>()?;
    m.add_function(wrap_pyfunction!(extractor::extract, m)?)?;
    m.add_function(wrap_pyfunction!(extractor::extractor_from_options, m)?)?;
    m.add_function(wrap_pyfunction!(boundary::panic_through_boundary, m)?)?;
    m.add_function(wrap_pyfunction!(command::main, m)?)?;
    Ok(())
}
