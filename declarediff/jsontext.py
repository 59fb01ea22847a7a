"""Indented JSON text: the bytes of ``json.dumps(obj, ensure_ascii=False, indent=2)``.

Every JSON output of declarediff (the comparison, SARIF, the timeline, a baseline)
is written by :func:`dumps`.  The standard library's encoder runs in pure Python
when it indents, and at 20,000 paragraphs that took 13 s of a 100 s run; orjson
(a dependency) writes the same bytes about twenty times faster (see
docs/performance.md).  Without orjson the standard library is used, so the output
does not depend on which one ran; tests compare the two.
"""

from __future__ import annotations

import json
from typing import Any

try:
    import orjson
except ImportError:  # pragma: no cover - orjson is a dependency; this is a fallback
    orjson = None  # type: ignore[assignment]


_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE if orjson is not None else 0


def dumps(obj: Any) -> str:
    """``obj`` as JSON text indented by two spaces, with a final newline.

    Keys keep their insertion order.  Values must be JSON types (dicts with string
    keys, lists, tuples, strings, ints, finite floats, booleans, None).
    """
    return dumps_bytes(obj).decode("utf-8")


def dumps_bytes(obj: Any) -> bytes:
    """:func:`dumps` as UTF-8 bytes, ready to write (no text copy of a large output)."""
    if orjson is not None:
        try:
            return orjson.dumps(obj, option=_OPTIONS)
        except TypeError:
            pass  # a value orjson does not take (an int above 64 bits): the standard library
    return stdlib_dumps(obj).encode("utf-8")


def stdlib_dumps(obj: Any) -> str:
    """:func:`dumps` by the standard library alone (the reference the tests compare with)."""
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
