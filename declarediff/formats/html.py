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
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

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


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []  # (kind, text): kind p, h1..h6, li, bullet
        self._buf: list[str] = []
        self._kind = "p"
        self._skip_depth = 0
        self._stack: list[str] = []
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
        if self._skip_depth or tag in _SKIP or hidden:
            self._skip_depth += 1
            return
        if tag in ("ul", "ol"):
            self._flush()
            start = next((v for k, v in attrs if k == "start"), None)
            first = int(start) if start and start.isdigit() else 1
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
        if tag in _VOID or tag not in self._stack:
            return
        while self._stack:
            top = self._stack.pop()
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

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._buf.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def to_text(data: bytes, source: str, encoding: str | None = None) -> str:
    """Plain text for :func:`declarediff.parse` from an HTML page's bytes.

    The bytes are decoded with ``encoding`` when it is given, else by the page's
    byte-order mark or ``<meta charset>``, else as UTF-8.
    """
    text = data.decode(encoding, "replace") if encoding else _decode(data)
    parser = _Extractor()
    parser.feed(text)
    parser.close()
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
    del source
    return "".join(out).strip("\n") + "\n"


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


def _decode(data: bytes) -> str:
    """Bytes of an HTML page as text: BOM, then <meta charset>, then UTF-8 (replacing errors)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    m = _META_CHARSET.search(data[:4096])
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"), "replace")
        except LookupError:
            pass
    return data.decode("utf-8", "replace")
