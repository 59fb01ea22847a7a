"""The human and machine reports (issue #13): Markdown under a size limit, baselines in every
report, white-space changes drawn, watched phrases listed, the tool version in JSON, short
reprs, and the ``stat`` summary."""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import declarediff as dd
import declarediff.report.contract
from declarediff import baseline
from declarediff.registry import RENDERERS
from declarediff.report import html as html_report
from declarediff.report.style import RenderOptions
from declarediff.report.timeline import render_json
from declarediff.text import display_width

from .conftest import CORPUS, ROOT, corpus_path, shared_path

SCHEMA = json.loads((ROOT / "docs" / "schema" / "declarediff-1.schema.json").read_text("utf-8"))
WATCH = ("rules-based international order", "Defense Investment Pledge")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
TABLE_HEAD = "| | code | where | finding |"
ROW = re.compile(r"^\| \S+ (error|warning|note) \| DD\d{3} ", re.M)


def compare_files(old: Path | str, new: Path | str, watch: tuple[str, ...] = ()) -> dd.Comparison:
    """Compare two files named relative to the root (as the reports name them)."""

    def read(p: Path | str) -> dd.Document:
        path = ROOT / p
        # Fixtures are named from the root (fixtures/en/...), corpus documents from the
        # corpus (g7/...).
        base = ROOT if path.is_relative_to(ROOT) else CORPUS
        return dd.parse(dd.read_text(path), source=str(path.relative_to(base)))

    return dd.compare(read(old), read(new), watch=watch)


@functools.cache
def nato() -> dd.Comparison:
    """The NATO-story fixtures, with one watched phrase present and one misspelt."""
    return compare_files("fixtures/en/nato-2024.txt", "fixtures/en/nato-2025.txt", WATCH)


@functools.cache
def restructure() -> dd.Comparison:
    """The restructure fixtures: a move whose edit deletes the space in "Africa and", a merge."""
    return compare_files("fixtures/en/restructure-old.txt", "fixtures/en/restructure-new.txt")


@functools.cache
def _g7(old: str, new: str) -> dd.Comparison:
    return compare_files(corpus_path(old), corpus_path(new))


def g7() -> dd.Comparison:
    """A real pair with many findings: Carbis Bay 2021 -> Hiroshima 2023 (628 findings)."""
    return _g7("g7/2021-carbis-bay.txt", "g7/2023-hiroshima.txt")


def with_baseline(c: dd.Comparison, keep: int = 0) -> dd.Comparison:
    """``c`` with a baseline that accepts all findings but the first ``keep``, plus one stale
    entry."""
    entries = baseline.entries_for(c.findings[keep:])
    stale = baseline.Entry("f" * 20, "DD101", "commitment-dropped", "We will restore the pact.")
    return baseline.apply(c, (*entries, stale)).comparison


def render(c: dd.Comparison, format: str, **options: Any) -> str:
    """One report of ``c``."""
    return dd.render(c, format, RenderOptions(**options))


# 1. --markdown-limit keeps the findings table ------------------------------------------------


def _notice_counts(out: str) -> tuple[int, int, int, int]:
    """(rows left out, rows in all, paragraphs left out, paragraphs in all) from the notice."""
    rows = re.search(r"([\d,]+) of ([\d,]+) finding rows?", out)
    paras = re.search(r"([\d,]+) of ([\d,]+) changed paragraphs?", out)

    def n(m: re.Match[str] | None, k: int) -> int:
        return int(m.group(k).replace(",", "")) if m else 0

    return n(rows, 1), n(rows, 2), n(paras, 1), n(paras, 2)


@pytest.mark.slow
@pytest.mark.corpus
@pytest.mark.parametrize("limit", [2_000, 2_500, 5_000, 20_000, 60_000])
def test_markdown_limit_keeps_the_findings_table_on_a_real_pair(limit: int) -> None:
    """Under every limit (2,000 is the smallest the CLI allows) the report fits in UTF-8 bytes,
    keeps the findings table with rows, and its notice names the limit and the rows left out."""
    c = g7()
    out = render(c, "markdown", max_chars=limit)
    assert len(out.encode("utf-8")) <= limit
    assert TABLE_HEAD in out
    shown = len(ROW.findall(out))
    assert shown >= 1
    assert f"limit of {limit:,} bytes" in out
    left, total, paras_left, paras_total = _notice_counts(out)
    assert total == len(c.findings) and left == total - shown
    # The findings come first: no paragraph is shown while rows are left out.
    changed = sum(1 for p in c.pairs if p.kind != "equal")
    assert paras_total == changed and paras_left == changed
    assert "### Changed paragraphs" not in out
    # A bigger limit shows more rows.
    if limit < 60_000:
        assert len(ROW.findall(render(c, "markdown", max_chars=limit * 2))) > shown


def test_markdown_limit_cuts_paragraphs_after_the_rows_and_counts_them() -> None:
    """Between "only some rows" and "everything", every limit gives a report that fits, and the
    notice's counts match what is shown: all rows before any paragraph."""
    c = nato()
    full = render(c, "markdown")
    changed = sum(1 for p in c.pairs if p.kind != "equal")
    assert "Report truncated" not in full and len(ROW.findall(full)) == len(c.findings)
    seen_paragraph_cut = False
    for limit in range(2_000, len(full.encode("utf-8")) + 1, 700):
        out = render(c, "markdown", max_chars=limit)
        assert len(out.encode("utf-8")) <= limit, limit
        assert TABLE_HEAD in out and f"limit of {limit:,} bytes" in out
        rows = len(ROW.findall(out))
        paras = out.count("\n#### ")
        left, total, paras_left, paras_total = _notice_counts(out)
        assert paras == changed - paras_left and paras_total in (0, changed)
        if left:
            assert total == len(c.findings) and rows == total - left and paras == 0
        else:
            assert rows == len(c.findings)
            seen_paragraph_cut = True
    assert seen_paragraph_cut


@pytest.mark.slow
def test_markdown_default_limit_is_one_megabyte() -> None:
    """Without --markdown-limit the report stops under GitHub's 1 MiB and names that limit."""
    paras = [f"{i}. We will build {i} bridges in province {i}. " * 6 for i in range(1, 2500)]
    old = dd.parse("\n\n".join(paras))
    new = dd.parse("\n\n".join(p.replace("bridges", "roads") for p in paras))
    out = dd.render(dd.compare(old, new), "markdown")
    assert len(out.encode("utf-8")) <= 1_000_000
    assert "limit of 1,000,000 bytes" in out


# 2. Baselines in the reports -----------------------------------------------------------------


@pytest.mark.parametrize("format", ["text", "side-by-side"])
def test_terminal_reports_say_what_the_baseline_did(format: str) -> None:
    """All findings accepted: "findings: none", then how many were suppressed and the stale
    entry, briefly."""
    c = with_baseline(nato())
    out = render(c, format)
    assert "findings: none" in out
    assert f"baseline: {len(nato().findings)} findings suppressed (accepted)" in out
    assert "1 stale entry (matches no finding any more)" in out
    assert "stale: DD101 commitment-dropped “We will restore the pact.” (fingerprint ffff" in out


def test_markdown_says_what_the_baseline_did() -> None:
    """Markdown: the numbers on a Baseline line, and the stale entry listed."""
    c = with_baseline(nato(), keep=2)
    out = render(c, "markdown")
    n = len(nato().findings) - 2
    assert "**Findings:** 2 errors." in out
    assert f"**Baseline:** {n} findings suppressed \\(accepted\\), 1 stale entry" in out
    assert "- stale: DD101 commitment\\-dropped “We will restore the pact.”" in out
    assert len(ROW.findall(out)) == 2


def test_many_stale_entries_are_listed_briefly() -> None:
    """Ten stale entries are listed, the rest counted."""
    c = nato()
    stale = [baseline.Entry(f"{k:020d}", "DD301", "figure-changed", "x" * 300) for k in range(13)]
    out = render(baseline.apply(c, stale).comparison, "text")
    assert "13 stale entries (match no finding any more)" in out
    assert out.count("  stale: DD301") == 10 and "… and 3 more stale entries" in out
    assert max(len(line) for line in out.splitlines() if "stale: " in line) < 140


def test_sarif_includes_suppressed_results_as_suppressed() -> None:
    """Accepted findings are SARIF results with an external suppression, after the open ones;
    the log is valid against the official SARIF 2.1.0 schema."""
    schema = json.loads(shared_path("schemas/sarif-schema-2.1.0.json").read_text("utf-8"))
    c = with_baseline(nato(), keep=3)
    log = json.loads(render(c, "sarif"))
    jsonschema.Draft7Validator(schema).validate(log)
    results = log["runs"][0]["results"]
    assert len(results) == len(nato().findings)
    open_, accepted = results[:3], results[3:]
    assert all("suppressions" not in r for r in open_)
    assert all(
        r["suppressions"] == [{**r["suppressions"][0], "kind": "external"}] for r in accepted
    )
    assert {r["suppressions"][0]["status"] for r in accepted} == {"accepted"}
    prints = [r["partialFingerprints"]["declarediff/v1"] for r in accepted]
    assert c.baseline is not None
    assert prints == [f.fingerprint for f in c.baseline.suppressed]
    (note,) = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert (
        f"{len(c.baseline.suppressed)} accepted findings included as suppressed"
        in note["message"]["text"]
    )


def test_github_annotations_leave_suppressed_findings_out() -> None:
    """Annotations are for open findings only; a fully accepted comparison has none."""
    out = render(with_baseline(nato()), "github", new_uri="docs/policy.txt")
    assert "::error" not in out and "::warning" not in out
    assert "::notice title=declarediff::No findings." in out
    assert "1 baseline entries match no finding" in out


# 3. White space changes are drawn ------------------------------------------------------------


def test_text_report_draws_a_deleted_space() -> None:
    """ "Africa and" lost its space (and gained ", South Asia "): the deletion is marked."""
    out = render(restructure(), "text")
    assert "Africa[- -]{+, South Asia +}and the Pacific." in out
    # The line break between the paragraphs of a merge is not a change to draw.
    assert "communiqué. The Working Group" in out and "[-\n-]" not in out


def test_side_by_side_draws_a_deleted_space_plain_and_in_colour() -> None:
    """Left column: "Africa[- -]and" without colour, a red "·" with colour; never "Africaand"."""
    plain = render(restructure(), "side-by-side", width=100)
    assert "Africa[- -]and the Pacific." in plain
    assert "Africaand" not in plain and "communiqué.The" not in plain
    colour = render(restructure(), "side-by-side", width=100, color=True)
    assert "Africa\x1b[31;9m·\x1b[0mand" in colour
    assert "Africaand" not in ANSI.sub("", colour)


def test_whitespace_only_insertion_is_drawn() -> None:
    """A space inserted between two words shows in the new column and the text report."""
    old = dd.parse("1. We support the ocean decade.\n\n2. We fund Africa and the Pacific.")
    new = dd.parse("1. We support the ocean decade.\n\n2. We fund Africa and the Pacific .")
    c = dd.compare(old, new)
    ops = [op for p in c.pairs for op in p.ops if op.op != "equal"]
    assert [(op.op, op.text) for op in ops] == [("insert", " ")]
    assert "Pacific{+ +}." in render(c, "text")
    assert "Pacific{+ +}." in render(c, "side-by-side")
    assert "Pacific<ins>·</ins>." in render(c, "markdown")
    assert "Pacific\x1b[32;4m·\x1b[0m." in render(c, "text", color=True)


def test_markdown_draws_a_deleted_space() -> None:
    """Markdown marks the deleted space with a visible dot."""
    out = render(restructure(), "markdown")
    assert "Africa<del>·</del><ins>, South Asia </ins>and" in out


# 4. Watched phrases in the reports ----------------------------------------------------------


def test_text_report_lists_watched_phrases_and_flags_a_misspelt_one() -> None:
    """Each watched phrase with old -> new; one in neither version is said to be so."""
    out = render(nato(), "text")
    lines = out.splitlines()
    start = lines.index("watched phrases (old -> new):")
    assert len(lines) > start + 2 and lines[start - 1] == ""
    found, missing = lines[start + 1], lines[start + 2]
    assert found.startswith("  “rules-based international order”")
    assert re.search(r"1 -> 0\s+gone from the new version", found)
    assert missing.startswith("  “Defense Investment Pledge”")
    assert re.search(r"0 -> 0\s+in neither version", missing)


def test_markdown_lists_watched_phrases() -> None:
    """A table of watched phrases; the misspelt one is flagged."""
    out = render(nato(), "markdown")
    assert "| rules\\-based international order | 1 | 0 | gone from the new version |" in out
    assert "| Defense Investment Pledge | 0 | 0 | ⚠️ in neither version" in out


# 5. The tool version in JSON -----------------------------------------------------------------


def test_json_names_the_tool_and_its_version() -> None:
    """A "tool" record right after "schema", valid against the schema; nothing else moved."""
    text = render(nato(), "json")
    data = json.loads(text)
    assert data["tool"] == {"name": "declarediff", "version": dd.__version__}
    assert list(data)[:3] == ["schema", "tool", "old"]
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert SCHEMA["properties"]["tool"]["required"] == ["name", "version"]
    assert nato().to_dict()["tool"] == data["tool"]


def test_history_json_names_the_tool() -> None:
    """declarediff-history/1 carries the same tool record."""
    editions = [dd.read(p) for p in sorted((ROOT / "fixtures" / "series").glob("*.txt"))[:3]]
    data = json.loads(render_json(dd.history(editions), RenderOptions()))
    assert data["tool"] == {"name": "declarediff", "version": dd.__version__}
    assert list(data)[:2] == ["schema", "tool"]


def test_goldens_and_fragments_do_not_depend_on_the_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A version bump changes the JSON's tool record and no golden file nor notebook id."""
    spec = importlib.util.spec_from_file_location("update_golden", ROOT / "tools/update_golden.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    sys.path.insert(0, str(ROOT / "tools"))
    import update_golden_terminal as terminal  # noqa: PLC0415

    c = restructure()
    fragment = html_report.fragment(c)
    monkeypatch.setattr(declarediff.report.contract, "__version__", "99.0.0")
    assert json.loads(render(c, "json"))["tool"]["version"] == "99.0.0"
    assert html_report.fragment(c) == fragment
    for name, data in tool.goldens().items():
        assert (ROOT / "tests" / "golden" / name).read_bytes() == data, name
    for name in terminal.CASES:
        assert (ROOT / "tests" / "golden" / name).read_text("utf-8") == terminal.generate(name)


# 6. Short reprs --------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.corpus
def test_reprs_are_short() -> None:
    """repr of a comparison or document is one short line, whatever the documents' size."""
    c = g7()
    text = repr(c)
    assert len(text) < 200 and "\n" not in text
    assert text == (
        "<Comparison old='g7/2021-carbis-bay.txt' new='g7/2023-hiroshima.txt' "
        f"paragraphs=83->93 pairs={len(c.pairs)} findings={len(c.findings)}>"
    )
    assert repr(c.old) == (f"<Document 'g7/2021-carbis-bay.txt' paragraphs=83 words={c.old.words}>")
    accepted = with_baseline(c)
    assert repr(accepted).endswith(f"findings=0 suppressed={len(c.findings)} stale=1>")
    # The notebook view is still the full report.
    assert c._repr_html_() == html_report.fragment(c)


# 7. The stat summary ----------------------------------------------------------------------------


def _check_screen(out: str) -> list[str]:
    lines = out.splitlines()
    assert out.endswith("\n") and len(lines) <= 32
    assert all(display_width(line) <= 80 for line in lines)
    assert "\x1b" not in out
    return lines


def test_stat_is_registered() -> None:
    """`stat` is a report format with a summary (the CLI offers --format stat)."""
    assert "stat" in RENDERERS.names and "stat" in dd.FORMATS
    assert RENDERERS.entry("stat").summary


def test_stat_on_the_nato_fixture() -> None:
    """Counts by kind, findings by code with their counts, the most changed paragraphs first."""
    c = nato()
    out = render(c, "stat")
    lines = _check_screen(out)
    assert lines[:2] == ["--- fixtures/en/nato-2024.txt", "+++ fixtures/en/nato-2025.txt"]
    assert lines[2] == "paragraphs: 14 -> 6: 0 kept, 3 modified, 0 moved, 3 inserted, 11 deleted"
    assert lines[3].startswith("sentences changed: ")
    assert "words: 770 deleted, 239 inserted (86.5% of 1,167 changed)" in lines
    for code, n in Counter(f.code for f in c.findings).items():
        (line,) = [x for x in lines if x.startswith(f"  {code} ")]
        assert int(line.split()[2]) == n
    assert f"findings: {len(c.findings)} (16 errors, 3 warnings, 20 notes)" in lines
    assert any(re.fullmatch(r"  DD201 watched-phrase-dropped +1  error", x) for x in lines)
    assert "watched: 2 phrases, 1 gone from the new version, 1 in neither version" in out
    start = lines.index(next(x for x in lines if x.startswith("most changed paragraphs")))
    top = lines[start + 1 :]
    assert len(top) == 10
    counts = [int(re.split(r"\s{2,}", x.strip())[2].split()[0]) for x in top]
    assert counts == sorted(counts, reverse=True)
    assert top[0].startswith("  ¶4 [3.]") and "inserted" in top[0] and top[0].endswith("+" * 30)
    assert top[3].startswith("  ¶2 [1.]") and re.search(r" 81 \++-+$", top[3])
    assert render(c, "stat") == out


def test_stat_counts_sentences_changed() -> None:
    """One word changed in one sentence of three: one sentence changed on each side."""
    old = dd.parse("1. We meet. We will fund ten ports. We thank Japan.\n\n2. We close.")
    new = dd.parse("1. We meet. We will fund twelve ports. We thank Japan.\n\n2. We close.")
    lines = _check_screen(render(dd.compare(old, new), "stat"))
    assert "sentences changed: 1 of 4 old, 1 of 4 new" in lines
    assert "paragraphs: 2 -> 2: 1 kept, 1 modified, 0 moved, 0 inserted, 0 deleted" in lines


def test_stat_with_splits_and_merges_stays_within_80_columns() -> None:
    """Seven kinds of pairs do not fit one line of 80 columns: they take a line of their own;
    a split counts once, under its new paragraphs."""
    lines = _check_screen(render(restructure(), "stat"))
    assert lines[2:4] == [
        "paragraphs: 15 -> 15:",
        "  8 kept, 1 modified, 2 moved, 1 split, 1 merged, 1 inserted, 1 deleted",
    ]
    assert any(re.fullmatch(r"  ¶7–¶8 \[5\., 6\.\]  split +6 \++-+", x) for x in lines)
    assert any(re.fullmatch(r"  ¶6 \[4\.\] +moved\+mod +4 \++-+", x) for x in lines)


@pytest.mark.slow
@pytest.mark.corpus
def test_stat_on_a_real_g7_pair() -> None:
    """A rewrite with 628 findings still fits one screen of 80 columns."""
    c = g7()
    lines = _check_screen(render(c, "stat"))
    assert f"findings: {len(c.findings)} (109 errors, 62 warnings, 457 notes)" in lines
    assert any(re.match(r"  DD103 commitment-added\s+218  note$", x) for x in lines)
    assert any(x.startswith("most changed paragraphs") and "161 more" in x for x in lines)


def test_stat_colour_only_when_asked_and_long_names_fit() -> None:
    """With colour the bars are red and green; a long source name is cut to 80 columns."""
    c = nato()
    coloured = render(c, "stat", color=True)
    assert "\x1b[32m+" in coloured and "\x1b[31m-" in coloured
    assert ANSI.sub("", coloured) == render(c, "stat")
    long = dd.compare(
        dd.parse("1. We meet.", source="a/" + "very-long-folder-name/" * 6 + "old.txt"),
        dd.parse("1. We met.", source="b/new.txt"),
    )
    lines = _check_screen(render(long, "stat"))
    assert lines[0].startswith("--- …") and lines[0].endswith("/old.txt")
