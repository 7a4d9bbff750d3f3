//! Python exceptions: `pith.ExtractError` for an input that cannot be
//! extracted, `pith.RuleError` for site rules that do not load. Both are
//! `ValueError`s and carry the reason as attributes.

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::boundary::Panicked;

create_exception!(
    pith,
    ExtractError,
    PyValueError,
    "An input pith cannot extract. `reason` is one of \"binary\", \"too_large\", \"timeout\", \"too_complex\", \"internal\"; `message` says why."
);
create_exception!(
    pith,
    RuleError,
    PyValueError,
    "Site rules that do not load. `file`, `line` (or None) and `reason` describe the first error; `errors` lists every error as (file, line, reason)."
);

/// The short name of a library error, as `ExtractError.reason` and the JSON
/// record's error say it.
pub fn reason_of(e: &pith::Error) -> &'static str {
    match e {
        pith::Error::Binary { .. } => "binary",
        pith::Error::TooLarge { .. } => "too_large",
        pith::Error::Timeout { .. } => "timeout",
        pith::Error::TooComplex { .. } => "too_complex",
    }
}

/// `ExtractError(message)` with `reason` and `message` set.
fn extract_error(py: Python<'_>, reason: &str, message: String) -> PyErr {
    let err = ExtractError::new_err(message.clone());
    let value = err.value(py);
    // Setting attributes on a fresh exception instance cannot fail in practice;
    // if it did, the exception still carries its message.
    let _ = value.setattr("reason", reason);
    let _ = value.setattr("message", message);
    err
}

/// The exception for a library error.
pub fn from_pith(py: Python<'_>, e: &pith::Error) -> PyErr {
    extract_error(py, reason_of(e), e.to_string())
}

/// The exception for a panic caught at the boundary (a bug in pith).
pub fn internal_error(py: Python<'_>, p: &Panicked) -> PyErr {
    extract_error(py, "internal", internal_message(p))
}

/// What a caught panic is reported as.
pub fn internal_message(p: &Panicked) -> String {
    format!("internal error in pith (please report it): {}", p.0)
}

/// The exception for rule files that do not load.
pub fn from_rules(py: Python<'_>, errors: &[pith::rules::RuleError]) -> PyErr {
    let message = errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
    let err = RuleError::new_err(message);
    let value = err.value(py);
    let list: Vec<(String, Option<usize>, String)> = errors.iter().map(|e| (e.file.clone(), e.line, e.kind.to_string())).collect();
    if let Some((file, line, reason)) = list.first() {
        let _ = value.setattr("file", file);
        let _ = value.setattr("line", line);
        let _ = value.setattr("reason", reason);
    }
    let _ = value.setattr("errors", list);
    err
}
