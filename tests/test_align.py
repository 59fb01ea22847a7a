"""Paragraph alignment (declarediff.align): every kind, partition, determinism."""

from __future__ import annotations

import random
import sys

import pytest

import declarediff as dd
from declarediff.model import Comparison, Pair

P = [
    "We reaffirm our support for the United Nations and its agencies, and we commit to "
    "strengthening the multilateral system so that it can respond to crises faster.",
    "Our commitment to collective defence is unwavering, and we will invest in the "
    "capabilities our armed forces need to deter and defend against any threat.",
    "We condemn in the strongest terms the attacks on civilian infrastructure, which "
    "have caused immense suffering and deprived millions of heat and water.",
    "We will step up our cooperation on cyber security, sharing information on threats "
    "in real time and conducting joint exercises with our private sector partners.",
    "Climate change is a defining challenge of our time, and we will accelerate the "
    "transition to clean energy while protecting the most vulnerable communities.",
    "We thank our hosts for their warm hospitality and look forward to meeting again "
    "next year in a city to be announced by the incoming presidency.",
]


def doc(paras: list[str], numbered: bool = True) -> dd.Document:
    """A document with one paragraph per block, optionally numbered 1., 2., ..."""
    blocks = [f"{i}. {p}" if numbered else p for i, p in enumerate(paras, start=1)]
    return dd.parse("\n\n".join(blocks) + "\n")


def kinds(c: Comparison) -> list[tuple[str, tuple[int, ...], tuple[int, ...]]]:
    """(kind, old, new) of every pair, sorted for comparison."""
    return sorted((p.kind, p.old, p.new) for p in c.pairs)


def assert_partition(c: Comparison) -> None:
    """Every old and new index is in exactly one pair."""
    olds = sorted(i for p in c.pairs for i in p.old)
    news = sorted(j for p in c.pairs for j in p.new)
    assert olds == list(range(len(c.old.paragraphs)))
    assert news == list(range(len(c.new.paragraphs)))


def test_identical_documents_are_all_equal() -> None:
    """A document against itself: only equal pairs, each with score 1."""
    c = dd.compare(doc(P), doc(P))
    assert {p.kind for p in c.pairs} == {"equal"}
    assert all(p.score == 1.0 and not p.changed for p in c.pairs)


def test_renumbering_alone_is_equal_and_marked() -> None:
    """Inserting a paragraph at the top shifts every label: the rest stay equal, renumbered."""
    new_text = "\n\n".join(f"{i}. {p}" for i, p in enumerate(["A new opening paragraph.", *P], 1))
    c = dd.compare(doc(P), dd.parse(new_text))
    assert ("inserted", (), (0,)) in kinds(c)
    equal = [p for p in c.pairs if p.kind == "equal"]
    assert len(equal) == len(P)
    assert all(p.renumbered for p in equal)


def test_modified_in_place() -> None:
    """A few words changed in place is one modified pair with a score below 1."""
    new = list(P)
    new[2] = new[2].replace("strongest terms", "firmest terms").replace("immense", "great")
    c = dd.compare(doc(P), doc(new))
    (mod,) = [p for p in c.pairs if p.kind == "modified"]
    assert (mod.old, mod.new) == ((2,), (2,))
    assert 0.8 < mod.score < 1.0


def test_move_without_edit() -> None:
    """A paragraph moved to the end is one moved pair, not a deletion and an insertion."""
    new = [P[0], P[2], P[3], P[4], P[5], P[1]]
    c = dd.compare(doc(P, numbered=False), doc(new, numbered=False))
    assert ("moved", (1,), (5,)) in kinds(c)
    assert not any(p.kind in ("inserted", "deleted") for p in c.pairs)
    (mv,) = [p for p in c.pairs if p.kind == "moved"]
    assert mv.moved and not mv.changed and mv.score == 1.0


def test_move_with_edit() -> None:
    """A moved paragraph with a few words changed is still moved, and marked changed."""
    edited = P[1].replace("unwavering", "iron-clad")
    new = [P[0], P[2], P[3], P[4], edited, P[5]]
    c = dd.compare(doc(P, numbered=False), doc(new, numbered=False))
    (mv,) = [p for p in c.pairs if p.kind == "moved"]
    assert (mv.old, mv.new) == ((1,), (4,))
    assert mv.changed and mv.score < 1.0


def test_split() -> None:
    """One old paragraph divided into two new ones is a single split pair."""
    long = P[1] + " " + P[3]
    old = [P[0], long, P[5]]
    new = [P[0], P[1], P[3], P[5]]
    c = dd.compare(doc(old, numbered=False), doc(new, numbered=False))
    assert ("split", (1,), (1, 2)) in kinds(c)
    assert_partition(c)


def test_three_way_split() -> None:
    """A paragraph split into three parts is one split pair with three new paragraphs."""
    long = " ".join([P[1], P[2], P[3]])
    c = dd.compare(doc([P[0], long, P[5]], False), doc([P[0], P[1], P[2], P[3], P[5]], False))
    assert ("split", (1,), (1, 2, 3)) in kinds(c)


def test_merge() -> None:
    """Two old paragraphs joined into one new one is a single merged pair."""
    old = [P[0], P[2], P[4], P[5]]
    new = [P[0], P[2] + " " + P[4], P[5]]
    c = dd.compare(doc(old, numbered=False), doc(new, numbered=False))
    assert ("merged", (1, 2), (1,)) in kinds(c)


def test_insert_and_delete() -> None:
    """Unrelated text on each side is inserted and deleted, not paired."""
    new = [P[0], P[1], "An entirely different sentence about the weather in spring.", P[3]]
    c = dd.compare(doc(P[:4], False), doc(new, False))
    assert ("deleted", (2,), ()) in kinds(c)
    assert ("inserted", (), (2,)) in kinds(c)


def test_unrelated_documents_do_not_pair() -> None:
    """Nothing in common: every old paragraph deleted, every new one inserted."""
    other = [
        "The weather in spring was mild and the harvest is expected to be good this year.",
        "Local elections were held in several provinces with a high turnout of voters.",
    ]
    c = dd.compare(doc(P, False), doc(other, False))
    assert {p.kind for p in c.pairs} == {"deleted", "inserted"}


def test_duplicate_paragraphs_align_in_order() -> None:
    """Repeated identical paragraphs (no unique anchor) still pair up in order."""
    rep = ["We agree.", "We agree.", "We agree."]
    c = dd.compare(doc(rep, False), doc(rep, False))
    assert kinds(c) == [("equal", (i,), (i,)) for i in range(3)]


def test_japanese_similarity_works_on_characters() -> None:
    """Japanese paragraphs (no spaces) are matched by characters: an edit is modified."""
    old = [
        "われわれは国際法と国際連合憲章の目的と原則を堅持し、国際秩序を守ることを約束する。",
        "国内総生産の２％を防衛費に充てる。",
    ]
    new = [
        "われわれは国際法と国連憲章の目的と原則を堅持し、国際秩序を守ることを約束する。",
        "国内総生産の５％を防衛費に充てる。",
    ]
    c = dd.compare(doc(old, False), doc(new, False))
    assert [p.kind for p in c.pairs] == ["modified", "modified"]


def test_pairs_come_in_new_document_order() -> None:
    """Pairs follow the new document; a deleted paragraph follows its old predecessor."""
    new = [P[0], P[2], P[3], P[4], P[5]]
    c = dd.compare(doc(P, False), doc(new, False))
    order = [(p.kind, p.old, p.new) for p in c.pairs]
    assert order[:3] == [("equal", (0,), (0,)), ("deleted", (1,), ()), ("equal", (2,), (1,))]


def test_alignment_is_deterministic() -> None:
    """The same inputs give the same pairs, every time."""
    new = [P[3], P[0], P[1] + " " + P[2], P[5]]
    runs = {tuple(dd.compare(doc(P, False), doc(new, False)).pairs) for _ in range(3)}
    assert len(runs) == 1


def test_thresholds_are_options() -> None:
    """A strict match threshold turns a modified pair into a deletion and an insertion."""
    new = list(P)
    new[2] = "We condemn the attacks on civilian infrastructure in the strongest terms."
    loose = dd.compare(doc(P, False), doc(new, False), match_threshold=0.3)
    strict = dd.compare(doc(P, False), doc(new, False), match_threshold=0.95)
    assert ("modified", (2,), (2,)) in kinds(loose)
    assert ("deleted", (2,), ()) in kinds(strict)


@pytest.mark.slow
def test_large_documents_avoid_all_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    """600 paragraphs, all edited and rotated: moves found with far fewer than n² similarities."""
    align_mod = sys.modules["declarediff.align"]
    calls = 0
    real_lcs = align_mod._Aligner.lcs

    def counting(self: object, i: int, j: int) -> int:
        nonlocal calls
        calls += 1
        return real_lcs(self, i, j)  # type: ignore[no-any-return]

    monkeypatch.setattr(align_mod._Aligner, "lcs", counting)
    rng = random.Random(7)
    words = [f"w{k}" for k in range(3000)]
    paras = [" ".join(rng.sample(words, 25)) + "." for _ in range(600)]
    edited = [p.replace(" ", " extra ", 1) for p in paras]
    new = edited[300:] + edited[:300]
    c = dd.compare(doc(paras, False), doc(new, False))
    assert_partition(c)
    assert all(p.kind in ("modified", "moved") for p in c.pairs)
    assert sum(p.kind == "moved" for p in c.pairs) == 300
    assert calls < 600 * 600 // 20


def _pairs_of(c: Comparison, kind: str) -> list[Pair]:
    return [p for p in c.pairs if p.kind == kind]


def test_split_and_merge_are_scored_on_joined_text() -> None:
    """A clean split scores close to 1."""
    c = dd.compare(doc([P[1] + " " + P[3]], False), doc([P[1], P[3]], False))
    (sp,) = _pairs_of(c, "split")
    assert sp.score > 0.95
