"""Normalisation keys and tokens, shared by the parser, the aligner and the inline diff.

The original text of a document is never changed by anything here: keys and
tokens are for comparison only.  A key folds what a reader would not call a
change: Unicode width and compatibility forms (NFKC), case, curly quotes, runs
of whitespace, the space PDF extraction leaves between Japanese characters, and
hyphens inside words (``rules-based`` and a line-end ``rules-\\nbased`` that
was rejoined as ``rulesbased`` have the same key).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator

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
# Runs of white space, or any but a plain space: ``[^\S ]\s*| \s+``, written to open on
# ``\s`` so that the regex engine skips quickly to white space.
_SPACES = re.compile(r"\s(?:(?<! )|(?=\s))\s*")
_SPACE_BY_CJK = re.compile(f"(?<=[{_CJK_ALL}]) | (?=[{_CJK_ALL}])")


def _unspace_cjk(s: str) -> str:
    return _SPACE_BY_CJK.sub("", s) if " " in s and _CJK_CHAR_ANY.search(s) else s


@functools.lru_cache(maxsize=1 << 16)
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


def text_token_matches(text: str, pos: int = 0) -> Iterator[re.Match[str]]:
    """Each of :func:`text_tokens` of ``text[pos:]`` as a match in ``text``, one at a time
    (no list of the tokens is built)."""
    return _TEXT_TOKEN.finditer(text, pos)


# Characters outside Latin-1 and its spacing modifiers: they may be wide (CJK, full-width
# forms) or take no column (combining marks, zero-width characters).
_MAYBE_NOT_ONE = re.compile("[^\x00-\u02ff]")


@functools.lru_cache(maxsize=1 << 12)
def _char_width(ch: str) -> int:
    if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\ufeff":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Terminal columns of ``text``: 2 for wide and full-width characters, 0 for combining
    marks and zero-width characters, 1 for the rest."""
    if text.isascii():
        return len(text)
    return len(text) + sum(_char_width(ch) - 1 for ch in _MAYBE_NOT_ONE.findall(text))


def count_words(text: str) -> int:
    """Words in ``text``: Latin words and numbers, plus one per CJK character."""
    return len(tokens(key(text)))


def is_cjk(char: str) -> bool:
    """True for a character of a script written without spaces (or its punctuation)."""
    return bool(char) and CJK_CHAR.match(char) is not None


def has_cjk(text: str) -> bool:
    """True when ``text`` contains any CJK letter."""
    return _CJK_LETTER.search(text) is not None


def fold(text: str) -> str:
    """Text folded for pattern matching: NFKC, case, straight quotes, single spaces.

    Unlike :func:`key`, hyphens are kept, so rules can tell ``rules-based``
    from ``rules based`` apart when they need to.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    for curly, straight in _QUOTES:
        if curly in folded:
            folded = folded.replace(curly, straight)
    return _SPACES.sub(" ", folded).strip()


# English function words: they carry no content for coverage and similarity of clauses.
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "across",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "among",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "shall",
        "may",
        "might",
        "must",
        "us",
        "including",
        "well",
        "within",
        "without",
        "upon",
        "per",
        "via",
        "whether",
        "whose",
    ]
)
_SUFFIXES = ("ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly")
_DOUBLED = re.compile(r"([b-df-hj-np-tv-z])\1$")


@functools.lru_cache(maxsize=1 << 15)
def stem(word: str) -> str:
    """A light English stem: ``investing``, ``invested``, ``investment`` -> ``invest``;
    ``resolve``, ``resolved`` -> ``resolv``; ``committed`` -> ``commit``.
    """
    if len(word) <= 3 or not word.isalpha() or not word.isascii():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                word += "y"
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return _DOUBLED.sub(r"\1", word)


def content_terms(text_key: str) -> list[str]:
    """Content terms of a key, in order: stemmed English words that are not function words,
    numbers, and for Japanese the bigrams of each run of kanji or katakana (a run of one
    character is a term itself); hiragana, which carries inflections and particles, is left out.
    """
    return list(_content_terms(text_key))


@functools.lru_cache(maxsize=1 << 16)
def _content_terms(text_key: str) -> tuple[str, ...]:
    """:func:`content_terms`, computed once per key (sentences repeat across editions)."""
    if _CJK_LETTER.search(text_key) is None:  # no runs to make bigrams of
        return tuple(stem(t) for t in _KEY_TOKEN.findall(text_key) if t not in STOPWORDS)
    return _mixed_terms(text_key)


def _mixed_terms(text_key: str) -> tuple[str, ...]:
    """:func:`content_terms` of a key in any script (Latin words, CJK bigrams)."""
    terms: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) == 1:
            terms.append(run[0])
        terms.extend(a + b for a, b in itertools.pairwise(run))
        run.clear()

    end = 0
    for m in _KEY_TOKEN.finditer(text_key):
        tok = m.group(0)
        if run and m.start() > end:
            flush()  # punctuation or a space ends a run: "現在、同盟国" has no "在同"
        end = m.end()
        if len(tok) == 1 and _CJK_LETTER.match(tok):
            if _HIRAGANA.match(tok):
                if run:
                    flush()
            else:
                run.append(tok)
            continue
        if run:
            flush()
        if tok not in STOPWORDS:
            terms.append(stem(tok))
    flush()
    return tuple(terms)


_HIRAGANA = re.compile("[\u3040-\u309f]")
