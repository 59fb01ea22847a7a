"""Word-level diffs (declarediff.inline)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import declarediff as dd
from declarediff import inline


def test_word_granularity_for_latin_text() -> None:
    """Whole words are deleted and inserted, never parts of words."""
    ops = inline.diff("We commit to 2% of GDP annually.", "We commit to 5% of GDP by 2035.")
    changed = [(o.op, o.text) for o in ops if o.op != "equal"]
    assert ("delete", "2") in changed
    assert ("insert", "5") in changed
    deleted = "".join(t for o, t in changed if o == "delete")
    assert "annually" in deleted and "annual" not in deleted.replace("annually", "")


def test_character_granularity_for_cjk() -> None:
    """Japanese is diffed character by character: only the changed characters are marked."""
    ops = inline.diff("国際連合憲章の目的", "国連憲章の目的")
    assert [(o.op, o.text) for o in ops] == [
        ("equal", "国"),
        ("delete", "際"),
        ("equal", "連"),
        ("delete", "合"),
        ("equal", "憲章の目的"),
    ]


def test_semantic_cleanup_merges_fragments_for_display() -> None:
    """For display, scattered one-word equalities are folded into the edits."""
    old, new = "the quick brown fox jumps", "a slow red fox sleeps"
    raw = inline.diff(old, new)
    shown = inline.for_display(old, new)
    assert len(shown) <= len(raw)
    assert inline.rebuild(shown) == (old, new)


def test_identical_texts_are_one_equal_op() -> None:
    """Nothing changed: one equal op (none for empty text)."""
    assert inline.diff("same", "same") == (dd.InlineOp("equal", "same"),)
    assert inline.diff("", "") == ()


def test_no_timeout_degradation_on_long_text() -> None:
    """Long paragraphs still get a minimal diff (Diff_Timeout is 0), not delete-all."""
    words = [f"word{i}" for i in range(4000)]
    old = " ".join(words)
    new = " ".join(w if i % 97 else w.upper() for i, w in enumerate(words))
    ops = inline.diff(old, new)
    kept = sum(len(o.text) for o in ops if o.op == "equal")
    assert kept > 0.9 * len(old)


texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=200)


@settings(max_examples=300)
@given(texts, texts)
def test_ops_rebuild_both_texts(a: str, b: str) -> None:
    """Exact and display ops both rebuild the two texts exactly, for any Unicode."""
    assert inline.rebuild(inline.diff(a, b)) == (a, b)
    assert inline.rebuild(inline.for_display(a, b)) == (a, b)


@settings(max_examples=100)
@given(
    st.lists(
        st.sampled_from(["we", "will", "not", "commit", "2%", "5%", "。", "国際", " ", "\n"]),
        max_size=60,
    ),
    st.lists(st.sampled_from(["we", "will", "commit", "5%", "秩序", "、", " "]), max_size=60),
)
def test_ops_rebuild_token_soup(a: list[str], b: list[str]) -> None:
    """Many repeated tokens (the encoding's worst case) still rebuild exactly."""
    x, y = "".join(a), "".join(b)
    assert inline.rebuild(inline.diff(x, y)) == (x, y)
