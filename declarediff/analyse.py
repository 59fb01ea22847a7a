"""The analyses of a comparison: commitments, figures, watched phrases, and findings.

Everything here reads the two documents and their aligned pairs and returns
frozen records; :func:`declarediff.compare` puts them in the Comparison.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import attrs

from declarediff import commitments as _commitments
from declarediff import figures as _figures
from declarediff import rules as _rules
from declarediff import text as _text
from declarediff import watch as _watch
from declarediff.model import (
    Commitment,
    Document,
    FigureChange,
    Finding,
    Location,
    Pair,
    WatchCount,
)


def watch_counts(phrases: Sequence[str], old: Document, new: Document) -> tuple[WatchCount, ...]:
    """How often each watched phrase occurs in each version, and where first."""
    return tuple(
        WatchCount(
            p,
            _watch.count(p, old),
            _watch.count(p, new),
            _watch.first_paragraph(p, old),
            _watch.first_paragraph(p, new),
        )
        for p in phrases
    )


def _loc(doc: Document, paragraph: int | None, line: int | None = None) -> Location | None:
    if paragraph is None:
        return None
    return Location(paragraph, line if line is not None else doc.paragraphs[paragraph].line)


def _quote(text: str) -> str:
    return "“" + " ".join(text.split()) + "”"


def findings(
    old: Document,
    new: Document,
    pairs: Sequence[Pair],
    commitments: Sequence[Commitment],
    figures: Sequence[tuple[FigureChange, bool]],
    watch: Sequence[WatchCount],
) -> tuple[Finding, ...]:
    """Every reportable event as a finding, most severe first, then in document order."""
    out: list[tuple[Finding, tuple[int, int]]] = []

    def add(f: Finding, order: tuple[int, int]) -> None:
        out.append((f, order))

    for c in commitments:
        o = _loc(old, c.old.paragraph, c.old.line) if c.old else None
        n = _loc(new, c.new.paragraph, c.new.line) if c.new else None
        okey = _text.key(c.old.text) if c.old else ""
        nkey = _text.key(c.new.text) if c.new else ""
        why = f" ({'; '.join(c.reasons)})" if c.reasons else ""
        if c.status == "dropped" and c.old:
            msg = f"Commitment dropped ({c.cls}): {_quote(c.old.text)}" + _closest(c, "new")
            add(_rules.make("DD101", msg, o, None, okey), (c.old.paragraph, 0))
        elif c.status == "weakened" and c.old and c.new:
            msg = f"Commitment weakened{why}: {_quote(c.old.text)} -> {_quote(c.new.text)}"
            msg += "".join(f" + {_quote(x.text)}" for x in c.evidence.carriers[1:])
            add(_rules.make("DD102", msg, o, n, okey, nkey), (c.old.paragraph, 0))
        elif c.status == "added" and c.new:
            msg = f"Commitment added ({c.cls}): {_quote(c.new.text)}" + _closest(c, "old")
            add(_rules.make("DD103", msg, o, n, nkey), (c.new.paragraph, 1))
        elif c.status == "strengthened" and c.old and c.new:
            msg = f"Commitment strengthened{why}: {_quote(c.old.text)} -> {_quote(c.new.text)}"
            add(_rules.make("DD104", msg, o, n, okey, nkey), (c.old.paragraph, 0))
    for w in watch:
        folded = _watch.fold(w.phrase)
        if w.old and not w.new:
            where = _loc(old, w.old_first)
            msg = f"Watched phrase dropped: “{w.phrase}” ({w.old} in the old version, none now)"
            add(
                _rules.make("DD201", msg, where, None, folded), (where.paragraph if where else 0, 0)
            )
        elif w.new and not w.old:
            where = _loc(new, w.new_first)
            msg = f"Watched phrase added: “{w.phrase}” ({w.new} in the new version)"
            add(
                _rules.make("DD202", msg, None, where, folded), (where.paragraph if where else 0, 1)
            )
    for f, shared in figures:
        o = _loc(old, f.old_paragraph, f.old_line)
        n = _loc(new, f.new_paragraph, f.new_line)
        content = (f.type, _text.key(f.old or ""), _text.key(f.new or ""), f.context)
        order = (f.old_paragraph if f.old_paragraph is not None else f.new_paragraph or 0, 0)
        if f.old and f.new:
            msg = f"Figure changed ({f.type}): {f.old} -> {f.new}" + (
                f" ({f.context})" if f.context else ""
            )
            add(_rules.make("DD301", msg, o, n, *content), order)
        elif shared and f.old:
            msg = f"Figure removed ({f.type}): {f.old}" + (f" ({f.context})" if f.context else "")
            add(_rules.make("DD302", msg, o, None, *content), order)
        elif shared and f.new:
            msg = f"Figure added ({f.type}): {f.new}" + (f" ({f.context})" if f.context else "")
            add(_rules.make("DD303", msg, None, n, *content), order)
    for pair in pairs:
        if pair.kind == "deleted":
            p = old.paragraphs[pair.old[0]]
            msg = f"Paragraph deleted: {_quote(_short(p.text))}"
            add(_rules.make("DD401", msg, _loc(old, p.index), None, p.key), (p.index, 0))
        elif pair.kind == "inserted":
            p = new.paragraphs[pair.new[0]]
            msg = f"Paragraph inserted: {_quote(_short(p.text))}"
            add(_rules.make("DD402", msg, None, _loc(new, p.index), p.key), (p.index, 1))
    out.sort(key=lambda x: (_rules.RANK[x[0].severity], x[0].code, x[1]))
    # Taken from the end of the reversed list as they are made distinct, so that a finding
    # and its distinct copy are not both held for every finding at once.
    out.reverse()
    return _unique(out.pop()[0] for _ in range(len(out)))


def _closest(c: Commitment, side: str) -> str:
    """The evidence of a dropped or added commitment: the closest sentence of the other
    version, its similarity, and the words it lacks."""
    ev = c.evidence
    if not ev.carriers:
        return f"; nothing in the {side} version shares its terms"
    k = ev.carriers[0]
    lacks = ", ".join(f"'{w}'" for w in ev.lacks[:4])
    return (
        f"; closest {side} sentence (¶{k.paragraph + 1} line {k.line}, similarity "
        f"{ev.similarity:.2f}{'; lacks ' + lacks if lacks else ''}): {_quote(_short(k.text))}"
    )


def _short(text: str, limit: int = 120) -> str:
    """``text`` on one line, cut to ``limit`` characters.  Only a beginning long enough is
    flattened: the flat form of a beginning is a beginning of the flat form."""
    n = 4 * limit
    flat = " ".join(text[:n].split())
    while len(flat) <= limit and n < len(text):
        n *= 4
        flat = " ".join(text[:n].split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _unique(found: Iterable[Finding]) -> tuple[Finding, ...]:
    """Make repeated fingerprints distinct by their occurrence number (stable across edits)."""
    seen: Counter[str] = Counter()
    out: list[Finding] = []
    for f in found:
        k = seen[f.fingerprint]
        seen[f.fingerprint] += 1
        out.append(
            attrs.evolve(f, fingerprint=_rules.fingerprint(f.code, f.fingerprint, str(k)))
            if k
            else f
        )
    return tuple(out)


STEPS = 6  # the steps :func:`analyse` reports to its ``step`` callback


def analyse(
    old: Document,
    new: Document,
    pairs: Sequence[Pair],
    phrases: Sequence[str],
    step: Callable[[str, int], None] | None = None,
) -> tuple[
    tuple[Commitment, ...], tuple[FigureChange, ...], tuple[WatchCount, ...], tuple[Finding, ...]
]:
    """Commitments, figure changes, watched-phrase counts and findings for two documents.

    ``step``, if given, is called as ``step(what, k)`` before each of the :data:`STEPS`
    steps (k from 0).
    """
    say = step or (lambda _what, _k: None)
    say("reading the old version's sentences", 0)
    so = _commitments.sentences(old)
    say("reading the new version's sentences", 1)
    sn = _commitments.sentences(new)
    say("finding where commitments went", 2)
    tracking = _commitments.Tracking.of(so, sn)
    say("comparing commitments", 3)
    commits = _commitments.track(old, new, so, sn, tracking)
    say("comparing figures", 4)
    figs = _figures.changes(old, new, so, sn, tracking.in_new, tracking.in_old)
    say("counting watched phrases", 5)
    counts = watch_counts(phrases, old, new)
    found = findings(old, new, pairs, commits, figs, counts)
    return commits, tuple(f for f, _shared in figs), counts, found
