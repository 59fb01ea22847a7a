"""Shared fixtures: the real corpus in ../shared, the project's own fixtures/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
CORPUS_DOCS = sorted(CORPUS.glob("*/*.txt"))


def shared_path(name: str) -> Path:
    """A file under ../shared; the test skips when it is absent, except in CI, where it fails."""
    path = SHARED / name
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"missing in CI: {path}")
        pytest.skip(f"not available: {path}")
    return path


def corpus_path(name: str) -> Path:
    """A corpus document by its path under ../shared/corpus (see :func:`shared_path`)."""
    return shared_path(f"corpus/{name}")


@pytest.fixture
def corpus() -> Path:
    """The corpus folder; the test skips outside CI when it is absent."""
    if not CORPUS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"corpus missing in CI: {CORPUS}")
        pytest.skip("corpus not available")
    return CORPUS
