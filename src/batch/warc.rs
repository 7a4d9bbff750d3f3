//! Streaming reader for WARC 1.0/1.1 files, in the form Common Crawl writes them.
//!
//! [`WarcReader`] walks a decompressed WARC stream one record at a time and
//! yields a [`WarcItem::Page`] for every `response` or `resource` record whose
//! payload is HTML (by HTTP `Content-Type`, or sniffed when the type is missing
//! or generic), and a [`WarcItem::Skipped`] with a [`SkipReason`] for every
//! other record. The HTTP part of a response is parsed and its transfer and
//! content codings undone by [`super::http`].
//!
//! Memory: one record block at a time, never more than
//! [`WarcLimits::max_record_bytes`] (plus its decoded payload, bounded by the
//! same limit); the header block is bounded by [`WarcLimits::max_header_bytes`].
//! Blocks that are not kept (other record types, records over the limit) are
//! skipped by streaming them to a sink.
//!
//! Not done here: decompression of the file (wrap a `.warc.gz` in
//! `flate2::bufread::MultiGzDecoder` and a `BufReader`), digest checks,
//! `revisit` resolution, segmented (`continuation`) records, and charset
//! decoding of the body. After a malformed header the reader does not scan
//! for the next `WARC/1.` line (it could land inside a payload): iteration
//! ends (see [`WarcError::is_fatal`]), unless the stream is multi-member
//! gzip followed with [`WarcReader::with_members`], where it resumes at the
//! next member that opens with a `WARC/` line.
//!
//! Time: with [`WarcLimits::time_limit`], reading one record (skipped ones
//! too) that takes longer ends iteration with [`WarcError::Timeout`].
//!
//! ```no_run
//! use std::io::BufReader;
//! use flate2::bufread::MultiGzDecoder;
//! use pith::batch::warc::{WarcItem, WarcLimits, WarcReader};
//!
//! let file = BufReader::new(std::fs::File::open("CC-MAIN-example.warc.gz")?);
//! for item in WarcReader::new(BufReader::new(MultiGzDecoder::new(file)), WarcLimits::default()) {
//!     match item {
//!         Ok(WarcItem::Page(page)) => println!("{:?}: {} bytes", page.target_uri, page.body.len()),
//!         Ok(WarcItem::Skipped { .. }) => {}
//!         Err(e) => eprintln!("{e}"),
//!     }
//! }
//! # Ok::<(), std::io::Error>(())
//! ```

mod sniff;

use std::io::{self, BufRead, Read};
use std::time::{Duration, Instant};

use thiserror::Error;

use self::sniff::{is_html_or_generic, is_html_type, looks_like_html};
use super::compress::Members;
use super::fill::fill_buf_retrying;
use super::http::{self, HttpError};

/// Default [`WarcLimits::max_record_bytes`]: 64 MiB.
pub const DEFAULT_MAX_RECORD_BYTES: u64 = 64 << 20;
/// Default [`WarcLimits::max_header_bytes`]: 1 MiB. Real header blocks
/// are under 2 KiB, but a `WARC-Target-URI` can be a long `data:` or query
/// URL (hundreds of KiB have been seen); 1 MiB of header lines costs a few
/// MiB at most. A larger block is refused ([`WarcError::MalformedHeader`]).
pub const DEFAULT_MAX_HEADER_BYTES: usize = 1 << 20;
/// A `Content-Length` above this (1 TiB) is a corrupt header, not a big record.
const MAX_PLAUSIBLE_CONTENT_LENGTH: u64 = 1 << 40;
/// Body buffers start at most this large: a declared length is not trusted.
const MAX_BODY_PREALLOC: u64 = 1 << 20;
/// A record ends with two CRLFs; at most this many line-end bytes are eaten after it.
const RECORD_END_BYTES: u64 = 4;
/// Most line-end bytes taken as blank lines before a record's `WARC/`
/// line (writers put none or a few); more is not a WARC stream, and reading
/// through it (a bomb of newlines) would cost unbounded time.
const MAX_GAP_BYTES: u64 = 64 << 10;
/// Most bytes read through looking for the next gzip member that starts a
/// record, after a malformed header (with no time limit set, the only bound).
const MAX_RESYNC_BYTES: u64 = 1 << 30;
/// HTTP statuses whose payload can be a page.
const SUCCESS_STATUS: std::ops::Range<u16> = 200..300;
/// Record types whose block can hold a page.
const PAGE_RECORD_TYPES: [&str; 2] = ["response", "resource"];
const VERSION_PREFIX: &[u8] = b"WARC/";

/// Size limits of a [`WarcReader`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WarcLimits {
    /// Largest record block (and decoded payload) that is read into memory.
    pub max_record_bytes: u64,
    /// Largest header block (version line and header lines).
    pub max_header_bytes: usize,
    /// How long reading one record may take, skipped records included (a
    /// record declaring a terabyte of zeros in a small `.warc.zst` takes
    /// minutes to read through). `None`: no limit.
    pub time_limit: Option<Duration>,
}

impl Default for WarcLimits {
    fn default() -> Self {
        Self { max_record_bytes: DEFAULT_MAX_RECORD_BYTES, max_header_bytes: DEFAULT_MAX_HEADER_BYTES, time_limit: None }
    }
}

/// An HTML page from a `response` or `resource` record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcPage {
    /// `WARC-Record-ID`, as written (`<urn:uuid:...>`).
    pub record_id: Option<String>,
    /// `WARC-Target-URI`, without the angle brackets some writers add.
    pub target_uri: Option<String>,
    /// `WARC-Date`, as written.
    pub date: Option<String>,
    /// HTTP status; `None` for a `resource` record.
    pub http_status: Option<u16>,
    /// Media type of the payload, lowercased, without parameters.
    pub content_type: Option<String>,
    /// The `charset` parameter of the payload's `Content-Type`, lowercased.
    pub charset: Option<String>,
    /// The payload with transfer and content codings undone; not charset-decoded.
    pub body: Vec<u8>,
    /// Byte offset of the record's `WARC/` line in the decompressed stream.
    pub offset: u64,
}

/// Why a record gave no page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// Not a `response` or `resource` record (warcinfo, request, metadata, revisit...).
    RecordType,
    /// The payload is not HTML; holds its media type (empty when there was none).
    NotHtml(String),
    /// An HTTP status outside 2xx (redirects, 404s...).
    HttpStatus(u16),
}

/// One record of the stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WarcItem {
    /// An HTML page.
    Page(WarcPage),
    /// Any other record; `record_type` is its lowercased `WARC-Type` (empty if missing).
    Skipped { offset: u64, record_type: String, reason: SkipReason },
}

/// A record that could not be read. Every variant names the byte offset of
/// the record's `WARC/` line (or, for a stream that is not WARC, of the
/// unexpected bytes). After a fatal error ([`WarcError::is_fatal`]) iteration ends.
#[derive(Debug, Error)]
pub enum WarcError {
    /// The record block is over [`WarcLimits::max_record_bytes`]; it was skipped. Not fatal.
    #[error("record at byte {offset} ({target_uri:?}) is {length} bytes, over the limit of {limit}")]
    RecordTooLarge { offset: u64, record_id: Option<String>, target_uri: Option<String>, length: u64, limit: u64 },
    /// The HTTP part of a response record could not be parsed or decoded. Not fatal.
    #[error("record at byte {offset} ({target_uri:?}): {reason}")]
    Http { offset: u64, record_id: Option<String>, target_uri: Option<String>, #[source] reason: HttpError },
    /// The stream ends inside a record block. Fatal.
    #[error("record at byte {offset} is truncated: {got} of {expected} block bytes")]
    Truncated { offset: u64, expected: u64, got: u64 },
    /// The stream ends inside a header block. Fatal.
    #[error("stream ends inside the header of the record at byte {offset}")]
    TruncatedHeader { offset: u64 },
    /// A header block that cannot be read safely. Fatal.
    #[error("malformed WARC header at byte {offset}: {reason}")]
    MalformedHeader { offset: u64, reason: String },
    /// The underlying reader failed (a corrupt gzip member, a disk error). Fatal.
    #[error("read error in the record at byte {offset}: {source}")]
    Io { offset: u64, #[source] source: io::Error },
    /// The record's block runs past the end of its gzip member into one that
    /// starts with a `WARC/` line: it declares more bytes than it has. It
    /// is cut there and reading goes on with the next member. Not fatal.
    #[error("record at byte {offset} ({target_uri:?}) declares {expected} block bytes but its gzip member ends after {got}")]
    MemberEnd { offset: u64, record_id: Option<String>, target_uri: Option<String>, expected: u64, got: u64 },
    /// Reading (or skipping) the record took longer than
    /// [`WarcLimits::time_limit`]. Fatal: its end was not reached.
    #[error("reading the record at byte {offset} ({length} bytes declared) took over {limit:?}; the rest of the input is not read")]
    Timeout { offset: u64, record_id: Option<String>, target_uri: Option<String>, length: u64, limit: Duration },
}

impl WarcError {
    /// Whether the reader stops after this error (it cannot find the next record).
    pub fn is_fatal(&self) -> bool {
        !matches!(self, WarcError::RecordTooLarge { .. } | WarcError::Http { .. } | WarcError::MemberEnd { .. })
    }
}

/// Streaming WARC reader over decompressed bytes; see the [module docs](self).
pub struct WarcReader<R: BufRead> {
    reader: R,
    limits: WarcLimits,
    /// Bytes consumed so far.
    pos: u64,
    done: bool,
    /// When reading the current record must be over.
    deadline: Option<Instant>,
    /// Where the gzip members of the file start, when it is gzip.
    members: Option<Members>,
}

/// A parsed WARC header block: named fields in order.
struct RecordHeader {
    offset: u64,
    fields: Vec<(String, String)>,
}

impl RecordHeader {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn owned(&self, name: &str) -> Option<String> {
        self.get(name).map(str::to_string)
    }

    fn target_uri(&self) -> Option<String> {
        self.get("warc-target-uri").map(|uri| uri.trim_start_matches('<').trim_end_matches('>').to_string())
    }

    fn content_length(&self) -> Result<u64, WarcError> {
        let malformed = |reason: String| WarcError::MalformedHeader { offset: self.offset, reason };
        let raw = self.get("content-length").ok_or_else(|| malformed("no Content-Length".into()))?;
        // A leading `+` is accepted, as warcio (Python's `int`) and jwarc
        // (Java's `parseLong`) accept it; nothing else but digits is.
        let digits = raw.strip_prefix('+').unwrap_or(raw);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(malformed(format!("Content-Length {raw:?} is not a non-negative integer")));
        }
        match digits.parse::<u64>() {
            Ok(length) if length <= MAX_PLAUSIBLE_CONTENT_LENGTH => Ok(length),
            _ => Err(malformed(format!("Content-Length {raw} is implausibly large"))),
        }
    }
}

impl<R: BufRead> WarcReader<R> {
    /// A reader over a decompressed WARC stream.
    pub fn new(reader: R, limits: WarcLimits) -> Self {
        Self { reader, limits, pos: 0, done: false, deadline: None, members: None }
    }

    /// Follow the gzip members of the stream (see
    /// [`super::compress::decompress_tracked`]): a record that declares more
    /// bytes than its member is cut at the next member that starts with a
    /// `WARC/` line, and after a malformed header reading resumes at such a
    /// member (Common Crawl writes one record a member).
    pub fn with_members(mut self, members: Option<Members>) -> Self {
        self.members = members;
        self
    }

    /// After a malformed header at `offset`: read through to the next gzip
    /// member that opens with a `WARC/` line. `false` if there is none (the
    /// end of the stream, a read error, the time limit or
    /// [`MAX_RESYNC_BYTES`] came first).
    fn resync(&mut self, offset: u64) -> bool {
        if self.members.is_none() {
            return false;
        }
        let deadline = self.limits.time_limit.and_then(|limit| Instant::now().checked_add(limit));
        let start = self.pos;
        while self.pos - start <= MAX_RESYNC_BYTES && deadline.is_none_or(|d| Instant::now() <= d) {
            let len = match self.reader.fill_buf() {
                Ok([]) | Err(_) => return false,
                Ok(buf) if starts_record_member(self.members.as_ref(), self.pos, offset, buf) => return true,
                Ok(buf) => buf.len(),
            };
            self.reader.consume(len);
            self.pos += len as u64;
        }
        false
    }

    /// Bytes of the decompressed stream consumed so far.
    pub fn position(&self) -> u64 {
        self.pos
    }

    fn next_record(&mut self) -> Result<Option<WarcItem>, WarcError> {
        let start = self.pos;
        self.deadline = self.limits.time_limit.and_then(|limit| Instant::now().checked_add(limit));
        if !self.skip_line_ends(MAX_GAP_BYTES).map_err(|source| WarcError::Io { offset: start, source })? {
            return Ok(None);
        }
        if self.pos - start >= MAX_GAP_BYTES {
            let reason = format!("over {MAX_GAP_BYTES} bytes of blank lines before a record");
            return Err(WarcError::MalformedHeader { offset: self.pos, reason });
        }
        let header = self.read_header()?;
        let offset = header.offset;
        let length = header.content_length()?;
        let record_type = header.get("warc-type").unwrap_or_default().to_ascii_lowercase();
        if !PAGE_RECORD_TYPES.contains(&record_type.as_str()) {
            self.skip_block(&header, length)?;
            return Ok(Some(WarcItem::Skipped { offset, record_type, reason: SkipReason::RecordType }));
        }
        if length > self.limits.max_record_bytes {
            self.skip_block(&header, length)?;
            return Err(WarcError::RecordTooLarge {
                offset,
                record_id: header.owned("warc-record-id"),
                target_uri: header.target_uri(),
                length,
                limit: self.limits.max_record_bytes,
            });
        }
        let block = self.read_block(&header, length)?;
        self.to_item(&header, record_type, block).map(Some)
    }

    /// Consume up to `max` CR and LF bytes; `false` at the end of the stream.
    fn skip_line_ends(&mut self, max: u64) -> io::Result<bool> {
        let mut left = max;
        while left > 0 {
            let buf = self.reader.fill_buf()?;
            let ends = buf.iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
            let n = ends.min(usize::try_from(left).unwrap_or(usize::MAX));
            let more = n < buf.len();
            if buf.is_empty() {
                return Ok(false);
            }
            self.reader.consume(n);
            self.pos += n as u64;
            left -= n as u64;
            if more {
                return Ok(true);
            }
        }
        Ok(true)
    }

    /// Read the version line and header lines up to the blank line.
    fn read_header(&mut self) -> Result<RecordHeader, WarcError> {
        let offset = self.pos;
        let mut budget = self.limits.max_header_bytes;
        let mut line = Vec::new();
        let complete = self.header_line(offset, &mut budget, &mut line)?;
        if !line.starts_with(VERSION_PREFIX) {
            if !complete && VERSION_PREFIX.starts_with(&line) {
                return Err(WarcError::TruncatedHeader { offset });
            }
            let reason = format!("expected a WARC/ version line, found {:?}", http::quote(&line));
            return Err(WarcError::MalformedHeader { offset, reason });
        }
        let mut header = RecordHeader { offset, fields: Vec::new() };
        loop {
            if !self.header_line(offset, &mut budget, &mut line)? {
                return Err(WarcError::TruncatedHeader { offset });
            }
            if line.is_empty() {
                return Ok(header);
            }
            let text = String::from_utf8_lossy(&line);
            let folded = line.starts_with(b" ") || line.starts_with(b"\t");
            if folded && let Some((_, value)) = header.fields.last_mut() {
                value.push(' ');
                value.push_str(text.trim());
                continue;
            }
            let Some((name, value)) = text.split_once(':') else {
                let reason = format!("header line without a colon: {:?}", http::quote(&line));
                return Err(WarcError::MalformedHeader { offset, reason });
            };
            header.fields.push((name.trim().to_string(), value.trim().to_string()));
        }
    }

    /// Read one header line into `line`, without its line end, charging it to
    /// `budget`. `Ok(false)` if the stream ended before the line end.
    fn header_line(&mut self, offset: u64, budget: &mut usize, line: &mut Vec<u8>) -> Result<bool, WarcError> {
        line.clear();
        let limit = u64::try_from(*budget).unwrap_or(u64::MAX);
        let n = (&mut self.reader)
            .take(limit)
            .read_until(b'\n', line)
            .map_err(|source| WarcError::Io { offset, source })?;
        self.pos += n as u64;
        *budget = budget.saturating_sub(n);
        if line.last() == Some(&b'\n') {
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok(true);
        }
        if *budget == 0 {
            let reason = format!("header block over {} bytes", self.limits.max_header_bytes);
            return Err(WarcError::MalformedHeader { offset, reason });
        }
        Ok(false)
    }

    /// Read a block of `length` bytes and the line ends after it.
    fn read_block(&mut self, header: &RecordHeader, length: u64) -> Result<Vec<u8>, WarcError> {
        let mut block = Vec::with_capacity(usize::try_from(length.min(MAX_BODY_PREALLOC)).unwrap_or(0));
        let got = self.pump(header, length, Some(&mut block))?;
        self.end_block(header.offset, length, got)?;
        Ok(block)
    }

    /// Read through a block of `length` bytes without keeping it, then the line ends after it.
    fn skip_block(&mut self, header: &RecordHeader, length: u64) -> Result<(), WarcError> {
        let got = self.pump(header, length, None)?;
        self.end_block(header.offset, length, got)
    }

    /// Move up to `length` bytes from the stream to `out` (or nowhere),
    /// checking the record's deadline between buffers. Returns the bytes
    /// moved (fewer at the end of the stream).
    fn pump(&mut self, header: &RecordHeader, length: u64, mut out: Option<&mut Vec<u8>>) -> Result<u64, WarcError> {
        let offset = header.offset;
        let mut got = 0u64;
        while got < length {
            if self.deadline.is_some_and(|d| Instant::now() > d) {
                return Err(WarcError::Timeout {
                    offset,
                    record_id: header.owned("warc-record-id"),
                    target_uri: header.target_uri(),
                    length,
                    limit: self.limits.time_limit.unwrap_or_default(),
                });
            }
            let buf = fill_buf_retrying(&mut self.reader).map_err(|source| WarcError::Io { offset, source })?;
            if buf.is_empty() {
                break;
            }
            if starts_record_member(self.members.as_ref(), self.pos, offset, buf) {
                return Err(WarcError::MemberEnd { offset, record_id: header.owned("warc-record-id"), target_uri: header.target_uri(), expected: length, got });
            }
            let n = buf.len().min(usize::try_from(length - got).unwrap_or(usize::MAX));
            if let Some(out) = out.as_deref_mut() {
                out.extend_from_slice(buf.get(..n).unwrap_or_default());
            }
            self.reader.consume(n);
            self.pos += n as u64;
            got += n as u64;
        }
        Ok(got)
    }

    fn end_block(&mut self, offset: u64, expected: u64, got: u64) -> Result<(), WarcError> {
        if got < expected {
            return Err(WarcError::Truncated { offset, expected, got });
        }
        self.skip_line_ends(RECORD_END_BYTES).map_err(|source| WarcError::Io { offset, source })?;
        Ok(())
    }

    /// Turn a `response` or `resource` block into a page or a skip.
    fn to_item(&self, header: &RecordHeader, record_type: String, mut block: Vec<u8>) -> Result<WarcItem, WarcError> {
        let offset = header.offset;
        let skipped = |reason| Ok(WarcItem::Skipped { offset, record_type: record_type.clone(), reason });
        let http_error = |reason| WarcError::Http {
            offset,
            record_id: header.owned("warc-record-id"),
            target_uri: header.target_uri(),
            reason,
        };
        let record_content_type = header.get("content-type");
        let is_http = match record_content_type.and_then(http::media_type) {
            Some(media) => media == "application/http",
            None => block.starts_with(b"HTTP/"),
        };
        let (resp, content_type, charset) = if is_http {
            let resp = http::parse_response(&block).map_err(http_error)?;
            if !SUCCESS_STATUS.contains(&resp.status) {
                return skipped(SkipReason::HttpStatus(resp.status));
            }
            let (content_type, charset) = (resp.content_type(), resp.charset());
            (Some(resp), content_type, charset)
        } else {
            (None, record_content_type.and_then(http::media_type), record_content_type.and_then(http::charset_param))
        };
        if !is_html_or_generic(content_type.as_deref()) {
            return skipped(SkipReason::NotHtml(content_type.unwrap_or_default()));
        }
        let body = match &resp {
            Some(resp) if resp.is_encoded() => {
                let limit = usize::try_from(self.limits.max_record_bytes).unwrap_or(usize::MAX);
                http::decode_body(resp, block.get(resp.body_start..).unwrap_or_default(), limit).map_err(http_error)?
            }
            Some(resp) => {
                block.drain(..resp.body_start.min(block.len()));
                block
            }
            None => block,
        };
        if !is_html_type(content_type.as_deref()) && !looks_like_html(&body) {
            return skipped(SkipReason::NotHtml(content_type.unwrap_or_default()));
        }
        Ok(WarcItem::Page(WarcPage {
            record_id: header.owned("warc-record-id"),
            target_uri: header.target_uri(),
            date: header.owned("warc-date"),
            http_status: resp.map(|r| r.status),
            content_type,
            charset,
            body,
            offset,
        }))
    }
}

/// Whether `buf`, just filled at stream position `pos`, starts a gzip member
/// after `after` that opens with a `WARC/` line.
fn starts_record_member(members: Option<&Members>, pos: u64, after: u64, buf: &[u8]) -> bool {
    members.is_some_and(|m| m.current_start() == pos && pos > after && buf.starts_with(VERSION_PREFIX))
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<WarcItem, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.next_record() {
            Ok(None) => {
                self.done = true;
                None
            }
            Ok(Some(item)) => Some(Ok(item)),
            Err(error) => {
                self.done = match &error {
                    WarcError::MalformedHeader { offset, .. } => !self.resync(*offset),
                    other => other.is_fatal(),
                };
                Some(Err(error))
            }
        }
    }
}

#[cfg(test)]
mod tests;
