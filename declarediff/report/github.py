"""GitHub Actions workflow commands: one annotation per finding.

``::error file=docs/policy.md,line=12,endLine=14,title=DD101 commitment-dropped::message``.
Text is escaped as the Actions toolkit escapes it: ``%``, CR and LF in the
message; also ``:`` and ``,`` in properties.  Control characters of the document are
shown (``^[``, ``<U+202E>``: :mod:`declarediff.report.safe`) besides that escaping, so a
message carries no terminal escape into the log.  GitHub shows at most ten
annotations of each severity per step, so at most ten of each are written
(most important first) and a last notice says how many were left out.
"""

from __future__ import annotations

from collections import Counter

from declarediff.model import Comparison
from declarediff.report.records import records
from declarediff.report.safe import visible
from declarediff.report.style import RenderOptions

PER_LEVEL = 10
_COMMAND = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message the way the Actions toolkit does (``%``, CR, LF), and show
    any other control character as :func:`~declarediff.report.safe.visible` does."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """Escape a command property's value (also ``:`` and ``,``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(comparison: Comparison, options: RenderOptions, /) -> str:
    """Workflow commands, one per line, ending in a newline."""
    recs = records(comparison, options)
    counts = Counter(r.severity for r in recs)
    left_out_total = sum(max(0, n - PER_LEVEL) for n in counts.values())
    caps = dict.fromkeys(_COMMAND, PER_LEVEL)
    if left_out_total:
        caps["note"] = PER_LEVEL - 1  # keep room for the notice that says what was left out
    shown: Counter[str] = Counter()
    lines = []
    for r in recs:
        if shown[r.severity] >= caps[r.severity]:
            continue
        shown[r.severity] += 1
        props = []
        if r.uri:
            props.append(f"file={escape_property(r.uri)}")
            props.append(f"line={r.line}")
            if r.end_line != r.line:
                props.append(f"endLine={r.end_line}")
        props.append(f"title={escape_property(f'{r.code} {r.name}')}")
        lines.append(f"::{_COMMAND[r.severity]} {','.join(props)}::{escape_data(r.message)}")
    left = {s: counts[s] - shown[s] for s in counts if counts[s] > shown[s]}
    if left:
        parts = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in sorted(left.items()))
        lines.append(
            "::notice title=declarediff::"
            + escape_data(
                f"{sum(left.values())} more findings were not annotated ({parts}); GitHub shows "
                f"{PER_LEVEL} annotations per severity per step. See the full report."
            )
        )
    stale = comparison.baseline.stale if comparison.baseline is not None else ()
    if stale:
        lines.append(
            "::notice title=declarediff baseline::"
            + escape_data(
                f"{len(stale)} baseline entries match no finding any more "
                "(stale): run with --write-baseline to refresh the baseline."
            )
        )
    if not recs:
        lines.append("::notice title=declarediff::No findings.")
    return "\n".join(lines) + "\n"
