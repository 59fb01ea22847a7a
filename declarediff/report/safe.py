"""Document text made safe to print on a terminal, in a text file or in a CI log.

A document is data, and so is every string taken from it (its text, labels, title, file name,
finding excerpts).  Printed as it is, such a string could drive the terminal that shows the
report (``ESC ] 52`` writes the clipboard, ``ESC ] 8`` makes links, ``ESC [ 2J`` clears the
screen, ``BEL`` rings, backspace and carriage return overprint what was shown), reorder what is
read (bidirectional controls), or give orders to a CI runner (a log line that begins with
``::`` is a GitHub Actions workflow command, and ``##[`` anywhere in a line the legacy form).

The convention, as ``git`` and ``less`` show control characters (see docs/security.md):

- a C0 control character becomes a caret and a letter: ``^[`` for ESC, ``^G`` for BEL,
  ``^H`` for backspace, ``^M`` for carriage return, ``^@`` for NUL; DEL becomes ``^?``;
- a C1 control character (U+0080 to U+009F) and a bidirectional control (U+202A to U+202E,
  U+2066 to U+2069, U+200E, U+200F, U+061C) becomes its code point: ``<U+009B>``,
  ``<U+202E>``;
- line feed and tab are kept: a line feed is a line break of the report, a tab moves to the
  next tab stop and does nothing else;
- a line that would begin with ``::`` (after white space and colour codes) gets a backslash
  before it (``\\::error``), and ``##[`` becomes ``##\\[``, so that no document line reads as a
  workflow command.

The escapes are printable ASCII, so escaping twice is escaping once (:func:`visible` is
idempotent): a renderer escapes document text before styling it, and escapes the finished
report once more (:func:`terminal`), keeping only the colour codes of
:mod:`declarediff.report.style`.
"""

from __future__ import annotations

import re

# Shown by code point: C1 controls and the bidirectional controls.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Every character a report shows escaped: C0 but line feed and tab, DEL, C1, bidi controls.
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
# The colour codes style.py writes (Select Graphic Rendition), kept in a coloured report.
SGR = re.compile(r"\x1b\[[0-9;]*m")
# In a coloured report: the same, but an ESC that opens a colour code.
_UNSAFE_BUT_SGR = re.compile(f"\x1b(?!\\[[0-9;]*m)|[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f{_BIDI}]")
# A line whose first visible characters are ``::`` (a GitHub Actions workflow command: the
# runner trims leading white space before it looks).
_COMMAND_LINE = re.compile(r"^((?:\x1b\[[0-9;]*m|[^\S\n])*)(?=::)", re.MULTILINE)
# The legacy command form, recognised anywhere in a line.
_LEGACY_COMMAND = "##["


def _escape(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return "^" + chr(code + 0x40)
    if code == 0x7F:
        return "^?"
    return f"<U+{code:04X}>"


def _escape_match(m: re.Match[str]) -> str:
    return _escape(m.group())


def visible(text: str) -> str:
    """``text`` with every control character shown (``^[``, ``<U+202E>``); line feeds and tabs
    kept.  The result contains no C0 control but ``\\n`` and ``\\t``, no C1 control, no bidi
    control; escaping it again changes nothing."""
    return _UNSAFE.sub(_escape_match, text)


def is_safe(text: str) -> bool:
    """True when ``text`` has no character that :func:`visible` would escape."""
    return _UNSAFE.search(text) is None


def no_commands(text: str) -> str:
    """``text`` with no line that a CI runner reads as a workflow command: a line beginning
    with ``::`` (after white space and colour codes) gets a backslash before the ``::``, and
    ``##[`` becomes ``##\\[``.  For text whose control characters are already escaped."""
    if "::" in text:
        text = _COMMAND_LINE.sub(r"\1\\", text)
    if _LEGACY_COMMAND in text:
        text = text.replace(_LEGACY_COMMAND, "##\\[")
    return text


def terminal(report: str, color: bool) -> str:
    """A finished report for a terminal or a text file: every control character escaped
    (but line feeds, tabs and, when ``color``, the colour codes), and no line a CI runner would
    read as a command.  Renderers escape document text before styling it; this is the last
    guard, and a no-op for text already escaped."""
    shown = (_UNSAFE_BUT_SGR if color else _UNSAFE).sub(_escape_match, report)
    return no_commands(shown)
