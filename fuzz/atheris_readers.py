"""Coverage-guided fuzzing of every input reader and the command line's options, with atheris
(optional; not run in CI; ``tests/test_fuzz_readers.py`` runs the same targets briefly with
hypothesis).

    pip install atheris
    python fuzz/atheris_readers.py -max_total_time=600            # all targets in turn
    python fuzz/atheris_readers.py -max_total_time=600 -- docx    # one: text html docx pdf cli

The first byte of an input picks a target unless one is named: ``text`` (text and Markdown),
``html``, ``docx`` and ``pdf`` read the rest of the input as a file of that format (for DOCX
and PDF, a mutation of a small valid file, so the fuzzer gets past the container); ``cli`` turns
it into command-line options and their values.  A reader must return text the parser takes or
raise a DeclarediffError with a one-line message; the command line must exit with 0, 1 or 2.
Anything else is a bug.
"""

from __future__ import annotations

import io
import sys
import tempfile
import zipfile
from pathlib import Path

import atheris  # type: ignore[import-untyped,unused-ignore]

with atheris.instrument_imports():
    import contextlib

    from click.testing import CliRunner

    import declarediff as dd
    import declarediff.formats.docx
    import declarediff.formats.html
    import declarediff.formats.pdf
    import declarediff.read
    from declarediff.cli import main
    from declarediff.registry import READERS

    # The libraries the readers call, so that coverage guides the fuzzer through them too.
    with contextlib.suppress(ImportError):
        import docx.opc.package  # noqa: F401
    with contextlib.suppress(ImportError):
        import pypdf  # noqa: F401

TARGETS = ("text", "html", "docx", "pdf", "cli")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    b'package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="'
    b'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    b"</Relationships>"
)


def _pdf() -> bytes:
    """A one-page PDF with two numbered paragraphs (uncompressed, so mutations reach them)."""
    content = b"BT /F1 11 Tf 40 500 Td (1. We will act.) Tj 0 -30 Td (2. We commit to peace.) Tj ET"
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 420 595]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n%s\nendstream" % (len(content), content),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer<</Root 1 0 R/Size %d>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


PDF = _pdf()
OPTIONS = (
    "-f", "--format", "--color", "--encoding", "--from", "--max-bytes", "--match-threshold",
    "--move-threshold", "--split-threshold", "--watch", "--fail-on", "--markdown-limit",
    "--baseline", "--config", "--stat", "--side-by-side", "--all", "-q", "--exit-code",
    "--no-config",
)  # fmt: skip

_FOLDER = Path(tempfile.mkdtemp(prefix="declarediff-fuzz-"))
OLD, NEW = _FOLDER / "old.txt", _FOLDER / "new.txt"
OLD.write_text("1. We will act.\n\n2. We commit.\n", encoding="utf-8")
NEW.write_text("1. We will act now.\n", encoding="utf-8")


def _docx(body: bytes) -> bytes:
    document = f'<w:document xmlns:w="{W}"><w:body>'.encode() + body + b"</w:body></w:document>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document)
    return out.getvalue()


def _mutate(base: bytes, fdp: atheris.FuzzedDataProvider) -> bytes:
    """``base`` with a few bytes changed, a slice cut or bytes inserted, as the input says."""
    buf = bytearray(base)
    for _ in range(fdp.ConsumeIntInRange(0, 8)):
        how = fdp.ConsumeIntInRange(0, 2)
        at = fdp.ConsumeIntInRange(0, len(buf))
        if how == 0 and at < len(buf):
            buf[at] = fdp.ConsumeInt(1) & 0xFF
        elif how == 1:
            del buf[at : at + fdp.ConsumeIntInRange(0, 64)]
        else:
            buf[at:at] = fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 64))
    return bytes(buf)


def read(fmt: str, data: bytes) -> None:
    """Read ``data`` as ``fmt``: text the parser takes, or a documented one-line error."""
    kwargs = {"max_expanded_bytes": 4_000_000} if fmt == "docx" else {}
    try:
        text = READERS.get(fmt)(data, "fuzz.in", None, **kwargs)
    except dd.DeclarediffError as e:
        if "\n" in str(e):
            raise AssertionError(f"a message of more than one line: {e!r}") from None
        return
    if "\x00" in text:
        raise AssertionError("a NUL character in the text")
    dd.parse(text)


def cli(fdp: atheris.FuzzedDataProvider) -> None:
    """Options and values from the input, after two small sources; exit 0, 1 or 2."""
    args = [str(OLD), str(NEW)]
    for _ in range(fdp.ConsumeIntInRange(0, 6)):
        args.append(fdp.PickValueInList(list(OPTIONS)))
        if fdp.ConsumeBool():
            # No NUL: a process's arguments cannot hold one (click's Path type raises
            # ValueError on one, which only a caller of main() in Python can pass).
            value = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 40))
            args.append(value.replace("\x00", ""))
    result = CliRunner().invoke(main, args)
    if result.exit_code not in (0, 1, 2) or not (
        result.exception is None or isinstance(result.exception, SystemExit)
    ):
        raise AssertionError(f"{args!r}: exit {result.exit_code}, {result.exception!r}")


def one_input(data: bytes, target: str | None = None) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    target = target or TARGETS[fdp.ConsumeIntInRange(0, len(TARGETS) - 1)]
    if target == "cli":
        cli(fdp)
    elif target == "docx":
        if fdp.ConsumeBool():
            read("docx", _docx(fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 4096))))
        else:
            read("docx", _mutate(_docx(b"<w:p><w:r><w:t>We will act.</w:t></w:r></w:p>"), fdp))
    elif target == "pdf":
        read("pdf", _mutate(PDF, fdp))
    else:
        read(target, fdp.ConsumeBytes(sys.maxsize))


if __name__ == "__main__":
    chosen = sys.argv[sys.argv.index("--") + 1] if "--" in sys.argv[:-1] else None
    if chosen is not None and chosen not in TARGETS:
        sys.exit(f"unknown target {chosen!r}; choose from {', '.join(TARGETS)}")
    argv = sys.argv[: sys.argv.index("--")] if "--" in sys.argv else sys.argv
    atheris.Setup(argv, lambda data: one_input(data, chosen))
    atheris.Fuzz()
