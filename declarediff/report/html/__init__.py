"""The HTML report: one self-contained page to read a comparison in a browser.

The page holds everything inline (CSS, JavaScript, an SVG alignment map) and
requests nothing from the network; a Content-Security-Policy allows only its
own script (by hash), so even text that escaped escaping could not run.  Layout:

- a header with both documents (title, source, paragraphs, words) and the counts;
- a sticky rail with the filter (all rows, changed rows, rows with findings),
  previous/next buttons (keys ``j``/``n`` and ``k``/``p``) and the alignment
  map: old paragraphs on the left, new on the right, a band for each pair;
- panels for dropped, weakened and added commitments, other commitment changes,
  changed figures, watched phrases, and the findings, each linking to its row;
- the document view: old and new side by side, one row per pair, ``<del>`` and
  ``<ins>`` in the text, moved paragraphs linked to an anchor where they stood,
  runs of unchanged rows folded into ``<details>``.

Document text only ever appears HTML-escaped in element content or attribute
values, never inside ``<script>``.  Output is deterministic: ids come from
indices (and, for :func:`fragment`, from a hash of the comparison).

The package, by what each module draws (imports go down this list, never up):

- this module: the entry points :func:`render`, :func:`render_chunks` and :func:`fragment`;
- ``page``: the page around the parts (header, rail, root element, CSP);
- ``alignment``, ``panels``, ``document``: the map, the panels and the document view;
- ``common``: the comparison with its lookups and ids, escaping;
- ``assets``: the stylesheets and the script, read from the files beside the modules
  (``report.css``, ``dark.css``, ``report.js``, ``page.css``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from declarediff.model import Comparison
from declarediff.report.html.assets import CSS, JS
from declarediff.report.html.page import CSP, render_body, render_page
from declarediff.report.style import RenderOptions


def render(comparison: Comparison, options: RenderOptions, /) -> str:
    """The report as a self-contained HTML page (one string, ending in a newline)."""
    return "".join(render_page(comparison, options))


def render_chunks(comparison: Comparison, options: RenderOptions, /) -> Iterator[bytes]:
    """:func:`render` as UTF-8 bytes in pieces (a row of the document view at a time), so
    that a large report is never held whole."""
    return (piece.encode("utf-8") for piece in render_page(comparison, options))


def fragment(comparison: Comparison) -> str:
    """The report as an HTML fragment (for Jupyter's ``_repr_html_``): one ``div``.

    Ids carry a prefix derived from the comparison's content, so several reports can share
    a page; keys work once the report has the focus (click it first).
    """
    record = comparison.to_dict()
    del record["tool"]  # the prefix depends on the content, not on the version that wrote it
    digest = hashlib.sha256(repr(record).encode("utf-8")).hexdigest()[:8]
    return "".join(render_body(comparison, f"dd{digest}-", RenderOptions(), page=False))


__all__ = ["CSP", "CSS", "JS", "fragment", "render", "render_chunks"]
