"""Lookups in a big store without an index (``scan.py``): what the scan decodes, and what it
leaves to a whole decode.

``HZ_INDEX_MIN_BYTES`` is 0 here, so every store is "big"; ``$XDG_CACHE_HOME`` is empty, so
there is no index and ``open_store`` returns a ``ScannedStore``. That it answers as the whole
file does is ``test_parity.py``'s; timings live in ``bench/``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from helpers import SHIPPED_PATH, generate, memory, scanned
from hightech_cli import query
from hightech_cli.cli.app import app
from hightech_cli.errors import StoreError
from hightech_cli.store import open_store, scan
from hightech_cli.store.document import read_store_file

SHIPPED = SHIPPED_PATH
WHOLE = {"HZ_INDEX_MIN_BYTES": str(1 << 62)}  # the file decoded whole, as small stores are
whole = memory


@pytest.fixture(autouse=True)
def _big_and_unindexed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HZ_INDEX_MIN_BYTES", "0")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 10,000-fact store from bench/make_store.py (copies of the shipped store)."""
    return generate(tmp_path_factory.mktemp("stores") / "facts-10000.json", 10_000)


def write(path: Path, doc: Any) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def cli(path: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    done = CliRunner().invoke(app, ["--db", str(path), *args], env=env)
    return done.exit_code, done.stdout, done.stderr


def test_a_row_is_one_object_however_it_is_reached(generated: Path) -> None:
    fast = scanned(generated)
    about = fast.facts_about("company:xiaoyou")
    ent = fast.get_entity("company:xiaoyou")
    assert any(f is about[0] for f in fast.facts)
    assert any(e is ent for e in fast.entities)


def test_a_lookup_decodes_only_the_rows_it_needs(generated: Path) -> None:
    fast = scanned(generated)
    card = query.company_card(fast, "小优智能")
    assert card["id"] == "company:xiaoyou" and card["quotes"]
    assert not {"entities", "facts", "blocks"} & set(vars(fast))  # no whole table decoded
    decoded = len(fast._entity_table._decoded) + len(fast._fact_table._decoded)
    assert 0 < decoded < 120  # of 3,905 entities and 10,000 facts


@pytest.mark.slow
def test_the_installed_entry_point_answers_by_scan(generated: Path) -> None:
    code = (
        "import sys; from hightech_cli.__main__ import run; sys.argv = ['hz', *sys.argv[1:]]; run()"
    )
    argv = [sys.executable, "-c", code, "--db", str(generated), "company", "小优智能", "--json"]
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout) == query.company_card(whole(generated), "小优智能")


# ------------------------------------------------------- files the scan leaves to a full decode


def _shipped() -> dict[str, Any]:
    return read_store_file(SHIPPED)


def _first(doc: dict[str, Any], table: str) -> dict[str, Any]:
    return next(iter(doc[table].values()))


def _name_not_text(doc: dict[str, Any]) -> None:
    _first(doc, "entities")["name"] = 7


def _refs_null(doc: dict[str, Any]) -> None:
    _first(doc, "facts")["refs"] = None


def _no_subject(doc: dict[str, Any]) -> None:
    del _first(doc, "facts")["subject"]


def _row_not_object(doc: dict[str, Any]) -> None:
    doc["facts"]["999"] = [1, 2]


def _block_not_object(doc: dict[str, Any]) -> None:
    doc["blocks"]["999"] = "text"


def _two_meta_rows(doc: dict[str, Any]) -> None:
    doc["meta"]["2"] = dict(_first(doc, "meta"))


def _no_blocks(doc: dict[str, Any]) -> None:
    del doc["blocks"]


def _lone_surrogate(doc: dict[str, Any]) -> None:
    _first(doc, "entities")["aliases"].append("\ud800")  # json.dumps writes it as \\ud800


DAMAGE = [
    _name_not_text,
    _refs_null,
    _no_subject,
    _row_not_object,
    _block_not_object,
    _two_meta_rows,
    _no_blocks,
    _lone_surrogate,
]


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__)
def test_what_the_scan_cannot_type_is_decoded_whole(damage: Any, tmp_path: Path) -> None:
    doc = _shipped()
    damage(doc)
    path = tmp_path / "s.json"
    path.write_text(json.dumps(doc, indent=1), encoding="utf-8")  # ASCII, as TinyDB writes
    assert scan.scan_file(path) is None
    for args in (["company", "小优智能", "--json"], ["source", "3"], ["people"]):
        code, out, err = cli(path, *args)
        assert (code, out, err) == cli(path, *args, env=WHOLE), (damage.__name__, args)
        assert "Traceback" not in err and err.count("\n") <= 1


@pytest.mark.parametrize(
    "text",
    [
        b"",
        b"  \n",
        b"[]",
        b"{",
        b'{"meta": NaN}',
        b'{"meta": {}, "entities": {}, "facts": {}, "blocks": {}} trailing',
        '{"meta": "\xff"}'.encode("latin-1"),
    ],
)
def test_a_file_that_is_no_store_gets_the_same_error(text: bytes, tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_bytes(text)
    assert scan.scan_file(path) is None
    code, out, err = cli(path, "company", "小优智能")
    assert (code, out, err) == cli(path, "company", "小优智能", env=WHOLE)
    assert code == 1 and err.startswith("hz: error: store ") and err.count("\n") == 1


def test_a_missing_store_or_a_directory_gets_the_same_error(tmp_path: Path) -> None:
    for path in (tmp_path / "nothing.json", tmp_path):
        assert scan.scan_file(path) is None
        assert cli(path, "company", "小优智能") == cli(path, "company", "小优智能", env=WHOLE)


# --------------------------------------------------- rows: decoded as the standard library does


def test_rows_keep_exact_numbers(tmp_path: Path) -> None:
    doc = _shipped()
    fact = next(f for f in doc["facts"].values() if f["subject"] == "company:xiaoyou")
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    big, tiny = "123456789012345678901234567890", "0.1000000000000000055511151231257827"
    fid = json.dumps(fact["id"], ensure_ascii=False)
    # A 30-digit integer and a float given to more digits than a double holds, in one fact.
    text = text.replace(f'"id": {fid},', f'"id": {fid}, "x": {big}, "y": {tiny}, ', 1)
    path = tmp_path / "s.json"
    path.write_text(text, encoding="utf-8")
    plain, fast = whole(path), scanned(path)
    got = next(f for f in fast.facts_about("company:xiaoyou") if f["id"] == fact["id"])
    want = next(f for f in plain.facts_about("company:xiaoyou") if f["id"] == fact["id"])
    assert got == want and list(got) == list(want)
    assert got["x"] == int(big) and got["y"] == float(tiny)


def test_a_row_with_a_repeated_key_is_refused_when_read(tmp_path: Path) -> None:
    doc = _shipped()
    fact = next(f for f in doc["facts"].values() if f["subject"] == "company:xiaoyou")
    fid = json.dumps(fact["id"], ensure_ascii=False)
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    text = text.replace(f'"id": {fid},', f'"id": {fid}, "topic": "first",', 1)
    path = tmp_path / "s.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StoreError, match="'topic' appears twice"):
        whole(path)
    # The scan reads only the rows a lookup needs: this one is refused when it is read.
    with pytest.raises(StoreError, match="'topic' appears twice"):
        scanned(path).facts_about("company:xiaoyou")


@pytest.mark.parametrize("twice", ["row", "table"])
def test_a_repeated_row_id_or_table_is_refused_by_every_reader(tmp_path: Path, twice: str) -> None:
    doc = _shipped()
    rows = list(doc["facts"].items())
    body = ",".join(json.dumps(k) + ":" + json.dumps(v, ensure_ascii=False) for k, v in rows)
    again = json.dumps(rows[0][0]) + ":" + json.dumps(rows[5][1], ensure_ascii=False)
    # A row id given twice; and a whole table given twice, the first time with its rows.
    facts = "{" + body + "," + again + "}"
    if twice == "table":
        facts = "{" + body + '}, "facts": {' + body + "}"
    text = json.dumps({**doc, "facts": {}}, ensure_ascii=False).replace(
        '"facts": {}', f'"facts": {facts}'
    )
    path = tmp_path / "s.json"
    path.write_text(text, encoding="utf-8")
    assert scan.scan_file(path) is None  # the scan leaves it to the whole read, which refuses
    for read in (whole, open_store):
        with pytest.raises(StoreError, match="appears twice in one object"):
            read(path)


def test_a_bad_row_is_reported_when_read_and_not_before(tmp_path: Path) -> None:
    doc = _shipped()
    far = next(e for e in doc["entities"].values() if e["id"] == "person:guo-junxing")
    far["note"] = "SPOIL"
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    path = tmp_path / "s.json"
    # Not UTF-8, in a row that a lookup of 小优智能 never reads: answered (hz check would say).
    path.write_bytes(text.encode("utf-8").replace(b"SPOIL", b"\xff\xfe"))
    code, out, err = cli(path, "company", "长木谷", "--json")
    assert (code, err) == (0, "") and json.loads(out)["name"] == "长木谷"
    code, out, err = cli(path, "people", "郭俊兴")
    assert code == 1 and out == ""
    assert err == f"hz: error: store is not UTF-8 text: {path} (invalid start byte)\n"
    # An integer of 5,000 digits, which Python's reader refuses, in a row that is read.
    path.write_text(text.replace('"SPOIL"', "9" * 5000), encoding="utf-8")
    code, out, err = cli(path, "people", "郭俊兴")
    assert code == 1 and err.startswith(f"hz: error: store is not valid JSON: {path} (")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_the_row_errors_are_store_errors(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    doc = _shipped()
    _first(doc, "entities")["note"] = "SPOIL"
    path.write_bytes(json.dumps(doc, ensure_ascii=False).encode("utf-8").replace(b"SPOIL", b"\xc3"))
    fast = scanned(path)
    with pytest.raises(StoreError, match="not UTF-8"):
        fast.entities  # noqa: B018 - the property decodes the table
