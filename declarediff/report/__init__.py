"""Renderers: Comparison -> str, one module per format behind one small protocol.

Renderers are pure: they never print, read files or look at the terminal.
The CLI decides colour and width and passes them in :class:`RenderOptions`.
"""

from __future__ import annotations

from typing import Protocol

from declarediff.errors import OptionError
from declarediff.model import Comparison
from declarediff.registry import RENDERERS
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


def render_bytes(
    comparison: Comparison, format: str = "text", options: RenderOptions | None = None
) -> bytes:
    """:func:`render` as UTF-8 bytes; a format with a bytes writer (JSON) makes no text
    copy of its output on the way."""
    try:
        writer = RENDERERS.get_bytes(format)
    except KeyError as e:
        raise OptionError(str(e.args[0])) from None
    if writer is None:
        return render(comparison, format, options).encode("utf-8")
    data: bytes = writer(comparison, options or RenderOptions())
    return data


__all__ = ["FORMATS", "RENDERERS", "RenderOptions", "Renderer", "render", "render_bytes"]
