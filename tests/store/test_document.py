"""Reading a store file: strict decoding of every odd document, exact numbers, and the
in-memory backend's lookup dicts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import SHIPPED_PATH, generate, make_store
from hightech_cli.errors import StoreError
from hightech_cli.store import open_store
from hightech_cli.store.document import dumps, read_store_file


@pytest.fixture
def stores(tmp_path):
    synthetic = tmp_path / "synthetic.json"
    make_store.write_store(synthetic, 300, make_store.Template(make_store.TEMPLATE))
    return {"SYN": str(synthetic)}


BAD_DOCUMENTS: list[bytes] = [
    b"",
    b" \n\t ",
    b'{"meta": {}',
    b'\xef\xbb\xbf{"meta": {}}',
    b'{"a": "\xff"}',
    b'{"a": "\xed\xa0\x80"}',
    b'{"a": "\\ud800"}',
    b'{"a": NaN, "b": Infinity, "c": -Infinity}',
    b'{"a": 123456789012345678901234567890}',
    b'{"a": 1e400}',
    b'{"a": "tab\there"}',
    b'{"a": 1, "a": 2}',
    b'{"a": 1} x',
    b"[" * 2000 + b"]" * 2000,
    b'{"meta": {"1": {}}, "entities": {}, "facts": {}, "blocks": {}}',
    b'{"meta": {"1": {}}, "entities": {"1": 5}, "facts": {}, "blocks": {}}',
    b"[]",
]


def _outcome(path: Path) -> object:
    try:
        return read_store_file(path)
    except StoreError as exc:
        return str(exc)


@pytest.mark.parametrize("raw", BAD_DOCUMENTS, ids=range(len(BAD_DOCUMENTS)))
def test_odd_documents_read_or_fail_cleanly(raw, tmp_path):
    path = tmp_path / "store.json"
    path.write_bytes(raw)
    outcome = _outcome(path)
    assert isinstance(outcome, dict | str)
    if isinstance(outcome, str):
        assert outcome.count("\n") == 0
        assert str(path) in outcome


def test_big_integers_are_read_exactly(tmp_path):
    # A store's money is exact integers; no decoder may turn one beyond 64 bits into a float.
    path = tmp_path / "store.json"
    doc = json.loads(make_store.TEMPLATE.read_text(encoding="utf-8"))
    doc["meta"]["1"]["big"] = 10**20 + 1
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert read_store_file(path)["meta"]["1"]["big"] == 10**20 + 1


def test_decoding_leaves_the_garbage_collector_as_it_was():
    import gc

    assert gc.isenabled()
    read_store_file(make_store.TEMPLATE)
    assert gc.isenabled()
    gc.disable()
    try:
        read_store_file(make_store.TEMPLATE)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_store_indexes_answer_as_scans_do(stores):
    store = open_store(stores["SYN"])
    for kind in ("company", "person", "project", "zone", "nothing"):
        assert list(store.entities_of(kind)) == [e for e in store.entities if e["kind"] == kind]
    assert list(store.entities_of("policy", "organisation")) == [
        e for e in store.entities if e["kind"] in ("policy", "organisation")
    ]
    for n in (1, 2, 34, 35, store.blocks[-1]["n"]):
        assert store.block(n) is next(b for b in store.blocks if b["n"] == n)
    assert all(type(row) is dict for row in store.facts[:5])


_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.characters(blacklist_categories=("Cs",))),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(_JSON_VALUES)
def test_the_store_is_written_as_json_dumps_writes_it(value: object) -> None:
    doc = {"_default": {"1": {"v": value}}}
    written = dumps(doc)
    assert json.loads(written) == doc  # the same document, whatever the notation
    if not _odd_floats(value):
        assert written == json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _odd_floats(value: object) -> bool:
    """Whether a float that the two write in different notations is inside ``value``."""
    if isinstance(value, float):
        return value != 0 and not (1e-4 <= abs(value) < 1e16)
    if isinstance(value, list):
        return any(map(_odd_floats, value))
    if isinstance(value, dict):
        return any(map(_odd_floats, value.values()))
    return False


def test_the_shipped_and_a_generated_store_are_written_byte_for_byte(tmp_path: Path) -> None:
    for path in (SHIPPED_PATH, generate(tmp_path / "g.json", 2_000)):
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert dumps(doc) == json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
