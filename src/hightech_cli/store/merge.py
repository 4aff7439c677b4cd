"""Parse an import file and merge it into a store document, validating the result.

Pure functions over decoded data, no file access: ``transfer.import_file`` reads the files,
holds the lock and writes. ``parse`` accepts a store document (json) or JSON lines (jsonl),
told apart by content, and rejects NaN, Infinity and numbers too large for a float. ``plan``
merges the records into a copy of the store and validates the whole result, raising
``ImportRejected`` with every problem, each naming the record (id, or ``source:n`` for blocks)
and where it came from (a line of the file, or the store itself).

A ``Merger`` works over any mutable mapping of rows: plain dicts, or ``splice.RowTable``, a big
store's rows kept as bytes and decoded when the merge reads one, with the keys it matches
records by (:class:`Keys`) worked out by the caller. ``bulk.py`` feeds it a big JSON-lines
file part by part, each line read by :func:`line_record`, as ``parse`` reads it.

Merge rules: entities and facts are matched by ``id``, blocks by ``(source, n)``; a matched
record is replaced whole by the file's version. The one meta record is merged field by field:
sources by ``id``, exchange rates by ``(base, quote)``; ``schema_version`` must equal the
store's. TinyDB row numbers in a json file are ignored; new records get the next free one.

Validation is ``check.validate`` (what ``hz check`` runs) plus stricter checks that keep values
off the screen and out of the file that would pass it yet break them: list items of the wrong
type, NaN, unpaired surrogates, deep nesting. ``check.validate`` looks some values up in sets,
so unhashable ones are replaced by their ``repr`` in the copy it is given.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from hightech_cli.errors import StoreError, clip
from hightech_cli.store.check import Problem, Walked, validate
from hightech_cli.store.document import (
    BOM,
    TABLES,
    Document,
    DuplicateKey,
    finite,
    unique_keys,
)

_META_FIELDS: Final = ("schema_version", "sources", "exchange_rates")
_MAX_DEPTH: Final = 32


class ImportRejected(StoreError):
    """The import file, merged into the store, is not a valid store; nothing was written."""

    def __init__(self, message: str, *, problems: list[Problem], hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.problems = problems


@dataclass(frozen=True)
class Incoming:
    """One record of an import file, and where in the file it was."""

    table: str
    record: dict[str, Any]
    where: str  # "line 4" or "facts row 3": where in the file, for the report


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _loads(text: str) -> Any:
    return json.loads(
        text, parse_float=finite, parse_constant=_no_constant, object_pairs_hook=unique_keys
    )


def _reject(name: str, reason: str) -> ImportRejected:
    problems = [Problem(name, "", "-", reason)]
    return ImportRejected(_summary(problems, name, None), problems=problems)


def problem_line(p: Problem) -> str:
    """One line of an import report: ``facts x.1 (line 4): evidence.quote: does not occur …``."""
    head = f"{p.table} {clip(p.record)}".strip()
    reason = clip(p.reason)
    return ": ".join([head, reason] if p.field == "-" else [head, clip(p.field), reason])


def _article(raw: bytes) -> str:
    """A hint for a file that begins as no JSON does and holds Chinese text, as an article
    does (in UTF-8 or GB18030): ``hz add`` reads it."""
    head = raw[:4096]
    if head.lstrip()[:1] in (b"{", b"[") or not any(
        "\u4e00" <= c <= "\u9fff"
        for codec in ("utf-8", "gb18030")
        for c in head.decode(codec, "ignore")
    ):
        return ""
    return "; an article is added with 'hz add FILE'"


def parse(raw: bytes, name: str) -> list[Incoming]:
    """The records of an import file; ``ImportRejected`` naming every line that is unusable."""
    if not raw.strip():
        raise _reject(name, "is empty")
    try:
        text = raw.decode("utf-8").removeprefix(BOM)
    except UnicodeDecodeError as exc:
        raise _reject(name, f"is not UTF-8 text (byte {exc.start}){_article(raw)}") from None
    if not text.strip():
        raise _reject(name, "is empty")
    try:
        whole = _loads(text)
    except RecursionError:
        raise _reject(name, "is nested too deeply") from None
    except json.JSONDecodeError as exc:
        first = next(line for line in _lines(text) if line.strip())
        try:
            looks_jsonl = isinstance(_loads(first), dict)
        except (ValueError, RecursionError):
            looks_jsonl = False
        if not looks_jsonl:
            at = f"line {exc.lineno}, column {exc.colno}"
            reason = f"is not valid JSON or JSON lines ({at}: {exc.msg}){_article(raw)}"
            raise _reject(name, reason) from None
        return _parse_lines(text, name)
    except DuplicateKey as exc:
        # One JSON line holding a key twice: reported by line, as any bad line is.
        try:
            plain = json.loads(text)
        except ValueError:
            plain = None
        if isinstance(plain, dict) and "table" in plain:
            return _parse_lines(text, name)
        raise _reject(name, f"is not valid JSON ({exc})") from None
    except ValueError as exc:
        raise _reject(name, f"is not valid JSON ({exc})") from None
    if isinstance(whole, dict) and "table" in whole:
        return _parse_lines(text, name)
    if isinstance(whole, list):
        return _parse_array(whole, name)
    if not isinstance(whole, dict):
        raise _reject(name, "must be a store document (an object) or JSON lines")
    return _parse_document(whole, name)


def _parse_array(items: list[Any], name: str) -> list[Incoming]:
    """A JSON array of the records JSON lines hold, each with its ``table`` (what ``hz extract
    -f json`` writes); ``ImportRejected`` for any other array (a list command's ``--json``)."""
    if not items or not any(isinstance(item, dict) and "table" in item for item in items):
        raise _reject(
            name,
            "is a JSON array, but not of records with a 'table' field (hz extract -f json"
            " writes those; a list command's --json output cannot be imported)",
        )
    out: list[Incoming] = []
    problems: list[Problem] = []
    for n, item in enumerate(items, start=1):
        where = f"item {n}"
        if not isinstance(item, dict):
            problems.append(Problem(name, where, "-", "an item must be a JSON object"))
            continue
        record = dict(item)
        table = record.pop("table", None)
        if table not in TABLES:
            problems.append(
                Problem(name, where, "table", f"'table' must be one of {', '.join(TABLES)}")
            )
            continue
        out.append(Incoming(str(table), record, where))
    if problems:
        raise ImportRejected(_summary(problems, name, None), problems=problems)
    return out


def _lines(text: str) -> list[str]:
    # Only \n ends a JSON line: str.splitlines would also split at U+2028 or U+0085, which
    # JSON text may hold unescaped inside a string.
    return [line.removesuffix("\r") for line in text.split("\n")]


def line_record(line: str, n: int, name: str) -> Incoming | Problem | None:
    """Line ``n`` of a JSON-lines file: its record, the problem that makes it unusable, or
    None for a blank line (``\r`` before the ``\n`` already removed)."""
    if not line.strip():
        return None
    where = f"line {n}"
    try:
        obj = _loads(line)
    except json.JSONDecodeError as exc:
        return Problem(name, where, "-", f"not valid JSON ({exc.msg})")
    except (ValueError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        return Problem(name, where, "-", f"not valid JSON ({reason})")
    if not isinstance(obj, dict):
        return Problem(name, where, "-", "a line must be a JSON object")
    table = obj.pop("table", None)
    if table not in TABLES:
        return Problem(name, where, "table", f"'table' must be one of {', '.join(TABLES)}")
    return Incoming(str(table), obj, where)


def _parse_lines(text: str, name: str) -> list[Incoming]:
    out: list[Incoming] = []
    problems: list[Problem] = []
    for n, line in enumerate(_lines(text), start=1):
        found = line_record(line, n, name)
        if isinstance(found, Problem):
            problems.append(found)
        elif found is not None:
            out.append(found)
    if problems:
        raise ImportRejected(_summary(problems, name, None), problems=problems)
    return out


def _parse_document(doc: dict[str, Any], name: str) -> list[Incoming]:
    out: list[Incoming] = []
    problems: list[Problem] = []
    for table in sorted(set(doc) - set(TABLES)):
        problems.append(Problem(name, "", table, "unknown table"))
    for table in TABLES:
        rows = doc.get(table, {})
        if not isinstance(rows, dict):
            problems.append(Problem(name, "", table, "a table must be an object"))
            continue
        for doc_id, rec in rows.items():
            where = f"{table} row {doc_id}"
            if isinstance(rec, dict):
                out.append(Incoming(table, rec, where))
            else:
                problems.append(Problem(name, where, "-", "a record must be an object"))
    if problems:
        raise ImportRejected(_summary(problems, name, None), problems=problems)
    return out


def row_key(table: str, rec: Mapping[str, Any]) -> object:
    """What a record is matched by: an entity's or a fact's id, a block's (source, n); None
    if it has none of the right type."""
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

    def ident(item: object) -> tuple[str, ...] | None:
        values = [item.get(k) for k in key] if isinstance(item, dict) else []
        texts = [v for v in values if isinstance(v, str) and v]
        return tuple(texts) if values and len(texts) == len(values) else None

    index = {k: i for i, item in enumerate(merged) if (k := ident(item)) is not None}
    for item in incoming:
        new = ident(item)
        if new is None:
            out.append(Problem("meta", where, name, f"each item needs text {', '.join(key)}"))
        elif new in index:
            merged[index[new]] = item
        else:
            index[new] = len(merged)
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


def _last_id(table: Iterable[str]) -> int:
    """The highest numeric TinyDB document id in a table (0 for none)."""
    return max((int(k) for k in table if k.isdigit()), default=0)


Table = MutableMapping[str, dict[str, Any]]  # a dict, or splice.RowTable


@dataclass
class Keys:
    """What a :class:`Merger` matches a store's rows by, worked out by whoever holds them:
    ``index`` maps each table's ``row_key`` to its first row id, ``entity_ids`` every entity
    id."""

    index: dict[str, dict[object, str]]
    entity_ids: set[str]


@dataclass
class Plan:
    merged: dict[str, Any]
    counts: dict[str, dict[str, int]]
    problems: list[Problem]
    origin: dict[tuple[str, str], str]  # (table, record as check.validate names it) → file line

    @property
    def changed(self) -> bool:
        return any(c["added"] or c["updated"] for c in self.counts.values())


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
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
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


def _item_problems(table: str, name: str, rec: Mapping[str, Any]) -> Iterator[Problem]:
    """The items of ``rec``'s lists that are not of the type ``_ITEM_TYPES`` wants."""
    for fld, typ in _ITEM_TYPES.get(table, {}).items():
        items = rec.get(fld)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, bool) or not isinstance(item, typ):
                kind = "text" if typ is str else "an integer"
                yield Problem(table, name, f"{fld}[{i}]", f"must be {kind}")


def _strict_problems(merged: Mapping[str, Any]) -> tuple[list[Problem], dict[str, Any]]:
    """Problems ``validate`` misses, and a copy of the store safe to hand to ``validate``."""
    problems: list[Problem] = []
    safe: dict[str, Any] = dict(merged)
    for table in TABLES:
        rows = dict(merged[table])
        for doc_id, rec in rows.items():
            # Named as check.validate names records, so that _locate can find them.
            named = table in ("entities", "facts")
            name = str(rec.get("id") or f"row {doc_id}") if named else doc_id
            for where, reason in _walk(rec, ""):
                problems.append(Problem(table, name, where or "-", reason))
            problems += _item_problems(table, name, rec)
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


class _Failed(Exception):
    """A row of a walked table has a problem: the store does not pass."""


class _WalkedRows(Walked):
    """A big store's table as its rows' bytes (``splice.RowTable.raw_items``), each row decoded
    by msgspec when walked and checked as ``_strict_problems`` checks it; ``_Failed`` at the
    first problem.

    msgspec decodes a row as the strict reader does where the file is laid out as hz writes
    (``splice.load`` compared every row's bytes with its writing), and it decodes no lone
    surrogate and no number out of a float's range, so of ``_walk``'s checks only the depth
    is left, and only a row with more brackets than that depth can fail it.
    """

    def __init__(self, table: str, rows: Collection[tuple[str, Any]]) -> None:
        self._table = table
        self._rows = rows  # re-iterable: validate walks some tables twice

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[tuple[str, Mapping[str, Any]]]:
        import msgspec

        decode = msgspec.json.Decoder().decode
        table = self._table
        for doc_id, raw in self._rows:
            try:
                rec = decode(raw)
            except (msgspec.MsgspecError, RecursionError):
                raise _Failed from None
            if type(rec) is not dict:
                raise _Failed
            data = bytes(raw)
            if data.count(b"{") + data.count(b"[") > _MAX_DEPTH and next(_walk(rec, ""), None):
                raise _Failed
            if next(_item_problems(table, doc_id, rec), None) is not None:
                raise _Failed
            yield doc_id, rec


def store_passes(tables: Mapping[str, Any]) -> bool:
    """Whether a big store read as its rows' bytes (``splice.load``, which compared the file
    with what hz writes for its rows) passes every check an import makes of a store it did not
    write: ``check.validate`` and the stricter checks of this module. Rows are decoded one at a
    time, so that memory holds the file's bytes and what validation keeps of each row (ids,
    names, paragraph texts), not the decoded store, several times the file's size.

    False at the first problem, and for any row not as hz would write it: the caller then
    reads the store whole, and the import reports every problem as before.
    """
    import gc

    meta = tables["meta"]
    meta_rows = {row_id: meta[row_id] for row_id in meta}
    strict, _ = _strict_problems({"meta": meta_rows, "entities": {}, "facts": {}, "blocks": {}})
    if strict:
        return False
    walked: dict[str, Any] = {"meta": meta_rows}
    for name in ("entities", "facts", "blocks"):
        walked[name] = _WalkedRows(name, tables[name].raw_items())
    collecting = gc.isenabled()
    gc.disable()  # no cycles among the ids and texts validation keeps; a pass would walk them
    try:
        return not validate(walked)
    except _Failed:
        return False
    finally:
        if collecting:
            gc.enable()


def _summary(problems: list[Problem], name: str, store: Path | None) -> str:
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    unchanged = f"; {store} was not changed" if store else "; nothing was written"
    return f"import rejected: {count} in {name}{unchanged}"


def _locate(plan: Plan, p: Problem) -> Problem:
    """Name a record the way a person finds it: id or source:n, then file line or 'store'."""
    if p.record == "-":
        return p
    name = p.record
    if p.table == "blocks":
        rec = plan.merged["blocks"].get(p.record, {})
        name = f"{rec.get('source')}:{rec.get('n')}"
    where = plan.origin.get((p.table, p.record), "in the store")
    return Problem(p.table, f"{name} ({where})", p.field, p.reason)


def _check(plan: Plan, name: str, store: Path) -> None:
    strict, safe = _strict_problems(plan.merged)
    located = [_locate(plan, p) for p in strict + validate(safe)]
    found = list(dict.fromkeys(plan.problems + located))  # de-duplicated, order kept
    if found:
        raise ImportRejected(_summary(found, name, store), problems=found)


class Merger:
    """Merges import files into one store, one after another, validating only what each
    changes.

    Made once per store (its indexes cost a pass over the tables); then each :meth:`plan`
    merges a file into what the files before it left and validates the records it adds or
    changes against the rest: references must name entities the store or the file has,
    evidence must quote blocks the store or the file has. A file that replaces a block
    already in the store is checked against the whole store instead (other records may quote
    the old text). :attr:`data` is the store with every accepted file in it.
    """

    def __init__(
        self, data: Mapping[str, Table], *, checked: bool = False, keys: Keys | None = None
    ) -> None:
        """``checked``: the store is known to pass ``hz check`` as it is (hz wrote it so).

        ``keys``: what each row is matched by, worked out by the caller, who gives the merge
        ``data``'s tables to change in place (``splice.py``, where a row is decoded only when
        read); without it, the tables are copied and their rows read for their keys."""
        self.data: dict[str, Table]
        if keys is None:
            self.data = {**data, **{t: dict(data[t]) for t in TABLES}}
            self._index: dict[str, dict[object, str]] = {t: {} for t in TABLES}
            for table in ("entities", "facts", "blocks"):
                for row_id, rec in self.data[table].items():
                    self._index[table].setdefault(row_key(table, rec), row_id)
            self._entity_ids = {
                rec["id"]
                for rec in self.data["entities"].values()
                if isinstance(rec.get("id"), str)
            }
        else:
            self.data = dict(data)
            self._index = keys.index
            self._entity_ids = keys.entity_ids
        self._last = {t: _last_id(self.data[t]) for t in TABLES}
        # The store's own problems, found once (none, if it is known to pass).
        self._store_problems: list[Problem] | None = [] if checked else None

    def row_id(self, table: str, key: object) -> str | None:
        """The id of the row ``key`` (``row_key``) names, as the merge stands."""
        return self._index[table].get(key)

    def current(self, table: str, key: object) -> dict[str, Any] | None:
        """The record ``key`` (``row_key``) names, as the merge stands; None if none does."""
        row_id = self._index[table].get(key)
        return None if row_id is None else self.data[table][row_id]

    def _store_checked(self, plan: Plan) -> list[Problem]:
        """The store's own problems (every file is rejected while it has any), found once."""
        if self._store_problems is None:
            strict, safe = _strict_problems(self.data)
            self._store_problems = strict + validate(safe)
        return [_locate(plan, p) for p in self._store_problems]

    def plan(self, incoming: list[Incoming], name: str, store: Path) -> Plan:
        """Merge ``incoming`` (ImportRejected unless valid); accept it into :attr:`data`."""
        tables = self.data
        meta_id = next(iter(tables["meta"]))
        counts = {t: {"added": 0, "updated": 0, "unchanged": 0} for t in TABLES}
        pending: dict[str, dict[str, dict[str, Any]]] = {t: {} for t in TABLES}
        plan = Plan(tables, counts, [], {})
        seen: dict[tuple[str, object], str] = {}
        metas = [item for item in incoming if item.table == "meta"]
        for item in metas[1:]:
            plan.problems.append(Problem("meta", item.where, "-", "only one meta record allowed"))
        new_ids: dict[str, dict[object, str]] = {t: {} for t in TABLES}
        last = dict(self._last)
        replaced_block = False
        for item in incoming:
            if item.table == "meta":
                if item is metas[0]:
                    old = tables["meta"][meta_id]
                    new = _merge_meta(old, item.record, item.where, plan.problems)
                    plan.origin[("meta", meta_id)] = item.where
                    counts["meta"]["unchanged" if new == old else "updated"] += 1
                    pending["meta"][meta_id] = new
                continue
            key = row_key(item.table, item.record)
            if key is None:
                fld = "source, n" if item.table == "blocks" else "id"
                need = (
                    "text source and an integer n" if item.table == "blocks" else "non-empty text"
                )
                plan.problems.append(Problem(item.table, item.where, fld, f"must be {need}"))
                continue
            if (item.table, key) in seen:
                reason = f"appears twice in the file (also at {seen[(item.table, key)]})"
                plan.problems.append(Problem(item.table, item.where, "-", reason))
                continue
            seen[(item.table, key)] = item.where
            doc_id = self._index[item.table].get(key) or new_ids[item.table].get(key)
            if doc_id is None:
                last[item.table] += 1
                doc_id = new_ids[item.table][key] = str(last[item.table])
                counts[item.table]["added"] += 1
            elif tables[item.table][doc_id] == item.record:
                counts[item.table]["unchanged"] += 1
                continue
            else:
                counts[item.table]["updated"] += 1
                replaced_block = replaced_block or item.table == "blocks"
            pending[item.table][doc_id] = item.record
            plan.origin[(item.table, doc_id if item.table == "blocks" else str(key))] = item.where
        if replaced_block:
            merged: dict[str, Any] = {**tables, **{t: {**tables[t], **pending[t]} for t in TABLES}}
            plan.merged = merged
            _check(plan, name, store)
        else:
            self._check_changes(plan, pending, name, store)
        for table in TABLES:
            tables[table].update(pending[table])
            self._index[table].update(new_ids[table])
        for rec in pending["entities"].values():
            if isinstance(rec.get("id"), str):
                self._entity_ids.add(rec["id"])
        self._last = last
        plan.merged = tables
        return plan

    def _check_changes(
        self, plan: Plan, pending: dict[str, dict[str, dict[str, Any]]], name: str, store: Path
    ) -> None:
        """Validate the changed records against the rest of the store (see the class)."""
        meta_id = next(iter(self.data["meta"]))
        cited: set[tuple[object, object]] = set()
        for table in ("entities", "facts"):
            for rec in pending[table].values():
                evidence = rec.get("evidence")
                for ev in evidence if isinstance(evidence, list) else [evidence]:
                    if isinstance(ev, dict):
                        source, paragraph = ev.get("source"), ev.get("paragraph")
                        if isinstance(source, str) and type(paragraph) is int:
                            cited.add((source, paragraph))
        blocks = dict(pending["blocks"])
        for key in cited:
            doc_id = self._index["blocks"].get(key)
            if doc_id is not None and doc_id not in blocks:
                blocks[doc_id] = self.data["blocks"][doc_id]
        subset: dict[str, Any] = {
            "meta": {meta_id: pending["meta"].get(meta_id, self.data["meta"][meta_id])},
            "entities": pending["entities"],
            "facts": pending["facts"],
            "blocks": blocks,
        }
        plan.merged = self.data
        in_store = self._store_checked(plan)
        plan.merged = subset
        strict, safe = _strict_problems(subset)
        problems = strict + validate(safe, known_entities=self._entity_ids)
        located = [_locate(plan, p) for p in problems]
        found = list(dict.fromkeys(plan.problems + located + in_store))
        if found:
            raise ImportRejected(_summary(found, name, store), problems=found)


def plan(
    data: Document, incoming: list[Incoming], name: str, store: Path, *, checked: bool = False
) -> Plan:
    """Merge ``incoming`` into a copy of ``data``; raise ``ImportRejected`` unless all is valid
    (``checked``: see ``Merger``)."""
    return Merger(data, checked=checked).plan(incoming, name, store)
