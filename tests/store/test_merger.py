"""The Merger validates only what each import file changes; held to the answer a full check of
the whole merged store gives, over sequences of good and bad files."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import EVIDENCE, SHIPPED, fact
from hightech_cli.store.check import validate
from hightech_cli.store.merge import ImportRejected, Incoming, Merger

STORE = Path("store.json")
SOURCE = EVIDENCE["source"]
LAST_N = max(b["n"] for b in SHIPPED["blocks"].values())


def _entity(eid: str, **extra: Any) -> dict[str, Any]:
    rec = {
        "id": eid,
        "kind": "company",
        "name": f"测试{eid[-3:]}",
        "evidence": [dict(EVIDENCE)],
        "mentions": [EVIDENCE["paragraph"]],
    }
    rec.update(extra)
    return rec


def _file(kind: str, i: int) -> list[tuple[str, dict[str, Any]]]:
    """One import file of a given kind; ``i`` makes its ids its own."""
    if kind == "fact":
        return [("facts", fact(f"t.fact{i}"))]
    if kind == "entity":
        return [("entities", _entity(f"company:t{i:03d}"))]
    if kind == "fact on an earlier file's entity":
        # Names the entity a file of kind "entity" with the number before it would add.
        return [("facts", fact(f"t.ref{i}", subject=f"company:t{i - 1:03d}"))]
    if kind == "unknown subject":
        return [("facts", fact(f"t.bad{i}", subject="company:nowhere"))]
    if kind == "unknown paragraph":
        return [("facts", fact(f"t.para{i}", evidence={**EVIDENCE, "paragraph": LAST_N + 50}))]
    if kind == "new block and a fact on it":
        n = LAST_N + 1 + i
        block = {"source": SOURCE, "n": n, "kind": "paragraph", "text": f"第{i}段新文字。"}
        ev = {"source": SOURCE, "paragraph": n, "quote": f"第{i}段"}
        return [("blocks", block), ("facts", fact(f"t.block{i}", evidence=ev))]
    if kind == "block replaced under a quote":
        n = EVIDENCE["paragraph"]
        return [("blocks", {"source": SOURCE, "n": n, "kind": "paragraph", "text": "改写。"})]
    if kind == "fact updated to a bad quote":
        return [("facts", fact("t.fact0", evidence={**EVIDENCE, "quote": "原文没有这句"}))]
    raise AssertionError(kind)


KINDS = [
    "fact",
    "entity",
    "fact on an earlier file's entity",
    "unknown subject",
    "unknown paragraph",
    "new block and a fact on it",
    "block replaced under a quote",
    "fact updated to a bad quote",
]


def _incoming(records: list[tuple[str, dict[str, Any]]], name: str) -> list[Incoming]:
    return [Incoming(t, copy.deepcopy(r), f"{name} line {k}") for k, (t, r) in enumerate(records)]


def _merged(data: dict[str, Any], records: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """The slow way: the file merged into a copy of the whole store."""
    merged = {**data, **{t: dict(data[t]) for t in ("meta", "entities", "facts", "blocks")}}
    for table, rec in records:
        rows = merged[table]
        if table == "blocks":
            found = [
                k for k, b in rows.items() if (b["source"], b["n"]) == (rec["source"], rec["n"])
            ]
        else:
            found = [k for k, r in rows.items() if r.get("id") == rec["id"]]
        rows[found[0] if found else f"new{len(rows)}"] = rec
    return merged


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(KINDS), min_size=1, max_size=8))
def test_each_file_is_accepted_exactly_when_a_full_check_accepts_it(kinds: list[str]) -> None:
    merger = Merger(copy.deepcopy(SHIPPED))
    slow = copy.deepcopy(SHIPPED)
    for i, kind in enumerate(kinds):
        records = _file(kind, i)
        candidate = _merged(slow, records)
        expected = not validate(candidate)
        try:
            merger.plan(_incoming(records, f"f{i}"), f"f{i}", STORE)
            accepted = True
        except ImportRejected:
            accepted = False
        assert accepted == expected, (kind, i)
        if accepted:
            slow = candidate
    assert not validate(merger.data)
    assert len(merger.data["facts"]) == len(slow["facts"])
    assert sorted(r["id"] for r in merger.data["facts"].values()) == sorted(
        r["id"] for r in slow["facts"].values()
    )


def test_a_rejected_file_leaves_the_merged_store_as_it_was() -> None:
    merger = Merger(copy.deepcopy(SHIPPED))
    merger.plan(_incoming(_file("fact", 1), "a"), "a", STORE)
    before = copy.deepcopy(merger.data)
    bad = [("facts", fact("t.good")), ("facts", fact("t.bad", subject="company:nowhere"))]
    with pytest.raises(ImportRejected) as caught:
        merger.plan(_incoming(bad, "b"), "b", STORE)
    assert any("unknown entity" in p.reason for p in caught.value.problems)
    assert merger.data == before


def test_a_damaged_store_rejects_every_file_with_its_own_problems() -> None:
    data = copy.deepcopy(SHIPPED)
    some_fact = next(iter(data["facts"]))
    data["facts"][some_fact]["subject"] = "company:gone"
    merger = Merger(data)
    for name in ("a", "b"):
        with pytest.raises(ImportRejected) as caught:
            merger.plan(_incoming(_file("fact", 7), name), name, STORE)
        assert any("company:gone" in p.reason for p in caught.value.problems)
