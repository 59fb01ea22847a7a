"""Shared fixtures: the real corpus in ../shared, the project's own fixtures/."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
CORPUS_DOCS = sorted(CORPUS.glob("*/*.txt"))

BIG_DOCUMENT = 50_000
"""Bytes: a test parameter that reads a real document bigger than this is marked ``slow`` (the
G7 and G20 summit declarations; docs/testing.md)."""


def slow_if_big(value: object, path: Path, id: str | None = None) -> Any:
    """``value`` as a test parameter, marked ``slow`` when ``path`` is a big document."""
    big = path.is_file() and path.stat().st_size > BIG_DOCUMENT
    return pytest.param(value, marks=[pytest.mark.slow] if big else [], id=id)


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


def best_seconds(fn: Callable[[], object], runs: int = 3) -> float:
    """The best wall time of ``runs`` calls of ``fn``: for tests that compare how work grows
    between two sizes (never a time limit; the machine is shared and noisy)."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def assert_grows_linearly(work: Callable[[int], object], small: int) -> None:
    """``work(4 * small)`` takes less than ten times ``work(small)`` (best of three each):
    linear work takes four times as long, quadratic sixteen.  No absolute time is asserted."""
    work(small)  # warm caches and imports
    t_small = best_seconds(lambda: work(small))
    t_large = best_seconds(lambda: work(4 * small))
    assert t_large < 10 * max(t_small, 1e-3), (t_small, t_large)
