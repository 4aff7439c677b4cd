"""The process's standard streams as hz uses them: UTF-8 whatever the locale, and any failure
to write reported in one line with a documented status.

:func:`install` replaces ``sys.stdout`` and ``sys.stderr`` with UTF-8 text streams over the
same file descriptors, so that ``PYTHONIOENCODING=ascii`` or a C locale never makes an answer
an encoding error. A write to stdout that fails becomes :class:`~hightech_cli.errors.OutputClosed`
when the reader has gone (EPIPE: status 141) and :class:`~hightech_cli.errors.OutputFailed`
otherwise (a full disk, an I/O error: status 74), whoever writes (hz's renderers, Rich, Typer's
help), so that no command reports it differently and Typer's own EPIPE handler (status 1, the
code for "not found") never sees it. Either way the rest of the output goes to ``/dev/null``,
so the failure is reported once. A failing stderr is ignored: the status still tells. A
stderr closed when hz starts (``2>&-``) is ``/dev/null`` from then on: what hz would say there
is dropped, and no file it opens takes the descriptor's place.

A stdout that is closed when hz starts (``hz stats >&-``) is refused before any work is done:
the answer could not be shown, and a file hz opened would take the descriptor's place.
It is installed only over the process's own streams, never over a test's capture.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import sys
from typing import BinaryIO

from hightech_cli.errors import OutputClosed, OutputFailed


def _to_devnull(fd: int) -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
    except OSError:
        pass  # nothing more can be done; the error is reported anyway


def _hold(fd: int) -> None:
    """Put ``/dev/null`` on ``fd`` if it is closed (``2>&-``): else the first file hz opened
    would take its number and be taken for stderr (``store/files.py`` refuses to read a file
    that is its own output), so that every command ended in status 1 and said nothing."""
    try:
        os.fstat(fd)
        return
    except OSError:
        pass
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)  # the lowest free number: ``fd`` itself
        if devnull != fd:
            os.dup2(devnull, fd)
            os.close(devnull)
    except OSError:
        pass  # then a file hz opens may still take its place, and is refused as before


def _failure(stream: io.TextIOWrapper, exc: OSError) -> Exception:
    """What a failed write to stdout means; later writes are dropped."""
    _to_devnull(stream.fileno())
    if isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE:
        return OutputClosed()
    return OutputFailed(f"cannot write the output: {exc.strerror or exc}")


class _Stdout(io.TextIOWrapper):
    """stdout in UTF-8; a failed write is OutputClosed or OutputFailed, never an OSError."""

    def write(self, text: str) -> int:
        try:
            return super().write(text)
        except OSError as exc:
            raise _failure(self, exc) from None

    def flush(self) -> None:
        try:
            super().flush()
        except OSError as exc:
            raise _failure(self, exc) from None


class _Stderr(io.TextIOWrapper):
    """stderr in UTF-8; if it cannot be written, what it would have said is dropped."""

    def write(self, text: str) -> int:
        try:
            return super().write(text)
        except OSError:
            _to_devnull(self.fileno())
            return len(text)

    def flush(self) -> None:
        try:
            super().flush()
        except OSError:
            _to_devnull(self.fileno())


def _rewrap(stream: io.TextIOWrapper, kind: type[io.TextIOWrapper]) -> io.TextIOWrapper:
    line_buffering = stream.line_buffering
    stream.flush()
    binary = stream.detach()
    if isinstance(binary, io.RawIOBase):
        # Unbuffered mode (PYTHONUNBUFFERED=1, python -u) leaves the file itself under the text
        # layer, whose writes ignore how much of each the file took: a write a full disk or a
        # closed pipe accepted in part lost the rest without a word (a truncated export, status
        # 0). A buffered writer writes all or raises; each line still goes out at once.
        binary = io.BufferedWriter(binary)
        line_buffering = True
    return kind(
        binary,
        encoding="utf-8",
        errors="backslashreplace",  # a lone surrogate shown, never an encoding error
        line_buffering=line_buffering,
    )


def install() -> None:
    """Make the process's stdout and stderr hz's; OutputFailed if stdout is closed."""
    if sys.stderr is None:
        _hold(2)
    if (
        sys.stderr is not None
        and sys.stderr is sys.__stderr__
        and not isinstance(sys.stderr, _Stderr)
    ):
        sys.stderr = _rewrap(sys.stderr, _Stderr)  # type: ignore[arg-type]
    if sys.stdout is None:
        raise OutputFailed(
            "standard output is closed", hint="hz writes its answer there: redirect it instead"
        )
    if sys.stdout is sys.__stdout__ and not isinstance(sys.stdout, _Stdout):
        sys.stdout = _rewrap(sys.stdout, _Stdout)  # type: ignore[arg-type]


class _Input(io.RawIOBase):
    """stdin's bytes; a failed read is a one-line usage error naming standard input."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        from hightech_cli.errors import UsageError

        try:
            return self._stream.read(-1 if size is None else size)
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise UsageError(f"cannot read standard input: {reason}") from None


def standard_input() -> BinaryIO:
    """stdin for a command given ``-``: UsageError if it is closed (``hz import - <&-``)."""
    from hightech_cli.errors import UsageError

    if sys.stdin is None:
        raise UsageError("cannot read standard input: it is closed", hint="give a file instead")
    if _own_pipe(sys.stdin):
        # ``out=$(hz import - <&-)``: the shell's pipe for the output took the free number 0,
        # so stdin is that pipe's read end, and its end never comes while hz holds the other.
        raise UsageError(
            "standard input is the pipe hz writes its output to: reading it would never end",
            hint="give a file, or redirect standard input from one",
        )
    return _Input(sys.stdin.buffer)  # type: ignore[return-value]


def _own_pipe(stream: object) -> bool:
    """Whether ``stream`` is a pipe hz itself writes to as its standard output or error."""
    try:
        st = os.fstat(stream.fileno())  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):  # no file under it (a test's), or closed
        return False
    if not stat.S_ISFIFO(st.st_mode):
        return False
    for out in (1, 2):
        try:
            other = os.fstat(out)
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
            return True
    return False
