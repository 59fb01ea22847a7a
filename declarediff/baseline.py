"""Baselines: findings a team has accepted, kept in a file and left out of later reports.

The file is JSON::

    {"schema": "declarediff-baseline/1",
     "findings": [{"fingerprint": "...", "code": "DD101", "name": "commitment-dropped",
                   "excerpt": "Commitment dropped (commit): “We adhere to ...”",
                   "reason": "agreed at the 2025 summit"}]}

``reason`` is optional and written by hand.  A finding whose fingerprint is
listed is suppressed; an entry that matches no finding is stale (the change
it accepted is gone, so the entry can go too).  Fingerprints come from
content, so entries survive re-wrapping, renumbering and edits elsewhere.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any

import attrs

from declarediff import jsontext
from declarediff.errors import ConfigError
from declarediff.model import Baseline, BaselineEntry, Comparison, Finding
from declarediff.report.contract import baseline_entry

SCHEMA = "declarediff-baseline/1"
EXCERPT = 200


Entry = BaselineEntry  # one accepted finding (the model's value)


def _excerpt(message: str) -> str:
    flat = " ".join(message.split())
    return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1] + "…"


def entries_for(findings: Sequence[Finding], keep: Sequence[Entry] = ()) -> tuple[Entry, ...]:
    """Baseline entries for findings; reasons of ``keep`` entries with the same fingerprint stay."""
    reasons = {e.fingerprint: e.reason for e in keep if e.reason}
    return tuple(
        Entry(f.fingerprint, f.code, f.name, _excerpt(f.message), reasons.get(f.fingerprint, ""))
        for f in findings
    )


def dumps(entries: Sequence[Entry]) -> str:
    """The baseline file's text (sorted by code then fingerprint, so diffs stay small)."""
    ordered = sorted(entries, key=lambda e: (e.code, e.fingerprint))
    data = {"schema": SCHEMA, "findings": [baseline_entry(e) for e in ordered]}
    return jsontext.dumps(data)


def load(path: str | os.PathLike[str]) -> tuple[Entry, ...]:
    """Read a baseline file; a missing or malformed file is a one-line ConfigError."""
    name = os.fspath(path)
    try:
        with open(name, encoding="utf-8") as fh:
            data: Any = json.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{name}: no such baseline file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{name}: cannot read the baseline ({e})") from None
    except json.JSONDecodeError as e:
        raise ConfigError(
            f"{name}: the baseline is not valid JSON ({e.msg}, line {e.lineno})"
        ) from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ConfigError(f"{name}: not a declarediff baseline (expected schema {SCHEMA!r})")
    raw = data.get("findings")
    if not isinstance(raw, list):
        raise ConfigError(f"{name}: 'findings' must be a list")
    out = []
    for k, item in enumerate(raw):
        if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str):
            raise ConfigError(f"{name}: findings[{k}] needs a 'fingerprint' string")
        fields = {key: str(item.get(key, "")) for key in ("code", "name", "excerpt", "reason")}
        out.append(Entry(item["fingerprint"], **fields))
    return tuple(out)


@attrs.frozen
class Applied:
    """A comparison with accepted findings taken out, and what the baseline did."""

    comparison: Comparison
    suppressed: tuple[tuple[Finding, Entry], ...]
    stale: tuple[Entry, ...]


def split(
    findings: Sequence[Finding], entries: Sequence[Entry]
) -> tuple[tuple[Finding, ...], tuple[tuple[Finding, Entry], ...], tuple[Entry, ...]]:
    """The findings the baseline does not list, those it lists (each with its entry), and
    the entries that match no finding (stale)."""
    by_print = {e.fingerprint: e for e in entries}
    kept: list[Finding] = []
    suppressed: list[tuple[Finding, Entry]] = []
    for f in findings:
        entry = by_print.get(f.fingerprint)
        if entry is None:
            kept.append(f)
        else:
            suppressed.append((f, entry))
    used = {f.fingerprint for f, _e in suppressed}
    stale = tuple(e for e in entries if e.fingerprint not in used)
    return tuple(kept), tuple(suppressed), stale


def apply(comparison: Comparison, entries: Sequence[Entry]) -> Applied:
    """Leave out the findings the baseline lists; report the entries that matched nothing."""
    kept, suppressed, stale = split(comparison.findings, entries)
    return Applied(
        attrs.evolve(
            comparison,
            findings=kept,
            baseline=Baseline(tuple(f for f, _e in suppressed), stale),
        ),
        suppressed,
        stale,
    )
