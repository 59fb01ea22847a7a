"""declarediff: what changed between editions of a policy document.

    >>> import declarediff as dd
    >>> old = dd.parse("1. We commit to 2% of GDP.\\n", source="2024")
    >>> new = dd.parse("1. We commit to 5% of GDP by 2035.\\n", source="2025")
    >>> [p.kind for p in dd.compare(old, new).pairs]
    ['modified']

The flow is read -> parse -> align -> inline -> compare -> report; each step
is a module, and this package exports the public surface listed in
``__all__``.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from declarediff._version import __version__

if TYPE_CHECKING:
    from declarediff.align import align
    from declarediff.compare import compare
    from declarediff.config import Options
    from declarediff.errors import (
        ConfigError,
        DeclarediffError,
        DecodeError,
        FormatError,
        MissingExtraError,
        NotAtRevisionError,
        OptionError,
        OutputError,
        SourceError,
        SourceNotFoundError,
    )
    from declarediff.history import compare_many, history
    from declarediff.inline import diff, for_display, rebuild
    from declarediff.model import (
        PAIR_KINDS,
        SCHEMA,
        Comparison,
        Document,
        History,
        InlineOp,
        Lineage,
        Pair,
        Paragraph,
        Sentence,
        Stats,
    )
    from declarediff.parse import parse, split_sentences
    from declarediff.read import read, read_text
    from declarediff.report import (
        FORMATS,
        TIMELINE_FORMATS,
        RenderOptions,
        render,
        render_chunks,
        render_history,
    )


__all__ = [
    "FORMATS",
    "PAIR_KINDS",
    "SCHEMA",
    "TIMELINE_FORMATS",
    "Comparison",
    "ConfigError",
    "DeclarediffError",
    "DecodeError",
    "Document",
    "FormatError",
    "History",
    "InlineOp",
    "Lineage",
    "MissingExtraError",
    "NotAtRevisionError",
    "OptionError",
    "Options",
    "OutputError",
    "Pair",
    "Paragraph",
    "RenderOptions",
    "Sentence",
    "SourceError",
    "SourceNotFoundError",
    "Stats",
    "__version__",
    "align",
    "compare",
    "compare_many",
    "diff",
    "for_display",
    "history",
    "parse",
    "read",
    "read_text",
    "rebuild",
    "render",
    "render_chunks",
    "render_history",
    "split_sentences",
]

# Each public name and the module that defines it.  The modules are imported the first time a
# name is used, so ``import declarediff`` (and the command line's --help and --version) do not
# load the engine.
_HOMES: dict[str, str] = {
    "FORMATS": "declarediff.report",
    "PAIR_KINDS": "declarediff.model",
    "SCHEMA": "declarediff.model",
    "Comparison": "declarediff.model",
    "ConfigError": "declarediff.errors",
    "DeclarediffError": "declarediff.errors",
    "DecodeError": "declarediff.errors",
    "Document": "declarediff.model",
    "FormatError": "declarediff.errors",
    "MissingExtraError": "declarediff.errors",
    "NotAtRevisionError": "declarediff.errors",
    "History": "declarediff.model",
    "InlineOp": "declarediff.model",
    "Lineage": "declarediff.model",
    "OptionError": "declarediff.errors",
    "Options": "declarediff.config",
    "OutputError": "declarediff.errors",
    "Pair": "declarediff.model",
    "Paragraph": "declarediff.model",
    "RenderOptions": "declarediff.report",
    "Sentence": "declarediff.model",
    "SourceError": "declarediff.errors",
    "SourceNotFoundError": "declarediff.errors",
    "Stats": "declarediff.model",
    "align": "declarediff.align",
    "compare": "declarediff.compare",
    "compare_many": "declarediff.history",
    "diff": "declarediff.inline",
    "for_display": "declarediff.inline",
    "history": "declarediff.history",
    "parse": "declarediff.parse",
    "read": "declarediff.read",
    "read_text": "declarediff.read",
    "rebuild": "declarediff.inline",
    "render": "declarediff.report",
    "render_chunks": "declarediff.report",
    "render_history": "declarediff.report",
    "TIMELINE_FORMATS": "declarediff.report",
    "split_sentences": "declarediff.parse",
}


def _load(name: str) -> Any:
    return getattr(importlib.import_module(_HOMES[name]), name)


class _Package(types.ModuleType):
    """The package, with its public names loaded on first use (PEP 562 style).

    Five functions share their name with the module that defines them (``align``,
    ``compare``, ``history``, ``parse``, ``read``).  Importing such a module sets the
    package attribute of that name to the module; the properties below keep the
    function there, as an eager ``from declarediff.compare import compare`` would.
    """

    def __getattr__(self, name: str) -> Any:
        if name not in _HOMES:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        value = _load(name)
        self.__dict__[name] = value
        return value

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(__all__))


def _function_named_like_its_module(name: str) -> property:
    def get(module: types.ModuleType) -> Any:
        value = module.__dict__.get("_function_" + name)
        if value is None:
            value = module.__dict__["_function_" + name] = _load(name)
        return value

    def set_(module: types.ModuleType, value: Any) -> None:
        if isinstance(value, types.ModuleType) and value.__name__ == f"{__name__}.{name}":
            return  # the import system noting the submodule: keep the function
        module.__dict__["_function_" + name] = value

    return property(get, set_)


for _name in ("align", "compare", "history", "parse", "read"):
    setattr(_Package, _name, _function_named_like_its_module(_name))
del _name
sys.modules[__name__].__class__ = _Package
