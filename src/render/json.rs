//! JSON records: one object per input with the text, metadata and `error`.
//! Field order is fixed so output is byte-identical across runs.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::document::Document;
use crate::error::Error;

/// The JSON record of one input, successful or not.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    pub source: &'a str,
    /// The input's id (a JSONL `id`, a `WARC-Record-ID`), as given.
    pub id: Option<&'a Value>,
    pub url: Option<&'a str>,
    pub title: Option<&'a str>,
    pub author: Option<&'a str>,
    pub date: Option<&'a str>,
    pub site_name: Option<&'a str>,
    pub description: Option<&'a str>,
    pub image: Option<&'a str>,
    pub tags: &'a [String],
    pub language: Option<&'a str>,
    pub rule: Option<&'a str>,
    pub confidence: Option<f32>,
    pub input_format: Option<&'static str>,
    pub text: &'a str,
    pub error: Option<String>,
    /// Fields of the input record passed through (see [`passthrough`]).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub extra: Option<&'a Map<String, Value>>,
}

/// The names of a record's own fields, in output order.
pub const RECORD_FIELDS: [&str; 16] = [
    "source", "id", "url", "title", "author", "date", "site_name", "description", "image", "tags", "language", "rule", "confidence",
    "input_format", "text", "error",
];

/// An input record's fields made ready to pass through: a field named like
/// one of the record's own ([`RECORD_FIELDS`]) is renamed `input_NAME`
/// (`input_input_NAME`… should that be taken too); order is kept.
pub fn passthrough(extra: Map<String, Value>) -> Map<String, Value> {
    if !extra.keys().any(|k| RECORD_FIELDS.contains(&k.as_str())) {
        return extra;
    }
    let mut out = Map::new();
    for (key, value) in extra {
        let mut name = key;
        while RECORD_FIELDS.contains(&name.as_str()) || out.contains_key(&name) {
            name = format!("input_{name}");
        }
        out.insert(name, value);
    }
    out
}

impl<'a> Record<'a> {
    /// The record for a successful extraction; `text` is the rendered content.
    pub fn ok(source: &'a str, doc: &'a Document, text: &'a str) -> Self {
        Record {
            source,
            id: None,
            url: doc.url.as_deref(),
            title: doc.title.as_deref(),
            author: doc.author.as_deref(),
            date: doc.date.as_deref(),
            site_name: doc.site_name.as_deref(),
            description: doc.description.as_deref(),
            image: doc.image.as_deref(),
            tags: &doc.tags,
            language: doc.language.as_deref(),
            rule: doc.rule.as_deref(),
            confidence: Some(doc.confidence),
            input_format: Some(doc.input_format.name()),
            text,
            error: None,
            extra: None,
        }
    }

    /// The record for a failed input: every field null but `source`, `url` and `error`.
    pub fn failed(source: &'a str, url: Option<&'a str>, error: String) -> Self {
        Record {
            source,
            id: None,
            url,
            title: None,
            author: None,
            date: None,
            site_name: None,
            description: None,
            image: None,
            tags: &[],
            language: None,
            rule: None,
            confidence: None,
            input_format: None,
            text: "",
            error: Some(error),
            extra: None,
        }
    }

    /// With the input's id.
    pub fn with_id(self, id: Option<&'a Value>) -> Self {
        Record { id, ..self }
    }

    /// With pass-through fields (already renamed by [`passthrough`]); none
    /// when the map is empty.
    pub fn with_extra(self, extra: &'a Map<String, Value>) -> Self {
        Record { extra: (!extra.is_empty()).then_some(extra), ..self }
    }

    /// From a library result.
    pub fn from_result(source: &'a str, url: Option<&'a str>, result: &'a Result<Document, Error>) -> Self {
        match result {
            Ok(doc) => Record::ok(source, doc, &doc.text),
            Err(e) => Record::failed(source, url, e.to_string()),
        }
    }

    /// One line of JSON.
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| format!("{{\"error\":\"cannot serialise record: {e}\"}}"))
    }

    /// Indented JSON.
    pub fn to_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\":\"cannot serialise record: {e}\"}}"))
    }
}
