"""Alignment options (declarediff.config)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import declarediff as dd
from declarediff.config import find_config, load_config


def test_defaults_are_documented_values() -> None:
    """The defaults are the ones docs/alignment.md gives."""
    opt = dd.Options()
    assert (opt.match_threshold, opt.move_threshold, opt.split_threshold) == (0.5, 0.6, 0.6)


def test_out_of_range_threshold_is_an_option_error() -> None:
    """A threshold outside 0..1 raises OptionError (also a ValueError) naming the option."""
    with pytest.raises(dd.OptionError, match="match-threshold"):
        dd.Options(match_threshold=1.5)
    with pytest.raises(ValueError, match="move-threshold"):
        dd.Options(move_threshold=-0.1)


def test_replace_rejects_unknown_names() -> None:
    """compare(**overrides) with a misspelt option is an OptionError, not a TypeError."""
    doc = dd.parse("1. We meet.\n")
    with pytest.raises(dd.OptionError, match="unknown option: match_treshold"):
        dd.compare(doc, doc, match_treshold=0.4)
    assert dd.compare(doc, doc, match_threshold=0.4).pairs[0].kind == "equal"


def test_find_config_walks_upward_and_skips_foreign_pyprojects(tmp_path: Path) -> None:
    """The nearest .declarediff.toml or pyproject.toml with [tool.declarediff] wins."""
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (tmp_path / "a" / "pyproject.toml").write_text("[tool.other]\nx = 1\n", encoding="utf-8")
    assert find_config(deep) is None
    (tmp_path / "pyproject.toml").write_text(
        '[tool.declarediff]\nwatch = ["NATO"]\n', encoding="utf-8"
    )
    assert find_config(deep) == str(tmp_path / "pyproject.toml")
    (deep / ".declarediff.toml").write_text('format = "json"\n', encoding="utf-8")
    assert find_config(deep) == str(deep / ".declarediff.toml")


def test_load_config_settings_and_overrides(tmp_path: Path) -> None:
    """Keys are checked and normalised; overrides apply to matching paths; baseline is resolved."""
    path = tmp_path / ".declarediff.toml"
    path.write_text(
        'watch = "rules-based order"\nmatch-threshold = 0.4\nbaseline = "accepted.json"\n'
        '[[overrides]]\npaths = ["docs/treaties/*.md"]\nfail-on = ["warning"]\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.settings["watch"] == ("rules-based order",)
    assert config.settings["match_threshold"] == 0.4
    assert config.settings["baseline"] == str(tmp_path / "accepted.json")
    assert config.for_path("docs/treaties/nato.md")["fail_on"] == ("warning",)
    assert "fail_on" not in config.for_path("docs/other.md")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[overrides]]\nfail-on = []\n", "each override needs 'paths'"),
        ('encoding = "klingon"\n', "'encoding' must be a text encoding name"),
        ("split-threshold = true\n", "'split-threshold' must be a number from 0 to 1"),
        ("[[overrides]]\npaths = ['x']\noverrides = []\n", "unknown key 'overrides'"),
    ],
)
def test_config_errors_name_the_key(tmp_path: Path, text: str, message: str) -> None:
    """Bad files are ConfigErrors (also ValueErrors) that name the file and the key."""
    path = tmp_path / ".declarediff.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(dd.ConfigError, match=re.escape(message)):
        load_config(path)


def test_config_from_a_device_or_too_big_is_refused(tmp_path: Path) -> None:
    """`--config /dev/zero` reads at most 1 MiB and says so (it read until the kernel killed
    it); a deeply nested array is a ConfigError, not a RecursionError."""
    with pytest.raises(dd.ConfigError, match="larger than 1,048,576 bytes"):
        load_config("/dev/zero")
    deep = tmp_path / ".declarediff.toml"
    deep.write_text("watch = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(dd.ConfigError, match=re.escape(str(deep))):
        load_config(deep)
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"watch = '\xff'\n")
    with pytest.raises(dd.ConfigError, match="not UTF-8"):
        load_config(binary)
