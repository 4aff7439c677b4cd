"""Entry point for ``hz`` and ``python -m hightech_cli``."""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Run hz; a closed output pipe (``hz stats | head -1``) ends it quietly."""
    try:
        from hightech_cli.cli import app

        app()
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would complain when it flushes stdout at exit; point it at /dev/null instead.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)


if __name__ == "__main__":
    main()
