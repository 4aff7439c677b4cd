"""The export served by Datasette: its JSON API answers for a fact, its paragraph and a search.

Datasette (a development dependency) runs as a process on 127.0.0.1 and a free port, and is
stopped in any case when the test ends.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from helpers import SHIPPED, SHIPPED_PATH
from hightech_cli.store.publish import publish_sqlite

pytestmark = pytest.mark.slow

STARTUP_SECONDS = 30.0
FACTS = list(SHIPPED["facts"].values())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of the exported database ``corpus`` in a running Datasette."""
    out = tmp_path_factory.mktemp("datasette") / "corpus.db"
    done = publish_sqlite(SHIPPED_PATH, out)
    port = _free_port()
    log = (out.parent / "datasette.log").open("wb")
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "datasette", "serve", str(out), "-m", str(done.metadata)),
            *("--host", "127.0.0.1", "--port", str(port)),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/corpus"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            assert proc.poll() is None, (out.parent / "datasette.log").read_text()
            try:
                with urllib.request.urlopen(base + ".json", timeout=2):  # noqa: S310 -- http
                    break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, "Datasette did not start in time"
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def get(base: str, path: str, **params: str) -> Any:
    url = f"{base}/{path}?{urllib.parse.urlencode(params)}"
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 -- http, loopback
        return json.load(response)


def test_a_fact_and_its_paragraph(served: str) -> None:
    fact = next(f for f in FACTS if f["subject"] == "company:xiaoyou" and "value" in f)
    rows = get(served, "facts.json", id=fact["id"], _shape="array")
    assert len(rows) == 1
    row = rows[0]
    assert row["text"] == fact["text"] and row["quote"] == fact["evidence"]["quote"]
    assert row["value_text"] == fact["value"]["text"]
    assert row["qualifier"] == fact["value"]["qualifier"]
    assert row["subject_name"] == "小优智能"
    block = get(served, f"blocks/{row['block_id']}.json", _shape="array")[0]
    assert (block["source_id"], block["n"]) == (row["source_id"], row["paragraph"])
    assert fact["evidence"]["quote"] in block["text"]


def test_money_is_an_exact_integer_in_minor_units(served: str) -> None:
    money = next(f for f in FACTS if f.get("value", {}).get("currency") == "USD")
    row = get(served, "facts.json", id=money["id"], _shape="array")[0]
    assert row["amount_minor"] == money["value"]["minor"]
    assert isinstance(row["amount_minor"], int) and row["currency"] == "USD"


def test_search_and_facets(served: str) -> None:
    about = {f["id"] for f in FACTS if f["subject"] == "company:xiaoyou"}
    found = get(served, "facts.json", _search="小优智能", _shape="objects", _size="max")
    assert about <= {r["id"] for r in found["rows"]}
    assert set(found["facet_results"]) >= {"kind", "topic", "subject", "qualifier", "currency"}
    kinds = {f["value"]: f["count"] for f in found["facet_results"]["kind"]["results"]}
    assert sum(kinds.values()) == len(found["rows"])
    # Two characters: search finds nothing, the contains filter does.
    assert get(served, "facts.json", _search="投资", _shape="array") == []
    contains = get(served, "facts.json", text__contains="投资", _shape="array", _size="max")
    assert {r["id"] for r in contains} == {f["id"] for f in FACTS if "投资" in f["text"]}


def test_the_metadata_is_served(served: str) -> None:
    table = get(served, "facts.json", _size="1")
    assert table["license"] == "unknown"
    columns = get(served.rsplit("/", 1)[0], "-/metadata.json")
    assert "amount_minor" in columns["databases"]["corpus"]["tables"]["facts"]["columns"]


def test_the_canned_query_finds_two_characters_with_the_paragraph(served: str) -> None:
    rows = get(served, "facts_with_paragraphs.json", term="小优", _shape="array", _size="max")
    names = {e["id"]: e["name"] for e in SHIPPED["entities"].values()}
    expected = {
        f["id"]
        for f in FACTS
        if any("小优" in t for t in (f["text"], names[f["subject"]], f["evidence"]["quote"]))
    }
    assert {r["id"] for r in rows} == expected and expected
    blocks = {(b["source"], b["n"]): b["text"] for b in SHIPPED["blocks"].values()}
    for r in rows:
        assert r["paragraph_text"] == blocks[(r["source_id"], r["paragraph"])]
        assert r["quote"] in r["paragraph_text"]
