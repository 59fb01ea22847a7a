"""Words shared by the human reports (text, side by side, Markdown, stat).

What a baseline did and how often each watched phrase occurs, said the same way in every
report, so that a suppressed finding, a stale baseline entry or a misspelt watched phrase
never passes silently.
"""

from __future__ import annotations

from declarediff.model import BaselineEntry, Comparison, WatchCount

# Stale baseline entries listed by name in a report; the rest are counted.
STALE_SHOWN = 10
EXCERPT = 80


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """``1 entry``, ``2 entries``: a count and its noun (``nouns`` when not noun + s)."""
    return f"{n:,} {noun if n == 1 else (nouns or noun + 's')}"


def baseline_line(c: Comparison) -> str | None:
    """``baseline: 12 findings suppressed (accepted), 1 stale entry (matches no finding)``.

    None when no baseline was applied.
    """
    if c.baseline is None:
        return None
    stale = len(c.baseline.stale)
    verb = "matches" if stale == 1 else "match"
    return (
        f"baseline: {plural(len(c.baseline.suppressed), 'finding')} suppressed (accepted), "
        f"{plural(stale, 'stale entry', 'stale entries')} ({verb} no finding any more)"
    )


def short(text: str, limit: int = EXCERPT) -> str:
    """Text on one line, cut with an ellipsis past ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def stale_entry(entry: BaselineEntry) -> str:
    """One stale entry in brief: code, name, excerpt and the fingerprint's start."""
    code = " ".join(x for x in (entry.code, entry.name) if x) or "?"
    excerpt = short(entry.excerpt)
    fingerprint = entry.fingerprint[:12]
    quoted = f" “{excerpt}”" if excerpt else ""
    return f"{code}{quoted} (fingerprint {fingerprint})"


def stale_entries(c: Comparison) -> tuple[list[str], int]:
    """The first :data:`STALE_SHOWN` stale entries in brief, and how many more there are."""
    stale = c.baseline.stale if c.baseline is not None else ()
    shown = [stale_entry(e) for e in stale[:STALE_SHOWN]]
    return shown, max(0, len(stale) - STALE_SHOWN)


def watch_note(w: WatchCount) -> str:
    """What a watched phrase's counts mean, when they call for a word."""
    if w.old == 0 and w.new == 0:
        return "in neither version: check the spelling"
    if w.new == 0:
        return "gone from the new version"
    if w.old == 0:
        return "new in this version"
    return ""
