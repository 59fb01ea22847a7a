"""Sources and encodings (declarediff.read)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import declarediff as dd
from declarediff.read import read_capped, read_text


def test_utf8_with_and_without_bom(tmp_path: Path) -> None:
    """UTF-8 reads with or without a byte-order mark; the mark is not text."""
    plain, bom = tmp_path / "a.txt", tmp_path / "b.txt"
    plain.write_bytes("1. 約束する。\n".encode())
    bom.write_bytes(b"\xef\xbb\xbf" + "1. 約束する。\n".encode())
    assert read_text(plain) == read_text(bom) == "1. 約束する。\n"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path: Path, codec: str) -> None:
    """UTF-16 and UTF-32 with a byte-order mark are detected."""
    path = tmp_path / "x.txt"
    data = "1. われわれは約束する。\n".encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    assert read_text(path) == "1. われわれは約束する。\n"


def test_undecodable_bytes_name_the_file_and_suggest_encoding(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 are a one-line DecodeError naming the file and --encoding."""
    path = tmp_path / "legacy.txt"
    path.write_bytes("We \u201ccommit\u201d.\n".encode("cp1252"))
    with pytest.raises(dd.DecodeError) as err:
        read_text(path)
    message = str(err.value)
    assert str(path) in message and "--encoding" in message and "\n" not in message
    assert isinstance(err.value, ValueError)


def test_encoding_override(tmp_path: Path) -> None:
    """--encoding reads legacy encodings such as Shift_JIS and cp1252."""
    path = tmp_path / "sjis.txt"
    path.write_bytes("国際秩序を守る。\n".encode("shift_jis"))
    assert read_text(path, encoding="shift_jis") == "国際秩序を守る。\n"


def test_unknown_encoding_is_an_option_error(tmp_path: Path) -> None:
    """A misspelt encoding name is an OptionError, not a crash."""
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(dd.OptionError, match="unknown encoding"):
        read_text(path, encoding="no-such-codec")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    """A missing path and a directory are SourceErrors (also OSErrors) naming the path."""
    with pytest.raises(dd.SourceError, match="no such file"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(OSError, match="is a directory"):
        read_text(tmp_path)


def test_binary_file_is_refused(tmp_path: Path) -> None:
    """A file with NUL characters is reported as binary."""
    path = tmp_path / "x.bin"
    path.write_bytes(b"abc\x00def")
    with pytest.raises(dd.DecodeError, match="binary"):
        read_text(path)


def test_stdin_source() -> None:
    """'-' reads standard input and is named <stdin>."""
    doc = dd.read("-", stdin=io.BytesIO(b"1. We meet.\n"))
    assert doc.source == "<stdin>"
    assert doc.paragraphs[0].text == "We meet."


class _Trickle(io.RawIOBase):
    """A stream that gives at most 7 bytes a read and records what it was asked for."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.asked: list[int] = []

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        self.asked.append(size)
        piece, self.data = self.data[: min(size, 7)], self.data[min(size, 7) :]
        return piece


def test_read_capped_reads_short_pieces_to_the_end() -> None:
    stream = _Trickle(b"x" * 100)
    assert read_capped(stream, 1000) == b"x" * 100
    assert max(stream.asked) <= 1 << 20  # never the whole cap at once


def test_read_capped_stops_one_byte_past_the_cap() -> None:
    stream = _Trickle(b"y" * 100)
    assert read_capped(stream, 20) == b"y" * 21
    assert stream.data == b"y" * 79  # the rest is never read
    assert read_capped(io.BytesIO(b"z" * (3 << 20)), 5 << 20) == b"z" * (3 << 20)
