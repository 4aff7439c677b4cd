"""Entry point for ``hz`` and ``python -m hightech_cli``.

:func:`main` offers the arguments to the start-up fast path of the hot commands
(``cli/fast.py``), and hands whatever it does not take to the Typer app (``cli/app.py``);
:func:`run`, the ``hz`` command, then ends the process without freeing what it read.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Final, NoReturn


def main() -> None:
    """Run hz; a closed output pipe (``hz stats | head -1``) ends it quietly, status 141, and
    output that cannot be written (``> /dev/full``, ``>&-``) is one line on stderr, status 74."""
    from hightech_cli.cli import streams
    from hightech_cli.errors import ExitCode, OutputClosed, OutputFailed

    # hz lives for one answer, and its big objects, the decoded store, hold no cycles; yet once
    # the collector is back on after decoding, each collection walks every one of them again
    # (seconds on a big store; ``store/document.py`` pauses it only while decoding).
    gc.disable()
    try:
        streams.install()
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
    except OutputFailed as exc:
        from hightech_cli.cli.render import fail

        fail(str(exc), exc.exit_code)


def run() -> NoReturn:
    """The ``hz`` command: :func:`main`, then an exit that frees nothing (as mypy's does).

    Once hz has answered, all that is left is freeing what it read, one object at a time,
    which on a big store takes as long as a small lookup does in all. So the output is flushed
    and the process ends at once with ``os._exit``. hz registers no ``atexit`` handlers and
    writes files only through ``store/atomic.py``, which has closed and synced them before it
    returns; tests call :func:`main`, which returns.
    """
    try:
        _utf8_mode()
        main()
        status = 0
    except SystemExit as exc:
        status = _status(exc.code)
    except KeyboardInterrupt:
        # Ctrl-C while hz is still starting (importing the fast path or the Typer app, before
        # either catches it): the status of an interrupt, not Python's traceback of an import.
        status = _INTERRUPTED
    from hightech_cli.errors import ExitCode, OutputClosed, OutputFailed  # main imported it

    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (BrokenPipeError, OutputClosed, ValueError):  # ValueError: stdout was closed
        status = ExitCode.PIPE if status == 0 else status
    except (OSError, OutputFailed):
        status = ExitCode.OUTPUT if status == 0 else status
    if sys.stderr is not None:  # None: closed when hz started (2>&-)
        try:  # noqa: SIM105 - contextlib would cost every run its import
            sys.stderr.flush()
        except (OSError, ValueError):
            pass  # nothing more can be said: the status tells
    os._exit(status)


# ``errors.ExitCode.INTERRUPTED``, for an interrupt that may come before ``errors`` is imported.
_INTERRUPTED: Final = 130


def _utf8_mode() -> None:
    """Run again in Python's UTF-8 mode where the locale is not UTF-8 (``LC_ALL=C``).

    There the arguments would be decoded as ASCII (``hz stats 企业`` would look for escaped
    bytes) and file names could not hold Chinese; in UTF-8 mode the arguments, file names
    and streams are all UTF-8, as hz's data is. The arguments are passed on as the bytes they
    came as. Costs one more start only in such a locale.
    """
    if sys.flags.utf8_mode or sys.getfilesystemencoding().lower() in ("utf-8", "utf8"):
        return
    if not sys.executable:
        return  # an embedded Python: carry on, the streams are UTF-8 all the same
    args: list[bytes] = [os.fsencode(sys.executable), b"-X", b"utf8", b"-m", b"hightech_cli"]
    args += [os.fsencode(a) for a in sys.argv[1:]]
    try:
        # hz itself again, in the same Python: no shell, no path lookup.
        os.execv(args[0], args)  # noqa: S606
    except OSError:
        return


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
