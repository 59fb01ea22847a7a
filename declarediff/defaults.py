"""Default settings, shared by the library and the command line.

Plain numbers in a module that imports nothing, so that the command line can
show them in ``--help`` without loading the engine.
"""

from __future__ import annotations

# Least similarity for two paragraphs in the same place to be "modified".
MATCH_THRESHOLD = 0.5
# Least similarity for paragraphs in different places to be "moved".
MOVE_THRESHOLD = 0.6
# Least share of a fragment's words found in the other side for a split or merge.
SPLIT_THRESHOLD = 0.6
# The largest source read (64 MiB); --max-bytes changes it.
MAX_BYTES = 64 * 1024 * 1024
# The largest Markdown report, in bytes; --markdown-limit changes it (a PR comment takes at
# most 65,536 characters).
MARKDOWN_LIMIT = 1_000_000
