"""Time and peak memory of alignment on large synthetic documents, against difflib.

    python -m benchmarks.speed [--sizes 200,2000,20000] [--seed S]

For each size N an old document of N paragraphs is built by cycling through
the paragraphs of every corpus document; from the second cycle on, each copy
gets a numbered token (``(p1234)`` before its final punctuation) and one word
replaced, so that exact repeats do not dominate.  About 10% of the paragraphs
are then edited with :func:`benchmarks.perturb.perturb` (word edits, moves,
splits, merges, inserts of invented paragraphs, deletions; some re-wrapping).

Measured, on already parsed documents:

* ``dd.parse``     parsing both texts (for reference);
* ``dd.align``     alignment only;
* ``dd.compare``   alignment plus inline word diffs and statistics;
* ``difflib``      the baseline: ``SequenceMatcher(None, a, b, autojunk=False)``
  over case-folded, whitespace-collapsed paragraph texts, with its opcodes.

Seconds are the best of 3 runs (1 run when a run takes over 5 s).  Peak
memory is measured in a separate run under :mod:`tracemalloc` (which slows the
run down, so its time is not reported): the peak of Python allocations made
during the call, in MiB.  ``KiB/para`` is that peak per old paragraph: about
constant across sizes means memory grows about linearly.
"""

from __future__ import annotations

import argparse
import difflib
import gc
import random
import time
import tracemalloc
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import declarediff as dd
from benchmarks.accuracy import header, norm
from benchmarks.perturb import Rates, load_corpus, perturb, vocabulary

# About 10% of the paragraphs are touched.
SPEED_RATES = Rates(
    delete=0.02,
    insert=0.02,
    modify=0.03,
    move=0.01,
    move_edit=0.5,
    split=0.015,
    merge=0.015,
    rewrap=0.1,
)
SLOW = 5.0  # seconds: above this, one timed run is enough


def synthetic_paragraphs(n: int, seed: int) -> list[str]:
    """``n`` paragraph bodies cycling through the corpus, copies made unique."""
    corpus = load_corpus()
    base = [p for name in sorted(corpus) for p in corpus[name]]
    vocab = vocabulary(base)
    rng = random.Random(seed)
    out: list[str] = []
    for k in range(n):
        body = base[k % len(base)]
        if k >= len(base):
            words = body.split(" ")
            words[rng.randrange(1, len(words) - 1)] = rng.choice(vocab)
            body = " ".join(words)
            body = f"{body[:-1]} (p{k}){body[-1]}"
        out.append(body)
    return out


def invented_paragraphs(n: int, seed: int) -> list[str]:
    """``n`` new paragraphs of random corpus words, the pool for insertions."""
    corpus = load_corpus()
    vocab = vocabulary([p for name in sorted(corpus) for p in corpus[name]])
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = [rng.choice(vocab) for _ in range(rng.randint(30, 120))]
        out.append(" ".join(words).capitalize() + ".")
    return out


def difflib_baseline(
    old: dd.Document, new: dd.Document
) -> Sequence[tuple[str, int, int, int, int]]:
    """The baseline: difflib opcodes over normalised paragraph texts."""
    a = [norm(p.text) for p in old.paragraphs]
    b = [norm(p.text) for p in new.paragraphs]
    return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def parse_both(old_text: str, new_text: str) -> tuple[dd.Document, dd.Document]:
    """Parse both texts (timed for reference)."""
    return dd.parse(old_text, source="old"), dd.parse(new_text, source="new")


def timed(fn: Callable[[], Any]) -> tuple[float, int]:
    """Best wall time of up to 3 runs (1 if slow), and the peak MiB of a traced run."""
    best = float("inf")
    for _ in range(3):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
        if best > SLOW:
            break
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    fn()
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, peak


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speed", description=__doc__)
    parser.add_argument(
        "--sizes", default="200,2000,20000", help="old paragraph counts (default 200,2000,20000)"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed (default 0)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    print("declarediff speed and memory")
    for k, v in header().items():
        print(f"{k}: {v}")
    print(f"timing: best of 3 (1 run above {SLOW:.0f} s); memory: tracemalloc peak, separate run")
    print()
    rows: list[tuple[int, str, float, int]] = []
    title = (
        f"{'size':>6} {'new':>6} {'words':>9} {'method':<11} {'seconds':>9} "
        f"{'us/para':>9} {'peak MiB':>9} {'KiB/para':>9}"
    )
    print(title)
    print("-" * len(title))
    for size in sizes:
        old_paras = synthetic_paragraphs(size, args.seed)
        pool = invented_paragraphs(max(10, size // 10), args.seed + 1)
        case = perturb(old_paras, pool, seed=args.seed * 100_003 + size, rates=SPEED_RATES)
        old = dd.parse(case.old_text, source="old")
        new = dd.parse(case.new_text, source="new")
        words = old.words + new.words
        methods: list[tuple[str, Callable[[], Any]]] = [
            ("dd.parse", partial(parse_both, case.old_text, case.new_text)),
            ("dd.align", partial(dd.align, old, new)),
            ("dd.compare", partial(dd.compare, old, new)),
            ("difflib", partial(difflib_baseline, old, new)),
        ]
        for name, fn in methods:
            secs, peak = timed(fn)
            rows.append((size, name, secs, peak))
            print(
                f"{size:>6} {len(new.paragraphs):>6} {words:>9} {name:<11} {secs:>9.3f} "
                f"{secs / size * 1e6:>9.0f} {peak / 2**20:>9.1f} {peak / 1024 / size:>9.1f}",
                flush=True,
            )
    if len(sizes) > 1:
        print()
        lo, hi = min(sizes), max(sizes)
        print(f"growth from {lo} to {hi} paragraphs (x{hi / lo:g}): time and peak memory ratios")
        for name in ("dd.parse", "dd.align", "dd.compare", "difflib"):
            a = next(r for r in rows if r[0] == lo and r[1] == name)
            b = next(r for r in rows if r[0] == hi and r[1] == name)
            t_ratio = b[2] / a[2] if a[2] else float("inf")
            m_ratio = b[3] / a[3] if a[3] else float("inf")
            print(f"  {name:<11} time x{t_ratio:,.1f}   memory x{m_ratio:,.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
