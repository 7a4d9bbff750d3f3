#!/usr/bin/env python3
"""Label every block of every dev page against its truth, for training and
cross-validating a block scorer (issue 19, step 1). Standard library only.

Usage:
  scripts/label-blocks.py SET_DIR [SET_DIR ...] [--out DIR] [--pith BIN]
  scripts/label-blocks.py SET_DIR [SET_DIR ...] --digest [--out DIR]
  scripts/label-blocks.py SET_DIR [SET_DIR ...] --digest-fresh [--pith BIN]

For each set (a folder with truth.jsonl and pages/, e.g. ../shared/data/wcxb-dev)
the pages are run through `pith extract --explain --format jsonl --no-rules`
(the blocks, the features and today's verdicts), and each block gets:

  label     the share of the block's words the truth holds, in order:
            - sets with `main_content` (wcxb-dev, wcxb-rest, readability-dev):
              the share of the block's word 3-shingles found in the truth's
              (blocks of one or two words: 1.0 when the phrase is a whole line
              of the truth, 0.0 when the truth never says it, else null);
            - sets with `with`/`without` snippets only (trafilatura-dev,
              trafilatura-dumps-dev): 1.0 for a block holding a `with` snippet,
              0.0 for one holding a `without` snippet, else null;
            null means no truth speaks for the block: unlabelled, not negative.
  site      the registrable domain of the page's URL: the truth's, else
            the canonical URL the page declares (the archived site for
            web.archive.org URLs); without either, the page id less a
            trailing `-N` (readability-dev's `yahoo-1` ... `yahoo-4` are one
            site): the group of site-grouped cross-validation.
  fold      0..4, from sha256(site): no site is in two folds, the same on
            every run.

One JSON object a line per block goes to OUT/SET.jsonl (default
target/labels): set, page, type, site, fold, index, label, kind, verdict
(today's label), score, reason, text, shape and the features. A summary per set is printed:
pages, blocks, labelled share, and how today's engine agrees with the labels
per fold (the baseline a learned scorer must beat out of fold).
OUT/engine.json names the binary that made the labels (its sha256), so that
scripts/train labels again when the engine has changed.

--digest labels nothing: it prints, as JSON, each set's rows digest (sha256
of what a trainer reads of a block: page, index, label, fold, characters,
row, in order) from the labels already in OUT. scripts/train records these
digests in quality/oof.json; scripts/quality-gate.sh labels the sets afresh
(--digest-fresh: the same digests from a labelling that writes nothing, so
the gate needs no room for a gigabyte of labels) and compares, so a model
trained on rows the engine no longer makes fails the gate instead of
passing as reproducible.
"""

import argparse
import contextlib
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from urllib.parse import urlsplit

FOLDS = 5
SHINGLE = 3
# Second-level labels under which a registrable domain has three labels
# (example.co.uk); a stand-in for the public suffix list, which the standard
# library lacks.
SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go", "gv", "nic"}
WORD = re.compile(r"\w+", re.UNICODE)
ARCHIVED = re.compile(r"^/web/\d+[a-z_]*/(.+)$")


def words(text):
    return WORD.findall(text.lower())


def norm(text):
    return " ".join(text.split()).lower()


def site_of(url, page_id):
    """The registrable domain of `url` (the archived one for web.archive.org)."""
    if not url:
        return "id:" + page_id
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if host == "web.archive.org":
        m = ARCHIVED.match(parts.path)
        if m:
            inner = m.group(1)
            if "://" not in inner:
                inner = "http://" + inner
            return site_of(inner, page_id)
    labels = [l for l in host.split(".") if l]
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:]) or "id:" + page_id


def site_of_page(truth_url, page_url, page_id):
    """The cross-validation group of a page: the site of the truth's URL, else
    of the canonical URL the page declares, else its id less a trailing `-N`
    (before session 24 the bare id: readability-dev's `lifehacker-working` and
    `lifehacker-post-comment-load`, one URL, sat in two folds)."""
    url = truth_url or page_url
    if url:
        site = site_of(url, page_id)
        if not site.startswith("id:"):
            return site
    return "id:" + re.sub(r"-\d+$", "", page_id)


def fold_of(site):
    return int(hashlib.sha256(site.encode("utf-8")).hexdigest()[:8], 16) % FOLDS


def shingles(ws):
    return {tuple(ws[i : i + SHINGLE]) for i in range(len(ws) - SHINGLE + 1)}


class Truth:
    """What a page's truth says about a block of text."""

    def __init__(self, record):
        main = record.get("main_content")
        self.main_words = words(main) if main else None
        self.main_shingles = shingles(self.main_words) if main else None
        self.main_norm = " " + " ".join(self.main_words) + " " if main else None
        self.main_lines = {" ".join(words(line)) for line in main.splitlines()} if main else None
        self.with_ = [norm(s) for s in record.get("with") or [] if s.strip()]
        self.without = [norm(s) for s in record.get("without") or [] if s.strip()]

    def label(self, text):
        if self.main_words is not None:
            ws = words(text)
            if not ws:
                return None
            if len(ws) < SHINGLE:
                # A word or two: content when it is a line of the truth (a
                # heading, a list item), boilerplate when the truth never
                # says it, unlabelled when it occurs only inside longer text
                # ("News" in a menu and in a sentence).
                phrase = " ".join(ws)
                if phrase in self.main_lines:
                    return 1.0
                return None if " " + phrase + " " in self.main_norm else 0.0
            sh = [tuple(ws[i : i + SHINGLE]) for i in range(len(ws) - SHINGLE + 1)]
            return round(sum(s in self.main_shingles for s in sh) / len(sh), 4)
        t = norm(text)
        if any(s in t for s in self.with_):
            return 1.0
        if any(s in t for s in self.without):
            return 0.0
        return None


def pages_of(set_dir, tmp):
    """Decompress the set's pages into `tmp` as ID.html / ID.txt; id -> truth."""
    truths = {}
    with open(os.path.join(set_dir, "truth.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                truths[rec["id"]] = rec
    for rec in truths.values():
        src = os.path.join(set_dir, rec["file"])
        ext = ".txt" if src.endswith(".txt") or src.endswith(".txt.gz") else ".html"
        opener = gzip.open if src.endswith(".gz") else open
        with opener(src, "rb") as fin, open(os.path.join(tmp, rec["id"] + ext), "wb") as fout:
            shutil.copyfileobj(fin, fout)
    return truths


def label_set(set_dir, out_dir, pith, digest=None):
    """Label one set into OUT/SET.jsonl; with `digest` (a hashlib object)
    and no `out_dir`, write nothing and feed each row's digest item to it."""
    name = os.path.basename(os.path.normpath(set_dir))
    out_path = os.path.join(out_dir, name + ".jsonl") if out_dir else None
    stats = defaultdict(lambda: defaultdict(float))
    with tempfile.TemporaryDirectory() as tmp:
        truths = pages_of(set_dir, tmp)
        cmd = [pith, "extract", "--explain", "--format", "jsonl", "--no-rules", "-q", tmp]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, encoding="utf-8")
        columns = None
        with open(out_path, "w", encoding="utf-8") if out_path else contextlib.nullcontext() as out:
            for line in proc.stdout:
                page = json.loads(line)
                page_id = re.sub(r"\.(html|txt)$", "", os.path.basename(page["source"]))
                rec = truths.get(page_id)
                if rec is None or page.get("error"):
                    continue
                truth = Truth(rec)
                if columns is None and page.get("columns") and out_dir:
                    columns = page["columns"]
                    with open(os.path.join(out_dir, "columns.json"), "w", encoding="utf-8") as cf:
                        json.dump(columns, cf)
                site = site_of_page(rec.get("url"), page.get("url"), page_id)
                fold = fold_of(site)
                st = stats[fold]
                st["pages"] += 1
                for b in page.get("blocks", []):
                    label = truth.label(b["text"])
                    kept = b["label"] != "boilerplate"
                    chars = b["features"]["chars"]
                    st["blocks"] += 1
                    if label is not None:
                        st["labelled"] += 1
                        # Character-weighted agreement of today's verdicts with the labels.
                        st["tp"] += chars * label * kept
                        st["fp"] += chars * (1 - label) * kept
                        st["fn"] += chars * label * (not kept)
                    row = {
                        "set": name,
                        "page": page_id,
                        "type": rec.get("type"),
                        "site": site,
                        "fold": fold,
                        "index": b["index"],
                        "label": label,
                        "kind": b["kind"],
                        "verdict": b["label"],
                        "score": b["score"],
                        "reason": b["reason"],
                        "text": b["text"],
                        "shape": b.get("shape"),
                        "features": b["features"],
                        "vector": b.get("vector"),
                    }
                    if out:
                        out.write(json.dumps(row, ensure_ascii=False) + "\n")
                    if digest is not None:
                        digest.update(digest_item(row))
        if proc.wait() not in (0, 1):
            sys.exit(f"{' '.join(cmd)} failed with exit code {proc.returncode}")
    if not out_path:
        return
    print(f"{name}: {out_path}")
    print("  fold  pages  blocks  labelled   today's engine on labelled blocks (chars): P / R / F1")
    for fold in sorted(stats):
        st = stats[fold]
        p = st["tp"] / max(st["tp"] + st["fp"], 1)
        r = st["tp"] / max(st["tp"] + st["fn"], 1)
        f1 = 2 * p * r / max(p + r, 1e-9)
        print(f"  {fold:>4} {int(st['pages']):>6} {int(st['blocks']):>7} {st['labelled'] / max(st['blocks'], 1):>9.1%}   {p:.3f} / {r:.3f} / {f1:.3f}")


def sha256_of_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def digest_item(r):
    """What a trainer reads of one labelled block, as the digest takes it:
    page, index, label, fold, characters and the row."""
    item = [r["page"], r["index"], r["label"], r["fold"], r["features"]["chars"], r["vector"]]
    return json.dumps(item, separators=(",", ":")).encode("utf-8") + b"\n"


def rows_digest(labels_dir, name):
    """sha256 of the digest items of one set's labels, in file order."""
    h = hashlib.sha256()
    with open(os.path.join(labels_dir, name + ".jsonl"), encoding="utf-8") as f:
        for line in f:
            h.update(digest_item(json.loads(line)))
    return h.hexdigest()


def write_stamp(out_dir, pith, names):
    """OUT/engine.json: the binary that labelled these sets."""
    with open(os.path.join(out_dir, "engine.json"), "w", encoding="utf-8") as f:
        json.dump({"pith_sha256": sha256_of_file(pith), "sets": sorted(names)}, f, indent=2)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="+")
    ap.add_argument("--out", default="target/labels")
    ap.add_argument("--pith", default="target/release/pith")
    ap.add_argument("--digest", action="store_true", help="print each set's rows digest from the labels in --out; label nothing")
    ap.add_argument("--digest-fresh", action="store_true", help="label the sets with --pith and print their rows digests; write nothing")
    args = ap.parse_args()
    names = [os.path.basename(os.path.normpath(s)) for s in args.sets]
    if not args.digest and not os.access(args.pith, os.X_OK):
        sys.exit(f"{args.pith}: no pith binary there (cargo build --release)")
    if args.digest_fresh:
        digests = {}
        for set_dir, name in zip(args.sets, names):
            h = hashlib.sha256()
            label_set(set_dir, None, args.pith, digest=h)
            digests[name] = h.hexdigest()
        print(json.dumps(digests, indent=2, sort_keys=True))
        return
    if args.digest:
        digests = {}
        for name in names:
            try:
                digests[name] = rows_digest(args.out, name)
            except (OSError, ValueError, KeyError) as e:
                sys.exit(f"{args.out}/{name}.jsonl: no labels to digest ({e})")
        print(json.dumps(digests, indent=2, sort_keys=True))
        return
    os.makedirs(args.out, exist_ok=True)
    for s in args.sets:
        label_set(s, args.out, args.pith)
    write_stamp(args.out, args.pith, names)


if __name__ == "__main__":
    main()
