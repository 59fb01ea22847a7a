"""Readers for rich formats: each turns a file's bytes into plain text that
:func:`declarediff.parse` understands (blocks separated by blank lines,
``# `` headings, ``- `` bullets, numbered labels kept in front of their text).

Each module exposes ``to_text(data: bytes, source: str) -> str`` and raises
:class:`~declarediff.errors.FormatError` for a corrupt or encrypted file and
:class:`~declarediff.errors.MissingExtraError` when its optional extra is
not installed.  Heavy libraries are imported inside ``to_text`` only.
"""
