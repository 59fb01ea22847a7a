"""Renderers: Comparison -> str, one module per format behind one small protocol.

Renderers are pure: they never print, read files or look at the terminal.
The CLI decides colour and width and passes them in :class:`RenderOptions`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from declarediff.errors import OptionError
from declarediff.model import Comparison, History
from declarediff.registry import RENDERERS, TIMELINE_RENDERERS
from declarediff.report.style import RenderOptions


class Renderer(Protocol):
    """A function from a comparison to the text of one output format."""

    def __call__(self, comparison: Comparison, options: RenderOptions, /) -> str: ...


# The report formats, in the order --help lists them (see declarediff.registry).
FORMATS: tuple[str, ...] = RENDERERS.names


def render(
    comparison: Comparison, format: str = "text", options: RenderOptions | None = None
) -> str:
    """Render ``comparison`` in ``format`` (one of :data:`FORMATS`)."""
    try:
        renderer: Renderer = RENDERERS.get(format)
    except KeyError as e:
        raise OptionError(str(e.args[0])) from None
    return renderer(comparison, options or RenderOptions())


def render_chunks(
    comparison: Comparison, format: str = "text", options: RenderOptions | None = None
) -> Iterator[bytes]:
    """:func:`render` as UTF-8 bytes in pieces.  JSON encodes its records one at a time and
    HTML writes its document view a row at a time, so that a large report is never held
    whole; other formats come as one piece."""
    try:
        writer = RENDERERS.get_chunks(format)
    except KeyError as e:
        raise OptionError(str(e.args[0])) from None
    if writer is None:
        return iter((render(comparison, format, options).encode("utf-8"),))
    pieces: Iterator[bytes] = writer(comparison, options or RenderOptions())
    return pieces


def render_history(
    history: History, format: str = "text", options: RenderOptions | None = None
) -> str:
    """Render a series of editions in ``format``: one of ``text``, ``json``
    (``declarediff-history/1``), ``markdown`` or ``html`` (:data:`TIMELINE_FORMATS`)."""
    try:
        renderer = TIMELINE_RENDERERS.get(format)
    except KeyError as e:
        raise OptionError(str(e.args[0])) from None
    text: str = renderer(history, options or RenderOptions())
    return text


# The formats of a series of editions, in the order --help lists them.
TIMELINE_FORMATS: tuple[str, ...] = TIMELINE_RENDERERS.names

__all__ = [
    "FORMATS",
    "RENDERERS",
    "TIMELINE_FORMATS",
    "RenderOptions",
    "Renderer",
    "render",
    "render_chunks",
    "render_history",
]
