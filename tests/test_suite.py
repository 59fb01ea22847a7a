"""The test suite's own organisation: the ``slow`` marker, and CI running every test
(docs/testing.md)."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT

TESTS = ROOT / "tests"


def _pytest_config() -> dict[str, Any]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    config: dict[str, Any] = data["tool"]["pytest"]["ini_options"]
    return config


def _readme_test_command() -> str:
    """The second line of README's first ```sh block: the test command CI runs."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("```sh") + 1
    return lines[start + 1]


def _pytest_arguments(command: str) -> list[str]:
    """The arguments after ``pytest`` in a shell command line (``python -m pytest ...``)."""
    for part in re.split(r"&&|\|\||;", command):
        words = shlex.split(part)
        if "pytest" in words:
            return words[words.index("pytest") + 1 :]
    raise AssertionError(f"no pytest in {command!r}")


def test_slow_marker_is_registered_and_markers_are_strict() -> None:
    """``slow`` is declared in pyproject.toml, and an unknown (misspelt) marker is an error, so
    ``-m "not slow"`` cannot silently keep a test marked ``@pytest.mark.slwo``."""
    config = _pytest_config()
    names = {marker.split(":", 1)[0].strip() for marker in config["markers"]}
    assert "slow" in names
    assert "--strict-markers" in config["addopts"]


def test_default_options_select_every_test() -> None:
    """No ``-m``, ``-k`` or ``--deselect`` in the default options: ``python -m pytest`` runs the
    slow tests too."""
    addopts = _pytest_config()["addopts"]
    words = addopts if isinstance(addopts, list) else shlex.split(addopts)
    assert not [w for w in words if w.startswith(("-m", "-k", "--deselect"))], words


def test_ci_runs_the_full_suite() -> None:
    """README's test command, which .ci/run runs verbatim, has no marker or keyword filter."""
    command = _readme_test_command()
    assert command == "pip install '.[test]' && python -m pytest"
    assert not {"-m", "-k"} & set(_pytest_arguments(command))
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert command in ci
    pytest_lines = [line for line in ci.splitlines() if "pytest" in line and "#" not in line]
    assert pytest_lines, ".ci/run runs no pytest"
    for line in pytest_lines:
        assert not {"-m", "-k"} & set(_pytest_arguments(line)), line


def test_readme_gives_the_fast_command() -> None:
    """README's Develop section shows how to run the fast tests alone."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    develop = readme.split("## Develop", 1)[1].split("\n## ", 1)[0]
    assert re.search(r'^python -m pytest -m "not slow" +# the fast tests', develop, re.M)


def test_every_test_module_has_fast_tests(request: pytest.FixtureRequest) -> None:
    """Marking a whole module slow would leave its code out of the fast suite: each module keeps
    some unmarked tests.  Checked when the whole suite was collected (``python -m pytest``)."""
    items = request.session.items
    modules = {Path(item.path) for item in items}
    every = set(TESTS.glob("test_*.py"))
    if modules != every:
        pytest.skip("only part of the suite was collected")
    fast = {Path(item.path) for item in items if item.get_closest_marker("slow") is None}
    assert every - fast == set(), "modules with no fast test"
