#!/usr/bin/env python3
"""Start-up cost of many site rules (issue 21, part 5).

Generates N synthetic FiveFilters site configs (the shapes the real
ftr-site-config repository uses: `body`, `strip`, `strip_id_or_class`,
`title`, `author`, `date` in XPath), converts them with
`pith rules import-ftr`, then times `pith extract --rules OUTDIR page.html`
against `pith extract page.html` on one small page whose host matches no
rule. Prints the median wall time of R runs of each and their ratio.

Usage: scripts/rules-startup.py [--pith target/release/pith] [--rules 2000] [--runs 10] [--keep DIR]
"""

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = ["post", "entry", "article", "story", "content", "body", "main", "text", "news", "blog", "page", "item",
         "single", "detail", "rich", "td", "field", "node", "region", "column"]
WIDGETS = ["share", "social", "related", "comments", "newsletter", "ad", "advert", "promo", "sidebar", "tags",
           "author-box", "subscribe", "popular", "footer-links", "breadcrumbs", "caption", "byline", "print"]
TAGS = ["div", "section", "article", "span", "aside", "ul", "p", "figure"]


def name(rng: random.Random) -> str:
    return "-".join(rng.sample(WORDS, rng.randint(1, 3)))


def config(rng: random.Random) -> str:
    """One site config in the style of ftr-site-config."""
    lines = [f"title: //h1[@class='{name(rng)}-title']"]
    for _ in range(rng.randint(1, 3)):
        tag = rng.choice(TAGS[:3])
        how = rng.choice(["@class='{}'", "@id='{}'", "contains(@class, '{}')"]).format(name(rng))
        lines.append(f"body: //{tag}[{how}]")
    for _ in range(rng.randint(2, 8)):
        tag = rng.choice(TAGS)
        how = rng.choice(["@class='{}'", "@id='{}'", "contains(@class, '{}')"]).format(rng.choice(WIDGETS))
        lines.append(f"strip: //{tag}[{how}]")
    for _ in range(rng.randint(0, 4)):
        lines.append(f"strip_id_or_class: {rng.choice(WIDGETS)}")
    lines.append(f"author: //span[@class='{rng.choice(['author', 'byline', 'writer'])}']")
    lines.append("date: //time/@datetime")
    lines.append("prune: no")
    return "\n".join(lines) + "\n"


PAGE = """<!doctype html><html><head><title>A page</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<main><article><h1>The plan goes ahead</h1>
<p>The minister said on Tuesday that the plan, which had been discussed for months, would go ahead in the spring.</p>
<p>Officials added that the money would come from the regional budget and that work would start soon after.</p>
</article></main><footer>© Example</footer></body></html>
"""


def median_time(cmd: list, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pith", default="target/release/pith")
    ap.add_argument("--rules", type=int, default=2000, help="site configs generated")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--keep", type=Path, help="write the configs, rules and page here (kept)")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="pith-rules-startup-"))
    try:
        configs, out = work / "ftr", work / "rules"
        configs.mkdir(parents=True, exist_ok=True)
        rng = random.Random(21)
        for i in range(args.rules):
            (configs / f"site{i}.example{i % 97}.com.txt").write_text(config(rng))
        if out.exists():
            shutil.rmtree(out)
        subprocess.run([args.pith, "rules", "import-ftr", str(configs), str(out)], check=True, stdout=subprocess.DEVNULL)
        page = work / "page.html"
        page.write_text(PAGE)
        n = len(list(out.glob("*.toml")))
        url = ["--url", "https://unrelated.example.org/a"]
        without = median_time([args.pith, "extract", *url, str(page)], args.runs)
        with_rules = median_time([args.pith, "extract", "--rules", str(out), *url, str(page)], args.runs)
        print(f"{n} rules; median of {args.runs} runs: without --rules {without * 1000:.1f} ms, "
              f"with --rules {with_rules * 1000:.1f} ms, ratio {with_rules / without:.2f}")
    finally:
        if not args.keep:
            shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
