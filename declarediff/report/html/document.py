"""The document view: old and new side by side, one row per pair, ``<del>`` and ``<ins>`` in
the text, marked commitment sentences, moved paragraphs linked to a ghost row where they stood
in the old order, and runs of unchanged rows folded into ``<details>``.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence

from declarediff.model import JOIN, Commitment, Pair, Sentence
from declarediff.report.html.common import KIND_WORD, Report, esc, lines, plural, snippet, worst
from declarediff.rules import RANK

Segment = tuple[str, str]  # (text, mark): mark is "", "del" or "ins"


def _segments(pair: Pair, side: str, texts: Sequence[str]) -> list[Segment]:
    """This side's text as runs marked ``del``/``ins`` (changes of white space alone unmarked)."""
    whole = JOIN.join(texts)
    mark = "del" if side == "o" else "ins"
    if pair.kind in ("deleted", "inserted"):
        return [(whole, mark)]
    keep = "delete" if side == "o" else "insert"
    segs = [
        (op.text, mark if op.op == keep and op.text.strip() else "")
        for op in pair.ops
        if op.op in ("equal", keep)
    ]
    if "".join(s for s, _ in segs) != whole:  # no ops (or foreign ones): show the text plain
        return [(whole, "")]
    return segs


def _cut(segs: Sequence[Segment], start: int, end: int) -> list[Segment]:
    """The runs covering ``[start, end)`` of the joined text."""
    out, pos = [], 0
    for text, mark in segs:
        a, b = max(start, pos), min(end, pos + len(text))
        if a < b:
            out.append((text[a - pos : b - pos], mark))
        pos += len(text)
    return out


def _wrap(text: str, mark: str) -> str:
    return f"<{mark}>{esc(text)}</{mark}>" if mark else esc(text)


def _text(
    segs: Sequence[Segment], sentences: Sequence[Sentence], marks: dict[int, Commitment], ids: str
) -> str:
    """Runs as HTML, with the marked commitment sentences wrapped in spans (id ``ids<n>``)."""
    ranges = [(s.start, s.end, n) for n, s in enumerate(sentences) if n in marks]
    cuts = sorted({x for a, b, _ in ranges for x in (a, b)})
    out: list[str] = []
    open_n: int | None = None
    pos = 0
    for text, mark in segs:
        bounds = [pos, *(x for x in cuts if pos < x < pos + len(text)), pos + len(text)]
        for a, b in itertools.pairwise(bounds):
            n = next((n for s, t, n in ranges if s <= a < t), None)
            if n != open_n:
                if open_n is not None:
                    out.append("</span>")
                if n is not None:
                    cm = marks[n]
                    tip = esc(f"{cm.status} commitment ({cm.cls})")
                    status = esc(cm.status)
                    out.append(f'<span class="dd-c dd-c-{status}" id="{ids}{n}" title="{tip}">')
                open_n = n
            out.append(_wrap(text[a - pos : b - pos], mark))
        pos += len(text)
    if open_n is not None:
        out.append("</span>")
    return "".join(out)


def _cell(r: Report, k: int, pair: Pair, side: str, extra: str = "") -> str:
    idx = pair.old if side == "o" else pair.new
    if not idx:
        what = "not in the new version" if side == "n" else "not in the old version"
        return f'<div class="dd-cell dd-{side} dd-empty">{what}</div>'
    doc = r.doc(side)
    paras = [doc.paragraphs[i] for i in idx]
    segs = _segments(pair, side, [p.text for p in paras])
    parts, start = [], 0
    for n, para in enumerate(paras):
        end = start + len(para.text)
        label = f'<span class="dd-label">{esc(para.label)}</span> ' if para.label else ""
        body = _text(
            _cut(segs, start, end),
            para.sentences,
            r.marks.get((side, para.index), {}),
            f"{r.pid(side, para.index)}s",
        )
        heading = " dd-heading" if para.kind == "heading" else ""
        more = extra if n == 0 else ""
        parts.append(
            f'<div class="dd-para{heading}" id="{r.pid(side, para.index)}">'
            f'<div class="dd-meta"><span>{"old " if side == "o" else ""}¶{para.index + 1}</span>'
            f"<span>{lines(para)}</span>{more}</div>"
            f'<div class="dd-text">{label}{body}</div></div>'
        )
        start = end + len(JOIN)
    return f'<div class="dd-cell dd-{side}"{r.lang_attr(side)}>{"".join(parts)}</div>'


def _row(r: Report, k: int, pair: Pair, ghost: dict[int, int]) -> str:
    c = r.c
    flags = r.flags.get(k, [])
    cls = ["dd-row", f"dd-{esc(pair.kind)}"]
    if pair.kind != "equal":
        cls.append("dd-chg")
    gut = [f'<span class="dd-kind">{esc(KIND_WORD.get(pair.kind, pair.kind))}</span>']
    if pair.moved and pair.kind != "moved":
        gut.append('<span class="dd-kind">moved</span>')
    if pair.kind not in ("equal", "deleted", "inserted") and pair.changed:
        gut.append(f'<span class="dd-score" title="similarity">{pair.score:.0%} similar</span>')
    if pair.renumbered and pair.old and pair.new:
        was = c.old.paragraphs[pair.old[0]].label or "no label"
        now = c.new.paragraphs[pair.new[0]].label or "no label"
        gut.append(f"<span>renumbered {esc(was)} → {esc(now)}</span>")
    notes = ""
    if flags:
        sev = esc(worst(flags))
        cls += ["dd-has-f", f"dd-sev-{sev}"]
        gut.append(f'<span class="dd-flag">⚑ {plural(len(flags), "finding")}</span>')
        names = Counter((f.severity, f.code, f.name) for f in flags)
        notes = (
            '<div class="dd-notes">'
            + "".join(
                f'<span class="dd-note dd-sev-{esc(s)}" title="{esc(s)}">'
                '<span class="dd-sev"></span>'
                f"{esc(code)} {esc(name)}{f' ×{n}' if n > 1 else ''}</span>"
                for (s, code, name), n in sorted(
                    names.items(), key=lambda x: (RANK.get(x[0][0], 9), x[0][1])
                )
            )
            + "</div>"
        )
    extra = ""
    if k in ghost:
        up = "↑" if ghost[k] <= k else "↓"
        extra = f'<a class="dd-jump" href="#{r.p}g{k}">{up} moved from old ¶{min(pair.old) + 1}</a>'
    return (
        f'<div class="{" ".join(cls)}" id="{r.rid(k)}" data-r="{k}" tabindex="-1">'
        f'<div class="dd-gut">{"".join(gut)}</div>{_cell(r, k, pair, "o", extra)}'
        f"{_cell(r, k, pair, 'n')}{notes}</div>"
    )


def _ghost(r: Report, k: int, at: int) -> str:
    """The anchor where a moved paragraph stood in the old order, linking to its row."""
    pair = r.c.pairs[k]
    i = min(pair.old)
    para = r.c.old.paragraphs[i]
    down = "↓" if k >= at else "↑"
    label = f"{esc(para.label)} " if para.label else ""
    return (
        f'<div class="dd-row dd-ghost" id="{r.p}g{k}">'
        '<div class="dd-gut"><span class="dd-kind">moved away</span></div>'
        f'<div class="dd-cell dd-o"{r.lang_attr("o")}>old ¶{i + 1} · {lines(para)} · '
        f'<a class="dd-jump" href="#{r.rid(k)}">{down} moved to ¶{min(pair.new) + 1}</a>'
        f'<div class="dd-muted">{label}{esc(snippet(para.text, 12))}</div></div>'
        '<div class="dd-cell dd-n dd-empty"></div></div>'
    )


def document_view(r: Report) -> Iterator[str]:
    """The document view, in pieces (a row or a fold of unchanged rows at a time)."""
    c = r.c
    pairs = c.pairs
    # Where each moved pair stood in the old order: before the first in-order pair after it,
    # found by bisection over the running maximum of the in-order pairs' first old index
    # (the first pair whose index exceeds a value is where that maximum first exceeds it).
    running: list[int] = []
    at_pair: list[int] = []
    for m, q in enumerate(pairs):
        if q.old and not q.moved:
            running.append(max(running[-1], min(q.old)) if running else min(q.old))
            at_pair.append(m)
    ghost_at: dict[int, list[int]] = defaultdict(list)
    ghost: dict[int, int] = {}
    for k, pair in enumerate(pairs):
        if not (pair.moved and pair.old and pair.new):
            continue
        first = bisect.bisect_right(running, min(pair.old))
        at = at_pair[first] if first < len(at_pair) else len(pairs)
        ghost_at[at].append(k)
        ghost[k] = at
    lang_o, lang_n = r.lang_attr("o"), r.lang_attr("n")
    yield (
        '<section class="dd-doc" aria-label="Document view">'
        '<div class="dd-colhead"><div>pair</div>'
        f"<div><b>old</b><span{lang_o}>{esc(c.old.title or '')}</span> "
        f"<code>{esc(c.old.source)}</code></div>"
        f"<div><b>new</b><span{lang_n}>{esc(c.new.title or '')}</span> "
        f"<code>{esc(c.new.source)}</code></div></div>"
    )
    out: list[str] = []
    run: list[tuple[str, Pair]] = []  # unchanged rows waiting to be folded

    def flush() -> None:
        if not run:
            return
        first, last = run[0][1], run[-1][1]
        a, b = first.new[0] + 1, last.new[-1] + 1
        span = f"¶{a}" if a == b else f"¶{a}–¶{b}"
        oa, ob = first.old[0] + 1, last.old[-1] + 1
        if (oa, ob) != (a, b):
            span += f" (old ¶{oa}" + (f"–¶{ob})" if oa != ob else ")")
        is_open = " open" if r.options.show_all else ""
        out.append(
            f'<details class="dd-fold"{is_open}><summary>'
            f"{plural(len(run), 'unchanged paragraph')} · {span}</summary>"
            f"{''.join(h for h, _ in run)}</details>"
        )
        run.clear()

    for k in range(len(pairs) + 1):
        for g in sorted(ghost_at.get(k, []), key=lambda g: min(pairs[g].old)):
            flush()
            out.append(_ghost(r, g, k))
        if k == len(pairs):
            break
        pair = pairs[k]
        row = _row(r, k, pair, ghost)
        if pair.kind == "equal" and pair.old and pair.new and k not in r.flags:
            run.append((row, pair))
        else:
            flush()
            out.append(row)
        if out:
            yield from out
            out.clear()
    flush()
    yield from out
    yield (
        f'<p class="dd-end">{plural(len(pairs), "pair")} · '
        f"{plural(len(c.old.paragraphs), 'old paragraph')} · "
        f"{plural(len(c.new.paragraphs), 'new paragraph')}</p></section>"
    )
