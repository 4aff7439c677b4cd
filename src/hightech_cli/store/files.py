"""Which files hz may read, replace or create, and how: the rules every store file obeys.

**Reading** (a store, an import file, stdin): only a regular file, opened without blocking
(a FIFO or a device never hangs hz; ``/dev/zero`` is refused before a byte is read) and read
up to ``limits.MAX_FILE_BYTES`` at most, however the file grows meanwhile. Stdin is read in
chunks up to the same limit. A symbolic link the user gave is followed (``--db link.json``).

**Never output onto input**: a file hz reads must not be its standard output or error
(``hz export >> facts.json``, ``hz extract a.txt >> a.txt``): what hz writes would land in the
file it is reading, and a store would be left with a second document after the first. Such a
read is refused before a byte is written (:func:`not_an_output`).

**Replacing a store** (``atomic.atomic_write``): the path must name a regular file, or
nothing yet; a symbolic link is followed only to an existing regular file, which is replaced
where it lies (the link is kept, as editors do). A device, FIFO, socket or directory, a
dangling link or a link loop is refused: hz never turns a file it does not own the role of
into a store. The replacement itself is a rename, which never writes through a link.

**Creating** (backups, lock files, temporary files): ``O_CREAT | O_EXCL`` or ``O_NOFOLLOW``,
so that a link planted at the name is never followed; an existing backup is never
overwritten (:func:`create_new` takes the next free name). POSIX only.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO, Final

from hightech_cli.errors import HzError, OutputIsInput, StoreError
from hightech_cli.store import limits

_CHUNK: Final = 1 << 20
_NOFOLLOW: Final = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)
_NOCTTY: Final = getattr(os, "O_NOCTTY", 0)
BACKUP_SUFFIX: Final = ".bak"
_MAX_BACKUPS: Final = 1000


def _kind(mode: int) -> str:
    """What a file that is not a regular one is, in a word or two."""
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISLNK, "a symbolic link"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "too many levels of symbolic links"
    return exc.strerror or str(exc)


def read_regular(path: Path, what: str, *, error: type[HzError] = StoreError) -> bytes:
    """The bytes of the regular file at ``path``; ``error`` (one line) for anything else.

    ``what`` names the file in messages ("store", "import file"). Never blocks on a FIFO or
    a device, and never reads more than ``limits.MAX_FILE_BYTES``.
    """
    fh, st = open_regular(path, what, error=error)
    with fh:
        try:
            return _read_upto(fh, limits.MAX_FILE_BYTES, what, path, error, first=st.st_size + 1)
        except OSError as exc:
            raise error(f"cannot read {what} {path}: {_reason(exc)}") from None


def open_regular(
    path: Path, what: str, *, error: type[HzError] = StoreError, buffering: int = 0
) -> tuple[BinaryIO, os.stat_result]:
    """The regular file at ``path`` open for reading, and its status, for a caller that reads
    it a piece at a time (``bulk.py``); ``error`` as :func:`read_regular` raises it, for a file
    of another kind or over the limit. The caller closes it and keeps to the limit as it reads.
    """
    limit = limits.MAX_FILE_BYTES
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | _NONBLOCK | _NOCTTY)
    except FileNotFoundError:
        if path.is_symlink():
            raise error(f"{what} is a dangling symbolic link: {path}") from None
        raise error(f"{what} not found: {path}") from None
    except IsADirectoryError:
        raise error(f"{what} is a directory, not a file: {path}") from None
    except OSError as exc:
        raise error(f"cannot read {what} {path}: {_reason(exc)}") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
        os.close(fd)
        if stat.S_ISDIR(st.st_mode):
            raise error(f"{what} is a directory, not a file: {path}")
        if not stat.S_ISREG(st.st_mode):
            raise error(f"{what} is {_kind(st.st_mode)}, not a regular file: {path}")
        raise error(_too_big(what, path, limit))
    try:
        not_an_output(st, what, path)
    except OutputIsInput:
        os.close(fd)
        raise
    # Back to blocking reads: a regular file never blocks, and some file systems refuse
    # non-blocking reads with EAGAIN.
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb", buffering=buffering), st


def not_an_output(st: os.stat_result, what: str, path: Path | str) -> None:
    """``OutputIsInput`` if the file ``st`` describes is hz's standard output or error (which
    is then sent to ``/dev/null``, so that not even the message lands in the file)."""
    if not stat.S_ISREG(st.st_mode):
        return  # a terminal, a pipe, /dev/null: written to, never read as a file
    for fd, name in ((1, "standard output"), (2, "standard error")):
        try:
            out = os.fstat(fd)
        except OSError:  # closed
            continue
        if stat.S_ISREG(out.st_mode) and (out.st_dev, out.st_ino) == (st.st_dev, st.st_ino):
            if fd == 2:  # the message itself would land in the file: the status tells alone
                _silence(2)
            raise OutputIsInput(
                f"{name} is the {what} {path}: what hz writes would land in it",
                hint="redirect it to another file",
            )


def _silence(fd: int) -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY | os.O_CLOEXEC)
    except OSError:
        return
    os.dup2(devnull, fd)
    os.close(devnull)


def read_stream(stream: BinaryIO, what: str, *, error: type[HzError]) -> bytes:
    """All of ``stream`` (stdin), up to the file limit; ``error`` if it goes on beyond."""
    try:
        return _read_upto(stream, limits.MAX_FILE_BYTES, what, None, error)
    except OSError as exc:
        raise error(f"cannot read {what}: {_reason(exc)}") from None
    except ValueError:  # a closed stream
        raise error(f"cannot read {what}: it is closed") from None


def _read_upto(
    stream: BinaryIO,
    limit: int,
    what: str,
    path: Path | None,
    error: type[HzError],
    *,
    first: int = _CHUNK,
) -> bytes:
    """Read to the end, never more than ``limit`` + 1 bytes; ``first``: the size of the first
    read (a regular file's size and one more byte, so that it usually takes one read and no
    copy)."""
    chunks: list[bytes] = []
    total = 0
    size = first
    while True:
        chunk = stream.read(min(size, limit + 1 - total))
        size = _CHUNK
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise error(_too_big(what, path, limit))
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _too_big(what: str, path: Path | None, limit: int) -> str:
    where = f": {path}" if path is not None else ""
    return f"{what} is over the limit of {limit:,} bytes{where}"


def replaceable(path: Path) -> tuple[Path, os.stat_result | None]:
    """The file a write to ``path`` replaces, and its status (None: nothing there yet).

    A regular file is replaced; a symbolic link, in its target, if that is an existing
    regular file. Anything else is a one-line ``StoreError``.
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return path, None
    except OSError as exc:
        raise StoreError(f"cannot write store {path}: {_reason(exc)}") from None
    if stat.S_ISREG(st.st_mode):
        return path, st
    if not stat.S_ISLNK(st.st_mode):
        raise StoreError(f"refusing to replace {_kind(st.st_mode)} with a store: {path}")
    try:
        real = Path(os.path.realpath(path, strict=True))
        target = os.lstat(real)
    except FileNotFoundError:
        raise StoreError(f"refusing to write through a dangling symbolic link: {path}") from None
    except (OSError, RuntimeError) as exc:
        reason = _reason(exc) if isinstance(exc, OSError) else "a symbolic link loop"
        raise StoreError(f"cannot follow the symbolic link {path}: {reason}") from None
    if not stat.S_ISREG(target.st_mode):
        raise StoreError(
            f"refusing to replace {_kind(target.st_mode)} with a store: {real} (through {path})"
        )
    return real, target


def write_all(fd: int, data: bytes | Iterable[bytes]) -> None:
    """Write every byte of ``data`` to ``fd`` (a write may take fewer), then sync it to disk.

    ``data`` may come in pieces (a big store streamed out row by row, ``splice.py``), so that
    the whole never has to be held at once."""
    for piece in (data,) if isinstance(data, bytes | bytearray | memoryview) else data:
        view = memoryview(piece)
        while view:
            view = view[os.write(fd, view) :]
    os.fsync(fd)


def create_new(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write ``data`` to a new file at ``path``: never an existing name, never through a link.

    Raises ``FileExistsError`` if anything (a link included) is there; other ``OSError``s
    as they come. A partial file is removed on failure.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | os.O_CLOEXEC, mode)
    try:
        try:
            write_all(fd, data)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise


def write_backup(store: Path, data: bytes, mode: int) -> Path:
    """Keep ``data`` (the store about to be replaced) in the first free backup name beside it:
    ``facts.json.bak``, then ``facts.json.bak.1``, ``.bak.2`` …; earlier backups stay."""
    base = store.with_name(store.name + BACKUP_SUFFIX)
    for n in range(_MAX_BACKUPS):
        candidate = base if n == 0 else base.with_name(f"{base.name}.{n}")
        try:
            create_new(candidate, data, mode)
        except FileExistsError:
            continue
        except OSError as exc:
            raise StoreError(f"cannot write the backup {candidate}: {_reason(exc)}") from None
        return candidate
    raise StoreError(
        f"{_MAX_BACKUPS} backups of {store} exist already", hint=f"remove old {base.name}.* files"
    )


def open_lock(lock: Path) -> int:
    """A descriptor of the lock file at ``lock``, created if need be: a regular file only,
    never reached through a symbolic link, never a device or a FIFO opened."""
    try:
        st = os.lstat(lock)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise StoreError(f"cannot open lock file {lock}: {_reason(exc)}") from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise StoreError(
            f"lock file is {_kind(st.st_mode)}, not a regular file: {lock}",
            hint="remove it; hz creates its lock files itself",
        )
    flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | _NOFOLLOW | _NONBLOCK | _NOCTTY
    try:
        # 0o666 before the umask: whoever may write the store may take its lock.
        fd = os.open(lock, flags, 0o666)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise StoreError(
                f"lock file is a symbolic link, not a regular file: {lock}",
                hint="remove it; hz creates its lock files itself",
            ) from None
        raise StoreError(f"cannot create lock file {lock}: {_reason(exc)}") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):  # swapped in between the two looks
        os.close(fd)
        raise StoreError(f"lock file is {_kind(st.st_mode)}, not a regular file: {lock}")
    return fd
