"""The JSON contract ``declarediff/1`` (see docs/json.md and docs/schema/)."""

from __future__ import annotations

from declarediff import jsontext
from declarediff.model import Comparison
from declarediff.report.style import RenderOptions


def render(comparison: Comparison, options: RenderOptions, /) -> str:
    """``comparison.to_dict()`` as indented UTF-8 JSON with a final newline."""
    return render_bytes(comparison, options).decode("utf-8")


def render_bytes(comparison: Comparison, options: RenderOptions, /) -> bytes:
    """:func:`render` as UTF-8 bytes (what the command line writes: no text copy)."""
    del options
    return jsontext.dumps_bytes(comparison.to_dict())
