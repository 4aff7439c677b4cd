"""A missed name's did-you-mean from the index: the few entities ``names.suggest`` needs.

``names.suggest`` compares the query with every string of every entity of the kinds
(``names.suggest_forms``) by difflib's ratio. In a big store most of those strings cannot come
close, and most that could are far behind the closest: this finds the entities that can be
proposed while comparing a few strings, and hands ``suggest`` just those, so that its answer
over them is its answer over every entity.

**The bound.** A pair's ratio is at most its ``quick_ratio``: ``2.0 * M / (la + lb)`` for
lengths ``la``, ``lb`` and ``M`` characters in common, counted with repeats. So for a ratio of
``tau`` or more a stored string of length ``lb`` must share at least ``m`` (:func:`least_shared`)
of the query's ``la`` characters; then of any ``la - m + 1`` of the query's characters (the
``j``-th ``c`` meaning "``c`` at least ``j`` times") it holds one. The index keeps, for each kind
and side of the query (``names.suggest_sides``), each character, length and count, the strings
with that character that many times (``near_chars``, ``near_forms``): the strings of one length
that hold one of the ``la - m + 1`` rarest of the query's characters include every string of
that length that can reach ``tau``, and each one's bound is worked out exactly before its ratio.

**The search** (:func:`near_pool`) takes the strings whose bound reaches ``tau`` = 0.9, then
0.8, … down to ``names.SUGGEST_CUTOFF``, and compares them closest bound first, keeping each
entity's best ratio and a floor that only rises: ``SUGGEST_CUTOFF``, the closest less
``SUGGEST_BAND``, or the ``SUGGEST_LIMIT``-th closest, below which no entity can be proposed. It
stops at the first string whose bound is below the floor, or once ``tau`` is at the floor: every
entity at the floor or above has then been compared with each string that reaches it. Those are
what it hands to ``suggest``, which proposes from them what it would from every entity: their
names, closest first, store order breaking ties, each compared as over every entity.

**Names held twice.** ``suggest`` scores names, not entities, and a name's place among equal
scores is where it was first scored: with two entities of one name the order may hang on one
far below. So when a name that could be proposed is held by another entity of the kinds,
:func:`near_pool` gives up (None), and the caller compares with every entity as before; so it
does for a query of generic words only (``names.suggest_sides``).
"""

from __future__ import annotations

import difflib
import heapq
import sys
from array import array
from collections.abc import Collection, Iterable, Mapping
from typing import Any, Final, Protocol

from hightech_cli import names

# The closeness asked for first, then lower; the last is always names.SUGGEST_CUTOFF. A high
# one is cheap to look for (few lengths, few characters) and, when it finds the answer, ends.
LEVELS: Final = (0.9, 0.8, 0.7, 0.6)


def ids_of(blob: bytes) -> array[int]:
    """The string numbers of one ``near_chars`` row (4-byte unsigned, little-endian);
    ValueError if the bytes are not a whole number of them."""
    ids = array("I")
    if ids.itemsize != 4:
        raise ValueError("no 4-byte unsigned integers here")
    ids.frombytes(blob)
    if sys.byteorder == "big":
        ids.byteswap()
    return ids


def blob_of(ids: array[int]) -> bytes:
    """The bytes :func:`ids_of` reads."""
    if sys.byteorder == "big":
        ids = array("I", ids)
        ids.byteswap()
    return ids.tobytes()


def least_shared(la: int, lb: int, tau: float) -> int | None:
    """The fewest characters strings of lengths ``la`` and ``lb`` must share for difflib's
    ratio to reach ``tau`` (worked out as difflib works a ratio out); None if they cannot."""
    total = la + lb
    top = min(la, lb)
    m = max(0, min(top, int(tau * total / 2)))
    while m > 0 and 2.0 * (m - 1) / total >= tau:
        m -= 1
    while m <= top and 2.0 * m / total < tau:
        m += 1
    return m if m <= top else None


class NearTables(Protocol):
    """What :func:`near_pool` reads of an index (``index.IndexedStore``): its ``near_*``
    tables and the pool entries of a few entities."""

    def near_groups(self) -> dict[tuple[str, str], int]:
        """The number of each (kind, side) of ``near_chars``."""
        ...

    def near_rows(self, grp: int, char: str) -> dict[int, list[tuple[int, int, int]]]:
        """For each string length: (count, rowid, strings) of the rows of the group and
        character."""
        ...

    def near_ids(self, rowids: list[int]) -> set[int]:
        """The string numbers those rows hold."""
        ...

    def near_forms(self, ids: Iterable[int]) -> dict[int, tuple[int, str]]:
        """Each numbered string with its entity's place."""
        ...

    def near_entries(
        self, places: list[int], kinds: Collection[str]
    ) -> list[Mapping[str, Any]] | None:
        """The pool entries at these places, in store order; None if one's name is held by
        another entity of the kinds."""
        ...


class _Side:
    """One group of stored strings (a kind and a side) and the query string compared with it."""

    def __init__(self, grp: int, text: str) -> None:
        self.grp = grp
        self.text = text
        self.counts = {c: text.count(c) for c in dict.fromkeys(text)}
        # For each of the query's characters: length -> [(count, rowid, strings)] of near_chars.
        self.rows: dict[str, dict[int, list[tuple[int, int, int]]]] = {}

    def bound(self, form: str) -> float:
        """difflib's ``quick_ratio`` of the query and ``form``: no ratio is higher."""
        shared = sum(min(k, form.count(c)) for c, k in self.counts.items())
        return 2.0 * shared / (len(self.text) + len(form))

    def rowids(self, tau: float) -> list[int]:
        """``near_chars`` rows holding every stored string whose bound can reach ``tau``."""
        la = len(self.text)
        out: list[int] = []
        lengths = {lb for by_length in self.rows.values() for lb in by_length}
        for lb in sorted(lengths):
            m = least_shared(la, lb, tau)
            if m is None:
                continue
            units: list[tuple[int, list[int]]] = []
            for c, k in self.counts.items():
                held = self.rows[c].get(lb, [])
                for j in range(1, k + 1):
                    rows = [(rowid, size) for cnt, rowid, size in held if cnt >= j]
                    units.append((sum(size for _, size in rows), [r for r, _ in rows]))
            units.sort(key=lambda unit: unit[0])
            for _, rowids in units[: la - m + 1]:
                out += rowids
        return out


class _Scores:
    """Each entity's best ratio so far, and the floor below which none can be proposed: the
    highest of ``SUGGEST_CUTOFF``, the closest less ``SUGGEST_BAND``, and the
    ``SUGGEST_LIMIT``-th closest (one below it ranks after that many names). Ratios only rise,
    so the floor does; an entity at the final floor or above has every pair that reaches it
    compared before the search ends, so its ratio here is its ratio."""

    def __init__(self) -> None:
        self.best: dict[int, float] = {}
        self.floor = names.SUGGEST_CUTOFF
        self._leaders: list[float] = []  # the best SUGGEST_LIMIT ratios, closest first

    def add(self, n: int, r: float) -> None:
        if r <= self.best.get(n, 0.0):
            return
        self.best[n] = r
        limit = names.SUGGEST_LIMIT
        if len(self._leaders) < limit or r > self._leaders[-1]:
            self._leaders = heapq.nlargest(limit, self.best.values())
            third = self._leaders[-1] if len(self._leaders) == limit else 0.0
            top = self._leaders[0]
            self.floor = max(names.SUGGEST_CUTOFF, top - names.SUGGEST_BAND, third)


def near_pool(
    store: NearTables, query: str, kinds: Collection[str]
) -> list[Mapping[str, Any]] | None:
    """Pool entries over which ``names.suggest`` proposes for ``query`` what it would over every
    entity of the kinds, in store order; None if the caller must compare with every one (see
    the module docstring)."""
    sides_wanted = names.suggest_sides(query)
    if sides_wanted is None:
        return None
    groups = store.near_groups()
    sides = [
        _Side(groups[kind, side], text)
        for kind in sorted(set(kinds))
        for side, text in sides_wanted.items()
        if (kind, side) in groups
    ]
    for side in sides:
        side.rows = {c: store.near_rows(side.grp, c) for c in side.counts}
    forms: dict[int, tuple[int, str]] = {}  # string number -> (entity place, string)
    bounds: dict[int, float] = {}
    counted: set[int] = set()  # the strings whose ratio is in scores
    scores = _Scores()
    levels = [t for t in LEVELS if t > names.SUGGEST_CUTOFF] + [names.SUGGEST_CUTOFF]
    tau = levels[0]
    while True:
        # Every string whose bound reaches tau, closest bound first: each compared only while
        # its bound reaches the floor, which rises as the comparing goes.
        queue: list[tuple[float, int, int]] = []
        for k, side in enumerate(sides):
            ids = store.near_ids(side.rowids(tau)) - counted
            forms.update(store.near_forms([i for i in ids if i not in forms]))
            for i in ids:
                b = bounds.get(i)
                if b is None:
                    b = bounds[i] = side.bound(forms[i][1])
                if b >= tau:
                    queue.append((-b, i, k))
        queue.sort()
        ended = False
        for b, i, k in queue:
            if -b < scores.floor:
                ended = True  # this and every string after it cannot reach the floor
                break
            counted.add(i)
            n, form = forms[i]
            scores.add(n, difflib.SequenceMatcher(None, sides[k].text, form).ratio())
        if ended or tau <= scores.floor:
            break
        tau = max(scores.floor, next(t for t in levels if t < tau))
    close = sorted(n for n, r in scores.best.items() if r >= scores.floor)
    return store.near_entries(close, kinds)
