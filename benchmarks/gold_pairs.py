"""Real edition pairs read by hand (gold), for scoring commitment tracking and figures.

Two kinds of pair:

- the shared pairs in ``../shared/gold/<pair>/`` (``old.txt``, ``new.txt``,
  ``gold.json`` in the ``declarediff-gold/1`` form of ``../shared/gold/SPEC.md``);
- this project's pairs in ``benchmarks/gold/<pair>.json``, annotated the same
  way from sections of the documents in ``../shared/corpus``.  They hold no
  corpus text: each side names a corpus file and line ranges, and every quoted
  sentence is a pair of character offsets into the section those lines make
  (:func:`section`).  :func:`materialise` rebuilds ``old.txt``, ``new.txt`` and
  ``gold.json`` in a temporary folder, so the shared scorer reads both kinds alike.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SHARED_GOLD = SHARED / "gold"
OWN_GOLD = Path(__file__).resolve().parent / "gold"


def section(path: Path, ranges: Sequence[Sequence[int]] | None) -> str:
    """The text of a corpus file, or its title line and some line ranges (1-based, inclusive),
    blocks separated by one blank line."""
    text = path.read_text(encoding="utf-8")
    if ranges is None:
        return text
    lines = text.split("\n")
    parts = ["\n".join(lines[a - 1 : b]).strip("\n") for a, b in ranges]
    return lines[0] + "\n\n" + "\n\n".join(parts) + "\n"


def _quote(text: str, span: Sequence[int] | None) -> str | None:
    return None if span is None else text[span[0] : span[1]]


def resolve(spec: dict[str, Any], corpus: Path = CORPUS) -> tuple[str, str, dict[str, Any]]:
    """An offsets-only gold file as (old text, new text, gold in ``declarediff-gold/1`` form)."""
    old = section(corpus / spec["old"]["file"], spec["old"]["lines"])
    new = section(corpus / spec["new"]["file"], spec["new"]["lines"])
    gold = {
        "schema": "declarediff-gold/1",
        "pair": spec["pair"],
        "old_commitments": [
            {**c, "text": _quote(old, c["text"]), "new_text": _quote(new, c["new_text"])}
            for c in spec["old_commitments"]
        ],
        "new_commitments_added": [
            {**c, "text": _quote(new, c["text"])} for c in spec["new_commitments_added"]
        ],
        "figure_changes": [
            {**f, "old_text": _quote(old, f["old_text"]), "new_text": _quote(new, f["new_text"])}
            for f in spec["figure_changes"]
        ],
    }
    return old, new, gold


def own_pairs() -> list[Path]:
    """This project's offsets-only gold files."""
    return sorted(OWN_GOLD.glob("*.json"))


def shared_pairs() -> list[Path]:
    """The shared gold folders (empty when ../shared is not there)."""
    return sorted(p.parent for p in SHARED_GOLD.glob("*/gold.json"))


def materialise(spec_path: Path, into: Path) -> Path:
    """Write ``old.txt``, ``new.txt`` and ``gold.json`` of an offsets-only pair under ``into``."""
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    old, new, gold = resolve(spec)
    folder: Path = into / str(spec["pair"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "old.txt").write_text(old, encoding="utf-8")
    (folder / "new.txt").write_text(new, encoding="utf-8")
    (folder / "gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return folder


def all_pairs(into: Path) -> Iterator[tuple[str, Path]]:
    """Every gold pair as (origin, folder): the shared ones, then this project's, materialised."""
    for folder in shared_pairs():
        yield "shared", folder
    if CORPUS.is_dir():
        for spec in own_pairs():
            yield "project", materialise(spec, into)
