//! `pith.Extractor` and `pith.extract`: options in, [`Document`] out, the
//! GIL released while the library works.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use pith::{Deadline, PageInput};

use crate::boundary::{Panicked, guard};
use crate::document::Document;
use crate::errors;
use crate::input::page_data;
use crate::many::DocumentIterator;
use crate::options::{Format, Options, count, max_threads, parse_input_format};

/// Why one input gave no document.
#[derive(Debug, Clone)]
pub enum Failure {
    Pith(pith::Error),
    Panic(Panicked),
    /// An `extract_many` item that is not a page (the TypeError's message).
    BadItem(String),
}

impl Failure {
    /// The exception to raise.
    pub fn to_pyerr(&self, py: Python<'_>) -> PyErr {
        match self {
            Failure::Pith(e) => errors::from_pith(py, e),
            Failure::Panic(p) => errors::internal_error(py, p),
            Failure::BadItem(message) => PyTypeError::new_err(message.clone()),
        }
    }

    /// The message a failed Document carries.
    pub fn message(&self) -> String {
        match self {
            Failure::Pith(e) => e.to_string(),
            Failure::Panic(p) => errors::internal_message(p),
            Failure::BadItem(message) => message.clone(),
        }
    }
}

/// One call's choices beyond the extractor's options.
#[derive(Debug, Clone, Copy, Default)]
pub struct CallOptions<'a> {
    pub format: Option<Format>,
    pub input_format: Option<pith::InputFormat>,
    pub charset: Option<&'a str>,
}

/// The Rust side of an Extractor: no Python objects, so it can be used
/// with the GIL released and from worker threads.
#[derive(Debug)]
pub struct Core {
    pub options: Options,
    /// The library extractor for `options.format`.
    main: pith::Extractor,
    /// The library extractor for the other format, built on first use.
    other: OnceLock<pith::Extractor>,
}

impl Core {
    /// Builds the library extractor (loading `rules_dirs`). An Extractor is
    /// built once and reused, so every selector of the user's rules is
    /// compiled now and every bad one raised in one `RuleError`, rather than
    /// compiled when its host is first seen (the CLI's lazy start-up).
    pub fn new(options: Options) -> Result<Core, Vec<pith::rules::RuleError>> {
        let library = options.library(options.format);
        let main = if options.rules_dirs.is_empty() {
            pith::Extractor::new(library)
        } else {
            pith::Extractor::with_rules(library, pith::rules::RuleSet::with_dirs_checked(&options.rules_dirs)?)
        };
        Ok(Core { options, main, other: OnceLock::new() })
    }

    fn for_format(&self, format: Format) -> &pith::Extractor {
        if format == self.options.format {
            &self.main
        } else {
            self.other.get_or_init(|| self.main.with_options(self.options.library(format)))
        }
    }

    /// Extracts one page. Call with the GIL released.
    pub fn extract(&self, bytes: &[u8], url: Option<&str>, call: CallOptions<'_>) -> Result<Document, Failure> {
        let format = call.format.unwrap_or(self.options.format);
        let extractor = self.for_format(format);
        let input = PageInput {
            bytes,
            url,
            charset: call.charset,
            format: call.input_format,
            deadline: self.options.timeout.map(Deadline::after),
        };
        let result = guard(|| {
            extractor.extract_input(input).map(|mut doc| {
                let text = match format {
                    Format::Text => std::mem::take(&mut doc.text),
                    Format::Markdown => pith::render::markdown::render(doc.metadata.title.as_deref(), &doc.blocks),
                };
                Document::from_pith(doc, text)
            })
        });
        match result {
            Ok(Ok(doc)) => Ok(doc),
            Ok(Err(e)) => Err(Failure::Pith(e)),
            Err(p) => Err(Failure::Panic(p)),
        }
    }
}

/// Extracts main content and metadata. Built once, reused, and safe to
/// share between threads.
#[pyclass(module = "pith", frozen)]
pub struct Extractor {
    core: Arc<Core>,
}

/// Builds a Core, raising RuleError for rules that do not load.
fn build_core(py: Python<'_>, options: Options) -> PyResult<Arc<Core>> {
    // Loading user rules reads files: release the GIL meanwhile.
    let built = py.detach(|| guard(|| Core::new(options)));
    match built {
        Ok(Ok(core)) => Ok(Arc::new(core)),
        Ok(Err(rule_errors)) => Err(errors::from_rules(py, &rule_errors)),
        Err(p) => Err(errors::internal_error(py, &p)),
    }
}

/// Runs one extraction for Python: data converted, GIL released.
fn extract_with(py: Python<'_>, core: &Core, data: &Bound<'_, PyAny>, url: Option<&str>, call: CallOptions<'_>) -> PyResult<Document> {
    let data = page_data(data)?;
    let bytes = data.as_bytes();
    py.detach(|| core.extract(bytes, url, call)).map_err(|f| f.to_pyerr(py))
}

#[pymethods]
impl Extractor {
    #[new]
    #[pyo3(signature = (*, format = "text", input_format = "auto", rules = true, precision = false, recall = false, comments = false, links = false, max_bytes = None, timeout = None, rules_dirs = Vec::new()))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        format: &str,
        input_format: &str,
        rules: bool,
        precision: bool,
        recall: bool,
        comments: bool,
        links: bool,
        max_bytes: Option<Bound<'_, PyAny>>,
        timeout: Option<Bound<'_, PyAny>>,
        rules_dirs: Vec<PathBuf>,
    ) -> PyResult<Self> {
        let options = Options::new(format, input_format, rules, precision, recall, comments, links, max_bytes.as_ref(), timeout.as_ref(), rules_dirs)?;
        Ok(Extractor { core: build_core(py, options)? })
    }

    /// Extracts one page (`bytes` or `str`); raises ExtractError when it cannot.
    #[pyo3(signature = (data, url = None, *, format = None, input_format = None, charset = None))]
    fn extract(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        url: Option<&str>,
        format: Option<&str>,
        input_format: Option<&str>,
        charset: Option<&str>,
    ) -> PyResult<Document> {
        let call = CallOptions {
            format: format.map(Format::parse).transpose()?,
            input_format: input_format.map(parse_input_format).transpose()?,
            charset,
        };
        extract_with(py, &self.core, data, url, call)
    }

    /// Extracts many pages on the Rust thread pool; yields Documents (in
    /// input order unless `ordered=False`). A failed input, or an item
    /// that is not a page (None, a str with a lone surrogate), yields a
    /// Document with `error` set in its place, or raises with
    /// `raise_errors=True`. `threads` over [`max_threads`] (4 per core) is clamped.
    #[pyo3(signature = (items, threads = None, ordered = true, raise_errors = false))]
    fn extract_many(&self, items: &Bound<'_, PyAny>, threads: Option<Bound<'_, PyAny>>, ordered: bool, raise_errors: bool) -> PyResult<DocumentIterator> {
        // The ceiling is small, so the value fits a usize.
        let threads = count(threads.as_ref(), "threads", max_threads(), true)?.map(|n| usize::try_from(n).unwrap_or(1));
        DocumentIterator::start(Arc::clone(&self.core), items, threads, ordered, raise_errors)
    }

    /// The options this extractor was built with, as keyword arguments.
    #[getter]
    fn options<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.core.options.to_kwargs(py)
    }

    /// Pickled as its options (rules are reloaded on unpickling).
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let rebuild = py.import("pith._pith")?.getattr("_extractor_from_options")?;
        let kwargs = slf.get().core.options.to_kwargs(py)?;
        PyTuple::new(py, [rebuild.into_any(), PyTuple::new(py, [kwargs])?.into_any()])
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let kwargs = self.core.options.to_kwargs(py)?;
        let parts: Vec<String> = kwargs.iter().map(|(k, v)| Ok(format!("{k}={}", v.repr()?))).collect::<PyResult<_>>()?;
        Ok(format!("Extractor({})", parts.join(", ")))
    }
}

/// Rebuilds a pickled Extractor.
#[pyfunction]
#[pyo3(name = "_extractor_from_options")]
pub fn extractor_from_options(py: Python<'_>, kwargs: &Bound<'_, PyDict>) -> PyResult<Py<PyAny>> {
    let cls = py.get_type::<Extractor>();
    Ok(cls.call((), Some(kwargs))?.unbind())
}

/// Extractors of `pith.extract`, one per combination of options.
static SHARED: OnceLock<Mutex<HashMap<Options, Arc<Core>>>> = OnceLock::new();

/// Extracts one page with the given options; a shortcut for
/// `Extractor(**options).extract(data, url)` that reuses extractors.
#[pyfunction]
#[pyo3(signature = (data, url = None, *, format = "text", input_format = "auto", rules = true, precision = false, recall = false, comments = false, links = false, charset = None))]
#[allow(clippy::too_many_arguments)]
pub fn extract(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    url: Option<&str>,
    format: &str,
    input_format: &str,
    rules: bool,
    precision: bool,
    recall: bool,
    comments: bool,
    links: bool,
    charset: Option<&str>,
) -> PyResult<Document> {
    let options = Options::new(format, input_format, rules, precision, recall, comments, links, None, None, Vec::new())?;
    let shared = SHARED.get_or_init(Default::default);
    let cached = shared.lock().ok().and_then(|m| m.get(&options).cloned());
    let core = match cached {
        Some(core) => core,
        None => {
            let core = build_core(py, options.clone())?;
            if let Ok(mut m) = shared.lock() {
                m.insert(options, Arc::clone(&core));
            }
            core
        }
    };
    extract_with(py, &core, data, url, CallOptions { charset, ..CallOptions::default() })
}
