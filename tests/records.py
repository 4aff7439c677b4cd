"""Records for the write-path tests: the shipped store, and valid new facts that quote it."""

from __future__ import annotations

import json
from typing import Any

from hightech_cli.store import shipped_store_path

SHIPPED: dict[str, Any] = json.loads(shipped_store_path().read_text(encoding="utf-8"))
FACTS = list(SHIPPED["facts"].values())
EVIDENCE = FACTS[0]["evidence"]
ZONE_ID = next(e["id"] for e in SHIPPED["entities"].values() if e["kind"] == "zone")


def fact(fid: str, text: str = "新事实", **extra: Any) -> dict[str, Any]:
    """A valid new fact about the zone, resting on real evidence."""
    rec = {
        "id": fid,
        "subject": ZONE_ID,
        "kind": "attribute",
        "topic": "测试",
        "text": text,
        "evidence": dict(EVIDENCE),
        "refs": [],
    }
    rec.update(extra)
    return rec


def jsonl(*records: tuple[str, dict[str, Any]]) -> str:
    """An import file: one record a line, each with its table."""
    return "".join(json.dumps({"table": t, **r}, ensure_ascii=False) + "\n" for t, r in records)
