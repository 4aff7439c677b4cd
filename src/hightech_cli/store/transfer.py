"""Export a store, import a file into a user's store, and create one (``hz init``).

Formats. ``json`` is the store document itself (the TinyDB layout of ``models.py``, written
the one way hz writes stores, ``document.dumps``), so a json export is itself a store. ``jsonl``
is one record per line: a store record with a ``"table"`` field added, tables in the order
``meta``, ``blocks``, ``entities``, ``facts``. ``csv`` is one table (``--kind``): one column
per schema field, lists and objects as JSON text, formulas guarded by ``render``. Export
writes what the store holds, valid or not (``hz check`` validates). Import reads json or jsonl.

Import is all or nothing: ``merge.py`` parses the file, merges it into the store and
validates the result; one problem rejects the file and nothing is written. A file that changes
nothing writes nothing, so importing the same file twice is harmless.

Two ways through, one result. The full path decodes the store whole
(``document.read_store_file``), merges and writes it with ``document.dumps``. A big store that
hz wrote and nobody changed since (:func:`_checked`), laid out exactly as dumps writes it, is
instead merged through its rows' bytes (``splice.py``): only the rows the merge reads are decoded,
and the new file is streamed out with the rows it keeps copied as they are, byte for byte what
the full path would write. A big JSON-lines file (``hz import`` at or above the index
threshold) is merged part by part into such a store, or a small one (``bulk.py``), its records
never all decoded at once. Whatever either cannot decide exactly as the full path would (a
store another program wrote, any problem in the file) goes through the full path, so what is
accepted, reported and written does not depend on the way taken.

Safety. Writes go only to ``--db``, ``$HZ_DB`` or the user store, never to the shipped one,
and only into a store that reads back as JSON of the right shape: a missing or damaged store
is reported, never created or overwritten by an import (``hz init`` creates one). The write
lock (``atomic.locked``) is held from reading the store to replacing it, so concurrent
imports serialise instead of losing each other's records. Every write is atomic
(``atomic.atomic_write``). Nothing is evaluated or unpickled; paths are used as given, and
only regular files are read or replaced (``files.py`` has the rules: links, file kinds, limits).

The index. A store written at or above the index threshold (``location.index_min_bytes()``) gets
its lookup index written too, from the document just written or, after a write from rows, from
the new file (``indexing.build_index_file``), right after the rename and before the lock is
released, so the first lookup after ``hz import`` or
``hz init`` is as fast as any later one (``indexing.py`` explains why that index can be trusted
at once). It is best effort: if it cannot be written, the import or init still succeeds, prints
nothing more, and lookups read the file (``scan.py``) until ``hz index`` writes one.
``--dry-run`` writes none.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Final, cast

from hightech_cli.errors import HzError, StoreError, UsageError
from hightech_cli.models import Block, Entity, Fact, field_names
from hightech_cli.store.document import TABLES, Document, dumps, read_store_file
from hightech_cli.store.location import (
    file_path,
    given_store_path,
    index_min_bytes,
    resolve_store_path,
    shipped_store_path,
    user_store_path,
)

if TYPE_CHECKING:
    from hightech_cli.store.atomic import Written
    from hightech_cli.store.check import Report
    from hightech_cli.store.index_patch import Delta
    from hightech_cli.store.merge import Merger
    from hightech_cli.store.splice import RawStore

# hz registers its commands eagerly, so every lookup imports this module: the merge, lock and
# validation code (merge, atomic, check) is imported where it is used instead.

JSONL_ORDER: Final = ("meta", "blocks", "entities", "facts")


class ExportFormat(StrEnum):
    """What ``hz export`` writes."""

    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    sqlite = "sqlite"  # a database file to browse with Datasette: publish.py


class Kind(StrEnum):
    """A table that can be exported on its own."""

    entities = "entities"
    facts = "facts"
    blocks = "blocks"


class ReadOnlyStore(UsageError):
    """The chosen store is the shipped one, which hz never writes."""


# ------------------------------------------------------------------------ targets


def _write_store(target: Path, doc: Mapping[str, Any]) -> None:
    """Replace the store with ``doc``, and write its index if it is big enough.

    Call with the write lock held, so that the index describes the file hz just wrote.
    """
    import hashlib

    from hightech_cli.store import atomic

    try:
        data = dumps(doc).encode("utf-8")
    except (UnicodeEncodeError, ValueError, RecursionError) as exc:
        raise StoreError(f"cannot serialise the store: {exc}") from None
    atomic.remove_stale_temps(target)
    indexed = len(data) >= index_min_bytes()
    written = atomic.atomic_write(target, data, settle=indexed)
    if indexed:
        digest = hashlib.sha256(data).hexdigest()
        del data  # the file's bytes (about 1 GB at 1,000,000 facts), not needed for the index
        _index_written(target, written, digest, doc)


def _write_rows(target: Path, store: RawStore) -> None:
    """Replace the store with the rows of ``store`` as the merge left them (``splice.py``), and
    write its index; a row msgspec cannot write sends the whole store by ``_write_store``.

    Call with the write lock held, as ``_write_store``."""
    import hashlib

    from hightech_cli.store import atomic, splice

    atomic.remove_stale_temps(target)
    digest = hashlib.sha256()

    def pieces() -> Iterator[bytes]:
        for piece in store.pieces():
            digest.update(piece)
            yield piece

    try:
        written = atomic.atomic_write(target, pieces(), settle=True)
    except splice.Unencodable:  # the temporary file is gone, the store as it was
        _write_store(target, {name: dict(table) for name, table in store.tables.items()})
        return
    # What changed, for the old index to be patched rather than built again from the new file.
    delta = store.delta()
    store.release()  # the old file's bytes: not needed for the index, which reads the new file
    if written.stat.st_size >= index_min_bytes():
        _index_written(target, written, digest.hexdigest(), delta=delta)


def _index_written(
    target: Path,
    written: Written,
    digest: str,
    doc: Mapping[str, Any] | None = None,
    delta: Delta | None = None,
) -> None:
    """Write the index of the store just written (``digest``: the SHA-256 of its bytes, which
    the next write compares, ``splice.load``): the old index patched with ``delta``
    (``index_patch.py``) where it can be, else from the file or from ``doc``; on any failure,
    no index."""
    # Whatever goes wrong here (even sqlite3 missing from this Python), the store is written:
    # the import or init has succeeded, and a missing index only makes lookups read the file.
    with contextlib.suppress(Exception):
        from hightech_cli.store import indexing  # sqlite3, for big stores only

        settled = written.settled
        if delta is not None and indexing.patch_index(
            target, written.stat, delta, written=settled, digest=digest
        ):
            return
        if doc is None:  # written from rows: the index reads the new file
            indexing.build_index_file(target, written.stat, written=settled, digest=digest)
        else:  # the document decoded and written is at hand
            data = cast(Document, doc)
            indexing.build_index(target, written.stat, data, written=settled, digest=digest)


def is_shipped(path: Path) -> bool:
    """Whether ``path`` is the store that ships with hz (same file, however reached)."""
    shipped = shipped_store_path()
    try:
        return path.samefile(shipped)
    except OSError:
        pass
    try:
        return path.resolve() == shipped.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symbolic link loop (Python < 3.13)
        return False  # not the shipped store: the write then reports what is wrong with it


def write_target(db: str | os.PathLike[str] | None) -> Path:
    """The store a write goes to: ``--db``, else ``$HZ_DB``, else the user store; never shipped."""
    path = given_store_path(db)
    if path is None:
        path = user_store_path()
        if path is None:
            raise StoreError(
                "no place for your store: neither $XDG_DATA_HOME nor $HOME is an absolute path",
                hint="pass --db PATH, or set HOME",
            )
    if is_shipped(path):
        raise ReadOnlyStore(
            f"refusing to write the shipped store: {path}",
            hint="run 'hz init' to create your own store, then write to that",
        )
    _not_a_role(path)
    return path


def _not_a_role(path: Path) -> None:
    """Refuse a store path that another file of hz's holds: the lock of a store beside it
    (replaced by a store, it would let two writers of that store each hold a lock), or hz's
    cache directory, whose files ``hz index`` removes when they index no store."""
    from hightech_cli.store.atomic import LOCK_SUFFIX
    from hightech_cli.store.location import xdg_dir

    # A path with no name of its own (``.``, ``/``) or one named just ``.lock`` is the lock of
    # no store, and ``with_name`` would raise on it: the write then says what the path is.
    owner_name = path.name.removesuffix(LOCK_SUFFIX)
    owner = path.with_name(owner_name) if owner_name and owner_name != path.name else None
    if owner is not None and os.path.lexists(owner):
        raise StoreError(
            f"refusing to write a store over the lock of {owner}: {path}",
            hint="give the store's own path",
        )
    base = xdg_dir("XDG_CACHE_HOME", ".cache")  # index.cache_dir, without importing sqlite3
    if base is None:  # no cache directory
        return
    cache = Path(os.path.realpath(base / "hz"))
    if Path(os.path.realpath(path)).is_relative_to(cache):
        raise StoreError(
            f"refusing to write a store into hz's index directory {cache}: {path}",
            hint="keep your store elsewhere",
        )


# ------------------------------------------------------------------------ export


@dataclass(frozen=True)
class Exported:
    """An export: ``text`` for json/jsonl; ``headers`` and ``rows`` (text cells) for csv."""

    text: str | None = None
    headers: list[str] = field(default_factory=list)
    rows: list[dict[str, str]] = field(default_factory=list)


_SCHEMA: Final[dict[str, list[str]]] = {
    "entities": list(field_names(Entity)),
    "facts": list(field_names(Fact)),
    "blocks": list(field_names(Block)),
}


def _ordered(table: Mapping[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows in TinyDB's order (numeric row ids first, in number order)."""

    def key(doc_id: str) -> tuple[int, int, str]:
        return (0, int(doc_id), "") if doc_id.isdigit() else (1, 0, doc_id)

    return [table[k] for k in sorted(table, key=key)]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def export_store(
    db: str | os.PathLike[str] | None, fmt: ExportFormat, kind: Kind | None = None
) -> Exported:
    """Export the store ``resolve_store_path(db)`` picks, whole or one table, valid or not."""
    if fmt is ExportFormat.sqlite:
        raise UsageError("--format sqlite writes a file", hint="hz export -f sqlite OUT.db")
    if fmt is ExportFormat.csv and kind is None:
        raise UsageError("--format csv exports one table", hint="add --kind entities|facts|blocks")
    data = read_store_file(resolve_store_path(db))
    tables = (kind.value,) if kind else JSONL_ORDER
    if fmt is ExportFormat.json:
        doc = data if kind is None else {kind.value: data[kind.value]}
        return Exported(text=dumps(doc))
    if fmt is ExportFormat.jsonl:
        lines = []
        for table in tables:
            for rec in _ordered(data[table]):
                if "table" in rec:
                    raise StoreError(
                        f"a {table} record has a field named 'table', which jsonl reserves",
                        hint="export with --format json",
                    )
                lines.append(json.dumps({"table": table, **rec}, ensure_ascii=False) + "\n")
        return Exported(text="".join(lines))
    if kind is None:  # csv without --kind was refused above; this tells mypy
        raise UsageError("--format csv needs --kind")
    rows = _ordered(data[kind.value])
    extra = sorted({k for r in rows for k in r} - set(_SCHEMA[kind.value]))
    headers = _SCHEMA[kind.value] + extra
    return Exported(headers=headers, rows=[{h: _cell(r.get(h)) for h in headers} for r in rows])


# ------------------------------------------------------------------------ check


def check_store(path: Path) -> Report:
    """Read the store file at ``path`` strictly and validate it (StoreError if unreadable):
    what ``hz check`` prints.

    A big store laid out as hz writes is first checked a row at a time, in a fraction of the
    memory of the decoded store (``merge.store_passes``); one with a problem, or in another
    layout, is then read whole, for the report of every problem."""
    from hightech_cli.store import merge, splice
    from hightech_cli.store.check import Report, validate

    if _big(path):
        found = splice.load(path, written=False)
        if found is not None and merge.store_passes(found.tables):
            counts = {t: len(found.tables[t]) for t in ("entities", "facts", "blocks")}
            return Report(path, counts, [])
        del found
    data = read_store_file(path)
    counts = {t: len(data[t]) for t in ("entities", "facts", "blocks")}
    return Report(path, counts, validate(data))


# ------------------------------------------------------------------------ import


def _checked(target: Path) -> bool:
    """Whether the store is, unchanged, one hz wrote after checking it (a big store's index
    says so); then an import checks only what it changes. Read under the write lock."""
    if not _big(target):
        return False  # no index to say so; a small store is checked whole in no time
    from hightech_cli.store import indexing

    return indexing.written_by_hz(target)


def _digest(target: Path) -> str | None:
    """The SHA-256 of the file hz last wrote at ``target``, as its index records it, if the
    file is by its status that one (``indexing.written_digest``)."""
    from hightech_cli.store import indexing

    return indexing.written_digest(target)


def _status(path: Path) -> tuple[int, ...] | None:
    """What changes whenever a file is written or replaced: inode, size and both times."""
    try:
        return _status_of(path.stat())
    except OSError:
        return None


def _status_of(st: os.stat_result) -> tuple[int, ...]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


@dataclass
class ImportReport:
    """What an import did (or, with ``dry_run``, would do)."""

    store: Path
    source: str
    dry_run: bool
    written: bool = False
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def total(self, what: str) -> int:
        return sum(c.get(what, 0) for c in self.counts.values())

    def summary(self) -> str:
        line = (
            f"{self.total('added')} added, {self.total('updated')} updated, "
            f"{self.total('unchanged')} unchanged"
        )
        return line + (" (dry run: nothing written)" if self.dry_run else "")

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``hz import --json``."""
        return {
            "store": str(self.store),
            "file": self.source,
            "dry_run": self.dry_run,
            "written": self.written,
            "added": self.total("added"),
            "updated": self.total("updated"),
            "unchanged": self.total("unchanged"),
            "tables": self.counts,
        }


def _read_input(source: str, stdin: BinaryIO | None) -> tuple[bytes, str]:
    """The import file's bytes: a regular file or stdin, up to the file limit (``files.py``)."""
    from hightech_cli.store import files

    if source == "-":
        stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise UsageError("cannot read the import file from stdin: it is closed")
        return files.read_stream(stream, "the import file on stdin", error=UsageError), "<stdin>"
    try:
        path = file_path(source, "import file", error=UsageError)
        return files.read_regular(path, "import file", error=UsageError), source
    except UsageError as exc:
        if "not a regular file" in exc.message:
            exc.hint = "to import from a pipe, use 'hz import -'"
        raise


def _load(target: Path) -> Document | RawStore:
    """The store to merge into: as its rows' bytes if it is laid out as hz writes
    (``splice.py``) and hz wrote it, or it is big and passes the checks row by row
    (:func:`_checked_by_rows`); else decoded whole."""
    if _checked(target):
        from hightech_cli.store import splice

        found = splice.load(target, _digest(target))
        if found is not None:
            return found
    elif _big(target):
        checked = _checked_by_rows(target)
        if checked is not None:
            return checked
    return read_store_file(target)


def _big(target: Path) -> bool:
    try:
        return target.stat().st_size >= index_min_bytes()
    except OSError:
        return False


def _checked_by_rows(target: Path) -> RawStore | None:
    """A big store hz did not write (or that has changed since), as its rows' bytes, if it is
    laid out as hz writes and passes every check an import makes of a store, with one row
    decoded at a time (``merge.store_passes``): memory then holds the file's bytes, not the
    decoded store. None otherwise: the caller decodes it whole, which reports every problem.
    Its digest is kept where an index was built from these very bytes (``hz index``), so that
    the write patches that index instead of building it again."""
    from hightech_cli.store import indexing, merge, splice

    found = splice.load(target, indexing.indexed_digest(target), written=False)
    if found is None or not merge.store_passes(found.tables):
        return None
    found.checked = True
    return found


def _merger(store: Document | RawStore, target: Path) -> tuple[Merger, RawStore | None]:
    """A merge into ``store``, and the store's rows if it goes through them; call under the
    write lock (whether hz wrote the store is read then)."""
    from hightech_cli.store import merge, splice

    checked = _checked(target)
    if isinstance(store, splice.RawStore):
        # Checked row by row when read: the rows in hand pass (the caller reads the file again
        # under the lock if it changed).
        if checked or store.checked:
            return merge.Merger(store.tables, checked=True, keys=store.keys), store
        store = read_store_file(target)  # no longer the file hz wrote: checked whole
    return merge.Merger(store, checked=checked), None


def _write_merged(target: Path, merger: Merger, over_rows: RawStore | None) -> None:
    if over_rows is not None:
        _write_rows(target, over_rows)
    else:
        _write_store(target, merger.data)


def import_file(
    source: str,
    *,
    db: str | os.PathLike[str] | None = None,
    dry_run: bool = False,
    stdin: BinaryIO | None = None,
    lock_timeout: float = 30.0,
) -> ImportReport:
    """Import a json/jsonl file (``-``: stdin) into the write target; all or nothing."""
    from hightech_cli.store import atomic, merge

    target = write_target(db)
    if source != "-" and os.path.lexists(target):
        done = _import_file_in_parts(source, target, dry_run, lock_timeout)
        if done is not None:
            return done
    raw, name = _read_input(source, stdin)
    if source == "-" and len(raw) >= index_min_bytes() and os.path.lexists(target):
        from hightech_cli.store import bulk

        held = [raw]  # so that the import by parts can let go of the bytes once merged
        del raw
        done = _import_in_parts(
            target, lambda: bulk.lines_of(held[0]), held.clear, name, dry_run, lock_timeout
        )
        if done is not None:
            return done
        raw = held.pop()
    incoming = merge.parse(raw, name)
    del raw
    if not os.path.lexists(target):
        raise StoreError(f"store not found: {target}", hint="create it with 'hz init'")
    report = ImportReport(store=target, source=name, dry_run=dry_run)
    # Read before the lock, so that a damaged store is reported without a lock file
    # appearing beside it; read again under the lock only if the file changed meanwhile.
    before = _status(target)
    store = _load(target)
    if dry_run:
        report.counts = _merger(store, target)[0].plan(incoming, name, target).counts
        return report
    with atomic.locked(target, timeout=lock_timeout):
        if _status(target) != before:
            store = _load(target)
        merger, over_rows = _merger(store, target)
        plan = merger.plan(incoming, name, target)
        report.counts = plan.counts
        if plan.changed:
            _write_merged(target, merger, over_rows)
            report.written = True
    return report


def _import_file_in_parts(
    source: str, target: Path, dry_run: bool, lock_timeout: float
) -> ImportReport | None:
    """``_import_in_parts`` of a big regular file, read a line at a time; None where the full
    path must read it (it is small, or not a regular file: that path says why)."""
    from hightech_cli.store import files

    try:
        fh, st = files.open_regular(
            file_path(source, "import file", error=UsageError),
            "import file",
            error=UsageError,
            buffering=1 << 20,
        )
    except UsageError:
        return None
    with fh:
        if st.st_size < index_min_bytes():
            return None
        return _import_in_parts(
            target, lambda: iter(fh), lambda: None, source, dry_run, lock_timeout
        )


def _import_in_parts(
    target: Path,
    lines: Callable[[], Iterable[bytes]],
    release: Callable[[], None],
    name: str,
    dry_run: bool,
    lock_timeout: float,
) -> ImportReport | None:
    """``import_file`` of a big JSON-lines file, part by part (``bulk.py``) into a store read
    as its rows (``splice.py``); None, with nothing written and the lock released, where only
    the full path can decide (the store or the file not as the parts need them, any problem),
    which then imports, or reports, exactly as before."""
    from hightech_cli.store import atomic, bulk, merge, splice

    def load() -> splice.RawStore | None:
        # A big store hz wrote, or one that passes the checks row by row (any other is left
        # to the full path, which reports its problems); a small one is checked whole here,
        # at little cost.
        small = (_status(target) or (0, 0, 0))[2] < index_min_bytes()
        try:
            if small or _checked(target):
                return splice.load(target, _digest(target))
            return _checked_by_rows(target)
        except StoreError:
            return None  # the full path reports it, after the import file's own problems

    before = _status(target)
    store = load()
    if store is None:
        return None
    report = ImportReport(store=target, source=name, dry_run=dry_run)
    with contextlib.ExitStack() as stack:
        if not dry_run:
            stack.enter_context(atomic.locked(target, timeout=lock_timeout))
            if _status(target) != before:
                store = load()
                if store is None:
                    return None
        checked = store.checked or _checked(target)
        merger = merge.Merger(store.tables, checked=checked, keys=store.keys)
        counts = bulk.merge_in_parts(store, merger, lines(), name, target)
        if counts is None:
            return None
        release()  # every record is merged: the file's bytes are no longer needed
        report.counts = counts
        if not dry_run and any(c["added"] or c["updated"] for c in counts.values()):
            del merger
            _write_rows(target, store)
            report.written = True
    return report


# ------------------------------------------------------------------------ init


@dataclass(frozen=True)
class InitReport:
    """What ``hz init`` created."""

    store: Path
    from_shipped: bool
    replaced: bool
    backup: Path | None
    counts: dict[str, int]

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``hz init --json``."""
        return {
            "store": str(self.store),
            "from_shipped": self.from_shipped,
            "replaced": self.replaced,
            "backup": str(self.backup) if self.backup else None,
            "counts": self.counts,
        }


def new_store(*, from_shipped: bool) -> Document:
    """A fresh store: the shipped article (sources, rates, paragraphs), with or without facts.

    Without ``from_shipped`` it holds no entities or facts, but keeps the shipped source and
    its numbered paragraphs so that it is valid and facts quoting the article can be imported.
    """
    from hightech_cli.store.check import validate

    shipped = read_store_file(shipped_store_path())
    doc: Document = {t: dict(shipped[t]) for t in TABLES}
    if not from_shipped:
        doc["entities"], doc["facts"] = {}, {}
    problems = validate(doc)
    if problems:
        raise StoreError(f"the shipped store is not valid: {problems[0]}", hint="reinstall hz")
    return doc


def init_store(
    *, db: str | os.PathLike[str] | None = None, from_shipped: bool = False, force: bool = False
) -> InitReport:
    """Create a user store at the write target; with ``force``, replace one, keeping it as a
    new backup beside it (``files.write_backup``: earlier backups are never overwritten).

    Only a regular file (or a symbolic link to one) is ever replaced: a directory, device,
    FIFO, socket, dangling link or link loop at the target is refused (``files.replaceable``).
    """
    from hightech_cli.store import atomic, files

    target = write_target(db)
    default = given_store_path(db) is None

    def refuse_existing() -> os.stat_result | None:
        _, old = files.replaceable(target)  # refuses what is not a regular file
        if old is not None and not force:
            raise StoreError(
                f"a store already exists: {target}", hint="'hz init --force' replaces it"
            )
        return old

    refuse_existing()
    doc = new_store(from_shipped=from_shipped)
    if default:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create {target.parent}: {exc.strerror or exc}") from None
    elif not target.parent.is_dir():
        raise StoreError(f"directory does not exist: {target.parent}")
    backup: Path | None = None
    with atomic.locked(target):
        old = refuse_existing()
        replaced = old is not None
        if old is not None:
            real, _ = files.replaceable(target)
            data = files.read_regular(real, "store")
            backup = files.write_backup(real, data, stat.S_IMODE(old.st_mode))
            atomic.fsync_dir(real.parent)
        _write_store(target, doc)
    counts = {t: len(doc[t]) for t in ("entities", "facts", "blocks")}
    return InitReport(target, from_shipped, replaced, backup, counts)


# ------------------------------------------------------------------------ many at once


@dataclass
class BatchReport:
    """What one batch of records (one article of ``hz add``) did, or why it was refused."""

    name: str
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    refused: HzError | None = None  # why ``refuse`` turned the batch away, before any merge

    @property
    def ok(self) -> bool:
        return not self.problems and self.refused is None

    def total(self, what: str) -> int:
        return sum(c.get(what, 0) for c in self.counts.values())


Prepare = Callable[[list[dict[str, Any]], Any], list[dict[str, Any]]]
# A batch and the store's sources as the merge stands (id: sha256 of the file each was read
# from) to the error that turns the batch away, or None.
Refuse = Callable[[list[dict[str, Any]], dict[str, str]], HzError | None]


def import_batches(
    batches: Iterable[tuple[str, list[dict[str, Any]]]],
    *,
    db: str | os.PathLike[str] | None = None,
    dry_run: bool = False,
    prepare: Prepare | None = None,
    refuse: Refuse | None = None,
    lock_timeout: float = 30.0,
) -> tuple[Path, list[BatchReport], bool]:
    """Import batches of records into the write target, each all or nothing, in one write.

    The store is read once, under the lock; each batch is merged into what the batches before
    it left and validated; a batch with a problem is refused alone (its report lists them) and
    the others land. ``prepare(records, reader)`` may rewrite a batch against the store as it
    stands (``hz add`` links entities the store already has). ``refuse(records, sources)``
    may turn a batch away (its report's ``refused``) against the store's sources as they stand
    under the lock, the batches before it included: a check made before the lock could pass
    for two runs at once. Returns the store, a report per batch, and whether the store was
    written.
    """
    from hightech_cli.store import atomic, merge, splice

    target = write_target(db)
    if not os.path.lexists(target):
        raise StoreError(f"store not found: {target}", hint="create it with 'hz init'")
    # As in import_file: read before the lock, again under it only if the file changed.
    before = _status(target)
    store = _load(target)
    reports: list[BatchReport] = []
    changed = False
    with contextlib.ExitStack() as stack:
        if not dry_run:
            stack.enter_context(atomic.locked(target, timeout=lock_timeout))
            if _status(target) != before:
                store = _load(target)
                before = _status(target)
        merger, over_rows = _merger(store, target)
        # Over rows, one reader answers every batch from the merge as it stands, the file's
        # names from its index; a store decoded whole is read afresh for each batch.
        reader = None
        if over_rows is not None:
            names_of = _indexed_names(target, before, stack)
            reader = splice.RowReader(merger, over_rows.tables["entities"], names_of)
        for name, records in batches:
            report = BatchReport(name)
            reports.append(report)
            if refuse is not None:
                report.refused = refuse(records, _sources_now(merger))
                if report.refused is not None:
                    continue
            if prepare is not None:
                records = prepare(
                    records, reader if reader is not None else _memory(target, merger)
                )
            incoming = [
                merge.Incoming(str(r["table"]), {k: v for k, v in r.items() if k != "table"}, name)
                for r in records
            ]
            try:
                plan = merger.plan(incoming, name, target)
            except merge.ImportRejected as exc:
                report.problems = [merge.problem_line(p) for p in exc.problems]
                continue
            report.counts = plan.counts
            changed = changed or plan.changed
        if changed and not dry_run:
            _write_merged(target, merger, over_rows)
    return target, reports, changed and not dry_run


def _sources_now(merger: Merger) -> dict[str, str]:
    """The sources of the store as the merge stands: id to the sha256 of its file."""
    meta = next(iter(merger.data["meta"].values()), {})
    sources = meta.get("sources") if isinstance(meta, Mapping) else None
    if not isinstance(sources, list):
        return {}  # a damaged store: the merge says what is wrong
    return {
        str(s["id"]): str(s.get("sha256", ""))
        for s in sources
        if isinstance(s, Mapping) and "id" in s
    }


def _indexed_names(
    target: Path, loaded: tuple[int, ...] | None, stack: contextlib.ExitStack
) -> Callable[[str], Sequence[Mapping[str, object]]] | None:
    """``IndexedStore.text_named`` of the index that answers for the file as it was when
    its rows were read (``loaded``, its status then), closed with ``stack``; None if there is
    none, or the file has changed since."""
    from hightech_cli.store.index import open_index

    try:
        st = target.stat()
    except OSError:
        return None
    if _status_of(st) != loaded:
        return None
    found = open_index(target, st)
    if found is None:
        return None
    stack.callback(found.close)
    return found.text_named


def _memory(target: Path, merger: Merger) -> Any:
    from hightech_cli.store.memory import MemoryStore

    return MemoryStore(target, cast(Document, merger.data))
