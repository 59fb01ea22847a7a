"""The house rules: imports flow one way, and the model is made of plain, hashable values."""

from __future__ import annotations

import ast
import pickle
from pathlib import Path
from typing import Any

import attrs

import declarediff as dd
from declarediff import baseline

from .conftest import FIXTURES

PACKAGE = Path(dd.__file__).resolve().parent

# Each module's layer; a module may import modules of its own layer or below, never above.
# (The package's __init__ is the public facade over all of them and is left out.)
LAYERS: dict[str, int] = {
    # 0: values and plain helpers that import nothing of the engine
    "_version": 0,
    "defaults": 0,
    "errors": 0,
    "registry": 0,
    "jsontext": 0,
    "text": 0,
    "model": 1,
    # 2: reading and parsing
    "parse": 2,
    "read": 2,
    "formats": 2,
    "formats.html": 2,
    "formats.pdf": 2,
    "formats.docx": 2,
    # 3: options and the alignment
    "rules": 3,
    "config": 3,
    "align": 3,
    "inline": 3,
    # 4: the analysis
    "carry": 4,
    "figures": 4,
    "commitments": 4,
    "watch": 4,
    "analyse": 4,
    "compare": 5,
    "history": 5,
    # 6: reports, baselines and output files
    "report.style": 6,
    "report.contract": 6,
    "report.summary": 6,
    "report.records": 6,
    "report": 6,
    "report.text": 6,
    "report.json": 6,
    "report.markdown": 6,
    "report.sarif": 6,
    "report.github": 6,
    "report.side_by_side": 6,
    "report.stat": 6,
    "report.timeline": 6,
    "report.html": 6,
    "baseline": 6,
    "output": 6,
    # 7: the command line
    "cli": 7,
    "__main__": 7,
}
# What renderers may import besides the report side: the model, the finding codes and the
# helpers for text width and JSON.  Never the analysis: what a report shows is computed by
# the analysis and stored in the comparison.
RENDERER_MAY_IMPORT = {"model", "rules", "text", "jsontext", "registry", "errors", "_version"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every declarediff module ``path`` imports, at the top or inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "declarediff":
                found.update(alias.name for alias in node.names)
            elif node.module.startswith("declarediff."):
                found.add(node.module.removeprefix("declarediff."))
        elif isinstance(node, ast.Import):
            found.update(
                a.name.removeprefix("declarediff.")
                for a in node.names
                if a.name.startswith("declarediff.")
            )
    return found


def _modules() -> dict[str, Path]:
    out = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    out.pop("", None)  # the package facade
    return out


def _layer(name: str) -> int:
    while name not in LAYERS and "." in name:
        name = name.rsplit(".", 1)[0]  # a subpackage's modules share its layer
    return LAYERS[name]


def test_every_module_has_a_layer() -> None:
    """A new module is placed deliberately (see docs/architecture.md)."""
    unplaced = [m for m in _modules() if _layer_or_none(m) is None]
    assert not unplaced


def _layer_or_none(name: str) -> int | None:
    try:
        return _layer(name)
    except KeyError:
        return None


def test_no_module_imports_upward() -> None:
    """read -> parse -> align -> analyse -> report -> cli: imports only go down the layers."""
    upward = [
        f"{name} ({_layer(name)}) imports {dep} ({_layer(dep)})"
        for name, path in _modules().items()
        for dep in _imports(path)
        if _layer(dep) > _layer(name)
    ]
    assert not upward


def test_renderers_read_only_the_comparison() -> None:
    """Report modules import the model and plain helpers, never the analysis or the input side."""
    reaching = [
        f"{name} imports {dep}"
        for name, path in _modules().items()
        if name == "report" or name.startswith("report.")
        for dep in _imports(path)
        if dep != "report" and not dep.startswith("report.") and dep not in RENDERER_MAY_IMPORT
    ]
    assert not reaching


def _values(value: Any, seen: set[int]) -> Any:
    """Every attrs value reachable from ``value``."""
    if id(value) in seen:
        return
    seen.add(id(value))
    if attrs.has(type(value)):
        yield value
        for field in attrs.fields(type(value)):
            yield from _values(getattr(value, field.name), seen)
    elif isinstance(value, tuple):
        for item in value:
            yield from _values(item, seen)


def test_every_model_value_hashes_and_pickles() -> None:
    """A comparison with a baseline applied, and a history: every value in them is frozen,
    made of tuples and scalars (no list, no dict), hashes, and pickles to an equal value."""
    old = dd.read(FIXTURES / "en" / "nato-2024.txt")
    new = dd.read(FIXTURES / "en" / "nato-2025.txt")
    c = dd.compare(old, new, watch=("collective defence",))
    entries = (*baseline.entries_for(c.findings[:2]), baseline.Entry("f" * 20, "DD101"))
    applied = baseline.apply(c, entries).comparison
    series = dd.history([dd.read(p) for p in sorted((FIXTURES / "series").glob("*.txt"))])
    kinds = set()
    for root in (applied, series):
        for value in _values(root, set()):
            kinds.add(type(value).__name__)
            for field in attrs.fields(type(value)):
                assert not isinstance(getattr(value, field.name), list | dict | set), (
                    type(value).__name__,
                    field.name,
                )
            hash(value)
    assert {"Comparison", "Baseline", "BaselineEntry", "History", "Lineage", "Change"} <= kinds
    assert hash(applied) == hash(pickle.loads(pickle.dumps(applied)))
    assert pickle.loads(pickle.dumps(series)) == series
