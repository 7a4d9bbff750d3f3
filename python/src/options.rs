//! The options of `pith.Extractor` / `pith.extract`, checked and turned
//! into the library's [`ExtractorOptions`]. Bad values raise `ValueError`
//! naming the option and what it accepts (a value of the wrong type
//! `TypeError`); no value overflows: a number above an option's ceiling
//! (`timeout=1e20`, `max_bytes=2**70`, `threads=10**9`) means "as much as
//! can be" and is clamped to the ceiling.

use pith::deadline::MAX_TIMEOUT_SECS;
use std::path::PathBuf;
use std::time::Duration;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt};

use pith::{Bias, ExtractorOptions, InputFormat};

/// How a Document's `text` is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Markdown,
}

impl Format {
    pub fn parse(name: &str) -> PyResult<Format> {
        match name {
            "text" => Ok(Format::Text),
            "markdown" | "md" => Ok(Format::Markdown),
            other => Err(PyValueError::new_err(format!("format must be \"text\" or \"markdown\", not {other:?}"))),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
        }
    }
}

/// `input_format` as the library takes it.
pub fn parse_input_format(name: &str) -> PyResult<InputFormat> {
    match name {
        "auto" => Ok(InputFormat::Auto),
        "html" => Ok(InputFormat::Html),
        "text" => Ok(InputFormat::Text),
        other => Err(PyValueError::new_err(format!("input_format must be \"auto\", \"html\" or \"text\", not {other:?}"))),
    }
}

/// Largest `max_bytes`: no input can be larger (an allocation is at most
/// `isize::MAX` bytes), and `limit + 1` cannot overflow.
pub const MAX_BYTES_CEILING: u64 = isize::MAX as u64;
/// Most worker threads of `extract_many`: the library's
/// [`pith::batch::pipeline::max_threads`] (4 per core, at most 1,024), as
/// for the CLI's `-j`.
pub fn max_threads() -> u64 {
    pith::batch::pipeline::max_threads() as u64
}

/// A positive whole number option, clamped to `ceiling`; `None` for
/// Python's None. `zero_ok` admits 0.
pub fn count(value: Option<&Bound<'_, PyAny>>, name: &str, ceiling: u64, zero_ok: bool) -> PyResult<Option<u64>> {
    let Some(value) = value.filter(|v| !v.is_none()) else { return Ok(None) };
    if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
        return Err(PyTypeError::new_err(format!("{name} must be an int or None, not {}", type_name(value))));
    }
    let least = u64::from(!zero_ok);
    if value.lt(least)? {
        let what = if zero_ok { "0 or more" } else { "a positive number" };
        return Err(PyValueError::new_err(format!("{name} must be {what}, not {}", value.repr()?)));
    }
    // Above u64: a huge int, clamped like any value over the ceiling.
    Ok(Some(value.extract::<u64>().unwrap_or(u64::MAX).min(ceiling)))
}

/// `timeout` in seconds: a positive finite number, clamped to
/// [`MAX_TIMEOUT_SECS`] (the library's, as for the CLI); `None` for Python's None.
pub fn seconds(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Duration>> {
    let Some(value) = value.filter(|v| !v.is_none()) else { return Ok(None) };
    let secs = if value.is_instance_of::<PyBool>() || !(value.is_instance_of::<PyInt>() || value.is_instance_of::<PyFloat>()) {
        return Err(PyTypeError::new_err(format!("timeout must be a number of seconds or None, not {}", type_name(value))));
    } else if value.is_instance_of::<PyInt>() {
        // An int too large for a float is over the ceiling anyway.
        if value.gt(0)? { value.extract::<f64>().unwrap_or(f64::INFINITY).min(MAX_TIMEOUT_SECS) } else { 0.0 }
    } else {
        value.extract::<f64>()?
    };
    if !(secs.is_finite() && secs > 0.0) {
        return Err(PyValueError::new_err(format!("timeout must be a positive number of seconds, not {}", value.repr()?)));
    }
    Ok(Some(Duration::from_secs_f64(secs.min(MAX_TIMEOUT_SECS))))
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "an unknown type".to_owned())
}

/// Everything an extractor is built from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Options {
    pub format: Format,
    pub input_format: InputFormat,
    pub rules: bool,
    pub precision: bool,
    pub recall: bool,
    pub comments: bool,
    pub links: bool,
    pub max_bytes: usize,
    /// Per-input time limit.
    pub timeout: Option<Duration>,
    pub rules_dirs: Vec<PathBuf>,
}

impl Options {
    /// Checks the combination; the library's defaults for the rest.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        format: &str,
        input_format: &str,
        rules: bool,
        precision: bool,
        recall: bool,
        comments: bool,
        links: bool,
        max_bytes: Option<&Bound<'_, PyAny>>,
        timeout: Option<&Bound<'_, PyAny>>,
        rules_dirs: Vec<PathBuf>,
    ) -> PyResult<Options> {
        if precision && recall {
            return Err(PyValueError::new_err("precision and recall cannot both be set"));
        }
        if !rules && !rules_dirs.is_empty() {
            return Err(PyValueError::new_err("rules_dirs given with rules=False"));
        }
        let max_bytes = match count(max_bytes, "max_bytes", MAX_BYTES_CEILING, false)? {
            // The ceiling is isize::MAX, so the value fits a usize.
            Some(n) => usize::try_from(n).unwrap_or(usize::MAX),
            None => ExtractorOptions::default().max_bytes,
        };
        let timeout = seconds(timeout)?;
        Ok(Options {
            format: Format::parse(format)?,
            input_format: parse_input_format(input_format)?,
            rules,
            precision,
            recall,
            comments,
            links,
            max_bytes,
            timeout,
            rules_dirs,
        })
    }

    /// The library's options for rendering in `format`.
    pub fn library(&self, format: Format) -> ExtractorOptions {
        ExtractorOptions {
            input_format: self.input_format,
            rules: self.rules,
            max_bytes: self.max_bytes,
            comments: self.comments,
            bias: if self.precision {
                Bias::Precision
            } else if self.recall {
                Bias::Recall
            } else {
                Bias::Balanced
            },
            markdown: format == Format::Markdown,
            links: self.links,
            ..ExtractorOptions::default()
        }
    }

    /// The options as keyword arguments of `Extractor(...)` (for pickling
    /// and `repr`).
    pub fn to_kwargs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("format", self.format.name())?;
        d.set_item("input_format", self.input_format.name())?;
        d.set_item("rules", self.rules)?;
        d.set_item("precision", self.precision)?;
        d.set_item("recall", self.recall)?;
        d.set_item("comments", self.comments)?;
        d.set_item("links", self.links)?;
        d.set_item("max_bytes", self.max_bytes)?;
        d.set_item("timeout", self.timeout.map(|t| t.as_secs_f64()))?;
        let dirs: Vec<String> = self.rules_dirs.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        d.set_item("rules_dirs", dirs)?;
        Ok(d)
    }
}
