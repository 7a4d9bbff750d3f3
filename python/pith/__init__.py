"""pith: main-content extraction from web pages and plain-text dumps.

    >>> import pith
    >>> doc = pith.extract(html_bytes, url="https://example.com/a")
    >>> doc.text, doc.title, doc.author, doc.date

Build one :class:`Extractor` and reuse it (it is safe to share between
threads); :meth:`Extractor.extract_many` runs on pith's own thread pool.
Extraction releases the GIL. The work is done by the Rust library ``pith``;
this package is a thin binding over it.
"""

from ._pith import (
    FIELDS,
    Document,
    DocumentIterator,
    ExtractError,
    Extractor,
    RuleError,
    __version__,
    extract,
)

__all__ = [
    "FIELDS",
    "Document",
    "DocumentIterator",
    "ExtractError",
    "Extractor",
    "RuleError",
    "__version__",
    "extract",
]
