"""pith.extract, pith.Extractor.extract, Document, options and errors."""

from __future__ import annotations

import json
import pickle
import subprocess
from pathlib import Path

import pytest

import pith
from conftest import HTML, RULES, SAMPLES

RECORD_FIELDS = [
    "url", "title", "author", "date", "date_modified", "site_name", "description", "image", "tags",
    "language", "page_type", "rule", "confidence", "input_format", "text", "error",
]


def test_version():
    assert pith.__version__.count(".") == 2


def test_extract_html_article():
    doc = pith.extract((HTML / "json_ld.html").read_bytes())
    assert isinstance(doc, pith.Document)
    assert doc.ok and doc.error is None
    assert doc.title == "Rivers reach record lows as drought grips southern Europe"
    assert doc.author == "Giulia Romano; Pablo Ortega"
    assert doc.date.startswith("2024-08-12")
    assert doc.site_name == "The Daily Meridian"
    assert doc.language == "en"
    assert doc.url == "https://www.dailymeridian.example/world/2024/08/rivers-record-lows-drought"
    assert "drought" in doc.tags
    assert doc.input_format == "html"
    assert 0.0 <= doc.confidence <= 1.0
    assert "Water levels" in doc.text or "Po" in doc.text
    assert "<" not in doc.text


def test_document_matches_cli_record(pith_bin):
    """The binding returns what the CLI writes: same library, no fork."""
    for name in ["json_ld.html", "windows1251.html", "cjk.html", "table.html"]:
        path = HTML / name
        cli = json.loads(subprocess.run([str(pith_bin), "extract", "--format", "json", str(path)], check=True, capture_output=True).stdout)
        doc = pith.extract(path.read_bytes())
        mine = doc.to_dict()
        assert list(mine) == RECORD_FIELDS
        for field in RECORD_FIELDS:
            assert mine[field] == cli[field], (name, field)
        assert json.loads(doc.to_json()) == mine


def test_stub_declares_every_field():
    """The type stub names every field a Document has, in record order."""
    import ast
    stub = ast.parse((Path(pith.__file__).parent / "_pith.pyi").read_text())
    cls = next(n for n in stub.body if isinstance(n, ast.ClassDef) and n.name == "Document")
    declared = [n.target.id for n in cls.body if isinstance(n, ast.AnnAssign)]
    assert declared == RECORD_FIELDS
    assert list(pith.FIELDS) == RECORD_FIELDS
    doc = pith.extract(b"<title>x</title><p>y</p>")
    assert all(field in dir(doc) for field in RECORD_FIELDS)
    with pytest.raises(AttributeError):
        doc.no_such_field


def test_markdown_format_and_per_call_override():
    data = (HTML / "code_block.html").read_bytes()
    md = pith.extract(data, format="markdown")
    assert "```" in md.text
    extractor = pith.Extractor()
    assert extractor.extract(data).text == pith.extract(data).text
    assert extractor.extract(data, format="markdown").text == md.text
    assert "```" not in extractor.extract(data).text


def test_bytes_str_and_bytes_like_agree():
    data = (HTML / "nav_footer_aside.html").read_bytes()
    by_bytes = pith.extract(data)
    assert pith.extract(data.decode("utf-8")) == by_bytes
    assert pith.extract(bytearray(data)) == by_bytes
    assert pith.extract(memoryview(data)) == by_bytes


def test_non_utf8_bytes_are_decoded():
    doc = pith.extract((HTML / "windows1251.html").read_bytes())
    assert any("\u0400" <= ch <= "\u04ff" for ch in doc.text), doc.text[:200]
    sjis = "<html><head><meta charset=shift_jis><title>東京の天気</title></head><body><article><p>" + "今日の東京はよく晴れて、気温は二十五度まで上がりました。" * 6 + "</p></article></body></html>"
    doc = pith.extract(sjis.encode("shift_jis"))
    assert "東京はよく晴れて" in doc.text
    # The caller's charset (e.g. from HTTP) wins over none in the page.
    bare = ("<html><body><article><p>" + "Привет, мир! Это тестовая страница на русском языке. " * 8 + "</p></article></body></html>").encode("koi8-r")
    assert "Привет" in pith.extract(bare, charset="koi8-r").text


def test_text_dump_and_input_format():
    dump = next(SAMPLES.glob("*.txt")).read_bytes()
    doc = pith.extract(dump)
    assert doc.input_format == "text"
    assert doc.text
    as_text = pith.extract(b"<p>Hello</p> and a dump that mentions a tag", input_format="text")
    assert as_text.input_format == "text"
    assert pith.extract(b"<html><body><p>x</p></body></html>", input_format="html").input_format == "html"


def test_url_feeds_metadata_and_rules():
    page = (RULES / "pages" / "example-news.html").read_bytes()
    plain = pith.Extractor()
    ruled = pith.Extractor(rules_dirs=[RULES / "user"])
    doc = ruled.extract(page, "https://www.example-news.com/a/1")
    assert doc.rule == "example-news.com"
    assert doc.url == "https://www.example-news.com/a/1"
    assert plain.extract(page, "https://www.example-news.com/a/1").rule is None
    assert ruled.extract(page, "https://elsewhere.org/a").rule is None
    assert pith.extract(page, "https://www.example-news.com/a/1", rules=False).rule is None


def test_options_change_output():
    data = (HTML / "comments.html").read_bytes()
    plain = pith.extract(data).text
    assert len(pith.extract(data, comments=True).text) > len(plain)
    assert len(pith.extract(data, recall=True).text) >= len(pith.extract(data, precision=True).text)


def test_extract_errors():
    with pytest.raises(pith.ExtractError) as e:
        pith.extract(b"\x00\x01\x02\x00" * 1000)
    assert e.value.reason == "binary"
    assert isinstance(e.value, ValueError)
    assert "binary" in str(e.value)
    with pytest.raises(pith.ExtractError) as e:
        pith.Extractor(max_bytes=100).extract(b"<p>" + b"x" * 200 + b"</p>")
    assert e.value.reason == "too_large"
    with pytest.raises(pith.ExtractError) as e:
        pith.Extractor(timeout=1e-9).extract((HTML / "table.html").read_bytes())
    assert e.value.reason == "timeout"
    with pytest.raises(TypeError, match="bytes or str"):
        pith.extract(12)
    with pytest.raises(TypeError):
        pith.extract(None)


def test_bad_options():
    with pytest.raises(ValueError, match="format"):
        pith.extract(b"x", format="pdf")
    with pytest.raises(ValueError, match="input_format"):
        pith.Extractor(input_format="xml")
    with pytest.raises(ValueError, match="precision and recall"):
        pith.Extractor(precision=True, recall=True)
    with pytest.raises(ValueError, match="rules=False"):
        pith.Extractor(rules=False, rules_dirs=["x"])
    with pytest.raises(ValueError, match="timeout"):
        pith.Extractor(timeout=-1)
    with pytest.raises(TypeError):
        pith.Extractor("text")  # options are keyword-only


def test_malformed_rules_raise_rule_error():
    with pytest.raises(pith.RuleError) as e:
        pith.Extractor(rules_dirs=[str(RULES / "malformed")])
    err = e.value
    assert isinstance(err, ValueError)
    assert len(err.errors) == 4
    files = {file.rsplit("/", 1)[-1] for file, _, _ in err.errors}
    assert files == {"bad_regex.toml", "bad_selector.toml", "bad_toml.toml", "unknown_key.toml"}
    assert err.file.endswith(".toml") and err.line >= 1 and err.reason
    assert f"{err.file}:{err.line}: {err.reason}" in str(err)


def test_missing_rules_dir_is_a_rule_error(tmp_path):
    with pytest.raises(pith.RuleError) as e:
        pith.Extractor(rules_dirs=[tmp_path / "nope"])
    assert "nope" in e.value.file


def test_panic_never_crosses_into_python():
    from pith import _pith

    with pytest.raises(pith.ExtractError) as e:
        _pith._panic_through_boundary("boom from the test")
    assert e.value.reason == "internal"
    assert "boom from the test" in str(e.value)
    # The interpreter and the library are fine afterwards.
    assert pith.extract((HTML / "table.html").read_bytes()).ok


def test_documents_are_read_only():
    doc = pith.extract((HTML / "table.html").read_bytes())
    with pytest.raises(AttributeError):
        doc.text = "changed"


def test_extractor_pickles_as_its_options():
    extractor = pith.Extractor(format="markdown", precision=True, rules_dirs=[str(RULES / "user")], timeout=5.0)
    clone = pickle.loads(pickle.dumps(extractor))
    assert clone.options == extractor.options
    data = (RULES / "pages" / "example-news.html").read_bytes()
    assert clone.extract(data, "https://example-news.com/x") == extractor.extract(data, "https://example-news.com/x")
    assert "precision=True" in repr(extractor)
