"""The page around the parts: the header, the rail (filter, previous/next, the map), the
report's root element with its style and script, and the standalone page with its
Content-Security-Policy.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Iterator

from declarediff.model import PAIR_KINDS, Comparison, Document
from declarediff.report.html.alignment import alignment_map
from declarediff.report.html.assets import CSS, JS, PAGE_CSS
from declarediff.report.html.common import KIND_WORD, Report, esc, plural
from declarediff.report.html.document import document_view
from declarediff.report.html.panels import panels
from declarediff.report.style import RenderOptions
from declarediff.rules import SEVERITIES

# The page allows its own script (by hash) and inline styles, nothing else: no network.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    f"script-src 'sha256-{base64.b64encode(hashlib.sha256(JS.encode()).digest()).decode()}'"
)


def _header(r: Report) -> str:
    c = r.c

    def card(side: str, doc: Document) -> str:
        title = doc.title or doc.source
        return (
            f'<div class="dd-card"><span class="dd-side">{"old" if side == "o" else "new"}</span>'
            f"<h1{r.lang_attr(side)}>{esc(title)}</h1>"
            f'<div class="dd-src"><code>{esc(doc.source)}</code></div>'
            f'<div class="dd-muted">{plural(len(doc.paragraphs), "paragraph")} · '
            f"{plural(doc.words, 'word')}</div></div>"
        )

    kinds = "".join(
        f'<span class="dd-chip dd-{k}"><i></i>{c.stats.count(k)} {KIND_WORD[k]}</span>'
        for k in PAIR_KINDS
        if c.stats.count(k)
    )
    counts = Counter(f.severity for f in c.findings)
    found = (
        "".join(
            f'<span class="dd-chip dd-sev-{s}"><span class="dd-sev">'
            f"{plural(counts[s], s)}</span></span>"
            for s in SEVERITIES
            if counts[s]
        )
        or '<span class="dd-chip">no findings</span>'
    )
    return (
        '<header class="dd-head"><div class="dd-brand">declarediff · comparison report</div>'
        f'<div class="dd-docs">{card("o", c.old)}<div class="dd-arrow" aria-hidden="true">→</div>'
        f"{card('n', c.new)}</div>"
        '<div class="dd-stats">'
        f'<div class="dd-stat"><b>{c.stats.changed:.1%}</b><span>of words changed</span></div>'
        f'<div class="dd-stat"><b>{c.stats.deleted_words:,}</b><span>deleted</span></div>'
        f'<div class="dd-stat"><b>{c.stats.inserted_words:,}</b><span>inserted</span></div>'
        f'<div class="dd-chips" aria-label="paragraph pairs">{kinds}</div>'
        f'<div class="dd-chips" aria-label="findings">{found}</div>'
        "</div></header>"
    )


def _rail(r: Report) -> str:
    name = f"{r.p}filter"
    options = (
        ("all", "All rows", True),
        ("changed", "Changed rows", False),
        ("findings", "Rows with findings", False),
    )
    radios = "".join(
        f'<label><input type="radio" class="dd-f-{key}" name="{name}" value="{key}"'
        f"{' checked' if checked else ''}> {text}</label>"
        for key, text, checked in options
    )
    return (
        '<aside class="dd-rail" aria-label="Filter and alignment map">'
        f'<fieldset class="dd-controls dd-filter"><legend>Show</legend>{radios}</fieldset>'
        '<div class="dd-nav">'
        '<button type="button" class="dd-prev" title="Previous change (k or p)">↑ Prev</button>'
        '<button type="button" class="dd-next" title="Next change (j or n)">↓ Next</button>'
        '<span class="dd-pos" aria-live="polite"></span></div>'
        '<p class="dd-keys">Keys: <kbd>j</kbd>/<kbd>n</kbd> next change, '
        "<kbd>k</kbd>/<kbd>p</kbd> previous</p>"
        f"{alignment_map(r)}</aside>"
    )


def render_body(c: Comparison, prefix: str, options: RenderOptions, page: bool) -> Iterator[str]:
    """The report's root element, in pieces: its style, the header, the rail, the panels, the
    document view a row at a time, and its script.  ``page``: inside :func:`render_page` (the
    dark palette follows the system, keys work anywhere) rather than a notebook cell."""
    r = Report(c, prefix, options)
    attrs = ' data-page=""' if page else ' tabindex="-1"'
    yield (
        f'<div class="declarediff" id="{prefix}root"{attrs}><style>{CSS}</style>'
        f"{_header(r)}"
        f'<div class="dd-main">{_rail(r)}<div class="dd-content">{panels(r)}'
    )
    yield from document_view(r)
    yield f"</div></div><script>{JS}</script></div>"


def render_page(comparison: Comparison, options: RenderOptions) -> Iterator[str]:
    """The standalone page, in pieces: the head with the CSP, then :func:`render_body`."""
    c = comparison
    title = f"declarediff: {c.old.title or c.old.source} → {c.new.title or c.new.source}"
    yield (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="color-scheme" content="light dark">'
        '<meta name="generator" content="declarediff">'
        f"<title>{esc(title)}</title><style>{PAGE_CSS}</style></head>\n<body>"
    )
    yield from render_body(c, "dd-", options, page=True)
    yield "</body></html>\n"
