"""Domain exceptions and the exit codes they map to.

Code below the CLI raises these; ``cli/app.py`` is the one place that turns them into a one-line
message on stderr and an exit status. No module here imports typer or rich.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final

# The characters of an error message, and of its hint, that a line shows: a message names the
# bad value, and a value can be as long as an argument or a store's text may be (a name typed
# as 100,000 characters); past this the middle is left out, saying how much.
MAX_SHOWN: Final = 500


def clip(text: str, limit: int = MAX_SHOWN) -> str:
    """``text``, or its start and end around a note of how much is left out between them."""
    if len(text) <= limit:
        return text
    keep = limit // 2
    return f"{text[:keep]} …({len(text) - 2 * keep:,} characters left out)… {text[-keep:]}"


class ExitCode(IntEnum):
    """Exit statuses of hz, documented in the README."""

    OK = 0  # success, an empty result included
    NOT_FOUND = 1  # nothing matched, or the store is missing or invalid
    USAGE = 2  # bad command-line usage or a bad option value
    OUTPUT = 74  # the output could not be written (disk full, stdout closed): sysexits' EX_IOERR
    INTERRUPTED = 130  # Ctrl-C: as a shell reports SIGINT (128 + 2)
    PIPE = 141  # the reader closed the output pipe: as a shell reports SIGPIPE (128 + 13)


class HzError(Exception):
    """Base of every error hz reports to the user."""

    exit_code: ExitCode = ExitCode.NOT_FOUND

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        message = clip(self.message)
        return f"{message} ({clip(self.hint)})" if self.hint else message


class NotFound(HzError):
    """No entity or paragraph matched the query."""


class Ambiguous(HzError):
    """A name matched several entities."""

    def __init__(self, message: str, *, candidates: list[str], hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.candidates = candidates


class StoreError(HzError):
    """The store file is missing, unreadable or not a valid hz store."""


class OutputClosed(Exception):
    """The reader of hz's output went away (``hz stats | head -1``); hz ends quietly."""


class OutputFailed(HzError):
    """hz's output could not be written: stdout is closed, the disk is full, an I/O error."""

    exit_code = ExitCode.OUTPUT


class OutputIsInput(HzError):
    """Standard output or error is a file hz reads (the store, an import file, an article):
    what hz writes there would land in it."""


class IndexDamaged(StoreError):
    """The derived index of a big store turned out damaged and was removed; the file is intact."""


class NotIndexed(StoreError):
    """The index of a big store could not be written (``hz index``); lookups still answer."""


class UsageError(HzError):
    """A value given on the command line is not acceptable."""

    exit_code = ExitCode.USAGE
