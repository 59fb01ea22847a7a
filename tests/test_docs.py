"""The documentation stays true: its examples run and its CLI help matches the command."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from declarediff.cli import main
from declarediff.commitments import RULES
from declarediff.rules import CODES

from .conftest import ROOT


def python_blocks(path: str) -> list[str]:
    """The ```python blocks of a Markdown file."""
    return re.findall(r"```python\n(.*?)```", (ROOT / path).read_text(encoding="utf-8"), re.S)


def test_api_example_runs() -> None:
    """docs/api.md's example runs and its assertions hold."""
    code = python_blocks("docs/api.md")[-1]
    exec(compile(code, "docs/api.md", "exec"), {})


def test_readme_python_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """README's Python example runs from the project root."""
    monkeypatch.chdir(ROOT)
    (code,) = python_blocks("README.md")
    exec(compile(code, "README.md", "exec"), {})


def test_cli_help_in_docs_is_current() -> None:
    """docs/cli.md quotes `declarediff --help` exactly as the command prints it."""
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    quoted = re.search(r"<!-- help:start -->\n```text\n(.*?)```\n<!-- help:end -->", doc, re.S)
    assert quoted is not None, "docs/cli.md lacks the help block"
    actual = CliRunner().invoke(main, ["--help"], terminal_width=100).stdout
    assert quoted.group(1) == actual


def test_readme_first_lines_are_the_two_commands() -> None:
    """README opens with the install-and-run command and the test command that CI runs."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    block = lines[lines.index("```sh") + 1 : lines.index("```sh") + 3]
    assert block[0].startswith("pip install . && declarediff fixtures/")
    assert block[1] == "pip install '.[test]' && python -m pytest"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert block[1] in ci
    for path in block[0].split("declarediff ", 1)[1].split():
        assert (ROOT / path).is_file()


def test_rule_table_in_docs_lists_every_rule() -> None:
    """docs/commitments.md lists every detector rule and every finding code."""
    doc = (ROOT / "docs" / "commitments.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"| {rule.name} | {rule.cls} | {rule.lang} |" in doc, rule.name
    for code in CODES:
        assert f"| {code.code} | {code.name} | {code.severity} |" in doc, code.code


@pytest.mark.parametrize(("index", "series"), [(0, "series"), (1, "merge-series")])
def test_history_tables_in_docs_are_current(
    index: int, series: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/history.md's timeline tables are what the command prints for the series fixtures."""
    monkeypatch.chdir(ROOT)
    doc = (ROOT / "docs" / "history.md").read_text(encoding="utf-8")
    quoted = re.findall(r"```text\n(id    status.*?)```", doc, re.S)[index]
    paths = [f"fixtures/{series}/edition-{year}.txt" for year in range(2021, 2026)]
    out = CliRunner().invoke(main, paths, terminal_width=100).stdout
    assert quoted.strip() in out
