"""Stores and import files whose content is hostile or broken: repeated keys, a byte order mark,
oversized text, wrong schema versions and rates, invisible and look-alike names, and any
mutation of a valid store.

The mutation test is the class-level one: whatever field or table of a valid store is dropped,
retyped or replaced, every read command answers or gives one line (exit 1, 2 for a usage error),
never an internal error; as a lookup on a store that fails ``hz check`` is reported as a store
error only when ``check.validate`` names a problem, an internal error here also means that
``hz check`` missed what broke the lookup.
"""

from __future__ import annotations

import contextlib
import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from helpers import SHIPPED, fact, jsonl, settle
from hightech_cli.cli.app import app
from hightech_cli.errors import StoreError
from hightech_cli.store import indexing, limits
from hightech_cli.store.check import validate
from hightech_cli.store.index import cache_path

runner = CliRunner()
TABLES = ("meta", "entities", "facts", "blocks")


def run(*args: str, input: str | bytes | None = None) -> Any:
    return runner.invoke(app, list(args), input=input)


def write(path: Path, doc: Any) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def clean_exit(result: Any) -> None:
    """0, or one line on stderr with exit 1 or 2: never an internal error or a traceback."""
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if result.exit_code != 0:
        # One line on stderr ('hz check' reports its problems on stdout and says nothing more).
        assert result.exit_code in (1, 2) and result.stderr.count("\n") <= 1, result.stderr


@pytest.fixture
def db(tmp_path: Path, own_stores: None) -> Path:
    path = tmp_path / "store.json"
    assert run("--db", str(path), "init", "--from-shipped").exit_code == 0
    return path


# ------------------------------------------------------------------ repeated keys


def _with_repeat(value: Any, path: list[str | int], extra: Any) -> str:
    """``value`` as JSON text, the object at ``path`` holding its first key a second time."""
    if not path:
        assert isinstance(value, dict) and value
        first = next(iter(value))
        body = ", ".join(
            json.dumps(k, ensure_ascii=False) + ": " + json.dumps(v, ensure_ascii=False)
            for k, v in value.items()
        )
        return "{" + body + ", " + json.dumps(first) + ": " + json.dumps(extra) + "}"
    head, rest = path[0], path[1:]
    if isinstance(value, list):
        items = [
            _with_repeat(v, rest, extra) if i == head else json.dumps(v, ensure_ascii=False)
            for i, v in enumerate(value)
        ]
        return "[" + ", ".join(items) + "]"
    parts = [
        json.dumps(k, ensure_ascii=False)
        + ": "
        + (_with_repeat(v, rest, extra) if k == head else json.dumps(v, ensure_ascii=False))
        for k, v in value.items()
    ]
    return "{" + ", ".join(parts) + "}"


def _objects(value: Any, path: list[str | int]) -> list[list[str | int]]:
    """The path of every non-empty object inside ``value``."""
    found = [path] if isinstance(value, dict) and value else []
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else []
    )
    for k, v in items:
        found += _objects(v, [*path, k])
    return found


SMALL = {t: dict(list(SHIPPED[t].items())[:3]) for t in TABLES}
SMALL["meta"] = SHIPPED["meta"]
OBJECT_PATHS = _objects(SMALL, [])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(where=st.sampled_from(OBJECT_PATHS), extra=st.sampled_from([{}, "", None, 0, []]))
def test_a_key_given_twice_anywhere_is_refused(
    tmp_path_factory: pytest.TempPathFactory, where: list[str | int], extra: Any
) -> None:
    root = tmp_path_factory.mktemp("dup")
    store = root / "s.json"
    store.write_text(_with_repeat(SHIPPED, where, extra), encoding="utf-8")
    for args in (["check"], ["stats"], ["company", "小优智能"]):
        result = run("--db", str(store), *args)
        assert result.exit_code == 1 and "appears twice" in result.stderr, result.stderr
    # The same repeat in an import file (a store document) is refused before any write.
    target = root / "t.json"
    assert run("--db", str(target), "init", "--from-shipped").exit_code == 0
    before = target.read_bytes()
    result = run("--db", str(target), "import", str(store))
    assert result.exit_code == 1 and "appears twice" in result.stderr, result.stderr
    assert target.read_bytes() == before


def test_a_second_empty_facts_table_is_no_empty_store(tmp_path: Path) -> None:
    text = json.dumps(SHIPPED, ensure_ascii=False)[:-1] + ', "facts": {}}'
    store = tmp_path / "s.json"
    store.write_text(text, encoding="utf-8")
    result = run("--db", str(store), "check")
    assert result.exit_code == 1 and "'facts' appears twice" in result.stderr


def test_a_repeated_key_in_a_jsonl_line_names_the_line(db: Path, tmp_path: Path) -> None:
    line = jsonl(("facts", fact("zone.dup"))).rstrip("\n")[:-1] + ', "text": "again"}\n'
    source = tmp_path / "in.jsonl"
    source.write_text(line, encoding="utf-8")
    result = run("--db", str(db), "import", str(source))
    assert result.exit_code == 1 and "line 1" in result.stderr and "appears twice" in result.stderr


# ------------------------------------------------------------------ byte order mark


def test_a_bom_is_accepted_by_the_store_as_by_import(db: Path, tmp_path: Path) -> None:
    bommed = tmp_path / "bom.json"
    bommed.write_bytes(b"\xef\xbb\xbf" + db.read_bytes())
    for args in (["check"], ["stats"], ["company", "小优智能", "--json"]):
        result = run("--db", str(bommed), *args)
        assert result.exit_code == 0, result.stderr
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\xef\xbb\xbf" + jsonl(("facts", fact("zone.bom"))).encode())
    assert run("--db", str(bommed), "import", str(source)).exit_code == 0
    assert not bommed.read_bytes().startswith(b"\xef\xbb\xbf")  # hz writes none


# ------------------------------------------------------------------ limits


@pytest.mark.parametrize(
    ("record", "over"),
    [
        (fact("zone.long", text="长" * (limits.MAX_FIELD_CHARS + 1)), "characters, over"),
        (fact("zone.many", refs=["zone:qingdao-hitech"] * (limits.MAX_LIST_ITEMS + 1)), "items"),
        (fact("zone.note", note="x" * (limits.MAX_FIELD_CHARS + 1)), "characters, over"),
    ],
)
def test_text_over_a_limit_is_refused_naming_the_record(
    db: Path, tmp_path: Path, record: dict[str, Any], over: str
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(jsonl(("facts", record)), encoding="utf-8")
    before = db.read_bytes()
    result = run("--db", str(db), "import", str(source))
    assert result.exit_code == 1 and db.read_bytes() == before
    assert f"facts {record['id']} (line 1)" in result.stderr and over in result.stderr
    doc = json.loads(before)
    doc["facts"]["9999"] = record
    check = run("--db", str(write(tmp_path / "c.json", doc)), "check")
    assert check.exit_code == 1 and record["id"] in check.stdout and over in check.stdout


def test_a_record_of_many_fields_each_under_the_limit_is_refused(tmp_path: Path) -> None:
    doc = copy.deepcopy(SHIPPED)
    ent = next(iter(doc["entities"].values()))
    each = limits.MAX_FIELD_CHARS
    ent["aliases"] = [chr(0x4E00 + i) * each for i in range(limits.MAX_RECORD_CHARS // each + 1)]
    problems = [str(p) for p in validate(doc)]
    assert any(ent["id"] in p and "characters of text, over" in p for p in problems), problems


BIG = limits.MAX_INTEGER + 1


@pytest.mark.parametrize(
    ("table", "change", "field"),
    [
        ("facts", lambda f: f.update(year=10**30) if f["kind"] == "event" else None, "year"),
        ("facts", lambda f: f.update(year=-BIG - 1) if f["kind"] == "event" else None, "year"),
        ("entities", lambda e: e.update(year=BIG) if e["kind"] == "project" else None, "year"),
        ("entities", lambda e: e.update(mentions=[3, 10**30]), "mentions"),
        (
            "facts",
            lambda f: f["value"].update(minor=10**4000) if "minor" in f.get("value", {}) else None,
            "value.minor",
        ),
    ],
)
def test_an_integer_beyond_64_bits_is_a_problem_and_no_internal_error(
    tmp_path: Path, table: str, change: Any, field: str
) -> None:
    # Such a store passed 'hz check', and 'hz export -f sqlite' was an internal error
    # (SQLite holds 64-bit integers); a 4000-digit amount was printed whole in the report.
    doc = copy.deepcopy(SHIPPED)
    for rec in doc[table].values():
        change(rec)
    store = write(tmp_path / "s.json", doc)
    check = run("--db", str(store), "check")
    assert check.exit_code == 1 and f"{field}: an integer of" in check.stdout, check.stdout
    assert max(map(len, check.stdout.splitlines())) < 300
    export = run("--db", str(store), "export", "-f", "sqlite", str(tmp_path / "x.db"))
    clean_exit(export)
    if field != "mentions":  # JSON text in the database
        assert export.exit_code == 1 and "hz check" in export.stderr, export.stderr


@pytest.mark.parametrize("number", ["1e400", "-1e400", "1.5e309"])
@pytest.mark.parametrize(
    "command",
    [
        ["stats", "--json"],
        ["export"],
        ["export", "-f", "jsonl"],
        ["export", "-f", "csv", "--kind", "facts"],
        ["check"],
        ["zone", "--json"],
    ],
)
def test_a_number_beyond_a_float_is_refused_as_nan_is(
    tmp_path: Path, number: str, command: list[str]
) -> None:
    # Python reads 1e400 as an infinity: 'hz stats --json' and 'hz export -f jsonl' printed
    # Infinity (no JSON: jq and hz import refuse it), and 'hz export' wrote null instead.
    text = json.dumps(SHIPPED, ensure_ascii=False, indent=1)
    text = text.replace('"number": 1600,', f'"number": {number},', 1)
    assert number in text
    store = tmp_path / "s.json"
    store.write_text(text, encoding="utf-8")
    before = store.read_bytes()
    result = run("--db", str(store), *command)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (
        f"hz: error: store is not valid JSON: {store} (number out of range: {number})\n"
    )
    assert store.read_bytes() == before


def test_the_limits_are_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for figure in (
        limits.MAX_FILE_BYTES,
        limits.MAX_FIELD_CHARS,
        limits.MAX_LIST_ITEMS,
        limits.MAX_RECORD_CHARS,
        limits.MAX_INTEGER,
    ):
        assert f"{figure:,}" in readme


# ------------------------------------------------------------------ meta


@pytest.mark.parametrize("version", [True, 1.0, 2, "1", None, 0])
def test_a_store_of_another_schema_version_is_refused_by_every_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, version: Any, backend: str
) -> None:
    doc = copy.deepcopy(SHIPPED)
    next(iter(doc["meta"].values()))["schema_version"] = version
    store = open_backend(write(tmp_path / "s.json", doc), backend, monkeypatch)
    for args in (["check"], ["company", "小优智能"], ["stats"]):
        result = run("--db", str(store), *args)
        assert result.exit_code == 1 and "schema version" in result.stderr, result.stderr


@pytest.mark.parametrize("rate", ["abc", "0", "-7", "", "NaN", "Infinity", "1e999", 7.1, None])
def test_a_bad_exchange_rate_fails_check_and_is_a_store_error(tmp_path: Path, rate: Any) -> None:
    doc = copy.deepcopy(SHIPPED)
    meta = next(iter(doc["meta"].values()))
    assert meta["exchange_rates"], "the shipped store records a rate"
    meta["exchange_rates"][0]["rate"] = rate
    store = write(tmp_path / "s.json", doc)
    check = run("--db", str(store), "check")
    assert check.exit_code == 1 and "exchange_rates[0].rate" in check.stdout
    result = run("--db", str(store), "projects")
    clean_exit(result)
    # A rate a lookup cannot use is a store error; one it can read ("1e999", 7.1) answers.
    if rate in ("abc", "0", "-7", "", "NaN", "Infinity", None):
        assert result.exit_code == 1 and "exchange rate" in result.stderr, result.stderr


@pytest.mark.parametrize("rate", ["1e5000", "1e999999999999", "7e0"])
def test_a_stored_rate_is_read_by_the_rule_check_holds_it_to(tmp_path: Path, rate: str) -> None:
    # Such a rate fails 'hz check'; a lookup used it all the same, so that 1e5000 was an
    # internal error and 1e999999999999 a conversion that never ended.
    from hightech_cli import query
    from hightech_cli.store.memory import MemoryStore

    doc = copy.deepcopy(SHIPPED)
    next(iter(doc["meta"].values()))["exchange_rates"][0]["rate"] = rate
    store = write(tmp_path / "s.json", doc)
    assert "exchange_rates[0].rate" in run("--db", str(store), "check").stdout
    with pytest.raises(StoreError, match="exchange rate"):
        query.exchange_rate(MemoryStore.read(store))
    if rate != "1e999999999999":  # the CLI only where the code before did end
        result = run("--db", str(store), "projects", "--min-invest", "1亿")
        clean_exit(result)
        assert result.exit_code == 1 and "exchange rate" in result.stderr, result.stderr


@pytest.mark.parametrize("field", ["base", "quote"])
@pytest.mark.parametrize("currency", [["USD"], {"code": "USD"}, 7, None])
def test_a_rate_whose_currency_is_not_text_is_one_problem_in_check(
    tmp_path: Path, field: str, currency: Any
) -> None:
    doc = copy.deepcopy(SHIPPED)
    next(iter(doc["meta"].values()))["exchange_rates"][0][field] = currency
    check = run("--db", str(write(tmp_path / "s.json", doc)), "check")
    clean_exit(check)
    assert check.exit_code == 1 and f"exchange_rates[0].{field}" in check.stdout, check.stderr


# ------------------------------------------------------------------ names that look alike

INVISIBLE = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\ufeff",
    "\u00ad",
    "\u200e",
    "\u202e",
    "\u2066",
    "\u2060",
    "\u180e",
    "\u3164",
    "\ufe0f",
    "\x1b",
    "\x07",
    "\u0085",
]
LOOK_ALIKES = [("金", "\uf90a"), ("Haier", "Ｈａｉｅｒ"), ("AI", "ＡＩ"), ("fi", "ﬁ")]


@settings(max_examples=40, deadline=None)
@given(
    char=st.sampled_from(INVISIBLE),
    at=st.integers(0, 3),
    where=st.sampled_from(["name", "aliases"]),
)
def test_an_invisible_character_in_a_name_is_flagged(char: str, at: int, where: str) -> None:
    doc = copy.deepcopy(SHIPPED)
    ent = next(e for e in doc["entities"].values() if e["kind"] == "company")
    if where == "name":
        ent["name"] = ent["name"][:at] + char + ent["name"][at:]
    else:
        ent["aliases"] = [*ent["aliases"], "小优" + char + "智能"]
    problems = [str(p) for p in validate(doc)]
    assert any(ent["id"] in p and f"U+{ord(char):04X}" in p for p in problems), problems


@pytest.mark.parametrize("char", ["\x1b", "\u200b", "\u202e", "\x00"])
def test_an_invisible_character_in_a_fact_id_is_flagged(
    db: Path, tmp_path: Path, char: str
) -> None:
    # Entity ids were checked and fact ids not: zone.new\u200b imported beside zone.new.
    record = fact("zone.new" + char)
    problems = [str(p) for p in validate(_with_fact(record))]
    assert any(f"U+{ord(char):04X}" in p and ": id: " in p for p in problems), problems
    source = tmp_path / "in.jsonl"
    source.write_text(jsonl(("facts", record)), encoding="utf-8")
    before = db.read_bytes()
    result = run("--db", str(db), "import", str(source))
    assert result.exit_code == 1 and db.read_bytes() == before


def _with_fact(record: dict[str, Any]) -> dict[str, Any]:
    doc = copy.deepcopy(SHIPPED)
    doc["facts"]["99999"] = record
    return doc


@pytest.mark.parametrize(("plain", "alike"), LOOK_ALIKES)
def test_two_entities_named_alike_are_flagged(plain: str, alike: str) -> None:
    doc = copy.deepcopy(SHIPPED)
    companies = [e for e in doc["entities"].values() if e["kind"] == "company"]
    companies[0]["name"], companies[1]["name"] = plain, alike
    problems = [str(p) for p in validate(doc)]
    assert any("looks like" in p and companies[1]["id"] in p for p in problems), problems


def test_the_shipped_store_has_no_such_names() -> None:
    assert validate(SHIPPED) == []


# ------------------------------------------------------------------ mutations of a valid store

READS = [
    ["stats"],
    ["check"],
    ["company", "小优智能"],
    ["company", "长木谷", "--json"],
    ["companies"],
    ["zone"],
    ["policies"],
    ["policies", "-f", "md"],
    ["projects"],
    ["projects", "--json"],
    ["projects", "--min-invest", "1亿"],
    ["people"],
    ["timeline"],
    ["search", "智能"],
    ["source"],
    ["source", "3"],
    ["companies", "-f", "csv"],
    ["export", "--format", "jsonl"],
]
VALUES = [None, True, False, 0, -1, 1.5, 10**30, "", "x", "abc", [], {}, [1], ["x"], {"a": 1}]


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, Any]:
    """A valid store with one thing changed: a table, a row, a field at any depth."""
    doc = copy.deepcopy(SHIPPED)
    table = draw(st.sampled_from(TABLES))
    level = draw(st.sampled_from(["table", "row", "field", "field", "field"]))
    if level == "table":
        if draw(st.booleans()):
            del doc[table]
        else:
            doc[table] = draw(st.sampled_from(VALUES))
        return f"{table} replaced", doc
    rows = doc[table]
    row_id = draw(st.sampled_from(sorted(rows)))
    if level == "row":
        rows[row_id] = draw(st.sampled_from(VALUES))
        return f"{table} row {row_id} replaced", doc
    target: Any = rows[row_id]
    path = [table, row_id]
    while True:
        keys = list(target) if isinstance(target, dict) else list(range(len(target)))
        key = draw(st.sampled_from(keys))
        inner = target[key]
        if isinstance(inner, dict | list) and inner and draw(st.booleans()):
            target, path = inner, [*path, key]
            continue
        break
    if isinstance(target, dict) and draw(st.booleans()):
        del target[key]
        return f"{path}.{key} dropped", doc
    if isinstance(target[key], str) and draw(st.booleans()):
        other = draw(st.sampled_from(["company:xiaoyou", "zone:nowhere", " ", "2025-13-40", "7"]))
        target[key] = other
    else:
        target[key] = draw(st.sampled_from(VALUES))
    return f"{path}.{key} replaced", doc


def open_backend(path: Path, backend: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make reads of ``path`` go through ``backend``: memory, scan or index."""
    if backend != "memory":
        monkeypatch.setenv("HZ_INDEX_MIN_BYTES", "0")
        cache_path(path).unlink(missing_ok=True)
    if backend == "index":
        settle(path)
        # A store no index can hold is then read by the scan.
        with contextlib.suppress(Exception):
            indexing.index_store(path)
    return path


@pytest.fixture(params=["memory", "scan", "index"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _mutated_store_reads_cleanly(
    root: Path, mutation: tuple[str, Any], backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    what, doc = mutation
    store = open_backend(write(root / "s.json", doc), backend, monkeypatch)
    for args in READS:
        result = run("--db", str(store), *args)
        try:
            clean_exit(result)
        except AssertionError as exc:
            raise AssertionError(f"{what}: hz {' '.join(args)} ({backend}): {exc}") from None


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(mutation=mutations())
def test_a_mutated_store_is_answered_or_one_store_error(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    mutation: tuple[str, Any],
) -> None:
    _mutated_store_reads_cleanly(tmp_path_factory.mktemp("mut"), mutation, "memory", monkeypatch)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["scan", "index"])
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(mutation=mutations())
def test_a_mutated_big_store_is_answered_or_one_store_error(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    mutation: tuple[str, Any],
    kind: str,
) -> None:
    _mutated_store_reads_cleanly(tmp_path_factory.mktemp("mut"), mutation, kind, monkeypatch)


def test_a_fact_without_subject_is_flagged_and_a_store_error(tmp_path: Path) -> None:
    doc = copy.deepcopy(SHIPPED)
    del next(iter(doc["facts"].values()))["subject"]
    store = write(tmp_path / "s.json", doc)
    assert "subject: missing" in run("--db", str(store), "check").stdout
    for args in (["zone"], ["companies"], ["company", "小优智能"], ["policies"]):
        result = run("--db", str(store), *args)
        assert result.exit_code == 1 and "store is not valid" in result.stderr, result.stderr
        assert "hz --db" in result.stderr and "check" in result.stderr


def test_a_store_error_is_not_blamed_on_a_valid_store(monkeypatch: pytest.MonkeyPatch) -> None:
    # A bug in hz on a valid store stays an internal error: the store is not blamed for it.
    from hightech_cli import query

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("hz's own")

    monkeypatch.setattr(query, "zone", broken)
    monkeypatch.delenv("HZ_DEBUG", raising=False)
    result = run("zone")
    assert result.exit_code == 1 and "internal error: KeyError" in result.stderr
    assert "store is not valid" not in result.stderr
