#!/usr/bin/env python3
"""Throughput of pith from Python, on pages held in memory.

    python python/benches/bench.py overhead   [DIR] [--rounds N]
    python python/benches/bench.py scaling    [DIR] [--rounds N]
    python python/benches/bench.py trafilatura [DIR] [--rounds N]

DIR holds `*.html.gz` (or `*.html`) pages; default
`../shared/data/trafilatura-dev/pages` from the repository root.

- overhead: `Extractor.extract(page)` in a Python loop on one thread (the
  figure to hold against the Rust library's own loop: `cargo bench --bench
  html`, its `pith` line, same pages, same `Extractor::default()` options).
- scaling: `extract_many(pages, threads=1)` against all cores
  (`threads=None`), and a `ThreadPoolExecutor` of 1 and of 2 threads
  calling `Extractor.extract` (extraction releases the GIL).
- trafilatura: `trafilatura.extract(page)` against `pith.extract(page)`,
  both called from this process on the same bytes (install trafilatura in
  a throwaway virtualenv; it is not a dependency of pith).

Each figure is the best of N rounds (default 3) in pages/s and MB/s of
decompressed input; the median round is printed beside it. On a shared
machine the best round is the least disturbed one.
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pith

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DIR = REPO.parent / "shared" / "data" / "trafilatura-dev" / "pages"


def load(folder: Path) -> list[bytes]:
    pages = []
    for path in sorted(folder.iterdir()):
        if path.name.endswith(".html.gz"):
            pages.append(gzip.decompress(path.read_bytes()))
        elif path.name.endswith(".html"):
            pages.append(path.read_bytes())
    return pages


def timed(rounds: int, run) -> tuple[float, float]:
    """Best and median seconds of `rounds` calls of `run`."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def report(label: str, pages: list[bytes], best: float, median: float) -> float:
    n, mb = len(pages), sum(map(len, pages)) / 1e6
    print(f"{label:<44} {n / best:8.1f} pages/s {mb / best:7.1f} MB/s   (median round {n / median:7.1f} pages/s)")
    return n / best


def overhead(pages, rounds):
    ex = pith.Extractor()
    report("pith.Extractor.extract, Python loop, 1 thread", pages, *timed(rounds, lambda: [ex.extract(p) for p in pages]))
    report("pith.extract (module function), 1 thread", pages, *timed(rounds, lambda: [pith.extract(p) for p in pages]))
    print("compare with the Rust library's own loop: `cargo bench --bench html` (its `pith` line)")


def scaling(pages, rounds):
    ex = pith.Extractor()
    one = report("extract_many, threads=1", pages, *timed(rounds, lambda: list(ex.extract_many(pages, threads=1))))
    cores = os.cpu_count() or 1
    allc = report(f"extract_many, threads=None ({cores} cores)", pages, *timed(rounds, lambda: list(ex.extract_many(pages))))
    print(f"extract_many scaling, all cores vs one thread: {allc / one:.2f}x")
    for workers in (1, 2):
        def run(workers=workers):
            with ThreadPoolExecutor(max_workers=workers) as pool:
                list(pool.map(ex.extract, pages))

        rate = report(f"ThreadPoolExecutor({workers}) x Extractor.extract", pages, *timed(rounds, run))
        if workers == 1:
            tpe_one = rate
    print(f"ThreadPoolExecutor scaling, 2 threads vs 1: {rate / tpe_one:.2f}x")


def trafilatura_vs_pith(pages, rounds):
    try:
        import trafilatura
    except ImportError:
        sys.exit("trafilatura is not installed here: use a throwaway virtualenv (python -m venv /tmp/tv; /tmp/tv/bin/pip install trafilatura ./python)")
    # Rounds alternate the two so that drift on the machine hits both alike.
    t_times, p_times = [], []
    for _ in range(rounds):
        t_times.append(timed(1, lambda: [trafilatura.extract(p) for p in pages])[0])
        p_times.append(timed(1, lambda: [pith.extract(p) for p in pages])[0])
    t = report(f"trafilatura {trafilatura.__version__} extract, 1 thread", pages, min(t_times), statistics.median(t_times))
    p = report("pith.extract, 1 thread", pages, min(p_times), statistics.median(p_times))
    print(f"pith / trafilatura: {p / t:.1f}x the pages per second")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=["overhead", "scaling", "trafilatura"])
    parser.add_argument("dir", nargs="?", default=str(DEFAULT_DIR))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pages = load(Path(args.dir))
    if not pages:
        sys.exit(f"no *.html.gz or *.html pages in {args.dir}")
    print(f"{len(pages)} pages, {sum(map(len, pages)) / 1e6:.1f} MB, from {args.dir}")
    {"overhead": overhead, "scaling": scaling, "trafilatura": trafilatura_vs_pith}[args.mode](pages, args.rounds)


if __name__ == "__main__":
    main()
