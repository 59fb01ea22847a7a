"""The documentation says what the code does: its numbers, its API, its help and its samples.

Each test reads a claim the docs make in a checkable form and compares it with the code:

- constants: `` `NAME` (value) `` or `` `NAME = value` `` outside code blocks, an option table
  (``| option | default |``) and the class table (``| class | strength |``);
- the API: every name of ``declarediff.__all__`` in docs/api.md, callables with a signature
  span `` `dd.NAME(params)` `` that matches ``inspect.signature``;
- the help blocks of docs/cli.md, against the installed commands' ``--help``;
- command output: a fenced block right after ``<!-- output: declarediff ARGS -->`` is what the
  command prints for ARGS (run from the project root), with ``...`` marking what is left out.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import json
import math
import pkgutil
import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pytest
from click.testing import CliRunner

import declarediff
from declarediff.cli import main
from declarediff.commitments import PRECEDENCE, STRENGTH
from declarediff.config import Options

from .conftest import ROOT

PAGES = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
# Pages whose every ```text and ```json block is command output, so must be marked and checked.
OUTPUT_PAGES = ("README.md", "docs/commitments.md", "docs/history.md")
ELLIPSIS = "..."


def page_id(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def load_tool(name: str) -> ModuleType:
    """A script of tools/ as a module (the one place that says how its output is made)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def prose(text: str) -> str:
    """``text`` without its fenced code blocks (line count kept, for messages)."""
    return re.sub(r"```.*?```", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


# -- (a) constants -----------------------------------------------------------------------

CONSTANT_NAME = r"(?:[a-z_]+\.)*[A-Z][A-Z0-9_]*[A-Z0-9]"
# `NAME` (value)  or  `NAME = value`
CLAIM = re.compile(
    rf"`(?P<name>{CONSTANT_NAME}|[a-z_]+_threshold)`\s+\((?P<value>-?\d[^()`]*)\)"
    rf"|`(?P<name2>{CONSTANT_NAME}|[a-z_]+_threshold) = (?P<value2>-?\d[^`]*)`"
)
BARE = re.compile(rf"`(?P<name>{CONSTANT_NAME})`(?!\s+\()")
NUMBER = re.compile(r"(?P<number>-?\d[\d,_]*(?:\.\d+)?)\s*(?P<unit>%|KiB|MiB|GiB)?")
UNITS = {None: 1, "%": 0.01, "KiB": 1024, "MiB": 1024**2, "GiB": 1024**3}


def engine_modules() -> Iterator[ModuleType]:
    """Every module of the package (formats needing an absent extra are skipped)."""
    yield declarediff
    for info in pkgutil.walk_packages(declarediff.__path__, "declarediff."):
        try:
            yield importlib.import_module(info.name)
        except ImportError:  # pragma: no cover - an optional extra is missing
            continue


def numeric_constants() -> dict[str, dict[str, float]]:
    """Module-level UPPER_CASE numbers: name -> {module: value}, where each is defined."""
    found: dict[str, dict[str, float]] = {}
    for module in engine_modules():
        short = module.__name__.removeprefix("declarediff.")
        for name, value in vars(module).items():
            if not re.fullmatch(r"[A-Z][A-Z0-9_]*", name):
                continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                continue
            found.setdefault(name, {})[short] = value
    return found


CONSTANTS = numeric_constants()


def resolve(name: str) -> tuple[str, float]:
    """The code's value for a name the docs quote, and where it is defined."""
    if name.endswith("_threshold") and "." not in name:
        default = attrs.fields_dict(Options)[name].default
        assert isinstance(default, float), f"`{name}` is not a threshold of Options"
        return f"Options.{name} default", default
    module, _, const = name.removeprefix("declarediff.").rpartition(".")
    places = CONSTANTS.get(const, {})
    if module:
        assert module in places, f"`{name}`: no number {const} in declarediff.{module}"
        return name, places[module]
    assert places, f"`{name}`: no such constant in declarediff (was it renamed or removed?)"
    values = set(places.values())
    assert len(values) == 1, (
        f"`{name}` is defined with different values in {sorted(places)}: "
        "name it with its module (`module.NAME`)"
    )
    return f"{name} ({', '.join(sorted(places))})", values.pop()


def parse_value(text: str) -> float:
    """A number as the docs write it: 0.22, 45%, 10,000, 64 MiB."""
    m = NUMBER.fullmatch(text.strip())
    assert m is not None, f"{text!r} is not a number (write it as 0.5, 50%, 10,000 or 64 MiB)"
    return float(m.group("number").replace(",", "").replace("_", "")) * UNITS[m.group("unit")]


def constant_claims() -> Iterator[tuple[str, int, str, str]]:
    """(page, line, name, value) for every constant the docs quote with its value."""
    for path in PAGES:
        text = prose(path.read_text(encoding="utf-8"))
        for m in CLAIM.finditer(text):
            name = m.group("name") or m.group("name2")
            value = m.group("value") if m.group("name") else m.group("value2")
            yield page_id(path), line_of(text, m.start()), name, value


CLAIMS = list(constant_claims())


def test_docs_quote_constants() -> None:
    """The pages quote the engine's tuning constants in the checkable form at all."""
    names = {name for _page, _line, name, _value in CLAIMS}
    for expected in ("CARRY_SIMILARITY", "NARROWED", "LOOK_BACK", "DP_CELLS", "defaults.MAX_BYTES"):
        assert expected in names, f"no page quotes `{expected}` (value)"


@pytest.mark.parametrize(
    ("page", "line", "name", "value"),
    CLAIMS,
    ids=[f"{page}:{line}:{name}" for page, line, name, _ in CLAIMS],
)
def test_quoted_constant_matches_code(page: str, line: int, name: str, value: str) -> None:
    """A constant quoted as `NAME` (value) or `NAME = value` has that value in the code."""
    where, actual = resolve(name)
    quoted = parse_value(value)
    assert math.isclose(quoted, actual, rel_tol=1e-9), (
        f"{page}:{line}: `{name}` quoted as {value.strip()}, but {where} is {actual}"
    )


def test_constants_are_quoted_with_their_values() -> None:
    """A page that names a numeric constant also gives its value (so the test can check it)."""
    missing = []
    for path in PAGES:
        text = prose(path.read_text(encoding="utf-8"))
        for m in BARE.finditer(text):
            const = m.group("name").rpartition(".")[2]
            if const in CONSTANTS:
                missing.append(f"{page_id(path)}:{line_of(text, m.start())}: `{m.group('name')}`")
    assert not missing, "write `NAME` (value) for: " + ", ".join(missing)


def table_rows(text: str, header: tuple[str, ...]) -> Iterator[list[str]]:
    """The rows of every Markdown table whose first header cells are ``header``."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if tuple(cells[: len(header)]) != header:
            continue
        for row in lines[i + 2 :]:
            if not row.startswith("|"):
                break
            yield [c.strip() for c in row.strip().strip("|").split("|")]


def test_option_tables_give_the_defaults() -> None:
    """Tables of options and defaults (``| option | default |``) give Options' defaults."""
    fields = attrs.fields_dict(Options)
    seen = 0
    for path in PAGES:
        for row in table_rows(path.read_text(encoding="utf-8"), ("option", "default")):
            name = re.match(r"`([a-z_]+)`", row[0])
            assert name is not None and name.group(1) in fields, f"{page_id(path)}: {row[0]}"
            default = fields[name.group(1)].default
            assert isinstance(default, int | float)
            assert math.isclose(parse_value(row[1]), default), f"{page_id(path)}: {row}"
            seen += 1
    assert seen >= 3


def test_class_table_gives_strengths_in_order() -> None:
    """docs/commitments.md's class table lists the classes strongest first, with STRENGTH."""
    doc = (ROOT / "docs" / "commitments.md").read_text(encoding="utf-8")
    rows = [(row[0], int(row[1])) for row in table_rows(doc, ("class", "strength"))]
    assert rows == [(cls, STRENGTH[cls]) for cls in PRECEDENCE]


def test_rule_table_is_generated_from_rules() -> None:
    """docs/commitments.md's rule table is exactly what tools/update_rule_table.py writes."""
    doc = (ROOT / "docs" / "commitments.md").read_text(encoding="utf-8")
    expected = "\n".join(load_tool("update_rule_table").table())
    assert f"\n{expected}\n" in doc, "run `python tools/update_rule_table.py`"


# -- (b) the Python API ------------------------------------------------------------------

API_DOC = ROOT / "docs" / "api.md"
SPAN = re.compile(r"`dd\.(?P<name>\w+)(?P<rest>[^`]*)`")


def api_spans() -> list[tuple[str, str]]:
    """(name, what follows it) for every `dd.NAME...` code span of docs/api.md's prose."""
    text = prose(API_DOC.read_text(encoding="utf-8"))
    return [(m.group("name"), m.group("rest")) for m in SPAN.finditer(text)]


def documented_parameters(params: str) -> ast.arguments | None:
    """The parameter list of a span such as ``(a, b=1, *, c=None)``, or None if it is a call."""
    try:
        tree = ast.parse(f"def f{params}: pass")
    except SyntaxError:
        return None
    func = tree.body[0]
    assert isinstance(func, ast.FunctionDef)
    return func.args


def default_value(node: ast.expr, home: ModuleType) -> Any:
    """A default as the docs write it: a literal, or a name of the defining module."""
    try:
        return ast.literal_eval(node)
    except ValueError:
        return eval(compile(ast.Expression(node), "docs/api.md", "eval"), vars(home))


def signature_problems(name: str, obj: Any, args: ast.arguments) -> list[str]:
    """How a documented parameter list differs from ``inspect.signature(obj)``."""
    real = inspect.signature(obj)
    home = inspect.getmodule(obj) or declarediff
    documented: list[tuple[str, inspect._ParameterKind, ast.expr | None]] = []
    positional = [*args.posonlyargs, *args.args]
    first_default = len(positional) - len(args.defaults)
    for i, arg in enumerate(positional):
        default = args.defaults[i - first_default] if i >= first_default else None
        documented.append((arg.arg, inspect.Parameter.POSITIONAL_OR_KEYWORD, default))
    if args.vararg:
        documented.append((args.vararg.arg, inspect.Parameter.VAR_POSITIONAL, None))
    for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        documented.append((arg.arg, inspect.Parameter.KEYWORD_ONLY, kw_default))
    if args.kwarg:
        documented.append((args.kwarg.arg, inspect.Parameter.VAR_KEYWORD, None))

    problems = []
    names = [p for p, _k, _d in documented]
    if names != list(real.parameters):
        problems.append(f"parameters {names} != {list(real.parameters)}")
        return problems
    for (param, kind, default), actual in zip(documented, real.parameters.values(), strict=True):
        actual_kind = actual.kind
        if actual_kind is inspect.Parameter.POSITIONAL_ONLY:
            actual_kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
        if kind is not actual_kind:
            problems.append(f"{param} is {actual.kind.description}")
        if actual.default is inspect.Parameter.empty:
            if default is not None:
                problems.append(f"{param} has no default")
        elif default is None:
            problems.append(f"{param} defaults to {actual.default!r}")
        elif default_value(default, home) != actual.default:
            problems.append(f"{param} defaults to {actual.default!r}, not {ast.unparse(default)}")
    return [f"dd.{name}: {p}" for p in problems]


def has_signature(obj: Any) -> bool:
    """Whether ``obj`` is called with parameters of its own (functions, attrs classes, errors
    with their own ``__init__``); constants and plain exception classes are only named."""
    if inspect.isfunction(obj):
        return True
    if inspect.isclass(obj):
        if attrs.has(obj):
            return True
        return any(
            "__init__" in vars(k) for k in obj.__mro__ if k.__module__.startswith("declarediff")
        )
    return False


@pytest.mark.parametrize("name", declarediff.__all__)
def test_public_name_is_documented_with_its_signature(name: str) -> None:
    """docs/api.md names every public name; callables with their real parameters."""
    obj = getattr(declarediff, name)
    spans = [rest for found, rest in api_spans() if found == name]
    assert spans, f"docs/api.md never mentions `dd.{name}`"
    if not has_signature(obj):
        return
    signatures = [args for rest in spans if (args := documented_parameters(rest)) is not None]
    assert signatures, f"docs/api.md lacks a signature `dd.{name}{inspect.signature(obj)}`"
    for args in signatures:
        problems = signature_problems(name, obj, args)
        assert not problems, "docs/api.md: " + "; ".join(problems)


def test_api_doc_names_only_public_names() -> None:
    """docs/api.md mentions no `dd.NAME` that the package does not export."""
    stale = sorted({n for n, _rest in api_spans() if n not in declarediff.__all__})
    assert not stale, f"docs/api.md names what declarediff.__all__ lacks: {stale}"


def test_api_doc_gives_constant_values() -> None:
    """docs/api.md's `dd.NAME = value` spans hold the package's values."""
    checked = set()
    for name, rest in api_spans():
        if rest.startswith(" = "):
            assert ast.literal_eval(rest[3:]) == getattr(declarediff, name), f"dd.{name}"
            checked.add(name)
    assert checked >= {"FORMATS", "PAIR_KINDS", "SCHEMA"}


# -- (c) the help blocks of docs/cli.md ---------------------------------------------------

CLI_HELP = load_tool("update_cli_help")


def help_blocks() -> list[tuple[str, str]]:
    """(command, quoted help) for every help block of docs/cli.md."""
    doc = CLI_HELP.DOC.read_text(encoding="utf-8")
    return [
        (m.group("command") or CLI_HELP.DEFAULT_COMMAND, m.group("text"))
        for m in CLI_HELP.BLOCK.finditer(doc)
    ]


def test_cli_doc_has_the_help_blocks() -> None:
    """docs/cli.md quotes `declarediff --help` (and the help of every command it documents)."""
    doc = CLI_HELP.DOC.read_text(encoding="utf-8")
    quoted = {command for command, _text in help_blocks()}
    assert CLI_HELP.DEFAULT_COMMAND in quoted, "docs/cli.md lacks the declarediff help block"
    for script in CLI_HELP.scripts():
        if re.search(rf"`{re.escape(script)}[` ]", doc):
            assert script in quoted, f"docs/cli.md documents {script} without its help block"


HELP_BLOCKS = help_blocks()


# THE CLI HELP DRIFT CHECK.  It fails whenever the command line's options or help text change
# until docs/cli.md is regenerated: run `python tools/update_cli_help.py` and commit docs/cli.md
# with the change.


@pytest.mark.parametrize(
    ("command", "quoted"), HELP_BLOCKS, ids=[command for command, _text in HELP_BLOCKS]
)
def test_cli_help_block_is_current(command: str, quoted: str) -> None:
    """A help block of docs/cli.md is the command's --help, as a 100-column terminal shows it."""
    actual = CLI_HELP.help_text(command)
    assert quoted == actual, (
        f"docs/cli.md's `{command} --help` block is stale: run `python tools/update_cli_help.py`"
    )


def test_help_is_printed_under_the_installed_name() -> None:
    """The help starts with the command's installed name (not click's default, the function)."""
    for script in CLI_HELP.scripts():
        assert CLI_HELP.help_text(script).startswith(f"Usage: {script} ")


# -- (d) command output quoted in the docs ----------------------------------------------

SAMPLE = re.compile(
    r"<!-- output: (?P<command>[^\n]*?) -->\n```(?P<lang>\w+)\n(?P<body>.*?)```", re.S
)
FENCE = re.compile(r"^```(text|json)\n", re.M)


def samples() -> list[tuple[str, int, str, str, str]]:
    """(page, line, command, language, body) of every marked output sample."""
    found = []
    for path in PAGES:
        text = path.read_text(encoding="utf-8")
        for m in SAMPLE.finditer(text):
            found.append(
                (page_id(path), line_of(text, m.start()), m["command"], m["lang"], m["body"])
            )
    return found


SAMPLES = samples()


def test_output_pages_mark_every_sample() -> None:
    """Every ```text and ```json block of the pages that quote output is a checked sample."""
    for page in OUTPUT_PAGES:
        text = (ROOT / page).read_text(encoding="utf-8")
        marked = {m.start("lang") - 3 for m in SAMPLE.finditer(text)}
        for fence in FENCE.finditer(text):
            assert fence.start() in marked, (
                f"{page}:{line_of(text, fence.start())}: a ```{fence.group(1)} block without "
                "<!-- output: declarediff ARGS --> before it"
            )


def run_command(command: str) -> str:
    """What `declarediff ARGS` prints, run from the project root, in a 100-column pipe."""
    args = shlex.split(command)
    assert args[0] == "declarediff", command
    result = CliRunner().invoke(main, args[1:], terminal_width=100, env={"NO_COLOR": "1"})
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def line_matches(quoted: str, actual: str) -> bool:
    """A quoted line is the actual line, or its beginning when it ends with `` ...``."""
    if quoted.endswith(" " + ELLIPSIS) and quoted.strip() != ELLIPSIS:
        head = quoted[: -len(ELLIPSIS) - 1]
        return actual.startswith(head) and len(actual) > len(head)
    return quoted == actual


def text_excerpt_problem(quoted: list[str], actual: list[str]) -> str | None:
    """Why ``quoted`` is not an excerpt of ``actual``: runs of lines that appear in order, each
    run contiguous; a line ``...`` stands for lines left out (none at either end means that
    the sample starts or ends where the output does)."""
    runs: list[list[str]] = [[]]
    for line in quoted:
        if line.strip() == ELLIPSIS:
            runs.append([])
        else:
            runs[-1].append(line)
    anchored_start, anchored_end = bool(runs[0]), bool(runs[-1])
    at = 0
    for k, run in enumerate(runs):
        if not run:
            continue
        starts = [at] if (k == 0 and anchored_start) else range(at, len(actual) - len(run) + 1)
        for start in starts:
            window = actual[start : start + len(run)]
            if len(window) == len(run) and all(map(line_matches, run, window)):
                at = start + len(run)
                break
        else:
            return f"not in the output, in order: {run[0]!r} ... ({len(run)} lines)"
    if anchored_end and at != len(actual):
        return f"the output goes on after the sample: {actual[at]!r}"
    return None


def json_problem(quoted: Any, actual: Any, where: str = "$") -> str | None:
    """Why the quoted JSON does not describe the actual: ``"..."`` is any value, a string
    ending in ``...`` any string that starts so, a list ending in ``"..."`` may go on, and an
    object with the key ``"..."`` may have other keys."""
    if quoted == ELLIPSIS:
        return None
    if isinstance(quoted, str) and quoted.endswith(ELLIPSIS) and isinstance(actual, str):
        head = quoted[: -len(ELLIPSIS)].rstrip()
        return None if actual.startswith(head) else f"{where}: {actual!r} is not {quoted!r}"
    if isinstance(quoted, dict) and isinstance(actual, dict):
        keys = set(quoted) - {ELLIPSIS}
        if ELLIPSIS not in quoted and keys != set(actual):
            return f"{where}: keys {sorted(actual)}, not {sorted(keys)}"
        for key in sorted(keys):
            if key not in actual:
                return f"{where}: no key {key!r}"
            if (problem := json_problem(quoted[key], actual[key], f"{where}.{key}")) is not None:
                return problem
        return None
    if isinstance(quoted, list) and isinstance(actual, list):
        open_ended = bool(quoted) and quoted[-1] == ELLIPSIS
        items = quoted[:-1] if open_ended else quoted
        if len(actual) < len(items) or (not open_ended and len(actual) != len(items)):
            return f"{where}: {len(actual)} items, not {len(items)}"
        for i, (q, a) in enumerate(zip(items, actual, strict=False)):
            if (problem := json_problem(q, a, f"{where}[{i}]")) is not None:
                return problem
        return None
    return None if quoted == actual else f"{where}: {actual!r}, not {quoted!r}"


def test_samples_are_marked() -> None:
    """Some output is quoted where the pages promise it (the marker did not go missing)."""
    pages = {page for page, *_ in SAMPLES}
    assert {"README.md", "docs/commitments.md", "docs/history.md"} <= pages


@pytest.mark.parametrize(
    ("page", "line", "command", "lang", "body"),
    SAMPLES,
    ids=[f"{page}:{line}" for page, line, *_ in SAMPLES],
)
def test_output_sample_is_current(
    page: str, line: int, command: str, lang: str, body: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sample of command output in the docs is what the command prints now."""
    monkeypatch.chdir(ROOT)
    actual = run_command(command)
    if lang == "json":
        problem = json_problem(json.loads(body), json.loads(actual))
    else:
        quoted = body.splitlines()
        if quoted and quoted[0].startswith("$ "):
            assert quoted[0] == f"$ {command}", f"{page}:{line}: the $ line is not the command"
            quoted = quoted[1:]
        problem = text_excerpt_problem(quoted, actual.rstrip("\n").splitlines())
    assert problem is None, f"{page}:{line}: {problem} (the sample is stale: `{command}`)"
