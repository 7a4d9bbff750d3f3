#!/usr/bin/env bash
# Builds the seed corpus of every fuzz target from the test fixtures:
#   fuzz/seed.sh        (writes fuzz/corpus/TARGET/, which git ignores)
set -euo pipefail
cd "$(dirname "$0")"
root=..
mkdir -p corpus/{html,text,rules,warc,jsonl,markdown,tokenizer}
cp "$root"/tests/html/*.html corpus/html/
cp "$root"/tests/html/*.html corpus/tokenizer/
cp "$root"/tests/html/*.html corpus/markdown/
cp "$root"/tests/samples/*.txt corpus/text/
cp "$root"/rules/*.toml corpus/rules/
find "$root"/tests/rules -name '*.toml' | while read -r f; do cp "$f" "corpus/rules/$(echo "$f" | tr '/' '_')"; done
python3 - <<'PY'
import json
def record(kind, uri, ctype, block):
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}>\r\nWARC-Target-URI: {uri}\r\n"
            f"Content-Type: {ctype}\r\nContent-Length: {len(block)}\r\n\r\n").encode()
    return head + block + b"\r\n\r\n"
page = open("../tests/html/json_ld.html", "rb").read()
http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page
chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n5\r\n<p>ab\r\n0\r\n\r\n"
seeds = {
    "full": record("warcinfo", "", "application/warc-fields", b"software: x\r\n") + record("response", "https://a.example/", "application/http; msgtype=response", http),
    "chunked": record("response", "https://b.example/", "application/http; msgtype=response", chunked),
    "redirect": record("response", "https://c.example/", "application/http; msgtype=response", b"HTTP/1.1 301 Moved\r\nLocation: /\r\n\r\n"),
}
for name, data in seeds.items():
    open(f"corpus/warc/{name}", "wb").write(data)
lines = [json.dumps({"id": 1, "html": page.decode("utf-8", "replace"), "url": "https://a.example/", "x": [1, {"y": None}]}),
         json.dumps({"text": "Line one.\n\nLine two.", "title": "t"}), "{broken", "", "[1,2]"]
open("corpus/jsonl/mixed", "w").write("\n".join(lines))
PY
echo "seeded: $(find corpus -type f | wc -l) files"
