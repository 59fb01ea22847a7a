"""The project's own files: the licence the wheel ships, and the tools CI runs."""

from __future__ import annotations

import re
import tomllib
from typing import Any

from .conftest import ROOT

CI_RUN = ROOT / ".ci" / "run"

# Commands in .ci/run that are the shell's, the system's or Python's own (pip, venv), not tools
# that an extra must install.
SYSTEM_COMMANDS = {
    ".",
    ":",
    "[",
    "apt-get",
    "cd",
    "command",
    "dirname",
    "echo",
    "exit",
    "fi",
    "pip",
    "printf",
    "python",
    "python3",
    "set",
    "venv",
}
# A Python tool invoked in .ci/run, by the requirement name that installs it.
TOOL_REQUIREMENTS = {"mypy": "mypy", "pytest": "pytest", "ruff": "ruff"}


def _pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _extra_requirements(extra: str) -> set[str]:
    """Names of the requirements an extra installs, following declarediff[...] self-references."""
    project = _pyproject()["project"]
    extras: dict[str, list[str]] = project["optional-dependencies"]
    names: set[str] = set()
    pending, seen = [extra], set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        for requirement in extras[current]:
            match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?", requirement)
            assert match, requirement
            name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
            if name == project["name"]:
                pending.extend(part.strip() for part in (match.group(2) or "").split(","))
            else:
                names.add(name)
    return names


def _ci_commands() -> set[str]:
    """The first word of every command in .ci/run (``python -m X`` counts as X)."""
    commands: set[str] = set()
    for raw in CI_RUN.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#!") else ""
        if not line or re.match(r"^[A-Za-z_]\w*(\+)?=", line):
            continue
        for part in re.split(r"&&|\|\||;|\$\(|\bthen\b|\bif\b|\belse\b", line):
            words = part.split()
            if not words or re.match(r"^[A-Za-z_]\w*(\+)?=", words[0]):
                continue
            if words[0] in {"python", "python3"} and words[1:2] == ["-m"]:
                commands.add(words[2])
            else:
                commands.add(words[0])
    return commands


def test_licence_file_is_mit_and_declared() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "Copyright (c) 2026 the declarediff authors" in text
    assert "Permission is hereby granted, free of charge" in text
    assert 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND' in text
    project = _pyproject()["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]


def test_ci_runs_tests_lint_and_typing() -> None:
    commands = _ci_commands()
    assert {"pytest", "ruff", "mypy"} <= commands
    text = CI_RUN.read_text(encoding="utf-8")
    # README's test command stays verbatim in CI.
    assert "pip install '.[test]' && python -m pytest" in text
    assert "ruff check ." in text
    assert "ruff format --check ." in text


def test_dev_extra_installs_every_tool_ci_runs() -> None:
    tools = _ci_commands() - SYSTEM_COMMANDS
    unknown = tools - TOOL_REQUIREMENTS.keys()
    assert not unknown, f".ci/run invokes {sorted(unknown)}: add to TOOL_REQUIREMENTS and dev"
    dev = _extra_requirements("dev")
    missing = {TOOL_REQUIREMENTS[tool] for tool in tools} - dev
    assert not missing, f"the dev extra does not install {sorted(missing)}"
