#!/usr/bin/env python3
"""Write a Common Crawl style WARC.gz of a given size from a folder of pages.

    scripts/make-warc.py SIZE_MB OUT.warc.gz [PAGES_DIR...]

Every page (``*.html`` or ``*.html.gz``; default ../shared/data/*/pages) is
written as a ``response`` record with its own URL, preceded by a ``request``
record and, every 100 pages, a ``metadata`` record and an image response, one
gzip member per record, round after round until the uncompressed WARC reaches
SIZE_MB megabytes. For memory and throughput tests of batch runs; standard
library only.
"""
import glob
import gzip
import os
import sys
import uuid


def record(kind, uri, content_type, block):
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        f"WARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def http(content_type, body):
    return f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body


def load(dirs):
    pages = []
    for d in dirs:
        for path in sorted(glob.glob(os.path.join(d, "*.html*"))):
            opener = gzip.open if path.endswith(".gz") else open
            with opener(path, "rb") as f:
                pages.append(f.read())
    return pages


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    target = int(sys.argv[1]) * 1_000_000
    out = sys.argv[2]
    dirs = sys.argv[3:] or sorted(glob.glob(os.path.join(os.path.dirname(__file__), "../../shared/data/*/pages")))
    pages = load(dirs)
    if not pages:
        sys.exit(f"no pages in {dirs}")
    written = n = 0
    with open(out, "wb") as f:
        while written < target:
            page = pages[n % len(pages)]
            uri = f"https://site{n % 997}.example/r{n // len(pages)}/p{n}"
            recs = [
                record("request", uri, "application/http; msgtype=request", f"GET /p{n} HTTP/1.1\r\n\r\n".encode()),
                record("response", uri, "application/http; msgtype=response", http("text/html; charset=utf-8", page)),
            ]
            if n % 100 == 0:
                recs.append(record("metadata", uri, "application/warc-fields", b"fetchTimeMs: 120\r\n"))
                recs.append(record("response", uri + ".png", "application/http; msgtype=response", http("image/png", b"\x89PNG" + bytes(2000))))
            for r in recs:
                f.write(gzip.compress(r, compresslevel=1))
                written += len(r)
            n += 1
    print(f"{out}: {n} pages, {written / 1e6:.0f} MB uncompressed, {os.path.getsize(out) / 1e6:.0f} MB on disk")


if __name__ == "__main__":
    main()
