"""Real and hostile inputs: HTML, legacy Japanese encodings, size limits, every bad input."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import declarediff as dd
from declarediff.cli import main
from declarediff.formats.html import to_text
from declarediff.read import detect_format, read_text

from .conftest import FIXTURES

PAGE = b"""<!doctype html><html><head><title>Site</title>
<style>p { color: red }</style><script>document.write("injected")</script></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav><header>Ministry site</header>
<main><h1>Summit Declaration</h1><h2>Defence</h2>
<p>We, the Leaders, met today &amp; agreed:</p>
<ul><li>to invest 5% of GDP;</li><li>to defend every Ally.</li></ul>
<ol start="3"><li><p>We commit to peace.</p></li>
<li>We reaffirm <b>Article 5</b>.<br>Firmly.</li></ol>
<blockquote>We will meet again in 2026.</blockquote>
<p hidden>hidden text</p><div aria-hidden="true">also hidden</div></main>
<aside>Related links</aside><footer>Copyright 2025</footer></body></html>"""


def test_html_paragraphs_headings_lists_and_what_is_left_out() -> None:
    """p/li/headings/blockquote become paragraphs; navigation, scripts and styles do not."""
    doc = dd.parse(to_text(PAGE, "page.html"))
    assert [(p.kind, p.label, p.text) for p in doc.paragraphs] == [
        ("heading", None, "Summit Declaration"),
        ("heading", None, "Defence"),
        (
            "paragraph",
            None,
            "We, the Leaders, met today & agreed:\n- to invest 5% of GDP;\n- to defend every Ally.",
        ),
        ("paragraph", "3.", "We commit to peace."),
        ("paragraph", "4.", "We reaffirm Article 5. Firmly."),
        ("paragraph", None, "We will meet again in 2026."),
    ]
    text = to_text(PAGE, "page.html")
    for gone in ("Home", "injected", "color", "Ministry site", "hidden", "Related", "Copyright"):
        assert gone not in text


def test_html_charset_from_meta() -> None:
    """A page in Shift_JIS that says so in <meta charset> is decoded."""
    page = (
        '<html><head><meta charset="shift_jis"></head><body><p>国際秩序を守る。</p></body></html>'
    )
    assert to_text(page.encode("shift_jis"), "p.html").strip() == "国際秩序を守る。"


def test_html_fixture_compares_equal_to_its_text(tmp_path: Path) -> None:
    """The same declaration as text and as a web page: all paragraphs equal."""
    clean = (FIXTURES / "en" / "wrapped-clean.txt").read_text(encoding="utf-8")
    blocks = clean.strip().split("\n\n")
    body = [f"<h1>{blocks[0]}</h1>"]
    for block in blocks[1:]:
        if "\n- " in block:
            intro, *items = block.split("\n- ")
            body.append(f"<p>{intro}</p><ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
        elif block[:1].isdigit():
            body.append(f"<p>{block}</p>")
        else:
            body.append(f"<h2>{block}</h2>")
    page = tmp_path / "declaration.html"
    page.write_text("<html><body>" + "".join(body) + "</body></html>", encoding="utf-8")
    c = dd.compare(dd.read(FIXTURES / "en" / "wrapped-clean.txt"), dd.read(page))
    assert {p.kind for p in c.pairs} == {"equal"}


@pytest.mark.parametrize(
    ("name", "data", "fmt"),
    [
        ("a.html", b"x", "html"),
        ("a.HTM", b"x", "html"),
        ("a.pdf", b"x", "pdf"),
        ("a.docx", b"x", "docx"),
        ("a.md", b"<html>", "text"),
        ("noext", b"%PDF-1.7\n", "pdf"),
        ("noext", b"  <!DOCTYPE html><html>", "html"),
        ("noext", b"1. We commit.", "text"),
        ("git:HEAD:docs/a.html", b"x", "html"),
    ],
)
def test_format_from_extension_then_content(name: str, data: bytes, fmt: str) -> None:
    """The name's ending decides; without a known ending, the first bytes do."""
    assert detect_format(name, data) == fmt


@pytest.mark.parametrize("codec", ["shift_jis", "cp932", "euc_jp"])
def test_japanese_legacy_encodings_are_detected(tmp_path: Path, codec: str) -> None:
    """Shift_JIS and EUC-JP files decode without --encoding."""
    text = "１．われわれは国際法を堅持し、ルールに基づく国際秩序を守ることを約束する。\n"
    path = tmp_path / "ja.txt"
    path.write_bytes(text.encode(codec))
    assert read_text(path) == text


def test_latin_legacy_text_is_not_read_as_japanese(tmp_path: Path) -> None:
    """cp1252 bytes are an error asking for --encoding, never passed on as mojibake."""
    path = tmp_path / "latin.txt"
    path.write_bytes("We “commit” to the Alliance’s goals — fully.\n".encode("cp1252"))
    with pytest.raises(dd.DecodeError, match="--encoding"):
        read_text(path)
    assert read_text(path, encoding="cp1252").startswith("We “commit”")


def run(*args: str) -> tuple[int, str, str]:
    """Run the command in-process."""
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.stdout, r.stderr


def one_line_exit_2(args: list[str], needle: str) -> None:
    """The command fails with exit 2 and one line on stderr containing ``needle``."""
    code, out, err = run(*args)
    assert code == 2, (code, err)
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert needle in lines[0]
    assert "Traceback" not in err


def test_every_bad_input_is_one_line_exit_2(tmp_path: Path) -> None:
    """Missing, directory, binary, undecodable, oversized, unknown encoding: one line, exit 2."""
    good = str(FIXTURES / "en" / "nato-2025.txt")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b"caf\xe9 \x93quoted\x94\n")
    one_line_exit_2([str(tmp_path / "missing.txt"), good], "missing.txt: no such file")
    one_line_exit_2([str(tmp_path), good], "is a directory")
    one_line_exit_2([str(binary), good], "binary")
    one_line_exit_2([str(latin), good], "not valid UTF-8")
    one_line_exit_2([good, good, "--max-bytes", "100"], "larger than 100 bytes")
    one_line_exit_2([good, good, "--encoding", "klingon"], "unknown encoding")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_one_line_exit_2(tmp_path: Path) -> None:
    """A file without read permission: one line, exit 2."""
    locked = tmp_path / "locked.txt"
    locked.write_text("1. We meet.\n", encoding="utf-8")
    locked.chmod(0)
    one_line_exit_2([str(locked), str(locked)], "permission denied")


def test_empty_document_compares_as_empty_with_a_warning(tmp_path: Path) -> None:
    """An empty source is a warning on stderr, and compares as a document without paragraphs."""
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n  \n", encoding="utf-8")
    code, out, err = run(str(empty), str(FIXTURES / "en" / "nato-2025.txt"))
    assert code == 0
    assert "warning:" in err and "empty" in err
    assert "0 paragraphs" in out


def test_from_overrides_detection(tmp_path: Path) -> None:
    """--from html reads a page saved without an .html ending."""
    page = tmp_path / "saved-page"
    page.write_bytes(b"<p>We will act.</p>")
    code, out, _err = run(str(page), str(page), "--from", "text", "--format", "json")
    assert code == 0 and "&lt;p&gt;" not in out and "<p>We will act.</p>" in out
    code, out, _err = run(str(page), str(page), "--from", "html", "--format", "json")
    assert code == 0 and '"text": "We will act."' in out


@pytest.mark.slow
def test_no_traceback_for_any_input_in_a_real_process(tmp_path: Path) -> None:
    """Random bytes under every format name: exit 0 or 2, never a traceback."""
    rng = random.Random(5)
    for suffix in (".txt", ".html", ".md", ""):
        path = tmp_path / f"noise{suffix}"
        path.write_bytes(bytes(rng.randrange(256) for _ in range(3000)))
        proc = subprocess.run(
            [sys.executable, "-m", "declarediff", str(path), str(path)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert proc.returncode in (0, 2), proc.stderr
        assert "Traceback" not in proc.stderr
