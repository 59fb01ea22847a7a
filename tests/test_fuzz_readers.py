"""Every input reader, and the command line's options, fed generated hostile input.

Each reader (text and Markdown, HTML, DOCX, PDF) gets random bytes and structured input
(HTML of random tags, attributes and entities; DOCX archives of random WordprocessingML,
numbering and styles; PDFs typeset here and then damaged) and must return text that the
parser takes, or raise a :class:`~declarediff.errors.DeclarediffError` subclass with a one-line
message; never another exception.  The command line gets random options and values and must
answer with exit code 0, 1 or 2, never a traceback.  Longer, coverage-guided runs of the same
targets: ``fuzz/atheris_readers.py``.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import declarediff as dd
from declarediff.cli import main
from declarediff.registry import READERS

FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    derandomize=True,
)


def read_or_refuse(fmt: str, data: bytes, encoding: str | None = None) -> str | None:
    """Text from the reader of ``fmt`` (parsed, to be sure the parser takes it), or None for a
    documented error with a one-line message.  Any other exception fails the test."""
    reader: Callable[..., str] = READERS.get(fmt)
    kwargs = {"max_expanded_bytes": 4_000_000} if fmt == "docx" else {}
    try:
        text = reader(data, "fuzz.in", encoding, **kwargs)
    except dd.DeclarediffError as e:
        message = str(e)
        assert "\n" not in message and message.startswith("fuzz.in: "), message
        return None
    assert isinstance(text, str)
    assert "\x00" not in text
    dd.parse(text)
    return text


# --- text and Markdown -------------------------------------------------------------------

MARKDOWN = st.lists(
    st.one_of(
        st.sampled_from(
            ["# ", "## ", "1. ", "(a) ", "- ", "* ", "> ", "```", "|a|b|", "---", "\n", "\n\n"]
        ),
        st.text(max_size=40),
    ),
    max_size=60,
).map("".join)
CODECS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp932"])


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from([None, "utf-8", "cp1252", "utf-16", "latin-1"]))
def test_text_reader_random_bytes(data: bytes, encoding: str | None) -> None:
    read_or_refuse("text", data, encoding)


@FUZZ
@given(MARKDOWN, CODECS)
def test_text_reader_markdown(text: str, codec: str) -> None:
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        data = text.encode("utf-8", "surrogatepass")
    read_or_refuse("text", data)


# --- HTML --------------------------------------------------------------------------------

TAGS = st.sampled_from(
    ["p", "ol", "ul", "li", "b", "i", "div", "span", "h1", "h6", "h7", "script", "style",
     "template", "svg", "nav", "table", "tr", "td", "th", "pre", "br", "meta", "img",
     "blockquote", "dd", "dt", "html", "body", "head", "title", "x-custom"]
)  # fmt: skip
STYLE_IDS = st.sampled_from(["Heading1", "S1", "S2", "x"])
NUM_FORMATS = st.sampled_from(
    ["decimal", "bullet", "lowerRoman", "upperLetter", "japaneseCounting", "ordinal",
     "decimalEnclosedCircle", "bogus"]
)  # fmt: skip
LEVEL_TEXTS = st.sampled_from(["%1.", "%1.%2", "(%3)", "%9", "", "第%1条"])
ATTRIBUTE_VALUES = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["²", "٣", "9" * 5000, "-1", "+3", " 4 ", "0", "true", "idna", "base64"]),
)
ATTRIBUTES = st.lists(
    st.tuples(
        st.sampled_from(["start", "hidden", "aria-hidden", "charset", "class", "type", "value"]),
        ATTRIBUTE_VALUES,
    ),
    max_size=3,
)
ENTITIES = st.sampled_from(
    ["&amp;", "&#0;", "&#x110000;", "&#99999999999;", "&bogus;", "&", "&#xD800;", "&nbsp;", "&lt"]
)


@st.composite
def html_pages(draw: st.DrawFn) -> bytes:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            tag, attrs = draw(TAGS), draw(ATTRIBUTES)
            shown = "".join(f' {k}="{v.replace(chr(34), "")}"' for k, v in attrs)
            parts.append(f"<{tag}{shown}>")
        elif kind == 1:
            parts.append(f"</{draw(TAGS)}>")
        elif kind == 2:
            parts.append(draw(ENTITIES))
        elif kind == 3:
            parts.append(
                draw(st.sampled_from(["<!--", "-->", "<![CDATA[", "<!doctype html>", "<"]))
            )
        else:
            parts.append(draw(st.text(max_size=30)))
    page = "".join(parts)
    how = draw(st.sampled_from(["utf-8", "bom", "utf-16-bom", "cp1252", "meta"]))
    if how == "bom":
        return b"\xef\xbb\xbf" + page.encode("utf-8", "surrogatepass")
    if how == "utf-16-bom":
        return page.encode("utf-16", "surrogatepass")
    if how == "cp1252":
        return page.encode("cp1252", "replace")
    if how == "meta":
        charset = draw(st.sampled_from(["idna", "rot13", "base64", "utf-16", "shift_jis", "x"]))
        page = f'<meta charset="{charset}">' + page
    return page.encode("utf-8", "surrogatepass")


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from([None, "utf-8", "cp1252"]))
def test_html_reader_random_bytes(data: bytes, encoding: str | None) -> None:
    read_or_refuse("html", data, encoding)


@pytest.mark.slow
@settings(FUZZ, max_examples=300)
@given(html_pages())
def test_html_reader_random_markup(page: bytes) -> None:
    read_or_refuse("html", page)


# --- DOCX --------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{CT}.document.main+xml"/>'
    f'<Override PartName="/word/numbering.xml" ContentType="{CT}.numbering+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{CT}.styles+xml"/></Types>'
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/numbering" Target="numbering.xml"/>'
    f'<Relationship Id="rId2" Type="{REL}/styles" Target="styles.xml"/></Relationships>'
)
NUMBERS = st.one_of(
    st.integers(-3, 12).map(str), st.sampled_from(["", "x", "²", "9" * 400, "1e3", " 2 "])
)
WORDS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=20)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "'")


@st.composite
def wordprocessing_paragraphs(draw: st.DrawFn) -> str:
    out: list[str] = []
    for _ in range(draw(st.integers(0, 12))):
        ppr = ""
        if draw(st.booleans()):
            ppr += f'<w:pStyle w:val="{_escape(draw(STYLE_IDS))}"/>'
        if draw(st.booleans()):
            ppr += (
                f'<w:numPr><w:ilvl w:val="{draw(NUMBERS)}"/>'
                f'<w:numId w:val="{draw(NUMBERS)}"/></w:numPr>'
            )
        runs = "".join(
            draw(
                st.sampled_from(
                    [
                        f"<w:r><w:t>{_escape(draw(WORDS))}</w:t></w:r>",
                        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r>",
                        f"<w:ins><w:r><w:t>{_escape(draw(WORDS))}</w:t></w:r></w:ins>",
                        "<w:del><w:r><w:delText>gone</w:delText></w:r></w:del>",
                        "<w:r><w:tab/><w:br/><w:noBreakHyphen/></w:r>",
                        "<w:p><w:r><w:t>nested</w:t></w:r></w:p>",
                    ]
                )
            )
            for _ in range(draw(st.integers(0, 4)))
        )
        paragraph = f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"
        if draw(st.integers(0, 5)) == 0:
            paragraph = f"<w:tbl><w:tr><w:tc>{paragraph}</w:tc></w:tr></w:tbl>"
        out.append(paragraph)
    return "".join(out)


@st.composite
def numbering_xml(draw: st.DrawFn) -> str:
    levels = "".join(
        f'<w:lvl w:ilvl="{draw(NUMBERS)}"><w:start w:val="{draw(NUMBERS)}"/>'
        f'<w:numFmt w:val="{draw(NUM_FORMATS)}"/>'
        f'<w:lvlText w:val="{_escape(draw(LEVEL_TEXTS))}"/>'
        f'<w:lvlRestart w:val="{draw(NUMBERS)}"/></w:lvl>'
        for _ in range(draw(st.integers(0, 4)))
    )
    link = '<w:numStyleLink w:val="S1"/>' if draw(st.booleans()) else ""
    return (
        f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0">{link}{levels}'
        f'</w:abstractNum><w:num w:numId="{draw(NUMBERS)}"><w:abstractNumId w:val="0"/>'
        f'<w:lvlOverride w:ilvl="{draw(NUMBERS)}"><w:startOverride w:val="{draw(NUMBERS)}"/>'
        "</w:lvlOverride></w:num></w:numbering>"
    )


STYLES = (
    f'<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="S1"><w:name w:val="s1"/>'
    '<w:basedOn w:val="S2"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="S2"><w:basedOn w:val="S1"/>'
    '<w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>'
    "</w:styles>"
)


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@st.composite
def docx_files(draw: st.DrawFn) -> bytes:
    body = draw(wordprocessing_paragraphs())
    document = (
        f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    )
    members = {
        "[Content_Types].xml": CONTENT_TYPES.encode(),
        "_rels/.rels": PACKAGE_RELS.encode(),
        "word/document.xml": document.encode(),
        "word/_rels/document.xml.rels": DOCUMENT_RELS.encode(),
        "word/numbering.xml": draw(numbering_xml()).encode(),
        "word/styles.xml": STYLES.encode(),
    }
    damage = draw(st.integers(0, 5))
    if damage == 1:  # a part replaced by random bytes
        name = draw(st.sampled_from(sorted(members)))
        members[name] = draw(st.binary(max_size=200))
    elif damage == 2:  # a part left out
        del members[draw(st.sampled_from(sorted(members)))]
    data = _zip(members, draw(st.sampled_from([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])))
    if damage == 3:  # bytes of the archive flipped
        buf = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            buf[draw(st.integers(0, len(buf) - 1))] = draw(st.integers(0, 255))
        data = bytes(buf)
    elif damage == 4:  # cut short
        data = data[: draw(st.integers(0, len(data)))]
    return data


@FUZZ
@given(st.binary(max_size=3000))
def test_docx_reader_random_bytes(data: bytes) -> None:
    pytest.importorskip("docx")
    read_or_refuse("docx", data)
    read_or_refuse("docx", b"PK\x03\x04" + data)


@pytest.mark.slow
@settings(FUZZ, max_examples=300)
@given(docx_files())
def test_docx_reader_random_documents(data: bytes) -> None:
    pytest.importorskip("docx")
    read_or_refuse("docx", data)


# --- PDF ---------------------------------------------------------------------------------


@cache
def base_pdfs() -> tuple[bytes, ...]:
    """Two small PDFs typeset with fpdf2 (a text page; two pages with a numbered list)."""
    fpdf = pytest.importorskip("fpdf")
    out: list[bytes] = []
    for pages in (1, 2):
        pdf = fpdf.FPDF(unit="pt", format=(420.0, 595.0))
        pdf.set_font("Helvetica", size=11)
        pdf.set_compression(pages == 2)
        for n in range(pages):
            pdf.add_page()
            pdf.text(40.0, 30.0, "Summit Declaration")
            for k in range(6):
                pdf.text(40.0, 80.0 + 16.0 * k, f"{k + 1}. We will act on item {k + n}.")
            pdf.text(200.0, 570.0, f"Page {n + 1}")
        out.append(bytes(pdf.output()))
    return tuple(out)


@st.composite
def damaged_pdfs(draw: st.DrawFn) -> bytes:
    buf = bytearray(draw(st.sampled_from(base_pdfs())))
    how = draw(st.integers(0, 3))
    rng = random.Random(draw(st.integers(0, 2**32)))
    if how == 0:  # bytes changed
        for _ in range(draw(st.integers(1, 20))):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
    elif how == 1:  # cut short
        del buf[draw(st.integers(8, len(buf))) :]
    elif how == 2:  # a run of random bytes inserted
        at = rng.randrange(len(buf))
        buf[at:at] = draw(st.binary(max_size=200))
    else:  # numbers in the file changed (lengths, offsets, object numbers, sizes)
        digits = [i for i, b in enumerate(buf) if 0x30 <= b <= 0x39]
        for _ in range(draw(st.integers(1, 10))):
            buf[rng.choice(digits)] = rng.choice(b"0123456789-")
    return bytes(buf)


@settings(FUZZ, max_examples=100)
@given(st.binary(max_size=2000))
def test_pdf_reader_random_bytes(data: bytes) -> None:
    pytest.importorskip("pypdf")
    read_or_refuse("pdf", data)
    read_or_refuse("pdf", b"%PDF-1.7\n" + data)


@pytest.mark.slow
@settings(FUZZ, max_examples=150)
@given(damaged_pdfs())
def test_pdf_reader_damaged_documents(data: bytes) -> None:
    pytest.importorskip("pypdf")
    read_or_refuse("pdf", data)


def test_the_base_pdfs_read() -> None:
    pytest.importorskip("pypdf")
    for pdf in base_pdfs():
        text = read_or_refuse("pdf", pdf)
        assert text is not None and "We will act on item" in text


# --- the command line's options ------------------------------------------------------------

OPTION_VALUES = st.sampled_from(
    ["", "0", "1", "-1", "2000", "1e309", "nan", "²", "9" * 5000, "utf-16", "idna", "base64",
     "text", "json", "html", "docx", "pdf", "DD101", "all", "none", "never", "x\x00y", "é"]
)  # fmt: skip
OPTIONS = st.sampled_from(
    ["-f", "--format", "--color", "--encoding", "--from", "--max-bytes", "--match-threshold",
     "--move-threshold", "--split-threshold", "--watch", "--fail-on", "--markdown-limit",
     "--baseline", "--config"]
)  # fmt: skip
FLAGS = st.sampled_from(
    ["--stat", "--side-by-side", "--all", "-q", "--exit-code", "--no-config", "--bogus", "-"]
)


@settings(FUZZ, max_examples=80)
@given(
    st.lists(
        st.one_of(st.tuples(OPTIONS, OPTION_VALUES).map(list), FLAGS.map(lambda f: [f])),
        max_size=5,
    )
)
def test_cli_options_never_end_in_a_traceback(
    tmp_path_factory: pytest.TempPathFactory, opts: list[list[str]]
) -> None:
    folder = tmp_path_factory.mktemp("cli")
    old, new = folder / "old.txt", folder / "new.txt"
    old.write_text("1. We will act.\n\n2. We commit.\n", encoding="utf-8")
    new.write_text("1. We will act now.\n", encoding="utf-8")
    args = [str(old), str(new), *(word for group in opts for word in group)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args,
        repr(result.exception),
    )
    assert "Traceback" not in result.stderr


def test_markdown_path_reads_as_text(tmp_path: Path) -> None:
    """Markdown goes through the text reader (by the .md ending)."""
    page = tmp_path / "decl.md"
    page.write_text("# Title\n\n1. We will act.\n", encoding="utf-8")
    assert dd.read_text(page) == "# Title\n\n1. We will act.\n"
