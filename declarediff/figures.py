"""Typed figures (percent, money, year, count) in English and Japanese, paired across versions.

Extraction runs on NFKC text, so ``５％`` reads as ``5%``.  Identifiers that look
like numbers are not figures: ``Article 5``, ``UNSCR 2231``, ``G7``,
``COVID-19``, ``the 2030 Agenda``, ``paragraph 12``, days of a date.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence

import attrs

from declarediff.model import Figure
from declarediff.text import STOPWORDS, has_cjk

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDNUM = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|a hundred|a thousand|a million|a billion|dozens|hundreds|thousands"
    r"|millions|billions"
)
_SCALE = r"million|billion|trillion|bn|mn|tn|m"
_CURRENCY_WORDS = r"dollars?|euros?|yen|pounds?|usd|eur|jpy|gbp|us dollars"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "percent",
        re.compile(rf"(?<![A-Za-z0-9_.])(?:{_NUM})\s*(?:%|per ?cent\b|percent\b|パーセント)", re.I),
    ),
    (
        "money",
        re.compile(
            rf"(?:(?:us\s?|usd\s?|eur\s?|gbp\s?|jpy\s?)?[$€£¥]|\b(?:usd|eur|gbp|jpy)\s?)\s?(?:{_NUM})"
            rf"(?:\s?(?:{_SCALE})\b)?"
            rf"|(?<![A-Za-z0-9_.])(?:{_NUM})(?:\s?(?:{_SCALE}))?\s(?:{_CURRENCY_WORDS})\b"
            rf"|(?<![A-Za-z0-9_.])(?:{_NUM})(?:万|億|兆)*(?:ドル|円|ユーロ|ポンド)",
            re.I,
        ),
    ),
    ("year", re.compile(r"(?<![A-Za-z0-9_.,$€£¥-])(?:19|20)\d{2}(?![\d%])(?:年(?:度)?)?")),
    (
        "count",
        re.compile(
            rf"(?<![A-Za-z0-9_.,$€£¥-])(?:(?:{_NUM})|(?:{_WORDNUM}))(?:\s(?:{_SCALE}))?"
            rf"\s(?!(?:per ?cent|percent|{_CURRENCY_WORDS}|{_SCALE})\b)[a-z][a-z-]+"
            rf"|(?<![A-Za-z0-9_.,])(?:{_NUM})(?:万|億|兆)*(?:人|か国|ヶ国|カ国|国|隻|機|名)",
            re.I,
        ),
    ),
)

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# Words before a number that make it an identifier rather than a figure.
_ID_BEFORE = re.compile(
    r"(?:article|art\.|articles|resolution|resolutions|unscr|scr|paragraph|paragraphs|para\.|"
    r"section|chapter|annex|no\.|number|pillar|phase|tier|level|round|stage|goal|sdg|cop|"
    r"agenda|第|条)\s*$",
    re.I,
)
_ID_AFTER = re.compile(rf"^\s*(?:agenda\b|{_MONTHS}\b|条|項|月|日)", re.I)
_DAY_BEFORE = re.compile(rf"(?:{_MONTHS})\s+$", re.I)
# Nouns that follow a number without making a count of anything.
_NOT_COUNTED = frozenset(
    [
        "years",
        "year",
        "months",
        "month",
        "days",
        "day",
        "weeks",
        "week",
        "hours",
        "times",
        "per",
        "of",
        "and",
        "or",
        "to",
        "the",
        "a",
        "an",
        "agenda",
    ]
)


@attrs.frozen
class _Found:
    type: str
    text: str
    start: int
    end: int


def _spans(text: str) -> Iterator[_Found]:
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            a, b = m.span()
            if any(a < y and x < b for x, y in taken):
                continue
            value = m.group(0)
            if kind in ("year", "count"):
                before, after = text[max(0, a - 16) : a], text[b : b + 12]
                if _ID_BEFORE.search(before) or _ID_AFTER.match(after):
                    continue
                if kind == "count":
                    noun = value.split()[-1].lower() if " " in value else ""
                    if noun in _NOT_COUNTED or noun in STOPWORDS or _DAY_BEFORE.search(before):
                        continue
                    if re.match(rf"^\d{{1,2}}\s(?:{_MONTHS})\b", value, re.I):
                        continue
            if kind == "year" and _DAY_BEFORE.search(text[max(0, a - 16) : a]) is None:
                prev = text[max(0, a - 1) : a]
                if prev.isalpha() and prev.isascii():
                    continue
            taken.append((a, b))
            yield _Found(kind, value, a, b)


def extract(text: str, paragraph: int = -1, sentence: int = -1) -> tuple[Figure, ...]:
    """The figures in ``text`` (one paragraph's text or one sentence), in order.

    Offsets refer to ``text``; the printed form is the original text when NFKC
    keeps the length (full-width digits), else the NFKC form.
    """
    norm = unicodedata.normalize("NFKC", text)
    same = len(norm) == len(text)
    found = sorted(_spans(norm), key=lambda f: f.start)
    return tuple(
        Figure(
            type=f.type,
            text=text[f.start : f.end] if same else f.text,
            value=_value(f.text),
            start=f.start if same else -1,
            end=f.end if same else -1,
            paragraph=paragraph,
            sentence=sentence,
            context=_context(norm, f.start, f.end),
        )
        for f in found
    )


_WORD = re.compile(r"[^\W\d_]+")


_CJK_RUN = re.compile(r"[A-Za-z]+|[\u30a0-\u30ff]+|[\u3400-\u9fff]{2,}")


def _context(text: str, start: int, end: int) -> str:
    """Words that say what a figure measures, folded.

    English: up to three words after it (``of gdp annually``), else before it.
    Japanese, which puts the measure first: the last run of kanji, katakana or
    Latin letters in the eight characters before it (ＧＤＰの５％ -> ``gdp``),
    else the first after it.
    """
    if has_cjk(text[max(0, start - 8) : end + 8]):
        before: list[str] = _CJK_RUN.findall(text[max(0, start - 8) : start])
        if before:
            return before[-1].lower()
        after: list[str] = _CJK_RUN.findall(text[end : end + 12])
        return after[0].lower() if after else ""
    after = [w.lower() for w in _WORD.findall(text[end : end + 60])][:3]
    if after:
        return " ".join(after)
    return " ".join(w.lower() for w in _WORD.findall(text[max(0, start - 60) : start])[-3:])


_NUMBER_IN = re.compile(r"\d[\d,]*(?:\.\d+)?")
_SCALES = {
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "万": 1e4,
    "億": 1e8,
    "兆": 1e12,
}


_WORD_VALUES = {
    w: v
    for v, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "a": 1,
}


def _value(text: str) -> float | None:
    """The number a figure states, with its scale (``$600 billion`` -> 6e11)."""
    m = _NUMBER_IN.search(text)
    if m is None:
        first = text.split(maxsplit=1)[0].lower() if text.split() else ""
        if first not in _WORD_VALUES:
            return None
        value = float(_WORD_VALUES[first])
        rest = text[len(first) :].lower()
    else:
        value = float(m.group(0).replace(",", ""))
        rest = text[m.end() :].lower()
    for word, factor in _SCALES.items():
        if re.match(rf"\s?{word}(?:\b|(?=[^\x00-\x7f]))", rest):
            value *= factor
            break
    return value


def _same(a: Figure, b: Figure) -> bool:
    return unicodedata.normalize("NFKC", a.text).casefold() == unicodedata.normalize(
        "NFKC", b.text
    ).casefold() or (a.value is not None and a.value == b.value and a.type == b.type)


def match(
    old: Sequence[Figure], new: Sequence[Figure]
) -> list[tuple[Figure | None, Figure | None]]:
    """Pair the figures of two versions of a sentence: by type and context, then by type in order.

    Unpaired figures come back with ``None`` on the other side.
    """
    pairs: list[tuple[Figure | None, Figure | None]] = []
    left = list(old)
    right = list(new)
    for rule in ("same", "context", "order"):
        for a in list(left):
            for b in right:
                if a.type != b.type:
                    continue
                if (
                    (rule == "same" and _same(a, b))
                    or (rule == "context" and a.context and a.context == b.context)
                    or rule == "order"
                ):
                    pairs.append((a, b))
                    left.remove(a)
                    right.remove(b)
                    break
    pairs.extend((a, None) for a in left)
    pairs.extend((None, b) for b in right)
    return pairs
