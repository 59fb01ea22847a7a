"""Writing output files: atomically, and never over an input."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable

from declarediff.errors import OutputError


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


def write_atomic(
    path: str | os.PathLike[str], text: str | bytes | Iterable[bytes], inputs: Iterable[str] = ()
) -> None:
    """Write ``text`` (a string as UTF-8; bytes, or pieces of bytes, as they are) to
    ``path`` through a temporary file and a rename.

    A reader never sees a half-written file, an interrupted write leaves the
    previous file as it was, and a path that is one of ``inputs`` is refused.
    """
    target = os.fspath(path)
    for source in inputs:
        if source != "-" and _same_file(target, source):
            raise OutputError(f"{target}: refusing to overwrite an input file")
    folder = os.path.dirname(os.path.abspath(target))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".declarediff-", suffix=".tmp", dir=folder)
    except OSError as e:
        raise OutputError(
            f"{target}: cannot write here ({(e.strerror or str(e)).lower()})"
        ) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(text, str):
                fh.write(text.encode("utf-8"))
            elif isinstance(text, bytes):
                fh.write(text)
            else:
                fh.writelines(text)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise OutputError(f"{target}: {(e.strerror or str(e)).lower()}") from None
        raise
