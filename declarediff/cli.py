"""The ``declarediff`` command: arguments in, report out, exit code.

No logic lives here: the library reads, compares and renders; this module
turns options into calls and library errors into one-line messages.
Exit codes: 0 the comparison ran; 1 a finding matched --fail-on; 2 a usage or input error.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from declarediff._version import __version__
from declarediff.compare import compare
from declarediff.config import Options
from declarediff.errors import DeclarediffError
from declarediff.output import write_atomic
from declarediff.read import read
from declarediff.report import FORMATS, RenderOptions, render
from declarediff.rules import matches, valid_selector

EXAMPLES = """\b
Examples:
  declarediff old.txt new.txt               word-level changes, paragraph by paragraph
  declarediff old.txt new.txt --all         also show unchanged paragraphs
  declarediff old.txt new.txt --format json > diff.json
  cat new.txt | declarediff old.txt -       read the new edition from standard input
  declarediff a.txt b.txt -o report.txt     write the report to a file (atomically)

  declarediff old.txt new.txt --watch "rules-based order" --fail-on error

\b
Exit status: 0 when the comparison ran (and no finding matched --fail-on), 1 when a finding
matched --fail-on, 2 for a usage or input error.
"""


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


@click.command(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=EXAMPLES,
)
@click.argument("sources", nargs=-1, metavar="OLD NEW")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text report; auto colours only a terminal (and honours NO_COLOR).",
)
@click.option("-o", "--output", metavar="FILE", help="Write the report to FILE instead of stdout.")
@click.option("--all", "show_all", is_flag=True, help="Show unchanged paragraphs too.")
@click.option(
    "--encoding", metavar="NAME", help="Encoding of both inputs (default: UTF-8, or a BOM's)."
)
@click.option(
    "--match-threshold",
    type=click.FloatRange(0, 1),
    default=Options().match_threshold,
    show_default=True,
    help="Least similarity for a paragraph modified in place.",
)
@click.option(
    "--move-threshold",
    type=click.FloatRange(0, 1),
    default=Options().move_threshold,
    show_default=True,
    help="Least similarity for a paragraph moved elsewhere.",
)
@click.option(
    "--split-threshold",
    type=click.FloatRange(0, 1),
    default=Options().split_threshold,
    show_default=True,
    help="Least share of a split or merged part found in the other side.",
)
@click.option(
    "--watch",
    "watch",
    multiple=True,
    metavar="PHRASE",
    help="Count PHRASE in both versions (case, width and hyphens ignored); repeatable.",
)
@click.option(
    "--fail-on",
    "fail_on",
    multiple=True,
    metavar="SEVERITY|CODE|NAME",
    help="Exit 1 when a finding matches: error, warning or note (that severity or worse), "
    "a code (DD101) or a name (commitment-dropped); repeatable.",
)
@click.version_option(__version__, "-V", "--version", prog_name="declarediff")
def main(
    sources: tuple[str, ...],
    fmt: str,
    color: str,
    output: str | None,
    show_all: bool,
    encoding: str | None,
    watch: tuple[str, ...],
    fail_on: tuple[str, ...],
    **thresholds: Any,
) -> None:
    """Compare two editions of a policy document, paragraph by paragraph.

    OLD and NEW are paths to text or Markdown files, or - for standard input.
    Paragraphs are aligned even when moved, split, merged or renumbered, and
    the words that changed are marked.  The report opens with the findings:
    commitments dropped, weakened, strengthened or added, figures changed,
    watched phrases gone, paragraphs deleted or inserted.
    """
    if len(sources) != 2:
        raise click.UsageError(f"expected two sources, OLD and NEW; got {len(sources)}")
    if sources.count("-") > 1:
        raise click.UsageError("only one source can be read from standard input")
    for selector in fail_on:
        if not valid_selector(selector):
            raise click.BadParameter(
                f"{selector!r} is not a severity (error, warning, note), a code or a name",
                param_hint="--fail-on",
            )
    code = 0
    try:
        old = read(sources[0], encoding=encoding)
        new = read(sources[1], encoding=encoding)
        comparison = compare(old, new, options=Options(watch=watch, **thresholds))
        use_color = _use_color(color, output) and fmt == "text"
        report = render(comparison, fmt, RenderOptions(color=use_color, show_all=show_all))
        failing = [f for f in comparison.findings if any(matches(f, s) for s in fail_on)]
        code = 1 if failing else 0
        if output is not None:
            write_atomic(output, report, inputs=sources)
        else:
            click.echo(report, nl=False, color=use_color)
        if failing:
            click.echo(
                f"declarediff: {len(failing)} finding(s) match --fail-on {' '.join(fail_on)}",
                err=True,
            )
    except DeclarediffError as e:
        _fail(str(e))
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as other tools do.
        sys.stderr.close()
    sys.exit(code)
