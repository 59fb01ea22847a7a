"""The commitment detector and tracker (declarediff.commitments)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import declarediff as dd
from declarediff.commitments import RULES, detect, sentences, track

from .conftest import FIXTURES, ROOT, corpus_path
from .test_properties import hard_wrap


@pytest.mark.parametrize(
    ("sentence", "cls"),
    [
        ("We will invest 2% of GDP in defence.", "commit"),
        ("Allies commit to invest 5% of GDP by 2035.", "commit"),
        ("Our commitment to Article 5 of the Washington Treaty is iron-clad.", "commit"),
        ("We are determined to end the pandemic.", "commit"),
        ("We, the Leaders of the G7, pledge to share one billion doses.", "commit"),
        ("We reaffirm our support for the United Nations.", "reaffirm"),
        ("We remain committed to the Paris Agreement.", "reaffirm"),
        ("We adhere to international law.", "reaffirm"),
        ("We aim to halve emissions by 2030.", "soft"),
        ("We support efforts to expand manufacturing.", "soft"),
        ("We will explore options for financing.", "soft"),
        ("We call on Russia to withdraw its troops.", "request"),
        ("We urge all parties to show restraint.", "request"),
        ("We welcome the progress made by our ministers.", "not"),
        ("We note the report of the panel.", "not"),
        ("Russia will fail.", "not"),
        ("We note that China will expand its arsenal.", "not"),
        ("We call on all Parties to commit to net zero.", "request"),
        ("The weather was mild.", "not"),
    ],
)
def test_english_classes(sentence: str, cls: str) -> None:
    """Each class is found by its markers, with a collective subject where one is needed."""
    assert detect(sentence).cls == cls


@pytest.mark.parametrize(
    ("sentence", "cls"),
    [
        ("われわれは国際秩序を守ることを約束する。", "commit"),
        ("われわれは国際法を堅持し、引き続き協力する。", "commit"),
        ("同盟国は国際法の原則を堅持してきた。", "reaffirm"),
        ("われわれは持続可能な成長を目指す。", "soft"),
        ("われわれはロシアに撤退を求める。", "request"),
        ("われわれは閣僚の進展を歓迎する。", "not"),
        ("われわれは開催国のもてなしに感謝する。", "not"),
    ],
)
def test_japanese_classes(sentence: str, cls: str) -> None:
    """Japanese verb forms map to the same classes."""
    assert detect(sentence).cls == cls


def test_negation_and_specificity() -> None:
    """A negated commitment of ours is flagged; a figure or date makes it specific."""
    assert detect("We will not recognise the annexation.").negated
    assert not detect("We will ensure that Iran never acquires a nuclear weapon.").negated
    assert detect("We will spend 2% of GDP by 2024.").specific
    assert not detect("We will spend more.").specific


def test_rules_are_data() -> None:
    """The rule table covers every class in both languages."""
    seen = {(r.lang, r.cls) for r in RULES}
    for lang in ("en", "ja"):
        for cls in ("commit", "reaffirm", "soft", "request", "not"):
            assert (lang, cls) in seen


def test_bullets_inherit_their_introduction() -> None:
    """Items of a list introduced by "We will:" are commitments, as a reader takes them."""
    doc = dd.parse("1. To this end, we will:\n- rebuild stockpiles of munitions;\n- train crews.\n")
    classes = [s.detection.cls for s in sentences(doc)]
    assert classes == ["commit", "commit", "commit"]


def fixture(name: str) -> dd.Document:
    """A fixture document."""
    return dd.read(FIXTURES / name)


def statuses(old: dd.Document, new: dd.Document) -> list[tuple[str, int | None, int | None]]:
    """(status, old paragraph, new paragraph) of every tracked commitment."""
    return [
        (c.status, c.old.paragraph if c.old else None, c.new.paragraph if c.new else None)
        for c in track(old, new)
    ]


def test_nato_story_english() -> None:
    """2024 -> 2025: the rules-based-order sentence dropped, Article 5 kept in other words,
    the spending pledge carried and strengthened by the 5% commitment, support for Ukraine
    narrowed, the rest of the cut paragraphs dropped, and the yearly plans added."""
    old, new = fixture("en/nato-2024.txt"), fixture("en/nato-2025.txt")
    found = track(old, new)
    by_text = {c.old.text[:40]: c for c in found if c.old and c.status != "added"}
    rules_based = by_text["We adhere to international law and to th"]
    assert rules_based.status == "dropped"
    assert rules_based.new is None
    article5 = by_text["Our commitment to Article 5 of the Washi"]
    assert article5.status == "modified"
    assert article5.new is not None and "ironclad commitment" in article5.new.text
    # "2% or more" -> "5% by 2035" is a raised target: strengthened, not dropped or weakened.
    pledge = by_text["We renew our Defence Investment Pledge."]
    assert pledge.status == "strengthened"
    assert pledge.new is not None and "5% of GDP" in pledge.new.text
    # "unwavering" -> "enduring" is a rewording; the right to choose its arrangements is gone.
    ukraine = by_text["We reaffirm our unwavering support for U"]
    assert ukraine.status == "weakened"
    assert ukraine.reasons == ("narrowed: lacks 'arrangements', 'choose', 'defend', 'right'",)
    # The next summit moves: the same undertaking, another place and year.
    meeting = by_text["We will meet again in Veldhaven in 2025."]
    assert meeting.status == "modified"
    assert statuses(old, new) == [
        ("dropped", 1, None),
        ("modified", 1, 1),
        ("modified", 2, 2),
        ("dropped", 2, None),
        ("weakened", 2, 2),
        ("strengthened", 3, 3),
        ("dropped", 3, None),
        ("dropped", 4, None),
        ("weakened", 5, 4),
        ("dropped", 5, None),
        ("dropped", 5, None),
        ("dropped", 6, None),
        ("dropped", 8, None),  # the Production Pledge: "expand joint production" is an echo
        ("dropped", 8, None),
        ("dropped", 8, None),
        ("modified", 8, 3),
        ("dropped", 8, None),
        ("dropped", 9, None),
        ("dropped", 10, None),
        ("dropped", 11, None),
        ("dropped", 12, None),
        ("modified", 13, 5),
        ("added", 4, 2),
        ("added", None, 3),
    ]
    # The Russia threat was described, not committed to, in 2024: "remain united" is added.
    russia, plans = [c for c in found if c.status == "added"]
    assert russia.reasons == ("the old text said this without committing (not)",)
    assert plans.new is not None and plans.new.text.startswith("Every Ally will present")


def test_nato_story_japanese() -> None:
    """The hard-wrapped Japanese pair: the rules-based-order commitment is dropped."""
    found = track(fixture("ja/nato-2024.txt"), fixture("ja/nato-2025.txt"))
    (rules_based,) = [c for c in found if c.old and "ルールに基づく国際秩序" in c.old.text]
    assert rules_based.status == "dropped"
    assert rules_based.cls == "commit"
    meeting = [c for c in found if c.old and "再び会合する" in c.old.text]
    assert [c.status for c in meeting] == ["modified"]


def test_weakening_reasons() -> None:
    """Lower class, negation, modal flips and lost qualifiers make a commitment weakened."""
    cases = {
        "We will fully fund at least 2% of GDP for all programmes.": (
            "We should fund 2% of GDP for programmes.",
            {"modal will -> should", "lost qualifier 'fully'", "lost qualifier 'at least'"},
        ),
        "We will recognise the new government of the region.": (
            "We will not recognise the new government of the region.",
            {"now negated"},
        ),
        "We will support the plan of the commission for the region.": (
            "We note the plan of the commission for the region.",
            {"class commit -> not"},
        ),
    }
    for old_text, (new_text, reasons) in cases.items():
        (c,) = [c for c in track(dd.parse(old_text), dd.parse(new_text)) if c.old]
        assert c.status == "weakened", (old_text, c)
        assert reasons <= set(c.reasons), c.reasons


def test_strengthened_and_moved() -> None:
    """A stronger rewording is strengthened; a moved commitment is kept, not dropped."""
    old = dd.parse("1. We aim to reduce emissions from shipping.\n\n2. We thank the host.\n")
    new = dd.parse("1. We thank the host.\n\n2. We will reduce emissions from shipping.\n")
    (c,) = [c for c in track(old, new) if c.old]
    assert c.status == "strengthened"
    moved = dd.parse("1. We thank the host.\n\n2. We aim to reduce emissions from shipping.\n")
    (k,) = track(old, moved)
    assert k.status == "kept"


def test_folded_commitment_is_carried() -> None:
    """A commitment merged into a longer sentence elsewhere is carried, not dropped."""
    old = dd.parse("1. We will expand vaccine production in Africa.\n\n2. We thank the host.\n")
    new = dd.parse(
        "1. We thank the host, and we will expand vaccine production in Africa and Asia.\n"
    )
    found = [c for c in track(old, new) if c.old]
    assert [c.status for c in found] == ["modified"]


# -- properties ---------------------------------------------------------------------

SENTENCES = st.sampled_from(
    [
        "We will invest in clean energy infrastructure across the region.",
        "We reaffirm our support for the United Nations Charter.",
        "We call on Russia to withdraw its forces from Ukraine immediately.",
        "We aim to halve plastic pollution in the oceans by 2030.",
        "We welcome the report of the expert panel on food security.",
        "Allies commit to spend 5% of GDP on defence by 2035.",
        "We will not recognise any annexation of sovereign territory.",
        "We support the reform of multilateral development banks.",
        "われわれはルールに基づく国際秩序を守ることを約束する。",
        "われわれは気候変動対策の強化を目指す。",
    ]
)
DOCS = st.lists(st.lists(SENTENCES, min_size=1, max_size=3, unique=True), max_size=6).map(
    lambda paras: "\n\n".join(" ".join(p) for p in paras) + "\n"
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS)
def test_identical_documents_keep_everything(text: str) -> None:
    """compare(a, a): only kept commitments, and no findings at all."""
    c = dd.compare(dd.parse(text), dd.parse(text))
    assert {x.status for x in c.commitments} <= {"kept"}
    assert c.findings == ()


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS, DOCS)
def test_dropped_one_way_is_added_the_other(a: str, b: str) -> None:
    """A commitment dropped from a to b is added from b to a."""
    da, db = dd.parse(a), dd.parse(b)
    dropped = {c.old.text for c in track(da, db) if c.status == "dropped" and c.old}
    added = {c.new.text for c in track(db, da) if c.status == "added" and c.new}
    assert dropped <= added


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS, DOCS, st.integers(min_value=20, max_value=60))
def test_rewrapping_changes_nothing(a: str, b: str, width: int) -> None:
    """Hard-wrapping either side leaves commitments, figures and findings as they were.

    Japanese is wrapped between any two characters, as in PDF text (no layout of Japanese
    breaks only at spaces, as ``textwrap`` would)."""
    wrapped = hard_wrap(b, width) + "\n"
    plain = dd.compare(dd.parse(a), dd.parse(b))
    rewrapped = dd.compare(dd.parse(a), dd.parse(wrapped))
    assert [(c.status, c.cls) for c in plain.commitments] == [
        (c.status, c.cls) for c in rewrapped.commitments
    ]
    assert [f.fingerprint for f in plain.findings] == [f.fingerprint for f in rewrapped.findings]


# -- the hand-labelled evaluation set ------------------------------------------------

LABELS = ROOT / "tests" / "data" / "commitments-labels.tsv"


def _labels() -> list[dict[str, str]]:
    with LABELS.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_labels_point_at_sentences_of_the_corpus() -> None:
    """Every label names a corpus file and offsets that slice out one sentence (no text stored)."""
    rows = _labels()
    assert len(rows) >= 150
    assert {r["class"] for r in rows} == {"commit", "reaffirm", "soft", "request", "not"}
    texts: dict[str, str] = {}
    for r in rows:
        if r["file"] not in texts:
            texts[r["file"]] = Path(corpus_path(r["file"])).read_text(encoding="utf-8")
        span = texts[r["file"]][int(r["start"]) : int(r["end"])]
        assert span[:1].isupper() or span[:1].isdigit() or span[:1] in "\"“'", r
        assert "\n" not in span
        assert span.rstrip('”’")').endswith((".", "!", "?", ";", ":")), r


def test_detector_meets_its_targets_on_the_labels() -> None:
    """Commitment detection (any class but "not") has precision and recall of at least 0.9."""
    rows = _labels()
    texts = {f: Path(corpus_path(f)).read_text(encoding="utf-8") for f in {r["file"] for r in rows}}
    tp = fp = fn = 0
    for r in rows:
        predicted = detect(texts[r["file"]][int(r["start"]) : int(r["end"])]).cls != "not"
        actual = r["class"] != "not"
        tp += predicted and actual
        fp += predicted and not actual
        fn += actual and not predicted
    assert tp / (tp + fp) >= 0.9
    assert tp / (tp + fn) >= 0.9
