"""DOCX -> text (declarediff.formats.docx), on Word files built at test time with python-docx."""

from __future__ import annotations

import builtins
import io
import zipfile
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pytest

import declarediff as dd
from declarediff.errors import FormatError, MissingExtraError
from declarediff.formats.docx import format_number, to_text

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph as DocxParagraph

docx = pytest.importorskip("docx")
oxml = pytest.importorskip("docx.oxml")
ns = pytest.importorskip("docx.oxml.ns")

SOURCE = "declaration.docx"


# --- helpers ------------------------------------------------------------------------


def new_document() -> DocxDocument:
    """An empty document from python-docx's default template."""
    document: DocxDocument = docx.Document()
    return document


def save(document: DocxDocument) -> bytes:
    """The bytes of a .docx file."""
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def convert(document: DocxDocument) -> str:
    """The text the DOCX reader makes of a document."""
    return to_text(save(document), SOURCE)


def parsed(document: DocxDocument) -> dd.Document:
    """The parsed Document of a DOCX file."""
    return dd.parse(convert(document), source=SOURCE)


def labelled(doc: dd.Document) -> list[tuple[str | None, str]]:
    """(label, text) of each paragraph."""
    return [(p.label, p.text) for p in doc.paragraphs]


def add_list(
    document: DocxDocument,
    levels: Sequence[tuple[str, str]],
    *,
    starts: Mapping[int, int] | None = None,
    restarts: Mapping[int, int] | None = None,
) -> tuple[int, int]:
    """A new abstract numbering with (numFmt, lvlText) levels and one instance of it.

    Returns (abstractNumId, numId).
    """
    numbering = document.part.numbering_part.element
    abstract_id = 100 + len(numbering.findall(ns.qn("w:abstractNum")))
    lvls = []
    for i, (fmt, text) in enumerate(levels):
        start = (starts or {}).get(i, 1)
        restart = (restarts or {}).get(i)
        restart_xml = "" if restart is None else f'<w:lvlRestart w:val="{restart}"/>'
        lvls.append(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'{restart_xml}<w:lvlText w:val="{text}"/></w:lvl>'
        )
    abstract = oxml.parse_xml(
        f'<w:abstractNum {ns.nsdecls("w")} w:abstractNumId="{abstract_id}">'
        + "".join(lvls)
        + "</w:abstractNum>"
    )
    numbering.find(ns.qn("w:num")).addprevious(abstract)
    return abstract_id, add_instance(document, abstract_id)


def add_instance(
    document: DocxDocument, abstract_id: int, start_override: int | None = None
) -> int:
    """A new numbering instance (w:num) of an abstract numbering; its numId."""
    num = document.part.numbering_part.element.add_num(abstract_id)
    if start_override is not None:
        num.add_lvlOverride(ilvl=0).add_startOverride(start_override)
    return int(num.numId)


def numbered(
    document: DocxDocument, text: str, num_id: int, ilvl: int = 0, style: str | None = None
) -> DocxParagraph:
    """A paragraph numbered by Word through w:numPr."""
    paragraph = document.add_paragraph(text, style=style)
    paragraph._p.get_or_add_pPr().append(
        oxml.parse_xml(
            f'<w:numPr {ns.nsdecls("w")}><w:ilvl w:val="{ilvl}"/>'
            f'<w:numId w:val="{num_id}"/></w:numPr>'
        )
    )
    return paragraph


def zipped(members: Mapping[str, bytes]) -> bytes:
    """A ZIP archive of these members."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


DECLARATION_TXT = """\
# Summit Declaration

# Defence and deterrence

We, the Heads of State and Government, met in The Hague.

1. We commit to invest 5% of GDP annually in core defence requirements.

2. We will submit annual plans showing a credible path.

Allies agree to:
- expand defence industrial production;
- deepen cooperation with partners.

3. We reaffirm our commitment to Article 5.

我々は、同盟の結束を改めて確認する。
"""


def declaration_docx() -> DocxDocument:
    """The content of DECLARATION_TXT as a Word document with Word's own numbering."""
    document = new_document()
    document.add_heading("Summit Declaration", 0)
    document.add_heading("Defence and deterrence", 1)
    document.add_paragraph("We, the Heads of State and Government, met in The Hague.")
    document.add_paragraph(
        "We commit to invest 5% of GDP annually in core defence requirements.",
        style="List Number",
    )
    document.add_paragraph(
        "We will submit annual plans showing a credible path.", style="List Number"
    )
    document.add_paragraph("Allies agree to:")
    document.add_paragraph("expand defence industrial production;", style="List Bullet")
    document.add_paragraph("deepen cooperation with partners.", style="List Bullet")
    document.add_paragraph("We reaffirm our commitment to Article 5.", style="List Number")
    document.add_paragraph("我々は、同盟の結束を改めて確認する。")
    return document


# --- the default template ------------------------------------------------------------------


def test_default_template_numbers_list_number_in_decimal_and_list_bullet_as_bullets() -> None:
    """The tests rely on python-docx's template.

    Its "List Number" style is numbered "%1." in decimal and its "List Bullet" is a bullet.
    """
    document = new_document()
    numbering = document.part.numbering_part.element
    for style, fmt, text in (("List Number", "decimal", "%1."), ("List Bullet", "bullet", None)):
        num_id = document.styles[style].element.pPr.numPr.numId.val
        num = numbering.num_having_numId(num_id)
        abstract = numbering.find(
            f"{ns.qn('w:abstractNum')}[@{ns.qn('w:abstractNumId')}='{num.abstractNumId.val}']"
        )
        level = abstract.find(f"{ns.qn('w:lvl')}[@{ns.qn('w:ilvl')}='0']")
        assert level.find(ns.qn("w:numFmt")).get(ns.qn("w:val")) == fmt
        if text is not None:
            assert level.find(ns.qn("w:lvlText")).get(ns.qn("w:val")) == text


# --- headings, numbering, bullets ----------------------------------------------------------


def test_heading_styles_become_headings() -> None:
    """Title and Heading N are "#" headings: the title, then the sections of what follows."""
    document = new_document()
    document.add_heading("Summit Declaration", 0)
    document.add_heading("Defence", 1)
    document.add_heading("Industrial base", 2)
    document.add_paragraph("We will expand production.")
    text = convert(document)
    assert text.startswith("# Summit Declaration\n\n# Defence\n\n## Industrial base\n\n")
    doc = dd.parse(text, source=SOURCE)
    assert [p.kind for p in doc.paragraphs] == ["heading", "heading", "heading", "paragraph"]
    assert doc.title == "Summit Declaration"
    assert doc.paragraphs[-1].section == "Industrial base"


def test_a_long_punctuated_heading_is_still_a_heading() -> None:
    """A Heading style decides, not the look of the text."""
    document = new_document()
    heading = "Annex: commitments agreed by all Allies at the summit, with their timelines."
    document.add_heading(heading, 1)
    document.add_paragraph("We commit.")
    assert parsed(document).paragraphs[0].kind == "heading"


def test_list_number_paragraphs_get_word_labels() -> None:
    """Paragraphs numbered by the "List Number" style get the labels Word shows: 1., 2., 3."""
    document = new_document()
    document.add_paragraph("We meet in The Hague.")
    for text in ("We commit to 5%.", "We will report.", "We support Ukraine."):
        document.add_paragraph(text, style="List Number")
    doc = parsed(document)
    assert labelled(doc) == [
        (None, "We meet in The Hague."),
        ("1.", "We commit to 5%."),
        ("2.", "We will report."),
        ("3.", "We support Ukraine."),
    ]


def test_bullets_stay_with_the_paragraph_that_introduces_them() -> None:
    """List Bullet items after a paragraph ending in ":" are "- " lines of that paragraph."""
    document = new_document()
    document.add_paragraph("Allies agree to:")
    document.add_paragraph("invest more;", style="List Bullet")
    document.add_paragraph("build industry.", style="List Bullet")
    document.add_paragraph("We meet again next year.")
    text = convert(document)
    assert "Allies agree to:\n- invest more;\n- build industry.\n\nWe meet" in text
    doc = dd.parse(text, source=SOURCE)
    assert [p.text for p in doc.paragraphs] == [
        "Allies agree to:\n- invest more;\n- build industry.",
        "We meet again next year.",
    ]
    assert [s.text for s in doc.paragraphs[0].sentences][1:] == [
        "- invest more;",
        "- build industry.",
    ]


def test_bullets_without_an_introduction_start_their_own_block() -> None:
    """Bullets after a paragraph that does not end in a colon are a block of their own."""
    document = new_document()
    document.add_paragraph("We met.")
    document.add_paragraph("one", style="List Bullet")
    document.add_paragraph("two", style="List Bullet")
    assert convert(document) == "We met.\n\n- one\n- two\n"


def test_numbering_continues_after_bullets_and_paragraphs() -> None:
    """One Word list goes on counting across paragraphs that interrupt it."""
    document = new_document()
    document.add_paragraph("First.", style="List Number")
    document.add_paragraph("Allies agree to:")
    document.add_paragraph("invest;", style="List Bullet")
    document.add_paragraph("Second.", style="List Number")
    assert [p.label for p in parsed(document).paragraphs] == ["1.", None, "2."]


def test_multilevel_numbering_formats_and_restarts() -> None:
    """decimal, lowerLetter "(a)", lowerRoman "(i)".

    A deeper level restarts when a shallower one advances.
    """
    document = new_document()
    _, num = add_list(
        document, [("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)")]
    )
    for text, ilvl in [
        ("Defence.", 0),
        ("Land.", 1),
        ("Sea.", 1),
        ("Ships.", 2),
        ("Submarines.", 2),
        ("Industry.", 0),
        ("Steel.", 1),
        ("Chips.", 2),
    ]:
        numbered(document, text, num, ilvl)
    assert [p.label for p in parsed(document).paragraphs] == [
        "1.",
        "(a)",
        "(b)",
        "(i)",
        "(ii)",
        "2.",
        "(a)",
        "(i)",
    ]


def test_letter_and_roman_formats_follow_lvl_text() -> None:
    """upperRoman "%1.", upperLetter "%1.", lowerLetter "%1)" give I., A., a) labels."""
    for fmt, text, expected in [
        ("upperRoman", "%1.", ["I.", "II.", "III."]),
        ("upperLetter", "%1.", ["A.", "B.", "C."]),
        ("lowerLetter", "%1)", ["a)", "b)", "c)"]),
    ]:
        document = new_document()
        _, num = add_list(document, [(fmt, text)])
        for word in ("One.", "Two.", "Three."):
            numbered(document, word, num)
        assert [p.label for p in parsed(document).paragraphs] == expected


def test_start_value_and_start_override() -> None:
    """w:start sets the first number; an instance with a startOverride restarts the list,
    and an instance without one continues the count of its abstract numbering, as in Word."""
    document = new_document()
    abstract, first = add_list(document, [("decimal", "%1.")], starts={0: 5})
    numbered(document, "Five.", first)
    numbered(document, "Six.", first)
    restarted = add_instance(document, abstract, start_override=1)
    numbered(document, "One.", restarted)
    numbered(document, "Two.", restarted)
    continued = add_instance(document, abstract)
    numbered(document, "Three.", continued)
    assert [p.label for p in parsed(document).paragraphs] == ["5.", "6.", "1.", "2.", "3."]


def test_lvl_restart_zero_never_restarts() -> None:
    """A level with lvlRestart 0 keeps counting across its parent level."""
    document = new_document()
    _, num = add_list(document, [("decimal", "%1."), ("lowerLetter", "(%2)")], restarts={1: 0})
    for text, ilvl in [("A.", 0), ("B.", 1), ("C.", 0), ("D.", 1)]:
        numbered(document, text, num, ilvl)
    assert [p.label for p in parsed(document).paragraphs] == ["1.", "(a)", "2.", "(b)"]


def test_japanese_paragraphs_and_japanese_numbering() -> None:
    """Japanese text survives; full-width and kanji numbering give Japanese labels."""
    document = new_document()
    document.add_heading("ハーグ首脳宣言", 1)
    document.add_paragraph("我々は、北大西洋条約機構の加盟国として、本日ハーグに集まった。")
    _, full_width = add_list(document, [("decimalFullWidth", "%1．")])
    numbered(document, "同盟国は、防衛に投資することを約束する。", full_width)
    numbered(document, "我々はウクライナへの支援を継続する。", full_width)
    _, articles = add_list(document, [("japaneseCounting", "第%1条")])
    numbered(document, "締約国は約束する。", articles)
    doc = parsed(document)
    assert labelled(doc) == [
        (None, "ハーグ首脳宣言"),
        (None, "我々は、北大西洋条約機構の加盟国として、本日ハーグに集まった。"),
        ("１．", "同盟国は、防衛に投資することを約束する。"),
        ("２．", "我々はウクライナへの支援を継続する。"),
        ("第一条", "締約国は約束する。"),
    ]
    assert doc.paragraphs[0].kind == "heading"


def test_typed_labels_are_kept_as_they_are() -> None:
    """A label typed as text in a plain paragraph is the parser's to read."""
    document = new_document()
    document.add_paragraph("1. We commit to 5% of GDP.")
    document.add_paragraph("2. We will report annually.")
    assert labelled(parsed(document)) == [
        ("1.", "We commit to 5% of GDP."),
        ("2.", "We will report annually."),
    ]


# --- text inside paragraphs, tables ----------------------------------------------------------


def test_line_breaks_are_spaces_and_empty_paragraphs_are_skipped() -> None:
    """w:br inside a paragraph is a space; empty paragraphs make no blocks."""
    document = new_document()
    paragraph = document.add_paragraph("We commit")
    run = paragraph.add_run()
    run.add_break()
    run.add_text("to 5% of GDP.")
    document.add_paragraph("")
    document.add_paragraph("   ")
    document.add_paragraph("We will report.")
    assert convert(document) == "We commit to 5% of GDP.\n\nWe will report.\n"


def test_tracked_changes_hidden_text_and_hyperlinks() -> None:
    """Inserted text and hyperlink text are text; deleted and hidden text are not."""
    document = new_document()
    paragraph = document.add_paragraph("We commit to ")
    w = ns.nsdecls("w")
    for xml in (
        f'<w:del {w} w:id="1" w:author="a"><w:r><w:delText>2%</w:delText></w:r></w:del>',
        f'<w:ins {w} w:id="2" w:author="a"><w:r><w:t>5%</w:t></w:r></w:ins>',
        f"<w:r {w}><w:rPr><w:vanish/></w:rPr><w:t>SECRET</w:t></w:r>",
        f'<w:r {w}><w:t xml:space="preserve"> of GDP, see </w:t></w:r>',
        f"<w:hyperlink {w}><w:r><w:t>the annex</w:t></w:r></w:hyperlink>",
        f"<w:r {w}><w:t>.</w:t></w:r>",
    ):
        paragraph._p.append(oxml.parse_xml(xml))
    assert convert(document) == "We commit to 5% of GDP, see the annex.\n"


def test_bullets_attach_to_a_numbered_item_that_introduces_them() -> None:
    """A numbered item ending in a colon introduces the bullets after it."""
    document = new_document()
    document.add_paragraph("Allies will:", style="List Number")
    document.add_paragraph("invest;", style="List Bullet")
    document.add_paragraph("We meet again.", style="List Number")
    assert labelled(parsed(document)) == [
        ("1.", "Allies will:\n- invest;"),
        ("2.", "We meet again."),
    ]


def test_each_table_cell_paragraph_is_a_block() -> None:
    """Tables are read row by row; every paragraph of a cell is its own block."""
    document = new_document()
    document.add_paragraph("Targets:")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Core defence"
    table.cell(0, 1).text = "3.5% of GDP."
    table.cell(1, 0).text = "Resilience"
    table.cell(1, 1).text = "1.5% of GDP."
    table.cell(1, 1).add_paragraph("By 2035.")
    document.add_paragraph("We commit.")
    assert convert(document) == (
        "Targets:\n\nCore defence\n\n3.5% of GDP.\n\nResilience\n\n1.5% of GDP.\n\nBy 2035.\n\n"
        "We commit.\n"
    )


def test_a_bullet_in_a_table_does_not_attach_to_the_paragraph_before_the_table() -> None:
    """Bullet attachment stays inside one cell."""
    document = new_document()
    document.add_paragraph("Allies agree to:")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).paragraphs[0].text = "invest;"
    table.cell(0, 0).paragraphs[0].style = document.styles["List Bullet"]
    assert convert(document) == "Allies agree to:\n\n- invest;\n"


# --- the same content as text and as DOCX ----------------------------------------------------


def test_txt_and_docx_of_the_same_declaration_compare_equal() -> None:
    """A .txt and a .docx of one declaration differ in nothing compare() can see."""
    old = dd.parse(DECLARATION_TXT, source="declaration.txt")
    new = parsed(declaration_docx())
    assert labelled(new) == labelled(old)
    comparison = dd.compare(old, new)
    assert comparison.pairs
    assert {pair.kind for pair in comparison.pairs} == {"equal"}
    assert not any(pair.renumbered for pair in comparison.pairs)


# --- errors -----------------------------------------------------------------------------------


def assert_format_error(data: bytes, reason: str) -> None:
    """``data`` is a FormatError whose one-line message names the source and the reason."""
    with pytest.raises(FormatError) as err:
        to_text(data, SOURCE)
    message = str(err.value)
    assert message.startswith(f"{SOURCE}: not a readable DOCX (")
    assert reason in message
    assert "\n" not in message
    assert err.value.source == SOURCE
    assert isinstance(err.value, ValueError)


def test_random_bytes_are_a_format_error() -> None:
    """Bytes that are not a ZIP archive."""
    assert_format_error(bytes(range(256)) * 8, "not a ZIP archive")


def test_a_zip_without_document_xml_is_a_format_error() -> None:
    """A ZIP archive that holds no Word document, with or without content types."""
    assert_format_error(zipped({"hello.txt": b"hello"}), "without word/document.xml")
    package = zipfile.ZipFile(io.BytesIO(save(new_document())))
    members = {n: package.read(n) for n in package.namelist() if n != "word/document.xml"}
    assert_format_error(zipped(members), "without word/document.xml")


def test_a_broken_document_xml_is_a_format_error() -> None:
    """A Word package whose document.xml is not XML."""
    package = zipfile.ZipFile(io.BytesIO(save(new_document())))
    members = {n: package.read(n) for n in package.namelist()}
    members["word/document.xml"] = b"<w:document><w:body><w:p>"
    assert_format_error(zipped(members), "not a readable DOCX")


def test_an_encrypted_docx_is_a_format_error() -> None:
    """An encrypted DOCX is an OLE compound file, not a ZIP archive."""
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    assert_format_error(ole, "encrypted")


def test_missing_python_docx_is_a_missing_extra_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without python-docx the error names the source and the extra to install."""
    real_import = builtins.__import__

    def no_docx(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "docx" or name.startswith("docx."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_docx)
    with pytest.raises(MissingExtraError) as err:
        to_text(b"PK", SOURCE)
    message = str(err.value)
    assert message.startswith(f"{SOURCE}: reading DOCX needs")
    assert "declarediff[docx]" in message
    assert isinstance(err.value, ImportError)


# --- number formats ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "fmt", "shown"),
    [
        (3, "decimal", "3"),
        (27, "lowerLetter", "aa"),
        (28, "upperLetter", "BB"),
        (14, "lowerRoman", "xiv"),
        (1999, "upperRoman", "MCMXCIX"),
        (7, "decimalZero", "07"),
        (12, "decimalFullWidth", "１２"),
        (3, "decimalEnclosedCircle", "③"),
        (12, "japaneseCounting", "十二"),
        (105, "japaneseCounting", "百五"),
        (2024, "japaneseCounting", "二千二十四"),
        (23, "ordinal", "23rd"),
        (5, "none", ""),
        (5, "someFormatNotKnown", "5"),
    ],
)
def test_format_number(n: int, fmt: str, shown: str) -> None:
    """Counter values as Word shows them in its number formats."""
    assert format_number(n, fmt) == shown
