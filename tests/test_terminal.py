"""Terminal views: side by side with CJK widths, and the progress bar."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import declarediff as dd
from declarediff.cli import _ProgressBar, main
from declarediff.report.side_by_side import wrap
from declarediff.text import display_width as width

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import update_golden_terminal as golden  # noqa: E402


@pytest.mark.parametrize("name", sorted(golden.CASES))
def test_side_by_side_matches_golden(name: str) -> None:
    """The side-by-side layout (Japanese included) is exactly the generated golden file."""
    expected = (golden.GOLDEN / name).read_text(encoding="utf-8")
    assert golden.generate(name) == expected, (
        "run `python tools/update_golden_terminal.py` after an intended change"
    )


def test_wide_characters_take_two_columns() -> None:
    """CJK and full-width characters are two columns, combining marks none."""
    assert width("abc") == 3
    assert width("国際秩序") == 8
    assert width("ＡＢ") == 4
    assert width("e\u0301") == 1


def test_columns_line_up_in_japanese() -> None:
    """Every line of the Japanese golden file has its separator at the same display column."""
    text = (golden.GOLDEN / "side-by-side-ja.txt").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if " │ " in line or line.endswith(" │")]
    assert rows
    columns = {width(line.split("│")[0]) for line in rows}
    assert len(columns) == 1


def test_wrap_never_exceeds_the_column() -> None:
    """Wrapped lines fit their column, even for a word longer than the column."""
    segs = [
        ("われわれは国際法と国際連合憲章の目的と原則を堅持する。" * 3, ""),
        (" supercalifragilisticexpialidocious" * 2, "del"),
    ]
    for line in wrap(segs, 17):
        assert sum(width(t) for t, _k in line) <= 17


def test_side_by_side_flag_uses_two_columns() -> None:
    """--side-by-side prints the two columns with a separator."""
    r = CliRunner().invoke(
        main,
        [
            str(ROOT / "fixtures/ja/wrapped-old.txt"),
            str(ROOT / "fixtures/ja/wrapped-new.txt"),
            "--side-by-side",
        ],
    )
    assert r.exit_code == 0
    assert " │ " in r.stdout
    assert "[-1000-]" in r.stdout and "{+1500+}" in r.stdout


def test_progress_is_reported_by_stage() -> None:
    """compare() reports its stages to a progress callback, and prints nothing itself."""
    seen: list[str] = []
    doc = dd.read(ROOT / "fixtures/en/nato-2024.txt")
    dd.compare(doc, doc, progress=lambda stage, done, total: seen.append(stage))
    assert seen[0] == "aligning paragraphs" and seen[-1] == "done"
    assert "diffing words" in seen


def test_no_progress_bar_when_stderr_is_not_a_terminal() -> None:
    """In a pipe (CliRunner), stderr stays empty."""
    r = CliRunner().invoke(
        main, [str(ROOT / "fixtures/en/nato-2024.txt"), str(ROOT / "fixtures/en/nato-2025.txt")]
    )
    assert r.exit_code == 0
    assert r.stderr == ""


def test_progress_bar_draws_and_clears(capsys: pytest.CaptureFixture[str]) -> None:
    """The bar draws after its delay and clears itself at the end."""
    bar = _ProgressBar(delay=0)
    bar("aligning paragraphs", 1, 4)
    bar.close()
    err = capsys.readouterr().err
    assert "[#######" in err and "25%" in err
    assert err.endswith("\r")
