"""PDF extraction quality: pypdf against pdfplumber, through declarediff's clean-up.

    python -m benchmarks.pdf_quality [--repeat N] [--shifts 0,3,7] [--numbered-only]
                                     [--json] [--keep DIR]

Needs pypdf, pdfplumber and fpdf2 (``pip install pypdf pdfplumber fpdf2``).

**The PDFs.** Each English fixture (``fixtures/en/*.txt``) is parsed with
``dd.parse`` and its paragraphs are typeset into a multi-page A5 PDF: title
and headings larger, each numbered paragraph with its label hanging in the
margin, wrapped at the text width (long words hyphenated at line ends),
bullets on their own lines, space between paragraphs, the running header
``Summit Declaration — Draft`` and the footer ``Page N of M`` on every page.
Every fixture is made

* ``numbered`` (as it is) and ``unnumbered`` (labels dropped, so that page
  breaks cannot lean on them);
* in four layouts: ``ragged`` (fpdf2, one show-text call a line, figures in
  bold as separate calls, running lines drawn last), ``justified`` (fpdf2, each
  word placed by its own call, running lines drawn first), ``flow`` (fpdf2's
  own ``multi_cell`` justification and page breaks, label inline) and
  ``spaceless`` (written by hand as pdfTeX does: Helvetica, a 1-point font
  scaled by the text matrix, no space characters at all, words moved apart by
  ``TJ`` offsets, kerning inside words);
* with the first line ``--shifts`` lines lower (default 0, 3, 7), and then
  one more line lower at a time until at least one paragraph runs across a
  page break, so that page breaks fall in different places.

The PDFs go to a temporary folder that is removed afterwards (``--keep DIR``
writes them, and the extracted texts, to DIR instead).

**The readers.**

* ``pypdf``             declarediff's reader:
                        :func:`declarediff.formats.pdf.read_pages` and the clean-up
                        :func:`declarediff.formats.pdf.assemble`;
* ``pypdf visitor``     the same with pypdf's public visitor only (``measure=False``:
                        where text starts, not where it ends);
* ``pdfplumber``        pdfplumber's ``extract_text_lines`` (default settings) as
                        lines, then the same clean-up;
* ``pdfplumber tuned``  the same with ``x_tolerance_ratio=0.15`` (a word gap relative
                        to the font size instead of 3 points);
* ``pypdf plain``       reference: pypdf's ``extract_text()`` of each page, pages
                        joined by a blank line, no clean-up.

**The scores**, against the paragraphs that were typeset (their text parsed
with ``dd.parse``), per reader over the PDFs of a fixture, a layout or all:

* ``count ok``   PDFs whose text parses into as many paragraphs as were typeset;
* ``all equal``  PDFs for which ``dd.compare(typeset, found)`` has only ``equal``
                 pairs;
* ``keys``       share of the typeset paragraphs whose comparison key (``p.key``)
                 is matched, in order, by a found paragraph (difflib's matching
                 blocks over the two key sequences);
* ``words``      mean (and ``min``) of ``difflib.SequenceMatcher(None, a, b,
                 autojunk=False).ratio()`` over the words (labels included) of the
                 two parsed documents;
* ``ms/page``    extraction time (reading and clean-up, not parsing), best of
                 ``--repeat`` runs, summed over PDFs and divided by their pages;
* ``leaks``      lines of the text that still hold the running header, a
                 ``Page N of M`` footer or a bare number;
* ``split``      paragraphs typeset across a page break.

No CJK font is needed: the fixtures are English, set in DejaVu Sans
(Helvetica, with typographic quotes and dashes made ASCII, when DejaVu is not
installed; ``spaceless`` always uses Helvetica with WinAnsi encoding).
"""

from __future__ import annotations

import argparse
import difflib
import io
import json
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import declarediff as dd
from benchmarks.accuracy import header
from declarediff.formats.pdf import Line, assemble, clean_line, read_pages

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "fixtures" / "en").glob("*.txt"))
HEADER = "Summit Declaration — Draft"
FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/Library/Fonts/DejaVuSans.ttf",
)
ASCII = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})

# A5 portrait, in points.
PAGE_W, PAGE_H = 420.0, 595.0
MARGIN = 54.0
HANG = 22.0  # where the text of a numbered paragraph starts, right of its label
BODY, HEADING, TITLE, RUNNING = 10.0, 12.0, 14.0, 8.0
PITCH = 13.0  # baseline to baseline in a paragraph
PARA_GAP = 7.0  # extra space before a paragraph
HEAD_GAP = 10.0  # extra space before a heading


@dataclass(frozen=True)
class Typeset:
    """A generated PDF and the text it shows, as blocks for ``dd.parse``."""

    pdf: bytes
    text: str
    pages: int
    split: int  # paragraphs that run across a page break
    header: str


@dataclass
class _Row:
    x: float
    text: str
    size: float
    justify: bool = False
    label: str | None = None


@dataclass
class _Block:
    rows: list[_Row]
    gap: float
    pitch: float


def find_font(bold: bool = False) -> str | None:
    """A DejaVu Sans file on this machine, if there is one."""
    paths = (p.replace("Sans.ttf", "Sans-Bold.ttf") for p in FONT_PATHS) if bold else FONT_PATHS
    return next((p for p in paths if Path(p).is_file()), None)


LAYOUTS = ("ragged", "justified", "flow", "spaceless")


def typeset(
    doc: dd.Document,
    *,
    layout: str = "ragged",
    shift: int = 0,
    hyphenate: bool = True,
    header_text: str = HEADER,
) -> Typeset:
    """Typeset the paragraphs of ``doc`` into a PDF (see the module's doc).

    The first line is put ``shift`` lines lower, and then one more line lower at
    a time until a paragraph runs across a page break.
    """
    font, bold = find_font(), find_font(bold=True)
    fix: Callable[[str], str] = (lambda s: s) if font else (lambda s: s.translate(ASCII))
    header_text = fix(header_text)
    if layout == "flow":
        return _flow(doc, fix, shift, header_text)
    if layout == "spaceless":
        return _spaceless(doc, shift, HEADER, hyphenate=hyphenate)
    measure = _new_pdf(font, bold)
    blocks, text = _blocks(doc, measure, fix, justify=layout == "justified", hyphenate=hyphenate)
    for down in range(shift, shift + 40):
        placed = _paginate(blocks, down * PITCH)
        split = _split_count(placed)
        if split:
            break
    pdf = _new_pdf(font, bold)
    pages = 1 + max(page for page, _, _, _ in placed)
    for n in range(pages):
        pdf.add_page()
        if layout == "justified":  # running lines first in the content stream
            _running(pdf, header_text, n + 1, pages)
        for page, baseline, row, _ in placed:
            if page != n:
                continue
            pdf.set_font_size(row.size)
            if row.label:
                pdf.text(MARGIN, baseline, row.label)
            if row.justify:
                _justified(pdf, row, baseline)
            else:
                _styled(pdf, row, baseline)
        if layout != "justified":  # running lines last
            _running(pdf, header_text, n + 1, pages)
    data = bytes(pdf.output())
    _close(pdf)
    _close(measure)
    return Typeset(data, text, pages, split, header_text)


def _close(pdf: Any) -> None:
    """Close the font files fpdf2 keeps open."""
    for font in pdf.fonts.values():
        close = getattr(font, "close", None)
        if close is not None:
            close()


def _new_pdf(font: str | None, bold: str | None) -> Any:
    from fpdf import FPDF  # noqa: PLC0415 (benchmark and test dependency)

    pdf = FPDF(unit="pt", format=(PAGE_W, PAGE_H))
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    if font:
        pdf.add_font("Body", "", font)
        pdf.add_font("Body", "B", bold or font)
        pdf.set_font("Body", size=BODY)
    else:
        pdf.set_font("Helvetica", size=BODY)
    return pdf


def _running(pdf: Any, header_text: str, page: int, pages: int) -> None:
    """The running header and the footer ``Page N of M``."""
    size = pdf.font_size_pt
    pdf.set_font_size(RUNNING)
    pdf.text(MARGIN, 34.0, header_text)
    footer = f"Page {page} of {pages}"
    pdf.text((PAGE_W - pdf.get_string_width(footer)) / 2, PAGE_H - 28.0, footer)
    pdf.set_font_size(size)


_FIGURE = re.compile(r"(\S*\d\S*)")


def _justified(pdf: Any, row: _Row, baseline: float) -> None:
    """Draw a full line stretched to the right margin, one show-text call a word."""
    words = row.text.split()
    widths = [pdf.get_string_width(w) for w in words]
    space = (PAGE_W - MARGIN - row.x - sum(widths)) / max(len(words) - 1, 1)
    x = row.x
    for word, width in zip(words, widths, strict=True):
        pdf.text(x, baseline, word)
        x += width + space


def _styled(pdf: Any, row: _Row, baseline: float) -> None:
    """Draw a line left-aligned, with words that hold a digit in bold (own show-text calls)."""
    x = row.x
    for k, run in enumerate(_FIGURE.split(row.text)):
        if not run:
            continue
        pdf.set_font(style="B" if k % 2 else "")
        pdf.text(x, baseline, run)
        x += pdf.get_string_width(run)
    pdf.set_font(style="")


def _flow(doc: dd.Document, fix: Callable[[str], str], shift: int, header_text: str) -> Typeset:
    """fpdf2 lays the text out itself: ``multi_cell`` justified, its own page breaks."""
    for down in range(shift, shift + 40):
        pdf, plain, split = _flow_once(doc, fix, down, header_text, None)
        _close(pdf)
        if split:
            break
    # Once more, now that the number of pages is known, for the footer.
    pdf, plain, split = _flow_once(doc, fix, down, header_text, pdf.page_no())
    data = bytes(pdf.output())
    _close(pdf)
    return Typeset(data, "\n\n".join(plain) + "\n", pdf.page_no(), split, header_text)


def _flow_once(
    doc: dd.Document, fix: Callable[[str], str], down: int, header_text: str, total: int | None
) -> tuple[Any, list[str], int]:
    from fpdf import FPDF  # noqa: PLC0415

    font, bold = find_font(), find_font(bold=True)

    class Flow(FPDF):
        def header(self) -> None:
            size = self.font_size_pt
            self.set_font_size(RUNNING)
            self.text(MARGIN, 34.0, header_text)
            self.set_font_size(size)

        def footer(self) -> None:
            size = self.font_size_pt
            self.set_font_size(RUNNING)
            text = f"Page {self.page_no()} of {total or 0}"
            self.text((PAGE_W - self.get_string_width(text)) / 2, PAGE_H - 28.0, text)
            self.set_font_size(size)

    pdf = Flow(unit="pt", format=(PAGE_W, PAGE_H))
    pdf.set_margins(MARGIN, MARGIN + 6.0, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    if font:
        pdf.add_font("Body", "", font)
        pdf.add_font("Body", "B", bold or font)
        pdf.set_font("Body", size=BODY)
    else:
        pdf.set_font("Helvetica", size=BODY)
    pdf.add_page()
    pdf.set_y(MARGIN + 6.0 + down * PITCH)
    plain: list[str] = []
    split = 0
    for i, p in enumerate(doc.paragraphs):
        body = fix(p.text)
        if p.kind == "heading":
            size = TITLE if i == 0 and doc.title else HEADING
            pdf.set_font(style="B", size=size)
            pdf.ln(HEAD_GAP if i else 0.0)
            pdf.multi_cell(0, size * 1.3, body, align="L")
            pdf.set_font(style="", size=BODY)
            plain.append(body)
            continue
        text = f"{fix(p.label)} {body}" if p.label else body
        pdf.ln(PARA_GAP)
        if pdf.get_y() + PITCH > pdf.page_break_trigger:
            pdf.add_page()
        before = pdf.page_no()
        pdf.multi_cell(0, PITCH, text, align="J")
        split += pdf.page_no() != before
        plain.append(text)
    return pdf, plain, split


class _Helvetica:
    """String widths in Helvetica (the standard font), in points, for the layout."""

    def __init__(self) -> None:
        from fpdf import FPDF  # noqa: PLC0415
        from fpdf.fonts import CoreFont  # noqa: PLC0415

        pdf = FPDF(unit="pt", format=(PAGE_W, PAGE_H))
        pdf.set_font("Helvetica", size=BODY)
        font = pdf.current_font
        if not isinstance(font, CoreFont):
            raise TypeError("fpdf2 did not load its Helvetica metrics")
        self.widths: dict[str, int] = {str(k): int(v) for k, v in font.cw.items()}
        self.size = BODY

    def set_font_size(self, size: float) -> None:
        self.size = size

    def get_string_width(self, text: str) -> float:
        return sum(self.char(ch) for ch in text) * self.size / 1000

    def char(self, ch: str) -> int:
        return self.widths.get(ch) or self.widths.get(ch.translate(ASCII)[:1], 556)


_KERNED = frozenset("TVWYfrvwy")


def _tj_line(x: float, baseline: float, size: float, words: Sequence[str], gap: float) -> bytes:
    """One line as pdfTeX writes it: no space characters, words moved apart by TJ
    offsets, a little kerning inside words, a 1-point font scaled by the text matrix."""
    parts: list[str] = []
    units = -gap * 1000 / size
    for k, word in enumerate(words):
        if k:
            parts.append(f"{units:.1f}")
        piece = ""
        for ch in word:
            piece += ch
            if ch in _KERNED and len(piece) < len(word):
                parts.append(_pdf_string(piece))
                parts.append("25")
                piece = ""
        if piece:
            parts.append(_pdf_string(piece))
    y = PAGE_H - baseline
    return (
        f"BT /F1 1 Tf {size:.2f} 0 0 {size:.2f} {x:.2f} {y:.2f} Tm [{' '.join(parts)}] TJ ET\n"
    ).encode("latin-1")


def _pdf_string(text: str) -> str:
    raw = text.encode("cp1252", "replace").decode("latin-1")
    return "(" + raw.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def _spaceless(doc: dd.Document, shift: int, header_text: str, *, hyphenate: bool) -> Typeset:
    """Justified Helvetica with no space characters at all: the PDF is written by hand."""
    measure = _Helvetica()
    blocks, text = _blocks(doc, measure, lambda s: s, justify=True, hyphenate=hyphenate)
    for down in range(shift, shift + 40):
        placed = _paginate(blocks, down * PITCH)
        split = _split_count(placed)
        if split:
            break
    pages = 1 + max(page for page, _, _, _ in placed)
    space = measure.char(" ") / 1000
    streams: list[bytes] = []
    for n in range(pages):
        out = bytearray()
        measure.set_font_size(RUNNING)
        footer = f"Page {n + 1} of {pages}"
        fx = (PAGE_W - measure.get_string_width(footer)) / 2
        for x, y, line in ((MARGIN, 34.0, header_text), (fx, PAGE_H - 28.0, footer)):
            out += _tj_line(x, y, RUNNING, line.split(), space * RUNNING)
        for page, baseline, row, _ in placed:
            if page != n:
                continue
            measure.set_font_size(row.size)
            if row.label:
                out += _tj_line(MARGIN, baseline, row.size, [row.label], 0.0)
            words = row.text.split()
            gap = space * row.size
            if row.justify and len(words) > 1:
                filled = sum(measure.get_string_width(w) for w in words)
                gap = (PAGE_W - MARGIN - row.x - filled) / (len(words) - 1)
            out += _tj_line(row.x, baseline, row.size, words, gap)
        streams.append(bytes(out))
    return Typeset(_pdf_file(streams), text, pages, split, header_text)


def _pdf_file(streams: Sequence[bytes]) -> bytes:
    """A PDF of pages with these content streams and Helvetica as /F1."""
    n = len(streams)
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(f"{4 + 2 * i} 0 R".encode() for i in range(n))
        + f"] /Count {n} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, stream in enumerate(streams):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W:g} {PAGE_H:g}] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"endstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets: list[int] = []
    for k, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{k} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _blocks(
    doc: dd.Document, pdf: Any, fix: Callable[[str], str], *, justify: bool, hyphenate: bool
) -> tuple[list[_Block], str]:
    """Paragraphs -> blocks of wrapped rows, and the same text as plain blocks."""
    blocks: list[_Block] = []
    plain: list[str] = []
    for i, p in enumerate(doc.paragraphs):
        body = fix(p.text)
        if p.kind == "heading":
            size = TITLE if i == 0 and doc.title else HEADING
            pdf.set_font_size(size)
            rows = [
                _Row(MARGIN, t, size)
                for t in _wrap(body, PAGE_W - 2 * MARGIN, pdf, hyphenate=False)
            ]
            blocks.append(_Block(rows, HEAD_GAP, size * 1.3))
            plain.append(body)
            continue
        pdf.set_font_size(BODY)
        x = MARGIN + HANG if p.label else MARGIN
        rows = []
        for k, item in enumerate(body.split("\n")):
            indent = x + (pdf.get_string_width("- ") if k else 0.0)
            width = PAGE_W - MARGIN - indent
            wrapped = _wrap(item, width, pdf, hyphenate=hyphenate)
            for j, t in enumerate(wrapped):
                last = j == len(wrapped) - 1
                rows.append(_Row(x if j == 0 else indent, t, BODY, justify and not last))
        rows[0].label = fix(p.label) if p.label else None
        blocks.append(_Block(rows, PARA_GAP, PITCH))
        plain.append(f"{fix(p.label)} {body}" if p.label else body)
    return blocks, "\n\n".join(plain) + "\n"


def _wrap(text: str, width: float, pdf: Any, *, hyphenate: bool) -> list[str]:
    """Greedy word wrap at ``width`` points; long plain words are hyphenated."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        rest = word
        trial = f"{line} {rest}" if line else rest
        if pdf.get_string_width(trial) <= width:
            line = trial
            continue
        if hyphenate and line and len(rest) >= 8 and rest.isalpha():
            for cut in range(len(rest) - 3, 3, -1):
                head = f"{line} {rest[:cut]}-"
                if pdf.get_string_width(head) <= width:
                    lines.append(head)
                    rest = rest[cut:]
                    line = ""
                    break
        if line:
            lines.append(line)
        line = rest
    if line:
        lines.append(line)
    return lines


def _paginate(blocks: Sequence[_Block], shift: float) -> list[tuple[int, float, _Row, int]]:
    """Place rows on pages: (page, baseline, row, block index)."""
    top, bottom = MARGIN + 6.0, PAGE_H - MARGIN
    page, y = 0, top + shift
    placed: list[tuple[int, float, _Row, int]] = []
    for b, block in enumerate(blocks):
        for r, row in enumerate(block.rows):
            step = block.pitch + (block.gap if r == 0 and b else 0.0)
            if r == 0 and b == 0:
                step = row.size
            if y + step > bottom and y > top:
                page, y = page + 1, top + row.size
            else:
                y += step
            placed.append((page, y, row, b))
    return placed


def _split_count(placed: Sequence[tuple[int, float, _Row, int]]) -> int:
    """Blocks whose rows are on more than one page."""
    pages: dict[int, set[int]] = {}
    for page, _, _, block in placed:
        pages.setdefault(block, set()).add(page)
    return sum(len(on) > 1 for on in pages.values())


# --- readers ---------------------------------------------------------------------------


def pypdf_text(data: bytes) -> tuple[str, int]:
    """declarediff's reader: pypdf's measured text runs -> lines -> clean-up."""
    pages = read_pages(data, "bench.pdf")
    return assemble(pages), len(pages)


def pypdf_visitor(data: bytes) -> tuple[str, int]:
    """The same with pypdf's public visitor only: where text starts, not where it ends."""
    pages = read_pages(data, "bench.pdf", measure=False)
    return assemble(pages), len(pages)


def pdfplumber_text(data: bytes, **options: Any) -> tuple[str, int]:
    """pdfplumber's lines -> the same clean-up."""
    import pdfplumber  # noqa: PLC0415 (benchmark-only dependency)

    pages: list[list[Line]] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            lines: list[Line] = []
            for found in page.extract_text_lines(strip=True, return_chars=True, **options):
                chars = found.get("chars") or []
                size = max((float(c["size"]) for c in chars), default=0.0)
                top, bottom = float(found["top"]), float(found["bottom"])
                text = clean_line(str(found["text"]))
                if text:
                    x0, x1 = float(found["x0"]), float(found["x1"])
                    lines.append(Line(text, top, bottom, x0, x1, size or bottom - top))
            pages.append(lines)
    return assemble(pages), len(pages)


def pdfplumber_tuned(data: bytes) -> tuple[str, int]:
    """pdfplumber with a word gap relative to the font size (``x_tolerance_ratio=0.15``)."""
    return pdfplumber_text(data, x_tolerance_ratio=0.15)


def pypdf_plain(data: bytes) -> tuple[str, int]:
    """Reference: pypdf's own text of each page, pages joined by a blank line."""
    from pypdf import PdfReader  # noqa: PLC0415

    reader = PdfReader(io.BytesIO(data))
    texts = [page.extract_text() for page in reader.pages]
    return "\n\n".join(texts) + "\n", len(texts)


READERS: dict[str, Callable[[bytes], tuple[str, int]]] = {
    "pypdf": pypdf_text,
    "pypdf visitor": pypdf_visitor,
    "pdfplumber": pdfplumber_text,
    "pdfplumber tuned": pdfplumber_tuned,
    "pypdf plain": pypdf_plain,
}


# --- scoring ---------------------------------------------------------------------------


@dataclass
class Score:
    """How one reader did on one PDF."""

    fixture: str
    numbering: str
    layout: str
    shift: int
    reader: str
    pages: int
    split: int
    paragraphs: int
    expected: int
    keys: float
    equal: bool
    words: float
    ms_per_page: float
    leaks: int


def words_of(doc: dd.Document) -> list[str]:
    """The words of a parsed document, labels included."""
    return [w for p in doc.paragraphs for w in f"{p.label or ''} {p.text}".split()]


def key_share(expected: dd.Document, found: dd.Document) -> float:
    """Share of expected paragraphs whose key is matched, in order, in ``found``."""
    a = [p.key for p in expected.paragraphs]
    b = [p.key for p in found.paragraphs]
    blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(m.size for m in blocks) / max(len(a), 1)


def leaks(text: str, header_text: str) -> int:
    """Lines of the text that hold a running header, footer or page number."""
    bare = re.compile(r"^[-–—\s]*\d+[-–—\s]*$")
    footer = re.compile(r"Page \d+ of \d+")
    return sum(
        1
        for line in text.splitlines()
        if header_text in line or footer.search(line) or bare.match(line)
    )


def score(
    name: str, numbering: str, layout: str, shift: int, case: Typeset, reader: str, repeat: int
) -> tuple[Score, str]:
    """Extract ``case`` with ``reader`` ``repeat`` times; score the last text."""
    read = READERS[reader]
    best = float("inf")
    text, pages = "", 0
    for _ in range(repeat):
        start = time.perf_counter()
        text, pages = read(case.pdf)
        best = min(best, time.perf_counter() - start)
    expected = dd.parse(case.text, source="typeset")
    found = dd.parse(text, source=reader)
    comparison = dd.compare(expected, found)
    ratio = difflib.SequenceMatcher(
        None, words_of(expected), words_of(found), autojunk=False
    ).ratio()
    result = Score(
        fixture=name,
        numbering=numbering,
        layout=layout,
        shift=shift,
        reader=reader,
        pages=pages,
        split=case.split,
        paragraphs=len(found.paragraphs),
        expected=len(expected.paragraphs),
        keys=key_share(expected, found),
        equal=all(p.kind == "equal" for p in comparison.pairs),
        words=ratio,
        ms_per_page=1000 * best / max(pages, 1),
        leaks=leaks(text, case.header),
    )
    return result, text


NUMBERINGS = ("numbered", "unnumbered")


def unnumbered(doc: dd.Document) -> dd.Document:
    """The same document without its labels (each paragraph still a block)."""
    return dd.parse("\n\n".join(p.text for p in doc.paragraphs) + "\n", source=doc.source)


def run(
    repeat: int,
    shifts: Sequence[int],
    keep: Path | None = None,
    numberings: Sequence[str] = NUMBERINGS,
) -> list[Score]:
    """Typeset every fixture in every numbering, layout and shift; score every reader."""
    scores: list[Score] = []
    with tempfile.TemporaryDirectory(prefix="declarediff-pdf-") as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for path in FIXTURES:
            fixture_doc = dd.parse(path.read_text(encoding="utf-8"), source=path.name)
            for numbering in numberings:
                doc = fixture_doc if numbering == "numbered" else unnumbered(fixture_doc)
                for layout in LAYOUTS:
                    for shift in shifts:
                        case = typeset(doc, layout=layout, shift=shift)
                        shown = dd.parse(case.text, source="typeset")
                        if (find_font() or layout == "spaceless") and [
                            p.key for p in shown.paragraphs
                        ] != [p.key for p in doc.paragraphs]:
                            raise SystemExit(f"{path.name}: the typeset text does not parse back")
                        stem = f"{path.stem}-{numbering}-{layout}-{shift}"
                        (folder / f"{stem}.pdf").write_bytes(case.pdf)
                        for reader in READERS:
                            result, text = score(
                                path.stem, numbering, layout, shift, case, reader, repeat
                            )
                            scores.append(result)
                            if keep:
                                name = f"{stem}-{reader.replace(' ', '-')}.txt"
                                (folder / name).write_text(text, encoding="utf-8")
    return scores


def summary(scores: Sequence[Score], **where: str) -> dict[str, dict[str, Any]]:
    """Totals per reader, over the PDFs whose fields equal ``where`` (all when empty).

    ``count ok`` and ``all equal`` count PDFs; ``keys`` is the share over all
    typeset paragraphs; ``words`` the mean and ``words min`` the lowest word
    similarity; ``ms/page`` the total extraction time over the total pages.
    """
    out: dict[str, dict[str, Any]] = {}
    for reader in READERS:
        rows = [
            s
            for s in scores
            if s.reader == reader and all(getattr(s, k) == v for k, v in where.items())
        ]
        pages = sum(s.pages for s in rows)
        expected = sum(s.expected for s in rows)
        out[reader] = {
            "pdfs": len(rows),
            "pages": pages,
            "split": sum(s.split for s in rows),
            "count ok": sum(s.paragraphs == s.expected for s in rows),
            "all equal": sum(s.equal for s in rows),
            "keys": sum(s.keys * s.expected for s in rows) / max(expected, 1),
            "words": sum(s.words for s in rows) / max(len(rows), 1),
            "words min": min((s.words for s in rows), default=0.0),
            "ms/page": sum(s.ms_per_page * s.pages for s in rows) / max(pages, 1),
            "leaks": sum(s.leaks for s in rows),
        }
    return out


def _table(totals: dict[str, dict[str, Any]], title: str) -> None:
    print(title)
    print(
        f"  {'reader':<16} {'pdfs':>4} {'pages':>5} {'split':>5} {'count ok':>8} "
        f"{'all equal':>9} {'keys':>6} {'words':>6} {'min':>6} {'ms/page':>8} {'leaks':>5}"
    )
    for reader, t in totals.items():
        print(
            f"  {reader:<16} {t['pdfs']:>4} {t['pages']:>5} {t['split']:>5} "
            f"{t['count ok']:>8} {t['all equal']:>9} {t['keys']:>6.3f} {t['words']:>6.4f} "
            f"{t['words min']:>6.4f} {t['ms/page']:>8.1f} {t['leaks']:>5}"
        )


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: print the tables (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per PDF (best is kept)")
    parser.add_argument(
        "--shifts", default="0,3,7", help="comma-separated first-line shifts, in lines"
    )
    parser.add_argument(
        "--numbered-only", action="store_true", help="skip the copies without labels"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--keep", type=Path, help="write the PDFs and texts to this folder")
    args = parser.parse_args(argv)
    shifts = [int(v) for v in args.shifts.split(",")]
    numberings = NUMBERINGS[:1] if args.numbered_only else NUMBERINGS
    facts: dict[str, Any] = header()
    facts["font"] = find_font() or "Helvetica (no DejaVu Sans found)"
    facts["versions"] = _versions()
    scores = run(args.repeat, shifts, args.keep, numberings)
    fixtures = [path.stem for path in FIXTURES]
    if args.json:
        report = {
            **facts,
            "summary": summary(scores),
            "by_numbering": {n: summary(scores, numbering=n) for n in numberings},
            "by_layout": {layout: summary(scores, layout=layout) for layout in LAYOUTS},
            "by_fixture": {name: summary(scores, fixture=name) for name in fixtures},
            "scores": [asdict(s) for s in scores],
        }
        print(json.dumps(report, indent=1))
        return
    for k, v in facts.items():
        print(f"{k}: {v}")
    print(
        f"numberings: {', '.join(numberings)}; layouts: {', '.join(LAYOUTS)}; shifts: {args.shifts}"
    )
    for name in fixtures:
        print()
        _table(summary(scores, fixture=name, numbering="numbered"), f"Fixture {name}, numbered:")
    for numbering in numberings:
        for layout in LAYOUTS:
            print()
            _table(
                summary(scores, layout=layout, numbering=numbering),
                f"Layout {layout}, {numbering}:",
            )
    for numbering in numberings:
        print()
        _table(summary(scores, numbering=numbering), f"All {numbering}:")
    print()
    _table(summary(scores), "All:")
    misses = [s for s in scores if not s.equal and s.reader not in ("pypdf plain", "pdfplumber")]
    if misses:
        print()
        print("Not all equal (pypdf plain and default pdfplumber left out):")
        for s in misses:
            print(
                f"  {s.reader}: {s.fixture} {s.numbering} {s.layout} shift {s.shift}: "
                f"{s.paragraphs}/{s.expected} paragraphs, keys {s.keys:.3f}, "
                f"words {s.words:.4f}"
            )


def _versions() -> str:
    from importlib.metadata import version  # noqa: PLC0415

    return ", ".join(
        f"{name} {version(name)}" for name in ("pypdf", "pdfplumber", "pdfminer.six", "fpdf2")
    )


if __name__ == "__main__":
    main()
