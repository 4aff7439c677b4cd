"""The speed work of issue 7: the fast path in ``__main__``, the store reader, the bench tools.

The fast path must be invisible: for every argument list below, ``hz`` through ``__main__``
(fast path first) and through the Typer app alone give the same stdout, stderr and exit status.
Timings are not tested here; they live in ``bench/``.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from hightech_cli import __main__ as entry
from hightech_cli.build import dumps
from hightech_cli.check import validate
from hightech_cli.errors import StoreError
from hightech_cli.store import Store, read_store_file

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


make_store = _load("make_store")


@pytest.fixture(autouse=True)
def _hz_env(tmp_path_factory, monkeypatch):
    """No HZ_DB and no user store; and the collector back as it was after entry.main()."""
    import gc

    collecting = gc.isenabled()
    monkeypatch.delenv("HZ_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg")))
    monkeypatch.setenv("COLUMNS", "100")
    yield
    if collecting:
        gc.enable()  # entry.main() turns it off for the rest of the (normally hz) process


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> dict[str, str]:
    base = tmp_path_factory.mktemp("stores")
    synthetic = base / "synthetic.json"
    make_store.write_store(synthetic, 300, make_store.Template(make_store.TEMPLATE))
    bad = base / "bad.json"
    bad.write_text('{"meta": {', encoding="utf-8")
    return {
        "SYN": str(synthetic),
        "MISSING": str(base / "missing.json"),
        "DIR": str(base),
        "BAD": str(bad),
    }


# Argument lists; SYN, MISSING, DIR and BAD stand for the paths of the `stores` fixture.
# First the hot commands, which the fast path must take itself (not merely hand over).
FAST: list[list[str]] = [
    ["company", "小优智能", "--json"],
    ["company", "小优智能"],
    ["--db", "SYN", "company", "小优智能", "--json"],
    ["projects", "--min-invest", "2亿"],
    ["projects", "--min-invest", "2亿", "--json"],
]
CASES: list[list[str]] = [
    *FAST,
    ["company", "--json", "小优智能"],
    ["company", "小优智能", "--format", "json"],
    ["company", "小优智能", "-f", "jsonl"],
    ["company", "小优智能", "--json", "--sources"],
    ["company", "阿斯利康", "-s", "--format", "md"],
    ["company", "阿斯利康", "--format", "csv"],
    ["company", "xiaoyou", "--json"],
    ["company", "company:astrazeneca", "--json"],
    ["company", "不存在的公司", "--json"],
    ["company", "小尤智能", "--json"],
    ["company", "生物", "--json"],
    ["company", "", "--json"],
    ["company", "郭俊兴", "--json"],
    ["company", "小优智能", "--json", "--format", "csv"],
    ["company", "小优智能", "--format", "JSON"],
    ["company", "小优智能", "--format", "xml"],
    ["company", "小优智能", "--format=json"],
    ["company", "小优智能", "--bogus"],
    ["company", "小优智能", "--json", "--json"],
    ["company"],
    ["company", "小优智能", "其他"],
    ["company", "--", "小优智能"],
    ["company", "小优智能", "--help"],
    ["--db", "SYN", "company", "小优智能-3", "--json"],
    ["--db", "SYN", "company", "小优", "--json"],
    ["--db=SYN", "company", "小优智能", "--json"],
    ["--db", "MISSING", "company", "小优智能", "--json"],
    ["--db", "DIR", "company", "小优智能", "--json"],
    ["--db", "BAD", "company", "小优智能", "--json"],
    ["--db", "", "company", "小优智能", "--json"],
    ["--db", "--json", "company", "小优智能"],
    ["--db"],
    ["projects", "--max-invest", "5亿", "--sort", "name", "-s"],
    ["projects", "--usd-cny", "7.2", "--min-invest", "1亿美元", "--format", "jsonl"],
    ["projects", "--company", "阿斯利康", "--format", "csv"],
    ["projects", "--company", "nobody"],
    ["projects", "--company", "生物", "--json"],
    ["projects", "--chart"],
    ["projects", "--chart", "--json"],
    ["projects", "--sort", "year", "--format", "md"],
    ["projects", "--min-invest", "abc"],
    ["projects", "--min-invest", "-5亿"],
    ["projects", "--min-invest"],
    ["projects", "--sort", "bogus"],
    ["projects", "--usd-cny", "0"],
    ["projects", "extra"],
    ["--db", "SYN", "projects", "--min-invest", "2亿", "--json"],
    ["--db", "MISSING", "projects"],
    ["companies", "--json"],
    ["nonsense"],
    ["--version"],
    ["--help"],
    [],
]


def _args(case: list[str], stores: dict[str, str]) -> list[str]:
    out = []
    for arg in case:
        for key, path in stores.items():
            if arg == key or arg.endswith(f"={key}"):
                arg = arg[: -len(key)] + path
        out.append(arg)
    return out


def _status(exc: SystemExit) -> int:
    code = exc.code
    return code if isinstance(code, int) else (0 if code is None else 1)


def _via_main(args: list[str], capsys, monkeypatch) -> tuple[str, str, int]:
    monkeypatch.setattr(sys, "argv", ["hz", *args])
    try:
        entry.main()
        code = 0
    except SystemExit as exc:
        code = _status(exc)
    out, err = capsys.readouterr()
    return out, err, code


def _via_typer(args: list[str], capsys) -> tuple[str, str, int]:
    from hightech_cli.cli import app

    try:
        app(args=args)
        code = 0
    except SystemExit as exc:
        code = _status(exc)
    out, err = capsys.readouterr()
    return out, err, code


@pytest.mark.parametrize("case", CASES, ids=[" ".join(c) or "(none)" for c in CASES])
def test_fast_path_behaves_as_typer(case, stores, capsys, monkeypatch):
    args = _args(case, stores)
    fast = _via_main(args, capsys, monkeypatch)
    typer = _via_typer(args, capsys)
    assert fast == typer


@pytest.mark.parametrize("case", FAST, ids=[" ".join(c) for c in FAST])
def test_hot_commands_take_the_fast_path(case, stores, capsys):
    assert entry._fast(_args(case, stores)) is True
    out, err = capsys.readouterr()
    assert out and not err


@pytest.mark.parametrize("case", CASES, ids=[" ".join(c) or "(none)" for c in CASES])
def test_fast_path_answers_fully_reports_one_error_or_writes_nothing(case, stores, capsys):
    status = None
    try:
        handled = entry._fast(_args(case, stores))
    except SystemExit as exc:  # an HzError, reported as the Typer app reports it
        status = _status(exc)
    if status is not None:
        out, err = capsys.readouterr()
        assert status in (1, 2)
        assert out == ""
        assert err.startswith("hz: error: ")
        assert err.count("\n") == 1
        return
    out, err = capsys.readouterr()
    if handled:
        assert out and not err
    else:
        assert (out, err) == ("", "")


def test_completion_is_left_to_typer(monkeypatch, capsys):
    monkeypatch.setenv("_HZ_COMPLETE", "bash_complete")
    assert entry._fast(["company", "小优智能", "--json"]) is False
    assert capsys.readouterr() == ("", "")


_ENTRIES = {
    "typer": "from hightech_cli.cli import app; app()",
    "main": "from hightech_cli.__main__ import main; main()",
    "run": "import sys; sys.argv[0] = 'hz'; from hightech_cli.__main__ import run; run()",
}


def _closed_pipe(args: list[str], *, typer: bool = False, entry: str = "main") -> tuple[str, int]:
    """Run hz with its stdout a pipe whose reader has gone; its stderr and exit status."""
    code = _ENTRIES["typer" if typer else entry]
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before hz writes: its write fails with EPIPE
    err = proc.stderr.read()
    proc.wait()
    return err.decode(), proc.returncode


def test_closed_pipe_ends_both_paths_alike():
    args = ["company", "小优智能", "--json"]
    assert _closed_pipe(args, typer=False) == _closed_pipe(args, typer=True) == ("", 141)
    assert _closed_pipe(["stats"], typer=False) == ("", 141)
    assert _closed_pipe(args, entry="run") == _closed_pipe(["stats"], entry="run") == ("", 141)


def _through(entry: str, args: list[str]) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-c", _ENTRIES[entry], *args], capture_output=True, text=True, check=False
    )
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["company", "小优智能", "--json"],
        ["source", "--format", "jsonl"],  # more than a pipe's buffer: all of it flushed
        ["stats"],
        ["company", "不存在公司"],
        ["projects", "--min-invest", "2亿亿"],
        ["nosuchcommand"],
        ["--help"],
        ["--version"],
    ],
)
def test_the_hz_command_exits_as_main_returns(args):
    """``run`` (the ``hz`` command) ends without freeing memory, and nothing else differs."""
    assert _through("run", args) == _through("main", args)


def test_exit_statuses_are_pythons():
    assert [entry._status(c) for c in (None, 0, 1, 2, 141, 256 + 3)] == [0, 0, 1, 2, 141, 3]
    code = "import sys; from hightech_cli.__main__ import _status; sys.exit(_status('why'))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (1, "why\n")


def test_fast_path_imports_neither_typer_nor_rich_for_json():
    code = (
        "import sys; sys.argv = ['hz', 'company', '小优智能', '--json'];"
        "from hightech_cli.__main__ import main; main();"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'rich', 'pydantic'});"
        "print(heavy, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout)["id"] == "company:xiaoyou"
    assert done.stderr.strip() == "[]"


# ----------------------------------------------------------------------------- the store


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
    store = Store.open(stores["SYN"])
    for kind in ("company", "person", "project", "zone", "nothing"):
        assert list(store.entities_of(kind)) == [e for e in store.entities if e["kind"] == kind]
    assert list(store.entities_of("policy", "organisation")) == [
        e for e in store.entities if e["kind"] in ("policy", "organisation")
    ]
    for n in (1, 2, 34, 35, store.blocks[-1]["n"]):
        assert store.block(n) is next(b for b in store.blocks if b["n"] == n)
    assert all(type(row) is dict for row in store.facts[:5])


# ----------------------------------------------------------------------------- bench tools


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
    run = _load("run")
    counts = make_store.write_store(
        tmp_path / "s.json", 500, make_store.Template(make_store.TEMPLATE)
    )
    assert run.store_rows(500) == (counts["entities"], counts["blocks"])
