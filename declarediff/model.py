"""Frozen values that flow from the parser to the renderers.

Everything here is immutable (``attrs.frozen``) and holds tuples, never lists,
so a :class:`Comparison` can be cached, hashed, pickled and shared between
threads or processes.  Nothing in this module reads files or computes
alignments: it only describes results and turns them into plain records
(:meth:`Comparison.to_dict`), the JSON contract ``declarediff/1``.
"""

from __future__ import annotations

from typing import Any, Literal

import attrs

SCHEMA = "declarediff/1"

ParagraphKind = Literal["paragraph", "heading"]
PairKind = Literal["equal", "modified", "moved", "split", "merged", "inserted", "deleted"]
OpKind = Literal["equal", "delete", "insert"]

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


@attrs.frozen
class Document:
    """A parsed document: where it came from and its paragraphs in order."""

    source: str
    paragraphs: tuple[Paragraph, ...]
    title: str | None = None

    @property
    def words(self) -> int:
        """Words in the document (each CJK character counts as one word)."""
        return sum(p.words for p in self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        """The document as a JSON record (contract ``declarediff/1``)."""
        return {
            "source": self.source,
            "title": self.title,
            "words": self.words,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
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


@attrs.frozen
class Comparison:
    """Everything a renderer needs about two documents: the aligned pairs and the analyses.

    ``commitments``, ``figures``, ``watch`` and ``findings`` are filled by the
    analysis stages; each item must offer ``to_dict()``.
    """

    old: Document
    new: Document
    pairs: tuple[Pair, ...]
    stats: Stats
    commitments: tuple[Any, ...] = ()
    figures: tuple[Any, ...] = ()
    watch: tuple[Any, ...] = ()
    findings: tuple[Any, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The comparison as the JSON contract ``declarediff/1`` (plain dicts and lists)."""
        return {
            "schema": SCHEMA,
            "old": self.old.to_dict(),
            "new": self.new.to_dict(),
            "stats": self.stats.to_dict(),
            "pairs": [p.to_dict() for p in self.pairs],
            "commitments": [c.to_dict() for c in self.commitments],
            "figures": [f.to_dict() for f in self.figures],
            "watch": [w.to_dict() for w in self.watch],
            "findings": [f.to_dict() for f in self.findings],
        }
