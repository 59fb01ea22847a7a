"""Shortcuts taken for speed give exactly what the plain method gives.

Each shortcut (a cheap test before a regular expression, a pattern rewritten to
start on a character class, a search tried only where a match may start) is
checked against the plain method over every paragraph and sentence of the corpus
and the fixtures, and over made-up texts that probe its edges.
"""

from __future__ import annotations

import random
import re
import unicodedata
from functools import cache

import pytest

import declarediff as dd
from declarediff import carry, commitments, figures
from declarediff import text as _text
from declarediff.parse import _LATIN_WORD, _vocabulary

from .conftest import CORPUS_DOCS, FIXTURES

EDGES = (
    "The U.S.'s war and the E.U.'s forces; we call on the U.K. to act.",
    "We, the Leaders of Norland and the Republic of Ostia, met today; Norland and Ostia will act.",
    "USD 3bn, ¥100 and 5 million people: 1,200 ships by 2030 (50 per cent).",
    "ıstanbul İSTANBUL ſtate: 20 mİllion dollarſ, 4 mılılon, PER CENT 5",
    "In 2024, President Ada and Prime Minister Bo commit: we condemn Russia's aggression.",
    "日本は2030年までに５％、1兆円、100人を目指す。",
    "we, the leaders,met; urge Borduria and condemned Syldavia's missile tests",
)


@cache
def texts() -> tuple[str, ...]:
    """Every paragraph and sentence text of the corpus and the fixtures, and the edges."""
    out: list[str] = list(EDGES)
    paths = [*CORPUS_DOCS, *sorted(FIXTURES.glob("**/*.txt"))]
    for path in paths:
        for p in dd.read(path).paragraphs:
            out.append(p.text)
            out.extend(s.text for s in p.sentences)
    return tuple(dict.fromkeys(out))


def test_there_is_real_text_to_check() -> None:
    assert len(texts()) > 2000


@pytest.mark.slow
def test_figure_tests_never_skip_a_pattern_that_matches() -> None:
    for text in texts():
        norm = unicodedata.normalize("NFKC", text)
        may = figures._may_hold(norm)
        for (kind, pattern), maybe in zip(figures._PATTERNS, may, strict=True):
            if pattern.search(norm):
                assert maybe, (kind, norm)


@pytest.mark.slow
def test_rule_literals_never_skip_a_rule_that_matches() -> None:
    for text in texts():
        folded = _text.fold(text)
        language = commitments._BY_LANG["ja" if _text.has_cjk(folded) else "en"]
        satisfied = language.satisfied(folded)
        for _cls, group in language.groups:
            for rule, pattern, needs in group:
                if pattern.search(folded):
                    assert needs <= satisfied, (rule.name, folded)


def test_named_subjects_found_where_they_may_start() -> None:
    for text in texts():
        flat = " ".join(text.split())
        plain = [m.span() for m in commitments._NAMED_SUBJECT.finditer(flat)]
        assert [m.span() for m in commitments._named_subject_matches(flat)] == plain


# The patterns as first written: one alternation, and "We" after a word boundary.
_NAME = commitments._NAME_WORD
_OTHER_PARTY = re.compile(
    rf"\b(?:call(?:s|ed)? (?:on|upon)|urg(?:e|es|ed)|condemn(?:s|ed)?|demand(?:s|ed)? that)"
    rf"\s+(?:the\s+)?({_NAME}(?:\s+{_NAME}){{0,2}})"
    rf"|({_NAME})['’]s\s+(?:\w+\s+)?(?:war|aggression|invasion|attacks?|forces"
    r"|nuclear|missile|ballistic|regime|military|provocations?)\b"
)


def test_other_parties_as_one_alternation_finds_them() -> None:
    for text in texts():
        flat = " ".join(text.split())
        plain = [m.group(1) or m.group(2) for m in _OTHER_PARTY.finditer(flat)]
        assert list(commitments._other_parties(flat)) == plain, flat


def test_apposition_pattern_is_the_word_boundary_one() -> None:
    written = commitments._APPOSITION.pattern
    plain = re.compile(written.replace(r"[Ww](?<!\w[Ww])e,?", r"\b[Ww]e,?", 1))
    assert plain.pattern != written
    for text in (*texts(), "twe, the leaders of A and B are", "We,the Leaders of A and B met."):
        flat = " ".join(text.split())
        got = [m.span() for m in commitments._APPOSITION.finditer(flat)]
        assert got == [m.span() for m in plain.finditer(flat)], flat


def test_name_variants_grouped_by_first_letter_match_as_listed() -> None:
    pairs = [
        *carry.ALIASES,
        ("republic of norland", "ron"),
        ("republic of korea navy", "rokn"),
        ("indo-pacific economic framework", "ipef"),
    ]
    pairs.sort(key=lambda kv: (-len(kv[0]), kv[0]))
    variants = [a for a, _ in pairs]
    plain = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, variants)) + r")(?![\w])")
    grouped = carry._variants_pattern(variants)
    for text in (*texts(), "the u.s.a. and rok.korea; republic of korea navy, u.s.-korea"):
        key = _text.key(text)
        assert [m.span() for m in grouped.finditer(key)] == [
            m.span() for m in plain.finditer(key)
        ], key


@pytest.mark.parametrize("flat", [False, True])
def test_latin_content_terms_in_one_pass(flat: bool) -> None:
    for text in texts():
        key = _text.key(" ".join(text.split()) if flat else text)
        if not _text.has_cjk(key):
            assert _text._content_terms(key) == _text._mixed_terms(key), key


def test_detection_does_not_depend_on_the_cache() -> None:
    """A sentence read in two documents with different parties is detected by each
    document's parties (the cache is keyed by the sentence as read)."""
    ours = commitments.Parties(frozenset({"norland"}), frozenset())
    theirs = commitments.Parties(frozenset(), frozenset({"norland"}))
    sentence = "Norland will double its support to 2% of GDP."
    assert commitments.detect(sentence, ours).cls == "commit"
    assert commitments.detect(sentence, theirs).cls != "commit"
    assert commitments.detect(sentence, ours).cls == "commit"


def _vocabulary_line_by_line(lines: list[str]) -> tuple[set[str], set[str]]:
    """The parser's vocabulary as first written: every line read on its own."""
    words: set[str] = set()
    compounds: set[str] = set()
    after_hyphen = False
    for line in lines:
        found = _LATIN_WORD.findall(line.lower())
        if after_hyphen and found:
            found = found[1:]
        after_hyphen = line.rstrip().endswith("-")
        if after_hyphen and found:
            found = found[:-1]
        for w in found:
            if "-" in w:
                compounds.add(w)
                words.update(w.split("-"))
            else:
                words.add(w)
    return words, compounds


def test_vocabulary_in_one_pass_away_from_breaks() -> None:
    """Over real documents, as they are and with words broken across lines."""
    for path in [*CORPUS_DOCS, *sorted(FIXTURES.glob("**/*.txt"))]:
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").split("\n")]
        broken: list[str] = []
        for k, line in enumerate(lines):
            words = line.split(" ")
            if len(words) > 4 and k % 2:
                cut = len(words[2]) // 2 or 1
                broken.append(" ".join([*words[:2], words[2][:cut] + "-"]))
                broken.append(" ".join([words[2][cut:], *words[3:]]))
            else:
                broken.append(line)
        for case in (lines, broken):
            assert _vocabulary(case) == _vocabulary_line_by_line(case), path


def test_white_space_runs_as_first_written() -> None:
    plain = re.compile(r"[^\S ]\s*| \s+")
    every = "".join(chr(c) for c in range(0x20, 0x3100))
    samples = (*texts(), every, " ".join(every), "a  b\t\tc\n\nd \u3000e\u00a0\u00a0f ")
    for text in samples:
        got = [m.span() for m in _text._SPACES.finditer(text)]
        assert got == [m.span() for m in plain.finditer(text)]


@pytest.mark.slow
def test_named_subjects_skip_no_match_in_long_lists_of_names() -> None:
    # Lists of names of every length around the 30-name bound, joined every way a subject's
    # names are, then a verb or not: the skipping agrees with the plain search.
    rng = random.Random(7)
    names = ["Alpha", "the Republic of Norland", "President Moon", "U.S.", "Korea", "Both Sides"]
    joins = [", ", ", and ", " and ", ",", " , "]
    tails = [" will act.", " pledge to act.", " also jointly have agreed", ".", " 2030", " élan"]
    for _ in range(50):
        count = rng.choice([1, 5, 28, 29, 30, 31, 32, 40])
        same = rng.choice(joins)  # half the lists join every name alike
        parts = [rng.choice(names)]
        for _k in range(count - 1):
            parts += [same if rng.random() < 0.5 else rng.choice(joins), rng.choice(names)]
        text = rng.choice(["", "Today, ", "x; "]) + "".join(parts) + rng.choice(tails)
        text += rng.choice(["", " and Beta, Gamma will meet, as agreed."])
        plain = [m.span() for m in commitments._NAMED_SUBJECT.finditer(text)]
        assert [m.span() for m in commitments._named_subject_matches(text)] == plain, text


def test_named_subjects_at_the_bound_of_names() -> None:
    # 30 names (29 commas) are a subject from the first; of 31, from the second.
    for count, start in ((30, 0), (31, 7)):
        text = ", ".join(["Alpha"] * count) + " will act."
        assert [m.start() for m in commitments._named_subject_matches(text)] == [start]
