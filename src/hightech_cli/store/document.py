"""The store document: strict decoding, the table layout, and the one way hz writes it.

A store is one TinyDB JSON document with four tables (``models.py``). Reading is strict, so a
bad file gives one clear ``StoreError`` and never a half-read store: a regular file within the
size limit (``files.py``), UTF-8 (a leading byte order mark is skipped), JSON without NaN or
Infinity (nor a number too large for a float, ``1e400``, which Python reads as an infinity) and
without a key given twice in one object (at any level: a second ``"facts"`` would
hide the first), the layout (every table an object of objects, one ``meta`` row) and the
schema version this hz reads. Decoding runs
with the cyclic garbage collector paused: a decoded document holds no cycles, yet each
collection would walk every object made so far (several times slower on a big store). The
standard library decodes every file: orjson reads an integer beyond 64 bits as a float without a
word, and a store's money is exact integers.
"""

from __future__ import annotations

import gc
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final, cast

from hightech_cli.errors import StoreError
from hightech_cli.models import SCHEMA_VERSION

TABLES: Final = ("meta", "entities", "facts", "blocks")
BOM: Final = "\ufeff"

Document = dict[str, dict[str, dict[str, Any]]]


def read_store_bytes(path: Path) -> bytes:
    """The bytes of a store file: a regular file within the size limit (``files.py``)."""
    from hightech_cli.store.files import read_regular

    try:
        return read_regular(path, "store")
    except StoreError as exc:
        if exc.message.startswith("store not found"):
            exc.hint = "pass --db PATH or set HZ_DB"
        raise


def read_store_file(path: Path) -> Document:
    """Read and decode a store file strictly; every failure is a one-line StoreError."""
    raw = read_store_bytes(path)
    # isspace() rather than strip(): the same test, without copying a file of a gigabyte.
    if not raw or raw.isspace():
        raise StoreError(f"store is empty: {path}")
    collecting = gc.isenabled()
    gc.disable()
    try:
        data = decode(raw, path)
    finally:
        if collecting:
            gc.enable()
    return check_layout(data, path)


def decode(raw: bytes, path: Path) -> object:
    """The bytes of a store (all of it, or one row: ``scan.py``) as UTF-8 JSON, strictly.

    A UTF-8 byte order mark before the text is allowed and skipped, as ``hz import`` skips it.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StoreError(f"store is not UTF-8 text: {path} (byte {exc.start})") from None
    return parse_json(text.removeprefix(BOM), path)


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object as a dict, refusing a key given twice (Python would keep the last).

    The cost, for every object of a store, is measured in ``bench/results/``.
    """
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        twice = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise DuplicateKey(twice)
    return found


class DuplicateKey(ValueError):
    """A JSON object holds the same key twice."""

    def __init__(self, key: str) -> None:
        super().__init__(f"the key {key!r} appears twice in one object")
        self.key = key


def parse_json(text: str, path: Path) -> object:
    """JSON text of the store at ``path``, decoded strictly; every failure is a StoreError."""
    try:
        return json.loads(
            text, parse_float=finite, parse_constant=_no_constant, object_pairs_hook=unique_keys
        )
    except json.JSONDecodeError as exc:
        raise StoreError(
            f"store is not valid JSON: {path} (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise StoreError(f"store is not valid JSON: {path} (nested too deeply)") from None
    except ValueError as exc:  # an integer of more than 4,300 digits, NaN, Infinity, 1e400
        raise StoreError(f"store is not valid JSON: {path} ({exc})") from None


def finite(text: str) -> float:
    """A JSON number with a fraction or exponent, refused if it is beyond a float's range: an
    infinity would come out of hz as ``Infinity`` (no JSON) or ``null`` (another value)."""
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"number out of range: {text[:40]}")
    return number


def _no_constant(name: str) -> object:
    """NaN and Infinity are not JSON; Python's reader would accept them."""
    raise ValueError(f"{name} is not a JSON number")


def check_table(table: object, name: str, path: Path) -> dict[str, dict[str, Any]]:
    """One table as a store must hold it, an object of objects; StoreError otherwise."""
    if not isinstance(table, dict):
        raise StoreError(f"store has the wrong shape: {path} (no table '{name}')")
    for doc_id, doc in table.items():
        if not isinstance(doc, dict):
            raise StoreError(
                f"store has the wrong shape: {path} (table '{name}' row {doc_id} is not an object)"
            )
    return cast(dict[str, dict[str, Any]], table)


def check_layout(data: object, path: Path) -> Document:
    """The decoded document if it has the four tables and one ``meta`` row; StoreError if not."""
    if not isinstance(data, dict):
        raise StoreError(f"store has the wrong shape: {path} (top level is not an object)")
    for name in TABLES:
        check_table(data.get(name), name, path)
    if len(data["meta"]) != 1:
        raise StoreError(f"store has the wrong shape: {path} (table 'meta' needs one row)")
    check_version(next(iter(data["meta"].values())), path)
    return cast(Document, data)


def check_version(meta: Mapping[str, Any], path: Path) -> None:
    """Refuse a store of another schema version: its fields may not mean what hz reads.

    The number must be the JSON integer ``SCHEMA_VERSION``: ``true`` and ``1.0`` equal 1 in
    Python, not in the schema.
    """
    version = meta.get("schema_version")
    if type(version) is not int or version != SCHEMA_VERSION:
        shown = json.dumps(version, ensure_ascii=False)[:40]
        raise StoreError(
            f"store has schema version {shown}, and this hz reads version {SCHEMA_VERSION}: {path}",
            hint="upgrade hz, or check the file with 'hz check'",
        )


def dumps(store: Mapping[str, Any]) -> str:
    """Serialise a store the one way hz writes it: UTF-8 text, not \\u-escaped, stable order.

    Written by msgspec, several times faster than ``json`` on a big store, and byte for byte
    what ``json.dumps(store, ensure_ascii=False, indent=1)`` writes, except for a float below
    0.0001 or from 1e16 on, which msgspec writes in its own notation (``1e16`` for ``1e+16``,
    ``0.00006`` for ``6e-05``): the same number when read (``tests/store/test_document.py``).
    What msgspec cannot write goes through ``json``, which says why."""
    import msgspec

    try:
        raw = msgspec.json.format(_ENCODER.encode(store), indent=1)
    except (msgspec.EncodeError, TypeError, ValueError, OverflowError):
        return json.dumps(store, ensure_ascii=False, indent=1) + "\n"
    return raw.decode("utf-8") + "\n"


class _Encoder:
    """The msgspec encoder, made on first use (lookups never write)."""

    def __init__(self) -> None:
        self._made: Any = None

    def encode(self, value: object) -> bytes:
        if self._made is None:
            import msgspec

            self._made = msgspec.json.Encoder()
        return bytes(self._made.encode(value))


_ENCODER = _Encoder()
