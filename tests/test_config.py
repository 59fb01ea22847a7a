"""Alignment options (declarediff.config)."""

from __future__ import annotations

import pytest

import declarediff as dd


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
