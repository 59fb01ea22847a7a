"""Commitments: which sentences promise future action, and what became of them.

A commitment, after the G7/G20 Research Group, is a collectively agreed
statement of intent about future action.  The detector is rule-based and its
rules are data (:data:`RULES`): each has a class, a language and a pattern;
the strongest class found in a sentence is its class.  Classes, strongest
first: ``commit`` and ``reaffirm`` (strength 3), ``soft`` (2), ``request``
(1), ``not`` (0).  English rules that need a collective subject (we, Leaders,
Allies, the G7/G20, member states) use ``{S}`` in their pattern, and no
``that``/``which`` or other subject may stand between it and the verb.

The declaring parties may be named: "the ROK pledges", "President Biden and
President Moon commit" read as "we" when :class:`Parties` says the name is
one of the document's own parties, never when the document asks, urges or
condemns it.  A clause whose main verb welcomes, notes or condemns commits to
nothing, whatever follows in it.

Tracking is document-wide: an old commitment is looked for in every sentence
of the new document, because commitments move, merge, split and get folded
into other sentences.  Whether a sentence carries it is the business of
:mod:`declarediff.carry` (concept terms, name variants, rarity weights);
:class:`Tracking` adds one check, that a sentence which plainly continues
another old sentence carries a second one only when it holds most of it.  A
commitment nothing carries is **dropped**.  Otherwise its best carrier
decides: **kept** (same text), **weakened** (lower strength class, a negation
or modal flip, a lost qualifier such as "all", "full", "at least", "the" ->
"a" before its object, or narrowed: a part of it gone), **strengthened** (the
reverse), or **modified**.  A new commitment that carries no old one and that
the old document does not carry is **added** (so a commitment dropped from a
to b is added from b to a), as is one whose closest old sentence said the
same without committing.  Every record carries its :class:`~declarediff.model.Evidence`.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import itertools
import re
from array import array
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from declarediff import carry as _carry
from declarediff import figures as _figures
from declarediff import text as _text
from declarediff.model import Clause, Commitment, CommitmentStatus, Document, Evidence

# -- the rules ---------------------------------------------------------------------

STRENGTH: dict[str, int] = {"commit": 3, "reaffirm": 3, "soft": 2, "request": 1, "not": 0}
# Classes that make a sentence a commitment to track.
TRACKED = frozenset({"commit", "reaffirm", "soft", "request"})
# Order of precedence when a sentence matches several classes.
PRECEDENCE: tuple[str, ...] = ("commit", "reaffirm", "soft", "request", "not")

_SUBJECT = re.compile(
    r"\b(?:we|leaders|allies|the alliance|nato|member states|all members|our governments"
    r"|our (?:two )?(?:countries|nations|governments)|they"
    r"|(?:the )?(?:two|both) (?:leaders|presidents|prime ministers|sides|countries|governments"
    r"|nations|partners|heads of (?:state|government))"
    r"|(?:the )?(?:presidents|prime ministers|heads of state and government)"
    r"|(?:the )?quad(?: (?:leaders|countries|partners|members))?"
    r"|(?:the )?g(?:7|20)(?: (?:leaders|members|countries|partners|economies))?\b"
    r"(?! (?:central|finance|foreign|ministers|presidency|troika|secretariat|framework"
    r"|agenda|summit|process|working|task|sherpas?|'s))"
    r"|(?:\x00)+"
    r")\b"
)
# Words that open a clause with a subject of its own between ours and the verb.
_CLAUSE_OPENER = re.compile(r"\b(?:that|which|who|whom|whose|whether|if)\b")
# A subject of another clause standing right before the verb ("..., and it will").
_OTHER_SUBJECT = re.compile(
    r"\b(?:it|they|he|she|this|these|those|russia|china|iran|which|who|that)\s+(?:\w+\s+)?$"
)
# A conjunction that makes the clause after it subordinate ("..., as we continue to").
_SUBORDINATE = re.compile(
    r"\b(?:as|while|when|whereas|because|since|where|once|unless|until|so that|even as)\s+$"
)
# Asking or encouraging others: "we call on X to commit" is their action, not ours.
_OTHERS_ACT = re.compile(
    r"\b(?:call(?:s|ed)? (?:on|upon)|urg(?:e|es|ed)|encourag(?:e|es|ed)|invit(?:e|es|ed)"
    r"|ask(?:s|ed)?|welcome|look forward to)\b"
)


# A named party as the subject of a clause, in the original case: "Korea and the United
# States will", "the ROK pledges", "President Biden and President Moon commit", "Australia,
# India, Japan, and the United States have pledged".  For detection it reads as "we" (joint
# statements switch between the two), unless the document treats the name as another party
# (see :func:`others`).
_TITLE = r"(?:President|Prime Minister|Chancellor|Premier|Secretary General|Secretary-General)"
_NAME_WORD = r"(?:U\.S\.|U\.K\.|E\.U\.|[A-Z][0-9A-Za-z\u00c0-\u024f'’.-]*)"
_NAME_UNIT = (
    rf"(?:{_TITLE}\s+{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
    rf"|(?:the\s+)?{_NAME_WORD}(?:\s+(?:of\s+(?:the\s+)?)?{_NAME_WORD}){{0,4}})"
)
_MAX_NAMES = 30
_NAMED_SUBJECT = re.compile(
    rf"(?:^|(?<=[,;:]\s))(?:the\s+|The\s+|Both\s+|both\s+)?{_NAME_UNIT}"
    # At most 30 names: unbounded, a long list of capitalised words ("Alpha, Alpha, ...")
    # was tried again from every comma (quadratic: 51 s for 40 KB).
    rf"(?:\s*,\s*(?:and\s+)?{_NAME_UNIT}|\s+and\s+{_NAME_UNIT}){{0,{_MAX_NAMES - 1}}}"
    r"(?=\s+(?:(?:also|jointly|further|together|each|again|once again|will|have|has)\s+)*"
    r"(?!(?:and|or|of|the|to|in|for|on|with|at|by|from|as|that|which|who|is|are|was|were)\b)"
    r"[a-z]+(?:s|ed)?\b)"
)
# Where a named subject may start: the text's start, or after a comma, semicolon or colon and
# a space.
_CLAUSE_GAP = re.compile(r"[,;:]\s")


# A blank and a lower-case word that no name holds: a list of names ends before it.
_PAST_NAMES = re.compile(r"\s(?!(?:and|of|the|both)\b)[a-z]")


def _named_subject_matches(text: str) -> Iterator[re.Match[str]]:
    """``_NAMED_SUBJECT.finditer(text)``, trying only the places a match may start.

    In a text of more commas than a subject's names may have, a place is skipped when more
    commas stand between it and the first word no name holds: the names would have to run
    past either ("Alpha, Alpha, ..." tried 30 names again at each comma)."""
    end = 0
    many = text.count(",") >= _MAX_NAMES
    past = [m.start() for m in _PAST_NAMES.finditer(text)] if many else []
    commas = [m.start() for m in re.finditer(",", text)] if many else []
    for pos in itertools.chain((0,), (m.end() for m in _CLAUSE_GAP.finditer(text))):
        if pos < end:
            continue
        if many:
            k = bisect.bisect_left(past, pos)
            stop = past[k] if k < len(past) else len(text)
            if bisect.bisect_left(commas, stop) - bisect.bisect_left(commas, pos) >= _MAX_NAMES:
                continue
        m = _NAMED_SUBJECT.match(text, pos)
        if m is not None:
            yield m
            end = m.end()


# Capitalised words that start a clause without naming a party.
_NOT_NAMES = _carry.wordlist(
    """
    the a an this these that those it its their our in on at to for with by as after before
    building recognizing recognising together today moreover furthermore finally also however
    given noting acknowledging alliance partnership agreement treaty declaration initiative
    framework strategy summit group council committee commission forum programme program policy
    plan statement communique communiqué leaders allies members countries nations we they he she
    i
    """
)
# A name the document addresses as another party: "call on X", "urge X", "X's war".  Two
# patterns, each opening with a character class so that the regex engine skips quickly to
# where it may start (a word boundary before "call" is written as a look-behind after its
# first letter; a name word as its capital, then the rest); :func:`_other_parties` takes
# their matches as one alternation ``asking|possessive`` would.
_OTHER_ASKED = re.compile(
    r"[cud](?<!\w[cud])(?:(?<=c)all(?:s|ed)? (?:on|upon)|(?<=u)rg(?:e|es|ed)"
    r"|(?<=c)ondemn(?:s|ed)?|(?<=d)emand(?:s|ed)? that)"
    rf"\s+(?:the\s+)?({_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})"
)
_OTHER_POSSESSIVE = re.compile(
    r"([A-Z](?:(?<=U)\.S\.|(?<=U)\.K\.|(?<=E)\.U\.|[0-9A-Za-z\u00c0-\u024f'’.-]*))"
    r"['’]s\s+(?:\w+\s+)?(?:war|aggression|invasion|attacks?|forces"
    r"|nuclear|missile|ballistic|regime|military|provocations?)\b"
)


def _other_parties(text: str) -> Iterator[str]:
    """The names matched by ``_OTHER_ASKED|_OTHER_POSSESSIVE`` in ``text``, left to right
    without overlaps (each search from where the last match ended; a match found earlier
    stays valid while it starts at or after that point)."""
    pos = 0
    asked = _OTHER_ASKED.search(text)
    possessive = _OTHER_POSSESSIVE.search(text)
    while asked is not None or possessive is not None:
        m = (
            asked
            if asked is not None and (possessive is None or asked.start() <= possessive.start())
            else possessive
        )
        if m is None:  # pragma: no cover - the loop condition leaves one of the two
            break
        yield m.group(1)
        pos = m.end()
        if asked is not None and asked.start() < pos:
            asked = _OTHER_ASKED.search(text, pos)
        if possessive is not None and possessive.start() < pos:
            possessive = _OTHER_POSSESSIVE.search(text, pos)


# Words of a title or an apposition that are not names of parties.
_GENERIC = _carry.wordlist(
    """
    joint statement statements leaders leader's leaders' declaration communique communiqué
    summit meeting fact sheet vision of on for from and the
    """
)
# "We, the leaders of Australia, India, Japan, and the United States": the parties named.
_APPOSITION = re.compile(
    # ("We" after a word boundary, written so that the engine skips to a W quickly.)
    r"[Ww](?<!\w[Ww])e,?\s+(?:the\s+)?(?:[Ll]eaders|[Hh]eads of [Ss]tate and [Gg]overnment"
    r"|[Pp]residents|[Pp]rime [Mm]inisters)\s+of\s+([^.;:]{3,200}?)"
    r"(?:,\s*(?:have|met|convened|are|reaffirm)"
    r"|\s+(?:have|met|convened|are|reaffirm)|[.;:])"
)


# Words of state names that tell no state apart ("the Republic of ...", "United ...").
_GENERIC_NAME_WORDS = _carry.wordlist(
    """
    republic kingdom united states state federal federation democratic people's peoples of the
    and president prime minister islamic union
    """
)


def _party_key(name: str) -> str:
    """A name folded for comparison: "the Republic of Korea" and "ROK" are one party."""
    key = re.sub(r"^the\s+", "", _text.key(name))
    for variant, canonical in _carry.ALIASES:
        if key == variant:
            return canonical
    return key


_NAME_UNIT_RE = re.compile(_NAME_UNIT)
_TITLED = re.compile(rf"(?:the\s+|The\s+)?{_TITLE}")
# Words without which _OTHER_ASKED and _OTHER_POSSESSIVE cannot match.
_OTHER_PARTY_SIGNS = ("call", "urg", "condemn", "demand", "'s", "’s")


@functools.lru_cache(maxsize=1 << 16)
def _mentions(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The parties one paragraph addresses as others, and those it shows declaring;
    computed once per text, since editions repeat most paragraphs."""
    flat = " ".join(text.split())
    other: set[str] = set()
    declaring: set[str] = set()
    if any(sign in flat for sign in _OTHER_PARTY_SIGNS):
        for found in _other_parties(flat):
            name = found.strip()
            if name and name.split()[0].lower() not in _NOT_NAMES:
                other.add(_party_key(name))
    for m in _APPOSITION.finditer(flat):
        declaring.update(_party_key(n) for n in _units(m.group(1)))
    for m in _named_subject_matches(flat):
        names = _units(m.group(0))
        if len(names) >= 2 or _TITLED.match(m.group(0)):
            declaring.update(_party_key(n) for n in names)
    return frozenset(other), frozenset(declaring)


def _units(phrase: str) -> list[str]:
    """The names in a phrase ("Australia, India, Japan, and the United States")."""
    out = []
    for m in _NAME_UNIT_RE.finditer(phrase):
        words = [w for w in m.group(0).split() if w.lower() not in _NOT_NAMES]
        while words and words[-1].lower().strip(",") in _GENERIC:
            words.pop()
        name = " ".join(words).strip(" ,")
        if name and name.lower().strip("’'") not in _GENERIC and name[0].isupper():
            out.append(name)
    return out


@attrs.frozen(cache_hash=True)
class Parties:
    """Who declares in a document, and whom it addresses as another party.

    ``declaring``: names in the title ("U.S.-ROK Leaders' Joint Statement"), in
    an apposition to "we" ("We, the leaders of Australia, India, Japan, and the
    United States"), and in subjects that join several names or name a leader
    ("Korea and the United States will", "President Biden and President Moon
    commit").  ``other``: names the document asks, urges or condemns, or whose
    war, forces or missiles it describes ("call on Russia", "the DPRK's ballistic
    missile tests").  A single name as a subject ("the ROK pledges", "Japan
    will") reads as a declaring party only when it is one of ``declaring``;
    "Russia will fail" never does.
    """

    declaring: frozenset[str] = frozenset()
    other: frozenset[str] = frozenset()
    # Abbreviations the document defines, folded: "ron" -> "republic of norland".
    expand: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, texts: Sequence[str]) -> Parties:
        """The parties of a document, from its paragraph texts (the title first)."""
        other: set[str] = set()
        declaring: set[str] = set()
        for text in texts:
            others, declarers = _mentions(text)
            other.update(others)
            declaring.update(declarers)
        if texts:
            title = " ".join(texts[0].split())
            if len(title) < 200:
                for piece in re.split(r"[-–—/,]|\band\b", title):
                    declaring.update(_party_key(n) for n in _units(piece))
        declaring = {d for d in declaring if d and d not in other}
        expand = tuple((short, long) for long, short in _carry.abbreviations(texts))
        return cls(frozenset(declaring), frozenset(other), expand)

    def reads_as_we(self, phrase: str) -> bool:
        """Whether a named subject phrase is the declaring parties speaking."""
        names = [_party_key(n) for n in _units(phrase)]
        if not names or any(n in self.other for n in names):
            return False
        if len(names) >= 2 or re.match(rf"(?:the\s+|The\s+|Both\s+)?{_TITLE}", phrase):
            return True
        return self._declares(names[0])

    def _declares(self, name: str) -> bool:
        """A single name is a declaring party: one of them, an abbreviation the document
        defines for one ("RON" for "the Republic of Norland"), or a longer form sharing a
        distinctive word with one ("the Republic of Norland" for "Norland")."""
        if name in self.declaring:
            return True
        forms = {name} | {long for short, long in self.expand if short == name}
        words = {w for f in forms for w in f.split()} - _GENERIC_NAME_WORDS
        own = {w for d in self.declaring for w in d.split()} - _GENERIC_NAME_WORDS
        return bool(words & own)


def _named_subjects(sentence: str, parties: Parties) -> str:
    """``sentence`` with each declaring party that is a clause subject read as "we"."""
    spans = _subject_spans(sentence)
    if not spans:
        return sentence
    out: list[str] = []
    last = 0
    for start, end in spans:
        phrase = sentence[start:end]
        out.append(sentence[last:start])
        out.append("we" if _reads_as_we(phrase, parties) else phrase)
        last = end
    out.append(sentence[last:])
    return "".join(out)


@functools.lru_cache(maxsize=1 << 16)
def _reads_as_we(phrase: str, parties: Parties) -> bool:
    """:meth:`Parties.reads_as_we`, once per phrase and parties (subjects repeat)."""
    return parties.reads_as_we(phrase)


@functools.lru_cache(maxsize=1 << 16)
def _subject_spans(sentence: str) -> tuple[tuple[int, int], ...]:
    """Where named subjects stand in a sentence (whoever they name; computed once per text)."""
    return tuple(m.span() for m in _named_subject_matches(sentence))


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
        r"(?<!their )(?<!our )(?<!its )(?<!political )(?<!united )(?<!the )"
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
        r"\b(?:agree(?:d)? to|have agreed|agreed (?:today|a|an|on a|on an)\b|agree the|decided?\b)",
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
    Rule(
        "grounded in our commitment",
        "reaffirm",
        "en",
        r"\b(?:grounded|rooted|anchored|founded|based|built) (?:in|on) our (?:\w+ )?"
        r"(?:commitment|commitments|determination|resolve)\b",
        subject=False,
    ),
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
    Rule("continue to", "reaffirm", "en", r"\bcontinu(?:e|es) (?:to|our|their)\b", near=True),
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
        "express our support",
        "soft",
        "en",
        r"\bexpress(?:es|ed)? (?:our|their|his|her|its) (?:\w+ )?(?:support|solidarity)\b",
    ),
    Rule(
        "will explore",
        "soft",
        "en",
        r"\b(?:(?:will|shall) (?:(?:also|further|jointly|continue to) )?(?:explore|consider|review)"
        r"|(?:explore|look to|work towards))\b",
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
        near=True,
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
        r"(?:われわれ|我々|私たち|首脳|同盟国|加盟国|両国|両政府|g7|g20|nato|日米|日韓|日豪|米韓"
        r"|クアッド)[^。]*"
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
        r"目指す|目指し|支持す|支持し|奨励す|努める|模索す|検討す|べきである|べきだ",
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
# Patterns run in place of a rule's own where that one is slow on hostile text and the
# replacement finds a match exactly where it does (only whether a rule matches is used).
# "our commitment ... is": the lazy scan from every "our support" in a long clause without a
# verb ran to the clause end each time (quadratic: 17 s for 40 KB); stopping it at the next
# "our support" changes no answer, since the scan from there reaches the same end.
_EQUIVALENT = {
    "commitment is iron-clad": (
        r"\bour (?:commitment|support|solidarity|resolve)\b"
        r"(?:(?!\b(?:that|which|who)\b|\bour (?:commitment|support|solidarity|resolve)\b)"
        r"[^.;:])*?\b(?:is|remains|will)\b"
    ),
}
_COMPILED: tuple[tuple[Rule, re.Pattern[str]], ...] = tuple(
    (r, re.compile(_EQUIVALENT.get(r.name, r.pattern))) for r in RULES
)


def _required(pattern: str) -> tuple[tuple[str, ...], ...]:
    """What every match of ``pattern`` contains, as groups of literal strings of which at
    least one occurs (a cheap test before the regex): runs of literal characters at the top
    level and in groups, and for an alternation its common prefix or else the prefix of each
    branch.  Read from the parsed pattern of CPython's ``re`` (3.11+); where that is not
    available, nothing is required and every rule runs its regex."""
    try:
        _sre: Any = importlib.import_module("re._constants")
        _sre_parse: Any = importlib.import_module("re._parser")
    except ImportError:  # pragma: no cover - another Python
        return ()
    if re.compile(pattern).flags & re.IGNORECASE:
        return ()  # the text is case-folded, but a literal of the pattern may not be
    parsed = _sre_parse.parse(pattern)

    def enough(literal: str) -> bool:
        """Long enough to be worth testing: three Latin characters, two CJK ones."""
        return len(literal) >= (3 if literal.isascii() else 2)

    def length(items: Any) -> int:
        """Characters of a sequence of literals (-1 when it holds anything else)."""
        return len(items) if all(op is _sre.LITERAL for op, _arg in items) else -1

    def prefix(items: Any) -> str:
        out = ""
        for op, arg in items:
            if op is _sre.LITERAL:
                out += chr(arg)
            elif op is _sre.SUBPATTERN:
                inner = prefix(arg[-1])
                out += inner
                if len(inner) != length(arg[-1]):
                    return out
            elif op is _sre.BRANCH:
                heads = [prefix(b) for b in arg[1]]
                common = heads[0]
                for h in heads[1:]:
                    while not h.startswith(common):
                        common = common[:-1]
                return out + common
            elif op is _sre.AT:
                continue
            else:
                return out
        return out

    def walk(items: Any, found: list[tuple[str, ...]]) -> None:
        run = ""
        for op, arg in items:
            if op is _sre.LITERAL:
                run += chr(arg)
                continue
            if enough(run):
                found.append((run,))
            run = ""
            if op is _sre.SUBPATTERN:
                walk(arg[-1], found)
            elif op is _sre.BRANCH:
                common = prefix([(op, arg)])
                heads = tuple(dict.fromkeys(prefix(b) for b in arg[1]))
                if enough(common):
                    found.append((common,))
                elif all(enough(h) for h in heads):
                    found.append(heads)
            elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and arg[0] >= 1:
                walk(arg[2], found)
        if enough(run):
            found.append((run,))

    found: list[tuple[str, ...]] = []
    walk(parsed, found)
    return tuple(dict.fromkeys(found))


# Per language, the rules grouped by class in order of precedence: detection stops at the
# first class with a hit (the classes after it would not change the result).  Each rule
# carries what it requires as a set of (rule, group) marks: a sentence satisfies a mark when
# it contains one of that group's literals (see :func:`_required`), and a rule's regex runs
# only when all its marks are satisfied.
_Compiled = tuple[Rule, re.Pattern[str], frozenset[tuple[int, int]]]


@attrs.frozen
class _Language:
    """The rules of one language, ready for detection."""

    groups: tuple[tuple[str, tuple[_Compiled, ...]], ...]
    # Every literal any rule requires, and the marks each one satisfies.
    literals: tuple[str, ...]
    marks: dict[str, frozenset[tuple[int, int]]]

    @classmethod
    def of(cls, lang: str) -> _Language:
        rules = [(k, r, p) for k, (r, p) in enumerate(_COMPILED) if r.lang == lang]
        marks: dict[str, set[tuple[int, int]]] = {}
        needs: dict[int, frozenset[tuple[int, int]]] = {}
        for k, rule, _pattern in rules:
            groups = _required(rule.pattern)
            needs[k] = frozenset((k, g) for g in range(len(groups)))
            for g, literals in enumerate(groups):
                for literal in literals:
                    marks.setdefault(literal, set()).add((k, g))
        grouped = tuple(
            (c, tuple((r, p, needs[k]) for k, r, p in rules if r.cls == c)) for c in PRECEDENCE
        )
        return cls(grouped, tuple(marks), {lit: frozenset(m) for lit, m in marks.items()})

    def satisfied(self, folded: str) -> frozenset[tuple[int, int]]:
        """The marks ``folded`` satisfies."""
        found = [self.marks[lit] for lit in self.literals if lit in folded]
        return frozenset().union(*found)


_BY_LANG: dict[str, _Language] = {lang: _Language.of(lang) for lang in ("en", "ja")}


def _ours(folded: str, start: int, near: bool = False) -> bool:
    """Whether the verb at ``start`` has a collective subject of ours before it."""
    if (
        len(folded) >= _INDEXED_FROM
        and (start == 0 or not _is_word(folded[start - 1]))
        and "\x00" not in folded
        and "\n" not in folded
    ):
        return _clause_index(folded).ours(start, near)
    return _ours_plain(folded, start, near)


def _ours_plain(folded: str, start: int, near: bool = False) -> bool:
    """:func:`_ours`, by reading the clause before the verb."""
    clause_start = max(folded.rfind(ch, 0, start) for ch in ".;:!?") + 1
    head = folded[clause_start:start]
    subjects = list(_SUBJECT.finditer(head))
    if not subjects:
        return False
    subject = subjects[-1]
    span = head[subject.end() :]
    if _CLAUSE_OPENER.search(span) or _OTHER_SUBJECT.search(span):
        return False
    # "We welcome the review as we continue to consult": a subordinate clause's subject.
    if subject.start() > 0 and _SUBORDINATE.search(head[: subject.start()]):
        return False
    if near and len(span.split()) > 2 and not re.search(r"\band\s*$", span):
        return False
    # "we call on all Parties to commit": the commitment is theirs.
    return not (span.rstrip().endswith(" to") and _OTHERS_ACT.search(span))


# From this length on, :func:`_ours` answers from an index of the sentence (:class:`_Clauses`)
# instead of reading the clause before each verb again, which is quadratic in a long clause
# with many verbs ("our commitment will never " repeated: 8 s for 100 KB).  Ordinary
# sentences are shorter; both ways give the same answers (tests/test_adversarial.py).
_INDEXED_FROM = 2000
# The most characters _SUBJECT reads from where it starts a match attempt (its longest
# alternative, "the heads of state and government", its look-ahead and a boundary).
_SUBJECT_READS = 80
_CLAUSE_BREAK = re.compile(r"[.;:!?]")
_RUN = re.compile(r"\S+")
_SUBORDINATE_WORDS = (
    "as", "while", "when", "whereas", "because", "since", "where", "once", "unless", "until",
    "so that", "even as",
)  # fmt: skip
_OTHER_SUBJECT_WORDS = (
    "it", "they", "he", "she", "this", "these", "those", "russia", "china", "iran", "which",
    "who", "that",
)  # fmt: skip


def _is_word(ch: str) -> bool:
    """What ``\\w`` matches."""
    return ch.isalnum() or ch == "_"


def _starts(pattern: re.Pattern[str], text: str) -> tuple[array[int], array[int]]:
    """The starts and the ends of the matches of ``pattern`` in ``text`` (machine words: a
    long text may hold one every few words)."""
    starts, ends = array("q"), array("q")
    for m in pattern.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


class _Clauses:
    """One long folded sentence indexed for :func:`_ours`: where its clauses break, where
    subjects, clause openers and words of asking stand, where its words start.  Each
    question is then answered by bisection and a look at the few words before the verb,
    with the answers of :func:`_ours_plain` (which this assumes: no NUL, no line break,
    and a verb that starts a word)."""

    def __init__(self, folded: str) -> None:
        self.text = folded
        self.breaks = array("q", (m.start() for m in _CLAUSE_BREAK.finditer(folded)))
        # Offsets, not match objects: a long text may hold a subject every few words.
        self.subject_starts, self.subject_ends = _starts(_SUBJECT, folded)
        self.openers = _starts(_CLAUSE_OPENER, folded)
        self.asking = _starts(_OTHERS_ACT, folded)
        self.runs = array("q", (m.start() for m in _RUN.finditer(folded)))

    def _subject(self, clause: int, start: int) -> tuple[int, int] | None:
        """The span of the last match of ``_SUBJECT`` in ``folded[clause:start]``.

        A match is never across a clause break, so the matches of the whole text from the
        clause on are those of a scan of the clause; those that end well before ``start``
        are those of a scan that stops at ``start`` too (no attempt of theirs read so far),
        and only the last few characters are scanned again."""
        lo = bisect.bisect_left(self.subject_starts, clause)
        hi = bisect.bisect_right(self.subject_ends, start - _SUBJECT_READS, lo)
        last = (self.subject_starts[hi - 1], self.subject_ends[hi - 1]) if hi > lo else None
        resume = last[1] if last is not None else clause
        following = self.subject_starts[hi] if hi < len(self.subject_starts) else start
        resume = max(resume, min(following, start - _SUBJECT_READS))
        for m in _SUBJECT.finditer(self.text, resume, start):
            last = m.span()
        return last

    def _within(self, found: tuple[array[int], array[int]], a: int, b: int) -> bool:
        """Whether a match of the whole text lies in ``[a, b)``."""
        starts, ends = found
        k = bisect.bisect_left(starts, a)
        return k < len(starts) and ends[k] <= b

    def _word_ends(self, words: Sequence[str], lo: int, end: int) -> bool:
        """Whether one of ``words`` ends at ``end``, at a word boundary in ``text[lo:]``."""
        text = self.text
        for w in words:
            a = end - len(w)
            if a >= lo and text.startswith(w, a) and (a == lo or not _is_word(text[a - 1])):
                return True
        return False

    def _blank_before(self, end: int, lo: int) -> int:
        """Where the run of blanks that ends at ``end`` starts (not before ``lo``)."""
        while end > lo and self.text[end - 1].isspace():
            end -= 1
        return end

    def ours(self, start: int, near: bool) -> bool:
        text = self.text
        k = bisect.bisect_left(self.breaks, start)
        clause = self.breaks[k - 1] + 1 if k else 0
        subject = self._subject(clause, start)
        if subject is None:
            return False
        a = subject[1]  # the span between the subject and the verb is text[a:start]
        if self._within(self.openers, a, start):
            return False
        # _OTHER_SUBJECT: a subject word, blanks, perhaps a word and blanks, at the end.
        end = self._blank_before(start, a)
        if end < start:
            if self._word_ends(_OTHER_SUBJECT_WORDS, a, end):
                return False
            word = end
            while word > a and _is_word(text[word - 1]):
                word -= 1
            if word < end:
                inner = self._blank_before(word, a)
                if inner < word and self._word_ends(_OTHER_SUBJECT_WORDS, a, inner):
                    return False
        if subject[0] > clause:
            gap = self._blank_before(subject[0], clause)
            if gap < subject[0] and self._word_ends(_SUBORDINATE_WORDS, clause, gap):
                return False
        if near:
            words = bisect.bisect_left(self.runs, start) - bisect.bisect_right(self.runs, a)
            words += 1 if a < start and not text[a].isspace() else 0
            if words > 2 and not self._word_ends(("and",), a, end):
                return False
        return not (
            end - 3 >= a and text.startswith(" to", end - 3) and self._within(self.asking, a, start)
        )


@functools.lru_cache(maxsize=4)
def _clause_index(folded: str) -> _Clauses:
    return _Clauses(folded)


def _matches(rule: Rule, pattern: re.Pattern[str], folded: str, after: int = 0) -> bool:
    """Whether the rule holds in ``folded`` at or after offset ``after``."""
    if not rule.subject:
        return pattern.search(folded, after) is not None
    return any(
        m.start() >= after and _ours(folded, m.start(), rule.near) for m in pattern.finditer(folded)
    )


# The main verb of a sentence that says it commits to nothing: "We welcome ...", "We condemn
# ...", "We reiterate our condemnation of ...".  Commitment words later in the same clause are
# part of what is welcomed or condemned; a new clause ("; we will", ", and will") may commit.
_NOT_MAIN = re.compile(
    r"^(?:[^,;:]*,\s*)?(?:we|the (?:two|both) \w+|both \w+|the \w+)\s+"
    r"(?:also |further |again |once again )?"
    r"(?:welcome|note|take note|condemn|deplore|commend|appreciate|pay tribute|salute|applaud"
    r"|congratulate|thank|look forward to"
    r"|(?:are|remain) (?:deeply |gravely |seriously )?concerned"
    r"|(?:reaffirm|reiterate|restate|renew|repeat|express)(?:s|ed)? (?:our|their) (?:\w+ )?"
    r"(?:condemnation|concerns?|condolences|sympathy|gratitude|appreciation|confidence))"
    r"(?:s|d|ed)?\b"
)
# A new clause after a welcoming or condemning one: "; we will", ", and encourage".
_NEW_CLAUSE = re.compile(
    r";|\.\s|,? and (?:we )?(?:also )?(?:will|shall|commit|pledge|agree|are committed"
    r"|remain committed|resolve|are determined|encourage|instruct|invite|call|urge|ask|task"
    r"|support|stand ready|are ready|(?:reaffirm|reiterate) (?:our|their) (?:\w+ )?commitment)\b"
)


def _not_main(folded: str) -> int:
    """Where the commitment words of a sentence may start: past a welcoming or condemning
    main clause, or 0 when the main verb does not say "not a commitment"."""
    m = _NOT_MAIN.match(folded)
    if m is None:
        return 0
    nxt = _NEW_CLAUSE.search(folded, m.end())
    return nxt.start() if nxt else len(folded)


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
    "揺るぎのない",
    "ゆるぎない",
    "ゆるぎのない",
    "鉄壁",
    "以上",
    "直ちに",
    "常に",
)


# Words that say a commitment is strongly held; any of them stands for any other.
_INTENSIFIERS = _carry.wordlist(
    """
    strong strongly firm firmly unwavering steadfast ironclad iron-clad unshakable unshakeable
    resolute resolutely enduring full fully
    揺るぎない 揺るぎのない ゆるぎない ゆるぎのない 鉄壁 断固 強固
    """
)


def _intensified(folded: str) -> bool:
    return any(_has(q, folded) for q in _INTENSIFIERS)


@attrs.frozen
class Detection:
    """What the detector found in one sentence."""

    cls: str
    negated: bool
    specific: bool
    rules: tuple[str, ...]


def detect(sentence: str, parties: Parties | None = None) -> Detection:
    """Classify one sentence: its class, and whether it is negated and specific.

    A named party as the subject ("the ROK pledges", "President Biden and
    President Moon commit") counts as a collective subject when ``parties``
    (the document's, see :class:`Parties`) say it is a declaring party.
    """
    return _detect(_named_subjects(sentence, parties or _NO_PARTIES), sentence)


_NO_PARTIES = Parties()


@functools.lru_cache(maxsize=1 << 16)
def _detect(subjects: str, sentence: str) -> Detection:
    """:func:`detect` of ``sentence``, read as ``subjects`` (the sentence with the declaring
    parties that are subjects read as "we"); computed once per text, whichever document it
    is in (sentences repeat within and across editions)."""
    folded = _text.fold(subjects)
    lang = "ja" if _text.has_cjk(folded) else "en"
    after = _not_main(folded) if lang == "en" else 0
    hits: list[Rule] = []
    cls = "not"
    language = _BY_LANG[lang]
    satisfied = language.satisfied(folded)
    for group_cls, group in language.groups:
        start = 0 if group_cls == "not" else after
        hits = [
            rule
            for rule, pattern, needs in group
            if needs <= satisfied and _matches(rule, pattern, folded, start)
        ]
        if hits:
            cls = group_cls
            break
    negated = False
    if cls in TRACKED:
        if lang == "en":
            negated = _negation_is_ours(folded)
        else:
            negated = _NEGATION_JA.search(folded) is not None
    specific = any(t in ("percent", "money", "count", "year") for t in _figures.types_in(sentence))
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

_NEWLINE = re.compile("\n")
_BULLET_START = re.compile(r"^(?:[-*•▪◦‣–—]\s|・)")


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


@functools.lru_cache(maxsize=1 << 16)
def _term_set(key: str) -> frozenset[str]:
    """The content terms of a key as a set, one set per key (sentences repeat)."""
    return frozenset(_text.content_terms(key))


def sentences(doc: Document) -> list[Sentence]:
    """Every sentence of ``doc`` with its detection.

    A bullet item that the detector finds no class for takes the class of the
    sentence that introduces the list (``We will:``), as a reader would.
    """
    out: list[Sentence] = []
    parties = Parties.of([p.text for p in doc.paragraphs])
    for p in doc.paragraphs:
        if p.kind == "heading":
            continue
        intro: Detection | None = None
        # The paragraph's line breaks, found once: counting them again for each sentence was
        # quadratic in a long paragraph ("1. " repeated: 22 s for 400 KB).
        breaks = [m.start() for m in _NEWLINE.finditer(p.text)] if "\n" in p.text else []
        for k, s in enumerate(p.sentences):
            det = detect(s.text, parties)
            bullet = _BULLET_START.match(s.text) is not None
            if bullet and det.cls == "not" and intro is not None:
                det = attrs.evolve(det, cls=intro.cls, rules=(f"list under {intro.cls}",))
            elif not bullet:
                # A list's lead-in: "To this end, we will:", or in Japanese a sentence that
                # ends in 。 ("以下の取組を進める。") before its ・ items.
                intro = (
                    det
                    if s.text.rstrip().endswith((":", "：", "。")) and det.cls in TRACKED
                    else None
                )
            key = _text.key(s.text)
            out.append(
                Sentence(
                    id=len(out),
                    paragraph=p.index,
                    sentence=k,
                    text=s.text,
                    line=p.line + bisect.bisect_left(breaks, s.start),
                    key=key,
                    terms=_term_set(key),
                    detection=det,
                )
            )
    return out


# -- what became of each commitment ---------------------------------------------------


def _words(folded: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", folded))


def _has(phrase: str, folded: str) -> bool:
    """Whether ``folded`` holds ``phrase`` as whole words (for Japanese, anywhere)."""
    if phrase not in folded:
        return False
    if _text.has_cjk(phrase):
        return True
    return _as_words(phrase).search(folded) is not None


@functools.lru_cache(maxsize=1 << 12)
def _as_words(phrase: str) -> re.Pattern[str]:
    """The pattern of a phrase as whole words (compiled once: phrases repeat)."""
    return re.compile(rf"\b{re.escape(phrase)}\b")


def compare_clauses(old: Sentence, new: Sentence) -> tuple[list[str], list[str], list[str]]:
    """Reasons a reworded commitment is weaker, stronger, or just different."""
    weaker: list[str] = []
    stronger: list[str] = []
    other: list[str] = []
    do, dn = old.detection, new.detection
    so, sn = STRENGTH[do.cls], STRENGTH[dn.cls]
    negation = _NEGATION_JA if _text.has_cjk(new.key) else _NEGATION_EN
    if sn < so and dn.cls == "not" and not dn.rules and not negation.search(new.key):
        # Stated as a fact, with no commitment word at all ("Q-CHAMP includes ..."): a
        # rewording, unlike a welcome or a note, which holds back from committing.
        other.append(f"class {do.cls} -> stated")
    elif sn < so:
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
    # "strong" -> "unwavering" is a rewording: an intensifier on both sides is no change.
    both = _intensified(fo) and _intensified(fn)
    for q in qualifiers:
        if both and q in _INTENSIFIERS:
            continue
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
        if (
            noun in wn
            and not _has(f"the {noun}", fn)
            and (_has(f"a {noun}", fn) or _has(f"an {noun}", fn))
        ):
            weaker.append(f"'the {noun}' -> 'a {noun}'")
    if do.specific and not dn.specific:
        weaker.append("no longer specific (its figure or date is gone)")
    elif dn.specific and not do.specific:
        stronger.append("now specific (gained a figure or date)")
    raised, lowered = _targets(old.text, new.text)
    if raised:
        stronger.extend(raised)
        # "at least 2%" -> "5% by 2035" is a raised target, whatever qualifier went.
        weaker[:] = [w for w in weaker if not w.startswith("lost qualifier")]
    weaker.extend(lowered)
    return weaker, stronger, other


def _targets(old: str, new: str) -> tuple[list[str], list[str]]:
    """Targets a rewording raised and lowered: a larger or smaller amount of the same measure
    ("2% -> 5% of GDP"), an earlier or later deadline ("by 2030" -> "by 2035")."""
    raised: list[str] = []
    lowered: list[str] = []
    fo, fn = _figures.extract(old), _figures.extract(new)
    for a, b in _figures.pair_figures(old, fo, new, fn):
        if a.value is None or b.value is None or a.value == b.value:
            continue
        up = b.value > a.value
        if a.type == "year":
            # A later deadline asks less of the parties now.
            (lowered if up else raised).append(f"deadline {a.text} -> {b.text}")
        else:
            (raised if up else lowered).append(f"target {a.text} -> {b.text}")
    return raised, lowered


def tracked(s: Sentence) -> bool:
    """A commitment with enough content to follow (not a bare "To this end, we will:")."""
    return s.detection.cls in TRACKED and len(s.terms) >= 2


@attrs.define
class Tracking:
    """Both documents' sentences prepared for carrying: concept terms, weights, indexes.

    Every sentence of the other document may carry a commitment, not only its
    commitments: "we are firmly committed to X" carried by "X is of vital
    importance" is a commitment weakened, not dropped.
    """

    old: list[Sentence]
    new: list[Sentence]
    in_new: _carry.Carrier
    in_old: _carry.Carrier
    back: dict[tuple[bool, int], _carry.Match]

    @classmethod
    def of(cls, old: Sequence[Sentence], new: Sequence[Sentence]) -> Tracking:
        """Index ``old`` and ``new`` against each other."""
        so, sn = list(old), list(new)
        concepts = _carry.Concepts(s.text for s in so + sn)
        weight = _carry.weights(
            [concepts.terms(s.text) for s in so], [concepts.terms(s.text) for s in sn]
        )
        return cls(
            so,
            sn,
            _carry.Carrier(sn, concepts, weight),
            _carry.Carrier(so, concepts, weight),
            {},
        )

    def carried(self, s: Sentence, occurrence: int = 0, forward: bool = True) -> _carry.Match:
        """Where a sentence of the old (``forward``) or new document stands in the other.

        A carrier that is plainly the continuation of another sentence (its own best
        match there is another sentence, clearly closer) carries this one only when it
        holds most of it (:data:`MERGED`): a sentence on the same topic is not a carrier
        of every sentence on that topic.
        """
        here, there = (self.in_new, self.in_old) if forward else (self.in_old, self.in_new)
        m = here.match(s, occurrence)
        if not m.carried or m.verbatim or m.coverage >= MERGED:
            return m
        k = m.carriers[0]
        key = (forward, k)
        back = self.back.get(key)
        if back is None:
            back = self.back[key] = there.match(here.sentences[k])
        if back.carriers and back.carriers[0] != s.id and back.similarity >= m.similarity + RIVAL:
            return attrs.evolve(m, carried=False)
        return m


def _status(old: Sentence, carriers: Sequence[Sentence], m: _carry.Match) -> Commitment:
    new = carriers[0]
    evidence = _evidence(carriers, m)
    if old.key == new.key:
        return Commitment("kept", old.detection.cls, old.clause(), new.clause(), 1.0, (), evidence)
    weaker, stronger, other = compare_clauses(old, new)
    if len(carriers) > 1:
        # Split over two sentences: a change counts only when the other sentence does not
        # undo it ("ironclad" may have moved to the second sentence).
        w2, s2, _o2 = compare_clauses(old, carriers[1])
        weaker = [r for r in weaker if r in w2]
        stronger = [r for r in stronger if r in s2]
    if m.core < NARROWED and not m.verbatim and m.core_missing:
        weaker.append("narrowed: lacks " + ", ".join(f"'{w}'" for w in m.core_missing[:4]))
    reasons = tuple(weaker + stronger + other)
    status: CommitmentStatus
    if weaker and not stronger:
        status = "weakened"
    elif stronger and not weaker:
        status = "strengthened"
    else:
        status = "modified"
    return Commitment(
        status, old.detection.cls, old.clause(), new.clause(), m.similarity, reasons, evidence
    )


# A carrier whose own best match in the other document is another sentence, closer by at
# least RIVAL, carries a clause only when it holds at least MERGED of its weight.
RIVAL = 0.1
MERGED = 0.8
# A carried commitment whose carriers hold less than this share of its weight lost part of
# its undertaking (one part of a multi-part commitment, a named programme, a deadline).
NARROWED = 0.5


def _evidence(carriers: Sequence[Sentence], m: _carry.Match) -> Evidence:
    return Evidence(
        tuple(c.clause() for c in carriers), round(m.similarity, 4), round(m.coverage, 4), m.missing
    )


def track(
    old: Document,
    new: Document,
    old_sents: Sequence[Sentence] | None = None,
    new_sents: Sequence[Sentence] | None = None,
    tracking: Tracking | None = None,
) -> tuple[Commitment, ...]:
    """What became of each commitment of ``old`` in ``new``, then the commitments ``new`` added.

    Old commitments come in old-document order, added ones after them in
    new-document order.  A new commitment is not added when it carries an old
    one, or when the old document carries it.
    """
    so = list(old_sents) if old_sents is not None else sentences(old)
    sn = list(new_sents) if new_sents is not None else sentences(new)
    t = tracking or Tracking.of(so, sn)
    out: list[Commitment] = []
    carrying: set[int] = set()
    occ_old = _carry.occurrences([s.key for s in so])
    occ_new = _carry.occurrences([s.key for s in sn])
    for c in so:
        if not tracked(c):
            continue
        m = t.carried(c, occ_old[c.id])
        carriers = [sn[k] for k in m.carriers]
        if not m.carried:
            reason = _lacking("new", m)
            out.append(
                Commitment(
                    "dropped",
                    c.detection.cls,
                    c.clause(),
                    None,
                    m.similarity,
                    (reason,),
                    _evidence(carriers, m),
                )
            )
            continue
        carrying.update(m.carriers)
        out.append(_status(c, carriers, m))
    for d in sn:
        if not tracked(d) or d.id in carrying:
            continue
        m = t.carried(d, occ_new[d.id], forward=False)
        if not m.carried:
            out.append(
                Commitment(
                    "added",
                    d.detection.cls,
                    None,
                    d.clause(),
                    m.similarity,
                    (_lacking("old", m),),
                    _evidence([so[k] for k in m.carriers], m),
                )
            )
        elif so[m.carriers[0]].detection.cls not in TRACKED:
            said = so[m.carriers[0]]
            reason = f"the old text said this without committing ({said.detection.cls})"
            out.append(
                Commitment(
                    "added",
                    d.detection.cls,
                    said.clause(),
                    d.clause(),
                    m.similarity,
                    (reason,),
                    _evidence([so[k] for k in m.carriers], m),
                )
            )
    return tuple(out)


def _lacking(side: str, m: _carry.Match) -> str:
    if not m.carriers:
        return f"nothing in the {side} document shares its terms"
    lacks = ", ".join(f"'{w}'" for w in m.missing[:4])
    return (
        f"closest {side} sentence: similarity {m.similarity:.2f}, "
        f"{m.coverage:.0%} of its weight" + (f"; lacks {lacks}" if lacks else "")
    )
