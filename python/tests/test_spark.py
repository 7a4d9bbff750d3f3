"""examples/spark_extract.py on pyspark in local mode (local[2])."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

pyspark = pytest.importorskip("pyspark", reason="pyspark not installed: pip install './python[spark]'")
pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

import pith  # noqa: E402
from conftest import HTML, REPO  # noqa: E402
from warc_fixture import write_warc  # noqa: E402

if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark test skipped: no Java runtime (pyspark needs Java 17; .ci/run installs it where it can)", allow_module_level=True)

EXAMPLE = REPO / "examples" / "spark_extract.py"
NAMES = ["json_ld.html", "nav_footer_aside.html", "table.html", "code_block.html", "windows1251.html"]


def run_example(*args):
    # As a user runs it: the venv's python, no PYSPARK_PYTHON set (the example
    # points local workers at its own interpreter).
    env = {k: v for k, v in os.environ.items() if k not in ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON")}
    env["SPARK_LOCAL_IP"] = "127.0.0.1"
    proc = subprocess.run([sys.executable, str(EXAMPLE), "--master", "local[2]", *map(str, args)], env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-4000:]


def null(value):
    return value is None or (isinstance(value, float) and value != value)


def read_parquet(folder):
    return pd.read_parquet(folder).to_dict("records")


def test_spark_over_warc_and_tables(tmp_path):
    pages = [(f"https://site{i}.example/{name}", (HTML / name).read_bytes()) for i, name in enumerate(NAMES)]
    write_warc(tmp_path / "a.warc.gz", pages[:3])
    write_warc(tmp_path / "b.warc.gz", pages[3:])
    (tmp_path / "garbage.warc.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    listing = tmp_path / "warc.paths"
    listing.write_text("".join(f"{tmp_path / n}\n" for n in ["a.warc.gz", "b.warc.gz", "garbage.warc.gz", "missing.warc.gz"]))

    run_example("--warc-list", listing, "--output", tmp_path / "out-warc")
    rows = read_parquet(tmp_path / "out-warc")
    ok = {r["url"]: r for r in rows if null(r["error"])}
    failed = [r for r in rows if not null(r["error"])]
    assert sorted(ok) == sorted(url for url, _ in pages)
    # A file with no records and a missing file each give an error row.
    assert len(failed) == 2, failed
    assert any("garbage.warc.gz" in r["error"] and "no WARC records" in r["error"] for r in failed)
    assert any("missing.warc.gz" in r["error"] for r in failed)
    extractor = pith.Extractor(timeout=30.0)
    for url, html in pages:
        expected = extractor.extract(html, url, charset="utf-8")
        row = ok[url]
        assert row["text"] == expected.text
        assert row["title"] == expected.title
        assert row["id"].startswith("<urn:uuid:")
        assert row["confidence"] == pytest.approx(expected.confidence)
        assert list(row["tags"]) == expected.tags
    assert ok[pages[0][0]]["author"] == "Giulia Romano; Pablo Ortega"

    # A JSONL table with an html column; other columns pass through.
    table = tmp_path / "pages.jsonl"
    with open(table, "w", encoding="utf-8") as f:
        for i, (url, html) in enumerate(pages):
            if url.endswith("windows1251.html"):
                continue  # a table holds decoded text
            f.write(json.dumps({"id": i, "url": url, "html": html.decode("utf-8"), "crawl": "CC-TEST"}) + "\n")
        f.write(json.dumps({"id": 99, "url": "https://bin.example/", "html": "\u0000\u0001\u0002\u0000" * 1000, "crawl": "CC-TEST"}) + "\n")
    run_example("--table", table, "--output", tmp_path / "out-jsonl", "--format", "markdown", "--partitions", "2")
    rows = {r["url"]: r for r in read_parquet(tmp_path / "out-jsonl")}
    assert len(rows) == 5
    assert all(r["crawl"] == "CC-TEST" for r in rows.values())
    assert "binary" in rows["https://bin.example/"]["error"]
    article = rows[pages[0][0]]
    assert article["text"] == pith.extract(pages[0][1], pages[0][0], format="markdown").text
    assert article["text"].startswith("# Rivers") and article["id"] == "0"

    # The same as Parquet.
    frame = pd.DataFrame([{"url": u, "html": h.decode("utf-8")} for u, h in pages[:2]])
    frame.to_parquet(tmp_path / "pages.parquet")
    run_example("--table", tmp_path / "pages.parquet", "--output", tmp_path / "out-parquet")
    rows = {r["url"]: r for r in read_parquet(tmp_path / "out-parquet")}
    assert sorted(rows) == sorted(u for u, _ in pages[:2])
    assert rows[pages[1][0]]["text"] == pith.extract(pages[1][1], pages[1][0]).text
