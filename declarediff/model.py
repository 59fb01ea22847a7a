"""Frozen values that flow from the parser to the renderers.

Everything here is immutable (``attrs.frozen``) and holds tuples, never lists,
so a :class:`Comparison` can be cached, hashed, pickled and shared between
threads or processes.  Nothing in this module reads files or computes
alignments: it only describes results and turns them into plain records
(:meth:`Comparison.to_dict`), the JSON contract ``declarediff/1``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Literal

import attrs

from declarediff._version import __version__

SCHEMA = "declarediff/1"
TOOL_NAME = "declarediff"


def tool() -> dict[str, str]:
    """The ``tool`` record of the JSON contracts: which program (and version) wrote them."""
    return {"name": TOOL_NAME, "version": __version__}


ParagraphKind = Literal["paragraph", "heading"]
PairKind = Literal["equal", "modified", "moved", "split", "merged", "inserted", "deleted"]
OpKind = Literal["equal", "delete", "insert"]

# How a comparison shows itself in a notebook, by MIME type ("text/html"): the report side
# registers its views here (declarediff.report), so that the model never imports a renderer.
VIEWS: dict[str, Callable[[Comparison], str]] = {}

# The paragraphs of a split or merged pair are joined with this into the one text of each side
# that its ops (the inline diff) cover.
JOIN = "\n"

PAIR_KINDS: tuple[PairKind, ...] = (
    "equal",
    "modified",
    "moved",
    "split",
    "merged",
    "inserted",
    "deleted",
)


@attrs.frozen
class Sentence:
    """One sentence of a paragraph: its text and its offsets in the paragraph's text."""

    text: str
    start: int
    end: int


@attrs.frozen
class Paragraph:
    """One paragraph (or heading) of a document.

    ``text`` is the original text, reflowed (hard wraps joined), without its
    label; ``label`` is the number as printed (``"12."``, ``"(a)"``, ``"第3条"``)
    or ``None``.  ``key`` is the normalised comparison key; it is never shown.
    ``line`` and ``end_line`` are the 1-based source lines the paragraph spans.
    """

    index: int
    label: str | None
    text: str
    line: int
    end_line: int
    kind: ParagraphKind = "paragraph"
    section: str | None = None
    sentences: tuple[Sentence, ...] = ()
    key: str = ""
    words: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The paragraph as a JSON record (contract ``declarediff/1``)."""
        return {
            "index": self.index,
            "label": self.label,
            "text": self.text,
            "line": self.line,
            "end_line": self.end_line,
            "kind": self.kind,
            "section": self.section,
            "words": self.words,
            "sentences": [{"start": s.start, "end": s.end} for s in self.sentences],
        }


@attrs.frozen(repr=False)
class Document:
    """A parsed document: where it came from and its paragraphs in order."""

    source: str
    paragraphs: tuple[Paragraph, ...]
    title: str | None = None

    def __repr__(self) -> str:
        """``<Document 'a.txt' paragraphs=70 words=5,123>``: short, whatever the document's size."""
        return f"<Document {self.source!r} paragraphs={len(self.paragraphs)} words={self.words}>"

    @property
    def words(self) -> int:
        """Words in the document (each CJK character counts as one word)."""
        return sum(p.words for p in self.paragraphs)

    def to_dict(self, items: Callable[[Iterable[Any]], Any] = list) -> dict[str, Any]:
        """The document as a JSON record (contract ``declarediff/1``).

        ``items`` makes the list of paragraph records from a generator of them (a
        streaming writer passes one that encodes them one at a time).
        """
        return {
            "source": self.source,
            "title": self.title,
            "words": self.words,
            "paragraphs": items(p.to_dict() for p in self.paragraphs),
        }


@attrs.frozen
class InlineOp:
    """One run of a word-level diff: kept, deleted or inserted text."""

    op: OpKind
    text: str

    def to_dict(self) -> dict[str, str]:
        """The op as a JSON record."""
        return {"op": self.op, "text": self.text}


@attrs.frozen
class Pair:
    """An aligned group of paragraphs: old indices, new indices, and how they relate.

    Every paragraph of both documents is in exactly one pair.  ``kind`` is one
    of :data:`PAIR_KINDS`.  ``moved`` is true when the pair is out of the
    documents' common order (always for kind ``moved``; possibly for a split or
    merge); ``changed`` is true when the texts differ after normalisation;
    ``renumbered`` when the labels differ.  ``ops`` is the word-level diff of
    the old texts against the new texts (joined by a newline), cleaned up for
    reading; joining the ``equal``+``delete`` runs gives the old text and the
    ``equal``+``insert`` runs the new text, exactly.
    """

    kind: PairKind
    old: tuple[int, ...]
    new: tuple[int, ...]
    score: float
    moved: bool = False
    changed: bool = False
    renumbered: bool = False
    ops: tuple[InlineOp, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The pair as a JSON record (contract ``declarediff/1``)."""
        return {
            "kind": self.kind,
            "old": list(self.old),
            "new": list(self.new),
            "score": round(self.score, 4),
            "moved": self.moved,
            "changed": self.changed,
            "renumbered": self.renumbered,
            "ops": [op.to_dict() for op in self.ops],
        }


Severity = Literal["error", "warning", "note"]
CommitmentStatus = Literal["kept", "modified", "weakened", "strengthened", "dropped", "added"]


@attrs.frozen
class Figure:
    """A typed number in a text: ``percent``, ``money``, ``year`` or ``count``.

    ``text`` is the figure as printed; ``value`` the number it states (scaled:
    ``$600 billion`` is 6e11) when it is written in digits; ``context`` up to
    three words after it (``of gdp annually``), which pair figures across versions.
    ``start``/``end`` are offsets in the paragraph's text (-1 when unknown).
    """

    type: str
    text: str
    value: float | None
    start: int
    end: int
    paragraph: int
    sentence: int
    context: str


@attrs.frozen
class FigureChange:
    """A figure that changed, appeared (``old`` None) or disappeared (``new`` None)."""

    type: str
    old: str | None
    new: str | None
    old_paragraph: int | None
    new_paragraph: int | None
    context: str
    old_line: int | None = None
    new_line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The change as a JSON record (contract ``declarediff/1``)."""
        return {
            "type": self.type,
            "old": self.old,
            "new": self.new,
            "old_paragraph": self.old_paragraph,
            "new_paragraph": self.new_paragraph,
            "context": self.context,
            "old_line": self.old_line,
            "new_line": self.new_line,
        }


@attrs.frozen
class Clause:
    """A sentence of one document as a commitment: where it stands and what kind it is."""

    paragraph: int
    sentence: int
    text: str
    line: int
    cls: str
    negated: bool = False
    specific: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The clause as a JSON record."""
        return {
            "paragraph": self.paragraph,
            "sentence": self.sentence,
            "text": self.text,
            "line": self.line,
            "class": self.cls,
            "negated": self.negated,
            "specific": self.specific,
        }


@attrs.frozen
class Evidence:
    """Why a commitment got its status: the sentences of the other document that carry it
    (for a dropped or added one, the closest), their similarity to it, the share of its
    weight they hold, and its heaviest words they lack."""

    carriers: tuple[Clause, ...] = ()
    similarity: float = 0.0
    coverage: float = 0.0
    lacks: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The evidence as a JSON record."""
        return {
            "carriers": [c.to_dict() for c in self.carriers],
            "similarity": self.similarity,
            "coverage": self.coverage,
            "lacks": list(self.lacks),
        }


@attrs.frozen
class Commitment:
    """What became of a commitment between two versions.

    ``status`` is kept, modified, weakened, strengthened or dropped for a
    commitment of the old document, and added for one of the new document
    that the old one did not carry.  ``cls`` is the class of the old clause
    (of the new one for added); ``reasons`` say why, in words.
    """

    status: CommitmentStatus
    cls: str
    old: Clause | None
    new: Clause | None
    score: float
    reasons: tuple[str, ...] = ()
    evidence: Evidence = Evidence()

    def to_dict(self) -> dict[str, Any]:
        """The commitment as a JSON record (contract ``declarediff/1``)."""
        return {
            "status": self.status,
            "class": self.cls,
            "old": self.old.to_dict() if self.old else None,
            "new": self.new.to_dict() if self.new else None,
            "score": round(self.score, 4),
            "reasons": list(self.reasons),
            "evidence": self.evidence.to_dict(),
        }


@attrs.frozen
class WatchCount:
    """How often a watched phrase occurs in each version, and the index of the first
    paragraph where it occurs in each (None where it does not)."""

    phrase: str
    old: int
    new: int
    old_first: int | None = None
    new_first: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The count as a JSON record (contract ``declarediff/1``)."""
        return {"phrase": self.phrase, "old": self.old, "new": self.new}


@attrs.frozen
class Location:
    """Where a finding stands in one document: paragraph index and 1-based line."""

    paragraph: int
    line: int

    def to_dict(self) -> dict[str, int]:
        """The location as a JSON record."""
        return {"paragraph": self.paragraph, "line": self.line}


@attrs.frozen
class Finding:
    """A reportable event with a stable code (``DD101``) and name (``commitment-dropped``).

    ``fingerprint`` is built from content, not line numbers, so that it
    survives re-wrapping, renumbering and edits elsewhere in the document.
    """

    code: str
    name: str
    severity: Severity
    message: str
    old: Location | None
    new: Location | None
    fingerprint: str

    def to_dict(self) -> dict[str, Any]:
        """The finding as a JSON record (contract ``declarediff/1``)."""
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "old": self.old.to_dict() if self.old else None,
            "new": self.new.to_dict() if self.new else None,
            "fingerprint": self.fingerprint,
        }


@attrs.frozen
class Stats:
    """Counts for a comparison's header: words on each side and the share changed."""

    old_words: int
    new_words: int
    deleted_words: int
    inserted_words: int
    kinds: tuple[tuple[PairKind, int], ...]

    @property
    def changed(self) -> float:
        """Share of all words (old plus new) that were deleted or inserted, 0..1."""
        total = self.old_words + self.new_words
        if total == 0:
            return 0.0
        return min(1.0, (self.deleted_words + self.inserted_words) / total)

    def count(self, kind: PairKind) -> int:
        """How many pairs are of this kind."""
        return dict(self.kinds).get(kind, 0)

    def to_dict(self) -> dict[str, Any]:
        """The statistics as a JSON record."""
        return {
            "old_words": self.old_words,
            "new_words": self.new_words,
            "deleted_words": self.deleted_words,
            "inserted_words": self.inserted_words,
            "changed": round(self.changed, 4),
            "kinds": dict(self.kinds),
        }


@attrs.frozen(repr=False)
class Comparison:
    """Everything a renderer needs about two documents: the aligned pairs and the analyses.

    ``commitments`` says what became of each commitment, ``figures`` lists the
    figures that changed, ``watch`` counts the watched phrases, and
    ``findings`` are the reportable events, most severe first.
    """

    old: Document
    new: Document
    pairs: tuple[Pair, ...]
    stats: Stats
    commitments: tuple[Commitment, ...] = ()
    figures: tuple[FigureChange, ...] = ()
    watch: tuple[WatchCount, ...] = ()
    findings: tuple[Finding, ...] = ()
    # Set when a baseline was applied: the findings it accepted, and its entries (as
    # records) that matched nothing.
    suppressed: tuple[Finding, ...] = ()
    stale_baseline: tuple[dict[str, str], ...] = ()
    baseline_applied: bool = False

    def __repr__(self) -> str:
        """``<Comparison old='a.txt' new='b.txt' pairs=120 findings=7>``: one short line.

        The whole value (every paragraph, pair and finding) is in :meth:`to_dict`; a
        notebook shows the report itself (:meth:`_repr_html_`).
        """
        parts = [
            f"old={self.old.source!r}",
            f"new={self.new.source!r}",
            f"paragraphs={len(self.old.paragraphs)}->{len(self.new.paragraphs)}",
            f"pairs={len(self.pairs)}",
            f"findings={len(self.findings)}",
        ]
        if self.baseline_applied:
            parts.append(f"suppressed={len(self.suppressed)}")
            parts.append(f"stale={len(self.stale_baseline)}")
        return f"<Comparison {' '.join(parts)}>"

    def _repr_html_(self) -> str | None:
        """The HTML report as a fragment: a notebook cell ending in a comparison shows it.

        The view is registered in :data:`VIEWS` by :mod:`declarediff.report` (imported with
        the package's public names); without it a notebook falls back to the short repr.
        """
        view = VIEWS.get("text/html")
        return None if view is None else view(self)

    def to_dict(self, items: Callable[[Iterable[Any]], Any] = list) -> dict[str, Any]:
        """The comparison as the JSON contract ``declarediff/1`` (plain dicts and lists).

        ``items`` makes each long list (paragraphs, pairs, commitments, figures,
        findings) from a generator of its records; the JSON writer passes one that
        encodes them one at a time, so that the whole record never exists at once.
        """
        extra: dict[str, Any] = {}
        if self.baseline_applied:
            extra["baseline"] = {
                "suppressed": [f.to_dict() for f in self.suppressed],
                "stale": list(self.stale_baseline),
            }
        return {
            "schema": SCHEMA,
            "tool": tool(),
            "old": self.old.to_dict(items),
            "new": self.new.to_dict(items),
            "stats": self.stats.to_dict(),
            "pairs": items(p.to_dict() for p in self.pairs),
            "commitments": items(c.to_dict() for c in self.commitments),
            "figures": items(f.to_dict() for f in self.figures),
            "watch": [w.to_dict() for w in self.watch],
            "findings": items(f.to_dict() for f in self.findings),
            **extra,
        }
