"""Coverage-guided fuzzing of the whole pipeline with atheris (optional; not run in CI).

    pip install atheris
    python fuzz/atheris_compare.py -max_total_time=600

Any exception other than the documented DeclarediffError family is a bug.
"""

from __future__ import annotations

import sys

import atheris  # type: ignore[import-untyped,unused-ignore]

with atheris.instrument_imports():
    import declarediff as dd
    from declarediff.read import decode
    from declarediff.report import FORMATS


def one_input(data: bytes) -> None:
    """Split the input in two, decode each side as a reader would, compare, render."""
    half = len(data) // 2
    sides = []
    for chunk in (data[:half], data[half:]):
        try:
            sides.append(dd.parse(decode(chunk, "fuzz")))
        except dd.DeclarediffError:
            return
    comparison = dd.compare(sides[0], sides[1], watch=("we will",))
    for fmt in FORMATS:
        dd.render(comparison, fmt).encode("utf-8")


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
