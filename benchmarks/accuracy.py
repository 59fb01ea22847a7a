"""Alignment accuracy on seeded edits of real documents, against a difflib baseline.

    python -m benchmarks.accuracy [--trials N] [--seed S] [--json] [--explain K] [--stress]
                                  [--boilerplate]

Each trial takes one corpus document (in turn), edits it with
:func:`benchmarks.perturb.perturb` (paragraphs of the other documents are the
pool for insertions), aligns old and new with :func:`declarediff.align` and
with the usual difflib paragraph alignment, and scores both against the truth:

* link precision / recall / F1: a link is an (old index, new index) pair of
  paragraphs that correspond; a split ``3 -> 4, 5`` gives links (3, 4) and
  (3, 5); insertions and deletions give none.  Counts are summed over trials.
* per kind: a predicted pair matches a true pair when kind, old indices and
  new indices are all the same (inserted and deleted pairs count here).
* move recall: of the truly moved paragraphs, the share whose link was found
  (by a pair of any kind) and flagged as moved (``kind == "moved"`` or
  ``pair.moved``).

``--explain K`` lists, for the first K trials with an error, the true pairs
that were missed and the predicted pairs that are wrong, with their texts.
``--stress`` uses about twice the edit rates, with word edits inside splits
and merges too (the targets are stated for the default rates).
``--boilerplate`` first gives each document near-duplicate paragraphs: three of
its paragraphs are each copied six times to random places, every copy with a
word or two changed (the same boilerplate repeated with a few words different),
so that order and neighbours must decide between near-identical candidates.
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import json
import os
import platform
import random
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import declarediff as dd
from benchmarks.perturb import Link, Rates, edit_words, load_corpus, perturb, vocabulary

KINDS: tuple[str, ...] = ("equal", "modified", "moved", "split", "merged", "inserted", "deleted")
TARGET_F1 = 0.98
TARGET_MOVE_RECALL = 0.95
METHODS: tuple[str, ...] = ("declarediff", "difflib")
# --stress: about twice the edits, and splits/merges with word edits too.
STRESS = Rates(
    delete=0.10,
    insert=0.10,
    modify=0.25,
    move=0.12,
    move_edit=0.7,
    split=0.10,
    merge=0.10,
    struct_edit=0.7,
)


# --boilerplate: paragraphs copied, and copies per paragraph, with at most this share of
# words changed in each copy.
BOILERPLATE_PARAGRAPHS = 3
BOILERPLATE_COPIES = 6
BOILERPLATE_SHARE = 0.05


def with_boilerplate(bodies: Sequence[str], seed: int) -> list[str]:
    """``bodies`` with near-duplicates: a few paragraphs copied to random places, each copy
    with a word or two changed (see ``--boilerplate``)."""
    rng = random.Random(seed)
    vocab = vocabulary(bodies)
    out = list(bodies)
    for k in rng.sample(range(len(bodies)), min(BOILERPLATE_PARAGRAPHS, len(bodies))):
        for _ in range(BOILERPLATE_COPIES):
            copy = edit_words(bodies[k], rng, vocab, BOILERPLATE_SHARE)
            out.insert(rng.randrange(len(out) + 1), copy)
    return out


# --- the two aligners ------------------------------------------------------------------


def norm(text: str) -> str:
    """The baseline's paragraph key: case-folded, whitespace collapsed."""
    return " ".join(text.casefold().split())


def difflib_align(old: dd.Document, new: dd.Document) -> list[Link]:
    """The usual difflib paragraph alignment, as pairs (it finds no moves).

    ``equal`` opcodes link paragraphs 1:1 as equal; ``replace`` blocks of equal
    size are linked 1:1 as modified; everything else is deleted or inserted.
    """
    a = [norm(p.text) for p in old.paragraphs]
    b = [norm(p.text) for p in new.paragraphs]
    out: list[Link] = []
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag in ("equal", "replace") and i2 - i1 == j2 - j1:
            kind = "equal" if tag == "equal" else "modified"
            out.extend((kind, (i1 + k,), (j1 + k,)) for k in range(i2 - i1))
            continue
        out.extend(("deleted", (i,), ()) for i in range(i1, i2))
        out.extend(("inserted", (), (j,)) for j in range(j1, j2))
    return out


def declarediff_align(old: dd.Document, new: dd.Document) -> tuple[list[Link], set[Link]]:
    """``dd.align`` as links, and the pairs it flags as moved."""
    pairs = dd.align(old, new)
    links: list[Link] = [(p.kind, p.old, p.new) for p in pairs]
    moved: set[Link] = {(p.kind, p.old, p.new) for p in pairs if p.kind == "moved" or p.moved}
    return links, moved


# --- scoring ---------------------------------------------------------------------------


def link_set(pairs: Iterable[Link]) -> set[tuple[int, int]]:
    """(old, new) index pairs of every pair that has both sides."""
    return {(i, j) for _k, old, new in pairs for i in old for j in new}


@dataclass
class Tally:
    """Counts summed over trials for one method."""

    link_tp: int = 0
    link_pred: int = 0
    link_true: int = 0
    moves_true: int = 0
    moves_found: int = 0
    kind_match: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    kind_pred: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    kind_true: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))

    def add(self, truth: Sequence[Link], pred: Sequence[Link], flagged: set[Link]) -> int:
        """Score one trial; return its number of errors (missed + wrong pairs)."""
        t_links, p_links = link_set(truth), link_set(pred)
        self.link_tp += len(t_links & p_links)
        self.link_pred += len(p_links)
        self.link_true += len(t_links)
        t_set, p_set = set(truth), set(pred)
        for kind, _o, _n in truth:
            self.kind_true[kind] += 1
        for link in pred:
            self.kind_pred[link[0]] += 1
            if link in t_set:
                self.kind_match[link[0]] += 1
        flagged_links = link_set(flagged)
        for kind, old, new in truth:
            if kind == "moved":
                self.moves_true += 1
                if (old[0], new[0]) in flagged_links:
                    self.moves_found += 1
        return len(t_set - p_set) + len(p_set - t_set)

    @property
    def precision(self) -> float:
        return ratio(self.link_tp, self.link_pred)

    @property
    def recall(self) -> float:
        return ratio(self.link_tp, self.link_true)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def move_recall(self) -> float:
        return ratio(self.moves_found, self.moves_true)

    def kind_pr(self, kind: str) -> tuple[float, float]:
        return (
            ratio(self.kind_match[kind], self.kind_pred[kind]),
            ratio(self.kind_match[kind], self.kind_true[kind]),
        )

    def summary(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "move_recall": round(self.move_recall, 4),
            "links": {"true": self.link_true, "predicted": self.link_pred, "correct": self.link_tp},
            "moves": {"true": self.moves_true, "found": self.moves_found},
            "kinds": {
                k: {
                    "precision": round(self.kind_pr(k)[0], 4),
                    "recall": round(self.kind_pr(k)[1], 4),
                    "true": self.kind_true[k],
                    "predicted": self.kind_pred[k],
                    "matched": self.kind_match[k],
                }
                for k in KINDS
            },
        }


def ratio(a: int, b: int) -> float:
    """a / b, and 1.0 when there is nothing to count (no prediction cannot be wrong)."""
    return a / b if b else 1.0


# --- explaining errors -------------------------------------------------------------------


def describe(link: Link, old: dd.Document, new: dd.Document) -> str:
    """One pair with the first 80 characters of each paragraph involved."""
    kind, o, n = link
    lines = [f"{kind:<9} old {list(o)} -> new {list(n)}"]
    lines.extend(f"      old {i:>3}: {old.paragraphs[i].text[:80]!r}" for i in o)
    lines.extend(f"      new {j:>3}: {new.paragraphs[j].text[:80]!r}" for j in n)
    return "\n".join(lines)


def explain(
    trial: int,
    source: str,
    truth: Sequence[Link],
    pred: Sequence[Link],
    old: dd.Document,
    new: dd.Document,
) -> str:
    """Missed true pairs and wrong predicted pairs of one trial."""
    t_set, p_set = set(truth), set(pred)
    out = [f"trial {trial} ({source}): {len(old.paragraphs)} -> {len(new.paragraphs)} paragraphs"]
    out.extend("  missed " + describe(lk, old, new) for lk in truth if lk not in p_set)
    out.extend("  wrong  " + describe(lk, old, new) for lk in pred if lk not in t_set)
    return "\n".join(out)


# --- running ----------------------------------------------------------------------------


def header() -> dict[str, str]:
    """Date, interpreter and machine, printed at the top of every run."""
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "machine": (
            f"{platform.machine()} {platform.processor() or '(processor unknown)'}, "
            f"{os.cpu_count()} CPUs, {platform.system()} {platform.release()}"
        ),
        "declarediff": dd.__version__,
    }


def run(
    trials: int,
    seed: int,
    explain_limit: int = 0,
    rates: Rates | None = None,
    boilerplate: bool = False,
) -> tuple[dict[str, Tally], dict[str, Any]]:
    """Run the trials; return a tally per method and facts about the inputs."""
    corpus = load_corpus()
    names = sorted(corpus)
    tallies = {m: Tally() for m in METHODS}
    facts: dict[str, Any] = {"old_paragraphs": 0, "new_paragraphs": 0, "explained": []}
    for t in range(trials):
        source = names[t % len(names)]
        foreign = [p for name in names if name != source for p in corpus[name]]
        bodies = corpus[source]
        if boilerplate:
            bodies = with_boilerplate(bodies, seed * 100_003 + t)
        case = perturb(bodies, foreign, seed=seed * 100_003 + t, rates=rates)
        old = dd.parse(case.old_text, source="old")
        new = dd.parse(case.new_text, source="new")
        facts["old_paragraphs"] += len(old.paragraphs)
        facts["new_paragraphs"] += len(new.paragraphs)
        pred, flagged = declarediff_align(old, new)
        errors = tallies["declarediff"].add(case.truth, pred, flagged)
        tallies["difflib"].add(case.truth, difflib_align(old, new), set())
        if errors and len(facts["explained"]) < explain_limit:
            facts["explained"].append(explain(t, source, case.truth, pred, old, new))
    return tallies, facts


def report(
    tallies: dict[str, Tally],
    facts: dict[str, Any],
    trials: int,
    seed: int,
    stress: bool = False,
    boilerplate: bool = False,
) -> str:
    """The printed tables."""
    dd_t = tallies["declarediff"]
    lines = [
        f"trials {trials} (seed {seed}{', stress rates' if stress else ''}"
        f"{', near-duplicate boilerplate' if boilerplate else ''}); "
        f"paragraphs old {facts['old_paragraphs']}, "
        f"new {facts['new_paragraphs']}; true links {dd_t.link_true}, "
        f"true moves {dd_t.moves_true}",
        "",
        f"{'method':<12} {'precision':>9} {'recall':>7} {'F1':>7} {'move recall':>12}",
    ]
    for m in METHODS:
        t = tallies[m]
        lines.append(
            f"{m:<12} {t.precision:>9.4f} {t.recall:>7.4f} {t.f1:>7.4f} {t.move_recall:>12.4f}"
        )
    f1_ok = "PASS" if dd_t.f1 >= TARGET_F1 else "FAIL"
    mv_ok = "PASS" if dd_t.move_recall >= TARGET_MOVE_RECALL else "FAIL"
    lines += [
        f"{'target':<12} {'':>9} {'':>7} {'>=' + str(TARGET_F1):>7} "
        f"{'>=' + str(TARGET_MOVE_RECALL):>12}",
        f"declarediff: F1 {f1_ok}, move recall {mv_ok}",
        "",
        "per kind (a predicted pair matches a true one with the same kind and indices)",
        f"{'kind':<10} {'true':>5} | {'declarediff':^23} | {'difflib':^23}",
        f"{'':<10} {'':>5} | {'pred':>5} {'P':>8} {'R':>8} | {'pred':>5} {'P':>8} {'R':>8}",
    ]
    for k in KINDS:
        row = f"{k:<10} {dd_t.kind_true[k]:>5}"
        for m in METHODS:
            p, r = tallies[m].kind_pr(k)
            row += f" | {tallies[m].kind_pred[k]:>5} {p:>8.4f} {r:>8.4f}"
        lines.append(row)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.accuracy", description=__doc__)
    parser.add_argument("--trials", type=int, default=40, help="number of trials (default 40)")
    parser.add_argument("--seed", type=int, default=0, help="base seed (default 0)")
    parser.add_argument("--json", action="store_true", help="print a machine-readable summary")
    parser.add_argument(
        "--explain",
        type=int,
        default=0,
        metavar="K",
        help="list missed and wrong pairs of the first K trials with errors",
    )
    parser.add_argument(
        "--stress",
        action="store_true",
        help="harder inputs: about twice the edits, and word edits inside splits and merges",
    )
    parser.add_argument(
        "--boilerplate",
        action="store_true",
        help="near-duplicate paragraphs: three paragraphs each copied six times, a word or "
        "two changed in each copy",
    )
    args = parser.parse_args(argv)
    head = header()
    tallies, facts = run(
        args.trials,
        args.seed,
        args.explain,
        STRESS if args.stress else None,
        boilerplate=args.boilerplate,
    )
    if args.json:
        summary = {
            **head,
            "trials": args.trials,
            "seed": args.seed,
            "stress": args.stress,
            "boilerplate": args.boilerplate,
            "old_paragraphs": facts["old_paragraphs"],
            "new_paragraphs": facts["new_paragraphs"],
            "targets": {"f1": TARGET_F1, "move_recall": TARGET_MOVE_RECALL},
            "pass": tallies["declarediff"].f1 >= TARGET_F1
            and tallies["declarediff"].move_recall >= TARGET_MOVE_RECALL,
            "methods": {m: tallies[m].summary() for m in METHODS},
        }
        json.dump(summary, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    print("declarediff alignment accuracy")
    for k, v in head.items():
        print(f"{k}: {v}")
    print()
    print(report(tallies, facts, args.trials, args.seed, args.stress, args.boilerplate))
    for text in facts["explained"]:
        print()
        print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
