"""Start-up and plumbing that speed depends on: lazy loading, the registries, JSON text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import declarediff as dd
from declarediff import jsontext
from declarediff.cli import main
from declarediff.registry import READERS, RENDERERS, TIMELINE_RENDERERS, Registry
from declarediff.report import timeline

from .conftest import FIXTURES, corpus_path

ENGINE = (
    "declarediff.parse",
    "declarediff.align",
    "declarediff.commitments",
    "declarediff.compare",
    "declarediff.report.html",
    "attr",
)


def _modules_after(code: str) -> set[str]:
    """The modules loaded by a fresh interpreter after running ``code``."""
    script = f"{code}\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_help_and_version_do_not_load_the_engine(flag: str) -> None:
    """--help and --version answer from the command's definition alone."""
    code = (
        "from declarediff.cli import main\n"
        "try:\n"
        f"    main([{flag!r}], standalone_mode=True)\n"
        "except SystemExit:\n"
        "    pass"
    )
    loaded = _modules_after(code)
    assert "declarediff.cli" in loaded
    assert not loaded & set(ENGINE), sorted(loaded & set(ENGINE))


def test_import_declarediff_loads_names_on_first_use() -> None:
    """``import declarediff`` is light; a public name loads its module when used."""
    assert not _modules_after("import declarediff") & set(ENGINE)
    loaded = _modules_after("import declarediff as dd\ndd.parse")
    assert "declarediff.parse" in loaded
    assert "declarediff.commitments" not in loaded


def test_function_keeps_its_name_when_its_module_is_imported() -> None:
    """``dd.parse`` stays the function after ``declarediff.parse`` (the module) is imported,
    in whichever order the two happen."""
    script = (
        "import declarediff as dd, importlib\n"
        "for name in ('align', 'compare', 'history', 'parse', 'read'):\n"
        "    importlib.import_module('declarediff.' + name)\n"
        "    assert callable(getattr(dd, name)), name\n"
        "    assert getattr(dd, name).__name__ == name, name\n"
        "old = dd.parse('1. We commit to 2% of GDP.\\n', source='a')\n"
        "new = dd.parse('1. We commit to 5% of GDP by 2035.\\n', source='b')\n"
        "print(dd.compare(old, new).pairs[0].kind)"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "modified"


def test_package_lists_and_refuses_names() -> None:
    assert set(dd.__all__) <= set(dir(dd))
    assert all(getattr(dd, name) is not None for name in dd.__all__)
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = dd.no_such_name  # type: ignore[attr-defined]


@pytest.mark.parametrize("registry", [READERS, RENDERERS, TIMELINE_RENDERERS])
def test_every_registry_entry_loads(registry: object) -> None:
    """Each entry names a function that exists (a typo would fail only when used)."""
    assert isinstance(registry, Registry)
    for entry in registry:
        assert callable(registry.get(entry.name)), entry
        assert entry.summary


def test_registries_match_the_formats_the_command_offers() -> None:
    assert RENDERERS.names == dd.FORMATS
    assert TIMELINE_RENDERERS.names == timeline.FORMATS
    assert READERS.names == ("text", "html", "pdf", "docx")
    with pytest.raises(KeyError, match="choose from text, json"):
        RENDERERS.get("yaml")


def test_unknown_format_is_an_option_error() -> None:
    old = dd.parse("We commit.\n")
    with pytest.raises(dd.OptionError, match="--format: unknown format 'yaml'"):
        dd.render(dd.compare(old, old), "yaml")
    with pytest.raises(dd.OptionError, match="--from: unknown format 'rtf'"):
        dd.read(FIXTURES / "en" / "nato-2024.txt", fmt="rtf")


def test_html_input_honours_encoding(tmp_path: Path) -> None:
    """--encoding applies to HTML inputs too; an unknown encoding is an option error."""
    page = tmp_path / "page.html"
    page.write_bytes("<html><body><p>Nous réaffirmons.</p></body></html>".encode("latin-1"))
    assert "réaffirmons" in dd.read_text(page, encoding="latin-1")
    with pytest.raises(dd.OptionError, match="unknown encoding"):
        dd.read_text(page, encoding="no-such-codec")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (FIXTURES / "en" / "nato-2024.txt", FIXTURES / "en" / "nato-2025.txt"),
        (FIXTURES / "ja" / "nato-2024.txt", FIXTURES / "ja" / "nato-2025.txt"),
        pytest.param(
            corpus_path("g7/2021-carbis-bay.txt"),
            corpus_path("g7/2023-hiroshima.txt"),
            marks=pytest.mark.slow,
        ),
    ],
)
def test_json_text_is_the_standard_librarys_bytes(old: Path, new: Path) -> None:
    """The fast encoder writes exactly what ``json.dumps(indent=2, ensure_ascii=False)``
    writes, for the comparison, SARIF and a baseline (the contract's bytes do not depend on
    which encoder ran)."""
    comparison = dd.compare(dd.read(old), dd.read(new))
    data = comparison.to_dict()
    assert jsontext.dumps(data) == jsontext.stdlib_dumps(data)
    assert json.loads(jsontext.dumps(data)) == json.loads(json.dumps(data))
    for fmt in ("json", "sarif"):
        text = dd.render(comparison, fmt)
        assert text == jsontext.stdlib_dumps(json.loads(text))


def test_json_text_falls_back_for_values_orjson_refuses() -> None:
    """An integer beyond 64 bits still encodes (by the standard library)."""
    data = {"big": 2**70, "text": "日本語", "nested": [1.5, None, True]}
    assert jsontext.dumps(data) == jsontext.stdlib_dumps(data)


def test_json_pieces_are_the_whole_encoding() -> None:
    """Streaming a record (its long lists encoded element by element) gives the bytes of
    encoding it whole, at any depth, for empty and nested lists too."""
    inner: list[dict[str, object]] = [{"x": 1, "y": ["z", "ü"]}, {}]
    record = {
        "a": [],
        "b": {"c": inner, "d": "line\nbreak"},
        "e": [[1, 2], []],
        "f": None,
    }
    lazy = {
        "a": jsontext.Items(iter(())),
        "b": {"c": jsontext.Items(iter(inner)), "d": "line\nbreak"},
        "e": jsontext.Items([[1, 2], jsontext.Items([])]),
        "f": None,
    }
    assert b"".join(jsontext.chunks(lazy)) == jsontext.dumps_bytes(record)
    assert jsontext.dumps_bytes(record).decode() == jsontext.stdlib_dumps(record)


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_command_writes_the_report_piece_by_piece(tmp_path: Path, fmt: str) -> None:
    """The command's JSON and HTML (written in pieces), to a file and to standard output,
    are ``dd.render``'s text."""
    old, new = FIXTURES / "en" / "nato-2024.txt", FIXTURES / "en" / "nato-2025.txt"
    expected = dd.render(dd.compare(dd.read(old), dd.read(new)), fmt)
    out = tmp_path / f"report.{fmt}"
    result = CliRunner().invoke(main, [str(old), str(new), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == expected
    result = CliRunner().invoke(main, [str(old), str(new), "--format", fmt])
    assert result.stdout == expected
