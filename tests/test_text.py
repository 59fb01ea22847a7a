"""Comparison keys and tokens (declarediff.text)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from declarediff import text


def test_key_folds_width_case_quotes_and_space() -> None:
    """Full-width digits, case, curly quotes and runs of spaces do not change the key."""
    assert text.key("We  ADHERE to the Charter’s   aims ５％") == text.key(
        "we adhere to the Charter's aims 5%"
    )


def test_key_drops_space_around_cjk() -> None:
    """Spaces PDF extraction leaves between Japanese characters and numbers are ignored."""
    assert text.key("2022 年 2 月の ロシア") == text.key("2022年2月のロシア")


def test_key_ignores_hyphens_inside_words() -> None:
    """A rejoined line-end hyphen (rules-based / rulesbased) gives the same key."""
    assert text.key("rules-based order") == text.key("rulesbased order")
    assert text.key("rules-based order") != text.key("rules based order")


def test_key_keeps_real_differences() -> None:
    """Words and numbers that differ make different keys."""
    assert text.key("2% of GDP") != text.key("5% of GDP")
    assert text.key("will support") != text.key("will not support")


def test_tokens_are_words_and_cjk_characters() -> None:
    """Latin words and numbers are tokens; each CJK letter is one; punctuation is none."""
    assert text.tokens(text.key("We pledge 3.5% — 国際秩序を守る。")) == [
        "we",
        "pledge",
        "3.5",
        "国",
        "際",
        "秩",
        "序",
        "を",
        "守",
        "る",
    ]


def test_index_terms_use_cjk_bigrams() -> None:
    """CJK characters become bigrams for the inverted index."""
    assert text.index_terms(["国", "際", "秩", "abc"]) == {"国際", "際秩", "abc"}


def test_count_words_mixed() -> None:
    """Words are Latin words plus one per CJK character."""
    assert text.count_words("NATO は 1949 年") == 4


@given(st.text())
def test_text_tokens_cover_the_text_exactly(s: str) -> None:
    """Diff tokens join back to the original text for any input."""
    assert "".join(text.text_tokens(s)) == s
