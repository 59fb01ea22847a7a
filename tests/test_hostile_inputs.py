"""Hostile inputs (issue #15): bombs, odd attributes and encodings, quadratic markup, big blobs.

Each input is small and generated here; each test shows the problem (a traceback, growth in
memory or time, a silent misreading) at a size that takes well under a second once fixed.
"""

from __future__ import annotations

import codecs
import importlib
import io
import os
import shutil
import struct
import subprocess
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import declarediff as dd
from declarediff import defaults
from declarediff.cli import main
from declarediff.formats import html
from declarediff.read import decode, read_bytes, read_text

from .conftest import assert_grows_linearly

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def document_xml(body: bytes) -> bytes:
    """A WordprocessingML main part whose body is ``body``."""
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>'.encode() + (
        body + b"</w:body></w:document>"
    )


def paragraph(text: str) -> bytes:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()


def docx(body: bytes, extra: Mapping[str, bytes] | None = None) -> bytes:
    """A minimal DOCX (content types, relationships, the main part), deflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document_xml(body))
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def one_line_exit_2(args: list[str], needle: str) -> str:
    code, out, err = run(*args)
    assert code == 2, (code, out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert needle in lines[0], lines[0]
    assert "Traceback" not in err
    return lines[0]


# --- 1. DOCX decompression bombs ------------------------------------------------------

pytest.importorskip("docx")


def test_a_small_docx_that_expands_past_max_bytes_is_refused(tmp_path: Path) -> None:
    """A 10 KB DOCX whose main part unzips to 4 MB: refused under --max-bytes 1 MB (the limit
    applies to what the archive expands to, not only to the file), with one line and exit 2."""
    bomb = docx(paragraph("We will act. " * 300_000))
    assert len(bomb) < 20_000
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb)
    with pytest.raises(dd.FormatError, match="expands to more than 1,000,000 bytes"):
        read_text(path, max_bytes=1_000_000)
    line = one_line_exit_2([str(path), str(path), "--max-bytes", "1000000"], "--max-bytes")
    assert line.startswith(f"declarediff: {path}: ") or str(path) in line
    # The same file is read when the limit allows it.
    assert read_text(path, max_bytes=8_000_000).startswith("We will act.")


def test_default_expanded_limit_follows_max_bytes() -> None:
    """The library's default expanded limit is the default --max-bytes."""
    assert defaults.MAX_EXPANDED_BYTES == defaults.MAX_BYTES
    assert 1_000 <= defaults.MAX_ZIP_MEMBERS <= 100_000


def test_expanded_size_is_counted_across_members(tmp_path: Path) -> None:
    """Many members each under the limit, together over it, are refused too."""
    parts = {f"word/media/part{i}.xml": b"<x>" + b"a" * 200_000 + b"</x>" for i in range(8)}
    path = tmp_path / "many.docx"
    path.write_bytes(docx(paragraph("We will act."), parts))
    with pytest.raises(dd.FormatError, match="expands to more than"):
        read_text(path, max_bytes=1_000_000)


def _lie_about_sizes(data: bytes, member: str, size: int) -> bytes:
    """``data`` with ``member``'s uncompressed size rewritten to ``size`` in both headers."""
    buf = bytearray(data)
    name = member.encode()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(member)
    local = info.header_offset
    assert buf[local : local + 4] == b"PK\x03\x04"
    struct.pack_into("<I", buf, local + 22, size)
    central = buf.find(b"PK\x01\x02")
    while central >= 0:
        (name_len,) = struct.unpack_from("<H", buf, central + 28)
        if bytes(buf[central + 46 : central + 46 + name_len]) == name:
            struct.pack_into("<I", buf, central + 24, size)
            return bytes(buf)
        central = buf.find(b"PK\x01\x02", central + 4)
    raise AssertionError(f"no central directory entry for {member}")


def test_a_member_whose_declared_size_lies_is_never_read_past_it(tmp_path: Path) -> None:
    """A main part that declares 300 bytes but inflates to 4 MB: read no further than the
    limit, and refused as a damaged archive (one line), not read whole."""
    honest = docx(paragraph("We will act. " * 300_000))
    path = tmp_path / "liar.docx"
    path.write_bytes(_lie_about_sizes(honest, "word/document.xml", 300))
    with pytest.raises(dd.FormatError) as caught:
        read_text(path, max_bytes=1_000_000)
    assert "\n" not in str(caught.value)


def test_too_many_zip_members_are_refused(tmp_path: Path) -> None:
    """An archive of more members than MAX_ZIP_MEMBERS is refused before any is read."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document_xml(paragraph("We will act.")))
        for i in range(defaults.MAX_ZIP_MEMBERS):
            archive.writestr(f"m/{i}", b"")
    path = tmp_path / "crowd.docx"
    path.write_bytes(out.getvalue())
    message = f"more than {defaults.MAX_ZIP_MEMBERS:,} members"
    with pytest.raises(dd.FormatError, match=message):
        read_text(path)
    one_line_exit_2([str(path), str(path)], message)


# --- 2. HTML -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "start",
    ["²", "٣", "1" + "0" * 5_000, "-3", "+", " 7 ", "9" * 40],
    ids=["superscript", "arabic-indic", "5000-digits", "negative", "sign", "spaces", "huge"],
)
def test_odd_ol_start_values_are_read_not_raised(start: str) -> None:
    """``<ol start>`` that str.isdigit accepts but int() refuses, or beyond int()'s digit
    limit: the list is read (numbered from 1 unless the value is a plain small number)."""
    page = f'<ol start="{start}"><li>We will act.</li></ol>'.encode()
    text = html.to_text(page, "p.html")
    assert text.endswith(". We will act.\n")
    if start.strip() == "7":
        assert text == "7. We will act.\n"
    elif start != "-3":
        assert text == "1. We will act.\n"


@pytest.mark.parametrize(
    "charset", ["idna", "base64", "rot13", "punycode", "hex", "zlib", "undefined", "utf-16"]
)
def test_meta_charset_that_is_no_page_encoding_falls_back_to_utf8(charset: str) -> None:
    """``<meta charset>`` naming a codec that is not a page's encoding: read as UTF-8."""
    page = f'<meta charset="{charset}"><p>Nous agirons — ensemble.</p>'.encode()
    assert html.to_text(page, "p.html") == "Nous agirons — ensemble.\n"


def test_meta_charset_still_decodes_legacy_pages() -> None:
    page = '<meta charset="windows-1252"><p>We “commit”.</p>'.encode("cp1252")
    assert html.to_text(page, "p.html") == "We “commit”.\n"


def test_nul_in_html_is_refused_as_in_text(tmp_path: Path) -> None:
    """A NUL character: text input refuses it, and so does HTML input (same message)."""
    data = b"<p>We will\x00 act.</p>"
    with pytest.raises(dd.DecodeError, match="looks like a binary file"):
        decode(data, "p.txt")
    with pytest.raises(dd.DecodeError, match="looks like a binary file"):
        html.to_text(data, "p.html")
    path = tmp_path / "p.html"
    path.write_bytes(data)
    one_line_exit_2([str(path), str(path)], "looks like a binary file")


def test_html_with_a_utf16_bom_is_read_and_wins_over_encoding() -> None:
    page = codecs.BOM_UTF16_LE + "<p>我々は行動する。</p>".encode("utf-16-le")
    assert html.to_text(page, "p.html") == "我々は行動する。\n"
    assert html.to_text(page, "p.html", "cp1252") == "我々は行動する。\n"


@pytest.mark.slow
@pytest.mark.parametrize("unit", [b"</b>", b"<i>x</b>", b"<span></div>"])
def test_stray_end_tags_take_linear_time(unit: bytes) -> None:
    """End tags not on the stack of open elements, with a deep stack: 20,000 of them took
    about 10 s (each looked through the whole stack); the work now grows linearly."""

    def page(n: int) -> bytes:
        return b"<html><body><p>We will act.</p>" + unit * n + b"</body></html>"

    assert_grows_linearly(lambda n: html.to_text(page(n), "p.html"), 5_000)
    assert html.to_text(page(20_000), "p.html").startswith("We will act.")


def test_closing_an_open_element_still_closes_what_it_contains() -> None:
    page = b"<ul><li>Intro:<ol><li>one<li>two</ol></ul><p>after</p></b></b>"
    assert html.to_text(page, "p.html") == "- Intro:\n\n1. one\n\n2. two\n\nafter\n"


# --- 3. encodings: byte-order marks and UTF-16 without one --------------------------


def _write(path: Path, text: str, codec: str, bom: bytes = b"") -> Path:
    path.write_bytes(bom + text.encode(codec))
    return path


SAMPLE = "1. We will defend every inch.\n\n2. We commit to peace.\n"


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
)
@pytest.mark.parametrize("encoding", ["cp1252", "utf-8", "latin-1", "utf-16"])
def test_a_bom_wins_over_encoding(tmp_path: Path, bom: bytes, codec: str, encoding: str) -> None:
    """--encoding names the encoding of files without a byte-order mark; a file with one is
    read as its mark says (the mark is in the file, --encoding applies to both sources)."""
    path = _write(tmp_path / "old.txt", SAMPLE, codec, bom)
    assert read_text(path, encoding=encoding) == SAMPLE


def test_utf16_old_against_cp1252_new_with_encoding(tmp_path: Path) -> None:
    """A UTF-16LE old edition (with BOM) against a cp1252 new one, --encoding cp1252: both
    are read right, and nothing changed."""
    old = _write(
        tmp_path / "old.txt", SAMPLE + "3. We “commit”.\n", "utf-16-le", codecs.BOM_UTF16_LE
    )
    new = _write(tmp_path / "new.txt", SAMPLE + "3. We “commit”.\n", "cp1252")
    code, out, err = run(str(old), str(new), "--encoding", "cp1252", "--format", "stat")
    assert code == 0, err
    assert "DD101" not in out + err


def test_utf8_new_file_under_encoding_utf16_is_refused_not_misread(tmp_path: Path) -> None:
    """--encoding utf-16 (for a UTF-16 old edition) must not turn a UTF-8 new edition into
    CJK mojibake and report every commitment dropped: a file with no NUL byte is no UTF-16."""
    old = _write(tmp_path / "old.txt", SAMPLE, "utf-16-le", codecs.BOM_UTF16_LE)
    new = _write(tmp_path / "new.txt", SAMPLE, "utf-8")
    line = one_line_exit_2(
        [str(old), str(new), "--encoding", "utf-16", "--format", "github"], "new.txt"
    )
    assert "utf-16" in line.lower()
    code, out, err = run(str(old), str(new), "--format", "github")
    assert code == 0, err
    assert "DD101" not in out


@pytest.mark.parametrize(
    ("codec", "name"), [("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be")]
)
def test_utf16_without_bom_gets_a_hint(tmp_path: Path, codec: str, name: str) -> None:
    path = _write(tmp_path / "x.txt", SAMPLE, codec)
    with pytest.raises(dd.DecodeError) as caught:
        read_text(path)
    assert f"looks like UTF-16 without a BOM; name it with --encoding {name}" in str(caught.value)
    assert read_text(path, encoding=name) == SAMPLE
    html_page = _write(tmp_path / "x.html", "<p>We will act.</p>", codec)
    with pytest.raises(dd.DecodeError, match=f"--encoding {name}"):
        read_text(html_page)


def test_binary_with_scattered_nuls_is_still_called_binary() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06"
    with pytest.raises(dd.DecodeError, match="looks like a binary file"):
        decode(png, "image.txt")


# --- 4. git blobs: the size first, then at most max_bytes + 1 bytes ---------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _repo(tmp_path: Path, content: bytes) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)

    git("init", "-q")
    (repo / "decl.txt").write_bytes(content)
    git("add", "decl.txt")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "one")
    return repo


@needs_git
def test_git_blob_over_max_bytes_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The blob's size is asked first (git cat-file -s): a blob over --max-bytes is refused
    without its content ever being read."""
    repo = _repo(tmp_path, b"1. We will act.\n" * 1_000)
    monkeypatch.chdir(repo)
    calls: list[list[str]] = []
    real_run, real_popen = subprocess.run, subprocess.Popen

    def spy_run(args: list[str], *a: Any, **k: Any) -> Any:
        calls.append(list(args))
        return real_run(args, *a, **k)

    def spy_popen(args: list[str], *a: Any, **k: Any) -> Any:
        calls.append(list(args))
        return real_popen(args, *a, **k)

    monkeypatch.setattr(subprocess, "run", spy_run)
    monkeypatch.setattr(subprocess, "Popen", spy_popen)
    with pytest.raises(dd.SourceError, match="larger than 1,000 bytes"):
        read_bytes("git:HEAD:decl.txt", max_bytes=1_000)
    assert not [c for c in calls if "show" in c or "-p" in c], calls
    assert read_bytes("git:HEAD:decl.txt", max_bytes=16_000) == b"1. We will act.\n" * 1_000
    monkeypatch.undo()
    monkeypatch.chdir(repo)
    one_line_exit_2(["git:HEAD:decl.txt", "decl.txt", "--max-bytes", "1000"], "larger than 1,000")


@needs_git
def test_git_blob_is_read_with_a_cap_even_if_its_size_was_misjudged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Were the size wrong (a blob rewritten between the two git calls), the content is read
    with a cap of max_bytes + 1 and refused, never read whole."""
    read = importlib.import_module("declarediff.read")
    repo = _repo(tmp_path, b"1. We will act.\n" * 1_000)
    monkeypatch.chdir(repo)
    monkeypatch.setattr(read, "_git_size", lambda *a, **k: 0)
    with pytest.raises(dd.SourceError, match="larger than 1,000 bytes"):
        read_bytes("git:HEAD:decl.txt", max_bytes=1_000)


@needs_git
def test_git_errors_are_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _repo(tmp_path, b"1. We will act.\n")
    monkeypatch.chdir(repo)
    with pytest.raises(dd.NotAtRevisionError):
        read_bytes("git:HEAD:missing.txt")
    with pytest.raises(dd.SourceError, match="unknown git revision"):
        read_bytes("git:nosuchrev:decl.txt")
    assert read_bytes(f"git:HEAD:{repo / 'decl.txt'}") == b"1. We will act.\n"


def test_a_source_name_with_a_nul_is_a_source_error() -> None:
    """The library's callers can pass what no command line can: a NUL in a file name."""
    with pytest.raises(dd.SourceError, match="cannot hold a NUL") as caught:
        read_bytes("decl\x00.txt")
    assert "\x00" not in str(caught.value)


@pytest.mark.parametrize(
    "page", ["<![\x05 x", "<p>a</p><![ x >b", "<![if !IE]>b<![endif]>", "<![CDATA[b]]>"]
)
def test_marked_sections_that_python_asserts_on_are_bogus_comments(page: str) -> None:
    """``<![`` not followed by a keyword: the standard library's parser (Python < 3.13) raised
    AssertionError (found by fuzz/atheris_readers.py); browsers read a bogus comment."""
    text = html.to_text(page.encode(), "p.html")
    assert "<![" not in text


@pytest.mark.parametrize("opener", ["</", "<a ", "<!--", "<?"])
def test_openers_the_page_end_cuts_off_take_linear_time(opener: str) -> None:
    """Tags or comments opened after the last ``>``: the standard library's parser searched to
    the page's end for each one's end (20,000 ``</`` took about 0.3 s, 80,000 about 5 s)."""

    def page(n: int) -> bytes:
        return ("<p>We will act.</p>" + opener * n).encode()

    assert_grows_linearly(lambda n: html.to_text(page(n), "p.html"), 20_000)
    assert html.to_text(page(80_000), "p.html") == "We will act.\n"


def test_short_binary_with_a_leading_nul_is_not_called_utf16() -> None:
    with pytest.raises(dd.DecodeError, match="looks like a binary file"):
        decode(b"\x00\x01binary", "odd.txt")
