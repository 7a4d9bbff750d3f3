//! JSON records: one object per input with the text, metadata and `error`.
//! Field order is fixed so output is byte-identical across runs.

use serde::Serialize;

use crate::document::Document;
use crate::error::Error;

/// The JSON record of one input, successful or not.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    pub source: &'a str,
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
}

impl<'a> Record<'a> {
    /// The record for a successful extraction; `text` is the rendered content.
    pub fn ok(source: &'a str, doc: &'a Document, text: &'a str) -> Self {
        Record {
            source,
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
            input_format: Some(match doc.input_format {
                crate::InputFormat::Html => "html",
                _ => "text",
            }),
            text,
            error: None,
        }
    }

    /// The record for a failed input: every field null but `source`, `url` and `error`.
    pub fn failed(source: &'a str, url: Option<&'a str>, error: String) -> Self {
        Record {
            source,
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
        }
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
