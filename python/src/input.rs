//! The input of one extraction as the Python caller gives it: `bytes`
//! (or another bytes-like object) or `str`, with an optional URL.

use std::borrow::Cow;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString, PyTuple};

/// Borrowed page bytes: `bytes` are read in place, `str` is encoded to
/// UTF-8 (in place where Python already holds it so).
pub enum PageData<'a> {
    Bytes(&'a [u8]),
    Owned(Vec<u8>),
    Str(Cow<'a, str>),
}

impl PageData<'_> {
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            PageData::Bytes(b) => b,
            PageData::Owned(v) => v,
            PageData::Str(s) => s.as_bytes(),
        }
    }
}

/// `data` as page bytes, or a TypeError naming what was given.
pub fn page_data<'a>(data: &'a Bound<'_, PyAny>) -> PyResult<PageData<'a>> {
    if let Ok(b) = data.cast::<PyBytes>() {
        return Ok(PageData::Bytes(b.as_bytes()));
    }
    if let Ok(s) = data.cast::<PyString>() {
        return Ok(PageData::Str(s.to_cow()?));
    }
    if let Ok(b) = data.cast::<PyByteArray>() {
        return Ok(PageData::Owned(b.to_vec()));
    }
    if let Ok(v) = data.extract::<Vec<u8>>() {
        // memoryview and other buffer objects.
        return Ok(PageData::Owned(v));
    }
    Err(PyTypeError::new_err(format!("data must be bytes or str, not {}", type_name(data))))
}

/// One item of `extract_many`: `data`, `(data, url)` or `(data, url,
/// charset)`, owned so it can cross to a worker thread.
pub struct OwnedPage {
    pub bytes: Vec<u8>,
    pub url: Option<String>,
    /// The charset the page came with (HTTP `Content-Type`).
    pub charset: Option<String>,
}

/// Tuple element `i` as an optional str; `what` names it in errors.
fn optional_str(t: &Bound<'_, PyTuple>, i: usize, what: &str, index: u64) -> PyResult<Option<String>> {
    let value = t.get_item(i)?;
    if value.is_none() {
        return Ok(None);
    }
    if let Ok(s) = value.cast::<PyString>() {
        // A str with a lone surrogate has no UTF-8 form.
        return s.to_cow().map(|s| Some(s.into_owned())).map_err(|e| PyTypeError::new_err(format!("item {index}: {what}: {}", e.value(value.py()))));
    }
    Err(PyTypeError::new_err(format!("item {index}: {what} must be str or None, not {}", type_name(&value))))
}

/// Reads one `extract_many` item; `index` names it in errors.
pub fn owned_page(item: &Bound<'_, PyAny>, index: u64) -> PyResult<OwnedPage> {
    let (data, url, charset) = match item.cast::<PyTuple>() {
        Ok(t) => match t.len() {
            1..=3 => (
                t.get_item(0)?,
                if t.len() > 1 { optional_str(t, 1, "url", index)? } else { None },
                if t.len() > 2 { optional_str(t, 2, "charset", index)? } else { None },
            ),
            n => return Err(PyTypeError::new_err(format!("item {index}: expected data, (data, url) or (data, url, charset), got a tuple of {n}"))),
        },
        Err(_) => (item.clone(), None, None),
    };
    let bytes = page_data(&data).map_err(|e| PyTypeError::new_err(format!("item {index}: {}", e.value(item.py()))))?;
    Ok(OwnedPage { bytes: bytes.as_bytes().to_vec(), url, charset })
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "an unknown type".to_string())
}
