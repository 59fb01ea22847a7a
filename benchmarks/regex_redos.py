"""Every regular expression of declarediff against adversarial input of growing size.

    python -m benchmarks.regex_redos [--sizes 2000,4000,8000,16000,32000]

For each compiled pattern in the package (module-level patterns and the
commitment rules) and each adversarial input family (long runs of one
character, repeated words, unbalanced brackets, digits and separators, CJK),
it times ``findall`` at doubling sizes and reports the worst growth factor
per doubling.  Linear patterns grow by about 2 per doubling; catastrophic
backtracking shows as 4 (quadratic) or far more (exponential).  Prints the
date and machine first; the machine is noisy, so each time is the best of 3.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import importlib
import os
import platform
import re
import sys
import time
from collections.abc import Callable
from functools import partial

MODULES = (
    "declarediff.text",
    "declarediff.parse",
    "declarediff.commitments",
    "declarediff.figures",
    "declarediff.watch",
    "declarediff.read",
    "declarediff.inline",
    "declarediff.analyse",
    "declarediff.formats.html",
    "declarediff.report.markdown",
    "declarediff.report.safe",
)

FAMILIES: dict[str, Callable[[int], str]] = {
    "a*n": lambda n: "a" * n,
    "space*n": lambda n: " " * n,
    "digits*n": lambda n: "1" * n,
    "1,*n": lambda n: "1," * (n // 2),
    "1.*n": lambda n: "1." * (n // 2),
    "words": lambda n: "we will " * (n // 8),
    "words!": lambda n: "we will " * (n // 8) + "!",
    "we...that": lambda n: "we " + "ab " * (n // 3) + "that will",
    "open-paren": lambda n: "(" * n,
    "hyphens": lambda n: "a-" * (n // 2),
    "dots": lambda n: ". " * (n // 2),
    "cjk": lambda n: "国際" * (n // 2),
    "kana-particle": lambda n: "のは" * (n // 2),
    "money-ish": lambda n: "$1 " * (n // 3),
    "newlines": lambda n: "\n" * n,
    "label-ish": lambda n: "(a) " * (n // 4),
}


def patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Every compiled str pattern found at module level, plus the commitment rules."""
    found: list[tuple[str, re.Pattern[str]]] = []
    seen: set[int] = set()
    for name in MODULES:
        module = importlib.import_module(name)
        for attr, value in sorted(vars(module).items()):
            fresh = id(value) not in seen
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str) and fresh:
                seen.add(id(value))
                found.append((f"{name.split('.')[-1]}.{attr}", value))
    commitments = importlib.import_module("declarediff.commitments")
    for rule, pattern in commitments._COMPILED:
        found.append((f"rule {rule.name!r}", pattern))
    figures = importlib.import_module("declarediff.figures")
    for kind, pattern in figures._PATTERNS:
        found.append((f"figures.{kind}", pattern))
    return found


def best_of(fn: Callable[[], object], runs: int = 3) -> float:
    """The shortest of ``runs`` timings of ``fn``, in seconds."""
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one line per pattern (its worst family)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.regex_redos")
    parser.add_argument("--sizes", default="2000,4000,8000,16000,32000")
    args = parser.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",")]
    print("declarediff regular expressions against adversarial input")
    print(f"date: {_dt.datetime.now(_dt.UTC).isoformat(timespec='seconds')}")
    print(f"python: {platform.python_implementation()} {platform.python_version()}")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} "
        f"{platform.release()}"
    )
    print(f"sizes: {sizes} characters; growth = time ratio per doubling (2 = linear)\n")
    worst_overall = 0.0
    rows = []
    for label, pattern in patterns():
        worst = (0.0, "", 0.0)
        for family, make in FAMILIES.items():
            times = [best_of(partial(pattern.findall, make(n))) for n in sizes]
            # Growth per doubling, from the smallest to the largest size (times below 50 µs
            # are noise, so they are raised to that floor).
            lo, hi = max(times[0], 5e-5), max(times[-1], 5e-5)
            growth = (hi / lo) ** (1 / max(1, len(sizes) - 1))
            if growth > worst[0]:
                worst = (growth, family, times[-1])
        rows.append((label, worst))
        worst_overall = max(worst_overall, worst[0])
    width = max(len(r[0]) for r in rows)
    print(f"{'pattern':<{width}}  {'worst family':<14} {'growth':>7} {'time at max':>12}")
    for label, (growth, family, t) in rows:
        flag = "" if growth < 3 else "  <-- superlinear"
        print(f"{label:<{width}}  {family:<14} {growth:7.2f} {t * 1000:10.2f} ms{flag}")
    print(f"\npatterns: {len(rows)}; worst growth per doubling: {worst_overall:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
