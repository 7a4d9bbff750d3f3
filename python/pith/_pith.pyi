"""Type stubs of pith's compiled module (re-exported by ``pith``)."""

from collections.abc import Iterable, Iterator
from os import PathLike
from typing import Any, Literal, Optional, Union, final

__version__: str
FIELDS: tuple[str, ...]
"""A Document's fields, in the order of the CLI's JSON record (``to_dict`` order)."""

_Data = Union[bytes, bytearray, memoryview, str]
"""A page: bytes in any encoding (decoded by pith) or an already decoded str."""

_Item = Union[_Data, tuple[_Data], tuple[_Data, Optional[str]], tuple[_Data, Optional[str], Optional[str]]]
"""One input of ``extract_many``: ``data``, ``(data, url)`` or ``(data, url, charset)``."""

_Format = Literal["text", "markdown"]
_InputFormat = Literal["auto", "html", "text"]

class ExtractError(ValueError):
    """An input pith cannot extract."""

    reason: Literal["binary", "too_large", "timeout", "internal"]
    message: str

class RuleError(ValueError):
    """Site rules that do not load (the first error, and all of them)."""

    file: str
    line: Optional[int]
    reason: str
    errors: list[tuple[str, Optional[int], str]]

@final
class Document:
    """The main content of one page and its metadata (read-only)."""

    url: Optional[str]
    title: Optional[str]
    author: Optional[str]
    date: Optional[str]
    """Publication date, ISO 8601."""
    date_modified: Optional[str]
    """Last-modification date, ISO 8601, when the page states one."""
    site_name: Optional[str]
    description: Optional[str]
    image: Optional[str]
    tags: list[str]
    language: Optional[str]
    """ISO 639-1 code."""
    page_type: Optional[
        Literal["article", "forum", "product", "listing", "collection", "documentation", "service", "other"]
    ]
    """What kind of page this is: WCXB's seven types, or ``other``."""
    rule: Optional[str]
    """The site rule that applied."""
    confidence: Optional[float]
    """How sure pith is that ``text`` is the main content, 0..1 (None when failed)."""
    input_format: Optional[Literal["html", "text"]]
    text: str
    """The main content, plain text or Markdown."""
    error: Optional[str]
    """Why the input failed (``extract_many`` only); None on success."""
    @property
    def ok(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...

@final
class DocumentIterator(Iterator[Document]):
    def __iter__(self) -> DocumentIterator: ...
    def __next__(self) -> Document: ...

@final
class Extractor:
    """Extracts main content. Build once, reuse, share between threads."""

    def __new__(
        cls,
        *,
        format: _Format = "text",
        input_format: _InputFormat = "auto",
        rules: bool = True,
        precision: bool = False,
        recall: bool = False,
        comments: bool = False,
        links: bool = False,
        max_bytes: Optional[int] = None,
        timeout: Optional[float] = None,
        rules_dirs: Iterable[Union[str, PathLike[str]]] = (),
    ) -> Extractor:
        """Numeric options: ``max_bytes`` a positive int (above ``2**63 - 1``
        clamped to it), ``timeout`` positive finite seconds (above 1e9 s
        clamped to 1e9 s). Zero, negative, NaN or infinite values raise
        ``ValueError``; other types ``TypeError``."""
    @property
    def options(self) -> dict[str, Any]: ...
    def extract(
        self,
        data: _Data,
        url: Optional[str] = None,
        *,
        format: Optional[_Format] = None,
        input_format: Optional[_InputFormat] = None,
        charset: Optional[str] = None,
    ) -> Document: ...
    def extract_many(
        self,
        items: Iterable[_Item],
        threads: Optional[int] = None,
        ordered: bool = True,
        raise_errors: bool = False,
    ) -> DocumentIterator:
        """Documents of ``items``, extracted on pith's thread pool (``threads``:
        None or 0 for all cores; above 4 per core (at most 1,024) clamped, as
        the CLI's ``-j``; negative raises
        ``ValueError``), in input order unless ``ordered=False``.

        Every item yields exactly one Document, in its place. An input that
        cannot be extracted, or an item that is not a page (``None``, an
        ``int``, a ``str`` with a lone surrogate, a tuple of the wrong shape),
        yields a Document whose ``error`` says why (``item N: ...`` for a bad
        item); later items go on. With ``raise_errors=True`` the failure is
        raised instead when its turn comes (``ExtractError``, or ``TypeError``
        for a bad item), and iterating again goes on with the next item."""

def extract(
    data: _Data,
    url: Optional[str] = None,
    *,
    format: _Format = "text",
    input_format: _InputFormat = "auto",
    rules: bool = True,
    precision: bool = False,
    recall: bool = False,
    comments: bool = False,
    links: bool = False,
    charset: Optional[str] = None,
) -> Document: ...

def _extractor_from_options(kwargs: dict[str, Any]) -> Extractor:
    """Rebuilds a pickled Extractor."""

def _main(argv: list[str]) -> int:
    """Runs the ``pith`` command line on ``argv`` (program name first); returns its exit code."""

def _panic_through_boundary(message: str) -> None:
    """Panics inside pith's boundary guard (for the tests): raises ExtractError."""
