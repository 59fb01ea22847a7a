"""The JSON contract ``declarediff/1`` (see docs/json.md and docs/schema/)."""

from __future__ import annotations

from collections.abc import Iterator

from declarediff import jsontext
from declarediff.model import Comparison
from declarediff.report.style import RenderOptions


def render(comparison: Comparison, options: RenderOptions, /) -> str:
    """``comparison.to_dict()`` as indented UTF-8 JSON with a final newline."""
    return b"".join(render_chunks(comparison, options)).decode("utf-8")


def render_chunks(comparison: Comparison, options: RenderOptions, /) -> Iterator[bytes]:
    """:func:`render` as UTF-8 bytes in pieces, each list of records encoded one record at
    a time (what the command line writes: the whole record never exists at once)."""
    del options
    return jsontext.chunks(comparison.to_dict(jsontext.Items))
