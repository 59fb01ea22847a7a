"""Markdown for a pull-request comment or ``$GITHUB_STEP_SUMMARY``.

A summary table, the findings, then the changed paragraphs with deletions
and insertions marked (``<del>`` struck through and ``<ins>`` underlined, so
they read without colour).  Document text is escaped: HTML special characters
become entities and Markdown punctuation is backslash-escaped, so a document
cannot inject markup.  The report stays under GitHub's 1 MiB summary limit:
past :data:`MAX_BYTES` it stops and says what was left out.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from declarediff.model import PAIR_KINDS, Comparison, Document, Pair
from declarediff.report.style import RenderOptions
from declarediff.rules import SEVERITIES

# GitHub accepts 1 MiB (1,048,576 bytes) per step summary; leave room for the closing note.
MAX_BYTES = 1_000_000
_MD_PUNCT = re.compile(r"([\\`*_{}\[\]()#+\-!|~>])")
_ICON = {"error": "🔴", "warning": "🟠", "note": "🔵"}


def escape(text: str) -> str:
    """Escape document text for Markdown: HTML entities, then Markdown punctuation."""
    return _MD_PUNCT.sub(r"\\\1", html.escape(text, quote=False))


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
    for op in pair.ops:
        text = escape(op.text).replace("\n", "<br>")
        if pair.kind == "deleted" or op.op == "delete":
            out.append(f"<del>{text}</del>" if text.strip() else text)
        elif pair.kind == "inserted" or op.op == "insert":
            out.append(f"<ins>{text}</ins>" if text.strip() else text)
        else:
            out.append(text)
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


def render(comparison: Comparison, options: RenderOptions, /) -> str:
    """The Markdown report, at most :data:`MAX_BYTES` bytes of UTF-8."""
    c = comparison
    limit = options.max_chars or MAX_BYTES
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
        f"| source | <code>{html.escape(c.old.source)}</code> "
        f"| <code>{html.escape(c.new.source)}</code> |",
        f"| title | {_cell(c.old.title or '')} | {_cell(c.new.title or '')} |",
        f"| paragraphs | {len(c.old.paragraphs)} | {len(c.new.paragraphs)} |",
        f"| words | {c.old.words:,} | {c.new.words:,} |",
        "",
        f"**Changed:** {c.stats.changed:.1%} of words ({c.stats.deleted_words:,} deleted, "
        f"{c.stats.inserted_words:,} inserted); {kinds or 'no paragraphs'}.  ",
        f"**Findings:** {found}.",
    ]
    blocks: list[str] = ["\n".join(head)]
    if c.findings:
        rows = ["### Findings", "", "| | code | where | finding |", "|---|---|---|---|"]
        for f in c.findings:
            where = []
            if f.new:
                where.append(f"¶{f.new.paragraph + 1} line {f.new.line}")
            if f.old:
                where.append(f"old ¶{f.old.paragraph + 1} line {f.old.line}")
            rows.append(
                f"| {_ICON[f.severity]} {f.severity} | {f.code} {f.name} | {' · '.join(where)} "
                f"| {_cell(f.message)} |"
            )
        blocks.append("\n".join(rows))
    changed = [p for p in c.pairs if p.kind != "equal"]
    if changed:
        blocks.append("### Changed paragraphs")
        for pair in changed:
            blocks.append(f"#### {_title(c, pair)}\n\n{_ops(pair)}")
    out: list[str] = []
    size = 0
    for k, block in enumerate(blocks):
        cost = len(block.encode("utf-8")) + 2
        if size + cost > limit - 400:
            rest = len(blocks) - k
            out.append(
                f"> **Report truncated:** {rest} more section{'s' if rest != 1 else ''} not shown, "
                f"to stay under GitHub's 1 MiB summary limit. Run `declarediff` locally for the "
                "full report."
            )
            break
        out.append(block)
        size += cost
    return "\n\n".join(out) + "\n"
