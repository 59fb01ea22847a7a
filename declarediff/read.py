"""Sources -> text: paths and standard input, with encoding detection.

This is the only module that reads files.  A source is a path, ``-`` for
standard input, or ``git:REV:PATH`` for PATH as of revision REV in the git
repository around the current folder (PATH relative to the current folder).
Without ``encoding`` the bytes must be UTF-8 (with or without
a byte-order mark) or UTF-16/UTF-32 with a byte-order mark; anything else is a
:class:`~declarediff.errors.DecodeError` whose one-line message names the
source and suggests ``--encoding`` (UTF-16 without a byte-order mark is
recognised by its NUL bytes, and the message names the codec to give).

A byte-order mark wins over ``encoding``: the mark is in the file itself,
while ``--encoding`` applies to both sources of a comparison, so an old
edition saved as UTF-16 with a mark and a new one in cp1252 are both read
right with ``--encoding cp1252``.  For the same reason a file without NUL
bytes is not decoded as UTF-16 or UTF-32 (which every line break would give):
it is refused, not turned into mojibake.

The size limit (``max_bytes``) holds before anything is read whole: a file's
size is asked first, standard input is read up to the limit, and a git blob's
size is asked (``git cat-file -s``) before its content is read, with a cap.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import subprocess
import sys
import zipfile
from typing import BinaryIO, Protocol

from declarediff.defaults import MAX_BYTES, MAX_ZIP_MEMBERS
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


def _read_git(
    name: str, rev: str, path: str, cwd: str | None = None, *, max_bytes: int = MAX_BYTES
) -> bytes:
    """PATH as of REV, from the repository around ``cwd`` (PATH relative to ``cwd``).

    The blob's size is asked first and a blob over ``max_bytes`` refused unread; the
    content is then read from git's output with a cap of ``max_bytes + 1`` bytes.
    """
    spec = f"{rev}:{path if os.path.isabs(path) or path.startswith('./') else './' + path}"
    if os.path.isabs(path):
        top = _git(["rev-parse", "--show-toplevel"], name, cwd).decode().strip()
        spec = f"{rev}:{os.path.relpath(path, top)}"
    _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], name, cwd, bad_rev=True)
    if _git_size(spec, name, cwd, path=path, rev=rev) > max_bytes:
        raise _too_big(name, max_bytes)
    return _git_capped(["show", spec], name, cwd, max_bytes, path=path, rev=rev)


def _git_size(spec: str, name: str, cwd: str | None, *, path: str, rev: str) -> int:
    """The size in bytes of the object ``spec`` names (``git cat-file -s``)."""
    out = _git(["cat-file", "-s", spec], name, cwd, path=path, rev=rev)
    try:
        return int(out.strip())
    except ValueError:
        raise SourceError(name, "git gave no size for the file") from None


def _git_capped(
    args: list[str], name: str, cwd: str | None, max_bytes: int, *, path: str, rev: str
) -> bytes:
    """The output of ``git ARGS``, read up to ``max_bytes + 1`` bytes: more is refused."""
    try:
        proc = subprocess.Popen(
            ["git", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    except FileNotFoundError:
        raise SourceError(name, "git is not installed") from None
    assert proc.stdout is not None and proc.stderr is not None
    with proc:
        data = read_capped(proc.stdout, max_bytes)
        if len(data) > max_bytes:
            proc.kill()
            proc.communicate()
            raise _too_big(name, max_bytes)
        try:
            _rest, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise SourceError(name, "git did not answer within 60 s") from None
    if proc.returncode == 0:
        return data
    raise _git_error(err, proc.returncode, name, path=path, rev=rev)


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
    raise _git_error(proc.stderr, proc.returncode, name, bad_rev=bad_rev, path=path, rev=rev)


def _git_error(
    stderr: bytes, code: int, name: str, *, bad_rev: bool = False, path: str = "", rev: str = ""
) -> SourceError:
    """The error for a git command that failed, from the first line it wrote."""
    err = stderr.decode("utf-8", "replace").strip().splitlines()
    first = err[0] if err else f"git exited with {code}"
    if "not a git repository" in first:
        return SourceError(name, "not inside a git repository")
    if bad_rev:
        return SourceError(name, "unknown git revision (no such branch, tag or commit)")
    if "does not exist" in first or "exists on disk, but not in" in first:
        return NotAtRevisionError(name, path, rev)
    return SourceError(name, first.removeprefix("fatal: "))


def _too_big(name: str, max_bytes: int) -> SourceError:
    return SourceError(name, f"larger than {max_bytes:,} bytes (raise the limit with --max-bytes)")


class Readable(Protocol):
    """What :func:`read_capped` reads: anything with ``read(size) -> bytes``."""

    def read(self, size: int, /) -> bytes: ...


# Reads are made in pieces of this size, so that memory follows what a source holds, not the
# cap: ``read(max_bytes + 1)`` reserves the whole cap for a file of a few bytes.
_PIECE = 1 << 20


def read_capped(stream: Readable, max_bytes: int) -> bytes:
    """Up to ``max_bytes + 1`` bytes of ``stream`` (one more than the cap shows a source over
    it), read in pieces of a mebibyte."""
    pieces: list[bytes] = []
    left = max_bytes + 1
    while left > 0:
        piece = stream.read(min(_PIECE, left))
        if not piece:
            break
        pieces.append(piece)
        left -= len(piece)
    return b"".join(pieces)


def read_bytes(
    source: str | os.PathLike[str], stdin: BinaryIO | None = None, *, max_bytes: int = MAX_BYTES
) -> bytes:
    """The raw bytes of a source: a path, ``-`` for standard input, or ``git:REV:PATH``."""
    name = os.fspath(source)
    if "\x00" in name:
        raise SourceError(name.replace("\x00", "\\x00"), "a file name cannot hold a NUL character")
    git = parse_git_source(name)
    if git is not None and not os.path.exists(name):
        return _read_git(name, *git, max_bytes=max_bytes)
    if name == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = read_capped(stream, max_bytes)
        if len(data) > max_bytes:
            raise _too_big("<stdin>", max_bytes)
        return data
    try:
        if os.path.isfile(name) and os.path.getsize(name) > max_bytes:
            raise _too_big(name, max_bytes)
        with open(name, "rb") as fh:
            data = read_capped(fh, max_bytes)
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
    bom_codec = bom_encoding(data)
    if encoding is not None:
        check_encoding(encoding)
    if bom_codec is not None:
        return _decode_as(data, source, bom_codec, hint=False)
    if encoding is not None:
        if _is_wide(encoding) and data and b"\x00" not in data:
            raise DecodeError(
                source,
                f"not {encoding} text (no NUL byte, which every line break would give):"
                " --encoding applies to both sources; a file with a byte-order mark needs none",
            )
        return _decode_as(data, source, encoding, hint=False)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DecodeError(source, binary_problem(data, nul))
    try:
        return _decode_as(data, source, "utf-8", hint=True)
    except DecodeError:
        japanese = _japanese_legacy(data)
        if japanese is None:
            raise
        return _decode_as(data, source, japanese, hint=False)


def bom_encoding(data: bytes) -> str | None:
    """The codec a byte-order mark at the start of ``data`` names, or None."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def _is_wide(encoding: str) -> bool:
    """Whether ``encoding`` is UTF-16 or UTF-32 (of either byte order)."""
    name = codecs.lookup(encoding).name.replace("_", "-")
    return name.startswith(("utf-16", "utf-32"))


def utf16_order(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``data`` looks like UTF-16 without a byte-order
    mark (at least a quarter of the bytes on one side of each pair are NUL, and hardly any on
    the other side: Latin text in UTF-16), and decodes so into text without control
    characters; else None."""
    even, odd = data[0::2], data[1::2]
    if len(odd) < 2:
        return None
    even_nuls, odd_nuls = even.count(0), odd.count(0)
    if odd_nuls * 4 >= len(odd) and even_nuls * 10 <= odd_nuls:
        order = "utf-16-le"
    elif even_nuls * 4 >= len(even) and odd_nuls * 10 <= even_nuls:
        order = "utf-16-be"
    else:
        return None
    try:
        text = data[: len(data) // 2 * 2].decode(order)
    except UnicodeDecodeError:
        return None
    return None if _CONTROL.search(text) else order


# Characters no text file holds: C0 controls but tab, line feed, form feed and carriage return.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def binary_problem(data: bytes, nul: int) -> str:
    """Why bytes with a NUL at ``nul`` (and no byte-order mark) are refused: binary, or
    UTF-16 without a byte-order mark, with the --encoding that reads it."""
    order = utf16_order(data)
    if order is not None:
        return f"looks like UTF-16 without a BOM; name it with --encoding {order}"
    return f"looks like a binary file (NUL byte at offset {nul})"


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
        if data.count(b"PK\x01\x02") > MAX_ZIP_MEMBERS:
            # Too many members to list; the DOCX reader refuses it with the reason.
            return "docx" if b"word/document.xml" in data else "text"
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


# Readers of archives, which take the limit on what the archive expands to (max_bytes).
_EXPANDING = frozenset({"docx"})


def _convert(data: bytes, name: str, fmt: str, encoding: str | None, max_bytes: int) -> str:
    if encoding is not None:
        check_encoding(encoding)
    try:
        reader = READERS.get(fmt)
    except KeyError as e:
        raise OptionError(str(e.args[0])) from None
    if fmt in _EXPANDING:
        return str(reader(data, name, encoding, max_expanded_bytes=max_bytes))
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
    fmt = fmt or detect_format(os.fspath(source), data)
    return _convert(data, name, fmt, encoding, max_bytes)


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
