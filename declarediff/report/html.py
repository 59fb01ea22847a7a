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
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import html
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence

from declarediff.model import (
    JOIN,
    PAIR_KINDS,
    Commitment,
    Comparison,
    Document,
    Finding,
    Pair,
    Paragraph,
    Sentence,
)
from declarediff.report.style import RenderOptions
from declarediff.rules import RANK, SEVERITIES
from declarediff.text import has_cjk

Segment = tuple[str, str]  # (text, mark): mark is "", "del" or "ins"

_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_DARK = """
  --fg: #e6edf3; --muted: #9ba6b2; --bg: #0f1419; --panel: #161c24; --line: #2d3640;
  --soft: #1c232c; --del: #ffb48a; --del-bg: #4a2414; --ins: #8cc8ff; --ins-bg: #12324f;
  --eq: #5b6673; --mod: #e6a935; --mov: #e08cc0; --spl: #35c29a; --link: #8cc8ff;
  --err: #ff9a6a; --warn: #e6c15a; --note: #8cc8ff; --hl: #3a3217; --hl-line: #e6c15a;
  --bar: #8894a0; --c-lost: #6b4e12; --c-gain: #164a3c;
"""

CSS = (
    """
.declarediff {
  --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --line: #d8dee4;
  --soft: #eef1f4; --del: #9a3a0a; --del-bg: #fde6d8; --ins: #0a5a96; --ins-bg: #ddeefc;
  --eq: #aeb8c2; --mod: #e69f00; --mov: #cc79a7; --spl: #009e73; --link: #0a5a96;
  --err: #c2410c; --warn: #9a6700; --note: #0a5a96; --hl: #fff5c2; --hl-line: #e69f00;
  --bar: #6e7781; --c-lost: #f7d58b; --c-gain: #bfe6d6;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans",
    "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic UI", "Meiryo",
    "Noto Sans CJK JP", sans-serif;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  container-type: inline-size;
  color: var(--fg); background: var(--bg);
  font: 15px/1.55 var(--sans); text-align: left;
  -webkit-text-size-adjust: 100%;
}
@media (prefers-color-scheme: dark) { .declarediff[data-page] { %(dark)s } }
body[data-jp-theme-light="false"] .declarediff { %(dark)s }
.declarediff *, .declarediff *::before, .declarediff *::after { box-sizing: border-box; }
.declarediff:focus { outline: none; }
.declarediff a { color: var(--link); text-decoration: none; }
.declarediff a:hover { text-decoration: underline; }
.declarediff a:focus-visible, .declarediff button:focus-visible, .declarediff summary:focus-visible,
.declarediff .dd-row:focus-visible { outline: 2px solid var(--link); outline-offset: 1px; }
.declarediff h1, .declarediff h2, .declarediff h3 { margin: 0; line-height: 1.3; }
.declarediff code { font-family: var(--mono); font-size: .86em; }
.declarediff :lang(ja), .declarediff :lang(zh), .declarediff :lang(ko) {
  line-break: strict; word-break: normal; overflow-wrap: anywhere;
}
.declarediff .dd-muted { color: var(--muted); }

/* header */
.declarediff .dd-head { padding: 1.1rem 1.5rem 1rem; border-bottom: 1px solid var(--line);
  background: var(--panel); }
.declarediff .dd-brand { font-size: .75rem; letter-spacing: .08em; text-transform: uppercase;
  color: var(--muted); margin-bottom: .5rem; }
.declarediff .dd-docs { display: grid; grid-template-columns: minmax(0, 1fr) auto minmax(0, 1fr);
  gap: .75rem; align-items: stretch; }
.declarediff .dd-card { background: var(--bg); border: 1px solid var(--line); border-radius: 8px;
  padding: .6rem .9rem; }
.declarediff .dd-card h1 { font-size: 1.12rem; font-weight: 650; }
.declarediff .dd-side { display: inline-block; font-size: .7rem; font-weight: 700;
  letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }
.declarediff .dd-src { color: var(--muted); overflow-wrap: anywhere; }
.declarediff .dd-arrow { align-self: center; font-size: 1.4rem; color: var(--muted); }
.declarediff .dd-stats { display: flex; flex-wrap: wrap; gap: .5rem 1.75rem; margin-top: .8rem;
  align-items: baseline; }
.declarediff .dd-stat b { font-size: 1.35rem; font-weight: 700;
  font-variant-numeric: tabular-nums; }
.declarediff .dd-stat span { color: var(--muted); margin-left: .3rem; font-size: .88rem; }
.declarediff .dd-chips { display: flex; flex-wrap: wrap; gap: .35rem; font-size: .8rem; }
.declarediff .dd-chip { border: 1px solid var(--line); border-radius: 999px; padding: .05rem .55rem;
  background: var(--bg); white-space: nowrap; }
.declarediff .dd-chip i { display: inline-block; width: .6rem; height: .6rem; border-radius: 2px;
  margin-right: .3rem; background: var(--k, var(--eq)); vertical-align: baseline; }

/* main layout: rail | content */
.declarediff .dd-main { display: grid; grid-template-columns: 17rem minmax(0, 1fr); }
.declarediff .dd-rail { position: sticky; top: 0; align-self: start; max-height: 100vh;
  overflow-y: auto; padding: 1rem 1rem 1.5rem; border-right: 1px solid var(--line);
  scrollbar-width: thin; }
.declarediff .dd-content { min-width: 0; }
.declarediff fieldset { border: 0; margin: 0 0 .6rem; padding: 0; }
.declarediff legend, .declarediff .dd-rail h2 { font-size: .72rem; font-weight: 700;
  letter-spacing: .06em; text-transform: uppercase; color: var(--muted); padding: 0;
  margin-bottom: .3rem; }
.declarediff .dd-filter label { display: block; font-size: .9rem; cursor: pointer; }
.declarediff .dd-nav { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center;
  margin: .2rem 0 .3rem; }
.declarediff .dd-nav button { font: inherit; font-size: .85rem; color: var(--fg);
  background: var(--bg); border: 1px solid var(--line); border-radius: 6px;
  padding: .15rem .6rem; cursor: pointer; white-space: nowrap; }
.declarediff .dd-nav button:hover { background: var(--soft); }
.declarediff .dd-pos { font-size: .8rem; color: var(--muted); font-variant-numeric: tabular-nums; }
.declarediff .dd-keys { font-size: .78rem; color: var(--muted); margin: 0 0 .9rem; }
.declarediff kbd { font-family: var(--mono); font-size: .74rem; border: 1px solid var(--line);
  border-bottom-width: 2px; border-radius: 4px; padding: 0 .3rem; background: var(--bg);
  color: var(--fg); }
.declarediff .dd-map { margin: 0; }
.declarediff .dd-map figcaption { font-size: .8rem; color: var(--muted); margin-bottom: .35rem; }
.declarediff .dd-map figcaption b { color: var(--fg); }
.declarediff .dd-map svg { display: block; width: 100%; height: auto; }
.declarediff .dd-map a { cursor: pointer; }
.declarediff .dd-mlab { font: 600 11px var(--sans); fill: var(--muted); }
.declarediff .dd-bar:not([fill]) { fill: var(--bar); fill-opacity: .55; }
.declarediff .dd-bar.dd-bk-equal { fill-opacity: .3; }
.declarediff .dd-bar[fill] { stroke-width: 1.2; }
.declarediff .dd-bar.dd-bk-deleted { stroke: var(--del); stroke-width: 1; }
.declarediff .dd-bar.dd-bk-inserted { stroke: var(--ins); stroke-width: 1; }
.declarediff .dd-band:not([fill]) { fill: var(--eq); fill-opacity: .35; }
.declarediff .dd-band.dd-bk-modified { fill: var(--mod); fill-opacity: .55; }
.declarediff .dd-band.dd-bk-moved, .declarediff .dd-band.dd-moved { fill: var(--mov);
  fill-opacity: .55; stroke: var(--mov); stroke-width: 1; stroke-dasharray: 3 2; }
.declarediff .dd-band.dd-bk-split, .declarediff .dd-band.dd-bk-merged { stroke: var(--spl);
  stroke-width: .8; }
.declarediff .dd-pat-line { stroke-width: 1.6; }
.declarediff .dd-pat-del { stroke: var(--del); }
.declarediff .dd-pat-ins { fill: var(--ins); }
.declarediff .dd-pat-spl { stroke: var(--spl); }
.declarediff .dd-pat-bg { fill: var(--bg); }
.declarediff .dd-dot { stroke: var(--bg); stroke-width: 1; }
.declarediff .dd-dot.dd-sev-error { fill: var(--err); }
.declarediff .dd-dot.dd-sev-warning { fill: var(--warn); }
.declarediff .dd-dot.dd-sev-note { fill: var(--note); }
.declarediff .dd-map a:hover > *, .declarediff .dd-map a.dd-on > * { stroke: var(--fg);
  stroke-width: 1.5; stroke-dasharray: none; fill-opacity: 1; }
.declarediff .dd-legend { list-style: none; margin: .6rem 0 0; padding: 0; font-size: .78rem;
  color: var(--muted); display: grid; grid-template-columns: 1fr 1fr; gap: .15rem .5rem; }
.declarediff .dd-legend svg { width: 22px; height: 12px; vertical-align: -2px; margin-right: .3rem;
  display: inline-block; }

/* panels */
.declarediff .dd-panels { display: grid;
  grid-template-columns: repeat(auto-fill, minmax(19rem, 1fr));
  gap: .9rem; padding: 1rem 1.25rem; align-items: start; }
.declarediff .dd-panel { border: 1px solid var(--line); border-radius: 8px; background: var(--bg);
  min-width: 0; display: flex; flex-direction: column; }
.declarediff .dd-panel > h2 { font-size: .92rem; font-weight: 650; padding: .55rem .8rem;
  border-bottom: 1px solid var(--line); display: flex; justify-content: space-between;
  gap: .5rem; border-top: 4px solid var(--k, var(--line)); border-radius: 8px 8px 0 0; }
.declarediff .dd-count { font-variant-numeric: tabular-nums; color: var(--muted);
  font-weight: 600; }
.declarediff .dd-panel ol, .declarediff .dd-panel ul { list-style: none; margin: 0; padding: 0;
  max-height: 21rem; overflow-y: auto; scrollbar-width: thin; }
.declarediff .dd-panel li { padding: .45rem .8rem; border-top: 1px solid var(--soft);
  font-size: .88rem; }
.declarediff .dd-panel li:first-child { border-top: 0; }
.declarediff .dd-panel .dd-none { padding: .6rem .8rem; color: var(--muted); font-size: .88rem; }
.declarediff .dd-go { display: block; color: var(--fg); }
.declarediff .dd-go:hover { text-decoration: none; }
.declarediff .dd-go:hover .dd-q { text-decoration: underline; text-decoration-color: var(--muted); }
.declarediff .dd-where { display: block; font-size: .75rem; color: var(--link);
  font-variant-numeric: tabular-nums; }
.declarediff .dd-q { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3;
  overflow: hidden; }
.declarediff .dd-why { display: block; font-size: .78rem; color: var(--muted); }
.declarediff .dd-q.dd-q2 { display: -webkit-box; -webkit-line-clamp: 2; margin-top: .15rem; }
.declarediff .dd-also { font-size: .75rem; }
.declarediff .dd-tag { display: inline-block; font-size: .7rem; font-weight: 650;
  border-radius: 4px;
  padding: 0 .35rem; border: 1px solid currentColor; margin-right: .3rem; line-height: 1.45;
  text-transform: lowercase; }
.declarediff .dd-fig { font-weight: 650; font-variant-numeric: tabular-nums; white-space: nowrap; }
.declarediff .dd-p-dropped { --k: var(--del); }
.declarediff .dd-p-weakened { --k: var(--mod); }
.declarediff .dd-p-added { --k: var(--ins); }
.declarediff .dd-p-other { --k: var(--spl); }
.declarediff .dd-p-figures { --k: var(--mov); }
.declarediff .dd-p-watch { --k: var(--bar); }
.declarediff .dd-p-findings { grid-column: 1 / -1; --k: var(--err); }
.declarediff .dd-p-findings summary { cursor: pointer; font-size: .92rem; font-weight: 650;
  padding: .55rem .8rem; border-top: 4px solid var(--k); border-radius: 8px 8px 0 0; }
.declarediff .dd-ftable { max-height: 24rem; overflow-y: auto; border-top: 1px solid var(--line);
  scrollbar-width: thin; }
.declarediff table { border-collapse: collapse; width: 100%; font-size: .85rem; }
.declarediff td, .declarediff th { text-align: left; vertical-align: top; padding: .35rem .6rem;
  border-top: 1px solid var(--soft); }
.declarediff th { position: sticky; top: 0; background: var(--panel); font-size: .75rem;
  color: var(--muted); font-weight: 650; border-top: 0; }
.declarediff .dd-sev-error { --s: var(--err); }
.declarediff .dd-sev-warning { --s: var(--warn); }
.declarediff .dd-sev-note { --s: var(--note); }
.declarediff .dd-sev { color: var(--s); font-weight: 650; white-space: nowrap; }
.declarediff .dd-sev::before { content: "\\25CF\\00A0"; }
.declarediff .dd-sev-error .dd-sev::before,
  .declarediff .dd-sev-error.dd-sev::before { content: "\\25C6\\00A0"; }
.declarediff .dd-sev-warning .dd-sev::before,
  .declarediff .dd-sev-warning.dd-sev::before { content: "\\25B2\\00A0"; }
.declarediff td.dd-nowrap { white-space: nowrap; }

/* document view */
.declarediff .dd-doc { border-top: 1px solid var(--line); }
.declarediff .dd-colhead, .declarediff .dd-row { display: grid;
  grid-template-columns: 6.25rem minmax(0, 1fr) minmax(0, 1fr); }
.declarediff .dd-colhead { position: sticky; top: 0; z-index: 2; background: var(--bg);
  border-bottom: 1px solid var(--line); font-size: .8rem; color: var(--muted);
  box-shadow: 0 2px 6px -4px rgba(0, 0, 0, .25); }
.declarediff .dd-colhead > div { padding: .45rem .9rem; overflow: hidden; text-overflow: ellipsis;
  white-space: nowrap; }
.declarediff .dd-colhead b { color: var(--fg); text-transform: uppercase; font-size: .72rem;
  letter-spacing: .06em; margin-right: .4rem; }
.declarediff .dd-row { border-bottom: 1px solid var(--line); scroll-margin-top: 3rem;
  position: relative; --k: var(--eq); }
.declarediff .dd-row:focus { outline: none; }
.declarediff .dd-modified { --k: var(--mod); }
.declarediff .dd-moved { --k: var(--mov); }
.declarediff .dd-split, .declarediff .dd-merged { --k: var(--spl); }
.declarediff .dd-deleted { --k: var(--del); }
.declarediff .dd-inserted { --k: var(--ins); }
.declarediff .dd-ghost { --k: var(--mov); }
.declarediff .dd-gut { padding: .65rem .55rem .65rem .7rem; border-left: 5px solid var(--k);
  font-size: .74rem; color: var(--muted); display: flex; flex-direction: column; gap: .2rem;
  align-items: flex-start; }
.declarediff .dd-moved > .dd-gut, .declarediff .dd-ghost > .dd-gut { border-left-style: double;
  border-left-width: 6px; }
.declarediff .dd-split > .dd-gut, .declarediff .dd-merged > .dd-gut {
  border-image: repeating-linear-gradient(180deg, var(--k) 0 6px, transparent 6px 9px) 1; }
.declarediff .dd-kind { font-weight: 700; color: var(--fg); text-transform: uppercase;
  letter-spacing: .04em; font-size: .68rem; }
.declarediff .dd-score { font-variant-numeric: tabular-nums; }
.declarediff .dd-flag { color: var(--s); font-weight: 650; white-space: nowrap; }
.declarediff .dd-cell { padding: .65rem .95rem; min-width: 0; border-left: 1px solid var(--soft); }
.declarediff .dd-para + .dd-para { margin-top: .7rem; padding-top: .6rem;
  border-top: 1px dashed var(--line); }
.declarediff .dd-meta { font-size: .74rem; color: var(--muted); margin-bottom: .15rem;
  display: flex; flex-wrap: wrap; gap: 0 .6rem; font-variant-numeric: tabular-nums; }
.declarediff .dd-text { white-space: pre-wrap; overflow-wrap: break-word; max-width: 46em; }
.declarediff .dd-label { font-weight: 700; }
.declarediff .dd-heading .dd-text { font-weight: 650; font-size: 1.05rem; }
.declarediff .dd-equal .dd-text { color: color-mix(in srgb, var(--fg) 82%, var(--bg)); }
.declarediff del { text-decoration: line-through; text-decoration-thickness: 1.5px;
  text-decoration-color: var(--del); background: var(--del-bg); color: var(--del);
  border-radius: 2px; }
.declarediff ins { text-decoration: underline; text-decoration-thickness: 1.5px;
  text-underline-offset: .18em; text-decoration-color: var(--ins); background: var(--ins-bg);
  color: var(--ins); border-radius: 2px; }
.declarediff .dd-deleted del { background: none; color: inherit; text-decoration-thickness: 1px; }
.declarediff .dd-inserted ins { background: none; color: inherit; text-decoration-thickness: 1px; }
.declarediff .dd-deleted .dd-o { background: color-mix(in srgb, var(--del-bg) 45%, transparent); }
.declarediff .dd-inserted .dd-n { background: color-mix(in srgb, var(--ins-bg) 45%, transparent); }
.declarediff .dd-empty { color: var(--muted); font-size: .8rem; font-style: italic;
  background: repeating-linear-gradient(135deg, transparent 0 7px, var(--soft) 7px 9px); }
.declarediff .dd-c { background: linear-gradient(transparent 62%, var(--k2) 62%, var(--k2) 92%,
  transparent 92%); box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.declarediff .dd-c-dropped, .declarediff .dd-c-weakened { --k2: var(--c-lost); }
.declarediff .dd-c-added, .declarediff .dd-c-strengthened, .declarediff .dd-c-modified {
  --k2: var(--c-gain); }
.declarediff .dd-notes { grid-column: 2 / -1; display: flex; flex-wrap: wrap; gap: .3rem;
  padding: 0 .95rem .6rem; font-size: .74rem; }
.declarediff .dd-note { border: 1px solid var(--line); border-radius: 4px; padding: 0 .4rem;
  color: var(--muted); background: var(--bg); }
.declarediff .dd-note .dd-sev { margin-right: .25rem; }
.declarediff .dd-jump { font-weight: 600; }
.declarediff .dd-ghost .dd-cell { padding-top: .35rem; padding-bottom: .35rem; font-size: .85rem;
  color: var(--muted); }
.declarediff .dd-ghost .dd-gut { padding-top: .4rem; padding-bottom: .4rem; }
.declarediff .dd-row.dd-current { background: var(--hl);
  box-shadow: inset 0 0 0 2px var(--hl-line); }
.declarediff .dd-row.dd-current .dd-gut { border-left-color: var(--hl-line); }
.declarediff .dd-flash { animation: dd-flash 1.6s ease-out 1; border-radius: 2px; }
@keyframes dd-flash { 0%, 40% { background: var(--hl-line); color: #000;
  } 100% { background: none; } }
.declarediff details.dd-fold { border-bottom: 1px solid var(--line); }
.declarediff details.dd-fold > summary { cursor: pointer; list-style: none;
  padding: .35rem .9rem .35rem 1.1rem;
  font-size: .8rem; color: var(--muted); background: var(--panel);
  border-left: 5px solid var(--eq); }
.declarediff details.dd-fold > summary::-webkit-details-marker { display: none; }
.declarediff details.dd-fold > summary::before { content: "\\25B8"; display: inline-block;
  width: 1rem; transition: transform .15s; }
.declarediff details.dd-fold[open] > summary::before { transform: rotate(90deg); }
.declarediff details.dd-fold > summary:hover { color: var(--fg); }
.declarediff details.dd-fold[open] > summary { border-bottom: 1px solid var(--line); }
.declarediff details.dd-fold > .dd-row:last-child { border-bottom: 0; }
.declarediff .dd-end { padding: 1rem 1.25rem 3rem; font-size: .8rem; color: var(--muted); }

/* filter: pure CSS, so it works where scripts are not run */
.declarediff:has(.dd-f-changed:checked) .dd-fold,
.declarediff:has(.dd-f-changed:checked) .dd-row.dd-equal,
.declarediff:has(.dd-f-findings:checked) .dd-fold,
.declarediff:has(.dd-f-findings:checked) .dd-row:not(.dd-has-f) { display: none; }

/* narrow: rail above, gutter as a header line */
@container (max-width: 56rem) {
  .declarediff .dd-main { display: block; }
  .declarediff .dd-rail { position: static; max-height: none; border-right: 0;
    border-bottom: 1px solid var(--line); }
  .declarediff .dd-map { max-width: 20rem; }
  .declarediff .dd-docs { grid-template-columns: 1fr; }
  .declarediff .dd-arrow { display: none; }
  .declarediff .dd-colhead, .declarediff .dd-row { grid-template-columns: minmax(0, 1fr) minmax(0,
  1fr); }
  .declarediff .dd-colhead > div:first-child { display: none; }
  .declarediff .dd-gut { grid-column: 1 / -1; flex-direction: row; flex-wrap: wrap; gap: .6rem;
    padding: .3rem .7rem 0; }
  .declarediff .dd-notes { grid-column: 1 / -1; }
}

@media (prefers-reduced-motion: reduce) {
  .declarediff .dd-flash { animation: none; outline: 2px solid var(--hl-line); }
}

@media print {
  .declarediff { --fg: #000; --muted: #444; --bg: #fff; --panel: #fff; --line: #999; --soft: #ccc;
    --del: #000; --del-bg: transparent; --ins: #000; --ins-bg: transparent; --link: #000;
    --eq: #ccc; --mod: #777; --mov: #555; --spl: #333; --err: #000; --warn: #333; --note: #555;
    --hl: transparent; --hl-line: #000; --bar: #666; font-size: 10pt; }
  .declarediff .dd-controls, .declarediff .dd-keys, .declarediff .dd-nav,
  .declarediff details.dd-fold > summary { display: none !important; }
  .declarediff .dd-main { display: block; }
  .declarediff .dd-rail { position: static; max-height: none; overflow: visible; border: 0;
    display: block; }
  .declarediff .dd-map svg { max-width: 12cm; max-height: 14cm; margin: 0 auto; }
  .declarediff .dd-map a { cursor: default; }
  .declarediff .dd-colhead { position: static; box-shadow: none; }
  .declarediff .dd-panel ol, .declarediff .dd-panel ul, .declarediff .dd-ftable { max-height: none;
    overflow: visible; }
  .declarediff .dd-q { display: inline; -webkit-line-clamp: none; }
  .declarediff .dd-row, .declarediff .dd-panel li, .declarediff tr { break-inside: avoid; }
  .declarediff .dd-fold, .declarediff .dd-row { display: grid !important; }
  .declarediff details.dd-fold { display: block !important; }
  .declarediff details.dd-fold::details-content { content-visibility: visible; display: contents; }
  .declarediff .dd-row.dd-current { box-shadow: none; }
  .declarediff del { text-decoration-thickness: 1px; }
  .declarediff ins { text-decoration-thickness: 1px; }
  .declarediff .dd-empty { background: none; }
}
"""
).replace("%(dark)s", _DARK)

# The page's own behaviour.  It reads nothing but the DOM (ids and data-* attributes):
# no document text is ever placed in a script.
JS = """
(function () {
  "use strict";
  function init(root) {
    if (root.hasAttribute("data-dd-ready")) { return; }
    root.setAttribute("data-dd-ready", "");
    var page = root.hasAttribute("data-page");
    var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var pos = root.querySelector(".dd-pos");
    var current = null;
    function shown(el) { return el.getClientRects().length > 0; }
    function byId(id) {
      var el = document.getElementById(id);
      return el && root.contains(el) ? el : null;
    }
    function changes() {
      return Array.prototype.filter.call(root.querySelectorAll(".dd-row.dd-chg"), shown);
    }
    function reveal(el) {
      var d = el.closest("details");
      while (d) {
        d.open = true;
        d = d.parentElement ? d.parentElement.closest("details") : null;
      }
      if (!shown(el)) {
        var all = root.querySelector(".dd-f-all");
        if (all) { all.checked = true; }
      }
    }
    function mark(row) {
      if (current) { current.classList.remove("dd-current"); }
      current = row;
      row.classList.add("dd-current");
      var on = root.querySelectorAll(".dd-map .dd-on");
      for (var i = 0; i < on.length; i++) { on[i].classList.remove("dd-on"); }
      var r = row.getAttribute("data-r");
      if (r) {
        var hits = root.querySelectorAll('.dd-map [data-m="' + r + '"]');
        for (var j = 0; j < hits.length; j++) { hits[j].classList.add("dd-on"); }
      }
      if (pos) {
        var list = changes(), k = list.indexOf(row);
        pos.textContent = k >= 0 ? "change " + (k + 1) + " of " + list.length : "";
      }
    }
    function go(el, flash) {
      reveal(el);
      var row = el.closest(".dd-row") || el;
      mark(row);
      row.focus({ preventScroll: true });
      var target = el === row || row.offsetHeight < window.innerHeight * 0.6 ? row : el;
      target.scrollIntoView({ block: target === row ? "start" : "center",
                              behavior: reduce ? "auto" : "smooth" });
      if (flash && el !== row) {
        el.classList.remove("dd-flash");
        void el.offsetWidth;
        el.classList.add("dd-flash");
      }
    }
    function step(dir) {
      var list = changes();
      if (!list.length) { return; }
      var k = -1, i;
      if (current && shown(current)) {
        for (i = 0; i < list.length; i++) {
          var rel = current.compareDocumentPosition(list[i]);
          if (dir > 0 && (rel & Node.DOCUMENT_POSITION_FOLLOWING)) { k = i; break; }
          if (dir < 0 && (rel & Node.DOCUMENT_POSITION_PRECEDING)) { k = i; }
        }
      } else {
        var head = root.querySelector(".dd-colhead");
        var top = head ? head.getBoundingClientRect().bottom + 2 : 0;
        for (i = 0; i < list.length; i++) {
          var y = list[i].getBoundingClientRect().top;
          if (dir > 0 && y >= top) { k = i; break; }
          if (dir < 0 && y < top) { k = i; }
        }
      }
      if (k < 0) { k = dir > 0 ? list.length - 1 : 0; }
      go(list[k], false);
    }
    root.addEventListener("click", function (ev) {
      var t = ev.target;
      var a = t && t.closest ? t.closest("a[href^='#']") : null;
      if (!a || !root.contains(a)) { return; }
      var el = byId(decodeURIComponent(a.getAttribute("href").slice(1)));
      if (!el) { return; }
      ev.preventDefault();
      go(el, true);
    });
    var prev = root.querySelector(".dd-prev"), next = root.querySelector(".dd-next");
    if (prev) { prev.addEventListener("click", function () { step(-1); }); }
    if (next) { next.addEventListener("click", function () { step(1); }); }
    (page ? document : root).addEventListener("keydown", function (ev) {
      if (ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
      var t = ev.target;
      if (t && (t.isContentEditable || /^(TEXTAREA|SELECT)$/.test(t.tagName) ||
                (t.tagName === "INPUT" && t.type !== "radio"))) { return; }
      if (ev.key === "j" || ev.key === "n") { step(1); }
      else if (ev.key === "k" || ev.key === "p") { step(-1); }
      else { return; }
      ev.preventDefault();
      if (!page) { ev.stopPropagation(); }
    });
    var closed = [];
    window.addEventListener("beforeprint", function () {
      closed = Array.prototype.filter.call(root.querySelectorAll("details"), function (d) {
        return !d.open;
      });
      closed.forEach(function (d) { d.open = true; });
    });
    window.addEventListener("afterprint", function () {
      closed.forEach(function (d) { d.open = false; });
      closed = [];
    });
    if (page && location.hash.length > 1) {
      var start = byId(decodeURIComponent(location.hash.slice(1)));
      if (start) { go(start, true); }
    }
  }
  var roots = document.querySelectorAll(".declarediff");
  for (var i = 0; i < roots.length; i++) { init(roots[i]); }
})();
"""

PAGE_CSS = (
    "html{color-scheme:light dark}body{margin:0;background:#fff}"
    "@media (prefers-color-scheme: dark){body{background:#0f1419}}"
    "@media print{body{background:#fff}}"
)

# The page allows its own script (by hash) and inline styles, nothing else: no network.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    f"script-src 'sha256-{base64.b64encode(hashlib.sha256(JS.encode()).digest()).decode()}'"
)

_KIND_WORD = {
    "equal": "unchanged",
    "modified": "modified",
    "moved": "moved",
    "split": "split",
    "merged": "merged",
    "inserted": "inserted",
    "deleted": "deleted",
}
_MARKED = ("dropped", "weakened", "strengthened", "added")


def _e(text: str) -> str:
    """Escape text for element content and attribute values."""
    return html.escape(text, quote=True)


def _lang(doc: Document) -> str | None:
    """``ja`` for Japanese (kana), ``zh`` for other CJK text, else None (the page's ``en``)."""
    sample = "".join(p.text for p in doc.paragraphs[:200])
    if _KANA.search(sample):
        return "ja"
    return "zh" if has_cjk(sample) else None


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word if n == 1 else word + 's'}"


def _lines(p: Paragraph) -> str:
    return f"line {p.line}" if p.end_line <= p.line else f"lines {p.line}–{p.end_line}"


def _snippet(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _worst(findings: Sequence[Finding]) -> str:
    return min((f.severity for f in findings), key=lambda s: RANK.get(s, 9))


class _Report:
    """A comparison with its lookups (which row holds which paragraph) and an id prefix."""

    def __init__(self, c: Comparison, prefix: str, options: RenderOptions) -> None:
        self.c = c
        self.p = prefix
        self.options = options
        self.lang = {"o": _lang(c.old), "n": _lang(c.new)}
        self.row_of: dict[str, dict[int, int]] = {"o": {}, "n": {}}
        for k, pair in enumerate(c.pairs):
            for i in pair.old:
                self.row_of["o"][i] = k
            for j in pair.new:
                self.row_of["n"][j] = k
        self.flags: dict[int, list[Finding]] = defaultdict(list)
        self.para_flags: dict[str, dict[int, list[Finding]]] = {"o": {}, "n": {}}
        for f in c.findings:
            rows = set()
            for side, loc in (("o", f.old), ("n", f.new)):
                if loc is not None and loc.paragraph in self.row_of[side]:
                    rows.add(self.row_of[side][loc.paragraph])
                    self.para_flags[side].setdefault(loc.paragraph, []).append(f)
            for k in sorted(rows):
                self.flags[k].append(f)
        # Commitment sentences to mark in the text: (side, paragraph) -> sentence -> commitment.
        self.marks: dict[tuple[str, int], dict[int, Commitment]] = defaultdict(dict)
        for cm in c.commitments:
            if cm.status not in _MARKED:
                continue
            for side, clause, doc in (("o", cm.old, c.old), ("n", cm.new, c.new)):
                if clause is None or not 0 <= clause.paragraph < len(doc.paragraphs):
                    continue
                if 0 <= clause.sentence < len(doc.paragraphs[clause.paragraph].sentences):
                    self.marks[(side, clause.paragraph)].setdefault(clause.sentence, cm)

    # ids: rows r<k>, paragraphs o<i>/n<j>, sentences o<i>s<s>, moved-from anchors g<k>
    def rid(self, k: int) -> str:
        return f"{self.p}r{k}"

    def pid(self, side: str, i: int) -> str:
        return f"{self.p}{side}{i}"

    def target(self, side: str, i: int, sentence: int | None = None) -> str:
        """The anchor for a paragraph (or one of its marked sentences)."""
        if sentence is not None and sentence in self.marks.get((side, i), {}):
            return f"{self.p}{side}{i}s{sentence}"
        return self.pid(side, i)

    def doc(self, side: str) -> Document:
        return self.c.old if side == "o" else self.c.new

    def where(self, side: str, i: int, line: int | None = None) -> str:
        """``old ¶3 [2.] line 5``: position (1-based), label, line (escaped)."""
        p = self.doc(side).paragraphs[i]
        label = f" [{_e(p.label)}]" if p.label else ""
        at = f"line {line}" if line is not None else _lines(p)
        return f"{'old ' if side == 'o' else ''}¶{i + 1}{label} {at}"

    def lang_attr(self, side: str) -> str:
        lang = self.lang[side]
        return f' lang="{lang}"' if lang else ""

    def link(
        self,
        side: str,
        i: int | None,
        line: int | None = None,
        sentence: int | None = None,
        cls: str = "dd-where",
    ) -> str:
        if i is None or not 0 <= i < len(self.doc(side).paragraphs):
            return ""
        href = self.target(side, i, sentence)
        return f'<a class="{cls}" href="#{href}">{self.where(side, i, line)}</a>'


# ---------------------------------------------------------------- header


def _header(r: _Report) -> str:
    c = r.c

    def card(side: str, doc: Document) -> str:
        title = doc.title or doc.source
        return (
            f'<div class="dd-card"><span class="dd-side">{"old" if side == "o" else "new"}</span>'
            f"<h1{r.lang_attr(side)}>{_e(title)}</h1>"
            f'<div class="dd-src"><code>{_e(doc.source)}</code></div>'
            f'<div class="dd-muted">{_plural(len(doc.paragraphs), "paragraph")} · '
            f"{_plural(doc.words, 'word')}</div></div>"
        )

    kinds = "".join(
        f'<span class="dd-chip dd-{k}"><i></i>{c.stats.count(k)} {_KIND_WORD[k]}</span>'
        for k in PAIR_KINDS
        if c.stats.count(k)
    )
    counts = Counter(f.severity for f in c.findings)
    found = (
        "".join(
            f'<span class="dd-chip dd-sev-{s}"><span class="dd-sev">'
            f"{_plural(counts[s], s)}</span></span>"
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


# ---------------------------------------------------------------- map

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


def _map(r: _Report) -> str:
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
        kind = _e(pair.kind)
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
                    f'{fill} d="{d}"><title>{where}: {_e(_KIND_WORD.get(pair.kind, pair.kind))}'
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
                    f"{_e(_KIND_WORD.get(pair.kind, pair.kind))} · {_plural(para.words, 'word')}"
                    f" — {_e(_snippet(para.text))}"
                )
                bars.append(
                    f'<a href="#{r.pid(side, i)}" data-m="{k}"><rect class="dd-bar dd-bk-{kind}"'
                    f'{fill} x="{x}" y="{_f(y)}" width="{_BAR_W}" height="{_f(h)}" rx="1.5">'
                    f"<title>{tip}</title></rect></a>"
                )
                flagged = r.para_flags[side].get(i)
                if flagged:
                    cx = x - 8 if side == "o" else x + _BAR_W + 8
                    sev = _e(_worst(flagged))
                    dots.append(
                        f'<a href="#{r.pid(side, i)}" data-m="{k}"><circle class="dd-dot '
                        f'dd-sev-{sev}" cx="{cx}" cy="{_f(y + min(h, 12) / 2)}" r="4">'
                        f"<title>{_plural(len(flagged), 'finding')} ({sev})</title></circle></a>"
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


def _rail(r: _Report) -> str:
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
        f"{_map(r)}</aside>"
    )


# ---------------------------------------------------------------- panels


def _quote(r: _Report, side: str, text: str) -> str:
    return f'<span class="dd-q"{r.lang_attr(side)}>“{_e(text)}”</span>'


def _commitment_item(r: _Report, cm: Commitment, tag: bool = False) -> str:
    main, other = ("o", cm.old), ("n", cm.new)
    if cm.old is None:
        main, other = other, main
    side, clause = main
    assert clause is not None
    label = f'<span class="dd-tag">{_e(cm.status)}</span>' if tag else ""
    why = "; ".join(cm.reasons)
    why_html = f'<span class="dd-why">{_e(cm.cls)}{" · " + _e(why) if why else ""}</span>'
    also = ""
    oside, oclause = other
    ev = cm.evidence
    if oclause is not None:
        word = "now" if oside == "n" else "was"
        where = r.link(oside, oclause.paragraph, oclause.line, oclause.sentence, "dd-also")
        also = (
            f'<span class="dd-why dd-q dd-q2"{r.lang_attr(oside)}>{word}: “{_e(oclause.text)}”'
            f"</span>{where}"
        )
        for extra in ev.carriers[1:]:
            where = r.link(oside, extra.paragraph, extra.line, extra.sentence, "dd-also")
            also += (
                f'<span class="dd-why dd-q dd-q2"{r.lang_attr(oside)}>and: “{_e(extra.text)}”'
                f"</span>{where}"
            )
    elif ev.carriers:
        closest = ev.carriers[0]
        where = r.link(oside, closest.paragraph, closest.line, closest.sentence, "dd-also")
        lacks = f"; lacks {', '.join(ev.lacks[:4])}" if ev.lacks else ""
        also = (
            f'<span class="dd-why dd-q dd-q2"{r.lang_attr(oside)}>closest (similarity '
            f"{ev.similarity:.2f}{_e(lacks)}): “{_e(closest.text)}”</span>{where}"
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


def _figures(r: _Report) -> list[str]:
    out = []
    for fc in r.c.figures:
        old = (
            f"<del>{_e(fc.old)}</del>" if fc.old is not None else '<span class="dd-muted">—</span>'
        )
        new = (
            f"<ins>{_e(fc.new)}</ins>" if fc.new is not None else '<span class="dd-muted">—</span>'
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
            f"{_e(fc.type)}{' · ' + _e(fc.context) if fc.context else ''}</span>"
            f'<span class="dd-why">{where}{also}</span></li>'
        )
    return out


def _watch(r: _Report) -> list[str]:
    out = []
    for w in r.c.watch:
        side, first = ("n", w.new_first) if w.new else ("o", w.old_first)
        state = "dropped" if w.old and not w.new else "new" if w.new and not w.old else ""
        tag = f'<span class="dd-tag">{state}</span>' if state else ""
        where = r.link(side, first, cls="dd-also") if first is not None else ""
        out.append(
            f'<li>{tag}<q>{_e(w.phrase)}</q> <span class="dd-fig">{w.old} → {w.new}</span>'
            f'<span class="dd-why">{where}</span></li>'
        )
    return out


def _findings(r: _Report) -> str:
    c = r.c
    counts = Counter(f.severity for f in c.findings)
    summary = ", ".join(_plural(counts[s], s) for s in SEVERITIES if counts[s]) or "none"
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
        sev = _e(f.severity)
        rows.append(
            f'<tr class="dd-sev-{sev}"><td class="dd-nowrap"><span class="dd-sev">{sev}</span></td>'
            f'<td class="dd-nowrap"><code>{_e(f.code)}</code> {_e(f.name)}</td>'
            f'<td class="dd-nowrap">{where}</td><td>{_e(f.message)}</td></tr>'
        )
    table = (
        '<div class="dd-ftable"><table><thead><tr><th>severity</th><th>finding</th><th>where</th>'
        f"<th>message</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        if rows
        else '<p class="dd-none">No findings.</p>'
    )
    return (
        '<section class="dd-panel dd-p-findings"><details open>'
        f'<summary>Findings <span class="dd-count">{_e(summary)}</span></summary>{table}'
        "</details></section>"
    )


def _panels(r: _Report) -> str:
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


# ---------------------------------------------------------------- document view


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
    return f"<{mark}>{_e(text)}</{mark}>" if mark else _e(text)


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
                    tip = _e(f"{cm.status} commitment ({cm.cls})")
                    status = _e(cm.status)
                    out.append(f'<span class="dd-c dd-c-{status}" id="{ids}{n}" title="{tip}">')
                open_n = n
            out.append(_wrap(text[a - pos : b - pos], mark))
        pos += len(text)
    if open_n is not None:
        out.append("</span>")
    return "".join(out)


def _cell(r: _Report, k: int, pair: Pair, side: str, extra: str = "") -> str:
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
        label = f'<span class="dd-label">{_e(para.label)}</span> ' if para.label else ""
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
            f"<span>{_lines(para)}</span>{more}</div>"
            f'<div class="dd-text">{label}{body}</div></div>'
        )
        start = end + len(JOIN)
    return f'<div class="dd-cell dd-{side}"{r.lang_attr(side)}>{"".join(parts)}</div>'


def _row(r: _Report, k: int, pair: Pair, ghost: dict[int, int]) -> str:
    c = r.c
    flags = r.flags.get(k, [])
    cls = ["dd-row", f"dd-{_e(pair.kind)}"]
    if pair.kind != "equal":
        cls.append("dd-chg")
    gut = [f'<span class="dd-kind">{_e(_KIND_WORD.get(pair.kind, pair.kind))}</span>']
    if pair.moved and pair.kind != "moved":
        gut.append('<span class="dd-kind">moved</span>')
    if pair.kind not in ("equal", "deleted", "inserted") and pair.changed:
        gut.append(f'<span class="dd-score" title="similarity">{pair.score:.0%} similar</span>')
    if pair.renumbered and pair.old and pair.new:
        was = c.old.paragraphs[pair.old[0]].label or "no label"
        now = c.new.paragraphs[pair.new[0]].label or "no label"
        gut.append(f"<span>renumbered {_e(was)} → {_e(now)}</span>")
    notes = ""
    if flags:
        sev = _e(_worst(flags))
        cls += ["dd-has-f", f"dd-sev-{sev}"]
        gut.append(f'<span class="dd-flag">⚑ {_plural(len(flags), "finding")}</span>')
        names = Counter((f.severity, f.code, f.name) for f in flags)
        notes = (
            '<div class="dd-notes">'
            + "".join(
                f'<span class="dd-note dd-sev-{_e(s)}" title="{_e(s)}"><span class="dd-sev"></span>'
                f"{_e(code)} {_e(name)}{f' ×{n}' if n > 1 else ''}</span>"
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


def _ghost(r: _Report, k: int, at: int) -> str:
    """The anchor where a moved paragraph stood in the old order, linking to its row."""
    pair = r.c.pairs[k]
    i = min(pair.old)
    para = r.c.old.paragraphs[i]
    down = "↓" if k >= at else "↑"
    label = f"{_e(para.label)} " if para.label else ""
    return (
        f'<div class="dd-row dd-ghost" id="{r.p}g{k}">'
        '<div class="dd-gut"><span class="dd-kind">moved away</span></div>'
        f'<div class="dd-cell dd-o"{r.lang_attr("o")}>old ¶{i + 1} · {_lines(para)} · '
        f'<a class="dd-jump" href="#{r.rid(k)}">{down} moved to ¶{min(pair.new) + 1}</a>'
        f'<div class="dd-muted">{label}{_e(_snippet(para.text, 12))}</div></div>'
        '<div class="dd-cell dd-n dd-empty"></div></div>'
    )


def _document(r: _Report) -> Iterator[str]:
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
        f"<div><b>old</b><span{lang_o}>{_e(c.old.title or '')}</span> "
        f"<code>{_e(c.old.source)}</code></div>"
        f"<div><b>new</b><span{lang_n}>{_e(c.new.title or '')}</span> "
        f"<code>{_e(c.new.source)}</code></div></div>"
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
            f"{_plural(len(run), 'unchanged paragraph')} · {span}</summary>"
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
        f'<p class="dd-end">{_plural(len(pairs), "pair")} · '
        f"{_plural(len(c.old.paragraphs), 'old paragraph')} · "
        f"{_plural(len(c.new.paragraphs), 'new paragraph')}</p></section>"
    )


# ---------------------------------------------------------------- entry points


def _body(c: Comparison, prefix: str, options: RenderOptions, page: bool) -> Iterator[str]:
    r = _Report(c, prefix, options)
    attrs = ' data-page=""' if page else ' tabindex="-1"'
    yield (
        f'<div class="declarediff" id="{prefix}root"{attrs}><style>{CSS}</style>'
        f"{_header(r)}"
        f'<div class="dd-main">{_rail(r)}<div class="dd-content">{_panels(r)}'
    )
    yield from _document(r)
    yield f"</div></div><script>{JS}</script></div>"


def _page(comparison: Comparison, options: RenderOptions) -> Iterator[str]:
    c = comparison
    title = f"declarediff: {c.old.title or c.old.source} → {c.new.title or c.new.source}"
    yield (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="color-scheme" content="light dark">'
        '<meta name="generator" content="declarediff">'
        f"<title>{_e(title)}</title><style>{PAGE_CSS}</style></head>\n<body>"
    )
    yield from _body(c, "dd-", options, page=True)
    yield "</body></html>\n"


def render(comparison: Comparison, options: RenderOptions, /) -> str:
    """The report as a self-contained HTML page (one string, ending in a newline)."""
    return "".join(_page(comparison, options))


def render_chunks(comparison: Comparison, options: RenderOptions, /) -> Iterator[bytes]:
    """:func:`render` as UTF-8 bytes in pieces (a row of the document view at a time), so
    that a large report is never held whole."""
    return (piece.encode("utf-8") for piece in _page(comparison, options))


def fragment(comparison: Comparison) -> str:
    """The report as an HTML fragment (for Jupyter's ``_repr_html_``): one ``div``.

    Ids carry a prefix derived from the comparison's content, so several reports can share
    a page; keys work once the report has the focus (click it first).
    """
    record = comparison.to_dict()
    del record["tool"]  # the prefix depends on the content, not on the version that wrote it
    digest = hashlib.sha256(repr(record).encode("utf-8")).hexdigest()[:8]
    return "".join(_body(comparison, f"dd{digest}-", RenderOptions(), page=False))


__all__ = ["CSP", "CSS", "JS", "fragment", "render", "render_chunks"]
