"""Renderers: Comparison -> str, one module per format behind one small protocol.

Renderers are pure: they never print, read files or look at the terminal.
The CLI decides colour and width and passes them in :class:`RenderOptions`.
"""

from __future__ import annotations

from typing import Protocol

from declarediff.errors import OptionError
from declarediff.model import Comparison
from declarediff.report import github as _github
from declarediff.report import html as _html
from declarediff.report import json as _json
from declarediff.report import markdown as _markdown
from declarediff.report import sarif as _sarif
from declarediff.report import side_by_side as _side_by_side
from declarediff.report import text as _text
from declarediff.report.style import RenderOptions


class Renderer(Protocol):
    """A function from a comparison to the text of one output format."""

    def __call__(self, comparison: Comparison, options: RenderOptions, /) -> str: ...


RENDERERS: dict[str, Renderer] = {
    "text": _text.render,
    "json": _json.render,
    "markdown": _markdown.render,
    "sarif": _sarif.render,
    "github": _github.render,
    "side-by-side": _side_by_side.render,
    "html": _html.render,
}

FORMATS: tuple[str, ...] = tuple(RENDERERS)


def render(
    comparison: Comparison, format: str = "text", options: RenderOptions | None = None
) -> str:
    """Render ``comparison`` in ``format`` (one of :data:`FORMATS`)."""
    try:
        renderer = RENDERERS[format]
    except KeyError:
        raise OptionError(
            f"--format: unknown format {format!r} (choose from {', '.join(FORMATS)})"
        ) from None
    return renderer(comparison, options or RenderOptions())


__all__ = ["FORMATS", "RENDERERS", "RenderOptions", "Renderer", "render"]
