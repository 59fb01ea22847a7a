"""One exception base for everything declarediff raises on purpose.

Each specific error also subclasses the builtin it resembles, so callers that
already catch ``OSError`` or ``ValueError`` keep working.  Every message is one
line that names the source and the problem, ready to print as it is.
"""

from __future__ import annotations


class DeclarediffError(Exception):
    """Base of every error declarediff raises on purpose.

    Errors pickle and unpickle to an equal error (history runs on process pools, where
    errors cross process boundaries): two errors are equal when they are of the same class
    and were made from the same arguments.
    """

    def _made_from(self) -> tuple[object, ...]:
        """The arguments the error was made from (what pickling keeps)."""
        return tuple(self.args)

    def __reduce__(self) -> tuple[type[DeclarediffError], tuple[object, ...]]:
        return type(self), self._made_from()

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, DeclarediffError)
        return self._made_from() == other._made_from()

    def __hash__(self) -> int:
        return hash((type(self), self._made_from()))


class SourceError(DeclarediffError, OSError):
    """A source could not be read: missing, a directory, unreadable."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}"

    def _made_from(self) -> tuple[object, ...]:
        return (self.source, self.problem)


class SourceNotFoundError(SourceError, FileNotFoundError):
    """A source does not exist (also a :class:`FileNotFoundError`)."""


class NotAtRevisionError(SourceNotFoundError):
    """A ``git:REV:PATH`` source names a file that does not exist at that revision (a file
    added since, for example): ``path`` and ``rev`` say which."""

    def __init__(self, source: str, path: str, rev: str) -> None:
        self.path = path
        self.rev = rev
        super().__init__(source, f"no file '{path}' at revision '{rev}'")

    def _made_from(self) -> tuple[object, ...]:
        return (self.source, self.path, self.rev)


class DecodeError(DeclarediffError, ValueError):
    """A source's bytes are not text in the expected encoding."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")

    def _made_from(self) -> tuple[object, ...]:
        return (self.source, self.problem)


class OptionError(DeclarediffError, ValueError):
    """An option has a value outside what it accepts."""


class OutputError(DeclarediffError, OSError):
    """An output file could not be written, or would overwrite an input."""


class ConfigError(DeclarediffError, ValueError):
    """A configuration file is unreadable, not TOML, or has an unknown key or a bad value."""


class FormatError(DeclarediffError, ValueError):
    """A source in a rich format (HTML, PDF, DOCX) is corrupt, encrypted or unreadable."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")

    def _made_from(self) -> tuple[object, ...]:
        return (self.source, self.problem)


class MissingExtraError(DeclarediffError, ImportError):
    """Reading a format needs an optional extra that is not installed."""

    def __init__(self, source: str, fmt: str, extra: str) -> None:
        self.source = source
        self.fmt = fmt
        self.extra = extra
        super().__init__(
            f"{source}: reading {fmt} needs an optional extra: pip install 'declarediff[{extra}]'"
        )

    def _made_from(self) -> tuple[object, ...]:
        return (self.source, self.fmt, self.extra)
