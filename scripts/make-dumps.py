#!/usr/bin/env python3
"""Text dumps of the HTML dev pages, for training the dump author ranker.

Usage:
  scripts/make-dumps.py SET_DIR [SET_DIR ...] [--out DIR]

trafilatura-dumps-dev has 504 dumps, 281 of them with an author in their
truth: few for a ranker. This script writes more dumps of the same kinds
from the HTML pages of the other dev sets (wcxb-dev, wcxb-rest,
readability-dev), each page converted the way trafilatura-dumps-dev's
dumps were (`../shared/data/README.md`, "Dump styles"): decoded (BOM, else
strict UTF-8, else the declared charset, else windows-1252), then one
converter chosen by sha256 of the page's URL (its id without one) among
inscriptis, html2text (unwrapped and wrapped at 78 columns), html_text,
BeautifulSoup lines and a browser's select-all copy.

For each set, OUT/SET-dumps/pages/ID.txt and OUT/SET-dumps/truth.jsonl
(id, file, url, type, style, and the HTML page's truth: main_content,
title, author, date). `scripts/train-dump-metadata --field author` learns
from them (never measures on them). The same pages give the same dumps
byte for byte (the converters' versions are pinned in
scripts/requirements-train.txt). trafilatura-dev is not converted: its
dumps are trafilatura-dumps-dev, the set the rankers are measured on.
The block model does not learn from these dumps: out of fold that cost
0.013 segment F1 (docs/learned-scorer.md, session 28).
"""

import argparse
import codecs
import gzip
import hashlib
import json
import os
import re
import sys

import html2text
import html_text
import inscriptis
from bs4 import BeautifulSoup, Comment
from lxml import html as lxml_html

STYLES = ["inscriptis", "html2text", "html2text-wrap78", "html_text", "bs4-lines", "browser-copy"]
DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Elements whose text starts and ends a line (bs4-lines, browser-copy).
BLOCKS = {
    "address", "article", "aside", "blockquote", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tr", "ul",
    "caption", "tbody", "thead", "tfoot",
}
DROPPED = {"script", "style", "template", "noscript", "svg", "iframe", "object", "embed", "canvas", "head", "title"}
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def decode(raw):
    """The page as text: BOM, else strict UTF-8, else its declared charset, else windows-1252."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            return raw[len(bom):].decode(enc, "replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = DECLARED.search(raw[:4096])
    if m:
        try:
            return raw.decode(m.group(1).decode("ascii"), "replace")
        except LookupError:
            pass
    return raw.decode("windows-1252", "replace")


def style_of(key):
    return STYLES[int(hashlib.sha256(key.encode("utf-8")).hexdigest(), 16) % len(STYLES)]


def bs4_lines(page):
    soup = BeautifulSoup(page, "lxml")
    for el in soup.find_all(["script", "style", "template"]):
        el.decompose()
    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for el in soup.find_all(list(BLOCKS)):
        el.insert_before("\n")
        el.insert_after("\n")
    lines = (" ".join(line.split()) for line in soup.get_text().split("\n"))
    return "\n".join(line for line in lines if line) + "\n"


def browser_copy(page):
    try:
        tree = lxml_html.document_fromstring(page)
    except Exception:
        return ""
    body = tree.find("body")
    if body is None:
        body = tree
    out = []

    def hidden(el):
        return el.get("hidden") is not None or bool(HIDDEN_STYLE.search(el.get("style") or ""))

    def walk(el):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in DROPPED or (tag and hidden(el)):
            if el.tail:
                out.append(el.tail)
            return
        block = tag in BLOCKS
        if block:
            out.append("\n\n")
        if tag == "br":
            out.append("\n")
        if tag in ("td", "th"):
            out.append("\t")
        if tag and el.text:
            out.append(el.text)
        for child in el:
            walk(child)
        if block:
            out.append("\n\n")
        if el.tail:
            out.append(el.tail)

    walk(body)
    text = "".join(out)
    # Whitespace collapsed inside a line; a blank line between blocks.
    lines = [re.sub(r"[ \f\v\r\u00a0]+", " ", line).strip(" ") for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text + "\n"


def convert(page, style, url):
    if style == "inscriptis":
        return inscriptis.get_text(page)
    if style in ("html2text", "html2text-wrap78"):
        h = html2text.HTML2Text(baseurl=url or "")
        h.unicode_snob = True
        h.body_width = 78 if style == "html2text-wrap78" else 0
        return h.handle(page)
    if style == "html_text":
        return html_text.extract_text(page)
    if style == "bs4-lines":
        return bs4_lines(page)
    return browser_copy(page)


def read(path):
    with open(path, "rb") as f:
        raw = f.read()
    return gzip.decompress(raw) if path.endswith(".gz") else raw


def convert_set(set_dir, out_root):
    name = os.path.basename(os.path.normpath(set_dir)) + "-dumps"
    out_dir = os.path.join(out_root, name)
    pages_dir = os.path.join(out_dir, "pages")
    os.makedirs(pages_dir, exist_ok=True)
    # A set is made whole: dumps an earlier run left are removed first.
    for old in os.listdir(pages_dir):
        if old.endswith(".txt"):
            os.remove(os.path.join(pages_dir, old))
    count = 0
    with open(os.path.join(set_dir, "truth.jsonl"), encoding="utf-8") as f, open(
        os.path.join(out_dir, "truth.jsonl"), "w", encoding="utf-8"
    ) as truth_out:
        for line in f:
            rec = json.loads(line)
            if not rec.get("main_content"):
                continue
            url = (rec.get("url") or "").strip()
            style = style_of(url or rec["id"])
            page = decode(read(os.path.join(set_dir, rec["file"])))
            try:
                text = convert(page, style, url)
            except Exception as e:  # a converter that fails on a page: the page is left out
                print(f"{name}/{rec['id']}: {style} failed: {e}", file=sys.stderr)
                continue
            if not text.strip():
                continue
            with open(os.path.join(out_dir, "pages", rec["id"] + ".txt"), "w", encoding="utf-8") as p:
                p.write(text)
            keep = {k: rec.get(k) for k in ("id", "url", "type", "main_content", "title", "author", "date")}
            keep.update(file=f"pages/{rec['id']}.txt", style=style)
            truth_out.write(json.dumps(keep, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    print(f"{name}: {count} dumps", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="+")
    ap.add_argument("--out", default="target/dumps")
    args = ap.parse_args()
    for s in args.sets:
        if not os.path.isfile(os.path.join(s, "truth.jsonl")):
            sys.exit(f"make-dumps: {s}: no truth.jsonl (a dev set folder, e.g. ../shared/data/wcxb-dev, is expected)")
        convert_set(s, args.out)


if __name__ == "__main__":
    main()
