"""Where a quote stands in a source: the block that holds it, and the blocks naming an entity.

Shared by the curated build (``curated.py``) and extraction, so that a quote is located, and an
ambiguous one refused, the same way whoever wrote it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from hightech_cli.models import Block, Evidence


class LocateError(ValueError):
    """A quote is not in the source, or not where it is said to be, or not in one block only."""


class Locator:
    """Finds the block that holds a quote, in the blocks of one source."""

    def __init__(self, source_id: str, blocks: Sequence[Block]) -> None:
        self.source_id = source_id
        self.blocks = blocks

    def where(self, quote: str) -> list[int]:
        """The numbers of the blocks that hold ``quote`` verbatim."""
        return [b["n"] for b in self.blocks if quote in b["text"]]

    def evidence(self, quote: str, para: int | None = None) -> Evidence:
        """The evidence for ``quote``: the one block that holds it, or ``para`` if it is there."""
        found = self.where(quote)
        if not found:
            raise LocateError(f"quote not found in the source: {quote!r}")
        if para is None:
            if len(found) > 1:
                raise LocateError(f"quote occurs in blocks {found}; say which with para")
            para = found[0]
        elif para not in found:
            raise LocateError(f"quote is not in block {para} (found in {found})")
        return {"source": self.source_id, "paragraph": para, "quote": quote}

    def mentions(self, names: Iterable[str]) -> list[int]:
        """The numbers of the blocks that name any of ``names``."""
        wanted = [n for n in names if n]
        return [b["n"] for b in self.blocks if any(n in b["text"] for n in wanted)]
