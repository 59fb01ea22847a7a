"""Hostile inputs (issue #15): the work grows linearly, and ordinary results are unchanged.

No test asserts a time: each runs the work at two sizes, four times apart, and asserts that
the best of three times grew less than ten times (linear is 4, quadratic 16), which holds on
a noisy machine.  ``python -m benchmarks.adversarial`` measures the whole command.
"""

from __future__ import annotations

import random
import re
import tracemalloc
from collections.abc import Callable

import pytest

import declarediff as dd
from declarediff import commitments, figures, inline, jsontext
from declarediff.analyse import _short
from declarediff.parse import _md_heading, parse
from declarediff.text import fold

from .conftest import assert_grows_linearly

SMALL = 5_000  # and four times as much
OLD = dd.parse(
    "We will raise defence spending to 2% of GDP by 2030.\n\n"
    "Our commitment to Article 5 is iron-clad.\n\n"
    "We call on Russia to withdraw its forces.\n"
)


def _grows_linearly(work: Callable[[int], object]) -> None:
    assert_grows_linearly(work, SMALL)


def _compare(text: str) -> object:
    # A fresh copy each time: the detectors cache results per text.
    commitments._detect.cache_clear()
    commitments._mentions.cache_clear()
    commitments._subject_spans.cache_clear()
    figures._found.cache_clear()
    return dd.compare(OLD, dd.parse(text))


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: unit * (n // len(unit))


CASES = {
    "markdown heading": lambda n: "# x" + " " * n + "y",
    "percent": _repeat("5% "),
    "money": _repeat("$5 million "),
    "year": _repeat("in 2030 "),
    "count": _repeat("5 ships "),
    "labels": _repeat("1. "),
    "never": _repeat("our commitment will never "),
    "our support": _repeat("our support "),
    "names": _repeat("Alpha, "),
    "short paragraphs": _repeat("We will act.\n\n"),
}


@pytest.mark.slow  # about 10 s in all: each compares at two sizes, three times
@pytest.mark.parametrize("name", CASES)
def test_whole_comparison_grows_linearly(name: str) -> None:
    make = CASES[name]
    _grows_linearly(lambda n: _compare(make(n)))


_MD = re.compile(r"#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")


def test_markdown_heading_reads_as_the_regex_did() -> None:
    rng = random.Random(0)
    for _ in range(5000):
        line = "".join(rng.choice("# \tab") for _ in range(rng.randint(1, 14)))
        m = _MD.match(line)
        assert _md_heading(line) == (m.group(1) if m else None), repr(line)
    assert parse("## Title ##\n\nText.").paragraphs[0].text == "Title"


def test_indexed_subjects_answer_as_reading_the_clause() -> None:
    """The index :func:`commitments._ours` uses for long sentences gives the same answers as
    reading the clause before each verb."""
    words = [
        *("we", "will", "they", "it", "the", "g7", "leaders", "our", "commitment", "support"),
        *("call", "on", "urge", "to", "and", "that", "which", "as", "while", "never", "shall"),
        *("not", "x-it", "russia", ".", ";", ",", "pledge", "continue", "ask", "so that"),
        *("even as", "heads of state and government", "the two leaders", "look forward to"),
    ]
    rng = random.Random(1)
    compared = 0
    for _ in range(40):
        text = fold(" ".join(rng.choice(words) for _ in range(900)))
        index = commitments._Clauses(text)
        for rule, pattern in commitments._COMPILED:
            if not rule.subject or rule.lang != "en":
                continue
            for m in pattern.finditer(text):
                for near in (False, True):
                    compared += 1
                    assert index.ours(m.start(), near) == commitments._ours_plain(
                        text, m.start(), near
                    )
    assert compared > 1000


def test_iron_clad_rule_matches_where_its_pattern_does() -> None:
    rule = next(r for r in commitments.RULES if r.name == "commitment is iron-clad")
    original = re.compile(rule.pattern)
    used = {r.name: p for r, p in commitments._COMPILED}[rule.name]
    rng = random.Random(2)
    vocabulary = ["our", "support", "commitment", "resolve", "is", "remains", "will"]
    vocabulary += ["that", "which", "who", ".", ";", "x"]
    for _ in range(5000):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 14)))
        assert (original.search(text) is None) == (used.search(text) is None), text


def test_figures_unchanged_on_ordinary_text() -> None:
    text = "Allies pledged 2% of GDP by 2030, $5 billion in 2024 and 30 ships, up from 1.5%."
    found = [(f.type, f.text, f.value, f.context) for f in figures.extract(text)]
    assert found == [
        ("percent", "2%", 2.0, "of gdp by"),
        ("year", "2030", 2030.0, "billion in and"),
        ("money", "$5 billion", 5e9, "in and ships"),
        ("year", "2024", 2024.0, "and ships up"),
        ("count", "30 ships", 30.0, "up from"),
        ("percent", "1.5%", 1.5, "ships up from"),
    ]
    pairs = figures.pair_figures(
        "spend 2% of GDP by 2030", figures.extract("spend 2% of GDP by 2030"),
        "spend 3% of GDP by 2035", figures.extract("spend 3% of GDP by 2035"),
    )  # fmt: skip
    assert [(a.text, b.text) for a, b in pairs] == [("2%", "3%"), ("2030", "2035")]


# -- memory ---------------------------------------------------------------------------
# Python's own allocations, traced (deterministic, unlike the process's resident memory):
# each bound fails on the code before the change it guards by a wide margin.


def _traced_peak(work: Callable[[], object]) -> tuple[int, int]:
    """(bytes held after ``work``, with its result; peak bytes during it) above the start."""
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        result = work()
        held, peak = tracemalloc.get_traced_memory()
        del result
    finally:
        tracemalloc.stop()
    return held - start, peak - start


@pytest.mark.slow
def test_word_diff_of_a_long_paragraph_costs_a_few_bytes_a_character() -> None:
    # Units are offsets into the text (the code before held two strings and a tuple a
    # token, and joined a string per token: 40 bytes a character).
    new = "We will support the people of Ukraine and increase aid by 5% of GDP. " * 3000
    _held, peak = _traced_peak(lambda: inline.diff("We will support Ukraine. ", new))
    assert peak < 12 * len(new), peak / len(new)


@pytest.mark.slow
def test_cached_figure_spans_hold_no_object_per_figure() -> None:
    # A flattened table of 30,000 figures: the spans kept in the cache are columns (the
    # code before kept an object, a string and two integers a figure: about 190 bytes).
    text = "5% " * 30_000
    figures._found.cache_clear()
    held, _peak = _traced_peak(lambda: figures.types_in(text))
    figures._found.cache_clear()
    assert held < 48 * 30_000, held / 30_000


def test_repeated_figures_share_their_strings() -> None:
    found = figures.extract("Tariffs: 5% 5% 5%")
    assert [(f.text, f.context) for f in found] == [("5%", "tariffs")] * 3
    assert len({id(f.text) for f in found}) == 1
    assert len({id(f.context) for f in found}) == 1


def test_a_paragraph_of_many_sentences_is_written_in_pieces() -> None:
    # The JSON report of a paragraph of 20,000 sentences is not one encoded record.
    doc = dd.parse("1. " * 20_000)
    comparison = dd.compare(OLD, doc)
    pieces = list(jsontext.chunks(comparison.to_dict(jsontext.Items)))
    whole = b"".join(pieces)
    assert whole == jsontext.dumps_bytes(comparison.to_dict())
    assert max(len(p) for p in pieces) < len(whole) // 10


def test_short_quote_flattens_only_a_beginning() -> None:
    rng = random.Random(15)
    words = ["a", "bb", "Ukraine", "  ", "\n", "\t", "x" * 130, "…", "we will"]
    gaps = ["", " ", "\n\n"]
    for _ in range(200):
        text = "".join(rng.choice(words) + rng.choice(gaps) for _ in range(rng.randint(0, 400)))
        for limit in (1, 10, 120):
            flat = " ".join(text.split())
            expected = flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
            assert _short(text, limit) == expected


def test_a_pair_of_many_word_changes_is_written_in_pieces() -> None:
    old = dd.parse(" ".join(f"w{k} keep" for k in range(600)))
    new = dd.parse(" ".join(f"v{k} keep" for k in range(600)))
    comparison = dd.compare(old, new)
    assert max(len(p.ops) for p in comparison.pairs) > 1000
    pieces = list(jsontext.chunks(comparison.to_dict(jsontext.Items)))
    whole = b"".join(pieces)
    assert whole == jsontext.dumps_bytes(comparison.to_dict())
    assert max(len(p) for p in pieces) < len(whole) // 10
