"""Rewrite the `declarediff --help` block in docs/cli.md (tests/test_docs.py checks it)."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from declarediff.cli import main

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def update() -> None:
    """Replace the text between the help markers with the current help output."""
    text = DOC.read_text(encoding="utf-8")
    help_text = CliRunner().invoke(main, ["--help"], terminal_width=100).stdout
    block = f"<!-- help:start -->\n```text\n{help_text}```\n<!-- help:end -->"
    new = re.sub(r"<!-- help:start -->.*?<!-- help:end -->", lambda _m: block, text, flags=re.S)
    DOC.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    update()
