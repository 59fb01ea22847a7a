"""Text -> Document (declarediff.parse): blocks, labels, reflow, headings, sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from declarediff import parse, split_sentences
from declarediff.model import Document

from .conftest import shared_path


def texts(doc: Document) -> list[str]:
    """The paragraph texts of a document."""
    return [p.text for p in doc.paragraphs]


def test_blank_lines_separate_paragraphs_and_lines_are_one_based() -> None:
    """Blocks split on blank lines; each paragraph knows its first and last source line."""
    doc = parse("First para\ncontinues here.\n\n\nSecond para.\n", source="x")
    assert texts(doc) == ["First para continues here.", "Second para."]
    assert [(p.line, p.end_line) for p in doc.paragraphs] == [(1, 2), (5, 5)]
    assert doc.source == "x"


@pytest.mark.parametrize(
    ("line", "label", "rest"),
    [
        ("1. We commit.", "1.", "We commit."),
        ("12) We commit.", "12)", "We commit."),
        ("(a) We commit.", "(a)", "We commit."),
        ("(iv) We commit.", "(iv)", "We commit."),
        ("１．我々は約束する。", "１．", "我々は約束する。"),
        ("（２）我々は約束する。", "（２）", "我々は約束する。"),
        ("第3条 締約国は約束する。", "第3条", "締約国は約束する。"),
        ("第十二条　締約国は約束する。", "第十二条", "締約国は約束する。"),
        ("24.We reaffirm.", "24.", "We reaffirm."),
        ("② 我々は約束する。", "②", "我々は約束する。"),
    ],
)
def test_labels_are_kept_apart_from_text(line: str, label: str, rest: str) -> None:
    """The printed number is the label; the text starts after it."""
    (p,) = parse(line + "\n").paragraphs
    assert (p.label, p.text) == (label, rest)


def test_numbers_that_are_not_labels_stay_text() -> None:
    """A year or figure at the start of a block is not taken for a label."""
    (p,) = parse("2035. That is the year.\n").paragraphs
    assert p.label is None
    assert p.text == "2035. That is the year."


def test_numbered_paragraph_starts_without_blank_line() -> None:
    """PDF text without blank lines: the next number after a finished line starts a paragraph."""
    doc = parse("1. We meet today.\n2. We commit to spend\nmore.\n3. We thank the host.\n")
    assert [p.label for p in doc.paragraphs] == ["1.", "2.", "3."]
    assert texts(doc) == ["We meet today.", "We commit to spend more.", "We thank the host."]
    assert [p.line for p in doc.paragraphs] == [1, 2, 4]


def test_number_at_start_of_wrapped_line_is_text() -> None:
    """'by\\n2035. We will' is one sentence broken by a wrap, not paragraph 2035."""
    doc = parse("4. Allies will reach the goal by\n2035. We will report each year.\n")
    assert len(doc.paragraphs) == 1
    assert doc.paragraphs[0].text == "Allies will reach the goal by 2035. We will report each year."


def test_label_out_of_sequence_inside_block_is_text() -> None:
    """A small number after a sentence end is a label only when it is the next number."""
    doc = parse(
        "3. We meet here in the city.\nIn total, the list has\nitems. 7. More text\n7. Wrapped.\n"
    )
    assert [p.label for p in doc.paragraphs] == ["3."]


def test_reflow_joins_english_with_space_and_japanese_without() -> None:
    """Latin words get a space at a wrap; CJK characters are joined directly."""
    (en,) = parse("We are committed to\nupholding the order.\n").paragraphs
    (ja,) = parse("われわれは国際秩\n序を守る。\n").paragraphs
    (mixed,) = parse("今週の NATO\n首脳会議で。\n").paragraphs
    assert en.text == "We are committed to upholding the order."
    assert ja.text == "われわれは国際秩序を守る。"
    assert mixed.text == "今週の NATO首脳会議で。"


def test_line_end_hyphens() -> None:
    """Syllable hyphens are removed; hyphens of compounds stay."""
    doc = parse("We will con-\ntinue our defence-\nrelated work and the rules-\nbased order.\n")
    assert doc.paragraphs[0].text == (
        "We will continue our defence-related work and the rules-based order."
    )


def test_line_end_hyphen_uses_document_vocabulary() -> None:
    """A word seen whole elsewhere in the document is rejoined whole."""
    doc = parse("We support the inter-\nnational order.\n\nThe international order matters.\n")
    assert doc.paragraphs[0].text == "We support the international order."


def test_indentation_is_not_text() -> None:
    """Half- and full-width indentation is dropped."""
    (p,) = parse("    1. We commit\n\u3000\u3000to peace.\n").paragraphs
    assert (p.label, p.text) == ("1.", "We commit to peace.")


def test_headings_sections_and_title() -> None:
    """Short unpunctuated lines alone are headings; they give later paragraphs a section."""
    doc = parse("Summit Declaration\n\nPreamble\n\n1. We meet.\n\nDefence\n\n2. We spend.\n")
    kinds = [(p.kind, p.section) for p in doc.paragraphs]
    assert doc.title == "Summit Declaration"
    assert kinds == [
        ("heading", None),
        ("heading", None),
        ("paragraph", "Preamble"),
        ("heading", None),
        ("paragraph", "Defence"),
    ]


def test_punctuated_short_line_is_not_a_heading() -> None:
    """A short sentence with a full stop is a paragraph."""
    (p,) = parse("We agree.\n").paragraphs
    assert p.kind == "paragraph"


def test_bullets_stay_with_their_introduction() -> None:
    """Bullet items stay in the paragraph that introduces them, one per line."""
    doc = parse("We will:\n- pool data from\n  radars;\n- deploy drones.\n\nNext.\n")
    assert texts(doc) == ["We will:\n- pool data from radars;\n- deploy drones.", "Next."]


def test_japanese_bullets() -> None:
    """Japanese ・ bullets after a finished line are bullets; a ・ inside a name is not."""
    doc = parse(
        "我々は次を行う：\n・データを共有する。\n・演習を行う。\n\nマーク\n・ルッテ氏と会談した。\n"
    )
    assert doc.paragraphs[0].text == "我々は次を行う：\n・データを共有する。\n・演習を行う。"
    assert doc.paragraphs[1].text == "マーク・ルッテ氏と会談した。"


def test_crlf_and_bom() -> None:
    """Windows newlines and a byte-order mark are not text."""
    doc = parse("\ufeff1. We meet.\r\n\r\n2. We part.\r\n")
    assert texts(doc) == ["We meet.", "We part."]


def test_empty_document() -> None:
    """An empty or blank text has no paragraphs."""
    assert parse("").paragraphs == ()
    assert parse("\n\n  \n").paragraphs == ()


def test_english_sentences_respect_abbreviations() -> None:
    """Sentence ends are found, but not after U.S., e.g., No. or an initial."""
    s = split_sentences(
        "The U.S. Government agrees. We note e.g. Art. 5 and No. 3. J. Smith spoke. Done!"
    )
    assert [x.text for x in s] == [
        "The U.S. Government agrees.",
        "We note e.g. Art. 5 and No. 3.",
        "J. Smith spoke.",
        "Done!",
    ]


def test_japanese_sentences_respect_brackets() -> None:
    """。 inside 「」 does not end a sentence."""
    text = "彼は「支持する。ここにいる。」と述べた。次の文。"
    s = split_sentences(text)
    assert [x.text for x in s] == ["彼は「支持する。ここにいる。」と述べた。", "次の文。"]
    assert all(text[x.start : x.end] == x.text for x in s)


def test_sentence_offsets_point_into_paragraph() -> None:
    """Each sentence's offsets slice its text out of the paragraph."""
    (p,) = parse("1. We meet.  We commit to 2% of GDP. 我々は約束する。次に進む。\n").paragraphs
    assert [p.text[s.start : s.end] for s in p.sentences] == [s.text for s in p.sentences]
    assert len(p.sentences) == 4


def test_original_text_is_kept() -> None:
    """Normalisation is for keys only: full-width forms and case survive in the text."""
    (p,) = parse("ＮＡＴＯは ５％ を約束する。\n").paragraphs
    assert p.text == "ＮＡＴＯは ５％ を約束する。"
    assert p.key == "natoは5%を約束する。"


def test_seed_commentary_reflows_into_its_blocks() -> None:
    """The real hard-wrapped Japanese commentary: one paragraph per block, words rejoined."""
    path = shared_path("seed/hague-summit-commentary-ja.txt")
    raw = path.read_text(encoding="utf-8")
    doc = parse(raw, source=str(path))
    blocks = [b for b in raw.split("\n\n") if b.strip()]
    assert len(doc.paragraphs) == len(blocks)
    assert all("\n" not in p.text for p in doc.paragraphs)
    first = doc.paragraphs[0].text
    assert "厄介な仕事に取り組まなければならなかった。" in first
    assert "アメリカとヨーロッパ" in first
    assert "ルールに基づく国際秩序を守ることを約束する" in doc.paragraphs[2].text
    assert all(not p.text.startswith(" ") for p in doc.paragraphs)


def test_fixture_pdf_wrapped_equals_clean() -> None:
    """The PDF-like English fixture parses to the same paragraphs as its clean twin."""
    root = Path(__file__).resolve().parent.parent / "fixtures" / "en"
    pdf = parse((root / "wrapped-pdf.txt").read_text(encoding="utf-8"))
    clean = parse((root / "wrapped-clean.txt").read_text(encoding="utf-8"))
    assert [(p.label, p.text, p.kind) for p in pdf.paragraphs] == [
        (p.label, p.text, p.kind) for p in clean.paragraphs
    ]


def test_markdown_headings_and_rules() -> None:
    """`#` headings are headings without their hashes; rules and underlines separate blocks."""
    doc = parse(
        "# Summit Declaration\n\n## Defence.\nWe commit.\n\nText\n=====\n\n---\n\n1. We meet.\n"
    )
    assert [(p.kind, p.text) for p in doc.paragraphs] == [
        ("heading", "Summit Declaration"),
        ("heading", "Defence."),
        ("paragraph", "We commit."),
        ("heading", "Text"),
        ("paragraph", "We meet."),
    ]
    assert doc.title == "Summit Declaration"
    assert doc.paragraphs[2].section == "Defence."
