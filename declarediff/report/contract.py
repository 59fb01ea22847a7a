"""The JSON contracts ``declarediff/1`` and ``declarediff-history/1``: model values as plain
records (dicts, lists, strings, numbers), made in this one place.

Each function takes one model value and returns its record; the key order is the
contract's (docs/json.md, docs/history.md).  :meth:`Comparison.to_dict` and
:meth:`History.to_dict` reach :func:`comparison` and :func:`history` through
:data:`declarediff.registry.VALUES`; the JSON, HTML and timeline renderers use them too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from declarediff._version import __version__
from declarediff.model import (
    HISTORY_SCHEMA,
    SCHEMA,
    Baseline,
    BaselineEntry,
    Change,
    Clause,
    Commitment,
    Comparison,
    Document,
    Evidence,
    FigureChange,
    Finding,
    History,
    InlineOp,
    Lineage,
    Location,
    Merge,
    Pair,
    Paragraph,
    Stats,
    WatchCount,
)

TOOL_NAME = "declarediff"
Items = Callable[[Iterable[Any]], Any]
# A list of more records than this inside a record (a paragraph's sentences, a pair's ops) is
# made by ``items`` and so written piece by piece; a shorter one is encoded with its record,
# which is faster.
STREAMED = 1000


def tool() -> dict[str, str]:
    """The ``tool`` record of both contracts: which program (and version) wrote them."""
    return {"name": TOOL_NAME, "version": __version__}


def paragraph(p: Paragraph, items: Items = list) -> dict[str, Any]:
    """A paragraph's record; ``items`` makes its list of sentence spans."""
    return {
        "index": p.index,
        "label": p.label,
        "text": p.text,
        "line": p.line,
        "end_line": p.end_line,
        "kind": p.kind,
        "section": p.section,
        "words": p.words,
        "sentences": (items if len(p.sentences) > STREAMED else list)(
            {"start": s.start, "end": s.end} for s in p.sentences
        ),
    }


def document(d: Document, items: Items = list) -> dict[str, Any]:
    """A document's record; ``items`` makes its list of paragraph records."""
    return {
        "source": d.source,
        "title": d.title,
        "words": d.words,
        "paragraphs": items(paragraph(p, items) for p in d.paragraphs),
    }


def op(o: InlineOp) -> dict[str, str]:
    """One run of a word-level diff."""
    return {"op": o.op, "text": o.text}


def pair(p: Pair, items: Items = list) -> dict[str, Any]:
    """An aligned pair's record; ``items`` makes a long list of ops."""
    return {
        "kind": p.kind,
        "old": list(p.old),
        "new": list(p.new),
        "score": round(p.score, 4),
        "moved": p.moved,
        "changed": p.changed,
        "renumbered": p.renumbered,
        "ops": (items if len(p.ops) > STREAMED else list)(op(o) for o in p.ops),
    }


def figure_change(f: FigureChange) -> dict[str, Any]:
    """A changed figure's record."""
    return {
        "type": f.type,
        "old": f.old,
        "new": f.new,
        "old_paragraph": f.old_paragraph,
        "new_paragraph": f.new_paragraph,
        "context": f.context,
        "old_line": f.old_line,
        "new_line": f.new_line,
    }


def clause(c: Clause) -> dict[str, Any]:
    """A commitment clause's record."""
    return {
        "paragraph": c.paragraph,
        "sentence": c.sentence,
        "text": c.text,
        "line": c.line,
        "class": c.cls,
        "negated": c.negated,
        "specific": c.specific,
    }


def evidence(e: Evidence) -> dict[str, Any]:
    """A commitment's evidence."""
    return {
        "carriers": [clause(c) for c in e.carriers],
        "similarity": e.similarity,
        "coverage": e.coverage,
        "lacks": list(e.lacks),
    }


def commitment(c: Commitment) -> dict[str, Any]:
    """What became of a commitment."""
    return {
        "status": c.status,
        "class": c.cls,
        "old": clause(c.old) if c.old else None,
        "new": clause(c.new) if c.new else None,
        "score": round(c.score, 4),
        "reasons": list(c.reasons),
        "evidence": evidence(c.evidence),
    }


def watch_count(w: WatchCount) -> dict[str, Any]:
    """A watched phrase's counts."""
    return {"phrase": w.phrase, "old": w.old, "new": w.new}


def location(loc: Location | None) -> dict[str, int] | None:
    """Where a finding stands in one document."""
    return None if loc is None else {"paragraph": loc.paragraph, "line": loc.line}


def finding(f: Finding) -> dict[str, Any]:
    """A finding's record."""
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity,
        "message": f.message,
        "old": location(f.old),
        "new": location(f.new),
        "fingerprint": f.fingerprint,
    }


def stats(s: Stats) -> dict[str, Any]:
    """The comparison's counts."""
    return {
        "old_words": s.old_words,
        "new_words": s.new_words,
        "deleted_words": s.deleted_words,
        "inserted_words": s.inserted_words,
        "changed": round(s.changed, 4),
        "kinds": dict(s.kinds),
    }


def baseline_entry(e: BaselineEntry) -> dict[str, str]:
    """A baseline entry, as in the baseline file (``reason`` only when set)."""
    out = {"fingerprint": e.fingerprint, "code": e.code, "name": e.name, "excerpt": e.excerpt}
    if e.reason:
        out["reason"] = e.reason
    return out


def baseline(b: Baseline) -> dict[str, Any]:
    """What a baseline did: the findings it accepted and its stale entries."""
    return {
        "suppressed": [finding(f) for f in b.suppressed],
        "stale": [baseline_entry(e) for e in b.stale],
    }


def comparison(c: Comparison, items: Items = list) -> dict[str, Any]:
    """The comparison as the contract ``declarediff/1``.

    ``items`` makes each long list (paragraphs, pairs, commitments, figures, findings)
    from a generator of its records; the JSON writer passes one that encodes them one at
    a time, so that the whole record never exists at once.
    """
    extra = {} if c.baseline is None else {"baseline": baseline(c.baseline)}
    return {
        "schema": SCHEMA,
        "tool": tool(),
        "old": document(c.old, items),
        "new": document(c.new, items),
        "stats": stats(c.stats),
        "pairs": items(pair(p, items) for p in c.pairs),
        "commitments": items(commitment(x) for x in c.commitments),
        "figures": items(figure_change(f) for f in c.figures),
        "watch": [watch_count(w) for w in c.watch],
        "findings": items(finding(f) for f in c.findings),
        **extra,
    }


def change(c: Change) -> dict[str, Any]:
    """How a lineage changed in one edition."""
    return {"edition": c.edition, "status": c.status, "reasons": list(c.reasons)}


def merge(m: Merge) -> dict[str, Any]:
    """An edition where one sentence carries the clause with others."""
    return {"edition": m.edition, "with": list(m.with_)}


def lineage(x: Lineage) -> dict[str, Any]:
    """One clause followed through the editions."""
    return {
        "id": x.id,
        "texts": list(x.texts),
        "presence": list(x.presence),
        "first": x.first,
        "last": x.last,
        "status": x.status,
        "class": x.cls,
        "dropped_at": x.dropped_at,
        "paragraphs": list(x.paragraphs),
        "sentences": list(x.sentences),
        "changes": [change(c) for c in x.changes],
        "merges": [merge(m) for m in x.merges],
    }


def history(h: History) -> dict[str, Any]:
    """The series as the contract ``declarediff-history/1``."""
    return {
        "schema": HISTORY_SCHEMA,
        "tool": tool(),
        "documents": [{"source": d.source, "title": d.title} for d in h.documents],
        "clauses": [lineage(c) for c in h.clauses],
        "findings": [finding(f) for f in h.findings],
    }
