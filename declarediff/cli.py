"""The ``declarediff`` and ``declarediff-hook`` commands: arguments in, report out, exit code.

No logic lives here: the library reads, compares and renders; this module
turns the command line and the configuration file into one
:class:`~declarediff.config.Settings`, that into calls, and library errors
into one-line messages.  Exit codes: 0 the comparison ran; 1 a finding matched
``--fail-on`` (or, with ``--exit-code``, the versions differ); 2 a usage,
input or configuration error; 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import contextlib
import gc
import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import click
from click.core import ParameterSource

from declarediff._version import __version__
from declarediff.defaults import (
    MARKDOWN_LIMIT,
    MATCH_THRESHOLD,
    MAX_BYTES,
    MOVE_THRESHOLD,
    SPLIT_THRESHOLD,
)
from declarediff.errors import DeclarediffError
from declarediff.registry import READERS, RENDERERS, TIMELINE_RENDERERS

if TYPE_CHECKING:
    from declarediff.config import Config, Settings
    from declarediff.model import Finding

# The engine is imported inside the commands, when a comparison runs: --help and --version
# answer without loading it (see docs/performance.md).

# The report formats that colour their text (on a terminal, or with --color always).
_COLOURED = ("text", "side-by-side", "stat")

INTERRUPTED = 130  # the shell's code for a process ended by SIGINT (128 + 2)

EXAMPLES = """\b
Examples:
  declarediff old.txt new.txt          word-level changes, by paragraph
  declarediff old.txt new.txt --stat   a one-screen summary
  declarediff old.txt new.txt -f json -o diff.json
  cat new.txt | declarediff old.txt -  the new edition from standard input
  declarediff old.txt new.txt --watch "rules-based order" --fail-on error
  declarediff git:main:policy.md policy.md -f sarif -o out.sarif

\b
Exit status: 0 the comparison ran; 1 a finding matched --fail-on (or, with
--exit-code, the versions differ); 2 a usage, input or configuration error;
130 interrupted.
"""

# The sections of --help, in order, and the options in each (by parameter name).
_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Input", ("from_format", "encoding", "max_bytes")),
    (
        "Output",
        (
            "fmt",
            "output",
            "stat",
            "side_by_side",
            "show_all",
            "color",
            "pager",
            "markdown_limit",
            "quiet",
        ),
    ),
    ("Analysis", ("watch", "match_threshold", "move_threshold", "split_threshold", "jobs")),
    (
        "CI",
        ("fail_on", "exit_code", "baseline", "write_baseline", "config_file", "no_config", "rev"),
    ),
)


class _GroupedCommand(click.Command):
    """A command whose --help lists its options in sections (input, output, analysis, CI)."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows: dict[str, tuple[str, str]] = {}
        for param in self.get_params(ctx):
            if not isinstance(param, click.Option):
                continue  # the arguments are in the usage line
            record = param.get_help_record(ctx)
            if record is not None and param.name is not None:
                rows[param.name] = record
        placed: set[str] = set()
        for title, names in _GROUPS:
            section = [rows[n] for n in names if n in rows]
            placed.update(names)
            if section:
                with formatter.section(f"{title} options"):
                    formatter.write_dl(section)
        rest = [row for name, row in rows.items() if name not in placed]
        if rest:
            with formatter.section("Other options"):
                formatter.write_dl(rest)


def _fail(message: str) -> NoReturn:
    click.echo(f"declarediff: error: {message}", err=True)
    sys.exit(2)


def _interrupted() -> NoReturn:
    """Ctrl-C: leave quietly with the shell's code for SIGINT (a failed gate is 1)."""
    with contextlib.suppress(OSError):
        sys.stderr.write("\n")
        sys.stderr.flush()
    sys.exit(INTERRUPTED)


def _env_on(name: str) -> bool:
    """Whether an environment variable is set to something other than empty, 0 or false."""
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")


def _is_tty(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def use_color(choice: str, to_stdout: bool) -> bool:
    """Whether to colour a report: ``--color always``/``never`` decide; with ``auto``,
    ``NO_COLOR`` (set and non-empty) turns colour off, ``FORCE_COLOR`` turns it on for
    standard output even when it is not a terminal, ``TERM=dumb`` turns it off; otherwise
    only a terminal gets colour.  A file written with ``-o`` is plain unless ``always``."""
    if choice in ("always", "never"):
        return choice == "always"
    if not to_stdout or os.environ.get("NO_COLOR"):
        return False
    if _env_on("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    return _is_tty(sys.stdout)


def _pager_command(s: Settings) -> list[str] | None:
    """The pager to show a report through, as git chooses one: only for a terminal, not in
    CI or on a dumb terminal, ``$DECLAREDIFF_PAGER`` then ``$PAGER`` then ``less``."""
    if not s.pager or s.quiet or not _is_tty(sys.stdout) or not _is_tty(sys.stdin):
        return None
    if _env_on("CI") or os.environ.get("TERM") == "dumb":
        return None
    chosen = os.environ.get("DECLAREDIFF_PAGER", os.environ.get("PAGER", "less"))
    try:
        command = shlex.split(chosen)
    except ValueError:
        return None
    return command if command and command != ["cat"] else None


def _page(command: list[str], pieces: Iterator[bytes]) -> bool:
    """Show a report through a pager; False if the pager cannot be started."""
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # as git: quit if one screen, keep colours, no clearing
    env.setdefault("LV", "-c")
    try:
        pager = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert pager.stdin is not None
    try:
        for piece in pieces:
            pager.stdin.write(piece)
        pager.stdin.close()
    except BrokenPipeError:
        pass  # the reader quit the pager early
    while True:
        try:
            pager.wait()
            return True
        except KeyboardInterrupt:
            continue  # Ctrl-C belongs to the pager while it runs, as with git


def _pieces(report: str | Iterator[bytes]) -> Iterator[bytes]:
    from declarediff.output import as_pieces

    return iter(as_pieces(report))


def _show(report: str | Iterator[bytes], s: Settings, color: bool) -> None:
    """Print a report on standard output, through a pager on a terminal."""
    pager = _pager_command(s)
    if pager is not None:
        report = _pieces(report)
        if _page(pager, report):
            return
    if isinstance(report, str):
        click.echo(report, nl=False, color=color)
        return
    sys.stdout.flush()
    stream = getattr(sys.stdout, "buffer", None)
    for piece in report:
        if stream is not None:
            stream.write(piece)
        else:  # a text-only stream (an embedding application's): decode
            sys.stdout.write(piece.decode("utf-8"))
    (stream or sys.stdout).flush()


def _note(s: Settings, message: str) -> None:
    """A note on standard error (not with --quiet)."""
    if not s.quiet:
        click.echo(f"declarediff: {message}", err=True)


class _ProgressBar:
    """A one-line progress bar on stderr, drawn only after the work has taken a moment.

    The share of work only grows (a stage that reports less than an earlier one does not
    move the bar back), and the bar is never drawn at 100%: the work is done then.
    """

    def __init__(self, delay: float = 0.5) -> None:
        self._start = time.monotonic()
        self._delay = delay
        self._share = 0.0
        self._drawn = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        share = min(1.0, done / total) if total else 1.0
        self._share = max(self._share, share)
        if self._share >= 1.0 or time.monotonic() - self._start < self._delay:
            return
        filled = int(self._share * 30)
        bar = f"[{'#' * filled}{'.' * (30 - filled)}] {self._share:4.0%} {stage:<40.40}"
        sys.stderr.write("\r" + bar)
        sys.stderr.flush()
        self._drawn = True

    @property
    def share(self) -> float:
        """The share of the work done so far (0 to 1)."""
        return self._share

    def close(self) -> None:
        if self._drawn:
            sys.stderr.write("\r" + " " * 80 + "\r")
            sys.stderr.flush()


def _config(config_file: str | None, no_config: bool) -> Config:
    from declarediff.config import Config, find_config, load_config

    if no_config:
        return Config()
    path = config_file or find_config()
    return load_config(path) if path else Config()


def _settings(ctx: click.Context, params: dict[str, Any], new: str) -> Settings:
    """The run's settings: defaults, then the configuration file for the new source's
    path, then what the command line gave (its defaults are the settings' defaults)."""
    import attrs

    from declarediff.config import Settings
    from declarediff.read import parse_git_source

    fields = attrs.fields_dict(Settings)
    given = {
        name: value
        for name, value in params.items()
        if name in fields and ctx.get_parameter_source(name) == ParameterSource.COMMANDLINE
    }
    aliases = [
        fmt
        for flag, fmt in (("stat", "stat"), ("side_by_side", "side-by-side"))
        if params.get(flag)
    ]
    if aliases:
        if len(aliases) > 1 or given.get("fmt", aliases[0]) != aliases[0]:
            raise click.UsageError("--stat, --side-by-side and --format choose one format")
        given["fmt"] = aliases[0]
    if given.get("output") == "-":
        given["output"] = None  # standard output, as with other tools
    git = parse_git_source(new)
    return Settings.merge(
        _config(params["config_file"], params["no_config"]), git[1] if git else new, given
    )


def _check_fail_on(_ctx: click.Context, _param: click.Parameter, value: Any) -> tuple[str, ...]:
    from declarediff.config import split_selectors
    from declarediff.rules import valid_selector

    selectors = split_selectors(value or ())
    for selector in selectors:
        if not valid_selector(selector):
            raise click.BadParameter(
                f"{selector!r} is not a severity (error, warning, note), a code (DD101), "
                "a code prefix (DD1) or a name (commitment-dropped)"
            )
    return selectors


def _read_both(sources: Sequence[str], s: Settings) -> list[Any]:
    from declarediff.read import check_encoding, read

    if s.encoding is not None:
        check_encoding(s.encoding)  # before standard input is waited for

    docs = [
        read(src, encoding=s.encoding, fmt=s.from_format, max_bytes=s.max_bytes) for src in sources
    ]
    # The documents live until the process ends: keep the cyclic garbage collector from
    # walking them again and again while the comparison allocates (a large pair holds
    # millions of objects; see docs/performance.md).  Reference counting still frees them.
    gc.freeze()
    for doc in docs:
        if not doc.paragraphs and not s.quiet:
            click.echo(
                f"declarediff: warning: {doc.source}: the document is empty; "
                "comparing it as a document with no paragraphs",
                err=True,
            )
    return docs


def _baseline(s: Settings, findings: tuple[Finding, ...], sources: Sequence[str]) -> Any:
    """Load ``--baseline`` and write ``--write-baseline``: the baseline's entries to apply,
    or None when there is no baseline to apply."""
    from declarediff import baseline as _baseline
    from declarediff.output import write_atomic

    entries = None
    if s.baseline and not (s.write_baseline and not os.path.exists(s.baseline)):
        # (A baseline named in the configuration may not exist yet when it is being written.)
        entries = _baseline.load(s.baseline)
        _kept, suppressed, stale = _baseline.split(findings, entries)
        _note(
            s,
            f"baseline: {len(suppressed)} finding(s) suppressed, {len(stale)} stale "
            f"entr{'y' if len(stale) == 1 else 'ies'}",
        )
    if s.write_baseline:
        text = _baseline.dumps(_baseline.entries_for(findings, keep=entries or ()))
        write_atomic(s.write_baseline, text, inputs=sources)
        _note(s, f"wrote {len(findings)} finding(s) to the baseline {s.write_baseline}")
    return entries


def _exit_code(s: Settings, findings: Sequence[Finding], differ: bool) -> int:
    """1 when a finding matches --fail-on or (with --exit-code) the versions differ."""
    from declarediff.rules import failing

    if s.write_baseline:
        return 0
    gate = failing(findings, s.fail_on)
    if gate:
        _note(s, f"{len(gate)} finding(s) match --fail-on {','.join(s.fail_on)}")
    return 1 if gate or (s.exit_code and differ) else 0


def run_one(old_src: str, new_src: str, s: Settings) -> tuple[Any, str | Iterator[bytes], int]:
    """Compare two sources with settings ``s``: the comparison, the report, the exit code."""
    from declarediff.baseline import apply as apply_baseline
    from declarediff.compare import compare
    from declarediff.read import repo_relative
    from declarediff.report import RenderOptions, render, render_chunks

    old, new = _read_both((old_src, new_src), s)
    bar = _ProgressBar() if _is_tty(sys.stderr) and not s.quiet else None
    try:
        comparison = compare(old, new, options=s.options, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    gc.freeze()  # the comparison too lives until the report is written
    entries = _baseline(s, comparison.findings, (old_src, new_src))
    if entries is not None:
        comparison = apply_baseline(comparison, entries).comparison
    render_options = RenderOptions(
        color=use_color(s.color, s.output is None) and s.fmt in _COLOURED,
        show_all=s.show_all,
        old_uri=repo_relative(old_src),
        new_uri=repo_relative(new_src),
        max_chars=s.markdown_limit,
        width=shutil.get_terminal_size((100, 24)).columns,
    )
    # A format that gives its report in pieces (JSON, HTML) is written piece by piece: a large
    # report is never held whole.
    report: str | Iterator[bytes] = (
        render_chunks(comparison, s.fmt, render_options)
        if RENDERERS.entry(s.fmt).chunks
        else render(comparison, s.fmt, render_options)
    )
    differ = any(p.kind != "equal" for p in comparison.pairs)
    return comparison, report, _exit_code(s, comparison.findings, differ)


def _deliver(report: str | Iterator[bytes], s: Settings, sources: Sequence[str]) -> None:
    """Write the report to ``-o`` or show it (nothing with --quiet)."""
    from declarediff.output import write_atomic

    if s.output is not None:
        write_atomic(s.output, report, inputs=sources)
    elif not s.quiet:
        _show(report, s, use_color(s.color, True) and s.fmt in _COLOURED)


def _guarded(body: Callable[[], int]) -> NoReturn:
    """Run a command's body: library errors become one line and exit 2, Ctrl-C exits 130,
    a reader that goes away (``| head``) ends the run quietly."""
    try:
        code = body()
    except DeclarediffError as e:
        _fail(str(e))
    except KeyboardInterrupt:
        _interrupted()
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            sys.stderr.close()
        code = 0
    sys.exit(code)


class _Path(click.Path):
    """A path argument or option (completed as a file name by the shells) that refuses a
    NUL character with a usage error rather than a traceback (only a Python caller can pass
    one; no command line can)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and "\x00" in value:
            self.fail("contains a NUL character", param, ctx)
        return super().convert(value, param, ctx)


_THRESHOLDS = (
    ("match", MATCH_THRESHOLD, "Least similarity for a paragraph modified in place."),
    ("move", MOVE_THRESHOLD, "Least similarity for a paragraph moved elsewhere."),
    ("split", SPLIT_THRESHOLD, "Least share of a split or merged part found in the other side."),
)


def _common_options(f: Any) -> Any:
    options = [
        click.option(
            "-f",
            "--format",
            "fmt",
            type=click.Choice(RENDERERS.names),
            default="text",
            metavar="FORMAT",
            help=f"Report format: {', '.join(RENDERERS.names)} (default: text).",
        ),
        click.option(
            "--stat", is_flag=True, help="A one-screen summary (the same as --format stat)."
        ),
        click.option(
            "--side-by-side",
            is_flag=True,
            help="Old and new in two columns (the same as --format side-by-side).",
        ),
        click.option(
            "--color",
            type=click.Choice(["auto", "always", "never"]),
            default="auto",
            show_default=True,
            help="Colour the report; auto: a terminal only (NO_COLOR, FORCE_COLOR and "
            "TERM=dumb are honoured).",
        ),
        click.option("--all", "show_all", is_flag=True, help="Show unchanged paragraphs too."),
        click.option(
            "--pager/--no-pager",
            default=True,
            help="Show a report for a terminal through $PAGER (less; the default); never in "
            "pipes or CI.",
        ),
        click.option(
            "-q", "--quiet", is_flag=True, help="Print no report and no notes (errors still)."
        ),
        click.option(
            "--encoding",
            metavar="NAME",
            help="Text encoding of text and HTML inputs (default: UTF-8 or a BOM's; Shift_JIS "
            "and EUC-JP are recognised).",
        ),
        click.option(
            "--from",
            "from_format",
            type=click.Choice(READERS.names),
            default=None,
            metavar="FORMAT",
            help=f"Input format of the sources: {', '.join(READERS.names)} (default: from the "
            "name, else the content).",
        ),
        click.option(
            "--max-bytes",
            type=click.IntRange(1, None),
            default=MAX_BYTES,
            show_default=True,
            metavar="N",
            help="Refuse sources larger than N bytes.",
        ),
        *[
            click.option(
                f"--{name}-threshold",
                type=click.FloatRange(0, 1),
                default=default,
                show_default=True,
                help=text,
            )
            for name, default, text in _THRESHOLDS
        ],
        click.option(
            "--watch",
            "watch",
            multiple=True,
            metavar="PHRASE",
            help="Count PHRASE in both versions (case, width and hyphens ignored); repeatable.",
        ),
        click.option(
            "--fail-on",
            "fail_on",
            multiple=True,
            metavar="SELECTORS",
            callback=_check_fail_on,
            help="Exit 1 when a finding matches: a severity (error, warning, note: that or "
            "worse), a code (DD101), a code prefix (DD1) or a name (commitment-dropped); "
            "comma-separated or repeated.",
        ),
        click.option(
            "--exit-code",
            is_flag=True,
            help="Exit 1 when the versions differ at all, as git diff --exit-code.",
        ),
        click.option(
            "--baseline",
            metavar="FILE",
            type=_Path(dir_okay=False),
            help="Leave out the findings listed in FILE (accepted changes); report stale entries.",
        ),
        click.option(
            "--config",
            "config_file",
            metavar="FILE",
            type=_Path(dir_okay=False),
            help="Read settings from FILE (default: .declarediff.toml or [tool.declarediff] in "
            "pyproject.toml, found from here upward).",
        ),
        click.option("--no-config", is_flag=True, help="Ignore configuration files."),
        click.option(
            "--markdown-limit",
            type=click.IntRange(2_000, None),
            default=MARKDOWN_LIMIT,
            show_default=True,
            metavar="BYTES",
            help="Largest Markdown report; a PR comment takes at most 65536 characters.",
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


_CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 80}


@click.command(cls=_GroupedCommand, context_settings=_CONTEXT, epilog=EXAMPLES)
@click.argument("sources", nargs=-1, metavar="OLD NEW [MORE...]", type=_Path(allow_dash=True))
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    type=_Path(dir_okay=False, allow_dash=True),
    help="Write the report to FILE (atomically) instead of standard output; - is standard output.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, None),
    default=1,
    show_default=True,
    help="Compare the editions of a series in N processes.",
)
@click.option(
    "--write-baseline",
    metavar="FILE",
    type=_Path(dir_okay=False),
    help="Record the current findings in FILE as accepted (keeps hand-written reasons); exit 0.",
)
@_common_options
@click.version_option(__version__, "-V", "--version", prog_name="declarediff")
@click.pass_context
def main(ctx: click.Context, /, sources: tuple[str, ...], **params: Any) -> None:
    """Compare two editions of a policy document, paragraph by paragraph.

    OLD and NEW are paths (text, Markdown, HTML, PDF, DOCX), - for standard
    input, or git:REV:PATH for PATH as of a git revision.  With three or more
    sources, the editions are taken in the order given and every commitment is
    followed through them (a timeline of clauses and editions).  Paragraphs are
    aligned even when moved, split, merged or renumbered, and the words that
    changed are marked.  The report opens with the findings: commitments
    dropped, weakened, strengthened or added, figures changed, watched phrases
    gone, paragraphs deleted or inserted.
    """
    if len(sources) < 2:
        raise click.UsageError(f"expected two sources, OLD and NEW (or more); got {len(sources)}")
    if sources.count("-") > 1:
        raise click.UsageError("only one source can be read from standard input")

    def body() -> int:
        s = _settings(ctx, params, sources[-1])
        if len(sources) > 2:
            return _run_history(sources, s, params["jobs"])
        _comparison, report, code = run_one(sources[0], sources[1], s)
        _deliver(report, s, sources)
        return code

    _guarded(body)


def _run_history(sources: Sequence[str], s: Settings, jobs: int) -> int:
    """Three or more sources: follow every commitment through the editions, in order."""
    import attrs

    from declarediff.baseline import split
    from declarediff.history import history
    from declarediff.report import RenderOptions

    if s.fmt not in TIMELINE_RENDERERS:
        raise click.UsageError(
            f"--format {s.fmt} is for two sources; a series of editions is shown as "
            f"{', '.join(TIMELINE_RENDERERS.names)}"
        )
    docs = _read_both(sources, s)
    if jobs > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            result = history(docs, pool, options=s.options)
    else:
        result = history(docs, options=s.options)
    entries = _baseline(s, result.findings, sources)
    if entries is not None:
        result = attrs.evolve(result, findings=split(result.findings, entries)[0])
    color = use_color(s.color, s.output is None) and s.fmt == "text"
    width = shutil.get_terminal_size((100, 24)).columns
    report = TIMELINE_RENDERERS.get(s.fmt)(result, RenderOptions(color=color, width=width))
    _deliver(report, s, sources)
    differ = any(p.kind != "equal" for comp in result.comparisons for p in comp.pairs)
    return _exit_code(s, result.findings, differ)


# Report formats whose reports, one per file, the hook joins into one document.
_JOINED = ("json", "sarif")


def _join(fmt: str, reports: list[bytes]) -> bytes:
    """One document from the hook's reports: a JSON array of comparisons, or one SARIF log
    with a run per file."""
    import json

    from declarediff import jsontext

    docs = [json.loads(r) for r in reports]
    if fmt == "sarif":
        from declarediff.report.sarif import SARIF_SCHEMA

        runs = [run for d in docs for run in d["runs"]]
        return jsontext.dumps_bytes({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": runs})
    return jsontext.dumps_bytes(docs)


@click.command(cls=_GroupedCommand, context_settings=_CONTEXT)
@click.argument("files", nargs=-1, type=_Path())
@click.option(
    "--rev", default="HEAD", show_default=True, help="Compare each file with its version at REV."
)
@_common_options
@click.version_option(__version__, "-V", "--version", prog_name="declarediff-hook")
@click.pass_context
def hook_main(ctx: click.Context, /, files: tuple[str, ...], rev: str, **params: Any) -> None:
    """Compare each FILE with its version at a git revision (for pre-commit).

    Files that do not exist at the revision (new files) are skipped.  Exits 1
    when a finding of any file matches --fail-on (default: the configuration
    file's fail-on, else error).  With --format json the reports form one JSON
    array (one comparison per file compared); with --format sarif, one SARIF
    log with a run per file.
    """
    from declarediff.errors import NotAtRevisionError

    params = {**params, "output": None}

    chosen = ctx.get_parameter_source("fmt") == ParameterSource.COMMANDLINE
    if not (chosen or params["stat"] or params["side_by_side"]):
        params["fmt"] = "text"  # the hook prints text whatever the configuration's format
        ctx.set_parameter_source("fmt", ParameterSource.COMMANDLINE)
    if params["fmt"] == "html" and len(files) > 1:
        raise click.UsageError("--format html makes one page per comparison: give one file")

    def body() -> int:
        worst = 0
        joined: list[bytes] = []
        fmt = params["fmt"]
        for path in files:
            s = _settings(ctx, params, path)
            if not s.fail_on:
                s = _evolve(s, fail_on=("error",))  # neither the command line nor the file chose
            try:
                _comparison, report, code = run_one(f"git:{rev}:{path}", path, s)
            except NotAtRevisionError:
                continue  # a new file: nothing to compare with
            if fmt in _JOINED:
                joined.append(b"".join(_pieces(report)))
            elif not s.quiet:
                _show(report, _evolve(s, pager=False), False)
            worst = max(worst, code)
        if fmt in _JOINED and not params["quiet"]:
            sys.stdout.flush()
            out = getattr(sys.stdout, "buffer", None)
            data = _join(fmt, joined)
            if out is not None:
                out.write(data)
                out.flush()
            else:
                sys.stdout.write(data.decode("utf-8"))
        return worst

    _guarded(body)


def _evolve(s: Settings, **changes: Any) -> Settings:
    import attrs

    return attrs.evolve(s, **changes)
