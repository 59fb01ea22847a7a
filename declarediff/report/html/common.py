"""What every part of the HTML report uses: the comparison with its lookups, and escaping.

:class:`Report` holds the comparison, the id prefix and the options, and answers which row
holds a paragraph, which findings touch it and which of its sentences are marked commitments;
it makes the ids and the links between the parts of the page.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Sequence

from declarediff.model import Commitment, Comparison, Document, Finding, Paragraph
from declarediff.report.safe import visible
from declarediff.report.style import RenderOptions
from declarediff.rules import RANK
from declarediff.text import has_cjk

_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")

KIND_WORD = {
    "equal": "unchanged",
    "modified": "modified",
    "moved": "moved",
    "split": "split",
    "merged": "merged",
    "inserted": "inserted",
    "deleted": "deleted",
}
_MARKED = ("dropped", "weakened", "strengthened", "added")


def esc(text: str) -> str:
    """Escape text for element content and attribute values; control characters (invalid
    in HTML) and bidi controls (which could reorder what a reader sees) are first shown as
    the text reports show them (``^[``, ``<U+202E>``)."""
    return html.escape(visible(text), quote=True)


def lang_of(doc: Document) -> str | None:
    """``ja`` for Japanese (kana), ``zh`` for other CJK text, else None (the page's ``en``)."""
    sample = "".join(p.text for p in doc.paragraphs[:200])
    if _KANA.search(sample):
        return "ja"
    return "zh" if has_cjk(sample) else None


def plural(n: int, word: str) -> str:
    return f"{n:,} {word if n == 1 else word + 's'}"


def lines(p: Paragraph) -> str:
    return f"line {p.line}" if p.end_line <= p.line else f"lines {p.line}–{p.end_line}"


def snippet(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def worst(findings: Sequence[Finding]) -> str:
    return min((f.severity for f in findings), key=lambda s: RANK.get(s, 9))


class Report:
    """A comparison with its lookups (which row holds which paragraph) and an id prefix."""

    def __init__(self, c: Comparison, prefix: str, options: RenderOptions) -> None:
        self.c = c
        self.p = prefix
        self.options = options
        self.lang = {"o": lang_of(c.old), "n": lang_of(c.new)}
        self.row_of: dict[str, dict[int, int]] = {"o": {}, "n": {}}
        for k, pair in enumerate(c.pairs):
            for i in pair.old:
                self.row_of["o"][i] = k
            for j in pair.new:
                self.row_of["n"][j] = k
        self.flags: dict[int, list[Finding]] = defaultdict(list)
        self.para_flags: dict[str, dict[int, list[Finding]]] = {"o": {}, "n": {}}
        for f in c.findings:
            rows = set()
            for side, loc in (("o", f.old), ("n", f.new)):
                if loc is not None and loc.paragraph in self.row_of[side]:
                    rows.add(self.row_of[side][loc.paragraph])
                    self.para_flags[side].setdefault(loc.paragraph, []).append(f)
            for k in sorted(rows):
                self.flags[k].append(f)
        # Commitment sentences to mark in the text: (side, paragraph) -> sentence -> commitment.
        self.marks: dict[tuple[str, int], dict[int, Commitment]] = defaultdict(dict)
        for cm in c.commitments:
            if cm.status not in _MARKED:
                continue
            for side, clause, doc in (("o", cm.old, c.old), ("n", cm.new, c.new)):
                if clause is None or not 0 <= clause.paragraph < len(doc.paragraphs):
                    continue
                if 0 <= clause.sentence < len(doc.paragraphs[clause.paragraph].sentences):
                    self.marks[(side, clause.paragraph)].setdefault(clause.sentence, cm)

    # ids: rows r<k>, paragraphs o<i>/n<j>, sentences o<i>s<s>, moved-from anchors g<k>
    def rid(self, k: int) -> str:
        return f"{self.p}r{k}"

    def pid(self, side: str, i: int) -> str:
        return f"{self.p}{side}{i}"

    def target(self, side: str, i: int, sentence: int | None = None) -> str:
        """The anchor for a paragraph (or one of its marked sentences)."""
        if sentence is not None and sentence in self.marks.get((side, i), {}):
            return f"{self.p}{side}{i}s{sentence}"
        return self.pid(side, i)

    def doc(self, side: str) -> Document:
        return self.c.old if side == "o" else self.c.new

    def where(self, side: str, i: int, line: int | None = None) -> str:
        """``old ¶3 [2.] line 5``: position (1-based), label, line (escaped)."""
        p = self.doc(side).paragraphs[i]
        label = f" [{esc(p.label)}]" if p.label else ""
        at = f"line {line}" if line is not None else lines(p)
        return f"{'old ' if side == 'o' else ''}¶{i + 1}{label} {at}"

    def lang_attr(self, side: str) -> str:
        lang = self.lang[side]
        return f' lang="{lang}"' if lang else ""

    def link(
        self,
        side: str,
        i: int | None,
        line: int | None = None,
        sentence: int | None = None,
        cls: str = "dd-where",
    ) -> str:
        if i is None or not 0 <= i < len(self.doc(side).paragraphs):
            return ""
        href = self.target(side, i, sentence)
        return f'<a class="{cls}" href="#{href}">{self.where(side, i, line)}</a>'
