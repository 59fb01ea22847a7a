"""The alignment map: an SVG of both documents as columns of bars, one per paragraph (its
height in proportion to its words), with a band between the columns for each aligned pair and
a dot beside each paragraph with findings.  Every bar, band and dot links to its row.
"""

from __future__ import annotations

from collections.abc import Sequence

from declarediff.model import Paragraph
from declarediff.report.html.common import KIND_WORD, Report, esc, plural, snippet, worst

# Map geometry in SVG units: old bars at x=_X_OLD, new bars at x=_X_NEW, each _BAR_W wide;
# the longer document is _TALL high; every bar at least _MIN_H, with _GAP between bars.
_MAP_W, _BAR_W, _X_OLD, _X_NEW = 240, 46, 30, 164
_TOP, _GAP, _MIN_H, _TALL = 24, 2.0, 4.0, 560.0


def _f(v: float) -> str:
    return f"{v:.1f}".removesuffix(".0")


def _defs(p: str) -> str:
    return (
        "<defs>"
        f'<pattern id="{p}hatch" width="5" height="5" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect class="dd-pat-bg" width="5" height="5"/>'
        '<line class="dd-pat-line dd-pat-del" x1="1" y1="0" x2="1" y2="5"/></pattern>'
        f'<pattern id="{p}dots" width="4" height="4" patternUnits="userSpaceOnUse">'
        '<rect class="dd-pat-bg" width="4" height="4"/>'
        '<circle class="dd-pat-ins" cx="2" cy="2" r="1.25"/></pattern>'
        f'<pattern id="{p}stripes" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(-45)"><rect class="dd-pat-bg" width="6" height="6"/>'
        '<line class="dd-pat-line dd-pat-spl" x1="1.5" y1="0" x2="1.5" y2="6"/></pattern>'
        "</defs>"
    )


def alignment_map(r: Report) -> str:
    """The map as a ``<figure>``: the SVG, its caption (how much of the old text was kept)
    and a legend."""
    c, p = r.c, r.p
    total = max(c.old.words, c.new.words, 1)
    scale = _TALL / total

    def column(paras: Sequence[Paragraph]) -> tuple[list[tuple[float, float]], float]:
        spans, y = [], float(_TOP)
        for para in paras:
            h = max(_MIN_H, para.words * scale)
            spans.append((y, h))
            y += h + _GAP
        return spans, y

    old_y, old_end = column(c.old.paragraphs)
    new_y, new_end = column(c.new.paragraphs)
    height = max(old_end, new_end, _TOP + 10) + 4
    bands: list[tuple[int, str]] = []
    bars: list[str] = []
    dots: list[str] = []
    x1, x2 = _X_OLD + _BAR_W, _X_NEW
    mid = (x1 + x2) / 2
    for k, pair in enumerate(c.pairs):
        kind = esc(pair.kind)
        if pair.old and pair.new:
            ot = old_y[min(pair.old)][0]
            ob = old_y[max(pair.old)][0] + old_y[max(pair.old)][1]
            nt = new_y[min(pair.new)][0]
            nb = new_y[max(pair.new)][0] + new_y[max(pair.new)][1]
            d = (
                f"M{x1},{_f(ot)} C{_f(mid)},{_f(ot)} {_f(mid)},{_f(nt)} {x2},{_f(nt)} "
                f"L{x2},{_f(nb)} C{_f(mid)},{_f(nb)} {_f(mid)},{_f(ob)} {x1},{_f(ob)} Z"
            )
            fill = f' fill="url(#{p}stripes)"' if pair.kind in ("split", "merged") else ""
            moved = " dd-moved" if pair.moved else ""
            where = f"old ¶{min(pair.old) + 1} → ¶{min(pair.new) + 1}"
            # Unchanged bands underneath, moves on top, so each stays visible and clickable.
            layer = 0 if pair.kind == "equal" else 2 if pair.moved else 1
            bands.append(
                (
                    layer,
                    f'<a href="#{r.rid(k)}" data-m="{k}"><path class="dd-band dd-bk-{kind}{moved}"'
                    f'{fill} d="{d}"><title>{where}: {esc(KIND_WORD.get(pair.kind, pair.kind))}'
                    "</title></path></a>",
                )
            )
        for side, idx, spans, x in (("o", pair.old, old_y, _X_OLD), ("n", pair.new, new_y, _X_NEW)):
            doc = r.doc(side)
            for i in idx:
                y, h = spans[i]
                fill = ""
                if pair.kind == "deleted":
                    fill = f' fill="url(#{p}hatch)"'
                elif pair.kind == "inserted":
                    fill = f' fill="url(#{p}dots)"'
                para = doc.paragraphs[i]
                tip = (
                    f"{'old ' if side == 'o' else 'new '}¶{i + 1} · "
                    f"{esc(KIND_WORD.get(pair.kind, pair.kind))} · {plural(para.words, 'word')}"
                    f" — {esc(snippet(para.text))}"
                )
                bars.append(
                    f'<a href="#{r.pid(side, i)}" data-m="{k}"><rect class="dd-bar dd-bk-{kind}"'
                    f'{fill} x="{x}" y="{_f(y)}" width="{_BAR_W}" height="{_f(h)}" rx="1.5">'
                    f"<title>{tip}</title></rect></a>"
                )
                flagged = r.para_flags[side].get(i)
                if flagged:
                    cx = x - 8 if side == "o" else x + _BAR_W + 8
                    sev = esc(worst(flagged))
                    dots.append(
                        f'<a href="#{r.pid(side, i)}" data-m="{k}"><circle class="dd-dot '
                        f'dd-sev-{sev}" cx="{cx}" cy="{_f(y + min(h, 12) / 2)}" r="4">'
                        f"<title>{plural(len(flagged), 'finding')} ({sev})</title></circle></a>"
                    )
    kept = max(0, c.old.words - c.stats.deleted_words)
    share = kept / c.old.words if c.old.words else 1.0
    labels = (
        f'<text class="dd-mlab" x="{_X_OLD + _BAR_W / 2:g}" y="14" text-anchor="middle">old</text>'
        f'<text class="dd-mlab" x="{_X_NEW + _BAR_W / 2:g}" y="14" text-anchor="middle">new</text>'
    )
    svg = (
        f'<svg viewBox="0 0 {_MAP_W} {_f(height)}" role="img" '
        'aria-label="Alignment map: old paragraphs on the left, new on the right">'
        f"{_defs(p)}{labels}{''.join(b for _, b in sorted(bands, key=lambda b: b[0]))}"
        f"{''.join(bars)}{''.join(dots)}</svg>"
    )

    def swatch(body: str) -> str:
        return f'<svg viewBox="0 0 22 12" aria-hidden="true">{body}</svg>'

    def band(cls: str, extra: str = "") -> str:
        return swatch(f'<path class="dd-band {cls}"{extra} d="M0,1 L22,3 L22,11 L0,9 Z"/>')

    def bar(cls: str, extra: str = "") -> str:
        return swatch(f'<rect class="dd-bar {cls}"{extra} x="4" y="1" width="14" height="10"/>')

    legend = [
        (band("dd-bk-equal"), "unchanged"),
        (band("dd-bk-modified"), "modified"),
        (band("dd-bk-moved"), "moved"),
        (band("dd-bk-split", f' fill="url(#{p}stripes)"'), "split / merged"),
        (bar("dd-bk-deleted", f' fill="url(#{p}hatch)"'), "deleted"),
        (bar("dd-bk-inserted", f' fill="url(#{p}dots)"'), "inserted"),
        (swatch('<circle class="dd-dot dd-sev-error" cx="11" cy="6" r="4"/>'), "has findings"),
        (bar("dd-bk-equal"), "height ∝ words"),
    ]
    items = "".join(f"<li>{sw}{text}</li>" for sw, text in legend)
    return (
        '<figure class="dd-map"><figcaption><b>Alignment map.</b> '
        f"<b>{share:.0%}</b> of the old text kept ({kept:,} of {c.old.words:,} words); "
        "click a bar or band to jump to its row.</figcaption>"
        f'{svg}<ul class="dd-legend">{items}</ul></figure>'
    )
