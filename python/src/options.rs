//! The options of `pith.Extractor` / `pith.extract`, checked and turned
//! into the library's [`ExtractorOptions`]. Bad values raise `ValueError`
//! naming the option and what it accepts.

use std::path::PathBuf;
use std::time::Duration;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

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
        max_bytes: Option<usize>,
        timeout: Option<f64>,
        rules_dirs: Vec<PathBuf>,
    ) -> PyResult<Options> {
        if precision && recall {
            return Err(PyValueError::new_err("precision and recall cannot both be set"));
        }
        if !rules && !rules_dirs.is_empty() {
            return Err(PyValueError::new_err("rules_dirs given with rules=False"));
        }
        let max_bytes = match max_bytes {
            Some(0) => return Err(PyValueError::new_err("max_bytes must be positive")),
            Some(n) => n,
            None => ExtractorOptions::default().max_bytes,
        };
        let timeout = match timeout {
            None => None,
            Some(s) if s.is_finite() && s > 0.0 => Some(Duration::from_secs_f64(s)),
            Some(s) => return Err(PyValueError::new_err(format!("timeout must be a positive number of seconds, not {s}"))),
        };
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
