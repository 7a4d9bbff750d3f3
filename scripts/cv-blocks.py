#!/usr/bin/env python3
"""Site-grouped, 5-fold cross-validation of a learned block scorer on the
labels `scripts/label-blocks.py` wrote (issue 19, protocol step). Every
figure it prints is out of fold: a page is scored by a model that never saw
its site.

Usage (Python with scripts/requirements-train.txt installed):
  scripts/cv-blocks.py [--labels target/labels] [--variant learned|stacked]

  learned   the block's own features, its kind, its shape (markup hint,
            main-content marking, links; layout in dumps), its neighbours'
            features and its position: no verdict of today's engine
  stacked   the same plus today's stage-one score, reason and verdict

Per fold, a gradient-boosted tree model (scikit-learn's
HistGradientBoostingClassifier, seeded) is trained on the labelled blocks of
the other folds (label >= 0.5 is content) and predicts every block of the
fold; a page's text is its blocks with p >= 0.5, joined by newlines. The
predictions are written per set to target/cv/VARIANT/SET.pred.jsonl and
scored with ../shared/tools/score.py, next to today's engine's in-sample
figure from the same run of pith (its verdicts in the labels).

This is an experiment harness: it ships no model.
"""

import argparse
import json
import os
import subprocess
import sys
from collections import defaultdict

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

HTML_SETS = ["wcxb-dev", "wcxb-rest", "readability-dev", "trafilatura-dev"]
DUMP_SETS = ["trafilatura-dumps-dev"]
KINDS = {"paragraph": 0, "heading": 1, "list_item": 2, "quote": 3, "code": 4, "table_row": 5}
REASONS = {}
VECTOR = False
VERDICTS = {"boilerplate": 0, "content": 1, "title": 2, "byline": 3}
NEIGHBOUR_KEYS = ["words", "link_density", "stopword_density", "chars"]
# What the front end saw around a block (HTML: markup hints and main-content
# marking; dumps: layout).
SHAPE_KEYS = ["links", "gap_before", "run_len", "indent", "markup_hint", "in_main"]


def num(v):
    if v is None:
        return -1.0
    if isinstance(v, bool):
        return float(v)
    return float(v)


def load(path):
    pages = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            pages[row["page"]].append(row)
    return pages


def page_rows(blocks, stacked):
    """Feature rows of one page's blocks, in block order."""
    if VECTOR:
        rows = [list(b["vector"]) for b in blocks]
        if stacked:
            for row, b in zip(rows, blocks):
                row.append(float(VERDICTS.get(b["verdict"], 4)))
        return rows
    n = len(blocks)
    feat_keys = sorted(blocks[0]["features"]) if blocks else []
    rows = []
    for i, b in enumerate(blocks):
        f = b["features"]
        kind = b["kind"]
        row = [num(f[k]) for k in feat_keys]
        row += [KINDS.get(kind.get("kind"), 6), num(kind.get("level"))]
        row += [i / max(n - 1, 1), float(n)]
        shape = b.get("shape") or {}
        row += [num(shape.get(k)) for k in SHAPE_KEYS]
        for j in (i - 1, i + 1):
            nb = blocks[j]["features"] if 0 <= j < n else None
            row += [num(nb[k]) if nb else -2.0 for k in NEIGHBOUR_KEYS]
        if stacked:
            reason = REASONS.setdefault(b["reason"], len(REASONS))
            row += [b["score"], float(reason), float(VERDICTS.get(b["verdict"], 4))]
        rows.append(row)
    return rows


def run(pool, labels_dir, out_dir, stacked):
    data = {s: load(os.path.join(labels_dir, s + ".jsonl")) for s in pool}
    X, y, w, fold, where = [], [], [], [], []
    for s, pages in data.items():
        for page, blocks in pages.items():
            for k, row in enumerate(page_rows(blocks, stacked)):
                b = blocks[k]
                X.append(row)
                y.append(-1 if b["label"] is None else int(b["label"] >= 0.5))
                w.append(max(b["features"]["chars"], 1) ** 0.5)
                fold.append(b["fold"])
                where.append((s, page, k))
    X, y, w, fold = np.array(X, dtype=np.float64), np.array(y), np.array(w), np.array(fold)
    prob = np.zeros(len(y))
    for k in range(5):
        train = (fold != k) & (y >= 0)
        model = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.08, max_leaf_nodes=31, l2_regularization=1.0, random_state=0)
        model.fit(X[train], y[train], sample_weight=w[train])
        test = fold == k
        prob[test] = model.predict_proba(X[test])[:, 1]
    kept = defaultdict(list)
    for (s, page, k), p in zip(where, prob):
        if p >= 0.5:
            kept[(s, page)].append(data[s][page][k]["text"])
    os.makedirs(out_dir, exist_ok=True)
    for s, pages in data.items():
        path = os.path.join(out_dir, s + ".pred.jsonl")
        base = os.path.join(out_dir, s + ".today.jsonl")
        with open(path, "w", encoding="utf-8") as out, open(base, "w", encoding="utf-8") as today:
            for page, blocks in pages.items():
                out.write(json.dumps({"id": page, "text": "\n".join(kept[(s, page)])}, ensure_ascii=False) + "\n")
                text = "\n".join(b["text"] for b in blocks if b["verdict"] != "boilerplate")
                today.write(json.dumps({"id": page, "text": text}, ensure_ascii=False) + "\n")
        for label, pred in (("out of fold", path), ("today (in-sample)", base)):
            res = subprocess.run(
                [sys.executable, "../shared/tools/score.py", "../shared/data/" + s, "--pred", pred, "--json", "--no-by-type"],
                capture_output=True, text=True, check=False,
            )
            try:
                scores = json.loads(res.stdout)
            except json.JSONDecodeError:
                print(f"{s}: score.py failed: {res.stderr[:300]}")
                continue
            figures = {m: round(v["f1"], 4) for m, v in scores.items() if isinstance(v, dict) and "f1" in v}
            print(f"{s:<22} {label:<18} {figures}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--labels", default="target/labels")
    ap.add_argument("--variant", choices=["learned", "stacked", "vector", "vector-stacked"], default="learned")
    args = ap.parse_args()
    global VECTOR
    VECTOR = args.variant.startswith("vector")
    stacked = args.variant.endswith("stacked")
    out = os.path.join("target/cv", args.variant)
    run(HTML_SETS, args.labels, out, stacked)
    run(DUMP_SETS, args.labels, out, stacked)


if __name__ == "__main__":
    main()
