"""PDF input (declarediff.formats.pdf): text layer, clean-up, errors.

The PDFs are generated at test time with fpdf2 from the project's fixtures:
paragraphs with their labels hanging in the margin, wrapped (long words
hyphenated) at the text width, a running header and a footer on every page,
and at least one paragraph running across a page break.  The fixtures are
English; the text is set in DejaVu Sans when the machine has it and in
Helvetica (quotes and dashes made ASCII) when it does not.
"""

from __future__ import annotations

import ast
import builtins
import logging
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import declarediff as dd
import declarediff.formats.pdf as pdf_module
from declarediff.errors import FormatError, MissingExtraError
from declarediff.formats.pdf import (
    ENCRYPTED,
    NO_TEXT,
    Line,
    assemble,
    is_page_number,
    read_pages,
    to_text,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "en"
HEADER = "Summit Declaration — Draft"
FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
)
ASCII = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "é": "e"})
PAGE_W, MARGIN, BODY, PITCH = 420.0, 54.0, 10.0, 13.0


# --- a small typesetter ---------------------------------------------------------------


@dataclass(frozen=True)
class Typeset:
    """A generated PDF, the document it shows, how many pages, how many split paragraphs."""

    pdf: bytes
    doc: dd.Document
    pages: int
    split: int


@dataclass(frozen=True)
class _Row:
    x: float
    text: str
    size: float
    gap: float
    block: int
    label: str | None = None


def _wrap(pdf: Any, text: str, width: float) -> list[str]:
    """Greedy wrap at ``width`` points; a long word that does not fit is hyphenated."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        rest = word
        if line and pdf.get_string_width(f"{line} {rest}") > width and len(rest) >= 8:
            for cut in range(len(rest) - 3, 3, -1):
                if rest.isalpha() and pdf.get_string_width(f"{line} {rest[:cut]}-") <= width:
                    lines.append(f"{line} {rest[:cut]}-")
                    line, rest = "", rest[cut:]
                    break
        if line and pdf.get_string_width(f"{line} {rest}") > width:
            lines.append(line)
            line = ""
        line = f"{line} {rest}" if line else rest
    return [*lines, line] if line else lines


def _close(pdf: Any) -> None:
    """Close the font files fpdf2 keeps open (it leaves that to the caller)."""
    for font in pdf.fonts.values():
        close = getattr(font, "close", None)
        if close is not None:
            close()


def typeset(
    source: dd.Document, *, footer: str = "Page {n} of {m}", page_h: float = 595.0
) -> Typeset:
    """Typeset ``source`` (see the module's doc); the result's ``doc`` is what it shows."""
    pytest.importorskip("pypdf")
    fpdf = pytest.importorskip("fpdf")
    font = next((f for f in FONTS if f.is_file()), None)
    fix: Callable[[str], str] = (lambda s: s) if font else (lambda s: s.translate(ASCII))

    def new_pdf() -> Any:
        pdf = fpdf.FPDF(unit="pt", format=(PAGE_W, page_h))
        pdf.set_auto_page_break(False)
        if font:
            pdf.add_font("Body", "", str(font))
            pdf.set_font("Body", size=BODY)
        else:
            pdf.set_font("Helvetica", size=BODY)
        return pdf

    pdf = new_pdf()
    rows: list[_Row] = []
    shown: list[str] = []
    for i, p in enumerate(source.paragraphs):
        body = fix(p.text)
        if p.kind == "heading":
            pdf.set_font_size(13.0)
            for k, line in enumerate(_wrap(pdf, body, PAGE_W - 2 * MARGIN)):
                rows.append(_Row(MARGIN, line, 13.0, 10.0 if i and not k else 0.0, i))
            shown.append(body)
            continue
        pdf.set_font_size(BODY)
        x = MARGIN + 22.0 if p.label else MARGIN
        for k, item in enumerate(body.split("\n")):
            indent = x + (pdf.get_string_width("- ") if k else 0.0)
            for j, line in enumerate(_wrap(pdf, item, PAGE_W - MARGIN - indent)):
                first = not k and not j
                label = p.label if first else None
                rows.append(
                    _Row(x if not j else indent, line, BODY, 7.0 if first else 0.0, i, label)
                )
        shown.append(f"{p.label} {body}" if p.label else body)
    for shift in range(40):
        placed = _paginate(rows, shift, page_h)
        blocks: dict[int, set[int]] = {}
        for page, _, row in placed:
            blocks.setdefault(row.block, set()).add(page)
        split = sum(len(pages) > 1 for pages in blocks.values())
        if split:
            break
    pages = 1 + placed[-1][0]
    _close(pdf)
    pdf = new_pdf()
    for n in range(pages):
        pdf.add_page()
        pdf.set_font_size(8.0)
        pdf.text(MARGIN, 34.0, fix(HEADER))
        foot = footer.format(n=n + 1, m=pages)
        pdf.text((PAGE_W - pdf.get_string_width(foot)) / 2, page_h - 28.0, foot)
        for page, baseline, row in placed:
            if page == n:
                pdf.set_font_size(row.size)
                if row.label:
                    pdf.text(MARGIN, baseline, row.label)
                pdf.text(row.x, baseline, row.text)
    doc = dd.parse("\n\n".join(shown) + "\n", source="typeset")
    data = bytes(pdf.output())
    _close(pdf)
    return Typeset(data, doc, pages, split)


def _paginate(rows: list[_Row], shift: int, page_h: float) -> list[tuple[int, float, _Row]]:
    top, bottom = MARGIN + 6.0, page_h - MARGIN
    page, y = 0, top + shift * PITCH
    placed: list[tuple[int, float, _Row]] = []
    for k, row in enumerate(rows):
        step = row.size * 1.3 + row.gap if k else row.size
        if y + step > bottom:
            page, y = page + 1, top + row.size
        else:
            y += step
        placed.append((page, y, row))
    return placed


def fixture(name: str) -> dd.Document:
    """A fixture of fixtures/en, parsed."""
    path = FIXTURES / name
    return dd.parse(path.read_text(encoding="utf-8"), source=path.name)


# --- whole documents -------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("nato-2024.txt", marks=pytest.mark.slow),
        "restructure-old.txt",
        "wrapped-clean.txt",
    ],
)
def test_fixture_pdf_parses_to_the_same_paragraphs(name: str) -> None:
    """A multi-page PDF of a fixture reads back to the fixture's paragraphs, all equal."""
    original = fixture(name)
    case = typeset(original)
    assert case.pages >= 2 and case.split >= 1
    if next((f for f in FONTS if f.is_file()), None):
        assert [p.key for p in case.doc.paragraphs] == [p.key for p in original.paragraphs]
    found = dd.parse(to_text(case.pdf, "doc.pdf"), source="doc.pdf")
    assert [p.key for p in found.paragraphs] == [p.key for p in case.doc.paragraphs]
    assert [p.label for p in found.paragraphs] == [p.label for p in case.doc.paragraphs]
    assert [p.kind for p in found.paragraphs] == [p.kind for p in case.doc.paragraphs]
    assert found.title == case.doc.title
    assert {pair.kind for pair in dd.compare(case.doc, found).pairs} == {"equal"}


def test_public_visitor_reads_the_same_paragraphs() -> None:
    """Without pypdf's measured text runs (public visitor only) the paragraphs are the same."""
    case = typeset(fixture("restructure-new.txt"))
    pages = read_pages(case.pdf, "doc.pdf", measure=False)
    assert all(line.x1 is None for page in pages for line in page)
    found = dd.parse(assemble(pages), source="doc.pdf")
    assert [p.key for p in found.paragraphs] == [p.key for p in case.doc.paragraphs]


def test_ends_of_lines_are_measured_from_the_font_widths() -> None:
    """With an embedded font (declared widths), lines' ends are known and on the page.

    The longest lines end at the text width (fpdf2 wraps them there), none beyond it.
    pypdf 7 reports every piece with the operators that show it; older releases
    merge a label with the text after it on some lines, whose end is then estimated.
    """
    case = typeset(fixture("wrapped-clean.txt"))
    if not next((f for f in FONTS if f.is_file()), None):
        pytest.skip("fpdf2's Helvetica declares no widths: ends are estimated")
    lines = [line for page in read_pages(case.pdf, "doc.pdf") for line in page]
    measured = [line for line in lines if line.x1 is not None]
    assert len(measured) >= 0.8 * len(lines)
    assert all(line.end > line.x0 for line in measured)
    ends = [line.end for line in measured if line.size == BODY]
    assert max(ends) <= PAGE_W - MARGIN + 0.5
    assert max(ends) >= PAGE_W - MARGIN - 15.0


def _private_uses(tree: ast.AST) -> list[str]:
    """Imports of pypdf's private modules and uses of underscore attributes, in ``tree``."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pypdf"):
            modules = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            found += [m for m in modules if any(p.startswith("_") for p in m.split("."))]
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if "._" in a.name and a.name.startswith("pypdf")]
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            if not (node.attr.startswith("__") and node.attr.endswith("__")):
                found.append(f"line {node.lineno}: .{node.attr}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"getattr", "setattr", "hasattr"}
            and len(node.args) > 1
            and isinstance(node.args[1], ast.Constant)
            and str(node.args[1].value).startswith("_")
        ):
            found.append(f"line {node.lineno}: {node.func.id}(..., {node.args[1].value!r})")
    return found


def test_pdf_reader_uses_only_the_public_api_of_pypdf() -> None:
    """pdf.py imports no private pypdf module and uses no underscore attribute (issue #14)."""
    path = Path(pdf_module.__file__ or "")
    assert _private_uses(ast.parse(path.read_text(encoding="utf-8"))) == []
    # The check finds what it is meant to find.
    for sample in (
        "from pypdf._text_extraction import _layout_mode",
        "from pypdf import _page",
        "import pypdf._cmap",
        "page._layout_mode_fonts()",
        "getattr(page, '_layout_mode_fonts')",
    ):
        assert _private_uses(ast.parse(sample)), sample
    assert _private_uses(ast.parse("from pypdf.generic import ContentStream\nx.__class__")) == []


@pytest.mark.parametrize("footer", ["Page {n} of {m}", "- {n} -", "{n}", "{n} / {m}", "Page {n}"])
def test_running_header_footer_and_page_numbers_are_removed(footer: str) -> None:
    """No header, footer or page number is left, whatever the footer looks like."""
    case = typeset(fixture("nato-2024.txt"), footer=footer)
    text = to_text(case.pdf, "doc.pdf")
    assert "Summit Declaration" not in text and "Draft" not in text
    assert not re.search(r"Page \d", text)
    for line in text.splitlines():
        assert not re.fullmatch(r"[-\s\d/]*\d[-\s\d/]*", line), line
    found = dd.parse(text, source="doc.pdf")
    assert [p.key for p in found.paragraphs] == [p.key for p in case.doc.paragraphs]


def test_a_paragraph_split_across_pages_is_one_paragraph() -> None:
    """A paragraph broken by a page break (mid-sentence) comes back whole."""
    case = typeset(fixture("nato-2025.txt"), page_h=330.0)
    assert case.split >= 1
    text = to_text(case.pdf, "doc.pdf")
    found = dd.parse(text, source="doc.pdf")
    assert len(found.paragraphs) == len(case.doc.paragraphs)
    assert [p.key for p in found.paragraphs] == [p.key for p in case.doc.paragraphs]
    # Every paragraph is one block of the text: no blank line inside one.
    assert len([b for b in text.split("\n\n") if b.strip()]) == len(case.doc.paragraphs)


def test_reading_prints_and_logs_nothing(
    capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    """A damaged cross-reference table is repaired silently: no output, no log records."""
    case = typeset(fixture("nato-2025.txt"))
    damaged = re.sub(rb"startxref\s+\d+", b"startxref\n999", case.pdf)
    assert damaged != case.pdf
    with caplog.at_level(logging.DEBUG):
        text = to_text(damaged, "doc.pdf")
    found = dd.parse(text, source="doc.pdf")
    assert [p.key for p in found.paragraphs] == [p.key for p in case.doc.paragraphs]
    assert capsys.readouterr() == ("", "")
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]


# --- errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n" + random.Random(0).randbytes(4000),
        b"%PDF-1.4\n%%EOF\n",
        b"Not a PDF at all, just text.\n",
        b"",
    ],
)
def test_corrupt_pdf_is_a_one_line_format_error(
    data: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    """Random bytes behind a PDF header are a one-line FormatError naming the file."""
    pytest.importorskip("pypdf")
    with pytest.raises(FormatError) as err:
        to_text(data, "broken.pdf")
    message = str(err.value)
    assert message.startswith("broken.pdf: not a readable PDF (")
    assert "\n" not in message and len(message) < 140
    assert isinstance(err.value, ValueError) and isinstance(err.value, dd.DeclarediffError)
    assert capsys.readouterr() == ("", "")


def test_encrypted_pdf_is_a_format_error() -> None:
    """A PDF that needs a password says so."""
    pypdf = pytest.importorskip("pypdf")
    import io  # noqa: PLC0415

    case = typeset(fixture("nato-2025.txt"))
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(case.pdf)))
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(FormatError) as err:
        to_text(out.getvalue(), "locked.pdf")
    assert str(err.value) == f"locked.pdf: {ENCRYPTED}"
    assert "encrypted" in str(err.value)


def test_pdf_with_only_an_owner_password_is_read() -> None:
    """Encrypted with an empty user password (any viewer opens it): read as usual."""
    pypdf = pytest.importorskip("pypdf")
    import io  # noqa: PLC0415

    case = typeset(fixture("nato-2025.txt"))
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(case.pdf)))
    writer.encrypt(user_password="", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    found = dd.parse(to_text(out.getvalue(), "restricted.pdf"), source="restricted.pdf")
    assert [p.key for p in found.paragraphs] == [p.key for p in case.doc.paragraphs]


def test_aes_without_cryptography_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """When pypdf needs the cryptography package to decrypt, the error says so."""
    pypdf = pytest.importorskip("pypdf")
    import io  # noqa: PLC0415

    from pypdf.errors import DependencyError  # noqa: PLC0415

    case = typeset(fixture("nato-2025.txt"))
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(case.pdf)))
    writer.encrypt(user_password="", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)

    def no_aes(self: Any, password: str | bytes) -> Any:
        raise DependencyError("cryptography is required for AES algorithm")

    monkeypatch.setattr(pypdf.PdfReader, "decrypt", no_aes)
    with pytest.raises(FormatError) as err:
        to_text(out.getvalue(), "aes.pdf")
    assert "encrypted" in str(err.value) and "pip install cryptography" in str(err.value)


@pytest.mark.parametrize("stamped", [False, True])
def test_pdf_without_text_layer_asks_for_ocr(stamped: bool) -> None:
    """Pages of drawings only (as a scan is images only), maybe with page numbers: no text."""
    pytest.importorskip("pypdf")
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(unit="pt", format=(PAGE_W, 595.0))
    pdf.set_font("Helvetica", size=8)
    for n in range(1, 4):
        pdf.add_page()
        pdf.rect(60, 60, 200, 300, style="F")
        if stamped:
            pdf.text(190, 570, f"Page {n} of 3")
    with pytest.raises(FormatError) as err:
        to_text(bytes(pdf.output()), "scan.pdf")
    assert str(err.value) == f"scan.pdf: {NO_TEXT}"


@pytest.mark.parametrize("how", ["sys.modules", "import"])
def test_missing_pypdf_names_the_extra(how: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pypdf the error is an ImportError that says which extra to install."""
    if how == "sys.modules":
        for name in [n for n in sys.modules if n == "pypdf" or n.startswith("pypdf.")]:
            monkeypatch.delitem(sys.modules, name)
        monkeypatch.setitem(sys.modules, "pypdf", None)
    else:
        real_import = builtins.__import__

        def fake_import(name: str, *args: Any, **kwargs: Any) -> Any:
            if name == "pypdf" or name.startswith("pypdf."):
                raise ImportError(f"No module named {name!r}")
            return real_import(name, *args, **kwargs)

        monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(MissingExtraError) as err:
        to_text(b"%PDF-1.4\n", "doc.pdf")
    message = str(err.value)
    assert "pip install 'declarediff[pdf]'" in message and message.startswith("doc.pdf: ")
    assert "PDF" in message and isinstance(err.value, ImportError)


# --- the clean-up, on lines given directly ----------------------------------------------


def line(text: str, top: float, *, x0: float = MARGIN, size: float = BODY) -> Line:
    """A line as a library would give it (its end estimated from its length)."""
    return Line(text, top, top + size, x0, None, size)


def page(*texts: str, top: float = 60.0, gap_before: tuple[int, ...] = ()) -> list[Line]:
    """Lines of body text, one after another, with a paragraph gap before the given ones."""
    out: list[Line] = []
    y = top
    for i, text in enumerate(texts):
        if i:
            y += PITCH + (9.0 if i in gap_before else 0.0)
        out.append(line(text, y))
    return out


FULL = "x" * 60


def test_gaps_between_lines_become_blank_lines() -> None:
    """White space larger than the leading between lines is a paragraph break."""
    lines = page(FULL, "ends here.", FULL, "second.", gap_before=(2,))
    assert assemble([lines]) == f"{FULL}\nends here.\n\n{FULL}\nsecond.\n"


def test_paragraph_going_on_across_pages_gets_no_blank_line() -> None:
    """A page ending mid-sentence runs on into the next page."""
    one = page("1. We meet in Aldmoor and we", FULL, "remain united and we")
    two = page("continue our work together.", "2. Next paragraph.", gap_before=(1,))
    text = assemble([one, two])
    assert "remain united and we\ncontinue our work together.\n\n2. Next" in text


def test_label_at_the_top_of_a_page_starts_a_paragraph() -> None:
    """A page that ends a sentence and a next page that starts with a label: a blank line."""
    one = page("1. We meet.", FULL, "and we will stay.")
    two = page("2. We commit.", FULL)
    assert "will stay.\n\n2. We commit." in assemble([one, two])


def test_numbered_document_joins_unnumbered_page_top() -> None:
    """In a numbered document, a sentence ending with the page does not end the paragraph."""
    one = page(
        "1. We meet.",
        FULL,
        "that is all.",
        "2. We commit to this.",
        FULL,
        "and so on.",
        gap_before=(3,),
    )
    two = page("We also agree.", "3. Next.", gap_before=(1,))
    assert "and so on.\nWe also agree.\n\n3. Next." in assemble([one, two])


def test_heading_at_the_bottom_of_a_page_stays_a_heading() -> None:
    """A short lone line at the end of a page is not run into the next page."""
    one = page("1. We meet.", FULL, "this is the end.", "Implementation", gap_before=(3,))
    two = page("2. We commit to this.", FULL)
    text = assemble([one, two])
    assert "Implementation\n\n2. We commit" in text
    doc = dd.parse(text, source="x")
    assert [p.kind for p in doc.paragraphs] == ["paragraph", "heading", "paragraph"]


def test_bullet_at_the_top_of_a_page_stays_in_its_list() -> None:
    """A list broken by a page goes on: a bullet never starts a new paragraph there."""
    one = page("1. To this end, we will:", "- do the first thing;")
    two = page("- do the second thing.", "2. Next.", gap_before=(1,))
    doc = dd.parse(assemble([one, two]), source="x")
    assert [p.label for p in doc.paragraphs] == ["1.", "2."]
    assert doc.paragraphs[0].text.count("\n- ") == 2


def test_first_line_indent_starts_a_paragraph() -> None:
    """Without spacing, an indented line after a finished sentence starts a paragraph."""
    lines = [
        line(FULL, 60.0),
        line("the end.", 73.0),
        line("Indented start of the next one", 86.0, x0=MARGIN + 18),
        line("and its second line.", 99.0),
    ]
    assert assemble([lines]) == (
        f"{FULL}\nthe end.\n\nIndented start of the next one\nand its second line.\n"
    )


def test_running_lines_fold_digits_and_keep_a_title_elsewhere_on_the_page() -> None:
    """Running lines differ only by their numbers; the title, lower on page 1, stays."""
    pages = []
    for n in range(1, 5):
        lines = [line(f"Draft Declaration, version {n}", 30.0, size=8.0)]
        if n == 1:
            lines.append(line("Draft Declaration, version 1", 70.0, size=14.0))
        lines += page(f"{n}. We meet on page {n}.", FULL, "and stay.", top=100.0)
        lines.append(line(f"- {n} -", 560.0))
        pages.append(lines)
    text = assemble(pages)
    assert text.count("Draft Declaration") == 1
    assert text.startswith("Draft Declaration, version 1\n")
    assert "- 2 -" not in text and "\n- 1 -" not in text


def test_single_page_keeps_its_lines_but_drops_its_page_number() -> None:
    """With one page nothing repeats; a bare number at the bottom still goes."""
    lines = [*page("1. We meet.", "2. We part."), line("1", 560.0)]
    assert assemble([lines]) == "1. We meet.\n2. We part.\n"


def test_ligatures_and_spaces_are_tidied() -> None:
    """Ligatures are spelled out; runs of spaces inside a line become one."""
    lines = [line("The e\ufb00ort   is   \ufb01nal.", 60.0)]
    assert assemble([lines]) == "The effort is final.\n"


def test_japanese_paragraph_across_a_page_break() -> None:
    """Japanese lines: a page that ends mid-sentence runs on; the parser joins without spaces."""
    one = page(
        "北大西洋同盟首脳会議宣言",
        "１．われわれ北大西洋同盟の加盟国の首脳は、フェルト",
        "ハーフェンに会合した。われわれの同盟は、国",
        gap_before=(1,),
    )
    two = page(
        "民の自由と安全を守るために創設された。", "２．われわれは約束する。", gap_before=(1,)
    )
    doc = dd.parse(assemble([one, two]), source="ja")
    assert [p.label for p in doc.paragraphs] == [None, "１．", "２．"]
    assert doc.paragraphs[1].text.endswith(
        "われわれの同盟は、国民の自由と安全を守るために創設された。"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", True),
        ("- 3 -", True),
        ("— 12 —", True),
        ("Page 3", True),
        ("Page 3 of 10", True),
        ("page 3 / 10", True),
        ("3 / 10", True),
        ("3 of 10", True),
        ("iv", True),
        ("３", True),
        ("3.", False),
        ("(3)", False),
        ("IV", False),
        ("civil", False),
        ("2035 targets", False),
        ("", False),
    ],
)
def test_page_numbers(text: str, expected: bool) -> None:
    """What counts as a bare page number."""
    assert is_page_number(text) is expected


def test_a_pdf_whose_pages_carry_the_same_lines_is_read() -> None:
    """Every page holding the same line is content, not a running header: the text is kept
    (it was reported as having no text layer)."""
    fpdf = pytest.importorskip("fpdf")
    pytest.importorskip("pypdf")
    pdf = fpdf.FPDF(unit="pt", format=(PAGE_W, 300))
    pdf.set_font("Helvetica", size=BODY)
    for _ in range(5):
        pdf.add_page()
        pdf.set_xy(MARGIN, MARGIN)
        pdf.cell(text="We will defend every inch of Allied territory.")
    data = bytes(pdf.output())
    text = to_text(data, "same.pdf")
    assert "We will defend every inch of Allied territory." in text
    assert dd.parse(text).paragraphs
