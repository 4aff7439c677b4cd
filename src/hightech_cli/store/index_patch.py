"""An index brought up to date after a write that changed a few rows, instead of built again.

**Why.** Building the index of a big store reads every row of the new file and makes every
table again (``indexing.py``), which takes most of a small import's time into a big store
(``bench/results/big-writes.md``). A write through the rows' bytes (``splice.py``) knows what it
changed: the rows it added, after the old ones, and the rows it replaced, each at its place.
Every other row keeps its place and its bytes, so the old index holds what a new one would for
it, and only the changed rows' parts need changing.

**When.** Only for a write through the rows (``transfer._write_rows``), into a file whose bytes,
to the byte, are those the old index was built from (its ``info`` records their SHA-256, which
the write read and compared), with few rows changed (:func:`worth_patching`); the old index is
copied and the copy changed, then renamed over the old one, so a reader sees one index or the
other. Anything unexpected (the old index of another format or file, a table of another
length, a string of names not where it should be, no room left between two search places)
raises :class:`NotPatched`, and the caller builds the index from the file, as before.

**How, part by part** (each part as ``index_fill.py`` fills it in a build):

- the row tables, references, relations, name forms and the pool: the old rows' entries are
  made by the same consumers as in a build and deleted one for one, the new rows' inserted;
- the did-you-mean strings (``near_forms``, ``near_chars``): the old rows' strings removed from
  their lists, the new rows' numbered after the last and added to theirs (the lists stay in
  increasing order);
- the search rows: a record whose folded text and rank are unchanged stays; any other is
  deleted from ``search_rows`` and from the full-text table (FTS5's ``delete``, given the text
  it was indexed with) and inserted again, as a new record is, at a place between its
  neighbours in rank order (places are spaced ``index.SEARCH_GAP`` apart by a build, so there
  is room, found by bisecting the places);
- the lists, the timeline and the citations (what ``orders.Derived`` and ``Cites`` make of every
  row, in store order) are made again by a pass over the patched tables' rows.

The patched index answers every question as one built from the new file does
(``tests/store/test_index_patch.py`` holds the two together, table by table).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from array import array
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from hightech_cli import names, search
from hightech_cli.orders import ENTITY_FIELDS, FACT_FIELDS
from hightech_cli.store.index import FORMAT_VERSION, SEARCH_GAP
from hightech_cli.store.index_fill import (
    Buffered,
    Cites,
    Links,
    Lists,
    Names,
    Pool,
    RowTables,
    row_encoder,
)
from hightech_cli.store.near import blob_of, ids_of

Row = dict[str, Any]
TABLES: Final = ("entities", "facts", "blocks")
_KIND: Final = {"entities": "entity", "facts": "fact", "blocks": "block"}
_SHARE: Final = 4  # a write touching more than one row in this many is built again …
_FEW: Final = 10_000  # … unless it touches no more than this many
_CHUNK: Final = 500

# How an entry a consumer would insert for an old row is deleted: one row that equals it.
_DELETE: Final[dict[tuple[type[Buffered], str], str]] = {
    (Links, "refs"): "DELETE FROM refs WHERE rowid = (SELECT rowid FROM refs "
    "WHERE entity_id = ? AND fact = ? AND pos = ? LIMIT 1)",
    (Links, "relations"): "DELETE FROM relations WHERE rowid = (SELECT rowid FROM relations "
    "WHERE entity = ? AND field = ? AND target = ? LIMIT 1)",
    (Names, "names"): "DELETE FROM names WHERE rowid = (SELECT rowid FROM names "
    "WHERE kind = ? AND type = ? AND form = ? AND entity = ? LIMIT 1)",
}


class NotPatched(Exception):
    """The old index cannot be brought up to date (the message says why): build it again."""


@dataclass
class Delta:
    """What a write through the rows changed: each table's rows before it, the rows it replaced
    (by place) and those it added (after the old ones, in order), and the new meta row."""

    digest: str  # the SHA-256 of the file the write read: the old index must record it
    meta: Row
    before: dict[str, int]
    changed: dict[str, list[tuple[int, Row]]] = field(default_factory=dict)
    added: dict[str, list[Row]] = field(default_factory=dict)

    def rows(self, name: str) -> Iterator[tuple[int, Row]]:
        """Every changed or added row of the table with its place, in store order."""
        yield from self.changed.get(name, [])
        start = self.before[name]
        yield from enumerate(self.added.get(name, []), start=start)


def worth_patching(before: Mapping[str, int], touched: Mapping[str, int]) -> bool:
    """Whether a write that touched (changed or added) these many rows of the tables is few
    enough for the index to be patched rather than built again: a patch does a build's work
    for each row it touches, and more (each old entry deleted one by one), but nothing for the
    others, save the lists' pass over every row."""
    kept, made = sum(before.values()), sum(touched.values())
    return made <= max(kept // _SHARE, _FEW)


def patch_copy(old: Path, tmp: Path, delta: Delta, info: Mapping[str, str]) -> None:
    """Copy the index at ``old`` to ``tmp`` and bring the copy up to date with ``delta``, its
    ``info`` replaced by ``info`` (the new file's signature, who built it). NotPatched if it
    cannot be (the module docstring says when); ``sqlite3.Error`` and ``OSError`` pass."""
    shutil.copyfile(old, tmp)
    con = sqlite3.connect(tmp)
    try:
        con.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;"
        )
        _check(con, delta)
        with con:
            kinds = _Patch(con, delta).run()
            con.execute("DELETE FROM info")
            made = {**info, "kinds": json.dumps(kinds, ensure_ascii=False)}
            con.executemany("INSERT INTO info VALUES (?, ?)", made.items())
    finally:
        con.close()


def _check(con: sqlite3.Connection, delta: Delta) -> None:
    """NotPatched unless the index is of this format, built from the very bytes the delta was
    read from (its recorded SHA-256: by hz's write of them, or by ``hz index``), with the
    tables that file had."""
    info = {str(k): str(v) for k, v in con.execute("SELECT key, value FROM info")}
    if info.get("format") != str(FORMAT_VERSION):
        raise NotPatched("the old index is of another format")
    if info.get("origin") not in ("write", "index") or info.get("sha256") != delta.digest:
        raise NotPatched("the old index is not of the file the write read")
    for name in TABLES:
        (count,) = con.execute(f"SELECT coalesce(max(n) + 1, 0) FROM {name}").fetchone()  # noqa: S608
        if count != delta.before[name]:
            raise NotPatched(f"the old index has another number of {name}")


class _Patch:
    """One patch of one index (:func:`patch_copy`)."""

    def __init__(self, con: sqlite3.Connection, delta: Delta) -> None:
        self.con = con
        self.delta = delta
        self.dumps = row_encoder()
        self.old: dict[str, dict[int, Row]] = {
            t: self._rows_at(t, delta.changed.get(t, [])) for t in TABLES
        }

    def _rows_at(self, name: str, changed: list[tuple[int, Row]]) -> dict[int, Row]:
        """The rows the index holds at these places (as the old file had them)."""
        places = sorted(n for n, _ in changed)
        out: dict[int, Row] = {}
        for start in range(0, len(places), _CHUNK):
            chunk = places[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT n, json FROM {name} WHERE n IN ({marks})"  # noqa: S608
            for n, text in self.con.execute(sql, chunk):
                out[n] = json.loads(text)
        if len(out) != len(places):
            raise NotPatched(f"a changed row is missing from the old index's {name}")
        return out

    def run(self) -> list[str]:
        """Patch every part; the entity kinds the store now has."""
        kinds = self._row_tables()
        self._consumed(Links)
        self._consumed(Names)
        self._pool()
        _SearchPatch(self.con).apply(self.old, self.delta)
        self._derived()
        return kinds

    def _feed(self, part: Buffered, rows: Mapping[str, Iterator[tuple[int, Row]]]) -> None:
        for name in TABLES:
            consume = getattr(part, _KIND[name])
            for n, row in rows[name]:
                consume(n, row, self.dumps(row) if part.TEXT else "")

    def _old_rows(self) -> dict[str, Iterator[tuple[int, Row]]]:
        return {t: iter(sorted(self.old[t].items())) for t in TABLES}

    def _new_rows(self) -> dict[str, Iterator[tuple[int, Row]]]:
        return {t: self.delta.rows(t) for t in TABLES}

    def _row_tables(self) -> list[str]:
        con = self.con
        for name in TABLES:
            places = [(n,) for n in self.old[name]]
            con.executemany(f"DELETE FROM {name} WHERE n = ?", places)  # noqa: S608
        con.execute("DELETE FROM meta")
        part = RowTables(con)
        part.meta(self.delta.meta, self.dumps(self.delta.meta))
        self._feed(part, self._new_rows())
        part.flush()
        (text,) = con.execute("SELECT value FROM info WHERE key = 'kinds'").fetchone()
        kinds = set(json.loads(text)) | part.kinds
        held = "SELECT 1 FROM entities WHERE kind = ? LIMIT 1"
        return sorted(k for k in kinds if con.execute(held, (k,)).fetchone() is not None)

    def _consumed(self, kind: type[Buffered]) -> None:
        """A consumer's entries for the old rows deleted, then those for the new inserted."""
        gone = kind(self.con)
        self._feed(gone, self._old_rows())
        for buffer, entries in gone.out.items():
            self.con.executemany(_DELETE[kind, buffer], entries)
        made = kind(self.con)
        self._feed(made, self._new_rows())
        made.flush()

    def _pool(self) -> None:
        """``pool`` and the did-you-mean strings (``near_*``)."""
        con = self.con
        old = self.old["entities"]
        con.executemany("DELETE FROM pool WHERE n = ?", [(n,) for n in old])
        groups = {(str(k), str(s)): int(g) for g, k, s in con.execute("SELECT * FROM near_groups")}
        removed: dict[tuple[int, str, int, int], set[int]] = {}
        gone: list[tuple[int]] = []
        for n, forms in self._old_forms(sorted(old)).items():
            row = old[n]
            wanted = list(names.suggest_forms(row, names.suggest_texts(row)))
            if [form for _, form in wanted] != [form for _, form in forms]:
                raise NotPatched("the old index's strings of names are not its rows'")
            for (side, form), (number, _) in zip(wanted, forms, strict=True):
                grp = groups.get((row["kind"], side))
                if grp is None:
                    raise NotPatched("the old index has no group for a string of names")
                gone.append((number,))
                for key in _keys(grp, form):
                    removed.setdefault(key, set()).add(number)
        con.executemany("DELETE FROM near_forms WHERE id = ?", gone)
        (last,) = con.execute("SELECT coalesce(max(id) + 1, 0) FROM near_forms").fetchone()
        part = Pool(con, groups, int(last))
        for n, row in self.delta.rows("entities"):
            part.entity(n, row, "")
        part.flush()
        con.executemany(
            "INSERT INTO near_groups VALUES (?, ?, ?)",
            [(g, k, s) for (k, s), g in part.groups.items() if (k, s) not in groups],
        )
        self._near_lists(removed, part.lists)

    def _old_forms(self, places: list[int]) -> dict[int, list[tuple[int, str]]]:
        """The numbered strings of names of the entities at these places, in number order."""
        out: dict[int, list[tuple[int, str]]] = {n: [] for n in places}
        for start in range(0, len(places), _CHUNK):
            chunk = places[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT id, n, form FROM near_forms WHERE n IN ({marks}) ORDER BY id"  # noqa: S608
            for number, n, form in self.con.execute(sql, chunk):
                out[n].append((number, form))
        return out

    def _near_lists(
        self,
        removed: Mapping[tuple[int, str, int, int], set[int]],
        added: Mapping[tuple[int, str, int, int], array[int]],
    ) -> None:
        con = self.con
        for key in sorted(set(removed) | set(added)):
            found = con.execute(
                "SELECT rowid, ids FROM near_chars "
                "WHERE grp = ? AND ch = ? AND len = ? AND cnt = ?",
                key,
            ).fetchall()
            if len(found) > 1:
                raise NotPatched("a list of strings of names is given twice")
            ids = ids_of(found[0][1]) if found else array("I")
            gone = removed.get(key, set())
            if len(gone & set(ids)) != len(gone):
                raise NotPatched("a string of names is missing from its list")
            kept = array("I", (i for i in ids if i not in gone))
            kept.extend(added.get(key, array("I")))
            if found and not kept:
                con.execute("DELETE FROM near_chars WHERE rowid = ?", (found[0][0],))
            elif found:
                con.execute(
                    "UPDATE near_chars SET forms = ?, ids = ? WHERE rowid = ?",
                    (len(kept), blob_of(kept), found[0][0]),
                )
            elif kept:
                con.execute(
                    "INSERT INTO near_chars VALUES (?, ?, ?, ?, ?, ?)",
                    (*key, len(kept), blob_of(kept)),
                )

    def _derived(self) -> None:
        """``lists``, ``timeline`` and ``cites`` made again from every row, in store order."""
        con = self.con
        con.execute("DELETE FROM lists")
        con.execute("DELETE FROM timeline")
        con.execute("DELETE FROM cites")
        lists, cites = Lists(con), Cites(con)
        lists.meta(self.delta.meta, "")
        decode = _decoder(ENTITY_FIELDS)
        for n, text in con.execute("SELECT n, json FROM entities ORDER BY n"):
            row = decode(text)
            lists.entity(n, row, "")
            cites.entity(n, row, "")
        decode = _decoder(FACT_FIELDS)
        for n, text in con.execute("SELECT n, json FROM facts ORDER BY n"):
            row = decode(text)
            lists.fact(n, row, "")
            cites.fact(n, row, "")
        for n, number, source in con.execute("SELECT n, num, source FROM blocks ORDER BY n"):
            lists.block(n, {"n": number, "source": source}, "")
        lists.finish()
        cites.finish()


def _keys(grp: int, form: str) -> Iterator[tuple[int, str, int, int]]:
    """The ``near_chars`` lists a string of names is in (as ``index_fill.Pool`` files it)."""
    length = len(form)
    for c in set(form):
        yield (grp, c, length, form.count(c))


def _decoder(fields: tuple[str, ...]) -> Callable[[str], Row]:
    """JSON text to the row ``json.loads`` reads, keeping only ``fields`` (those present): a
    typed msgspec decode, which skips the rest unread; the standard library reads what msgspec
    will not (an integer beyond 64 bits), keeping the whole row."""
    import msgspec

    unset = msgspec.UNSET
    kept = msgspec.defstruct("Kept", [(k, Any, unset) for k in fields], gc=False)
    fast = msgspec.json.Decoder(kept).decode

    def decode(text: str) -> Row:
        try:
            found = fast(text)
        except Exception:  # any text msgspec cannot read is the standard library's to read
            row: Row = json.loads(text)
            return row
        return {k: v for k in fields if (v := getattr(found, k)) is not unset}

    return decode


Key = tuple[int, int, int, int]


class _SearchPatch:
    """``search_rows`` and ``search_fts`` brought up to date (the module docstring says how)."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def apply(self, old: Mapping[str, Mapping[int, Row]], delta: Delta) -> None:
        gone: list[tuple[Key, str]] = []
        new: list[tuple[Key, str]] = []
        for name in TABLES:
            before = old[name]
            for n, row in delta.rows(name):
                made = _record(name, n, row)
                was = _record(name, n, before[n]) if n in before else None
                if was == made:
                    continue  # the same text at the same rank: the rows it has stand
                if was is not None:
                    gone.append(was)
                new.append(made)
        for key, folded in gone:
            self._delete(key, folded)
        self._insert(sorted(new))

    def _at_or_after(self, place: int) -> tuple[int, Key] | None:
        found = self.con.execute(
            "SELECT place, kind, len, para, row FROM search_rows WHERE place >= ? "
            "ORDER BY place LIMIT 1",
            (place,),
        ).fetchone()
        return None if found is None else (found[0], tuple(found[1:]))

    def _first(self, key: Key, *, after: bool) -> tuple[int, Key] | None:
        """The first row whose key is greater than ``key`` (``after``), or not less."""
        # Two queries: SQLite reads a lone min() or max() of the key from the b-tree, but
        # walks every row for the two together.
        lo = self.con.execute("SELECT min(place) FROM search_rows").fetchone()[0]
        hi = self.con.execute("SELECT max(place) FROM search_rows").fetchone()[0]
        if lo is None:
            return None
        best = None
        while lo <= hi:
            mid = (lo + hi) // 2
            found = self._at_or_after(mid)
            assert found is not None  # mid <= the largest place
            place, at = found
            if at > key or (not after and at == key):
                best, hi = found, mid - 1
            else:
                lo = place + 1
        return best

    def _delete(self, key: Key, folded: str) -> None:
        found = self._first(key, after=False)
        if found is None or found[1] != key:
            raise NotPatched("a search record is missing from the old index")
        place = found[0]
        (norm,) = self.con.execute(
            "SELECT norm FROM search_rows WHERE place = ?", (place,)
        ).fetchone()
        if norm != folded:
            raise NotPatched("a search record of the old index has another text")
        self.con.execute(
            "INSERT INTO search_fts (search_fts, rowid, norm) VALUES ('delete', ?, ?)",
            (place, norm + "\n\n"),
        )
        self.con.execute("DELETE FROM search_rows WHERE place = ?", (place,))

    def _insert(self, new: list[tuple[Key, str]]) -> None:
        """The records at places between their neighbours, several in one gap spread evenly."""
        gaps: dict[tuple[int, int | None], list[tuple[Key, str]]] = {}
        for key, folded in new:
            after = self._first(key, after=True)
            if after is not None and after[1] == key:
                raise NotPatched("a search record is there already")
            before = self.con.execute(
                "SELECT max(place) FROM search_rows WHERE place < ?",
                (after[0] if after is not None else 1 << 62,),
            ).fetchone()[0]
            gaps.setdefault(
                (0 if before is None else before, None if after is None else after[0]), []
            ).append((key, folded))
        rows = []
        for (low, high), records in gaps.items():
            count = len(records)
            top = low + SEARCH_GAP * (count + 1) if high is None else high
            if top - low <= count:
                raise NotPatched("no room left between two search places")
            for i, (key, folded) in enumerate(records, start=1):
                place = low + (top - low) * i // (count + 1)
                rows.append((place, key, folded))
        self.con.executemany(
            "INSERT INTO search_rows VALUES (?, ?, ?, ?, ?, ?)",
            [(p, k[0], k[3], k[1], k[2], f) for p, k, f in rows],
        )
        self.con.executemany(
            "INSERT INTO search_fts (rowid, norm) VALUES (?, ?)",
            [(p, f + "\n\n") for p, _, f in rows],
        )


def _record(name: str, n: int, row: Row) -> tuple[Key, str]:
    """A row's search record as ``index_fill.SearchRows`` files it: its rank key, folded text."""
    made = {"entities": search.entity_record, "facts": search.fact_record}.get(
        name, search.block_record
    )(row)
    folded = search.fold_fields(made.fields)
    return search.rank_key(made.kind, len(folded), made.paragraph, n), folded
