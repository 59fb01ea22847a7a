"""PDF -> text, with pypdf (the ``pdf`` extra).

**Reading.** pypdf opens the file (repairing what it can) and runs each page's
content stream.  Every run of text comes with where it starts and ends on the
page and its font size, through pypdf's public API only
(``PageObject.extract_text`` with ``visitor_text`` and
``visitor_operand_after``): pypdf gives each run's text, font and start; its
end is measured here, from the text-show operators and the widths the font
dictionary declares (``/Widths``, or ``/W`` of a Type0 font), and estimated
from its length when the font declares none (the 14 standard fonts may not).
pypdf's private layout-mode functions are not used: any release may change
them (issue #14).  Rotated text is left out.  Runs on about the same baseline
make a line (left to right); lines are ordered top to bottom, whatever order
the file draws them in.

**Clean-up** (:func:`assemble`, which knows nothing of pypdf):

- **running headers and footers** go: a line among the first or last three of
  a page whose text, with digits, case and spaces folded, recurs at the same
  height (within 3 pt) on at least half the pages, and on two or more.  The
  same text elsewhere on a page (a title below the header band) stays;
- **bare page numbers** go: a first or last line that is only ``3``,
  ``- 3 -``, ``Page 3``, ``Page 3 of 10``, ``3 / 10``, ``3 of 10`` or ``iv``;
- inside a page, a **blank line** marks a paragraph break where the white space
  between two lines is larger than the usual leading by 40% of a line's height,
  and before a first-line indent (a line one em right of the lines above and
  below it, after a line that ends a sentence);
- **across a page break** the paragraph goes on (no blank line) when the next
  page starts with a bullet or a lower-case letter, or when the last line of
  the page does not end a sentence (``.`` ``:`` ``;`` ``!`` ``?`` ``。`` …) —
  unless a heading ends the page or starts the next one (a larger font, or a
  short unpunctuated line standing alone).  When the page does end a sentence,
  a label or an indent on the next page starts a new paragraph; otherwise, in a
  numbered document (most paragraphs start with a label) the paragraph goes
  on, and in an unnumbered one it goes on only when the last line fills the
  text width and the page is full to the bottom;
- inside a line, runs of spaces become one space, ligatures (``ﬁ``) are
  spelled out and private-use bullets of symbol fonts become ``•``.  Hard
  wraps and line-end hyphens are left for the parser, which reflows them.

**Errors.** A file that is not a PDF, or is damaged beyond what pypdf repairs,
is a :class:`~declarediff.errors.FormatError` with the reason; so is a PDF
that needs a password to open (one encrypted with an empty user password,
which any viewer opens, is read) and one with no text left after the clean-up
(scanned images).  pypdf's warnings and log records are silenced while it
reads, and no library exception escapes.

Not handled: several columns side by side (their lines are merged), tables,
footnotes (kept as text where they stand), vertical writing.
"""

from __future__ import annotations

import io
import itertools
import logging
import math
import re
import statistics
import unicodedata
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from declarediff.errors import FormatError, MissingExtraError

NO_TEXT = "the PDF has no text layer (scanned images?); run OCR first"
ENCRYPTED = "the PDF is encrypted; decrypt it first"

# How many lines in from the top or bottom edge a running header/footer may sit.
_EDGE_LINES = 3
# Average advance of a character, in ems, to estimate where a line ends when
# the library gives only where it starts.
_EM_PER_CHAR = 0.5


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a page, as extracted.

    Distances are in points from the top-left corner of the page: ``top`` and
    ``bottom`` bound the line vertically, ``x0`` is where it starts and ``x1``
    where it ends (``None`` when the library does not say); ``size`` is the
    font size.
    """

    text: str
    top: float
    bottom: float
    x0: float
    x1: float | None
    size: float

    @property
    def end(self) -> float:
        """Where the line ends: ``x1``, or an estimate from its length."""
        if self.x1 is not None:
            return self.x1
        return self.x0 + len(self.text) * self.size * _EM_PER_CHAR


def to_text(data: bytes, source: str, encoding: str | None = None) -> str:
    """The text of a PDF file, ready for :func:`declarediff.parse`.

    ``encoding`` is not used: a PDF file declares its own.
    """
    del encoding
    text = assemble(read_pages(data, source))
    if not any(ch.isalnum() for ch in text):
        raise FormatError(source, NO_TEXT)
    return text


# --- reading with pypdf -----------------------------------------------------------


def read_pages(data: bytes, source: str, *, measure: bool = True) -> list[list[Line]]:
    """The lines of each page of the PDF in ``data``, top to bottom.

    ``measure=False`` does not measure where each piece of text ends (its end is
    estimated from its length, as for a font that declares no widths); the
    benchmark compares the two.
    """
    try:
        from pypdf import PdfReader  # noqa: PLC0415 (an optional extra)
        from pypdf.errors import DependencyError  # noqa: PLC0415
    except ImportError:
        raise MissingExtraError(source, "PDF", "pdf") from None
    if b"%PDF-" not in data[:1024]:
        raise FormatError(source, "not a readable PDF (no %PDF- header)")
    with _quiet():
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")
                except DependencyError:
                    raise FormatError(
                        source, f"{ENCRYPTED} (or pip install cryptography to read AES)"
                    ) from None
                if not opened:
                    raise FormatError(source, ENCRYPTED)
            fonts: _FontCache = {}
            pages = [_page_lines(page, measure=measure, fonts=fonts) for page in reader.pages]
        except FormatError:
            raise
        except Exception as exc:  # pypdf raises many kinds on damaged files
            raise FormatError(source, f"not a readable PDF ({_reason(exc)})") from None
    if not pages:
        raise FormatError(source, "not a readable PDF (it has no pages)")
    return pages


@contextmanager
def _quiet() -> Iterator[None]:
    """No warnings and no log records from pypdf while it reads."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _reason(exc: BaseException) -> str:
    """A short one-line reason for a library exception."""
    text = " ".join(str(exc).split())
    if not text:
        return type(exc).__name__
    return text if len(text) <= 80 else text[:77] + "..."


def _mult(m: Sequence[float], n: Sequence[float]) -> tuple[float, ...]:
    """The product of two PDF transformation matrices ``[a b c d e f]``."""
    return (
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    )


@dataclass(slots=True)
class _Piece:
    text: str
    x: float
    y: float  # baseline, from the top of the page
    size: float
    end: float | None = None  # where the text ends, when known


def _page_lines(page: Any, *, measure: bool = True, fonts: _FontCache | None = None) -> list[Line]:
    """One pypdf page -> its lines, top to bottom."""
    return group_lines(_visited_pieces(page, measure=measure, fonts=fonts))


@dataclass(frozen=True, slots=True)
class _Metrics:
    """The advance widths of a font, from its dictionary, in ems (text space units at size 1)."""

    widths: dict[int, float]
    default: float  # a code not in ``widths``
    two_bytes: bool  # codes are 2 bytes (a Type0 font with an Identity encoding), else 1


# id of a font dictionary -> (the dictionary, kept so that its id is not reused; its metrics)
_FontCache = dict[int, tuple[Any, "_Metrics | None"]]
# The most codes a /W range of a Type0 font may fill (a damaged one may claim 2**31).
_MAX_CODES = 65536


def font_metrics(font: Any) -> _Metrics | None:
    """The widths a PDF font dictionary declares, or None when it declares none.

    Simple fonts (Type1, TrueType, Type3) list them in ``/Widths`` from
    ``/FirstChar``; Type0 fonts with an ``Identity-H``/``-V`` encoding in their
    descendant's ``/W`` and ``/DW``.  The 14 standard fonts may declare none
    (their metrics are built into readers; pypdf's copy is not public), nor do
    Type0 fonts with other CMaps: their pieces' ends are then estimated.
    """
    try:
        font = font.get_object()
        if font.get("/Subtype") == "/Type0":
            if font.get("/Encoding") not in ("/Identity-H", "/Identity-V"):
                return None
            cid = font["/DescendantFonts"][0].get_object()
            widths: dict[int, float] = {}
            w = [item.get_object() for item in cid.get("/W", [])]
            i = 0
            while i + 1 < len(w):
                first = int(w[i])
                if isinstance(w[i + 1], list):  # c [w1 w2 ...]
                    for k, value in enumerate(w[i + 1]):
                        widths[first + k] = float(value) / 1000
                    i += 2
                else:  # c_first c_last w
                    last = min(int(w[i + 1]), first + _MAX_CODES)
                    for code in range(first, last + 1):
                        widths[code] = float(w[i + 2]) / 1000
                    i += 3
            return _Metrics(widths, float(cid.get("/DW", 1000)) / 1000, two_bytes=True)
        declared = font.get("/Widths")
        if declared is None:
            return None
        scale = 0.001
        if font.get("/Subtype") == "/Type3":  # glyph space, mapped by the font matrix
            scale = float(font["/FontMatrix"][0])
        first = int(font.get("/FirstChar", 0))
        descriptor = font.get("/FontDescriptor")
        missing = float(descriptor.get_object().get("/MissingWidth", 0)) if descriptor else 0.0
        return _Metrics(
            {first + k: float(v) * scale for k, v in enumerate(declared.get_object())},
            missing * scale,
            two_bytes=False,
        )
    except Exception:  # a damaged font dictionary: estimate instead
        return None


@dataclass(slots=True)
class _TextState:
    """The text state parameters that move the pen (PDF 32000-1, 9.3), kept per ``q``/``Q``."""

    spacing: float = 0.0  # Tc, character spacing
    words: float = 0.0  # Tw, word spacing
    scale: float = 1.0  # Tz / 100, horizontal scaling
    size: float = 0.0  # Tf's size
    saved: list[tuple[float, float, float, float]] | None = None

    def update(self, op: bytes, operands: Sequence[Any]) -> None:
        """Apply one operator of the content stream."""
        try:
            if op == b"q":
                saved = (self.spacing, self.words, self.scale, self.size)
                self.saved = [*(self.saved or []), saved]
            elif op == b"Q" and self.saved:
                self.spacing, self.words, self.scale, self.size = self.saved.pop()
            elif op == b"Tc":
                self.spacing = float(operands[0])
            elif op == b"Tw":
                self.words = float(operands[0])
            elif op == b"Tz":
                self.scale = float(operands[0]) / 100
            elif op == b"Tf":
                self.size = float(operands[1])
            elif op == b'"':
                self.words, self.spacing = float(operands[0]), float(operands[1])
        except (IndexError, TypeError, ValueError):  # a malformed operator changes nothing
            pass

    def advance(self, shown: Sequence[Any], metrics: _Metrics) -> float:
        """How far (in text space) the strings and ``TJ`` offsets in ``shown`` move the pen."""
        total = 0.0
        for item in shown:
            if isinstance(item, int | float):  # a TJ offset, in thousandths of an em
                total -= float(item) / 1000 * self.size
                continue
            data = _string_bytes(item)
            step = 2 if metrics.two_bytes else 1
            for k in range(0, len(data) - step + 1, step):
                code = int.from_bytes(data[k : k + step], "big")
                total += metrics.widths.get(code, metrics.default) * self.size + self.spacing
                if code == 32 and not metrics.two_bytes:
                    total += self.words
        return total * self.scale


def _string_bytes(item: Any) -> bytes:
    """The bytes of a string operand as the content stream has them."""
    original = getattr(item, "original_bytes", None)  # TextStringObject, ByteStringObject
    if isinstance(original, bytes):
        return original
    if isinstance(item, bytes):
        return bytes(item)
    return str(item).encode("latin-1", "replace")


@dataclass(frozen=True, slots=True)
class _Show:
    """One text-show operator: what it shows, with the text state and where it starts."""

    shown: tuple[Any, ...]
    state: tuple[float, float, float, float]  # Tc, Tw, Tz / 100, size
    start: tuple[float, ...]  # text matrix x current transformation matrix


def _visited_pieces(
    page: Any, *, measure: bool = True, fonts: _FontCache | None = None
) -> list[_Piece]:
    """The text of a page, from pypdf's public visitors (``PageObject.extract_text``).

    ``visitor_text`` gives each piece of text with its text and transformation
    matrices where it starts, and its font dictionary and size.  Where it ends,
    pypdf does not say: with ``measure``, ``visitor_operand_after`` records
    every text-show operator (with pypdf's matrices after it, which for ``'``
    and ``"`` include the move to the next line) and the text state, and a
    piece ends where the last operator shown for it moves the pen, by the
    widths its font declares.  Upright text only: rotated pieces are left out.
    """
    top = float(page.mediabox.top)
    pieces: list[_Piece] = []
    cache: _FontCache = {} if fonts is None else fonts
    state = _TextState()
    shows: list[_Show] = []

    def after(op: bytes, operands: Any, cm: Any, tm: Any) -> None:
        state.update(op, operands)
        if op in (b"Tj", b"'", b'"', b"TJ") and operands:
            shown = operands[-1]
            items = tuple(shown) if op == b"TJ" and isinstance(shown, list) else (shown,)
            m = _mult([float(v) for v in tm], [float(v) for v in cm])
            shows.append(_Show(items, (state.spacing, state.words, state.scale, state.size), m))

    def end_of(font: Any) -> float | None:
        """Where the text shown since the last piece ends, when the font says."""
        if not shows or font is None:
            return None
        key = id(font)
        if key not in cache:
            cache[key] = (font, font_metrics(font))
        metrics = cache[key][1]
        if metrics is None:
            return None
        last = shows[-1]
        spacing, words, scale, size = last.state
        advance = _TextState(spacing, words, scale, size).advance(last.shown, metrics)
        return last.start[4] + advance * last.start[0]

    def visit(text: Any, cm: Any, tm: Any, font: Any, font_size: Any) -> None:
        end = end_of(font) if measure else None
        shows.clear()
        if not isinstance(text, str) or not text.strip():
            return
        m = _mult([float(v) for v in tm], [float(v) for v in cm])
        if abs(m[1]) > abs(m[0]) or m[0] < 0:  # rotated: a margin note, a watermark
            return
        scale = math.hypot(m[2], m[3]) or 1.0
        size = abs(float(font_size or 0.0)) * scale or 10.0
        x, y = m[4], top - m[5]
        if m[4] == 0.0 and m[5] == 0.0 and pieces:
            # Some pypdf versions pass no position for text that goes on after a
            # flush; it follows the piece before it.
            x, y, size = pieces[-1].x + 0.01, pieces[-1].y, pieces[-1].size
            end = None
        parts = text.split("\n")
        filled = [k for k, part in enumerate(parts) if part.strip()]
        for k in filled:
            # Only a piece on one line has a known end (the pen's, after the last operator).
            known = end if len(filled) == 1 else None
            pieces.append(_Piece(parts[k], x, y + k * size * 1.2, size, known))

    page.extract_text(visitor_text=visit, visitor_operand_after=after if measure else None)
    return pieces


def group_lines(pieces: Sequence[_Piece]) -> list[Line]:
    """Pieces of text on about the same baseline -> one line, left to right."""
    lines: list[Line] = []
    row: list[_Piece] = []
    for piece in sorted(pieces, key=lambda p: (p.y, p.x)):
        if row and abs(piece.y - row[0].y) > 0.35 * max(piece.size, row[0].size):
            lines.append(_row_line(row))
            row = []
        row.append(piece)
    if row:
        lines.append(_row_line(row))
    return [line for line in lines if line.text]


def _row_line(row: list[_Piece]) -> Line:
    row.sort(key=lambda p: p.x)
    text = ""
    previous: _Piece | None = None
    for piece in row:
        part = piece.text
        if previous is not None and not text[-1:].isspace() and not part[:1].isspace():
            # Measured pieces: a gap wider than a thin space is a word space.  Visited
            # pieces: pypdf puts the spaces it sees itself; add one only where a piece
            # starts far to the right of where the last one ends.
            if previous.end is not None:
                if piece.x > previous.end + 0.15 * piece.size:
                    text += " "
            elif (
                piece.x
                > previous.x + len(previous.text) * previous.size * _EM_PER_CHAR + 2 * piece.size
            ):
                text += " "
        text += part
        previous = piece
    size = max(p.size for p in row)
    base = max(p.y for p in row)
    # The line ends where its last piece does; unknown when that piece's end is.
    ends = [p.end for p in row if p.end is not None]
    return Line(
        text=text,
        top=base - 0.8 * size,
        bottom=base + 0.2 * size,
        x0=row[0].x,
        x1=None if row[-1].end is None else max(ends),
        size=size,
    )


# --- clean-up, independent of the library ------------------------------------------

_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
# Bullets drawn with Symbol or Wingdings, which extract as private-use characters.
_PRIVATE_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "•", "\uf076": "•", "\uf0fc": "•"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f]+")


def clean_line(text: str) -> str:
    """One extracted line, tidied: ligatures spelled out, spaces collapsed, trimmed."""
    for table in (_LIGATURES, _PRIVATE_BULLETS):
        for old, new in table.items():
            if old in text:
                text = text.replace(old, new)
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


_PAGE_NUMBER = re.compile(
    r"""^(?:
        [-–—\s]*\d{1,4}[-–—\s]*                                      # 3, - 3 -
      | (?:page|p\.|pg\.?)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?      # Page 3 of 10
      | \d{1,4}\s*(?:/|of)\s*\d{1,4}                                 # 3 / 10
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Lower-case Roman page numbers of front matter: "iv", "- xii -".
_ROMAN_PAGE = re.compile(
    r"^[-–—\s]*(?=[ivxlc])(?:c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})[-–—\s]*$"
)


def is_page_number(text: str) -> bool:
    """True for a line that is only a page number: ``3``, ``- 3 -``, ``Page 3 of 10``."""
    text = unicodedata.normalize("NFKC", text).strip()
    return bool(text) and bool(_PAGE_NUMBER.match(text) or _ROMAN_PAGE.match(text))


def _running_key(text: str) -> str:
    """A line's text with digits, case and spaces folded, to find repeats."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"\d+", "#", folded).split())


_SENTENCE_END = re.compile(r"[.!?:;。．！？：；][\"'”’»)\]」』）]*$")
_LABEL = re.compile(
    r"""^(?:
        (?:\d{1,3}[.)] | \(\d{1,3}\) | \([a-z]{1,4}\) | [a-z]\) | [IVXLC]{1,6}\.)
        (?:\s|$|(?=[A-Z]))                                       # 1. 12) (3) (a) a) IV. 24.We
      | [A-Z]\.(?:\s|$)                                          # A.
      | 第\S{1,4}条 | [１-９][０-９]*． | （[１-９０]+） | [①-⑳]      # 第3条 １． （１） ①
    )""",
    re.VERBOSE,
)
_BULLET = re.compile(r"^(?:[-*•▪◦‣–—]\s|・)")
_FINAL = tuple(".!?;:,。．！？、：；…")


def ends_sentence(text: str) -> bool:
    """True when a line ends a sentence (``.`` ``:`` ``;`` ``!`` ``?``, CJK stops)."""
    return _SENTENCE_END.search(text.rstrip()) is not None


def assemble(pages: Sequence[Sequence[Line]]) -> str:
    """Lines of pages -> text for :func:`declarediff.parse` (see the module's rules)."""
    tidy = [[replace(line, text=clean_line(line.text)) for line in page] for page in pages]
    kept = _drop_running([[line for line in page if line.text] for page in tidy])
    lines = [line for page in kept for line in page]
    if not lines:
        return ""
    layout = _Layout.of(kept)
    out: list[str] = []
    previous: Sequence[Line] = ()
    for page in kept:
        if not page:
            continue
        if previous and not layout.continues(previous, page):
            out.append("")
        for j, line in enumerate(page):
            if j and layout.breaks(page, j):
                out.append("")
            out.append(line.text)
        previous = page
    return "\n".join(out) + "\n"


@dataclass(frozen=True, slots=True)
class _Layout:
    """What is usual in a document: leading, line height, font size, text width."""

    leading: float  # white space between two lines of a paragraph
    height: float  # height of a line of body text
    size: float  # font size of body text
    left: float  # left edge of the text
    right: float  # right edge of full lines
    bottom: float  # where the text of a full page ends
    labelled: bool = False  # most paragraphs start with a label
    slack: float = 0.03  # how far short of the right edge a full line may end (share of width)

    @classmethod
    def of(cls, pages: Sequence[Sequence[Line]]) -> _Layout:
        lines = [line for page in pages for line in page]
        leadings = [b.top - a.bottom for page in pages for a, b in itertools.pairwise(page)]
        layout = cls(
            leading=_quantile(leadings, 0.25) if leadings else 0.0,
            height=statistics.median(line.bottom - line.top for line in lines),
            size=statistics.median(line.size for line in lines),
            left=_quantile([line.x0 for line in lines], 0.1),
            right=_quantile([line.end for line in lines], 0.9),
            bottom=_quantile([page[-1].bottom for page in pages if page], 0.9),
        )
        # Paragraphs: blocks of two lines or more between gaps, page tops left out
        # (they may go on from the page before).
        starts = [
            page[j].text
            for page in pages
            for j in range(1, len(page) - 1)
            if layout.gap(page[j - 1], page[j]) and not layout.gap(page[j], page[j + 1])
        ]
        if starts:
            labelled = sum(bool(_LABEL.match(text)) for text in starts) > 0.5 * len(starts)
        else:  # no space between paragraphs: labels after finished sentences
            labelled = (
                sum(
                    bool(_LABEL.match(b.text)) and ends_sentence(a.text)
                    for page in pages
                    for a, b in itertools.pairwise(page)
                )
                >= 2
            )
        # Justified text: many lines end right at the edge, and only those are full.
        width = max(layout.right - layout.left, 1.0)
        flush = sum(line.end >= layout.right - 0.005 * width for line in lines)
        slack = 0.01 if flush >= 0.4 * len(lines) else 0.03
        return replace(layout, labelled=labelled, slack=slack)

    def gap(self, above: Line, below: Line) -> bool:
        """True when the white space between two lines marks a new paragraph."""
        return below.top - above.bottom > self.leading + 0.4 * self.height

    def breaks(self, page: Sequence[Line], j: int) -> bool:
        """True when a blank line goes before line ``j`` of a page."""
        above, line = page[j - 1], page[j]
        if self.gap(above, line):
            return True
        # A first-line indent after a finished sentence, with the line below back out.
        return (
            ends_sentence(above.text)
            and self.indented(page, j)
            and line.x0 > above.x0 + 0.9 * line.size
            and not _LABEL.match(above.text)
            and not _BULLET.match(above.text)
        )

    def indented(self, page: Sequence[Line], j: int) -> bool:
        """True when line ``j`` starts right of the line below it, in the same block."""
        line = page[j]
        below = page[j + 1] if j + 1 < len(page) else None
        return (
            below is not None and not self.gap(line, below) and below.x0 < line.x0 - 0.9 * line.size
        )

    def full(self, line: Line) -> bool:
        """True when a line runs (about) to the right edge of the text."""
        width = max(self.right - self.left, 1.0)
        return line.end >= self.right - self.slack * width

    def larger(self, line: Line) -> bool:
        """True when a line is set larger than body text, like a heading."""
        return line.size > self.size * 1.15

    def heading_like(self, line: Line) -> bool:
        """True when a line alone could be a heading: short, unpunctuated, no label."""
        return (
            not _LABEL.match(line.text)
            and not _BULLET.match(line.text)
            and not line.text.endswith(_FINAL)
            and not line.text[:1].islower()
            and not self.full(line)
            and len(line.text.split()) <= 14
        )

    def heading_at_end(self, page: Sequence[Line]) -> bool:
        """True when a page ends with a heading: a larger block, or a short lone line."""
        start = len(page) - 1
        while start and not self.gap(page[start - 1], page[start]):
            start -= 1
        block = page[start:]
        if any(self.larger(line) for line in block):
            return True
        return len(block) == 1 and self.heading_like(block[0])

    def heading_at_start(self, page: Sequence[Line]) -> bool:
        """True when a page starts with a heading: larger, or a short lone line."""
        first = page[0]
        if self.larger(first):
            return True
        alone = len(page) == 1 or self.gap(first, page[1])
        return alone and self.heading_like(first)

    def continues(self, page: Sequence[Line], following: Sequence[Line]) -> bool:
        """True when the paragraph at the end of ``page`` goes on at the top of ``following``."""
        last, first = page[-1], following[0]
        if _BULLET.match(first.text) or first.text[:1].islower():
            return True
        if self.heading_at_end(page) or self.heading_at_start(following):
            return False
        if not ends_sentence(last.text):
            return True
        # A sentence ends with the page.  A label or a first-line indent starts a new
        # paragraph; in a numbered document an unnumbered line goes on with the one
        # before; otherwise the paragraph goes on when its last line is full and the
        # page is full to the bottom (a page that ends early ends a paragraph).
        if _LABEL.match(first.text) or self.indented(following, 0):
            return False
        if self.labelled:
            return True
        return self.full(last) and last.bottom >= self.bottom - 1.2 * (self.height + self.leading)


def _quantile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[int(q * (len(ordered) - 1))]


def _drop_running(pages: list[list[Line]]) -> list[list[Line]]:
    """Pages without running headers, footers and page numbers."""
    counted = [p for p in pages if p]
    need = max(2, math.ceil(len(counted) / 2))
    # key -> (edge, page index, y) of each occurrence near an edge
    seen: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for i, page in enumerate(pages):
        for edge, near in (("top", page[:_EDGE_LINES]), ("bottom", page[-_EDGE_LINES:])):
            for line in near:
                key = (edge, _running_key(line.text))
                seen.setdefault(key, []).append((i, line.top))
    running: dict[tuple[str, str], float] = {}
    for key, where in seen.items():
        y = statistics.median(top for _, top in where)
        tol = 3.0
        pages_at = {i for i, top in where if abs(top - y) <= tol}
        if len(pages_at) >= need and any(ch.isalnum() for ch in key[1]):
            running[key] = y

    def is_running(edge: str, line: Line) -> bool:
        y = running.get((edge, _running_key(line.text)))
        return y is not None and abs(line.top - y) <= 3.0

    out: list[list[Line]] = []
    for page in pages:
        lines = list(page)
        for _ in range(_EDGE_LINES):
            if lines and (is_running("top", lines[0]) or is_page_number(lines[0].text)):
                lines.pop(0)
        for _ in range(_EDGE_LINES):
            if lines and (is_running("bottom", lines[-1]) or is_page_number(lines[-1].text)):
                lines.pop()
        out.append(lines)
    if not any(out) and any(
        page for page in pages if any(not is_page_number(x.text) for x in page)
    ):
        # Every line is "running": the same text on every page is the document itself (a
        # one-line notice, a form repeated), not a header; keep it rather than lose it all.
        return pages
    return out
