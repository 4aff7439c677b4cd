"""A big store file's rows, one at a time, each as the strict reader decodes it: what the index
is built from (``indexing.py``), without the whole document decoded at once.

**Why.** ``document.read_store_file`` decodes a file whole with the standard library: at a
million facts that is gigabytes of dicts, and the larger part of an index build's time
(``bench/results/index-build.md``). A build needs one row at a time.

**How.** The file's bytes are read once (``document.read_store_bytes``: a regular file within
the limit) and parsed by msgspec, as ``scan.py`` parses them: the top level, then each table,
into each row's bytes (``msgspec.Raw``, a slice of the file's bytes, no copy). Each row is then
decoded by msgspec and written back by msgspec as compact JSON, the text the index stores, and
that text is compared with the row's own bytes with their white space taken out
(``msgspec.json.format(raw, indent=-1)``, which keeps every string and number as written):

- equal: the row's bytes are, token for token, msgspec's writing of the decoded row. The
  standard library reads that writing back equal to it (strings escape only what JSON must;
  integers are decimal; a float is the shortest text that reads back to the same double, and
  both read a float's text to the nearest double; msgspec decodes no NaN or infinity), so the
  strict reader decodes the row to the same dicts, in the same key order. A key given twice
  anywhere in the row cannot pass: the decoded object keeps one of the two, so its writing has
  one key fewer than the bytes. Integers are read under Python's limit on digits by both, and
  the same longer one is refused by both;
- different (a key given twice, an escape such as ``\\u00e9`` or ``\\/``, ``1.50``, ``1e5``, a
  lone surrogate msgspec refuses, invalid UTF-8): the row's bytes are decoded on their own by
  the strict reader (``document.parse_json``), as the whole file would decode them, and the
  caller writes its text as before.

Nesting is refused by both readers past the recursion limit, which counts the frames already
on the stack, so where the two might differ (a row nested ``SAFE_DEPTH`` deep or more, which no
store hz writes holds) the file is left to the whole-file reader.

Around the rows, nothing is taken on trust either. msgspec's dicts keep one value of a key
given twice (a table, a row id), so the keys are counted by their quotes (``_keys_once``):
every ``"`` of the file is in a key or in a value, each key has two, and the values' quotes
are counted as they are read (a value's compact text keeps every string as written). The file
holds each key once exactly when its quotes, less the values', are twice the number of keys
the dicts kept: a key given twice adds its own two and its first value's, which no dict kept.
(A key written with an escaped quote counts more than two, and sends the file to the
whole-file reader, which reads it.) Any other top-level key's value, and ``meta``, are decoded
by the strict reader; ``meta`` is checked as ``document.check_layout`` checks it, schema
version included; every row must be an object.

**What it gives up.** Whatever it cannot show the strict reader would read the same raises
:class:`Undecided`, before or while the rows are read, and the caller decodes the file whole
(``document.read_store_file``), which refuses it with its one message or reads it. So a file is
indexed from its rows exactly when the strict reader reads it, and from the same rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import msgspec

from hightech_cli.errors import StoreError
from hightech_cli.store.document import (
    TABLES,
    check_table,
    check_version,
    parse_json,
    read_store_bytes,
)

# Deeper than this, a row (or meta, or another top-level value) is left to the whole-file
# reader: far below the recursion limit, less the frames of any caller and the file's two
# levels above a row, so that a row both readers take here the whole-file reader takes too.
SAFE_DEPTH: Final = 400
_BOM: Final = b"\xef\xbb\xbf"
_ROWS: Final = ("entities", "facts", "blocks")  # the tables read a row at a time
_UNREAD = (msgspec.MsgspecError, RecursionError, ValueError, UnicodeError, OverflowError)


class Undecided(Exception):
    """The file must be decoded whole to tell whether, and how, the strict reader reads it."""


# An object as its keys and each value's bytes: the top level, and each table.
_TABLE: Final = msgspec.json.Decoder(dict[str, msgspec.Raw])


class StoreRows:
    """A store file's meta row and, table by table, its rows: ``(row, text)``, the row decoded
    as the strict reader decodes it and its compact JSON text (None: to be written by the
    caller, the row having been read by the standard library).

    Each table can be read once. :class:`Undecided` may come from :meth:`rows` mid-table (a
    row the strict reader may refuse), or once the last table is read (a key given twice).
    """

    def __init__(self, path: Path) -> None:
        """Read and check the file's top level; StoreError for a file that cannot be read,
        Undecided for anything else the whole-file reader must decide."""
        self.path = path
        data = read_store_bytes(path)
        start = 3 if data.startswith(_BOM) else 0  # skipped, as document.decode skips it
        try:
            top = _TABLE.decode(memoryview(data)[start:])
        except _UNREAD:
            raise Undecided from None
        if any(name not in top for name in TABLES):
            raise Undecided
        # The quotes of the top level and the tables' row ids (see _keys_once); those of the
        # other values are taken off as they are read.
        self._quotes = data.count(b'"', start) - 2 * len(top)
        for key, raw in top.items():
            if key not in _ROWS:  # meta, and any other top-level value: read strictly
                value = _strict(raw, path)  # refused or too deep: Undecided
                self._quotes -= bytes(raw).count(b'"')
                if key == "meta":
                    meta = value
        self._data = data
        self._top = top
        self._left = set(_ROWS)
        try:
            rows = check_table(meta, "meta", path)
            if len(rows) != 1:
                raise Undecided
            self.meta: dict[str, Any] = next(iter(rows.values()))
            check_version(self.meta, path)
        except StoreError:
            raise Undecided from None
        self._decoder = msgspec.json.Decoder()
        self._encoder = msgspec.json.Encoder()

    def rows(self, name: str) -> Iterator[tuple[dict[str, Any], bytes | None]]:
        """The rows of table ``name`` in file order; Undecided as soon as one cannot be
        shown to be read alike, or, after the last table, if a key was given twice."""
        raw = self._top[name]
        try:
            table = _TABLE.decode(raw)
        except _UNREAD:
            raise Undecided from None  # not an object
        del raw
        decode, encode, fmt = self._decoder.decode, self._encoder.encode, msgspec.json.format
        quotes = 2 * len(table)
        for row_raw in table.values():
            try:
                row = decode(row_raw)
                text = encode(row)
                compact = fmt(row_raw, indent=-1)  # every string as written: the same quotes
            except _UNREAD:
                compact = b""
                text = None
            if text != compact:
                quotes += bytes(row_raw).count(b'"')
                yield _strict_row(row_raw, self.path), None
                continue
            quotes += compact.count(b'"')
            # Only a text of 2 * SAFE_DEPTH bytes, SAFE_DEPTH brackets or more can nest as deep.
            if (
                len(compact) >= 2 * SAFE_DEPTH
                and compact.count(b"[") + compact.count(b"{") >= SAFE_DEPTH
                and _depth(row) >= SAFE_DEPTH
            ):
                raise Undecided
            if type(row) is not dict:
                raise Undecided  # the whole-file reader says which row is not an object
            yield row, compact
        self._quotes -= quotes
        self._left.discard(name)
        if not self._left and not _keys_once(self._quotes):
            raise Undecided

    def decoded_rows(self, name: str) -> Iterator[tuple[dict[str, Any], None]]:
        """The rows of table ``name`` in file order, decoded but not checked: for a second
        process building part of the index beside a first that reads the same rows through
        :meth:`rows` (``index_split.py``), whose work is kept only if that reading finishes.

        A row :meth:`rows` checks is one msgspec decodes to the strict reader's dict, so this
        gives it alike; one it does not is decoded by the strict reader here too, unless
        msgspec reads it to the same value by another spelling (an escape, ``1.50``, white
        space), or it is one the first process gives up on (a key given twice, a row too
        deep): then the first process's reading never finishes and this one's is dropped.
        """
        try:
            table = _TABLE.decode(self._top[name])
        except _UNREAD:
            raise Undecided from None
        decode = self._decoder.decode
        for row_raw in table.values():
            try:
                row = decode(row_raw)
            except _UNREAD:
                row = _strict_row(row_raw, self.path)
            if type(row) is not dict:
                raise Undecided
            yield row, None

    def digest(self) -> str:
        """The SHA-256 of the file's bytes as read (before any table is read)."""
        return hashlib.sha256(self._data).hexdigest()

    def close(self) -> None:
        """Let go of the file's bytes (every table read, or the build given up)."""
        self._data = b""
        self._top.clear()


def _keys_once(left: int) -> bool:
    """Whether the file holds each key of the top level and of the tables once, given the
    quotes left over once the values' quotes and two for each key the dicts kept are taken
    off its quotes: none are then left (the module docstring has the argument)."""
    return left == 0


def _strict(raw: msgspec.Raw, path: Path) -> Any:
    """A value's bytes decoded by the strict reader, as the whole file would decode them."""
    try:
        value = parse_json(bytes(raw).decode("utf-8"), path)
    except (StoreError, UnicodeError):
        raise Undecided from None
    if _depth(value) >= SAFE_DEPTH:
        raise Undecided
    return value


def _strict_row(raw: msgspec.Raw, path: Path) -> dict[str, Any]:
    row = _strict(raw, path)
    if type(row) is not dict:
        raise Undecided
    return row


def _depth(value: Any) -> int:
    """How deeply lists and objects nest in ``value`` (0 for a number or a text), without
    recursion."""
    deepest = 0
    todo: list[tuple[Any, int]] = [(value, 0)]
    while todo:
        item, depth = todo.pop()
        if isinstance(item, dict):
            item = item.values()
        elif not isinstance(item, list):
            continue
        depth += 1
        deepest = max(deepest, depth)
        todo.extend((inner, depth) for inner in item)
    return deepest
