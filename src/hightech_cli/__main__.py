"""Entry point for ``hz`` and ``python -m hightech_cli``.

:func:`main` offers the arguments to the start-up fast path of the hot commands
(``cli/fast.py``), and hands whatever it does not take to the Typer app (``cli/app.py``);
:func:`run`, the ``hz`` command, then ends the process without freeing what it read.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import NoReturn


def main() -> None:
    """Run hz; a closed output pipe (``hz stats | head -1``) ends it quietly, status 141."""
    from hightech_cli.errors import ExitCode, OutputClosed

    # hz lives for one answer, and its big objects, the decoded store, hold no cycles; yet once
    # the collector is back on after decoding, each collection walks every one of them again
    # (seconds on a big store; ``store/document.py`` pauses it only while decoding).
    gc.disable()
    try:
        from hightech_cli.cli.fast import run_fast

        try:
            handled = run_fast(sys.argv[1:])
        except KeyboardInterrupt:
            sys.exit(ExitCode.INTERRUPTED)  # as the Typer app ends on Ctrl-C, nothing printed
        if not handled:
            from hightech_cli.cli.app import app

            app()
        sys.stdout.flush()
    except (BrokenPipeError, OutputClosed):
        from hightech_cli.cli.render import quiet_stdout

        quiet_stdout()
        sys.exit(ExitCode.PIPE)


def run() -> NoReturn:
    """The ``hz`` command: :func:`main`, then an exit that frees nothing (as mypy's does).

    Once hz has answered, all that is left is freeing what it read, one object at a time,
    which on a big store takes as long as a small lookup does in all. So the output is flushed
    and the process ends at once with ``os._exit``. hz registers no ``atexit`` handlers and
    writes files only through ``store/atomic.py``, which has closed and synced them before it
    returns; tests call :func:`main`, which returns.
    """
    from hightech_cli.errors import ExitCode

    try:
        main()
        status = 0
    except SystemExit as exc:
        status = _status(exc.code)
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):  # ValueError: stdout was closed
        status = ExitCode.PIPE if status == 0 else status
    try:  # noqa: SIM105 - contextlib would cost every run its import
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # nothing more can be said: the status tells
    os._exit(status)


def _status(code: object) -> int:
    """The exit status Python gives ``sys.exit(code)``: None is 0, text is printed and 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


if __name__ == "__main__":
    run()
