"""A big JSON-lines import merged part by part, so that its memory is bounded by the file's
bytes, not by every record decoded at once.

**Why.** The full path (``merge.parse``, one ``merge.Merger.plan``, ``document.dumps``)
decodes every line, holds every record, validates them together and builds the new file as one
string: an import of a million facts needs many times the file's size in memory
(``bench/results/big-writes.md``).

**How.** The file is read a line at a time (stdin, which cannot be read twice, is held whole)
and each line decoded as ``merge.parse`` decodes it (:func:`records`, ``merge.line_record``);
the records go to the ``Merger`` in parts of ``PART`` records, each merged and validated
against the store and the parts before it, as the articles of ``hz add`` are. The store is
read as its rows' bytes (``splice.py``) and every row set is held as compact JSON
(``RowTable.hold_encoded``); the new file is streamed out as the rows path writes any merge,
byte for byte what the full path writes.

**What is left to the full path.** The parts must decide as the whole file would. What only
the whole file can tell makes :func:`merge_in_parts` return None, and the caller imports the
file by the full path, which accepts or reports exactly as before (so a rejected big import
costs what it always did):

- any problem at all: a line that is no record, a record a part rejects (among them one naming
  a record of a later part: files hz exports list meta, blocks, entities, facts, so a
  reference points back);
- a record given again in a later part, or a second meta record (the full path's "appears
  twice" and "only one meta record");
- two entities in different parts whose names look alike (``check.look_alike_names``), which
  the full check compares across the file: the parts keep a hash of each name's folded key
  and of its writing, so a collision costs only a needless full path;
- a part that replaces a paragraph already in the store with other text (the ``Merger`` then
  checks the whole store, which would decode all of it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Final

from hightech_cli.store.check import Problem, look_alike_names
from hightech_cli.store.document import BOM, TABLES
from hightech_cli.store.limits import MAX_FILE_BYTES
from hightech_cli.store.merge import ImportRejected, Incoming, Merger, line_record, row_key
from hightech_cli.store.splice import RawStore, Unencodable

PART: Final = 25_000  # records merged and validated at once: a few tens of MB decoded
_BOM: Final = BOM.encode("utf-8")


class _Whole(Exception):
    """Only the full path can decide this import (module docstring)."""


def lines_of(raw: bytes) -> Iterator[bytes]:
    """The lines of a file held in memory (stdin), each with its ``\n``."""
    start = 0
    while start < len(raw):
        end = raw.find(b"\n", start)
        end = len(raw) if end < 0 else end + 1
        yield raw[start:end]
        start = end


def records(lines: Iterable[bytes], name: str) -> Iterator[Incoming]:
    """The records of a JSON-lines file, from its lines (each with its ``\n``), decoded one
    at a time; ``_Whole`` at the first line that ``merge.parse`` would report (or that is not
    UTF-8), past the file limit, and for a file with no record at all."""
    size = 0
    empty = True
    for n, line in enumerate(lines, start=1):
        size += len(line)
        if size > MAX_FILE_BYTES:
            raise _Whole  # the full path reads the file, and says that it is too big
        if n == 1 and line.startswith(_BOM):
            line = line[len(_BOM) :]
        # Only \n ends a line, as in merge._lines; a \r before it is dropped.
        line = line.removesuffix(b"\n").removesuffix(b"\r")
        try:
            found = line_record(line.decode("utf-8"), n, name)
        except UnicodeDecodeError:
            raise _Whole from None
        if isinstance(found, Problem):
            raise _Whole
        if found is not None:
            empty = False
            yield found
    if empty:
        raise _Whole  # the full path says the file is empty


class _Parts:
    """The state the parts share: what earlier parts matched, and their entities' names."""

    def __init__(self, store: RawStore, merger: Merger, name: str, path: Path) -> None:
        self.store, self.merger, self.name, self.path = store, merger, name, path
        self.counts = {t: {"added": 0, "updated": 0, "unchanged": 0} for t in TABLES}
        self.metas = 0
        self.touched: dict[str, set[str]] = {t: set() for t in TABLES}  # store rows matched
        self.looks: dict[int, tuple[int, int]] = {}  # hash of a folded name: of id, of text

    def merge(self, part: list[Incoming]) -> None:
        matched: list[tuple[str, str]] = []
        for item in part:
            if item.table == "meta":
                self.metas += 1
                if self.metas > 1:
                    raise _Whole
                continue
            row_id = self.merger.row_id(item.table, row_key(item.table, item.record))
            if row_id is not None:
                if item.table == "blocks" and self.merger.data["blocks"][row_id] != item.record:
                    raise _Whole  # a paragraph of the store replaced: checked whole
                if row_id in self.touched[item.table] or self.store.tables[item.table].was_set(
                    row_id
                ):
                    raise _Whole  # given in an earlier part too
                matched.append((item.table, row_id))
            if item.table == "entities":
                self._names(item)
        for table, row_id in matched:
            self.touched[table].add(row_id)
        plan = self.merger.plan(part, self.name, self.path)
        for table, counted in plan.counts.items():
            for what, n in counted.items():
                self.counts[table][what] += n

    def _names(self, item: Incoming) -> None:
        record = hash(str(item.record.get("id")))
        for key, written in look_alike_names(item.record):
            other = self.looks.setdefault(hash(key), (record, hash(written)))
            if other[0] != record and other[1] != hash(written):
                raise _Whole


def merge_in_parts(
    store: RawStore, merger: Merger, lines: Iterable[bytes], name: str, path: Path
) -> dict[str, dict[str, int]] | None:
    """Merge a JSON-lines file (its ``lines``) into ``store`` through ``merger`` by parts; the
    counts of what was added, updated and left, or None if only the full path can decide
    (module docstring), ``store`` then being of no further use."""
    for table in store.tables.values():
        table.hold_encoded()
    parts = _Parts(store, merger, name, path)
    part: list[Incoming] = []
    try:
        for item in records(lines, name):
            part.append(item)
            if len(part) == PART:
                parts.merge(part)
                part = []
        if part:
            parts.merge(part)
    except (_Whole, ImportRejected, Unencodable):
        return None
    return parts.counts
