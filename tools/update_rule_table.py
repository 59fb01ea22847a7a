"""Regenerate the detector's rule table in docs/commitments.md from ``commitments.RULES``.

    python tools/update_rule_table.py

The table is the block of lines starting ``| rule | class |`` under "### The rule table";
tests/test_docs.py checks that every rule is listed.
"""

from __future__ import annotations

from pathlib import Path

from declarediff.commitments import RULES

DOC = Path(__file__).resolve().parent.parent / "docs" / "commitments.md"
WIDTH = 90


def row(name: str, cls: str, lang: str, subject: str, pattern: str) -> str:
    """One table row; the pattern is cut to WIDTH characters and its pipes escaped."""
    short = pattern if len(pattern) <= WIDTH else pattern[:WIDTH] + "…"
    short = short.replace("|", "\\|")
    return f"| {name} | {cls} | {lang} | {subject} | `{short}` |"


def table() -> list[str]:
    """The rule table as Markdown lines."""
    lines = [
        "| rule | class | language | needs our subject | pattern |",
        "|---|---|---|---|---|",
    ]
    for r in RULES:
        subject = ("yes (near)" if r.near else "yes") if r.subject else "no"
        lines.append(row(r.name, r.cls, r.lang, subject, r.pattern))
    return lines


def main() -> None:
    lines = DOC.read_text(encoding="utf-8").split("\n")
    start = next(k for k, line in enumerate(lines) if line.startswith("| rule | class |"))
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    lines[start:end] = table()
    DOC.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
