"""Extractor.extract_many and sharing one Extractor between threads."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import pith


@pytest.fixture(scope="module")
def inputs(pages):
    """Every test page, many times, with a URL each."""
    items = []
    for round_ in range(6):
        for name, data in pages.items():
            items.append((data, f"https://example.org/{round_}/{name}"))
    return items


def sequential(extractor, inputs):
    return [extractor.extract(data, url) for data, url in inputs]


def test_extract_many_matches_sequential_in_order(inputs):
    extractor = pith.Extractor()
    expected = sequential(extractor, inputs)
    for threads in (None, 1, 2, 4):
        got = list(extractor.extract_many(inputs, threads=threads))
        assert got == expected, threads


def test_extract_many_unordered_gives_the_same_documents(inputs):
    extractor = pith.Extractor()
    expected = sequential(extractor, inputs)
    got = list(extractor.extract_many(iter(inputs), threads=2, ordered=False))
    assert len(got) == len(expected)
    key = lambda d: (d.url or "", d.text)  # noqa: E731
    assert sorted(got, key=key) == sorted(expected, key=key)


def test_extract_many_item_shapes(pages):
    data = pages["table.html"]
    extractor = pith.Extractor()
    docs = list(extractor.extract_many([data, (data,), (data, None), (data, "https://a.example/x"), data.decode()]))
    assert len(docs) == 5
    assert docs[0] == docs[1] == docs[2] == docs[4]
    assert docs[3].url == "https://a.example/x"


def test_extract_many_failures_are_documents_or_raise(pages):
    good = pages["table.html"]
    items = [good, b"\x00\x01\x02\x00" * 1000, (good, "https://b.example/")]
    extractor = pith.Extractor()
    docs = list(extractor.extract_many(items))
    assert [d.ok for d in docs] == [True, False, True]
    assert "binary" in docs[1].error and docs[1].text == "" and docs[1].confidence is None
    assert docs[2].url == "https://b.example/"
    with pytest.raises(pith.ExtractError) as e:
        list(extractor.extract_many(items, raise_errors=True))
    assert e.value.reason == "binary"


def test_extract_many_bad_item_is_a_failed_document_or_raises(pages):
    docs = list(pith.Extractor().extract_many([pages["table.html"], 42]))
    assert [d.ok for d in docs] == [True, False]
    assert "item 1" in docs[1].error
    it = pith.Extractor().extract_many([pages["table.html"], 42], raise_errors=True)
    with pytest.raises(TypeError, match="item 1"):
        list(it)
    with pytest.raises(TypeError, match="tuple of 4"):
        list(pith.Extractor().extract_many([(b"a", None, None, 1)], raise_errors=True))
    with pytest.raises(TypeError, match="charset must be str"):
        list(pith.Extractor().extract_many([(b"a", None, 1)], raise_errors=True))


def test_extract_many_takes_a_charset():
    page = ("<html><body><article><p>" + "Привет, мир! Это тестовая страница на русском языке. " * 8 + "</p></article></body></html>").encode("koi8-r")
    (doc,) = pith.Extractor().extract_many([(page, None, "koi8-r")])
    assert "Привет" in doc.text


def test_extract_many_reads_lazily_with_bounded_memory(pages):
    """The iterable is read a window ahead, not drained up front."""
    pulled = 0

    def gen():
        nonlocal pulled
        for _ in range(10_000):
            pulled += 1
            yield pages["table.html"]

    window = 2 * 4  # threads x pages in flight per thread
    it = pith.Extractor().extract_many(gen(), threads=2)
    first = next(it)
    assert first.ok
    assert pulled <= 1 + window, pulled
    for _ in range(20):
        next(it)
    assert pulled <= 21 + window, pulled


def test_a_slow_page_holds_back_reading_not_memory(pages):
    """In order, a slow first page must not let finished pages pile up."""
    slow = b"<html><body>" + b"".join(b"<div><p>Paragraph %d of a long page with words in it.</p></div>" % i for i in range(40_000)) + b"</body></html>"
    pulled = 0

    def gen():
        nonlocal pulled
        pulled += 1
        yield slow
        for _ in range(10_000):
            pulled += 1
            yield pages["table.html"]

    it = pith.Extractor().extract_many(gen(), threads=2)
    assert next(it).ok
    assert pulled <= 1 + 2 * 4, pulled


def test_extract_many_propagates_the_iterables_error(pages):
    def gen():
        yield pages["table.html"]
        raise RuntimeError("source broke")

    with pytest.raises(RuntimeError, match="source broke"):
        list(pith.Extractor().extract_many(gen()))


def test_extract_many_empty():
    assert list(pith.Extractor().extract_many([])) == []


def test_one_extractor_shared_by_many_threads(inputs):
    extractor = pith.Extractor()
    expected = sequential(extractor, inputs)
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda item: extractor.extract(*item), inputs))
    assert got == expected
    # Mixed formats from many threads at once (the Markdown extractor is built on first use).
    md_expected = [extractor.extract(d, u, format="markdown") for d, u in inputs[:40]]
    fresh = pith.Extractor()
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda item: fresh.extract(*item, format="markdown"), inputs[:40]))
    assert got == md_expected


def test_extraction_releases_the_gil(pages):
    """While one thread extracts, another Python thread keeps running."""
    big = b"<html><body>" + b"".join(b"<div><p>Paragraph %d of a long page with words in it.</p></div>" % i for i in range(60_000)) + b"</body></html>"
    extractor = pith.Extractor()
    ticks = 0
    done = threading.Event()

    def ticker():
        nonlocal ticks
        while not done.is_set():
            ticks += 1

    t = threading.Thread(target=ticker)
    t.start()
    try:
        for _ in range(2):
            extractor.extract(big)
    finally:
        done.set()
        t.join()
    # With the GIL held for the whole extraction the ticker would barely run.
    assert ticks > 10_000, ticks
