"""Watched phrases: how often each occurs in a document, whatever its case, width or hyphens.

``rules-based`` matches ``rules based`` and ``Rules-Based``; ``ＮＡＴＯ`` matches
``NATO``; a Japanese phrase matches across the spaces PDF extraction leaves.
"""

from __future__ import annotations

import re
import unicodedata

from declarediff import text as _text
from declarediff.model import Document

# Letters and digits of scripts written with spaces (after NFKC and case folding).
_LATIN = "0-9a-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff"
_JOINERS = re.compile(r"[\s\-\u2010\u2011\u2012\u2013_]+")


def fold(text: str) -> str:
    """A phrase or text folded for matching: NFKC, case, one space for hyphens and blanks."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = _JOINERS.sub(" ", folded).strip()
    return re.sub(
        f"(?<=[{_text.CJK_CHAR.pattern[1:-1]}]) | (?=[{_text.CJK_CHAR.pattern[1:-1]}])", "", folded
    )


def _pattern(phrase: str) -> re.Pattern[str]:
    folded = fold(phrase)
    body = re.escape(folded).replace(r"\ ", " ")
    # A Latin phrase stands on its own between Latin letters and digits, but may touch
    # Japanese: "ＮＡＴＯの" holds "NATO", "NATOs" does not.
    start = rf"(?<![{_LATIN}])" if folded[:1].isalnum() and not _text.is_cjk(folded[:1]) else ""
    end = rf"(?![{_LATIN}])" if folded[-1:].isalnum() and not _text.is_cjk(folded[-1:]) else ""
    return re.compile(start + body + end)


def count(phrase: str, doc: Document) -> int:
    """Occurrences of ``phrase`` in ``doc`` (headings and paragraphs, not labels)."""
    if not fold(phrase):
        return 0
    pattern = _pattern(phrase)
    return sum(len(pattern.findall(fold(p.text))) for p in doc.paragraphs)


def first_paragraph(phrase: str, doc: Document) -> int | None:
    """The index of the first paragraph where ``phrase`` occurs, if any."""
    pattern = _pattern(phrase)
    for p in doc.paragraphs:
        if pattern.search(fold(p.text)):
            return p.index
    return None
