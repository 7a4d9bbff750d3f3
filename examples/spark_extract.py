#!/usr/bin/env python3
"""Extract the main content of web pages with pith on Spark; write Parquet.

Inputs (one kind per run):
  --warc PATH ...     WARC files (.warc, .warc.gz), local paths or any URL
                      fsspec opens (s3://, gs://, hdfs://; needs fsspec and
                      its filesystem package on the executors). Or
  --warc-list FILE    a text file with one WARC path a line (cc-pyspark's
                      manifest style; the file is read by Spark).
  --table PATH        a JSONL or Parquet table with an `html` column
                      (optional `url` and `id` columns; other columns kept).

Output: Parquet at --output with the pith record columns (url, id, title,
author, date, date_modified, site_name, description, image, tags, language,
page_type, rule, confidence, input_format, text, error: `pith.FIELDS`) plus a
table's own columns. A page
pith cannot extract becomes a row with `error` set: nothing is lost.

pith runs inside each Python worker: one `pith.Extractor` per executor
process, built on first use. WARC files are streamed record by record in
`mapPartitions` (one file per partition); tables go through `mapInPandas`
in Arrow batches.

Local run (the test runs exactly this, from the virtualenv pith is
installed in; local workers use the same interpreter):
    pip install "pith-extract[spark]"
    python examples/spark_extract.py --master 'local[2]' --warc a.warc.gz b.warc.gz --output out/

On a cluster, install the wheel on every executor (`pip download
pith-extract`, or the manylinux wheel `scripts/build-wheel` writes to
target/wheels/), e.g. with a packed virtualenv:

    python -m venv env && env/bin/pip install pith_extract-*.whl warcio venv-pack pyarrow pandas
    env/bin/venv-pack -o env.tar.gz
    PYSPARK_PYTHON=./env/bin/python spark-submit --master yarn \
        --archives env.tar.gz#env examples/spark_extract.py \
        --warc-list s3://bucket/warc.paths --output s3://bucket/pith-out/

(or `--py-files` is not enough: pith has a compiled extension; install the
wheel on the executors' Python, or use the archive as above.)
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, Iterator, Optional

import pith

# Columns pith adds, in record order, with their Spark SQL types: the
# record's `url` and `id`, then every Document field (pith.FIELDS, pith's own
# list) but the URL; lists are arrays, the confidence a double.
_SPARK_TYPES = {"tags": "array<string>", "confidence": "double"}
PITH_COLUMNS = [("url", "string"), ("id", "string")] + [
    (name, _SPARK_TYPES.get(name, "string")) for name in pith.FIELDS if name != "url"
]
DOC_FIELDS = [name for name, _ in PITH_COLUMNS if name not in ("url", "id")]

# One extractor per executor Python process, built on first use.
_EXTRACTOR: Any = None
_EXTRACTOR_OPTIONS: Optional[dict] = None


def extractor(options: dict) -> Any:
    """This process's pith.Extractor for `options`."""
    global _EXTRACTOR, _EXTRACTOR_OPTIONS
    if _EXTRACTOR is None or _EXTRACTOR_OPTIONS != options:
        _EXTRACTOR = pith.Extractor(**options)
        _EXTRACTOR_OPTIONS = dict(options)
    return _EXTRACTOR


def row_of(doc: Any, url: Optional[str], id_: Optional[str]) -> dict:
    row = {"url": doc.url or url, "id": id_}
    for field in DOC_FIELDS:
        row[field] = getattr(doc, field)
    return row


def failed_row(url: Optional[str], id_: Optional[str], error: str) -> dict:
    row = {name: None for name, _ in PITH_COLUMNS}
    row.update(url=url, id=id_, tags=[], text="", error=error)
    return row


def _open(path: str):
    if "://" in path and not path.startswith("file://"):
        import fsspec

        return fsspec.open(path, "rb").open()
    return open(path.removeprefix("file://"), "rb")


def _charset(content_type: Optional[str]) -> Optional[str]:
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def _is_html(content_type: Optional[str]) -> bool:
    if not content_type:
        return True  # pith sniffs; non-HTML text still yields a row
    mime = content_type.split(";")[0].strip().lower()
    return mime in ("text/html", "application/xhtml+xml", "text/plain")


def warc_pages(path: str) -> Iterator[tuple[bytes, Optional[str], Optional[str], str]]:
    """(payload, url, charset, record id) of each HTML response of a WARC file."""
    from warcio.archiveiterator import ArchiveIterator

    records = 0
    with _open(path) as stream:
        for record in ArchiveIterator(stream):
            records += 1
            if record.rec_type not in ("response", "resource"):
                continue
            http = record.http_headers
            content_type = http.get_header("Content-Type") if http else record.rec_headers.get_header("Content-Type")
            if http is not None and not http.get_statuscode().startswith("2"):
                continue
            if not _is_html(content_type):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            id_ = record.rec_headers.get_header("WARC-Record-ID")
            yield record.content_stream().read(), url, _charset(content_type), id_
    if records == 0:
        raise ValueError("no WARC records in it (not a WARC file, or its compression is broken)")


def extract_warc_partition(paths: Iterator[str], options: dict) -> Iterator[dict]:
    """mapPartitions body: every HTML record of every WARC file in the partition."""
    ex = extractor(options)
    for path in paths:
        try:
            for payload, url, charset, id_ in warc_pages(path):
                try:
                    yield row_of(ex.extract(payload, url, charset=charset), url, id_)
                except ValueError as e:  # pith.ExtractError
                    yield failed_row(url, id_, str(e))
        except Exception as e:  # an unreadable or truncated file: say so, go on
            yield failed_row(None, path, f"cannot read WARC {path}: {e}")


def extract_table_batches(batches: Iterator[Any], options: dict, keep: list[str]) -> Iterator[Any]:
    """mapInPandas body: extract the `html` column of each Arrow batch."""
    import pandas as pd

    ex = extractor(options)
    for batch in batches:
        urls = batch["url"].tolist() if "url" in batch else [None] * len(batch)
        ids = batch["id"].astype("string").tolist() if "id" in batch else [None] * len(batch)
        items = [(h if h is not None else "", u if isinstance(u, str) else None) for h, u in zip(batch["html"].tolist(), urls)]
        rows = []
        for doc, url, id_ in zip(ex.extract_many(items, threads=1), urls, ids):
            url = url if isinstance(url, str) else None
            id_ = id_ if isinstance(id_, str) else None
            rows.append(row_of(doc, url, id_) if doc.ok else failed_row(url, id_, doc.error))
        out = pd.DataFrame(rows, columns=[name for name, _ in PITH_COLUMNS])
        for column in keep:
            out[column] = batch[column].values
        yield out


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--warc", nargs="+", help="WARC files")
    src.add_argument("--warc-list", help="text file: one WARC path a line")
    src.add_argument("--table", help="JSONL or Parquet table with an `html` column")
    p.add_argument("--output", required=True, help="Parquet output folder")
    p.add_argument("--master", help="Spark master (default: spark-submit's)")
    p.add_argument("--format", default="text", choices=["text", "markdown"])
    p.add_argument("--precision", action="store_true")
    p.add_argument("--recall", action="store_true")
    p.add_argument("--comments", action="store_true")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds per page")
    p.add_argument("--partitions", type=int, help="table partitions (default: Spark's)")
    return p.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StructType

    builder = SparkSession.builder.appName("pith-extract")
    if args.master:
        builder = builder.master(args.master)
    if (args.master or "").startswith("local") and "PYSPARK_PYTHON" not in os.environ:
        # Local workers are processes of this machine: run them on this very
        # interpreter (the one pith is installed in), not on whatever
        # `python3` is first on PATH.
        os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = builder.getOrCreate()
    options = dict(format=args.format, precision=args.precision, recall=args.recall, comments=args.comments, timeout=args.timeout)
    schema_ddl = ", ".join(f"`{name}` {kind}" for name, kind in PITH_COLUMNS)
    try:
        if args.table:
            reader = spark.read.parquet if args.table.endswith(".parquet") or not args.table.endswith((".json", ".jsonl", ".json.gz", ".jsonl.gz")) else spark.read.json
            table = reader(args.table)
            if "html" not in table.columns:
                print(f"spark_extract: {args.table}: no `html` column", file=sys.stderr)
                return 2
            if args.partitions:
                table = table.repartition(args.partitions)
            keep = [c for c in table.columns if c not in ("html", *(n for n, _ in PITH_COLUMNS))]
            keep_ddl = ", ".join(f"`{f.name}` {f.dataType.simpleString()}" for f in table.schema.fields if f.name in keep)
            schema = schema_ddl + (", " + keep_ddl if keep_ddl else "")
            result = table.mapInPandas(lambda it: extract_table_batches(it, options, keep), schema=schema)
        else:
            if args.warc_list:
                paths = [line.strip() for line in spark.sparkContext.textFile(args.warc_list).collect() if line.strip()]
            else:
                paths = list(args.warc)
            rdd = spark.sparkContext.parallelize(paths, numSlices=max(1, len(paths)))
            names = [name for name, _ in PITH_COLUMNS]
            rows = rdd.mapPartitions(lambda it: (tuple(row[n] for n in names) for row in extract_warc_partition(it, options)))
            result = spark.createDataFrame(rows, schema=StructType.fromDDL(schema_ddl))
        result.write.mode("overwrite").parquet(args.output)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
