"""Hostile inputs meet the outputs (issue #15): ``-o`` and special files, terminal escapes in
documents, and document lines that look like CI workflow commands.

Tests that need a device node make their own with ``os.mknod`` when run as root, so that a
regression can never replace the machine's ``/dev/null``; without root they use ``/dev``'s.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import declarediff as dd
from declarediff.output import write_atomic
from declarediff.report import github, safe

ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0
POSIX = os.name == "posix"

# --------------------------------------------------------------------------------------------
# 1. -o and special files
# --------------------------------------------------------------------------------------------


def _leftovers(folder: Path) -> list[str]:
    return sorted(n for n in os.listdir(folder) if n.startswith(".declarediff-"))


def _device(tmp_path: Path, name: str, minor: int) -> str:
    """A character device of the memory driver (major 1): 3 is null, 7 is full.  As root, a
    node of our own in ``tmp_path``; otherwise ``/dev``'s (which a user cannot replace)."""
    if ROOT_USER:
        node = tmp_path / name
        try:
            os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, minor))
            os.close(os.open(node, os.O_WRONLY))
        except OSError as e:
            pytest.skip(f"cannot make a device node here: {e}")
        return str(node)
    path = f"/dev/{name}"
    if not (os.path.exists(path) and stat.S_ISCHR(os.stat(path).st_mode)):
        pytest.skip(f"no {path}")
    return path


@pytest.fixture
def short_tmp() -> Iterator[Path]:
    """A folder with a short path (a Unix socket's path is limited to about 100 bytes)."""
    folder = Path(tempfile.mkdtemp(prefix="dd-", dir="/tmp" if POSIX else None))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(not POSIX, reason="symbolic links")
def test_symlink_writes_its_target_and_stays_a_link(tmp_path: Path) -> None:
    """``-o link`` writes the file the link points to (atomically), and the link stays."""
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    target = real_dir / "report.txt"
    target.write_text("old report\n", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "latest.txt"
    link.symlink_to(os.path.join("real", "report.txt"))  # relative, as links usually are
    write_atomic(link, "new report\n")
    assert link.is_symlink()
    assert os.readlink(link) == os.path.join("real", "report.txt")
    assert target.read_text(encoding="utf-8") == "new report\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == [] and _leftovers(real_dir) == []


@pytest.mark.skipif(not POSIX, reason="symbolic links")
def test_chain_of_links_and_dangling_link(tmp_path: Path) -> None:
    """A chain of links is followed to the end; a dangling link creates its target."""
    target = tmp_path / "report.txt"
    target.write_text("old\n", encoding="utf-8")
    (tmp_path / "b").symlink_to(target)
    (tmp_path / "a").symlink_to(tmp_path / "b")
    write_atomic(tmp_path / "a", "new\n")
    assert (tmp_path / "a").is_symlink() and (tmp_path / "b").is_symlink()
    assert target.read_text(encoding="utf-8") == "new\n"
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "future.txt")
    write_atomic(dangling, "made\n")
    assert dangling.is_symlink()
    assert (tmp_path / "future.txt").read_text(encoding="utf-8") == "made\n"


@pytest.mark.skipif(not POSIX, reason="symbolic links")
def test_link_to_an_input_is_refused(tmp_path: Path) -> None:
    """A link that points at an input is the input: refused, the input untouched."""
    src = tmp_path / "old.txt"
    src.write_text("1. We meet.\n", encoding="utf-8")
    link = tmp_path / "out.txt"
    link.symlink_to(src)
    with pytest.raises(dd.OutputError, match="refusing to overwrite an input"):
        write_atomic(link, "x", inputs=[str(src)])
    assert src.read_text(encoding="utf-8") == "1. We meet.\n"
    assert link.is_symlink()


@pytest.mark.skipif(not POSIX, reason="symbolic link loops")
def test_link_loop_is_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(dd.OutputError) as info:
        write_atomic(tmp_path / "a", "x")
    assert "\n" not in str(info.value)
    assert (tmp_path / "a").is_symlink() and _leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_fifo_is_written_not_replaced(tmp_path: Path) -> None:
    """``-o fifo`` writes into the FIFO (its reader gets the report); it stays a FIFO."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader waiting, as `cat pipe` would
    try:
        write_atomic(fifo, iter([b"first piece, ", b"second piece\n"]))
        got = os.read(reader, 1 << 16)
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got == b"first piece, second piece\n"
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_fifo_with_a_reader_thread_gets_a_large_report(tmp_path: Path) -> None:
    """More than a pipe holds at once: the writer waits for the reader, as ``>`` would."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    data = ("国際秩序 " * 40_000).encode()  # ~520 kB
    got: list[bytes] = []

    def read_all() -> None:
        with open(fifo, "rb") as fh:  # blocks until the writer opens the FIFO
            got.append(fh.read())

    thread = threading.Thread(target=read_all, daemon=True)
    thread.start()
    write_atomic(fifo, data)
    thread.join(timeout=20)
    assert not thread.is_alive()
    assert got == [data]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(not POSIX, reason="device nodes")
def test_null_device_is_written_not_replaced(tmp_path: Path) -> None:
    """``-o /dev/null`` discards the report; the device stays a device (as root, too)."""
    null = _device(tmp_path, "null", 3)
    write_atomic(null, "report\n")
    write_atomic(null, iter([b"a", b"b"]))
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert _leftovers(Path(null).parent) == []


@pytest.mark.skipif(not POSIX, reason="device nodes")
def test_full_device_is_a_one_line_error_and_leaves_nothing(tmp_path: Path) -> None:
    """A direct write that fails (``/dev/full``: no space) is one OutputError line."""
    full = _device(tmp_path, "full", 7)
    with pytest.raises(dd.OutputError, match="no space left on device") as info:
        write_atomic(full, "report\n" * 1000)
    assert "\n" not in str(info.value)
    assert stat.S_ISCHR(os.lstat(full).st_mode)
    assert _leftovers(Path(full).parent) == []


def test_failure_midway_leaves_no_temporary_and_keeps_the_old_file(tmp_path: Path) -> None:
    """A report whose pieces fail midway: the old file stays, no temporary file is left."""
    target = tmp_path / "report.txt"
    target.write_text("previous report\n", encoding="utf-8")

    def pieces() -> Iterator[bytes]:
        yield b"half a report"
        raise RuntimeError("renderer failed")

    with pytest.raises(RuntimeError, match="renderer failed"):
        write_atomic(target, pieces())
    assert target.read_text(encoding="utf-8") == "previous report\n"
    assert os.listdir(tmp_path) == ["report.txt"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_failure_midway_into_a_fifo(tmp_path: Path) -> None:
    """A direct write that fails midway leaves the FIFO a FIFO and no file beside it."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)

    def pieces() -> Iterator[bytes]:
        yield b"half"
        raise RuntimeError("renderer failed")

    try:
        with pytest.raises(RuntimeError):
            write_atomic(fifo, pieces())
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert os.listdir(tmp_path) == ["pipe"]


def test_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    with pytest.raises(dd.OutputError, match=r"refusing to write: a directory") as info:
        write_atomic(folder, "x")
    assert "\n" not in str(info.value)
    assert folder.is_dir() and os.listdir(tmp_path) == ["reports"]


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="Unix sockets")
def test_socket_is_refused(short_tmp: Path) -> None:
    path = short_tmp / "s"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        with pytest.raises(dd.OutputError, match=r"refusing to write: a socket"):
            write_atomic(path, "x")
        assert stat.S_ISSOCK(os.lstat(path).st_mode)
    assert _leftovers(short_tmp) == []


@pytest.mark.skipif(not ROOT_USER, reason="making a block device node needs root")
def test_block_device_is_refused(tmp_path: Path) -> None:
    node = tmp_path / "disk"
    try:
        os.mknod(node, stat.S_IFBLK | 0o600, os.makedev(7, 250))
    except OSError as e:
        pytest.skip(f"cannot make a device node here: {e}")
    with pytest.raises(dd.OutputError, match=r"refusing to write: a block device"):
        write_atomic(node, "x")
    assert stat.S_ISBLK(os.lstat(node).st_mode)
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="/proc/self/fd")
def test_descriptor_name_is_written_directly(tmp_path: Path) -> None:
    """``/dev/fd/N`` (and ``/dev/stdout``) is the process's own descriptor: written through
    it (appending to a regular file behind it), never replaced."""
    behind = tmp_path / "captured.txt"
    with open(behind, "wb") as fh:
        fh.write(b"before\n")
        fh.flush()
        write_atomic(f"/proc/self/fd/{fh.fileno()}", "report\n")
    assert behind.read_bytes() == b"before\nreport\n"
    assert _leftovers(tmp_path) == []


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run(
        [sys.executable, "-m", "declarediff", *args],
        cwd=cwd,
        capture_output=True,
        timeout=120,
        env=env,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.skipif(not POSIX, reason="FIFOs and device nodes")
def test_cli_output_to_fifo_device_and_link(tmp_path: Path) -> None:
    """End to end: ``-o`` a FIFO, a null device, a link; ``-o`` a link to an input refused."""
    (tmp_path / "a.txt").write_text("1. We meet.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("1. We meet often.\n", encoding="utf-8")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        proc = _cli("a.txt", "b.txt", "-o", "pipe", cwd=tmp_path)
        got = os.read(reader, 1 << 16)
    finally:
        os.close(reader)
    assert proc.returncode in (0, 1), proc.stderr
    assert b"{+ often+}" in got and stat.S_ISFIFO(os.lstat(fifo).st_mode)

    null = _device(tmp_path, "null", 3)
    proc = _cli("a.txt", "b.txt", "-o", null, cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    assert stat.S_ISCHR(os.lstat(null).st_mode)

    (tmp_path / "report.txt").write_text("", encoding="utf-8")
    (tmp_path / "latest").symlink_to("report.txt")
    assert _cli("a.txt", "b.txt", "-o", "latest", cwd=tmp_path).returncode in (0, 1)
    assert (tmp_path / "latest").is_symlink()
    assert "{+ often+}" in (tmp_path / "report.txt").read_text(encoding="utf-8")

    (tmp_path / "sneaky").symlink_to("a.txt")
    proc = _cli("a.txt", "b.txt", "-o", "sneaky", cwd=tmp_path)
    assert proc.returncode == 2
    assert b"refusing to overwrite an input" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "1. We meet.\n"
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(ROOT_USER or not os.path.exists("/dev/null"), reason="the real /dev/null")
def test_cli_output_to_the_real_dev_null(tmp_path: Path) -> None:
    """``-o /dev/null`` works as a user expects (run without root, which cannot harm it)."""
    (tmp_path / "a.txt").write_text("1. We meet.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("1. We meet often.\n", encoding="utf-8")
    assert _cli("a.txt", "b.txt", "-o", "/dev/null", cwd=tmp_path).returncode in (0, 1)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


# --------------------------------------------------------------------------------------------
# 2. Terminal escapes, bidi controls and 3. workflow commands in document text
# --------------------------------------------------------------------------------------------

ESC, BEL = "\x1b", "\x07"
OSC52 = f"{ESC}]52;c;ZWNobyBwd25lZAo={BEL}"  # writes the clipboard
OSC8 = f"{ESC}]8;;https://evil.example/{ESC}\\click me{ESC}]8;;{ESC}\\"  # a hidden link
CLEAR = f"{ESC}[2J{ESC}[H"
HIDE = f"{ESC}[8m"  # a colour code of the document (concealed text): not ours, so shown
RLO = "\u202e"

OLD_TEXT = (
    "1. Allies will meet every year.\n\n"
    "2. We support Ukraine.\n\n"
    "3. Spending stays at 2%.\n\n"
    "::warning::old line\n\n"
    "::error file=.github/workflows/ci.yml,line=1::pwned\n"
)
NEW_TEXT = (
    f"1. Allies will meet every year{OSC52} and more{BEL}{BEL}.\n\n"
    f"2. We support Ukraine {OSC8} fully{CLEAR}.\n\n"
    f"3. Spending stays at 2%{HIDE} secretly\b\b\b\b\b\b\b\b{RLO}gnidnepsni\u2066x\u2069.\n\n"
    "::error file=.github/workflows/ci.yml,line=1::pwned\n\n"
    "::warning::old line, reworded\n\n"
    "::add-mask::\n\n"
    "::stop-commands::tok3n\n\n"
    "  ::set-output name=x::y\n\n"
    "\u00a0::warning::after a no-break space\n\n"
    "##[error]legacy form 50%\n\n"
    "4. Tab\tinside and a bell\x07 and NEL\x85 and CSI\x9b31m and DEL\x7f end.\n"
)
# Reports for a terminal or a text file.
TERMINAL_FORMATS = ("text", "side-by-side", "stat", "markdown", "github")
# The colour codes style.py writes, and nothing else.
STYLE_SGR = {"0", "1", "2", "31", "32", "33", "1;31", "1;36", "31;9", "32;4"}
SGR = re.compile(r"\x1b\[([0-9;]*)m")
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _comparison(old: str = OLD_TEXT, new: str = NEW_TEXT, source: str = "new.txt") -> dd.Comparison:
    return dd.compare(
        dd.parse(old, source="old.txt"), dd.parse(new, source=source), watch=(f"x{ESC}[2J",)
    )


def _assert_safe(report: str, color: bool) -> None:
    """No control character but line feed and tab; with colour, only style.py's SGR codes."""
    if color:
        codes = set(SGR.findall(report))
        assert codes <= STYLE_SGR, codes - STYLE_SGR
        report = SGR.sub("", report)
    assert ESC not in report
    bad = FORBIDDEN.findall(report)
    assert not bad, sorted(set(bad))


def _assert_no_command_lines(report: str) -> None:
    """No line reads as a workflow command: none begins with ``::`` after white space and
    colour codes (the runner trims leading white space), none holds the legacy ``##[``."""
    for line in report.split("\n"):
        visible_line = SGR.sub("", line)
        assert not visible_line.lstrip().startswith("::"), line
        assert "##[" not in line, line


@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("fmt", TERMINAL_FORMATS)
def test_reports_show_control_characters_never_emit_them(fmt: str, color: bool) -> None:
    c = _comparison(source=f"new{ESC}]0;title{BEL}.txt")
    report = dd.render(c, fmt, dd.RenderOptions(color=color, show_all=True, width=100))
    _assert_safe(report, color)


@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("fmt", ["text", "side-by-side"])
def test_escapes_follow_the_caret_convention(fmt: str, color: bool) -> None:
    """``^[`` for ESC, ``^G`` for BEL, ``^H`` for backspace, ``^?`` for DEL, ``<U+009B>`` for
    a C1 control and ``<U+202E>`` for a bidi control; tabs as written (text) or folded into a
    space (side by side, which folds all white space)."""
    c = _comparison()
    options = dd.RenderOptions(color=color, show_all=True, width=300)
    report = SGR.sub("", dd.render(c, fmt, options))
    for shown in ("^[]52;c;ZWNobyBwd25lZAo=^G", "^[]8;;https://evil.example/^[\\", "^[[2J^[[H"):
        assert shown in report
    for shown in ("^[[8m", "^H^H", "<U+202E>gnidnepsni<U+2066>x<U+2069>", "<U+0085>"):
        assert shown in report
    assert "<U+009B>31m" in report and "^?" in report and "^G and" in report
    if fmt == "text":
        assert "Tab\tinside" in report


def test_stat_escapes_file_names_labels_and_phrases() -> None:
    c = _comparison(source=f"new{ESC}]52;c;eA=={BEL}.txt")
    report = dd.render(c, "stat", dd.RenderOptions())
    assert "+++ new^[]52;c;eA==^G.txt" in report
    assert "x^[[2J" in report  # the watched phrase, in neither version
    _assert_safe(report, False)


def test_markdown_shows_escapes_as_text() -> None:
    """Markdown escapes the escapes' punctuation too: ``^\\[`` reads ``^[``."""
    report = dd.render(_comparison(), "markdown", dd.RenderOptions())
    assert "^\\[\\]52;c;ZWNobyBwd25lZAo=^G" in report
    assert "&lt;U\\+202E&gt;" in report


def test_json_and_sarif_encode_control_characters() -> None:
    """The data formats are written by a JSON encoder: ESC is ``\\u001b``, and the text
    decodes back to the document's exactly."""
    c = _comparison()
    for fmt in ("json", "sarif"):
        report = dd.render(c, fmt)
        assert ESC not in report and BEL not in report
        assert "\\u001b]8;;https://evil.example/\\u001b" in report
        json.loads(report)
    data = json.loads(dd.render(c, "json"))
    assert OSC52 in data["new"]["paragraphs"][0]["text"]


@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("fmt", ["text", "side-by-side", "stat", "markdown"])
def test_no_document_line_reads_as_a_workflow_command(fmt: str, color: bool) -> None:
    c = _comparison()
    for show_all in (False, True):
        report = dd.render(c, fmt, dd.RenderOptions(color=color, show_all=show_all))
        _assert_no_command_lines(report)


def test_workflow_command_lines_are_escaped_with_a_backslash() -> None:
    """The convention: a backslash before the ``::`` (indentation kept), ``##\\[``."""
    report = dd.render(_comparison(), "text", dd.RenderOptions(show_all=True))
    assert "\\::error file=.github/workflows/ci.yml,line=1::pwned" in report
    assert "##\\[error]legacy form 50%" in report
    assert safe.no_commands("  ::set-output name=x::y") == "  \\::set-output name=x::y"
    assert safe.no_commands("\x1b[32m\u00a0::add-mask::") == "\x1b[32m\u00a0\\::add-mask::"
    assert safe.no_commands("a ::b:: c\n##[x") == "a ::b:: c\n##\\[x"
    # Markdown shows "\:" as ":": the reader sees the document's text.
    c = _comparison("::error file=a.yml,line=1::pwned\n", "::error file=a.yml,line=1::pwned!\n")
    markdown = dd.render(c, "markdown", dd.RenderOptions())
    assert "\n\\::error file=a.yml,line=1::pwned<ins>\\!</ins>\n" in markdown


def test_side_by_side_keeps_its_columns_with_an_escaped_command_line() -> None:
    """The backslash is counted: the bar stays in its column."""
    old = "::error::boom\n"
    new = "::error::boom and more\n"
    report = dd.render(dd.compare(dd.parse(old), dd.parse(new)), "side-by-side")
    rows = [line for line in report.splitlines() if "│" in line]
    assert rows and rows[0].startswith("\\::error::boom")
    assert len({row.index("│") for row in rows}) == 1


def test_github_annotations_escape_their_data() -> None:
    """Messages: ``%``, CR and LF as the toolkit escapes them, other controls shown; properties
    also ``:`` and ``,``.  Every line is one of our commands."""
    assert github.escape_data("50% a\r\nb") == "50%25 a%0D%0Ab"
    assert github.escape_property("a:b,c%\r\n") == "a%3Ab%2Cc%25%0D%0A"
    assert github.escape_data(f"x{OSC52}{RLO}") == "x^[]52;c;ZWNobyBwd25lZAo=^G<U+202E>"
    c = _comparison()
    uri = "docs/po:li,cy%\r\n.md"
    report = dd.render(c, "github", dd.RenderOptions(new_uri=uri))
    _assert_safe(report, False)
    lines = report.splitlines()
    assert all(re.match(r"::(error|warning|notice) [^\n]*?::", line) for line in lines), lines
    assert f"file={github.escape_property(uri)}," in report
    assert "file=docs/po%3Ali%2Ccy%25%0D%0A.md," in report
    assert len(lines) == len(report.split("\n")) - 1  # no stray line break


def test_visible_is_idempotent_and_keeps_newline_and_tab() -> None:
    every = "".join(map(chr, range(0xA0))) + "\u061c\u200e\u200f\u202a\u202e\u2066\u2069"
    once = safe.visible(every)
    assert safe.visible(once) == once
    assert "\n" in once and "\t" in once
    assert safe.is_safe(once.replace("\n", "").replace("\t", ""))
    assert safe.visible("\x00\x1b\x7f\x85\u202e") == "^@^[^?<U+0085><U+202E>"


# A file name is document data too (``+++ new…`` in every report).
HOSTILE_NAME = f"new{ESC}]0;title{BEL}.txt" if POSIX else "new.txt"


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["text", "side-by-side", "stat", "markdown", "github"])
def test_cli_reports_to_a_file_and_in_colour_carry_no_escapes(tmp_path: Path, fmt: str) -> None:
    """End to end: ``-o out.txt``, and ``--color always`` on standard output."""
    (tmp_path / "old.txt").write_text(OLD_TEXT, encoding="utf-8")
    (tmp_path / HOSTILE_NAME).write_text(NEW_TEXT, encoding="utf-8")
    proc = _cli("old.txt", HOSTILE_NAME, "--all", "--format", fmt, "-o", "out.txt", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    _assert_safe((tmp_path / "out.txt").read_text(encoding="utf-8"), False)
    if fmt != "github":
        _assert_no_command_lines((tmp_path / "out.txt").read_text(encoding="utf-8"))
    args = ("old.txt", HOSTILE_NAME, "--all", "--format", fmt, "--color", "always", "--no-pager")
    proc = _cli(*args, cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    out = proc.stdout.decode("utf-8")
    _assert_safe(out, color=True)
    if fmt in ("text", "side-by-side", "stat"):
        assert "\x1b[" in out  # colour is on, and ours still works
    if fmt != "github":
        _assert_no_command_lines(out)
    proc = _cli(*args[:5], "--color", "always", "-o", "coloured.txt", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    _assert_safe((tmp_path / "coloured.txt").read_text(encoding="utf-8"), color=True)


# Every C0 and C1 control, DEL, the bidi controls, and pieces of commands and escapes.
HOSTILE = st.lists(
    st.sampled_from(
        [chr(i) for i in range(0x20)]
        + [chr(i) for i in range(0x7F, 0xA0)]
        + list("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
        + ["a", "b", " ", ".", "1. ", "::", "##[", "[", "]", "\u00a0", "国"]
        + ["\x1b[8m", "\x1b]52;c;", "\x1b[31m"]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(old=HOSTILE, new=HOSTILE, extra=HOSTILE, color=st.booleans())
def test_property_no_control_character_reaches_a_report(
    old: str, new: str, extra: str, color: bool
) -> None:
    """For any text made of controls, bidi characters and command fragments, no terminal or
    text report holds a C0 control but ``\\n`` and ``\\t``, nor a C1 or bidi control, nor any
    ESC but style.py's colour codes; and no line but the annotations reads as a command."""
    c = dd.compare(
        dd.parse(f"1. {old}\n\n{extra}\n", source=extra or "old"),
        dd.parse(f"{new}\n\n{extra}\n\n1. {old}\n", source=new or "new"),
        watch=(extra,) if extra.strip() else (),
    )
    options = dd.RenderOptions(color=color, show_all=True, width=60)
    for fmt in TERMINAL_FORMATS:
        report = dd.render(c, fmt, options)
        _assert_safe(report, color and fmt in ("text", "side-by-side", "stat"))
        if fmt != "github":
            _assert_no_command_lines(report)


def test_timeline_and_html_show_document_controls_visibly() -> None:
    """The history timeline (text, with and without colour) and the HTML reports never pass
    a document's control characters on: shown as ^[ and <U+202E>, as the text report does."""
    nasty = "We will act.\x1b]52;c;aGVsbG8=\x07 We \u202eevil\u202c commit\x1b[2J to peace."
    editions = [
        dd.parse(f"1. {nasty}\n\n2. We will meet in {year}.\n", source=f"e{year}\x1b[8m.txt")
        for year in (2021, 2022)
    ] + [dd.parse("2. We will meet in 2023.\n", source="e2023.txt")]
    h = dd.history(editions)
    for color in (False, True):
        text = dd.render_history(h, "text", dd.RenderOptions(color=color))
        plain = re.sub(r"\x1b\[[0-9;]*m", "", text) if color else text
        assert "\x1b" not in plain and "\x07" not in plain and "\u202e" not in plain
        assert "^[]52;c;aGVsbG8=^G" in text and "<U+202E>" in text
        if color:  # only declarediff's own colour codes remain, never the document's [8m
            assert "\x1b[8m" not in text
    page = dd.render_history(h, "html")
    assert "\x1b" not in page and "\u202e" not in page and "&lt;U+202E&gt;" in page
    c = dd.compare(editions[0], editions[2])
    for html_text in (dd.render(c, "html"), c._repr_html_()):
        assert "\x1b" not in html_text and "\u202e" not in html_text and "\x07" not in html_text
        assert "&lt;U+202E&gt;" in html_text
