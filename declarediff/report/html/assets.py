"""The HTML report's stylesheets and script, kept as files of this package.

- ``report.css``: the report's own rules, all scoped under ``.declarediff``; its two
  ``/* dark palette: dark.css */`` comments are where the dark palette goes (the page's
  ``prefers-color-scheme: dark`` and a dark JupyterLab theme);
- ``dark.css``: that palette (custom properties only);
- ``report.js``: the report's behaviour (links, previous/next, keys, print);
- ``page.css``: the few rules of the standalone page around the report.

Each is read once, on import, as its bytes decoded from UTF-8 (no newline translation), so the
page embeds a file's text exactly and the script's CSP hash is the hash of the file.
"""

from __future__ import annotations

from importlib.resources import files

PACKAGE = __name__.rpartition(".")[0]
DARK_SLOT = "/* dark palette: dark.css */"


def read(name: str) -> str:
    """The text of one of this package's files, exactly as stored."""
    return files(PACKAGE).joinpath(name).read_bytes().decode("utf-8")


# The report's stylesheet, with the dark palette in its slots.
CSS = read("report.css").replace(DARK_SLOT, read("dark.css"))

# The report's behaviour.  It reads nothing but the DOM (ids and data-* attributes):
# no document text is ever placed in a script.
JS = read("report.js")

# The standalone page's own rules (the file's final newline is not part of them).
PAGE_CSS = read("page.css").removesuffix("\n")
