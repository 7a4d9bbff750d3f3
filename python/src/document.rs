//! `pith.Document`: one extraction's text and metadata, the same fields as
//! the CLI's JSON record (without `source` and `id`, which belong to batch
//! inputs), read-only.

use pyo3::prelude::*;
use pyo3::types::PyDict;

/// The fields of a Document, in the order of the JSON record.
const FIELDS: [&str; 14] = [
    "url", "title", "author", "date", "site_name", "description", "image", "tags", "language", "rule", "confidence", "input_format", "text",
    "error",
];

/// The main content of a page and its metadata.
#[pyclass(module = "pith", frozen, get_all, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The page's URL: the one given, else its canonical URL.
    pub url: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    /// Publication date, ISO 8601.
    pub date: Option<String>,
    pub site_name: Option<String>,
    pub description: Option<String>,
    pub image: Option<String>,
    pub tags: Vec<String>,
    /// ISO 639-1 code.
    pub language: Option<String>,
    /// The site rule that applied.
    pub rule: Option<String>,
    /// 0..1; None for a failed input.
    pub confidence: Option<f64>,
    /// "html" or "text"; None for a failed input.
    pub input_format: Option<&'static str>,
    /// The main content, as plain text or Markdown.
    pub text: String,
    /// Why the input could not be extracted (only from `extract_many`);
    /// None on success.
    pub error: Option<String>,
}

impl Document {
    /// From the library's document and the rendered text.
    pub fn from_pith(doc: pith::Document, text: String) -> Self {
        let input_format = doc.input_format.name();
        Document {
            url: doc.url,
            title: doc.title,
            author: doc.author,
            date: doc.date,
            site_name: doc.site_name,
            description: doc.description,
            image: doc.image,
            tags: doc.tags,
            language: doc.language,
            rule: doc.rule,
            confidence: Some(shortest_f64(doc.confidence)),
            input_format: Some(input_format),
            text,
            error: None,
        }
    }

    /// The document of a failed input: empty text, `error` set.
    pub fn failed(url: Option<String>, error: String) -> Self {
        Document {
            url,
            title: None,
            author: None,
            date: None,
            site_name: None,
            description: None,
            image: None,
            tags: Vec::new(),
            language: None,
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
        let values = [
            opt(&self.url),
            opt(&self.title),
            opt(&self.author),
            opt(&self.date),
            opt(&self.site_name),
            opt(&self.description),
            opt(&self.image),
            Value::from(self.tags.clone()),
            opt(&self.language),
            opt(&self.rule),
            self.confidence.map_or(Value::Null, Value::from),
            self.input_format.map_or(Value::Null, Value::from),
            Value::String(self.text.clone()),
            opt(&self.error),
        ];
        FIELDS.iter().map(|k| k.to_string()).zip(values).collect()
    }
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

    /// Every field as a dict, in the order of the JSON record.
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(slf.py());
        for field in FIELDS {
            dict.set_item(field, slf.getattr(field)?)?;
        }
        Ok(dict)
    }

    /// The fields as one line of JSON (the CLI's record without `source`/`id`).
    fn to_json(&self) -> String {
        serde_json::Value::Object(self.json_fields()).to_string()
    }

    fn __repr__(&self) -> String {
        let title = self.title.as_deref().map_or("None".to_string(), |t| format!("{t:?}"));
        match &self.error {
            Some(e) => format!("Document(error={e:?})"),
            None => format!("Document(title={title}, chars={}, confidence={:.3})", self.text.chars().count(), self.confidence.unwrap_or(0.0)),
        }
    }
}
