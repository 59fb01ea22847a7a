"""Where each input format, report format and timeline format is found.

Registries of one shape: a name, the function that does the work named as
``"module:function"``, and a one-line summary.  Functions are imported the first
time they are used, so the command line can offer the names (``--format``,
``--from``) and answer ``--help`` or ``--version`` without loading the engine.

A new format is one entry here and one module with its function.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple


class Entry(NamedTuple):
    """One format: its name, its function as ``"module:function"``, and a summary.

    A report format may also name a function that gives its output as UTF-8 bytes in
    pieces (``chunks``), for outputs large enough that holding them whole matters.
    """

    name: str
    target: str
    summary: str
    chunks: str = ""

    def load(self, target: str | None = None) -> Callable[..., Any]:
        """The entry's function (or another it names), imported on first use."""
        module, _, attribute = (target or self.target).partition(":")
        function: Callable[..., Any] = getattr(importlib.import_module(module), attribute)
        return function


class Registry:
    """Named entries in a fixed order; ``get`` loads one, ``names`` lists them."""

    def __init__(self, option: str, entries: tuple[Entry, ...]) -> None:
        self.option = option
        self._entries = {e.name: e for e in entries}
        self._loaded: dict[str, Callable[..., Any]] = {}

    @property
    def names(self) -> tuple[str, ...]:
        """The entry names, in order."""
        return tuple(self._entries)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries.values())

    def entry(self, name: str) -> Entry:
        """The entry called ``name``; an unknown name raises ``KeyError`` with the choices."""
        try:
            return self._entries[name]
        except KeyError:
            raise KeyError(
                f"{self.option}: unknown format {name!r} (choose from {', '.join(self.names)})"
            ) from None

    def get(self, name: str) -> Callable[..., Any]:
        """The function of the entry called ``name``, imported on first use."""
        function = self._loaded.get(name)
        if function is None:
            function = self._loaded[name] = self.entry(name).load()
        return function

    def get_chunks(self, name: str) -> Callable[..., Any] | None:
        """The entry's function that gives bytes in pieces, or None when it has none."""
        entry = self.entry(name)
        return entry.load(entry.chunks) if entry.chunks else None


# Input formats: ``to_text(data: bytes, source: str, encoding: str | None) -> str``.
READERS = Registry(
    "--from",
    (
        Entry("text", "declarediff.read:decode", "plain text or Markdown, UTF-8 or --encoding"),
        Entry("html", "declarediff.formats.html:to_text", "HTML: the text of the page's body"),
        Entry("pdf", "declarediff.formats.pdf:to_text", "PDF with a text layer (extra: pdf)"),
        Entry("docx", "declarediff.formats.docx:to_text", "Word .docx (extra: docx)"),
    ),
)

# Report formats of a comparison: ``render(comparison, options) -> str``.
RENDERERS = Registry(
    "--format",
    (
        Entry("text", "declarediff.report.text:render", "the terminal report"),
        Entry(
            "json",
            "declarediff.report.json:render",
            "the JSON contract declarediff/1",
            "declarediff.report.json:render_chunks",
        ),
        Entry("markdown", "declarediff.report.markdown:render", "Markdown, e.g. a PR comment"),
        Entry("sarif", "declarediff.report.sarif:render", "SARIF 2.1.0 for code scanning"),
        Entry("github", "declarediff.report.github:render", "GitHub Actions annotations"),
        Entry("side-by-side", "declarediff.report.side_by_side:render", "two text columns"),
        Entry("stat", "declarediff.report.stat:render", "a one-screen summary, like diff --stat"),
        Entry(
            "html",
            "declarediff.report.html:render",
            "a self-contained HTML page",
            "declarediff.report.html:render_chunks",
        ),
    ),
)

# Report formats of a series of editions: ``render(history, options) -> str``.
TIMELINE_RENDERERS = Registry(
    "--format",
    (
        Entry("text", "declarediff.report.timeline:render_text", "the terminal timeline"),
        Entry("json", "declarediff.report.timeline:render_json", "declarediff-history/1"),
        Entry("markdown", "declarediff.report.timeline:render_markdown", "a Markdown table"),
        Entry("html", "declarediff.report.timeline:render_html", "a self-contained HTML page"),
    ),
)

# What model values become without the model importing the report side (the model sits below
# the renderers): the JSON contracts' records, ``record(value, items=list) -> dict``, and the
# view of a comparison in a notebook, ``view(comparison) -> str``.
VALUES = Registry(
    "value",
    (
        Entry(
            "comparison-record",
            "declarediff.report.contract:comparison",
            "the JSON contract declarediff/1",
        ),
        Entry(
            "history-record",
            "declarediff.report.contract:history",
            "the JSON contract declarediff-history/1",
        ),
        Entry("comparison-html", "declarediff.report.html:fragment", "a notebook's view"),
    ),
)
