"""The ``declarediff`` and ``declarediff-hook`` commands: arguments in, report out, exit code.

No logic lives here: the library reads, compares and renders; this module
turns options and the configuration file into calls, and library errors into
one-line messages.  Exit codes: 0 the comparison ran; 1 a finding matched
``--fail-on``; 2 a usage, input or configuration error.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import click
from click.core import ParameterSource

from declarediff._version import __version__
from declarediff.defaults import MATCH_THRESHOLD, MAX_BYTES, MOVE_THRESHOLD, SPLIT_THRESHOLD
from declarediff.errors import DeclarediffError
from declarediff.registry import READERS, RENDERERS, TIMELINE_RENDERERS

if TYPE_CHECKING:
    from declarediff.config import Config
    from declarediff.model import Comparison

# The engine is imported inside the commands, when a comparison runs: --help and --version
# answer without loading it (see docs/performance.md).

EXAMPLES = """\b
Examples:
  declarediff old.txt new.txt               word-level changes, paragraph by paragraph
  declarediff old.txt new.txt --all         also show unchanged paragraphs
  declarediff old.txt new.txt --format json > diff.json
  cat new.txt | declarediff old.txt -       read the new edition from standard input
  declarediff a.txt b.txt -o report.txt     write the report to a file (atomically)
  declarediff old.txt new.txt --watch "rules-based order" --fail-on error
  declarediff git:origin/main:docs/policy.md docs/policy.md --format sarif -o out.sarif

\b
Exit status: 0 when the comparison ran (and no finding matched --fail-on), 1 when a finding
matched --fail-on, 2 for a usage, input or configuration error.
"""

# Options the configuration file may set: file key -> command parameter name.
_FROM_CONFIG = {
    "watch": "watch",
    "fail-on": "fail_on",
    "format": "fmt",
    "match-threshold": "match_threshold",
    "move-threshold": "move_threshold",
    "split-threshold": "split_threshold",
    "encoding": "encoding",
    "baseline": "baseline",
}


def _fail(message: str) -> None:
    click.echo(f"declarediff: error: {message}", err=True)
    sys.exit(2)


def _use_color(choice: str, output: str | None) -> bool:
    if choice == "always":
        return True
    if choice == "never" or output is not None:
        return False
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(sys.stdout, "isatty", None)
    return bool(isatty and isatty())


def _echo(report: str | Iterator[bytes], color: bool) -> None:
    """Print a report on standard output: text through click, pieces of bytes as they come."""
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


def _stderr_is_tty() -> bool:
    isatty = getattr(sys.stderr, "isatty", None)
    return bool(isatty and isatty())


class _ProgressBar:
    """A one-line progress bar on stderr, drawn only after the work has taken a moment."""

    def __init__(self, delay: float = 0.5) -> None:
        self._start = time.monotonic()
        self._delay = delay
        self._drawn = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if time.monotonic() - self._start < self._delay:
            return
        share = done / total if total else 1.0
        filled = int(share * 30)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {share:4.0%} {stage:<40}")
        sys.stderr.flush()
        self._drawn = True

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


def _settings(
    ctx: click.Context, params: dict[str, Any], config: Config, new: str
) -> dict[str, Any]:
    """Parameters after the configuration file: the command line wins where it was given."""
    from declarediff.read import parse_git_source

    git = parse_git_source(new)
    from_file = config.for_path(git[1] if git else new)
    merged = dict(params)
    for key, name in _FROM_CONFIG.items():
        if key in from_file and ctx.get_parameter_source(name) != ParameterSource.COMMANDLINE:
            merged[name] = from_file[key]
    return merged


def _check_selectors(selectors: Sequence[str]) -> None:
    from declarediff.rules import valid_selector

    for selector in selectors:
        if not valid_selector(selector):
            raise click.BadParameter(
                f"{selector!r} is not a severity (error, warning, note), a code or a name",
                param_hint="--fail-on",
            )


def run_one(
    old_src: str,
    new_src: str,
    s: dict[str, Any],
    *,
    write_baseline: str | None = None,
) -> tuple[Comparison, str | Iterator[bytes], int]:
    """Compare two sources with settings ``s``: the comparison, the report, the exit code."""
    from declarediff import baseline as _baseline
    from declarediff.compare import compare
    from declarediff.config import Options
    from declarediff.output import write_atomic
    from declarediff.read import read, repo_relative
    from declarediff.report import RenderOptions, render, render_chunks
    from declarediff.rules import matches

    read_options: dict[str, Any] = {
        "encoding": s["encoding"],
        "fmt": s["from_format"],
        "max_bytes": s["max_bytes"],
    }
    old = read(old_src, **read_options)
    new = read(new_src, **read_options)
    # The documents live until the process ends: keep the cyclic garbage collector from
    # walking them again and again while the comparison allocates (a large pair holds
    # millions of objects; see docs/performance.md).  Reference counting still frees them.
    gc.freeze()
    for doc in (old, new):
        if not doc.paragraphs:
            click.echo(
                f"declarediff: warning: {doc.source}: the document is empty; "
                "comparing it as a document with no paragraphs",
                err=True,
            )
    options = Options(
        watch=s["watch"],
        match_threshold=s["match_threshold"],
        move_threshold=s["move_threshold"],
        split_threshold=s["split_threshold"],
    )
    bar = _ProgressBar() if _stderr_is_tty() else None
    comparison = compare(old, new, options=options, progress=bar)
    gc.freeze()  # the comparison too lives until the report is written
    if bar is not None:
        bar.close()
    all_findings = comparison.findings
    entries: tuple[_baseline.Entry, ...] = ()
    if s["baseline"] and not (write_baseline and not os.path.exists(s["baseline"])):
        # (A baseline named in the configuration may not exist yet when it is being written.)
        entries = _baseline.load(s["baseline"])
        comparison = _baseline.apply(comparison, entries).comparison
    if write_baseline:
        text = _baseline.dumps(_baseline.entries_for(all_findings, keep=entries))
        write_atomic(write_baseline, text, inputs=(old_src, new_src))
        click.echo(
            f"declarediff: wrote {len(all_findings)} finding(s) to the baseline {write_baseline}",
            err=True,
        )
    fmt = s["fmt"]
    if s["side_by_side"] and fmt == "text":
        fmt = "side-by-side"
    color = _use_color(s["color"], s["output"]) and fmt in ("text", "side-by-side")
    render_options = RenderOptions(
        color=color,
        show_all=s["show_all"],
        old_uri=repo_relative(old_src),
        new_uri=repo_relative(new_src),
        max_chars=s["markdown_limit"],
        width=shutil.get_terminal_size((100, 24)).columns,
    )
    # A format that gives its report in pieces (JSON, HTML) is written piece by piece: a large
    # report is never held whole.
    report: str | Iterator[bytes] = (
        render_chunks(comparison, fmt, render_options)
        if RENDERERS.entry(fmt).chunks
        else render(comparison, fmt, render_options)
    )
    failing = [f for f in comparison.findings if any(matches(f, sel) for sel in s["fail_on"])]
    code = 1 if failing and not write_baseline else 0
    return comparison, report, code


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
            show_default=True,
            help="Output format.",
        ),
        click.option(
            "--color",
            type=click.Choice(["auto", "always", "never"]),
            default="auto",
            show_default=True,
            help="Colour the text report; auto colours only a terminal (and honours NO_COLOR).",
        ),
        click.option("--all", "show_all", is_flag=True, help="Show unchanged paragraphs too."),
        click.option(
            "--side-by-side",
            is_flag=True,
            help="Text report with old and new in two columns (the terminal's width).",
        ),
        click.option(
            "--encoding",
            metavar="NAME",
            help="Encoding of text and HTML inputs (default: UTF-8 or a BOM's; Shift_JIS and "
            "EUC-JP are recognised).",
        ),
        click.option(
            "--from",
            "from_format",
            type=click.Choice(READERS.names),
            default=None,
            help="Input format of both sources (default: from the name, else the content).",
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
            metavar="SEVERITY|CODE|NAME",
            help="Exit 1 when a finding matches: error, warning or note (that severity or "
            "worse), a code (DD101) or a name (commitment-dropped); repeatable.",
        ),
        click.option(
            "--baseline",
            metavar="FILE",
            help="Leave out the findings listed in FILE (accepted changes); report stale entries.",
        ),
        click.option(
            "--config",
            "config_file",
            metavar="FILE",
            help="Read settings from FILE (default: .declarediff.toml or [tool.declarediff] in "
            "pyproject.toml, found from here upward).",
        ),
        click.option("--no-config", is_flag=True, help="Ignore configuration files."),
        click.option(
            "--markdown-limit",
            type=click.IntRange(2_000, None),
            default=1_000_000,
            show_default=True,
            metavar="BYTES",
            help="Largest Markdown report; a PR comment takes at most 65536 characters.",
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


@click.command(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=EXAMPLES,
)
@click.argument("sources", nargs=-1, metavar="OLD NEW [MORE...]")
@click.option("-o", "--output", metavar="FILE", help="Write the report to FILE instead of stdout.")
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
    followed through them (a timeline of clauses and editions).  Paragraphs are aligned even
    when moved, split, merged or renumbered, and the words that changed are
    marked.  The report opens with the findings: commitments dropped,
    weakened, strengthened or added, figures changed, watched phrases gone,
    paragraphs deleted or inserted.
    """
    if len(sources) < 2:
        raise click.UsageError(f"expected two sources, OLD and NEW (or more); got {len(sources)}")
    if sources.count("-") > 1:
        raise click.UsageError("only one source can be read from standard input")
    if len(sources) > 2:
        _run_history(ctx, sources, params)
        return
    from declarediff.output import write_atomic
    from declarediff.rules import matches

    code = 0
    try:
        config = _config(params["config_file"], params["no_config"])
        s = _settings(ctx, params, config, sources[1])
        _check_selectors(s["fail_on"])
        comparison, report, code = run_one(
            sources[0], sources[1], s, write_baseline=params["write_baseline"]
        )
        if s["output"] is not None:
            write_atomic(s["output"], report, inputs=sources)
        else:
            colored = s["fmt"] in ("text", "side-by-side") and _use_color(s["color"], None)
            _echo(report, colored)
        if comparison.baseline_applied:
            click.echo(
                f"declarediff: baseline: {len(comparison.suppressed)} finding(s) suppressed, "
                f"{len(comparison.stale_baseline)} stale entr"
                f"{'y' if len(comparison.stale_baseline) == 1 else 'ies'}",
                err=True,
            )
        if code:
            n = sum(1 for f in comparison.findings if any(matches(f, x) for x in s["fail_on"]))
            click.echo(
                f"declarediff: {n} finding(s) match --fail-on {' '.join(s['fail_on'])}", err=True
            )
    except DeclarediffError as e:
        _fail(str(e))
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as other tools do.
        sys.stderr.close()
    sys.exit(code)


def _run_history(ctx: click.Context, sources: tuple[str, ...], params: dict[str, Any]) -> None:
    """Three or more sources: follow every commitment through the editions, in order."""
    from declarediff.config import Options
    from declarediff.history import history
    from declarediff.output import write_atomic
    from declarediff.read import read
    from declarediff.report import RenderOptions
    from declarediff.rules import matches

    code = 0
    try:
        config = _config(params["config_file"], params["no_config"])
        s = _settings(ctx, params, config, sources[-1])
        _check_selectors(s["fail_on"])
        if s["fmt"] not in TIMELINE_RENDERERS:
            raise click.UsageError(
                f"--format {s['fmt']} is for two sources; a series of editions is shown as "
                f"{', '.join(TIMELINE_RENDERERS.names)}"
            )
        read_options: dict[str, Any] = {
            "encoding": s["encoding"],
            "fmt": s["from_format"],
            "max_bytes": s["max_bytes"],
        }
        docs = [read(src, **read_options) for src in sources]
        options = Options(
            watch=s["watch"],
            match_threshold=s["match_threshold"],
            move_threshold=s["move_threshold"],
            split_threshold=s["split_threshold"],
        )
        jobs = params.get("jobs") or 1
        if jobs > 1:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=jobs) as pool:
                result = history(docs, pool, options=options)
        else:
            result = history(docs, options=options)
        color = _use_color(s["color"], s["output"]) and s["fmt"] == "text"
        width = shutil.get_terminal_size((100, 24)).columns
        report = TIMELINE_RENDERERS.get(s["fmt"])(result, RenderOptions(color=color, width=width))
        if s["output"] is not None:
            write_atomic(s["output"], report, inputs=sources)
        else:
            click.echo(report, nl=False, color=color)
        failing = [f for f in result.findings if any(matches(f, x) for x in s["fail_on"])]
        if failing:
            click.echo(f"declarediff: {len(failing)} finding(s) match --fail-on", err=True)
            code = 1
    except DeclarediffError as e:
        _fail(str(e))
    sys.exit(code)


@click.command(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.argument("files", nargs=-1)
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
    file's fail-on, else error).
    """
    worst = 0
    params.setdefault("output", None)
    try:
        config = _config(params["config_file"], params["no_config"])
        for path in files:
            old = f"git:{rev}:{path}"
            s = _settings(ctx, {**params, "output": None}, config, path)
            if ctx.get_parameter_source("fmt") != ParameterSource.COMMANDLINE:
                s["fmt"] = "text"  # the hook prints a text report whatever the file's format
            if not s["fail_on"]:
                s["fail_on"] = ("error",)  # neither the command line nor the file chose
            _check_selectors(s["fail_on"])
            try:
                _comparison, report, code = run_one(old, path, s)
            except DeclarediffError as e:
                if "no file" in str(e) and "at revision" in str(e):
                    continue  # a new file: nothing to compare with
                raise
            _echo(report, False)
            worst = max(worst, code)
    except DeclarediffError as e:
        _fail(str(e))
    sys.exit(worst)
