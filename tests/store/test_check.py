"""hz check: the shipped store is valid, and each kind of damage is reported."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from hightech_cli.store.check import validate


def test_shipped_store_is_valid(store_data: dict) -> None:
    assert validate(store_data) == []


def _fact(store: dict, fact_id: str) -> dict:
    return next(f for f in store["facts"].values() if f["id"] == fact_id)


def _entity(store: dict, entity_id: str) -> dict:
    return next(e for e in store["entities"].values() if e["id"] == entity_id)


def _dup_fact(s: dict) -> None:
    s["facts"]["9999"] = copy.deepcopy(_fact(s, "zone.goal"))


CASES: list[tuple[str, Callable[[dict], Any], str, str]] = [
    ("duplicate fact id", _dup_fact, "id", "duplicate id"),
    (
        "unknown subject",
        lambda s: _fact(s, "zone.goal").update(subject="company:nope"),
        "subject",
        "unknown entity",
    ),
    (
        "unknown ref",
        lambda s: _fact(s, "runyang.profit").update(refs=["policy:nope"]),
        "refs",
        "unknown entity",
    ),
    (
        "unknown org",
        lambda s: _entity(s, "person:xu-kai").update(org="company:nope"),
        "org",
        "unknown entity",
    ),
    (
        "quote not verbatim",
        lambda s: _fact(s, "zone.goal")["evidence"].update(quote="青岛高新区是世界第一"),
        "evidence.quote",
        "verbatim",
    ),
    (
        "quote in another paragraph",
        lambda s: _fact(s, "zone.goal")["evidence"].update(paragraph=5),
        "evidence.quote",
        "verbatim",
    ),
    (
        "paragraph missing",
        lambda s: _fact(s, "zone.goal")["evidence"].update(paragraph=999),
        "evidence.paragraph",
        "no paragraph 999",
    ),
    (
        "unknown source",
        lambda s: _fact(s, "zone.goal")["evidence"].update(source="other"),
        "evidence.source",
        "unknown source",
    ),
    (
        "figure not in quote",
        lambda s: _fact(s, "zone.life-health-entities")["value"].update(text="1700余家"),
        "value.text",
        "does not occur",
    ),
    (
        "bad qualifier",
        lambda s: _fact(s, "zone.life-health-entities")["value"].update(qualifier="lots"),
        "value.qualifier",
        "must be one of",
    ),
    (
        "money minor mismatch",
        lambda s: _fact(s, "cdmo.investment")["value"].update(minor=1),
        "value.minor",
        "is not",
    ),
    (
        "money without minor",
        lambda s: _fact(s, "cdmo.investment")["value"].pop("minor"),
        "value.minor",
        "integer",
    ),
    (
        "bool is not an int",
        lambda s: _fact(s, "zone.plan-period").update(year=True),
        "year",
        "must be an integer",
    ),
    (
        "investment without basis",
        lambda s: _fact(s, "cdmo.investment").pop("basis"),
        "basis",
        "must be one of",
    ),
    (
        "quantity without value",
        lambda s: _fact(s, "zone.little-giants").pop("value"),
        "value",
        "needs a value",
    ),
    (
        "unknown field",
        lambda s: _fact(s, "zone.goal").update(colour="blue"),
        "colour",
        "unknown field",
    ),
    (
        "entity without evidence",
        lambda s: _entity(s, "company:xiaoyou").update(evidence=[]),
        "evidence",
        "at least one",
    ),
    (
        "bad entity id",
        lambda s: _entity(s, "company:xiaoyou").update(id="person:xiaoyou"),
        "id",
        "must look like",
    ),
    (
        "missing name",
        lambda s: _entity(s, "company:gaoce").pop("name"),
        "name",
        "missing",
    ),
    (
        "quote by a non-person",
        lambda s: _fact(s, "xu-kai.quote").update(subject="company:runyang"),
        "subject",
        "must be a person",
    ),
]


@pytest.mark.parametrize(("label", "damage", "field", "reason"), CASES, ids=[c[0] for c in CASES])
def test_damage_is_reported(
    store_data: dict, label: str, damage: Callable[[dict], Any], field: str, reason: str
) -> None:
    store = copy.deepcopy(store_data)
    damage(store)
    problems = validate(store)
    assert any(p.field == field and reason in p.reason for p in problems), problems


@pytest.mark.parametrize("twin", ["QDHZ-2026", "ＱＤＨＺ-2026", "qdhz\u20132026", " qdhz-2026"])
def test_two_source_ids_that_read_alike_are_reported(store_data: dict, twin: str) -> None:
    # hz source and --source read an id as every value is (case, full-width forms, dashes,
    # spaces at the ends): two such ids made each lookup by the other forms ambiguous.
    store = copy.deepcopy(store_data)
    meta = next(iter(store["meta"].values()))
    meta["sources"].append(dict(meta["sources"][0], id=twin))
    problems = validate(store)
    assert any(
        p.table == "meta" and p.field == "sources[1].id" and "reads as 'qdhz-2026'" in p.reason
        for p in problems
    ), problems
    meta["sources"][1]["id"] = "qdhz-2027"
    assert validate(store) == []


def test_all_problems_are_reported_not_just_the_first(store_data: dict) -> None:
    store = copy.deepcopy(store_data)
    for _, damage, _, _ in CASES[:5]:
        damage(store)
    assert len(validate(store)) >= 5


def test_wrong_shapes_do_not_crash() -> None:
    for doc in ({}, {"meta": [], "entities": 1}, {"meta": {"1": {}}, "facts": {"1": 5}}):
        problems = validate(json.loads(json.dumps(doc)))
        assert problems


@pytest.mark.parametrize(
    ("damage", "field"),
    [
        (lambda s: _fact(s, "runyang.profit").update(refs=[["policy:gaoxindai"]]), "refs"),
        (lambda s: _fact(s, "runyang.profit").update(refs=[{"id": 1}]), "refs"),
        (
            lambda s: _fact(s, "zone.goal")["evidence"].update(source=["qdhz-2026"]),
            "evidence.source",
        ),
        (lambda s: _entity(s, "company:gaoce").update(aliases=["ok", 3]), "aliases"),
        (lambda s: _entity(s, "company:gaoce").update(mentions=[True]), "mentions"),
        (lambda s: _entity(s, "company:gaoce")["keys"].update(pinyin=[None]), "keys.pinyin"),
    ],
)
def test_unhashable_or_mistyped_items_are_problems_not_crashes(
    store_data: dict, damage: Callable[[dict], Any], field: str
) -> None:
    store = copy.deepcopy(store_data)
    damage(store)
    problems = validate(store)
    assert any(p.field == field for p in problems), problems


@pytest.mark.parametrize(
    "date",
    ["2025-13", "2025-02-30", "2025-02-29", "1900-02-29", "abc", "", "2025-5", "25", "2025-05-18x"],
)
def test_a_date_that_is_none_is_a_problem_and_never_breaks_the_timeline(
    store_data: dict, date: str, tmp_path: Any
) -> None:
    from typer.testing import CliRunner

    from hightech_cli.cli.app import app

    data = copy.deepcopy(store_data)
    fact = next(f for f in data["facts"].values() if "date" in f)
    fact["date"] = date
    assert any(p.field == "date" for p in validate(data))
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(app, ["--db", str(path), "timeline", "--json"])
    assert "internal error" not in result.stderr
    assert result.exit_code == 0, result.stderr
    assert fact["id"] in {row["id"] for row in json.loads(result.stdout)}


@pytest.mark.parametrize("date", ["2025", "2025-05", "2025-05-18", "2024-02-29", "2000-02-29"])
def test_dates_as_precise_as_their_source_pass(store_data: dict, date: str) -> None:
    data = copy.deepcopy(store_data)
    next(f for f in data["facts"].values() if "date" in f)["date"] = date
    assert not any(p.field == "date" for p in validate(data))


def _nested(depth: int) -> Any:
    value: Any = "deep"
    for _ in range(depth):
        value = [value]
    return value


def _rows_of(tmp_path: Any, data: dict) -> Any:
    """``data`` written as hz writes a store, read back as its rows' bytes."""
    from hightech_cli.store import splice
    from hightech_cli.store.document import dumps

    path = tmp_path / "store.json"
    path.write_text(dumps(data), encoding="utf-8")
    found = splice.load(path, written=False)
    assert found is not None
    return found.tables


def test_a_store_checked_by_its_rows_passes_as_validate_does(
    store_data: dict, tmp_path: Any
) -> None:
    from hightech_cli.store.merge import store_passes

    assert store_passes(_rows_of(tmp_path, store_data))


@pytest.mark.parametrize(("label", "damage", "field", "reason"), CASES, ids=[c[0] for c in CASES])
def test_every_damage_fails_the_check_by_rows(
    store_data: dict,
    tmp_path: Any,
    label: str,
    damage: Callable[[dict], Any],
    field: str,
    reason: str,
) -> None:
    from hightech_cli.store.merge import store_passes

    store = copy.deepcopy(store_data)
    damage(store)
    assert not store_passes(_rows_of(tmp_path, store))


@pytest.mark.parametrize(
    "damage",
    [
        lambda e: e.update(aliases=[*e.get("aliases", []), 7]),  # an item of the wrong type
        lambda e: e.update(notes=[_nested(40)]),
    ],
    ids=["item type", "a list nested deep in a list of texts"],
)
def test_what_only_an_import_refuses_fails_the_check_by_rows(
    store_data: dict, tmp_path: Any, damage: Callable[[dict], Any]
) -> None:
    from hightech_cli.store.merge import store_passes

    store = copy.deepcopy(store_data)
    damage(next(e for e in store["entities"].values() if e["kind"] == "company"))
    assert not store_passes(_rows_of(tmp_path, store))


def test_hz_check_of_a_big_store_reports_as_the_whole_file_does(
    store_data: dict, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hightech_cli.store.document import dumps
    from hightech_cli.store.transfer import check_store

    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(dumps(store_data), encoding="utf-8")
    damaged = copy.deepcopy(store_data)
    _fact(damaged, "zone.goal").update(subject="company:nope")
    bad.write_text(dumps(damaged), encoding="utf-8")
    small = [check_store(good), check_store(bad)]
    monkeypatch.setenv("HZ_INDEX_MIN_BYTES", "0")  # both big: checked by their rows first
    from hightech_cli.store import transfer

    whole: list[Any] = []
    real = transfer.read_store_file
    monkeypatch.setattr(transfer, "read_store_file", lambda p: whole.append(p) or real(p))
    assert [check_store(good), check_store(bad)] == small
    assert small[0].ok and not small[1].ok
    assert whole == [bad]  # the good one was never decoded whole
