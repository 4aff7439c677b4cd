"""Write a store file safely: atomic replacement under an exclusive lock.

Design. Reads need no lock: a store is only ever replaced whole, never edited in place, so a
reader sees either the old file or the new one (TinyDB's own ``JSONStorage`` truncates and
rewrites in place, which is why hz never writes through it). A write goes:

1. into a temporary file in the store's own directory (``.<name>.<random>.tmp``, so that the
   rename below stays on one file system), written in full, flushed and ``fsync``-ed;
2. over the store with ``os.replace``, which is atomic on POSIX;
3. then the directory is ``fsync``-ed so that the rename itself survives a power cut.

A crash at any moment leaves the old store or the new one, never a mix; at worst a stray
temporary file, which the next write under the lock removes.

``atomic_write`` returns the new file's status (size, modification time, inode, device), which
the caller may key a derived cache to (``index.py``). With ``settle=True`` it also makes that
status safe to trust at once: before the rename it waits, if need be, until the clock is more
than ``STAMP_SLACK_NS`` past the file's modification time. A file system stamps a write with a
clock that lags the real time by at most one scheduler tick (1-10 ms; exFAT rounds to 10 ms),
so any write to the new inode, which nobody can reach by the store's name before the rename,
gets a later stamp than the one returned: an in-place rewrite cannot keep the status. The wait
is rarely needed (writing and ``fsync``-ing a file of megabytes takes longer) and never more
than ``STAMP_SLACK_NS``. A stamp in whole seconds (ext3, HFS+, FAT) would need up to 2 s, and
one ahead of our clock (a network file system's server) cannot be reasoned about: there the
write is reported as not settled and nothing is waited for.

Writers serialise on ``fcntl.flock`` over a sidecar ``<store>.lock`` file (the store itself is
replaced, so it cannot carry the lock). A writer holds the lock across read, validate, merge
and write, so two imports at once both land. The lock file is left in place on purpose:
deleting it would let a third process lock a fresh inode while another still holds the old one.
The kernel drops the lock when its process dies, so a killed writer never blocks the next.

This module knows files, not stores: callers pass the text to write. POSIX only (``fcntl``).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from hightech_cli.errors import StoreError
from hightech_cli.invisible import printable
from hightech_cli.store.files import open_lock, replaceable, write_all

LOCK_SUFFIX: Final = ".lock"
_TMP_SUFFIX: Final = ".tmp"
_POLL_SECONDS: Final = 0.02
LOCK_TIMEOUT: Final = 30.0  # seconds a writer waits for another before giving up
# More than a file system's time stamps can lag the clock (see the module docstring).
STAMP_SLACK_NS: Final = 20_000_000
_SECOND_NS: Final = 1_000_000_000


class StoreLocked(StoreError):
    """Another hz process kept the store locked for longer than we were willing to wait."""


@dataclass(frozen=True)
class Written:
    """The file ``atomic_write`` put in place."""

    stat: os.stat_result  # its status as the rename left it: size, times, inode
    settled: bool  # any later write to it gets a later modification time (module docstring)


def lock_path(path: Path) -> Path:
    """The sidecar lock file of a store: ``facts.json`` → ``facts.json.lock``."""
    return path.with_name(path.name + LOCK_SUFFIX)


def _tmp_prefix(path: Path) -> str:
    return f".{path.name}."


def _real(path: Path) -> Path:
    # Through a symbolic link, write (and lock) the regular file it points to, and keep the
    # link; anything else is refused (``files.replaceable``).
    return replaceable(path)[0]


def _tell_stderr(line: str) -> None:
    # The one thing a write says on its own: hz is not hung, it waits for another writer.
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(f"hz: {printable(line)}\n")
        sys.stderr.flush()


@contextlib.contextmanager
def locked(
    path: Path,
    *,
    timeout: float = LOCK_TIMEOUT,
    on_wait: Callable[[str], None] | None = _tell_stderr,
) -> Iterator[None]:
    """Hold the exclusive write lock of the store at ``path`` for the ``with`` block.

    Waits up to ``timeout`` seconds for another writer, then raises ``StoreLocked``; if the
    lock is taken, ``on_wait`` is told once, before the wait, which lock and for how long at
    most (by default one line on stderr). The directory must exist; the lock file is created
    if need be, as a regular file only (``files.open_lock``).
    """
    lock = lock_path(_real(path))
    fd = open_lock(lock)
    try:
        deadline = time.monotonic() + timeout
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise StoreError(f"cannot lock {lock}: {exc.strerror or exc}") from None
            if not told and on_wait is not None and timeout > 0:
                told = True
                on_wait(
                    f"waiting for another hz writing {path} to finish "
                    f"(lock {lock}; giving up after {timeout:g} s)"
                )
            if time.monotonic() >= deadline:
                raise StoreLocked(
                    f"store is locked by another hz process: {path} (waited {timeout:g} s)",
                    hint=f"try again; if no hz is running, the lock is {lock}",
                )
            time.sleep(_POLL_SECONDS)
        yield
    finally:
        # Closing the descriptor releases the lock.
        os.close(fd)


def remove_stale_temps(path: Path) -> int:
    """Delete temporary files left by writers that died; call only while holding the lock."""
    path = _real(path)
    # Exactly our names: '.a.json.x.<hex>.tmp' belongs to another store, 'a.json.x'.
    ours = re.compile(re.escape(_tmp_prefix(path)) + "[0-9a-f]{12}" + re.escape(_TMP_SUFFIX))
    removed = 0
    try:
        entries = list(path.parent.iterdir())
    except OSError:
        return 0
    for entry in entries:
        if ours.fullmatch(entry.name):
            with contextlib.suppress(OSError):
                entry.unlink()
                removed += 1
    return removed


def _open_temp(path: Path, mode: int) -> tuple[int, Path]:
    for _ in range(100):
        tmp = path.parent / f"{_tmp_prefix(path)}{os.urandom(6).hex()}{_TMP_SUFFIX}"
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
            return os.open(tmp, flags, mode), tmp
        except FileExistsError:
            continue
    raise StoreError(f"cannot create a temporary file beside {path}")


def fsync_dir(directory: Path) -> None:
    """Make a rename in ``directory`` durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):  # some file systems refuse fsync on a directory
            os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes | Iterable[bytes], *, settle: bool = False) -> Written:
    """Replace the file at ``path`` with ``data`` atomically and durably; return its status.

    ``data`` may be an iterable of pieces, written as they come: an error raised while it is
    consumed leaves the old file as it was, as any other failure does.

    The new file keeps the permission bits of the file it replaces (a new file gets 0o666 less
    the umask). Only a regular file is replaced; if ``path`` is a symbolic link to one, that
    file is replaced and the link kept; anything else is refused (``files.replaceable``). Any
    failure leaves the old file as it was and raises ``StoreError``. With ``settle``, the
    rename waits until the new file's status can be trusted at once (module docstring).
    """
    target, old = replaceable(path)
    mode = None if old is None else stat.S_IMODE(old.st_mode)
    try:
        # A new file gets 0o666 less the umask (os.open applies it).
        fd, tmp = _open_temp(target, 0o666 if mode is None else mode)
    except OSError as exc:
        raise StoreError(f"cannot write store {path}: {exc.strerror or exc}") from None
    try:
        try:
            write_all(fd, data)
            st = os.fstat(fd)  # the rename and the chmod below change only its ctime
        finally:
            os.close(fd)
        if mode is not None:
            tmp.chmod(mode)  # the umask may have narrowed it
        settled = settle and _wait_past_stamp(st.st_mtime_ns)
        tmp.replace(target)
        # The rename set the file's ctime: its status from now on, as an index records it (an
        # edit in place that puts the old size and times back changes the ctime all the same).
        with contextlib.suppress(OSError):
            after = target.stat()
            if (after.st_dev, after.st_ino, after.st_size, after.st_mtime_ns) == (
                st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns
            ):  # fmt: skip
                st = after
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise StoreError(f"cannot write store {path}: {exc.strerror or exc}") from None
        raise
    fsync_dir(target.parent)
    return Written(st, settled)


def _wait_past_stamp(mtime_ns: int) -> bool:
    """Wait until a write now would be stamped later than ``mtime_ns``; False if we cannot."""
    if mtime_ns % _SECOND_NS == 0:
        return False  # whole-second stamps: the next distinct one may be 2 s away
    wait = mtime_ns + STAMP_SLACK_NS - time.time_ns()
    if wait > STAMP_SLACK_NS:
        return False  # stamped ahead of our clock: another clock, nothing to reason with
    if wait > 0:
        time.sleep(wait / _SECOND_NS)
    return True


@contextlib.contextmanager
def building(path: Path, *, replace: bool) -> Iterator[Path]:
    """A temporary file beside ``path`` for the ``with`` block to fill; then moved into place.

    For a file another program writes by name (SQLite): the block gets the path of an empty
    temporary file in ``path``'s directory. When it ends without an error, the file is
    ``fsync``-ed and renamed over ``path``, and the directory ``fsync``-ed; on any error it is
    removed and ``path`` is left as it was. Without ``replace``, an existing ``path`` is never
    replaced, even one that appears meanwhile: the file is put in place by a hard link, which
    fails if the name is taken, and ``FileExistsError`` is raised. Where the file system has no
    hard links, the name is tested just before the rename instead.
    """
    target = _real(path)
    try:
        fd, tmp = _open_temp(target, 0o666)  # less the umask
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror or exc}") from None
    os.close(fd)
    try:
        yield tmp
        fd = os.open(tmp, os.O_RDONLY | os.O_CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        if replace:
            tmp.replace(target)
        else:
            _link_new(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError) and not isinstance(exc, FileExistsError):
            raise StoreError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
    fsync_dir(target.parent)


def _link_new(tmp: Path, target: Path) -> None:
    """Give ``tmp`` the name ``target`` only if that name is free, then drop ``tmp``."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "file exists", str(target)) from None
        tmp.replace(target)
        return
    tmp.unlink()
