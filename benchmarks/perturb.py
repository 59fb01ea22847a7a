"""Seeded edits of real paragraphs, with the true alignment of the result.

:func:`perturb` takes the paragraphs of one real document (and paragraphs of
*other* documents to insert) and builds an old text, a new text and the list
of true links between their parsed paragraphs::

    case = perturb(paragraphs, foreign, seed=7)
    old_text, new_text, truth = case
    # truth: [("equal", (0,), (0,)), ("split", (3,), (3, 4)), ("inserted", (), (9,)), ...]

Indices are those of :func:`declarediff.parse` (0-based, every parsed
paragraph counts).  The documents have no title and no headings: every block
is one paragraph, numbered (``12. ...``) or not, so block *k* is paragraph
*k*.  Both texts are parsed before they are returned and a :class:`ValueError`
is raised if the parser does not see exactly the paragraphs that were written.

Edits (rates in :class:`Rates`):

* delete a paragraph;
* insert a paragraph from another document, one that shares almost no word
  4-grams with the old document (so it is genuinely new);
* word edits in place: replace, delete or insert words, up to 30% of them;
* split a paragraph at sentence boundaries into two or three;
* merge two consecutive paragraphs;
* move a paragraph (optionally with word edits) to another place at least a
  few paragraphs away, such that the unmoved paragraphs are the one longest
  chain in common order by a clear margin (so "which one moved" is defined);
* renumber the new document (shift every label by one; documents of more
  than 999 paragraphs are not numbered, as labels have at most three digits);
* hard-wrap paragraphs of the new document at a random width 50-80.

True kinds: ``equal`` (same text, possibly renumbered or re-wrapped),
``modified`` (word edits in place), ``moved`` (out of the common order, with
or without edits), ``split``, ``merged``, ``inserted``, ``deleted``.
Split, merge and move only touch paragraphs of at least 25 words.

Everything is driven by one :class:`random.Random` seeded with ``seed``, so a
case is a pure function of its arguments.
"""

from __future__ import annotations

import bisect
import random
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import declarediff as dd

Link = tuple[str, tuple[int, ...], tuple[int, ...]]

_BULLET_START = re.compile(r"^[-–—•*][ \t]+")
# Paragraphs shorter than this are never split, merged or moved.
MIN_STRUCT_WORDS = 25
# Each piece of a split keeps at least this many words.
MIN_PIECE_WORDS = 6
# Paragraphs shorter than this get no word edits.
MIN_EDIT_WORDS = 5
# A moved paragraph lands at least this many old positions from where it was.
MIN_MOVE_DISTANCE = 3
# Documents longer than this are not numbered (labels have at most three digits).
MAX_LABEL = 999
# An inserted paragraph may share at most this share of its word 4-grams with the old text.
MAX_FOREIGN_OVERLAP = 0.2

_LABEL = re.compile(r"^(?:\d{1,3}[.,]|\([ivx]{1,5}\)|\([a-z]\))\s*")
_WORD = re.compile(r"\w+")
_VOCAB_WORD = re.compile(r"^[a-z]{3,}$")
# A continuation line that might be read as a paragraph label or a bullet; a
# re-wrap that produces one is rejected (conservative on purpose).
_LABELISH = re.compile(r"^(?:[(（]?[0-9A-Za-z０-９]{1,6}[.)．）,]|[-*•▪◦‣–—・])")


@dataclass(frozen=True)
class Rates:
    """How often each edit happens; per old paragraph unless noted."""

    delete: float = 0.05
    insert: float = 0.05  # inserted paragraphs per old paragraph
    modify: float = 0.12
    move: float = 0.06
    move_edit: float = 0.5  # share of moved paragraphs that also get word edits
    split: float = 0.05
    three_way: float = 0.3  # share of splits into three pieces (when possible)
    merge: float = 0.05
    struct_edit: float = 0.0  # share of splits and merges that also get word edits
    max_edit: float = 0.30  # word edits touch at most this share of a paragraph's words
    numbered: float = 0.75  # probability that the documents are numbered
    renumber: float = 0.5  # probability that the new numbering is shifted by one
    rewrap: float = 0.3  # share of new paragraphs hard-wrapped at the document's width
    widths: tuple[int, int] = (50, 80)


class Case(NamedTuple):
    """A generated comparison: the two texts and the true links (parsed indices)."""

    old_text: str
    new_text: str
    truth: list[Link]


@dataclass
class _Group:
    """Consecutive new paragraphs that come from one edit of old paragraphs."""

    kind: str
    old: tuple[int, ...]
    texts: list[str]
    pos: float  # sort key in the new document
    tie: float = 0.0
    home: float = 0.0  # where a moved group would stand if it had not moved
    extra: dict[str, str] = field(default_factory=dict)


# --- corpus --------------------------------------------------------------------------


def corpus_dir() -> Path:
    """``../shared/corpus`` next to the repository (never copied into it)."""
    return Path(__file__).resolve().parents[2] / "shared" / "corpus"


def strip_label(text: str) -> str:
    """The paragraph without a leading label such as ``12. ``, ``11,``, ``24.`` or ``(iv)``."""
    return _LABEL.sub("", " ".join(text.split()), count=1)


def usable(body: str) -> bool:
    """True for a body the generator can use: a sentence-ending, label-free paragraph."""
    if len(body.split()) < 8 or not body.endswith((".", ";", ":", "!", "?")):
        return False
    doc = dd.parse(body)
    return (
        len(doc.paragraphs) == 1
        and doc.paragraphs[0].label is None
        and doc.paragraphs[0].text == body
    )


def load_corpus(root: Path | None = None) -> dict[str, list[str]]:
    """Paragraph bodies of each corpus document, keyed by ``g7/2023-hiroshima`` etc.

    Line 1 (the title), headings, multi-line blocks (bullet lists) and
    fragments are left out; labels are stripped (the generator numbers its own
    documents); duplicates within a document are dropped.
    """
    root = root or corpus_dir()
    files = sorted(root.glob("*/*.txt"))
    if not files:
        raise FileNotFoundError(f"no corpus documents under {root}")
    out: dict[str, list[str]] = {}
    for path in files:
        blocks = path.read_text(encoding="utf-8").split("\n\n")
        lines = blocks[0].split("\n", 1)
        blocks[0] = lines[1] if len(lines) > 1 else ""  # line 1 is the title
        seen: set[str] = set()
        bodies: list[str] = []
        for raw in blocks:
            block = raw.strip()
            if not block or "\n" in block:
                continue
            body = strip_label(block)
            if body.casefold() in seen or not usable(body):
                continue
            seen.add(body.casefold())
            bodies.append(body)
        out[f"{path.parent.name}/{path.stem}"] = bodies
    return out


def vocabulary(paragraphs: Sequence[str]) -> list[str]:
    """Lower-case alphabetic words (3+ letters) of ``paragraphs``, sorted, for word edits."""
    words: set[str] = set()
    for p in paragraphs:
        words.update(w for w in p.split() if _VOCAB_WORD.match(w))
    return sorted(words)


def _fold(text: str) -> str:
    """Roughly the parser's comparison key: case, whitespace and hyphens folded."""
    return " ".join(text.casefold().replace("-", "").split())


def _shingles(text: str) -> set[tuple[str, ...]]:
    toks = _WORD.findall(text.casefold())
    return {tuple(toks[k : k + 4]) for k in range(len(toks) - 3)}


# --- single-paragraph edits -------------------------------------------------------------


def edit_words(body: str, rng: random.Random, vocab: Sequence[str], max_share: float) -> str:
    """Replace, delete or insert words: between one and ``max_share`` of the words.

    The first and last words are never touched (the last carries the final
    punctuation, the first must not become a label).
    """
    words = body.split(" ")
    n = len(words)
    if n < 3:
        return body
    budget = rng.randint(1, max(1, int(max_share * n)))
    for _ in range(budget):
        if len(words) < 3:
            break
        op = rng.choice(("replace", "replace", "delete", "insert"))
        k = rng.randrange(1, len(words) - 1)
        if op == "replace":
            new = rng.choice(vocab)
            while new == words[k].lower().strip(",.;:"):
                new = rng.choice(vocab)
            words[k] = new
        elif op == "delete" and len(words) > 3:
            del words[k]
        else:
            words.insert(k, rng.choice(vocab))
    out = " ".join(words)
    if _fold(out) == _fold(body):
        # Every edit cancelled out (rare): force one visible change.
        words.insert(rng.randrange(1, len(words)), rng.choice(vocab) + "x")
        out = " ".join(words)
    return out


def split_points(body: str) -> list[int]:
    """Offsets in ``body`` where a sentence starts and both sides keep enough words."""
    starts = [s.start for s in dd.split_sentences(body)][1:]
    return [
        c
        for c in starts
        if len(body[:c].split()) >= MIN_PIECE_WORDS and len(body[c:].split()) >= MIN_PIECE_WORDS
    ]


def split_body(body: str, rng: random.Random, three_way: float) -> list[str] | None:
    """Two (or three) pieces of ``body`` cut at sentence boundaries, or None."""
    points = split_points(body)
    if not points:
        return None
    if rng.random() < three_way:
        triples = [
            (a, b)
            for a in points
            for b in points
            if a < b and len(body[a:b].split()) >= MIN_PIECE_WORDS
        ]
        if triples:
            a, b = rng.choice(triples)
            return [body[:a].strip(), body[a:b].strip(), body[b:].strip()]
    c = rng.choice(points)
    return [body[:c].strip(), body[c:].strip()]


# --- moves --------------------------------------------------------------------------------


def _lis_through(seq: Sequence[float]) -> tuple[list[int], int]:
    """For each element, the longest strictly increasing subsequence through it; and the max."""

    def ending(values: Sequence[float]) -> list[int]:
        tails: list[float] = []
        out: list[int] = []
        for v in values:
            k = bisect.bisect_left(tails, v)
            if k == len(tails):
                tails.append(v)
            else:
                tails[k] = v
            out.append(k + 1)
        return out

    end = ending(seq)
    start = ending([-v for v in reversed(seq)])[::-1]
    through = [e + s - 1 for e, s in zip(end, start, strict=True)]
    return through, max(end, default=0)


def _layout(groups: list[_Group]) -> list[_Group]:
    return sorted(groups, key=lambda g: (g.pos, g.tie))


def _settle_moves(groups: list[_Group]) -> None:
    """Put back moves whose paragraph could belong to a longest common-order chain.

    A moved group must be off every maximum chain of links (ordered by first old
    index, compared by first new position) with a margin of two, so that the
    unmoved paragraphs are *the* common order and the move is unambiguous.
    """
    while True:
        ordered = _layout(groups)
        first_new: dict[int, int] = {}
        k = 0
        for g in ordered:
            first_new[id(g)] = k
            k += len(g.texts)
        linked = sorted((g for g in groups if g.old and g.texts), key=lambda g: g.old[0])
        through, best = _lis_through([first_new[id(g)] for g in linked])
        pairs = zip(linked, through, strict=True)
        bad = [g for g, t in pairs if g.kind == "moved" and t > best - 2]
        if not bad:
            return
        for g in bad:
            g.kind = "modified" if g.extra.get("edited") else "equal"
            g.pos, g.tie = g.home, 0.0


# --- documents ----------------------------------------------------------------------------


def _wrap(first: str, body: str, width: int) -> str | None:
    """``first + body`` hard-wrapped at ``width``, or None if a line would look like a label."""
    lines = textwrap.wrap(first + body, width=width, break_long_words=False, break_on_hyphens=True)
    if any(_LABELISH.match(line) for line in lines[1:]):
        return None
    return "\n".join(lines)


def render(
    bodies: Sequence[str],
    labels: Sequence[str | None],
    wrap: Sequence[int | None],
) -> str:
    """Blocks separated by blank lines: ``label body``, hard-wrapped at ``wrap[k]`` if set."""
    blocks = []
    for body, label, width in zip(bodies, labels, wrap, strict=True):
        first = f"{label} " if label else ""
        block = None
        if width is not None:
            for w in (width, width + 3, width - 3, width + 7):
                block = _wrap(first, body, w)
                if block is not None:
                    break
        blocks.append(block if block is not None else first + body)
    return "\n\n".join(blocks) + "\n"


def check(text: str, bodies: Sequence[str], labels: Sequence[str | None], what: str) -> None:
    """Raise :class:`ValueError` unless ``text`` parses to exactly these paragraphs."""
    doc = dd.parse(text, source=what)
    flat = dd.parse(render(bodies, labels, [None] * len(bodies)), source=what)
    if len(doc.paragraphs) != len(bodies) or len(flat.paragraphs) != len(bodies):
        raise ValueError(
            f"{what}: parsed {len(doc.paragraphs)} paragraphs "
            f"({len(flat.paragraphs)} unwrapped), wrote {len(bodies)}"
        )
    rows = zip(doc.paragraphs, flat.paragraphs, bodies, labels, strict=True)
    for k, (p, q, body, label) in enumerate(rows):
        if q.text != body or q.label != label or p.key != q.key or p.label != label:
            raise ValueError(f"{what}: paragraph {k} parsed as {p.label!r} {p.text[:60]!r}")


def perturb(
    paragraphs: Sequence[str],
    foreign: Sequence[str],
    seed: int,
    rates: Rates | None = None,
    vocab: Sequence[str] | None = None,
) -> Case:
    """Build ``(old_text, new_text, truth)`` from real paragraphs.

    ``paragraphs`` are the old document's paragraphs in order (a leading label
    such as ``12. `` is stripped; the generator numbers its documents itself).
    ``foreign`` are paragraphs of other documents, the pool for insertions.
    ``vocab`` are the words used by word edits (default: words of both lists).
    """
    rates = rates or Rates()
    rng = random.Random(seed)
    old = [strip_label(p) for p in paragraphs]
    if not old:
        raise ValueError("no paragraphs")
    vocab = list(vocab) if vocab else vocabulary([*old, *foreign])
    n = len(old)
    nwords = [len(b.split()) for b in old]

    # 1. One edit per old paragraph, decided in order.
    groups: list[_Group] = []
    taken: set[int] = set()
    for i in range(n):
        if i in taken:
            continue
        taken.add(i)
        r = rng.random()
        big = nwords[i] >= MIN_STRUCT_WORDS
        cut = rates.delete
        if r < cut:
            groups.append(_Group("deleted", (i,), [], float(i)))
            continue
        cut += rates.merge
        if r < cut:
            if big and i + 1 < n and nwords[i + 1] >= MIN_STRUCT_WORDS:
                taken.add(i + 1)
                # Merging two bullet points gives one point: the second loses its dash
                # (run into the text after a full stop it would be a bullet of its own).
                body = old[i] + " " + _BULLET_START.sub("", old[i + 1])
                if rng.random() < rates.struct_edit:
                    body = edit_words(body, rng, vocab, rates.max_edit)
                groups.append(_Group("merged", (i, i + 1), [body], float(i)))
                continue
            r = 1.0
        cut += rates.split
        if r < cut:
            pieces = split_body(old[i], rng, rates.three_way) if big else None
            if pieces:
                if rng.random() < rates.struct_edit:
                    pieces = [edit_words(p, rng, vocab, rates.max_edit) for p in pieces]
                groups.append(_Group("split", (i,), pieces, float(i)))
                continue
            r = 1.0
        cut += rates.move
        if r < cut:
            if big:
                edited = rng.random() < rates.move_edit
                body = edit_words(old[i], rng, vocab, rates.max_edit) if edited else old[i]
                g = _Group("moved", (i,), [body], float(i), home=float(i))
                g.extra["edited"] = "1" if edited else ""
                candidates = [t for t in range(-1, n) if abs(t + 0.5 - i) >= MIN_MOVE_DISTANCE]
                if candidates:
                    g.pos, g.tie = rng.choice(candidates) + 0.5, rng.random()
                    groups.append(g)
                    continue
            r = 1.0
        cut += rates.modify
        if r < cut and nwords[i] >= MIN_EDIT_WORDS:
            groups.append(
                _Group("modified", (i,), [edit_words(old[i], rng, vocab, rates.max_edit)], float(i))
            )
            continue
        groups.append(_Group("equal", (i,), [old[i]], float(i)))

    # 2. Insertions: paragraphs of other documents with (almost) nothing in common.
    seen = _shingles(" ".join(old))
    keys = {b.casefold() for b in old}
    pool = []
    for raw in foreign:
        body = strip_label(raw)
        sh = _shingles(body)
        if body.casefold() in keys or (sh and len(sh & seen) > MAX_FOREIGN_OVERLAP * len(sh)):
            continue
        pool.append(body)
    count = sum(1 for _ in range(n) if rng.random() < rates.insert)
    for body in rng.sample(pool, min(count, len(pool))):
        keys.add(body.casefold())
        groups.append(_Group("inserted", (), [body], rng.randrange(-1, n) + 0.5, rng.random()))

    # 3. Moves must be unambiguous; the others go back home.
    _settle_moves(groups)

    # 4. Number, wrap, check.
    numbered = rng.random() < rates.numbered
    shift = 1 if rng.random() < rates.renumber else 0
    width = rng.randint(*rates.widths)
    new_bodies: list[str] = []
    truth: list[Link] = []
    for g in _layout(groups):
        idx = tuple(range(len(new_bodies), len(new_bodies) + len(g.texts)))
        new_bodies.extend(g.texts)
        truth.append((g.kind, g.old, idx))
    # The parser reads labels of at most three digits.
    numbered = numbered and max(n, len(new_bodies)) + shift <= MAX_LABEL
    old_labels: list[str | None] = [f"{k + 1}." if numbered else None for k in range(n)]
    new_labels: list[str | None] = [
        f"{k + 1 + shift}." if numbered else None for k in range(len(new_bodies))
    ]
    wraps = [width if rng.random() < rates.rewrap else None for _ in new_bodies]
    old_text = render(old, old_labels, [None] * n)
    new_text = render(new_bodies, new_labels, wraps)
    check(old_text, old, old_labels, "old")
    check(new_text, new_bodies, new_labels, "new")
    truth.sort(key=lambda lk: (lk[2][0] if lk[2] else 10**9, lk[1][0] if lk[1] else -1))
    return Case(old_text, new_text, truth)
