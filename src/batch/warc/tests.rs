//! Tests of the WARC reader on WARC bytes built in place.

use std::io::{BufReader, Read, Write};

use flate2::Compression;
use flate2::bufread::MultiGzDecoder;
use flate2::write::GzEncoder;

use super::*;

const HTML: &[u8] = b"<!DOCTYPE html><html><body><p>Hello</p></body></html>";

/// One WARC/1.0 record with a computed Content-Length.
fn record(kind: &str, headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    record_with("WARC/1.0", "\r\n", kind, headers, block)
}

fn record_with(version: &str, eol: &str, kind: &str, headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut out = format!("{version}{eol}WARC-Type: {kind}{eol}");
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}{eol}"));
    }
    out.push_str(&format!("Content-Length: {}{eol}{eol}", block.len()));
    let mut out = out.into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(format!("{eol}{eol}").as_bytes());
    out
}

/// A recorded HTTP response.
fn http(status: &str, headers: &[&str], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\n");
    for header in headers {
        out.push_str(&format!("{header}\r\n"));
    }
    out.push_str("\r\n");
    let mut out = out.into_bytes();
    out.extend_from_slice(body);
    out
}

fn response(uri: &str, block: &[u8]) -> Vec<u8> {
    let headers = [
        ("WARC-Target-URI", uri),
        ("WARC-Record-ID", "<urn:uuid:1>"),
        ("WARC-Date", "2024-01-02T03:04:05Z"),
        ("Content-Type", "application/http; msgtype=response"),
    ];
    record("response", &headers, block)
}

fn html_response(uri: &str) -> Vec<u8> {
    response(uri, &http("200 OK", &["Content-Type: text/html"], HTML))
}

fn read_with(bytes: &[u8], limits: WarcLimits) -> Vec<Result<WarcItem, WarcError>> {
    WarcReader::new(bytes, limits).collect()
}

fn read(bytes: &[u8]) -> Vec<Result<WarcItem, WarcError>> {
    read_with(bytes, WarcLimits::default())
}

fn page(item: &Result<WarcItem, WarcError>) -> &WarcPage {
    match item {
        Ok(WarcItem::Page(page)) => page,
        other => panic!("expected a page, got {other:?}"),
    }
}

fn skip_reason(item: &Result<WarcItem, WarcError>) -> (&str, &SkipReason) {
    match item {
        Ok(WarcItem::Skipped { record_type, reason, .. }) => (record_type, reason),
        other => panic!("expected a skip, got {other:?}"),
    }
}

fn malformed(bytes: &[u8]) -> String {
    let items = read(bytes);
    match items.as_slice() {
        [Err(WarcError::MalformedHeader { reason, .. })] => reason.clone(),
        other => panic!("expected one MalformedHeader, got {other:?}"),
    }
}

/// warcinfo, request, HTML, PNG, 301, metadata.
fn mixed_warc() -> Vec<Vec<u8>> {
    vec![
        record("warcinfo", &[("Content-Type", "application/warc-fields")], b"software: test\r\n"),
        record("request", &[], b"GET / HTTP/1.1\r\nHost: a.example\r\n\r\n"),
        html_response("http://a.example/"),
        response("http://a.example/i.png", &http("200 OK", &["Content-Type: image/png"], b"\x89PNG\r\n")),
        response("http://a.example/old", &http("301 Moved", &["Location: /new", "Content-Type: text/html"], HTML)),
        record("metadata", &[], b"fetchTimeMs: 12\r\n"),
    ]
}

fn assert_mixed(items: &[Result<WarcItem, WarcError>], records: &[Vec<u8>]) {
    assert_eq!(items.len(), 6, "{items:?}");
    assert_eq!(skip_reason(&items[0]), ("warcinfo", &SkipReason::RecordType));
    assert_eq!(skip_reason(&items[1]), ("request", &SkipReason::RecordType));
    let p = page(&items[2]);
    assert_eq!(p.body, HTML);
    assert_eq!(p.target_uri.as_deref(), Some("http://a.example/"));
    assert_eq!(p.record_id.as_deref(), Some("<urn:uuid:1>"));
    assert_eq!(p.date.as_deref(), Some("2024-01-02T03:04:05Z"));
    assert_eq!((p.http_status, p.content_type.as_deref(), p.charset.as_deref()), (Some(200), Some("text/html"), None));
    assert_eq!(p.offset, (records[0].len() + records[1].len()) as u64);
    assert_eq!(skip_reason(&items[3]), ("response", &SkipReason::NotHtml("image/png".into())));
    assert_eq!(skip_reason(&items[4]), ("response", &SkipReason::HttpStatus(301)));
    assert_eq!(skip_reason(&items[5]), ("metadata", &SkipReason::RecordType));
}

#[test]
fn mixed_records_give_one_page_and_skips_in_order() {
    let records = mixed_warc();
    assert_mixed(&read(&records.concat()), &records);
}

#[test]
fn gzip_member_per_record_through_multigz() {
    let records = mixed_warc();
    let mut gz = Vec::new();
    for rec in &records {
        let mut enc = GzEncoder::new(Vec::new(), Compression::default());
        enc.write_all(rec).unwrap();
        gz.extend(enc.finish().unwrap());
    }
    let reader = BufReader::new(MultiGzDecoder::new(gz.as_slice()));
    let items: Vec<_> = WarcReader::new(reader, WarcLimits::default()).collect();
    assert_mixed(&items, &records);
}

#[test]
fn corrupt_or_cut_gzip_is_a_fatal_io_error() {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(&[html_response("http://a/"), html_response("http://b/")].concat()).unwrap();
    let gz = enc.finish().unwrap();
    let cut = &gz[..gz.len() - 30];
    let junk = [gz.as_slice(), b"not gzip at all"].concat();
    for bytes in [cut, junk.as_slice()] {
        let items: Vec<_> = WarcReader::new(BufReader::new(MultiGzDecoder::new(bytes)), WarcLimits::default()).collect();
        assert!(matches!(items.last(), Some(Err(WarcError::Io { .. }))), "{items:?}");
    }
}

#[test]
fn charset_from_content_type_and_body_bytes_exact() {
    let body = b"<html><body>\xcf\xf0\xe8\xe2\xe5\xf2 \xec\xe8\xf0</body></html>"; // "Привет мир" in windows-1251
    let block = http("200 OK", &["Content-Type: text/html; charset=\"Windows-1251\""], body);
    let items = read(&response("http://ru.example/", &block));
    let p = page(&items[0]);
    assert_eq!(p.charset.as_deref(), Some("windows-1251"));
    assert_eq!(p.body, body);
}

#[test]
fn html_without_content_type_is_sniffed() {
    let sniffed = http("200 OK", &[], b"\xef\xbb\xbf\n  <!-- c --><HTML><p>x</p></HTML>");
    let octet = http("200 OK", &["Content-Type: application/octet-stream"], b"<!doctype html><p>y");
    let plain = http("200 OK", &[], b"just text, <html> later");
    let items = read(&[response("u1", &sniffed), response("u2", &octet), response("u3", &plain)].concat());
    assert_eq!(page(&items[0]).content_type, None);
    assert_eq!(page(&items[1]).content_type.as_deref(), Some("application/octet-stream"));
    assert_eq!(skip_reason(&items[2]).1, &SkipReason::NotHtml(String::new()));
}

#[test]
fn resource_record_is_its_own_payload() {
    let rec = record("resource", &[("Content-Type", "text/html; charset=UTF-8")], HTML);
    let txt = record("resource", &[("Content-Type", "text/plain")], b"<html>");
    let items = read(&[rec, txt].concat());
    let p = page(&items[0]);
    assert_eq!((p.http_status, p.charset.as_deref(), p.body.as_slice()), (None, Some("utf-8"), HTML));
    assert_eq!(skip_reason(&items[1]).1, &SkipReason::NotHtml("text/plain".into()));
}

#[test]
fn truncated_last_record_after_earlier_pages() {
    let first = html_response("http://a.example/1");
    let second = html_response("http://a.example/2");
    let mut bytes = [first.clone(), second].concat();
    bytes.truncate(bytes.len() - 20);
    let items = read(&bytes);
    assert_eq!(items.len(), 2);
    page(&items[0]);
    match &items[1] {
        Err(WarcError::Truncated { offset, expected, got }) => {
            assert_eq!(*offset, first.len() as u64);
            assert_eq!(expected - got, 16); // 20 minus the 4 bytes of the record end
        }
        other => panic!("expected Truncated, got {other:?}"),
    }
}

#[test]
fn record_over_limit_is_skipped_and_reading_continues() {
    let big = response("http://big.example/", &http("200 OK", &["Content-Type: text/html"], &[b'x'; 5000]));
    let bytes = [big, html_response("http://small.example/")].concat();
    let items = read_with(&bytes, WarcLimits { max_record_bytes: 1000, ..WarcLimits::default() });
    assert_eq!(items.len(), 2);
    match &items[0] {
        Err(e @ WarcError::RecordTooLarge { target_uri, limit: 1000, .. }) => {
            assert_eq!(target_uri.as_deref(), Some("http://big.example/"));
            assert!(!e.is_fatal());
        }
        other => panic!("expected RecordTooLarge, got {other:?}"),
    }
    assert_eq!(page(&items[1]).target_uri.as_deref(), Some("http://small.example/"));
}

#[test]
fn bad_content_lengths_are_malformed() {
    for (length, expect) in [
        ("99999999999999999999", "implausibly large"),
        ("1099511627777", "implausibly large"),
        ("-5", "not a non-negative integer"),
        ("12abc", "not a non-negative integer"),
        ("", "not a non-negative integer"),
    ] {
        let bytes = format!("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: {length}\r\n\r\nabc\r\n\r\n");
        let reason = malformed(bytes.as_bytes());
        assert!(reason.contains(expect), "{length:?}: {reason}");
    }
    assert!(malformed(b"WARC/1.0\r\nWARC-Type: response\r\n\r\n").contains("no Content-Length"));
    for length in ["+5", "-5", "+", "++5", "+-5"] {
        let bytes = format!("WARC/1.0\r\nWARC-Type: metadata\r\nContent-Length: {length}\r\n\r\nabcde\r\n\r\n");
        let items = read(bytes.as_bytes());
        assert_eq!(items.iter().all(Result::is_ok), length == "+5", "{length}: a leading + is accepted as warcio does: {items:?}");
    }
}

/// `records` gzipped one member a record, read with member tracking.
fn read_members(records: &[Vec<u8>], padding: usize) -> Vec<Result<WarcItem, WarcError>> {
    let mut gz = Vec::new();
    for rec in records {
        let mut enc = GzEncoder::new(Vec::new(), Compression::default());
        enc.write_all(rec).unwrap();
        gz.extend(enc.finish().unwrap());
        gz.extend(std::iter::repeat_n(0u8, padding));
    }
    let (reader, members) = crate::batch::compress::decompress_tracked(gz.as_slice(), crate::batch::compress::Compression::Gzip).unwrap();
    WarcReader::new(reader, WarcLimits::default()).with_members(members).collect()
}

#[test]
fn a_record_longer_than_its_member_is_cut_at_the_next_record_member() {
    let mut long = html_response("http://b/");
    let declared = format!("Content-Length: {}", long.len());
    let text = String::from_utf8(long.clone()).unwrap();
    let real = text.lines().find(|l| l.starts_with("Content-Length")).unwrap().to_owned();
    long = text.replacen(&real, &declared, 1).into_bytes();
    let items = read_members(&[html_response("http://a/"), long, html_response("http://c/")], 0);
    assert_eq!(items.len(), 3, "{items:?}");
    assert_eq!(page(&items[0]).target_uri.as_deref(), Some("http://a/"));
    assert!(matches!(&items[1], Err(e @ WarcError::MemberEnd { .. }) if !e.is_fatal()), "{:?}", items[1]);
    assert_eq!(page(&items[2]).target_uri.as_deref(), Some("http://c/"));
}

#[test]
fn after_a_malformed_header_reading_resumes_at_the_next_record_member() {
    let broken = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: x\r\n\r\nabc\r\n\r\n".to_vec();
    let items = read_members(&[html_response("http://a/"), broken.clone(), html_response("http://c/")], 512);
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(matches!(&items[1], Err(WarcError::MalformedHeader { .. })));
    assert_eq!(page(&items[2]).target_uri.as_deref(), Some("http://c/"));
    // Without members (one gzip member for the file) the rest is lost, as before.
    let items = read(&[html_response("http://a/"), broken, html_response("http://c/")].concat());
    assert_eq!(items.len(), 2, "{items:?}");
}

#[test]
fn a_slow_record_ends_the_stream_at_the_time_limit() {
    // An endless block of zeros, as a small .warc.zst can hold a terabyte of them.
    let head = b"WARC/1.0\r\nWARC-Type: metadata\r\nContent-Length: 1000000000000\r\n\r\n";
    let zeros = std::io::repeat(0).take(1 << 40);
    let reader = BufReader::new(std::io::Read::chain(&head[..], zeros));
    let limits = WarcLimits { time_limit: Some(std::time::Duration::from_millis(200)), ..WarcLimits::default() };
    let started = std::time::Instant::now();
    let items: Vec<_> = WarcReader::new(reader, limits).collect();
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
    assert!(matches!(items.as_slice(), [Err(e @ WarcError::Timeout { offset: 0, .. })] if e.is_fatal()), "{items:?}");
}

#[test]
fn a_bomb_of_blank_lines_between_records_is_malformed() {
    let bytes = [html_response("http://a/"), vec![b'\n'; 200_000], html_response("http://b/")].concat();
    let items = read(&bytes);
    assert_eq!(items.len(), 2);
    assert!(matches!(&items[1], Err(WarcError::MalformedHeader { reason, .. }) if reason.contains("blank lines")), "{:?}", items[1]);
}

#[test]
fn header_block_over_limit_and_lines_without_colon() {
    let long = format!("WARC/1.0\r\nWARC-Type: response\r\nX-Pad: {}\r\nContent-Length: 0\r\n\r\n", "a".repeat(200));
    let items = read_with(long.as_bytes(), WarcLimits { max_header_bytes: 100, ..WarcLimits::default() });
    assert!(matches!(items.as_slice(), [Err(WarcError::MalformedHeader { offset: 0, reason })] if reason.contains("over 100")));
    assert!(malformed(b"WARC/1.0\r\nWARC-Type response\r\n\r\n").contains("without a colon"));
}

#[test]
fn garbage_and_empty_input() {
    assert!(malformed(b"<html>not a warc</html>\n").contains("expected a WARC/ version line"));
    assert!(malformed(&[0xff; 10]).contains("expected a WARC/ version line"));
    let after_record = [html_response("u"), b"garbage\r\n".to_vec()].concat();
    let items = read(&after_record);
    assert!(matches!(items.as_slice(), [Ok(WarcItem::Page(_)), Err(WarcError::MalformedHeader { .. })]));
    assert!(read(b"").is_empty());
    assert!(read(b"\r\n\r\n\n").is_empty());
}

#[test]
fn chunked_and_gzip_payload_is_decoded() {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(HTML).unwrap();
    let gz = enc.finish().unwrap();
    let mut body = format!("{:x}\r\n", gz.len()).into_bytes();
    body.extend_from_slice(&gz);
    body.extend_from_slice(b"\r\n0\r\n\r\n");
    let headers = ["Content-Type: text/html", "Transfer-Encoding: chunked", "Content-Encoding: gzip"];
    let items = read(&response("u", &http("200 OK", &headers, &body)));
    assert_eq!(page(&items[0]).body, HTML);
}

#[test]
fn gzip_bomb_is_cut_off_at_the_limit() {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    std::io::copy(&mut std::io::repeat(0).take(50_000_000), &mut enc).unwrap();
    let bomb = enc.finish().unwrap();
    let block = http("200 OK", &["Content-Type: text/html", "Content-Encoding: gzip"], &bomb);
    let bytes = [response("http://bomb.example/", &block), html_response("next")].concat();
    let items = read_with(&bytes, WarcLimits { max_record_bytes: 1 << 20, ..WarcLimits::default() });
    assert_eq!(items.len(), 2);
    match &items[0] {
        Err(WarcError::Http { reason, target_uri, .. }) => {
            assert_eq!(reason, &HttpError::TooLarge { limit: 1 << 20 });
            assert_eq!(target_uri.as_deref(), Some("http://bomb.example/"));
        }
        other => panic!("expected an Http error, got {other:?}"),
    }
    page(&items[1]);
}

#[test]
fn unparsable_http_is_an_error_and_reading_continues() {
    let bytes = [response("bad", b"HTTP/1.1 OK\r\n\r\n<html>"), html_response("good")].concat();
    let items = read(&bytes);
    assert!(matches!(&items[0], Err(WarcError::Http { reason: HttpError::StatusLine(_), .. })));
    page(&items[1]);
}

#[test]
fn lf_only_warc_1_1_and_missing_final_line_ends() {
    let block = http("200 OK", &["Content-Type: text/html"], HTML).iter().copied().filter(|&b| b != b'\r').collect::<Vec<_>>();
    let headers = [("WARC-Target-URI", "<http://lf.example/>"), ("Content-Type", "application/http;msgtype=response")];
    let first = record_with("WARC/1.1", "\n", "response", &headers, &block);
    let mut second = record_with("WARC/1.1", "\n", "response", &headers, &block);
    second.truncate(second.len() - 2);
    let items = read(&[first.clone(), second].concat());
    assert_eq!(items.len(), 2);
    assert_eq!(page(&items[0]).body, HTML);
    assert_eq!(page(&items[0]).target_uri.as_deref(), Some("http://lf.example/"));
    assert_eq!(page(&items[1]).offset, first.len() as u64);
}

/// Ok items, then at most one error, then the end, and never a panic.
fn assert_well_behaved(bytes: &[u8]) {
    let mut reader = WarcReader::new(bytes, WarcLimits { max_record_bytes: 400, max_header_bytes: 300, time_limit: None });
    let mut fatal = false;
    for _ in 0..bytes.len() + 2 {
        match reader.next() {
            None => break,
            Some(Err(e)) if e.is_fatal() => fatal = true,
            Some(_) => assert!(!fatal, "an item after a fatal error"),
        }
    }
    assert!(reader.next().is_none(), "the reader does not end");
}

#[test]
fn every_prefix_gives_ok_items_then_at_most_one_error() {
    let records = [record("warcinfo", &[], b"software: t\r\n"), html_response("http://a/"), html_response("http://b/")];
    let bytes = records.concat();
    for len in 0..=bytes.len() {
        let prefix = &bytes[..len];
        let items = read(prefix);
        let errors = items.iter().filter(|i| i.is_err()).count();
        assert!(errors <= 1, "prefix {len}: {items:?}");
        assert!(items.iter().take(items.len().saturating_sub(1)).all(Result::is_ok), "prefix {len}: {items:?}");
        let complete = records.iter().scan(0, |end, r| {
            *end += r.len();
            Some(*end - 4) // a record without its final CRLFs is complete
        });
        let whole_records = complete.filter(|&end| end <= len).count();
        assert!(items.iter().filter(|i| i.is_ok()).count() >= whole_records, "prefix {len}: {items:?}");
        assert_well_behaved(prefix);
    }
}

#[test]
fn mutated_bytes_never_panic() {
    let bytes = [html_response("http://a/"), record("request", &[], b"GET /"), html_response("http://b/")].concat();
    for pos in 0..bytes.len() {
        for value in [b'0', b'9', b'\n', b'\r', b':', b' ', b'-', 0xff] {
            let mut mutated = bytes.clone();
            mutated[pos] = value;
            assert_well_behaved(&mutated);
        }
    }
}
