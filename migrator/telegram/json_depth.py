"""A cheap bound on how deeply a JSON stream nests, checked chunk by chunk before parsing.

The parser builds a path string for every value, as long as the value is deep, so a small file of
nothing but brackets (``[[[[…``) costs memory in the square of its size. Telegram Desktop nests
a handful of levels; ``DepthGuard`` refuses a stream that may nest past ``MAX_DEPTH``.

The bound counts brackets inside strings too (telling strings apart byte by byte would cost more
than the whole parse): balanced brackets in text are removed within each chunk, and a text's odd
bracket moves the running estimate by one, far from the limit.
"""

from __future__ import annotations

from pathlib import Path

from migrator.errors import ExportError
from migrator.i18n import tr

MAX_DEPTH = 2000
_NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in b"[]{}")
_AS_SQUARE = bytes.maketrans(b"{}", b"[]")


class DepthGuard:
    """Feed it every chunk of the stream, in order; raises ``ExportError`` when too deep."""

    def __init__(self, path: Path, limit: int = MAX_DEPTH) -> None:
        self._path = path
        self._limit = limit
        self._depth = 0  # open brackets carried over from earlier chunks (an estimate)

    def feed(self, chunk: bytes, offset: int) -> None:
        """Check ``chunk``, which starts at byte ``offset`` of the file."""
        brackets = chunk.translate(_AS_SQUARE, _NOT_BRACKETS)
        if not brackets:
            return
        nesting = 0
        while True:
            reduced = brackets.replace(b"[]", b"")
            if len(reduced) == len(brackets):
                break
            brackets = reduced
            nesting += 1
            if self._depth + nesting > self._limit:
                self._refuse(offset)
        # what is left reads "]]]…[[[": closings of earlier opens, then opens for later chunks
        opens = len(brackets) - brackets.find(b"[") if b"[" in brackets else 0
        closes = len(brackets) - opens
        if self._depth + nesting + opens > self._limit:
            self._refuse(offset)
        self._depth = max(self._depth - closes, 0) + opens

    def _refuse(self, offset: int) -> None:
        raise ExportError(
            tr("export.too_deep", path=self._path, limit=self._limit, offset=offset),
            hint=tr("export.too_deep_hint"),
        )
