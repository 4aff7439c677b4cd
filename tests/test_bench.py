"""The benchmark's tools: the synthetic stores are valid and written as hz writes stores."""

from __future__ import annotations

import json

from helpers import load_bench, make_store
from hightech_cli.store.check import validate
from hightech_cli.store.document import dumps


def _load_run():
    return load_bench("run", "bench_run")


def test_make_store_writes_valid_stores_as_hz_writes_them(tmp_path):
    template = make_store.Template(make_store.TEMPLATE)
    for facts in (1, 79, 250):
        path = tmp_path / f"{facts}.json"
        counts = make_store.write_store(path, facts, template)
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        assert text == dumps(data)  # byte for byte as build.dumps writes a store
        assert counts["facts"] == len(data["facts"]) == facts
        assert validate(data) == []


def test_make_store_copy_zero_is_the_shipped_store(tmp_path):
    template = make_store.Template(make_store.TEMPLATE)
    facts = len(template.facts)
    path = tmp_path / "one.json"
    make_store.write_store(path, facts, template)
    shipped = json.loads(make_store.TEMPLATE.read_text(encoding="utf-8"))
    assert json.loads(path.read_text(encoding="utf-8")) == shipped


def test_bench_counts_rows_as_make_store_writes_them(tmp_path):
    run = _load_run()
    counts = make_store.write_store(
        tmp_path / "s.json", 500, make_store.Template(make_store.TEMPLATE)
    )
    assert run.store_rows(500) == (counts["entities"], counts["blocks"])
