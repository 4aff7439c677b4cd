"""Layers: nothing below the CLI imports typer or rich, and lookups import no amount parser."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

DOMAIN = [
    "hightech_cli.models",
    "hightech_cli.errors",
    "hightech_cli.repair",
    "hightech_cli.build",
    "hightech_cli.store",
    "hightech_cli.check",
    "hightech_cli.names",
    "hightech_cli.search",
    "hightech_cli.numerals",
    "hightech_cli.amounts",
    "hightech_cli.quantities",
    "hightech_cli.views",
    "hightech_cli.query",
    "hightech_cli.storage",
    "hightech_cli.merge",
    "hightech_cli.transfer",
]


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(out.stdout.splitlines()[-1]))


@pytest.mark.parametrize("module", DOMAIN)
def test_domain_modules_import_no_cli_libraries(module: str) -> None:
    loaded = _loaded_after(f"import {module}")
    assert not {m for m in loaded if m.split(".")[0] in {"typer", "rich", "pypinyin", "cn2an"}}


def test_a_lookup_loads_neither_rich_nor_the_amount_parser() -> None:
    code = (
        "import io, contextlib\n"
        "from hightech_cli.cli import app\n"
        "buf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf):\n"
        "    try:\n"
        "        app(['company', '小优智能', '--json'])\n"
        "    except SystemExit as e:\n"
        "        assert e.code == 0, e.code\n"
    )
    loaded = _loaded_after(code)
    parsers = {"hightech_cli.numerals", "hightech_cli.amounts", "hightech_cli.quantities"}
    assert not parsers & loaded
    assert not {m for m in loaded if m == "rich.table" or m == "rich.console"}
