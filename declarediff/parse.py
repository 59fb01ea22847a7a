"""Text -> Document: blocks, the author's line breaks, paragraphs, reflow, headings, sentences.

The rules, in the order they apply (docs/parsing.md gives them with examples):

1. Lines are grouped into blocks separated by blank lines.
2. Inside a block, a line break is the author's (*hard*) when the next line's first word
   would have fitted within the width the document was wrapped at, or when the next line is
   indented deeper than the block.
3. A line that starts with a paragraph label (``1.``, ``12)``, ``(a)``, ``１．``, ``（１）``,
   ``第3条``, ``①``) starts a new paragraph when the label fits the document's numbering: the
   next number of a style already seen after a sentence end (not an abbreviation such as
   ``U.S.``) or a hard break, or the first number of a new style after a colon or a hard
   break.  A number that only lands at the start of a wrapped line (``... by`` /
   ``2035. We will``) is text.  At the start of a block a label is always a label.
4. At a hard break, the lines since the last sentence end are a heading when they look like
   one (short, no final punctuation, title case); where blank lines do not separate
   paragraphs, a hard break after a sentence end starts a paragraph.
5. Lines of a paragraph are reflowed: joined with a space between Latin words, with nothing
   when either side of the break is CJK; a hyphen at a line end is kept for compounds
   (``multi-`` / ``stakeholder``, ``low-`` / ``and``, ``COVID-`` / ``19``) and dropped for a
   word a typesetter broke (``con-`` / ``tinue``).  Bullets (``- ``, ``• ``, ``* ``, ``・``),
   on their own line or run into the text after the end of a clause, keep their own line
   inside the paragraph that introduces them; points that are whole sentences without a
   lead-in are paragraphs of their own.  Indentation is not text.
6. A block that is one short line without final punctuation is a heading; it names the
   section of the paragraphs after it.  A document whose first paragraph is a heading has
   that as its title.
7. Sentences: English splits after ``.``/``!``/``?`` followed by a capital, a digit or a
   quote, except after known abbreviations and initials; Japanese splits after ``。！？``
   outside 「」『』（）; each bullet is a sentence.
"""

from __future__ import annotations

import bisect
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
_LATIN_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# The look-behind starts a match only where a word starts, so a long run of letters is
# scanned once, not once per position (benchmarks/regex_redos.py).
_HYPHEN_END = re.compile(r"(?<![^\W\d_])([^\W\d_]+)-$")
_HYPHEN_CHAIN = re.compile(r"[^\W\d_]-[^\W\d_]+-$")
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
    ends = [line.rstrip().endswith("-") for line in lines]
    # Lines away from a break are read in one pass (a word never spans lines).
    plain = "\n".join(
        line for k, line in enumerate(lines) if not ends[k] and not (k and ends[k - 1])
    )
    found_all: list[str] = _LATIN_WORD.findall(plain.lower())
    for k, line in enumerate(lines):
        if not ends[k] and not (k and ends[k - 1]):
            continue
        found = _LATIN_WORD.findall(line.lower())
        if k and ends[k - 1] and found:
            found = found[1:]  # the second half of a word broken at the line end
        if ends[k] and found:
            found = found[:-1]
        found_all.extend(found)
    unique = set(found_all)
    compounds = {w for w in unique if "-" in w}
    words = unique - compounds
    for w in compounds:
        words.update(w.split("-"))
    return words, compounds


# How the second half of a word broken by a typesetter usually reads.
_WORD_TAIL = re.compile(
    r"(?:[a-z]{0,3})(?:tions?|sions?|ments?|ances?|ences?|ings?|ities|ity|ness|able|ible|ably"
    r"|ibly|ally|ated|ations?|ives?|ous|tures?|ual|ial|ed|ers?|al|ly|ics?|ical|ists?|ism"
    r"|i[sz]e[ds]?|i[sz]ing|ships?|ary|ory|ery|ful|less|wards?|en(?:ed|ing|s)?)"
)


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
    # The second part is a word the document uses on its own: a compound ("public-" /
    # "private").  The tail of a word broken by a typesetter rarely is ("govern-" / "ance").
    if ro in words and len(ro) > 1:
        return False
    if _WORD_TAIL.fullmatch(ro):
        return True
    # Otherwise a first part that is a word of the document makes a compound
    # ("market-" / "distorting"); a fragment ("con-" / "tinue") makes one word.
    return not (lo in words and len(lo) > 2)


# Words after a line-end hyphen that show it belongs to a suspended compound:
# "low-" / "and middle-income" is "low- and middle-income".
_SUSPENDED = frozenset(["and", "or", "nor", "to", "through", "versus"])
# A bullet run into the text before it, after the end of a clause: "We are: - united ...".
_RUN_IN_BULLET = re.compile(
    r"(?:(?<=[:;.!?])|(?<=[;,] and)|(?<=[;,] or))([\"”’')\]]*)[ \t]+(?=[-–—][ \t]+\S)"
    r"|(?<![ \t])[ \t]+(?=•[ \t]+\S)"
)


def _reflow(
    lines: list[str],
    bullets: frozenset[int],
    vocab: tuple[set[str], set[str]],
    starts: list[int] | None = None,
) -> str:
    """Join the (stripped) lines of one paragraph into its text.

    ``bullets`` holds the indexes of lines that start a bullet item: each starts a line of
    its own in the text.  A bullet run into the text after the end of a clause
    (``We are: - united ...; - engaging ...``) is put on a line of its own too.
    """
    out = ""
    for i, line in enumerate(lines):
        if starts is not None:
            starts.append(len(out) + (1 if out else 0))
        if i == 0 or not out:
            out = line
            continue
        if i in bullets:
            out += "\n" + line
            continue
        m = _HYPHEN_END.search(out[-200:]) if out.endswith("-") else None
        if m and not _text.is_cjk(out[-2:-1]):
            w = _WORD_START.match(line)
            if w is None:
                out += line  # "COVID-" / "19": a compound with a number
            elif w.group(0).lower() in _SUSPENDED and line[w.end() : w.end() + 1] != "-":
                out += " " + line  # "low-" / "and middle-income"
            elif _HYPHEN_CHAIN.search(out[-200:]):
                out += line  # "people-to-" / "people": the hyphen of a longer compound
            elif _join_hyphenated(m.group(1), w.group(0), vocab):
                out = out[:-1] + line
            else:
                out += line
            continue
        if _text.is_cjk(out[-1:]) or _text.is_cjk(line[:1]):
            out += line
        else:
            out += " " + line
    if " " in out and ("- " in out or "– " in out or "— " in out or "• " in out):
        # Same length: the space before a run-in bullet becomes the line break.
        out = _RUN_IN_BULLET.sub(lambda m: (m.group(1) or "") + "\n", out)
    return out


_MARK_BULLET = re.compile(r"[•▪◦‣][ \t]+")
_DASH_BULLET = re.compile(r"[-*–—][ \t]+")


def _bullet_kind(line: str) -> str | None:
    """``"mark"`` for a line that starts with a bullet sign (•, ・), ``"dash"`` for one that
    starts with a dash or star and a space (a bullet, or a dash that a wrap put there)."""
    if _MARK_BULLET.match(line):
        return "mark"
    if line.startswith("・"):
        return "nakaguro"
    if _DASH_BULLET.match(line):
        return "dash"
    return None


# --- headings --------------------------------------------------------------------

# The most words a heading has.
_HEADING_WORDS = 14
_FINAL_PUNCT = tuple(".!?;:,。．！？、：；…")


def _looks_like_heading(text: str) -> bool:
    if not text or "\n" in text or text.endswith(_FINAL_PUNCT):
        return False
    if not any(ch.isalpha() for ch in text):
        return False
    if _text.has_cjk(text):
        return len(text) <= 40
    return len(text) <= 100 and len(text.split()) <= _HEADING_WORDS


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
    heading: bool = False  # a heading line directly followed by text (a hard break after it)
    bullets: set[int] = attrs.field(factory=set)  # indexes of lines that start a bullet
    in_list: bool = False  # the last line belongs to a bullet item
    numbers: list[int] = attrs.field(factory=list)  # the source line of each line
    tail: int = 0  # index of the first line after the last one that ends a sentence
    marker: str = ""  # the sign of its first bullet
    last_bullet: int = -1  # index of the line that starts its last bullet


# A Markdown ATX heading: ``## Title`` or ``## Title ##``.  Its text is what
# ``#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$`` would capture; that regex backtracks over every
# run of spaces inside the title (quadratic: 30 s for 40,000 spaces), so the closing
# sequence is taken off with string operations instead (:func:`_md_heading`).
_MD_OPEN = re.compile(r"#{1,6}[ \t]+")


def _md_heading(line: str) -> str | None:
    """The text of a Markdown heading line (without trailing blanks), or None."""
    m = _MD_OPEN.match(line)
    if m is None:
        return None
    rest = line[m.end() :]
    if not rest:
        # The lazy group needs a character: the regex gives back the last blank it took.
        opening = m.group(0)
        return opening[-1] if len(opening.rstrip(" \t")) < len(opening) - 1 else None
    body = rest.rstrip(" \t")
    # The shortest text (at least one character) whose remainder is blanks, or blanks, a
    # run of #s and blanks.
    if body.endswith("#"):
        before = body.rstrip("#")
        if before != before.rstrip(" \t"):
            cut = len(before.rstrip(" \t"))
            if cut >= 1:
                return rest[:cut]
    if body:
        return rest[: len(body)]
    return rest[:1]


_RULE = re.compile(r"(?:[-=*_][ \t]*){3,}")  # a Markdown rule or a Setext underline
_BLANK = " \t\u3000\f\v\u00a0\ufeff"


@attrs.frozen
class _Line:
    number: int  # 1-based line number in the source
    text: str  # without indentation and trailing space
    width: int  # display width as laid out, indentation included
    chars: int  # characters as laid out, indentation included
    indent: int  # characters of indentation


def _blocks(raw_lines: list[str]) -> Iterator[list[_Line]]:
    block: list[_Line] = []
    for number, raw in enumerate(raw_lines, start=1):
        line = raw.strip(_BLANK)
        if _RULE.fullmatch(line):
            line = ""
        if line:
            laid_out = raw.rstrip(_BLANK)
            indent = len(laid_out) - len(laid_out.lstrip(_BLANK))
            block.append(_Line(number, line, _text.display_width(laid_out), len(laid_out), indent))
        elif block:
            yield block
            block = []
    if block:
        yield block


@attrs.frozen
class _Columns:
    """The width a document was wrapped at, in display columns and in characters."""

    width: int
    chars: int


def _kth_widest(values: list[int]) -> int:
    """The k-th largest value, k one in fifty: the wrap width past a few stray long lines."""
    if not values:
        return 0
    values.sort(reverse=True)
    return values[min(len(values) - 1, len(values) // 50)]


def _wrap_width(blocks: list[list[_Line]]) -> _Columns:
    """The width the document was wrapped at: the widest lines, past a few outliers.

    Greedy wrapping fills lines up to the width, so among many lines some reach it.  It is
    measured both in display columns and in characters: a wrapping program may count either
    way, and text mixing CJK and Latin letters differs between the two.
    """
    # A line of one unbreakable word says nothing of the width: it may overflow it.
    lines = [ln for b in blocks for ln in b if " " in ln.text or _text.has_cjk(ln.text)]
    return _Columns(
        _kth_widest([ln.width for ln in lines]), _kth_widest([ln.chars for ln in lines])
    )


_CJK_CLASS = _text.CJK_CHAR.pattern
_FIRST_TOKEN = re.compile(rf"{_CJK_CLASS}|(?:(?!{_CJK_CLASS})\S)+")


def _hard_break(prev: _Line, line: str, columns: _Columns) -> bool:
    """True when the line break after ``prev`` was the author's, not the wrap's.

    A wrapping program moves a word to the next line only when it does not fit: when the
    first word of ``line`` would have fitted after ``prev`` within the document's width
    (counted in columns and in characters alike), the line was ended on purpose (a heading,
    the end of a paragraph, a list item).
    """
    if prev.text.endswith("-") and not prev.text.endswith(" -"):
        return False  # a hyphenated word: the wrap's doing
    m = _FIRST_TOKEN.match(line)
    if m is None:
        return False
    token = m.group(0)
    if _text.has_cjk(token) and not _text.is_cjk(prev.text[-1:]):
        # From Latin text to CJK text a wrapping program that breaks only at spaces sees
        # the whole CJK run as one word.
        token = line.split(None, 1)[0]
    # Between Latin words the wrap counted one space.  Next to CJK text there may have
    # been a space or none (PDF extraction adds and drops them), and CJK widths are
    # measured roughly: a margin of one full-width character keeps a doubtful break soft.
    cjk = _text.has_cjk(prev.text[-1:]) or _text.has_cjk(token[:1])
    return (
        prev.width + (2 if cjk else 1) + _text.display_width(token) <= columns.width
        and prev.chars + 1 + len(token) <= columns.chars
    )


_ENDS_SENTENCE = re.compile(r"[.!?。．！？][」』）)\"”’']*$")
# How a paragraph (not a continuation) starts: a capital, a digit, an opening quote or
# bracket, or CJK text.
_STARTS_PARAGRAPH = re.compile(r"[—–A-Z0-9\"“‘'(\[「『（０-９Ａ-Ｚ]")


def _starts_like_paragraph(line: str) -> bool:
    """A capital, a digit, an opening quote or bracket, or a CJK letter other than ・."""
    return _STARTS_PARAGRAPH.match(line) is not None or (
        _text.has_cjk(line[:1]) and not line.startswith("・")
    )


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


def _label_after_hard_break(label: _Label, last_value: dict[str, int | None]) -> bool:
    """A label after a line the author ended: the first of a new style or the next number."""
    if label.family not in last_value:
        return label.value == 1
    expected = last_value[label.family]
    return expected is not None and label.value == expected + 1


# Short words a title leaves in lower case ("Partners for Peace and Security").
_TITLE_SMALL = frozenset(
    [
        *("with", "from", "into", "onto", "over", "upon", "after", "about", "between"),
        *("through", "towards", "toward", "against", "under", "within", "across"),
        *("beyond", "among", "amid", "during", "that", "this", "their", "than"),
    ]
)
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _heading_before_text(
    body: str, prev: _Line, line: str, columns: _Columns, *, indented: bool = False
) -> bool:
    """Whether ``body``, ended by a hard break before ``line``, is a heading over it.

    A heading line directly followed by its text is told from a paragraph's first line by
    its form: English in title case or capitals, Japanese short and without 、 or 。 (and
    a clear margin to the width, since PDF text measures Japanese only roughly).
    """
    if not _looks_like_heading(body):
        return False
    if _text.has_cjk(body):
        if "、" in body or "。" in body or len(body) > 30:
            return False
        return indented or prev.width + 2 + _text.display_width(line[:1]) <= columns.width - 4
    words = _TITLE_WORD.findall(body)
    if not words or not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w.lower() in _TITLE_SMALL for w in words if len(w) > 3)


_CLAUSE_ENDS = (*":;,.!?：；。！？", "; and", "; or", ", and", ", or")


def _ends_clause(line: str) -> bool:
    """A line that ends a clause of a list: punctuation, or "; and" before the last item."""
    return line.endswith(_CLAUSE_ENDS) or _LINE_ENDS_SENTENCE.search(line) is not None


_ALPHA_TO_ROMAN = {"(a)": "(i)", "a)": "i)"}


def _reinterpret(label: _Label | None, last_value: dict[str, int | None]) -> _Label | None:
    """``(i)``, ``(v)``, ``(x)`` are Roman numerals unless the letters before them were seen."""
    if label is None or label.family not in _ALPHA_TO_ROMAN or label.value is None:
        return label
    letter = label.text.strip("()").lower()
    if letter not in ("i", "v", "x") or last_value.get(label.family) == label.value - 1:
        return label
    roman = _ALPHA_TO_ROMAN[label.family]
    return _Label(roman, label.text, _roman_number(letter), label.rest)


def _add(unit: _Unit, entry: _Line) -> None:
    """Append a line to ``unit``."""
    unit.lines.append(entry.text)
    unit.numbers.append(entry.number)
    unit.last = entry.number
    if _ENDS_SENTENCE.search(entry.text):
        unit.tail = len(unit.lines)
    _note_run_in(unit, entry.text)


def _note_run_in(unit: _Unit, line: str) -> None:
    """A bullet run into a line (``... to: - support ...``) opens a list, as one on its own line."""
    if not unit.in_list and ("- " in line or "– " in line or "— " in line or "• " in line):
        m = _RUN_IN_BULLET.search(line)
        if m is not None:
            unit.in_list = True
            unit.marker = unit.marker or line[m.end()]


def _split_tail(unit: _Unit) -> _Unit | None:
    """Split off the lines of ``unit`` after its last sentence end, as a new unit."""
    cut = unit.tail
    if cut <= 0 or cut >= len(unit.lines) or unit.last_bullet >= cut:
        return None
    tail = _Unit(unit.lines[cut:], unit.numbers[cut], unit.last, None)
    tail.numbers = unit.numbers[cut:]
    del unit.lines[cut:]
    del unit.numbers[cut:]
    unit.last = unit.numbers[-1]
    return tail


def _units(raw_lines: list[str]) -> Iterator[_Unit]:
    """Paragraph units: blocks split at labels, at headings and, where the document has no
    blank lines between paragraphs, at the ends of paragraphs (see docs/parsing.md)."""
    last_value: dict[str, int | None] = {}
    blocks = list(_blocks(raw_lines))
    whole = _wrap_width(blocks)

    # Blank lines separate paragraphs when two or more blocks end a sentence; otherwise
    # the ends of paragraphs are found from the line breaks the author made.
    run_on = sum(1 for b in blocks if _ENDS_SENTENCE.search(b[-1].text)) < 2

    def start(units: list[_Unit], entry: _Line, label: _Label | None) -> _Unit:
        lines = [entry.text] if label is None else ([label.rest] if label.rest else [])
        unit = _Unit(lines, entry.number, entry.number, label)
        unit.numbers = [entry.number] * len(lines)
        if lines and _ENDS_SENTENCE.search(lines[-1]):
            unit.tail = len(lines)
        _note_run_in(unit, lines[0] if lines else "")
        if label is not None:
            last_value[label.family] = label.value
        elif _bullet_kind(entry.text) is not None:
            unit.in_list = True
            unit.marker = entry.text[0]
            unit.bullets.add(0)
            unit.last_bullet = 0
        units.append(unit)
        return unit

    for block in blocks:
        units: list[_Unit] = []
        base = min(entry.indent for entry in block)
        # A block is wrapped at most as wide as its widest line: where paragraphs were
        # wrapped one by one (or some not at all), the document's width says little.
        columns = _Columns(
            min(whole.width, max(entry.width for entry in block)),
            min(whole.chars, max(entry.chars for entry in block)),
        )
        for pos, entry in enumerate(block):
            number, line = entry.number, entry.text
            md = _md_heading(line)
            if md is not None:
                units.append(_Unit([md], number, number, None, md_heading=True))
                continue
            if units and units[-1].md_heading:
                start(units, entry, None)
                continue
            label = _reinterpret(_match_label(line), last_value)
            if pos == 0 or not units:
                start(units, entry, label)
                continue
            prev = block[pos - 1]
            unit = units[-1]
            hard = _hard_break(prev, line, columns)
            ends_sentence = _ENDS_SENTENCE.search(prev.text) is not None
            # A line indented deeper than the block's text: a first line (PDF text), unless it
            # continues a list item (a hanging indent) rather than starting like a paragraph.
            deeper = entry.indent > base
            indented = deeper and (
                not unit.in_list or (ends_sentence and _starts_like_paragraph(line))
            )
            # The lines since the last sentence end may be a heading over what follows (a
            # heading has at most 14 words, so at most 14 lines: the test stays linear).
            tail = unit.tail if run_on or unit.tail == 0 else len(unit.lines)
            if (hard or indented) and len(unit.lines) - tail <= _HEADING_WORDS:
                body = " ".join(unit.lines[tail:])
                if (
                    body
                    and label is None
                    and (_starts_like_paragraph(line) or _bullet_kind(line) in ("dash", "mark"))
                    and unit.last_bullet < tail
                    and (pos + 1 < len(block) or line.endswith(_FINAL_PUNCT))
                    and _heading_before_text(body, prev, line, columns, indented=indented)
                ) or (
                    label is not None
                    and unit.last_bullet < tail
                    and _heading_before_text(body, prev, line, columns, indented=indented)
                ):
                    split = _split_tail(unit) if tail > 0 else unit
                    if split is not None:
                        split.heading = True
                        if split is not unit:
                            units.append(split)
                        start(units, entry, label)
                        continue
            if label is not None and (
                _starts_paragraph(label, prev.text, last_value)
                or ((hard or deeper) and _label_after_hard_break(label, last_value))
            ):
                start(units, entry, label)
                continue
            bullet = _bullet_kind(line)
            if bullet is not None and (
                bullet == "mark"
                or (
                    bullet == "nakaguro" and (prev.text.endswith(tuple("。：:；;")) or unit.in_list)
                )
                or (
                    bullet == "dash"
                    and (
                        hard
                        or _ends_clause(prev.text)
                        or (unit.in_list and line[0] in "-*" and line[0] == unit.marker)
                    )
                )
            ):
                unit.bullets.add(len(unit.lines))
                unit.last_bullet = len(unit.lines)
                _add(unit, entry)
                unit.in_list = True
                unit.marker = unit.marker or line[0]
                continue
            if run_on and ends_sentence and (indented or (hard and _starts_like_paragraph(line))):
                start(units, entry, None)
                continue
            _add(unit, entry)
        for unit in units:
            unit.block_size = len(units)
            yield unit


# A bullet item that follows the end of a sentence: "... of law.\n- We will ...".
_ITEM_AFTER_SENTENCE = re.compile(r"(?<=[.!?。！？])[\"”’')\]」』）]*\n(?=[-–—•*・])")


def _pieces(
    units: Iterator[_Unit], vocab: tuple[set[str], set[str]]
) -> Iterator[tuple[_Unit, str, int, int, bool]]:
    """Each unit's text with its first and last line.  Bullet items that are whole sentences
    (every line of the unit ends one) and have no lead-in introducing them with a colon are
    paragraphs of their own, so a series of points is read the same whether blank lines
    separate them or not; a list (``We will:`` or items without final stops) stays whole."""
    for unit in units:
        starts: list[int] = []
        body = _reflow(unit.lines, frozenset(unit.bullets), vocab, starts)
        if unit.md_heading or "\n" not in body:
            yield unit, body, unit.first, unit.last, True
            continue
        lead = body[: body.index("\n")]
        pieces = body.split("\n")
        cuts = [m.end() for m in _ITEM_AFTER_SENTENCE.finditer(body)]
        if (
            not cuts
            or lead.rstrip().endswith((":", "："))
            or not all(
                _ENDS_SENTENCE.search(piece) or (k == len(pieces) - 1 and piece.endswith(":"))
                for k, piece in enumerate(pieces)
            )
        ):
            yield unit, body, unit.first, unit.last, True
            continue
        numbers = unit.numbers or [unit.first]
        bounds = [0, *cuts, len(body) + 1]
        for k, (a, b) in enumerate(itertools.pairwise(bounds)):
            piece = body[a : b - 1]
            first = numbers[max(0, bisect.bisect_right(starts, a) - 1)]
            last = numbers[max(0, bisect.bisect_right(starts, max(a, b - 2)) - 1)]
            yield unit, piece, first, last, k == 0


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
    for unit, body, first, last, leading in _pieces(_units(raw_lines), vocab):
        kind: ParagraphKind = "paragraph"
        if unit.md_heading or (
            (unit.block_size == 1 or unit.heading) and _looks_like_heading(body)
        ):
            kind = "heading"
        index = len(paragraphs)
        text_key = _text.key(body)
        if kind == "heading":
            if index == 0 and (unit.label is None or not leading):
                title = body
            else:
                section = body
        paragraphs.append(
            Paragraph(
                index=index,
                label=unit.label.text if unit.label and leading else None,
                text=body,
                line=first,
                end_line=last,
                kind=kind,
                section=None if kind == "heading" else section,
                sentences=split_sentences(body),
                key=text_key,
                words=len(_text.tokens(text_key)),
            )
        )
    return Document(source=source, paragraphs=tuple(paragraphs), title=title)
