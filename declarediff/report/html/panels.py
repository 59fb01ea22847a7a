"""The panels above the document view: dropped, weakened, added and other changed
commitments, changed figures, watched phrases, and the table of findings, each entry linking
to where it stands in the text.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from declarediff.model import Commitment
from declarediff.report.html.common import Report, esc, plural
from declarediff.rules import SEVERITIES


def _quote(r: Report, side: str, text: str) -> str:
    return f'<span class="dd-q"{r.lang_attr(side)}>“{esc(text)}”</span>'


def _commitment_item(r: Report, cm: Commitment, tag: bool = False) -> str:
    main, other = ("o", cm.old), ("n", cm.new)
    if cm.old is None:
        main, other = other, main
    side, clause = main
    assert clause is not None
    label = f'<span class="dd-tag">{esc(cm.status)}</span>' if tag else ""
    why = "; ".join(cm.reasons)
    why_html = f'<span class="dd-why">{esc(cm.cls)}{" · " + esc(why) if why else ""}</span>'
    also = ""
    oside, oclause = other
    ev = cm.evidence
    if oclause is not None:
        word = "now" if oside == "n" else "was"
        where = r.link(oside, oclause.paragraph, oclause.line, oclause.sentence, "dd-also")
        also = (
            f'<span class="dd-why dd-q dd-q2"{r.lang_attr(oside)}>{word}: “{esc(oclause.text)}”'
            f"</span>{where}"
        )
        for extra in ev.carriers[1:]:
            where = r.link(oside, extra.paragraph, extra.line, extra.sentence, "dd-also")
            also += (
                f'<span class="dd-why dd-q dd-q2"{r.lang_attr(oside)}>and: “{esc(extra.text)}”'
                f"</span>{where}"
            )
    elif ev.carriers:
        closest = ev.carriers[0]
        where = r.link(oside, closest.paragraph, closest.line, closest.sentence, "dd-also")
        lacks = f"; lacks {', '.join(ev.lacks[:4])}" if ev.lacks else ""
        also = (
            f'<span class="dd-why dd-q dd-q2"{r.lang_attr(oside)}>closest (similarity '
            f"{ev.similarity:.2f}{esc(lacks)}): “{esc(closest.text)}”</span>{where}"
        )
    href = r.target(side, clause.paragraph, clause.sentence)
    return (
        f'<li><a class="dd-go" href="#{href}"><span class="dd-where">{label}'
        f"{r.where(side, clause.paragraph, clause.line)}</span>{_quote(r, side, clause.text)}</a>"
        f"{why_html}{also}</li>"
    )


def _panel(cls: str, title: str, items: Sequence[str], empty: str = "None.") -> str:
    body = f"<ol>{''.join(items)}</ol>" if items else f'<p class="dd-none">{empty}</p>'
    return (
        f'<section class="dd-panel {cls}"><h2>{title}<span class="dd-count">{len(items)}</span>'
        f"</h2>{body}</section>"
    )


def _figures(r: Report) -> list[str]:
    out = []
    for fc in r.c.figures:
        old = (
            f"<del>{esc(fc.old)}</del>" if fc.old is not None else '<span class="dd-muted">—</span>'
        )
        new = (
            f"<ins>{esc(fc.new)}</ins>" if fc.new is not None else '<span class="dd-muted">—</span>'
        )
        side, para, line = ("o", fc.old_paragraph, fc.old_line)
        if para is None:
            side, para, line = ("n", fc.new_paragraph, fc.new_line)
        also = ""
        if fc.old_paragraph is not None and fc.new_paragraph is not None:
            also = f" → {r.link('n', fc.new_paragraph, fc.new_line, cls='dd-also')}"
        where = r.link(side, para, line, cls="dd-also")
        out.append(
            f'<li><span class="dd-fig">{old} → {new}</span> <span class="dd-muted">'
            f"{esc(fc.type)}{' · ' + esc(fc.context) if fc.context else ''}</span>"
            f'<span class="dd-why">{where}{also}</span></li>'
        )
    return out


def _watch(r: Report) -> list[str]:
    out = []
    for w in r.c.watch:
        side, first = ("n", w.new_first) if w.new else ("o", w.old_first)
        state = "dropped" if w.old and not w.new else "new" if w.new and not w.old else ""
        tag = f'<span class="dd-tag">{state}</span>' if state else ""
        where = r.link(side, first, cls="dd-also") if first is not None else ""
        out.append(
            f'<li>{tag}<q>{esc(w.phrase)}</q> <span class="dd-fig">{w.old} → {w.new}</span>'
            f'<span class="dd-why">{where}</span></li>'
        )
    return out


def _findings(r: Report) -> str:
    c = r.c
    counts = Counter(f.severity for f in c.findings)
    summary = ", ".join(plural(counts[s], s) for s in SEVERITIES if counts[s]) or "none"
    rows = []
    for f in c.findings:
        where = " ".join(
            link
            for link in (
                r.link("o", f.old.paragraph, f.old.line, cls="") if f.old else "",
                r.link("n", f.new.paragraph, f.new.line, cls="") if f.new else "",
            )
            if link
        )
        sev = esc(f.severity)
        rows.append(
            f'<tr class="dd-sev-{sev}"><td class="dd-nowrap"><span class="dd-sev">{sev}</span></td>'
            f'<td class="dd-nowrap"><code>{esc(f.code)}</code> {esc(f.name)}</td>'
            f'<td class="dd-nowrap">{where}</td><td>{esc(f.message)}</td></tr>'
        )
    table = (
        '<div class="dd-ftable"><table><thead><tr><th>severity</th><th>finding</th><th>where</th>'
        f"<th>message</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        if rows
        else '<p class="dd-none">No findings.</p>'
    )
    return (
        '<section class="dd-panel dd-p-findings"><details open>'
        f'<summary>Findings <span class="dd-count">{esc(summary)}</span></summary>{table}'
        "</details></section>"
    )


def panels(r: Report) -> str:
    """All the panels, in their grid, the findings table last."""
    by: dict[str, list[Commitment]] = defaultdict(list)
    for cm in r.c.commitments:
        by[cm.status].append(cm)
    other = [cm for cm in r.c.commitments if cm.status in ("strengthened", "modified")]
    return (
        '<div class="dd-panels">'
        + _panel(
            "dd-p-dropped", "Dropped commitments", [_commitment_item(r, cm) for cm in by["dropped"]]
        )
        + _panel(
            "dd-p-weakened",
            "Weakened commitments",
            [_commitment_item(r, cm) for cm in by["weakened"]],
        )
        + _panel("dd-p-added", "Added commitments", [_commitment_item(r, cm) for cm in by["added"]])
        + _panel("dd-p-figures", "Changed figures", _figures(r))
        + _panel("dd-p-watch", "Watched phrases", _watch(r), "No phrases watched.")
        + _panel(
            "dd-p-other",
            "Strengthened or reworded commitments",
            [_commitment_item(r, cm, tag=True) for cm in other],
        )
        + _findings(r)
        + "</div>"
    )
