"""Traditional characters (繁體) and their simplified forms, one character for one: OpenCC's
tables (``TSCharacters.txt`` and ``STCharacters.txt``, as the ``opencc-purepy`` package ships
them), read when first asked for. Articles in traditional characters are read through them
(``sources/simplified.py``), and a name that a store does not have as written is looked up
again in simplified characters (``query.py``). Without the package every text is as written.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache


@cache
def table() -> Mapping[int, str]:
    """Traditional characters and the one simplified character each is read as; empty where
    the table cannot be found."""
    return _characters("TSCharacters.txt")


@cache
def traditional_table() -> Mapping[int, str]:
    """The other way: simplified characters and a traditional form of each (the first OpenCC
    gives), to write an article in traditional characters from one in simplified ones, as the
    tests and ``bench/traditional.py`` do."""
    return _characters("STCharacters.txt")


def _characters(name: str) -> dict[int, str]:
    """One of OpenCC's tables of characters, one character for one."""
    from importlib import resources

    try:
        text = resources.files("opencc_purepy").joinpath(f"dicts/{name}").read_text("utf-8")
    except (ImportError, OSError, ValueError):
        return {}
    out: dict[int, str] = {}
    for line in text.splitlines():
        key, _, values = line.partition("\t")
        value = values.split(" ")[0].strip() if values else ""
        if len(key) == 1 and len(value) == 1 and key != value:
            out[ord(key)] = value
    return out


def simplify(text: str) -> str:
    """``text`` with each traditional character replaced by its simplified form; as long as
    ``text``, place for place."""
    return text.translate(table())
