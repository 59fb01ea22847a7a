"""Series of editions: clause lineages across many versions, and batch comparison.

``history(documents)`` aligns each edition with the next (``compare``), then
links each commitment into a **lineage**: kept, reworded, moved or merged, it
stays the same lineage.  A lineage that vanishes is looked for again in the
next ``LOOK_BACK`` editions, so a clause that skips an edition and comes back
is one *intermittent* lineage rather than a drop and an addition.

With two editions, a history's dropped and added lineages are exactly the
dropped and added commitments of ``compare(a, b)``.

``compare_many(pairs, executor)`` runs comparisons on any
``concurrent.futures.Executor`` — a ProcessPoolExecutor on one machine, or a
Dask client's ``get_executor()`` across a cluster — with no scheduling code
of ours; documents and results pickle cleanly.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Sequence
from concurrent.futures import Executor

import attrs

from declarediff import carry as _carry
from declarediff import commitments as _commitments
from declarediff import rules as _rules
from declarediff import text as _text
from declarediff.compare import compare
from declarediff.config import Options
from declarediff.model import (
    HISTORY_SCHEMA,
    Change,
    Comparison,
    Document,
    Finding,
    History,
    Lineage,
    LineageStatus,
    Location,
    Merge,
)

SCHEMA = HISTORY_SCHEMA
# How many editions a vanished clause is looked for in before it counts as dropped for good.
LOOK_BACK = 3


def _compare_pair(pair: tuple[Document, Document], options: Options) -> Comparison:
    return compare(pair[0], pair[1], options=options)


def compare_many(
    pairs: Iterable[tuple[Document, Document]],
    executor: Executor | None = None,
    *,
    options: Options | None = None,
) -> list[Comparison]:
    """Compare each (old, new) pair, in order; on ``executor`` when one is given.

    Any ``concurrent.futures.Executor`` works: ``ProcessPoolExecutor`` for the
    cores of one machine, or ``distributed.Client(...).get_executor()`` for a
    Dask cluster.  The results equal the serial ones.
    """
    work = functools.partial(_compare_pair, options=options or Options())
    if executor is None:
        return [work(p) for p in pairs]
    return list(executor.map(work, pairs))


@attrs.define
class _Building:
    # edition -> the clause's sentences there, in document order: (paragraph, sentence, text)
    nodes: dict[int, list[tuple[int, int, str]]]
    cls: str
    changes: list[Change]
    merges: dict[int, set[int]] = attrs.field(factory=dict)  # edition -> other lineages

    def add(self, edition: int, node: tuple[int, int, str]) -> None:
        """Record one of the clause's sentences in an edition."""
        here = self.nodes.setdefault(edition, [])
        if node not in here:
            here.append(node)
            here.sort()


Node = tuple[int, int, int]  # (edition, paragraph, sentence)


def history(
    documents: Sequence[Document],
    executor: Executor | None = None,
    *,
    options: Options | None = None,
) -> History:
    """Follow every commitment through a series of editions, in the order given.

    A lineage continues through a merge (two clauses carried by one sentence: both lineages
    go on, each noting the other) and a split (one clause carried by two sentences: the
    lineage holds both), so a clause is dropped in an edition only when that edition carries
    none of it.
    """
    docs = tuple(documents)
    comparisons = compare_many(itertools.pairwise(docs), executor, options=options)
    lineages: list[_Building] = []
    at: dict[Node, list[int]] = {}  # node -> the lineages that hold it

    def start(edition: int, paragraph: int, sentence: int, text: str, cls: str) -> int:
        lineages.append(_Building({edition: [(paragraph, sentence, text)]}, cls, []))
        at.setdefault((edition, paragraph, sentence), []).append(len(lineages) - 1)
        return len(lineages) - 1

    sentences_of = _Sentences(docs)
    for s in sentences_of(0) if docs else []:
        if _commitments.tracked(s):
            start(0, s.paragraph, s.sentence, s.text, s.detection.cls)
    for k, comparison in enumerate(comparisons):
        added_here: list[int] = []
        shared: list[list[int]] = []  # the holders of sentences of k + 1 held by two or more
        for c in comparison.commitments:
            if c.status == "added":
                # New content, even when the sentence also carries an old commitment on (as
                # compare() reports it): a lineage of its own starts here.
                if c.new is not None:
                    node = (k + 1, c.new.paragraph, c.new.sentence)
                    added_here.append(start(k + 1, *node[1:], c.new.text, c.cls))
                continue
            if c.old is None:
                continue
            old_node = (k, c.old.paragraph, c.old.sentence)
            if old_node not in at:
                start(k, *old_node[1:], c.old.text, c.cls)
            if c.status == "dropped" or c.new is None:
                continue
            carriers = [x for x in c.evidence.carriers if x.cls in _commitments.TRACKED]
            if c.new not in carriers:
                carriers = [c.new]
            for idx in at[old_node]:
                lineage = lineages[idx]
                for x in carriers:
                    lineage.add(k + 1, (x.paragraph, x.sentence, x.text))
                    holders = at.setdefault((k + 1, x.paragraph, x.sentence), [])
                    if idx not in holders:
                        holders.append(idx)
                        if len(holders) == 2:
                            shared.append(holders)
                lineage.cls = c.new.cls if c.new.cls in _commitments.TRACKED else lineage.cls
                if c.status != "kept":
                    lineage.changes.append(Change(k + 1, c.status, c.reasons))
                if len(carriers) > 1 and len(lineage.nodes.get(k, ())) < len(carriers):
                    lineage.changes.append(
                        Change(
                            k + 1,
                            "split",
                            (
                                f"split into {len(carriers)} sentences in "
                                f"{_edition_name(docs[k + 1])}",
                            ),
                        )
                    )
        _note_merges(k + 1, lineages, shared)
        _look_back(sentences_of, k + 1, lineages, added_here, at)
    return _finish(docs, lineages, comparisons)


def _note_merges(edition: int, lineages: list[_Building], shared: list[list[int]]) -> None:
    """Lineages that share a sentence of ``edition`` they did not share before were merged
    (``shared``: the lineages holding each sentence of ``edition`` that two or more hold)."""
    for holders in shared:
        for idx in holders:
            before = {(p, s) for p, s, _t in lineages[idx].nodes.get(edition - 1, ())}
            others = {
                o
                for o in holders
                if o != idx
                and not before & {(p, s) for p, s, _t in lineages[o].nodes.get(edition - 1, ())}
            }
            if others:
                lineages[idx].merges.setdefault(edition, set()).update(others)


class _Sentences:
    """The detector's sentences of each edition, computed once (the look-back asks often)."""

    def __init__(self, docs: Sequence[Document]) -> None:
        self._docs = docs
        self._cache: dict[int, list[_commitments.Sentence]] = {}

        self._index: dict[int, dict[tuple[int, int], _commitments.Sentence]] = {}

    def __call__(self, edition: int) -> list[_commitments.Sentence]:
        if edition not in self._cache:
            self._cache[edition] = _commitments.sentences(self._docs[edition])
        return self._cache[edition]

    def at(self, edition: int, paragraph: int, sentence: int) -> _commitments.Sentence | None:
        """The sentence at (paragraph, sentence) of an edition, by lookup rather than search."""
        if edition not in self._index:
            self._index[edition] = {(s.paragraph, s.sentence): s for s in self(edition)}
        return self._index[edition].get((paragraph, sentence))


def _look_back(
    sentences_of: _Sentences,
    edition: int,
    lineages: list[_Building],
    added: list[int],
    at: dict[Node, list[int]],
) -> None:
    """Join lineages that vanished in an earlier edition to clauses added now (skips)."""
    if not added:
        return
    sents = sentences_of(edition)
    concepts = _carry.Concepts(s.text for s in sents)
    carrier = _carry.Carrier(
        sents, concepts, _carry.weights([concepts.terms(s.text) for s in sents])
    )
    fresh = set(added)
    for idx, lineage in enumerate(lineages):
        if not lineage.nodes:  # absorbed into another lineage
            continue
        last = max(lineage.nodes)
        if not (edition - 1 - LOOK_BACK <= last < edition - 1) or idx in fresh:
            continue
        para, sentence, _text_then = lineage.nodes[last][0]
        clause = sentences_of.at(last, para, sentence)
        if clause is None:
            continue
        found = carrier.match(clause)
        if not found.carried:
            continue
        counterpart = sents[found.carriers[0]]
        for a in added:
            nodes = lineages[a].nodes.get(edition)
            if nodes and (nodes[0][0], nodes[0][1]) == (
                counterpart.paragraph,
                counterpart.sentence,
            ):
                lineage.nodes[edition] = nodes
                lineage.changes.append(Change(edition, "returned", ()))
                lineages[a].nodes.clear()  # absorbed
                at[(edition, nodes[0][0], nodes[0][1])] = [idx]
                added.remove(a)
                break


def _finish(
    docs: tuple[Document, ...], built: list[_Building], comparisons: list[Comparison]
) -> History:
    n = len(docs)
    made: list[tuple[int, Lineage]] = []  # (index in ``built``, lineage without id)
    for idx, b in sorted(
        ((idx, b) for idx, b in enumerate(built) if b.nodes),
        key=lambda ib: (min(ib[1].nodes), *ib[1].nodes[min(ib[1].nodes)][0][:2]),
    ):
        presence = tuple(e in b.nodes for e in range(n))
        first, last = min(b.nodes), max(b.nodes)
        gap = any(not presence[e] for e in range(first, last + 1))
        status: LineageStatus
        if not presence[-1]:
            status = "dropped"
        elif gap:
            status = "intermittent"
        elif first > 0:
            status = "added"
        else:
            status = "kept"
        made.append(
            (
                idx,
                Lineage(
                    id="",
                    texts=tuple(
                        " ".join(t for _p, _s, t in b.nodes[e]) if e in b.nodes else None
                        for e in range(n)
                    ),
                    paragraphs=tuple(b.nodes[e][0][0] if e in b.nodes else None for e in range(n)),
                    presence=presence,
                    first=first,
                    last=last,
                    status=status,
                    cls=b.cls,
                    dropped_at=last + 1 if status == "dropped" else None,
                    changes=tuple(sorted(b.changes, key=lambda c: c.edition)),
                    sentences=tuple(len(b.nodes.get(e, ())) for e in range(n)),
                ),
            )
        )
    order = {"dropped": 0, "added": 1, "intermittent": 2, "kept": 3}
    made.sort(key=lambda m: (order[m[1].status], m[1].first, m[1].paragraphs[m[1].first] or 0))
    ids = {idx: f"C{k + 1}" for k, (idx, _lin) in enumerate(made)}
    clauses: list[Lineage] = []
    for idx, lin in made:
        merges = tuple(
            Merge(e, tuple(sorted((ids[o] for o in others if o in ids), key=_id_order)))
            for e, others in sorted(built[idx].merges.items())
            if any(o in ids for o in others)
        )
        changes = lin.changes + tuple(
            Change(
                m.edition,
                "merged",
                (f"merged with {', '.join(m.with_)} in {_edition_name(docs[m.edition])}",),
            )
            for m in merges
        )
        clauses.append(
            attrs.evolve(
                lin,
                id=ids[idx],
                merges=merges,
                changes=tuple(sorted(changes, key=lambda c: c.edition)),
            )
        )
    done = tuple(clauses)
    return History(docs, done, _findings(docs, done), tuple(comparisons))


def _edition_name(doc: Document) -> str:
    """An edition's short name: its file name without folder and extension."""
    name = doc.source.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


def _id_order(lineage_id: str) -> int:
    return int(lineage_id[1:])


def _findings(docs: tuple[Document, ...], clauses: tuple[Lineage, ...]) -> tuple[Finding, ...]:
    found: list[Finding] = []
    seen: set[tuple[int, str]] = set()
    for lin in clauses:
        if lin.status == "dropped" and lin.dropped_at is not None:
            text = lin.texts[lin.last] or ""
            if (lin.dropped_at, text) in seen:
                continue  # merged clauses dropped with their sentence: one finding, as compare()
            seen.add((lin.dropped_at, text))
            para = lin.paragraphs[lin.last] or 0
            where = Location(para, docs[lin.last].paragraphs[para].line)
            msg = (
                f"Commitment dropped in {docs[lin.dropped_at].source} (last in "
                f"{docs[lin.last].source}): “{' '.join(text.split())}”"
            )
            found.append(
                _rules.make("DD101", msg, where, None, _text.key(text), str(lin.dropped_at))
            )
        elif lin.status == "added":
            text = lin.texts[lin.first] or ""
            para = lin.paragraphs[lin.first] or 0
            where = Location(para, docs[lin.first].paragraphs[para].line)
            msg = f"Commitment added in {docs[lin.first].source}: “{' '.join(text.split())}”"
            found.append(_rules.make("DD103", msg, None, where, _text.key(text), str(lin.first)))
    found.sort(key=lambda f: _rules.RANK[f.severity])
    return tuple(found)
