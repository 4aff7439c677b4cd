"""Streams and exits: every way the output or input can fail is one line and a documented
status, on the fast path and the Typer path alike; hz writes UTF-8 whatever the locale."""

from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from helpers import ROOT
from hightech_cli.cli import streams
from hightech_cli.errors import ExitCode, OutputClosed, OutputFailed

HZ = [sys.executable, "-m", "hightech_cli"]
SHIPPED = ROOT / "data" / "facts.json"
# One command line per path and per kind of writer: the fast path (company, projects), the
# Typer path through hz's renderers (stats, search), direct writes (check, export, import
# reports) and Typer's own help.
WRITERS = [
    ["company", "小优智能"],
    ["company", "小优智能", "--json"],
    ["projects", "--chart"],
    ["stats"],
    ["search", "青岛", "-f", "csv"],
    ["check"],
    ["export"],
    ["--help"],
    ["projects", "--help"],
]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update(extra)
    return env


def _hz(args: list[str], **kw: object) -> subprocess.CompletedProcess[bytes]:
    kw.setdefault("env", _env())
    if "stdout" not in kw:
        kw["capture_output"] = True
    return subprocess.run([*HZ, *args], check=False, **kw)  # type: ignore[call-overload]


def _one_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8")
    assert "Traceback" not in text
    assert text.count("\n") == 1, text
    return text


# ------------------------------------------------------------------ the stream wrapper itself


def _wrapped(fd: int) -> io.TextIOWrapper:
    return streams._Stdout(io.FileIO(fd, "w", closefd=False), encoding="utf-8")


def test_a_write_to_a_gone_reader_is_output_closed() -> None:
    read, write = os.pipe()
    os.close(read)
    out = _wrapped(write)
    out.write("x")
    with pytest.raises(OutputClosed):
        out.flush()
    out.write("more")  # what is left goes nowhere: reported once
    out.flush()
    os.close(write)


def test_a_write_to_a_full_device_is_output_failed() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    fd = os.open("/dev/full", os.O_WRONLY)
    out = _wrapped(fd)
    out.write("青岛")
    with pytest.raises(OutputFailed) as caught:
        out.flush()
    assert caught.value.exit_code == ExitCode.OUTPUT
    assert os.strerror(errno.ENOSPC) in str(caught.value)
    os.close(fd)


def test_a_closed_stdin_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from hightech_cli.errors import UsageError

    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(UsageError, match="standard input"):
        streams.standard_input()


# ------------------------------------------------------------------ the real program


@pytest.mark.slow
@pytest.mark.parametrize("args", WRITERS, ids=" ".join)
def test_a_full_disk_is_one_line_and_status_74(args: list[str]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    with Path("/dev/full").open("wb") as full:
        done = _hz(args, stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == ExitCode.OUTPUT
    assert "cannot write the output" in _one_line(done.stderr)


@pytest.mark.slow
@pytest.mark.parametrize("args", WRITERS, ids=" ".join)
def test_a_closed_stdout_is_one_line_and_status_74(args: list[str]) -> None:
    done = subprocess.run(
        [*HZ, *args],
        stdout=None,
        stderr=subprocess.PIPE,
        env=_env(),
        check=False,
        preexec_fn=lambda: os.close(1),
    )
    assert done.returncode == ExitCode.OUTPUT
    assert "standard output is closed" in _one_line(done.stderr)


@pytest.mark.slow
@pytest.mark.parametrize("args", WRITERS, ids=" ".join)
def test_a_closed_pipe_is_status_141_and_silent(args: list[str]) -> None:
    proc = subprocess.Popen(
        [*HZ, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env()
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before hz writes
    err = proc.stderr.read()
    assert (proc.wait(), err) == (ExitCode.PIPE, b"")


@pytest.mark.slow
@pytest.mark.parametrize("command", [["import", "-"], ["extract", "-"]])
def test_a_closed_stdin_is_one_line(command: list[str], tmp_path: Path) -> None:
    done = subprocess.run(
        [*HZ, "--db", str(tmp_path / "s.json"), *command],
        stdin=None,
        capture_output=True,
        env=_env(),
        check=False,
        preexec_fn=lambda: os.close(0),
    )
    assert done.returncode == ExitCode.USAGE
    assert "cannot read standard input" in _one_line(done.stderr)


@pytest.mark.slow
@pytest.mark.parametrize("command", [["import", "-"], ["extract", "-"], ["add", "-"]])
def test_stdin_that_is_the_output_pipe_is_one_line_not_a_hang(
    command: list[str], tmp_path: Path
) -> None:
    # out=$(hz import - <&-): the shell puts the read end of the pipe it reads hz's output
    # from on the closed descriptor 0, so hz waited for ever for its own output to end.
    store = tmp_path / "s.json"
    shutil.copyfile(SHIPPED, store)
    read_end, write_end = os.pipe()
    proc = subprocess.Popen(
        [*HZ, "--db", str(store), *command],
        stdin=read_end,
        stdout=write_end,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    os.close(read_end)
    os.close(write_end)
    try:
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == ExitCode.USAGE
    assert "standard input is the pipe hz writes its output to" in _one_line(err)
    assert store.read_bytes() == SHIPPED.read_bytes()


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
@pytest.mark.parametrize("args", [["stats", "--json"], ["company", "小优智能"], ["stats"]])
def test_utf8_whatever_pythonioencoding_says(encoding: str, args: list[str]) -> None:
    done = _hz(args, env=_env(PYTHONIOENCODING=encoding))
    assert done.returncode == 0, done.stderr
    assert "高新区".encode() in done.stdout or "小优智能".encode() in done.stdout


@pytest.mark.slow
@pytest.mark.parametrize("locale", ["C", "POSIX"])
def test_chinese_arguments_under_a_c_locale(locale: str) -> None:
    env = _env(LC_ALL=locale, PYTHONUTF8="0", LANG=locale)
    env.pop("PYTHONIOENCODING", None)
    done = _hz(["stats", "企业", "--json"], env=env)
    assert done.returncode == 0, done.stderr
    assert "企业".encode() in done.stdout
    card = _hz(["company", "小优智能", "--json"], env=env)
    assert card.returncode == 0 and b'"company:xiaoyou"' in card.stdout


@pytest.mark.slow
@pytest.mark.parametrize("columns", ["0", "-3", "abc", "", "1", "99999999"])
def test_any_columns_value_draws_the_table(columns: str) -> None:
    done = _hz(["companies"], env=_env(COLUMNS=columns))
    assert done.returncode == 0
    assert "小优智能".encode() in done.stdout


def test_no_color_means_no_escape_codes_even_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from hightech_cli.cli.render import Column, Format, emit_list

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    rows = [{"t": "阿斯利康", "spans": [[0, 2]]}]
    cols = [Column("t", lambda r: r["t"], spans=lambda r: r["spans"])]
    for no_color, expect in (("1", False), ("", True)):
        monkeypatch.setenv("NO_COLOR", no_color)
        monkeypatch.setenv("TERM", "xterm-256color")
        out = Tty()
        emit_list(rows, cols, Format.table, out=out)
        assert ("\x1b[" in out.getvalue()) is expect, out.getvalue()


@pytest.mark.parametrize("columns", ["0", "-3", "abc", "1", "99999999"])
def test_table_width_is_always_usable(columns: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from hightech_cli.cli.render import MAX_WIDTH, MIN_WIDTH, table_width

    monkeypatch.setenv("COLUMNS", columns)
    assert MIN_WIDTH <= table_width(io.StringIO()) <= MAX_WIDTH


@pytest.mark.slow
def test_a_closed_pipe_after_an_import_is_141(tmp_path: Path) -> None:
    store = tmp_path / "s.json"
    assert _hz(["--db", str(store), "init"]).returncode == 0
    exported = tmp_path / "all.jsonl"
    exported.write_bytes(_hz(["--db", str(store), "export", "-f", "jsonl"]).stdout)
    for extra in ([], ["--dry-run"], ["--json"]):
        args = [*HZ, "--db", str(store), "import", str(exported), *extra]
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        err = proc.stderr.read()
        assert (proc.wait(), err) == (ExitCode.PIPE, b""), extra


# ------------------------------------------------------------------ output onto input

# Each writer appends to the file it reads (`>>`, or `1<>` that writes from its start): the
# store, an import file, an article; hz reads the file, so that what it wrote before landed
# in it (a second document after the store's: every later command "not valid JSON").
ONTO_INPUT = [
    (["export"], "store", 1),
    (["export", "-f", "jsonl"], "store", 1),
    (["companies", "--json"], "store", 1),
    (["company", "小优智能"], "store", 1),
    (["companies", "--limit", "1"], "store", 2),
    (["import", "{jsonl}"], "jsonl", 1),
    (["extract", "{article}"], "article", 1),
]


@pytest.mark.slow
@pytest.mark.parametrize(("args", "onto", "fd"), ONTO_INPUT)
@pytest.mark.parametrize("indexed", [False, True])
def test_output_onto_a_file_hz_reads_is_refused(
    tmp_path: Path, args: list[str], onto: str, fd: int, indexed: bool
) -> None:
    store = tmp_path / "s.json"
    env = _env(HZ_INDEX_MIN_BYTES="0" if indexed else "100000000")
    assert _hz(["--db", str(store), "init"], env=env).returncode == 0
    if indexed:
        os.utime(store, ns=(store.stat().st_mtime_ns - 3_600_000_000_000,) * 2)
        assert _hz(["--db", str(store), "index"], env=env).returncode == 0
    files = {"store": store, "jsonl": tmp_path / "i.jsonl", "article": tmp_path / "a.txt"}
    files["jsonl"].write_bytes(_hz(["--db", str(store), "export", "-f", "jsonl"]).stdout)
    files["article"].write_text("青岛高新区今年签约项目20个，总投资50亿元。\n", encoding="utf-8")
    before = {name: path.read_bytes() for name, path in files.items()}
    named = [a.format(jsonl=files["jsonl"], article=files["article"]) for a in args]
    with files[onto].open("ab") as out:
        streams = (
            {"stdout": out, "stderr": subprocess.PIPE}
            if fd == 1
            else {"stderr": out, "stdout": subprocess.DEVNULL}
        )
        done = _hz(["--db", str(store), *named], env=env, **streams)
    assert done.returncode == ExitCode.NOT_FOUND
    assert {name: path.read_bytes() for name, path in files.items()} == before
    if fd == 1:
        assert "standard output is the" in _one_line(done.stderr)


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["projects", "--min-invest", "1亿", "--json"],
        ["projects", "--min-invest", "1亿", "-f", "csv"],
        ["projects", "--min-invest", "1亿"],
        ["add", "--rules-only", "ARTICLE"],
        ["--version"],
    ],
    ids=" ".join,
)
def test_a_closed_stderr_drops_the_notes_and_the_answer_stands(
    tmp_path: Path, args: list[str]
) -> None:
    """``2>&-``: the store hz opened took descriptor 2 and was refused as its own stderr, so
    every command said nothing and ended 1 (``--version`` too, on the flush of a None)."""
    article = tmp_path / "yen.txt"
    article.write_text(
        "合肥高新区签约外资项目\n\n2026年3月1日\n\n"
        "日本东丽株式会社投资建设的碳纤维项目总投资50亿日元。"
        "合肥量旌科技有限公司投资建设的量子精密测量项目总投资30亿元。\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "s.json")
    for setup in (["init", "--empty"], ["add", "--rules-only", str(article)]):
        subprocess.run([*HZ, "--db", db, *setup], env=_env(), check=True, capture_output=True)
    before = Path(db).read_bytes()
    argv = [str(article) if a == "ARTICLE" else a for a in args]
    done = subprocess.run(
        [*HZ, "--db", db, *argv],
        stdout=subprocess.PIPE,
        stderr=None,
        env=_env(),
        check=False,
        preexec_fn=lambda: os.close(2),
        timeout=60,
    )
    assert done.returncode == 0
    if args[0] == "projects":
        assert "量子精密测量项目".encode() in done.stdout
        assert b"Traceback" not in done.stdout
    if args[0] == "add":  # the same article again: nothing new, the store as it was
        assert Path(db).read_bytes() == before


def test_ctrl_c_while_hz_starts_is_status_130_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Ctrl-C in the first tens of milliseconds lands in an import, before the fast path or the
    # Typer app catches it: Python printed the import's traceback and died of the signal.
    import hightech_cli.__main__ as entry

    class Ended(Exception):
        pass

    def interrupted() -> None:
        raise KeyboardInterrupt

    def exit_(status: int) -> None:
        raise Ended(status)

    monkeypatch.setattr(entry, "main", interrupted)
    monkeypatch.setattr(entry.os, "_exit", exit_)
    with pytest.raises(Ended) as ended:
        entry.run()
    assert ended.value.args == (ExitCode.INTERRUPTED,)
    assert "Traceback" not in capsys.readouterr().err


class _Trickle(io.RawIOBase):
    """A file that takes a few bytes of each write, as a pipe or a filling disk may; then,
    past ``room`` bytes, fails as a full disk does."""

    def __init__(self, room: int) -> None:
        self.got = bytearray()
        self.room = room
        self.null = os.open(os.devnull, os.O_WRONLY)

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.null  # where _failure sends the rest

    def write(self, b: Any) -> int:
        if len(self.got) >= self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        taken = bytes(b[:7])
        self.got += taken
        return len(taken)


def test_unbuffered_stdout_writes_all_or_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    # With PYTHONUNBUFFERED=1 (set in many containers) the text layer sat on the file itself
    # and dropped what a write did not take: a truncated export and status 0.
    text = "青岛高新区\n" * 1000
    raw = _Trickle(room=10**9)
    out = streams._rewrap(io.TextIOWrapper(raw, encoding="utf-8"), streams._Stdout)
    out.write(text)
    out.flush()
    assert raw.got.decode("utf-8") == text
    full = _Trickle(room=100)
    out = streams._rewrap(io.TextIOWrapper(full, encoding="utf-8"), streams._Stdout)
    with pytest.raises(OutputFailed):
        out.write(text)  # each line goes out at once, as unbuffered asks
