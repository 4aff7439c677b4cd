"""A big JSON-lines import merged part by part (store/bulk.py) accepts, counts, writes and
rejects exactly as the full path does: the same bytes when it lands, and, for everything only
the whole file can decide, the full path's own answer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from helpers import SHIPPED, ZONE_ID, fact, jsonl
from hightech_cli.store import bulk, splice, transfer
from hightech_cli.store.document import dumps
from hightech_cli.store.merge import ImportRejected
from hightech_cli.store.transfer import ExportFormat, export_store, import_file, init_store


@pytest.fixture(autouse=True)
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as big, and parts are a few records, so that a file has many."""
    monkeypatch.setenv("HZ_INDEX_MIN_BYTES", "0")
    monkeypatch.setattr(bulk, "PART", 3)


def _exported() -> str:
    text = export_store(str(Path(__file__).parents[2] / "data" / "facts.json"), ExportFormat.jsonl)
    assert text.text is not None
    return text.text


def _entity(eid: str, name: str) -> dict[str, Any]:
    """A valid company of the shipped article, under a new id and name."""
    from hightech_cli.sources.keys import name_keys

    base = next(e for e in SHIPPED["entities"].values() if e["kind"] == "company")
    rec = {k: v for k, v in base.items() if k != "full_name"}
    return {**rec, "id": eid, "name": name, "aliases": [], "keys": name_keys([name])}


def _both(tmp_path: Path, text: str, *, from_shipped: bool = False, dry_run: bool = False) -> Any:
    """The import of ``text`` by parts and by the full path, each into a new store: what each
    returned or raised, the store's bytes after, and whether the parts decided."""
    results = []
    for parts in (True, False):
        where = tmp_path / ("parts" if parts else "full")
        where.mkdir()
        store = where / "store.json"
        init_store(db=store, from_shipped=from_shipped)
        src = where / "in.jsonl"
        src.write_text(text, encoding="utf-8")
        decided: list[bool] = []
        real = transfer._import_in_parts

        def spy(*args: Any, real: Any = real, decided: list[bool] = decided, **kw: Any) -> Any:
            found = real(*args, **kw)
            decided.append(found is not None)
            return found

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(transfer, "_import_in_parts", spy if parts else lambda *a, **k: None)
            try:
                report = import_file(str(src), db=store, dry_run=dry_run)
                outcome: Any = (report.counts, report.written)
            except ImportRejected as exc:
                shown = [exc.message, *(str(p) for p in exc.problems)]
                outcome = [line.replace(str(where), "<dir>") for line in shown]
        results.append((outcome, store.read_bytes(), decided))
    return results


def test_an_export_lands_by_parts_as_by_the_full_path(tmp_path: Path) -> None:
    extra = jsonl(("facts", fact("x.one")), ("entities", _entity("company:bulk1", "大块公司")))
    (by_parts, parts_bytes, decided), (full, full_bytes, _) = _both(tmp_path, _exported() + extra)
    assert decided == [True]
    assert by_parts == full and by_parts[0]["facts"]["added"] == len(SHIPPED["facts"]) + 1
    assert parts_bytes == full_bytes


def test_a_dry_run_by_parts_counts_as_the_full_path_and_writes_nothing(tmp_path: Path) -> None:
    (by_parts, parts_bytes, decided), (full, full_bytes, _) = _both(
        tmp_path, _exported(), dry_run=True
    )
    assert decided == [True]
    assert by_parts == full and parts_bytes == full_bytes


def test_the_same_file_again_changes_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store.json"
    init_store(db=store)
    src = tmp_path / "in.jsonl"
    src.write_text(_exported(), encoding="utf-8")
    assert import_file(str(src), db=store).written
    before, inode = store.read_bytes(), store.stat().st_ino
    again = import_file(str(src), db=store)
    assert not again.written and again.total("added") == again.total("updated") == 0
    assert store.read_bytes() == before and store.stat().st_ino == inode


def _cases() -> dict[str, str]:
    twice = fact("x.twice")
    return {
        "a bad line": jsonl(("facts", fact("x.a"))) + "{not json\n",
        "a line that is no record": jsonl(("facts", fact("x.a"))) + "[1, 2]\n",
        "an unknown table": jsonl(("facts", fact("x.a"))) + '{"table": "nope"}\n',
        "not UTF-8": jsonl(("facts", fact("x.a"))) + '{"table": "facts", "id": "\xff"}\n',
        "a record twice, parts apart": jsonl(
            ("facts", twice), *[("facts", fact(f"x.{i}")) for i in range(5)], ("facts", twice)
        ),
        "a record twice in one part": jsonl(("facts", twice), ("facts", twice)),
        "two meta records, parts apart": jsonl(
            ("meta", {"schema_version": 1}),
            *[("facts", fact(f"x.{i}")) for i in range(5)],
            ("meta", {"schema_version": 1}),
        ),
        "a reference to a later part": jsonl(
            ("facts", fact("x.ref", refs=[ZONE_ID, "company:later"])),
            *[("facts", fact(f"x.{i}")) for i in range(5)],
            ("entities", _entity("company:later", "后来公司")),
        ),
        "an unknown subject": jsonl(("facts", fact("x.bad", subject="company:nowhere"))),
        "look-alike names, parts apart": jsonl(
            ("entities", _entity("company:wide", "ＡＢＣ科技")),
            *[("facts", fact(f"x.{i}")) for i in range(5)],
            ("entities", _entity("company:narrow", "ABC科技")),
        ),
        "another schema version": jsonl(("meta", {"schema_version": 99})),
        "blank lines only": "\n  \n\r\n",
        "a byte order mark and CRLF": "\ufeff"
        + jsonl(("facts", fact("x.a"))).replace("\n", "\r\n"),
        "a store document": json.dumps(SHIPPED, ensure_ascii=False),
    }


@pytest.mark.parametrize("case", list(_cases()))
def test_what_only_the_whole_file_decides_is_answered_by_the_full_path(
    case: str, tmp_path: Path
) -> None:
    (by_parts, parts_bytes, decided), (full, full_bytes, _) = _both(
        tmp_path, _cases()[case], from_shipped=True
    )
    assert by_parts == full
    assert parts_bytes == full_bytes
    if case == "a reference to a later part":
        assert decided == [False] and by_parts[1] is True, by_parts  # the whole file is valid
    elif case == "a byte order mark and CRLF":
        assert decided == [True] and by_parts[1] is True
    elif case != "a store document":
        assert decided == [False]


def test_a_big_store_hz_did_not_write_is_checked_by_its_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checked a row at a time (not decoded whole), then merged by parts: the same bytes as
    the full path writes."""
    written = []
    for rows in (True, False):
        store = tmp_path / f"store-{rows}.json"
        init_store(db=store, from_shipped=True)
        store.write_bytes(store.read_bytes())  # the same bytes, yet no longer the file hz wrote
        assert not transfer._checked(store)
        whole: list[Path] = []
        real = transfer.read_store_file

        def spy(p: Path, whole: list[Path] = whole, real: Any = real) -> Any:
            whole.append(p)
            return real(p)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(transfer, "read_store_file", spy)
            if not rows:
                patch.setattr(transfer, "_checked_by_rows", lambda target: None)
            src = tmp_path / "in.jsonl"
            src.write_text(jsonl(("facts", fact("x.a"))), encoding="utf-8")
            assert import_file(str(src), db=store).written
        assert bool(whole) is not rows  # by its rows, the store was never decoded whole
        written.append(store.read_bytes())
    assert written[0] == written[1]


def test_a_big_store_with_a_problem_is_reported_by_the_full_path(tmp_path: Path) -> None:
    store = tmp_path / "store.json"
    init_store(db=store, from_shipped=True)
    data = json.loads(store.read_text(encoding="utf-8"))
    row = next(iter(data["facts"].values()))
    row["subject"] = "company:nobody-has-this-id"
    store.write_text(dumps(data), encoding="utf-8")  # laid out as hz writes: only the check
    before = store.read_bytes()
    assert splice.load(store, written=False) is not None
    assert transfer._checked_by_rows(store) is None
    src = tmp_path / "in.jsonl"
    src.write_text(jsonl(("facts", fact("x.a"))), encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        import_file(str(src), db=store)
    assert any("company:nobody-has-this-id" in p.reason for p in caught.value.problems)
    assert store.read_bytes() == before


def test_an_import_from_stdin_goes_by_parts_too(tmp_path: Path) -> None:
    import io

    text = _exported()
    written = []
    for how in ("stdin", "file"):
        store = tmp_path / f"store-{how}.json"
        init_store(db=store)
        if how == "stdin":
            report = import_file("-", db=store, stdin=io.BytesIO(text.encode("utf-8")))
        else:
            src = tmp_path / "in.jsonl"
            src.write_text(text, encoding="utf-8")
            report = import_file(str(src), db=store)
        assert report.written
        written.append(store.read_bytes())
    assert written[0] == written[1]
