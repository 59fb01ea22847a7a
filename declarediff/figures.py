"""Typed figures (percent, money, year, count) in English and Japanese, paired across versions.

Extraction runs on NFKC text, so ``５％`` reads as ``5%``.  Identifiers that look
like numbers are not figures: ``Article 5``, ``UNSCR 2231``, ``G7``,
``COVID-19``, ``the 2030 Agenda``, ``paragraph 12``, days of a date.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from declarediff import carry as _carry
from declarediff.model import Document, Figure, FigureChange
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
            rf"(?<![A-Za-z0-9_.,$€£¥-])(?:(?:{_NUM})(?:\s(?:{_SCALE}))?|(?:{_WORDNUM})\s(?:{_SCALE}))"
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


class _Found:
    """The figure spans of one NFKC text in order of their starts, held as columns: each
    distinct printed form is one string and the offsets are machine words, so that a text
    of a hundred thousand figures (a hostile one, or a flattened table) holds no object per
    figure while it is cached."""

    __slots__ = ("ends", "starts", "texts", "types")

    def __init__(
        self, types: list[str], texts: list[str], starts: array[int], ends: array[int]
    ) -> None:
        order = sorted(range(len(starts)), key=starts.__getitem__)
        self.types = tuple(types[k] for k in order)
        self.texts = tuple(texts[k] for k in order)
        self.starts = array("q", (starts[k] for k in order))
        self.ends = array("q", (ends[k] for k in order))

    def __len__(self) -> int:
        return len(self.types)

    def rows(self) -> Iterator[tuple[str, str, int, int]]:
        """(type, printed form, start, end) of each figure, in order."""
        return zip(self.types, self.texts, self.starts, self.ends, strict=True)


# What a text must contain for each pattern to match it (each test is implied by the
# pattern; it only spares running the pattern over a text it cannot match).
_MONEY_SIGNS = (
    "$", "€", "£", "¥", "usd", "eur", "gbp", "jpy", "dollar", "yen", "pound",
    "ドル", "円", "ユーロ", "ポンド",
)  # fmt: skip
_YEAR_DIGITS = re.compile(r"19\d\d|20\d\d")
_DIGIT_THEN = re.compile(r"\d[\s万億兆人か国ヶカ隻機名]")
_SCALE_WORD = re.compile(rf"\s(?:{_SCALE})\s", re.I)
# Letters that IGNORECASE matching equates with "i" and "s" but str.lower() leaves alone:
# where one occurs, the case-insensitive tests below fall back on a regex.
_ODD_CASE = ("ı", "İ", "ſ")
_PER = re.compile(r"%|パーセント|per", re.I)
_MONEY_SIGN = re.compile("|".join(re.escape(m) for m in _MONEY_SIGNS), re.I)


def _may_hold(text: str) -> tuple[bool, bool, bool, bool]:
    """Whether ``text`` may hold a percentage, an amount of money, a year, a count."""
    if any(c in text for c in _ODD_CASE):
        percent = _PER.search(text) is not None
        money = _MONEY_SIGN.search(text) is not None
    else:
        lower = text.lower()
        percent = "%" in text or "パーセント" in text or "per" in lower
        money = any(m in lower for m in _MONEY_SIGNS)
    return (
        percent,
        money,
        _YEAR_DIGITS.search(text) is not None,
        _DIGIT_THEN.search(text) is not None or _SCALE_WORD.search(text) is not None,
    )


def _overlaps(starts: list[int], ends: list[int], a: int, b: int) -> bool:
    """Whether ``[a, b)`` overlaps one of the disjoint spans ``starts``/``ends`` (sorted)."""
    k = bisect.bisect_left(starts, b) - 1
    return k >= 0 and ends[k] > a


def _spans(text: str) -> _Found:
    # The spans taken by earlier patterns: disjoint, so sorted by start they are sorted by
    # end too, and only the last one starting before a match's end can overlap it (a
    # bisection, not a test against every figure found so far).
    starts: list[int] = []
    ends: list[int] = []
    found_types: list[str] = []
    found_texts: list[str] = []
    found_starts = array("q")
    found_ends = array("q")
    forms: dict[str, str] = {}  # one string per printed form
    for (kind, pattern), may in zip(_PATTERNS, _may_hold(text), strict=True):
        if not may:
            continue
        mine: list[tuple[int, int]] = []  # one pattern's matches never overlap each other
        for m in pattern.finditer(text):
            a, b = m.span()
            if _overlaps(starts, ends, a, b):
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
            mine.append((a, b))
            found_types.append(kind)
            found_texts.append(forms.setdefault(value, value))
            found_starts.append(a)
            found_ends.append(b)
        if mine:
            merged = sorted([*zip(starts, ends, strict=True), *mine])
            starts = [x for x, _y in merged]
            ends = [y for _x, y in merged]
    return _Found(found_types, found_texts, found_starts, found_ends)


# Every figure pattern needs a digit, or a number word and a scale ("five billion people").
_MAY_HOLD_FIGURE = re.compile(r"\d|\b(?:million|billion|trillion|bn|mn|tn|m)\b", re.I)


@functools.lru_cache(maxsize=1 << 16)
def _found(norm: str) -> _Found:
    """The figure spans of an NFKC text, in order (computed once per text)."""
    if _MAY_HOLD_FIGURE.search(norm) is None:
        return _NONE
    return _spans(norm)


_NONE = _Found([], [], array("q"), array("q"))


def types_in(text: str) -> tuple[str, ...]:
    """The types of the figures in ``text``, in order (:func:`extract` without building
    the figures)."""
    return _found(unicodedata.normalize("NFKC", text)).types


def extract(text: str, paragraph: int = -1, sentence: int = -1) -> tuple[Figure, ...]:
    """The figures in ``text`` (one paragraph's text or one sentence), in order.

    Offsets refer to ``text``; the printed form is the original text when NFKC
    keeps the length (full-width digits), else the NFKC form.
    """
    norm = unicodedata.normalize("NFKC", text)
    same = len(norm) == len(text)
    found = _found(norm)
    if not found:
        return ()
    # Repeated printed forms, values and contexts share one object each.
    shared: dict[str, str] = {}
    values: dict[str, float | None] = {}
    figures = []
    for kind, form, start, end in found.rows():
        printed = text[start:end] if same else form
        if form not in values:
            values[form] = _value(form)
        context = _context(norm, start, end)
        figures.append(
            Figure(
                type=kind,
                text=shared.setdefault(printed, printed),
                value=values[form],
                start=start if same else -1,
                end=end if same else -1,
                paragraph=paragraph,
                sentence=sentence,
                context=shared.setdefault(context, context),
            )
        )
    return tuple(figures)


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
    m = _SCALE_AFTER.match(rest)
    if m is not None:
        value *= _SCALES[m.group(1)]
    return value


# The first scale word of _SCALES (in its order) after a number: one pattern, not one per word.
_SCALE_AFTER = re.compile(rf"\s?({'|'.join(_SCALES)})(?:\b|(?=[^\x00-\x7f]))")


def _same(a: Figure, b: Figure) -> bool:
    return unicodedata.normalize("NFKC", a.text).casefold() == unicodedata.normalize(
        "NFKC", b.text
    ).casefold() or (a.value is not None and a.value == b.value and a.type == b.type)


# -- figures across two versions -----------------------------------------------------

_DEADLINE = re.compile(
    r"\b(?:by|before|until|till|through|no later than|between|end of|target(?:ed)? for)\s+"
    r"(?:the\s+)?(?:end of\s+)?$|まで|までに",
    re.I,
)
_WINDOW_WORD = re.compile(r"[^\W\d_]{3,}")
_WINDOW_STOP = _carry.wordlist(
    """
    the and for with from that this these those their our its into over under least than more
    including about nearly almost some such
    """
)


class _Sent(_carry.Clause, Protocol):
    """A sentence with its place (the detector's sentences satisfy it)."""

    @property
    def paragraph(self) -> int: ...

    @property
    def sentence(self) -> int: ...


def _window(text: str, f: Figure, figures: Sequence[Figure]) -> frozenset[str]:
    """The words after a figure, up to the next figure or the end of its clause, folded:
    what it measures ("79 million ... vaccine doses to countries in the Indo-Pacific")."""
    return _windows(text, figures)[id(f)]


def _windows(text: str, figures: Sequence[Figure]) -> dict[int, frozenset[str]]:
    """:func:`_window` of each figure of ``text`` (by ``id``): the text is normalised once
    and the next figure found by bisection, so the cost is linear in the figures."""
    norm = unicodedata.normalize("NFKC", text)
    starts = sorted(g.start for g in figures)
    first: dict[str, int] = {}
    out: dict[int, frozenset[str]] = {}
    for f in figures:
        if f.end >= 0:
            start = f.end
        else:
            if f.text not in first:
                first[f.text] = norm.find(f.text)
            start = first[f.text] + len(f.text)
        k = bisect.bisect_right(starts, start)
        stop = starts[k] if k < len(starts) else len(norm)
        out[id(f)] = _window_words(norm, f, start, stop)
    return out


def _window_words(norm: str, f: Figure, start: int, stop: int) -> frozenset[str]:
    for ch in ";:。":
        k = norm.find(ch, start, stop)
        if k >= 0:
            stop = k
    found = itertools.islice(_WINDOW_WORD.finditer(norm, start, stop), 10)
    words = {w.group(0).lower() for w in found}
    if f.context:
        words |= set(f.context.split())
    return frozenset(w for w in words if w not in _WINDOW_STOP)


def _deadline(text: str, f: Figure) -> bool:
    """A year that is a deadline or a period ("by 2030", "2021-2024"), not a date of record."""
    norm = unicodedata.normalize("NFKC", text)
    start = f.start if f.start >= 0 else norm.find(f.text)
    return _DEADLINE.search(norm[max(0, start - 16) : start]) is not None


# The most figures a sentence may hold for :func:`pair_figures` to pair them.
MAX_PAIRED = 200


def pair_figures(
    old_text: str,
    old: Sequence[Figure],
    new_text: str,
    new: Sequence[Figure],
) -> list[tuple[Figure, Figure]]:
    """Figures of two carried sentences that measure the same thing, paired.

    Two figures pair when they have the same type and share a word of what they
    measure (the words after them: "$219 million to support last-mile rollouts"
    and "2 billion USD has been provided" do not).  A year pairs only with a
    year and only when both are deadlines or periods ("by 2030" -> "by 2035"),
    never a year of record.

    Sentences with more than :data:`MAX_PAIRED` figures pair none: the pairing compares
    every figure with every other (quadratic), and what a figure measures cannot be told
    in a run of hundreds of them.  Ordinary sentences hold a handful.
    """
    out: list[tuple[Figure, Figure]] = []
    if len(old) > MAX_PAIRED or len(new) > MAX_PAIRED:
        return out
    used: set[int] = set()
    wo = _windows(old_text, old)
    wn = _windows(new_text, new)
    for a in old:
        same_type = [(k, b) for k, b in enumerate(new) if b.type == a.type and k not in used]
        if not same_type:
            continue
        if a.type == "year" and not _deadline(old_text, a):
            continue
        scored = sorted(
            ((len(wo[id(a)] & wn[id(b)]), -k, k, b) for k, b in same_type), reverse=True
        )
        overlap, _neg, k, b = scored[0]
        # A deadline pairs with a deadline; an amount only with an amount of the same thing.
        if overlap == 0 and a.type != "year":
            continue
        if b.type == "year" and not _deadline(new_text, b):
            continue
        used.add(k)
        out.append((a, b))
    return out


class _Quantities:
    """Figures, to ask whether one states the same quantity as any of them
    (:func:`same_quantity`) in constant time rather than by comparing it with each."""

    def __init__(self, figures: Iterable[Figure]) -> None:
        self.texts: set[str] = set()
        self.values: set[tuple[str, float]] = set()
        for f in figures:
            self.texts.add(_folded(f.text))
            if f.value is not None:
                self.values.add((f.type, f.value))

    def __contains__(self, f: Figure) -> bool:
        return _folded(f.text) in self.texts or (
            f.value is not None and (f.type, f.value) in self.values
        )


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


_NEWLINE = re.compile("\n")


def same_quantity(a: Figure, b: Figure) -> bool:
    """Whether two figures state the same quantity ("$600 billion" = "USD 600 billion")."""
    return _same(a, b)


class _FiguresOf(dict[int, tuple[Figure, ...]]):
    """The figures of each sentence by its id, holding only sentences that have figures: a
    sentence without any is looked up as ``()``."""

    def __init__(self, sentences: Iterable[_Sent]) -> None:
        super().__init__()
        for s in sentences:
            found = extract(s.text, s.paragraph, s.sentence)
            if found:
                self[s.id] = found

    def __missing__(self, key: int) -> tuple[Figure, ...]:
        return ()


def changes(
    old: Document,
    new: Document,
    old_sentences: Sequence[_Sent],
    new_sentences: Sequence[_Sent],
    in_new: _carry.Carrier,
    in_old: _carry.Carrier,
) -> tuple[tuple[FigureChange, bool], ...]:
    """Every figure that changed, appeared or disappeared, with whether its sentence survived.

    Each sentence with figures is matched with the sentence of the other
    version that carries it (``in_new``/``in_old``, see :mod:`declarediff.carry`);
    only figures of carried sentences that measure the same thing are compared
    (:func:`pair_figures`), as parsed quantities.  Figures of sentences that
    nothing carries are reported as removed or added, never paired across
    unrelated sentences.
    """
    # The figures of each sentence that has any (most have none).
    fo = _FiguresOf(old_sentences)
    fn = _FiguresOf(new_sentences)
    paired_new: set[tuple[int, int]] = set()
    out: list[tuple[FigureChange, bool]] = []
    breaks: dict[tuple[int, int], list[int]] = {}

    def line(doc: Document, f: Figure) -> int:
        # The line of a figure: its paragraph's line breaks are found once (bisection), not
        # counted again for every figure of a paragraph.
        p = doc.paragraphs[f.paragraph]
        key = (id(doc), f.paragraph)
        if key not in breaks:
            breaks[key] = [m.start() for m in _NEWLINE.finditer(p.text)]
        return p.line + bisect.bisect_left(breaks[key], max(f.start, 0))

    def change(a: Figure | None, b: Figure | None, shared: bool) -> None:
        ref = a or b
        assert ref is not None
        out.append(
            (
                FigureChange(
                    type=ref.type,
                    old=a.text if a else None,
                    new=b.text if b else None,
                    old_paragraph=a.paragraph if a else None,
                    new_paragraph=b.paragraph if b else None,
                    context=(a.context if a else "") or (b.context if b else ""),
                    old_line=line(old, a) if a else None,
                    new_line=line(new, b) if b else None,
                ),
                shared,
            )
        )

    occ_old = _carry.occurrences([s.key for s in old_sentences])
    occ_new = _carry.occurrences([s.key for s in new_sentences])
    for s in old_sentences:
        figs = fo[s.id]
        if not figs:
            continue
        m = in_new.match(s, occ_old[s.id])
        if not m.carried:
            for a in figs:
                change(a, None, False)
            continue
        matched: set[int] = set()
        for k in m.carriers:
            if len(fn[k]) > MAX_PAIRED or len(figs) > MAX_PAIRED:
                continue  # pair_figures pairs none: spare building the lists
            target = new_sentences[k]  # ids are places in the list (as occ_old's)
            free = [b for b in fn[k] if (k, b.start) not in paired_new]
            left = [a for a in figs if id(a) not in matched]
            for a, b in pair_figures(s.text, left, target.text, free):
                matched.add(id(a))
                paired_new.add((k, b.start))
                if not same_quantity(a, b):
                    change(a, b, True)
        carried = _Quantities(f for k in m.carriers for f in fn[k])
        for a in figs:
            if id(a) not in matched and a not in carried:
                change(a, None, True)
    for s in new_sentences:
        unpaired = [b for b in fn[s.id] if (s.id, b.start) not in paired_new]
        if not unpaired:
            continue
        m = in_old.match(s, occ_new[s.id])
        before = _Quantities(f for k in m.carriers for f in fo[k]) if m.carried else None
        for b in unpaired:
            if before is not None and b in before:
                continue
            change(None, b, m.carried)
    return tuple(out)
