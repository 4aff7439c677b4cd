"""A merge over a store's rows' bytes (store/splice.py) writes, byte for byte, what the full path
writes (the store decoded whole, merged, ``document.dumps``), over several store shapes and
sequences of merges; a file laid out in any other way is left to the full path; and the write
through ``hz import`` and ``hz add`` takes the rows path where it should, and fails safely."""

from __future__ import annotations

import copy
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from helpers import EVIDENCE, ROOT, SHIPPED, ZONE_ID, fact, jsonl
from hightech_cli.cli.app import app
from hightech_cli.errors import StoreError
from hightech_cli.store import indexing, splice, transfer
from hightech_cli.store.document import dumps, read_store_file
from hightech_cli.store.index import IndexedStore
from hightech_cli.store.merge import ImportRejected, Incoming, Merger

SOURCE = EVIDENCE["source"]
LAST_N = max(b["n"] for b in SHIPPED["blocks"].values())
runner = CliRunner()
ARTICLES = sorted((ROOT / "tests" / "articles").glob("*.txt"))


def _odd_values() -> dict[str, Any]:
    """Values whose writing could differ: non-ASCII, escapes, floats, a big integer."""
    return {
        "note": '引号"反斜杠\\换行\n制表\t控制\x01\x7f行分隔\u2028 é 𠮷 /',
        "floats": [0.1, 1.5, -0.0, 6e-05, 1e-07, 1e16, 1.5e300, 123456.789],
        "big": 123456789012345678901234567890,
        "nested": {"empty_list": [], "empty_object": {}, "deep": [[{"k": [1, 2]}]]},
    }


def _shapes() -> dict[str, dict[str, Any]]:
    shipped = copy.deepcopy(SHIPPED)
    odd = copy.deepcopy(SHIPPED)
    first = next(iter(odd["facts"]))
    odd["facts"][first]["extracted"] = _odd_values()
    odd["facts"]["99"] = fact("x.odd", text="非ASCII «»\u3000", value=_odd_values()["floats"])
    no_facts = copy.deepcopy(SHIPPED)
    no_facts["entities"], no_facts["facts"] = {}, {}
    return {"shipped": shipped, "odd values": odd, "empty tables": no_facts}


def _batches() -> list[list[tuple[str, dict[str, Any]]]]:
    """Merges that add, change existing rows (an entity, a fact, meta) and add a block."""
    entity = next(e for e in SHIPPED["entities"].values() if e["kind"] == "zone")
    changed_fact = {**next(iter(SHIPPED["facts"].values())), "text": '改过的文字 "引号" 1e16'}
    return [
        [("facts", fact("x.one", extracted={"confidence": 6e-05, "rule": "测试"}))],
        [("entities", {**entity, "aliases": [*entity.get("aliases", []), "别名\\测试"]})],
        [("facts", changed_fact), ("facts", fact("x.two", text="第二\n行"))],
        [
            (
                "blocks",
                {
                    "source": SOURCE,
                    "n": LAST_N + 1,
                    "kind": "paragraph",
                    "text": "新段。",
                    "lines": [1],
                },
            ),
            (
                "facts",
                fact(
                    "x.three", evidence={"source": SOURCE, "paragraph": LAST_N + 1, "quote": "新段"}
                ),
            ),
        ],
        [
            (
                "meta",
                {
                    "exchange_rates": [
                        {
                            "base": "USD",
                            "quote": "CNY",
                            "rate": "7.25",
                            "as_of": "2026-01-01",
                            "source": "测试",
                        }
                    ]
                },
            )
        ],
        [
            ("facts", fact("x.one", extracted={"confidence": 6e-05, "rule": "测试"}))
        ],  # unchanged: nothing to write
    ]


def _incoming(batch: list[tuple[str, dict[str, Any]]], name: str) -> list[Incoming]:
    return [Incoming(t, copy.deepcopy(r), f"{name} line {i}") for i, (t, r) in enumerate(batch)]


def _full_path(path: Path, batch: list[Incoming], name: str) -> bytes:
    merger = Merger(read_store_file(path), checked=True)
    merger.plan(batch, name, path)
    return dumps(merger.data).encode("utf-8")


def _rows_path(path: Path, batch: list[Incoming], name: str) -> bytes:
    store = splice.load(path)
    assert store is not None, "a store dumps wrote takes the rows path"
    merger = Merger(store.tables, checked=True, keys=store.keys)
    merger.plan(batch, name, path)
    return b"".join(store.pieces())


@pytest.mark.parametrize("shape", list(_shapes()))
def test_the_rows_path_writes_what_the_full_path_writes_merge_after_merge(
    shape: str, tmp_path: Path
) -> None:
    path = tmp_path / "store.json"
    path.write_text(dumps(_shapes()[shape]), encoding="utf-8")
    assert b"".join(splice.load(path).pieces()) == path.read_bytes()  # type: ignore[union-attr]
    for i, batch in enumerate(_batches()):
        name = f"file{i}"
        try:
            full = _full_path(path, _incoming(batch, name), name)
        except ImportRejected:
            with pytest.raises(ImportRejected):
                _rows_path(path, _incoming(batch, name), name)
            continue
        assert _rows_path(path, _incoming(batch, name), name) == full
        path.write_bytes(full)


def test_the_shipped_store_is_laid_out_as_hz_writes_it() -> None:
    store = splice.load(ROOT / "data" / "facts.json")
    assert store is not None
    assert b"".join(store.pieces()) == (ROOT / "data" / "facts.json").read_bytes()


def _respelled(text: str) -> dict[str, str]:
    """The same store spelled otherwise: each is what dumps would not write."""
    doc = json.loads(text)
    reordered = {t: doc[t] for t in ("facts", "meta", "entities", "blocks")}
    first = next(iter(doc["facts"]))
    row = json.dumps(doc["facts"][first], ensure_ascii=False, indent=1).replace("\n", "\n  ")
    return {
        "compact": json.dumps(doc, ensure_ascii=False),
        "ascii escapes": json.dumps(doc, ensure_ascii=True, indent=1) + "\n",
        "tables in another order": json.dumps(reordered, ensure_ascii=False, indent=1) + "\n",
        "another top-level key": text.replace('{\n "meta"', '{\n "extra": {},\n "meta"', 1),
        "no final newline": text.rstrip("\n"),
        "a float in json's notation": text.replace('"topic": ', '"score": 1e+16,\n   "topic": ', 1),
        "a key twice in a row": text.replace('"topic": ', '"topic": "a",\n   "topic": ', 1),
        "a row id twice": text.replace(
            f'  "{first}": {row},', f'  "{first}": {row},\n  "{first}": {row},', 1
        ),
        "a byte order mark": "\ufeff" + text,
        "an escaped slash": text.replace('"topic": "', '"topic": "\\/', 1),
    }


@pytest.mark.parametrize("how", list(_respelled(dumps(SHIPPED))))
def test_a_store_laid_out_otherwise_is_left_to_the_full_path(how: str, tmp_path: Path) -> None:
    text = _respelled(dumps(SHIPPED))[how]
    assert text != dumps(SHIPPED)
    path = tmp_path / "store.json"
    path.write_bytes(text.encode("utf-8"))
    assert splice.load(path) is None


def test_a_store_of_another_schema_version_is_refused_as_a_full_read_refuses_it(
    tmp_path: Path,
) -> None:
    doc = copy.deepcopy(SHIPPED)
    next(iter(doc["meta"].values()))["schema_version"] = 99
    path = tmp_path / "store.json"
    path.write_text(dumps(doc), encoding="utf-8")
    with pytest.raises(StoreError) as from_rows:
        splice.load(path)
    with pytest.raises(StoreError) as from_full:
        read_store_file(path)
    assert from_rows.value.message == from_full.value.message


def test_a_row_table_decodes_strictly_and_holds_what_is_set(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    path.write_text(dumps(SHIPPED), encoding="utf-8")
    store = splice.load(path)
    assert store is not None
    facts = store.tables["facts"]
    first = next(iter(facts))
    assert facts[first] == SHIPPED["facts"][first]
    assert facts[first] is not facts[first]  # decoded when read, not kept
    facts["100000"] = fact("x.new")
    assert "100000" in facts and len(facts) == len(SHIPPED["facts"]) + 1
    assert list(facts)[-1] == "100000"
    with pytest.raises(TypeError):
        del facts[first]


# ------------------------------------------------------------------ through hz import, hz add


@pytest.fixture
def indexed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every store counts as big: it gets an index, and a write hz made is trusted."""
    monkeypatch.setenv("HZ_INDEX_MIN_BYTES", "0")


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    loaded: list[Path] = []
    real = splice.load

    def load(
        path: Path, digest: str | None = None, *, written: bool = True
    ) -> splice.RawStore | None:
        found = real(path, digest, written=written)
        if found is not None:
            loaded.append(path)
        return found

    monkeypatch.setattr(splice, "load", load)
    return loaded


def test_an_import_into_a_store_hz_wrote_takes_the_rows_path_and_writes_the_same_bytes(
    indexed: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    src = tmp_path / "new.jsonl"
    results = []
    for rows_path in (True, False):
        path = tmp_path / f"store-{rows_path}.json"
        transfer.init_store(db=path, from_shipped=True)
        with monkeypatch.context() as patch:
            loaded = _spy(patch)
            if not rows_path:  # the full path: neither written by hz nor checked by rows
                patch.setattr(transfer, "_checked", lambda target: False)
                patch.setattr(transfer, "_checked_by_rows", lambda target: None)
            for i, batch in enumerate(_batches()):
                src.write_text(jsonl(*batch), encoding="utf-8")
                transfer.import_file(str(src), db=path)
                assert bool(loaded) is rows_path, i
        results.append(path.read_bytes())
    assert results[0] == results[1]


def _calls(monkeypatch: pytest.MonkeyPatch, name: str) -> list[Path]:
    """Count the calls of ``splice.<name>``, which is still run."""
    calls: list[Path] = []
    real = getattr(splice, name)

    def spy(*args: Any) -> Any:
        calls.append(args[0])
        return real(*args)

    monkeypatch.setattr(splice, name, spy)
    return calls


def test_a_write_records_the_digest_of_its_bytes_and_the_next_reads_only_the_keys(
    indexed: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "store.json"
    transfer.init_store(db=path, from_shipped=True)
    src = tmp_path / "new.jsonl"
    for i, batch in enumerate(_batches()[:3]):
        assert indexing.written_digest(path) == hashlib.sha256(path.read_bytes()).hexdigest()
        with monkeypatch.context() as patch:
            keys, laid_out = _calls(patch, "_keys"), _calls(patch, "_laid_out")
            src.write_text(jsonl(*batch), encoding="utf-8")
            transfer.import_file(str(src), db=path)
        assert keys and not laid_out, i
    # What the keys read is what laying the rows out again finds.
    digest = indexing.written_digest(path)
    trusted, checked = splice.load(path, digest), splice.load(path)
    assert trusted is not None and checked is not None
    assert trusted.keys == checked.keys


def test_a_store_edited_in_place_with_its_status_put_back_is_read_whole_again(
    indexed: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "store.json"
    transfer.init_store(db=path, from_shipped=True)
    before = path.stat()
    body = path.read_bytes()
    at = body.index("小优智能".encode())
    with path.open("r+b") as f:  # the same inode and size, the mtime put back: the ctime tells
        f.seek(at)
        f.write("小尤智能".encode())
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert not transfer._checked(path)  # by its status (its ctime), no longer the file hz wrote
    keys, laid_out = _calls(monkeypatch, "_keys"), _calls(monkeypatch, "_laid_out")
    src = tmp_path / "new.jsonl"
    src.write_text(jsonl(("facts", fact("x.after"))), encoding="utf-8")
    transfer.import_file(str(src), db=path)
    # Not trusted as the file hz wrote (its keys alone read): every row laid out again and
    # checked, as the rows of a store hz did not write are.
    assert not keys and laid_out
    assert "小尤智能" in path.read_text(encoding="utf-8")  # the edit is the user's: kept


def test_a_store_changed_by_another_program_with_a_problem_is_read_whole(
    indexed: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "store.json"
    transfer.init_store(db=path, from_shipped=True)
    doc = json.loads(path.read_text(encoding="utf-8"))
    next(iter(doc["facts"].values()))["subject"] = "company:nowhere"
    path.write_text(dumps(doc), encoding="utf-8")  # laid out as hz writes, yet not by hz
    loaded = _spy(monkeypatch)
    whole: list[Path] = []
    real = transfer.read_store_file
    monkeypatch.setattr(transfer, "read_store_file", lambda p: whole.append(p) or real(p))
    src = tmp_path / "new.jsonl"
    src.write_text(jsonl(("facts", fact("x.after"))), encoding="utf-8")
    with pytest.raises(ImportRejected) as rejected:
        transfer.import_file(str(src), db=path)
    assert any("company:nowhere" in p.reason for p in rejected.value.problems)
    # Its rows were read to be checked one at a time; the check failing, the store was read
    # whole, as any store with a problem is, for the report of every one.
    assert loaded and whole


def _failing_pieces(monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    """The new file's pieces fail after the first few have been written."""
    real = splice.RawStore.pieces

    def pieces(self: splice.RawStore) -> Iterator[bytes]:
        for n, piece in enumerate(real(self)):
            if n == 3:
                raise error
            yield piece

    monkeypatch.setattr(splice.RawStore, "pieces", pieces)


@pytest.mark.parametrize("through", ["import", "add"])
def test_a_write_that_fails_midway_leaves_the_store_as_it_was(
    through: str, indexed: None, own_stores: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "store.json"
    transfer.init_store(db=path, from_shipped=True)
    before = path.read_bytes()
    loaded = _spy(monkeypatch)
    _failing_pieces(monkeypatch, OSError(28, "No space left on device"))
    if through == "import":
        src = tmp_path / "new.jsonl"
        src.write_text(jsonl(("facts", fact("x.a")), ("facts", fact("x.b"))), encoding="utf-8")
        with pytest.raises(StoreError) as err:
            transfer.import_file(str(src), db=path)
        assert "No space left on device" in err.value.message
    else:
        result = runner.invoke(app, ["add", "-j", "1", "--db", str(path), str(ARTICLES[0])])
        assert result.exit_code == 1 and "No space left on device" in result.output
    assert loaded
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_row_msgspec_cannot_write_sends_the_store_by_the_full_path(
    indexed: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "store.json"
    transfer.init_store(db=path, from_shipped=True)
    expected = copy.deepcopy(json.loads(path.read_text(encoding="utf-8")))
    expected["facts"][str(len(expected["facts"]) + 1)] = fact("x.a")
    _failing_pieces(monkeypatch, splice.Unencodable("no"))
    src = tmp_path / "new.jsonl"
    src.write_text(jsonl(("facts", fact("x.a"))), encoding="utf-8")
    transfer.import_file(str(src), db=path)
    assert path.read_text(encoding="utf-8") == dumps(expected)


def test_hz_add_into_a_store_hz_wrote_links_and_writes_as_the_full_path_does(
    indexed: None, own_stores: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    articles = [str(a) for a in ARTICLES[:3]]
    results = []
    for rows_path in (True, False):
        path = tmp_path / f"store-{rows_path}.json"
        assert runner.invoke(app, ["init", "--from-shipped", "--db", str(path)]).exit_code == 0
        with monkeypatch.context() as patch:
            loaded = _spy(patch)
            asked: list[str] = []
            real = IndexedStore.text_named

            def text_named(
                self: IndexedStore, form: str, asked: list[str] = asked, real: Any = real
            ) -> list[Any]:
                asked.append(form)
                return real(self, form)

            patch.setattr(IndexedStore, "text_named", text_named)
            if not rows_path:  # the full path: neither written by hz nor checked by rows
                patch.setattr(transfer, "_checked", lambda target: False)
                patch.setattr(transfer, "_checked_by_rows", lambda target: None)
            # One article, then all: the second run links names to the first one's.
            first = runner.invoke(app, ["add", "-j", "1", "--db", str(path), articles[0]])
            assert first.exit_code == 0, first.output
            rest = runner.invoke(app, ["add", "-j", "1", "--db", str(path), *articles])
            assert rest.exit_code == 0, rest.output
            assert "already in the store" in rest.output
            assert bool(loaded) is rows_path
            assert bool(asked) is rows_path  # the file's names asked of its index
            again = path.read_bytes()
            stat = path.stat()
            same = runner.invoke(app, ["add", "-j", "1", "--db", str(path), *articles])
            assert same.exit_code == 0 and "unchanged: " in same.output
            assert path.read_bytes() == again and path.stat().st_ino == stat.st_ino
        results.append(again)
    assert results[0] == results[1]
    doc = json.loads(results[0])
    assert any(f["subject"] == ZONE_ID for f in doc["facts"].values())
