//! `Extractor.extract_many`: a Python iterator over Documents, extracted on
//! a rayon pool with a bounded window of pages in flight.
//!
//! Each `__next__` tops the window up from the caller's iterable (with the
//! GIL: reading Python objects), then waits for the next result with the
//! GIL released. Workers keep extracting while Python consumes, memory is
//! bounded by the window, and results come out in input order (or as they
//! finish, with `ordered=False`). An item that is not a page takes its
//! place as a failed result, so the order never has a gap.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyIterator;

use crate::document::Document;
use crate::extractor::{CallOptions, Core, Failure};
use crate::input::owned_page;

/// Pages in flight per worker thread: enough to keep every worker busy
/// while Python takes results, few enough to bound memory.
const IN_FLIGHT_PER_THREAD: usize = 4;
/// How often a waiting iterator looks for Ctrl-C.
const SIGNAL_POLL: Duration = Duration::from_millis(100);

/// A finished page: its sequence number and document (or why it failed).
type Finished = (u64, Result<Document, (Option<String>, Failure)>);

/// Documents of `Extractor.extract_many`, as they are extracted.
#[pyclass(module = "pith")]
pub struct DocumentIterator {
    core: Arc<Core>,
    /// The caller's items; None once exhausted.
    items: Option<Py<PyIterator>>,
    /// A pool of the requested size; None: rayon's global pool (all cores).
    pool: Option<Arc<rayon::ThreadPool>>,
    window: usize,
    ordered: bool,
    raise_errors: bool,
    /// Sequence number of the next item read.
    next_in: u64,
    /// Sequence number of the next document out (ordered mode).
    next_out: u64,
    in_flight: usize,
    /// Finished pages not yet handed out.
    finished: BTreeMap<u64, Result<Document, (Option<String>, Failure)>>,
    tx: Sender<Finished>,
    /// Taken while waiting with the GIL released (a Receiver is not
    /// Sync, hence the Mutex: a pyclass must be).
    rx: Mutex<Option<Receiver<Finished>>>,
}

impl DocumentIterator {
    /// Starts over `items` with `threads` workers (None or 0: all cores).
    pub fn start(core: Arc<Core>, items: &Bound<'_, PyAny>, threads: Option<usize>, ordered: bool, raise_errors: bool) -> PyResult<Self> {
        let iter = PyIterator::from_object(items)?;
        let (pool, workers) = match threads {
            None | Some(0) => (None, rayon::current_num_threads()),
            Some(n) => {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .thread_name(|i| format!("pith-py-{i}"))
                    .build()
                    .map_err(|e| PyRuntimeError::new_err(format!("cannot start {n} worker threads: {e}")))?;
                (Some(Arc::new(pool)), n)
            }
        };
        if workers == 0 {
            return Err(PyValueError::new_err("no worker threads"));
        }
        let (tx, rx) = mpsc::channel();
        Ok(DocumentIterator {
            core,
            items: Some(iter.unbind()),
            pool,
            window: workers * IN_FLIGHT_PER_THREAD,
            ordered,
            raise_errors,
            next_in: 0,
            next_out: 0,
            in_flight: 0,
            finished: BTreeMap::new(),
            tx,
            rx: Mutex::new(Some(rx)),
        })
    }

    /// Reads items until the window is full or the items run out. The
    /// window counts pages in flight and finished pages not yet handed out,
    /// so a slow page holds back reading, never memory.
    fn fill(&mut self, py: Python<'_>) -> PyResult<()> {
        while self.in_flight + self.finished.len() < self.window {
            let Some(items) = &self.items else { return Ok(()) };
            let mut iter = items.bind(py).clone();
            let item = match iter.next() {
                None => {
                    self.items = None;
                    return Ok(());
                }
                Some(item) => item?,
            };
            let seq = self.next_in;
            self.next_in += 1;
            let page = match owned_page(&item, seq) {
                Ok(page) => page,
                Err(e) => {
                    // Not a page (None, a str with a lone surrogate, a bad
                    // tuple): a failed result in its place, like an input
                    // that does not extract; later items go on.
                    let failure = Failure::BadItem(e.value(py).to_string());
                    self.finished.insert(seq, Err((None, failure)));
                    continue;
                }
            };
            let core = Arc::clone(&self.core);
            let tx = self.tx.clone();
            let job = move || {
                let call = CallOptions { charset: page.charset.as_deref(), ..CallOptions::default() };
                let result = core.extract(&page.bytes, page.url.as_deref(), call).map_err(|f| (page.url.clone(), f));
                // The iterator may be gone (dropped early): nothing to tell.
                let _ = tx.send((seq, result));
            };
            match &self.pool {
                Some(pool) => pool.spawn(job),
                None => rayon::spawn(job),
            }
            self.in_flight += 1;
        }
        Ok(())
    }

    /// The next result ready to hand out, if any.
    fn ready(&mut self) -> Option<Result<Document, (Option<String>, Failure)>> {
        if self.ordered {
            let result = self.finished.remove(&self.next_out)?;
            self.next_out += 1;
            Some(result)
        } else {
            self.finished.pop_first().map(|(_, r)| r)
        }
    }

    /// Waits (GIL released) for one page to finish; looks for Ctrl-C meanwhile.
    fn wait(&mut self, py: Python<'_>) -> PyResult<()> {
        let slot = self.rx.get_mut().unwrap_or_else(|poisoned| poisoned.into_inner());
        let Some(mut rx) = slot.take() else {
            return Err(PyRuntimeError::new_err("extract_many: iterator used from two threads at once"));
        };
        let outcome = loop {
            let (back, got) = py.detach(move || {
                let got = rx.recv_timeout(SIGNAL_POLL);
                (rx, got)
            });
            rx = back;
            match got {
                Ok(finished) => break Ok(finished),
                Err(RecvTimeoutError::Timeout) => {
                    if let Err(e) = py.check_signals() {
                        break Err(e);
                    }
                }
                Err(RecvTimeoutError::Disconnected) => {
                    break Err(PyRuntimeError::new_err("extract_many: a worker stopped without a result"));
                }
            }
        };
        *self.rx.get_mut().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(rx);
        let (seq, result) = outcome?;
        self.in_flight -= 1;
        self.finished.insert(seq, result);
        Ok(())
    }
}

#[pymethods]
impl DocumentIterator {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Document>> {
        loop {
            self.fill(py)?;
            if let Some(result) = self.ready() {
                return match result {
                    Ok(doc) => Ok(Some(doc)),
                    Err((_, failure)) if self.raise_errors => Err(failure.to_pyerr(py)),
                    Err((url, failure)) => Ok(Some(Document::failed(url, failure.message()))),
                };
            }
            if self.in_flight == 0 {
                return Ok(None);
            }
            self.wait(py)?;
        }
    }
}
