"""Public errors: exported, the matching builtins, and equal after crossing a process boundary."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor

import pytest

import declarediff as dd
from declarediff import errors

ERRORS: list[dd.DeclarediffError] = [
    dd.SourceError("old.txt", "permission denied"),
    dd.SourceNotFoundError("old.txt", "no such file"),
    dd.NotAtRevisionError("git:HEAD:new.md", "new.md", "HEAD"),
    dd.DecodeError("old.txt", "not valid UTF-8 text"),
    dd.FormatError("a.pdf", "encrypted"),
    dd.MissingExtraError("a.pdf", "PDF", "pdf"),
    dd.OptionError("match-threshold: 2 is not between 0 and 1"),
    dd.OutputError("out.txt: refusing to overwrite an input file"),
    dd.ConfigError(".declarediff.toml: unknown key 'wach'"),
]
BUILTINS = {
    dd.SourceError: OSError,
    dd.SourceNotFoundError: FileNotFoundError,
    dd.NotAtRevisionError: FileNotFoundError,
    dd.DecodeError: ValueError,
    dd.FormatError: ValueError,
    dd.MissingExtraError: ImportError,
    dd.OptionError: ValueError,
    dd.OutputError: OSError,
    dd.ConfigError: ValueError,
}


def _raise(error: Exception) -> None:
    raise error


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_errors_pickle_to_equal_errors(error: dd.DeclarediffError) -> None:
    """Every public error unpickles to an equal error with the same message and fields."""
    back = pickle.loads(pickle.dumps(error))
    assert back == error and hash(back) == hash(error)
    assert str(back) == str(error) and vars(back) == vars(error)
    assert isinstance(back, BUILTINS[type(error)])


def test_errors_cross_a_process_pool() -> None:
    """An error raised in a worker process arrives equal (it used to raise TypeError)."""
    with ProcessPoolExecutor(max_workers=1) as pool:
        for error in ERRORS:
            with pytest.raises(type(error)) as info:
                pool.submit(_raise, error).result()
            assert info.value == error


def test_every_error_is_exported() -> None:
    """All error classes of declarediff.errors are public names of the package."""
    defined = {
        name
        for name, value in vars(errors).items()
        if isinstance(value, type) and issubclass(value, dd.DeclarediffError)
    }
    assert defined <= set(dd.__all__)
    assert dd.SourceError("a", "b") != dd.SourceError("a", "c")
