"""Normalisation keys and tokens, shared by the parser, the aligner and the inline diff.

The original text of a document is never changed by anything here: keys and
tokens are for comparison only.  A key folds what a reader would not call a
change: Unicode width and compatibility forms (NFKC), case, curly quotes, runs
of whitespace, the space PDF extraction leaves between Japanese characters, and
hyphens inside words (``rules-based`` and a line-end ``rules-\\nbased`` that
was rejoined as ``rulesbased`` have the same key).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Scripts written without spaces between words: hiragana, katakana, CJK
# ideographs (with extensions and compatibility forms), the iteration mark 々.
_CJK_LETTERS = (
    "\u3005\u3006\u3007\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\uff66-\uff9f\U00020000-\U0003134f"
)
# CJK letters plus the punctuation that sits between them (CJK symbols, full-width
# punctuation).  Full-width digits and Latin letters are not in it: "aims ５％"
# keeps its space, as "aims 5%" does.
_CJK_ALL = (
    _CJK_LETTERS + "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\uffe0-\uffef"
)

CJK_CHAR = re.compile(f"[{_CJK_ALL}]")
_CJK_CHAR_ANY = CJK_CHAR
_CJK_LETTER = re.compile(f"[{_CJK_LETTERS}]")

# Tokens for similarity, found in a key: a run of letters/digits outside the
# CJK scripts, a number with its decimal or thousands separators, or one CJK
# letter.  Punctuation is not a token.
_KEY_TOKEN = re.compile(rf"\d+(?:[.,]\d+)*|[^\W_{_CJK_LETTERS}]+|[{_CJK_LETTERS}]")

# Tokens for the inline diff, found in original text; together they cover the
# text exactly (the last alternative takes any single character).
_TEXT_TOKEN = re.compile(
    rf"\s+|\d+(?:[.,]\d+)*|[^\W_{_CJK_ALL}]+|.",
    re.DOTALL,
)

_QUOTES = (
    ("\u2018", "'"),
    ("\u2019", "'"),
    ("\u201a", "'"),
    ("\u201b", "'"),
    ("\u2032", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u201e", '"'),
    ("\u201f", '"'),
    ("\u2033", '"'),
)
# A hyphen (ASCII, U+2010, U+2011, soft hyphen) between two word characters.
_INWORD_HYPHEN = re.compile(r"[-\u2010\u2011\u00ad](?<=\w[-\u2010\u2011\u00ad])\s*(?=\w)")
_SOFT_HYPHEN = re.compile("\u00ad")
_SPACES = re.compile(r"[^\S ]\s*| \s+")  # runs of white space, or any but a plain space
_SPACE_BY_CJK = re.compile(f"(?<=[{_CJK_ALL}]) | (?=[{_CJK_ALL}])")


def _unspace_cjk(s: str) -> str:
    return _SPACE_BY_CJK.sub("", s) if " " in s and _CJK_CHAR_ANY.search(s) else s


def key(text: str) -> str:
    """Return the comparison key of ``text`` (never shown to users)."""
    # Spaces next to CJK go first, while full-width forms are still recognisable.
    if "\u00ad" in text:
        text = _SOFT_HYPHEN.sub("", text)
    folded = _unspace_cjk(_SPACES.sub(" ", text))
    folded = unicodedata.normalize("NFKC", folded).casefold()
    for curly, straight in _QUOTES:
        if curly in folded:
            folded = folded.replace(curly, straight)
    if "-" in folded or "\u2010" in folded or "\u2011" in folded:
        folded = _INWORD_HYPHEN.sub("", folded)
    folded = _SPACES.sub(" ", folded).strip()
    return _unspace_cjk(folded)


def tokens(text_key: str) -> list[str]:
    """Similarity tokens of a key: words (Latin, numbers) and single CJK characters."""
    return _KEY_TOKEN.findall(text_key)


def index_terms(toks: Iterable[str]) -> set[str]:
    """Terms for an inverted index: Latin tokens as they are, CJK characters as bigrams."""
    terms: set[str] = set()
    prev_cjk = ""
    for tok in toks:
        if len(tok) == 1 and _CJK_LETTER.match(tok):
            if prev_cjk:
                terms.add(prev_cjk + tok)
            prev_cjk = tok
        else:
            prev_cjk = ""
            terms.add(tok)
    return terms


def text_tokens(text: str) -> list[str]:
    """Split original text into diff tokens that join back to exactly ``text``."""
    return _TEXT_TOKEN.findall(text)


def count_words(text: str) -> int:
    """Words in ``text``: Latin words and numbers, plus one per CJK character."""
    return len(tokens(key(text)))


def is_cjk(char: str) -> bool:
    """True for a character of a script written without spaces (or its punctuation)."""
    return bool(char) and CJK_CHAR.match(char) is not None


def has_cjk(text: str) -> bool:
    """True when ``text`` contains any CJK letter."""
    return _CJK_LETTER.search(text) is not None
