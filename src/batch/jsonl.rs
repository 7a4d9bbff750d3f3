//! JSONL input: one JSON object a line carrying a page in `html` or a dump
//! in `text`, with an optional `url` and `id`; every other field is kept to
//! be passed through to the output record unchanged.
//!
//! Lines are read with a length limit (an over-long line is skipped
//! streaming, never held in memory) and, optionally, a time limit. Values
//! are never parsed into a tree: every field stays the JSON text it was
//! written as (so numbers pass through with every digit), and a line of
//! more than [`MAX_FIELDS`] top-level fields is refused (`too complex`), so
//! a line costs about three times its length at most. A UTF-8 BOM opening
//! line 1 is dropped; a lone surrogate escape (`\ud800`) in `html`, `text`
//! or `url` decodes as U+FFFD, and stays as written in pass-through fields.
//! This module does not extract anything.

mod unescape;

use std::collections::HashMap;
use std::fmt;
use std::io::{self, BufRead};
use std::time::{Duration, Instant};

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;
use thiserror::Error;

use self::unescape::decode_string;
use super::fill::fill_buf_retrying;
use crate::render::json::PassThrough;

/// Which field held the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentField {
    Html,
    Text,
}

/// One record of a JSONL input.
#[derive(Debug, Clone)]
pub struct JsonlRecord {
    /// The page (`html`) or dump (`text`).
    pub content: String,
    pub field: ContentField,
    pub url: Option<String>,
    /// The record's `id` (a string or a number), its JSON text as written.
    pub id: Option<Box<RawValue>>,
    /// Every other field, in input order, each value as written.
    pub extra: PassThrough,
}

impl PartialEq for JsonlRecord {
    fn eq(&self, other: &Self) -> bool {
        self.content == other.content
            && self.field == other.field
            && self.url == other.url
            && self.id.as_ref().map(|v| v.get()) == other.id.as_ref().map(|v| v.get())
            && self.extra == other.extra
    }
}

/// Why a line is not a record.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum JsonlError {
    /// Not JSON; the message names the column and what was wrong.
    #[error("invalid JSON {0}")]
    InvalidJson(String),
    /// An object with more top-level fields than [`MAX_FIELDS`].
    #[error("too complex: {count} fields, over the limit of {limit}")]
    TooManyFields { count: usize, limit: usize },
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
    /// Reading the line took longer than the reader's time limit (a huge
    /// line being read through). The rest of the input is not read.
    #[error("reading the line took over {limit:?} (--timeout): the rest of the input is not read")]
    Timeout { limit: Duration },
}

/// How far an over-long line is read through to find its end before the
/// input is given up (a 500 MB line is skipped; a 10 GB bomb is not read out).
pub const MAX_SKIPPED_LINE_BYTES: u64 = 1 << 30;

/// Most top-level fields a record may have. Each costs a name and a value
/// slot (about 80 bytes) beside the line itself, so a 60 MB line of tiny
/// fields would take about 1 GB; real records have tens. Nested values are
/// never parsed into a tree (they pass through as text), so only the top
/// level needs a bound.
pub const MAX_FIELDS: usize = 10_000;

/// A UTF-8 byte order mark, allowed (and dropped) at the start of line 1.
const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";

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
    /// How long reading one line may take.
    time_limit: Option<Duration>,
}

impl<R: BufRead> JsonlReader<R> {
    /// A reader whose lines may be at most `max_line_bytes` long.
    pub fn new(reader: R, max_line_bytes: usize) -> Self {
        JsonlReader { reader, max_line_bytes, line: 0, buf: Vec::new(), done: false, time_limit: None }
    }

    /// Give up reading a line (and the rest of the input) once it has taken
    /// `limit`: reading an over-long line through to its end costs time.
    pub fn with_time_limit(mut self, limit: Option<Duration>) -> Self {
        self.time_limit = limit;
        self
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = io::Result<JsonlItem>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        self.buf.clear();
        let deadline = self.time_limit.and_then(|limit| Instant::now().checked_add(limit));
        let read = match read_line_limited(&mut self.reader, self.max_line_bytes, &mut self.buf, deadline) {
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
            LineRead::TimedOut => {
                self.done = true;
                let limit = self.time_limit.unwrap_or_default();
                JsonlItem::Invalid { line, error: JsonlError::Timeout { limit }, fields: None }
            }
            LineRead::Line => {
                let text = if line == 1 { self.buf.strip_prefix(UTF8_BOM).unwrap_or(&self.buf) } else { &self.buf[..] };
                if text.iter().all(u8::is_ascii_whitespace) {
                    JsonlItem::Blank { line }
                } else {
                    match parse_record(text) {
                        Ok(record) => JsonlItem::Record { line, record },
                        Err((error, fields)) => JsonlItem::Invalid { line, error, fields },
                    }
                }
            }
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
    /// The deadline passed before the line end.
    TimedOut,
}

/// Read one line (without its `\n`) into `buf`, keeping at most `limit`
/// bytes; a longer line is read through to its end and dropped, unless
/// `deadline` passes first.
fn read_line_limited<R: BufRead>(reader: &mut R, limit: usize, buf: &mut Vec<u8>, deadline: Option<Instant>) -> io::Result<LineRead> {
    let mut any = false;
    let mut too_long = false;
    let mut read = 0u64;
    loop {
        if read > MAX_SKIPPED_LINE_BYTES {
            return Ok(LineRead::NoEnd);
        }
        if deadline.is_some_and(|d| Instant::now() > d) {
            return Ok(LineRead::TimedOut);
        }
        let chunk = fill_buf_retrying(reader)?;
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
/// other fields. Values are not parsed into a tree: every field is kept as
/// its JSON text, and only `html`, `text` and `url` strings are decoded.
fn parse_record(line: &[u8]) -> Result<JsonlRecord, (JsonlError, Option<Box<JsonlRecord>>)> {
    let start = line.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(line.len());
    if line.get(start) != Some(&b'{') {
        // Say whether it is JSON at all.
        return Err(match serde_json::from_slice::<IgnoredAny>(line) {
            Ok(_) => (JsonlError::NotAnObject, None),
            Err(e) => (invalid_json(&e), None),
        });
    }
    let fields: Fields = serde_json::from_slice(line).map_err(|e| (invalid_json(&e), None))?;
    if fields.count > MAX_FIELDS {
        return Err((JsonlError::TooManyFields { count: fields.count, limit: MAX_FIELDS }, None));
    }
    let mut fields = dedup(fields.entries);
    // Both given: the page is the content and `text` passes through.
    let found = if let Some(html) = take_string(&mut fields, "html") {
        Some((html, ContentField::Html))
    } else {
        take_string(&mut fields, "text").map(|text| (text, ContentField::Text))
    };
    let url = take_string(&mut fields, "url");
    let id = take(&mut fields, "id", |raw| is_string(raw) || is_number(raw)).map(RawValue::to_owned);
    let extra = PassThrough::new(fields.into_iter().map(|(k, v)| (k, one_line(v))).collect());
    match found {
        Some((content, field)) => Ok(JsonlRecord { content, field, url, id, extra }),
        None => Err((JsonlError::NoContent, Some(Box::new(JsonlRecord { content: String::new(), field: ContentField::Html, url, id, extra })))),
    }
}

/// A serde_json error without its "at line 1 column N" (the line is the
/// JSONL line, named by the caller): `at column N: reason`.
fn invalid_json(e: &serde_json::Error) -> JsonlError {
    let message = e.to_string();
    let reason = message.rsplit_once(" at line ").map_or(message.as_str(), |(r, _)| r);
    JsonlError::InvalidJson(format!("at column {}: {reason}", e.column()))
}

/// A record's top-level fields as borrowed JSON texts, in order; past
/// [`MAX_FIELDS`] they are only counted.
struct Fields<'a> {
    entries: Vec<(String, &'a RawValue)>,
    count: usize,
}

impl<'de> Deserialize<'de> for Fields<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(FieldsVisitor)
    }
}

struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = Fields<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields<'de>, A::Error> {
        let mut entries = Vec::new();
        let mut count = 0usize;
        loop {
            if count >= MAX_FIELDS {
                match map.next_entry::<IgnoredAny, IgnoredAny>()? {
                    Some(_) => count += 1,
                    None => break,
                }
                continue;
            }
            match map.next_entry::<String, &'de RawValue>()? {
                Some(entry) => {
                    entries.push(entry);
                    count += 1;
                }
                None => break,
            }
        }
        Ok(Fields { entries, count })
    }
}

/// One entry a name, as a JSON object reader sees it: a repeated name keeps
/// its first place and its last value.
fn dedup(entries: Vec<(String, &RawValue)>) -> Vec<(String, &RawValue)> {
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(entries.len());
    let mut out: Vec<(String, &RawValue)> = Vec::with_capacity(entries.len());
    for (name, value) in entries {
        match seen.get(&name) {
            Some(&i) => {
                if let Some(slot) = out.get_mut(i) {
                    slot.1 = value;
                }
            }
            None => {
                seen.insert(name.clone(), out.len());
                out.push((name, value));
            }
        }
    }
    out
}

/// `raw` owned, a carriage return (which can only be whitespace between
/// tokens: JSON strings cannot hold one raw) made a space, so the output
/// line holds no line break for a universal-newline reader to split on.
fn one_line(raw: &RawValue) -> Box<RawValue> {
    if !raw.get().contains('\r') {
        return raw.to_owned();
    }
    RawValue::from_string(raw.get().replace('\r', " ")).unwrap_or_else(|_| raw.to_owned())
}

fn is_string(raw: &RawValue) -> bool {
    raw.get().starts_with('"')
}

fn is_number(raw: &RawValue) -> bool {
    raw.get().starts_with(|c: char| c == '-' || c.is_ascii_digit())
}

/// Remove and return field `key` when `wanted` accepts its value (others stay).
fn take<'a>(fields: &mut Vec<(String, &'a RawValue)>, key: &str, wanted: impl Fn(&RawValue) -> bool) -> Option<&'a RawValue> {
    let i = fields.iter().position(|(k, v)| k == key && wanted(v))?;
    Some(fields.remove(i).1)
}

/// Remove and return `key` when it holds a string, decoded (a lone
/// surrogate escape becomes U+FFFD); other types stay.
fn take_string(fields: &mut Vec<(String, &RawValue)>, key: &str) -> Option<String> {
    take(fields, key, is_string).map(|raw| decode_string(raw.get()))
}

/// A JSONL id as a name key: a string decoded, a number as written.
pub fn id_key(id: &RawValue) -> String {
    if is_string(id) { decode_string(id.get()) } else { id.get().to_owned() }
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
        assert_eq!(record.id.as_deref().map(RawValue::get), Some("7"));
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
        assert_eq!(kept.extra.get("title"), Some("\"no content\""));
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
        assert_eq!(kept.id.as_deref().map(RawValue::get), Some("\"r-9\""));
        assert_eq!(kept.url.as_deref(), Some("https://a.com/"));
        assert_eq!(serde_json::to_string(&kept.extra).unwrap(), "{\"html\":17,\"shard\":3}");
    }

    /// A reader that never ends a line and takes 20 ms a read.
    struct Slow;

    impl std::io::Read for Slow {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            std::thread::sleep(Duration::from_millis(20));
            buf.fill(b'a');
            Ok(buf.len())
        }
    }

    #[test]
    fn a_line_that_takes_too_long_ends_the_input() {
        let mut reader = JsonlReader::new(std::io::BufReader::with_capacity(64, Slow), 100).with_time_limit(Some(Duration::from_millis(100)));
        let started = Instant::now();
        let first = reader.next().unwrap().unwrap();
        assert!(matches!(first, JsonlItem::Invalid { line: 1, error: JsonlError::Timeout { .. }, .. }), "{first:?}");
        assert!(started.elapsed() < Duration::from_secs(2));
        assert!(reader.next().is_none());
    }

    #[test]
    fn fields_are_text_and_counted() {
        let got = items("\u{feff}{\"html\":\"a\\ud800\",\"n\":1.000000000000000000001,\"n\":[1e999],\"url\":2}\n", 1000);
        let JsonlItem::Record { record, .. } = &got[0] else { panic!("{got:?}") };
        assert_eq!(record.content, "a\u{fffd}");
        assert_eq!(record.url, None);
        assert_eq!(serde_json::to_string(&record.extra).unwrap(), "{\"n\":[1e999],\"url\":2}", "a repeated name keeps its place and last value");
        let many = format!("{{\"html\":\"x\"{}}}", (0..MAX_FIELDS).map(|i| format!(",\"f{i}\":0")).collect::<String>());
        let got = items(&many, 1 << 20);
        assert!(matches!(&got[0], JsonlItem::Invalid { error: JsonlError::TooManyFields { count, .. }, .. } if *count == MAX_FIELDS + 1), "{:?}", got[0]);
        let got = items("{\"text\":\"a\",\"v\":[1,\r2]}", 1000);
        assert!(matches!(&got[0], JsonlItem::Record { record, .. } if record.extra.get("v") == Some("[1, 2]")), "{got:?}");
        let got = items("\u{feff}\n{\"text\":\"\u{feff}x\"}", 1000);
        assert_eq!(got[0], JsonlItem::Blank { line: 1 });
        assert!(matches!(&got[1], JsonlItem::Record { record, .. } if record.content == "\u{feff}x"), "a BOM is dropped on line 1 only");
    }

    #[test]
    fn html_wins_and_text_passes_through() {
        let got = items("{\"text\":\"plain\",\"html\":\"<p>x</p>\",\"id\":{\"k\":1}}", 1000);
        let JsonlItem::Record { record, .. } = &got[0] else { panic!() };
        assert_eq!(record.field, ContentField::Html);
        assert_eq!(record.extra.get("text"), Some("\"plain\""));
        assert!(record.id.is_none());
        assert_eq!(record.extra.get("id"), Some("{\"k\":1}"));
    }
}
