"""Shared fixtures: the repository's own test pages and the release binary."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HTML = REPO / "tests" / "html"
SAMPLES = REPO / "tests" / "samples"
RULES = REPO / "tests" / "rules"


def read(path: Path) -> bytes:
    return path.read_bytes()


@pytest.fixture(scope="session")
def pages() -> dict[str, bytes]:
    """Every HTML fixture and sample dump of the Rust tests, by file name."""
    found = {p.name: p.read_bytes() for p in sorted(HTML.glob("*.html"))}
    found.update({p.name: p.read_bytes() for p in sorted(SAMPLES.glob("*.txt"))})
    assert len(found) >= 15, f"test pages missing under {HTML} and {SAMPLES}"
    return found


@pytest.fixture(scope="session")
def pith_bin() -> Path:
    """The release CLI (built by `cargo test --release`, the first half of the test command)."""
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    binary = target / "release" / "pith"
    if not binary.exists():
        found = shutil.which("pith")
        assert found, f"{binary} not built: run `cargo build --release` first"
        binary = Path(found)
    return binary
