"""Commitment detection and tracking on real documents: gold pairs, hand labels, seeded edits.

    python -m benchmarks.commitments [--trials N] [--seed S] [--json] [--gold-only] [-v]

Part 0, real edition pairs (the figures that matter).  Every gold pair (the
shared ones in ``../shared/gold`` and this project's in ``benchmarks/gold``,
see :mod:`benchmarks.gold_pairs`) is scored by the shared scorer
``../shared/checks/gold_score.py`` itself, which runs the installed command
(``python -m declarediff OLD NEW --format json``) and matches its findings to
the reading by hand: precision and recall of dropped (DD101), weakened (DD102),
added (DD103) and figure changes (DD301), per pair and over all pairs, beside
the targets.  ``-v`` lists every miss and false finding.

Part 1, detection.  Every corpus document named in
``tests/data/commitments-labels.tsv`` is parsed with :func:`declarediff.parse`;
each parsed sentence is located in the file (character span), each labelled
span is mapped to the parsed sentence it overlaps most, and the label is
compared with the class :func:`declarediff.commitments.sentences` gives that
sentence in context (a bullet under "We will:" inherits the intro's class).
Printed: per class precision / recall / F1, a confusion matrix, "is a
commitment" (commit, reaffirm, soft or request vs not) precision and recall,
and negation precision and recall.

Part 2, dropped commitments.  Each trial takes one corpus document (in turn),
picks labelled commitment sentences at random (at most one per paragraph) and
gives each one edit: ``delete`` it (truly dropped), ``reword`` it (synonyms,
function words, two clauses swapped), ``weaken`` it (will -> should, a
negation, a lost "at least" / "fully" / "all"), ``move`` it unchanged to a
paragraph far away, ``move+reword``, or leave it ``untouched``; only
``delete`` is a true drop.  The edited text keeps every other block, label
and bullet as it was.  :func:`declarediff.compare` is run on the original and
the edited document, and the commitment whose old clause is the edited
sentence (same paragraph and sentence index) is looked up.  A sentence with
no such record is "not detected" (the detector puts it in class ``not``) or
"untracked" (a commitment with fewer than two content terms, such as "we
will:"); both are left out of the dropped precision / recall.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import importlib.util
import json
import random
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import declarediff as dd
from benchmarks.accuracy import header
from benchmarks.gold_pairs import all_pairs
from declarediff.commitments import TRACKED, sentences

CLASSES: tuple[str, ...] = ("commit", "reaffirm", "soft", "request", "not")
STATUSES: tuple[str, ...] = ("dropped", "weakened", "modified", "kept", "strengthened")
KINDS: tuple[str, ...] = ("delete", "reword", "weaken", "move", "move+reword", "untouched")
# Edited sentences with no commitment record: class "not", or too little content to track.
UNSEEN: tuple[str, ...] = ("not detected", "untracked")
TARGET_DETECT_P = 0.9
TARGET_DETECT_R = 0.9
TARGET_DROP_P = 0.9
TARGET_DROP_R = 0.95
# Sentences edited per kind and trial (so a trial edits up to 12 sentences).
PER_KIND = 2
# A moved sentence lands in a paragraph at least this far away (or a quarter of the document).
MIN_MOVE_DISTANCE = 5
# Misclassified examples printed.
EXAMPLES = 12

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "commitments-labels.tsv"


def corpus_dir() -> Path:
    """``../shared/corpus`` next to the repository (never copied into it)."""
    return Path(__file__).resolve().parents[2] / "shared" / "corpus"


# --- the labelled corpus -----------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    """One hand label: a character span of a corpus file and its class."""

    file: str
    start: int
    end: int
    cls: str
    negated: bool
    note: str


@dataclass(frozen=True)
class Span:
    """A parsed sentence and where it stands in the file."""

    paragraph: int
    sentence: int
    start: int
    end: int
    text: str


@dataclass
class Loaded:
    """One corpus file: its text, the parsed document, located sentences, detections."""

    name: str
    text: str
    doc: dd.Document
    spans: list[Span]
    by_paragraph: dict[int, list[Span]]
    detection: dict[tuple[int, int], Any]  # (paragraph, sentence) -> commitments.Sentence


def load_labels(path: Path = LABELS) -> list[Label]:
    """The rows of the label file."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [
        Label(
            r["file"],
            int(r["start"]),
            int(r["end"]),
            r["class"].strip(),
            r["negated"].strip() == "yes",
            r.get("note") or "",
        )
        for r in rows
    ]


def find_near(text: str, needle: str, cursor: int) -> tuple[int, int]:
    """Span of ``needle`` in ``text`` at or after ``cursor``; whitespace may differ."""
    pos = text.find(needle, cursor)
    if pos >= 0:
        return pos, pos + len(needle)
    words = needle.split()
    if not words:
        return -1, -1
    m = re.compile(r"\s+".join(re.escape(w) for w in words)).search(text, cursor)
    return (m.start(), m.end()) if m else (-1, -1)


def locate(text: str, doc: dd.Document) -> list[Span]:
    """Every parsed sentence with its character span in ``text``.

    The cursor starts each paragraph at the beginning of its first source line
    and advances past every sentence found; a sentence that cannot be found
    is left out (and shows up as an unmapped label, if one points at it).
    """
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    spans: list[Span] = []
    cursor = 0
    for p in doc.paragraphs:
        cursor = max(cursor, line_starts[min(p.line, len(line_starts)) - 1])
        for k, s in enumerate(p.sentences):
            start, end = find_near(text, s.text, cursor)
            if start < 0:
                continue
            spans.append(Span(p.index, k, start, end, s.text))
            cursor = end
    return spans


def load(name: str, root: Path) -> Loaded:
    """Read, parse, locate and detect one corpus file."""
    text = (root / name).read_text(encoding="utf-8")
    doc = dd.parse(text, source=name)
    spans = locate(text, doc)
    by_paragraph: dict[int, list[Span]] = {}
    for s in spans:
        by_paragraph.setdefault(s.paragraph, []).append(s)
    detection = {(s.paragraph, s.sentence): s for s in sentences(doc)}
    return Loaded(name, text, doc, spans, by_paragraph, detection)


def map_label(label: Label, spans: Sequence[Span]) -> Span | None:
    """The parsed sentence whose span overlaps the label most (None when none does)."""
    starts = [s.start for s in spans]
    i = max(0, bisect.bisect_right(starts, label.start) - 1)
    best: tuple[int, Span | None] = (0, None)
    for s in spans[i:]:
        if s.start >= label.end:
            break
        overlap = min(s.end, label.end) - max(s.start, label.start)
        if overlap > best[0]:
            best = (overlap, s)
    return best[1]


# --- part 1: detection -------------------------------------------------------------------


def ratio(a: int, b: int) -> float:
    """a / b, and 1.0 when there is nothing to count (no prediction cannot be wrong)."""
    return a / b if b else 1.0


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Detected:
    """One mapped label with what the detector said."""

    label: Label
    span: Span
    cls: str
    negated: bool
    rules: tuple[str, ...]


def run_detection(
    labels: Sequence[Label], files: dict[str, Loaded]
) -> tuple[list[Detected], list[tuple[Label, str]]]:
    """Mapped labels with their detections, and the labels that could not be mapped."""
    out: list[Detected] = []
    unmapped: list[tuple[Label, str]] = []
    for lb in labels:
        f = files[lb.file]
        span = map_label(lb, f.spans)
        if span is None:
            unmapped.append((lb, "no parsed sentence overlaps it"))
            continue
        s = f.detection.get((span.paragraph, span.sentence))
        if s is None:
            unmapped.append((lb, f"sentence {span.paragraph}.{span.sentence} is a heading"))
            continue
        d = s.detection
        out.append(Detected(lb, span, d.cls, d.negated, tuple(d.rules)))
    return out, unmapped


def detection_summary(found: Sequence[Detected]) -> dict[str, Any]:
    """Per class P/R/F1, confusion matrix, binary and negation P/R."""
    confusion = {t: dict.fromkeys(CLASSES, 0) for t in CLASSES}
    for d in found:
        confusion[d.label.cls][d.cls] += 1
    per_class: dict[str, dict[str, float | int]] = {}
    for c in CLASSES:
        tp = confusion[c][c]
        pred = sum(confusion[t][c] for t in CLASSES)
        support = sum(confusion[c].values())
        p, r = ratio(tp, pred), ratio(tp, support)
        per_class[c] = {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f1(p, r), 4),
            "support": support,
            "predicted": pred,
        }
    b_tp = sum(1 for d in found if d.label.cls in TRACKED and d.cls in TRACKED)
    b_pred = sum(1 for d in found if d.cls in TRACKED)
    b_true = sum(1 for d in found if d.label.cls in TRACKED)
    n_tp = sum(1 for d in found if d.label.negated and d.negated)
    n_pred = sum(1 for d in found if d.negated)
    n_true = sum(1 for d in found if d.label.negated)
    correct = sum(confusion[c][c] for c in CLASSES)
    bp, br = ratio(b_tp, b_pred), ratio(b_tp, b_true)
    return {
        "mapped": len(found),
        "accuracy": round(ratio(correct, len(found)), 4),
        "classes": per_class,
        "confusion": confusion,
        "commitment": {
            "precision": round(bp, 4),
            "recall": round(br, 4),
            "f1": round(f1(bp, br), 4),
            "true": b_true,
            "predicted": b_pred,
            "correct": b_tp,
        },
        "negation": {
            "precision": round(ratio(n_tp, n_pred), 4),
            "recall": round(ratio(n_tp, n_true), 4),
            "true": n_true,
            "predicted": n_pred,
            "correct": n_tp,
        },
    }


def detection_report(
    summary: dict[str, Any],
    found: Sequence[Detected],
    unmapped: Sequence[tuple[Label, str]],
    n_labels: int,
) -> str:
    lines = [
        "Part 1 - detection against the hand labels",
        f"labelled rows {n_labels}, mapped {summary['mapped']}, unmapped {len(unmapped)}; "
        f"exact class accuracy {summary['accuracy']:.4f}",
        "",
        f"{'class':<10} {'support':>7} {'pred':>5} {'P':>7} {'R':>7} {'F1':>7}",
    ]
    for c in CLASSES:
        s = summary["classes"][c]
        lines.append(
            f"{c:<10} {s['support']:>7} {s['predicted']:>5} {s['precision']:>7.4f} "
            f"{s['recall']:>7.4f} {s['f1']:>7.4f}"
        )
    lines += ["", "confusion (rows: label, columns: detected)"]
    lines.append(f"{'':<10}" + "".join(f"{c:>9}" for c in CLASSES))
    for t in CLASSES:
        lines.append(f"{t:<10}" + "".join(f"{summary['confusion'][t][c]:>9}" for c in CLASSES))
    b, n = summary["commitment"], summary["negation"]
    ok_p = "PASS" if b["precision"] >= TARGET_DETECT_P else "FAIL"
    ok_r = "PASS" if b["recall"] >= TARGET_DETECT_R else "FAIL"
    lines += [
        "",
        f"is a commitment (commit/reaffirm/soft/request vs not): {b['true']} labelled, "
        f"{b['predicted']} detected, {b['correct']} both",
        f"  precision {b['precision']:.4f} (target >= {TARGET_DETECT_P}) {ok_p}   "
        f"recall {b['recall']:.4f} (target >= {TARGET_DETECT_R}) {ok_r}   F1 {b['f1']:.4f}",
        f"negation: {n['true']} labelled, {n['predicted']} detected, {n['correct']} both; "
        f"precision {n['precision']:.4f}, recall {n['recall']:.4f}",
        "",
        f"unmapped rows: {len(unmapped) or 'none'}",
    ]
    lines.extend(f"  {lb.file} {lb.start}-{lb.end} {lb.cls}: {why}" for lb, why in unmapped)
    errors = [d for d in found if (d.label.cls in TRACKED) != (d.cls in TRACKED)]
    lines += ["", f"commitment / not errors ({len(errors)}): label -> detected [rules] text"]
    for d in errors:
        rules = ", ".join(d.rules) or "-"
        lines.append(
            f"  {d.label.file.split('/')[-1][:18]:<18} {d.label.start:>6} "
            f"{d.label.cls:>8} -> {d.cls:<8} [{rules}] {d.span.text[:90]!r}"
        )
    neg_errors = [d for d in found if d.label.negated != d.negated]
    lines += ["", f"negation errors ({len(neg_errors)}): label negated -> detected"]
    lines.extend(
        f"  {d.label.file.split('/')[-1][:18]:<18} {d.label.start:>6} "
        f"{d.label.negated!s:>5} -> {d.negated!s:<5} {d.span.text[:90]!r}"
        for d in neg_errors
    )
    return "\n".join(lines)


# --- part 2: edits -------------------------------------------------------------------------

# (shown as, pattern, replacement): 1-3 of these are applied to a reworded sentence.
SYNONYMS: tuple[tuple[str, str, str], ...] = (
    ("strengthen", r"\bstrengthen\b", "reinforce"),
    ("strengthening", r"\bstrengthening\b", "reinforcing"),
    ("support (verb)", r"\b(we|to|will|and|also|fully|further|continue to) support\b", r"\1 back"),
    ("support (noun)", r"\bsupport (for|to|of)\b", r"backing \1"),
    ("ensure", r"\bensure\b", "guarantee"),
    ("ensuring", r"\bensuring\b", "guaranteeing"),
    ("continue to", r"\bcontinue to\b", "keep working to"),
    ("promote", r"\bpromote\b", "advance"),
    ("promoting", r"\bpromoting\b", "advancing"),
    ("important", r"\bimportant\b", "essential"),
    ("enhance", r"\benhance\b", "improve"),
    ("increase", r"\bincrease\b", "raise"),
    ("address", r"\baddress\b", "tackle"),
    ("addressing", r"\baddressing\b", "tackling"),
    ("tackle", r"\btackle\b", "address"),
    ("efforts", r"\befforts\b", "endeavours"),
    ("achieve", r"\bachieve\b", "attain"),
    ("help", r"\bhelp\b", "assist"),
    ("countries", r"\bcountries\b", "nations"),
    ("critical", r"\bcritical\b", "crucial"),
    ("crucial", r"\bcrucial\b", "critical"),
    ("key", r"\bkey\b", "central"),
    ("significant", r"\bsignificant\b", "considerable"),
    ("protect", r"\bprotect\b", "safeguard"),
    ("accelerate", r"\baccelerate\b", "speed up"),
    ("provide", r"\bprovide\b", "offer"),
    ("providing", r"\bproviding\b", "offering"),
    ("global", r"\bglobal\b", "worldwide"),
    ("necessary", r"\bnecessary\b", "needed"),
    ("rapid", r"\brapid\b", "swift"),
    ("build", r"\bbuild\b", "construct"),
    ("develop", r"\bdevelop\b", "devise"),
    ("work together", r"\bwork together\b", "cooperate"),
    ("step up", r"\bstep up\b", "intensify"),
)
# Function words: changed in a reworded sentence with probability 1/2.
FUNCTION_WORDS: tuple[tuple[str, str, str], ...] = (
    ("in order to", r"\bin order to\b", "to"),
    ("as well as", r"\bas well as\b", "and"),
    ("towards", r"\btowards\b", "toward"),
    ("through", r"\bthrough\b", "via"),
    ("upon", r"\bupon\b", "on"),
    ("among", r"\bamong\b", "amongst"),
    ("so as to", r"\bso as to\b", "to"),
    ("with a view to", r"\bwith a view to\b", "to"),
    ("whilst", r"\bwhilst\b", "while"),
)
_FRONT = re.compile(
    r"^(?P<front>(?:In|At|To|Through|With|By|As|Together with|Building on|In line with|Since"
    r"|Under|Following|For|On|Given|Against|Within|Over|Across|Guided by|Consistent with)"
    r"\b[^,;:]{2,90}), (?P<rest>(?:we|the G7|the G20|G7|G20)\b.*?)(?P<end>[.!?])$"
)
_SWAP = re.compile(r"^(?P<a>We .{15,}?), and (?P<b>we .{15,}?)(?P<end>[.!?])$")
_MODAL = re.compile(
    r"(?<!political )(?<!good )(?<!the )(?<!our )(?<!strong )(?<!collective )"
    r"\b(?P<m>[Ww]ill|[Ss]hall)\b(?! not\b| never\b)(?= [a-z])"
)
# "we will", "we also will", "the G7 shall": a modal of ours (the one "will not" negates).
_OUR_MODAL = re.compile(
    r"\b(?:[Ww]e|G7|G20|[Ll]eaders)(?: (?!will\b|shall\b)[a-z]+){0,2} (?P<m>will|shall)\b"
    r"(?! not\b| never\b)(?= [a-z])"
)
# "we commit", "we also reaffirm" (not "nor do we seek", not "we commit not to").
_WE_VERB = re.compile(
    r"(?<!\bdo )(?<!\bnor )(?<!\bcan )\b(?P<we>[Ww]e) "
    r"(?P<adv>(?:also |further |hereby |jointly |today |collectively )?)"
    r"(?P<verb>commit|reaffirm|pledge|support|resolve|endorse|recommit|reiterate|undertake"
    r"|intend|aim|seek|strive|call|urge|encourage|invite|ask|continue|agree|decide|launch"
    r"|stand|uphold|renew|affirm|set)\b(?! not\b)"
)
_WE_BE = re.compile(r"(?<!\bdo )(?<!\bnor )\b(?P<we>[Ww]e) (?P<verb>are|remain)\b(?! not\b)")
# "all" as a determiner of a following noun ("all countries"), not "for all through".
_ALL = re.compile(
    r" all(?= [a-z]{3,})(?! (?:through|the|of|our|their|its|these|those|and|who|that|are|is"
    r"|in|for|to|with|by|at|as|on|we|levels?)\b)"
)
# The end of a sentence a moved sentence may follow without running into it.
_FULL_STOP = re.compile(r"[.!?][\"'”’)\]]*$")


def _case_like(src: str, repl: str) -> str:
    return repl[:1].upper() + repl[1:] if src[:1].isupper() else repl


def _sub_once(pattern: str, repl: str, text: str) -> str:
    """Replace the first match (case-insensitive), keeping a capital first letter."""
    rx = re.compile(pattern, re.IGNORECASE)
    m = rx.search(text)
    if m is None:
        return text
    return text[: m.start()] + _case_like(m.group(0), m.expand(repl)) + text[m.end() :]


def _bullet(text: str) -> tuple[str, str]:
    return ("- ", text[2:]) if text.startswith("- ") else ("", text)


def reorder(text: str) -> str | None:
    """Two clauses swapped: a fronted phrase moved to the end, or "We A, and we B" -> B, A."""
    head, body = _bullet(text)
    m = _FRONT.match(body)
    if m:
        front, rest = m.group("front"), m.group("rest")
        front = front[0].lower() + front[1:]
        return head + rest[0].upper() + rest[1:] + " " + front + m.group("end")
    m = _SWAP.match(body)
    if m:
        a, b = m.group("a"), m.group("b")
        return head + "We" + b[2:] + ", and we" + a[2:] + m.group("end")
    return None


def reword(text: str, rng: random.Random) -> tuple[str, str] | None:
    """The sentence reworded without changing its content, and what was done (or None)."""
    done: list[str] = []
    out = text
    if rng.random() < 0.5:
        swapped = reorder(out)
        if swapped is not None:
            out = swapped
            done.append("clauses swapped")
    found = [s for s in SYNONYMS if re.search(s[1], out, re.IGNORECASE)]
    rng.shuffle(found)
    for name, pattern, repl in found[: rng.randint(1, 3)]:
        new = _sub_once(pattern, repl, out)
        if new != out:
            out = new
            done.append(name)
    if rng.random() < 0.5 or not done:
        fw = [s for s in FUNCTION_WORDS if re.search(s[1], out, re.IGNORECASE)]
        if fw:
            name, pattern, repl = rng.choice(fw)
            out = _sub_once(pattern, repl, out)
            done.append(name)
    if not done:
        swapped = reorder(out)
        if swapped is not None:
            out = swapped
            done.append("clauses swapped")
    if out == text:
        return None
    return out, ", ".join(done)


def weakenings(text: str) -> list[tuple[str, str]]:
    """Every weakening that applies to the sentence: (sub-kind, new text)."""
    out: list[tuple[str, str]] = []
    m = _OUR_MODAL.search(text)
    if m:
        # every will/shall becomes should, so no strong modal is left
        out.append(
            ("will -> should", _MODAL.sub(lambda x: _case_like(x.group("m"), "should"), text))
        )
        out.append(("will -> will not", text[: m.end()] + " not" + text[m.end() :]))
    m = _WE_VERB.search(text)
    if m:
        new = (
            text[: m.start()]
            + f"{m.group('we')} {m.group('adv')}do not {m.group('verb')}"
            + text[m.end() :]
        )
        out.append(("insert not (do not)", new))
    else:
        m = _WE_BE.search(text)
        if m and m.group("verb") == "are":
            out.append(("insert not (are not)", text[: m.end()] + " not" + text[m.end() :]))
        elif m:
            new = text[: m.start()] + f"{m.group('we')} no longer remain" + text[m.end() :]
            out.append(("insert no longer", new))
    for name, pattern in (
        ("drop 'at least'", re.compile(r" at least\b")),
        ("drop 'fully'", re.compile(r" fully\b")),
        ("drop 'all'", _ALL),
    ):
        if pattern.search(text):
            out.append((name, pattern.sub("", text, count=1)))
    return out


Edit = tuple[int, int, str]


@dataclass
class Case:
    """One edited sentence of a trial."""

    kind: str
    how: str
    paragraph: int
    sentence: int
    old_text: str
    new_text: str | None  # None: deleted
    target: int | None = None  # paragraph a moved sentence went to
    status: str = "not detected"
    counterpart: str | None = None
    score: float = 0.0
    reasons: tuple[str, ...] = ()


_LABEL_ONLY = re.compile(r"^\(?[0-9ivxlc]{1,6}[.)]\s+|\s+")


def delete_edit(text: str, para: Sequence[Span], k: int) -> Edit:
    """The edit that takes sentence ``k`` out of its paragraph, bullets and labels intact."""
    s = para[k]
    if len(para) == 1:
        start = text.rfind("\n\n", 0, s.start) + 2
        end = text.find("\n\n", s.end)
        block = text[start : end if end >= 0 else len(text)]
        # A paragraph that is a whole block goes with its blank line; one of several
        # paragraphs in a block (points run on after a full stop) goes alone.
        if _LABEL_ONLY.sub("", block.strip()) != _LABEL_ONLY.sub("", s.text.strip()):
            cut = s.start
            while cut > start and text[cut - 1] in " \t":
                cut -= 1
            return (cut, s.end, "")
        if end < 0:  # the last block: take the blank line before it instead
            return (max(0, start - 2), len(text), "")
        return (start, end + 2, "")
    same_line = k + 1 < len(para) and "\n" not in text[s.end : para[k + 1].start]
    if s.text.startswith("- ") and same_line:
        # the next sentence of the same bullet item keeps the "- "
        return (s.start + 2, para[k + 1].start, "")
    if k > 0:
        return (para[k - 1].end, s.end, "")
    return (s.start, para[1].start, "")


def apply(text: str, edits: Sequence[Edit]) -> str:
    """The text with the (non-overlapping) edits applied, the last first."""
    for start, end, repl in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + repl + text[end:]
    return text


def make_trial(f: Loaded, candidates: Sequence[Span], rng: random.Random) -> tuple[str, list[Case]]:
    """Edit a copy of ``f``: up to PER_KIND sentences of each kind, one per paragraph."""
    body = [p.index for p in f.doc.paragraphs if p.kind != "heading" and p.index in f.by_paragraph]
    far = max(MIN_MOVE_DISTANCE, len(f.doc.paragraphs) // 4)
    pool = list(candidates)
    rng.shuffle(pool)
    slots = [k for k in KINDS for _ in range(PER_KIND)]
    rng.shuffle(slots)
    used: set[int] = set()
    edits: list[Edit] = []
    cases: list[Case] = []
    for kind in slots:
        for span in pool:
            if span.paragraph in used:
                continue
            para = f.by_paragraph[span.paragraph]
            old = span.text
            if kind == "untouched":
                case = Case(kind, "-", span.paragraph, span.sentence, old, old)
                new_edits: list[Edit] = []
            elif kind == "delete":
                case = Case(kind, "-", span.paragraph, span.sentence, old, None)
                new_edits = [delete_edit(f.text, para, span.sentence)]
            elif kind in ("reword", "weaken"):
                if kind == "reword":
                    got = reword(old, rng)
                    if got is None:
                        continue
                    new, how = got
                else:
                    options = weakenings(old)
                    if not options:
                        continue
                    how, new = rng.choice(options)
                case = Case(kind, how, span.paragraph, span.sentence, old, new)
                new_edits = [(span.start, span.end, new)]
            else:  # move, move+reword
                targets = [
                    q
                    for q in body
                    if abs(q - span.paragraph) >= far
                    and q not in used
                    and _FULL_STOP.search(f.by_paragraph[q][-1].text)
                ]
                if not targets:
                    continue
                moved, how = old, "-"
                if kind == "move+reword":
                    got = reword(old, rng)
                    if got is None:
                        continue
                    moved, how = got
                target = rng.choice(targets)
                at = f.by_paragraph[target][-1].end
                # a bullet goes on as a bullet line of its own, other sentences run on
                glue = "\n" if moved.startswith("- ") else " "
                case = Case(kind, how, span.paragraph, span.sentence, old, moved, target)
                new_edits = [delete_edit(f.text, para, span.sentence), (at, at, glue + moved)]
                used.add(target)
            used.add(span.paragraph)
            edits.extend(new_edits)
            cases.append(case)
            break
    return apply(f.text, edits), cases


@dataclass
class DropTally:
    """Counts summed over trials."""

    trials: int = 0
    cases: list[Case] = field(default_factory=list)
    other_total: int = 0
    other_dropped: int = 0
    other_examples: list[str] = field(default_factory=list)
    # Edited sentences the parser of the new text does not see as one sentence (should be 0).
    unparsed: int = 0

    def by_kind(self) -> dict[str, Counter[str]]:
        out: dict[str, Counter[str]] = {k: Counter() for k in KINDS}
        for c in self.cases:
            out[c.kind][c.status] += 1
        return out

    def weaken_by_how(self) -> dict[str, Counter[str]]:
        out: dict[str, Counter[str]] = {}
        for c in self.cases:
            if c.kind == "weaken":
                out.setdefault(c.how, Counter())[c.status] += 1
        return out

    def dropped_pr(self) -> tuple[float, float, int, int, int]:
        detected = [c for c in self.cases if c.status not in UNSEEN]
        tp = sum(1 for c in detected if c.status == "dropped" and c.kind == "delete")
        pred = sum(1 for c in detected if c.status == "dropped")
        true = sum(1 for c in detected if c.kind == "delete")
        return ratio(tp, pred), ratio(tp, true), tp, pred, true

    def errors(self) -> list[Case]:
        """Wrong drops first, then missed drops, then weakenings not reported as weakened."""
        wrong = [c for c in self.cases if c.status == "dropped" and c.kind != "delete"]
        missed = [
            c for c in self.cases if c.kind == "delete" and c.status not in ("dropped", *UNSEEN)
        ]
        weak = [
            c
            for c in self.cases
            if c.kind == "weaken" and c.status not in ("weakened", "dropped", *UNSEEN)
        ]
        return wrong + missed + weak


def run_trials(
    trials: int, seed: int, files: dict[str, Loaded], found: Sequence[Detected]
) -> DropTally:
    """Edit, compare and score ``trials`` documents."""
    names = sorted(files)
    candidates: dict[str, list[Span]] = {n: [] for n in names}
    seen: set[tuple[str, int, int]] = set()
    for d in found:
        key = (d.label.file, d.span.paragraph, d.span.sentence)
        if d.label.cls in TRACKED and key not in seen:
            seen.add(key)
            candidates[d.label.file].append(d.span)
    tally = DropTally(trials=trials)
    for t in range(trials):
        f = files[names[t % len(names)]]
        rng = random.Random(seed * 100_003 + t)
        new_text, cases = make_trial(f, candidates[f.name], rng)
        new = dd.parse(new_text, source="new")
        cmp = dd.compare(f.doc, new)
        by_old = {
            (c.old.paragraph, c.old.sentence): c
            for c in cmp.commitments
            if c.old is not None and c.status != "added"
        }
        edited = {(c.paragraph, c.sentence) for c in cases}
        new_texts = {s.text for p in new.paragraphs for s in p.sentences}
        tally.unparsed += sum(
            1 for c in cases if c.new_text is not None and c.new_text not in new_texts
        )
        for case in cases:
            got = by_old.get((case.paragraph, case.sentence))
            if got is None:
                s = f.detection[(case.paragraph, case.sentence)]
                if s.detection.cls in TRACKED:
                    case.status = "untracked"  # a commitment with too little content to follow
                continue
            case.status = got.status
            case.counterpart = got.new.text if got.new is not None else None
            case.score = got.score
            case.reasons = tuple(got.reasons)
        for pos, c in by_old.items():
            if pos in edited:
                continue
            tally.other_total += 1
            if c.status == "dropped":
                tally.other_dropped += 1
                if len(tally.other_examples) < 3:
                    text = c.old.text if c.old is not None else ""
                    tally.other_examples.append(f"{f.name} {pos}: {text[:100]!r}")
        tally.cases.extend(cases)
    return tally


def drops_summary(tally: DropTally) -> dict[str, Any]:
    p, r, tp, pred, true = tally.dropped_pr()
    kinds = tally.by_kind()
    return {
        "trials": tally.trials,
        "edited": len(tally.cases),
        "not_detected": sum(1 for c in tally.cases if c.status == "not detected"),
        "untracked": sum(1 for c in tally.cases if c.status == "untracked"),
        "dropped": {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "true": true,
            "predicted": pred,
            "correct": tp,
        },
        "kinds": {k: dict(kinds[k]) for k in KINDS},
        "weaken": {how: dict(c) for how, c in sorted(tally.weaken_by_how().items())},
        "other_commitments": {"total": tally.other_total, "dropped": tally.other_dropped},
        "unparsed": tally.unparsed,
    }


def drops_report(summary: dict[str, Any], tally: DropTally) -> str:
    d = summary["dropped"]
    ok_p = "PASS" if d["precision"] >= TARGET_DROP_P else "FAIL"
    ok_r = "PASS" if d["recall"] >= TARGET_DROP_R else "FAIL"
    cols = (*STATUSES, *UNSEEN)
    lines = [
        "Part 2 - dropped commitments on edited documents",
        f"trials {summary['trials']}; edited sentences {summary['edited']} "
        f"(no commitment record: not detected {summary['not_detected']}, "
        f"untracked {summary['untracked']}); edited sentences not parsed as one sentence: "
        f"{summary['unparsed']}",
        "",
        f"{'kind':<12} {'n':>4} " + " ".join(f"{c:>12}" for c in cols),
    ]
    for k in KINDS:
        row = summary["kinds"][k]
        lines.append(
            f"{k:<12} {sum(row.values()):>4} " + " ".join(f"{row.get(c, 0):>12}" for c in cols)
        )
    lines += [
        "",
        f"dropped: {d['true']} truly dropped (tracked), {d['predicted']} predicted, "
        f"{d['correct']} correct",
        f"  precision {d['precision']:.4f} (target >= {TARGET_DROP_P}) {ok_p}   "
        f"recall {d['recall']:.4f} (target >= {TARGET_DROP_R}) {ok_r}",
        "",
        "weaken (c): status by edit (expected: weakened)",
    ]
    for how, row in summary["weaken"].items():
        lines.append(
            f"  {how:<22} {sum(row.values()):>4} "
            + ", ".join(f"{c} {row[c]}" for c in cols if row.get(c))
        )
    wk = [c for c in tally.cases if c.kind == "weaken" and c.status not in UNSEEN]
    n_weak = sum(1 for c in wk if c.status == "weakened")
    lines.append(f"  weakened {n_weak} of {len(wk)} tracked ({ratio(n_weak, len(wk)):.4f})")
    o = summary["other_commitments"]
    lines += [
        "",
        f"other commitments of the edited documents (text untouched): {o['total']}, "
        f"reported dropped {o['dropped']}",
    ]
    lines.extend(f"  {e}" for e in tally.other_examples)
    errors = tally.errors()
    lines += ["", f"misclassified examples ({min(EXAMPLES, len(errors))} of {len(errors)})"]
    for c in errors[:EXAMPLES]:
        new = "(deleted)" if c.new_text is None else repr(c.new_text[:100])
        lines += [
            f"  {c.kind} ({c.how}) -> {c.status}, score {c.score:.2f}; "
            f"reasons: {'; '.join(c.reasons) or '-'}",
            f"    old    {c.paragraph}.{c.sentence}: {c.old_text[:100]!r}",
            f"    edited {'' if c.target is None else f'(to para {c.target}) '}{new}",
            f"    found  {c.counterpart[:100]!r}" if c.counterpart else "    found  -",
        ]
    return "\n".join(lines)


# --- running ----------------------------------------------------------------------------


# Targets for the real pairs (issue 10): (precision, recall); None where none is set.
GOLD_TARGETS: dict[str, tuple[float, float | None]] = {
    "dropped": (0.90, 0.85),
    "added": (0.85, 0.80),
    "weakened": (0.70, 0.50),
    "figures": (0.90, None),
}
GOLD_KINDS: tuple[str, ...] = ("dropped", "added", "weakened", "figures")


def _scorer() -> Any:
    """The shared gold scorer, imported from ../shared/checks (None when it is not there)."""
    path = ROOT.parent / "shared" / "checks" / "gold_score.py"
    spec = importlib.util.spec_from_file_location("gold_score", path)
    if spec is None or spec.loader is None or not path.is_file():
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_gold() -> dict[str, Any]:
    """Score every gold pair with the shared scorer: counts per pair and over all."""
    scorer = _scorer()
    if scorer is None:
        return {"pairs": [], "all": {}}
    pairs: list[dict[str, Any]] = []
    total = {k: [0, 0, 0] for k in GOLD_KINDS}
    with tempfile.TemporaryDirectory() as tmp:
        for origin, folder in all_pairs(Path(tmp)):
            r = scorer.score(folder)
            row: dict[str, Any] = {"pair": r["pair"], "origin": origin, "errors": r["errors"]}
            for k in GOLD_KINDS:
                tp, fp, fn = r[k]
                for i, v in enumerate((tp, fp, fn)):
                    total[k][i] += v
                row[k] = _prf(tp, fp, fn)
            pairs.append(row)
    return {"pairs": pairs, "all": {k: _prf(*total[k]) for k in GOLD_KINDS}}


def _prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3)}


def gold_report(gold: dict[str, Any], verbose: bool = False) -> str:
    """The gold scores as a table, with the targets; ``verbose`` adds every miss."""
    if not gold["pairs"]:
        return "Part 0, real pairs: ../shared/checks/gold_score.py not found; skipped."
    lines = ["Part 0, real edition pairs read by hand (shared scorer)", ""]
    head = "| pair | " + " | ".join(f"{k} P / R (tp/fp/fn)" for k in GOLD_KINDS) + " |"
    lines += [head, "|" + "---|" * (len(GOLD_KINDS) + 1)]

    def cell(v: dict[str, Any]) -> str:
        return f"{v['precision']:.2f} / {v['recall']:.2f} ({v['tp']}/{v['fp']}/{v['fn']})"

    for row in gold["pairs"]:
        name = row["pair"] + (" (project)" if row["origin"] == "project" else "")
        lines.append(f"| {name} | " + " | ".join(cell(row[k]) for k in GOLD_KINDS) + " |")
    lines.append("| **all** | " + " | ".join(cell(gold["all"][k]) for k in GOLD_KINDS) + " |")
    targets = []
    for k in GOLD_KINDS:
        p, r = GOLD_TARGETS[k]
        targets.append(f"{k} P>={p:.2f}" + (f" R>={r:.2f}" if r is not None else ""))
    lines += ["", "targets: " + ", ".join(targets)]
    if verbose:
        for row in gold["pairs"]:
            lines += ["", f"{row['pair']}:"] + [f"  {e}" for e in row["errors"]]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.commitments", description=__doc__)
    parser.add_argument("--trials", type=int, default=60, help="number of trials (default 60)")
    parser.add_argument("--seed", type=int, default=0, help="base seed (default 0)")
    parser.add_argument("--json", action="store_true", help="print a machine-readable summary")
    parser.add_argument("--gold-only", action="store_true", help="score the real pairs only")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every gold miss")
    args = parser.parse_args(argv)
    head = header()
    gold = run_gold()
    if args.gold_only:
        if args.json:
            json.dump({**head, "gold": gold}, sys.stdout, indent=2)
            sys.stdout.write("\n")
        else:
            print(gold_report(gold, args.verbose))
        return 0
    root = corpus_dir()
    labels = load_labels()
    files = {name: load(name, root) for name in sorted({lb.file for lb in labels})}
    found, unmapped = run_detection(labels, files)
    det = detection_summary(found)
    tally = run_trials(args.trials, args.seed, files, found)
    drops = drops_summary(tally)
    if args.json:
        b, d = det["commitment"], drops["dropped"]
        summary = {
            **head,
            "trials": args.trials,
            "seed": args.seed,
            "labels": len(labels),
            "unmapped": [f"{lb.file}:{lb.start}-{lb.end}" for lb, _ in unmapped],
            "targets": {
                "commitment_precision": TARGET_DETECT_P,
                "commitment_recall": TARGET_DETECT_R,
                "dropped_precision": TARGET_DROP_P,
                "dropped_recall": TARGET_DROP_R,
            },
            "pass": {
                "detection": b["precision"] >= TARGET_DETECT_P and b["recall"] >= TARGET_DETECT_R,
                "dropped": d["precision"] >= TARGET_DROP_P and d["recall"] >= TARGET_DROP_R,
            },
            "gold": gold,
            "detection": det,
            "drops": drops,
        }
        json.dump(summary, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    print("declarediff commitment detection and tracking")
    for k, v in head.items():
        print(f"{k}: {v}")
    print(f"seed: {args.seed}; corpus: {root}; labels: {LABELS.relative_to(ROOT)}")
    print()
    print(gold_report(gold, args.verbose))
    print()
    print(detection_report(det, found, unmapped, len(labels)))
    print()
    print(drops_report(drops, tally))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
