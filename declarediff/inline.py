"""Word-level changes inside an aligned pair (character-level for CJK).

diff-match-patch runs on word tokens encoded as single characters (its
``linesToChars`` trick, applied to words), with ``Diff_Timeout = 0`` so that
the result never degrades to delete-all/insert-all on a busy machine.

A token is a word, a number, one CJK character or one punctuation mark; the
white space after it travels with it but is not part of its identity, so the
diff matches words rather than the spaces between them.  The character-level
result then gets diff-match-patch's lossless semantic shift, which moves each
edit to word boundaries (``Allies{+ commit to+} invest``).

:func:`diff` gives the exact ops, for analysis; :func:`for_display` also folds
slight kept runs (blanks, punctuation) into the edits around them so that a
redline reads well.  Both rebuild the two texts exactly.
"""

from __future__ import annotations

import re
from array import array

from diff_match_patch import diff_match_patch

from declarediff import text as _text
from declarediff.model import InlineOp, OpKind

_OPS: dict[int, OpKind] = {0: "equal", -1: "delete", 1: "insert"}
_CODES: dict[OpKind, int] = {"equal": 0, "delete": -1, "insert": 1}
_LEADING_SPACE = re.compile(r"\s*")


def _engine() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    return dmp


class _Units:
    """A text cut into units: a token with the white space after it (leading white space is
    a unit of its own).  Unit ``k`` is ``text[starts[k]:starts[k + 1]]``, its token
    ``text[starts[k]:ends[k]]``: offsets, so that a long paragraph costs two machine words
    a unit rather than two strings and a tuple."""

    __slots__ = ("ends", "starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = starts = array("q")
        self.ends = ends = array("q")
        lead = _LEADING_SPACE.match(text)
        first = lead.end() if lead else 0
        if first:
            starts.append(0)
            ends.append(0)
        for m in _text.text_token_matches(text, first):
            start = m.start()
            # White space travels with the token before it (there is one: leading white
            # space is a unit already, and a token is all white space or none).
            if not text[start].isspace():
                starts.append(start)
                ends.append(m.end())
        starts.append(len(text))

    def token(self, k: int) -> str:
        return self.text[self.starts[k] : self.ends[k]]

    def space(self, k: int) -> str:
        return self.text[self.ends[k] : self.starts[k + 1]]

    def span(self, i: int, n: int) -> str:
        """Units ``i`` to ``i + n``, as one piece of the text."""
        return self.text[self.starts[i] : self.starts[i + n]]


def _chars(units: _Units, table: dict[str, str]) -> str:
    out = []
    text = units.text
    # (``starts`` holds one offset more than ``ends``: the end of the text.)
    for start, end in zip(units.starts, units.ends, strict=False):
        tok = text[start:end]
        ch = table.get(tok)
        if ch is None:
            code = 0x100 + len(table)
            if code >= 0xD800:  # skip the surrogate range
                code += 0x800
            ch = chr(code)
            table[tok] = ch
        out.append(ch)
    return "".join(out)


def _token_diff(old: str, new: str) -> list[tuple[int, str]]:
    """The diff as (code, text) runs, exact on both sides, not yet shifted or merged."""
    ua, ub = _Units(old), _Units(new)
    table: dict[str, str] = {}
    a, b = _chars(ua, table), _chars(ub, table)
    del table
    runs: list[tuple[int, str]] = []
    i = j = 0
    for code, chars in _engine().diff_main(a, b, False):
        n = len(chars)
        if code == -1:
            runs.append((-1, ua.span(i, n)))
            i += n
        elif code == 1:
            runs.append((1, ub.span(j, n)))
            j += n
        else:
            # Kept tokens: one run while their white space agrees on both sides.
            same_from = i
            for x in range(n):
                wa, wb = ua.space(i + x), ub.space(j + x)
                if wa != wb:
                    runs.append((0, ua.span(same_from, i + x - same_from)))
                    runs.append((0, ua.token(i + x)))
                    runs.append((-1, wa))
                    runs.append((1, wb))
                    same_from = i + x + 1
            runs.append((0, ua.span(same_from, i + n - same_from)))
            i += n
            j += n
    return runs


def _merge(runs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Join adjacent runs of one kind; within a change, deletions come before insertions."""
    out: list[tuple[int, str]] = []
    dels: list[str] = []
    ins: list[str] = []
    for code, piece in runs:
        if not piece:
            continue
        if code == -1:
            dels.append(piece)
        elif code == 1:
            ins.append(piece)
        else:
            if dels:
                out.append((-1, "".join(dels)))
            if ins:
                out.append((1, "".join(ins)))
            dels, ins = [], []
            if out and out[-1][0] == 0:
                out[-1] = (0, out[-1][1] + piece)
            else:
                out.append((0, piece))
    if dels:
        out.append((-1, "".join(dels)))
    if ins:
        out.append((1, "".join(ins)))
    return out


def _factor_spaces(runs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Move white space shared by the end of a deletion and its insertion out of the change."""
    out: list[tuple[int, str]] = []
    k = 0
    while k < len(runs):
        code, piece = runs[k]
        if code == -1 and k + 1 < len(runs) and runs[k + 1][0] == 1:
            d, i = piece, runs[k + 1][1]
            n = 0
            while n < min(len(d), len(i)) and d[-1 - n] == i[-1 - n] and d[-1 - n].isspace():
                n += 1
            if n and n < len(d) and n < len(i):
                out += [(-1, d[:-n]), (1, i[:-n]), (0, d[-n:])]
                k += 2
                continue
        out.append((code, piece))
        k += 1
    return out


def _ops(runs: list[tuple[int, str]]) -> tuple[InlineOp, ...]:
    return tuple(InlineOp(_OPS[code], piece) for code, piece in runs if piece)


def diff(old: str, new: str) -> tuple[InlineOp, ...]:
    """Exact word-level ops from ``old`` to ``new`` (no folding).

    Joining the ``equal`` and ``delete`` texts gives ``old``; joining the
    ``equal`` and ``insert`` texts gives ``new``.
    """
    if old == new:
        return (InlineOp("equal", old),) if old else ()
    runs = _merge(_token_diff(old, new))
    _engine().diff_cleanupSemanticLossless(runs)
    return _ops(_merge(_factor_spaces(_merge(runs))))


def _slight(text: str) -> bool:
    """A kept run too slight to stand between two edits: blanks, punctuation, one CJK letter."""
    words = [t for t in _text.text_tokens(text) if any(c.isalnum() for c in t)]
    if not words:
        return True
    return len(words) == 1 and len(words[0]) == 1 and _text.is_cjk(words[0])


def for_display(old: str, new: str) -> tuple[InlineOp, ...]:
    """Word-level ops cleaned up for people to read; they rebuild both texts exactly.

    A kept run between two edits that holds no word (only blanks or
    punctuation, or a single CJK letter) is folded into the edits, and each
    run of edits is shown as one deletion followed by one insertion.
    Use :func:`diff` for analysis.
    """
    ops = diff(old, new)
    runs: list[tuple[int, str]] = []
    for k, op in enumerate(ops):
        between = 0 < k < len(ops) - 1 and ops[k - 1].op != "equal" and ops[k + 1].op != "equal"
        if op.op == "equal" and between and _slight(op.text):
            runs.append((-1, op.text))
            runs.append((1, op.text))
        else:
            runs.append((_CODES[op.op], op.text))
    return _ops(_merge(_factor_spaces(_merge(runs))))


def rebuild(ops: tuple[InlineOp, ...]) -> tuple[str, str]:
    """The old and new texts that ``ops`` describe."""
    old = "".join(op.text for op in ops if op.op != "insert")
    new = "".join(op.text for op in ops if op.op != "delete")
    return old, new
