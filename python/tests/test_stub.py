"""The shipped type stub (pith/_pith.pyi) matches the compiled module."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mypy", reason="mypy not installed: pip install './python[test]'")


def test_stub_matches_the_module():
    allowlist = Path(__file__).with_name("stubtest-allowlist.txt")
    proc = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "pith._pith", "--allowlist", str(allowlist)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_py_typed_is_shipped():
    import pith

    assert (Path(pith.__file__).parent / "py.typed").exists()
    assert (Path(pith.__file__).parent / "_pith.pyi").exists()
