"""Old and new side by side in the terminal, aligned pair by pair.

The width is the terminal's (passed in by the CLI); each column gets half.
Text is wrapped by display width: wide (CJK) characters take two columns,
combining marks none, so Japanese stays aligned.  Deletions are marked in
the left column and insertions in the right, in colour (with strike-through
and underline) on a terminal and as ``[-…-]`` / ``{+…+}`` elsewhere.  Document
text is escaped (:mod:`declarediff.report.safe`) before it is wrapped, so the
escapes count in the widths.
"""

from __future__ import annotations

import re

from declarediff.model import Comparison, Pair
from declarediff.report.safe import no_commands, terminal, visible
from declarediff.report.style import RenderOptions, Style, visible_blanks
from declarediff.report.text import _findings, _header, _pair_title, paragraph_break
from declarediff.text import display_width as width

_PIECE = re.compile(
    r"\s+|[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+"
)
Segment = tuple[str, str]  # (text, kind): kind "", "del" or "ins"


def _cut(piece: str, room: int) -> tuple[str, str]:
    """Split a piece so the first part fits ``room`` columns (for words longer than a line)."""
    used = 0
    for k, ch in enumerate(piece):
        w = width(ch)
        if used + w > room:
            return piece[:k], piece[k:]
        used += w
    return piece, ""


def wrap(segments: list[Segment], cols: int) -> list[list[Segment]]:
    """Wrap styled segments into lines of at most ``cols`` display columns."""
    lines: list[list[Segment]] = [[]]
    used = 0

    def new_line() -> None:
        nonlocal used
        while lines[-1] and lines[-1][-1][0] == " ":
            lines[-1].pop()
        lines.append([])
        used = 0

    for text, kind in segments:
        for k, raw in enumerate(text.split("\n")):
            if k:
                new_line()
            for piece in _PIECE.findall(raw):
                if piece.isspace():
                    if used and used < cols:
                        lines[-1].append((" ", kind))
                        used += 1
                    continue
                rest = piece
                while rest:
                    w = width(rest)
                    if used + w <= cols:
                        lines[-1].append((rest, kind))
                        used += w
                        break
                    if used:
                        new_line()
                        continue
                    head, rest = _cut(rest, cols)
                    lines[-1].append((head, kind))
                    new_line()
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    return lines


def _paint(line: list[Segment], style: Style) -> tuple[str, int]:
    out, used = [], 0
    for text, kind in line:
        used += width(text)
        if kind == "del":
            out.append(style.deleted(text) if style.color else text)
        elif kind == "ins":
            out.append(style.inserted(text) if style.color else text)
        else:
            out.append(text)
    return "".join(out), used


def _sides(c: Comparison, pair: Pair, plain: bool) -> tuple[list[Segment], list[Segment]]:
    left: list[Segment] = []
    right: list[Segment] = []
    for k, op in enumerate(pair.ops):
        text = visible(op.text)
        if op.op == "equal":
            left.append((text, ""))
            right.append((text, ""))
        elif paragraph_break(pair, k):
            # The white space between the paragraphs of a split or merge: each side as written.
            (left if op.op == "delete" else right).append((text, ""))
        elif not op.text.strip():
            # A change of white space alone is drawn, or "Africa and" would read "Africaand".
            if op.op == "delete":
                left.append(("[- -]" if plain else visible_blanks(text), "del"))
            else:
                right.append(("{+ +}" if plain else visible_blanks(text), "ins"))
        elif op.op == "delete":
            left.append((f"[-{text}-]" if plain else text, "del"))
        else:
            right.append((f"{{+{text}+}}" if plain else text, "ins"))
    del c
    return left, right


def _row(ltext: str, lused: int, rtext: str, col: int) -> str:
    """One row: the left column padded to ``col`` columns, the bar, the right column.

    A row whose left text would read as a CI workflow command (``::``, ``##[``) gets its
    backslash here, counted in the width (where the left column is full, the bar's leading
    space makes room for it, so the bar stays in its column).
    """
    safe = no_commands(ltext)
    gap = col - (lused + len(safe) - len(ltext))
    bar = " │ " if gap >= 0 else "│ "
    return (safe + " " * gap + bar + no_commands(rtext)).rstrip()


def render(comparison: Comparison, options: RenderOptions, /) -> str:
    """The side-by-side report as one string ending in a newline."""
    style = options.style
    total = max(40, options.width)
    col = (total - 3) // 2
    lines = _header(comparison, style)
    lines.extend(_findings(comparison, style))
    for pair in comparison.pairs:
        if pair.kind == "equal" and not options.show_all:
            continue
        lines.append("")
        lines.append(style.header(_pair_title(comparison, pair)))
        left, right = _sides(comparison, pair, plain=not style.color)
        lw, rw = wrap(left, col), wrap(right, col)
        for k in range(max(len(lw), len(rw))):
            ltext, lused = _paint(lw[k], style) if k < len(lw) else ("", 0)
            rtext, _ = _paint(rw[k], style) if k < len(rw) else ("", 0)
            lines.append(_row(ltext, lused, rtext, col))
    return terminal("\n".join(lines) + "\n", options.color)
