"""Writes small Common Crawl style WARC.gz files for the pipeline tests."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def write_warc(path: Path, pages: list[tuple[str, bytes]], *, extra_records: bool = True) -> None:
    """One `response` record per (url, html) page, plus (if asked) a
    warcinfo, a request and a non-HTML response that readers must skip."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        if extra_records:
            writer.write_record(writer.create_warcinfo_record(path.name, {"software": "pith tests"}))
        for i, (url, html) in enumerate(pages):
            if extra_records and i == 1:
                req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
                writer.write_record(writer.create_warc_record(url, "request", http_headers=req))
                image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
                writer.write_record(
                    writer.create_warc_record(url + ".png", "response", payload=BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64), http_headers=image)
                )
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=BytesIO(html), http_headers=headers)
            record.rec_headers.add_header("WARC-Identified-Payload-Type", "text/html")
            writer.write_record(record)
