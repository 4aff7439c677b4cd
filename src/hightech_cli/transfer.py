"""Export a store, import records into a user's store, and create one (``hz init``).

Formats. ``json`` is the store document itself (the TinyDB layout of ``models.py``, written
the one way hz writes stores, ``build.dumps``), so an export is itself a store. ``jsonl`` is one
record per line, each a store record with a ``"table"`` field added (``meta``, ``blocks``,
``entities``, ``facts``, in that order). ``csv`` is one table (``--kind``), one column per
schema field, lists and objects as JSON text, cells guarded against spreadsheet formulas.
Import reads json or jsonl (told apart by content) and ignores TinyDB's row numbers.

Import is all or nothing. Records are matched by ``id`` (entities, facts), by ``(source, n)``
(blocks); the one meta record is merged: sources by ``id``, exchange rates by
``(base, quote)``, and ``schema_version`` must equal the store's. A matched record is replaced
whole by the file's version, so the store ends up holding exactly what the file says. The
store plus the file is then validated as ``hz check`` does (``check.validate``), together with
a few stricter checks that keep bad values off the screen (list items of the right type, no
NaN, no unpaired surrogates); one problem rejects the whole file and nothing is written. A
file that changes nothing writes nothing, so importing twice is harmless.

Safety. Writes go only to ``--db``, ``$HZ_DB`` or the user store, never to the shipped one,
and only into a store that reads back as valid JSON of the right shape: a damaged store is
reported, never overwritten. The write lock (``storage.locked``) is held from reading the
store to replacing it, so concurrent imports serialise instead of losing each other's records.
Nothing is evaluated or unpickled; paths are used as given.
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO, Final

from hightech_cli import storage
from hightech_cli.build import dumps
from hightech_cli.check import Problem, validate
from hightech_cli.errors import StoreError, UsageError
from hightech_cli.models import Block, Entity, Fact
from hightech_cli.store import (
    ENV_DB,
    TABLES,
    read_store_file,
    resolve_store_path,
    shipped_store_path,
    user_store_path,
)

StoreDoc = dict[str, dict[str, dict[str, Any]]]
JSONL_ORDER: Final = ("meta", "blocks", "entities", "facts")
_META_FIELDS: Final = ("schema_version", "sources", "exchange_rates")
_MAX_DEPTH: Final = 32


class ExportFormat(StrEnum):
    """What ``hz export`` writes."""

    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class Kind(StrEnum):
    """A table that can be exported on its own."""

    entities = "entities"
    facts = "facts"
    blocks = "blocks"


class ImportRejected(StoreError):
    """The import file, merged into the store, is not a valid store; nothing was written."""

    def __init__(self, message: str, *, problems: list[Problem], hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.problems = problems


class ReadOnlyStore(UsageError):
    """The chosen store is the shipped one, which hz never writes."""


# ------------------------------------------------------------------------ targets


def _read_store(path: Path) -> StoreDoc:
    try:
        return read_store_file(path)
    except ValueError as exc:  # e.g. an integer too long to convert, which json raises raw
        raise StoreError(f"store is not valid JSON: {path} ({exc})") from None


def is_shipped(path: Path) -> bool:
    """Whether ``path`` is the store that ships with hz (same file, however reached)."""
    shipped = shipped_store_path()
    try:
        return path.samefile(shipped)
    except OSError:
        return path.resolve() == shipped.resolve()


def write_target(db: str | os.PathLike[str] | None) -> Path:
    """The store a write goes to: ``--db``, else ``$HZ_DB``, else the user store; never shipped."""
    if db is not None and str(db) != "":
        path = Path(db)
    elif os.environ.get(ENV_DB):
        path = Path(os.environ[ENV_DB])
    else:
        path = user_store_path()
    if is_shipped(path):
        raise ReadOnlyStore(
            f"refusing to write the shipped store: {path}",
            hint="run 'hz init' to create your own store, then write to that",
        )
    return path


# ------------------------------------------------------------------------ export


@dataclass(frozen=True)
class Exported:
    """An export: ``text`` for json/jsonl; ``headers`` and ``rows`` (text cells) for csv."""

    text: str | None = None
    headers: list[str] = field(default_factory=list)
    rows: list[dict[str, str]] = field(default_factory=list)


_SCHEMA: Final[dict[str, list[str]]] = {
    "entities": list(Entity.__annotations__),
    "facts": list(Fact.__annotations__),
    "blocks": list(Block.__annotations__),
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
    if fmt is ExportFormat.csv and kind is None:
        raise UsageError("--format csv exports one table", hint="add --kind entities|facts|blocks")
    data = _read_store(resolve_store_path(db))
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


# ------------------------------------------------------------------------ import: parsing


@dataclass(frozen=True)
class _Incoming:
    table: str
    record: dict[str, Any]
    where: str  # "line 4" or "facts row 3": where in the file, for the report


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"number out of range: {text}")
    return number


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _loads(text: str) -> Any:
    return json.loads(text, parse_float=_finite, parse_constant=_no_constant)


def _reject(name: str, where: str, reason: str) -> ImportRejected:
    problem = Problem("import", where, "-", reason)
    return ImportRejected(f"cannot import {name}: {where}: {reason}", problems=[problem])


def _parse(raw: bytes, name: str) -> list[_Incoming]:
    if not raw.strip():
        raise _reject(name, "file", "is empty")
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise _reject(name, "file", f"is not UTF-8 text (byte {exc.start})") from None
    try:
        whole = _loads(text)
    except RecursionError:
        raise _reject(name, "file", "is nested too deeply") from None
    except json.JSONDecodeError as exc:
        first = next(line for line in text.splitlines() if line.strip())
        try:
            looks_jsonl = isinstance(_loads(first), dict)
        except (ValueError, RecursionError):
            looks_jsonl = False
        if not looks_jsonl:
            at = f"line {exc.lineno}, column {exc.colno}"
            reason = f"is not valid JSON or JSON lines ({at}: {exc.msg})"
            raise _reject(name, "file", reason) from None
        return _parse_lines(text, name)
    except ValueError as exc:
        raise _reject(name, "file", f"is not valid JSON ({exc})") from None
    if isinstance(whole, dict) and "table" in whole:
        return _parse_lines(text, name)
    if not isinstance(whole, dict):
        raise _reject(name, "file", "must be a store document (an object) or JSON lines")
    return _parse_document(whole, name)


def _parse_lines(text: str, name: str) -> list[_Incoming]:
    out: list[_Incoming] = []
    problems: list[Problem] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"line {n}"
        try:
            obj = _loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem("import", where, "-", f"not valid JSON ({exc.msg})"))
            continue
        except (ValueError, RecursionError) as exc:
            reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            problems.append(Problem("import", where, "-", f"not valid JSON ({reason})"))
            continue
        if not isinstance(obj, dict):
            problems.append(Problem("import", where, "-", "a line must be a JSON object"))
            continue
        table = obj.pop("table", None)
        if table not in TABLES:
            reason = f"'table' must be one of {', '.join(TABLES)}"
            problems.append(Problem("import", where, "table", reason))
            continue
        out.append(_Incoming(str(table), obj, where))
    if problems:
        raise ImportRejected(_summary(problems, name, None), problems=problems)
    return out


def _parse_document(doc: dict[str, Any], name: str) -> list[_Incoming]:
    out: list[_Incoming] = []
    problems: list[Problem] = []
    for table in sorted(set(doc) - set(TABLES)):
        problems.append(Problem("import", "file", table, "unknown table"))
    for table in JSONL_ORDER:
        rows = doc.get(table, {})
        if not isinstance(rows, dict):
            problems.append(Problem("import", "file", table, "a table must be an object"))
            continue
        for doc_id, rec in rows.items():
            where = f"{table} row {doc_id}"
            if isinstance(rec, dict):
                out.append(_Incoming(table, rec, where))
            else:
                problems.append(Problem("import", where, "-", "a record must be an object"))
    if problems:
        raise ImportRejected(_summary(problems, name, None), problems=problems)
    return out


# ------------------------------------------------------------------------ import: merging


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


def _key(table: str, rec: Mapping[str, Any]) -> object:
    if table == "blocks":
        source, n = rec.get("source"), rec.get("n")
        ok = isinstance(source, str) and isinstance(n, int) and not isinstance(n, bool)
        return (source, n) if ok else None
    ident = rec.get("id")
    return ident if isinstance(ident, str) and ident else None


def _merge_list(
    current: object,
    incoming: object,
    key: tuple[str, ...],
    where: str,
    name: str,
    out: list[Problem],
) -> list[Any]:
    merged = list(current) if isinstance(current, list) else []
    if not isinstance(incoming, list):
        out.append(Problem("meta", where, name, "must be a list"))
        return merged
    index = {
        tuple(item.get(k) for k in key): i
        for i, item in enumerate(merged)
        if isinstance(item, dict)
    }
    for item in incoming:
        ident = tuple(item.get(k) for k in key) if isinstance(item, dict) else None
        if ident is None or not all(isinstance(v, str) and v for v in ident):
            out.append(Problem("meta", where, name, f"each item needs text {', '.join(key)}"))
        elif ident in index:
            merged[index[ident]] = item
        else:
            index[ident] = len(merged)
            merged.append(item)
    return merged


def _merge_meta(
    current: dict[str, Any], incoming: Mapping[str, Any], where: str, out: list[Problem]
) -> dict[str, Any]:
    merged = dict(current)
    for name in sorted(set(incoming) - set(_META_FIELDS)):
        out.append(Problem("meta", where, name, "unknown field"))
    if "schema_version" in incoming and incoming["schema_version"] != current.get("schema_version"):
        reason = (
            f"is {incoming['schema_version']!r}; the store is {current.get('schema_version')!r}"
        )
        out.append(Problem("meta", where, "schema_version", reason))
    if "sources" in incoming:
        merged["sources"] = _merge_list(
            current.get("sources"), incoming["sources"], ("id",), where, "sources", out
        )
    if "exchange_rates" in incoming:
        merged["exchange_rates"] = _merge_list(
            current.get("exchange_rates"),
            incoming["exchange_rates"],
            ("base", "quote"),
            where,
            "exchange_rates",
            out,
        )
    return merged


def _next_id(table: dict[str, Any]) -> str:
    return str(max((int(k) for k in table if k.isdigit()), default=0) + 1)


@dataclass
class _Plan:
    merged: dict[str, Any]
    counts: dict[str, dict[str, int]]
    problems: list[Problem]
    origin: dict[tuple[str, str], str]  # (table, record as check.validate names it) → file line

    @property
    def changed(self) -> bool:
        return any(c["added"] or c["updated"] for c in self.counts.values())


def _merge(data: StoreDoc, incoming: list[_Incoming]) -> _Plan:
    merged: dict[str, Any] = dict(data)
    tables: dict[str, dict[str, dict[str, Any]]] = {t: dict(data[t]) for t in TABLES}
    merged.update(tables)
    counts = {t: {"added": 0, "updated": 0, "unchanged": 0} for t in JSONL_ORDER}
    plan = _Plan(merged, counts, [], {})
    index: dict[str, dict[object, str]] = {t: {} for t in TABLES}
    for table in ("entities", "facts", "blocks"):
        for doc_id, rec in tables[table].items():
            index[table].setdefault(_key(table, rec), doc_id)
    seen: dict[tuple[str, object], str] = {}
    metas = [item for item in incoming if item.table == "meta"]
    if len(metas) > 1:
        for item in metas[1:]:
            plan.problems.append(Problem("meta", item.where, "-", "only one meta record allowed"))
    for item in incoming:
        if item.table == "meta":
            if item is metas[0]:
                meta_id = next(iter(tables["meta"]))
                new = _merge_meta(tables["meta"][meta_id], item.record, item.where, plan.problems)
                plan.origin[("meta", meta_id)] = item.where
                what = "unchanged" if new == tables["meta"][meta_id] else "updated"
                tables["meta"][meta_id] = new
                counts["meta"][what] += 1
            continue
        key = _key(item.table, item.record)
        if key is None:
            fld = "source, n" if item.table == "blocks" else "id"
            need = "text source and an integer n" if item.table == "blocks" else "non-empty text"
            plan.problems.append(Problem(item.table, item.where, fld, f"must be {need}"))
            continue
        if (item.table, key) in seen:
            reason = f"appears twice in the file (also at {seen[(item.table, key)]})"
            plan.problems.append(Problem(item.table, item.where, "-", reason))
            continue
        seen[(item.table, key)] = item.where
        rows = tables[item.table]
        found = index[item.table].get(key)
        if found is None:
            doc_id = index[item.table][key] = _next_id(rows)
            counts[item.table]["added"] += 1
        elif rows[(doc_id := found)] == item.record:
            counts[item.table]["unchanged"] += 1
        else:
            counts[item.table]["updated"] += 1
        rows[doc_id] = item.record
        plan.origin[(item.table, doc_id if item.table == "blocks" else str(key))] = item.where
    return plan


# Stricter than check.validate: values that would pass it but break a screen or a write.
_ITEM_TYPES: Final[dict[str, dict[str, type]]] = {
    "entities": {"aliases": str, "mentions": int, "notes": str},
    "facts": {"refs": str},
    "blocks": {"lines": int},
}


def _walk(value: object, path: str, depth: int = 0) -> Iterator[tuple[str, str]]:
    if depth > _MAX_DEPTH:
        yield path, "is nested too deeply"
    elif isinstance(value, str):
        if any("\ud800" <= ch <= "\udfff" for ch in value):
            yield path, "holds an unpaired surrogate (not valid Unicode)"
    elif isinstance(value, float) and not math.isfinite(value):
        yield path, "must be a finite number"
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(k, path, depth + 1)
            yield from _walk(v, f"{path}.{k}" if path else str(k), depth + 1)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, f"{path}[{i}]", depth + 1)


def _strict_problems(merged: Mapping[str, Any]) -> tuple[list[Problem], dict[str, Any]]:
    """Problems ``validate`` misses, and a copy of the store safe to hand to ``validate``."""
    problems: list[Problem] = []
    safe: dict[str, Any] = dict(merged)
    for table in TABLES:
        rows = dict(merged[table])
        for doc_id, rec in rows.items():
            name = str(rec.get("id") or f"row {doc_id}") if table != "blocks" else doc_id
            for where, reason in _walk(rec, ""):
                problems.append(Problem(table, name, where or "-", reason))
            for fld, typ in _ITEM_TYPES.get(table, {}).items():
                items = rec.get(fld)
                for i, item in enumerate(items if isinstance(items, list) else []):
                    if isinstance(item, bool) or not isinstance(item, typ):
                        kind = "text" if typ is str else "an integer"
                        problems.append(Problem(table, name, f"{fld}[{i}]", f"must be {kind}"))
            # check.validate looks these up in sets: an unhashable value would crash it.
            if table == "facts" and isinstance(rec.get("refs"), list):
                rec = {**rec, "refs": [r if isinstance(r, str) else repr(r) for r in rec["refs"]]}
            evidence = rec.get("evidence")
            evs = evidence if isinstance(evidence, list) else [evidence]
            if any(isinstance(e, dict) and not isinstance(e.get("source"), str) for e in evs):
                fixed = [
                    {**e, "source": repr(e.get("source"))}
                    if isinstance(e, dict) and not isinstance(e.get("source"), str)
                    else e
                    for e in evs
                ]
                rec = {**rec, "evidence": fixed if isinstance(evidence, list) else fixed[0]}
            rows[doc_id] = rec
        safe[table] = rows
    return problems, safe


def _summary(problems: list[Problem], name: str, store: Path | None) -> str:
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    unchanged = f"; {store} was not changed" if store else "; nothing was written"
    return f"import rejected: {count} in {name}{unchanged}"


def _locate(plan: _Plan, p: Problem) -> Problem:
    """Name a record the way a person finds it: id or source:n, then file line or 'store'."""
    if p.record == "-":
        return p
    name = p.record
    if p.table == "blocks":
        rec = plan.merged["blocks"].get(p.record, {})
        name = f"{rec.get('source')}:{rec.get('n')}"
    where = plan.origin.get((p.table, p.record), "in the store")
    return Problem(p.table, f"{name} ({where})", p.field, p.reason)


def _check(plan: _Plan, name: str, store: Path) -> None:
    strict, safe = _strict_problems(plan.merged)
    located = [_locate(plan, p) for p in strict + validate(safe)]
    found = list(dict.fromkeys(plan.problems + located))  # de-duplicated, order kept
    if found:
        raise ImportRejected(_summary(found, name, store), problems=found)


def _read_input(source: str, stdin: BinaryIO | None) -> tuple[bytes, str]:
    if source == "-":
        return (stdin or sys.stdin.buffer).read(), "<stdin>"
    path = Path(source)
    try:
        return path.read_bytes(), source
    except FileNotFoundError:
        raise UsageError(f"no such file: {source}") from None
    except IsADirectoryError:
        raise UsageError(f"is a directory, not a file: {source}") from None
    except OSError as exc:
        raise UsageError(f"cannot read {source}: {exc.strerror or exc}") from None


def import_file(
    source: str,
    *,
    db: str | os.PathLike[str] | None = None,
    dry_run: bool = False,
    stdin: BinaryIO | None = None,
    lock_timeout: float = 30.0,
) -> ImportReport:
    """Import a json/jsonl file (``-``: stdin) into the write target; all or nothing."""
    target = write_target(db)
    raw, name = _read_input(source, stdin)
    incoming = _parse(raw, name)
    _read_store(target)  # a missing or damaged store fails here, before any lock file appears
    report = ImportReport(store=target, source=name, dry_run=dry_run)
    if dry_run:
        plan = _merge(_read_store(target), incoming)
        _check(plan, name, target)
        report.counts = plan.counts
        return report
    with storage.locked(target, timeout=lock_timeout):
        plan = _merge(_read_store(target), incoming)
        _check(plan, name, target)
        report.counts = plan.counts
        if plan.changed:
            try:
                data = dumps(plan.merged).encode("utf-8")
            except (UnicodeEncodeError, ValueError, RecursionError) as exc:
                raise StoreError(f"cannot serialise the merged store: {exc}") from None
            storage.remove_stale_temps(target)
            storage.atomic_write(target, data)
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


def new_store(*, from_shipped: bool) -> StoreDoc:
    """A fresh store: the shipped article (sources, rates, paragraphs), with or without facts.

    Without ``from_shipped`` it holds no entities or facts, but keeps the shipped source and
    its numbered paragraphs so that it is valid and facts quoting the article can be imported.
    """
    shipped = _read_store(shipped_store_path())
    doc: StoreDoc = {t: dict(shipped[t]) for t in TABLES}
    if not from_shipped:
        doc["entities"], doc["facts"] = {}, {}
    problems = validate(doc)
    if problems:
        raise StoreError(f"the shipped store is not valid: {problems[0]}", hint="reinstall hz")
    return doc


def init_store(
    *, db: str | os.PathLike[str] | None = None, from_shipped: bool = False, force: bool = False
) -> InitReport:
    """Create a user store at the write target; with ``force``, replace one (kept as .bak)."""
    target = write_target(db)
    default = (db is None or str(db) == "") and not os.environ.get(ENV_DB)

    def refuse_existing() -> None:
        if target.is_dir():
            raise StoreError(f"store path is a directory: {target}")
        if os.path.lexists(target) and not force:
            raise StoreError(
                f"a store already exists: {target}", hint="'hz init --force' replaces it"
            )

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
    with storage.locked(target):
        refuse_existing()
        replaced = os.path.lexists(target)
        if replaced:
            backup = target.with_name(target.name + ".bak")
            try:
                old = target.read_bytes()
            except OSError as exc:
                raise StoreError(f"cannot read {target}: {exc.strerror or exc}") from None
            storage.atomic_write(backup, old)
        storage.remove_stale_temps(target)
        storage.atomic_write(target, dumps(doc).encode("utf-8"))
    counts = {t: len(doc[t]) for t in ("entities", "facts", "blocks")}
    return InitReport(target, from_shipped, replaced, backup, counts)
