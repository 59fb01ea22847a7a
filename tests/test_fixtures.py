"""The project's own fixture pairs (fixtures/README.md gives the expected alignment)."""

from __future__ import annotations

import declarediff as dd
from declarediff.model import Comparison

from .conftest import FIXTURES


def load(name: str) -> dd.Document:
    """A fixture document by its path under fixtures/."""
    return dd.read(FIXTURES / name)


def table(c: Comparison) -> set[tuple[str, tuple[int, ...], tuple[int, ...], bool]]:
    """(kind, old, new, renumbered) of every pair."""
    return {(p.kind, p.old, p.new, p.renumbered) for p in c.pairs}


def test_restructure_pair_matches_its_table() -> None:
    """Moves, a split, a merge, renumbering, an insertion and a deletion, all found."""
    c = dd.compare(load("en/restructure-old.txt"), load("en/restructure-new.txt"))
    assert table(c) == {
        ("equal", (0,), (0,), False),
        ("equal", (1,), (1,), False),
        ("equal", (2,), (2,), False),
        ("inserted", (), (3,), False),
        ("equal", (3,), (4,), True),
        ("split", (4,), (6, 7), True),
        ("moved", (5,), (13,), True),
        ("equal", (6,), (8,), True),
        ("deleted", (7,), (), False),
        ("equal", (8,), (9,), False),
        ("merged", (9, 10), (10,), True),
        ("moved", (11,), (5,), True),
        ("equal", (12,), (11,), True),
        ("equal", (13,), (12,), True),
        ("modified", (14,), (14,), False),
    }
    moved = {p.old: p.changed for p in c.pairs if p.kind == "moved"}
    assert moved == {(5,): False, (11,): True}


def test_japanese_rewrapped_pair_matches_its_table() -> None:
    """Different wrap widths and indentation are no change; real edits are found."""
    c = dd.compare(load("ja/wrapped-old.txt"), load("ja/wrapped-new.txt"))
    assert table(c) == {
        ("equal", (0,), (0,), False),
        ("equal", (1,), (1,), False),
        ("equal", (2,), (2,), False),
        ("equal", (3,), (3,), False),
        ("modified", (4,), (4,), False),
        ("deleted", (5,), (), False),
        ("equal", (6,), (5,), True),
        ("inserted", (), (6,), False),
        ("equal", (7,), (7,), False),
        ("equal", (8,), (8,), False),
    }
    (mod,) = [p for p in c.pairs if p.kind == "modified"]
    deleted = "".join(op.text for op in mod.ops if op.op == "delete")
    inserted = "".join(op.text for op in mod.ops if op.op == "insert")
    assert "0" in deleted and "5" in inserted  # 1000億円 -> 1500億円
    assert "通信設備" in inserted


def test_pdf_wrapped_english_is_equal_to_clean() -> None:
    """Hard wraps, hyphenation, indentation and missing blank lines change nothing."""
    c = dd.compare(load("en/wrapped-pdf.txt"), load("en/wrapped-clean.txt"))
    assert {p.kind for p in c.pairs} == {"equal"}
    assert len(c.pairs) == 10
    assert all(p.ops == (dd.InlineOp("equal", c.new.paragraphs[p.new[0]].text),) for p in c.pairs)


def _nato_safe_assertions(c: Comparison) -> None:
    pairs = {(p.old, p.new): p.kind for p in c.pairs}
    assert pairs[(0,), (0,)] == "modified"
    assert pairs[(1,), (1,)] == "modified"
    assert pairs[(13,), (5,)] == "modified"
    deleted = {p.old[0] for p in c.pairs if p.kind == "deleted"}
    assert {4, 6, 7, 8, 9, 10, 11, 12} <= deleted
    assert not any(p.moved for p in c.pairs)
    assert len(c.old.paragraphs) == 14 and len(c.new.paragraphs) == 6


def test_nato_story_english() -> None:
    """2024 -> 2025: the opening and closing survive modified; most paragraphs are deleted."""
    c = dd.compare(load("en/nato-2024.txt"), load("en/nato-2025.txt"))
    _nato_safe_assertions(c)
    (opening,) = [p for p in c.pairs if p.old == (1,)]
    deleted = "".join(op.text for op in opening.ops if op.op == "delete")
    assert "rules-based international order" in deleted


def test_nato_story_japanese_hard_wrapped() -> None:
    """The same story in hard-wrapped Japanese aligns the same way."""
    c = dd.compare(load("ja/nato-2024.txt"), load("ja/nato-2025.txt"))
    _nato_safe_assertions(c)
    assert "ルールに基づく国際秩序を守ることを約束する" in c.old.paragraphs[1].text
    (opening,) = [p for p in c.pairs if p.old == (1,)]
    deleted = "".join(op.text for op in opening.ops if op.op == "delete")
    assert "ルールに基づく国際秩序" in deleted
