"""The JSON contracts, byte for byte: golden files of the fixtures (tools/update_golden_json.py)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

import declarediff as dd

ROOT = Path(__file__).resolve().parent.parent


def _tool() -> Any:
    spec = importlib.util.spec_from_file_location(
        "update_golden_json", ROOT / "tools" / "update_golden_json.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL = _tool()
GOLDENS: dict[str, bytes] = TOOL.goldens()  # made once for all the cases
NAMES = sorted(GOLDENS)


@pytest.mark.parametrize("name", NAMES)
def test_json_is_byte_for_byte_the_golden_file(name: str) -> None:
    """declarediff/1 (with and without a baseline) and declarediff-history/1 of the fixtures."""
    expected = (ROOT / "tests" / "golden" / name).read_bytes()
    assert GOLDENS[name] == expected


def test_goldens_cover_every_top_level_key() -> None:
    """The goldens hold every key of both contracts, the baseline record included."""
    pair = json.loads((ROOT / "tests" / "golden" / "nato-baseline.json").read_bytes())
    assert list(pair) == [
        "schema",
        "tool",
        "old",
        "new",
        "stats",
        "pairs",
        "commitments",
        "figures",
        "watch",
        "findings",
        "baseline",
    ]
    assert pair["tool"] == {"name": "declarediff", "version": "VERSION"}
    assert [e.get("reason") for e in pair["baseline"]["stale"]] == [None]
    assert len(pair["baseline"]["suppressed"]) == 3
    series = json.loads((ROOT / "tests" / "golden" / "merge-series.json").read_bytes())
    assert list(series) == ["schema", "tool", "documents", "clauses", "findings"]
    assert pair["schema"] == dd.SCHEMA
