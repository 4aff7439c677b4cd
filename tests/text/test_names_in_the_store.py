"""Name lookup on the whole shipped store: zero false matches, and the misses that must miss."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from hightech_cli.cli.app import app
from hightech_cli.errors import Ambiguous, NotFound
from hightech_cli.names import resolve, resolve_one
from hightech_cli.store import open_store


@pytest.fixture(scope="module")
def entities() -> list[dict[str, Any]]:
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "data" / "facts.json"
    return list(open_store(path).entities)


def test_every_name_and_alias_resolves_to_its_own_entity(entities: list) -> None:
    """The false-match rate over every name and alias in the store is zero."""
    checked = 0
    for ent in entities:
        for written in [ent["name"], *ent["aliases"]]:
            got = resolve(written, entities, kinds={ent["kind"]})
            assert [m.entity_id for m in got] == [ent["id"]], written
            checked += 1
    assert checked >= 50


def test_pinyin_keys_resolve_within_their_kind_or_say_ambiguous(entities: list) -> None:
    wrong = []
    for ent in entities:
        for key in ent["keys"]["pinyin"] + ent["keys"]["initials"]:
            ids = [m.entity_id for m in resolve(key, entities, kinds={ent["kind"]})]
            if ent["id"] not in ids:
                wrong.append((key, ent["id"], ids))
    assert wrong == []


@pytest.mark.parametrize(
    ("query", "kind", "expected"),
    [
        ("小优智能", "company", "company:xiaoyou"),
        ("青岛小优智能科技有限公司", "company", "company:xiaoyou"),
        ("  小优智能 ", "company", "company:xiaoyou"),
        ("xiaoyouzhineng", "company", "company:xiaoyou"),
        ("xiaoyou", "company", "company:xiaoyou"),
        ("xyzn", "company", "company:xiaoyou"),
        ("小优", "company", "company:xiaoyou"),
        ("ＡｓｔｒａＺｅｎｅｃａ", "company", "company:astrazeneca"),
        ("astrazeneca", "company", "company:astrazeneca"),
        ("Haier Biomedical", "company", "company:haier-biomedical"),
        ("changmugu", "company", "company:changmugu"),
        ("润扬", "company", "company:runyang"),
        ("郭俊兴", "person", "person:guo-junxing"),
        ("e企炬链", "policy", "policy:eqijulian"),
        ("“承诺开工一件事”", "policy", "policy:chengnuo-kaigong"),
        ("gaoxindai", "policy", "policy:gaoxindai"),
    ],
)
def test_lookups_that_must_match(entities: list, query: str, kind: str, expected: str) -> None:
    assert resolve_one(query, entities, kinds={kind})["id"] == expected


@pytest.mark.parametrize(
    ("query", "kind", "error"),
    [
        ("生物", "company", Ambiguous),
        ("青岛", "company", NotFound),
        ("公司", "company", NotFound),
        ("有限公司", "company", NotFound),
        ("科技", "company", NotFound),
        ("小", "company", NotFound),
        ("小尤智能", "company", NotFound),
        ("郭俊兴", "company", NotFound),
        ("阿斯利康", "person", NotFound),
    ],
)
def test_lookups_that_must_not_match_one(
    entities: list, query: str, kind: str, error: type[Exception]
) -> None:
    with pytest.raises(error):
        resolve_one(query, entities, kinds={kind})


def test_typo_suggests_the_right_name() -> None:
    result = CliRunner().invoke(app, ["company", "小尤智能"])
    assert result.exit_code == 1
    assert "did you mean: 小优智能" in result.stderr


def test_a_name_in_traditional_characters_finds_the_simplified_one() -> None:
    runner = CliRunner()
    written = runner.invoke(app, ["company", "小優智能", "--json"])
    plain = runner.invoke(app, ["company", "小优智能", "--json"])
    assert written.exit_code == 0 and written.stdout == plain.stdout
    assert json.loads(written.stdout)["id"] == "company:xiaoyou"
    person = runner.invoke(app, ["people", "徐凱", "--json"])
    assert person.exit_code == 0 and json.loads(person.stdout)["name"] == "徐凯"
    miss = runner.invoke(app, ["company", "小優智慧"])
    assert miss.exit_code == 1
    assert miss.stderr == "hz: error: no company matches '小優智慧' (did you mean: 小优智能)\n"


def test_shell_completion_offers_entity_names() -> None:
    env = {"_HZ_COMPLETE": "complete_bash", "COMP_WORDS": "hz company ", "COMP_CWORD": "2"}
    result = CliRunner().invoke(app, [], env=env, prog_name="hz")
    offered = result.stdout.split()
    assert "小优智能" in offered and "阿斯利康" in offered and "郭俊兴" not in offered
    env = {"_HZ_COMPLETE": "complete_bash", "COMP_WORDS": "hz company 小", "COMP_CWORD": "2"}
    result = CliRunner().invoke(app, [], env=env, prog_name="hz")
    assert result.stdout.split() == ["小优智能"]
    env = {"_HZ_COMPLETE": "complete_bash", "COMP_WORDS": "hz people 徐", "COMP_CWORD": "2"}
    result = CliRunner().invoke(app, [], env=env, prog_name="hz")
    assert "徐凯" in result.stdout
    env = {"_HZ_COMPLETE": "complete_bash", "COMP_WORDS": "hz policies e", "COMP_CWORD": "2"}
    result = CliRunner().invoke(app, [], env=env, prog_name="hz")
    assert "e企炬链" in result.stdout
