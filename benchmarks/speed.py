"""Speed and memory of the whole command, beside git diff --word-diff on the same files.

    python -m benchmarks.speed [--sizes 2000,20000] [--runs 3] [--seed S]
    python -m benchmarks.speed --align [--sizes 200,2000,20000]
    python -m benchmarks.speed --interleaved [--sizes 2000,20000]

For each size N an old document of N paragraphs is built by cycling through
the paragraphs of every corpus document; from the second cycle on, each copy
gets a numbered token (``(p1234)`` before its final punctuation) and one word
replaced, so that exact repeats do not dominate (repeated boilerplate sentences
do remain, as in real series).  About 10% of the paragraphs are then edited with
:func:`benchmarks.perturb.perturb` (word edits, moves, splits, merges, inserts of
invented paragraphs, deletions; some re-wrapping).

The default run times whole processes of the installed ``declarediff`` command
(``--format json``, ``text``, ``html``) and ``git diff --no-index --word-diff``
on the same two files in the same run (the median of ``--runs`` runs; one run
above 5 s), with each process's peak RSS (``wait4``), prints the ratios to git's
wall time, then the seconds of each stage in one process, the growth exponents
between the smallest and largest size, the real G7 pair, and ``--version`` /
``--help``.  The machine's speed drifts on a shared host: a fixed piece of the engine's work
is timed around each size's stages, and the exponents are also given with each stage's time
divided by it ("adjusted").

``--interleaved`` measures the growth of the stages after sentence analysis in a way the
drift cannot skew: both pairs are compared once, then each stage runs at the small size, the
large size and the small size again, three times over, in one process (best of each).

``--align`` times the alignment alone in one process against
``difflib.SequenceMatcher`` over the paragraph texts (the earlier benchmark):
best of 3 runs, peak Python allocations under :mod:`tracemalloc`.
"""

from __future__ import annotations

import argparse
import difflib
import gc
import importlib
import math
import os
import random
import shutil
import subprocess
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import declarediff as dd
from benchmarks.accuracy import header, norm
from benchmarks.perturb import Rates, load_corpus, perturb, vocabulary
from declarediff import carry as _carry
from declarediff import commitments as _commitments
from declarediff import figures as _figures
from declarediff import text as _text

_compare = importlib.import_module("declarediff.compare")  # the module, not the function
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

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


_TIME = "/usr/bin/time"


def _run(cmd: Sequence[str]) -> tuple[float, float, int]:
    """Run a command to completion: wall seconds, CPU seconds (user + system), peak RSS bytes.

    The peak RSS comes from GNU time when it is installed: a child forked from this (large)
    benchmark process would count the parent's pages until it execs.  Without GNU time it
    falls back to ``wait4``, which may overstate small commands.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        wrapped = [_TIME, "-f", "%M", "-o", rss.name, *cmd] if os.path.exists(_TIME) else cmd
        t0 = time.perf_counter()
        proc = subprocess.Popen(wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        peak = usage.ru_maxrss * 1024
        if wrapped is not cmd:
            text = rss.read().strip().splitlines()
            peak = int(text[-1]) * 1024 if text and text[-1].isdigit() else peak
    return wall, usage.ru_utime + usage.ru_stime, peak


def _median_run(cmd: Sequence[str], runs: int) -> tuple[float, float, int]:
    """The median wall and CPU time of up to ``runs`` runs (one when the first takes over
    :data:`SLOW` seconds), and their largest peak RSS."""
    results = [_run(cmd)]
    if results[0][0] < SLOW:
        results += [_run(cmd) for _ in range(runs - 1)]
    walls = sorted(r[0] for r in results)
    cpus = sorted(r[1] for r in results)
    return walls[len(walls) // 2], cpus[len(cpus) // 2], max(r[2] for r in results)


def _head(title: str) -> None:
    """A table's header line and its rule."""
    print(title)
    print("-" * len(title))


def _exponent(t_lo: float, t_hi: float, n_lo: int, n_hi: int) -> float:
    """Growth exponent b in t ~ n^b between two sizes."""
    if t_lo <= 0 or t_hi <= 0:
        return float("nan")
    return math.log(t_hi / t_lo) / math.log(n_hi / n_lo)


def write_pair(size: int, seed: int, folder: Path) -> tuple[Path, Path]:
    """The benchmark's generated pair of ``size`` paragraphs, written to ``folder``."""
    old_paras = synthetic_paragraphs(size, seed)
    pool = invented_paragraphs(max(10, size // 10), seed + 1)
    case = perturb(old_paras, pool, seed=seed * 100_003 + size, rates=SPEED_RATES)
    old, new = folder / f"old-{size}.txt", folder / f"new-{size}.txt"
    old.write_text(case.old_text, encoding="utf-8")
    new.write_text(case.new_text, encoding="utf-8")
    return old, new


def calibrate() -> float:
    """Seconds of a fixed piece of the engine's work (parse one corpus document and detect
    its sentences, caches cleared; best of 3): the machine's speed at the moment."""
    path = SHARED / "corpus" / "g7" / "2023-hiroshima.txt"
    text = path.read_text(encoding="utf-8") if path.exists() else "We will act. " * 2000
    best = float("inf")
    for _ in range(3):
        clear_caches()
        t0 = time.perf_counter()
        doc = dd.parse(text)
        _commitments.sentences(doc)
        best = min(best, time.perf_counter() - t0)
    clear_caches()
    return best


def clear_caches() -> None:
    """Empty every per-text cache of the engine (each stage is timed from cold)."""
    for module in (_text, _figures, _commitments, _carry):
        for value in vars(module).values():
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()


def stages(old_path: Path, new_path: Path) -> dict[str, float]:
    """Seconds per stage of one comparison, in one process (caches cleared first)."""
    clear_caches()
    out: dict[str, float] = {}
    t = time.perf_counter()
    old, new = dd.read(old_path), dd.read(new_path)
    out["read+parse"] = time.perf_counter() - t
    t = time.perf_counter()
    aligned = dd.align(old, new)
    out["align"] = time.perf_counter() - t
    t = time.perf_counter()
    pairs = [_compare._with_ops(p, old, new) for p in aligned]
    out["word diffs"] = time.perf_counter() - t
    t = time.perf_counter()
    so, sn = _commitments.sentences(old), _commitments.sentences(new)
    out["sentences"] = time.perf_counter() - t
    t = time.perf_counter()
    tracking = _commitments.Tracking.of(so, sn)
    _commitments.track(old, new, so, sn, tracking)
    out["tracking"] = time.perf_counter() - t
    t = time.perf_counter()
    _figures.changes(old, new, so, sn, tracking.in_new, tracking.in_old)
    out["figures"] = time.perf_counter() - t
    del pairs
    comparison = dd.compare(old, new)
    for fmt in ("json", "text", "html"):
        t = time.perf_counter()
        dd.render(comparison, fmt)
        out[f"render {fmt}"] = time.perf_counter() - t
    return out


def whole(args: argparse.Namespace) -> int:
    """Whole-process runs of the installed command beside ``git diff --word-diff``."""
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    exe = shutil.which("declarediff") or "declarediff"
    print("declarediff whole-process speed and memory, beside git diff --no-index --word-diff")
    for k, v in header().items():
        print(f"{k}: {v}")
    print(f"runs: median of {args.runs} (1 above {SLOW:.0f} s); RSS: peak of the process")
    print()
    walls: dict[tuple[int, str], float] = {}
    stage_times: dict[int, dict[str, float]] = {}
    speed: dict[int, float] = {}  # seconds of the calibration work around each size's stages
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        title = (
            f"{'paragraphs':>10} {'input MB':>8} {'what':<26} {'wall s':>8} {'cpu s':>7} "
            f"{'x git':>7} {'peak MiB':>9} {'x input':>8}"
        )
        _head(title)
        for size in sizes:
            old, new = write_pair(size, args.seed, folder)
            size_in = old.stat().st_size + new.stat().st_size
            git = ["git", "diff", "--no-index", "--word-diff", str(old), str(new)]
            g_wall, g_cpu, g_rss = _median_run(git, args.runs)
            walls[(size, "git")] = g_wall
            print(
                f"{size:>10} {size_in / 1e6:>8.1f} {'git diff --word-diff':<26} {g_wall:>8.3f} "
                f"{g_cpu:>7.2f} {1:>7.1f} {g_rss / 2**20:>9.1f} {g_rss / size_in:>8.1f}",
                flush=True,
            )
            for fmt in ("json", "text", "html"):
                cmd = [exe, str(old), str(new), "--format", fmt, "--color", "never"]
                wall, cpu, rss = _median_run(cmd, args.runs)
                walls[(size, fmt)] = wall
                print(
                    f"{size:>10} {size_in / 1e6:>8.1f} {'declarediff --format ' + fmt:<26} "
                    f"{wall:>8.3f} {cpu:>7.2f} {wall / g_wall:>7.1f} {rss / 2**20:>9.1f} "
                    f"{rss / size_in:>8.1f}",
                    flush=True,
                )
            if not args.no_stages:
                before = calibrate()
                stage_times[size] = stages(old, new)
                speed[size] = (before + calibrate()) / 2
    names = list(next(iter(stage_times.values()))) if stage_times else []
    if names:
        print()
        print("per stage, in one process (seconds)")
        print(f"{'stage':<14}" + "".join(f"{s:>10}" for s in sizes))
        for name in names:
            print(f"{name:<14}" + "".join(f"{stage_times[s][name]:>10.3f}" for s in sizes))
    if len(sizes) > 1:
        lo, hi = min(sizes), max(sizes)
        print()
        print(f"growth exponents from {lo} to {hi} paragraphs (time ~ n^b; 1.0 is linear)")
        for what in ("git", "json", "text", "html"):
            b = _exponent(walls[(lo, what)], walls[(hi, what)], lo, hi)
            print(f"  whole process {what:<6} b = {b:.2f}")
        if names:
            # The machine's speed drifts over the minutes between the two sizes' stages: each
            # stage's time is also divided by the calibration work's time around it.
            print(
                f"  (calibration work: {speed[lo]:.3f} s around {lo}, {speed[hi]:.3f} s around "
                f"{hi}; 'adjusted' divides by it)"
            )
        for name in names:
            b = _exponent(stage_times[lo][name], stage_times[hi][name], lo, hi)
            adj = _exponent(
                stage_times[lo][name] / speed[lo], stage_times[hi][name] / speed[hi], lo, hi
            )
            print(f"  stage {name:<14} b = {b:.2f}   adjusted b = {adj:.2f}")
    print()
    g7 = SHARED / "corpus" / "g7"
    pair = [g7 / "2021-carbis-bay.txt", g7 / "2023-hiroshima.txt"]
    if all(p.exists() for p in pair):
        g_wall, g_cpu, _ = _median_run(
            ["git", "diff", "--no-index", "--word-diff", *map(str, pair)], args.runs
        )
        d_wall, d_cpu, d_rss = _median_run([exe, *map(str, pair), "--format", "json"], args.runs)
        print(
            f"real G7 pair (Carbis Bay 2021 / Hiroshima 2023): wall {d_wall:.2f} s, "
            f"CPU {d_cpu:.2f} s, x{d_wall / g_wall:.0f} git's wall, peak {d_rss / 2**20:.0f} MiB"
        )
    for flag in ("--version", "--help"):
        wall, cpu, _ = _median_run([exe, flag], args.runs)
        print(f"declarediff {flag}: wall {wall:.3f} s, CPU {cpu:.3f} s")
    return 0


def interleaved(args: argparse.Namespace) -> int:
    """Growth exponents of the stages after sentence analysis, robust to the machine's drift:
    both pairs are compared once, then each stage is timed at the small size, the large size
    and the small size again, three times over, in one process (best of each; caches warm,
    the collector frozen as the command line freezes it)."""
    lo, hi = sorted(int(s) for s in args.sizes.split(",") if s.strip())[:2]
    align_module = importlib.import_module("declarediff.align")
    held: dict[int, tuple[Any, ...]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in (lo, hi):
            old_path, new_path = write_pair(size, args.seed, Path(tmp))
            old, new = dd.read(old_path), dd.read(new_path)
            so, sn = _commitments.sentences(old), _commitments.sentences(new)
            held[size] = (old, new, dd.compare(old, new), so, sn, _commitments.Tracking.of(so, sn))
    gc.freeze()
    jobs: dict[str, Callable[[int], Any]] = {
        "align": lambda n: align_module.align(held[n][0], held[n][1]),
        "tracking": lambda n: _commitments.track(
            held[n][0], held[n][1], held[n][3], held[n][4], _commitments.Tracking.of(*held[n][3:5])
        ),
        "figures": lambda n: _figures.changes(
            held[n][0], held[n][1], held[n][3], held[n][4], held[n][5].in_new, held[n][5].in_old
        ),
        "render json": lambda n: b"".join(dd.render_chunks(held[n][2], "json")),
        "render html": lambda n: dd.render(held[n][2], "html"),
    }
    print(f"stages alternating {lo} and {hi} paragraphs in one process (best of 3 each)")
    print(f"{'stage':<14}{lo:>10}{hi:>10}  exponent")
    for name, job in jobs.items():
        best = {lo: math.inf, hi: math.inf}
        for _ in range(3):
            for n in (lo, hi, lo):
                t0 = time.perf_counter()
                job(n)
                best[n] = min(best[n], time.perf_counter() - t0)
        b = _exponent(best[lo], best[hi], lo, hi)
        print(f"{name:<14}{best[lo]:>10.3f}{best[hi]:>10.3f}  {b:>8.2f}", flush=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speed", description=__doc__)
    parser.add_argument(
        "--sizes",
        default=None,
        help="paragraph counts (whole: 2000,20000; --align: 200,2000,20000)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed (default 0)")
    parser.add_argument("--runs", type=int, default=3, help="runs per command (default 3)")
    parser.add_argument(
        "--align", action="store_true", help="time alignment alone, in process, against difflib"
    )
    parser.add_argument(
        "--no-stages", action="store_true", help="whole processes only, no per-stage timing"
    )
    parser.add_argument(
        "--interleaved",
        action="store_true",
        help="growth of the later stages measured by alternating the two sizes in one process",
    )
    args = parser.parse_args(argv)
    if args.interleaved:
        args.sizes = args.sizes or "2000,20000"
        return interleaved(args)
    if not args.align:
        args.sizes = args.sizes or "2000,20000"
        return whole(args)
    args.sizes = args.sizes or "200,2000,20000"
    return align_only(args)


def align_only(args: argparse.Namespace) -> int:
    """The alignment alone, in one process, against difflib (the earlier benchmark)."""
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
    _head(title)
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
