"""Regenerate the JSON goldens in tests/golden/ (tests/test_json_golden.py checks them).

The JSON contracts ``declarediff/1`` and ``declarediff-history/1`` of the fixtures, byte for
byte, with the tool's version written as ``VERSION`` (so that a release does not change a
golden file).  Run ``python tools/update_golden_json.py`` after an intended change to the
contract, review the diff, and say so in the CHANGELOG; never edit a golden file by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs

import declarediff as dd
from declarediff import baseline
from declarediff.registry import TIMELINE_RENDERERS

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
VERSION = "VERSION"  # what the tool's version reads as in a golden file

# golden file -> (old fixture, new fixture, watched phrases); paths relative to the root.
PAIRS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "restructure.json": ("fixtures/en/restructure-old.txt", "fixtures/en/restructure-new.txt", ()),
    "nato.json": (
        "fixtures/en/nato-2024.txt",
        "fixtures/en/nato-2025.txt",
        ("rules-based international order", "collective defence"),
    ),
    "nato-ja.json": (
        "fixtures/ja/nato-2024.txt",
        "fixtures/ja/nato-2025.txt",
        ("ルールに基づく国際秩序",),
    ),
}
SERIES = "fixtures/merge-series"


def _read(rel: str) -> dd.Document:
    return dd.parse(dd.read_text(ROOT / rel), source=rel)


def _comparison(old: str, new: str, watch: tuple[str, ...] = ()) -> dd.Comparison:
    return dd.compare(_read(old), _read(new), watch=watch)


def _accepted(c: dd.Comparison) -> dd.Comparison:
    """The NATO comparison with a baseline of its first three findings (one with a reason)
    and one entry that matches nothing."""
    entries = list(baseline.entries_for(c.findings[:3]))
    entries[0] = attrs.evolve(entries[0], reason="agreed at the 2025 summit")
    entries.append(baseline.Entry("0" * 20, "DD101", "commitment-dropped", "gone", ""))
    return baseline.apply(c, entries).comparison


def _versionless(text: str) -> str:
    return text.replace(json.dumps(dd.__version__), json.dumps(VERSION))


def goldens() -> dict[str, bytes]:
    """Each golden file's name and its expected bytes (UTF-8, LF line ends)."""
    out = {}
    for name, case in PAIRS.items():
        out[name] = dd.render(_comparison(*case), "json")
    out["nato-baseline.json"] = dd.render(_accepted(_comparison(*PAIRS["nato.json"])), "json")
    editions = sorted((ROOT / SERIES).glob("edition-*.txt"))
    series = dd.history([_read(str(p.relative_to(ROOT))) for p in editions])
    out["merge-series.json"] = TIMELINE_RENDERERS.get("json")(series, dd.RenderOptions())
    return {name: _versionless(text).encode("utf-8") for name, text in out.items()}


def update() -> None:
    """Write every golden file."""
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name, data in goldens().items():
        (GOLDEN / name).write_bytes(data)
        print(f"wrote {(GOLDEN / name).relative_to(ROOT)} ({len(data):,} bytes)")


if __name__ == "__main__":
    update()
