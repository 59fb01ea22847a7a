"""Finding codes: each reportable event has a stable code, a kebab-case name, a default
severity and a one-line description.  The same code and name appear in JSON, SARIF rule ids
and GitHub annotation titles.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import attrs

from declarediff.model import Finding, Location, Severity

SEVERITIES: tuple[Severity, ...] = ("error", "warning", "note")
RANK: dict[str, int] = {"error": 0, "warning": 1, "note": 2}


@attrs.frozen
class Code:
    """A finding code: ``DD101`` ``commitment-dropped`` (error)."""

    code: str
    name: str
    severity: Severity
    description: str


CODES: tuple[Code, ...] = (
    Code(
        "DD101",
        "commitment-dropped",
        "error",
        "A commitment of the old version is not carried by the new version.",
    ),
    Code(
        "DD102",
        "commitment-weakened",
        "warning",
        "A commitment was reworded into a weaker form (lower class, negation, modal, lost "
        "qualifier, lost figure, narrowed).",
    ),
    Code(
        "DD103",
        "commitment-added",
        "note",
        "The new version makes a commitment the old version did not.",
    ),
    Code(
        "DD104",
        "commitment-strengthened",
        "note",
        "A commitment was reworded into a stronger form.",
    ),
    Code(
        "DD201",
        "watched-phrase-dropped",
        "error",
        "A watched phrase occurs in the old version and not in the new one.",
    ),
    Code(
        "DD202",
        "watched-phrase-added",
        "note",
        "A watched phrase occurs in the new version and not in the old one.",
    ),
    Code(
        "DD301",
        "figure-changed",
        "warning",
        "A figure (percent, money, year, count) changed in a sentence both versions share.",
    ),
    Code("DD302", "figure-removed", "note", "A sentence both versions share lost a figure."),
    Code("DD303", "figure-added", "note", "A sentence both versions share gained a figure."),
    Code(
        "DD401", "paragraph-deleted", "note", "A paragraph of the old version has no counterpart."
    ),
    Code(
        "DD402", "paragraph-inserted", "note", "A paragraph of the new version has no counterpart."
    ),
)
BY_CODE: dict[str, Code] = {c.code: c for c in CODES}
BY_NAME: dict[str, Code] = {c.name: c for c in CODES}


def fingerprint(code: str, *content: str) -> str:
    """A stable fingerprint from a code and content (never from line numbers)."""
    digest = hashlib.sha256("\x1f".join((code, *content)).encode("utf-8")).hexdigest()
    return digest[:20]


def make(
    code: str,
    message: str,
    old: Location | None,
    new: Location | None,
    *content: str,
) -> Finding:
    """A finding of ``code`` with its default severity and a content fingerprint."""
    c = BY_CODE[code]
    return Finding(
        code=c.code,
        name=c.name,
        severity=c.severity,
        message=message,
        old=old,
        new=new,
        fingerprint=fingerprint(code, *content),
    )


def matches(finding: Finding, selector: str) -> bool:
    """Whether ``selector`` selects ``finding``: a severity (that severity or worse:
    ``warning`` selects warnings and errors), a code (``DD101``), a code prefix (``DD1``
    selects DD101 to DD104, as ruff's ``--select`` does) or a name (``commitment-dropped``).
    """
    sel = selector.strip().lower()
    if sel in RANK:
        return RANK[finding.severity] <= RANK[sel]
    return finding.code.lower().startswith(sel) if _is_code_prefix(sel) else sel == finding.name


def _is_code_prefix(sel: str) -> bool:
    upper = sel.upper()
    return upper.startswith("DD") and any(code.startswith(upper) for code in BY_CODE)


def valid_selector(selector: str) -> bool:
    """Whether ``selector`` names a severity, a code, a code prefix or a name."""
    sel = selector.strip().lower()
    return sel in RANK or _is_code_prefix(sel) or sel in BY_NAME


def failing(findings: Sequence[Finding], selectors: Sequence[str]) -> tuple[Finding, ...]:
    """The findings that fail a gate of ``selectors`` (``--fail-on``): those that any
    selector selects.  The one place the command decides its exit status from findings."""
    return tuple(f for f in findings if any(matches(f, sel) for sel in selectors))
