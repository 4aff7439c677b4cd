"""A big store merged and written through its rows' bytes: the rows an import keeps are copied
as they are in the file, never decoded into Python objects and encoded again.

**Why.** The full path (``document.read_store_file``, ``merge.Merger``, ``document.dumps``)
decodes every row of the store, merges, and encodes every row again: its time and memory grow
with the store, not with what the import changes (``bench/results/big-writes.md``).

**When.** Only for a store at or above the index threshold that hz wrote and nobody has changed
since (``transfer._checked``: its index, built by that write, still answers for the file), and
whose bytes are, to the byte, what ``document.dumps`` writes for them. Every other store takes
the full path as before: one hz did not write is checked whole before merging; one in another
layout (compact, \\u-escaped, its tables in another order or other keys beside them, a float in
another notation, a key given twice) is decoded and encoded again whole. (An import by parts,
``bulk.py``, also reads a small store so, which its merge then checks whole.)

**How.**

1. The file is read once and split by msgspec into each row's bytes (``scan.split_rows``:
   ``msgspec.Raw``, no copy).
2. :func:`load` decodes each row with msgspec, encodes it as ``document.dumps`` writes it, lays
   the pieces out as dumps lays out a store (:func:`layout`) and compares them with the file,
   piece by piece: a single byte of difference and the full path is taken. The same pass keeps
   of each row what the merge matches records by (``merge.row_key``: an entity's or a fact's
   id, a block's source and number) and drops the rest, so memory holds the file's bytes and a
   key per row.
3. ``merge.Merger`` merges as it always does, over :class:`RowTable`\\ s: a row is decoded (by
   the standard library, strictly, as ``document.read_store_file`` decodes) only when the merge
   reads it (a record the import replaces, a paragraph it quotes), and a row the import adds or
   changes is held decoded.
4. :meth:`RawStore.pieces` streams the new file to ``atomic.atomic_write``: rows kept are
   their own bytes, the others encoded as dumps encodes them. As the kept bytes are what dumps
   writes for them (step 2), the file is byte for byte the one the full path writes
   (``tests/store/test_splice.py`` holds the two paths together).

Linking (``hz add``, ``sources/link.py``) asks for an entity by id and for every entity's names:
:class:`RowReader` answers from the merge as it stands, the names read through a typed pass
over the entities' bytes that builds only the few fields the name tiers compare.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import (
    Callable,
    ItemsView,
    Iterable,
    Iterator,
    Mapping,
    MutableMapping,
    Sequence,
)
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import msgspec

from hightech_cli.store.document import BOM, TABLES, check_version, read_store_bytes
from hightech_cli.store.scan import load_row, split_rows

if TYPE_CHECKING:
    from hightech_cli.store.index_patch import Delta
    from hightech_cli.store.merge import Keys, Merger

_ROWS_PER_PIECE: Final = 2048  # rows joined into one write: few system calls, small pieces
_ENCODER: Final = msgspec.json.Encoder()
_BOM_BYTES: Final = BOM.encode("utf-8")


class Unencodable(Exception):
    """A row msgspec cannot write; the caller writes the store by the full path instead."""


def row_bytes(value: object) -> bytes:
    """A row as ``document.dumps`` writes it inside a store: indented one space a level, two
    levels deep (a newline inside a string is written ``\\n``, so only layout newlines move)."""
    try:
        encoded = _ENCODER.encode(value)
    except (msgspec.EncodeError, TypeError, ValueError, OverflowError) as exc:
        raise Unencodable(str(exc)) from None
    return msgspec.json.format(encoded, indent=1).replace(b"\n", b"\n  ")


def layout(tables: Iterable[tuple[str, Iterable[tuple[str, bytes]]]]) -> Iterator[bytes]:
    """The bytes of a store laid out as ``document.dumps`` lays it out (``indent=1``), from
    each table's name and its rows' ids and bytes (:func:`row_bytes`), in pieces."""
    yield b"{"
    for t, (name, rows) in enumerate(tables):
        yield (b"\n " if t == 0 else b",\n ") + _ENCODER.encode(name) + b": {"
        batch: list[bytes] = []
        count = 0
        for row_id, data in rows:
            batch.append(
                b"".join((b",\n  " if count else b"\n  ", _ENCODER.encode(row_id), b": ", data))
            )
            count += 1
            if len(batch) == _ROWS_PER_PIECE:
                yield b"".join(batch)
                batch.clear()
        yield b"".join(batch) + (b"\n }" if count else b"}")
    yield b"\n}\n"


class RowTable(MutableMapping[str, dict[str, Any]]):
    """One table of a store as its rows' bytes by row id: a row is decoded each time it is
    read, strictly (``scan.load_row``); a row set (added or changed) is held decoded."""

    def __init__(self, raw: dict[str, msgspec.Raw], path: Path) -> None:
        self._raw = raw
        self._path = path
        self.changed: dict[str, dict[str, Any]] = {}
        self._encoded: dict[str, bytes] | None = None

    def hold_encoded(self) -> None:
        """From now on, hold each row set as its compact JSON (a third of the memory of the
        dict, or less), decoded again when read: for an import of many rows (``bulk.py``)."""
        self._encoded = {}

    def __getitem__(self, row_id: str) -> dict[str, Any]:
        found = self.changed.get(row_id)
        if found is not None:
            return found
        encoded = self._encoded.get(row_id) if self._encoded is not None else None
        row: dict[str, Any] = load_row(
            self._raw[row_id] if encoded is None else msgspec.Raw(encoded), self._path
        )
        return row

    def __setitem__(self, row_id: str, row: dict[str, Any]) -> None:
        if self._encoded is None:
            self.changed[row_id] = row
            return
        try:
            self._encoded[row_id] = _ENCODER.encode(row)
        except (msgspec.EncodeError, TypeError, ValueError, OverflowError) as exc:
            raise Unencodable(str(exc)) from None
        self.changed.pop(row_id, None)

    def was_set(self, row_id: str) -> bool:
        """Whether the row was added or changed by this merge."""
        return row_id in self.changed or (self._encoded is not None and row_id in self._encoded)

    def __delitem__(self, row_id: str) -> None:
        raise TypeError("an import never deletes a row")

    def __contains__(self, row_id: object) -> bool:
        return isinstance(row_id, str) and (row_id in self._raw or self.was_set(row_id))

    def _set_ids(self) -> Iterator[str]:
        yield from self.changed
        if self._encoded is not None:
            yield from self._encoded

    def __iter__(self) -> Iterator[str]:
        yield from self._raw
        yield from (k for k in self._set_ids() if k not in self._raw)

    def __len__(self) -> int:
        return len(self._raw) + sum(1 for k in self._set_ids() if k not in self._raw)

    def _bytes_of(self, row_id: str) -> bytes | None:
        """A set row as dumps writes it; None for a row as the file has it."""
        row = self.changed.get(row_id)
        if row is not None:
            return row_bytes(row)
        encoded = self._encoded.get(row_id) if self._encoded is not None else None
        if encoded is None:
            return None
        return msgspec.json.format(encoded, indent=1).replace(b"\n", b"\n  ")

    def as_bytes(self) -> Iterator[tuple[str, bytes]]:
        """Every row's id and bytes, in the file's order, new rows last: kept rows as the file
        has them, the others encoded (:func:`row_bytes`)."""
        for row_id, raw in self._raw.items():
            data = self._bytes_of(row_id)
            yield row_id, bytes(raw) if data is None else data
        for row_id in self._set_ids():
            if row_id not in self._raw:
                data = self._bytes_of(row_id)
                assert data is not None
                yield row_id, data

    def release(self) -> None:
        """Drop every row (``RawStore.release``)."""
        self._raw = {}
        self.changed = {}
        self._encoded = None if self._encoded is None else {}

    def touched(self) -> int:
        """How many rows the merge has added or changed."""
        return len(self.changed) + (len(self._encoded) if self._encoded is not None else 0)

    def changes(self) -> tuple[int, list[tuple[int, dict[str, Any]]], list[dict[str, Any]]]:
        """The file's number of rows, the rows the merge changed with their places in it, and
        those it added, in the order :meth:`as_bytes` writes them."""
        set_ids = set(self._set_ids())
        changed = [(n, self[k]) for n, k in enumerate(self._raw) if k in set_ids] if set_ids else []
        return len(self._raw), changed, list(self.added())

    def raw_items(self) -> ItemsView[str, msgspec.Raw]:
        """The file's rows: id and bytes."""
        return self._raw.items()

    def added(self) -> Iterator[dict[str, Any]]:
        """The rows the file did not have, in the order they were set."""
        return (self[row_id] for row_id in self._set_ids() if row_id not in self._raw)


@dataclass
class RawStore:
    """A store file as its rows' bytes (``tables``, in the file's order), and the merge's keys."""

    path: Path
    tables: dict[str, RowTable]
    keys: Keys
    # The SHA-256 of the bytes read, where it is the one their index records: that index is
    # then of these very rows, and may be patched (``index_patch.py``).
    digest: str | None = None
    # Whether the rows are known to pass every check an import makes of a store: checked one
    # at a time when read (``merge.store_passes``), for a store hz did not write.
    checked: bool = False

    def delta(self) -> Delta | None:
        """What the merge changed, for the index to be patched with; None where the index is
        not known to be of the rows read, or the merge changed too many rows to patch it."""
        from hightech_cli.store.index_patch import TABLES as PATCHED
        from hightech_cli.store.index_patch import Delta, worth_patching

        if self.digest is None:
            return None
        before = {name: len(self.tables[name]._raw) for name in PATCHED}
        touched = {name: self.tables[name].touched() for name in PATCHED}
        if not worth_patching(before, touched):
            return None
        meta = self.tables["meta"]
        delta = Delta(self.digest, meta[next(iter(meta))], before)
        for name in PATCHED:
            _, delta.changed[name], delta.added[name] = self.tables[name].changes()
        return delta

    def pieces(self) -> Iterator[bytes]:
        """The store as it now stands, as ``document.dumps`` would write it, in pieces."""
        return layout((name, self.tables[name].as_bytes()) for name in TABLES)

    def release(self) -> None:
        """Let go of every row and of the file's bytes, once the store is written: the index
        that is built next reads the new file, and needs the memory."""
        for table in self.tables.values():
            table.release()
        self.keys.index.clear()
        self.keys.entity_ids.clear()


class _NotLaidOut(Exception):
    """The file is not, byte for byte, what ``document.dumps`` writes for it."""


def load(path: Path, digest: str | None = None, *, written: bool = True) -> RawStore | None:
    """The store at ``path`` as its rows' bytes, if the file is exactly what ``document.dumps``
    writes for it (module docstring); None otherwise, and the caller decodes it whole.

    ``digest``: the SHA-256 of the file hz last wrote there, as its index records it
    (``indexing.written_digest``). A file with that digest is the one hz wrote, laid out as
    dumps writes; then only the keys the merge matches by are read from its rows, instead of
    laying every row out again to compare. With ``written`` false, ``digest`` is only that of
    the bytes an index was built from (``indexing.indexed_digest``): the rows are laid out
    again and compared all the same, and the digest, if it is the file's, kept for the index
    to be patched.

    A ``StoreError`` from reading the file is raised as ``document.read_store_file`` raises it,
    and so is one for a store of another schema version.
    """
    body = read_store_bytes(path)
    if body.startswith(_BOM_BYTES):
        return None  # hz never writes one
    split = split_rows(body)
    if split is None or len(split["meta"]) != 1:
        return None
    same = digest is not None and hashlib.sha256(body).hexdigest() == digest
    keys = _keys(split) if same and written else _laid_out(body, split)
    if keys is None:
        return None
    tables = {name: RowTable(split[name], path) for name in TABLES}
    check_version(tables["meta"][next(iter(tables["meta"]))], path)
    return RawStore(path, tables, keys, digest if same else None)


# What the merge matches a row by (``merge.row_key``), read from a row's bytes without the rest
# of it; any type, as a decoded row would have it (a missing field reads as null does).
class _KeyFields(msgspec.Struct, gc=False):
    id: Any = None
    source: Any = None
    n: Any = None


def _keys(split: Mapping[str, Mapping[str, msgspec.Raw]]) -> Keys | None:
    """The merge's keys of rows known to be what hz wrote; None for a row that is not an
    object (then the caller decodes the file whole, as for any file it cannot splice)."""
    from hightech_cli.store.merge import Keys, row_key

    index: dict[str, dict[object, str]] = {t: {} for t in TABLES}
    entity_ids: set[str] = set()
    decode = msgspec.json.Decoder(_KeyFields).decode
    collecting = gc.isenabled()
    gc.disable()  # no cycles among keys; a collection would walk every key kept so far
    try:
        for name in TABLES:
            if name == "meta":
                continue
            keys = index[name]
            for row_id, raw in split[name].items():
                fields = decode(raw)
                row = {"id": fields.id, "source": fields.source, "n": fields.n}
                keys.setdefault(row_key(name, row), row_id)  # the first row wins, as in Merger
                if name == "entities" and isinstance(fields.id, str):
                    entity_ids.add(fields.id)
    except (msgspec.MsgspecError, RecursionError):
        return None
    finally:
        if collecting:
            gc.enable()
    return Keys(index, entity_ids)


def _laid_out(body: bytes, split: Mapping[str, Mapping[str, msgspec.Raw]]) -> Keys | None:
    """The merge's keys, if ``body`` is, byte for byte, each of its rows decoded and laid out
    again as ``document.dumps`` lays them out; None if it is not."""
    from hightech_cli.store.merge import Keys, row_key

    index: dict[str, dict[object, str]] = {t: {} for t in TABLES}
    entity_ids: set[str] = set()
    decode = msgspec.json.Decoder().decode

    def encoded(name: str, table: Mapping[str, msgspec.Raw]) -> Iterator[tuple[str, bytes]]:
        keys = index[name]
        for row_id, raw in table.items():
            row = decode(raw)
            if type(row) is not dict:
                raise _NotLaidOut
            if name != "meta":
                keys.setdefault(row_key(name, row), row_id)  # the first row wins, as in Merger
            if name == "entities" and isinstance(row.get("id"), str):
                entity_ids.add(row["id"])
            yield row_id, row_bytes(row)

    collecting = gc.isenabled()
    gc.disable()  # no cycles among rows; a collection would walk every key kept so far
    try:
        at = 0
        for piece in layout((name, encoded(name, split[name])) for name in TABLES):
            if not body.startswith(piece, at):
                return None
            at += len(piece)
        if at != len(body):
            return None
    except (_NotLaidOut, Unencodable, msgspec.MsgspecError, RecursionError):
        return None
    finally:
        if collecting:
            gc.enable()
    return Keys(index, entity_ids)


# What the name tiers compare (``names.text_forms``), read from an entity's bytes without the
# rest of it; any type, as a decoded row would have it.
_NameFields = msgspec.defstruct(
    "_NameFields",
    [
        ("id", Any),
        ("kind", Any),
        ("name", Any),
        ("aliases", Any, msgspec.UNSET),
        ("full_name", Any, msgspec.UNSET),
        ("english_name", Any, msgspec.UNSET),
    ],
    gc=False,
)
_NAME_FIELDS: Final = _NameFields.__struct_fields__


class RowReader:
    """What linking asks of a store (``sources/link.py``), answered from a merge over rows as
    it stands: an entity by id, and every entity's names; or, where the store's index is at
    hand (``text_named``), the file's entities that have a name form, from the index."""

    def __init__(
        self,
        merger: Merger,
        entities: RowTable,
        text_named: Callable[[str], Sequence[Mapping[str, object]]] | None = None,
    ) -> None:
        self._merger = merger
        self._entities = entities
        # The entities of the file as it was read (not as the merge has changed them) that
        # have a text name form: ``IndexedStore.text_named`` of the index that answers for it.
        self.text_named = text_named

    def get_entity(self, entity_id: str) -> dict[str, Any] | None:
        return self._merger.current("entities", entity_id)

    def name_rows(self) -> Iterator[Mapping[str, Any]]:
        """Each entity's id, kind and names (the fields ``names.text_forms`` reads), in store
        order; a row the merge has changed as it now stands."""
        decode: Callable[[msgspec.Raw], Any] = msgspec.json.Decoder(_NameFields).decode
        entities = self._entities
        for row_id, raw in entities.raw_items():
            if entities.was_set(row_id):
                yield entities[row_id]
                continue
            try:
                fields = decode(raw)
            except msgspec.MsgspecError:
                yield entities[row_id]  # a name field missing: the row as it is
                continue
            yield {k: v for k in _NAME_FIELDS if (v := getattr(fields, k)) is not msgspec.UNSET}
        yield from entities.added()
