"""Carrying: which sentences of one document carry the undertaking of a sentence of another.

A commitment is carried when its undertaking appears anywhere in the other
document: reworded, moved to another section, split over two sentences or
merged with another commitment into one.  Joint statements also switch between
"We reaffirm our commitment to the complete denuclearization of North Korea"
and "The two leaders reaffirmed their commitment to the complete
denuclearization of the DPRK", so sentences are compared on their **concept
terms**, not their words:

- the subject, person, tense and the commitment frame are left out ("we",
  "the two Presidents", "reaffirm", "our commitment", "will", "strongly"):
  they say how a sentence commits, which :mod:`declarediff.commitments`
  compares, not to what;
- names and their variants are one term: abbreviations the documents define
  ("Democratic People's Republic of Korea (DPRK)") and a small table of common
  ones (North Korea, ROK, U.S. ...; :data:`ALIASES`);
- words are stemmed, and a few families of policy words that stand for one
  another are one term (:data:`SYNONYMS`: cooperate / collaborate / work
  together; strengthen / enhance / deepen ...);
- each term is weighted by its rarity over both documents: "Ukraine" in a
  statement on Ukraine says little about which sentence carries a clause,
  "COVAX" says much.

A clause's best carrier is the sentence of the other document with the highest
weighted cosine similarity; a second sentence joins it when it adds enough of
the clause's missing terms (a commitment split in two).  The decision and its
evidence are a :class:`Match`: the carriers, the similarity, the share of the
clause's weight they cover, and the clause's heaviest terms they lack.

This module holds no rules about what a commitment is (that is
:mod:`declarediff.commitments`) and never looks at figures (that is
:mod:`declarediff.figures`).
"""

from __future__ import annotations

import functools
import heapq
import math
import re
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Protocol

import attrs
from rapidfuzz.distance import Indel

from declarediff import text as _text

# -- thresholds ----------------------------------------------------------------------

# A clause is carried by its best sentence when their weighted cosine similarity reaches
# CARRY_SIMILARITY, or when it reaches CARRY_FLOOR and the carriers cover at least
# CARRY_COVERAGE of the clause's term weight.
CARRY_SIMILARITY = 0.22
CARRY_FLOOR = 0.15
CARRY_COVERAGE = 0.45
# Whatever the similarity, the carriers must hold this share of the clause's weight: a
# sentence on the same topic that holds less is a mention, not a carrier.
CARRY_MIN_COVERAGE = 0.0
# A second sentence joins the best one when it covers at least this share of the clause's
# weight that the best one lacks (a commitment split over two sentences).
SECOND_GAIN = 0.15
# A near-verbatim carrier shorter than this share of the clause is one part of a split.
SPLIT_PART = 0.85
# A sentence that differs from the clause in a name or a number only ("We will meet again in
# Veldhaven in 2025." -> "... in Tarnowitz in 2026.") carries it whatever its concept terms say:
# at least this Indel similarity of the two keys.
NEAR_VERBATIM = 0.7
# How many candidate sentences (by shared weight) are scored in full per clause.
CANDIDATES = 40
# Index terms found in more sentences than this share (and never more than COMMON_MAX) are not
# used to find candidates: they would make the search quadratic in long documents.
COMMON_SHARE = 0.25
COMMON_MAX = 200

# -- concept terms -------------------------------------------------------------------


def wordlist(text: str) -> frozenset[str]:
    """A set of words written as a block of text (word lists are data, kept readable)."""
    return frozenset(text.split())


# Words that say who commits and how, not to what (compared by the detector instead).
_FRAME_WORDS = wordlist(
    """
    we our ours us they their them he his she her its it i leader leaders president presidents
    prime minister ministers chancellor premier head heads state government two both side sides
    reaffirm reaffirms reaffirmed reiterate reiterates reiterated affirm affirms affirmed
    recommit recommits reconfirm reconfirms renew renews renewed restate restates commit commits
    committed commitment commitments pledge pledges pledged agree agrees agreed decide decides
    decided resolve resolved determination determined intend intends intention aim aims seek
    seeks strive strives endeavour endeavor continue continues continued remain remains remained
    will shall would should must may might can could strong strongly firm firmly unwavering
    steadfast steadfastly resolute resolutely ironclad iron-clad unshakable full fully also
    further furthermore again once today moreover additionally together jointly emphasize
    emphasise emphasized emphasised underscore underscores underline underlines stress stresses
    recognize recognise recognizes recognises acknowledge acknowledges express expresses
    expressed share shares shared
    """
)
FRAME = frozenset(_text.stem(w) for w in _FRAME_WORDS) | _FRAME_WORDS

# Common names and their variants, folded: each variant is read as the name on its right.
ALIASES: tuple[tuple[str, str], ...] = (
    ("democratic people's republic of korea", "dprk"),
    ("north korea", "dprk"),
    ("republic of korea", "rok"),
    ("south korea", "rok"),
    ("korea", "rok"),
    ("united states of america", "usa"),
    ("united states", "usa"),
    ("u.s.a.", "usa"),
    ("u.s.", "usa"),
    ("america", "usa"),
    ("united kingdom", "uk"),
    ("u.k.", "uk"),
    ("european union", "eu"),
    ("united nations", "un"),
    ("people's republic of china", "china"),
    ("prc", "china"),
    ("russian federation", "russia"),
    ("group of seven", "g7"),
    ("group of twenty", "g20"),
    ("security council resolutions", "unscr"),
    ("security council resolution", "unscr"),
    ("unscrs", "unscr"),
)

# Families of policy words that stand for one another: each stem is read as the first.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("cooperat", "collaborat", "partner", "partnership"),
    ("strengthen", "enhanc", "deepen", "bolster", "reinforc", "expand", "increas", "boost"),
    ("help", "assist", "assistance", "aid"),
    ("promot", "advanc", "foster", "champion"),
    ("maintain", "preserv", "uphold", "sustain", "keep"),
    ("ensur", "guarante", "secur"),
    ("tackl", "address", "counter", "combat", "fight"),
    ("establish", "launch", "creat", "set", "form"),
    ("coordinat", "align", "harmoniz", "harmonis"),
    ("denucleariz", "denuclear"),
    ("vaccin", "dos", "shot"),
    ("resilienc", "resilient"),
    ("humanitarian", "relief"),
)

_SYNONYM = {w: family[0] for family in SYNONYMS for w in family}
# Words after which a sentence states its undertaking ("we will ...", "we commit to ...").
MARKERS = wordlist(
    """
    will shall commit commits committed pledge pledges pledged reaffirm reaffirms reaffirmed
    reiterate reiterates reiterated recommit agree agrees agreed resolve resolved determined
    intend intends aim aims seek seeks strive continue continues support supports uphold call
    urge
    """
)
_ABBREVIATION = re.compile(
    r"((?:[A-Z][\w'’-]*|of|the|and|for|on|in)(?:\s+(?:[A-Z][\w'’-]*|of|the|and|for|on|in)){1,9})"
    r"\s*\((?:the\s+)?([A-Z][A-Za-z&.-]{1,11}?)(?:['’]s)?\)"
)
_LEADING_GLUE = re.compile(r"^(?:(?:of|the|and|for|on|in)\s+)+", re.I)
# What every definition holds: a bracket opening on a capital (a cheap test before the
# pattern above, which tries every run of words).
_ABBREVIATION_OPEN = re.compile(r"\((?:the\s+)?[A-Z]")


# A hyphen or slash inside a compound: "human-rights", "public-private", "beyond-5G" are read
# as their parts, so they meet "human rights" and "beyond 5G".
_COMPOUND = re.compile(r"(?<=\w)[-\u2010\u2011/](?=\w)")


# British and American spellings read as one: G7 texts change hands between them.
_SPELLINGS = {
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "programme": "program",
    "programmes": "programs",
    "catalogue": "catalog",
    "analyse": "analyze",
    "fulfil": "fulfill",
    "fulfilment": "fulfillment",
    "enrol": "enroll",
    "judgement": "judgment",
}
_ISE = re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations|er|ers)$")
_OUR = re.compile(r"(?<=[a-z]{3})our(s|ed|ing|able|ite|ites|hood|hoods)?$")
_TRE = re.compile(r"(?<=[a-z]{3})tre(s)?$")


@functools.lru_cache(maxsize=1 << 14)
def spelling(word: str) -> str:
    """The American form of a British spelling ("recognise", "labour", "centre", "defence"
    -> "recognize", "labor", "center", "defense"); other words as they are.  Applied to both
    documents alike, a word it alters needlessly ("promise" -> "promize") still meets itself."""
    if len(word) < 5 or not word.isascii():
        return word
    fixed = _SPELLINGS.get(word)
    if fixed:
        return fixed
    word = _ISE.sub(r"iz\1", word)
    word = _OUR.sub(lambda m: "or" + (m.group(1) or ""), word)
    return _TRE.sub(lambda m: "ter" + (m.group(1) or ""), word)


@functools.lru_cache(maxsize=1 << 15)
def _concept_term(tok: str) -> str:
    """The concept term a (Latin) token stands for: its spelling unified, stemmed, and
    mapped to its synonym family; "" for a function or frame word (computed once per word)."""
    if tok in _text.STOPWORDS or tok in FRAME:
        return ""
    stem = _text.stem(spelling(tok))
    if stem in FRAME:
        return ""
    return _SYNONYM.get(stem, stem)


def concept_key(text: str) -> str:
    """A sentence folded for concept terms: its comparison key with compounds taken apart."""
    return _text.key(_COMPOUND.sub(" ", text))


def abbreviations(texts: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """Long forms the texts define an abbreviation for: ``Indo-Pacific Economic Framework
    (IPEF)`` gives ``("indo-pacific economic framework", "ipef")``.

    The long form is cut to the words the abbreviation stands for
    (:func:`_long_form`), so a definition after a longer run of words still pairs.
    """
    found: dict[str, str] = {}
    for text in texts:
        for long_form, short in _defined(text):
            found.setdefault(long_form, short)
    return tuple(sorted(found.items(), key=lambda kv: (-len(kv[0]), kv[0])))


@functools.lru_cache(maxsize=1 << 14)
def _defined(text: str) -> tuple[tuple[str, str], ...]:
    """The (long form, abbreviation) pairs one text defines, in order (computed once per
    text: editions repeat most paragraphs)."""
    out: list[tuple[str, str]] = []
    if _ABBREVIATION_OPEN.search(text) is None:
        return ()
    for m in _ABBREVIATION.finditer(text):
        words = m.group(1).split()
        short = m.group(2).rstrip(".")
        long_form = _LEADING_GLUE.sub("", " ".join(_long_form(words, short)))
        if len(long_form.split()) >= 2:
            out.append((concept_key(long_form), _text.key(short)))
    return tuple(out)


def _long_form(words: Sequence[str], short: str) -> list[str]:
    """The last words of a run that an abbreviation stands for: the shortest ending whose
    initials spell it ("Republic of Norland" for RON), else as many capitalised words as it
    has capitals ("Democratic People's Republic of Korea" for DPRK)."""
    letters = "".join(ch for ch in short if ch.isalpha()).upper()
    for k in range(len(words) - 1, -1, -1):
        tail = words[k:]
        if "".join(w[0] for w in tail).upper() == letters:
            return list(tail)
    capitals = sum(1 for ch in short if ch.isupper())
    kept: list[str] = []
    caps = 0
    for w in reversed(words):
        kept.insert(0, w)
        caps += w[0].isupper()
        if caps >= max(capitals, 1):
            break
    return kept


class Clause(Protocol):
    """What carrying needs of a sentence (the detector's sentences satisfy it)."""

    @property
    def id(self) -> int: ...

    @property
    def text(self) -> str: ...

    @property
    def key(self) -> str: ...


def _variants_pattern(variants: Sequence[str]) -> re.Pattern[str]:
    r"""Any of ``variants`` as whole words, the first listed winning where several fit:
    ``(?<![\w.])(?:v1|v2|...)(?![\w])``, with the variants grouped by their first
    character (``k(?:orea|...)``), so that at each word only one group is tried."""
    groups: dict[str, list[str]] = {}
    for v in variants:
        groups.setdefault(v[0], []).append(re.escape(v[1:]))
    body = "|".join(f"{re.escape(c)}(?:{'|'.join(rest)})" for c, rest in sorted(groups.items()))
    return re.compile(rf"(?<![\w.])(?:{body})(?![\w])")


class Concepts:
    """Concept terms of sentences, with the name variants of a pair of documents."""

    def __init__(self, texts: Iterable[str] = ()) -> None:
        pairs = list(abbreviations(texts)) + list(ALIASES)
        pairs.sort(key=lambda kv: (-len(kv[0]), kv[0]))
        self._pairs = tuple(pairs)
        self._pattern = _variants_pattern([a for a, _ in pairs]) if pairs else None
        self._to = dict(pairs)
        self._cache: dict[str, frozenset[str]] = {}

    def _normalise(self, key: str) -> str:
        if self._pattern is None:
            return key
        return self._pattern.sub(lambda m: " " + self._to[m.group(0)] + " ", key)

    def head(self, text: str, size: int | None = 3) -> frozenset[str]:
        """The first ``size`` concept terms after the sentence's first commitment word ("we
        reaffirm our unwavering support for Ukraine's right ..." -> support, ukraine, right):
        the head of its undertaking; with ``size`` None, the whole undertaking (what a
        preamble such as "At a time that tests us all," is not).  Without a commitment word,
        its first terms."""
        toks = _text.tokens(self._normalise(concept_key(text)))
        start = next((k + 1 for k, tok in enumerate(toks) if tok in MARKERS), 0)
        out: list[str] = []
        for tok in toks[start:]:
            term = _concept_term(tok)
            if not term:
                continue
            if term not in out:
                out.append(term)
            if size is not None and len(out) >= size:
                break
        return frozenset(out)

    def terms(self, text: str) -> frozenset[str]:
        """The concept terms of a sentence (computed once per text)."""
        hit = self._cache.get(text)
        if hit is None:
            hit = self._cache[text] = self._analyse(text)[0]
        return hit

    def surface(self, text: str) -> dict[str, str]:
        """Each concept term of a sentence with the first (folded) word it came from (asked
        for the few sentences a finding quotes, so not kept)."""
        return self._analyse(text)[1]

    def _analyse(self, text: str) -> tuple[frozenset[str], dict[str, str]]:
        norm = self._normalise(concept_key(text))
        terms: set[str] = set()
        surface: dict[str, str] = {}
        if _text.has_cjk(norm):
            for t in _text.content_terms(norm):
                if not t[0].isdigit():
                    terms.add(t)
                    surface.setdefault(t, t)
        else:
            for tok in _text.tokens(norm):
                # Numbers are figures, compared as such (figures.py), not concepts.
                if tok[0].isdigit():
                    continue
                term = _concept_term(tok)
                if not term:
                    continue
                terms.add(term)
                surface.setdefault(term, tok)
        return frozenset(terms), surface


def weights(*term_sets: Iterable[frozenset[str]]) -> dict[str, float]:
    """Inverse sentence frequency of each term over the given sentences (both documents)."""
    df: dict[str, int] = defaultdict(int)
    n = 0
    for sets in term_sets:
        for terms in sets:
            n += 1
            for t in terms:
                df[t] += 1
    return {t: math.log((n + 1) / (d + 0.5)) for t, d in df.items()}


@attrs.frozen
class Match:
    """Where a clause's undertaking stands in the other document, with the evidence.

    ``carriers`` are the other document's sentence ids, best first (none when
    nothing shares a term); ``similarity`` is the weighted cosine similarity of
    the clause and the best carrier; ``coverage`` the share of the clause's term
    weight that the carriers hold; ``missing`` the clause's heaviest words that
    no carrier holds; ``carried`` the verdict.
    """

    carriers: tuple[int, ...]
    similarity: float
    coverage: float
    missing: tuple[str, ...]
    carried: bool
    verbatim: bool = False
    core: float = 0.0
    core_missing: tuple[str, ...] = ()


NO_MATCH = Match((), 0.0, 0.0, (), False)


class Carrier:
    """The sentences of one document, indexed to find what carries a clause of another."""

    def __init__(
        self,
        sentences: Sequence[Clause],
        concepts: Concepts,
        weight: dict[str, float],
    ) -> None:
        self.sentences = sentences
        self.concepts = concepts
        self.weight = weight
        self.terms = [concepts.terms(s.text) for s in sentences]
        self._norms: dict[frozenset[str], float] = {}
        self.norm = [self._norm(t) for t in self.terms]
        self.by_key: dict[str, list[int]] = defaultdict(list)
        self.postings: dict[str, list[int]] = defaultdict(list)
        for k, s in enumerate(sentences):
            self.by_key[s.key].append(k)
            for t in self.terms[k]:
                self.postings[t].append(k)
        self.common = min(COMMON_MAX, max(8, int(COMMON_SHARE * len(sentences))))
        # Commitments and figures ask about the same sentences: answer each once.
        self._matches: dict[tuple[str, str, int], Match] = {}

    def _w(self, t: str) -> float:
        return self.weight.get(t, 1.0)

    # math.fsum is exactly rounded, so the order of the terms does not change a sum.
    def _norm(self, terms: frozenset[str]) -> float:
        hit = self._norms.get(terms)
        if hit is None:
            get = self.weight.get
            hit = self._norms[terms] = math.sqrt(math.fsum(get(t, 1.0) ** 2 for t in terms))
        return hit

    def _mass(self, terms: Iterable[str]) -> float:
        get = self.weight.get
        return math.fsum(get(t, 1.0) for t in terms)

    def match(self, clause: Clause, occurrence: int = 0) -> Match:
        """Where ``clause`` stands in this document.

        An identical sentence carries it outright (the ``occurrence``-th repeat
        of a sentence pairs with the ``occurrence``-th repeat here).
        """
        cache = (clause.key, clause.text, occurrence)
        hit = self._matches.get(cache)
        if hit is None:
            hit = self._matches[cache] = self._match(clause, occurrence)
        return hit

    def _match(self, clause: Clause, occurrence: int) -> Match:
        same = self.by_key.get(clause.key)
        if same:
            return Match((same[min(occurrence, len(same) - 1)],), 1.0, 1.0, (), True, True, 1.0)
        terms = self.concepts.terms(clause.text)
        if not terms:
            return NO_MATCH
        shared: dict[int, float] = defaultdict(float)
        for t in sorted(terms):
            posting = self.postings.get(t, ())
            if len(posting) <= self.common:
                w = self._w(t)
                for k in posting:
                    shared[k] += w
        if not shared:
            return self._verdict(clause, terms, ())
        # (heapq.nsmallest is sorted(...)[:n], without sorting every sentence that shares a term)
        ranked = heapq.nsmallest(CANDIDATES, shared, key=lambda k: (-shared[k], k))
        # The clause's term weights, looked up once for its candidates (fsum is exactly
        # rounded: the same sums as :meth:`_norm` and :meth:`_mass`).
        weights = {t: self._w(t) for t in terms}
        squares = {t: w**2 for t, w in weights.items()}
        norm_terms = self._norm(terms)

        def similarity(k: int) -> float:
            """Weighted cosine similarity of the clause and sentence ``k``."""
            norm = norm_terms * self.norm[k]
            return math.fsum(squares[t] for t in terms & self.terms[k]) / norm if norm else 0.0

        scored = sorted(((similarity(k), k) for k in ranked), key=lambda x: (-x[0], x[1]))
        best = scored[0][1]
        key, cut = clause.key, NEAR_VERBATIM
        # Below the cutoff a similarity is 0 (only whether one reaches it matters), and
        # rapidfuzz then refuses keys of very different lengths without building a table
        # of 32 bytes per character of the longer one.
        near = max(
            (
                (Indel.normalized_similarity(key, self.sentences[k].key, score_cutoff=cut), -k)
                for k in ranked
            ),
            default=(0.0, 0),
        )
        verbatim = near[0] >= NEAR_VERBATIM
        if verbatim:
            best = -near[1]
        carriers: tuple[int, ...] = (best,)
        total = math.fsum(weights.values())
        lacking = terms - self.terms[best]
        if lacking and total:
            gain, second = max(
                (
                    (math.fsum(weights[t] for t in lacking & self.terms[k]) / total, -k)
                    for _s, k in scored
                    if k != best
                ),
                default=(0.0, 0),
            )
            # Next to a near-verbatim carrier, a second sentence joins only when the carrier
            # is clearly shorter than the clause: a split leaves a part, a rename a whole.
            if gain >= SECOND_GAIN and (
                not verbatim or len(self.sentences[best].key) < SPLIT_PART * len(clause.key)
            ):
                carriers = (best, -second)
        sim = similarity(best) if verbatim else scored[0][0]
        return self._verdict(clause, terms, carriers, sim, verbatim=verbatim)

    def _verdict(
        self,
        clause: Clause,
        terms: frozenset[str],
        carriers: tuple[int, ...],
        sim: float = 0.0,
        verbatim: bool = False,
    ) -> Match:
        total = self._mass(terms)
        held: frozenset[str] = frozenset().union(*(self.terms[k] for k in carriers))
        coverage = self._mass(terms & held) / total if total else 0.0
        surface = self.concepts.surface(clause.text)
        missing = self._lacks(terms - held, surface)
        core_terms = self.concepts.head(clause.text, None) & terms or terms
        core_mass = self._mass(core_terms)
        core = self._mass(core_terms & held) / core_mass if core_mass else 0.0
        core_missing = self._lacks(core_terms - held, surface)
        head = self.concepts.head(clause.text)
        head_held = bool(carriers) and len(head) >= 2 and head <= self.terms[carriers[0]]
        carried = verbatim or (
            coverage >= CARRY_MIN_COVERAGE
            and (
                sim >= CARRY_SIMILARITY
                or (sim >= CARRY_FLOOR and (coverage >= CARRY_COVERAGE or head_held))
            )
        )
        return Match(carriers, sim, coverage, missing, carried, verbatim, core, core_missing)

    def _lacks(self, terms: Iterable[str], surface: dict[str, str]) -> tuple[str, ...]:
        """The heaviest of some terms, as words of the clause (at most six)."""
        lacking = sorted(terms, key=lambda t: (-self._w(t), surface.get(t, t)))
        return tuple(surface.get(t, t) for t in lacking[:6])


def occurrences(keys: Sequence[str]) -> array[int]:
    """For each key, how many identical keys come before it (one pass; machine words, as a
    document may hold hundreds of thousands of sentences)."""
    seen: dict[str, int] = defaultdict(int)
    out = array("q")
    for k in keys:
        out.append(seen[k])
        seen[k] += 1
    return out
