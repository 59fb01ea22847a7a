"""compare(old, new) -> Comparison: alignment, inline diffs and statistics."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from declarediff import inline
from declarediff.align import align
from declarediff.analyse import STEPS, analyse
from declarediff.config import Options
from declarediff.model import JOIN, PAIR_KINDS, Comparison, Document, Pair, Stats
from declarediff.text import count_words

Progress = Callable[[str, int, int], None]


def compare(
    old: Document,
    new: Document,
    *,
    options: Options | None = None,
    progress: Progress | None = None,
    **overrides: Any,
) -> Comparison:
    """Compare two documents and return a :class:`Comparison`.

    ``options`` (or keyword overrides of its fields, e.g. ``match_threshold=0.6``,
    ``watch=("rules-based order",)``) tune the alignment and name the phrases to
    watch; see :class:`declarediff.Options`.  Besides the aligned pairs, the
    comparison holds what became of each commitment, the figures that changed,
    the watched-phrase counts, and the findings.  ``progress``, if given, is
    called as ``progress(stage, done, total)`` while the work goes on (the CLI
    draws a progress bar from it on a terminal); the library never prints.
    """
    opt = (options or Options()).replace(**overrides) if overrides else options or Options()
    report = progress or (lambda _stage, _done, _total: None)
    # One measure of work, in per mille, that only grows: alignment up to 100, word diffs up
    # to 300, the analysis's steps the rest (about what each takes on a large pair).
    report("aligning paragraphs", 0, 1000)
    aligned = align(old, new, opt)
    with_ops = []
    for k, pair in enumerate(aligned):
        if k % 200 == 0:
            report("diffing words", 100 + 200 * k // len(aligned), 1000)
        with_ops.append(_with_ops(pair, old, new))
    pairs = tuple(with_ops)
    commitments, figures, watch, findings = analyse(
        old, new, pairs, opt.watch, lambda what, k: report(what, 300 + 700 * k // STEPS, 1000)
    )
    report("done", 1000, 1000)
    return Comparison(
        old=old,
        new=new,
        pairs=pairs,
        stats=_stats(old, new, pairs),
        commitments=commitments,
        figures=figures,
        watch=watch,
        findings=findings,
    )


def _with_ops(pair: Pair, old: Document, new: Document) -> Pair:
    a = JOIN.join(old.paragraphs[i].text for i in pair.old)
    b = JOIN.join(new.paragraphs[j].text for j in pair.new)
    return attrs.evolve(pair, ops=inline.for_display(a, b))


def _stats(old: Document, new: Document, pairs: tuple[Pair, ...]) -> Stats:
    deleted = inserted = 0
    for pair in pairs:
        if not pair.changed:
            continue
        for op in pair.ops:
            if op.op == "delete":
                deleted += count_words(op.text)
            elif op.op == "insert":
                inserted += count_words(op.text)
    kinds = tuple((k, sum(1 for p in pairs if p.kind == k)) for k in PAIR_KINDS)
    return Stats(
        old_words=old.words,
        new_words=new.words,
        deleted_words=deleted,
        inserted_words=inserted,
        kinds=kinds,
    )
