"""The start-up fast path of the hot commands (``cli/fast.py``) and the ``hz`` entry point.

The fast path must be invisible: for every argument list below, ``hz`` through ``__main__``
(fast path first) and through the Typer app alone give the same stdout, stderr and exit status;
and it parses with the very option table the Typer commands are built from. Timings live in
``bench/``.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer

from helpers import make_store
from hightech_cli import __main__ as entry
from hightech_cli.cli.app import app
from hightech_cli.cli.fast import DB, HOT, run_fast


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
    ["people", "郭俊兴", "--json"],
    ["people", "郭俊兴"],
    ["policies", "高新贷", "--json", "--sources"],
    ["--db", "SYN", "policies", "e企炬链-3", "--format", "md"],
    ["--json", "company", "小优智能"],
    ["--json", "--db", "SYN", "projects", "--min-invest", "2亿"],
    ["-f", "csv", "people", "郭俊兴"],
]
CASES: list[list[str]] = [
    *FAST,
    ["people", "gjx", "-f", "csv"],
    ["people", "徐恺", "--json"],
    ["people", "不存在的人"],
    ["people", "", "--json"],
    ["people", "--json"],
    ["people", "郭俊兴", "--limit", "1", "--json"],
    ["people", "郭俊兴", "--source", "x"],
    ["people", "郭俊兴", "其他"],
    ["--db", "SYN", "people", "徐凯-3", "--json"],
    ["--db", "MISSING", "people", "郭俊兴"],
    ["policies", "gaoxindai", "--json"],
    ["policies", "高新代"],
    ["policies", "承诺开工", "-s"],
    ["policies", "高新贷", "--offset", "2"],
    ["policies"],
    ["--db", "SYN", "policies", "高新贷", "--json"],
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
    ["--format=md", "company", "小优智能"],
    ["--json", "company", "小优智能", "--format", "csv"],
    ["--json", "company", "小优智能", "--json"],
    ["--json"],
    ["--json", "--", "company", "小优智能"],
    ["-f"],
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
    ["projects", "--sort", ""],
    ["projects", "--usd-cny", ""],
    ["projects", "--usd-cny", "1e5000"],
    ["projects", "--min-invest", ""],
    ["projects", "--company", ""],
    ["projects", "--source", ""],
    ["projects", "--source", "qdhz-2026\u200b"],
    ["projects", "--limit", ""],
    ["projects", "--limit", "２"],
    ["projects", "--offset", "99999999999999999999999"],
    ["projects", "--sort", "name", "--sort", "year"],
    ["search", "企业", "--limit", ""],
    ["search", "企业", "--limit", "٣"],
    ["search", "企业", "--offset", "１"],
    ["search", "\x1b[2J"],
    ["search", "[red]企业"],
    ["company", "\u200b"],
    ["company", "小优智能", "-f", ""],
    ["people", ""],
    ["policies", " "],
    ["projects", "extra"],
    ["--db", "SYN", "projects", "--min-invest", "2亿", "--json"],
    ["search", "小优智能", "--json"],
    ["search", "小优", "投资", "--limit", "3", "--offset", "1", "--json"],
    ["search", "企业", "-n", "0", "--format", "csv"],
    ["search", "企业", "--limit", "-1"],
    ["search", "企业", "--limit", "x"],
    ["search", "企业", "--offset"],
    ["search", "   ", "--json"],
    ["search", '"AND" NEAR(', "--json"],
    ["search"],
    ["--db", "SYN", "search", "小优智能-3", "--json"],
    ["--db", "SYN", "search", "投资", "--limit", "5", "--offset", "7", "--json"],
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
    from hightech_cli.cli.app import app

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
    assert run_fast(_args(case, stores)) is True
    out, err = capsys.readouterr()
    assert out and not err


@pytest.mark.parametrize("case", CASES, ids=[" ".join(c) or "(none)" for c in CASES])
def test_fast_path_answers_fully_reports_one_error_or_writes_nothing(case, stores, capsys):
    status = None
    try:
        handled = run_fast(_args(case, stores))
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
    assert run_fast(["company", "小优智能", "--json"]) is False
    assert capsys.readouterr() == ("", "")


_ENTRIES = {
    "typer": "from hightech_cli.cli.app import app; app()",
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


@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.slow
def test_exit_statuses_are_pythons():
    assert [entry._status(c) for c in (None, 0, 1, 2, 141, 256 + 3)] == [0, 0, 1, 2, 141, 3]
    code = "import sys; from hightech_cli.__main__ import _status; sys.exit(_status('why'))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (1, "why\n")


@pytest.mark.slow
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


@pytest.mark.parametrize("command", list(HOT))
def test_the_typer_commands_declare_the_fast_paths_options(command: str) -> None:
    cmd = typer.main.get_command(app).commands[command]  # type: ignore[attr-defined]
    options = {
        p.name: (tuple(p.opts + p.secondary_opts), p.is_flag)
        for p in cmd.params
        if isinstance(p, typer.core.TyperOption) and p.name != "version"
    }
    arguments = [p for p in cmd.params if isinstance(p, typer.core.TyperArgument)]
    declared, wanted = HOT[command]
    dest = {"company": "company_name", "json": "as_json", "format": "fmt"}
    every = (*declared, DB)  # --db after the command, taken by every command (and --version,
    # which the start-up path leaves to Typer)
    assert options == {dest.get(o.dest, o.dest): (o.names, o.metavar is None) for o in every}
    assert len(arguments) == (1 if wanted == -1 else wanted)
    if wanted == -1:
        assert arguments[0].nargs == -1
