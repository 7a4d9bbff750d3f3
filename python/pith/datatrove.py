"""pith as a datatrove pipeline step.

    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from pith.datatrove import PithExtractor

    pipeline = [WarcReader("s3://commoncrawl/..."), PithExtractor(), JsonlWriter("out/")]

Same contract as datatrove's own ``Trafilatura`` extractor: each
``Document``'s text (HTML) is replaced by the extracted text, documents
with nothing left are dropped (``keep_empty=True`` keeps them), pith's
metadata goes into ``document.metadata``, and the step counts ``total``,
``extracted``, ``timeout``, ``clean_error``, ``forwarded`` and ``dropped``.
pith needs no sandbox process: it never hangs past ``timeout`` and a
failure is an error value, not a crash. Install with
``pip install "pith-extract[datatrove]"``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any, Optional

from datatrove.data import Document as DatatroveDocument
from datatrove.data import DocumentsPipeline
from datatrove.pipeline.extractors.base import BaseExtractor
from datatrove.utils.logging import logger
from datatrove.utils.typeshelper import StatHints

import pith

#: pith's Document fields written into ``document.metadata`` (None values are
#: left out): every field but the URL, the text and the error, from pith's own list.
METADATA_FIELDS = tuple(f for f in pith.FIELDS if f not in ("url", "text", "error"))

#: How pith's error for an input over its time limit begins.
TIMEOUT_MESSAGE = "extraction took longer than"


class PithExtractor(BaseExtractor):
    """Extracts the main content of HTML documents with pith.

    Args:
        format: "text" or "markdown".
        precision / recall: pith's bias (keep less / keep more).
        comments: keep reader comments.
        rules_dirs: folders of extra site rules.
        timeout: per-document limit in seconds (pith's own deadline).
        keep_empty: keep documents whose extracted text is empty (as "").
        threads: pith worker threads per datatrove task (1: datatrove's
            tasks already use the cores; more for few, large tasks).
        metadata_prefix: prefix of the metadata keys pith adds; a key the
            document already has (e.g. the reader's ``url`` or ``date``) is
            left as it is unless ``overwrite_metadata=True``.
    """

    name = "⛏ pith"
    # (import name, distribution name): datatrove checks both.
    _requires_dependencies = [("pith", "pith-extract")]

    def __init__(
        self,
        format: str = "text",
        precision: bool = False,
        recall: bool = False,
        comments: bool = False,
        rules_dirs: Iterable[str] = (),
        timeout: float = 10.0,
        keep_empty: bool = False,
        threads: int = 1,
        metadata_prefix: str = "",
        overwrite_metadata: bool = False,
    ):
        super().__init__(timeout)
        self.options: dict[str, Any] = dict(
            format=format,
            precision=precision,
            recall=recall,
            comments=comments,
            rules_dirs=list(rules_dirs),
            timeout=timeout,
        )
        self.keep_empty = keep_empty
        self.threads = threads
        self.metadata_prefix = metadata_prefix
        self.overwrite_metadata = overwrite_metadata
        # Checks the options (and loads the rules) now, where the pipeline
        # is defined, rather than in every task.
        self._extractor: Optional[pith.Extractor] = pith.Extractor(**self.options)

    def __getstate__(self) -> dict[str, Any]:
        # The extractor is rebuilt in each task from the options.
        state = self.__dict__.copy()
        state["_extractor"] = None
        return state

    @property
    def extractor(self) -> pith.Extractor:
        if self._extractor is None:
            self._extractor = pith.Extractor(**self.options)
        return self._extractor

    def extract(self, text: str) -> str:
        """The main content of one HTML page (``BaseExtractor``'s contract)."""
        return self.extractor.extract(text).text

    def _add_metadata(self, doc: DatatroveDocument, result: pith.Document) -> None:
        for field in METADATA_FIELDS:
            value = getattr(result, field)
            if value is None or value == []:
                continue
            key = self.metadata_prefix + field
            if key in doc.metadata and not self.overwrite_metadata:
                continue
            doc.metadata[key] = value
        if result.url and "url" not in doc.metadata:
            doc.metadata["url"] = result.url

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        pending: deque[DatatroveDocument] = deque()

        def inputs() -> Iterator[tuple[str, Optional[str]]]:
            for doc in data:
                self.stat_update(StatHints.total)
                pending.append(doc)
                yield doc.text, doc.metadata.get("url")

        warned = False
        results = self.extractor.extract_many(inputs(), threads=self.threads, ordered=True)
        while True:
            # Extraction happens while the next result is awaited: time that.
            with self.track_time():
                result = next(results, None)
            if result is None:
                break
            doc = pending.popleft()
            if result.error is not None:
                self.stat_update("timeout" if result.error.startswith(TIMEOUT_MESSAGE) else "clean_error")
                if not warned:
                    logger.warning(f'❌ pith: "{result.error}" on {doc.id}. Skipping record. This message will only appear once.')
                    warned = True
                continue
            self.stat_update("extracted")
            doc.text = result.text
            self._add_metadata(doc, result)
            if doc.text or self.keep_empty:
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(doc)
                yield doc
            else:
                self.stat_update(StatHints.dropped)
