"""Styles for terminal text: ANSI colour, or plain markers that survive a pipe."""

from __future__ import annotations

import attrs

_RESET = "\x1b[0m"


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
