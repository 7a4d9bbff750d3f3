//! The HTTP response stored in a WARC `response` record.
//!
//! [`parse_response`] reads the status line and header lines of a recorded
//! response; [`decode_body`] undoes `Transfer-Encoding: chunked` and
//! `Content-Encoding: gzip`/`deflate`/`br`, with a size limit that cuts off
//! compression bombs. Parsing is lenient where archived responses are messy
//! (bare LF line ends, `HTTP/2 200`, stray header lines without a colon, a
//! head with no blank line after it) and never panics on any bytes.
//!
//! Not done here: zstd and other codings (reported as
//! [`HttpError::UnsupportedEncoding`]), charset decoding (see
//! [`crate::decode`]), and anything about requests. Common Crawl stores the
//! decoded payload and renames the original header to
//! `X-Crawler-Content-Encoding` (`X-Crawler-Transfer-Encoding`); those
//! renamed headers are ignored, so such bodies pass through unchanged.

use std::borrow::Cow;
use std::io::{self, Read};

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};
use thiserror::Error;

/// The first two bytes of every gzip member.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
/// Internal buffer of the brotli decoder (its own default).
const BROTLI_BUFFER_BYTES: usize = 4096;
/// Lowest and highest three-digit HTTP status code.
const STATUS_RANGE: std::ops::RangeInclusive<u16> = 100..=999;
/// How much of an offending line an error message quotes.
const QUOTE_CHARS: usize = 60;
/// Most header lines (fields and folded continuations) a response head may
/// have. Each field costs two strings (about 60 bytes) beside the block, so
/// a 60 MB head of 12 million tiny fields would take over a GiB; servers
/// send tens (Apache refuses requests with over 100, nginx heads over 32
/// KiB). A head with more is refused as [`HttpError::TooManyHeaders`].
pub const MAX_HEADERS: usize = 1000;
/// Most codings a `Transfer-Encoding` or `Content-Encoding` may list. Each
/// is undone in turn, at up to the payload limit's cost; real responses
/// list one or two (`chunked`, `gzip`). More is refused as
/// [`HttpError::TooManyCodings`].
pub const MAX_CODINGS: usize = 8;

/// Why a recorded HTTP response could not be parsed or decoded.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum HttpError {
    /// The block does not start with `HTTP/<version> <3-digit status>`.
    #[error("malformed HTTP status line {0:?}")]
    StatusLine(String),
    /// A chunk-size line of a chunked body is not a hexadecimal number.
    #[error("malformed chunked body: bad chunk size {0:?}")]
    Chunked(String),
    /// A transfer or content coding other than chunked, gzip, deflate, br, identity.
    #[error("unsupported HTTP encoding {0:?}")]
    UnsupportedEncoding(String),
    /// A gzip or deflate payload that does not decompress.
    #[error("{encoding} payload does not decompress: {reason}")]
    Decompress { encoding: String, reason: String },
    /// The decoded payload is over the caller's limit.
    #[error("decoded HTTP payload is over the limit of {limit} bytes")]
    TooLarge { limit: usize },
    /// The head has more than [`MAX_HEADERS`] header lines.
    #[error("too complex: HTTP head has over {limit} header lines")]
    TooManyHeaders { limit: usize },
    /// A `Transfer-Encoding` or `Content-Encoding` lists more than [`MAX_CODINGS`].
    #[error("too complex: over {limit} HTTP transfer or content codings")]
    TooManyCodings { limit: usize },
}

/// The head of a recorded HTTP response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status code (`200`, `301`, ...).
    pub status: u16,
    /// Header names and values in order, whitespace-trimmed, folded lines joined.
    pub headers: Vec<(String, String)>,
    /// Byte offset of the body in the parsed block (its length if there is none).
    pub body_start: usize,
}

impl HttpResponse {
    /// The value of the first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The `Content-Type` media type, lowercased, without parameters.
    pub fn content_type(&self) -> Option<String> {
        self.header("content-type").and_then(media_type)
    }

    /// The `Content-Type`'s `charset` parameter, unquoted and lowercased.
    pub fn charset(&self) -> Option<String> {
        self.header("content-type").and_then(charset_param)
    }

    /// Whether [`decode_body`] has anything to undo (a transfer or content
    /// coding other than `identity`).
    pub fn is_encoded(&self) -> bool {
        codings(self, "transfer-encoding").next().is_some() || codings(self, "content-encoding").next().is_some()
    }
}

/// The media type of a `Content-Type` value, lowercased, without parameters.
pub fn media_type(content_type: &str) -> Option<String> {
    let media = content_type.split(';').next().unwrap_or_default().trim();
    (!media.is_empty()).then(|| media.to_ascii_lowercase())
}

/// The `charset` parameter of a `Content-Type` value, quotes stripped, lowercased.
pub fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        (!value.is_empty()).then(|| value.to_ascii_lowercase())
    })
}

/// Parse the status line and headers of a recorded HTTP response.
///
/// Accepts `HTTP/1.0`, `HTTP/1.1`, `HTTP/2` and `HTTP/2.0`, CRLF or bare LF
/// line ends and folded (indented) continuation lines. Header lines without a
/// colon are skipped. A head that runs to the end of the block has an empty body.
/// A head of over [`MAX_HEADERS`] header lines is refused.
pub fn parse_response(block: &[u8]) -> Result<HttpResponse, HttpError> {
    let (status_line, mut pos) = next_line(block, 0).unwrap_or_default();
    let status = parse_status_line(status_line)?;
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut body_start = block.len();
    let mut lines = 0usize;
    while let Some((line, next)) = next_line(block, pos) {
        pos = next;
        if line.is_empty() {
            body_start = next;
            break;
        }
        lines += 1;
        if lines > MAX_HEADERS {
            return Err(HttpError::TooManyHeaders { limit: MAX_HEADERS });
        }
        let text = String::from_utf8_lossy(line);
        if line.starts_with(b" ") || line.starts_with(b"\t") {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(text.trim());
            }
        } else if let Some((name, value)) = text.split_once(':') {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    Ok(HttpResponse { status, headers, body_start })
}

/// Undo the response's transfer codings, then its content codings (each list
/// in reverse order of application), returning at most `limit` bytes.
///
/// `body` is the part of the block after [`HttpResponse::body_start`].
/// Decompression reads at most `limit + 1` bytes, so a compression bomb costs
/// no more than that before [`HttpError::TooLarge`]. A gzip or deflate stream
/// cut short (a truncated WARC record) yields what decoded before the cut. A
/// body declared gzip that lacks the gzip magic bytes, or chunked that does not
/// start with a chunk-size line, was already decoded (or is mislabelled) and
/// passes through unchanged.
pub fn decode_body(resp: &HttpResponse, body: &[u8], limit: usize) -> Result<Vec<u8>, HttpError> {
    if body.len() > limit {
        return Err(HttpError::TooLarge { limit });
    }
    let mut data = Cow::Borrowed(body);
    for header in ["transfer-encoding", "content-encoding"] {
        let listed: Vec<String> = codings(resp, header).take(MAX_CODINGS + 1).collect();
        if listed.len() > MAX_CODINGS {
            return Err(HttpError::TooManyCodings { limit: MAX_CODINGS });
        }
        for coding in listed.iter().rev() {
            if let Some(decoded) = undo_coding(coding, &data, limit)? {
                data = Cow::Owned(decoded);
            }
        }
    }
    Ok(data.into_owned())
}

/// The codings listed in every header called `name`, lowercased, `identity` left out.
fn codings<'a>(resp: &'a HttpResponse, name: &'a str) -> impl Iterator<Item = String> + 'a {
    resp.headers
        .iter()
        .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
        .flat_map(|(_, v)| v.split(','))
        .map(|c| c.trim().to_ascii_lowercase())
        .filter(|c| !c.is_empty() && c != "identity")
}

/// Undo one coding; `None` when `data` turns out not to be encoded after all.
fn undo_coding(coding: &str, data: &[u8], limit: usize) -> Result<Option<Vec<u8>>, HttpError> {
    match coding {
        "chunked" if !starts_with_chunk_size(data) => Ok(None),
        "chunked" => dechunk(data, limit).map(Some),
        "gzip" | "x-gzip" if !data.starts_with(&GZIP_MAGIC) => Ok(None),
        "gzip" | "x-gzip" => inflate(MultiGzDecoder::new(data), coding, limit).map(Some),
        "deflate" if is_zlib(data) => inflate(ZlibDecoder::new(data), coding, limit).map(Some),
        "deflate" => inflate(DeflateDecoder::new(data), coding, limit).map(Some),
        "br" => inflate(brotli::Decompressor::new(data, BROTLI_BUFFER_BYTES), coding, limit).map(Some),
        other => Err(HttpError::UnsupportedEncoding(other.to_string())),
    }
}

/// Whether `data` starts with a zlib header (servers send both zlib-wrapped
/// and raw deflate as `Content-Encoding: deflate`).
fn is_zlib(data: &[u8]) -> bool {
    match data {
        [cmf, flg, ..] => cmf & 0x0f == 8 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0,
        _ => false,
    }
}

/// Read a decompressor to the end, but never more than `limit + 1` bytes.
fn inflate(decoder: impl Read, coding: &str, limit: usize) -> Result<Vec<u8>, HttpError> {
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let mut out = Vec::new();
    match decoder.take(cap).read_to_end(&mut out) {
        Ok(_) => {}
        // A truncated stream: keep the part that decoded.
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof && !out.is_empty() => {}
        Err(e) => {
            return Err(HttpError::Decompress { encoding: coding.to_string(), reason: e.to_string() });
        }
    }
    if out.len() > limit {
        return Err(HttpError::TooLarge { limit });
    }
    Ok(out)
}

/// Whether `data` starts with a hexadecimal chunk-size line (a body declared
/// chunked that does not was already dechunked by the crawler).
fn starts_with_chunk_size(data: &[u8]) -> bool {
    let (line, _) = next_line(data, 0).unwrap_or_default();
    let size = line.split(|&b| b == b';').next().unwrap_or_default().trim_ascii();
    !size.is_empty() && size.iter().all(u8::is_ascii_hexdigit)
}

/// Undo `Transfer-Encoding: chunked`. Chunk extensions and trailers are
/// ignored; a body that ends early (no last chunk, a short chunk) keeps what it has.
fn dechunk(data: &[u8], limit: usize) -> Result<Vec<u8>, HttpError> {
    let mut out = Vec::with_capacity(data.len());
    let mut pos = 0;
    while let Some((line, next)) = next_line(data, pos) {
        let size_text = String::from_utf8_lossy(line.split(|&b| b == b';').next().unwrap_or_default());
        let size_text = size_text.trim();
        if size_text.is_empty() {
            pos = next;
            continue;
        }
        let size = usize::from_str_radix(size_text, 16).map_err(|_| HttpError::Chunked(quote(line)))?;
        if size == 0 {
            break;
        }
        let chunk = data.get(next..).unwrap_or_default();
        let available = chunk.len().min(size);
        if out.len().saturating_add(available) > limit {
            return Err(HttpError::TooLarge { limit });
        }
        out.extend(chunk.iter().take(size));
        if available < size {
            break;
        }
        pos = next + size;
        pos += line_end_len(data.get(pos..).unwrap_or_default());
    }
    Ok(out)
}

fn parse_status_line(line: &[u8]) -> Result<u16, HttpError> {
    let text = String::from_utf8_lossy(line);
    let mut parts = text.split_ascii_whitespace();
    let version_ok = parts.next().is_some_and(|v| v.len() > "HTTP/".len() && v.starts_with("HTTP/"));
    let status = parts
        .next()
        .filter(|code| code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|code| code.parse::<u16>().ok())
        .filter(|code| STATUS_RANGE.contains(code));
    match status {
        Some(status) if version_ok => Ok(status),
        _ => Err(HttpError::StatusLine(quote(line))),
    }
}

/// The line starting at `start` without its line end, and where the next
/// line starts. `None` at the end of `data`.
pub(crate) fn next_line(data: &[u8], start: usize) -> Option<(&[u8], usize)> {
    let rest = data.get(start..).filter(|r| !r.is_empty())?;
    match rest.iter().position(|&b| b == b'\n') {
        Some(nl) => {
            let line = rest.get(..nl).unwrap_or_default();
            Some((line.strip_suffix(b"\r").unwrap_or(line), start + nl + 1))
        }
        None => Some((rest, data.len())),
    }
}

/// Length of the CRLF or LF at the start of `data` (0 if none).
fn line_end_len(data: &[u8]) -> usize {
    if data.starts_with(b"\r\n") {
        2
    } else {
        usize::from(data.starts_with(b"\n"))
    }
}

/// A short, printable excerpt of `bytes` for an error message.
pub(crate) fn quote(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).chars().take(QUOTE_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::Compression;
    use flate2::write::{GzEncoder, ZlibEncoder};

    use super::*;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = GzEncoder::new(Vec::new(), Compression::default());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    fn decode(head: &str, body: &[u8], limit: usize) -> Result<Vec<u8>, HttpError> {
        let resp = parse_response(head.as_bytes()).unwrap();
        decode_body(&resp, body, limit)
    }

    #[test]
    fn status_line_versions() {
        for (line, status) in [("HTTP/1.1 200 OK", 200), ("HTTP/1.0 404", 404), ("HTTP/2 200", 200), ("HTTP/2.0 301 Moved", 301)] {
            assert_eq!(parse_response(format!("{line}\r\n\r\n").as_bytes()).unwrap().status, status, "{line}");
        }
        for bad in ["", "\r\n", "HTTP/1.1\r\n", "HTTP/1.1 2000 OK\r\n", "HTTP/1.1 abc\r\n", "HTTP/ 200\r\n", "GET / HTTP/1.1\r\n", "HTTP/1.1 099\r\n"] {
            assert!(matches!(parse_response(bad.as_bytes()), Err(HttpError::StatusLine(_))), "{bad:?}");
        }
    }

    #[test]
    fn headers_body_start_and_helpers() {
        let block = b"HTTP/1.1 200 OK\nContent-TYPE: Text/HTML; Charset='UTF-8'\nX-Long: a\n\tb\nno colon here\n\n<p>hi";
        let resp = parse_response(block).unwrap();
        assert_eq!(resp.header("content-type"), Some("Text/HTML; Charset='UTF-8'"));
        assert_eq!(resp.header("x-long"), Some("a b"));
        assert_eq!(resp.headers.len(), 2);
        assert_eq!(resp.content_type().as_deref(), Some("text/html"));
        assert_eq!(resp.charset().as_deref(), Some("utf-8"));
        assert_eq!(block.get(resp.body_start..), Some(&b"<p>hi"[..]));
        assert!(!resp.is_encoded());
        let head_only = parse_response(b"HTTP/1.1 204 No Content\r\nServer: x").unwrap();
        assert_eq!(head_only.body_start, "HTTP/1.1 204 No Content\r\nServer: x".len());
        assert_eq!(charset_param("text/html; charset=\"Windows-1251\"").as_deref(), Some("windows-1251"));
        assert_eq!(charset_param("text/html; charset="), None);
        assert_eq!(media_type(" ; charset=utf-8"), None);
    }

    #[test]
    fn header_lines_and_codings_are_bounded() {
        let many = format!("HTTP/1.1 200 OK\r\n{}\r\nbody", "a: b\r\n".repeat(MAX_HEADERS + 1));
        assert_eq!(parse_response(many.as_bytes()), Err(HttpError::TooManyHeaders { limit: MAX_HEADERS }));
        let enough = format!("HTTP/1.1 200 OK\r\n{}\r\nbody", "a: b\r\n".repeat(MAX_HEADERS));
        assert_eq!(parse_response(enough.as_bytes()).map(|r| r.headers.len()), Ok(MAX_HEADERS));
        let codings = format!("HTTP/1.1 200 OK\r\nContent-Encoding: {}\r\n\r\n", "gzip,".repeat(MAX_CODINGS + 1));
        assert_eq!(decode(&codings, b"x", 100), Err(HttpError::TooManyCodings { limit: MAX_CODINGS }));
        let identity = format!("HTTP/1.1 200 OK\r\nContent-Encoding: {}\r\n\r\n", "identity,".repeat(100));
        assert_eq!(decode(&identity, b"x", 100), Ok(b"x".to_vec()));
    }

    #[test]
    fn chunked_then_gzip() {
        let gz = gzip(b"<html>hello chunked gzip</html>");
        let (a, b) = gz.split_at(10);
        let mut body = format!("{:x};ext=1\r\n", a.len()).into_bytes();
        body.extend_from_slice(a);
        body.extend_from_slice(format!("\r\n{:X}\r\n", b.len()).as_bytes());
        body.extend_from_slice(b);
        body.extend_from_slice(b"\r\n0\r\nTrailer: x\r\n\r\n");
        let head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n";
        assert_eq!(decode(head, &body, 1000).unwrap(), b"<html>hello chunked gzip</html>");
        let chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        assert!(matches!(decode(chunked, b"3\r\nabc\r\nzz\r\nabc", 1000), Err(HttpError::Chunked(_))));
        assert_eq!(decode(chunked, b"<!doctype html>\r\n", 1000).unwrap(), b"<!doctype html>\r\n");
        let short = decode("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", b"ffffffffffff\r\nabc", 1000);
        assert_eq!(short.unwrap(), b"abc");
    }

    #[test]
    fn deflate_zlib_and_raw() {
        let mut zlib = ZlibEncoder::new(Vec::new(), Compression::default());
        zlib.write_all(b"zlib body").unwrap();
        let head = "HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\n\r\n";
        assert_eq!(decode(head, &zlib.finish().unwrap(), 100).unwrap(), b"zlib body");
        let mut raw = flate2::write::DeflateEncoder::new(Vec::new(), Compression::default());
        raw.write_all(b"raw body").unwrap();
        assert_eq!(decode(head, &raw.finish().unwrap(), 100).unwrap(), b"raw body");
    }

    #[test]
    fn unsupported_renamed_and_mislabelled_encodings() {
        let zstd = decode("HTTP/1.1 200 OK\r\nContent-Encoding: zstd\r\n\r\n", b"\x28\xb5", 100);
        assert_eq!(zstd, Err(HttpError::UnsupportedEncoding("zstd".into())));
        let renamed = "HTTP/1.1 200 OK\r\nX-Crawler-Content-Encoding: gzip\r\n\r\n";
        assert_eq!(decode(renamed, b"<html>", 100).unwrap(), b"<html>");
        let plain = "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n";
        assert_eq!(decode(plain, b"<html>", 100).unwrap(), b"<html>");
        assert!(matches!(decode(plain, b"\x1f\x8bnot gzip", 100), Err(HttpError::Decompress { .. })));
    }

    fn brotli(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut enc = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
        enc.write_all(data).unwrap();
        drop(enc);
        out
    }

    #[test]
    fn brotli_decoded_and_bounded() {
        let head = "HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n";
        assert_eq!(decode(head, &brotli(b"<html>brotli body</html>"), 100).unwrap(), b"<html>brotli body</html>");
        assert_eq!(decode(head, &brotli(&vec![0u8; 1 << 20]), 1000), Err(HttpError::TooLarge { limit: 1000 }));
        assert!(matches!(decode(head, b"\xff\xff\xff not brotli", 100), Err(HttpError::Decompress { .. })));
    }

    #[test]
    fn limits_and_truncated_gzip() {
        let head = "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n";
        let bomb = gzip(&vec![0u8; 1 << 20]);
        assert_eq!(decode(head, &bomb, 1000), Err(HttpError::TooLarge { limit: 1000 }));
        assert_eq!(decode("HTTP/1.1 200 OK\r\n\r\n", b"12345", 4), Err(HttpError::TooLarge { limit: 4 }));
        let text: Vec<u8> = (0..20_000u32).flat_map(|i| i.to_string().into_bytes()).collect();
        let gz = gzip(&text);
        let cut = decode(head, gz.get(..gz.len() / 2).unwrap(), usize::MAX).unwrap();
        assert!(!cut.is_empty() && text.starts_with(&cut));
    }
}
