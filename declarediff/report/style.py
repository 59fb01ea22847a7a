"""Styles for terminal text: ANSI colour, or plain markers that survive a pipe."""

from __future__ import annotations

import attrs

_RESET = "\x1b[0m"


def visible_blanks(text: str) -> str:
    """White space drawn with visible marks: ``·`` for a space, ``↵`` for a line break,
    ``→`` for a tab (for a change that is only white space, which would not show)."""
    marks = {"\n": "↵", "\t": "→"}
    return "".join(marks.get(ch, "·") if ch.isspace() else ch for ch in text)


@attrs.frozen
class Style:
    """How deleted, inserted and meta text is marked."""

    color: bool = False

    def _sgr(self, codes: str, text: str) -> str:
        if not text:
            return text
        # Re-open the style after each newline so pagers keep it per line.
        opened = f"\x1b[{codes}m"
        return opened + text.replace("\n", f"{_RESET}\n{opened}") + _RESET

    def deleted(self, text: str) -> str:
        """Deleted text: red and struck through, or ``[-text-]``."""
        return self._sgr("31;9", text) if self.color else f"[-{text}-]"

    def inserted(self, text: str) -> str:
        """Inserted text: green and underlined, or ``{+text+}``."""
        return self._sgr("32;4", text) if self.color else f"{{+{text}+}}"

    def deleted_blank(self, text: str) -> str:
        """Deleted white space, visible: a red ``·`` (``↵`` for a line break), or ``[- -]``."""
        return self._sgr("31;9", visible_blanks(text)) if self.color else f"[-{text}-]"

    def inserted_blank(self, text: str) -> str:
        """Inserted white space, visible: a green ``·`` (``↵`` for a line break), or ``{+ +}``."""
        return self._sgr("32;4", visible_blanks(text)) if self.color else f"{{+{text}+}}"

    def green(self, text: str) -> str:
        """Green, without markers (a bar of inserted words)."""
        return self._sgr("32", text) if self.color else text

    def red(self, text: str) -> str:
        """Red, without markers (a bar of deleted words)."""
        return self._sgr("31", text) if self.color else text

    def deleted_plain(self, text: str) -> str:
        """Error emphasis: red, without markers (for labels, not for document text)."""
        return self._sgr("1;31", text) if self.color else text

    def warn(self, text: str) -> str:
        """Warning emphasis: yellow."""
        return self._sgr("33", text) if self.color else text

    def header(self, text: str) -> str:
        """A pair's header line."""
        return self._sgr("1;36", text) if self.color else text

    def strong(self, text: str) -> str:
        """Emphasis."""
        return self._sgr("1", text) if self.color else text

    def dim(self, text: str) -> str:
        """Secondary information."""
        return self._sgr("2", text) if self.color else text


@attrs.frozen(kw_only=True)
class RenderOptions:
    """What a renderer may vary: colour, unchanged paragraphs shown, file names, size."""

    color: bool = False
    show_all: bool = False
    # Paths of the two sources as other tools should name them (relative to the repository
    # root when inside one); machine formats place findings on these files.
    old_uri: str | None = None
    new_uri: str | None = None
    # Characters a report may take at most (the Markdown summary's limit), or 0 for no limit.
    max_chars: int = 0
    # Terminal width in columns, for the side-by-side view.
    width: int = 100

    @property
    def style(self) -> Style:
        """The style matching ``color``."""
        return Style(self.color)
