"""The terminal report (declarediff.report.text): titles of each kind of pair."""

from __future__ import annotations

import declarediff as dd

from .conftest import FIXTURES


def report(old: str, new: str, *, show_all: bool = False) -> str:
    """The plain text report of two fixture documents."""
    c = dd.compare(dd.read(FIXTURES / old), dd.read(FIXTURES / new))
    return dd.render(c, "text", dd.RenderOptions(show_all=show_all))


def test_each_kind_has_its_title_line() -> None:
    """Split, merge, moves, insertion, deletion and in-place edits each say what happened."""
    out = report("en/restructure-old.txt", "en/restructure-new.txt")
    titles = [line for line in out.splitlines() if line.startswith("@@ ")]
    assert "@@ ¶4 [2.] line 7 · inserted" in titles
    assert any(
        t.startswith("@@ ¶7–¶8 [5., 6.] lines 13–15 · split from old ¶5 [3.]") for t in titles
    )
    assert any(
        t.startswith("@@ ¶11 [8.] line 21 · merged from old ¶10–¶11 [7., 8.]") for t in titles
    )
    assert "@@ ¶14 [11.] line 27 · moved from old ¶6 [4.] line 11" in titles
    assert "@@ old ¶8 [6.] line 15 · deleted" in titles
    assert any(
        t.startswith("@@ ¶15 [12.] line 29 · modified (was old ¶15 [12.] line 29)") for t in titles
    )


def test_deleted_text_is_marked_whole() -> None:
    """A deleted paragraph is shown in full between deletion markers."""
    out = report("en/restructure-old.txt", "en/restructure-new.txt")
    assert "[-We note with concern the rapid warming of the ocean" in out


def test_unchanged_runs_collapse_and_all_expands() -> None:
    """Unchanged paragraphs collapse to one line per run; --all shows them renumbered."""
    short = report("en/restructure-old.txt", "en/restructure-new.txt")
    full = report("en/restructure-old.txt", "en/restructure-new.txt", show_all=True)
    assert "… 3 unchanged paragraphs (¶1–¶3); --all shows them" in short
    assert "@@ ¶5 [3.] line 9 · unchanged · renumbered from 2." in full
    assert len(full) > len(short)


def test_identical_documents_report_no_change() -> None:
    """The same document twice: 0.0% changed and one collapsed line."""
    out = report("ja/wrapped-old.txt", "ja/wrapped-old.txt")
    assert "changed: 0.0% of words (0 deleted, 0 inserted); 9 equal" in out
    assert "@@" not in out


def test_japanese_changes_are_marked_by_character() -> None:
    """In Japanese, only the changed characters (numbers whole) are inside the markers."""
    out = report("ja/wrapped-old.txt", "ja/wrapped-new.txt")
    assert "総額[-1000-]{+1500+}億円規模" in out
    assert "観測機器{+及び通信設備+}の整備" in out
