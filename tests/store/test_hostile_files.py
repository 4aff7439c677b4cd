"""Files hz must not reach: links planted beside a store, files that are not regular, endless
files, empty and relative paths, a lock another writer holds, backups kept.

Every write hz makes (store, backup, lock, temporary file, index) is tried with a symbolic link
or a file of another kind at each name it uses; whatever the placement, no file outside the
store's own roles changes or appears, and hz either succeeds or says why in one line.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import socket
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from helpers import fact, jsonl
from hightech_cli.cli.app import app
from hightech_cli.errors import StoreError
from hightech_cli.store import atomic, files, limits, transfer

runner = CliRunner()


@contextlib.contextmanager
def no_hang(seconds: int = 20) -> Iterator[None]:
    """What would hang (a FIFO opened for reading) fails after ``seconds`` instead."""

    def hung(signum: int, frame: Any) -> None:
        raise TimeoutError("hz hung")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.fixture(autouse=True)
def _no_hang() -> Iterator[None]:
    with no_hang(300):
        yield


def run(*args: str, input: str | bytes | None = None) -> Any:
    return runner.invoke(app, list(args), input=input)


def one_line_error(result: Any, *codes: int) -> str:
    assert result.exit_code in codes, (result.exit_code, result.stderr)
    assert result.stderr.startswith("hz: error: ") and result.stderr.count("\n") == 1
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    return str(result.stderr)


def snapshot(root: Path) -> dict[str, tuple[str, bytes | str | None]]:
    """Every entry under ``root``: its kind and its content (a link: where it points)."""
    found: dict[str, tuple[str, bytes | str | None]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                found[str(path.relative_to(root))] = ("link", str(path.readlink()))
            elif stat.S_ISREG(mode):
                found[str(path.relative_to(root))] = ("file", path.read_bytes())
            else:
                found[str(path.relative_to(root))] = (stat.filemode(mode)[0], None)
    return found


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "s" / "facts.json"
    path.parent.mkdir()
    assert run("--db", str(path), "init", "--from-shipped").exit_code == 0
    return path


# ------------------------------------------------------------------ links at every role's name

ROLES = ["facts.json.bak", "facts.json.bak.1", "facts.json.lock"]
# Where a planted link points: a file of someone else's, a name that does not exist yet, a
# directory, a device, the link itself (a loop).
AIMS = ["file", "missing", "directory", "device", "loop"]
WRITES = [["init", "--force", "--from-shipped"], ["import", "IMPORT"]]


def plant(link: Path, aim: str, elsewhere: Path) -> None:
    target = {
        "file": elsewhere / "theirs.txt",
        "missing": elsewhere / "created-by-hz",
        "directory": elsewhere,
        "device": Path("/dev/null"),
        "loop": link,
    }[aim]
    link.unlink(missing_ok=True)  # the lock file the first init left
    link.symlink_to(target)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    placements=st.lists(st.tuples(st.sampled_from(ROLES), st.sampled_from(AIMS)), max_size=3),
    writes=st.lists(st.sampled_from(WRITES), min_size=1, max_size=3),
)
def test_no_link_planted_beside_a_store_is_followed(
    tmp_path_factory: pytest.TempPathFactory,
    placements: list[tuple[str, str]],
    writes: list[list[str]],
) -> None:
    root = tmp_path_factory.mktemp("links")
    db = root / "s" / "facts.json"
    db.parent.mkdir()
    assert run("--db", str(db), "init", "--from-shipped").exit_code == 0
    elsewhere = root / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "theirs.txt").write_text("not hz's\n", encoding="utf-8")
    for name, aim in dict(placements).items():
        plant(db.parent / name, aim, elsewhere)
    new = root / "new.jsonl"
    new.write_text(jsonl(("facts", fact("zone.planted"))), encoding="utf-8")
    before = snapshot(elsewhere)
    for write in writes:
        args = [str(new) if a == "IMPORT" else a for a in write]
        with no_hang():
            result = run("--db", str(db), *args)
        if result.exit_code != 0:
            one_line_error(result, 1, 2)
    assert snapshot(elsewhere) == before  # nothing written, created or replaced out there
    assert not (elsewhere / "created-by-hz").exists()
    for name in dict(placements):
        assert (db.parent / name).is_symlink()  # the links themselves are left alone


def test_a_link_at_the_lock_is_refused_and_never_created(store: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (store.parent / "facts.json.lock").unlink(missing_ok=True)
    (store.parent / "facts.json.lock").symlink_to(elsewhere / "x")
    new = tmp_path / "new.jsonl"
    new.write_text(jsonl(("facts", fact("zone.x"))), encoding="utf-8")
    err = one_line_error(run("--db", str(store), "import", str(new)), 1)
    assert "lock file is a symbolic link" in err
    assert not (elsewhere / "x").exists()


@pytest.mark.parametrize("command", [["init", "--force"], ["import", "NEW"]])
def test_no_store_is_written_over_a_lock_or_into_the_cache(
    store: Path, tmp_path: Path, command: list[str]
) -> None:
    # init --force replaced facts.json.lock with a store: a writer holding the old lock and
    # one taking the new would both write facts.json. A store in the cache directory is
    # removed by the next 'hz index' (it indexes no store).
    from hightech_cli.store.index import cache_dir

    new = tmp_path / "new.jsonl"
    new.write_text(jsonl(("facts", fact("zone.x"))), encoding="utf-8")
    args = [str(new) if a == "NEW" else a for a in command]
    lock = atomic.lock_path(store)
    lock.touch()
    cache_dir().mkdir(parents=True, exist_ok=True)
    (tmp_path / "cache-link").symlink_to(cache_dir())
    for target in (lock, cache_dir() / "facts.json", tmp_path / "cache-link" / "facts.json"):
        before = snapshot(tmp_path)
        err = one_line_error(run("--db", str(target), *args), 1)
        assert "refusing to write a store" in err
        assert snapshot(tmp_path) == before


def test_a_store_the_user_links_to_is_replaced_where_it_lies(store: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(store)
    new = tmp_path / "new.jsonl"
    new.write_text(jsonl(("facts", fact("zone.linked"))), encoding="utf-8")
    assert run("--db", str(link), "import", str(new)).exit_code == 0
    assert link.is_symlink() and "zone.linked" in store.read_text(encoding="utf-8")
    result = run("--db", str(link), "init", "--force")
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and (store.parent / "facts.json.bak").is_file()


# ------------------------------------------------------------------ files of other kinds


def make_kind(path: Path, kind: str) -> None:
    """A file of ``kind`` at ``path``: what hz must never read as a store or replace."""
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    elif kind == "socket":
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(path))
        sock.close()
    elif kind == "device":
        path.symlink_to("/dev/zero")  # a device reached by a link: no root needed
    elif kind == "dangling":
        path.symlink_to(path.parent / "nowhere")
    elif kind == "loop":
        path.symlink_to(path)
    else:
        raise AssertionError(kind)


KINDS = ["fifo", "directory", "socket", "device", "dangling", "loop"]


@settings(max_examples=30, deadline=None)
@given(
    kind=st.sampled_from(KINDS),
    command=st.sampled_from(
        [
            ["stats"],
            ["check"],
            ["company", "小优智能"],
            ["projects"],
            ["export"],
            ["index"],
            ["init", "--force"],
            ["import", "IMPORT"],
        ]
    ),
)
def test_a_store_that_is_no_regular_file_is_one_error(
    tmp_path_factory: pytest.TempPathFactory, kind: str, command: list[str]
) -> None:
    root = tmp_path_factory.mktemp("kinds")
    target = root / "facts.json"
    make_kind(target, kind)
    new = root / "new.jsonl"
    new.write_text(jsonl(("facts", fact("zone.k"))), encoding="utf-8")
    before = snapshot(root)
    args = [str(new) if a == "IMPORT" else a for a in command]
    with no_hang():
        one_line_error(run("--db", str(target), *args), 1)
    assert snapshot(root) == before  # not replaced, nothing beside it (no lock, no backup)


@pytest.mark.parametrize("db", [".", "./", "/"])
@pytest.mark.parametrize("command", [["init"], ["import", "IMPORT"]])
def test_a_store_path_with_no_name_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db: str, command: list[str]
) -> None:
    # ``.`` and ``/`` have no file name: the check for a lock's name once raised ValueError
    # on them (an internal error) before the write could say the path is a directory.
    monkeypatch.chdir(tmp_path)
    new = tmp_path / "new.jsonl"
    new.write_text(jsonl(("facts", fact("zone.k"))), encoding="utf-8")
    before = snapshot(tmp_path)
    args = [str(new) if a == "IMPORT" else a for a in command]
    assert "directory" in one_line_error(run("--db", db, *args), 1)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("exists", [False, True])
@pytest.mark.parametrize(
    "command", [["init"], ["import", "IMPORT"], ["companies"], ["company", "小优智能"]]
)
def test_a_store_path_ending_in_a_slash_names_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exists: bool, command: list[str]
) -> None:
    # A path read as a Path loses its trailing slash: hz --db new/ init created a file "new"
    # (and new.lock), and --db facts.json/ read and wrote facts.json, which the OS refuses.
    monkeypatch.chdir(tmp_path)
    if exists:
        assert run("--db", "facts.json", "init").exit_code == 0
    new = tmp_path / "new.jsonl"
    new.write_text(jsonl(("facts", fact("zone.k"))), encoding="utf-8")
    before = snapshot(tmp_path)
    args = [str(new) if a == "IMPORT" else a for a in command]
    for db in ("facts.json/", "new/", f"{tmp_path}/facts.json//"):
        err = one_line_error(run("--db", db, *args), 1)
        assert "ends in '/'" in err and "directory" in err
        monkeypatch.setenv("HZ_DB", db)
        assert "ends in '/'" in one_line_error(run(*args), 1)
        monkeypatch.delenv("HZ_DB")
    assert snapshot(tmp_path) == before


def test_an_import_file_ending_in_a_slash_is_a_usage_error(store: Path, tmp_path: Path) -> None:
    # hz import new.jsonl/ imported new.jsonl, a path the system refuses.
    new = tmp_path / "new.jsonl"
    new.write_text(jsonl(("facts", fact("zone.k"))), encoding="utf-8")
    before = store.read_bytes()
    err = one_line_error(run("--db", str(store), "import", f"{new}/"), 2)
    assert "ends in '/'" in err and store.read_bytes() == before


def test_a_store_named_just_dot_lock_is_a_store(tmp_path: Path) -> None:
    # ``.lock`` is the lock of no store (its owner would have an empty name).
    target = tmp_path / ".lock"
    result = run("--db", str(target), "init")
    assert result.exit_code == 0, result.stderr
    assert run("--db", str(target), "check").exit_code == 0


@pytest.mark.parametrize("kind", ["fifo", "directory", "socket", "device", "dangling", "loop"])
def test_an_import_file_that_is_no_regular_file_is_a_usage_error(
    store: Path, tmp_path: Path, kind: str
) -> None:
    source = tmp_path / "in.jsonl"
    make_kind(source, kind)
    before = store.read_bytes()
    one_line_error(run("--db", str(store), "import", str(source)), 2)
    assert store.read_bytes() == before


def test_dev_zero_is_refused_as_store_and_import_file(store: Path) -> None:
    for args in (["stats"], ["check"], ["company", "小优智能"]):
        err = one_line_error(run("--db", "/dev/zero", *args), 1)
        assert "not a regular file" in err
    err = one_line_error(run("--db", str(store), "import", "/dev/zero"), 2)
    assert "not a regular file" in err and "hz import -" in err


def test_stdin_is_read_up_to_the_limit(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = jsonl(("facts", fact("zone.stdin")))
    assert run("--db", str(store), "import", "-", input=text).exit_code == 0
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", len(text.encode()) - 1)
    err = one_line_error(run("--db", str(store), "import", "-", input=text), 2)
    assert "over the limit" in err


def test_a_store_over_the_limit_is_refused_before_it_is_read(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", store.stat().st_size - 1)
    for args in (["stats"], ["check"], ["export"]):
        assert "over the limit" in one_line_error(run("--db", str(store), *args), 1)


def test_a_file_growing_while_read_is_cut_at_the_limit(tmp_path: Path) -> None:
    # /dev/zero has size 0 and never ends: the bound holds on what is read, not on st_size.
    class Endless:
        def read(self, n: int) -> bytes:
            return b"0" * n

    with pytest.raises(StoreError, match="over the limit"):
        files._read_upto(Endless(), 10_000, "store", tmp_path, StoreError)  # type: ignore[arg-type]


# ------------------------------------------------------------------ backups


def test_every_init_force_keeps_a_new_backup(store: Path) -> None:
    stores = [store.read_bytes()]
    backups = []
    for _ in range(3):
        result = run("--db", str(store), "init", "--force", "--json")
        assert result.exit_code == 0, result.stderr
        backups.append(Path(json.loads(result.stdout)["backup"]))
        stores.append(store.read_bytes())
    names = [p.name for p in backups]
    assert names == ["facts.json.bak", "facts.json.bak.1", "facts.json.bak.2"]
    # Each backup holds the store as it was before that init, the first one the real store.
    assert [p.read_bytes() for p in backups] == stores[:3]
    text = run("--db", str(store), "init", "--force").stdout
    assert "kept as" in text and "facts.json.bak.3" in text


def test_a_backup_name_taken_by_anything_is_skipped(store: Path, tmp_path: Path) -> None:
    (tmp_path / "theirs").write_text("x", encoding="utf-8")
    (store.parent / "facts.json.bak").symlink_to(tmp_path / "theirs")
    os.mkfifo(store.parent / "facts.json.bak.1")
    old = store.read_bytes()
    result = run("--db", str(store), "init", "--force", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["backup"].endswith("facts.json.bak.2")
    assert (store.parent / "facts.json.bak.2").read_bytes() == old
    assert (tmp_path / "theirs").read_text(encoding="utf-8") == "x"


# ------------------------------------------------------------------ which file


@pytest.mark.parametrize("command", [["stats"], ["check"], ["init"], ["import", "-"], ["export"]])
def test_an_empty_db_is_a_usage_error(
    command: list[str], own_stores: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("init").exit_code == 0  # the user's own store, which "" must not mean
    user = Path(os.environ["XDG_DATA_HOME"]) / "hz" / "facts.json"
    before = user.read_bytes()
    one_line_error(run("--db", "", *command, input=jsonl(("facts", fact("zone.e")))), 2)
    monkeypatch.setenv("HZ_DB", "")
    one_line_error(run(*command, input=jsonl(("facts", fact("zone.e")))), 2)
    assert user.read_bytes() == before


def test_the_fast_path_refuses_an_empty_db_too() -> None:
    from hightech_cli.cli.fast import run_fast

    with pytest.raises(SystemExit) as done:
        run_fast(["--db", "", "company", "小优智能"])
    assert done.value.code == 2


@pytest.mark.parametrize("home", ["", "relative/home"])
def test_no_store_is_made_where_no_absolute_home_is(
    home: str, own_stores: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", "relative/data")  # ignored, as the XDG spec says
    monkeypatch.setenv("HOME", home)
    before = snapshot(tmp_path)
    assert "no place for your store" in one_line_error(run("init"), 1)
    assert snapshot(tmp_path) == before
    assert run("company", "小优智能", "--json").exit_code == 0  # lookups read the shipped one


def test_a_relative_xdg_data_home_is_ignored(
    own_stores: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", "relative")
    assert run("init").exit_code == 0
    assert (Path(os.environ["HOME"]) / ".local/share/hz/facts.json").is_file()
    assert not (tmp_path / "relative").exists()


# ------------------------------------------------------------------ the lock


def test_a_held_lock_is_said_once_with_its_file_and_time(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "new.jsonl"
    source.write_text(jsonl(("facts", fact("zone.lock"))), encoding="utf-8")
    lock = atomic.lock_path(store)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with pytest.raises(atomic.StoreLocked):
            transfer.import_file(str(source), db=store, lock_timeout=0.3)
    finally:
        os.close(fd)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("hz: waiting for another hz")
    assert str(lock) in err and "0.3 s" in err
    transfer.import_file(str(source), db=store, lock_timeout=0.3)  # free: nothing said
    assert capsys.readouterr().err == ""
