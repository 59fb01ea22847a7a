"""SARIF 2.1.0: one run, one rule per finding code, one result per finding.

Findings a baseline accepted are results too, after the open ones, each with a suppression
of kind ``external`` (the baseline file is outside the log) and status ``accepted``.

Valid against the official schema, and within GitHub code scanning's limits:
at most 5,000 results (the number GitHub displays; the rest are counted in a
tool notification), messages of at most 1,000 characters, file paths relative
to the repository root, and content fingerprints in ``partialFingerprints``.
"""

from __future__ import annotations

from typing import Any

from declarediff import jsontext
from declarediff._version import __version__
from declarediff.model import Comparison
from declarediff.report.records import records
from declarediff.report.style import RenderOptions
from declarediff.rules import CODES

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
MAX_RESULTS = 5_000
MAX_MESSAGE = 1_000
FINGERPRINT_KEY = "declarediff/v1"
# A finding accepted in a declarediff baseline file: suppressed outside the log, accepted.
SUPPRESSION: dict[str, Any] = {
    "kind": "external",
    "status": "accepted",
    "justification": "accepted in the declarediff baseline",
}


def _text(text: str, limit: int = MAX_MESSAGE) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def to_sarif(comparison: Comparison, options: RenderOptions) -> dict[str, Any]:
    """The SARIF log as plain data."""
    index = {c.code: k for k, c in enumerate(CODES)}
    rules = [
        {
            "id": c.code,
            "name": c.name,
            "shortDescription": {"text": c.name.replace("-", " ")},
            "fullDescription": {"text": c.description},
            "defaultConfiguration": {"level": c.severity},
            "help": {"text": f"{c.code} {c.name}: {c.description}"},
            "properties": {"tags": ["declarediff", c.name.split("-")[0]]},
        }
        for c in CODES
    ]
    # Open findings first, then the ones a baseline accepted (as suppressed results, which
    # code scanning shows as dismissed), within the limit of results per run.
    recs = [(r, False) for r in records(comparison, options)]
    base = comparison.baseline
    if base is not None:
        recs += [(r, True) for r in records(comparison, options, base.suppressed)]
    results = []
    for r, suppressed in recs[:MAX_RESULTS]:
        location: dict[str, Any] = {"region": {"startLine": r.line, "endLine": r.end_line}}
        if r.uri:
            location["artifactLocation"] = {"uri": r.uri}
        result: dict[str, Any] = {
            "ruleId": r.code,
            "ruleIndex": index[r.code],
            "level": r.severity,
            "message": {"text": _text(r.message)},
            "locations": [{"physicalLocation": location}],
            "partialFingerprints": {FINGERPRINT_KEY: r.fingerprint},
            "properties": {"side": r.side},
        }
        if suppressed:
            result["suppressions"] = [dict(SUPPRESSION)]
        results.append(result)
    invocation: dict[str, Any] = {"executionSuccessful": True}
    notes = []
    if len(recs) > MAX_RESULTS:
        notes.append(
            f"{len(recs) - MAX_RESULTS} more findings are not included "
            f"(GitHub code scanning shows {MAX_RESULTS:,} results per run)."
        )
    if base is not None:
        notes.append(
            f"Baseline: {len(base.suppressed)} accepted findings included as suppressed "
            f"results; {len(base.stale)} stale entries match nothing."
        )
    if notes:
        invocation["toolExecutionNotifications"] = [
            {"level": "note", "message": {"text": n}} for n in notes
        ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "declarediff",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }
        },
        "invocations": [invocation],
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render(comparison: Comparison, options: RenderOptions, /) -> str:
    """The SARIF log as indented JSON with a final newline."""
    return jsontext.dumps(to_sarif(comparison, options))
