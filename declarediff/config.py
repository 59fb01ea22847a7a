"""Options that tune a comparison, with their documented defaults and checks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from declarediff.errors import OptionError


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

    match_threshold: float = attrs.field(default=0.5, validator=_unit_interval)
    move_threshold: float = attrs.field(default=0.6, validator=_unit_interval)
    split_threshold: float = attrs.field(default=0.6, validator=_unit_interval)
    watch: tuple[str, ...] = attrs.field(default=(), converter=_phrases)

    def replace(self, **changes: Any) -> Options:
        """A copy with some options changed; unknown names raise :class:`OptionError`."""
        known = {a.name for a in attrs.fields(Options)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise OptionError(f"unknown option: {unknown[0]}")
        return attrs.evolve(self, **changes)
