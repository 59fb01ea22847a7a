"""HTML (a saved web page of a declaration) -> text, with the standard library's parser.

Paragraphs come from ``p``, ``li``, ``h1``-``h6``, ``blockquote``, ``dd``/``dt``
and table cells; ``nav``, ``header``, ``footer``, ``aside``, ``form``,
``script``, ``style``, ``noscript``, ``template``, ``svg`` and ``button`` are
left out, as are elements marked ``hidden`` or ``aria-hidden="true"``.
Headings become ``#`` headings; items of an ordered list get their number
(``1.``), items of an unordered list become ``- `` bullets, attached to the
paragraph that introduces them when it ends with a colon.  Character
references are decoded.  Why the standard library: it is always there, it
never fails on broken markup, and on declaration pages (mostly ``p`` and
``li``) a full HTML5 parser changed nothing measurable.

Hostile pages: an ``ol start`` that is not a plain number of at most nine ASCII
digits counts from 1 (``²`` passes ``str.isdigit`` but not ``int``; 5,000 digits
pass neither); a ``<meta charset>`` that names no page encoding (``idna``,
``base64``, ``rot13``, ``utf-16`` in an ASCII-readable page) is ignored; a NUL
character is refused as in text input; and end tags cost the same whatever the
depth of open elements (an end tag of an element not open is ignored in
constant time).
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from html.parser import HTMLParser

from declarediff.errors import DecodeError, FormatError
from declarediff.read import binary_problem, bom_encoding

_SKIP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "iframe",
        "object",
        "head",
        "title",
    ]
)
_BLOCK = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "dd",
        "dt",
        "td",
        "th",
        "tr",
        "table",
        "ul",
        "ol",
        "pre",
        "figure",
        "figcaption",
        "address",
        "body",
    ]
)
_VOID = frozenset(
    [
        "br",
        "hr",
        "img",
        "input",
        "meta",
        "link",
        "area",
        "base",
        "col",
        "embed",
        "source",
        "track",
        "wbr",
    ]
)
_SPACE = re.compile(r"\s+")
# What opens a tag, comment or declaration: after the last ``>`` of a page it cannot end.
_OPENER = re.compile(r"<[A-Za-z/!?]")
# An ``ol start`` honoured: optional spaces and plus sign, then 1-9 ASCII digits.
_START = re.compile(r"\s*\+?([0-9]{1,9})\s*")


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []  # (kind, text): kind p, h1..h6, li, bullet
        self._buf: list[str] = []
        self._kind = "p"
        self._skip_depth = 0
        self._stack: list[str] = []
        self._open: Counter[str] = Counter()  # how many of each tag are on the stack
        self._lists: list[list[int]] = []  # per open list: [is_ordered, counter]

    # -- helpers ---------------------------------------------------------------------
    def _flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self._buf)).strip()
        self._buf = []
        if text:
            self.blocks.append((self._kind, text))
            self._kind = "p"  # (an empty flush keeps the kind: <li><p>text</p></li>)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br" and not self._skip_depth:
                self._buf.append(" ")
            return
        hidden = any(
            (k == "hidden") or (k == "aria-hidden" and (v or "").lower() == "true")
            for k, v in attrs
        )
        self._stack.append(tag)
        self._open[tag] += 1
        if self._skip_depth or tag in _SKIP or hidden:
            self._skip_depth += 1
            return
        if tag in ("ul", "ol"):
            self._flush()
            start = next((v for k, v in attrs if k == "start"), None)
            m = _START.fullmatch(start) if start else None
            first = int(m.group(1)) if m else 1
            self._lists.append([tag == "ol", first - 1])
        elif tag == "li":
            self._flush()
            if self._lists and self._lists[-1][0]:
                self._lists[-1][1] += 1
                self._kind = f"li:{self._lists[-1][1]}"
            else:
                self._kind = "bullet"
        elif tag in _BLOCK:
            self._flush()
            if re.fullmatch(r"h[1-6]", tag):
                self._kind = tag

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not self._open[tag]:
            return
        while self._stack:
            top = self._stack.pop()
            self._open[top] -= 1
            if self._skip_depth:
                self._skip_depth -= 1
                if top == tag:
                    return
                continue
            if top in ("ul", "ol"):
                self._flush()
                if self._lists:
                    self._lists.pop()
            elif top in _BLOCK:
                self._flush()
            if top == tag:
                return

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        """``<![CDATA[...]]>`` and the like; anything else after ``<![`` is a bogus comment
        (to the next ``>``), as in browsers.  (The standard library's parser before Python
        3.13 raises AssertionError on ``<![`` not followed by a known keyword.)"""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i + 3)
            return len(self.rawdata) if end < 0 else end + 1

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._buf.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def to_text(data: bytes, source: str, encoding: str | None = None) -> str:
    """Plain text for :func:`declarediff.parse` from an HTML page's bytes.

    The bytes are decoded by the page's byte-order mark, else with ``encoding`` when it is
    given, else by its ``<meta charset>``, else as UTF-8.  A NUL character is a
    :class:`~declarediff.errors.DecodeError`, as in text input.
    """
    text = _decode(data, encoding)
    nul = text.find("\x00")
    if nul >= 0:
        if bom_encoding(data) is None and encoding is None:
            raise DecodeError(source, binary_problem(data, data.find(b"\x00")))
        raise DecodeError(source, f"looks like a binary file (NUL character at offset {nul})")
    parser = _Extractor()
    try:
        parser.feed(_cut_unterminated_tail(text))
        parser.close()
    except Exception as exc:  # the parser "never fails", but a failure must stay one line
        raise FormatError(source, f"not readable HTML ({type(exc).__name__})") from None
    out: list[str] = []
    for kind, body in parser.blocks:
        if kind.startswith("h"):
            out.append("\n\n" + "#" * int(kind[1]) + " " + body)
        elif kind.startswith("li:"):
            out.append(f"\n\n{kind[3:]}. {body}")
        elif kind == "bullet":
            glue = (
                "\n"
                if out
                and (
                    out[-1].rstrip().endswith((":", "：")) or out[-1].lstrip("\n").startswith("- ")
                )
                else "\n\n"
            )
            out.append(f"{glue}- {body}")
        else:
            out.append("\n\n" + body)
    return "".join(out).strip("\n") + "\n"


def _cut_unterminated_tail(text: str) -> str:
    """``text`` without a tag, comment or declaration that the end of the page cuts off (one
    that opens after the last ``>``), as browsers drop it.  The standard library's parser
    (before Python 3.14) looked for the end of each such opener to the end of the page, so
    20,000 ``</`` took seconds and 80,000 took minutes."""
    opener = _OPENER.search(text, text.rfind(">") + 1)
    return text if opener is None else text[: opener.start()]


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
# Codecs Python knows that no page is written in, or that a <meta> read as ASCII cannot
# truly declare (a UTF-16 or UTF-32 page has a BOM, or its <meta> would not be found): as the
# HTML standard does for these, the page is read as UTF-8.
_NOT_PAGE_ENCODINGS = frozenset(
    ["idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined", "utf-7", "mbcs"]
)


def _page_encoding(name: str) -> str | None:
    """The codec a ``<meta charset>`` names, when it is one to read a page with."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    canonical = info.name.replace("_", "-")
    if not getattr(info, "_is_text_encoding", True) or canonical in _NOT_PAGE_ENCODINGS:
        return None
    if canonical.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return info.name


def _decode(data: bytes, encoding: str | None = None) -> str:
    """Bytes of an HTML page as text: BOM, then ``encoding``, then <meta charset>, then UTF-8
    (replacing errors)."""
    bom = bom_encoding(data)
    if bom is not None:
        return data.decode(bom, "replace").lstrip("\ufeff")
    codec = encoding
    if codec is None:
        m = _META_CHARSET.search(data[:4096])
        codec = _page_encoding(m.group(1).decode("ascii")) if m else None
    if codec is not None:
        try:
            return data.decode(codec, "replace")
        except (LookupError, UnicodeError):
            pass
    return data.decode("utf-8", "replace")
