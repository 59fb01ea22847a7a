"""One records form of the findings, from which every machine format is built.

Each record places its finding on one file and line: on the new version when
the finding has a place there, else on the new version's line where the old
paragraph stood (after the paragraph that precedes it in reading order), so
that a pull-request annotation lands next to the change.  Only when the new
version has no file name does a record point into the old version.
"""

from __future__ import annotations

import attrs

from declarediff.model import Comparison, Finding
from declarediff.report.style import RenderOptions


@attrs.frozen
class Record:
    """A finding placed on a file: what SARIF results and GitHub annotations are made of."""

    code: str
    name: str
    severity: str
    message: str
    fingerprint: str
    uri: str
    line: int
    end_line: int
    side: str  # "new" or "old": which version ``uri`` and ``line`` refer to


def _anchor_line(c: Comparison, old_paragraph: int) -> int:
    """The new version's line at which an old paragraph stands in reading order."""
    last_line = 1
    for pair in c.pairs:
        if old_paragraph in pair.old:
            if pair.new:
                return c.new.paragraphs[pair.new[0]].line
            return last_line
        if pair.new:
            last_line = c.new.paragraphs[pair.new[-1]].end_line
    return last_line


def place(c: Comparison, f: Finding, options: RenderOptions) -> tuple[str, int, int, str]:
    """(uri, start line, end line, side) for a finding."""
    new_uri = options.new_uri or (c.new.source if c.new.source != "<stdin>" else None)
    old_uri = options.old_uri or (c.old.source if c.old.source != "<stdin>" else None)
    if f.new is not None and new_uri:
        p = c.new.paragraphs[f.new.paragraph]
        return new_uri, f.new.line, max(f.new.line, p.end_line), "new"
    if f.old is not None and new_uri:
        line = _anchor_line(c, f.old.paragraph)
        return new_uri, line, line, "new"
    if f.old is not None and old_uri:
        p = c.old.paragraphs[f.old.paragraph]
        return old_uri, f.old.line, max(f.old.line, p.end_line), "old"
    return new_uri or old_uri or "", 1, 1, "new"


def records(
    c: Comparison, options: RenderOptions, findings: tuple[Finding, ...] | None = None
) -> list[Record]:
    """The comparison's findings (or ``findings`` of it, such as those a baseline suppressed)
    as placed records, in the comparison's order."""
    out = []
    for f in c.findings if findings is None else findings:
        uri, line, end, side = place(c, f, options)
        out.append(
            Record(f.code, f.name, f.severity, f.message, f.fingerprint, uri, line, end, side)
        )
    return out
