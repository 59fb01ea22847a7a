"""Sources -> text: paths and standard input, with encoding detection.

This is the only module that reads files.  A source is a path, ``-`` for
standard input, or ``git:REV:PATH`` for PATH as of revision REV in the git
repository around the current folder (PATH relative to the current folder).
Without ``encoding`` the bytes must be UTF-8 (with or without
a byte-order mark) or UTF-16/UTF-32 with a byte-order mark; anything else is a
:class:`~declarediff.errors.DecodeError` whose one-line message names the
source and suggests ``--encoding``.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import subprocess
import sys
import zipfile
from typing import BinaryIO

from declarediff.defaults import MAX_BYTES
from declarediff.errors import (
    DecodeError,
    NotAtRevisionError,
    OptionError,
    SourceError,
    SourceNotFoundError,
)
from declarediff.model import Document
from declarediff.parse import parse
from declarediff.registry import READERS

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def source_name(source: str | os.PathLike[str]) -> str:
    """How a source is named in reports and errors."""
    name = os.fspath(source)
    return "<stdin>" if name == "-" else name


GIT_PREFIX = "git:"


def parse_git_source(name: str) -> tuple[str, str] | None:
    """``git:REV:PATH`` -> (REV, PATH); anything else -> None."""
    if not name.startswith(GIT_PREFIX):
        return None
    rest = name[len(GIT_PREFIX) :]
    rev, sep, path = rest.partition(":")
    if not sep or not rev or not path:
        return None
    return rev, path


def _read_git(name: str, rev: str, path: str, cwd: str | None = None) -> bytes:
    """PATH as of REV, from the repository around ``cwd`` (PATH relative to ``cwd``)."""
    spec = f"{rev}:{path if os.path.isabs(path) or path.startswith('./') else './' + path}"
    if os.path.isabs(path):
        top = _git(["rev-parse", "--show-toplevel"], name, cwd).decode().strip()
        spec = f"{rev}:{os.path.relpath(path, top)}"
    _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], name, cwd, bad_rev=True)
    return _git(["show", spec], name, cwd, path=path, rev=rev)


def _git(
    args: list[str],
    name: str,
    cwd: str | None,
    *,
    bad_rev: bool = False,
    path: str = "",
    rev: str = "",
) -> bytes:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=60)
    except FileNotFoundError:
        raise SourceError(name, "git is not installed") from None
    except subprocess.TimeoutExpired:
        raise SourceError(name, "git did not answer within 60 s") from None
    if proc.returncode == 0:
        return proc.stdout
    err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    first = err[0] if err else f"git exited with {proc.returncode}"
    if "not a git repository" in first:
        raise SourceError(name, "not inside a git repository")
    if bad_rev:
        raise SourceError(name, "unknown git revision (no such branch, tag or commit)")
    if "does not exist" in first or "exists on disk, but not in" in first:
        raise NotAtRevisionError(name, path, rev)
    raise SourceError(name, first.removeprefix("fatal: "))


def _too_big(name: str, max_bytes: int) -> SourceError:
    return SourceError(name, f"larger than {max_bytes:,} bytes (raise the limit with --max-bytes)")


def read_bytes(
    source: str | os.PathLike[str], stdin: BinaryIO | None = None, *, max_bytes: int = MAX_BYTES
) -> bytes:
    """The raw bytes of a source: a path, ``-`` for standard input, or ``git:REV:PATH``."""
    name = os.fspath(source)
    git = parse_git_source(name)
    if git is not None and not os.path.exists(name):
        data = _read_git(name, *git)
        if len(data) > max_bytes:
            raise _too_big(name, max_bytes)
        return data
    if name == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise _too_big("<stdin>", max_bytes)
        return data
    try:
        if os.path.isfile(name) and os.path.getsize(name) > max_bytes:
            raise _too_big(name, max_bytes)
        with open(name, "rb") as fh:
            data = fh.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise _too_big(name, max_bytes)
        return data
    except SourceError:
        raise
    except FileNotFoundError:
        raise SourceNotFoundError(name, "no such file") from None
    except IsADirectoryError:
        raise SourceError(name, "is a directory, not a file") from None
    except PermissionError:
        raise SourceError(name, "permission denied") from None
    except OSError as e:
        raise SourceError(name, (e.strerror or str(e)).lower()) from None


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode a source's bytes to text (see the module docstring for the rules)."""
    if encoding is not None:
        check_encoding(encoding)
        return _decode_as(data, source, encoding, hint=False)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, source, codec, hint=False)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DecodeError(source, f"looks like a binary file (NUL byte at offset {nul})")
    try:
        return _decode_as(data, source, "utf-8", hint=True)
    except DecodeError:
        japanese = _japanese_legacy(data)
        if japanese is None:
            raise
        return _decode_as(data, source, japanese, hint=False)


_KANA = re.compile("[\u3040-\u30ff]")
_JAPANESE = re.compile("[\u3000-\u30ff\u4e00-\u9fff\uff01-\uff5e]")


def _japanese_legacy(data: bytes) -> str | None:
    """Shift_JIS (cp932) or EUC-JP, when the bytes decode as one of them into plausible
    Japanese: most non-ASCII characters Japanese, and kana among them (mojibake of a Latin
    legacy encoding has none).  None when neither fits."""
    best: tuple[float, str] | None = None
    for codec in ("cp932", "euc_jp"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        wide = [ch for ch in text if ord(ch) > 0x7F]
        if not wide:
            continue
        japanese = sum(1 for ch in wide if _JAPANESE.match(ch)) / len(wide)
        kana = sum(1 for ch in wide if _KANA.match(ch)) / len(wide)
        if japanese >= 0.9 and kana >= 0.1 and (best is None or japanese + kana > best[0]):
            best = (japanese + kana, codec)
    return best[1] if best else None


def _decode_as(data: bytes, source: str, codec: str, hint: bool) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as e:
        bad = data[e.start : e.start + 1].hex()
        label = "UTF-8" if codec == "utf-8" else codec
        advice = "; name its encoding with --encoding (e.g. --encoding cp1252)" if hint else ""
        raise DecodeError(
            source, f"not valid {label} text (byte 0x{bad} at offset {e.start}){advice}"
        ) from None
    nul = text.find("\x00")
    if nul >= 0:
        raise DecodeError(source, f"looks like a binary file (NUL character at offset {nul})")
    return text.lstrip("\ufeff")


# Input formats (see declarediff.registry), and the file name endings that select them.
INPUT_FORMATS = READERS.names
_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".rst": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}


def detect_format(name: str, data: bytes) -> str:
    """The format of a source: from its name's ending, else from its first bytes."""
    git = parse_git_source(name)
    path = git[1] if git is not None else name
    ext = os.path.splitext(path)[1].lower()
    if ext in _EXTENSIONS:
        return _EXTENSIONS[ext]
    head = data[:1024].lstrip().lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                if "word/document.xml" in z.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            pass
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:200]:
        return "html"
    return "text"


def check_encoding(encoding: str) -> str:
    """``encoding`` if it names a text encoding; an OptionError otherwise (an unknown name,
    or a codec that is not a text encoding, such as ``base64``, ``zlib`` or ``rot13``)."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise OptionError(f"--encoding: unknown encoding {encoding!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise OptionError(f"--encoding: {encoding!r} is not a text encoding") from None
    return encoding


def _convert(data: bytes, name: str, fmt: str, encoding: str | None) -> str:
    if encoding is not None:
        check_encoding(encoding)
    try:
        reader = READERS.get(fmt)
    except KeyError as e:
        raise OptionError(str(e.args[0])) from None
    return str(reader(data, name, encoding))


def read_text(
    source: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    stdin: BinaryIO | None = None,
    fmt: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> str:
    """The text of a source (a path, ``-`` or ``git:REV:PATH``) in any input format.

    ``fmt`` (text, html, pdf, docx) overrides detection from the name and content.
    A source over ``max_bytes`` is refused.
    """
    name = source_name(source)
    data = read_bytes(source, stdin, max_bytes=max_bytes)
    return _convert(data, name, fmt or detect_format(os.fspath(source), data), encoding)


def read(
    source: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    stdin: BinaryIO | None = None,
    fmt: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Document:
    """Read and parse a source into a :class:`~declarediff.model.Document`."""
    text = read_text(source, encoding=encoding, stdin=stdin, fmt=fmt, max_bytes=max_bytes)
    return parse(text, source=source_name(source))


def repo_relative(source: str, cwd: str | None = None) -> str | None:
    """How a source is named relative to the root of the git repository around ``cwd``.

    ``git:REV:PATH`` and plain paths inside the repository give a POSIX path
    from the root (what SARIF and GitHub annotations need); ``-``, paths
    outside a repository and failures of git give None.
    """
    if source == "-":
        return None
    git = parse_git_source(source)
    path = git[1] if git is not None and not os.path.exists(source) else source
    here = os.path.abspath(cwd or os.getcwd())
    try:
        proc = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=here,
            capture_output=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0:
        return None
    top = proc.stdout.decode("utf-8", "replace").strip()
    full = os.path.realpath(os.path.join(here, path))
    rel = os.path.relpath(full, os.path.realpath(top))
    if rel.startswith(".."):
        return None
    return rel.replace(os.sep, "/")
