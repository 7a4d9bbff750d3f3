"""The `pith` command of the Python package: `python -m pith` and the console
script run the same CLI as the Rust binary."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pith
from conftest import SAMPLES


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, timeout=120, **kw)


def sample() -> Path:
    return sorted(SAMPLES.glob("*.txt"))[0]


def test_python_m_pith_extracts_like_the_binary(pith_bin):
    via_python = run([sys.executable, "-m", "pith", "extract", "--format", "jsonl", str(sample())])
    assert via_python.returncode == 0, via_python.stderr
    via_binary = run([str(pith_bin), "extract", "--format", "jsonl", str(sample())])
    assert via_python.stdout == via_binary.stdout
    record = json.loads(via_python.stdout)
    assert record["text"] == pith.extract(sample().read_bytes()).text


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "pith"
    assert script.exists(), f"no console script beside {sys.executable}"
    version = run([str(script), "--version"])
    assert version.returncode == 0 and version.stdout.strip() == f"pith {pith.__version__}"


def test_usage_errors_exit_2_on_stderr():
    bad = run([sys.executable, "-m", "pith", "extract", "--no-such-option"])
    assert bad.returncode == 2
    assert "--no-such-option" in bad.stderr and bad.stdout == ""


def test_missing_input_is_named():
    missing = run([sys.executable, "-m", "pith", "extract", "/nonexistent/page.html"])
    assert missing.returncode != 0
    assert "/nonexistent/page.html" in missing.stderr
