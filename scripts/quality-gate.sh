#!/usr/bin/env bash
# Quality gate: score the release extractor on the dev sets and fail if a figure
# falls below its floor in quality/floors.json.
#
#   scripts/quality-gate.sh
#
# Needs ../shared/data and ../shared/tools/score.py beside the repository (else it
# prints a message and exits 0) and python3. Builds the release binary with
# `cargo build --release` (honouring CARGO_TARGET_DIR), runs score.py --json on
# each set in quality/floors.json, prints one line per set
# (`set metric value floor OK|FAIL|SKIP`) and exits 1 if any set is below its
# floor or could not be scored. A set whose folder is missing is reported SKIP.
# Then the out-of-fold figures scripts/train recorded in quality/oof.json are
# checked against the "oof" floors, and the shipped models (data/model/) must
# be the ones those figures describe (sha256), trained on the rows this engine
# makes (the dev sets labelled afresh by scripts/label-blocks.py, their rows
# digests against those recorded), and the metadata rankers on rows it makes
# (scripts/check-model-rows: their check fixtures' rows made again). The
# in-sample runs above are
# regression checks of the binary; the out-of-fold floors gate accuracy.
# The "metadata" floors gate the share of right titles, authors and dates
# (score.py's metadata report, with each page's URL where the set has them).
# When quality rises, raise the floors (see the _comment in floors.json).
# PITH_QUALITY_FLOORS names another floors file (for trying the gate out).
set -euo pipefail

cd "$(dirname "$0")/.."

if [ ! -d ../shared/data ] || [ ! -f ../shared/tools/score.py ]; then
    echo "quality gate skipped: ../shared/data not found"
    exit 0
fi

cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/pith"
if [ ! -x "$bin" ]; then
    echo "quality gate: $bin not found after cargo build --release" >&2
    exit 1
fi

python3 - "$bin" "${PITH_QUALITY_FLOORS:-quality/floors.json}" ../shared/tools/score.py <<'PY'
import json, os, shlex, subprocess, sys, time

binary, floors_path, score_py = sys.argv[1:4]
with open(floors_path, encoding="utf-8") as f:
    floors = json.load(f)["sets"]
cmd = f"{shlex.quote(binary)} extract --format jsonl"
failed = 0
start = time.monotonic()
print(f"{'set':<22} {'metric':<11} {'value':>7} {'floor':>7}  result")
for name, spec in floors.items():
    metric, floor, path = spec["metric"], float(spec["floor"]), spec["path"]
    label = f"{metric}-f1"
    if not os.path.isdir(path):
        print(f"{name:<22} {label:<11} {'-':>7} {floor:>7.3f}  SKIP ({path} not found)")
        continue
    proc = subprocess.run([sys.executable, score_py, path, "--cmd", cmd, "--json"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        result = json.loads(proc.stdout)
    except ValueError:
        tail = " | ".join(proc.stderr.strip().splitlines()[-3:])
        print(f"{name:<22} {label:<11} {'-':>7} {floor:>7.3f}  FAIL (score.py exit {proc.returncode}: {tail})")
        failed += 1
        continue
    if not isinstance(result.get(metric), dict) or "f1" not in result[metric]:
        print(f"{name:<22} {label:<11} {'-':>7} {floor:>7.3f}  FAIL (no {metric} F1 in score.py's report)")
        failed += 1
        continue
    value = float(result[metric]["f1"])
    ok = value >= floor
    failed += not ok
    note = ""
    timing = result.get("timing") or {}
    if timing.get("failed_calls"):
        note += f"; {timing['failed_calls']} pith calls exited non-zero: {timing['failures'][0]}"
    if result.get("errors"):
        note += f"; {result['errors']} pages with errors"
    print(f"{name:<22} {label:<11} {value:>7.4f} {floor:>7.3f}  {'OK' if ok else 'FAIL'}"
          f" ({value - floor:+.4f}{note})")
# Metadata: the share of pages whose title, author and date are right, each
# page given its URL (score.py --url-flag=--url, one call a page) where the
# set has URLs.
with open(floors_path, encoding="utf-8") as f:
    meta_floors = json.load(f).get("metadata") or {}
if meta_floors:
    print(f"{'metadata':<22} {'field':<11} {'value':>7} {'floor':>7}  result")
for name, spec in meta_floors.items():
    path = spec["path"]
    fields = [k for k in ("title", "author", "date") if k in spec]
    if not os.path.isdir(path):
        print(f"{name:<22} {'metadata':<11} {'-':>7} {'-':>7}  SKIP ({path} not found)")
        continue
    args = [sys.executable, score_py, path, "--cmd", cmd, "--json"] + (["--url-flag=--url"] if spec.get("url") else [])
    proc = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        report = json.loads(proc.stdout).get("metadata") or {}
    except ValueError:
        report = {}
    for field in fields:
        floor = float(spec[field]["floor"])
        value = (report.get(field) or {}).get("accuracy")
        ok = value is not None and float(value) >= floor
        failed += not ok
        shown = f"{float(value):>7.4f}" if value is not None else f"{'-':>7}"
        why = f" ({float(value) - floor:+.4f})" if value is not None else f" (no {field} figure; score.py exit {proc.returncode})"
        print(f"{name:<22} {field:<11} {shown} {floor:>7.3f}  {'OK' if ok else 'FAIL'}{why}")
# Page types: the share of pages whose page_type is the set's type.
with open(floors_path, encoding="utf-8") as f:
    type_floors = json.load(f).get("page_type") or {}
for name, spec in type_floors.items():
    path, floor = spec["path"], float(spec["floor"])
    if not os.path.isdir(path):
        print(f"{name:<22} {'page_type':<11} {'-':>7} {floor:>7.3f}  SKIP ({path} not found)")
        continue
    proc = subprocess.run([sys.executable, "scripts/page-type-accuracy", "--bin", binary, "--json", path],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        value = next(iter(json.loads(proc.stdout).values()))["accuracy"]
    except (ValueError, StopIteration, KeyError, TypeError):
        value = None
    ok = value is not None and float(value) >= floor
    failed += not ok
    shown = f"{float(value):>7.4f}" if value is not None else f"{'-':>7}"
    print(f"{name:<22} {'page_type':<11} {shown} {floor:>7.3f}  {'OK' if ok else 'FAIL'}"
          + (f" ({float(value) - floor:+.4f})" if value is not None else f" (page-type-accuracy exit {proc.returncode})"))
# Out-of-fold figures: recorded by scripts/train with the sha256 of the
# models they describe; the shipped models must be those.
import hashlib
with open(floors_path, encoding="utf-8") as f:
    oof_floors = json.load(f).get("oof") or {}
if oof_floors:
    try:
        with open("quality/oof.json", encoding="utf-8") as f:
            oof = json.load(f)
    except (OSError, ValueError) as e:
        print(f"out of fold: quality/oof.json unreadable ({e})  FAIL")
        oof = None
        failed += 1
    if oof is not None:
        for model, digest in sorted(oof.get("models", {}).items()):
            try:
                with open(f"data/model/{model}.json", "rb") as f:
                    shipped = hashlib.sha256(f.read()).hexdigest()
            except OSError:
                shipped = None
            ok = shipped == digest
            failed += not ok
            print(f"model {model:<16} {'sha256 matches quality/oof.json' if ok else 'is not the model quality/oof.json measured (run scripts/train)'}  {'OK' if ok else 'FAIL'}")
        # The rows the models were trained on must be the rows this engine
        # makes: the sets labelled afresh, their digests against the record.
        recorded = oof.get("rows") or {}
        if not recorded:
            print("model rows      quality/oof.json records no rows digest (run scripts/train)  FAIL")
            failed += 1
        else:
            sets = [os.path.join("../shared/data", name) for name in sorted(recorded)]
            digest = subprocess.run([sys.executable, "scripts/label-blocks.py", "--digest-fresh", "--pith", binary, *sets],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            try:
                now = json.loads(digest.stdout) if digest.returncode == 0 else {}
            except ValueError:
                now = {}
            for name, want in sorted(recorded.items()):
                ok = now.get(name) == want
                failed += not ok
                why = ("same as the models were trained on" if ok else
                       f"could not be labelled ({digest.stderr.strip().splitlines()[-1:]})" if name not in now else
                       "differ from those the models were trained on (run scripts/train)")
                print(f"rows {name:<22} {why}  {'OK' if ok else 'FAIL'}")
        # The rankers' rows: each check fixture's rows made again from the
        # pages they came from (scripts/check-model-rows).
        rankers = subprocess.run([sys.executable, "scripts/check-model-rows", "--pith", binary],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        print(rankers.stdout.rstrip())
        failed += rankers.returncode != 0
        print(f"{'out of fold':<22} {'metric':<11} {'value':>7} {'floor':>7}  result")
        for name, spec in oof_floors.items():
            metric, floor = spec["metric"], float(spec["floor"])
            value = (oof.get("sets", {}).get(name) or {}).get(metric)
            ok = value is not None and float(value) >= floor
            failed += not ok
            shown = f"{float(value):>7.4f}" if value is not None else f"{'-':>7}"
            print(f"{name:<22} {metric + '-f1':<11} {shown} {floor:>7.3f}  {'OK' if ok else 'FAIL'}")
verdict = f"FAILED: {failed} set(s) below floor or not scored" if failed else "passed"
print(f"quality gate {verdict} ({time.monotonic() - start:.1f} s)")
sys.exit(1 if failed else 0)
PY
