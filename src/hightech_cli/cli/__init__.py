"""The command line: the Typer app (``app``: read commands; ``manage``: check, init, import,
export, index), the start-up fast path (``fast``), and output (``render``, ``columns``).

Only this package imports typer or rich; it turns the plain exceptions raised below it into
one-line errors and exit codes.
"""
