"""Frozen values that flow from the parser to the renderers.

Everything here is immutable (``attrs.frozen``) and holds tuples, strings,
numbers and literal strings for kinds and classes, never lists or dicts, so every
value (a :class:`Comparison` too) can be cached, hashed, pickled and shared between
threads or processes.  Nothing in this module reads files, computes alignments or
writes records: the JSON contracts are made in :mod:`declarediff.report.contract`
(:meth:`Comparison.to_dict` and :meth:`History.to_dict` call it through
:data:`declarediff.registry.VALUES`, so the model never imports the report side).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Literal

import attrs

from declarediff.registry import VALUES
from declarediff.text import key

SCHEMA = "declarediff/1"
HISTORY_SCHEMA = "declarediff-history/1"


ParagraphKind = Literal["paragraph", "heading"]
PairKind = Literal["equal", "modified", "moved", "split", "merged", "inserted", "deleted"]
OpKind = Literal["equal", "delete", "insert"]

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


@attrs.frozen
class InlineOp:
    """One run of a word-level diff: kept, deleted or inserted text."""

    op: OpKind
    text: str


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


@attrs.frozen
class Evidence:
    """Why a commitment got its status: the sentences of the other document that carry it
    (for a dropped or added one, the closest), their similarity to it, the share of its
    weight they hold, and its heaviest words they lack."""

    carriers: tuple[Clause, ...] = ()
    similarity: float = 0.0
    coverage: float = 0.0
    lacks: tuple[str, ...] = ()


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


@attrs.frozen
class WatchCount:
    """How often a watched phrase occurs in each version, and the index of the first
    paragraph where it occurs in each (None where it does not)."""

    phrase: str
    old: int
    new: int
    old_first: int | None = None
    new_first: int | None = None


@attrs.frozen
class Location:
    """Where a finding stands in one document: paragraph index and 1-based line."""

    paragraph: int
    line: int


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


@attrs.frozen
class BaselineEntry:
    """One accepted finding of a baseline file: its fingerprint and code, the finding's name
    and an excerpt of its message (for people reading the file), and a reason written by
    hand (empty when none)."""

    fingerprint: str
    code: str
    name: str = ""
    excerpt: str = ""
    reason: str = ""


@attrs.frozen
class Baseline:
    """What a baseline did to a comparison: the findings it accepted (left out of
    :attr:`Comparison.findings`) and its entries that match no finding any more (stale)."""

    suppressed: tuple[Finding, ...] = ()
    stale: tuple[BaselineEntry, ...] = ()


@attrs.frozen(repr=False)
class Comparison:
    """Everything a renderer needs about two documents: the aligned pairs and the analyses.

    ``commitments`` says what became of each commitment, ``figures`` lists the
    figures that changed, ``watch`` counts the watched phrases, and
    ``findings`` are the reportable events, most severe first.  ``baseline`` is set
    when a baseline was applied (:func:`declarediff.baseline.apply`).
    """

    old: Document
    new: Document
    pairs: tuple[Pair, ...]
    stats: Stats
    commitments: tuple[Commitment, ...] = ()
    figures: tuple[FigureChange, ...] = ()
    watch: tuple[WatchCount, ...] = ()
    findings: tuple[Finding, ...] = ()
    baseline: Baseline | None = None

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
        if self.baseline is not None:
            parts.append(f"suppressed={len(self.baseline.suppressed)}")
            parts.append(f"stale={len(self.baseline.stale)}")
        return f"<Comparison {' '.join(parts)}>"

    def _repr_html_(self) -> str:
        """The HTML report as a fragment: a notebook cell ending in a comparison shows it."""
        view: Callable[[Comparison], str] = VALUES.get("comparison-html")
        return view(self)

    def to_dict(self, items: Callable[[Iterable[Any]], Any] = list) -> dict[str, Any]:
        """The comparison as the JSON contract ``declarediff/1`` (plain dicts and lists).

        ``items`` makes each long list (paragraphs, pairs, commitments, figures,
        findings) from a generator of its records; the JSON writer passes one that
        encodes them one at a time, so that the whole record never exists at once.
        The records are made in one place, :mod:`declarediff.report.contract`.
        """
        record: Callable[..., dict[str, Any]] = VALUES.get("comparison-record")
        return record(self, items)


# -- a series of editions ---------------------------------------------------------------

LineageStatus = Literal["kept", "dropped", "added", "intermittent"]


@attrs.frozen
class Change:
    """How a lineage's clause changed from one edition to the next."""

    edition: int
    status: str
    reasons: tuple[str, ...] = ()


@attrs.frozen
class Merge:
    """In ``edition`` this clause is carried by the same sentence as the clauses ``with_``."""

    edition: int
    with_: tuple[str, ...]


@attrs.frozen
class Lineage:
    """One clause followed through the editions.

    ``texts`` holds the clause's sentence in each edition (None where absent; the
    sentences joined where a split spread it over several), ``sentences`` how many
    sentences carry it there, ``paragraphs`` the paragraph index of the first;
    ``merges`` the editions where one sentence carries it together with other clauses;
    ``dropped_at`` is the first edition without it after its last appearance, if any.
    """

    id: str
    texts: tuple[str | None, ...]
    paragraphs: tuple[int | None, ...]
    presence: tuple[bool, ...]
    first: int
    last: int
    status: LineageStatus
    cls: str
    dropped_at: int | None
    changes: tuple[Change, ...] = ()
    merges: tuple[Merge, ...] = ()
    sentences: tuple[int, ...] = ()

    def reworded(self, edition: int) -> bool:
        """Whether the clause's text differs from its previous appearance."""
        text = self.texts[edition]
        if text is None:
            return False
        before = [t for t in self.texts[:edition] if t is not None]
        return bool(before) and key(before[-1]) != key(text)


@attrs.frozen(repr=False)
class History:
    """The editions, their lineages (dropped and added first), and the findings."""

    documents: tuple[Document, ...]
    clauses: tuple[Lineage, ...]
    findings: tuple[Finding, ...]
    comparisons: tuple[Comparison, ...] = ()

    def __repr__(self) -> str:
        """``<History editions=5 clauses=40 findings=3>``: one short line."""
        return (
            f"<History editions={len(self.documents)} clauses={len(self.clauses)} "
            f"findings={len(self.findings)}>"
        )

    def to_dict(self) -> dict[str, Any]:
        """The history as the JSON contract ``declarediff-history/1`` (records made in
        :mod:`declarediff.report.contract`)."""
        record: Callable[[History], dict[str, Any]] = VALUES.get("history-record")
        return record(self)
