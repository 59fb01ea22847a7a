"""Writing output files: atomically, never over an input, and never replacing a special file.

What ``path`` names decides how it is written:

- a regular file, or a new one: through a temporary file in the same folder and a rename, so a
  reader never sees half a report and a failed write leaves the previous file as it was;
- a symbolic link: the file it points to is written that way, and the link is kept;
- a FIFO or a character device (``/dev/null``, a terminal), or a name of one of the process's
  own file descriptors (``/dev/stdout``, ``/dev/stderr``, ``/dev/fd/N``, ``/proc/self/fd/N``):
  written directly, as a shell's ``>`` would, never replaced by a regular file;
- anything else (a directory, a socket, a block device): refused with an :class:`OutputError`.

A path that is, or that resolves to, one of the inputs is refused.  No temporary file is left
behind when a write fails.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Iterable

from declarediff.errors import OutputError

# Names of the process's own file descriptors: written directly, whatever they point to.
_FD_ALIAS = re.compile(r"/dev/(?:stdin|stdout|stderr|fd/\d+)|/proc/(?:self|thread-self|\d+)/fd/\d+")


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def _mode_for(target: str) -> int:
    """The existing file's permissions, or what a new file gets under the umask."""
    try:
        return os.stat(target).st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _reason(e: OSError) -> str:
    return (e.strerror or str(e)).lower()


def _kind(mode: int) -> str:
    """What a file that is not written is, in words."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a regular file"


def as_pieces(text: str | bytes | Iterable[bytes]) -> Iterable[bytes]:
    """A report as pieces of bytes: a string as UTF-8, bytes as one piece, pieces as they are."""
    if isinstance(text, str):
        return (text.encode("utf-8"),)
    if isinstance(text, bytes):
        return (text,)
    return text


def _write_all(fd: int, pieces: Iterable[bytes]) -> None:
    for piece in pieces:
        view = memoryview(piece)
        while view:
            view = view[os.write(fd, view) :]


def _write_direct(target: str, pieces: Iterable[bytes], append: bool) -> None:
    """Write to a FIFO, a character device or a file descriptor's name, as ``>`` would (a
    regular file behind a descriptor's name is appended to, not truncated)."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | (os.O_APPEND if append else 0)
    try:
        fd = os.open(target, flags)
    except OSError as e:
        raise OutputError(f"{target}: {_reason(e)}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or (append and stat.S_ISREG(mode))):
            raise OutputError(f"{target}: refusing to write: {_kind(mode)}")
        _write_all(fd, pieces)
    except OSError as e:
        if isinstance(e, OutputError):
            raise
        raise OutputError(f"{target}: {_reason(e)}") from None
    finally:
        os.close(fd)


def _write_replacing(target: str, shown: str, pieces: Iterable[bytes]) -> None:
    """Write ``target`` (a regular file, or a new one) through a temporary file and a rename;
    errors name ``shown`` (the path as the user gave it)."""
    folder = os.path.dirname(os.path.abspath(target))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".declarediff-", suffix=".tmp", dir=folder)
    except OSError as e:
        raise OutputError(f"{shown}: cannot write here ({_reason(e)})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.writelines(pieces)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise OutputError(f"{shown}: {_reason(e)}") from None
        raise


def write_atomic(
    path: str | os.PathLike[str], text: str | bytes | Iterable[bytes], inputs: Iterable[str] = ()
) -> None:
    """Write ``text`` (a string as UTF-8; bytes, or pieces of bytes, as they are) to ``path``.

    A regular file (or a new one) is written through a temporary file and a rename: a reader
    never sees a half-written file, and an interrupted write leaves the previous file as it
    was.  A symbolic link is followed and the file it points to written so, the link kept.  A
    FIFO, a character device (``/dev/null``) or ``/dev/stdout`` is written directly.  Any other
    kind of file, and a path that is (or points to) one of ``inputs``, is an
    :class:`OutputError`.  No temporary file is left behind on failure.
    """
    target = os.fspath(path)
    try:
        mode: int | None = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None  # a new file (or a link to one not there yet)
    except OSError as e:
        raise OutputError(f"{target}: {_reason(e)}") from None
    stream = mode is not None and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode))
    if not stream:  # writing to a FIFO or a device overwrites nothing
        for source in inputs:
            if source != "-" and _same_file(target, source):
                raise OutputError(f"{target}: refusing to overwrite an input file")
    pieces = as_pieces(text)
    if _FD_ALIAS.fullmatch(os.path.abspath(target)):
        _write_direct(target, pieces, append=True)
    elif stream:
        _write_direct(target, pieces, append=False)
    elif mode is not None and not stat.S_ISREG(mode):
        raise OutputError(f"{target}: refusing to write: {_kind(mode)}")
    else:
        # Through any symbolic links to the file itself, so that the link is kept.
        _write_replacing(os.path.realpath(target), target, pieces)
