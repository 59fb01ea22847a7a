"""The JSON contract ``declarediff/1`` (see docs/json.md and docs/schema/)."""

from __future__ import annotations

from declarediff import jsontext
from declarediff.model import Comparison
from declarediff.report.style import RenderOptions


def render(comparison: Comparison, options: RenderOptions, /) -> str:
    """``comparison.to_dict()`` as indented UTF-8 JSON with a final newline."""
    del options
    return jsontext.dumps(comparison.to_dict())
