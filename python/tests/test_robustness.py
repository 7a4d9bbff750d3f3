"""Hostile values at the binding's edges (issue 18): items of
``extract_many`` that are not pages, and numeric options out of range."""

from __future__ import annotations

import math

import pytest

import pith

GOOD = b"<html><body><article><p>" + b"The minister said on Tuesday that the plan would go ahead in the spring. " * 6 + b"</p></article></body></html>"
LONE_SURROGATE = "<p>broken \ud800 text</p>"


@pytest.mark.parametrize("ordered", [True, False])
def test_a_bad_item_is_a_failed_document_in_its_place(ordered):
    items = [GOOD, None, (GOOD, "https://a.example/"), LONE_SURROGATE, 42, (b"x", None, None, 1), (GOOD, 7), GOOD, (GOOD, "https://\udc80.example/")]
    docs = list(pith.Extractor().extract_many(items, threads=2, ordered=ordered))
    # Every item has its document; no later document is lost.
    assert len(docs) == len(items)
    failed = [d for d in docs if not d.ok]
    assert len(failed) == 6
    for d in failed:
        assert d.text == "" and d.confidence is None and d.error
    if ordered:
        assert [d.ok for d in docs] == [True, False, True, False, False, False, False, True, False]
        assert "item 1" in docs[1].error and "NoneType" in docs[1].error
        assert "item 3" in docs[3].error and "surrogate" in docs[3].error
        assert "item 4" in docs[4].error and "int" in docs[4].error
        assert "tuple of 4" in docs[5].error
        assert "url must be str" in docs[6].error
        assert docs[2].url == "https://a.example/"
        assert docs[7].text == docs[0].text != ""
        assert "item 8: url" in docs[8].error and "surrogate" in docs[8].error


def test_a_bad_item_raises_type_error_in_order_with_raise_errors():
    it = pith.Extractor().extract_many([GOOD, None, GOOD], raise_errors=True)
    assert next(it).ok
    with pytest.raises(TypeError, match="item 1"):
        next(it)
    # The iterator goes on after the error: the later page is not lost.
    assert next(it).ok
    with pytest.raises(StopIteration):
        next(it)


def test_many_bad_items_never_stall_the_window():
    # More bad items than the window holds, between good ones.
    items = [None] * 50 + [GOOD] + [LONE_SURROGATE] * 50 + [GOOD]
    docs = list(pith.Extractor().extract_many(items, threads=1))
    assert [i for i, d in enumerate(docs) if d.ok] == [50, 101]


@pytest.mark.parametrize("timeout", [1e20, 1e300, 10**30, 10**400, 2**64, 2e9])
def test_a_huge_timeout_is_clamped_not_a_panic(timeout):
    extractor = pith.Extractor(timeout=timeout)
    assert extractor.options["timeout"] == 1e9  # the library's ceiling, as for the CLI
    assert extractor.extract(GOOD).ok


@pytest.mark.parametrize("timeout", [0, -1, -1e20, -(10**400), math.nan, math.inf, -math.inf])
def test_a_meaningless_timeout_is_a_value_error(timeout):
    with pytest.raises(ValueError, match="timeout must be a positive number of seconds"):
        pith.Extractor(timeout=timeout)


@pytest.mark.parametrize("timeout", ["5", True, [1]])
def test_a_timeout_of_another_type_is_a_type_error(timeout):
    with pytest.raises(TypeError, match="timeout must be a number"):
        pith.Extractor(timeout=timeout)


@pytest.mark.parametrize("max_bytes", [2**63, 2**64, 2**64 - 1, 10**400])
def test_a_huge_max_bytes_is_clamped(max_bytes):
    extractor = pith.Extractor(max_bytes=max_bytes)
    assert extractor.options["max_bytes"] == 2**63 - 1
    doc = extractor.extract(GOOD)
    assert doc.ok and "minister" in doc.text


@pytest.mark.parametrize("max_bytes", [0, -1, -(2**64), -(10**400)])
def test_a_meaningless_max_bytes_is_a_value_error(max_bytes):
    with pytest.raises(ValueError, match="max_bytes must be a positive number"):
        pith.Extractor(max_bytes=max_bytes)


@pytest.mark.parametrize("max_bytes", [1.5, math.nan, math.inf, "10", True])
def test_a_max_bytes_of_another_type_is_a_type_error(max_bytes):
    with pytest.raises(TypeError, match="max_bytes must be an int"):
        pith.Extractor(max_bytes=max_bytes)


@pytest.mark.parametrize("threads", [10**9, 2**64, 10**400])
def test_huge_threads_are_clamped(threads):
    docs = list(pith.Extractor().extract_many([GOOD, GOOD], threads=threads))
    assert [d.ok for d in docs] == [True, True]


@pytest.mark.parametrize("threads", [-1, -(10**400)])
def test_negative_threads_are_a_value_error(threads):
    with pytest.raises(ValueError, match="threads must be 0 or more"):
        pith.Extractor().extract_many([GOOD], threads=threads)


@pytest.mark.parametrize("threads", [1.5, math.nan, "2"])
def test_threads_of_another_type_are_a_type_error(threads):
    with pytest.raises(TypeError, match="threads must be an int"):
        pith.Extractor().extract_many([GOOD], threads=threads)


def test_clamped_options_pickle_and_rebuild():
    import pickle

    extractor = pith.Extractor(timeout=1e20, max_bytes=10**30)
    again = pickle.loads(pickle.dumps(extractor))
    assert again.options == extractor.options
