"""The terminal report: a header, then the pairs in new-document order.

Deletions and insertions are marked by the style (colour with strike-through
and underline on a terminal; ``[-old-]`` and ``{+new+}`` elsewhere).
Unchanged paragraphs are collapsed to one line per run unless ``show_all``.
Document text is shown safe (:mod:`declarediff.report.safe`): control characters as ``^[``,
bidirectional controls as ``<U+202E>``, and no line reads as a CI workflow command.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from declarediff.model import PAIR_KINDS, Comparison, Document, Finding, Pair
from declarediff.report import summary
from declarediff.report.safe import terminal, visible
from declarediff.report.style import RenderOptions, Style
from declarediff.rules import SEVERITIES
from declarediff.text import display_width


def _where(doc: Document, indices: Sequence[int], side: str = "") -> str:
    """``¶3 "2." line 9`` or ``¶5–¶6 "5.", "6." lines 14–17`` (1-based positions)."""
    paras = [doc.paragraphs[i] for i in indices]
    first, last = paras[0], paras[-1]
    pos = f"¶{first.index + 1}" if len(paras) == 1 else f"¶{first.index + 1}–¶{last.index + 1}"
    labels = [visible(p.label) for p in paras if p.label]
    lab = f" [{', '.join(labels)}]" if labels else ""
    lines = (
        f"line {first.line}"
        if last.end_line == first.line
        else f"lines {first.line}–{last.end_line}"
    )
    prefix = f"{side} " if side else ""
    return f"{prefix}{pos}{lab} {lines}"


def _header(c: Comparison, style: Style) -> list[str]:
    def side(tag: str, doc: Document) -> str:
        title = f" “{visible(doc.title)}”" if doc.title else ""
        source = visible(doc.source)
        return f"{tag} {source}{title}: {len(doc.paragraphs)} paragraphs, {doc.words:,} words"

    counts = (
        ", ".join(f"{c.stats.count(k)} {k}" for k in PAIR_KINDS if c.stats.count(k))
        or "no paragraphs"
    )
    renumbered = sum(1 for p in c.pairs if p.renumbered and p.kind in ("equal", "modified"))
    extra = f", {renumbered} renumbered" if renumbered else ""
    return [
        style.strong(side("---", c.old)),
        style.strong(side("+++", c.new)),
        f"changed: {c.stats.changed:.1%} of words "
        f"({c.stats.deleted_words:,} deleted, {c.stats.inserted_words:,} inserted); "
        f"{counts}{extra}",
    ]


def _old_label(c: Comparison, pair: Pair) -> str:
    """The label the pair's first old paragraph had, shown safe, or ``no label``."""
    return visible(c.old.paragraphs[pair.old[0]].label or "") or "no label"


def _pair_title(c: Comparison, pair: Pair) -> str:
    score = f" · similarity {pair.score:.2f}"
    if pair.kind == "deleted":
        return f"@@ {_where(c.old, pair.old, 'old')} · deleted"
    if pair.kind == "inserted":
        return f"@@ {_where(c.new, pair.new)} · inserted"
    here = _where(c.new, pair.new)
    there = _where(c.old, pair.old, "old")
    if pair.kind == "equal":
        what = "unchanged"
        if pair.renumbered:
            what += f" · renumbered from {_old_label(c, pair)}"
        return f"@@ {here} · {what}"
    if pair.kind == "moved":
        edit = "moved and modified" if pair.changed else "moved"
        return f"@@ {here} · {edit} from {there}{score if pair.changed else ''}"
    if pair.kind in ("split", "merged"):
        moved = ", moved" if pair.moved else ""
        return f"@@ {here} · {pair.kind}{moved} from {there}{score}"
    renum = ""
    if pair.renumbered:
        renum = f" · renumbered from {_old_label(c, pair)}"
    return f"@@ {here} · modified (was {there}){renum}{score}"


def paragraph_break(pair: Pair, k: int) -> bool:
    """Whether op ``k`` of a split or merge is only the white space between its paragraphs.

    The old paragraphs of a merge are joined by a line break, which the new text replaces by
    a space (and the reverse for a split): that change reads as the new text, unmarked.  Any
    other change of white space alone (``Africa and`` -> ``Africaand``) is drawn.
    """
    if pair.kind not in ("split", "merged") or pair.ops[k].text.strip():
        return False
    near = [pair.ops[j] for j in (k - 1, k, k + 1) if 0 <= j < len(pair.ops)]
    return any(op.op != "equal" and not op.text.strip() and "\n" in op.text for op in near)


def _body(pair: Pair, style: Style) -> str:
    """A pair's text with its changes marked; document text escaped before it is styled."""
    if pair.kind == "deleted":
        return style.deleted(visible("".join(op.text for op in pair.ops)))
    if pair.kind == "inserted":
        return style.inserted(visible("".join(op.text for op in pair.ops)))
    out = []
    for k, op in enumerate(pair.ops):
        text = visible(op.text)
        if op.op == "equal":
            out.append(text)
        elif paragraph_break(pair, k):
            if op.op == "insert":
                out.append(text)
        elif not op.text.strip():
            blank = style.deleted_blank if op.op == "delete" else style.inserted_blank
            out.append(blank(text))
        elif op.op == "delete":
            out.append(style.deleted(text))
        else:
            out.append(style.inserted(text))
    return "".join(out)


def _where_finding(c: Comparison, f: Finding) -> str:
    parts = []
    if f.new is not None:
        parts.append(_where(c.new, [f.new.paragraph]).rsplit(" line", 1)[0] + f" line {f.new.line}")
    if f.old is not None:
        parts.append(
            _where(c.old, [f.old.paragraph], "old").rsplit(" line", 1)[0] + f" line {f.old.line}"
        )
    return " · ".join(parts)


def _baseline(c: Comparison, style: Style) -> list[str]:
    """What the baseline did: findings suppressed, stale entries (listed briefly)."""
    line = summary.baseline_line(c)
    if line is None:
        return []
    lines = [style.strong(line)]
    shown, more = summary.stale_entries(c)
    lines.extend(f"  stale: {visible(entry)}" for entry in shown)
    if more:
        lines.append(f"  … and {summary.plural(more, 'more stale entry', 'more stale entries')}")
    return lines


def _findings(c: Comparison, style: Style) -> list[str]:
    if not c.findings:
        return ["", "findings: none", *_baseline(c, style), *_watch(c, style)]
    counts = Counter(f.severity for f in c.findings)
    found = ", ".join(
        f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in SEVERITIES if counts[s]
    )
    lines = ["", style.strong(f"findings: {found}"), *_baseline(c, style)]
    paint = {"error": style.deleted_plain, "warning": style.warn, "note": style.dim}
    for f in c.findings:
        head = f"{f.severity:<7} {f.code} {f.name}  {_where_finding(c, f)}"
        lines.append("  " + paint[f.severity](head))
        lines.append("          " + visible(f.message))
    lines.extend(_watch(c, style))
    return lines


def _watch(c: Comparison, style: Style) -> list[str]:
    """The watched phrases with their counts, old -> new; one in neither version is said so."""
    if not c.watch:
        return []
    lines = ["", style.strong("watched phrases (old -> new):")]
    phrases = [visible(w.phrase) for w in c.watch]
    wide = max(display_width(phrase) for phrase in phrases)
    for w, phrase in zip(c.watch, phrases, strict=True):
        note = summary.watch_note(w)
        counts = f"{w.old:>3} -> {w.new:<3}"
        text = f"  “{phrase}”{' ' * (wide - display_width(phrase))}  {counts}"
        if note:
            paint = style.warn if w.old == w.new == 0 or w.new == 0 else style.dim
            text += "  " + paint(note)
        lines.append(text.rstrip())
    return lines


def render(comparison: Comparison, options: RenderOptions, /) -> str:
    """The terminal report as one string ending in a newline: header, findings, pairs."""
    style = options.style
    lines = _header(comparison, style)
    lines.extend(_findings(comparison, style))
    if comparison.pairs:
        lines.append("")
        lines.append(style.strong("paragraphs:"))
    hidden: list[Pair] = []

    def flush() -> None:
        if not hidden:
            return
        first = comparison.new.paragraphs[hidden[0].new[0]].index + 1
        last = comparison.new.paragraphs[hidden[-1].new[0]].index + 1
        span = f"¶{first}" if first == last else f"¶{first}–¶{last}"
        noun = "paragraph" if len(hidden) == 1 else "paragraphs"
        lines.append("")
        lines.append(style.dim(f"   … {len(hidden)} unchanged {noun} ({span}); --all shows them"))
        hidden.clear()

    for pair in comparison.pairs:
        if pair.kind == "equal" and not options.show_all:
            hidden.append(pair)
            continue
        flush()
        lines.append("")
        lines.append(style.header(_pair_title(comparison, pair)))
        lines.append(_body(pair, style))
    flush()
    return terminal("\n".join(lines) + "\n", options.color)
