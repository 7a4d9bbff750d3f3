//! JSONL input: one JSON object a line carrying a page in `html` or a dump
//! in `text`, with an optional `url` and `id`; every other field is kept to
//! be passed through to the output record unchanged.
//!
//! Lines are read with a length limit (an over-long line is skipped
//! streaming, never held in memory). This module does not extract anything.

use std::io::{self, BufRead};

use serde_json::{Map, Value};
use thiserror::Error;

/// Which field held the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentField {
    Html,
    Text,
}

/// One record of a JSONL input.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonlRecord {
    /// The page (`html`) or dump (`text`).
    pub content: String,
    pub field: ContentField,
    pub url: Option<String>,
    /// The record's `id`, as given (a string or a number).
    pub id: Option<Value>,
    /// Every other field, in input order.
    pub extra: Map<String, Value>,
}

/// Why a line is not a record.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum JsonlError {
    #[error("invalid JSON: {0}")]
    InvalidJson(String),
    #[error("not a JSON object")]
    NotAnObject,
    #[error("no `html` or `text` string field")]
    NoContent,
    #[error("line is over {limit} bytes (skipped)")]
    LineTooLong { limit: usize },
    /// A line ran on past [`MAX_SKIPPED_LINE_BYTES`]: a decompression bomb
    /// or not JSONL at all. The rest of the input is not read.
    #[error("no line end within {limit} bytes: the rest of the input is not read")]
    NoLineEnd { limit: u64 },
}

/// How far an over-long line is read through to find its end before the
/// input is given up (a 500 MB line is skipped; a 10 GB bomb is not read out).
pub const MAX_SKIPPED_LINE_BYTES: u64 = 1 << 30;

/// One line of the input, by its 1-based number.
#[derive(Debug, Clone, PartialEq)]
pub enum JsonlItem {
    Record { line: u64, record: JsonlRecord },
    /// A line that is not a record; reading goes on. An object without
    /// content keeps its `id`, `url` and other fields in `fields` (its
    /// `content` empty), so its error record can carry them.
    Invalid { line: u64, error: JsonlError, fields: Option<Box<JsonlRecord>> },
    /// An empty or whitespace-only line.
    Blank { line: u64 },
}

/// Reads JSONL records from a stream, line by line.
pub struct JsonlReader<R> {
    reader: R,
    max_line_bytes: usize,
    line: u64,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> JsonlReader<R> {
    /// A reader whose lines may be at most `max_line_bytes` long.
    pub fn new(reader: R, max_line_bytes: usize) -> Self {
        JsonlReader { reader, max_line_bytes, line: 0, buf: Vec::new(), done: false }
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = io::Result<JsonlItem>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        self.buf.clear();
        let read = match read_line_limited(&mut self.reader, self.max_line_bytes, &mut self.buf) {
            Ok(r) => r,
            Err(e) => {
                self.done = true;
                return Some(Err(e));
            }
        };
        self.line += 1;
        let line = self.line;
        Some(Ok(match read {
            LineRead::Eof => {
                self.done = true;
                return None;
            }
            LineRead::TooLong => JsonlItem::Invalid { line, error: JsonlError::LineTooLong { limit: self.max_line_bytes }, fields: None },
            LineRead::NoEnd => {
                self.done = true;
                JsonlItem::Invalid { line, error: JsonlError::NoLineEnd { limit: MAX_SKIPPED_LINE_BYTES }, fields: None }
            }
            LineRead::Line if self.buf.iter().all(u8::is_ascii_whitespace) => JsonlItem::Blank { line },
            LineRead::Line => match parse_record(&self.buf) {
                Ok(record) => JsonlItem::Record { line, record },
                Err((error, fields)) => JsonlItem::Invalid { line, error, fields },
            },
        }))
    }
}

/// What [`read_line_limited`] found.
#[derive(Debug, PartialEq, Eq)]
enum LineRead {
    Eof,
    Line,
    /// Over the limit: the line was consumed but not kept.
    TooLong,
    /// No line end within [`MAX_SKIPPED_LINE_BYTES`].
    NoEnd,
}

/// Read one line (without its `\n`) into `buf`, keeping at most `limit`
/// bytes; a longer line is read through to its end and dropped.
fn read_line_limited<R: BufRead>(reader: &mut R, limit: usize, buf: &mut Vec<u8>) -> io::Result<LineRead> {
    let mut any = false;
    let mut too_long = false;
    let mut read = 0u64;
    loop {
        if read > MAX_SKIPPED_LINE_BYTES {
            return Ok(LineRead::NoEnd);
        }
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (part, found) = match memchr_newline(chunk) {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        if !too_long {
            if buf.len() + part.len() > limit {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(part);
            }
        }
        let used = found.unwrap_or(chunk.len());
        read += used as u64;
        reader.consume(used);
        if found.is_some() {
            break;
        }
    }
    if !any {
        return Ok(LineRead::Eof);
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(if too_long { LineRead::TooLong } else { LineRead::Line })
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

/// A line as a record; an object without content comes back with its
/// other fields.
fn parse_record(line: &[u8]) -> Result<JsonlRecord, (JsonlError, Option<Box<JsonlRecord>>)> {
    let value: Value = serde_json::from_slice(line).map_err(|e| (JsonlError::InvalidJson(e.to_string()), None))?;
    let Value::Object(mut fields) = value else {
        return Err((JsonlError::NotAnObject, None));
    };
    // Both given: the page is the content and `text` passes through.
    let found = if let Some(html) = take_string(&mut fields, "html") {
        Some((html, ContentField::Html))
    } else {
        take_string(&mut fields, "text").map(|text| (text, ContentField::Text))
    };
    let url = take_string(&mut fields, "url");
    let id = match fields.get("id") {
        Some(Value::String(_) | Value::Number(_)) => fields.shift_remove("id"),
        _ => None,
    };
    match found {
        Some((content, field)) => Ok(JsonlRecord { content, field, url, id, extra: fields }),
        None => Err((JsonlError::NoContent, Some(Box::new(JsonlRecord { content: String::new(), field: ContentField::Html, url, id, extra: fields })))),
    }
}

/// Remove and return `key` when it holds a string (other types stay).
fn take_string(fields: &mut Map<String, Value>, key: &str) -> Option<String> {
    match fields.get(key) {
        Some(Value::String(_)) => match fields.shift_remove(key) {
            Some(Value::String(s)) => Some(s),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(input: &str, limit: usize) -> Vec<JsonlItem> {
        JsonlReader::new(input.as_bytes(), limit).map(|r| r.unwrap()).collect()
    }

    #[test]
    fn records_keep_extra_fields_in_order() {
        let got = items("{\"z\":1,\"html\":\"<p>x</p>\",\"url\":\"https://a.com/\",\"id\":7,\"a\":{\"b\":[1]}}\n", 1000);
        let JsonlItem::Record { line: 1, record } = &got[0] else { panic!("{got:?}") };
        assert_eq!(record.content, "<p>x</p>");
        assert_eq!(record.field, ContentField::Html);
        assert_eq!(record.url.as_deref(), Some("https://a.com/"));
        assert_eq!(record.id, Some(Value::from(7)));
        assert_eq!(serde_json::to_string(&record.extra).unwrap(), "{\"z\":1,\"a\":{\"b\":[1]}}");
    }

    #[test]
    fn bad_lines_are_items_and_reading_goes_on() {
        let got = items("{\"text\":\"a\"}\n{broken\n\n[1]\n{\"title\":\"no content\"}\n{\"text\":\"b\"}", 1000);
        assert_eq!(got.len(), 6);
        assert!(matches!(&got[1], JsonlItem::Invalid { line: 2, error: JsonlError::InvalidJson(_), fields: None }));
        assert_eq!(got[2], JsonlItem::Blank { line: 3 });
        assert_eq!(got[3], JsonlItem::Invalid { line: 4, error: JsonlError::NotAnObject, fields: None });
        let JsonlItem::Invalid { line: 5, error: JsonlError::NoContent, fields: Some(kept) } = &got[4] else { panic!("{:?}", got[4]) };
        assert_eq!(kept.extra.get("title"), Some(&Value::from("no content")));
        assert!(matches!(&got[5], JsonlItem::Record { line: 6, record } if record.content == "b"));
    }

    #[test]
    fn long_lines_are_skipped_not_kept() {
        let long = format!("{{\"text\":\"{}\"}}", "x".repeat(5000));
        let input = format!("{long}\r\n{{\"text\":\"short\"}}\r\n");
        let mut reader = JsonlReader::new(std::io::BufReader::with_capacity(64, input.as_bytes()), 100);
        let first = reader.next().unwrap().unwrap();
        assert_eq!(first, JsonlItem::Invalid { line: 1, error: JsonlError::LineTooLong { limit: 100 }, fields: None });
        assert!(reader.buf.capacity() < 1000, "the long line was buffered");
        assert!(matches!(reader.next().unwrap().unwrap(), JsonlItem::Record { line: 2, record } if record.content == "short"));
        assert!(reader.next().is_none());
    }

    #[test]
    fn a_record_without_content_keeps_its_id_and_url() {
        let got = items("{\"id\":\"r-9\",\"url\":\"https://a.com/\",\"html\":17,\"shard\":3}\n", 1000);
        let JsonlItem::Invalid { error: JsonlError::NoContent, fields: Some(kept), .. } = &got[0] else { panic!("{got:?}") };
        assert_eq!(kept.id, Some(Value::from("r-9")));
        assert_eq!(kept.url.as_deref(), Some("https://a.com/"));
        assert_eq!(serde_json::to_string(&kept.extra).unwrap(), "{\"html\":17,\"shard\":3}");
    }

    #[test]
    fn html_wins_and_text_passes_through() {
        let got = items("{\"text\":\"plain\",\"html\":\"<p>x</p>\",\"id\":{\"k\":1}}", 1000);
        let JsonlItem::Record { record, .. } = &got[0] else { panic!() };
        assert_eq!(record.field, ContentField::Html);
        assert_eq!(record.extra.get("text"), Some(&Value::from("plain")));
        assert_eq!(record.id, None);
        assert_eq!(record.extra.get("id"), Some(&serde_json::json!({"k": 1})));
    }
}
