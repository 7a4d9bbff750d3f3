//! `pith.Document`: one extraction's text and metadata, the same fields as
//! the CLI's JSON record (without `source` and `id`, which belong to batch
//! inputs), read-only.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use pith::metadata::{FieldValue, Metadata};

/// A Document's own fields after the metadata fields, in record order.
const TRAILING_FIELDS: [&str; 5] = ["rule", "confidence", "input_format", "text", "error"];

/// The fields of a Document, in the order of the JSON record: the
/// library's metadata fields ([`pith::metadata::Metadata::FIELDS`]), then
/// the extraction's own.
pub fn fields() -> impl Iterator<Item = &'static str> {
    Metadata::FIELDS.iter().copied().chain(TRAILING_FIELDS)
}

/// The main content of a page and its metadata. The metadata fields (`url`,
/// `title`, `author`, `date`, ...) are read through `__getattr__` from the
/// library's one list of them, so a field added there appears here.
#[pyclass(module = "pith", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Title, author, dates, language, page type...
    metadata: Metadata,
    /// The site rule that applied.
    #[pyo3(get)]
    pub rule: Option<String>,
    /// 0..1; None for a failed input.
    #[pyo3(get)]
    pub confidence: Option<f64>,
    /// "html" or "text"; None for a failed input.
    #[pyo3(get)]
    pub input_format: Option<&'static str>,
    /// The main content, as plain text or Markdown.
    #[pyo3(get)]
    pub text: String,
    /// Why the input could not be extracted (only from `extract_many`);
    /// None on success.
    #[pyo3(get)]
    pub error: Option<String>,
}

impl Document {
    /// From the library's document and the rendered text.
    pub fn from_pith(doc: pith::Document, text: String) -> Self {
        Document {
            metadata: doc.metadata,
            rule: doc.rule,
            confidence: Some(shortest_f64(doc.confidence)),
            input_format: Some(doc.input_format.name()),
            text,
            error: None,
        }
    }

    /// The document of a failed input: empty text, `error` set.
    pub fn failed(url: Option<String>, error: String) -> Self {
        Document {
            metadata: Metadata { url, ..Metadata::default() },
            rule: None,
            confidence: None,
            input_format: None,
            text: String::new(),
            error: Some(error),
        }
    }

    /// The fields as JSON values, in record order.
    fn json_fields(&self) -> serde_json::Map<String, serde_json::Value> {
        use serde_json::Value;
        let opt = |v: &Option<String>| v.clone().map_or(Value::Null, Value::String);
        let mut map: serde_json::Map<String, Value> = self.metadata.values().map(|(name, v)| (name.to_owned(), json_value(v))).collect();
        map.insert("rule".into(), opt(&self.rule));
        map.insert("confidence".into(), self.confidence.map_or(Value::Null, Value::from));
        map.insert("input_format".into(), self.input_format.map_or(Value::Null, Value::from));
        map.insert("text".into(), Value::String(self.text.clone()));
        map.insert("error".into(), opt(&self.error));
        map
    }
}

/// A metadata value as JSON.
fn json_value(v: FieldValue<'_>) -> serde_json::Value {
    match v {
        FieldValue::Text(t) => t.map_or(serde_json::Value::Null, serde_json::Value::from),
        FieldValue::List(items) => serde_json::Value::from(items.to_vec()),
    }
}

/// A metadata value as a Python object: a str, None or a list of str.
fn py_value(py: Python<'_>, v: FieldValue<'_>) -> PyResult<Py<PyAny>> {
    Ok(match v {
        FieldValue::Text(t) => t.into_pyobject(py)?.into_any().unbind(),
        FieldValue::List(items) => items.into_pyobject(py)?.into_any().unbind(),
    })
}

/// The f64 closest to `x`'s shortest decimal form (0.83, not 0.8299999833…),
/// so Python shows the same figure as the CLI's JSON.
fn shortest_f64(x: f32) -> f64 {
    x.to_string().parse().unwrap_or(f64::from(x))
}

#[pymethods]
impl Document {
    /// True when the input was extracted (no `error`).
    #[getter]
    fn ok(&self) -> bool {
        self.error.is_none()
    }

    /// A metadata field (`title`, `date`, `page_type`, ...).
    fn __getattr__(&self, py: Python<'_>, name: &str) -> PyResult<Py<PyAny>> {
        match self.metadata.get(name) {
            Some(v) => py_value(py, v),
            None => Err(pyo3::exceptions::PyAttributeError::new_err(format!("'Document' object has no attribute '{name}'"))),
        }
    }

    /// The attributes, metadata fields included.
    fn __dir__(slf: &Bound<'_, Self>) -> PyResult<Vec<String>> {
        let object = slf.py().import("builtins")?.getattr("object")?;
        let mut names: Vec<String> = object.getattr("__dir__")?.call1((slf,))?.extract()?;
        names.extend(Metadata::FIELDS.iter().map(|f| f.to_string()));
        names.sort();
        names.dedup();
        Ok(names)
    }

    /// Every field as a dict, in the order of the JSON record.
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(slf.py());
        for field in fields() {
            dict.set_item(field, slf.getattr(field)?)?;
        }
        Ok(dict)
    }

    /// The fields as one line of JSON (the CLI's record without `source`/`id`).
    fn to_json(&self) -> String {
        serde_json::Value::Object(self.json_fields()).to_string()
    }

    fn __repr__(&self) -> String {
        let title = self.metadata.title.as_deref().map_or("None".to_string(), |t| format!("{t:?}"));
        match &self.error {
            Some(e) => format!("Document(error={e:?})"),
            None => format!("Document(title={title}, chars={}, confidence={:.3})", self.text.chars().count(), self.confidence.unwrap_or(0.0)),
        }
    }
}
