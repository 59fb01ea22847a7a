"""Markdown for a pull-request comment or ``$GITHUB_STEP_SUMMARY``.

A summary table, the findings, then the changed paragraphs with deletions
and insertions marked (``<del>`` struck through and ``<ins>`` underlined, so
they read without colour).  Document text is escaped: control characters are shown
(``^[``, ``<U+202E>``: :mod:`declarediff.report.safe`), HTML special characters
become entities and Markdown punctuation is backslash-escaped, so a document
cannot inject markup, and a line that would begin with ``::`` (a CI workflow command)
begins with ``\\::``, which Markdown shows as ``::``.  The report stays under GitHub's 1 MiB
summary limit, or the limit given (``--markdown-limit``): past it, the findings table keeps
the rows that fit and the changed paragraphs follow while they fit, and a last note says how
many of each were left out and which limit applied.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from declarediff.model import PAIR_KINDS, Comparison, Document, Finding, Pair
from declarediff.report import summary
from declarediff.report.safe import no_commands, visible
from declarediff.report.style import RenderOptions, visible_blanks
from declarediff.report.text import paragraph_break
from declarediff.rules import SEVERITIES

# GitHub accepts 1 MiB (1,048,576 bytes) per step summary; leave room for the closing note.
MAX_BYTES = 1_000_000
_MD_PUNCT = re.compile(r"([\\`*_{}\[\]()#+\-!|~>])")
_ICON = {"error": "🔴", "warning": "🟠", "note": "🔵"}


def escape(text: str) -> str:
    """Escape document text for Markdown: control characters shown, HTML entities, then
    Markdown punctuation."""
    return _MD_PUNCT.sub(r"\\\1", html.escape(visible(text), quote=False))


def _cell(text: str) -> str:
    return escape(" ".join(text.split()))


def _where(doc: Document, indices: tuple[int, ...], prefix: str = "") -> str:
    if not indices:
        return ""
    paras = [doc.paragraphs[i] for i in indices]
    pos = f"¶{paras[0].index + 1}" + (f"–¶{paras[-1].index + 1}" if len(paras) > 1 else "")
    labels = " ".join(p.label for p in paras if p.label)
    lab = f" {escape(labels)}" if labels else ""
    return f"{prefix}{pos}{lab} (line {paras[0].line})"


def _ops(pair: Pair) -> str:
    out = []
    for k, op in enumerate(pair.ops):
        text = escape(op.text).replace("\n", "<br>")
        if pair.kind in {"deleted", "inserted"}:
            tag = "del" if pair.kind == "deleted" else "ins"
            out.append(f"<{tag}>{text}</{tag}>" if text.strip() else text)
        elif op.op == "equal":
            out.append(text)
        elif paragraph_break(pair, k):
            # The white space between the paragraphs of a split or merge reads as the new text.
            if op.op == "insert":
                out.append(text)
        elif not op.text.strip():
            # A change of white space alone is drawn, or "Africa and" would read "Africaand".
            tag = "del" if op.op == "delete" else "ins"
            out.append(f"<{tag}>{visible_blanks(op.text)}</{tag}>")
        else:
            tag = "del" if op.op == "delete" else "ins"
            out.append(f"<{tag}>{text}</{tag}>")
    return "".join(out)


def _title(c: Comparison, pair: Pair) -> str:
    new, old = _where(c.new, pair.new), _where(c.old, pair.old, "old ")
    if pair.kind == "inserted":
        return f"{new} · inserted"
    if pair.kind == "deleted":
        return f"{old} · deleted"
    what = {"modified": "modified", "moved": "moved" + (" and modified" if pair.changed else "")}
    kind = what.get(pair.kind, pair.kind)
    return f"{new} · {kind} · from {old} · similarity {pair.score:.2f}"


def _head(c: Comparison) -> str:
    counts = Counter(f.severity for f in c.findings)
    found = (
        ", ".join(
            f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in SEVERITIES if counts[s]
        )
        or "none"
    )
    kinds = ", ".join(f"{c.stats.count(k)} {k}" for k in PAIR_KINDS if c.stats.count(k))
    head = [
        "## declarediff",
        "",
        "| | old | new |",
        "|---|---|---|",
        f"| source | <code>{html.escape(visible(c.old.source))}</code> "
        f"| <code>{html.escape(visible(c.new.source))}</code> |",
        f"| title | {_cell(c.old.title or '')} | {_cell(c.new.title or '')} |",
        f"| paragraphs | {len(c.old.paragraphs)} | {len(c.new.paragraphs)} |",
        f"| words | {c.old.words:,} | {c.new.words:,} |",
        "",
        f"**Changed:** {c.stats.changed:.1%} of words ({c.stats.deleted_words:,} deleted, "
        f"{c.stats.inserted_words:,} inserted); {kinds or 'no paragraphs'}.  ",
        f"**Findings:** {found}.",
    ]
    line = summary.baseline_line(c)
    if line is not None:
        head[-1] += "  "
        head.append(f"**Baseline:** {escape(line.removeprefix('baseline: '))}.")
        shown, more = summary.stale_entries(c)
        if shown or more:
            head.append("")
            head.extend(f"- stale: {escape(entry)}" for entry in shown)
            if more:
                head.append(
                    f"- … and {summary.plural(more, 'more stale entry', 'more stale entries')}"
                )
    if c.watch:
        head += ["", "**Watched phrases:**", "", "| phrase | old | new | |", "|---|---|---|---|"]
        for w in c.watch:
            note = summary.watch_note(w)
            if w.old == w.new == 0:
                note = f"⚠️ {note}"
            head.append(f"| {_cell(w.phrase)} | {w.old} | {w.new} | {note} |")
    return no_commands("\n".join(head))


def _finding_row(f: Finding, limit: int = 0) -> str:
    where = []
    if f.new:
        where.append(f"¶{f.new.paragraph + 1} line {f.new.line}")
    if f.old:
        where.append(f"old ¶{f.old.paragraph + 1} line {f.old.line}")
    message = summary.short(f.message, limit) if limit else f.message
    return (
        f"| {_ICON[f.severity]} {f.severity} | {f.code} {f.name} | {' · '.join(where)} "
        f"| {_cell(message)} |"
    )


_TABLE_HEAD = "### Findings\n\n| | code | where | finding |\n|---|---|---|---|"
_PARAGRAPHS_HEAD = "### Changed paragraphs"
# Findings messages are cut to this many characters when the report is truncated, so that
# more of the table fits.
SHORT_MESSAGE = 160


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _notice(limit: int, rows: tuple[int, int], paragraphs: tuple[int, int], cut: bool) -> str:
    """The note that says what a truncated report left out: (shown, total) rows and paragraphs."""
    left = []
    if rows[0] < rows[1]:
        left.append(f"{rows[1] - rows[0]:,} of {summary.plural(rows[1], 'finding row')}")
    if paragraphs[0] < paragraphs[1]:
        left.append(
            f"{paragraphs[1] - paragraphs[0]:,} of "
            f"{summary.plural(paragraphs[1], 'changed paragraph')}"
        )
    what = " and ".join(left) or "nothing"
    shortened = f" Finding messages are cut to {SHORT_MESSAGE} characters." if cut else ""
    return (
        f"> **Report truncated** to the limit of {limit:,} bytes: {what} not shown.{shortened} "
        "Run `declarediff` locally for the full report."
    )


def render(comparison: Comparison, options: RenderOptions, /) -> str:
    """The Markdown report, at most ``options.max_chars`` (else :data:`MAX_BYTES`) bytes of UTF-8.

    Past the limit the findings table keeps as many rows as fit (their messages shortened),
    then the changed paragraphs as many as fit, and a last note says how many rows and
    paragraphs were left out and which limit applied.
    """
    c = comparison
    limit = options.max_chars or MAX_BYTES
    head = _head(c)
    changed = [p for p in c.pairs if p.kind != "equal"]
    paragraphs = [no_commands(f"#### {_title(c, pair)}\n\n{_ops(pair)}") for pair in changed]
    rows = [_finding_row(f) for f in c.findings]

    def assemble(rows: list[str], paras: list[str], notice: str | None) -> str:
        blocks = [head]
        if rows:
            blocks.append("\n".join([_TABLE_HEAD, *rows]))
        if paras:
            blocks.append(_PARAGRAPHS_HEAD)
            blocks.extend(paras)
        if notice is not None:
            blocks.append(notice)
        return "\n\n".join(blocks) + "\n"

    full = assemble(rows, paragraphs, None)
    if _size(full) <= limit:
        return full
    # Truncated: the head, the findings rows that fit, then the paragraphs that fit, then the
    # note.  Sizes are counted in UTF-8 bytes; the note's own size is counted with its numbers.
    cut = False
    if _size(assemble(rows, [], None)) > limit // 2:
        rows = [_finding_row(f, SHORT_MESSAGE) for f in c.findings]
        cut = any(len(" ".join(f.message.split())) > SHORT_MESSAGE for f in c.findings)
    total_rows, total_paras = len(rows), len(paragraphs)

    def notice(n_rows: int, n_paras: int) -> str:
        return _notice(limit, (n_rows, total_rows), (n_paras, total_paras), cut)

    # Each row costs its bytes and a newline; the table's head costs itself and a block break.
    base = _size(head) + 1
    used = base + (_size(_TABLE_HEAD) + 2 if rows else 0)
    n_rows = 0
    for row in rows:
        if used + _size(row) + 1 + 2 + _size(notice(n_rows + 1, 0)) > limit:
            break
        used += _size(row) + 1
        n_rows += 1
    if n_rows == 0:
        used = base
    n_paras = 0
    if n_rows == total_rows and paragraphs:
        used += _size(_PARAGRAPHS_HEAD) + 2
        for para in paragraphs:
            if used + _size(para) + 2 + 2 + _size(notice(n_rows, n_paras + 1)) > limit:
                break
            used += _size(para) + 2
            n_paras += 1
    out = assemble(rows[:n_rows], paragraphs[:n_paras], notice(n_rows, n_paras))
    if _size(out) > limit:
        # Only a head larger than the limit (very long file names) comes here: cut it hard.
        note = notice(0, 0)
        room = max(0, limit - _size(note) - 3)
        out = head.encode("utf-8")[:room].decode("utf-8", "ignore") + "\n\n" + note + "\n"
    return out
