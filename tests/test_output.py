"""Output files: atomic writes, never over an input (declarediff.output)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import declarediff as dd
from declarediff.output import write_atomic


def test_writes_the_text(tmp_path: Path) -> None:
    """The file holds exactly the text, UTF-8, and no temporary file is left."""
    target = tmp_path / "out.txt"
    write_atomic(target, "国際秩序\n")
    assert target.read_bytes() == "国際秩序\n".encode()
    assert os.listdir(tmp_path) == ["out.txt"]


def test_interrupted_write_leaves_previous_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash before the rename (here: an interrupt) keeps the old file and removes the temp."""
    target = tmp_path / "report.txt"
    target.write_text("previous report\n", encoding="utf-8")

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new report that never lands\n")
    assert target.read_text(encoding="utf-8") == "previous report\n"
    assert os.listdir(tmp_path) == ["report.txt"]


def test_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    """Naming an input as the output is an OutputError, and the input is untouched."""
    src = tmp_path / "old.txt"
    src.write_text("1. We meet.\n", encoding="utf-8")
    with pytest.raises(dd.OutputError, match="refusing to overwrite an input"):
        write_atomic(src, "x", inputs=[str(src)])
    assert src.read_text(encoding="utf-8") == "1. We meet.\n"


def test_unwritable_folder_is_an_output_error(tmp_path: Path) -> None:
    """A folder that does not exist is a one-line OutputError, not a traceback."""
    with pytest.raises(dd.OutputError, match="cannot write here"):
        write_atomic(tmp_path / "missing" / "out.txt", "x")
