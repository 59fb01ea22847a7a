"""Text -> Document: blocks, numbered paragraphs, reflow, headings, sentences.

The rules, in the order they apply:

1. Lines are grouped into blocks separated by blank lines.
2. Inside a block, a line that starts with a paragraph label (``1.``, ``12)``,
   ``(a)``, ``１．``, ``（１）``, ``第3条``, ``①``) starts a new paragraph when
   the label fits the document's numbering: the next number of a style
   already seen, after a line that ends a sentence (not an abbreviation such
   as ``U.S.``), or the first number of a new style after a line ending in a
   colon.  A number that only
   lands at the start of a wrapped line (``... by`` / ``2035. We will``) is
   text.  At the start of a block a label is always a label.
3. Lines of a paragraph are reflowed: joined with a space between Latin
   words, with nothing when either side of the break is CJK, and a word
   hyphenated at a line end is rejoined (``con-``/``tinue`` -> ``continue``,
   ``defence-``/``related`` -> ``defence-related``).  Bullets (``- ``,
   ``• ``, ``* ``, ``・``) keep their own line inside the paragraph that
   introduces them.  Indentation (half- or full-width) is not text.
4. A block that is one short line without final punctuation is a heading; it
   names the section of the paragraphs after it.  A document whose first
   paragraph is a heading has that as its title.
5. Sentences: English splits after ``.``/``!``/``?`` followed by a capital,
   a digit or a quote, except after known abbreviations and initials;
   Japanese splits after ``。！？`` outside 「」『』（）; each bullet is a sentence.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator

import attrs

from declarediff import text as _text
from declarediff.model import Document, Paragraph, ParagraphKind, Sentence

# --- labels ------------------------------------------------------------------

_KANJI_DIGITS = {
    "〇": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _kanji_number(s: str) -> int | None:
    """Value of a kanji numeral up to 999 (三, 十二, 百五), or of Arabic digits."""
    s = unicodedata.normalize("NFKC", s)
    if s.isdigit():
        return int(s)
    total, current = 0, 0
    for ch in s:
        if ch in _KANJI_DIGITS:
            current = _KANJI_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def _roman_number(s: str) -> int | None:
    """Value of a lower- or upper-case Roman numeral, or None."""
    values = [_ROMAN.get(ch) for ch in s.lower()]
    if not values or any(v is None for v in values):
        return None
    nums = [v for v in values if v is not None]
    total = 0
    for i, v in enumerate(nums):
        total += -v if i + 1 < len(nums) and nums[i + 1] > v else v
    return total


@attrs.frozen
class _LabelStyle:
    family: str
    pattern: re.Pattern[str]
    kind: str  # how to read the number: "int", "alpha", "roman", "kanji", "circled"


# Order matters: the first pattern that matches a line wins.
_LABEL_STYLES: tuple[_LabelStyle, ...] = (
    _LabelStyle("n.", re.compile(r"(\d{1,3})\.(?:[ \t]+|(?=[A-Z])|$)"), "int"),
    _LabelStyle("n)", re.compile(r"(\d{1,3})\)(?:[ \t]+|$)"), "int"),
    _LabelStyle("(n)", re.compile(r"\((\d{1,3})\)(?:[ \t]+|$)"), "int"),
    _LabelStyle("fw.", re.compile(r"([０-９]{1,3})[．.][ \t\u3000]*"), "int"),
    _LabelStyle("fw)", re.compile(r"[（(]([０-９0-9]{1,3})[）)][ \t\u3000]*"), "int"),
    _LabelStyle(
        "条", re.compile(r"第([0-9０-９〇一二三四五六七八九十百]{1,6})条[ \t\u3000]*"), "kanji"
    ),
    _LabelStyle("circled", re.compile(r"([\u2460-\u2473])[ \t\u3000]*"), "circled"),
    _LabelStyle("(a)", re.compile(r"\(([a-z])\)(?:[ \t]+|$)"), "alpha"),
    _LabelStyle("(i)", re.compile(r"\(([ivxlc]{2,6})\)(?:[ \t]+|$)"), "roman"),
    _LabelStyle("a)", re.compile(r"([a-z])\)(?:[ \t]+|$)"), "alpha"),
    _LabelStyle("I.", re.compile(r"([IVX]{1,5})\.(?:[ \t]+|$)"), "roman"),
    _LabelStyle("A.", re.compile(r"([A-HJ-UWYZ])\.(?:[ \t]+|$)"), "alpha"),
)


@attrs.frozen
class _Label:
    family: str
    text: str  # as printed, without the space after it
    value: int | None
    rest: str  # the line's text after the label


def _match_label(line: str) -> _Label | None:
    for style in _LABEL_STYLES:
        m = style.pattern.match(line)
        if m is None:
            continue
        raw = m.group(1)
        value: int | None
        if style.kind == "int":
            value = int(unicodedata.normalize("NFKC", raw))
        elif style.kind == "alpha":
            value = ord(raw.lower()) - ord("a") + 1
        elif style.kind == "roman":
            value = _roman_number(raw)
        elif style.kind == "kanji":
            value = _kanji_number(raw)
        else:
            value = ord(raw) - 0x2460 + 1
        printed = m.group(0).rstrip(" \t\u3000")
        return _Label(style.family, printed, value, line[m.end() :])
    return None


# --- reflow --------------------------------------------------------------------

_LINE_ENDS_SENTENCE = re.compile(r"[.:;!?。．！？：；][」』）)\"”’']*$")
_BULLET = re.compile(r"(?:[-*•▪◦‣–—][ \t]+|・)")
_LATIN_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# The look-behind starts a match only where a word starts, so a long run of letters is
# scanned once, not once per position (benchmarks/regex_redos.py).
_HYPHEN_END = re.compile(r"(?<![^\W\d_])([^\W\d_]+)-$")
_WORD_START = re.compile(r"[^\W\d_]+")

# Words that commonly begin or end a hyphenated compound; a line-end hyphen
# next to one of them is kept when the document itself gives no evidence.
_COMPOUND_FIRST = frozenset(
    [
        "all",
        "anti",
        "co",
        "counter",
        "cross",
        "cyber",
        "de",
        "decision",
        "defence",
        "defense",
        "ex",
        "full",
        "gender",
        "high",
        "human",
        "inter",
        "long",
        "low",
        "macro",
        "micro",
        "multi",
        "mid",
        "non",
        "over",
        "post",
        "pre",
        "pro",
        "quasi",
        "re",
        "rules",
        "self",
        "semi",
        "short",
        "small",
        "so",
        "state",
        "sub",
        "super",
        "trans",
        "ultra",
        "under",
        "well",
        "wide",
        "world",
    ]
)
_COMPOUND_SECOND = frozenset(
    [
        "based",
        "related",
        "led",
        "term",
        "scale",
        "wide",
        "level",
        "making",
        "owned",
        "free",
        "friendly",
        "oriented",
        "driven",
        "specific",
        "sensitive",
        "resilient",
        "building",
        "sharing",
        "run",
        "like",
        "up",
        "off",
        "out",
        "time",
        "year",
        "years",
        "party",
        "country",
        "state",
        "sector",
        "border",
        "governmental",
        "national",
        "regional",
        "range",
        "standing",
        "income",
        "emitting",
        "carbon",
        "zero",
    ]
)


def _vocabulary(lines: list[str]) -> tuple[set[str], set[str]]:
    """Words and hyphenated compounds that occur whole in the document."""
    words: set[str] = set()
    compounds: set[str] = set()
    for line in lines:
        found = _LATIN_WORD.findall(line.lower())
        if line.rstrip().endswith("-") and found:
            found = found[:-1]
        for w in found:
            if "-" in w:
                compounds.add(w)
                words.update(w.split("-"))
            else:
                words.add(w)
    return words, compounds


def _join_hyphenated(left: str, right: str, vocab: tuple[set[str], set[str]]) -> bool:
    """True when ``left-`` at a line end and ``right`` are one word broken by the hyphen."""
    words, compounds = vocab
    lo, ro = left.lower(), right.lower()
    if lo + ro in words:
        return True
    if f"{lo}-{ro}" in compounds:
        return False
    if right[:1].isupper() or left[-1:].isupper():
        return False
    if lo in _COMPOUND_FIRST or ro in _COMPOUND_SECOND:
        return False
    return not (lo in words and ro in words and len(lo) > 2 and len(ro) > 2)


def _reflow(lines: list[str], vocab: tuple[set[str], set[str]]) -> str:
    """Join the (stripped) lines of one paragraph into its text."""
    out = ""
    for i, line in enumerate(lines):
        if i == 0 or not out:
            out = line
            continue
        if _is_bullet(line, lines[i - 1]):
            out += "\n" + line
            continue
        m = _HYPHEN_END.search(out[-200:]) if out.endswith("-") else None
        w = _WORD_START.match(line)
        if m and w and not _text.is_cjk(out[-2:-1]):
            if _join_hyphenated(m.group(1), w.group(0), vocab):
                out = out[:-1] + line
            else:
                out += line
            continue
        if _text.is_cjk(out[-1:]) or _text.is_cjk(line[:1]):
            out += line
        else:
            out += " " + line
    return out


def _is_bullet(line: str, previous: str | None) -> bool:
    """True when ``line`` starts a bullet item (``・`` only after a finished line)."""
    if line.startswith("・"):
        return previous is None or previous.endswith(tuple("。：:；;")) or previous.startswith("・")
    return _BULLET.match(line) is not None and not line.startswith("・")


# --- headings --------------------------------------------------------------------

_FINAL_PUNCT = tuple(".!?;:,。．！？、：；…")


def _looks_like_heading(text: str) -> bool:
    if not text or "\n" in text or text.endswith(_FINAL_PUNCT):
        return False
    if not any(ch.isalpha() for ch in text):
        return False
    if _text.has_cjk(text):
        return len(text) <= 40
    return len(text) <= 100 and len(text.split()) <= 14


# --- sentences -------------------------------------------------------------------

_ABBREVIATIONS = frozenset(
    [
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "etc",
        "art",
        "arts",
        "no",
        "nos",
        "para",
        "paras",
        "bn",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "vs",
        "cf",
        "approx",
        "fig",
        "figs",
        "sec",
        "ch",
        "vol",
        "pp",
        "p",
        "op",
        "ibid",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "inc",
        "ltd",
        "co",
        "corp",
        "gov",
        "dept",
        "est",
        "min",
        "max",
        "rev",
        "ed",
        "eds",
        "al",
    ]
)
_EN_BOUNDARY = re.compile(
    r"[.!?][\"”’')\]]*(?=\s+(?:[-–—]\s+)?[\"“‘'(\[]?[A-Z0-9\u3040-\u30ff\u3400-\u9fff「『（]"
    r"|[\u3040-\u30ff\u3400-\u9fff「『（])"
)
_JA_OPEN = "「『（"
_JA_CLOSE = "」』）"
_JA_END = "。！？"
_JA_TRAILERS = '」』）"”’'


_NEWLINE = re.compile("\n")
_WORDISH = re.compile(r"[\w.]")
_JA_MARKS = re.compile(f"[{_JA_OPEN}{_JA_CLOSE}{_JA_END}]")


def _word_before(text: str, end: int) -> str:
    """The run of word characters and dots that ends at ``end`` (at most 12 long)."""
    start = end
    while start > 0 and end - start < 12 and _WORDISH.match(text[start - 1]):
        start -= 1
    return text[start:end]


def _english_ends(text: str) -> Iterator[int]:
    for m in _EN_BOUNDARY.finditer(text):
        if text[m.start()] == ".":
            token = _word_before(text, m.start()).lower()
            if (
                token in _ABBREVIATIONS
                or token.rstrip(".") in _ABBREVIATIONS
                or (len(token) == 1 and token.isalpha())
            ):
                continue
        yield m.end()


def _japanese_ends(text: str) -> Iterator[int]:
    depth = 0
    skip_to = -1
    n = len(text)
    for m in _JA_MARKS.finditer(text):
        i = m.start()
        if i < skip_to:
            continue
        ch = text[i]
        if ch in _JA_OPEN:
            depth += 1
        elif ch in _JA_CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            j = i + 1
            while j < n and (text[j] in _JA_END or text[j] in _JA_TRAILERS):
                j += 1
            yield j
            skip_to = j


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split a paragraph's text into sentences with offsets into ``text``."""
    cuts = {0, len(text)}
    cuts.update(m.end() for m in _NEWLINE.finditer(text))
    cuts.update(_english_ends(text))
    cuts.update(_japanese_ends(text))
    bounds = sorted(cuts)
    sentences = []
    for a, b in itertools.pairwise(bounds):
        chunk = text[a:b]
        stripped = chunk.strip()
        if not stripped:
            continue
        start = a + (len(chunk) - len(chunk.lstrip()))
        sentences.append(Sentence(stripped, start, start + len(stripped)))
    return tuple(sentences)


# --- blocks and paragraphs ---------------------------------------------------------


@attrs.define
class _Unit:
    lines: list[str]
    first: int
    last: int
    label: _Label | None
    block_size: int = 1
    md_heading: bool = False


_MD_HEADING = re.compile(r"#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_RULE = re.compile(r"(?:[-=*_][ \t]*){3,}")  # a Markdown rule or a Setext underline


def _blocks(raw_lines: list[str]) -> Iterator[list[tuple[int, str]]]:
    block: list[tuple[int, str]] = []
    for number, raw in enumerate(raw_lines, start=1):
        line = raw.strip(" \t\u3000\f\v\u00a0\ufeff")
        if _RULE.fullmatch(line):
            line = ""
        if line:
            block.append((number, line))
        elif block:
            yield block
            block = []
    if block:
        yield block


def _starts_paragraph(label: _Label, prev: str, last_value: dict[str, int | None]) -> bool:
    """Whether a label inside a block starts a paragraph (see the module docstring).

    The next number of a style already seen starts one after a line that ends
    a sentence (not an abbreviation such as ``U.S.``); the first of a new style
    only after a line that introduces it with a colon.
    """
    if label.family not in last_value:
        return label.value == 1 and prev.endswith((":", "："))
    expected = last_value[label.family]
    if expected is None or label.value != expected + 1:
        return False
    if _LINE_ENDS_SENTENCE.search(prev) is None:
        return False
    last_word = prev.rsplit(None, 1)[-1].lower().rstrip(".")
    return last_word not in _ABBREVIATIONS


def _units(raw_lines: list[str]) -> Iterator[_Unit]:
    last_value: dict[str, int | None] = {}
    for block in _blocks(raw_lines):
        units: list[_Unit] = []
        for pos, (number, line) in enumerate(block):
            md = _MD_HEADING.match(line)
            if md:
                units.append(_Unit([md.group(1)], number, number, None, md_heading=True))
                continue
            if units and units[-1].md_heading:
                units.append(_Unit([line], number, number, None))
                continue
            label = _match_label(line)
            starts = False
            if label is not None:
                if pos == 0:
                    starts = True
                else:
                    starts = _starts_paragraph(label, block[pos - 1][1], last_value)
            if starts and label is not None:
                last_value[label.family] = label.value
                units.append(_Unit([label.rest] if label.rest else [], number, number, label))
            elif units:
                units[-1].lines.append(line)
                units[-1].last = number
            else:
                units.append(_Unit([line], number, number, None))
        for unit in units:
            unit.block_size = len(units)
            yield unit


_SURROGATE = re.compile("[\ud800-\udfff]")


def parse(text: str, source: str = "<text>") -> Document:
    """Parse ``text`` into a :class:`Document` of paragraphs and sentences.

    ``source`` is only a name for reports.  The text may use any newline
    convention; a leading byte-order mark is ignored; lone surrogates become
    U+FFFD so that every output can be written as UTF-8.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    # Lone surrogates (from a careless decoder) cannot be written out as UTF-8: replace them.
    text = _SURROGATE.sub("\ufffd", text)
    raw_lines = text.split("\n")
    stripped = [ln.strip() for ln in raw_lines]
    hyphenated = any(ln.endswith("-") for ln in stripped)
    vocab = _vocabulary(stripped) if hyphenated else (set(), set())
    paragraphs: list[Paragraph] = []
    title: str | None = None
    section: str | None = None
    for unit in _units(raw_lines):
        body = _reflow(unit.lines, vocab)
        kind: ParagraphKind = "paragraph"
        if unit.md_heading or (unit.block_size == 1 and _looks_like_heading(body)):
            kind = "heading"
        index = len(paragraphs)
        text_key = _text.key(body)
        if kind == "heading":
            if index == 0 and unit.label is None:
                title = body
            else:
                section = body
        paragraphs.append(
            Paragraph(
                index=index,
                label=unit.label.text if unit.label else None,
                text=body,
                line=unit.first,
                end_line=unit.last,
                kind=kind,
                section=None if kind == "heading" else section,
                sentences=split_sentences(body),
                key=text_key,
                words=len(_text.tokens(text_key)),
            )
        )
    return Document(source=source, paragraphs=tuple(paragraphs), title=title)
