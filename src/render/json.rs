//! JSON records: one object per input with the text, metadata and `error`.
//! Field order is fixed so output is byte-identical across runs.

use std::borrow::Cow;

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::value::RawValue;

use crate::document::Document;
use crate::error::Error;
use crate::metadata::Metadata;

/// The JSON record of one input, successful or not.
#[derive(Debug, serde::Serialize)]
pub struct Record<'a> {
    pub source: &'a str,
    /// The input's id (a JSONL `id`, a `WARC-Record-ID`), its JSON text as given.
    pub id: Option<&'a RawValue>,
    /// Title, author, dates...: the fields of [`Metadata`], flat.
    #[serde(flatten)]
    pub metadata: Cow<'a, Metadata>,
    pub rule: Option<&'a str>,
    pub confidence: Option<f32>,
    pub input_format: Option<&'static str>,
    /// The WARC record's fields, present only for an input read from WARC.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub warc: Option<&'a WarcFields>,
    pub text: &'a str,
    pub error: Option<String>,
    /// Why the page was left out of the corpus (`--min-length`,
    /// `--min-confidence`, `--language`); present only for such a page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filtered: Option<&'a str>,
    /// Fields of the input record passed through (see [`passthrough`]).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub extra: Option<&'a PassThrough>,
}

/// Fields of a record read from a WARC file, from its WARC and HTTP heads.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct WarcFields {
    /// `WARC-Date`, as written (`2024-05-01T12:00:00Z`).
    pub warc_date: Option<String>,
    /// The recorded HTTP status; `null` for a `resource` record.
    pub http_status: Option<u16>,
    /// The payload's media type, lowercased, without parameters.
    pub content_type: Option<String>,
}

/// The record's own fields before the metadata, and after it.
const LEADING_FIELDS: [&str; 2] = ["source", "id"];
const TRAILING_FIELDS: [&str; 5] = ["rule", "confidence", "input_format", "text", "error"];
/// The names of [`WarcFields`]' fields, in order.
pub const WARC_FIELDS: [&str; 3] = ["warc_date", "http_status", "content_type"];
/// The field naming why a page was filtered out.
pub const FILTERED_FIELD: &str = "filtered";

/// The names of the fields every record has, in output order: `source`,
/// `id`, the [`Metadata`] fields, then `rule`, `confidence`, `input_format`,
/// `text` and `error`. A record read from WARC has the [`WARC_FIELDS`]
/// between `input_format` and `text`; a filtered page has
/// [`FILTERED_FIELD`] after `error`.
pub fn record_fields() -> impl Iterator<Item = &'static str> {
    LEADING_FIELDS.into_iter().chain(Metadata::FIELDS.iter().copied()).chain(TRAILING_FIELDS)
}

/// The names of the fields only some records have.
pub fn optional_record_fields() -> impl Iterator<Item = &'static str> {
    WARC_FIELDS.into_iter().chain([FILTERED_FIELD])
}

/// Whether `name` is one of the record's own fields.
pub fn is_record_field(name: &str) -> bool {
    record_fields().chain(optional_record_fields()).any(|f| f == name)
}

/// Fields of an input record passed through to its output record, in
/// input order, each value kept as the JSON text it was read as (numbers
/// keep every digit, nothing is parsed into a tree).
#[derive(Debug, Clone, Default)]
pub struct PassThrough(Vec<(String, Box<RawValue>)>);

impl PassThrough {
    /// Fields as given, in order (names should be unique).
    pub fn new(fields: Vec<(String, Box<RawValue>)>) -> Self {
        PassThrough(fields)
    }

    /// Whether there is no field.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many fields there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The JSON text of the field called `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v.get())
    }

    /// The fields in order: name and JSON text.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(n, v)| (n.as_str(), v.get()))
    }

    /// Total bytes of names and values (what holding them costs).
    pub fn bytes(&self) -> usize {
        self.0.iter().map(|(n, v)| n.len() + v.get().len()).sum()
    }
}

impl PartialEq for PassThrough {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Serialize for PassThrough {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// An input record's fields made ready to pass through: a field named like
/// one of the record's own ([`record_fields`]) is renamed `input_NAME`
/// (`input_input_NAME`… should that be taken too); order is kept.
pub fn passthrough(extra: PassThrough) -> PassThrough {
    if !extra.0.iter().any(|(k, _)| is_record_field(k)) {
        return extra;
    }
    let mut taken: std::collections::HashSet<String> = extra.0.iter().map(|(k, _)| k.clone()).collect();
    let mut out = Vec::with_capacity(extra.0.len());
    for (key, value) in extra.0 {
        let mut name = key;
        if is_record_field(&name) {
            while is_record_field(&name) || taken.contains(&name) {
                name = format!("input_{name}");
            }
            taken.insert(name.clone());
        }
        out.push((name, value));
    }
    PassThrough(out)
}

impl<'a> Record<'a> {
    /// The record for a successful extraction; `text` is the rendered content.
    pub fn ok(source: &'a str, doc: &'a Document, text: &'a str) -> Self {
        Record {
            source,
            id: None,
            metadata: Cow::Borrowed(&doc.metadata),
            rule: doc.rule.as_deref(),
            confidence: Some(doc.confidence),
            input_format: Some(doc.input_format.name()),
            warc: None,
            text,
            error: None,
            filtered: None,
            extra: None,
        }
    }

    /// The record for a failed input: every field null but `source`, `url` and `error`.
    pub fn failed(source: &'a str, url: Option<&'a str>, error: String) -> Self {
        Record {
            source,
            id: None,
            metadata: Cow::Owned(Metadata { url: url.map(str::to_owned), ..Metadata::default() }),
            rule: None,
            confidence: None,
            input_format: None,
            warc: None,
            text: "",
            error: Some(error),
            filtered: None,
            extra: None,
        }
    }

    /// With the input's id (its JSON text).
    pub fn with_id<T: AsRef<RawValue> + ?Sized>(self, id: Option<&'a T>) -> Self {
        Record { id: id.map(AsRef::as_ref), ..self }
    }

    /// With the WARC record's fields (none for other inputs).
    pub fn with_warc(self, warc: Option<&'a WarcFields>) -> Self {
        Record { warc, ..self }
    }

    /// Marked as filtered out, for `reason`.
    pub fn with_filtered(self, reason: &'a str) -> Self {
        Record { filtered: Some(reason), ..self }
    }

    /// With pass-through fields (already renamed by [`passthrough`]); none
    /// when the map is empty.
    pub fn with_extra(self, extra: &'a PassThrough) -> Self {
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
