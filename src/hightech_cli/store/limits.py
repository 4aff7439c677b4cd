"""How big what hz reads may be: a file, a record, a field. The one home of these limits.

Every limit is stated in the README (section "Limits"). They keep a store or an import file
that is endless (``/dev/zero``), huge, or made of one giant record from hanging hz or taking
all of the machine's memory, and keep lookups, search and tables fast on every store hz
accepts. The file limit sits well above the largest stores measured in ``bench/results/``
(1,000,000 facts are about 1 GB); the record and field limits far above anything an article
holds (its longest paragraph is a few thousand characters).

``hz check`` and ``hz import`` report a record over a limit as a problem naming the record
(``check.py``); reading a file over the file limit is a one-line error (``files.py``).
"""

from __future__ import annotations

from typing import Final

# A store file, or an import file (stdin included), in bytes.
MAX_FILE_BYTES: Final = 2_000_000_000
# One text value (a name, a quote, a paragraph, a note), in characters.
MAX_FIELD_CHARS: Final = 100_000
# The items of one list (aliases, references, mentions, line numbers, evidence, notes).
MAX_LIST_ITEMS: Final = 10_000
# One record: the characters of all its text values together.
MAX_RECORD_CHARS: Final = 1_000_000
# An integer (a paragraph number, a year, an amount in fen): a signed 64-bit one, as SQLite
# (the index, ``hz export -f sqlite``) and most other tools hold integers.
MAX_INTEGER: Final = 2**63 - 1
