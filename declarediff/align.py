"""Document x Document -> pairs: equal, modified, moved, split, merged, inserted, deleted.

The method, in four passes (see docs/alignment.md):

1. Anchors: paragraphs whose comparison key occurs exactly once on each side
   are matched, and the longest chain of them in the same order on both sides
   (as in patience diff) fixes the common skeleton.
2. Gaps: between consecutive anchors, a monotone dynamic programme links the
   remaining paragraphs 1:1, 1:2 or 2:1, maximising the number of words matched
   in order (the longest common subsequence of word tokens).  A gap too large
   for the programme is first cut by secondary anchors: mutual best matches
   found through an inverted index of rare terms.
3. Moves: paragraphs still unmatched are paired across the document, best
   similarity first, when they pass the stricter move threshold.
4. Splits and merges: each link takes in unmatched neighbours that are
   contained, in order, in its other side.

Finally the longest chain of links in document order is computed again;
links off it are moved.  Similarity is rapidfuzz's Indel (LCS) similarity on
word tokens (characters for CJK), each token encoded as one character so that
rapidfuzz works on plain strings.  No all-pairs matrix is built beyond a few
thousand cells.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import Any

import attrs
from rapidfuzz.distance import LCSseq

from declarediff import text as _text
from declarediff.config import Options
from declarediff.model import Document, Pair, PairKind

# Cells a gap's dynamic programme may have before it is cut by secondary anchors.
DP_CELLS = 10_000
# All-pairs move search is used below this many candidate pairs; an index above.
MOVE_CELLS = 40_000
# Candidates kept per paragraph from the inverted index.
CANDIDATES = 8
# Rarest index terms of a paragraph used to look up candidates.
QUERY_TERMS = 12


class _Lazy:
    """A list whose items are computed on first use (most paragraphs are never tokenised)."""

    def __init__(self, size: int, make: Callable[[int], Any]) -> None:
        self._items: list[Any] = [None] * size
        self._make = make

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, i: int) -> Any:
        item = self._items[i]
        if item is None:
            item = self._items[i] = self._make(i)
        return item


class _Vocabulary:
    """Token -> one character, shared by both documents, so rapidfuzz compares plain strings."""

    def __init__(self) -> None:
        self._chars: dict[str, str] = {}

    def encode(self, toks: list[str]) -> str:
        chars = self._chars
        out = []
        for tok in toks:
            ch = chars.get(tok)
            if ch is None:
                code = 0x100 + len(chars)
                if code >= 0xD800:  # skip the surrogate range
                    code += 0x800
                ch = chars[tok] = chr(code)
            out.append(ch)
        return "".join(out)


class _Side:
    """Keys of one document's paragraphs, and their token strings and index terms on demand."""

    def __init__(self, doc: Document, vocab: _Vocabulary) -> None:
        self.keys: list[str] = [p.key for p in doc.paragraphs]
        self.seqs = _Lazy(len(self.keys), self._seq)
        self.terms = _Lazy(len(self.keys), self._terms)
        self._vocab = vocab

    def _seq(self, i: int) -> str:
        toks = _text.tokens(self.keys[i])
        return self._vocab.encode(toks) if toks else self.keys[i]

    def _terms(self, i: int) -> frozenset[str]:
        return frozenset(_text.index_terms(_text.tokens(self.keys[i])))


def _encode(docs: Sequence[Document]) -> list[_Side]:
    vocab = _Vocabulary()
    return [_Side(doc, vocab) for doc in docs]


@attrs.define
class _Link:
    old: list[int]
    new: list[int]
    chain: bool  # found in order (anchors, gaps) rather than by the move search


class _Aligner:
    def __init__(self, old: _Side, new: _Side, options: Options) -> None:
        self.o = old
        self.n = new
        self.opt = options
        self._lcs: dict[tuple[int, int], int] = {}

    # -- similarity -------------------------------------------------------------

    def lcs(self, i: int, j: int) -> int:
        k = (i, j)
        v = self._lcs.get(k)
        if v is None:
            v = int(LCSseq.similarity(self.o.seqs[i], self.n.seqs[j]))
            self._lcs[k] = v
        return v

    def sim(self, i: int, j: int) -> float:
        la, lb = len(self.o.seqs[i]), len(self.n.seqs[j])
        if la + lb == 0:
            return 1.0 if self.o.keys[i] == self.n.keys[j] else 0.0
        if self.o.keys[i] == self.n.keys[j]:
            return 1.0
        return 2.0 * self.lcs(i, j) / (la + lb)

    @staticmethod
    def group_sim(a: str, b: str) -> float:
        if not a and not b:
            return 1.0
        return 2.0 * LCSseq.similarity(a, b) / (len(a) + len(b))

    # -- pass 1: anchors ----------------------------------------------------------

    def anchors(self) -> list[tuple[int, int]]:
        co, cn = Counter(self.o.keys), Counter(self.n.keys)
        where_new = {k: j for j, k in enumerate(self.n.keys) if cn[k] == 1}
        cands = [
            (i, where_new[k], 1.0)
            for i, k in enumerate(self.o.keys)
            if co[k] == 1 and k in where_new
        ]
        chosen = _heaviest_chain(cands)
        return [(cands[c][0], cands[c][1]) for c in chosen]

    # -- pass 2: gaps ---------------------------------------------------------------

    def align_gap(self, olds: list[int], news: list[int], depth: int = 0) -> list[_Link]:
        if not olds or not news:
            return []
        if len(olds) * len(news) <= DP_CELLS or depth > 8:
            if len(olds) * len(news) > DP_CELLS * 4:
                return []
            return self.dp(olds, news)[0]
        # Secondary anchors: mutual best candidates, in order.
        best_new: dict[int, tuple[float, int]] = {}
        best_old: dict[int, tuple[float, int]] = {}
        for j, cands in self.candidates(olds, news).items():
            for i in cands:
                s = self.sim(i, j)
                if s < max(self.opt.match_threshold, 0.6):
                    continue
                if s > best_new.get(j, (-1.0, 0))[0]:
                    best_new[j] = (s, i)
                if s > best_old.get(i, (-1.0, 0))[0]:
                    best_old[i] = (s, j)
        mutual = sorted(
            (i, j, s) for j, (s, i) in best_new.items() if best_old.get(i, (0.0, -1))[1] == j
        )
        chosen = [mutual[c] for c in _heaviest_chain(mutual)]
        if not chosen:
            return []
        links: list[_Link] = []
        lo = ln = 0
        opos = {v: k for k, v in enumerate(olds)}
        npos = {v: k for k, v in enumerate(news)}
        for i, j, _s in chosen:
            links.extend(self.align_gap(olds[lo : opos[i]], news[ln : npos[j]], depth + 1))
            links.append(_Link([i], [j], True))
            lo, ln = opos[i] + 1, npos[j] + 1
        links.extend(self.align_gap(olds[lo:], news[ln:], depth + 1))
        return links

    def dp(self, olds: list[int], news: list[int]) -> tuple[list[_Link], float]:
        """Monotone alignment of a gap, and its gain (words matched on both sides)."""
        m, n = len(olds), len(news)
        if not m or not n:
            return [], 0.0
        t = self.opt.match_threshold
        cov_t = self.opt.split_threshold
        olen = [len(self.o.seqs[i]) for i in olds]
        nlen = [len(self.n.seqs[j]) for j in news]
        # gain of a 1:1 link (2 * LCS, i.e. words matched on both sides), or None
        g11: list[list[float | None]] = [[None] * n for _ in range(m)]
        cov_n: list[list[float]] = [[0.0] * n for _ in range(m)]  # new j contained in old i
        cov_o: list[list[float]] = [[0.0] * n for _ in range(m)]  # old i contained in new j
        for a, i in enumerate(olds):
            for b, j in enumerate(news):
                s = self.sim(i, j)
                if self.o.keys[i] == self.n.keys[j]:
                    g11[a][b] = float(olen[a] + nlen[b]) + 1.0
                    cov_n[a][b] = cov_o[a][b] = 1.0
                    continue
                lcs = self.lcs(i, j)
                cov_n[a][b] = lcs / nlen[b] if nlen[b] else 0.0
                cov_o[a][b] = lcs / olen[a] if olen[a] else 0.0
                if s >= t:
                    g11[a][b] = 2.0 * lcs
        neg = float("-inf")
        score = [[neg] * (n + 1) for _ in range(m + 1)]
        back: list[list[tuple[int, int] | None]] = [[None] * (n + 1) for _ in range(m + 1)]
        score[0][0] = 0.0
        for a in range(m + 1):
            for b in range(n + 1):
                if a == 0 and b == 0:
                    continue
                best, step = neg, None
                if a and b and g11[a - 1][b - 1] is not None:
                    v = score[a - 1][b - 1] + (g11[a - 1][b - 1] or 0.0)
                    if v > best:
                        best, step = v, (1, 1)
                if a and b > 1 and cov_n[a - 1][b - 1] >= cov_t and cov_n[a - 1][b - 2] >= cov_t:
                    g = self.group_gain([olds[a - 1]], [news[b - 2], news[b - 1]])
                    if g is not None and score[a - 1][b - 2] + g > best:
                        best, step = score[a - 1][b - 2] + g, (1, 2)
                if b and a > 1 and cov_o[a - 1][b - 1] >= cov_t and cov_o[a - 2][b - 1] >= cov_t:
                    g = self.group_gain([olds[a - 2], olds[a - 1]], [news[b - 1]])
                    if g is not None and score[a - 2][b - 1] + g > best:
                        best, step = score[a - 2][b - 1] + g, (2, 1)
                if a and score[a - 1][b] > best:
                    best, step = score[a - 1][b], (1, 0)
                if b and score[a][b - 1] > best:
                    best, step = score[a][b - 1], (0, 1)
                score[a][b] = best
                back[a][b] = step
        links: list[_Link] = []
        a, b = m, n
        while a or b:
            step = back[a][b]
            assert step is not None
            da, db = step
            if da and db:
                links.append(_Link(olds[a - da : a], news[b - db : b], True))
            a, b = a - da, b - db
        links.reverse()
        return links, score[m][n]

    def group_gain(self, olds: list[int], news: list[int]) -> float | None:
        """Words matched by linking the groups, if each member adds enough of its own."""
        a = "".join(self.o.seqs[i] for i in olds)
        b = "".join(self.n.seqs[j] for j in news)
        if self.group_sim(a, b) < self.opt.match_threshold:
            return None
        whole = LCSseq.similarity(a, b)
        cov_t = self.opt.split_threshold
        if len(olds) == 1:
            for j in news:
                rest = "".join(self.n.seqs[x] for x in news if x != j)
                own = len(self.n.seqs[j])
                if own and whole - LCSseq.similarity(a, rest) < cov_t * own:
                    return None
        else:
            for i in olds:
                rest = "".join(self.o.seqs[x] for x in olds if x != i)
                own = len(self.o.seqs[i])
                if own and whole - LCSseq.similarity(rest, b) < cov_t * own:
                    return None
        return 2.0 * whole

    # -- candidates through an inverted index of rare terms -------------------------

    def candidates(self, olds: list[int], news: list[int]) -> dict[int, list[int]]:
        df: Counter[str] = Counter()
        for i in olds:
            df.update(self.o.terms[i])
        for j in news:
            df.update(self.n.terms[j])
        limit = max(8, int(len(olds) ** 0.5))
        postings: dict[str, list[int]] = defaultdict(list)
        for i in olds:
            for term in self.o.terms[i]:
                if df[term] <= limit:
                    postings[term].append(i)
        out: dict[int, list[int]] = {}
        for j in news:
            rare = sorted((df[t], t) for t in self.n.terms[j] if t in postings)[:QUERY_TERMS]
            hits: Counter[int] = Counter()
            for _df, term in rare:
                hits.update(postings[term])
            if hits:
                out[j] = [i for i, _c in sorted(hits.items(), key=lambda x: (-x[1], x[0]))][
                    :CANDIDATES
                ]
        return out

    # -- pass 3: moves ---------------------------------------------------------------

    def moves(self, olds: list[int], news: list[int]) -> list[_Link]:
        if not olds or not news:
            return []
        heap: list[tuple[float, int, int]] = []
        if len(olds) * len(news) <= MOVE_CELLS:
            pairs = ((i, j) for j in news for i in olds)
        else:
            pairs = ((i, j) for j, cs in self.candidates(olds, news).items() for i in cs)
        for i, j in pairs:
            s = self.sim(i, j)
            if s >= self.opt.move_threshold:
                heap.append((-s, i, j))
        heapq.heapify(heap)
        used_o: set[int] = set()
        used_n: set[int] = set()
        links = []
        while heap:
            _s, i, j = heapq.heappop(heap)
            if i in used_o or j in used_n:
                continue
            used_o.add(i)
            used_n.add(j)
            links.append(_Link([i], [j], False))
        return links

    # -- pass 4: splits and merges -----------------------------------------------------

    def extend(self, links: list[_Link]) -> None:
        free_o = set(range(len(self.o.seqs)))
        free_n = set(range(len(self.n.seqs)))
        for link in links:
            free_o.difference_update(link.old)
            free_n.difference_update(link.new)
        cov_t = self.opt.split_threshold
        for link in sorted(links, key=lambda lk: (lk.new[0], lk.old[0])):
            grown = True
            while grown:
                grown = False
                near_n = (
                    [j for j in (link.new[0] - 1, link.new[-1] + 1) if j in free_n]
                    if len(link.old) == 1
                    else []
                )
                near_o = (
                    [i for i in (link.old[0] - 1, link.old[-1] + 1) if i in free_o]
                    if len(link.new) == 1
                    else []
                )
                if not near_n and not near_o:
                    break
                a = "".join(self.o.seqs[i] for i in link.old)
                b = "".join(self.n.seqs[j] for j in link.new)
                base = LCSseq.similarity(a, b)
                options: list[tuple[float, str, int]] = []
                for j in near_n:
                    own = len(self.n.seqs[j])
                    if own:
                        nb = self.n.seqs[j] + b if j < link.new[0] else b + self.n.seqs[j]
                        gain = LCSseq.similarity(a, nb) - base
                        if gain >= cov_t * own:
                            options.append((gain / own, "n", j))
                for i in near_o:
                    own = len(self.o.seqs[i])
                    if own:
                        na = self.o.seqs[i] + a if i < link.old[0] else a + self.o.seqs[i]
                        gain = LCSseq.similarity(na, b) - base
                        if gain >= cov_t * own:
                            options.append((gain / own, "o", i))
                if options:
                    _g, side, k = max(options, key=lambda x: (x[0], x[1] == "n", -x[2]))
                    if side == "n":
                        link.new = sorted([*link.new, k])
                        free_n.discard(k)
                    else:
                        link.old = sorted([*link.old, k])
                        free_o.discard(k)
                    grown = True


def _heaviest_chain(items: Sequence[tuple[int, int, float]]) -> list[int]:
    """Indices of the heaviest subsequence of ``items`` increasing in both coordinates.

    ``items`` are ``(a, b, weight)`` sorted by ``a`` with distinct ``a`` and ``b``.
    O(n log n) with a Fenwick tree of prefix maxima over the ranks of ``b``.
    """
    if not items:
        return []
    ranks = {b: r for r, b in enumerate(sorted(it[1] for it in items), start=1)}
    size = len(ranks)
    tree: list[tuple[float, int]] = [(0.0, -1)] * (size + 1)
    total: list[float] = []
    prev: list[int] = []
    for k, (_a, b, w) in enumerate(items):
        r = ranks[b] - 1
        best = (0.0, -1)
        while r > 0:
            best = max(best, tree[r])
            r -= r & -r
        total.append(best[0] + w)
        prev.append(best[1])
        r = ranks[b]
        while r <= size:
            tree[r] = max(tree[r], (total[k], k))
            r += r & -r
    end = max(range(len(items)), key=lambda k: (total[k], -k))
    chain = []
    while end >= 0:
        chain.append(end)
        end = prev[end]
    chain.reverse()
    return chain


def align(old: Document, new: Document, options: Options | None = None) -> tuple[Pair, ...]:
    """Align the paragraphs of two documents.

    Returns pairs without inline ops, in reading order of the new document
    (a deleted paragraph comes after the pair that holds the old paragraph
    before it).  The pairs partition both documents.
    """
    opt = options or Options()
    so, sn = _encode([old, new])
    al = _Aligner(so, sn, opt)
    links = _anchored(al, al.anchors())
    n_o, n_n = len(so.seqs), len(sn.seqs)
    used_o = {i for lk in links for i in lk.old}
    used_n = {j for lk in links for j in lk.new}
    links.extend(
        al.moves(
            [i for i in range(n_o) if i not in used_o], [j for j in range(n_n) if j not in used_n]
        )
    )
    al.extend(links)
    if _fill_chain_gaps(al, links):
        al.extend(links)
    return _to_pairs(al, old, new, links)


def _opposite(lo: int, ln: int, ro: int, rn: int) -> bool:
    """True when the gaps left and right of an anchor lean opposite ways, as a move leaves them."""
    return (lo - ln) * (ro - rn) < 0


def _anchored(al: _Aligner, anchors: list[tuple[int, int]]) -> list[_Link]:
    """Links of the anchors and of the gaps between them.

    An anchor is dropped when the gaps on its two sides lean opposite ways and
    aligning both gaps together, without it, matches more words: an unedited
    paragraph moved past edited ones would otherwise pull the skeleton out of
    shape (the paragraph is then found by the move pass).
    """
    bounds = [*anchors, (len(al.o.seqs), len(al.n.seqs))]
    links: list[_Link] = []
    pi, pj = -1, -1
    k = 0
    while k < len(bounds):
        i, j = bounds[k]
        olds, news = list(range(pi + 1, i)), list(range(pj + 1, j))
        if k + 1 < len(bounds):
            ni, nj = bounds[k + 1]
            r_olds, r_news = list(range(i + 1, ni)), list(range(j + 1, nj))
            both_o, both_n = [*olds, i, *r_olds], [*news, j, *r_news]
            if (
                _opposite(len(olds), len(news), len(r_olds), len(r_news))
                and len(both_o) * len(both_n) <= DP_CELLS
            ):
                kept = al.dp(olds, news)[1] + al.dp(r_olds, r_news)[1] + 2 * len(al.o.seqs[i]) + 1
                if al.dp(both_o, both_n)[1] > kept:
                    del bounds[k]
                    continue
        links.extend(al.align_gap(olds, news))
        if k + 1 < len(bounds):
            links.append(_Link([i], [j], True))
        pi, pj = i, j
        k += 1
    return links


def _fill_chain_gaps(al: _Aligner, links: list[_Link]) -> bool:
    """Align paragraphs still unmatched between consecutive links of the final chain.

    Returns True when links were added.
    """
    links.sort(key=lambda lk: (lk.old[0], lk.new[0]))
    weights = [(lk.old[0], lk.new[0], 2.0 if lk.chain else 1.0) for lk in links]
    chain = [links[c] for c in _heaviest_chain(weights)]
    used_o = {i for lk in links for i in lk.old}
    used_n = {j for lk in links for j in lk.new}
    added = False
    pi, pj = -1, -1
    for lk in [*chain, None]:
        hi = lk.old[0] if lk else len(al.o.seqs)
        hj = lk.new[0] if lk else len(al.n.seqs)
        olds = [i for i in range(pi + 1, hi) if i not in used_o]
        news = [j for j in range(pj + 1, hj) if j not in used_n]
        if olds and news and len(olds) * len(news) <= DP_CELLS:
            found = al.dp(olds, news)[0]
            links.extend(found)
            added = added or bool(found)
        if lk is not None:
            pi, pj = lk.old[-1], lk.new[-1]
    return added


def _to_pairs(al: _Aligner, old: Document, new: Document, links: list[_Link]) -> tuple[Pair, ...]:
    links.sort(key=lambda lk: (lk.old[0], lk.new[0]))
    chain = set(_heaviest_chain([(lk.old[0], lk.new[0], 2.0 if lk.chain else 1.0) for lk in links]))
    used_o = {i for lk in links for i in lk.old}
    used_n = {j for lk in links for j in lk.new}
    # Where each old paragraph stands in the new document's reading order.
    anchor_of: dict[int, int] = {}
    for c, lk in enumerate(links):
        if c in chain:
            for i in lk.old:
                anchor_of[i] = lk.new[0]
    placed: list[tuple[tuple[int, int, int], Pair]] = []
    for c, lk in enumerate(links):
        moved = c not in chain
        same = len(lk.old) == len(lk.new) == 1 and al.o.keys[lk.old[0]] == al.n.keys[lk.new[0]]
        kind: PairKind
        if len(lk.old) > 1:
            kind = "merged"
        elif len(lk.new) > 1:
            kind = "split"
        elif moved:
            kind = "moved"
        else:
            kind = "equal" if same else "modified"
        if same:
            score = 1.0
        else:
            a = "".join(al.o.seqs[i] for i in lk.old)
            b = "".join(al.n.seqs[j] for j in lk.new)
            score = al.group_sim(a, b)
        labels_o = [old.paragraphs[i].label for i in lk.old]
        labels_n = [new.paragraphs[j].label for j in lk.new]
        pair = Pair(
            kind=kind,
            old=tuple(lk.old),
            new=tuple(lk.new),
            score=score,
            moved=moved,
            changed=not same,
            renumbered=labels_o[:1] != labels_n[:1],
        )
        placed.append(((lk.new[0], 0, lk.old[0]), pair))
    last = -1
    for i in range(len(al.o.seqs)):
        if i in anchor_of:
            last = anchor_of[i]
        if i not in used_o:
            placed.append(((last, 1, i), Pair("deleted", (i,), (), 0.0, changed=True)))
    for j in range(len(al.n.seqs)):
        if j not in used_n:
            placed.append(((j, 0, -1), Pair("inserted", (), (j,), 0.0, changed=True)))
    placed.sort(key=lambda x: x[0])
    return tuple(p for _k, p in placed)
