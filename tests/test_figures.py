"""Typed figures (declarediff.figures) and their changes between versions."""

from __future__ import annotations

import pytest

import declarediff as dd
from declarediff.figures import extract, pair_figures

from .conftest import FIXTURES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at least 2% of GDP", [("percent", "2%", 2.0)]),
        ("3.5 per cent of GDP", [("percent", "3.5 per cent", 3.5)]),
        ("ＧＤＰの５％", [("percent", "５％", 5.0)]),
        ("5パーセント", [("percent", "5パーセント", 5.0)]),
        ("$600 billion in financing", [("money", "$600 billion", 6e11)]),
        ("USD 40bn", [("money", "USD 40bn", 4e10)]),
        ("€1.5 trillion", [("money", "€1.5 trillion", 1.5e12)]),
        ("100億ドル", [("money", "100億ドル", 1e10)]),
        ("by 2035", [("year", "2035", 2035.0)]),
        ("2035年までに", [("year", "2035年", 2035.0)]),
        ("32 Allies met", [("count", "32 Allies", 32.0)]),
        ("one billion citizens", [("count", "one billion citizens", 1e9)]),
    ],
)
def test_extracts_typed_figures(text: str, expected: list[tuple[str, str, float]]) -> None:
    """Percent, money, year and count, in English and Japanese, with their values."""
    assert [(f.type, f.text, f.value) for f in extract(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "under Article 5 of the Treaty",
        "UNSCR 2231 remains in force",
        "the G7 and the G20",
        "COVID-19 vaccines",
        "the 2030 Agenda for Sustainable Development",
        "as set out in paragraph 12",
    ],
)
def test_identifiers_are_not_figures(text: str) -> None:
    """Numbers that name things are not figures."""
    assert extract(text) == ()


def test_pair_figures_by_what_they_measure() -> None:
    """Figures pair by type and the words after them; deadlines pair with deadlines only."""
    a = "We spend 2% of GDP on defence and 20% of budgets on equipment by 2024."
    b = "We spend 5% of GDP on defence by 2035."
    pairs = [(x.text, y.text) for x, y in pair_figures(a, extract(a), b, extract(b))]
    assert pairs == [("2%", "5%"), ("2024", "2035")]
    c = "We met in 2024 and spend 2% of GDP."
    d = "We will meet in 2026 and spend 2% of GDP."
    assert [(x.text, y.text) for x, y in pair_figures(c, extract(c), d, extract(d))] == [
        ("2%", "2%")
    ]


def test_nato_spending_change_is_reported() -> None:
    """The flagship change: 2% -> 5% of GDP; the next summit's year is no figure change."""
    c = dd.compare(dd.read(FIXTURES / "en/nato-2024.txt"), dd.read(FIXTURES / "en/nato-2025.txt"))
    changed = {(f.type, f.old, f.new) for f in c.figures if f.old and f.new}
    assert ("percent", "2%", "5%") in changed
    assert ("year", "2025", "2026") not in changed
    assert {(f.type, f.old, f.new) for f in c.figures if f.type == "year"} >= {
        ("year", "2025", None),
        ("year", None, "2026"),
    }
    spending = next(f for f in c.figures if f.old == "2%" and f.new == "5%")
    assert (spending.old_paragraph, spending.new_paragraph) == (3, 3)
    assert spending.context == "of gdp annually"


def test_japanese_figures_change() -> None:
    """In the re-wrapped Japanese pair, 1000億円 -> 1500億円 is reported."""
    c = dd.compare(
        dd.read(FIXTURES / "ja/wrapped-old.txt"), dd.read(FIXTURES / "ja/wrapped-new.txt")
    )
    assert [(f.type, f.old, f.new) for f in c.figures if f.old and f.new] == [
        ("money", "1000億円", "1500億円")
    ]
