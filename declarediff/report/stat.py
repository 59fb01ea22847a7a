"""A one-screen summary of a comparison, like ``git diff --stat``.

The two sources, paragraph counts by kind, sentences and words changed, findings by code,
and the most changed paragraphs with a bar of their deleted (``-``) and inserted (``+``)
words: at most about 30 lines, each within :data:`WIDTH` display columns.  Colour (red and
green bars, coloured severities) only when ``options.color``.  File names, labels and
watched phrases are escaped (:mod:`declarediff.report.safe`) before they are measured.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import attrs

from declarediff.model import JOIN, Comparison, Document, Pair
from declarediff.report import summary
from declarediff.report.safe import terminal, visible
from declarediff.report.style import RenderOptions, Style
from declarediff.report.text import paragraph_break
from declarediff.rules import CODES, SEVERITIES
from declarediff.text import count_words
from declarediff.text import display_width as width

WIDTH = 80
TOP = 10  # most changed paragraphs listed
BAR = 30  # columns of the longest bar
Sentence = tuple[int, int]  # (paragraph index, sentence index)


@attrs.frozen
class Change:
    """How much one pair changed: words deleted and inserted, and sentences touched."""

    pair: Pair
    deleted: int
    inserted: int
    old_sentences: frozenset[Sentence]  # (paragraph, sentence) of the old document
    new_sentences: frozenset[Sentence]

    @property
    def words(self) -> int:
        """Words deleted plus words inserted."""
        return self.deleted + self.inserted


def _touched(doc: Document, indices: Sequence[int], spans: list[tuple[int, int]]) -> set[Sentence]:
    """The sentences of ``doc`` that the character spans touch; the spans are offsets in the
    texts of the paragraphs ``indices`` joined as in the pair's ops."""
    out: set[Sentence] = set()
    offset = 0
    for i in indices:
        para = doc.paragraphs[i]
        for start, end in spans:
            a, b = start - offset, end - offset
            if b < 0 or a > len(para.text):
                continue
            if not para.sentences:
                out.add((i, 0))
            out.update((i, k) for k, s in enumerate(para.sentences) if s.start <= b and a <= s.end)
        offset += len(para.text) + len(JOIN)
    return out


def change(c: Comparison, pair: Pair) -> Change:
    """Words and sentences a pair changed (a whole inserted or deleted paragraph counts whole)."""
    deleted = inserted = 0
    old_spans: list[tuple[int, int]] = []
    new_spans: list[tuple[int, int]] = []
    a = b = 0  # offsets in the old and new texts
    for k, op in enumerate(pair.ops):
        n = len(op.text)
        if op.op == "equal":
            a, b = a + n, b + n
            continue
        counted = pair.changed and not paragraph_break(pair, k)
        if op.op == "delete":
            if counted:
                deleted += count_words(op.text)
                old_spans.append((a, a + n))
            a += n
        else:
            if counted:
                inserted += count_words(op.text)
                new_spans.append((b, b + n))
            b += n
    return Change(
        pair,
        deleted,
        inserted,
        frozenset(_touched(c.old, pair.old, old_spans)),
        frozenset(_touched(c.new, pair.new, new_spans)),
    )


def _fit(text: str, room: int) -> str:
    """Text cut from the left to ``room`` display columns (a path keeps its file name)."""
    if width(text) <= room:
        return text
    out = text
    while out and width(out) > room - 1:
        out = out[1:]
    return "…" + out


def _cut(text: str, room: int) -> str:
    """Text cut from the right to ``room`` display columns."""
    if width(text) <= room:
        return text
    out = text
    while out and width(out) > room - 1:
        out = out[:-1]
    return out + "…"


def _place(c: Comparison, pair: Pair) -> str:
    """``¶6 [4.]`` on the new side, or ``old ¶8 [6.]`` for a deleted paragraph."""
    doc, indices, prefix = (c.new, pair.new, "") if pair.new else (c.old, pair.old, "old ")
    paras = [doc.paragraphs[i] for i in indices]
    pos = f"¶{paras[0].index + 1}" + (f"–¶{paras[-1].index + 1}" if len(paras) > 1 else "")
    labels = [visible(p.label) for p in paras if p.label]
    return f"{prefix}{pos}" + (f" [{', '.join(labels)}]" if labels else "")


def _kind(pair: Pair) -> str:
    if pair.kind == "moved" and pair.changed:
        return "moved+mod"
    return pair.kind


def _bar(ch: Change, scale: float, style: Style) -> str:
    plus = round(ch.inserted * scale)
    minus = round(ch.deleted * scale)
    if ch.inserted and not plus:
        plus = 1
    if ch.deleted and not minus:
        minus = 1
    if not style.color:
        return "+" * plus + "-" * minus
    return (style.green("+" * plus) if plus else "") + (style.red("-" * minus) if minus else "")


def render(comparison: Comparison, options: RenderOptions, /) -> str:
    """The summary as lines of at most :data:`WIDTH` columns, ending in a newline."""
    c = comparison
    style = options.style
    changes = [change(c, p) for p in c.pairs if p.kind != "equal" or p.changed]
    old_touched = {s for ch in changes for s in ch.old_sentences}
    new_touched = {s for ch in changes for s in ch.new_sentences}
    old_total = sum(max(1, len(p.sentences)) for p in c.old.paragraphs)
    new_total = sum(max(1, len(p.sentences)) for p in c.new.paragraphs)
    room = WIDTH - len("--- ")
    lines = [
        style.strong("--- " + _fit(visible(c.old.source), room)),
        style.strong("+++ " + _fit(visible(c.new.source), room)),
    ]
    counts = {k: c.stats.count(k) for k in ("equal", "modified", "moved", "split", "merged")}
    counts.update(inserted=c.stats.count("inserted"), deleted=c.stats.count("deleted"))
    parts = [
        f"{counts['equal']} kept",
        f"{counts['modified']} modified",
        f"{counts['moved']} moved",
    ]
    parts += [f"{counts[k]} {k}" for k in ("split", "merged") if counts[k]]
    parts += [f"{counts['inserted']} inserted", f"{counts['deleted']} deleted"]
    head = f"paragraphs: {len(c.old.paragraphs)} -> {len(c.new.paragraphs)}:"
    kinds = ", ".join(parts)
    if width(f"{head} {kinds}") <= WIDTH:
        lines.append(f"{head} {kinds}")
    else:  # with splits and merges too, the kinds take a line of their own
        lines += [head, f"  {kinds}"]
    lines.append(
        f"sentences changed: {len(old_touched):,} of {old_total:,} old, "
        f"{len(new_touched):,} of {new_total:,} new"
    )
    lines.append(
        f"words: {c.stats.deleted_words:,} deleted, {c.stats.inserted_words:,} inserted "
        f"({c.stats.changed:.1%} of {c.old.words + c.new.words:,} changed)"
    )
    # Findings by code, in the rules' order (most severe codes first).
    by_code = Counter(f.code for f in c.findings)
    severity = Counter(f.severity for f in c.findings)
    lines.append("")
    if c.findings:
        tally = ", ".join(summary.plural(severity[s], s) for s in SEVERITIES if severity[s])
        lines.append(style.strong(f"findings: {len(c.findings):,} ({tally})"))
        paint = {"error": style.deleted_plain, "warning": style.warn, "note": style.dim}
        for rule in CODES:
            if by_code[rule.code]:
                text = f"  {rule.code} {rule.name:<24} {by_code[rule.code]:>5}  "
                lines.append(text + paint[rule.severity](rule.severity))
    else:
        lines.append("findings: none")
    baseline = summary.baseline_line(c)
    if baseline is not None:
        lines.append(_cut(baseline, WIDTH))
    if c.watch:
        missing = [w for w in c.watch if w.old == w.new == 0]
        gone = [w for w in c.watch if w.old and not w.new]
        text = f"watched: {summary.plural(len(c.watch), 'phrase')}"
        if gone:
            text += f", {len(gone)} gone from the new version"
        if missing:
            names = ", ".join(f"“{visible(w.phrase)}”" for w in missing)
            text += f", {len(missing)} in neither version ({names})"
        lines.append(_cut(text, WIDTH))
    # The most changed paragraphs, most words changed first (document order breaks ties).
    top = sorted((ch for ch in changes if ch.words), key=lambda ch: -ch.words)[:TOP]
    if top:
        lines.append("")
        more = sum(1 for ch in changes if ch.words) - len(top)
        title = "most changed paragraphs (words deleted -, inserted +)"
        lines.append(style.strong(title + (f"; {more} more" if more else "")))
        most = max(ch.words for ch in top)
        scale = min(1.0, BAR / most)
        place_width = min(20, max(width(_place(c, ch.pair)) for ch in top))
        for ch in top:
            place = _cut(_place(c, ch.pair), place_width)
            pad = " " * (place_width - width(place))
            head = f"  {place}{pad}  {_kind(ch.pair):<9} {ch.words:>5} "
            lines.append(head + _bar(ch, scale, style))
    return terminal("\n".join(lines) + "\n", options.color)
