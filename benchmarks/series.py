"""A series of 50 editions of about 100 paragraphs: history serial vs 2 processes.

    python -m benchmarks.series [--editions 50] [--paragraphs 100] [--seed 0]

The editions are generated at run time from ../shared/corpus (nothing is
committed): each edition deletes, inserts, rewords and moves a few paragraphs
of the one before.  Prints the time of ``history`` serially and on a
``ProcessPoolExecutor`` with 2 workers, the peak memory of each (the peak
resident set of this process; of the largest worker for the pool), and
checks that both give the same lineages.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import declarediff as dd
from benchmarks.accuracy import header
from declarediff.history import history

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def make_series(editions: int, size: int, seed: int) -> list[dd.Document]:
    """``editions`` documents of about ``size`` paragraphs, each a few edits from the last."""
    rng = random.Random(seed)
    pool = [
        block
        for path in sorted(CORPUS.glob("*/*.txt"))
        for block in path.read_text(encoding="utf-8").split("\n\n")[1:]
        if len(block.split()) > 25
    ]
    rng.shuffle(pool)
    current, spare = pool[:size], pool[size:]
    texts = []
    for _ in range(editions):
        texts.append("\n\n".join(current) + "\n")
        current = list(current)
        for _ in range(3):
            current.pop(rng.randrange(len(current)))
        for _ in range(3):
            current.insert(
                rng.randrange(len(current) + 1), spare.pop() if spare else rng.choice(pool)
            )
        for _ in range(5):
            k = rng.randrange(len(current))
            words = current[k].split()
            words[rng.randrange(len(words))] = rng.choice(["firmly", "further", "jointly", "also"])
            current[k] = " ".join(words)
        for _ in range(2):
            para = current.pop(rng.randrange(len(current)))
            current.insert(rng.randrange(len(current) + 1), para)
    return [dd.parse(t, source=f"edition-{k:02d}") for k, t in enumerate(texts)]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.series")
    parser.add_argument("--editions", type=int, default=50)
    parser.add_argument("--paragraphs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print("declarediff history of a series of editions")
    for key, value in header().items():
        print(f"{key}: {value}")
    docs = make_series(args.editions, args.paragraphs, args.seed)
    words = sum(d.words for d in docs)
    print(f"editions: {len(docs)}, paragraphs per edition: ~{args.paragraphs}, words: {words:,}\n")

    # Times are taken without tracemalloc (it slows allocation-heavy code several times);
    # memory is the peak resident set: of this process for the serial run, of the largest
    # worker for the pool.
    t = time.perf_counter()
    serial = history(docs)
    serial_s = time.perf_counter() - t
    serial_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    t = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        parallel = history(docs, pool)
    parallel_s = time.perf_counter() - t
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    same = serial.to_dict() == parallel.to_dict()
    statuses = {
        s: sum(1 for c in serial.clauses if c.status == s)
        for s in ("dropped", "added", "intermittent", "kept")
    }
    print(f"{'run':<22}{'seconds':>9}{'peak RSS MiB':>14}")
    print(f"{'serial':<22}{serial_s:9.2f}{serial_peak:14.0f}  (this process)")
    print(f"{'2 processes':<22}{parallel_s:9.2f}{child_rss:14.0f}  (largest worker)")
    print(f"\nspeed-up: {serial_s / parallel_s:.2f}x; same lineages: {same}")
    print(f"lineages: {len(serial.clauses)} ({statuses})")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
