"""Options that tune a comparison, and the configuration file that sets them.

The file is ``.declarediff.toml``, or the ``[tool.declarediff]`` table of a
``pyproject.toml``, found from the current folder upward (or named with
``--config``).  Command-line options override it.
"""

from __future__ import annotations

import codecs
import fnmatch
import os
import tomllib
from collections.abc import Iterable
from typing import Any

import attrs

from declarediff.defaults import MATCH_THRESHOLD, MOVE_THRESHOLD, SPLIT_THRESHOLD
from declarediff.errors import ConfigError, OptionError
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


# -- the configuration file -------------------------------------------------------------

CONFIG_NAMES = (".declarediff.toml", "pyproject.toml")
_FORMATS = ("text", "json", "markdown", "sarif", "github")


@attrs.frozen(kw_only=True)
class Override:
    """Settings for sources whose path matches one of ``paths`` (glob patterns)."""

    paths: tuple[str, ...]
    settings: dict[str, Any] = attrs.field(eq=False, hash=False)


@attrs.frozen(kw_only=True)
class Config:
    """What a configuration file sets; ``None`` where it sets nothing.

    Keys (kebab-case, as in the file): ``watch``, ``fail-on``, ``format``,
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


_KEYS: dict[str, str] = {
    "watch": "a list of phrases",
    "fail-on": "a list of severities, codes or names",
    "format": "one of " + ", ".join(_FORMATS),
    "match-threshold": "a number from 0 to 1",
    "move-threshold": "a number from 0 to 1",
    "split-threshold": "a number from 0 to 1",
    "encoding": "an encoding name",
    "baseline": "a path",
}


def _check(where: str, key: str, value: Any) -> Any:
    """Validate one setting; return it normalised, or raise ConfigError naming the key."""

    def bad() -> ConfigError:
        return ConfigError(f"{where}: '{key}' must be {_KEYS[key]}, not {value!r}")

    if key == "watch":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise bad()
        return tuple(value)
    if key == "fail-on":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(
            isinstance(v, str) and valid_selector(v) for v in value
        ):
            raise bad()
        return tuple(value)
    if key == "format":
        if value not in _FORMATS:
            raise bad()
        return value
    if key.endswith("-threshold"):
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise bad()
        return float(value)
    if key == "encoding":
        if not isinstance(value, str):
            raise bad()
        try:
            codecs.lookup(value)
        except LookupError:
            raise bad() from None
        return value
    if key == "baseline":
        if not isinstance(value, str) or not value:
            raise bad()
        return value
    raise ConfigError(f"{where}: unknown key '{key}'")


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
            settings[key] = _check(where, key, value)
    return settings, overrides


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read and check a configuration file (``.declarediff.toml`` or a pyproject.toml)."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as fh:
            data = tomllib.load(fh)
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
    settings, raw_overrides = _table(where, table, allow_overrides=True)
    if "baseline" in settings:
        settings["baseline"] = os.path.join(
            os.path.dirname(os.path.abspath(name)), settings["baseline"]
        )
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
