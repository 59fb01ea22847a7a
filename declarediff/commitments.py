"""Commitments: which sentences promise future action, and what became of them.

A commitment, after the G7/G20 Research Group, is a collectively agreed
statement of intent about future action.  The detector is rule-based and its
rules are data (:data:`RULES`): each has a class, a language and a pattern;
the strongest class found in a sentence is its class.  Classes, strongest
first: ``commit`` and ``reaffirm`` (strength 3), ``soft`` (2), ``request``
(1), ``not`` (0).  English rules that need a collective subject (we, Leaders,
Allies, the G7/G20, member states) use ``{S}`` in their pattern, and no
``that``/``which`` or other subject may stand between it and the verb.

Tracking is document-wide: an old commitment is looked for in every sentence
of the new document (and in pairs of adjacent sentences), because
commitments move, merge and get folded into other sentences.  It is
**dropped** when its content is not carried: fewer than
``DROP_THRESHOLD`` of its content terms (stemmed words, CJK bigrams) are
found in the best new sentence or sentence pair.  Otherwise its best
counterpart decides: **kept** (same text), **weakened** (lower strength
class, a negation or modal flip, a lost qualifier such as "all", "full",
"at least", or "the" -> "a" before its object), **strengthened** (the
reverse), or **modified**.  A new commitment whose content the old document
does not carry is **added** (so a commitment dropped from a to b is added
from b to a), as is one whose counterpart in the old document was no
commitment at all.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence

import attrs
from rapidfuzz.distance import Indel

from declarediff import figures as _figures
from declarediff import text as _text
from declarediff.model import Clause, Commitment, CommitmentStatus, Document

# -- the rules ---------------------------------------------------------------------

STRENGTH: dict[str, int] = {"commit": 3, "reaffirm": 3, "soft": 2, "request": 1, "not": 0}
# Classes that make a sentence a commitment to track.
TRACKED = frozenset({"commit", "reaffirm", "soft", "request"})
# Order of precedence when a sentence matches several classes.
PRECEDENCE: tuple[str, ...] = ("commit", "reaffirm", "soft", "request", "not")

_SUBJECT = re.compile(
    r"\b(?:we|leaders|allies|the alliance|nato|member states|all members|our governments"
    r"|our countries|our nations"
    r"|(?:the )?g(?:7|20)(?: (?:leaders|members|countries|partners|economies))?\b"
    r"(?! (?:central|finance|foreign|ministers|presidency|troika|secretariat|framework"
    r"|agenda|summit|process|working|task|sherpas?|'s))"
    r")\b"
)
# Words that open a clause with a subject of its own between ours and the verb.
_CLAUSE_OPENER = re.compile(r"\b(?:that|which|who|whom|whose|whether|if)\b")
# A subject of another clause standing right before the verb ("..., and it will").
_OTHER_SUBJECT = re.compile(
    r"\b(?:it|they|he|she|this|these|those|russia|china|iran|which|who|that)\s+(?:\w+\s+)?$"
)
# Asking or encouraging others: "we call on X to commit" is their action, not ours.
_OTHERS_ACT = re.compile(
    r"\b(?:call(?:s|ed)? (?:on|upon)|urg(?:e|es|ed)|encourag(?:e|es|ed)|invit(?:e|es|ed)"
    r"|ask(?:s|ed)?|welcome|look forward to)\b"
)


@attrs.frozen
class Rule:
    """One detector rule: a pattern that puts a sentence in a class.

    ``pattern`` is a regular expression over the folded sentence (NFKC, lower
    case).  With ``subject``, the match counts only when a collective subject
    (we, Leaders, Allies, the G7/G20, member states, ...) comes before it in
    the same clause, with no ``that``/``which``/``who``/``whether``/``if``, no
    other subject right before the verb, and no asking of others in between
    ("we call on X to commit" is X's commitment).  With ``near``, at most two
    words (or an "and") may stand between the subject and the verb, which
    keeps nouns such as "our support" from reading as verbs.  ``name`` is what
    reasons and the docs call the rule.
    """

    name: str
    cls: str
    lang: str
    pattern: str
    subject: bool = True
    near: bool = False


RULES: tuple[Rule, ...] = (
    # English: commit
    Rule(
        "will/shall",
        "commit",
        "en",
        r"\b(?:will|shall)\b(?! (?:not |never )?(?:(?:also|further|jointly|continue to) )?"
        r"(?:explore|seek|strive"
        r"|aim|consider|review|look|endeavou?r|try|reiterate)\b)",
    ),
    Rule("commit to", "commit", "en", r"(?<!have )(?<!has )\b(?:commit|commits|committing)\b"),
    Rule("are committed to", "commit", "en", r"\bare (?:firmly |fully |strongly )?committed\b"),
    Rule("commits us", "commit", "en", r"\bcommits? us to\b", subject=False),
    Rule("pledge", "commit", "en", r"\bpledg(?:e|es|ed)\b", near=True),
    Rule("our determination", "commit", "en", r"\bour determination to\b"),
    Rule(
        "are working",
        "commit",
        "en",
        r"\bare (?!willing|being|living|seeing|concerned|pleased)[a-z]+ing\b",
        near=True,
    ),
    Rule("undertake", "commit", "en", r"\bundert(?:ake|akes|ook)\b"),
    Rule("resolve", "commit", "en", r"\bresolv(?:e|ed) to\b"),
    Rule("are determined", "commit", "en", r"\b(?:are|remain) (?:firmly )?determined\b"),
    Rule(
        "agree/decide to",
        "commit",
        "en",
        r"\b(?:agree(?:d)? to|have agreed|agreed (?:today|a|an|on a|on an)|agree the|decided?\b)",
    ),
    Rule("set a goal", "commit", "en", r"\bset (?:a|an|the|ourselves|our)\b"),
    Rule("taking steps", "commit", "en", r"\bare taking (?:concrete |further )?(?:steps|action)"),
    Rule(
        "launch",
        "commit",
        "en",
        r"\bwe (?:(?:also|today|hereby|are) )?(?:launch|launching|establish|establishing)\b",
        subject=False,
    ),
    Rule(
        "commitment is iron-clad",
        "commit",
        "en",
        r"\bour (?:commitment|support|solidarity|resolve)\b(?:(?!\b(?:that|which|who)\b)[^.;:])*?"
        r"\b(?:is|remains|will)\b",
        subject=False,
    ),
    Rule("express our commitment", "commit", "en", r"\bexpress our (?:\w+ )?commitment\b"),
    # English: reaffirm
    Rule(
        "reaffirm",
        "reaffirm",
        "en",
        r"\b(?:reaffirm(?:s|ed|ing)?|reiterat(?:e|es|ed|ing)|affirm our|re-?emphasi[sz]e|restate"
        r"|reconfirm|recommit)\b",
    ),
    Rule(
        "remain committed",
        "reaffirm",
        "en",
        r"\bremain(?:s)? (?:firmly |fully |strongly |steadfastly )?committed\b",
    ),
    Rule(
        "underline our commitment",
        "reaffirm",
        "en",
        r"\b(?:underline|underscore|stress|are steadfast in|emphasi[sz]e) our (?:\w+ )*?commitment",
    ),
    Rule("uphold/adhere", "reaffirm", "en", r"\b(?:uphold|adhere to|abide by|stand by)\b"),
    Rule("continue to", "reaffirm", "en", r"\bcontinu(?:e|es) (?:to|our|their)\b"),
    Rule("renew", "reaffirm", "en", r"\brenew(?:ed)?\b"),
    Rule(
        "remain steadfast",
        "reaffirm",
        "en",
        r"\b(?:remain|stand) (?:steadfast|resolute|united|together|with|firmly (?:with|behind))\b",
    ),
    # English: soft
    Rule("aim", "soft", "en", r"\baim(?:s)? (?:to|at|for)\b"),
    Rule("strive/seek", "soft", "en", r"\b(?:strive|seek|intend|endeavou?r)\b", near=True),
    Rule("support", "soft", "en", r"\b(?:support|encourage|promote)\b", near=True),
    Rule(
        "will explore",
        "soft",
        "en",
        r"\b(?:will |shall )?(?:(?:also|further|jointly|continue to) )?(?:explore|consider|look to"
        r"|work towards|review)\b",
    ),
    Rule("stand ready", "soft", "en", r"\b(?:stand|remain|are) (?:ready|prepared)\b"),
    Rule("should", "soft", "en", r"\bshould\b"),
    # English: request
    Rule(
        "call on",
        "request",
        "en",
        r"\b(?:call(?:s|ed)? (?:on|upon|for)|urge[sd]?|ask(?:s|ed)?|demand(?:s|ed)?"
        r"|invite[sd]?|task(?:s|ed)?|instruct(?:s|ed)?|request(?:s|ed)?)\b",
    ),
    # English: not a commitment
    Rule(
        "welcome/note",
        "not",
        "en",
        r"\b(?:welcome|note|take note|recogni[sz]e|acknowledge|look forward|appreciate|commend"
        r"|condemn|deplore|express|are (?:deeply )?concerned|stress|underline|emphasi[sz]e"
        r"|underscore|are convinced|remember|pay tribute|salute|highlight)\b",
        subject=False,
    ),
    # Japanese (subjects are often left out; rules match the verb forms)
    Rule(
        "約束する",
        "commit",
        "ja",
        r"約束す|約束し|コミットす|コミットし|決意す|決意し|決意で|決意を|取り組む|取り組んで|していく"
        r"|ていく[。、]|で一致し|ことで一致|に合意し|合意した",
        subject=False,
    ),
    Rule(
        "～する (われわれは)",
        "commit",
        "ja",
        r"(?:われわれ|我々|私たち|首脳|同盟国|加盟国)[^。]*"
        r"(?<!感謝)(?<!歓迎)(?<!留意)(?<!認識)(?<!期待)(?<!非難)(?<!懸念)(?<!称賛)(?<!評価)"
        r"(?:する|行う|図る|進める|講じる)。",
        subject=False,
    ),
    Rule(
        "堅持する",
        "reaffirm",
        "ja",
        r"堅持す|堅持し|再確認す|再確認し|改めて表明|再表明|引き続き",
        subject=False,
    ),
    Rule(
        "目指す",
        "soft",
        "ja",
        r"目指す|目指し|支持す|支持し|奨励す|努める|模索す|検討す",
        subject=False,
    ),
    Rule("求める", "request", "ja", r"求める|求めた|要請す|要請し|呼びかけ|促す", subject=False),
    Rule(
        "歓迎する",
        "not",
        "ja",
        r"歓迎す|歓迎し|留意す|留意し|認識す|認識し|期待す|評価す|非難す|懸念|感謝",
        subject=False,
    ),
)
_COMPILED: tuple[tuple[Rule, re.Pattern[str]], ...] = tuple(
    (r, re.compile(r.pattern)) for r in RULES
)


def _ours(folded: str, start: int, near: bool = False) -> bool:
    """Whether the verb at ``start`` has a collective subject of ours before it."""
    clause_start = max(folded.rfind(ch, 0, start) for ch in ".;:!?") + 1
    head = folded[clause_start:start]
    subjects = list(_SUBJECT.finditer(head))
    if not subjects:
        return False
    span = head[subjects[-1].end() :]
    if _CLAUSE_OPENER.search(span) or _OTHER_SUBJECT.search(span):
        return False
    if near and len(span.split()) > 2 and not re.search(r"\band\s*$", span):
        return False
    # "we call on all Parties to commit": the commitment is theirs.
    return not (span.rstrip().endswith(" to") and _OTHERS_ACT.search(span))


def _matches(rule: Rule, pattern: re.Pattern[str], folded: str) -> bool:
    if not rule.subject:
        return pattern.search(folded) is not None
    return any(_ours(folded, m.start(), rule.near) for m in pattern.finditer(folded))


_NEGATION_EN = re.compile(
    r"\b(?:will not|will never|shall not|shall never|won't|do not|does not|cannot|can not"
    r"|no longer|never|commit not|nor (?:do|will|shall|can) we|are not|is not|neither)\b"
)
_NEGATION_JA = re.compile(r"しない|ことはない|決して|認めない|ことはなく|せず")
_MODAL_STRONG = re.compile(r"\b(?:will|shall|must|commit(?:s|ted)?)\b")
_MODAL_WEAK = re.compile(r"\b(?:should|may|could|might|would)\b")
# Determiners count as lost or gained only with the word they qualify ("all domains").
_DETERMINERS_EN = ("all", "every", "each", "full")
_QUALIFIERS_EN = (
    "fully",
    "at least",
    "firmly",
    "strongly",
    "unwavering",
    "ironclad",
    "iron-clad",
    "steadfast",
    "unconditional",
    "unconditionally",
    "immediately",
    "significantly",
    "substantially",
    "complete",
    "completely",
    "unequivocal",
    "unequivocally",
    "without delay",
    "always",
)
_QUALIFIERS_JA = (
    "全て",
    "すべて",
    "完全",
    "少なくとも",
    "必ず",
    "断固",
    "揺るぎない",
    "直ちに",
    "常に",
)


@attrs.frozen
class Detection:
    """What the detector found in one sentence."""

    cls: str
    negated: bool
    specific: bool
    rules: tuple[str, ...]


def detect(sentence: str) -> Detection:
    """Classify one sentence: its class, and whether it is negated and specific."""
    folded = _text.fold(sentence)
    lang = "ja" if _text.has_cjk(folded) else "en"
    hits = [
        rule for rule, pattern in _COMPILED if rule.lang == lang and _matches(rule, pattern, folded)
    ]
    classes = {rule.cls for rule in hits}
    cls = next((c for c in PRECEDENCE if c in classes), "not")
    negated = False
    if cls in TRACKED:
        if lang == "en":
            negated = _negation_is_ours(folded)
        else:
            negated = _NEGATION_JA.search(folded) is not None
    specific = any(
        f.type in ("percent", "money", "count", "year") for f in _figures.extract(sentence)
    )
    return Detection(cls, negated, specific, tuple(r.name for r in hits if r.cls == cls))


def _negation_is_ours(folded: str) -> bool:
    """A negation whose subject is ours: "we will not", "our support will never waver"."""
    for m in _NEGATION_EN.finditer(folded):
        if _ours(folded, m.start()) or m.group(0).startswith(("nor ", "neither")):
            return True
        head = folded[max(0, m.start() - 80) : m.start()]
        if re.search(r"\bour (?:commitment|support|solidarity|resolve)\b[^.;:,]*$", head):
            return True
    return False


# -- sentences of a document ---------------------------------------------------------

# Share of a commitment's content terms that must be found in one sentence (or two adjacent
# sentences) of the other document for its content to count as carried.
DROP_THRESHOLD = 0.6
_BULLET_START = re.compile(r"^(?:[-*•▪◦‣–—]\s|・)")
# Index terms found in more sentences than this are too common to look candidates up by.
_COMMON = 200
_CANDIDATES = 24


@attrs.frozen
class Sentence:
    """A sentence of a document with what the detector found in it."""

    id: int
    paragraph: int
    sentence: int
    text: str
    line: int
    key: str
    terms: frozenset[str]
    detection: Detection

    def clause(self) -> Clause:
        """The sentence as a :class:`~declarediff.model.Clause` record."""
        d = self.detection
        return Clause(
            paragraph=self.paragraph,
            sentence=self.sentence,
            text=self.text,
            line=self.line,
            cls=d.cls,
            negated=d.negated,
            specific=d.specific,
        )


def sentences(doc: Document) -> list[Sentence]:
    """Every sentence of ``doc`` with its detection.

    A bullet item that the detector finds no class for takes the class of the
    sentence that introduces the list (``We will:``), as a reader would.
    """
    out: list[Sentence] = []
    for p in doc.paragraphs:
        if p.kind == "heading":
            continue
        intro: Detection | None = None
        for k, s in enumerate(p.sentences):
            det = detect(s.text)
            bullet = _BULLET_START.match(s.text) is not None
            if bullet and det.cls == "not" and intro is not None:
                det = attrs.evolve(det, cls=intro.cls, rules=(f"list under {intro.cls}",))
            elif not bullet:
                intro = (
                    det if s.text.rstrip().endswith((":", "：")) and det.cls in TRACKED else None
                )
            key = _text.key(s.text)
            out.append(
                Sentence(
                    id=len(out),
                    paragraph=p.index,
                    sentence=k,
                    text=s.text,
                    line=p.line + p.text.count("\n", 0, s.start),
                    key=key,
                    terms=frozenset(_text.content_terms(key)),
                    detection=det,
                )
            )
    return out


class Carrier:
    """One document's sentences, indexed to ask whether it carries a clause's content."""

    def __init__(self, sents: list[Sentence], weights: dict[str, float] | None = None) -> None:
        self.sents = sents
        self.weights = weights or {}
        self.by_key: dict[str, list[Sentence]] = defaultdict(list)
        for s in sents:
            self.by_key[s.key].append(s)
        self.postings: dict[str, list[int]] = defaultdict(list)
        for s in sents:
            for term in s.terms:
                self.postings[term].append(s.id)

    def _mass(self, terms: frozenset[str]) -> float:
        """Total weight of some terms (1 each without weights)."""
        if not self.weights:
            return float(len(terms))
        # fsum is exact, so the total does not depend on the set's (hash-seeded) order.
        return math.fsum(self.weights.get(t, 1.0) for t in terms)

    def _neighbours(self, s: Sentence) -> list[Sentence]:
        out = []
        for other in (s.id - 1, s.id + 1):
            if 0 <= other < len(self.sents) and self.sents[other].paragraph == s.paragraph:
                out.append(self.sents[other])
        return out

    def best(self, clause: Sentence, occurrence: int = 0) -> tuple[Sentence | None, float, bool]:
        """The sentence that carries most of ``clause``'s content, the share carried, and
        whether that counts as carrying it.

        The share is counted over the sentence together with an adjacent one of
        the same paragraph when that carries more (a commitment split in two).
        The content counts as carried when at least :data:`DROP_THRESHOLD` of it
        is found, or when the sentence is a condensed version of the clause: at
        least four terms in common and 60% of the sentence's own terms from it.
        ``occurrence`` picks among identical sentences: the k-th repeat of a
        sentence is matched with the k-th repeat on this side.
        """
        same = self.by_key.get(clause.key)
        if same:
            return same[min(occurrence, len(same) - 1)], 1.0, True
        terms = clause.terms
        if not terms:
            return None, 0.0, False
        hits: dict[int, int] = defaultdict(int)
        for term in terms:
            posting = self.postings.get(term, ())
            if len(posting) <= _COMMON:
                for sid in posting:
                    hits[sid] += 1
        if not hits:
            return None, 0.0, False
        ranked = sorted(hits, key=lambda sid: (-hits[sid], sid))[:_CANDIDATES]
        total = self._mass(terms)
        best: tuple[float, float, bool, int] = (-1.0, -1.0, False, 0)
        for sid in ranked:
            s = self.sents[sid]
            share = self._mass(terms & s.terms) / total
            for n in self._neighbours(s):
                share = max(share, self._mass(terms & (s.terms | n.terms)) / total)
            tracked = s.detection.cls in TRACKED
            sim = Indel.normalized_similarity(clause.key, s.key)
            if (share, sim, tracked, -sid) > (best[0], best[1], best[2], -best[3]):
                best = (share, sim, tracked, sid)
        chosen = self.sents[best[3]]
        common = terms & chosen.terms
        condensed = len(common) >= 4 and self._mass(common) >= 0.6 * self._mass(chosen.terms)
        return chosen, best[0], best[0] >= DROP_THRESHOLD or condensed


# -- what became of each commitment ---------------------------------------------------


def _words(folded: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", folded))


def _has(phrase: str, folded: str) -> bool:
    if _text.has_cjk(phrase):
        return phrase in folded
    return re.search(rf"\b{re.escape(phrase)}\b", folded) is not None


def compare_clauses(old: Sentence, new: Sentence) -> tuple[list[str], list[str], list[str]]:
    """Reasons a reworded commitment is weaker, stronger, or just different."""
    weaker: list[str] = []
    stronger: list[str] = []
    other: list[str] = []
    do, dn = old.detection, new.detection
    so, sn = STRENGTH[do.cls], STRENGTH[dn.cls]
    if sn < so:
        weaker.append(f"class {do.cls} -> {dn.cls}")
    elif sn > so:
        stronger.append(f"class {do.cls} -> {dn.cls}")
    elif do.cls != dn.cls:
        other.append(f"class {do.cls} -> {dn.cls}")
    if dn.negated and not do.negated:
        weaker.append("now negated")
    elif do.negated and not dn.negated:
        other.append("negation removed")
    fo, fn = old.key, new.key
    strong_o, strong_n = _MODAL_STRONG.search(fo), _MODAL_STRONG.search(fn)
    weak_o, weak_n = _MODAL_WEAK.search(fo), _MODAL_WEAK.search(fn)
    if strong_o and not strong_n and weak_n:
        weaker.append(f"modal {strong_o.group(0)} -> {weak_n.group(0)}")
    elif strong_n and not strong_o and weak_o:
        stronger.append(f"modal {weak_o.group(0)} -> {strong_n.group(0)}")
    qualifiers = _QUALIFIERS_JA if _text.has_cjk(fo + fn) else _QUALIFIERS_EN
    for q in qualifiers:
        had, has = _has(q, fo), _has(q, fn)
        if had and not has:
            weaker.append(f"lost qualifier '{q}'")
        elif has and not had:
            stronger.append(f"gained qualifier '{q}'")
    for q in _DETERMINERS_EN:
        for a, b, bucket, verb in ((fo, fn, weaker, "lost"), (fn, fo, stronger, "gained")):
            for m in re.finditer(rf"\b{q} ([a-z][a-z-]+)", a):
                head = m.group(1)
                if _has(head, b) and not _has(f"{q} {head}", b):
                    bucket.append(f"{verb} qualifier '{q} {head}'")
    wn = _words(fn)
    for m in re.finditer(r"\bthe ([a-z][a-z-]+)", fo):
        noun = m.group(1)
        if noun in wn and not _has(f"the {noun}", fn) and re.search(rf"\ban? {noun}\b", fn):
            weaker.append(f"'the {noun}' -> 'a {noun}'")
    if do.specific and not dn.specific:
        weaker.append("no longer specific (its figure or date is gone)")
    elif dn.specific and not do.specific:
        stronger.append("now specific (gained a figure or date)")
    return weaker, stronger, other


def term_weights(*docs: Sequence[Sentence]) -> dict[str, float]:
    """Inverse sentence frequency of each content term over both documents.

    A term found in most sentences ("support", "Ukraine" in a statement on
    Ukraine) says little about which sentence carries a commitment; a rare one
    says much.
    """
    df: dict[str, int] = defaultdict(int)
    n = 0
    for sents in docs:
        for s in sents:
            n += 1
            for t in s.terms:
                df[t] += 1
    return {t: math.log((n + 1) / (d + 0.5)) ** 0.5 for t, d in df.items()}


def occurrence(s: Sentence, sents: Sequence[Sentence]) -> int:
    """How many identical sentences come before ``s`` in its own document."""
    return sum(1 for other in sents[: s.id] if other.key == s.key)


def tracked(s: Sentence) -> bool:
    """A commitment with enough content to follow (not a bare "To this end, we will:")."""
    return s.detection.cls in TRACKED and len(s.terms) >= 2


def _status(old: Sentence, new: Sentence, share: float) -> Commitment:
    if old.key == new.key:
        return Commitment("kept", old.detection.cls, old.clause(), new.clause(), 1.0)
    weaker, stronger, other = compare_clauses(old, new)
    if share < DROP_THRESHOLD:
        weaker.append(f"narrowed: {share:.0%} of its content carried")
    reasons = tuple(weaker + stronger + other)
    status: CommitmentStatus
    if weaker and not stronger:
        status = "weakened"
    elif stronger and not weaker:
        status = "strengthened"
    else:
        status = "modified"
    return Commitment(status, old.detection.cls, old.clause(), new.clause(), share, reasons)


def track(
    old: Document,
    new: Document,
    old_sents: Sequence[Sentence] | None = None,
    new_sents: Sequence[Sentence] | None = None,
) -> tuple[Commitment, ...]:
    """What became of each commitment of ``old`` in ``new``, then the commitments ``new`` added.

    Old commitments come in old-document order, added ones after them in
    new-document order.
    """
    so = list(old_sents) if old_sents is not None else sentences(old)
    sn = list(new_sents) if new_sents is not None else sentences(new)
    weights = term_weights(so, sn)
    in_new, in_old = Carrier(sn, weights), Carrier(so, weights)
    out: list[Commitment] = []
    for c in so:
        if not tracked(c):
            continue
        counterpart, share, carried = in_new.best(c, occurrence(c, so))
        if counterpart is None or not carried:
            reason = f"{share:.0%} of its content found in the new document"
            out.append(Commitment("dropped", c.detection.cls, c.clause(), None, share, (reason,)))
        else:
            out.append(_status(c, counterpart, share))
    for d in sn:
        if not tracked(d):
            continue
        counterpart, share, carried = in_old.best(d, occurrence(d, sn))
        if counterpart is None or not carried:
            reason = f"{share:.0%} of its content found in the old document"
            out.append(Commitment("added", d.detection.cls, None, d.clause(), share, (reason,)))
        elif counterpart.detection.cls not in TRACKED:
            reason = f"the old text said this without committing ({counterpart.detection.cls})"
            out.append(
                Commitment(
                    "added", d.detection.cls, counterpart.clause(), d.clause(), share, (reason,)
                )
            )
    return tuple(out)
