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
# The most a ZIP-based source (DOCX) may hold once unzipped, its members together: the same
# number as --max-bytes, which bounds the bytes after decompression as it bounds the file
# (read() passes max_bytes; this is the library's default).  Unzipped XML costs its reader
# about 23 bytes of memory a byte (python-docx's tree, then ElementTree's), so 64 MiB is about
# 1.5 GB at worst; the largest real documents unzip to a few MiB.  Counted while unzipping,
# not only from the sizes the archive declares (docs/security.md).
MAX_EXPANDED_BYTES = MAX_BYTES
# The most members a ZIP-based source may have (a Word document has a few dozen; one with many
# images a few hundred); checked before any member is read.
MAX_ZIP_MEMBERS = 10_000
# The largest Markdown report, in bytes; --markdown-limit changes it (a PR comment takes at
# most 65,536 characters).
MARKDOWN_LIMIT = 1_000_000
