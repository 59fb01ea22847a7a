"""Layout invariance: does re-laying out a document change its structure or its findings?

Each document is parsed as published, then written out again in other layouts (every
paragraph hard-wrapped at widths 30-120 columns, with or without blank lines between
paragraphs, with bullets on their own lines or run into the text before them) and parsed
again.  A layout passes when it gives the same paragraphs (kind, label, text key) and the
same sentences (keys); for pairs, the same findings (code and message, line numbers aside).

    python -m benchmarks.layout                 # every source, widths 30..120 step 1
    python -m benchmarks.layout --step 7 -v     # fewer widths, print each failure

Sources: the real documents in ../shared/corpus, the gold pairs in ../shared/gold (already
hard-wrapped as published) and the project's fixtures.  ``relayout`` is also what the tests use.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import declarediff as dd
from declarediff import text as _text
from declarediff.model import Document
from declarediff.text import display_width as width

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

# A Latin chunk (a word with the punctuation on it), or one CJK character.
_CJK = _text.CJK_CHAR.pattern
_CHUNK = re.compile(rf"{_CJK}|(?:(?!{_CJK})\S)+")
# Bullets that may be run into the text before them: the text before ends a clause.
_RUN_IN_AFTER = re.compile(r"(?:[:;.!?][\"”’')\]]*|[;,] (?:and|or))$")


def wrap(text: str, columns: int, *, hyphens: bool = True, first: int | None = None) -> list[str]:
    """Greedy wrap at ``columns`` (``first`` for the first line): Latin text breaks at spaces
    (and after the hyphen of a compound when ``hyphens``), CJK text between any two
    characters; nothing is hyphenated."""
    chunks: list[tuple[str, bool]] = []  # (chunk, a space separates it from the one before)
    pos = 0
    for m in _CHUNK.finditer(text):
        spaced = m.start() > pos
        pos = m.end()
        chunk = m.group(0)
        if hyphens and len(chunk) > 3 and not _text.has_cjk(chunk):
            parts = re.split(r"(?<=[^\W\d_]-)(?=[^\W\d_])", chunk)
            for k, part in enumerate(parts):
                chunks.append((part, spaced if k == 0 else False))
            continue
        chunks.append((chunk, spaced))
    lines: list[str] = []
    line = ""
    for chunk, spaced in chunks:
        glue = " " if spaced and line else ""
        limit = columns if lines or first is None else first
        if line and width(line) + width(glue) + width(chunk) > limit:
            lines.append(line)
            line = chunk
        else:
            line += glue + chunk
    if line:
        lines.append(line)
    return lines


def relayout(
    doc: Document,
    columns: int,
    *,
    blank_lines: bool = True,
    run_in: bool = False,
    indent: bool = False,
) -> str:
    """``doc`` written out again: each paragraph (label, text, bullets) wrapped at ``columns``.

    ``blank_lines=False`` leaves no blank line anywhere; ``run_in=True`` runs each bullet
    into the text before it when that text ends a clause (``We are: - united ...; - ...``);
    ``indent=True`` indents the first line of each paragraph by one space, as PDF text does.
    """
    blocks: list[list[str]] = []
    for p in doc.paragraphs:
        pieces = p.text.split("\n")
        if run_in:
            merged: list[str] = [pieces[0]]
            for piece in pieces[1:]:
                if _RUN_IN_AFTER.search(merged[-1]):
                    merged[-1] += " " + piece
                else:
                    merged.append(piece)
            pieces = merged
        if p.label:
            pieces[0] = f"{p.label} {pieces[0]}" if pieces[0] else p.label
        lines: list[str] = []
        for k, piece in enumerate(pieces):
            lines.extend(wrap(piece, columns, first=columns - 1 if indent and k == 0 else None))
        if indent and lines:
            lines[0] = " " + lines[0]
        blocks.append(lines)
    sep = "\n\n" if blank_lines else "\n"
    return sep.join("\n".join(lines) for lines in blocks) + "\n"


def structure(doc: Document) -> list[tuple[str, str | None, str, tuple[str, ...]]]:
    """What layout must not change: each paragraph's kind, label, key and sentence keys."""
    return [
        (p.kind, p.label, p.key, tuple(_text.key(s.text) for s in p.sentences))
        for p in doc.paragraphs
    ]


def findings(c: dd.Comparison) -> Counter[tuple[str, str]]:
    """Each finding as its code and message, without line numbers and without the evidence
    after "; closest" (the nearest sentences and the words they lack, whose order among
    equally rare words may differ); quotes are compared by key, so a hyphen the reflow could
    not restore, which ``texts`` measures, does not count twice."""
    out: Counter[tuple[str, str]] = Counter()
    for f in c.findings:
        message = re.sub(r"(?:\blines?|\bparagraph|¶) ?\d+", "", f.message.split("; closest")[0])
        out[(f.code, _text.key(message))] += 1
    return out


def texts(doc: Document) -> list[str]:
    """The paragraphs' texts as shown to users (hyphens included), white space folded."""
    return [" ".join(p.text.split()) for p in doc.paragraphs]


def sources() -> Iterator[tuple[str, Path]]:
    """The documents the property is measured on."""
    for path in sorted((SHARED / "corpus").rglob("*.txt")):
        yield f"corpus/{path.relative_to(SHARED / 'corpus')}", path
    for path in sorted((SHARED / "gold").glob("*/*.txt")):
        yield f"gold/{path.parent.name}/{path.name}", path
    for path in sorted((ROOT / "fixtures").rglob("*.txt")):
        yield f"fixtures/{path.relative_to(ROOT / 'fixtures')}", path


def pairs() -> Iterator[tuple[str, Path, Path]]:
    """Edition pairs whose findings must not depend on layout."""
    for d in sorted((SHARED / "gold").iterdir()):
        if (d / "old.txt").exists():
            yield f"gold/{d.name}", d / "old.txt", d / "new.txt"
    g7 = SHARED / "corpus" / "g7"
    yield (
        "corpus/g7 ukraine 2023->2024",
        (g7 / "2023-02-24-leaders-statement-ukraine.txt"),
        g7 / "2024-02-24-leaders-statement-ukraine.txt",
    )
    fx = ROOT / "fixtures"
    yield "fixtures/en nato", fx / "en" / "nato-2024.txt", fx / "en" / "nato-2025.txt"
    yield "fixtures/ja nato", fx / "ja" / "nato-2024.txt", fx / "ja" / "nato-2025.txt"


# name -> (blank lines between paragraphs, bullets run into the text, first lines indented)
LAYOUTS = {
    "blank lines": (True, False, False),
    "blank lines, bullets run in": (True, True, False),
    "no blank lines, indented": (False, False, True),
    "no blank lines, indented, bullets run in": (False, True, True),
    "no blank lines, flush": (False, False, False),
}


def first_difference(a: Document, b: Document) -> str:
    """A one-line description of where two parses first differ."""
    sa, sb = structure(a), structure(b)
    for i, (x, y) in enumerate(zip(sa, sb, strict=False)):
        if x != y:
            return f"¶{i}: {x[0]} {x[1]} {x[2][:70]!r} | {y[0]} {y[1]} {y[2][:70]!r}"
    return f"{len(sa)} vs {len(sb)} paragraphs"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--step", type=int, default=1, help="width step (default 1)")
    ap.add_argument("--pair-step", type=int, default=15, help="width step for findings")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    widths = range(30, 121, args.step)
    t0 = time.perf_counter()
    passed: Counter[str] = Counter()
    same_text: Counter[str] = Counter()
    tried: Counter[str] = Counter()
    print(f"structure: widths 30..120 step {args.step}, {len(LAYOUTS)} layouts each")
    for name, path in sources():
        doc = dd.read(path)
        bad = 0
        for columns in widths:
            for layout, (blank, run_in, indent) in LAYOUTS.items():
                text = relayout(doc, columns, blank_lines=blank, run_in=run_in, indent=indent)
                other = dd.parse(text)
                tried[layout] += 1
                if texts(other) == texts(doc):
                    same_text[layout] += 1
                elif args.verbose and len(texts(other)) == len(texts(doc)):
                    pairs_ = zip(texts(doc), texts(other), strict=True)
                    x, y = next((x, y) for x, y in pairs_ if x != y)
                    k = next(i for i, (cx, cy) in enumerate(zip(x, y, strict=False)) if cx != cy)
                    a, b = x[k - 30 : k + 20], y[k - 30 : k + 20]
                    print(f"  text {name} w={columns}: {a!r} | {b!r}")
                if structure(other) == structure(doc):
                    passed[layout] += 1
                else:
                    bad += 1
                    if args.verbose:
                        print(f"  {name} w={columns} {layout}: {first_difference(doc, other)}")
        n = len(widths) * len(LAYOUTS)
        print(f"  {name:55} {n - bad:4}/{n} layouts keep the structure")
    print(f"  {'layout':55} structure kept   text kept (hyphens)")
    for layout in LAYOUTS:
        n = tried[layout]
        print(
            f"  {layout:55} {passed[layout]:4}/{n} ({passed[layout] / n:.3f})"
            f"   {same_text[layout]:4}/{n} ({same_text[layout] / n:.3f})"
        )
    failed = sum(tried.values()) - sum(passed.values())
    ptotal = pfailed = 0
    pwidths = range(30, 121, args.pair_step)
    print(f"findings: widths 30..120 step {args.pair_step}, {len(LAYOUTS)} layouts each")
    for name, old_path, new_path in pairs():
        old, new = dd.read(old_path), dd.read(new_path)
        want = findings(dd.compare(old, new))
        bad = 0
        for columns in pwidths:
            for layout, (blank, run_in, indent) in LAYOUTS.items():
                kw = {"blank_lines": blank, "run_in": run_in, "indent": indent}
                got = findings(
                    dd.compare(
                        dd.parse(relayout(old, columns, **kw)),
                        dd.parse(relayout(new, columns, **kw)),
                    )
                )
                ptotal += 1
                if got != want:
                    bad += 1
                    if args.verbose:
                        diff = (got - want) + (want - got)
                        print(
                            f"  {name} w={columns} {layout}: "
                            f"{sum(diff.values())} findings differ, e.g. {next(iter(diff))}"
                        )
        pfailed += bad
        n = len(pwidths) * len(LAYOUTS)
        print(f"  {name:55} {n - bad:4}/{n} layouts give the same findings")
    print(f"findings: {ptotal - pfailed}/{ptotal} layouts pass")
    print(f"time: {time.perf_counter() - t0:.1f} s")
    return 0 if failed == pfailed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
