"""DOCX (a Word document) -> text, with python-docx (the ``docx`` extra).

python-docx opens the package (ZIP, content types, relationships) and finds
the main document, its styles and its numbering; the paragraphs are then read
from the XML of those parts, in document order:

- each paragraph with text is a block; empty paragraphs are skipped;
- a paragraph whose style is (or is based on) ``Heading 1`` ... ``Heading 6``
  or ``Title``, or whose style has an outline level 1-6, becomes a ``#``
  heading of that level (``Title`` is level 1, ``Heading 7``-``9`` level 6);
- a paragraph numbered by Word (``w:numPr`` on the paragraph or its style)
  gets the label Word shows, computed from ``numbering.xml`` (``numFmt``,
  ``lvlText``, ``start``, ``lvlRestart``, ``isLgl``, ``startOverride``).
  As in Word, the count runs per abstract numbering definition, so lists
  that share one continue each other unless a ``startOverride`` restarts
  them, and a level restarts when a shallower level advances.  A numbered
  item is its own block ``LABEL TEXT``;
- a bulleted item (``numFmt`` ``bullet``) becomes a ``- TEXT`` line attached
  to the paragraph before it when that paragraph ends with a colon (or
  follows such a paragraph as another bullet); otherwise it starts its own
  block, which the bullets right after it join;
- a label typed as text (``1. We commit``) is kept as it is;
- line breaks (``w:br``, ``w:cr``) and tabs inside a paragraph are spaces;
  deleted text of tracked changes, hidden runs (``w:vanish``), text boxes,
  drawings and field instructions are left out;
- **tables**: each paragraph of each cell is its own block, row by row and
  cell by cell; a bullet in a cell attaches only to a paragraph of the same
  cell.

Headers, footers, footnotes and comments are not read.

**Limits** (a DOCX is a ZIP archive, and a small archive can unzip to gigabytes): an archive
of more than :data:`~declarediff.defaults.MAX_ZIP_MEMBERS` members, or whose members together
unzip to more than ``max_expanded_bytes`` (``--max-bytes`` from the command line), is refused
before python-docx opens it.  The unzipped bytes are counted while unzipping, one member after
another in pieces, so a member that declares a small size and inflates to a large one is
stopped too (Python's zipfile also never returns more than a member declares).
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from declarediff import defaults
from declarediff.errors import FormatError, MissingExtraError

if TYPE_CHECKING:
    from docx.opc.package import OpcPackage
    from docx.opc.part import Part

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

_REL_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
_REL_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"

_COLONS = (":", "：")
_BLANK = " \t\u3000\f\v\u00a0\ufeff"
_CONTROL = re.compile(r"[\r\n\t\v\f\u2028\u2029]")
_HEADING_NAME = re.compile(r"heading ([1-9])")
_LEVEL_REF = re.compile(r"%([1-9])")
_MAX_LEVELS = 9

# Elements inside a paragraph whose content Word does not show as its text.
_SKIP_IN_PARAGRAPH = frozenset(
    _W + tag
    for tag in (
        "pPr",
        "rPr",
        "del",
        "moveFrom",
        "txbxContent",
        "drawing",
        "pict",
        "object",
        "sdtPr",
        "sdtEndPr",
        "fldData",
        "footnoteReference",
        "endnoteReference",
        "commentReference",
    )
)
# Elements between the body and its paragraphs that hold paragraphs.
_CONTAINERS = frozenset(
    _W + tag for tag in ("sdt", "sdtContent", "customXml", "smartTag", "ins", "moveTo")
)
# Table elements: a cell is a container of its own for bullet attachment.
_TABLE_PARTS = frozenset(_W + tag for tag in ("tbl", "tr", "tc"))


def to_text(
    data: bytes,
    source: str,
    encoding: str | None = None,
    *,
    max_expanded_bytes: int | None = None,
) -> str:
    """Plain text for :func:`declarediff.parse` from a DOCX file's bytes.

    See the module docstring for what becomes of headings, numbered and
    bulleted paragraphs and tables.  Raises
    :class:`~declarediff.errors.MissingExtraError` without python-docx and
    :class:`~declarediff.errors.FormatError` for a file that is not a
    readable DOCX, or that unzips to more than ``max_expanded_bytes``
    (default :data:`~declarediff.defaults.MAX_EXPANDED_BYTES`) or has more than
    :data:`~declarediff.defaults.MAX_ZIP_MEMBERS` members.  ``encoding`` is not
    used: a DOCX file declares its own.
    """
    del encoding
    try:
        from docx.opc.package import OpcPackage  # noqa: PLC0415 (an optional extra)
    except ImportError:
        raise MissingExtraError(source, "DOCX", "docx") from None
    limit = defaults.MAX_EXPANDED_BYTES if max_expanded_bytes is None else max_expanded_bytes
    document, styles, numbering = _open(data, source, OpcPackage, limit)
    try:
        reader = _Reader(_Styles(styles), _Numbering(numbering))
        reader.read_body(document)
    except Exception as exc:
        raise FormatError(source, _unreadable(f"cannot read its paragraphs: {_why(exc)}")) from None
    return reader.text()


# --- opening the package ---------------------------------------------------------------

_NO_DOCUMENT = "a ZIP archive without word/document.xml"


def _unreadable(reason: str) -> str:
    return f"not a readable DOCX ({reason})"


def _why(exc: BaseException) -> str:
    """A short one-line account of a library exception."""
    text = _CONTROL.sub(" ", str(exc)).strip()
    if isinstance(exc, zipfile.BadZipFile | zlib.error | EOFError):
        what = "a damaged ZIP archive"
    elif isinstance(exc, ET.ParseError) or type(exc).__name__ == "XMLSyntaxError":
        what = "broken XML"
    else:
        what = type(exc).__name__
    if not text:
        return what
    return f"{what}: {text[:100]}{'...' if len(text) > 100 else ''}"


# The signature of a ZIP central directory entry: one per member (found in compressed data
# too, rarely, which only overcounts).
CENTRAL_ENTRY = b"PK\x01\x02"
_CHUNK = 1 << 16


def too_many_members(data: bytes) -> bool:
    """Whether ``data`` may hold more ZIP members than MAX_ZIP_MEMBERS, from a count of
    central directory signatures (linear, before zipfile builds an object per member)."""
    return data.count(CENTRAL_ENTRY) > defaults.MAX_ZIP_MEMBERS


def _members_error(source: str) -> FormatError:
    return FormatError(
        source,
        f"refused: a ZIP archive of more than {defaults.MAX_ZIP_MEMBERS:,} members"
        " (a Word document has a few dozen)",
    )


def _expanded_error(source: str, limit: int) -> FormatError:
    return FormatError(
        source,
        f"refused: it expands to more than {limit:,} bytes when unzipped"
        " (a ZIP bomb?); raise the limit with --max-bytes",
    )


def check_archive(archive: zipfile.ZipFile, source: str, limit: int) -> None:
    """Refuse an archive of too many members, or whose members unzip to more than ``limit``
    bytes together: first by the sizes it declares, then by counting while unzipping."""
    members = archive.infolist()
    if len(members) > defaults.MAX_ZIP_MEMBERS:
        raise _members_error(source)
    if sum(m.file_size for m in members) > limit:
        raise _expanded_error(source, limit)
    total = 0
    for member in members:
        if member.is_dir():
            continue
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                total += len(chunk)
                if total > limit:
                    raise _expanded_error(source, limit)


def _open(
    data: bytes, source: str, package_class: type[OpcPackage], limit: int
) -> tuple[ET.Element, ET.Element | None, ET.Element | None]:
    """The parsed XML of the main document, its styles and its numbering (if any)."""
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise FormatError(
            source, _unreadable("an OLE compound file: an encrypted DOCX or a legacy .doc file")
        )
    if too_many_members(data):
        raise _members_error(source)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            try:
                check_archive(archive, source, limit)
            except FormatError:
                raise
            except Exception as exc:
                raise FormatError(source, _unreadable(_why(exc))) from None
    except FormatError:
        raise
    except Exception:
        raise FormatError(source, _unreadable("not a ZIP archive")) from None
    if "word/document.xml" not in names and "[Content_Types].xml" not in names:
        raise FormatError(source, _unreadable(_NO_DOCUMENT))
    try:
        main = package_class.open(io.BytesIO(data)).main_document_part
        content_type = str(main.content_type)
    except Exception as exc:
        reason = _why(exc) if "word/document.xml" in names else _NO_DOCUMENT
        raise FormatError(source, _unreadable(reason)) from None
    if "wordprocessingml" not in content_type and "ms-word" not in content_type:
        raise FormatError(source, _unreadable(f"its main part is {content_type}, not Word"))
    try:
        document = ET.fromstring(main.blob)
        styles = _related_xml(main, _REL_STYLES)
        numbering = _related_xml(main, _REL_NUMBERING)
    except Exception as exc:
        raise FormatError(source, _unreadable(_why(exc))) from None
    if document.tag != _W + "document":
        raise FormatError(source, _unreadable("its main part is not a WordprocessingML document"))
    return document, styles, numbering


def _related_xml(part: Part, reltype: str) -> ET.Element | None:
    """The parsed XML of the part related to ``part`` by ``reltype``, or None."""
    try:
        related = part.part_related_by(reltype)
    except (KeyError, ValueError):
        return None
    return ET.fromstring(related.blob)


# --- small XML helpers -----------------------------------------------------------------


def _val(el: ET.Element | None, name: str = "val") -> str | None:
    return None if el is None else el.get(_W + name)


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        return None


def _on(el: ET.Element | None) -> bool:
    """A WordprocessingML on/off property: present and not ``false``/``0``/``off``."""
    if el is None:
        return False
    return (_val(el) or "true").lower() not in ("false", "0", "off")


def _num_pr(ppr: ET.Element | None) -> tuple[int | None, int | None] | None:
    """(numId, ilvl) of a ``w:pPr``'s ``w:numPr``, or None without one."""
    if ppr is None:
        return None
    num_pr = ppr.find(_W + "numPr")
    if num_pr is None:
        return None
    return _int(_val(num_pr.find(_W + "numId"))), _int(_val(num_pr.find(_W + "ilvl")))


# --- styles -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    num_pr: tuple[int | None, int | None] | None
    outline: int | None


class _Styles:
    """Paragraph and numbering styles by id, with the default paragraph style."""

    def __init__(self, root: ET.Element | None) -> None:
        self.by_id: dict[str, _Style] = {}
        self.default: str | None = None
        if root is None:
            return
        for st in root.iter(_W + "style"):
            sid = _val(st, "styleId")
            if sid is None or st.get(_W + "type", "paragraph") not in ("paragraph", "numbering"):
                continue
            ppr = st.find(_W + "pPr")
            self.by_id[sid] = _Style(
                name=(_val(st.find(_W + "name")) or sid).strip().lower(),
                based_on=_val(st.find(_W + "basedOn")),
                num_pr=_num_pr(ppr),
                outline=_int(_val(ppr.find(_W + "outlineLvl"))) if ppr is not None else None,
            )
            is_default = st.get(_W + "default") in ("1", "true", "on")
            if is_default and st.get(_W + "type", "paragraph") == "paragraph":
                self.default = self.default or sid

    def chain(self, style_id: str | None) -> Iterator[tuple[str, _Style]]:
        """The style and the styles it is based on, nearest first (cycles stop)."""
        seen: set[str] = set()
        sid = style_id if style_id is not None else self.default
        while sid is not None and sid not in seen and sid in self.by_id:
            seen.add(sid)
            style = self.by_id[sid]
            yield sid, style
            sid = style.based_on

    def heading_level(self, style_id: str | None) -> int | None:
        """1-6 for a heading style (by name, then by outline level), else None."""
        chain = list(self.chain(style_id))
        for _, style in chain:
            if style.name == "title":
                return 1
            m = _HEADING_NAME.fullmatch(style.name)
            if m:
                return min(int(m.group(1)), 6)
        for _, style in chain:
            if style.outline is not None:
                return style.outline + 1 if 0 <= style.outline <= 5 else None
        return None

    def num_pr(self, style_id: str | None) -> tuple[str, int | None, int | None] | None:
        """(defining style id, numId, ilvl) of the nearest style with numbering."""
        for sid, style in self.chain(style_id):
            if style.num_pr is not None and style.num_pr[0] is not None:
                return sid, style.num_pr[0], style.num_pr[1]
        return None


# --- numbering ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str | None
    restart: int | None
    legal: bool
    style: str | None


def _level(el: ET.Element) -> _Level:
    text_el = el.find(_W + "lvlText")
    return _Level(
        start=_int(_val(el.find(_W + "start"))) or 0,
        fmt=_val(el.find(_W + "numFmt")) or "decimal",
        text=_val(text_el) if text_el is not None else None,
        restart=_int(_val(el.find(_W + "lvlRestart"))),
        legal=_on(el.find(_W + "isLgl")),
        style=_val(el.find(_W + "pStyle")),
    )


def _levels(el: ET.Element) -> dict[int, _Level]:
    out: dict[int, _Level] = {}
    for lvl in el.findall(_W + "lvl"):
        ilvl = _int(_val(lvl, "ilvl"))
        if ilvl is not None and 0 <= ilvl < _MAX_LEVELS:
            out[ilvl] = _level(lvl)
    return out


@dataclass
class _Abstract:
    levels: dict[int, _Level]
    num_style_link: str | None


@dataclass
class _Num:
    abstract: str
    start_overrides: dict[int, int]
    level_overrides: dict[int, _Level]


@dataclass
class _Counter:
    """The running count of one abstract numbering definition."""

    values: list[int | None] = field(default_factory=lambda: [None] * _MAX_LEVELS)


class _Numbering:
    """Abstract numbering definitions and their instances from ``numbering.xml``."""

    def __init__(self, root: ET.Element | None) -> None:
        self.abstracts: dict[str, _Abstract] = {}
        self.nums: dict[int, _Num] = {}
        if root is None:
            return
        for ab in root.findall(_W + "abstractNum"):
            aid = _val(ab, "abstractNumId")
            if aid is not None:
                self.abstracts[aid] = _Abstract(_levels(ab), _val(ab.find(_W + "numStyleLink")))
        for num in root.findall(_W + "num"):
            nid = _int(_val(num, "numId"))
            aid = _val(num.find(_W + "abstractNumId"))
            if nid is None or aid is None:
                continue
            starts: dict[int, int] = {}
            levels: dict[int, _Level] = {}
            for ov in num.findall(_W + "lvlOverride"):
                ilvl = _int(_val(ov, "ilvl"))
                if ilvl is None or not 0 <= ilvl < _MAX_LEVELS:
                    continue
                start = _int(_val(ov.find(_W + "startOverride")))
                if start is not None:
                    starts[ilvl] = start
                lvl = ov.find(_W + "lvl")
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
            self.nums[nid] = _Num(aid, starts, levels)

    def abstract_of(self, num_id: int, styles: _Styles) -> str | None:
        """The abstract definition behind a numbering instance, through ``numStyleLink``."""
        num = self.nums.get(num_id)
        if num is None:
            return None
        aid = num.abstract
        for _ in range(4):  # a numbering style points to a num whose abstract has the levels
            ab = self.abstracts.get(aid)
            if ab is None:
                return None
            if ab.num_style_link is None:
                return aid
            linked = styles.num_pr(ab.num_style_link)
            target = self.nums.get(linked[1]) if linked and linked[1] is not None else None
            if target is None:
                return aid
            aid = target.abstract
        return aid

    def level(self, num_id: int, aid: str, ilvl: int) -> _Level | None:
        num = self.nums.get(num_id)
        if num is not None and ilvl in num.level_overrides:
            return num.level_overrides[ilvl]
        ab = self.abstracts.get(aid)
        return ab.levels.get(ilvl) if ab is not None else None

    def level_for_style(self, aid: str, style_id: str) -> int | None:
        ab = self.abstracts.get(aid)
        if ab is None:
            return None
        return next((i for i, lvl in sorted(ab.levels.items()) if lvl.style == style_id), None)


# --- number formats ---------------------------------------------------------------------

_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
_KANJI = "〇一二三四五六七八九"
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa..zzz."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _kanji(n: int) -> str:
    """Japanese counting (一, 十二, 百五, 千二十) up to 9999."""
    if n == 0:
        return "〇"
    out = []
    for unit, mark in ((1000, "千"), (100, "百"), (10, "十")):
        digit, n = divmod(n, unit)
        if digit:
            out.append(("" if digit == 1 else _KANJI[digit]) + mark)
    if n:
        out.append(_KANJI[n])
    return "".join(out)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_number(n: int, fmt: str) -> str:
    """A counter value as Word shows it in number format ``fmt`` (decimal when unknown)."""
    if fmt == "none":
        return ""
    if n >= 1:
        if fmt == "lowerLetter":
            return _letters(n)
        if fmt == "upperLetter":
            return _letters(n).upper()
        if fmt == "lowerRoman" and n < 4000:
            return _roman(n)
        if fmt == "upperRoman" and n < 4000:
            return _roman(n).upper()
        if fmt.startswith("decimalEnclosedCircle") and n <= 20:
            return chr(0x2460 + n - 1)
        if fmt == "ordinal":
            return _ordinal(n)
    if 0 <= n < 10000:
        if fmt in ("japaneseCounting", "chineseCounting", "chineseCountingThousand"):
            return _kanji(n)
        if fmt in ("ideographDigital", "japaneseDigitalTenThousand"):
            return "".join(_KANJI[int(d)] for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_FULL_WIDTH)
    return str(n)


# --- reading the body -------------------------------------------------------------------


@dataclass
class _Block:
    text: str
    kind: str  # "paragraph", "heading", "numbered", "bullet"
    container: int


class _Reader:
    """Walks the body in document order and collects blocks."""

    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.blocks: list[_Block] = []
        self.counters: dict[str, _Counter] = {}
        self.nums_seen: set[tuple[int, int]] = set()
        self.container = 0
        self._containers = 0

    # -- structure ---------------------------------------------------------------------
    def read_body(self, document: ET.Element) -> None:
        body = document.find(_W + "body")
        if body is not None:
            self._walk(body)

    def _walk(self, el: ET.Element) -> None:
        for child in el:
            if child.tag == _W + "p":
                self._paragraph(child)
            elif child.tag in _TABLE_PARTS:
                outer = self.container
                self._new_container()
                self._walk(child)
                self.container = outer
                self._new_container()  # what follows a table or cell does not attach into it
            elif child.tag in _CONTAINERS:
                self._walk(child)

    def _new_container(self) -> None:
        self._containers += 1
        self.container = self._containers

    # -- paragraphs ------------------------------------------------------------------------
    def _paragraph(self, p: ET.Element) -> None:
        ppr = p.find(_W + "pPr")
        style_id = _val(ppr.find(_W + "pStyle")) if ppr is not None else None
        label = self._label(ppr, style_id)
        text = _CONTROL.sub(" ", "".join(_runs_text(p))).strip(_BLANK)
        if not text:
            return
        level = self.styles.heading_level(style_id)
        if level is not None:
            shown = f"{label} {text}" if label and label != "-" else text
            self._add("#" * level + " " + shown, "heading")
        elif label is None:
            self._add(text, "paragraph")
        elif label == "-":
            self._bullet(text)
        else:
            self._add(f"{label} {text}", "numbered")

    def _add(self, text: str, kind: str) -> None:
        self.blocks.append(_Block(text, kind, self.container))

    def _bullet(self, text: str) -> None:
        last = self.blocks[-1] if self.blocks else None
        if (
            last is not None
            and last.container == self.container
            and last.kind != "heading"
            and (last.kind == "bullet" or last.text.endswith(_COLONS))
        ):
            last.text += "\n- " + text
            last.kind = "bullet"
        else:
            self._add("- " + text, "bullet")

    # -- numbering ----------------------------------------------------------------------
    def _label(self, ppr: ET.Element | None, style_id: str | None) -> str | None:
        """The label Word shows for a paragraph: ``1.``, ``(a)``; ``-`` for a bullet; or None.

        Counting happens here, for empty paragraphs too, as Word counts them.
        """
        direct = _num_pr(ppr)
        from_style = self.styles.num_pr(style_id)
        num_id: int | None = None
        ilvl: int | None = None
        if direct is not None:
            num_id, ilvl = direct
        if num_id is None and from_style is not None:
            num_id = from_style[1]
            if ilvl is None:
                ilvl = from_style[2]
        if not num_id:  # absent, or numId 0: numbering removed
            return None
        aid = self.numbering.abstract_of(num_id, self.styles)
        if aid is None:
            return None
        if ilvl is None:
            defining = from_style[0] if from_style is not None else style_id
            found = self.numbering.level_for_style(aid, defining) if defining else None
            ilvl = found if found is not None else 0
        if not 0 <= ilvl < _MAX_LEVELS:
            return None
        level = self.numbering.level(num_id, aid, ilvl)
        if level is None:
            return None
        values = self._count(num_id, aid, ilvl)
        if level.fmt == "bullet":
            return "-"
        if not level.text:
            return None

        def shown(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            ref = self.numbering.level(num_id, aid, k)
            if ref is None:
                return ""
            value = values[k]
            if value is None:
                value = self._start(num_id, k, ref)
            return format_number(value, "decimal" if level.legal else ref.fmt)

        label = _LEVEL_REF.sub(shown, level.text).strip(_BLANK)
        return label or None

    def _start(self, num_id: int, ilvl: int, level: _Level) -> int:
        num = self.numbering.nums.get(num_id)
        if num is not None and ilvl in num.start_overrides:
            return num.start_overrides[ilvl]
        return level.start

    def _count(self, num_id: int, aid: str, ilvl: int) -> list[int | None]:
        """Advance the count of ``aid`` at ``ilvl`` and return the values of all levels."""
        counter = self.counters.setdefault(aid, _Counter())
        values = counter.values
        num = self.numbering.nums.get(num_id)
        if (num_id, ilvl) not in self.nums_seen:
            self.nums_seen.add((num_id, ilvl))
            if num is not None and ilvl in num.start_overrides:
                values[ilvl] = None  # a numbering instance with a start override restarts
        current = values[ilvl]
        if current is None:
            level = self.numbering.level(num_id, aid, ilvl)
            values[ilvl] = self._start(num_id, ilvl, level) if level is not None else 1
        else:
            values[ilvl] = current + 1
        for deeper in range(ilvl + 1, _MAX_LEVELS):
            level = self.numbering.level(num_id, aid, deeper)
            restart = level.restart if level is not None else None
            if restart is None or (restart != 0 and ilvl < restart):
                values[deeper] = None
        return values

    # -- output ---------------------------------------------------------------------------
    def text(self) -> str:
        return "".join(block.text + "\n\n" for block in self.blocks).rstrip("\n") + "\n"


def _runs_text(el: ET.Element) -> Iterable[str]:
    """The text Word shows for the runs inside a paragraph, in order."""
    for child in el:
        tag = child.tag
        if tag == _W + "t":
            yield child.text or ""
        elif tag in (_W + "tab", _W + "ptab", _W + "br", _W + "cr"):
            yield " "
        elif tag == _W + "noBreakHyphen":
            yield "-"
        elif tag in _SKIP_IN_PARAGRAPH or tag == _MC_FALLBACK:
            continue
        elif tag == _W + "r":
            rpr = child.find(_W + "rPr")
            if rpr is not None and _on(rpr.find(_W + "vanish")):
                continue
            yield from _runs_text(child)
        elif tag == _W + "p":  # a paragraph nested where it should not be: read it too
            yield " "
            yield from _runs_text(child)
        else:
            yield from _runs_text(child)
