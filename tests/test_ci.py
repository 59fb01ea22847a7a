"""declarediff in CI: a real git repository, the installed entry points, every CI format.

These tests run the installed entry points (``declarediff`` and
``declarediff-hook``) as subprocesses inside a repository made with git init
and real commits, as a CI job would.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest

import declarediff as d
from declarediff.report.github import escape_data, escape_property

from .conftest import FIXTURES, shared_path

OLD = (FIXTURES / "en" / "nato-2024.txt").read_text(encoding="utf-8")
NEW = (FIXTURES / "en" / "nato-2025.txt").read_text(encoding="utf-8")

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> None:
    """Run git in the repository."""
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with docs/policy.txt committed at 2024 and changed to 2025 on disk."""
    root = tmp_path / "policies"
    (root / "docs").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "ci@example.invalid")
    git(root, "config", "user.name", "CI")
    (root / "docs" / "policy.txt").write_text(OLD, encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "2024 declaration")
    (root / "docs" / "policy.txt").write_text(NEW, encoding="utf-8")
    return root


def entry_point(name: str) -> list[str]:
    """The installed console script beside this Python (as CI installs it)."""
    script = Path(sys.executable).parent / name
    assert script.exists(), f"{name} is not installed beside {sys.executable}"
    return [str(script)]


def dd(repo: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed `declarediff` entry point in the repository (or a folder of it)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return subprocess.run(
        [*entry_point("declarediff"), *args],
        cwd=cwd or repo,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
    )


@pytest.mark.slow
def test_exit_0_without_fail_on_and_1_with_it(repo: Path) -> None:
    """Nothing to fail on: 0; --fail-on error with a dropped commitment: 1."""
    ok = dd(repo, "git:HEAD:docs/policy.txt", "docs/policy.txt")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("--- git:HEAD:docs/policy.txt")
    gate = dd(repo, "git:HEAD:docs/policy.txt", "docs/policy.txt", "--fail-on", "error")
    assert gate.returncode == 1
    assert "match --fail-on error" in gate.stderr


@pytest.mark.slow
def test_git_source_relative_to_current_folder(repo: Path) -> None:
    """git:REV:PATH takes PATH relative to the current folder, like the working-tree path."""
    p = dd(repo, "git:HEAD:policy.txt", "policy.txt", cwd=repo / "docs")
    assert p.returncode == 0, p.stderr


@pytest.mark.parametrize(
    ("old", "message"),
    [
        (
            "git:no-such-branch:docs/policy.txt",
            "unknown git revision (no such branch, tag or commit)",
        ),
        ("git:HEAD:docs/missing.txt", "no file 'docs/missing.txt' at revision 'HEAD'"),
    ],
)
def test_bad_revision_or_path_is_exit_2(repo: Path, old: str, message: str) -> None:
    """A missing revision or path: one line naming the source, exit 2, no traceback."""
    p = dd(repo, old, "docs/policy.txt")
    assert p.returncode == 2
    assert p.stderr.strip() == f"declarediff: error: {old}: {message}"


def test_outside_a_repository_is_exit_2(tmp_path: Path) -> None:
    """git: outside any repository says so."""
    (tmp_path / "new.txt").write_text(NEW, encoding="utf-8")
    p = dd(tmp_path, "git:HEAD:new.txt", "new.txt")
    assert p.returncode == 2
    assert "not inside a git repository" in p.stderr


@pytest.mark.slow
def test_sarif_is_valid_and_points_into_the_repository(repo: Path) -> None:
    """SARIF 2.1.0 valid against the official schema, one rule per code, repo-relative paths."""
    schema_path = shared_path("schemas/sarif-schema-2.1.0.json")
    p = dd(repo, "git:HEAD:docs/policy.txt", "docs/policy.txt", "--format", "sarif")
    assert p.returncode == 0, p.stderr
    log = json.loads(p.stdout)
    schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(log)
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "declarediff"
    ids = [r["id"] for r in driver["rules"]]
    assert len(ids) == len(set(ids)) and "DD101" in ids
    assert all(
        {"id", "name", "shortDescription", "fullDescription"} <= r.keys() for r in driver["rules"]
    )
    first = run["results"][0]
    assert first["ruleId"] == "DD101" and first["level"] == "error"
    assert driver["rules"][first["ruleIndex"]]["id"] == "DD101"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "docs/policy.txt"
    assert location["region"]["startLine"] >= 1
    assert first["partialFingerprints"]["declarediff/v1"]
    assert len(run["results"]) <= 5000


@pytest.mark.slow
def test_sarif_from_a_subfolder_is_still_repo_relative(repo: Path) -> None:
    """Run from docs/, the artifact URI is still relative to the repository root."""
    p = dd(repo, "git:HEAD:policy.txt", "policy.txt", "--format", "sarif", cwd=repo / "docs")
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in json.loads(p.stdout)["runs"][0]["results"]
    }
    assert uris == {"docs/policy.txt"}


ANNOTATION = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


@pytest.mark.slow
def test_github_annotations_are_well_formed_and_escaped(repo: Path) -> None:
    """Workflow commands parse; %, CR, LF (and , : in properties) are escaped; 10 per level."""
    (repo / "docs" / "odd, name: 50%.txt").write_text(
        "1. Allies will invest 2% of GDP.\n\n2. We will defend 100% of the territory.\n",
        encoding="utf-8",
    )
    (repo / "docs" / "odd-new.txt").write_text(
        "1. Allies will invest 5% of GDP.\n", encoding="utf-8"
    )
    p = dd(repo, "docs/odd-new.txt", "docs/odd, name: 50%.txt", "--format", "github")
    lines = p.stdout.splitlines()
    assert lines and all(ANNOTATION.match(line) for line in lines), p.stdout
    props = ANNOTATION.match(lines[0]).group(2)  # type: ignore[union-attr]
    assert "file=docs/odd%2C name%3A 50%25.txt" in props
    assert any("%25" in line.split("::", 2)[2] for line in lines)
    p = dd(repo, "git:HEAD:docs/policy.txt", "docs/policy.txt", "--format", "github")
    levels = [ANNOTATION.match(x).group(1) for x in p.stdout.splitlines()]  # type: ignore[union-attr]
    assert max(levels.count(level) for level in ("error", "warning", "notice")) <= 10
    assert "more findings were not annotated" in p.stdout.splitlines()[-1]


def test_github_escaping_of_newlines_in_messages() -> None:
    """A message with a newline, a percent sign and a comma is escaped as the toolkit does."""
    assert escape_data("50% done\r\nnext, then") == "50%25 done%0D%0Anext, then"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_markdown_report(repo: Path) -> None:
    """Markdown: summary table, findings, marked changes; document text is escaped."""
    (repo / "docs" / "x-old.txt").write_text("1. We will <b>act</b> | now.\n", encoding="utf-8")
    (repo / "docs" / "x-new.txt").write_text(
        "1. We will <script>x</script> act.\n", encoding="utf-8"
    )
    p = dd(repo, "docs/x-old.txt", "docs/x-new.txt", "--format", "markdown")
    assert p.returncode == 0
    assert p.stdout.startswith("## declarediff\n")
    assert "<script>" not in p.stdout and "&lt;script&gt;" in p.stdout
    assert "<ins>" in p.stdout and "<del>" in p.stdout
    assert "\\|" in p.stdout


@pytest.mark.slow
def test_markdown_stays_under_the_summary_limit() -> None:
    """A huge comparison is truncated under GitHub's 1 MiB, with a note saying so."""
    text = "We will build {0} new bridges in the province of number {0} within ten years. "
    # 999 changed paragraphs: about 2.3 MB of report untruncated, over twice the limit (3,000
    # made 6.9 MB, at four times the cost, and tested nothing more).
    paras = [f"{i}. " + text.format(i) * 4 for i in range(1, 1000)]
    old = d.parse("\n\n".join(paras))
    new = d.parse("\n\n".join(p.replace("bridges", "roads") for p in paras))
    out = d.render(d.compare(old, new), "markdown")
    assert len(out.encode("utf-8")) <= 1_048_576
    assert "Report truncated" in out


@pytest.mark.slow
def test_config_file_is_found_and_used(repo: Path) -> None:
    """[tool.declarediff] in pyproject.toml sets watch and fail-on; the command line overrides."""
    (repo / "pyproject.toml").write_text(
        '[tool.declarediff]\nwatch = ["UN Charter"]\nfail-on = ["watched-phrase-dropped"]\n',
        encoding="utf-8",
    )
    p = dd(repo, "git:HEAD:policy.txt", "policy.txt", "--format", "json", cwd=repo / "docs")
    assert p.returncode == 1
    assert json.loads(p.stdout)["watch"] == [{"phrase": "UN Charter", "old": 1, "new": 0}]
    p = dd(repo, "git:HEAD:docs/policy.txt", "docs/policy.txt", "--fail-on", "DD402")
    assert p.returncode == 1
    p = dd(repo, "git:HEAD:docs/policy.txt", "docs/policy.txt", "--no-config")
    assert p.returncode == 0


@pytest.mark.slow
def test_dot_config_with_overrides(repo: Path) -> None:
    """.declarediff.toml overrides apply to the paths they name."""
    (repo / ".declarediff.toml").write_text(
        'format = "json"\n[[overrides]]\npaths = ["docs/*.txt"]\nfail-on = ["error"]\n',
        encoding="utf-8",
    )
    p = dd(repo, "git:HEAD:docs/policy.txt", "docs/policy.txt")
    assert p.returncode == 1
    assert json.loads(p.stdout)["schema"] == "declarediff/1"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('wach = ["x"]\n', "unknown key 'wach'"),
        ("match-threshold = 2\n", "'match-threshold' must be a number from 0 to 1, not 2"),
        (
            'fail-on = ["fatal"]\n',
            "'fail-on' must be a list of severities, codes, code prefixes or names",
        ),
        ("format = \n", "not valid TOML"),
    ],
)
def test_bad_config_is_one_line_exit_2(repo: Path, text: str, message: str) -> None:
    """Unknown keys and bad values: one line naming the key, exit 2."""
    (repo / ".declarediff.toml").write_text(text, encoding="utf-8")
    p = dd(repo, "git:HEAD:docs/policy.txt", "docs/policy.txt")
    assert p.returncode == 2
    assert len(p.stderr.strip().splitlines()) == 1
    assert message in p.stderr and ".declarediff.toml" in p.stderr


@pytest.mark.slow
def test_baseline_round_trip_and_stale_entries(repo: Path) -> None:
    """Write a baseline, gate passes with it; an entry that no longer matches is reported stale."""
    base = repo / "baseline.json"
    w = dd(
        repo,
        "git:HEAD:docs/policy.txt",
        "docs/policy.txt",
        "--write-baseline",
        str(base),
        "--fail-on",
        "error",
    )
    assert w.returncode == 0, w.stderr
    data = json.loads(base.read_text(encoding="utf-8"))
    assert data["schema"] == "declarediff-baseline/1"
    assert {"fingerprint", "code", "name", "excerpt"} <= data["findings"][0].keys()
    # A reason written by hand survives a rewrite.
    data["findings"][0]["reason"] = "agreed by the drafting committee"
    data["findings"].append({"fingerprint": "0" * 20, "code": "DD101", "excerpt": "gone"})
    base.write_text(json.dumps(data), encoding="utf-8")
    gate = dd(
        repo,
        "git:HEAD:docs/policy.txt",
        "docs/policy.txt",
        "--baseline",
        str(base),
        "--fail-on",
        "error",
        "--format",
        "json",
    )
    assert gate.returncode == 0, gate.stderr
    report = json.loads(gate.stdout)
    assert report["findings"] == []
    assert len(report["baseline"]["suppressed"]) == len(data["findings"]) - 1
    assert [e["fingerprint"] for e in report["baseline"]["stale"]] == ["0" * 20]
    assert "1 stale entry" in gate.stderr
    dd(
        repo,
        "git:HEAD:docs/policy.txt",
        "docs/policy.txt",
        "--baseline",
        str(base),
        "--write-baseline",
        str(base),
    )
    again = json.loads(base.read_text(encoding="utf-8"))
    assert "agreed by the drafting committee" in {e.get("reason") for e in again["findings"]}
    assert "0" * 20 not in {e["fingerprint"] for e in again["findings"]}


@pytest.mark.slow
def test_baseline_survives_rewrapping(repo: Path) -> None:
    """Fingerprints in a baseline still match after the new text is re-wrapped and renumbered."""
    base = repo / "baseline.json"
    dd(repo, "git:HEAD:docs/policy.txt", "docs/policy.txt", "--write-baseline", str(base))
    wrapped = "\n\n".join(textwrap.fill(b, 60) for b in NEW.split("\n\n"))
    (repo / "docs" / "policy.txt").write_text(
        wrapped.replace("5. We express", "6. We express"), encoding="utf-8"
    )
    gate = dd(
        repo,
        "git:HEAD:docs/policy.txt",
        "docs/policy.txt",
        "--baseline",
        str(base),
        "--fail-on",
        "note",
    )
    assert gate.returncode == 0, gate.stdout[:500]
    assert "0 stale entries" in gate.stderr


@pytest.mark.slow
def test_bad_baseline_is_exit_2(repo: Path) -> None:
    """A baseline that is not a declarediff baseline: one line, exit 2."""
    (repo / "b.json").write_text("[]", encoding="utf-8")
    p = dd(repo, "git:HEAD:docs/policy.txt", "docs/policy.txt", "--baseline", "b.json")
    assert p.returncode == 2
    assert "not a declarediff baseline" in p.stderr


@pytest.mark.slow
def test_pre_commit_hook_entry_point(repo: Path) -> None:
    """declarediff-hook compares staged files with HEAD, skips new files, fails on errors."""
    (repo / "docs" / "new.txt").write_text("1. We will meet.\n", encoding="utf-8")
    cmd = entry_point("declarediff-hook")
    p = subprocess.run(
        [*cmd, "docs/policy.txt", "docs/new.txt"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert p.returncode == 1, p.stderr
    assert "commitment-dropped" in p.stdout
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "2025")
    p = subprocess.run(
        [*cmd, "docs/policy.txt"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert p.returncode == 0, p.stdout


@pytest.mark.slow
def test_markdown_limit_for_pull_request_comments(repo: Path) -> None:
    """--markdown-limit keeps a report under a PR comment's size."""
    p = dd(
        repo,
        "git:HEAD:docs/policy.txt",
        "docs/policy.txt",
        "--format",
        "markdown",
        "--markdown-limit",
        "4000",
    )
    assert p.returncode == 0
    assert len(p.stdout.encode("utf-8")) <= 4000
    assert "Report truncated" in p.stdout
