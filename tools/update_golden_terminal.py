"""Regenerate the golden files of the terminal reports (tests/test_terminal.py checks them).

    python tools/update_golden_terminal.py

Golden files are generated, never edited by hand: after an intended change to a terminal
report, run this and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import declarediff as dd
from declarediff.report.style import RenderOptions

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"

CASES = {
    "side-by-side-ja.txt": ("fixtures/ja/wrapped-old.txt", "fixtures/ja/wrapped-new.txt", 80),
    "side-by-side-en.txt": (
        "fixtures/en/restructure-old.txt",
        "fixtures/en/restructure-new.txt",
        100,
    ),
}


def generate(name: str) -> str:
    """The side-by-side report of one golden case (sources named relative to the root)."""
    old, new, width = CASES[name]
    comparison = dd.compare(dd.read(ROOT / old), dd.read(ROOT / new))
    text = dd.render(comparison, "side-by-side", RenderOptions(width=width))
    return text.replace(str(ROOT) + "/", "")


def update() -> None:
    """Write every golden file."""
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name in CASES:
        (GOLDEN / name).write_text(generate(name), encoding="utf-8")


if __name__ == "__main__":
    update()
