"""The build step: the shipped store is exactly what the curated input rebuilds to."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from hightech_cli.sources.curated import BuildError, build_from_files, build_store

ROOT = Path(__file__).resolve().parents[2]


def _name_keys() -> Any:
    from hightech_cli.sources.keys import name_keys

    return name_keys


def test_shipped_store_is_up_to_date() -> None:
    built = build_from_files(ROOT / "data/curated.toml", ROOT / "data", _name_keys())
    shipped = (ROOT / "data/facts.json").read_text(encoding="utf-8")
    assert built == shipped, "run: python tools/build_store.py"


def test_store_is_readable_utf8_not_escaped() -> None:
    text = (ROOT / "data/facts.json").read_text(encoding="utf-8")
    assert "小优智能" in text
    assert "\\u" not in text


def _no_keys(names: Any) -> Any:
    return {"pinyin": [], "initials": []}


def _curated() -> dict[str, Any]:
    with (ROOT / "data/curated.toml").open("rb") as fh:
        return tomllib.load(fh)


def _original() -> str:
    return (ROOT / "data/source/qingdao-hitech-zone-2026.txt").read_text(encoding="utf-8")


def test_a_quote_not_in_the_source_fails_the_build() -> None:
    curated = _curated()
    curated["fact"][0]["quote"] = "青岛高新区成立于1992年"
    with pytest.raises(BuildError, match="quote not found"):
        build_store(curated, _original(), _no_keys)


def test_an_ambiguous_quote_needs_a_paragraph() -> None:
    curated = _curated()
    fact = next(f for f in curated["fact"] if f["id"] == "zone.mission")
    del fact["para"]
    with pytest.raises(BuildError, match="say which with para"):
        build_store(curated, _original(), _no_keys)


def test_a_wrong_paragraph_fails_the_build() -> None:
    curated = _curated()
    fact = next(f for f in curated["fact"] if f["id"] == "zone.mission")
    fact["para"] = 5
    with pytest.raises(BuildError, match="not in block 5"):
        build_store(curated, _original(), _no_keys)


def test_money_gets_exact_minor_units() -> None:
    store = build_store(_curated(), _original(), _no_keys)
    values = {f["id"]: f.get("value") for f in store["facts"].values()}
    assert values["cdmo.investment"]["minor"] == 26_000_000_000
    assert values["az-inhaler.cumulative-investment"]["minor"] == 88_600_000_000
    assert "minor" not in values["zone.life-health-entities"]


def test_pinyin_keys_are_in_the_store(store_data: dict) -> None:
    ents = {e["name"]: e for e in store_data["entities"].values()}
    assert "xiaoyouzhineng" in ents["小优智能"]["keys"]["pinyin"]
    assert "xyzn" in ents["小优智能"]["keys"]["initials"]
    assert "changmugu" in ents["长木谷"]["keys"]["pinyin"]


def test_the_optional_keys_read_without_evaluating_agree_with_the_schema() -> None:
    from hightech_cli import models

    for record in (models.Entity, models.Fact, models.Block, models.Quantity, models.SourceMeta):
        evaluated = tuple(f.name for f in models.fields(record) if not f.required)
        assert models.optional_keys(record) == evaluated
    assert "full_name" in models.optional_keys(models.Entity)
