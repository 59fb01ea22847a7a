"""The declarediff command (CliRunner and a real subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import declarediff as dd
from declarediff.cli import main

from .conftest import FIXTURES, corpus_path

OLD = str(FIXTURES / "en" / "restructure-old.txt")
NEW = str(FIXTURES / "en" / "restructure-new.txt")


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    """Run the command in-process; return (exit code, stdout, stderr)."""
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_text_report_marks_changes_with_plain_markers() -> None:
    """Not a terminal: deletions and insertions use [-...-] and {+...+}, no escape codes."""
    code, out, err = run(OLD, NEW)
    assert code == 0, err
    assert out.startswith(f"--- {OLD}")
    assert "[-protected-]{+covered+}" in out
    assert "\x1b[" not in out
    assert "unchanged paragraph" in out


def test_header_counts_paragraphs_words_and_share_changed() -> None:
    """The header gives both sources with paragraph and word counts and the share changed."""
    _code, out, _err = run(OLD, NEW)
    c = dd.compare(dd.read(OLD), dd.read(NEW))
    header = out.splitlines()[:3]
    assert f"{len(c.old.paragraphs)} paragraphs, {c.old.words:,} words" in header[0]
    assert f"{len(c.new.paragraphs)} paragraphs, {c.new.words:,} words" in header[1]
    assert f"changed: {c.stats.changed:.1%} of words" in header[2]


def test_moves_are_shown_with_their_origin() -> None:
    """A moved paragraph says where it came from, with its label."""
    _code, out, _err = run(OLD, NEW)
    assert "moved from old ¶6 [4.]" in out


def test_all_shows_unchanged_paragraphs() -> None:
    """--all prints unchanged paragraphs instead of collapsing them."""
    _code, out, _err = run(OLD, NEW, "--all")
    assert "unchanged paragraph" not in out.replace("· unchanged", "")
    assert "· unchanged" in out


def test_color_always_uses_ansi_and_never_markers() -> None:
    """--color always colours (with strike-through and underline), without text markers."""
    _code, out, _err = run(OLD, NEW, "--color", "always")
    assert "\x1b[31;9m" in out and "\x1b[32;4m" in out
    assert "[-protected-]" not in out


def test_json_output_is_the_contract() -> None:
    """--format json prints exactly Comparison.to_dict() as JSON."""
    code, out, _err = run(OLD, NEW, "--format", "json")
    assert code == 0
    data = json.loads(out)
    expected = dd.compare(dd.read(OLD), dd.read(NEW)).to_dict()
    assert data == json.loads(json.dumps(expected))
    assert data["schema"] == "declarediff/1"


def test_output_is_deterministic() -> None:
    """Same inputs, same bytes."""
    assert run(OLD, NEW, "--format", "json")[1] == run(OLD, NEW, "--format", "json")[1]
    assert run(OLD, NEW)[1] == run(OLD, NEW)[1]


def test_stdin_as_new_source() -> None:
    """'-' reads a source from standard input."""
    code, out, _err = run(OLD, "-", input=Path(NEW).read_text(encoding="utf-8"))
    assert code == 0
    assert "+++ <stdin>" in out


def test_missing_file_is_one_line_exit_2() -> None:
    """A missing input: exit 2, one line on stderr naming it, no traceback, nothing on stdout."""
    code, out, err = run("/nonexistent/old.txt", NEW)
    assert code == 2
    assert out == ""
    assert err.strip() == "declarediff: error: /nonexistent/old.txt: no such file"


def test_undecodable_input_is_exit_2(tmp_path: Path) -> None:
    """Bytes that are not UTF-8: exit 2 and advice to use --encoding."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x93quoted\x94\n")
    code, _out, err = run(str(bad), NEW)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "--encoding" in err


def test_wrong_number_of_sources_is_usage_error() -> None:
    """One source is a usage error (exit 2)."""
    code, _out, err = run(OLD)
    assert code == 2
    assert "expected two sources" in err


def test_bad_threshold_is_usage_error() -> None:
    """A threshold outside 0..1 is refused by the option parser (exit 2)."""
    code, _out, _err = run(OLD, NEW, "--match-threshold", "1.5")
    assert code == 2


def test_thresholds_reach_the_aligner() -> None:
    """--move-threshold 1 leaves an edited move as a deletion plus an insertion."""
    _code, out, _err = run(OLD, NEW, "--move-threshold", "1", "--format", "json")
    kinds = [p["kind"] for p in json.loads(out)["pairs"]]
    _code, out2, _err = run(OLD, NEW, "--format", "json")
    kinds2 = [p["kind"] for p in json.loads(out2)["pairs"]]
    assert kinds.count("moved") < kinds2.count("moved")


def test_output_file_written_atomically(tmp_path: Path) -> None:
    """-o writes the report to a file and nothing to stdout."""
    target = tmp_path / "report.json"
    code, out, _err = run(OLD, NEW, "-f", "json", "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == "declarediff/1"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_output_never_overwrites_an_input(tmp_path: Path) -> None:
    """-o naming an input file is refused with exit 2, and the input is untouched."""
    src = tmp_path / "old.txt"
    src.write_text("1. We meet.\n", encoding="utf-8")
    code, _out, err = run(str(src), NEW, "-o", str(src))
    assert code == 2 and "overwrite an input" in err
    assert src.read_text(encoding="utf-8") == "1. We meet.\n"


def test_version_and_help() -> None:
    """--version prints the version; --help shows examples and the exit status."""
    assert run("--version")[1].strip() == f"declarediff, version {dd.__version__}"
    help_text = run("--help")[1]
    assert "Examples:" in help_text and "Exit status" in help_text and "--format" in help_text


def test_python_dash_m_entry_point() -> None:
    """python -m declarediff runs the same command in a real process."""
    proc = subprocess.run(
        [sys.executable, "-m", "declarediff", OLD, NEW, "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["schema"] == "declarediff/1"


@pytest.mark.parametrize("args", [["/nonexistent/a", NEW], [NEW, str(FIXTURES)]])
def test_subprocess_errors_have_no_traceback(args: list[str]) -> None:
    """In a real process, input errors exit 2 with one line and no traceback."""
    proc = subprocess.run(
        [sys.executable, "-m", "declarediff", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_same_bytes_under_any_hash_seed() -> None:
    """Output does not depend on the hash seed (set and dict order): same inputs, same bytes."""
    old = corpus_path("g7/2021-carbis-bay.txt")
    new = corpus_path("g7/2023-hiroshima.txt")
    outputs = set()
    for seed in ("1", "2", "3"):
        proc = subprocess.run(
            [sys.executable, "-m", "declarediff", str(old), str(new), "--format", "json"],
            capture_output=True,
            timeout=300,
            check=False,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert proc.returncode == 0, proc.stderr
        outputs.add(proc.stdout)
    assert len(outputs) == 1
