"""Hostile inputs (issue #15): the whole command on inputs built to make work super-linear.

    python -m benchmarks.adversarial [--sizes 10000,100000,1000000] [--only NAME,...]
                                     [--timeout 120] [--json]

For each pattern it writes a small ordinary old document (``fixtures/en/nato-2024.txt``) and
a hostile new one of each size, runs the installed command as a user would
(``python -m declarediff OLD NEW -f json -o FILE``) and prints a table: seconds at each size,
the growth exponent between the last two sizes (log of the time ratio over log of the size
ratio: 1 is linear, 2 quadratic) and, at the largest size, three ratios to the input's size:
the peak resident memory; the memory the input adds (the peak less that of the same command
on the old document against itself, measured first); and the JSON report the contract asks
for.  Targets: every exponent at most 1.2, every 1 MB case under 10 s, peak memory under 20
times the input.  A run that exceeds ``--timeout`` is shown as ``>T``.

Peak memory is read with ``os.wait4`` (the child's ``ru_maxrss``).  The machine is shared
and noisy: each time is one run; compare figures within one run.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OLD = ROOT / "fixtures" / "en" / "nato-2024.txt"


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: unit * max(1, n // len(unit))


_PROSE = (
    "We will support the people of Ukraine and increase our aid by 5% of GDP by 2030, "
    "working with our partners in the region "
)

# Each pattern: (suffix of the new file, text of about n characters).
PATTERNS: dict[str, tuple[str, Callable[[int], str]]] = {
    "markdown heading with spaces": (".txt", lambda n: "# x" + " " * max(1, n - 4) + "y"),
    "percent figures '5% '": (".txt", _repeat("5% ")),
    "money figures '$5 million '": (".txt", _repeat("$5 million ")),
    "year figures 'in 2030 '": (".txt", _repeat("in 2030 ")),
    "count figures '5 ships '": (".txt", _repeat("5 ships ")),
    "short paragraphs": (".txt", _repeat("We will act.\n\n")),
    "labels '1. '": (".txt", _repeat("1. ")),
    "'our commitment will never '": (".txt", _repeat("our commitment will never ")),
    "'our support ' (no verb)": (".txt", _repeat("our support ")),
    "capitalised names 'Alpha, '": (".txt", _repeat("Alpha, ")),
    "one line of prose": (".txt", _repeat(_PROSE)),
    "HTML end tags (formats/html.py)": (".html", lambda n: "<p>x" + "</b>" * (n // 4)),
}


def run(old: Path, new: Path, out: Path, timeout: float) -> tuple[float | None, int]:
    """Seconds and peak RSS (KiB) of one run of the command (None: over the timeout)."""
    cmd = [sys.executable, "-m", "declarediff", str(old), str(new), "-f", "json", "-o", str(out)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            elapsed = time.perf_counter() - start
            code = os.waitstatus_to_exitcode(status)
            proc.returncode = code
            if code not in (0, 1):
                err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
                raise SystemExit(f"{new.name}: exit {code}: {err[-300:]}")
            if proc.stderr:
                proc.stderr.close()
            return elapsed, int(usage.ru_maxrss)
        if time.perf_counter() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            if proc.stderr:
                proc.stderr.close()
            return None, 0
        time.sleep(0.02)


def _fmt(seconds: float | None, timeout: float) -> str:
    return f">{timeout:g}" if seconds is None else f"{seconds:.2f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--only", default="", help="comma-separated words of pattern names")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    only = [w for w in args.only.split(",") if w]
    print(
        f"# {_dt.date.today()}  Python {platform.python_version()}  {platform.machine()} "
        f"{platform.processor() or '?'}  cores: {os.cpu_count()}",
        flush=True,
    )
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        old = tmpdir / "old.txt"
        old.write_text(OLD.read_text(encoding="utf-8"), encoding="utf-8")
        _seconds, base_rss = run(old, old, tmpdir / "out.json", args.timeout)
        print(f"# the command on the old document against itself: peak RSS {base_rss} KiB")
        heads = " | ".join(f"{n:,} B (s)" for n in sizes)
        ratios = "peak RSS / input | added RSS / input | report / input"
        print(f"| pattern | {heads} | exponent | {ratios} |")
        print("|---" * (len(sizes) + 5) + "|", flush=True)
        for name, (suffix, make) in PATTERNS.items():
            if only and not any(w in name for w in only):
                continue
            times: list[float | None] = []
            rss_ratio = added_ratio = report_ratio = float("nan")
            for n in sizes:
                new = tmpdir / f"new{suffix}"
                text = make(n)
                new.write_text(text, encoding="utf-8")
                if times and times[-1] is None:
                    times.append(None)  # the smaller size timed out already
                    continue
                seconds, rss = run(old, new, tmpdir / "out.json", args.timeout)
                times.append(seconds)
                if seconds is not None:
                    size = len(text.encode()) + old.stat().st_size
                    rss_ratio = rss * 1024 / size
                    added_ratio = (rss - base_rss) * 1024 / size
                    report_ratio = (tmpdir / "out.json").stat().st_size / size
            a, b = times[-2:] if len(times) >= 2 else (None, None)
            exponent = (
                math.log(b / a) / math.log(sizes[-1] / sizes[-2])
                if a is not None and b is not None and a > 0
                else float("nan")
            )
            rows.append(
                {
                    "pattern": name,
                    "seconds": times,
                    "exponent": exponent,
                    "rss": rss_ratio,
                    "added_rss": added_ratio,
                    "report": report_ratio,
                }
            )
            cells = " | ".join(_fmt(t, args.timeout) for t in times)
            ratios = f"{rss_ratio:.1f} | {added_ratio:.1f} | {report_ratio:.1f}"
            print(f"| {name} | {cells} | {exponent:.2f} | {ratios} |", flush=True)
    if args.json:
        print(json.dumps({"sizes": sizes, "rows": rows}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
