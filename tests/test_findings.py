"""Findings: codes, fingerprints, watched phrases, --fail-on (declarediff.rules, analyse)."""

from __future__ import annotations

import json
import textwrap
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

import declarediff as dd
from declarediff.cli import main
from declarediff.rules import BY_CODE, CODES, matches
from declarediff.watch import count

from .conftest import FIXTURES, ROOT

OLD = str(FIXTURES / "en" / "nato-2024.txt")
NEW = str(FIXTURES / "en" / "nato-2025.txt")
SCHEMA = json.loads((ROOT / "docs" / "schema" / "declarediff-1.schema.json").read_text("utf-8"))


def test_code_table() -> None:
    """The required codes exist with their names and default severities."""
    expected = {
        "DD101": ("commitment-dropped", "error"),
        "DD102": ("commitment-weakened", "warning"),
        "DD103": ("commitment-added", "note"),
        "DD104": ("commitment-strengthened", "note"),
        "DD201": ("watched-phrase-dropped", "error"),
        "DD202": ("watched-phrase-added", "note"),
        "DD301": ("figure-changed", "warning"),
        "DD401": ("paragraph-deleted", "note"),
        "DD402": ("paragraph-inserted", "note"),
    }
    for code, (name, severity) in expected.items():
        assert (BY_CODE[code].name, BY_CODE[code].severity) == (name, severity)
    assert len({c.name for c in CODES}) == len(CODES)


def nato(**kw: Any) -> dd.Comparison:
    """The English NATO story, compared."""
    return dd.compare(dd.read(OLD), dd.read(NEW), **kw)


def test_nato_findings_exactly() -> None:
    """The story's findings, and nothing else: code and where each stands."""
    c = nato(watch=("rules-based international order", "Article 5"))
    got = [
        (f.code, f.old.paragraph if f.old else None, f.new.paragraph if f.new else None)
        for f in c.findings
    ]
    dropped = [1, 2, 3, 4, 5, 5, 6, 8, 8, 8, 8, 9, 10, 11, 12]
    assert got == [
        *[("DD101", p, None) for p in dropped],
        ("DD201", 1, None),
        ("DD102", 2, 2),
        ("DD102", 5, 4),
        ("DD301", 3, 3),
        ("DD103", 4, 2),
        ("DD103", None, 3),
        ("DD104", 3, 3),
        ("DD302", 13, None),
        ("DD303", None, 3),
        ("DD303", None, 5),
        *[("DD401", p, None) for p in (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)],
        *[("DD402", None, p) for p in (2, 3, 4)],
    ]
    # Only the spending share is a figure change: "beyond 2% of GDP" (all spending) and "3.5%
    # of GDP" (core defence) measure different things, and the next summit's year is a date
    # of record, not a target (a note that it went and came, not a warning).
    figures = [f.message for f in c.findings if f.code == "DD301"]
    assert figures == ["Figure changed (percent): 2% -> 5% (of gdp annually)"]
    # The old spending pledge is carried, and strengthened, by the 5% commitment.
    (pledge,) = [f for f in c.findings if f.code == "DD104"]
    assert "Defence Investment Pledge" in pledge.message and "5% of GDP" in pledge.message
    rules_based = c.findings[0]
    assert rules_based.message.startswith(
        "Commitment dropped (commit): “We adhere to international"
    )
    assert (rules_based.old.line if rules_based.old else 0) == 3
    assert [(w.phrase, w.old, w.new) for w in c.watch] == [
        ("rules-based international order", 1, 0),
        ("Article 5", 1, 1),
    ]


def test_findings_are_ordered_most_severe_first() -> None:
    """Errors, then warnings, then notes."""
    ranks = {"error": 0, "warning": 1, "note": 2}
    severities = [ranks[f.severity] for f in nato().findings]
    assert severities == sorted(severities)


def test_fingerprints_survive_rewrapping_renumbering_and_edits_elsewhere() -> None:
    """Fingerprints come from content: wrapping, numbering and unrelated edits leave them."""
    old, new = dd.read(OLD), dd.read(NEW)
    base = {f.fingerprint for f in dd.compare(old, new).findings}
    raw = (FIXTURES / "en" / "nato-2025.txt").read_text(encoding="utf-8")
    blocks = raw.split("\n\n")
    wrapped = "\n\n".join(textwrap.fill(b, 50) for b in blocks)
    renumbered = wrapped.replace("\n1. We", "\n7. We")
    edited = renumbered.replace("generous hospitality", "warm hospitality")
    other = {f.fingerprint for f in dd.compare(old, dd.parse(edited)).findings}
    lost = base - other
    # Only the findings about the edited sentence itself may change.
    assert all(
        "hospitality" in f.message for f in dd.compare(old, new).findings if f.fingerprint in lost
    )
    assert len(base & other) >= len(base) - 2


def test_fingerprints_are_unique() -> None:
    """No two findings share a fingerprint, even for repeated text."""
    prints = [f.fingerprint for f in nato().findings]
    assert len(prints) == len(set(prints))


@pytest.mark.parametrize(
    ("phrase", "text", "n"),
    [
        ("rules-based order", "the Rules Based Order and the rules-based order", 2),
        ("NATO", "ＮＡＴＯ and NATO's role, not NATOs", 2),
        ("国際秩序", "ルールに基づく国際 秩序を守る。国際秩序", 2),
        ("order", "border orders", 0),
    ],
)
def test_watch_counts_ignore_case_width_and_hyphens(phrase: str, text: str, n: int) -> None:
    """Watched phrases match across case, width, hyphen and space variants, on word bounds."""
    assert count(phrase, dd.parse(text + "\n")) == n


def test_watched_phrase_added_is_a_note() -> None:
    """A phrase new in the new version is DD202, a note."""
    c = nato(watch=("5% of GDP",))
    assert [(f.code, f.severity) for f in c.findings if f.code.startswith("DD2")] == [
        ("DD202", "note")
    ]


def test_selectors() -> None:
    """A severity selects itself and worse; codes and names select exactly."""
    f = nato().findings
    error = next(x for x in f if x.severity == "error")
    note = next(x for x in f if x.severity == "note")
    assert matches(error, "warning") and not matches(note, "warning")
    assert matches(error, "DD101") and matches(error, "commitment-dropped")
    assert not matches(note, "DD101")


def run(*args: str) -> tuple[int, str, str]:
    """Run the command in-process."""
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_fail_on_exit_codes() -> None:
    """--fail-on error exits 1 on a dropped commitment; without it, or with no match, 0."""
    assert run(OLD, NEW)[0] == 0
    code, out, err = run(OLD, NEW, "--fail-on", "error")
    assert code == 1
    assert "findings:" in out and "match --fail-on error" in err
    assert run(OLD, NEW, "--fail-on", "DD999")[0] == 2
    assert run(OLD, OLD, "--fail-on", "note")[0] == 0
    assert run(OLD, NEW, "--fail-on", "watched-phrase-dropped")[0] == 0
    assert run(OLD, NEW, "--watch", "UN Charter", "--fail-on", "watched-phrase-dropped")[0] == 1


def test_terminal_report_opens_with_findings() -> None:
    """The report lists findings, most severe first, before the paragraph diff."""
    _code, out, _err = run(OLD, NEW)
    lines = out.splitlines()
    first = next(k for k, line in enumerate(lines) if line.startswith("findings: 15 errors"))
    assert lines[first + 1].startswith("  error   DD101 commitment-dropped  old ¶2 [1.] line 3")
    assert "“We adhere to international law" in lines[first + 2]
    assert lines.index("paragraphs:") > first


def test_json_findings_validate_against_schema() -> None:
    """The JSON with commitments, figures, watch and findings validates against the schema."""
    code, out, _err = run(OLD, NEW, "--format", "json", "--watch", "UN Charter")
    assert code == 0
    data = json.loads(out)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["findings"][0]["code"] == "DD101"
    assert {c["status"] for c in data["commitments"]} >= {"dropped", "modified", "added"}
    assert data["watch"] == [{"phrase": "UN Charter", "old": 1, "new": 0}]
    assert any(f["old"] == "2%" and f["new"] == "5%" for f in data["figures"])


def test_japanese_nato_findings_exactly() -> None:
    """The hard-wrapped Japanese story: the rules-based order gone, and nothing else."""
    c = dd.compare(
        dd.read(FIXTURES / "ja" / "nato-2024.txt"),
        dd.read(FIXTURES / "ja" / "nato-2025.txt"),
        watch=("ルールに基づく国際秩序",),
    )
    got = [
        (f.code, f.old.paragraph if f.old else None, f.new.paragraph if f.new else None)
        for f in c.findings
    ]
    assert got == [
        *[("DD101", p, None) for p in (1, 2, 3, 3, 4, 5, 5, 5, 6, 7, 8, 10, 12)],
        ("DD201", 1, None),
        ("DD102", 2, 2),
        ("DD103", 1, 1),
        ("DD103", 2, 2),
        ("DD103", None, 3),
        ("DD103", 8, 3),
        ("DD103", None, 3),
        ("DD103", None, 4),
        ("DD302", 13, None),
        ("DD303", None, 5),
        *[("DD401", p, None) for p in range(2, 13)],
        *[("DD402", None, p) for p in (2, 3, 4)],
    ]
    assert "ルールに基づく国際秩序を守ることを約束する" in c.findings[0].message
    # Known limit: the Japanese sentences of the 2% guideline and the 5% commitment share
    # too few kanji bigrams to count as carried, so 2% -> 5% is not paired in Japanese
    # (the English pair reports it); the next summit's year is a date, not a target.
    assert [f.message for f in c.findings if f.code == "DD301"] == []
