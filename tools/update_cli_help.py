"""Rewrite the help blocks in docs/cli.md from the commands themselves.

    python tools/update_cli_help.py

A help block is the fenced text between ``<!-- help:start -->`` and ``<!-- help:end -->``
(the ``declarediff`` command), or between ``<!-- help:start COMMAND -->`` and
``<!-- help:end -->`` for another command of ``[project.scripts]`` (``declarediff-hook``).
Each is the command's ``--help`` as a terminal of ``COLUMNS`` columns shows it, under the
name the command is installed as.  tests/test_docs_drift.py renders the help the same way
(through :func:`help_text`) and fails when a block differs.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "cli.md"
# The terminal width the help is rendered for.  click fits help text to the terminal, less
# two columns, and to the command's ``max_content_width`` at most.
COLUMNS = 100
DEFAULT_COMMAND = "declarediff"
BLOCK = re.compile(
    r"<!-- help:start(?: (?P<command>[\w-]+))? -->\n```text\n(?P<text>.*?)```\n<!-- help:end -->",
    re.S,
)


def scripts() -> dict[str, str]:
    """The console scripts of pyproject.toml: installed name -> ``module:function``."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found: dict[str, str] = project["project"]["scripts"]
    return found


def help_text(name: str = DEFAULT_COMMAND) -> str:
    """``NAME --help`` as the installed command prints it in a terminal of COLUMNS columns.

    The command runs in a new interpreter, as its console script would run it (under its
    installed name, with click measuring the terminal), so nothing of a test's or this
    tool's process shapes the text.
    """
    module, _, attr = scripts()[name].partition(":")
    code = f"from {module} import {attr}; {attr}(prog_name={name!r})"
    env = {**os.environ, "COLUMNS": str(COLUMNS), "NO_COLOR": "1"}
    env.pop("LINES", None)
    done = subprocess.run(
        [sys.executable, "-c", code, "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        check=True,
    )
    return done.stdout


def block(name: str | None) -> str:
    """The Markdown of one help block, markers included."""
    marker = "<!-- help:start -->" if name is None else f"<!-- help:start {name} -->"
    return f"{marker}\n```text\n{help_text(name or DEFAULT_COMMAND)}```\n<!-- help:end -->"


def update(doc: Path = DOC) -> None:
    """Replace every help block of ``doc`` with the current help output."""
    text = doc.read_text(encoding="utf-8")
    new = BLOCK.sub(lambda m: block(m.group("command")), text)
    if new != text:
        doc.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    update()
