"""The command line as careful users of git, ruff and click-based tools expect it (issue #13).

Each test here reproduces a defect found by trying every documented option, or checks a
convention users look for; the installed entry points run as subprocesses where the
behaviour depends on a real process (signals, terminals, pagers).
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import declarediff as dd
from declarediff import rules
from declarediff.cli import _ProgressBar, main, use_color
from declarediff.config import Settings, load_config

from .conftest import FIXTURES, shared_path
from .test_ci import entry_point, git, repo  # noqa: F401 - `repo` is a fixture

OLD = str(FIXTURES / "en" / "nato-2024.txt")
NEW = str(FIXTURES / "en" / "nato-2025.txt")
SERIES = sorted(str(p) for p in (FIXTURES / "series").glob("edition-*.txt"))


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run the command in-process; return (exit code, stdout, stderr)."""
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def proc(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the installed entry point with extra environment variables."""
    return subprocess.run(
        [*entry_point("declarediff"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=cwd,
        env={**os.environ, **env},
    )


# -- defects ----------------------------------------------------------------------------


def test_dash_output_is_standard_output(tmp_path: Path) -> None:
    """`-o -` prints the report, as click's file arguments do; no file named "-" appears."""
    p = proc(OLD, NEW, "-f", "json", "-o", "-", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["schema"].startswith("declarediff")
    assert not (tmp_path / "-").exists()


def test_history_honours_baseline_and_write_baseline(tmp_path: Path) -> None:
    """Three sources: --write-baseline records the series' findings, --baseline leaves them
    out (the gate then passes); before, both were silently ignored."""
    code, _out, _err = run(*SERIES, "--fail-on", "error")
    assert code == 1  # the series drops commitments
    base = tmp_path / "accepted.json"
    code, _out, err = run(*SERIES, "--write-baseline", str(base))
    assert code == 0, err
    entries = json.loads(base.read_text(encoding="utf-8"))["findings"]
    assert entries and all(e["code"].startswith("DD") for e in entries)
    code, out, err = run(*SERIES, "--baseline", str(base), "--fail-on", "error")
    assert code == 0, err
    assert f"baseline: {len(entries)} finding(s) suppressed, 0 stale entries" in err
    assert "findings:" not in out  # the timeline shows no finding left


def _wait_until_reading_stdin(pid: int) -> None:
    """Wait until the process blocks in read(0, ...) (Linux: /proc/PID/syscall), so that the
    signal arrives while the command runs, not while Python starts (however loaded the
    machine is)."""
    reads = {"0", "63"}  # read() on x86-64 and on arm64
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            fields = Path(f"/proc/{pid}/syscall").read_text(encoding="ascii").split()
        except OSError:
            fields = []
        if len(fields) > 1 and fields[0] in reads and int(fields[1], 16) == 0:
            return
        time.sleep(0.05)
    pytest.skip("could not see the command waiting for standard input")


@pytest.mark.slow
def test_ctrl_c_exits_130_without_a_traceback() -> None:
    """SIGINT while the command waits for standard input: exit 130, not 1 ("Aborted!")."""
    p = subprocess.Popen(
        [*entry_point("declarediff"), OLD, "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_until_reading_stdin(p.pid)
    p.send_signal(signal.SIGINT)
    _out, err = p.communicate(timeout=60)
    assert p.returncode == 130, err
    assert "Traceback" not in err and "Aborted" not in err


def test_progress_is_one_measure_that_only_grows() -> None:
    """compare() reports its work on one scale that never goes back and ends at the total."""
    seen: list[tuple[int, int]] = []
    dd.compare(
        dd.read(OLD), dd.read(NEW), progress=lambda _s, done, total: seen.append((done, total))
    )
    shares = [done / total for done, total in seen]
    assert len({total for _d, total in seen}) == 1
    assert shares == sorted(shares) and shares[-1] == 1.0 and len(shares) >= 8


def test_progress_bar_never_draws_backwards_or_at_done(capsys: pytest.CaptureFixture[str]) -> None:
    """The bar keeps its highest share and is not drawn once the work is done."""
    bar = _ProgressBar(delay=0)
    bar("aligning", 900, 1000)
    bar("diffing", 2, 3)  # a stage reporting less than before does not move the bar back
    assert bar.share == 0.9
    drawn = capsys.readouterr().err
    assert drawn.count("90%") == 2 and "67%" not in drawn
    bar("done", 3, 3)
    assert "100%" not in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["html", "side-by-side", "markdown"])
def test_config_accepts_every_report_format(tmp_path: Path, fmt: str) -> None:
    """`format = "html"` in .declarediff.toml works: the config checks the renderers' list."""
    (tmp_path / ".declarediff.toml").write_text(f'format = "{fmt}"\n', encoding="utf-8")
    p = proc(OLD, NEW, cwd=tmp_path, COLUMNS="80")
    assert p.returncode == 0, p.stderr
    expected = run(OLD, NEW, "-f", fmt, "--no-config", env={"COLUMNS": "80"})[1]
    assert p.stdout == expected and p.stdout != run(OLD, NEW, "--no-config")[1]


@pytest.mark.slow
def test_hook_json_and_sarif_are_one_document(repo: Path) -> None:  # noqa: F811
    """declarediff-hook -f json over two files prints one JSON array; -f sarif one log with a
    run per file, valid against the official schema."""
    second = repo / "docs" / "other.txt"
    second.write_text(Path(OLD).read_text(encoding="utf-8"), encoding="utf-8")
    git(repo, "add", "docs/other.txt")
    git(repo, "commit", "-q", "-m", "another")
    second.write_text(Path(NEW).read_text(encoding="utf-8"), encoding="utf-8")
    hook = entry_point("declarediff-hook")
    files = ["docs/policy.txt", "docs/other.txt"]
    p = subprocess.run(
        [*hook, "-f", "json", *files], cwd=repo, capture_output=True, text=True, check=False
    )
    assert p.returncode == 1, p.stderr
    docs = json.loads(p.stdout)
    assert isinstance(docs, list) and len(docs) == 2
    assert [d["new"]["source"] for d in docs] == files
    p = subprocess.run(
        [*hook, "-f", "sarif", *files], cwd=repo, capture_output=True, text=True, check=False
    )
    log = json.loads(p.stdout)
    assert len(log["runs"]) == 2
    schema = json.loads(shared_path("schemas/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)


@pytest.mark.slow
def test_hook_skips_new_files_by_exception_not_by_message(repo: Path) -> None:  # noqa: F811
    """A new file is skipped (NotAtRevisionError); an error whose text merely contains "no
    file" and "at revision" (here in a file name) is still an error, exit 2."""
    (repo / "docs" / "brand-new.txt").write_text(NEW, encoding="utf-8")
    odd = repo / "docs" / "no file x at revision y.txt"
    odd.write_bytes(b"\x00\x01binary")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "odd")
    odd.write_bytes(b"\x00\x02binary, changed")
    hook = entry_point("declarediff-hook")
    p = subprocess.run(
        [*hook, "--rev", "HEAD~1", "docs/brand-new.txt"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert p.returncode == 0 and p.stdout == "", p.stderr
    p = subprocess.run(
        [*hook, "docs/no file x at revision y.txt"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert p.returncode == 2 and "binary" in p.stderr, (p.stdout, p.stderr)


def test_missing_file_is_also_file_not_found(tmp_path: Path) -> None:
    """A missing source raises an error that `except FileNotFoundError` catches."""
    with pytest.raises(FileNotFoundError) as info:
        dd.read(tmp_path / "missing.txt")
    assert isinstance(info.value, dd.SourceError)
    assert str(info.value) == f"{tmp_path / 'missing.txt'}: no such file"


# -- conventions --------------------------------------------------------------------------


def test_fail_on_takes_comma_lists_and_code_prefixes() -> None:
    """--fail-on DD1,DD201 and code prefixes work as ruff's --select; one function decides."""
    c = dd.compare(dd.read(OLD), dd.read(NEW))
    codes = {f.code for f in c.findings}
    assert "DD101" in codes
    assert {f.code for f in rules.failing(c.findings, ("DD1",))} == {
        x for x in codes if x.startswith("DD1")
    }
    assert rules.failing(c.findings, ("DD9",)) == ()
    assert rules.valid_selector("DD3") and not rules.valid_selector("DD9")
    assert run(OLD, NEW, "--fail-on", "DD1,DD201")[0] == 1
    assert run(OLD, NEW, "--fail-on", "note,warning")[0] == 1
    code, _out, err = run(OLD, NEW, "--fail-on", "DD4,bogus")
    assert code == 2 and "'bogus'" in err


@pytest.mark.slow
def test_exit_code_and_quiet(tmp_path: Path) -> None:
    """--exit-code: 1 when the versions differ, 0 when they are the same; --quiet prints
    nothing, and the exit status still tells."""
    assert run(OLD, OLD, "--exit-code")[0] == 0
    assert run(OLD, NEW, "--exit-code")[0] == 1
    assert run(OLD, NEW)[0] == 0
    p = proc(OLD, NEW, "--quiet", "--exit-code", "--fail-on", "error")
    assert (p.returncode, p.stdout, p.stderr) == (1, "", "")


def test_stat_and_side_by_side_are_aliases_of_their_formats() -> None:
    """--stat is -f stat, --side-by-side is -f side-by-side; two choices at once are refused."""
    code, stat, err = run(OLD, NEW, "--stat")
    assert code == 0 and stat, err
    assert stat == run(OLD, NEW, "-f", "stat")[1]
    env = {"COLUMNS": "120"}
    assert (
        run(OLD, NEW, "--side-by-side", env=env)[1]
        == run(OLD, NEW, "-f", "side-by-side", env=env)[1]
    )
    code, _out, err = run(OLD, NEW, "--stat", "-f", "json")
    assert code == 2 and "choose one format" in err


@pytest.mark.parametrize(
    ("choice", "env", "expected"),
    [
        ("auto", {"FORCE_COLOR": "1"}, True),
        ("auto", {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ("auto", {"NO_COLOR": ""}, False),  # empty NO_COLOR does nothing; a pipe is plain
        ("auto", {"FORCE_COLOR": "0"}, False),
        ("never", {"FORCE_COLOR": "1"}, False),
        ("always", {"NO_COLOR": "1"}, True),
    ],
)
def test_color_conventions(
    monkeypatch: pytest.MonkeyPatch, choice: str, env: dict[str, str], expected: bool
) -> None:
    """NO_COLOR beats FORCE_COLOR; the command line beats both; a pipe is plain by default."""
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert use_color(choice, to_stdout=True) is expected


@pytest.mark.slow
def test_force_color_colours_a_pipe_and_term_dumb_does_not() -> None:
    """FORCE_COLOR=1 colours the text report in a pipe; a file written with -o stays plain."""
    clean = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    p = subprocess.run(
        [*entry_point("declarediff"), OLD, NEW],
        capture_output=True,
        text=True,
        env={**clean, "FORCE_COLOR": "1"},
        check=False,
    )
    assert "\x1b[" in p.stdout


def _on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run the command with a pseudo-terminal as standard input and output; its output."""
    leader, follower = pty.openpty()
    p = subprocess.Popen(args, stdin=follower, stdout=follower, stderr=subprocess.DEVNULL, env=env)
    os.close(follower)
    chunks = []
    while True:
        ready, _w, _x = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    p.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.slow
def test_pager_on_a_terminal_only(tmp_path: Path) -> None:
    """On a terminal the report goes through $PAGER (with LESS=FRX as git sets it); not with
    --no-pager, not in CI, not in a pipe."""
    pager = tmp_path / "pager.py"
    seen = tmp_path / "seen.txt"
    pager.write_text(
        "import os, sys\n"
        f"open({str(seen)!r}, 'w').write(os.environ.get('LESS', '') + '\\n' + sys.stdin.read())\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PAGER": f"{sys.executable} {pager}", "TERM": "xterm"}
    env.pop("CI", None)
    env.pop("DECLAREDIFF_PAGER", None)
    cmd = [*entry_point("declarediff"), OLD, NEW, "--color", "never"]
    _on_a_terminal(cmd, env)
    less, _nl, report = seen.read_text(encoding="utf-8").partition("\n")
    assert less == "FRX"
    assert report == run(OLD, NEW)[1]
    seen.unlink()
    shown = _on_a_terminal([*cmd, "--no-pager"], env)
    assert not seen.exists() and "Commitment dropped" in shown.replace("\r\n", "\n")
    _on_a_terminal(cmd, {**env, "CI": "true"})
    assert not seen.exists()
    subprocess.run(cmd, capture_output=True, env=env, check=False)
    assert not seen.exists()


def test_help_is_grouped_and_fits_80_columns() -> None:
    """--help lists options in sections (input, output, analysis, CI), within 80 columns."""
    for prog in ("declarediff", "declarediff-hook"):
        p = subprocess.run(
            [*entry_point(prog), "--help"],
            capture_output=True,
            text=True,
            env={**os.environ, "COLUMNS": "200"},
            check=True,
        )
        lines = p.stdout.splitlines()
        assert max(len(line) for line in lines) <= 80, prog
        titles = [line for line in lines if line.endswith("options:")]
        assert titles[:4] == [
            "Input options:",
            "Output options:",
            "Analysis options:",
            "CI options:",
        ]


@pytest.mark.slow
def test_shell_completion_completes_file_names(tmp_path: Path) -> None:
    """Sources and -o are paths: click's completion offers file names for them."""
    (tmp_path / "nato-old.txt").write_text("x", encoding="utf-8")
    env = {**os.environ, "_DECLAREDIFF_COMPLETE": "bash_complete", "COMP_CWORD": "1"}
    p = subprocess.run(
        [*entry_point("declarediff")],
        capture_output=True,
        text=True,
        env={**env, "COMP_WORDS": "declarediff nato"},
        cwd=tmp_path,
        check=False,
    )
    assert p.stdout.splitlines() == ["file,nato"]
    p = subprocess.run(
        [*entry_point("declarediff")],
        capture_output=True,
        text=True,
        env={**env, "COMP_WORDS": "declarediff a b -o out", "COMP_CWORD": "4"},
        cwd=tmp_path,
        check=False,
    )
    assert p.stdout.splitlines() == ["file,out"]


def test_settings_are_merged_once_command_line_last(tmp_path: Path) -> None:
    """One frozen Settings: defaults < configuration (with overrides for the path) < command
    line; turned into Options once."""
    path = tmp_path / ".declarediff.toml"
    path.write_text(
        'format = "markdown"\nmatch-threshold = 0.4\n'
        '[[overrides]]\npaths = ["treaties/*"]\nfail-on = "DD1,warning"\n',
        encoding="utf-8",
    )
    config = load_config(path)
    s = Settings.merge(config, "treaties/nato.txt", {"fmt": "json"})
    assert (s.fmt, s.match_threshold, s.fail_on) == ("json", 0.4, ("DD1", "warning"))
    assert s.options == dd.Options(match_threshold=0.4)
    assert Settings.merge(config, "other.txt", {}).fail_on == ()
    with pytest.raises(AttributeError):
        s.fmt = "text"  # type: ignore[misc]


def test_config_refuses_codecs_that_are_not_text_encodings(tmp_path: Path) -> None:
    """`encoding = "rot13"` (or base64, zlib) is a ConfigError, and so on the command line."""
    path = tmp_path / ".declarediff.toml"
    path.write_text('encoding = "rot13"\n', encoding="utf-8")
    with pytest.raises(dd.ConfigError, match="'encoding' must be a text encoding name"):
        load_config(path)
    code, _out, err = run(OLD, NEW, "--encoding", "base64")
    assert code == 2 and err == "declarediff: error: --encoding: 'base64' is not a text encoding\n"


@pytest.mark.slow
def test_docs_cli_console_examples_run_as_shown() -> None:
    """Every `$ command` in docs/cli.md's console blocks prints what the page shows."""
    root = Path(__file__).resolve().parent.parent
    doc = (root / "docs" / "cli.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```console\n(.*?)```", doc, re.S)
    assert blocks
    bindir = str(Path(entry_point("declarediff")[-1]).parent)
    env = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}", "COLUMNS": "80"}
    env.pop("FORCE_COLOR", None)
    for block in blocks:
        for example in re.split(r"^(?=\$ )", block, flags=re.M):
            if not example.strip():
                continue
            command, _nl, shown = example.partition("\n")
            p = subprocess.run(
                ["bash", "-c", command.removeprefix("$ ")],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                cwd=root,
                env=env,
                check=False,
            )
            assert p.stdout == shown, command


@pytest.mark.parametrize(("term", "expected"), [("dumb", False), ("xterm-256color", True)])
def test_term_dumb_turns_colour_off_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, term: str, expected: bool
) -> None:
    """On a terminal, auto colours unless TERM=dumb (and FORCE_COLOR still wins over it)."""
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", term)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert use_color("auto", to_stdout=True) is expected
    assert use_color("auto", to_stdout=False) is False
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert use_color("auto", to_stdout=True) is True


def test_nul_in_a_path_is_a_usage_error() -> None:
    """A NUL character in a path (only a Python caller can pass one) is exit 2, not a
    traceback."""
    for args in (
        ["a\x00.txt", NEW],
        [OLD, NEW, "-o", "out\x00.txt"],
        [OLD, NEW, "--config", "\x00"],
    ):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2 and "NUL" in result.stderr, args
        assert not isinstance(result.exception, ValueError)
