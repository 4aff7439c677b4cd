"""Shared fixtures: every test reads the project's own store, never a user's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
STORE = DATA / "facts.json"
ORIGINAL = DATA / "source" / "qingdao-hitech-zone-2026.txt"


@pytest.fixture(autouse=True)
def _isolated_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Point hz at the shipped store and keep any user store out of reach."""
    monkeypatch.setenv("HZ_DB", str(STORE))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture(scope="session")
def store_data() -> dict[str, Any]:
    """The shipped store document as decoded JSON."""
    return json.loads(STORE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def original_text() -> str:
    return ORIGINAL.read_text(encoding="utf-8")


@pytest.fixture
def own_stores(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """For write tests: no HZ_DB, and a home and data directory of the test's own."""
    monkeypatch.delenv("HZ_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
