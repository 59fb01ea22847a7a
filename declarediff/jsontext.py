"""Indented JSON text: the bytes of ``json.dumps(obj, ensure_ascii=False, indent=2)``.

Every JSON output of declarediff (the comparison, SARIF, the timeline, a baseline)
is written by :func:`dumps`.  The standard library's encoder runs in pure Python
when it indents, and at 20,000 paragraphs that took 13 s of a 100 s run; orjson
(a dependency) writes the same bytes about twenty times faster (see
docs/performance.md).  Without orjson the standard library is used, so the output
does not depend on which one ran; tests compare the two.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator
from typing import Any

try:
    import orjson
except ImportError:  # pragma: no cover - orjson is a dependency; this is a fallback
    orjson = None  # type: ignore[assignment]


_INDENT = orjson.OPT_INDENT_2 if orjson is not None else 0
_NEWLINE = orjson.OPT_APPEND_NEWLINE if orjson is not None else 0


def dumps(obj: Any) -> str:
    """``obj`` as JSON text indented by two spaces, with a final newline.

    Keys keep their insertion order.  Values must be JSON types (dicts with string
    keys, lists, tuples, strings, ints, finite floats, booleans, None).
    """
    return dumps_bytes(obj).decode("utf-8")


def dumps_bytes(obj: Any) -> bytes:
    """:func:`dumps` as UTF-8 bytes, ready to write (no text copy of a large output)."""
    return _encode(obj, newline=True)


def _encode(obj: Any, newline: bool) -> bytes:
    """``obj`` indented by two spaces as UTF-8 bytes, with or without a final newline: by
    orjson, or by the standard library for a value orjson does not take (an int above
    64 bits) and where orjson is missing."""
    if orjson is not None:
        with contextlib.suppress(TypeError):
            return orjson.dumps(obj, option=_INDENT | (_NEWLINE if newline else 0))
    text = json.dumps(obj, ensure_ascii=False, indent=2)
    return (text + "\n" if newline else text).encode("utf-8")


def stdlib_dumps(obj: Any) -> str:
    """:func:`dumps` by the standard library alone (the reference the tests compare with)."""
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


class Items:
    """A JSON array whose elements come from an iterable, encoded one at a time by
    :func:`chunks` (the whole array is never held).  An element is a value encoded whole,
    an ``Items``, or a dict with ``Items`` among its own values (a paragraph's sentences),
    walked in turn."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


def chunks(obj: Any) -> Iterator[bytes]:
    """``obj`` as the bytes :func:`dumps_bytes` gives, in pieces: dicts are walked, and
    :class:`Items` are encoded element by element (each element, like any other value, by
    the encoder, then indented to its depth: JSON strings never hold a raw newline)."""
    yield from _value_chunks(obj, 0)
    yield b"\n"


def _holds_items(value: Any) -> bool:
    return isinstance(value, Items) or (
        isinstance(value, dict) and any(_holds_items(v) for v in value.values())
    )


def _value_chunks(value: Any, depth: int) -> Iterator[bytes]:
    if isinstance(value, Items):
        yield from _array_chunks(value.items, depth)
    elif isinstance(value, dict) and _holds_items(value):
        yield from _object_chunks(value, depth)
    else:
        yield _plain(value, depth)


def _object_chunks(obj: dict[str, Any], depth: int) -> Iterator[bytes]:
    pad = b"  " * (depth + 1)
    yield b"{"
    for k, (key, value) in enumerate(obj.items()):
        yield (b",\n" if k else b"\n") + pad + _plain(key, 0) + b": "
        yield from _value_chunks(value, depth + 1)
    yield b"\n" + b"  " * depth + b"}"


def _array_chunks(items: Iterable[Any], depth: int) -> Iterator[bytes]:
    pad = b"  " * (depth + 1)
    empty = True
    for item in items:
        yield (b"[\n" if empty else b",\n") + pad
        if isinstance(item, Items):
            yield from _array_chunks(item.items, depth + 1)
            continue
        try:  # a record: encoded whole (the encoders refuse one that holds Items)
            piece = _plain(item, depth + 1)
        except TypeError:
            if not isinstance(item, dict):
                raise
            yield from _object_chunks(item, depth + 1)
        else:
            yield piece
        empty = False
    yield b"[]" if empty else b"\n" + b"  " * depth + b"]"


def _plain(value: Any, depth: int) -> bytes:
    """One value, indented as if it stood at ``depth``."""
    data = _encode(value, newline=False)
    return data.replace(b"\n", b"\n" + b"  " * depth) if depth else data
