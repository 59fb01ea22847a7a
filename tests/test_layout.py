"""Layout invariance: how a document was wrapped and spaced changes no paragraph, sentence or
finding (issue #11).  The same text is laid out again (benchmarks/layout.py) and parsed again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import declarediff as dd
from benchmarks.layout import findings, relayout, structure
from declarediff import parse

from .conftest import FIXTURES, SHARED, shared_path, slow_if_big

LAYOUT = FIXTURES / "layout"
PAIRS = ["en-numbered", "ja-numbered", "en-headings", "en-bullets", "en-hyphens"]
MESSY = {
    "en-numbered": "pdf",
    "ja-numbered": "pdf",
    "en-headings": "web",
    "en-bullets": "runon",
    "en-hyphens": "wrapped",
}


def shape(doc: dd.Document) -> list[tuple[str, str | None, str, tuple[str, ...]]]:
    """Kind, label, exact text and sentences of every paragraph."""
    return [(p.kind, p.label, p.text, tuple(s.text for s in p.sentences)) for p in doc.paragraphs]


@pytest.mark.parametrize("name", PAIRS)
def test_fixture_layouts_parse_the_same(name: str) -> None:
    """Each layout fixture pair: the messy layout gives exactly the clean layout's paragraphs."""
    clean = dd.read(LAYOUT / f"{name}-clean.txt")
    messy = dd.read(LAYOUT / f"{name}-{MESSY[name]}.txt")
    assert shape(messy) == shape(clean)
    assert messy.title == clean.title is not None
    assert {p.kind for p in dd.compare(clean, messy).pairs} == {"equal"}


def test_numbered_pdf_text_without_blank_lines() -> None:
    """Title, then ' 1. ...' wrapped, no blank line anywhere: six labelled paragraphs; a year
    at the start of a wrapped line and 'U.S.' at a line end stay text."""
    doc = dd.read(LAYOUT / "en-numbered-pdf.txt")
    assert doc.title == "Harrowmere Summit Declaration of the Northern Shield Alliance"
    assert [p.label for p in doc.paragraphs] == [None, "1.", "2.", "3.", "4.", "5.", "6."]
    assert [p.line for p in doc.paragraphs] == [1, 2, 8, 13, 18, 23, 28]
    third = [s.text for s in doc.paragraphs[3].sentences]
    assert third[1].endswith("to reach 3.5% of GDP by 2035.")
    assert any("the U.S. Maritime Authority" in s.text for s in doc.paragraphs[4].sentences)


def test_japanese_numbered_pdf_text_without_blank_lines() -> None:
    """The Japanese title and １．-５． are recovered from a text cut every 38 characters."""
    doc = dd.read(LAYOUT / "ja-numbered-pdf.txt")
    assert doc.title == "北辺防衛同盟ハルヴィク首脳会議宣言"
    assert [p.label for p in doc.paragraphs][1:] == ["１．", "２．", "３．", "４．", "５．"]
    assert all(len(p.sentences) == 2 for p in doc.paragraphs[1:])


def test_headings_directly_above_their_text() -> None:
    """A web page's headings, each directly followed by its paragraph, are headings; the title
    directly followed by text is the title."""
    doc = dd.read(LAYOUT / "en-headings-web.txt")
    headings = [p.text for p in doc.paragraphs if p.kind == "heading"]
    assert headings[0] == doc.title
    assert "Ostrelia-Calvera Partnership for Growth" in headings
    assert len(headings) == 5
    assert doc.paragraphs[3].section == "Partners for Peace and Security"


def test_run_in_bullets_and_a_prose_dash() -> None:
    """'We are: - united ...; - engaging ...' on one line is the same list as on separate
    lines; ' - notably ... - ' inside a sentence is a dash, not a bullet."""
    doc = dd.read(LAYOUT / "en-bullets-runon.txt")
    lists = [p.text for p in doc.paragraphs if "\n- " in p.text]
    assert lists[0].startswith("Together we are:\n- united in supporting")
    assert [len(p.sentences) for p in doc.paragraphs] == [1, 2, 4, 2, 4, 2, 5, 1]
    prose = doc.paragraphs[3].sentences[1].text
    assert prose.startswith("Our partners - notably the island states")


def test_hyphens_at_line_ends() -> None:
    """Compounds keep their hyphen, a suspended hyphen keeps its space, a typesetter's break
    is rejoined."""
    text = " ".join(p.text for p in dd.read(LAYOUT / "en-hyphens-wrapped.txt").paragraphs)
    for kept in ("COVID-19", "multi-stakeholder", "low- and middle-income", "spill-over"):
        assert kept in text
    for kept in ("Indo-Pacific", "rules-based", "governance", "continue"):
        assert kept in text
    assert "govern-" not in text and "con-" not in text


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        ("a people-to-\npeople partnership", "a people-to-people partnership"),
        ("short-\nto medium-term plans", "short- to medium-term plans"),
        ("the COVID-\n19 pandemic", "the COVID-19 pandemic"),
        ("a public-\nprivate partnership and private banks", "a public-private partnership"),
        ("we will con-\ntinue", "we will continue"),
        ("we will strengthen govern-\nance", "we will strengthen governance"),
    ],
)
def test_line_end_hyphen_rules(lines: str, joined: str) -> None:
    """Each rule of docs/parsing.md on hyphens, on one paragraph."""
    assert parse(lines).paragraphs[0].text.startswith(joined)


def test_roman_items_after_a_colon_without_blank_lines() -> None:
    """'(i)' after 'measures:' is the first Roman item, not the ninth letter."""
    doc = parse(
        "We are taking the following new measures:\n(i) We will maintain the measures.\n"
        "(ii) We will prevent circumvention.\n"
    )
    assert [p.label for p in doc.paragraphs] == [None, "(i)", "(ii)"]


def test_sentence_items_are_paragraphs_and_list_items_are_not() -> None:
    """Points that are whole sentences are paragraphs with or without blank lines between
    them; items of a list introduced by a colon, or without final stops, stay one paragraph."""
    points = "Leaders Statement\n- We met today.\n- We will act.\n- We thank the host.\n"
    spaced = points.replace("\n-", "\n\n-")
    assert [p.text for p in parse(points).paragraphs] == [p.text for p in parse(spaced).paragraphs]
    assert len(parse(points).paragraphs) == 4
    listed = "We will:\n- act now.\n- report.\n\n我々は以下を進める。\n・強靱化\n・確保\n"
    assert [len(p.sentences) for p in parse(listed).paragraphs] == [3, 3]


# --- the property over real documents -------------------------------------------------------

SOURCES = sorted(
    [*SHARED.glob("corpus/*/*.txt"), *SHARED.glob("gold/*/*.txt"), *FIXTURES.rglob("*.txt")]
)
WIDTHS = (30, 66, 120)


def ends_every_paragraph(doc: dd.Document) -> bool:
    """Whether each paragraph ends a sentence or a lead-in (or is a heading): only then can
    a layout without blank lines show where paragraphs end.  One corpus document has a
    sentence cut in two by a stray blank line ("... (PGII)" / "as outlined in ...")."""
    return all(
        p.kind == "heading" or p.text.rstrip("\"”’')]」』）").endswith(tuple(".!?:;。！？：；"))
        for p in doc.paragraphs
    )


@pytest.mark.parametrize(
    "path", [slow_if_big(p, p, id=str(p.relative_to(p.parent.parent.parent))) for p in SOURCES]
)
def test_relayout_keeps_paragraphs_and_sentences(path: Path) -> None:
    """Hard-wrapped at 30, 66 and 120 columns, with blank lines, with bullets run into the
    text, and without blank lines (first lines indented, as PDF text has them): the same
    paragraphs (kind, label, key) and the same sentences."""
    doc = dd.read(path)
    want = structure(doc)
    for columns in WIDTHS:
        assert structure(parse(relayout(doc, columns))) == want, columns
        assert structure(parse(relayout(doc, columns, run_in=True))) == want, columns
        if ends_every_paragraph(doc):
            other = parse(relayout(doc, columns, blank_lines=False, indent=True))
            assert structure(other) == want, columns


@pytest.mark.slow
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("gold/quad-2021-2022/old.txt", "gold/quad-2021-2022/new.txt"),
        ("gold/rok-2021-2022/old.txt", "gold/rok-2021-2022/new.txt"),
    ],
)
def test_relayout_keeps_findings_of_real_pairs(old: str, new: str) -> None:
    """The findings of a real pair do not change when both editions are laid out again."""
    a, b = dd.read(shared_path(old)), dd.read(shared_path(new))
    want = findings(dd.compare(a, b))
    assert want
    for columns, kw in ((41, {}), (97, {"blank_lines": False, "indent": True})):
        got = findings(
            dd.compare(parse(relayout(a, columns, **kw)), parse(relayout(b, columns, **kw)))
        )
        assert got == want, columns


def test_relayout_keeps_findings_of_the_nato_fixtures() -> None:
    """English and Japanese NATO-story fixtures: the same findings in a PDF-like layout."""
    for lang in ("en", "ja"):
        a = dd.read(FIXTURES / lang / "nato-2024.txt")
        b = dd.read(FIXTURES / lang / "nato-2025.txt")
        want = findings(dd.compare(a, b))
        kw = {"blank_lines": False, "indent": True}
        got = findings(dd.compare(parse(relayout(a, 52, **kw)), parse(relayout(b, 52, **kw))))
        assert got == want and want, lang


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Joint Statement of the Leaders of Norland and Astria 2024",
            "We met in Aldmoor today. We will raise our joint research budget to 3% by 2030.\n"
            "We thank the people of Aldmoor for their welcome and look forward to meeting again.",
        ),
        (
            "北海同盟首脳会議宣言（2024年）",
            "われわれは本日アルドモアに集った。われわれは2030年までに共同研究予算を3％に引き上げる。\n"
            "われわれはアルドモア市民の歓迎に感謝し、再会を期待する。",
        ),
    ],
)
def test_title_with_or_without_a_blank_line_after_it(title: str, body: str) -> None:
    """The title is the title whether a blank line follows it or not: no figure or text
    change comes from the missing blank line."""
    spaced = parse(f"{title}\n\n{body}\n")
    glued = parse(f"{title}\n{body}\n")
    assert spaced.title == glued.title == title
    assert shape(glued) == shape(spaced)
    c = dd.compare(spaced, glued)
    assert {p.kind for p in c.pairs} == {"equal"} and c.findings == ()
