"""Options that tune a comparison, and the configuration file that sets them.

The file is ``.declarediff.toml``, or the ``[tool.declarediff]`` table of a
``pyproject.toml``, found from the current folder upward (or named with
``--config``).  Command-line options override it.
"""

from __future__ import annotations

import fnmatch
import os
import tomllib
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

import attrs

from declarediff.defaults import (
    MARKDOWN_LIMIT,
    MATCH_THRESHOLD,
    MAX_BYTES,
    MOVE_THRESHOLD,
    SPLIT_THRESHOLD,
)
from declarediff.errors import ConfigError, OptionError
from declarediff.read import check_encoding
from declarediff.registry import RENDERERS  # the renderers' own table: the one list of formats
from declarediff.rules import valid_selector


def _unit_interval(_inst: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise OptionError(f"{attribute.name.replace('_', '-')}: {value!r} is not between 0 and 1")


def _phrases(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value)


@attrs.frozen(kw_only=True)
class Options:
    """How paragraphs are aligned.  All thresholds are similarities in 0..1.

    ``match_threshold``: least similarity for two paragraphs in the same place to be
    one modified paragraph rather than a deletion and an insertion (default 0.5).
    ``move_threshold``: least similarity for paragraphs in different places to be
    one moved paragraph (default 0.6; stricter, since a move is a stronger claim).
    ``split_threshold``: least share of a fragment's words that must be found, in
    order, in the paragraph it was split from or merged into (default 0.6).
    ``watch``: phrases to count in both versions (a phrase that disappears is a finding).
    """

    match_threshold: float = attrs.field(default=MATCH_THRESHOLD, validator=_unit_interval)
    move_threshold: float = attrs.field(default=MOVE_THRESHOLD, validator=_unit_interval)
    split_threshold: float = attrs.field(default=SPLIT_THRESHOLD, validator=_unit_interval)
    watch: tuple[str, ...] = attrs.field(default=(), converter=_phrases)

    def replace(self, **changes: Any) -> Options:
        """A copy with some options changed; unknown names raise :class:`OptionError`."""
        known = {a.name for a in attrs.fields(Options)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise OptionError(f"unknown option: {unknown[0]}")
        return attrs.evolve(self, **changes)


# -- the settings of one run, and the configuration file that sets some of them ------------

CONFIG_NAMES = (".declarediff.toml", "pyproject.toml")
MAX_CONFIG_BYTES = 1 << 20
_KEY = "declarediff.config.key"  # attrs metadata: how a configuration file sets a field


@attrs.frozen
class _FileKey:
    """How a setting is written in a configuration file: its key, what it must be, and the
    function that checks and normalises a value (raising ValueError with no message)."""

    key: str
    must: str
    check: Callable[[Any], Any]


def _strings(value: Any, each: Callable[[str], bool]) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(
        isinstance(v, str) and each(v) for v in value
    ):
        raise ValueError
    return tuple(value)


def split_selectors(values: Iterable[str]) -> tuple[str, ...]:
    """``--fail-on`` values with comma lists taken apart (``error,DD2`` -> ``error``, ``DD2``)."""
    return tuple(part.strip() for v in values for part in v.split(",") if part.strip())


def _selectors(value: Any) -> tuple[str, ...]:
    found = split_selectors(_strings(value, lambda _v: True))
    if not all(valid_selector(v) for v in found):
        raise ValueError
    return found


def _format(value: Any) -> str:
    if not isinstance(value, str) or value not in RENDERERS.names:
        raise ValueError
    return value


def _threshold(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ValueError
    return float(value)


def _text_encoding(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError
    try:
        return check_encoding(value)
    except OptionError:
        raise ValueError from None


def _path(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError
    return value


def _from_file(key: str, must: str, check: Callable[[Any], Any]) -> dict[str, _FileKey]:
    return {_KEY: _FileKey(key, must, check)}


def _formats_must() -> str:
    return "one of " + ", ".join(RENDERERS.names)


_THRESHOLD_MUST = "a number from 0 to 1"


@attrs.frozen(kw_only=True)
class Settings:
    """Everything one run of the command uses, merged once: the defaults, then the
    configuration file (and its overrides for the new source's path), then the options
    given on the command line.  Fields with a file key may be set by a configuration file
    (``fmt`` is ``format`` there, the others are kebab-case); the rest only on the command
    line.
    """

    fmt: str = attrs.field(default="text", metadata=_from_file("format", "", _format))
    watch: tuple[str, ...] = attrs.field(
        default=(),
        metadata=_from_file(
            "watch", "a list of phrases", partial(_strings, each=lambda v: bool(v.strip()))
        ),
    )
    fail_on: tuple[str, ...] = attrs.field(
        default=(),
        metadata=_from_file(
            "fail-on", "a list of severities, codes, code prefixes or names", _selectors
        ),
    )
    match_threshold: float = attrs.field(
        default=MATCH_THRESHOLD, metadata=_from_file("match-threshold", _THRESHOLD_MUST, _threshold)
    )
    move_threshold: float = attrs.field(
        default=MOVE_THRESHOLD, metadata=_from_file("move-threshold", _THRESHOLD_MUST, _threshold)
    )
    split_threshold: float = attrs.field(
        default=SPLIT_THRESHOLD,
        metadata=_from_file("split-threshold", _THRESHOLD_MUST, _threshold),
    )
    encoding: str | None = attrs.field(
        default=None, metadata=_from_file("encoding", "a text encoding name", _text_encoding)
    )
    baseline: str | None = attrs.field(
        default=None, metadata=_from_file("baseline", "a path", _path)
    )
    output: str | None = None
    color: str = "auto"
    show_all: bool = False
    from_format: str | None = None
    max_bytes: int = MAX_BYTES
    markdown_limit: int = MARKDOWN_LIMIT
    exit_code: bool = False
    quiet: bool = False
    pager: bool = True
    write_baseline: str | None = None

    @classmethod
    def merge(cls, config: Config, path: str, given: dict[str, Any]) -> Settings:
        """The settings for a new source at ``path``: ``config``'s (with its overrides for
        ``path``), then ``given`` (the options the command line set, by field name)."""
        return cls(**{**config.for_path(path), **given})

    @property
    def options(self) -> Options:
        """The alignment options these settings ask for."""
        return Options(
            watch=self.watch,
            match_threshold=self.match_threshold,
            move_threshold=self.move_threshold,
            split_threshold=self.split_threshold,
        )


FILE_KEYS: dict[str, tuple[str, _FileKey]] = {
    a.metadata[_KEY].key: (a.name, a.metadata[_KEY])
    for a in attrs.fields(Settings)
    if _KEY in a.metadata
}


@attrs.frozen(kw_only=True)
class Override:
    """Settings for sources whose path matches one of ``paths`` (glob patterns)."""

    paths: tuple[str, ...]
    settings: dict[str, Any] = attrs.field(eq=False, hash=False)


@attrs.frozen(kw_only=True)
class Config:
    """What a configuration file sets, checked: :class:`Settings` field name -> value.

    Keys (kebab-case in the file): ``watch``, ``fail-on``, ``format``,
    ``match-threshold``, ``move-threshold``, ``split-threshold``, ``encoding``,
    ``baseline`` (a path relative to the file), and ``overrides``: a list of
    tables with ``paths`` (glob patterns matched against the new source's path)
    and any of the other keys but ``overrides``.
    """

    path: str | None = None
    settings: dict[str, Any] = attrs.field(factory=dict, eq=False, hash=False)
    overrides: tuple[Override, ...] = ()

    def for_path(self, source: str) -> dict[str, Any]:
        """The settings for one source path: the file's, then matching overrides in order."""
        merged = dict(self.settings)
        posix = source.replace("\\", "/")
        for ov in self.overrides:
            if any(
                fnmatch.fnmatch(posix, pat) or fnmatch.fnmatch(posix, f"*/{pat}")
                for pat in ov.paths
            ):
                merged.update(ov.settings)
        return merged


def _check(where: str, key: str, value: Any) -> tuple[str, Any]:
    """Validate one setting of a file: its field name and normalised value, or a
    ConfigError naming the file and the key."""
    if key not in FILE_KEYS:
        raise ConfigError(f"{where}: unknown key '{key}'")
    name, spec = FILE_KEYS[key]
    try:
        return name, spec.check(value)
    except (ValueError, TypeError):
        must = spec.must or _formats_must()
        raise ConfigError(f"{where}: '{key}' must be {must}, not {value!r}") from None


def _table(where: str, table: Any, allow_overrides: bool) -> tuple[dict[str, Any], list[Any]]:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table of settings")
    settings: dict[str, Any] = {}
    overrides: list[Any] = []
    for key, value in table.items():
        if key == "overrides" and allow_overrides:
            if not isinstance(value, list):
                raise ConfigError(f"{where}: 'overrides' must be a list of tables")
            overrides = value
        elif key == "paths" and not allow_overrides:
            continue
        else:
            name, checked = _check(where, key, value)
            settings[name] = checked
    return settings, overrides


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read and check a configuration file (``.declarediff.toml`` or a pyproject.toml)."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as fh:
            raw = fh.read(MAX_CONFIG_BYTES + 1)  # never read a device or a flood to its end
        if len(raw) > MAX_CONFIG_BYTES:
            raise ConfigError(
                f"{name}: larger than {MAX_CONFIG_BYTES:,} bytes; not a configuration file"
            )
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{name}: not UTF-8 text") from None
    except RecursionError:
        raise ConfigError(f"{name}: nested too deeply") from None
    except FileNotFoundError:
        raise ConfigError(f"{name}: no such file") from None
    except OSError as e:
        raise ConfigError(f"{name}: {(e.strerror or str(e)).lower()}") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{name}: not valid TOML ({e})") from None
    if os.path.basename(name) == "pyproject.toml":
        where = f"{name}: [tool.declarediff]"
        table = data.get("tool", {}).get("declarediff", {})
    else:
        where = name
        table = data
    here_dir = os.path.dirname(os.path.abspath(name))
    settings, raw_overrides = _table(where, table, allow_overrides=True)
    if "baseline" in settings:  # a path relative to the file
        settings["baseline"] = os.path.join(here_dir, settings["baseline"])
    overrides = []
    for k, raw in enumerate(raw_overrides):
        here = f"{where} overrides[{k}]"
        if not isinstance(raw, dict) or "paths" not in raw:
            raise ConfigError(f"{here}: each override needs 'paths'")
        paths = raw["paths"]
        if isinstance(paths, str):
            paths = [paths]
        if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
            raise ConfigError(f"{here}: 'paths' must be a list of glob patterns")
        ov_settings, _ = _table(here, raw, allow_overrides=False)
        if "baseline" in ov_settings:
            ov_settings["baseline"] = os.path.join(here_dir, ov_settings["baseline"])
        overrides.append(Override(paths=tuple(paths), settings=ov_settings))
    return Config(path=name, settings=settings, overrides=tuple(overrides))


def find_config(start: str | os.PathLike[str] = ".") -> str | None:
    """The nearest ``.declarediff.toml``, or ``pyproject.toml`` with a ``[tool.declarediff]``
    table, in ``start`` or a folder above it."""
    here = os.path.abspath(start)
    while True:
        dotfile = os.path.join(here, ".declarediff.toml")
        if os.path.isfile(dotfile):
            return dotfile
        pyproject = os.path.join(here, "pyproject.toml")
        if os.path.isfile(pyproject):
            try:
                with open(pyproject, "rb") as fh:
                    if "declarediff" in tomllib.load(fh).get("tool", {}):
                        return pyproject
            except (OSError, tomllib.TOMLDecodeError):
                pass
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent
