"""An index built by two processes where two processors can run them (``indexing.py`` asks).

**Why.** A build is one pass of Python over every row, then SQLite's sorting and indexing, all
on one processor (``bench/results/index-build.md``). The parts of the pass do not depend on
one another: each fills its own tables from the rows alone (``index_fill.py``). So a second
process feeds the parts of ``index_fill.SECOND_PROCESS`` (the search rows and their full-text
table, the did-you-mean pool and its tables) into a database of its own, while the first
feeds every other part into the index itself; the first then copies the second's tables in.

**How the second reads the rows.** It is a fork of the first, made once the file's bytes are
read, so it shares them instead of reading them again. It decodes each row without the checks
that the first makes (``rows.StoreRows.decoded_rows`` says why that gives the same rows); the
first's checked reading decides whether the build is kept at all. Only a build from the file
is split: a writer's decoded document (``index_fill.DocumentRows``) is fed in one process.

**How its tables are copied.** SQLite copies a table into an empty one of the same shape page
by page, its indexes with it (the transfer optimisation of ``INSERT INTO … SELECT *``); the
full-text table is copied through its shadow tables, which hold all of it. The index is the
same, table for table, as one process makes (``tests/store/test_index_build.py``).

**When it goes wrong.** The second's database is a temporary file beside the index's, named
as ``indexing.py`` names its temporaries, so that one left by a killed build is removed in
time. Whatever stops the first (rows it gives up on, a full disk, an interrupt) kills the
second and removes its file; the second's failure fails the build with its reason, and a
second that finds its parent gone stops.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final, NoReturn

from hightech_cli.store import index_fill
from hightech_cli.store.index import SCHEMA
from hightech_cli.store.index_fill import SECOND_PROCESS, Consumer, fill, make_indexes
from hightech_cli.store.rows import StoreRows, Undecided

_CHECK_PARENT_EVERY: Final = 50_000  # rows between the second's looks at whether it is alone
_ATTACHED: Final = "second"


class SecondFailed(Exception):
    """The second process could not fill its part of the index (the message says why)."""


def processors() -> int:
    """How many processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def first_parts(split: bool) -> list[type[Consumer]]:
    """The parts the first (or only) process feeds."""
    return [part for part in index_fill.CONSUMERS if not split or part not in SECOND_PROCESS]


def second_parts() -> list[type[Consumer]]:
    """The parts the second process feeds, in the order of ``index_fill.CONSUMERS``."""
    return [part for part in index_fill.CONSUMERS if part in SECOND_PROCESS]


class Second:
    """The second process of a build: its pid, the pipe it reports on, and its database."""

    def __init__(self, pid: int, report: int, path: Path) -> None:
        self.pid = pid
        self.report: int | None = report
        self.path = path

    @classmethod
    def start(cls, index_path: Path, source: StoreRows) -> Second | None:
        """Fork the second process, feeding its parts of ``source`` into a database beside
        ``index_path``; None (the build is then done in one process) where there is one
        processor, or no fork."""
        if not hasattr(os, "fork") or processors() < 2:
            return None
        prefix = index_path.name.removesuffix(".tmp") + "."
        fd, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=index_path.parent)
        os.close(fd)
        path = Path(name)
        _give_back_freed_memory()
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            path.unlink(missing_ok=True)
            return None
        if pid == 0:
            os.close(read_end)
            _run(path, source, write_end, os.getppid())
        os.close(write_end)
        return cls(pid, read_end, path)

    def copy_into(self, con: sqlite3.Connection) -> None:
        """Wait for the second process, then copy its tables into the index ``con`` writes
        (whose own parts are in); SecondFailed, OSError or Undecided if it failed."""
        report = self._wait()
        if report != b"ok":
            kind, _, why = report.partition(b":")
            reason = why.decode("utf-8", "replace")
            if kind == b"undecided":
                raise Undecided
            if kind == b"rows":
                raise SecondFailed(reason)
            raise OSError(0, reason or "its second process stopped without a word")
        tables = [table for part in second_parts() for table in part.TABLES]
        make_indexes(con, tables)  # on the empty tables: the copy then fills them as it goes
        con.execute(f"ATTACH DATABASE ? AS {_ATTACHED}", (str(self.path),))
        try:
            with con:
                for table in _copied(con, tables):
                    con.execute(f"DELETE FROM main.{table}")  # noqa: S608 (names of the schema)
                    con.execute(f"INSERT INTO main.{table} SELECT * FROM {_ATTACHED}.{table}")  # noqa: S608
        finally:
            con.execute(f"DETACH DATABASE {_ATTACHED}")

    def _wait(self) -> bytes:
        """What the second process reported, once it has ended."""
        assert self.report is not None
        with os.fdopen(self.report, "rb") as pipe:
            self.report = None
            said = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        if not said and os.WIFSIGNALED(status):
            return b"os:its second process was ended by signal %d" % os.WTERMSIG(status)
        return said

    def close(self) -> None:
        """End the second process if it is still running, and remove its database."""
        if self.report is not None:
            os.close(self.report)
            self.report = None
        if self.pid:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self.pid = 0
        with contextlib.suppress(OSError):
            self.path.unlink()


def _give_back_freed_memory() -> None:
    """Return to the system the heap memory that is free but still resident (what a write just
    let go of: the rows it held, the file it read), where the C library can (glibc's
    ``malloc_trim``): the fork would otherwise keep those pages resident in both processes."""
    try:
        import ctypes

        trim = getattr(ctypes.CDLL(None), "malloc_trim", None)  # the C library hz runs on
        if trim is not None:
            trim(0)
    except (ImportError, OSError):
        pass  # no ctypes, or no C library to ask: the memory stays as it is


def _copied(con: sqlite3.Connection, tables: list[str]) -> list[str]:
    """The real tables that hold ``tables``: each itself, or a virtual table's shadow tables."""
    schema = con.execute(
        f"SELECT name, sql FROM {_ATTACHED}.sqlite_master WHERE type = 'table'"  # noqa: S608
    ).fetchall()
    virtual = {name for name, sql in schema if sql.upper().startswith("CREATE VIRTUAL TABLE")}
    out: list[str] = []
    for table in tables:
        if table in virtual:
            out += sorted(n for n, _ in schema if n.startswith(f"{table}_") and n not in virtual)
        else:
            out.append(table)
    return out


class _Decoded:
    """``source``'s rows for the second process: decoded unchecked, and given up on if the
    process that forked it has gone."""

    def __init__(self, source: StoreRows, parent: int) -> None:
        self._source = source
        self._parent = parent
        self.meta = source.meta

    def rows(self, name: str) -> Iterator[tuple[dict[str, Any], None]]:
        for n, item in enumerate(self._source.decoded_rows(name)):
            if n % _CHECK_PARENT_EVERY == 0 and os.getppid() != self._parent:
                raise SecondFailed("the build it was part of has stopped")
            yield item

    def close(self) -> None:
        # Every row is read: this process lets go of its view of the file's bytes, so that
        # once the first lets go of its own they leave memory, instead of staying for the
        # rest of this process's work (sorting, the full-text table) counted to it alone.
        self._source.close()


def _run(path: Path, source: StoreRows, report: int, parent: int) -> NoReturn:
    """The second process: fill its parts into ``path``, report, and end without running
    anything of the first's (no exit handlers, no buffers flushed twice)."""
    try:
        said = b"ok"
        try:
            con = sqlite3.connect(path)
            try:
                con.executescript(SCHEMA)
                with con:
                    fill(con, _Decoded(source, parent), second_parts())
            finally:
                con.close()
        except Undecided:
            said = b"undecided:"
        except OSError as exc:
            said = b"os:" + str(exc.strerror or exc).encode("utf-8", "replace")
        except sqlite3.OperationalError as exc:  # the file, not the rows: a full disk, I/O
            said = b"os:" + str(exc).encode("utf-8", "replace")
        except BaseException as exc:  # whatever it was, the first process must hear of it
            said = b"rows:" + str(exc).encode("utf-8", "replace")
        if said != b"ok":
            path.unlink(missing_ok=True)
        os.write(report, said[:4096])
    finally:
        os._exit(0)
