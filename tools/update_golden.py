"""Regenerate the HTML report goldens in tests/golden/ (tests/test_html_report.py checks them).

Run ``python tools/update_golden.py`` after an intended change to the HTML report (or to
anything that changes a comparison of the fixtures) and review the diff; never edit a
golden file by hand.  ``--screenshots`` also redraws the images in docs/img/ with
Playwright and Debian's chromium (/usr/bin/chromium; no browser is downloaded).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import declarediff as dd
from declarediff.report import html as html_report

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
IMAGES = ROOT / "docs" / "img"
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# golden file -> (old fixture, new fixture, watched phrases); paths relative to the root.
CASES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "restructure.html": ("fixtures/en/restructure-old.txt", "fixtures/en/restructure-new.txt", ()),
    "nato.html": (
        "fixtures/en/nato-2024.txt",
        "fixtures/en/nato-2025.txt",
        ("rules-based international order",),
    ),
    "nato-ja.html": (
        "fixtures/ja/nato-2024.txt",
        "fixtures/ja/nato-2025.txt",
        ("ルールに基づく国際秩序",),
    ),
}


def comparison(old: str, new: str, watch: tuple[str, ...] = ()) -> dd.Comparison:
    """Compare two fixtures, named by their paths relative to the root (as in the reports)."""

    def read(rel: str) -> dd.Document:
        return dd.parse(dd.read_text(ROOT / rel), source=rel)

    return dd.compare(read(old), read(new), watch=watch)


def goldens() -> dict[str, bytes]:
    """Each golden file's name and its expected bytes (UTF-8, LF line ends)."""
    return {
        name: html_report.render(comparison(*case), dd.RenderOptions()).encode("utf-8")
        for name, case in CASES.items()
    }


def update() -> None:
    """Write every golden file."""
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name, data in goldens().items():
        (GOLDEN / name).write_bytes(data)
        print(f"wrote {(GOLDEN / name).relative_to(ROOT)} ({len(data):,} bytes)")


def screenshots() -> None:
    """docs/img/report-nato.png (the top of the page) and report-restructure.png (a move)."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 (only for the docs)

    IMAGES.mkdir(parents=True, exist_ok=True)
    nato = comparison(*CASES["nato.html"])
    restructure = comparison(*CASES["restructure.html"])
    moved = next(k for k, p in enumerate(restructure.pairs) if p.kind == "moved")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900}, reduced_motion="reduce")
        for name, c, click in (
            ("report-nato.png", nato, None),
            ("report-restructure.png", restructure, f'.dd-map a[data-m="{moved}"] path'),
        ):
            path = Path(tmp) / "report.html"
            path.write_text(html_report.render(c, dd.RenderOptions()), encoding="utf-8")
            page.goto(path.as_uri())
            if click:
                page.locator(click).click()
                page.wait_for_timeout(200)
            page.screenshot(path=str(IMAGES / name))
            print(f"wrote {(IMAGES / name).relative_to(ROOT)}")
        browser.close()


if __name__ == "__main__":
    update()
    if "--screenshots" in sys.argv[1:]:
        screenshots()
