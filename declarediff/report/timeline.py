"""Renderers of a :class:`~declarediff.history.History`: a timeline of clauses x editions.

Marks per edition: ``●`` present as before, ``◐`` present and reworded, ``·`` absent.
Dropped and added lineages come first.  Text, Markdown, HTML (self-contained,
escaped) and JSON (``declarediff-history/1``).
"""

from __future__ import annotations

import html as _html
import os

from declarediff import jsontext
from declarediff.model import History, Lineage
from declarediff.registry import TIMELINE_RENDERERS
from declarediff.report.markdown import escape as md_escape
from declarediff.report.safe import terminal, visible
from declarediff.report.style import RenderOptions
from declarediff.text import display_width as width

# The timeline formats (see declarediff.registry).
FORMATS = TIMELINE_RENDERERS.names
PRESENT, REWORDED, ABSENT = "●", "◐", "·"


def _mark(lin: Lineage, edition: int) -> str:
    if not lin.presence[edition]:
        return ABSENT
    return REWORDED if lin.reworded(edition) else PRESENT


def _name(source: str) -> str:
    base = os.path.basename(source.rsplit(":", maxsplit=1)[-1]) or source
    return os.path.splitext(base)[0]


def _latest(lin: Lineage) -> str:
    text = next(t for t in reversed(lin.texts) if t is not None)
    return " ".join(text.split())


def _short(text: str, limit: int) -> str:
    out, used = "", 0
    for ch in text:
        if used + width(ch) > limit - 1:
            return out + "…"
        out += ch
        used += width(ch)
    return out


def render_text(h: History, options: RenderOptions) -> str:
    """The timeline table for the terminal."""
    style = options.style
    names = [visible(_name(d.source)) for d in h.documents]
    col = max(4, *(width(n) for n in names))
    lines = [
        style.strong(f"declarediff history: {len(h.documents)} editions, {len(h.clauses)} clauses")
    ]
    for k, d in enumerate(h.documents):
        title = f" “{visible(d.title)}”" if d.title else ""
        lines.append(f"  [{k + 1}] {visible(d.source)}{title}")
    counts = {
        s: sum(1 for c in h.clauses if c.status == s)
        for s in ("dropped", "added", "intermittent", "kept")
    }
    lines.append("  " + ", ".join(f"{n} {s}" for s, n in counts.items() if n))
    lines.append(f"  marks: {PRESENT} present  {REWORDED} reworded  {ABSENT} absent")
    lines.append("")
    head = "id    status        " + " ".join(n.rjust(col) for n in names) + "  clause"
    lines.append(style.strong(head))
    for lin in h.clauses:
        marks = " ".join(_mark(lin, k).rjust(col) for k in range(len(names)))
        text = _short(visible(_latest(lin)), max(30, options.width - len(head) + 6))
        row = f"{lin.id:<5} {lin.status:<13} {marks}  {text}"
        if lin.status == "dropped":
            row = style.deleted_plain(row)
        elif lin.status == "added":
            row = style.warn(row)
        lines.append(row)
    notes = _joins(h, names)
    if notes:
        lines.append("")
        lines.extend(f"  {n}" for n in notes)
    if h.findings:
        lines.append("")
        lines.append(style.strong(f"findings: {len(h.findings)}"))
        lines.extend(
            f"  {f.severity:<7} {f.code} {f.name}  {visible(f.message)}" for f in h.findings
        )
    return terminal("\n".join(lines) + "\n", options.color)


def render_json(h: History, options: RenderOptions) -> str:
    """The JSON contract ``declarediff-history/1``."""
    del options
    return jsontext.dumps(h.to_dict())


def render_markdown(h: History, options: RenderOptions) -> str:
    """The timeline as a Markdown table."""
    del options
    names = [md_escape(_name(d.source)) for d in h.documents]
    out = [
        "## declarediff history",
        "",
        f"{len(h.documents)} editions, {len(h.clauses)} clauses. "
        f"{PRESENT} present, {REWORDED} reworded, {ABSENT} absent.",
        "",
        "| id | status | " + " | ".join(names) + " | clause |",
        "|---|---|" + "---|" * len(names) + "---|",
    ]
    for lin in h.clauses:
        marks = " | ".join(_mark(lin, k) for k in range(len(names)))
        out.append(f"| {lin.id} | {lin.status} | {marks} | {md_escape(_latest(lin))} |")
    notes = _joins(h, [_name(d.source) for d in h.documents])
    if notes:
        out.append("")
        out.extend(f"- {md_escape(n)}" for n in notes)
    return "\n".join(out) + "\n"


def _joins(h: History, names: list[str]) -> list[str]:
    """One line per merge and split: "C1 merged with C2 in edition-2023"."""
    notes: list[str] = []
    for lin in h.clauses:
        for m in lin.merges:
            notes.append(f"{lin.id} merged with {', '.join(m.with_)} in {names[m.edition]}")
        for k in range(1, len(lin.sentences)):
            if lin.sentences[k] > 1 and lin.sentences[k - 1] < lin.sentences[k]:
                notes.append(f"{lin.id} split into {lin.sentences[k]} sentences in {names[k]}")
    return notes


_CSS = (
    'body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1d2330}'
    "table{border-collapse:collapse;width:100%}"
    "th,td{border-bottom:1px solid #dde1e8;padding:.35rem .5rem;text-align:left;"
    "vertical-align:top}th{background:#f4f6f9}td.m{text-align:center;font-size:1.1rem}"
    "tr.dropped td:first-child{border-left:4px solid #b5401b}"
    "tr.added td:first-child{border-left:4px solid #1a5fa0}"
    "tr.intermittent td:first-child{border-left:4px dashed #8a6d00}"
    ".s{font-size:.85rem;color:#586274}"
    ":lang(ja){line-break:strict;word-break:normal;overflow-wrap:anywhere}"
)


def render_html(h: History, options: RenderOptions) -> str:
    """The timeline as one self-contained, escaped HTML page."""
    del options

    def e(text: str, quote: bool = True) -> str:
        return _html.escape(visible(text), quote=quote)

    names = [_name(d.source) for d in h.documents]
    rows = []
    for lin in h.clauses:
        cells = []
        for k in range(len(names)):
            text = lin.texts[k]
            title = e(text, quote=True) if text else "absent"
            cells.append(f'<td class="m" title="{title}">{_mark(lin, k)}</td>')
        rows.append(
            f'<tr class="{lin.status}"><td>{lin.id}</td><td class="s">{lin.status}<br>{e(lin.cls)}'
            f"</td>{''.join(cells)}<td>{e(_latest(lin))}</td></tr>"
        )
    head = "".join(f"<th>{e(n)}</th>" for n in names)
    return (
        '<!doctype html>\n<html><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\"><title>declarediff history</title>"
        f"<style>{_CSS}</style></head><body><h1>declarediff history</h1>"
        f"<p>{len(h.documents)} editions, {len(h.clauses)} clauses. {PRESENT} present, "
        f"{REWORDED} reworded, {ABSENT} absent; hover a mark for the clause's text there.</p>"
        f"<table><thead><tr><th>id</th><th>status</th>{head}<th>clause (latest text)</th></tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table></body></html>\n"
    )
