"""Which store file a command reads or writes.

Reads: ``--db PATH``, else ``$HZ_DB``, else the user's own store if ``hz init`` made one
(``$XDG_DATA_HOME/hz/facts.json``, else ``~/.local/share/hz/facts.json``), else the shipped
store. An empty ``--db`` or ``$HZ_DB`` is a usage error; a relative ``$XDG_DATA_HOME`` is
ignored, and without an absolute home there is no user store. Writes: the same, except that the
shipped store is never written (``transfer.write_target``). The shipped store lives inside the
package (``hightech_cli/data/facts.json``, copied there from the project's top-level ``data/``
when the wheel is built); a source checkout reads ``data/`` directly.

Big stores: from ``index_min_bytes()`` on, lookups do not decode the whole file (``store/``
face explains how), and writes build an index beside it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

from hightech_cli.errors import HzError, StoreError, UsageError

ENV_DB: Final = "HZ_DB"
# From this size on, lookups go through the index or the scan, and writes build the index: an
# indexed lookup costs what decoding a megabyte or two does, so smaller stores are read whole
# (measured in bench/results/).
INDEX_MIN_BYTES: Final = 5_000_000
ENV_INDEX_MIN_BYTES: Final = "HZ_INDEX_MIN_BYTES"
_PACKAGE_DIR: Final = Path(__file__).resolve().parent.parent


def shipped_data_dir() -> Path:
    """The directory holding the shipped store and article (installed, or a source checkout)."""
    installed = _PACKAGE_DIR / "data"
    if (installed / "facts.json").is_file():
        return installed
    return _PACKAGE_DIR.parent.parent / "data"


def shipped_store_path() -> Path:
    """The store that ships with hz (read-only)."""
    return shipped_data_dir() / "facts.json"


def _data_home() -> Path | None:
    """``$XDG_DATA_HOME``, else ``$HOME/.local/share``; None if neither is an absolute path.

    A relative ``XDG_DATA_HOME`` is ignored, as the XDG spec says; an empty or relative
    ``HOME`` names no home (Python would make it ``/`` or the working directory).
    """
    return xdg_dir("XDG_DATA_HOME", ".local/share")


def xdg_dir(variable: str, default: str) -> Path | None:
    """An XDG base directory: ``$variable`` if absolute, else ``default`` under the home
    directory; None if the home is not an absolute path either."""
    given = Path(os.environ.get(variable) or ".")
    if given.is_absolute():
        return given
    home = os.environ.get("HOME")
    if home is None:  # unset: the account's home directory, as the shell has it
        try:
            home = str(Path.home())
        except (KeyError, RuntimeError):  # no such account
            return None
    if not Path(home).is_absolute():  # "" too: Path("") is "."
        return None
    return Path(home) / default


def user_store_path() -> Path | None:
    """The default location of a user's own, writable store; None if there is no home."""
    base = _data_home()
    return None if base is None else base / "hz" / "facts.json"


def given_store_path(db: str | os.PathLike[str] | None) -> Path | None:
    """The store the user named: ``--db``, else ``$HZ_DB``; None if neither is given.

    An empty path (``--db "$UNSET"``, ``HZ_DB=``) names no file: a usage error, never the
    default store, so that a write never lands in a store the user did not mean.
    """
    if db is not None:
        if str(db) == "":
            raise UsageError("--db is empty", hint="give the path of a store file")
        return file_path(db, "store path", error=StoreError)
    env = os.environ.get(ENV_DB)
    if env is not None:
        if env == "":
            raise UsageError(f"${ENV_DB} is set but empty", hint=f"unset {ENV_DB} or give a path")
        return file_path(env, "store path", error=StoreError)
    return None


def file_path(
    given: str | os.PathLike[str], what: str, *, error: type[HzError] = StoreError
) -> Path:
    """A path the user gave for a file, as a Path; ``error`` if it ends in a slash.

    Such a path names a directory, and the system refuses it for a file, but a Path drops the
    slash: ``--db new/`` made a file ``new``, ``--db facts.json/`` and ``hz import a.jsonl/``
    read (and the first replaced) the file without it."""
    text = os.fspath(given)
    if text.endswith(("/", os.sep, os.altsep or "/")):
        raise error(
            f"{what} {text} ends in '/': it names a directory, not a file",
            hint="give the path of a file, e.g. DIR/facts.json",
        )
    return Path(text)


def resolve_store_path(db: str | os.PathLike[str] | None = None) -> Path:
    """Pick the store file: explicit path, then $HZ_DB, then the user store, then shipped."""
    given = given_store_path(db)
    if given is not None:
        return given
    user = user_store_path()
    if user is not None and user.is_file():
        return user
    return shipped_store_path()


def index_min_bytes() -> int:
    """The store size from which lookups use the index: ``$HZ_INDEX_MIN_BYTES`` if it is a
    byte count (0 or more), else ``INDEX_MIN_BYTES``."""
    given = os.environ.get(ENV_INDEX_MIN_BYTES, "").strip()
    # ASCII digits only: isdigit() alone also takes "²", which int() refuses.
    return int(given) if given.isascii() and given.isdigit() else INDEX_MIN_BYTES
