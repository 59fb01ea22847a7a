"""The documentation's examples run; tests/test_docs_drift.py checks its claims against the code."""

from __future__ import annotations

import re

import pytest

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
