"""Hostile text through the whole pipeline: no exception but the documented ones.

Hypothesis feeds the parser, compare and every renderer with arbitrary Unicode:
combining marks, right-to-left text, emoji, NUL, lone surrogates, very long
lines, no newlines at all, thousands of blank lines.  (An atheris harness for
longer, coverage-guided runs is in fuzz/.)
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import declarediff as dd
from declarediff.read import decode
from declarediff.report import FORMATS

HOSTILE = st.one_of(
    st.text(max_size=300),
    st.text(
        alphabet=st.sampled_from("\u0301\u0308\u200d\u200f\u202e\u05d0\u05d1\u0627 "), max_size=200
    ),
    st.lists(st.sampled_from(["😀", "🇯🇵", "👍🏽", "a", ".", " ", "\n"]), max_size=200).map("".join),
    st.lists(
        st.sampled_from(["\x00", "\ud800", "\udfff", "a", " ", "\n", "。", "1."]), max_size=200
    ).map("".join),
    st.builds(lambda n: "x" * n, st.integers(0, 20_000)),
    st.builds(lambda n: "\n" * n + "1. We commit.\n", st.integers(0, 10_000)),
    st.builds(
        lambda w, n: (w + " ") * n,
        st.sampled_from(["we", "will", "国際", "-", "(a)"]),
        st.integers(0, 3_000),
    ),
)


@pytest.mark.slow
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE, HOSTILE)
def test_compare_and_render_anything(a: str, b: str) -> None:
    """Any two texts parse, compare and render in every format, as valid UTF-8."""
    c = dd.compare(dd.parse(a), dd.parse(b), watch=("we will", "国際"))
    for fmt in FORMATS:
        out = dd.render(c, fmt)
        out.encode("utf-8")
        if fmt in ("json", "sarif"):
            json.loads(out)
    olds = sorted(i for p in c.pairs for i in p.old)
    assert olds == list(range(len(c.old.paragraphs)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_reader_turns_any_bytes_into_text_or_a_documented_error(data: bytes) -> None:
    """Any bytes: text, or a DecodeError (never another exception, never mojibake of NUL)."""
    try:
        text = decode(data, "fuzz.txt")
    except dd.DecodeError as e:
        message = str(e)
    else:
        assert "\x00" not in text
        dd.parse(text)
        return
    assert message.startswith("fuzz.txt: ")
    assert "\n" not in message


def test_lone_surrogates_are_replaced() -> None:
    """A lone surrogate in API input becomes U+FFFD, so outputs can be written."""
    doc = dd.parse("1. We commit \ud800 to peace.\n")
    assert doc.paragraphs[0].text == "We commit \ufffd to peace."
    dd.render(dd.compare(doc, doc), "json").encode("utf-8")
