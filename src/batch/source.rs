//! The batch's inputs as one ordered stream of [`Item`]s: every page file,
//! every JSONL line and every WARC record named on the command line becomes
//! a [`Unit`] (bytes to extract, or the error that kept them from being
//! read), and every record deliberately not extracted (a WARC `request`, an
//! image response, a blank line) a [`Item::Skipped`]. Nothing is dropped
//! silently: the sink counts both.
//!
//! Reading is sequential and streaming: one unit is in memory here at a
//! time, each at most `max_bytes` long. Extraction happens elsewhere.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::value::RawValue;

use super::compress::{self, Compression, Members};
pub use super::packed::{Packed, Pending};
use super::packed::{packed_page, page_content, unread_page};
use super::http::HttpError;
use super::jsonl::{id_key, ContentField, JsonlError, JsonlItem, JsonlReader, JsonlRecord};
use super::name::{self, UniqueNames};
use super::walk::{self, GlobError, InputPath, WalkOptions};
use super::warc::{SkipReason, WarcError, WarcItem, WarcLimits, WarcReader};
use crate::render::json::{passthrough, PassThrough, WarcFields};
use crate::InputFormat;

/// A UTF-8 byte order mark, skipped when sniffing (a JSONL file may start with one).
const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";
/// The first bytes of an ARC file (the WARC format's predecessor): its
/// `filedesc://` version record.
const ARC_MAGIC: &[u8] = b"filedesc://";
/// Why an ARC file is refused, after its name.
const ARC_UNSUPPORTED: &str = "ARC is not supported (convert it to WARC, e.g. with warcio or jwarc)";
/// Read buffer for input files.
const READ_BUFFER_BYTES: usize = 256 * 1024;
/// Smallest read buffer, for a file shorter than that (enough to sniff its
/// first bytes).
const MIN_READ_BUFFER_BYTES: usize = 8 * 1024;

/// What the inputs are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SourceFormat {
    /// Containers by name (`.warc`, `.jsonl`, `.ndjson`, compressed or not)
    /// or first bytes (`WARC/`, `{`); anything else is a page, sniffed.
    #[default]
    Auto,
    /// Every input is an HTML page.
    Html,
    /// Every input is a text dump.
    Text,
    /// Every input is JSONL.
    Jsonl,
    /// Every input is a WARC file.
    Warc,
}

/// How inputs are found and read.
#[derive(Debug, Clone, Default)]
pub struct SourceOptions {
    pub format: SourceFormat,
    /// Largest page or record, after decompression; larger ones become
    /// error units (`too large`), read through without being kept.
    pub max_bytes: usize,
    pub walk: WalkOptions,
    /// Make every unit's `out_stem` unique in the run (for `--output-dir`):
    /// pages and container records alike claim their names from one
    /// [`UniqueNames`]. Off, stems are left as derived (and nothing is
    /// remembered per unit).
    pub unique_names: bool,
    /// How long reading one container record (a JSONL line, a WARC record,
    /// including one skipped) may take; `--timeout`. A record that takes
    /// longer ends its input with an error record (its end is not known).
    pub read_timeout: Option<Duration>,
    /// Leave page files to be read where they are extracted: a regular
    /// file a page by its name (or by the format asked for) and not
    /// compressed by its name becomes a unit holding its path, and a
    /// compressed page file one holding its compressed bytes;
    /// [`Unit::packed`] says what is left to do, which [`Unit::unpack`]
    /// does where the unit is extracted (on a worker thread, so that the
    /// one reading thread is no serial bottleneck). Off, every unit's
    /// content is read and decompressed here.
    pub defer_reading: bool,
}

/// One thing to extract.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Where it came from: a path, `path:LINE` for a JSONL line,
    /// `path#RECORD-ID` (or `path@OFFSET`) for a WARC record; stdin is `-`.
    pub source: String,
    /// The JSONL `id` or the `WARC-Record-ID`, as JSON text (a JSONL id
    /// exactly as written).
    pub id: Option<Box<RawValue>>,
    pub url: Option<String>,
    /// Charset from the HTTP `Content-Type`.
    pub charset: Option<String>,
    /// What the container says the content is.
    pub format: Option<InputFormat>,
    /// JSONL fields to pass through, already renamed where they clash with
    /// a record field ([`passthrough`]).
    pub extra: PassThrough,
    /// The WARC record's date, HTTP status and media type (WARC inputs only).
    pub warc: Option<WarcFields>,
    /// Where its output goes under `--output-dir`, without extension.
    pub out_stem: PathBuf,
    /// Bytes read for it (compressed size of a single compressed file; for
    /// a JSONL record, its content and pass-through fields, which are held
    /// in memory with it).
    pub bytes_in: u64,
    pub content: Result<Vec<u8>, UnitError>,
    /// `Some` while `content` is a page file's compressed bytes, or empty
    /// for a file not read yet: [`Unit::unpack`] before using it.
    pub packed: Option<Packed>,
}

/// Why a unit could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitError {
    /// A short, stable name for the summary (`unreadable`, `too large`…).
    pub kind: &'static str,
    pub message: String,
}

impl UnitError {
    pub(super) fn new(kind: &'static str, message: impl Into<String>) -> Self {
        UnitError { kind, message: message.into() }
    }
}

/// One item of the input stream.
#[derive(Debug, Clone)]
pub enum Item {
    Unit(Box<Unit>),
    /// A record not meant for extraction, with the reason.
    Skipped { source: String, reason: String },
    /// A file found while walking a directory and not read (not a regular
    /// file, a link leading outside the directory, the run's own output).
    SkippedFile { source: String, reason: String },
}

/// The ordered stream of items for a list of command-line inputs.
pub struct Sources {
    paths: Box<dyn Iterator<Item = Result<InputPath, walk::WalkError>> + Send>,
    current: Option<Box<dyn Iterator<Item = Item> + Send>>,
    options: SourceOptions,
    names: UniqueNames,
    containers: usize,
}

impl Sources {
    /// The inputs `args` name (`-` is stdin).
    pub fn new(args: &[PathBuf], options: SourceOptions) -> Result<Sources, GlobError> {
        let paths = Box::new(walk::walk(args, &options.walk)?);
        Ok(Sources { paths, current: None, options, names: UniqueNames::default(), containers: 0 })
    }

    /// How many WARC or JSONL inputs were opened so far.
    pub fn containers_opened(&self) -> usize {
        self.containers
    }

    /// The items of one input path.
    fn open(&mut self, path: InputPath) -> Box<dyn Iterator<Item = Item> + Send> {
        // A regular file's length, for the size of its read buffer.
        let mut file_len = None;
        let (label, rel, opened): (String, PathBuf, io::Result<Box<dyn Read + Send>>) = match path {
            InputPath::Stdin => ("-".to_owned(), PathBuf::from("stdin"), Ok(Box::new(io::stdin()))),
            InputPath::Skipped { path, reason } => {
                return Box::new(std::iter::once(Item::SkippedFile { source: path.display().to_string(), reason }));
            }
            InputPath::File { path, rel } => {
                let label = path.display().to_string();
                if let Some((len, format)) = self.deferred_page(&path, &rel) {
                    let stem = name::mirrored_stem(&rel);
                    return Box::new(std::iter::once(unread_page(label, stem, path, len, self.options.max_bytes, format)));
                }
                let file = File::open(&path).and_then(|f| match f.metadata() {
                    Ok(m) if m.is_dir() => Err(io::Error::other("is a directory")),
                    Ok(m) => {
                        file_len = m.is_file().then(|| usize::try_from(m.len()).unwrap_or(usize::MAX));
                        Ok(f)
                    }
                    _ => Ok(f),
                });
                (label, rel, file.map(|f| Box::new(f) as Box<dyn Read + Send>))
            }
        };
        let unreadable = |label: String, e: io::Error, stem: PathBuf| -> Box<dyn Iterator<Item = Item> + Send> {
            let err = UnitError::new("unreadable", format!("cannot read {label}: {e}"));
            Box::new(std::iter::once(error_unit(label, stem, err)))
        };
        let file = match opened {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound && is_url(&label) => {
                let err = UnitError::new("URL, not a file", not_fetched(&label));
                return Box::new(std::iter::once(error_unit(label, name::mirrored_stem(&rel), err)));
            }
            Err(e) => return unreadable(label, e, name::mirrored_stem(&rel)),
        };
        // A small file is read with a buffer of its size (one read, and no
        // 256 KB buffer to allocate and fault in for every page).
        let buffer = file_len.map_or(READ_BUFFER_BYTES, |n| n.saturating_add(1).clamp(MIN_READ_BUFFER_BYTES, READ_BUFFER_BYTES));
        let mut raw = BufReader::with_capacity(buffer, file);
        let compression = match raw.fill_buf() {
            Ok(head) => Compression::from_magic(head),
            Err(e) => return unreadable(label, e, name::mirrored_stem(&rel)),
        };
        let forced = self.forced_format();
        // A compressed page file (a page by the format asked for or by its
        // name) is handed on compressed, to be decompressed by a worker.
        let page_by_name = self.is_page_by_name(&rel);
        if let Some(len) = file_len.filter(|_| self.options.defer_reading && compression != Compression::None && page_by_name) {
            match packed_page(&label, &name::mirrored_stem(&rel), raw, self.options.max_bytes, compression, forced, len) {
                Ok(item) => return Box::new(std::iter::once(item)),
                // Longer than the limit compressed: read as before, the
                // bytes already read first.
                Err((head, rest)) => {
                    let chained: Box<dyn Read + Send> = Box::new(io::Cursor::new(head).chain(rest));
                    raw = BufReader::with_capacity(READ_BUFFER_BYTES, chained);
                }
            }
        }
        let (mut reader, members) = match compress::decompress_tracked(raw, compression) {
            Ok(r) => r,
            Err(e) => return unreadable(label, e, name::mirrored_stem(&rel)),
        };
        let kind = match self.options.format {
            SourceFormat::Jsonl => Kind::Jsonl,
            SourceFormat::Warc => Kind::Warc,
            SourceFormat::Html | SourceFormat::Text => Kind::Page,
            SourceFormat::Auto => kind_by_name(&rel).unwrap_or_else(|| match reader.fill_buf() {
                Ok(head) => kind_by_content(head),
                Err(_) => Kind::Page,
            }),
        };
        // An ARC file, by name or by its first record, whatever was asked.
        let arc = kind == Kind::Arc || (kind == Kind::Warc && reader.fill_buf().is_ok_and(|head| head.starts_with(ARC_MAGIC)));
        if arc {
            let err = UnitError::new("unsupported format", format!("{label}: {ARC_UNSUPPORTED}"));
            return Box::new(std::iter::once(error_unit(label, name::mirrored_stem(&rel), err)));
        }
        let max = self.options.max_bytes;
        self.containers += usize::from(kind != Kind::Page);
        match kind {
            Kind::Page | Kind::Arc => {
                let stem = name::mirrored_stem(&rel);
                Box::new(std::iter::once(read_page(label, stem, reader, max, forced)))
            }
            Kind::Jsonl => {
                let dir = self.claim(container_dir(&rel));
                Box::new(jsonl_items(label, dir, reader, max, self.options.read_timeout))
            }
            Kind::Warc => {
                let dir = self.claim(container_dir(&rel));
                Box::new(warc_items(label, dir, reader, members, max, self.options.read_timeout))
            }
        }
    }
}

impl Sources {
    /// The length and forced format of a page file left to be read where it
    /// is extracted ([`SourceOptions::defer_reading`]): a regular file, a
    /// page by the format asked for or by its name, not compressed by its
    /// name. `None` for any other input, which is opened here.
    fn deferred_page(&self, path: &Path, rel: &Path) -> Option<(usize, Option<InputFormat>)> {
        if !self.is_page_by_name(rel) || !self.options.defer_reading || Compression::from_path(rel) != Compression::None {
            return None;
        }
        let meta = std::fs::metadata(path).ok().filter(std::fs::Metadata::is_file)?;
        Some((usize::try_from(meta.len()).unwrap_or(usize::MAX), self.forced_format()))
    }

    /// Whether the input at `rel` is a page whatever its bytes: by the
    /// format asked for, or by its name when none is.
    fn is_page_by_name(&self, rel: &Path) -> bool {
        match self.options.format {
            SourceFormat::Html | SourceFormat::Text => true,
            SourceFormat::Auto => kind_by_name(rel) == Some(Kind::Page),
            SourceFormat::Jsonl | SourceFormat::Warc => false,
        }
    }

    /// The format every input is, when the one asked for says so.
    fn forced_format(&self) -> Option<InputFormat> {
        match self.options.format {
            SourceFormat::Html => Some(InputFormat::Html),
            SourceFormat::Text => Some(InputFormat::Text),
            SourceFormat::Auto | SourceFormat::Jsonl | SourceFormat::Warc => None,
        }
    }

    /// `stem` made unique in the run (with [`SourceOptions::unique_names`]).
    fn claim(&mut self, stem: PathBuf) -> PathBuf {
        if self.options.unique_names { self.names.claim(stem) } else { stem }
    }

    /// The next item, before its output name is claimed.
    fn next_unnamed(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.current.as_mut().and_then(Iterator::next) {
                return Some(item);
            }
            self.current = None;
            match self.paths.next()? {
                Ok(path) => self.current = Some(self.open(path)),
                Err(e) => {
                    let stem = name::safe_relative(Path::new(&e.path));
                    let err = UnitError::new("unreadable", e.to_string());
                    return Some(error_unit(e.path, stem, err));
                }
            }
        }
    }
}

impl Iterator for Sources {
    type Item = Item;

    /// The next item; a unit's output name is claimed here, in input order,
    /// whatever its source (a page, a record, an error), so no two units of
    /// a run share one.
    fn next(&mut self) -> Option<Item> {
        let mut item = self.next_unnamed()?;
        if let Item::Unit(unit) = &mut item {
            unit.out_stem = self.claim(std::mem::take(&mut unit.out_stem));
        }
        Some(item)
    }
}

/// Whether an input that names no file is a web address.
fn is_url(input: &str) -> bool {
    ["http://", "https://"].iter().any(|scheme| input.get(..scheme.len()).is_some_and(|head| head.eq_ignore_ascii_case(scheme)))
}

/// The error for a URL given as an input: pith reads pages, it does not
/// fetch them; the pipe that does.
fn not_fetched(url: &str) -> String {
    format!("{url}: pith does not fetch pages; fetch the page and pipe it in: curl -s '{url}' | pith extract --url '{url}' -")
}

/// What an input file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Page,
    Jsonl,
    Warc,
    /// An ARC file: refused with [`ARC_UNSUPPORTED`].
    Arc,
}

/// Whether a file's name says it holds many pages (a WARC or JSONL file,
/// compressed or not), so its page count is not known before it is read.
pub fn is_container_name(rel: &Path) -> bool {
    matches!(kind_by_name(rel), Some(Kind::Warc | Kind::Jsonl))
}

/// By extension, once a compression extension is stripped; `None` for
/// names that say nothing (the first bytes decide).
fn kind_by_name(rel: &Path) -> Option<Kind> {
    match compress::extension(&compress::strip_compression(rel)).as_deref() {
        Some("warc") => Some(Kind::Warc),
        Some("arc") => Some(Kind::Arc),
        Some("jsonl" | "ndjson") => Some(Kind::Jsonl),
        Some("html" | "htm" | "xhtml" | "shtml" | "php" | "asp" | "aspx" | "txt" | "text" | "md") => Some(Kind::Page),
        _ => None,
    }
}

/// By the first decompressed bytes: `WARC/` opens a WARC file; a `{` as the
/// first non-blank byte opens JSONL (no HTML page or text dump does).
fn kind_by_content(head: &[u8]) -> Kind {
    let head = head.strip_prefix(UTF8_BOM).unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).map_or(&[][..], |i| &head[i..]);
    if start.starts_with(b"WARC/") {
        Kind::Warc
    } else if start.starts_with(ARC_MAGIC) {
        Kind::Arc
    } else if start.starts_with(b"{") {
        Kind::Jsonl
    } else {
        Kind::Page
    }
}

/// The directory a container's records go to: its stem (`crawl.warc.gz` → `crawl`).
fn container_dir(rel: &Path) -> PathBuf {
    name::mirrored_stem(rel)
}

impl Unit {
    /// A page file's unit (no id, URL, charset, WARC fields or pass-through
    /// fields): its content or error, the bytes read, what is left to do.
    pub(super) fn page_file(source: String, out_stem: PathBuf, format: Option<InputFormat>, content: Result<Vec<u8>, UnitError>, bytes_in: u64, packed: Option<Packed>) -> Item {
        Item::Unit(Box::new(Unit { source, id: None, url: None, charset: None, format, extra: PassThrough::default(), warc: None, out_stem, bytes_in, content, packed }))
    }
}

pub(super) fn error_unit(source: String, out_stem: PathBuf, error: UnitError) -> Item {
    Unit::page_file(source, out_stem, None, Err(error), 0, None)
}

/// A whole file as one page, read up to `max` bytes.
fn read_page(source: String, out_stem: PathBuf, reader: Box<dyn BufRead + Send>, max: usize, format: Option<InputFormat>) -> Item {
    let (content, bytes_in) = page_content(&source, reader, max, 0);
    Unit::page_file(source, out_stem, format, content, bytes_in, None)
}

/// The records of a JSONL stream.
fn jsonl_items(label: String, dir: PathBuf, reader: Box<dyn BufRead + Send>, max: usize, timeout: Option<Duration>) -> impl Iterator<Item = Item> + Send {
    JsonlReader::new(reader, max).with_time_limit(timeout).map(move |item| {
        let source = |line: u64| format!("{label}:{line}");
        match item {
            Ok(JsonlItem::Record { line, record }) => record_unit(source(line), &dir, line, record, None),
            Ok(JsonlItem::Invalid { line, error, fields }) => {
                let kind = match error {
                    JsonlError::LineTooLong { .. } | JsonlError::NoLineEnd { .. } => "too large",
                    JsonlError::TooManyFields { .. } => "too complex",
                    JsonlError::Timeout { .. } => "timeout",
                    _ => "invalid JSONL line",
                };
                let unit_error = UnitError::new(kind, format!("{}: {error}", source(line)));
                match fields {
                    // An object without content: its error record keeps its id, URL and fields.
                    Some(kept) => record_unit(source(line), &dir, line, *kept, Some(unit_error)),
                    None => error_unit(source(line), dir.join(name::record_name(line, None)), unit_error),
                }
            }
            Ok(JsonlItem::Blank { line }) => Item::Skipped { source: source(line), reason: "blank line".to_owned() },
            Err(e) => error_unit(label.clone(), dir.clone(), UnitError::new("unreadable", format!("cannot read {label}: {e}"))),
        }
    })
}

/// The unit of JSONL record `line`; with `failure` (an object without
/// content) an error unit that still carries the record's id, URL and fields.
fn record_unit(source: String, dir: &Path, line: u64, record: JsonlRecord, failure: Option<UnitError>) -> Item {
    let key = record.id.as_deref().map(id_key).or_else(|| record.url.clone());
    let format = match (record.field, &failure) {
        (ContentField::Html, None) => Some(InputFormat::Html),
        _ => None,
    };
    // What the record holds in memory: content, pass-through fields, id.
    let bytes_in = (record.content.len() + record.extra.bytes() + record.id.as_deref().map_or(0, |id| id.get().len())) as u64;
    let content = match failure {
        None => Ok(record.content.into_bytes()),
        Some(e) => Err(e),
    };
    Item::Unit(Box::new(Unit {
        source,
        id: record.id,
        url: record.url,
        charset: None,
        format,
        extra: passthrough(record.extra),
        warc: None,
        out_stem: dir.join(name::record_name(line, key.as_deref())),
        bytes_in,
        content,
        packed: None,
    }))
}

/// A string as JSON text (a WARC record id).
fn json_string(text: String) -> Option<Box<RawValue>> {
    serde_json::value::to_raw_value(&text).ok()
}

/// The records of a WARC stream.
fn warc_items(label: String, dir: PathBuf, reader: Box<dyn BufRead + Send>, members: Option<Members>, max: usize, timeout: Option<Duration>) -> impl Iterator<Item = Item> + Send {
    let limits = WarcLimits { max_record_bytes: max as u64, time_limit: timeout, ..WarcLimits::default() };
    let mut ordinal = 0u64;
    WarcReader::new(reader, limits).with_members(members).map(move |item| {
        ordinal += 1;
        let source = |id: Option<&str>, offset: u64| match id {
            Some(id) => format!("{label}#{id}"),
            None => format!("{label}@{offset}"),
        };
        match item {
            Ok(WarcItem::Page(page)) => {
                let key = page.target_uri.clone().or_else(|| page.record_id.clone());
                Item::Unit(Box::new(Unit {
                    source: source(page.record_id.as_deref(), page.offset),
                    id: page.record_id.and_then(json_string),
                    url: page.target_uri,
                    charset: page.charset,
                    format: Some(InputFormat::Html),
                    extra: PassThrough::default(),
                    warc: Some(WarcFields { warc_date: page.date, http_status: page.http_status, content_type: page.content_type }),
                    out_stem: dir.join(name::record_name(ordinal, key.as_deref())),
                    bytes_in: page.body.len() as u64,
                    content: Ok(page.body),
                    packed: None,
                }))
            }
            Ok(WarcItem::Skipped { offset, record_type, reason }) => {
                let reason = match reason {
                    SkipReason::RecordType => format!("WARC {record_type} record"),
                    SkipReason::NotHtml(t) => format!("not HTML ({t})"),
                    SkipReason::HttpStatus(s) => format!("HTTP status not 2xx ({s})"),
                };
                Item::Skipped { source: source(None, offset), reason }
            }
            Err(e) => {
                let (kind, id, uri, offset) = match &e {
                    WarcError::RecordTooLarge { offset, record_id, target_uri, .. } => ("too large", record_id.clone(), target_uri.clone(), *offset),
                    WarcError::Http { offset, record_id, target_uri, reason: HttpError::TooManyHeaders { .. } | HttpError::TooManyCodings { .. } } => ("too complex", record_id.clone(), target_uri.clone(), *offset),
                    WarcError::Http { offset, record_id, target_uri, .. } => ("bad HTTP payload", record_id.clone(), target_uri.clone(), *offset),
                    WarcError::Timeout { offset, record_id, target_uri, .. } => ("timeout", record_id.clone(), target_uri.clone(), *offset),
                    WarcError::Truncated { offset, .. } => ("truncated WARC", None, None, *offset),
                    WarcError::MemberEnd { offset, record_id, target_uri, .. } => ("truncated WARC", record_id.clone(), target_uri.clone(), *offset),
                    WarcError::TruncatedHeader { offset } => ("truncated WARC", None, None, *offset),
                    WarcError::MalformedHeader { offset, .. } => ("malformed WARC", None, None, *offset),
                    // A cut or corrupt .warc.gz ends in a decompression error.
                    WarcError::Io { offset, .. } => ("corrupt input", None, None, *offset),
                };
                let src = source(id.as_deref(), offset);
                let stem = dir.join(name::record_name(ordinal, uri.as_deref().or(id.as_deref())));
                let mut item = error_unit(src.clone(), stem, UnitError::new(kind, format!("{src}: {e}")));
                if let Item::Unit(u) = &mut item {
                    u.id = id.and_then(json_string);
                    u.url = uri;
                }
                item
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_name_then_by_first_bytes() {
        assert_eq!(kind_by_name(Path::new("a/crawl.warc.gz")), Some(Kind::Warc));
        assert_eq!(kind_by_name(Path::new("x.jsonl.zst")), Some(Kind::Jsonl));
        assert_eq!(kind_by_name(Path::new("page.html.gz")), Some(Kind::Page));
        assert_eq!(kind_by_name(Path::new("dump.txt")), Some(Kind::Page), "a dump opening with a brace stays a page");
        assert_eq!(kind_by_name(Path::new("stdin")), None);
        assert_eq!(kind_by_content(b"\r\nWARC/1.1\r\n"), Kind::Warc);
        assert_eq!(kind_by_content(b"  {\"html\": \"\"}"), Kind::Jsonl);
        assert_eq!(kind_by_content(b"\xef\xbb\xbf{\"html\": \"\"}"), Kind::Jsonl, "a BOM before the first object");
        assert_eq!(kind_by_content(b"<!doctype html>"), Kind::Page);
        assert_eq!(kind_by_content(b""), Kind::Page);
        assert_eq!(kind_by_name(Path::new("old/crawl.arc.gz")), Some(Kind::Arc));
        assert!(is_url("HTTPS://example.com/a") && is_url("http://x") && !is_url("httpx/a.html") && !is_url("ftp://x"));
        assert_eq!(kind_by_content(b"filedesc://IA-001.arc 0.0.0.0 20010101000000 text/plain 76"), Kind::Arc);
    }
}
