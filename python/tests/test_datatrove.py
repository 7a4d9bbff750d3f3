"""A real datatrove pipeline: WarcReader -> PithExtractor -> JsonlWriter."""

from __future__ import annotations

import gzip
import json

import pytest

pytest.importorskip("datatrove", reason="datatrove not installed: pip install './python[datatrove]'")

from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import WarcReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

import pith  # noqa: E402
from conftest import HTML  # noqa: E402
from pith.datatrove import PithExtractor  # noqa: E402
from warc_fixture import write_warc  # noqa: E402

EMPTY_PAGE = b"<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav></body></html>"


def test_pipeline_over_warc_gz(tmp_path):
    warcs = tmp_path / "warcs"
    warcs.mkdir()
    names = ["json_ld.html", "nav_footer_aside.html", "table.html", "code_block.html", "cjk.html", "split_body.html"]
    pages = [(f"https://site{i}.example/{name}", (HTML / name).read_bytes()) for i, name in enumerate(names)]
    write_warc(warcs / "a.warc.gz", pages[:3] + [("https://empty.example/", EMPTY_PAGE)])
    write_warc(warcs / "b.warc.gz", pages[3:])
    out = tmp_path / "out"

    LocalPipelineExecutor(
        pipeline=[
            WarcReader(str(warcs), glob_pattern="*.warc.gz"),
            PithExtractor(timeout=10),
            JsonlWriter(str(out)),
        ],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    ).run()

    records = []
    for path in sorted(out.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            records.extend(json.loads(line) for line in f)
    by_url = {r["metadata"]["url"]: r for r in records}
    # Six pages with content; the empty page dropped; the request, image
    # and warcinfo records never reached the extractor.
    assert sorted(by_url) == sorted(url for url, _ in pages)
    extractor = pith.Extractor()
    for url, html in pages:
        record = by_url[url]
        expected = extractor.extract(html.decode("utf-8"), url)
        assert record["text"] == expected.text
        assert "<" not in record["text"].replace("<-", "")
        meta = record["metadata"]
        assert meta["confidence"] == pytest.approx(expected.confidence)
        assert meta["input_format"] == "html"
        assert meta.get("title") == expected.title
        assert meta["url"] == url  # the reader's own URL is kept
        assert "date" in meta  # the reader's WARC-Date is kept
    article = by_url[pages[0][0]]["metadata"]
    assert article["author"] == "Giulia Romano; Pablo Ortega"
    assert article["site_name"] == "The Daily Meridian"

    # Both tasks ran and counted: 7 documents in, 6 forwarded, 1 dropped.
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    step = next(s for s in stats if "pith" in s["name"])
    assert step["stats"]["total"] == 7
    assert step["stats"]["extracted"] == 7
    assert step["stats"]["forwarded"] == 6
    assert step["stats"]["dropped"] == 1


def _docs(*texts):
    return [Document(text=t, id=str(i), metadata={"url": f"https://x.example/{i}"}) for i, t in enumerate(texts)]


def test_step_keeps_empty_and_counts_errors():
    step = PithExtractor(keep_empty=True)
    html = (HTML / "table.html").read_text(encoding="utf-8")
    out = list(step.run(iter(_docs(html, EMPTY_PAGE.decode(), "\x00\x01\x02\x00" * 1000))))
    assert [d.id for d in out] == ["0", "1"]
    assert out[0].text and out[1].text == ""
    assert step.stats["clean_error"].total == 1
    assert step.stats["forwarded"].total == 2


def test_step_timeout_is_counted():
    step = PithExtractor(timeout=1e-9)
    out = list(step.run(iter(_docs((HTML / "table.html").read_text(encoding="utf-8")))))
    assert out == []
    assert step.stats["timeout"].total == 1


def test_step_metadata_prefix_and_single_extract():
    step = PithExtractor(metadata_prefix="pith_", format="markdown")
    html = (HTML / "json_ld.html").read_text(encoding="utf-8")
    (doc,) = list(step.run(iter(_docs(html))))
    assert doc.metadata["pith_title"].startswith("Rivers reach record lows")
    assert doc.text.startswith("# Rivers")
    assert step.extract(html) == doc.text
