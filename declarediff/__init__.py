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

from declarediff._version import __version__
from declarediff.align import align
from declarediff.compare import compare
from declarediff.config import Options
from declarediff.errors import (
    ConfigError,
    DeclarediffError,
    DecodeError,
    OptionError,
    OutputError,
    SourceError,
)
from declarediff.history import History, Lineage, compare_many, history
from declarediff.inline import diff, for_display, rebuild
from declarediff.model import (
    PAIR_KINDS,
    SCHEMA,
    Comparison,
    Document,
    InlineOp,
    Pair,
    Paragraph,
    Sentence,
    Stats,
)
from declarediff.parse import parse, split_sentences
from declarediff.read import read, read_text
from declarediff.report import FORMATS, RenderOptions, render

__all__ = [
    "FORMATS",
    "PAIR_KINDS",
    "SCHEMA",
    "Comparison",
    "ConfigError",
    "DeclarediffError",
    "DecodeError",
    "Document",
    "History",
    "InlineOp",
    "Lineage",
    "OptionError",
    "Options",
    "OutputError",
    "Pair",
    "Paragraph",
    "RenderOptions",
    "Sentence",
    "SourceError",
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
    "split_sentences",
]
