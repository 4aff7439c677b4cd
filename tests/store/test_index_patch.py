"""The index of a write patched from the old one (``index_patch.py``): table for table what a
build from the new file makes, and the same answers to every question; where it cannot be
patched, built as before.

Every case writes with ``$HZ_INDEX_MIN_BYTES`` 0, so that the small stores here are indexed as a
big one is, into its own ``$XDG_CACHE_HOME``.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from helpers import ROOT, jsonl, outcome, questions, settle
from hightech_cli.cli.app import app
from hightech_cli.store import index_patch, indexing, open_store
from hightech_cli.store.index import SEARCH_GAP, IndexedStore, cache_path
from hightech_cli.store.near import ids_of

ARTICLES = ROOT / "tests" / "articles"
# The shipped article's zone is in the first; the second and third share a zone between them.
ADDED = (
    "qingdao-hitech-mixed-2026.txt",
    "wuhan-donghu-signing-2024.txt",
    "wuhan-donghu-bulletin-2025.txt",
)


_BUILD = indexing.build_index_file  # before any spy replaces it


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("HZ_INDEX_MIN_BYTES", "0")


def _hz(*args: str) -> None:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output


class _Spy:
    """Counts the patches that were made and the builds from the file."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.patched = self.built = 0
        patch, build = indexing.patch_index, indexing.build_index_file

        def patched(*args: Any, **kwargs: Any) -> Any:
            found = patch(*args, **kwargs)
            self.patched += found is not None
            return found

        def built(*args: Any, **kwargs: Any) -> Any:
            self.built += 1
            return build(*args, **kwargs)

        monkeypatch.setattr(indexing, "patch_index", patched)
        monkeypatch.setattr(indexing, "build_index_file", built)


def _rebuilt(store: Path, base: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The index a build from the file makes of ``store`` (a copy, in a cache of its own)."""
    copy = base / "copy" / store.name
    copy.parent.mkdir(parents=True)
    shutil.copyfile(store, copy)
    settle(copy)
    monkeypatch.setenv("XDG_CACHE_HOME", str(base / "rebuilt"))
    built = _BUILD(copy, copy.stat())
    assert built is not None
    return built


def _contents(cache: Path) -> dict[str, Any]:
    """What an index holds, in terms that do not hang on how its places were numbered: the
    search rows in rank order without their places, the full-text table's terms with the rows
    that have them (as texts), the did-you-mean strings by entity and text."""
    con = sqlite3.connect(cache)
    try:

        def rows(sql: str) -> list[tuple[Any, ...]]:
            return con.execute(sql).fetchall()

        out: dict[str, Any] = {}
        for name in ("meta", "entities", "facts", "blocks", "refs", "relations", "names"):
            out[name] = Counter(rows(f"SELECT * FROM {name}"))  # noqa: S608
        for name in ("lists", "timeline", "cites", "pool"):
            out[name] = sorted(rows(f"SELECT * FROM {name}"), key=repr)  # noqa: S608
        out["search"] = rows("SELECT kind, row, len, para, norm FROM search_rows ORDER BY place")
        norms = dict(rows("SELECT place, norm FROM search_rows"))
        con.execute("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, search_fts, instance)")
        terms = rows("SELECT term, doc FROM terms")
        out["fts"] = Counter((term, norms[doc]) for term, doc in terms)
        groups = {g: (k, s) for g, k, s in rows("SELECT grp, kind, side FROM near_groups")}
        forms = {i: (n, f) for i, n, f in rows("SELECT id, n, form FROM near_forms")}
        out["near_forms"] = Counter(forms.values())
        out["near_chars"] = {
            (groups[g], c, length, cnt): (size, sorted(forms[i] for i in ids_of(blob)))
            for g, c, length, cnt, size, blob in rows("SELECT * FROM near_chars")
        }
        out["kinds"] = rows("SELECT value FROM info WHERE key = 'kinds'")
        return out
    finally:
        con.close()


def _answers(path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every question's answer through the index that answers for ``path`` (not built now)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    store = open_store(path)
    assert isinstance(store, IndexedStore)
    try:
        return [outcome(lambda ask=ask: ask(store)) for ask in questions()]
    finally:
        store.close()


def test_each_write_patches_the_index_to_what_a_build_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "s.json"
    _hz("--db", str(store), "init")
    spy = _Spy(monkeypatch)
    for step, article in enumerate(ADDED):
        _hz("--db", str(store), "add", str(ARTICLES / article))
        assert (spy.patched, spy.built) == (step + 1, 0)
        assert indexing.written_by_hz(store)
        patched = _contents(cache_path(store))
        rebuilt = _rebuilt(store, tmp_path / f"step-{step}", monkeypatch)
        assert patched == _contents(rebuilt)
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    # An import that changes a fact and an entity the store has (their texts, so their search
    # records, names and strings of names) and adds nothing.
    data = json.loads(store.read_text(encoding="utf-8"))
    figure = next(f for f in data["facts"].values() if "value" in f)
    entity = next(e for e in data["entities"].values() if e["kind"] == "company")
    edited = tmp_path / "edited.jsonl"
    edited.write_text(
        jsonl(
            ("facts", {**figure, "topic": figure["topic"] + "修订", "text": "改写的说明"}),
            ("entities", {**entity, "aliases": [*entity.get("aliases", []), "另一简称"]}),
        ),
        encoding="utf-8",
    )
    _hz("--db", str(store), "import", str(edited))
    assert (spy.patched, spy.built) == (len(ADDED) + 1, 0)
    assert _contents(cache_path(store)) == _contents(_rebuilt(store, tmp_path / "ed", monkeypatch))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    patched = _answers(store, tmp_path / "cache", monkeypatch)
    _rebuilt(store, tmp_path / "last", monkeypatch)
    copy = tmp_path / "last" / "copy" / store.name
    assert patched == _answers(copy, tmp_path / "last" / "rebuilt", monkeypatch)


def test_a_write_the_old_index_is_not_of_builds_it_from_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "s.json"
    _hz("--db", str(store), "init")
    con = sqlite3.connect(cache_path(store))  # the digest of another file
    with con:
        con.execute("UPDATE info SET value = 'beef' WHERE key = 'sha256'")
    con.close()
    spy = _Spy(monkeypatch)
    _hz("--db", str(store), "add", str(ARTICLES / ADDED[0]))
    assert (spy.patched, spy.built) == (0, 1)
    assert _contents(cache_path(store)) == _contents(_rebuilt(store, tmp_path, monkeypatch))


def test_the_first_write_after_hz_index_of_a_store_hz_did_not_write_patches_its_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "s.json"
    _hz("--db", str(store), "init")
    store.write_bytes(store.read_bytes())  # the same bytes, now another program's file
    settle(store)
    assert not indexing.written_by_hz(store)
    _hz("--db", str(store), "index")
    assert indexing.indexed_digest(store) is not None  # the bytes hz index read
    assert not indexing.written_by_hz(store)  # which says nothing of hz check
    spy = _Spy(monkeypatch)
    _hz("--db", str(store), "add", str(ARTICLES / ADDED[0]))
    assert (spy.patched, spy.built) == (1, 0)
    assert indexing.written_by_hz(store)  # checked by its rows before the write
    assert _contents(cache_path(store)) == _contents(_rebuilt(store, tmp_path, monkeypatch))


def test_a_patch_that_fails_midway_leaves_the_index_a_build_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "s.json"
    _hz("--db", str(store), "init")

    def no_room(*args: Any) -> None:
        raise index_patch.NotPatched("no room left between two search places")

    monkeypatch.setattr(index_patch._SearchPatch, "_insert", no_room)
    spy = _Spy(monkeypatch)
    _hz("--db", str(store), "add", str(ARTICLES / ADDED[0]))
    assert (spy.patched, spy.built) == (0, 1)
    assert _contents(cache_path(store)) == _contents(_rebuilt(store, tmp_path, monkeypatch))
    assert not list((tmp_path / "cache" / "hz").glob("*.tmp"))


def _search_table(places: list[int]) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    con.executescript(
        "CREATE TABLE search_rows (place INTEGER PRIMARY KEY, kind INTEGER, row INTEGER, "
        "len INTEGER, para INTEGER, norm TEXT);"
        "CREATE VIRTUAL TABLE search_fts USING fts5(norm, content='', columnsize=0, "
        "detail=none, tokenize='trigram case_sensitive 1');"
    )
    for row, place in enumerate(places):
        con.execute("INSERT INTO search_rows VALUES (?, 0, ?, 3, 1, 'abc')", (place, row * 10))
    return con


def test_new_search_records_go_between_their_neighbours_spread_evenly() -> None:
    con = _search_table([SEARCH_GAP, 2 * SEARCH_GAP])
    patch = index_patch._SearchPatch(con)
    keys = [((0, 3, 1, r), "abd") for r in (1, 2, 3, 11, 12)]  # three after row 0, two after 10
    patch._insert(keys)
    found = con.execute("SELECT place, row FROM search_rows ORDER BY place").fetchall()
    assert [r for _, r in found] == [0, 1, 2, 3, 10, 11, 12]
    places = [p for p, _ in found]
    assert places[:5] == [SEARCH_GAP + SEARCH_GAP * i // 4 for i in range(4)] + [2 * SEARCH_GAP]
    assert places[5] > 2 * SEARCH_GAP and places[6] > places[5]


def test_no_room_between_two_places_is_no_patch() -> None:
    con = _search_table([5, 6])
    with pytest.raises(index_patch.NotPatched, match="no room"):
        index_patch._SearchPatch(con)._insert([((0, 3, 1, 5), "abd")])


def test_only_a_few_changed_rows_are_patched() -> None:
    before = {"entities": 300_000, "facts": 1_000_000, "blocks": 100_000}
    assert index_patch.worth_patching(before, {"entities": 300, "facts": 1000, "blocks": 50})
    assert not index_patch.worth_patching(before, {"facts": 400_000})
    assert index_patch.worth_patching({"entities": 0, "facts": 0, "blocks": 0}, {"facts": 9_000})
    assert not index_patch.worth_patching({"facts": 0}, {"facts": 1_000_000})
