"""The real G7/G20 documents in ../shared/corpus (read from there, never copied)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
import pytest

import declarediff as dd
from declarediff.model import Comparison

from .conftest import CORPUS, CORPUS_DOCS, ROOT, corpus_path, slow_if_big

SCHEMA = json.loads((ROOT / "docs" / "schema" / "declarediff-1.schema.json").read_text("utf-8"))
NAMES = [str(p.relative_to(p.parent.parent)) for p in CORPUS_DOCS] or ["g7/2023-hiroshima.txt"]
# The three summit declarations (over 50 kB) are slow parameters; the two short statements keep
# the properties in the fast suite.
NAME_PARAMS = [slow_if_big(name, CORPUS / name, id=name) for name in NAMES]


def validate(c: Comparison) -> None:
    """The comparison's JSON validates against the published schema."""
    data = json.loads(dd.render(c, "json"))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)


@pytest.mark.parametrize("name", NAME_PARAMS)
def test_identity_on_real_documents(name: str) -> None:
    """Each real document against itself: all equal, nothing changed."""
    doc = dd.read(corpus_path(name))
    c = dd.compare(doc, doc)
    assert {p.kind for p in c.pairs} == {"equal"}
    assert len(c.pairs) == len(doc.paragraphs) > 5


@pytest.mark.parametrize("name", NAME_PARAMS)
@pytest.mark.parametrize("width", [60, 68, 72, 80])
def test_rewrapped_real_documents_are_equal(name: str, width: int) -> None:
    """Each real document against a copy whose blocks are hard-wrapped as running text (bullet
    lists run into their lead-in): all equal, no finding."""
    path = corpus_path(name)
    raw = path.read_text(encoding="utf-8")
    blocks = [b for b in raw.split("\n\n") if b.strip()]
    wrapped = "\n\n".join(textwrap.fill(" ".join(b.split()), width) for b in blocks)
    a, b = dd.read(path), dd.parse(wrapped)
    assert len(a.paragraphs) == len(b.paragraphs)
    assert [p.label for p in a.paragraphs] == [p.label for p in b.paragraphs]
    c = dd.compare(a, b)
    assert {p.kind for p in c.pairs} == {"equal"}
    assert c.findings == ()


def test_numbered_corpus_paragraphs_have_their_labels() -> None:
    """Carbis Bay's 70 numbered paragraphs are found with labels 1. to 70."""
    doc = dd.read(corpus_path("g7/2021-carbis-bay.txt"))
    labels = [p.label for p in doc.paragraphs if p.label]
    assert labels[:3] == ["1.", "2.", "3."]
    assert labels[-1] == "70."
    assert doc.title is not None and "CARBIS BAY" in doc.title.upper()


def test_ukraine_statements_pair_is_valid_contract() -> None:
    """The close real pair (2023 -> 2024): schema-valid JSON, title equal, partition holds."""
    a = dd.read(corpus_path("g7/2023-02-24-leaders-statement-ukraine.txt"))
    b = dd.read(corpus_path("g7/2024-02-24-leaders-statement-ukraine.txt"))
    c = dd.compare(a, b)
    validate(c)
    assert c.pairs[0].kind == "equal"
    assert sorted(i for p in c.pairs for i in p.old) == list(range(len(a.paragraphs)))


@pytest.mark.slow
def test_successive_editions_validate() -> None:
    """Carbis Bay 2021 -> Hiroshima 2023, a large rewrite: schema-valid, every kind legal."""
    c = dd.compare(
        dd.read(corpus_path("g7/2021-carbis-bay.txt")),
        dd.read(corpus_path("g7/2023-hiroshima.txt")),
    )
    validate(c)
    assert 0.5 < c.stats.changed <= 1.0


def _blocks(path: Path) -> list[str]:
    return [b for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]


def test_known_edits_on_a_real_document_are_found() -> None:
    """Hiroshima with a paragraph moved and edited, one split, two merged, one deleted."""
    blocks = _blocks(corpus_path("g7/2023-hiroshima.txt"))
    a = dd.parse("\n\n".join(blocks))
    # Block indices equal paragraph indices here: the corpus has one paragraph per block.
    assert len(a.paragraphs) == len(blocks)
    moved_src, split_src, merge_src, deleted_src = 20, 30, 40, 50
    edited = blocks[moved_src].replace("We", "Leaders", 1)
    sentences = blocks[split_src].split(". ")
    half = len(sentences) // 2
    split = [". ".join(sentences[:half]) + ".", ". ".join(sentences[half:])]
    new_blocks: list[str] = []
    for k, block in enumerate(blocks):
        if k in (moved_src, deleted_src, merge_src + 1):
            continue
        if k == split_src:
            new_blocks.extend(split)
        elif k == merge_src:
            new_blocks.append(block + " " + blocks[merge_src + 1])
        else:
            new_blocks.append(block)
    new_blocks.insert(5, edited)
    b = dd.parse("\n\n".join(new_blocks))
    c = dd.compare(a, b)
    by_old = {p.old: p for p in c.pairs}
    assert by_old[(moved_src,)].kind == "moved" and by_old[(moved_src,)].changed
    assert by_old[(split_src,)].kind == "split" and len(by_old[(split_src,)].new) == 2
    assert by_old[(merge_src, merge_src + 1)].kind == "merged"
    assert by_old[(deleted_src,)].kind == "deleted"
    others = [p for p in c.pairs if p.old and p.old[0] not in (20, 30, 40, 41, 50)]
    assert all(p.kind == "equal" for p in others)
