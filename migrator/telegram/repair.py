"""Reading ``result.json`` as bytes with its quirks repaired on the fly.

Telegram Desktop writes control characters other than ``\\n \\r \\t`` as ``\\xNN``, which is not
JSON (spec §2). ``RepairingReader`` rewrites each such escape to ``\\u00NN`` while streaming,
leaving an escaped backslash followed by ``x`` (``\\\\x41``) alone. It can check that the bytes
are UTF-8 (a file re-saved in windows-1251 is a common accident), skips a UTF-8 byte-order mark
(added by some editors) and remembers where each chunk came from, so a parser error can be
reported at a byte offset of the original file.

The UTF-8 check costs as much as a tenth of loading, and the parser rejects invalid UTF-8 anyway,
so the streaming readers of ``json_stream`` turn it off and run it only after a parser failure,
to tell a mis-encoded file from broken JSON.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import BinaryIO

from migrator.errors import ExportError
from migrator.i18n import tr
from migrator.telegram.json_depth import DepthGuard

_BACKSLASH = 0x5C
_HEX_DIGITS = frozenset(b"0123456789abcdefABCDEF")
_BOM = codecs.BOM_UTF8


class RepairingReader:
    """A binary file-like object (``read`` only) over ``source`` with ``\\xNN`` repaired.

    ``ijson`` reads from it in chunks. After each ``read``, ``last_chunk_start`` is the offset in
    the source file of the first byte returned and ``source_offset(position)`` maps a position
    inside the returned chunk back to the source file.
    """

    def __init__(
        self, source: BinaryIO, *, path: Path, chunk_size: int = 1 << 16, check_utf8: bool = True
    ) -> None:
        self._source = source
        self._check_utf8_enabled = check_utf8
        self._path = path
        self._chunk_size = chunk_size
        self._carry = b""  # bytes held back: they may start an escape that the next read ends
        self._consumed = 0  # source bytes read so far
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._at_start = True
        self._eof = False
        self.repaired_escapes = 0
        self.last_chunk_start = 0
        self.last_chunk = b""  # the bytes the last read returned
        self._last_repairs: list[int] = []  # output positions of repaired escapes in last chunk
        self._depth = DepthGuard(path)

    @property
    def consumed(self) -> int:
        """How many bytes of the source file have been read."""
        return self._consumed

    @property
    def at_end(self) -> bool:
        """Whether the source has been read to its end."""
        return self._eof

    def source_offset(self, position: int) -> int:
        """The source-file offset of byte ``position`` of the last chunk returned."""
        shift = 0
        for repaired_at in self._last_repairs:
            if repaired_at >= position:
                break
            shift += 2  # "\u00NN" is two bytes longer than "\xNN"
        return self.last_chunk_start + max(position - shift, 0)

    def read(self, size: int = -1) -> bytes:
        if size == 0:
            return b""
        while True:
            chunk = b"" if self._eof else self._read_source(size)
            data = self._carry + chunk
            chunk_start = self._consumed - len(data)
            if not chunk:
                self._eof = True
                if self._check_utf8_enabled:
                    self._check_utf8(b"", final=True)
                self._carry = b""
                keep = len(data)
            else:
                keep = _safe_end(data)
                self._carry = data[keep:]
            if keep or self._eof:
                break
        self.last_chunk_start = chunk_start
        self.last_chunk = self._repair(data[:keep])
        self._depth.feed(self.last_chunk, chunk_start)
        return self.last_chunk

    def _read_source(self, size: int) -> bytes:
        chunk = self._source.read(size if size and size > 0 else self._chunk_size)
        if self._at_start and chunk:
            self._at_start = False
            if chunk.startswith(_BOM):
                self._consumed += len(_BOM)
                chunk = chunk[len(_BOM) :]
        if self._check_utf8_enabled:
            self._check_utf8(chunk, final=False)
        self._consumed += len(chunk)
        return chunk

    def _check_utf8(self, chunk: bytes, *, final: bool) -> None:
        try:
            self._decoder.decode(chunk, final)
        except UnicodeDecodeError as error:
            # error.object is the decoder's pending bytes followed by this chunk
            offset = self._consumed - (len(error.object) - len(chunk)) + error.start
            bad = error.object[error.start : error.start + 1]
            what = (
                tr("export.not_utf8_byte", byte=f"{bad[0]:02X}")
                if bad
                else tr("export.not_utf8_cut")
            )
            raise ExportError(
                tr("export.not_utf8", path=self._path, what=what, offset=offset),
                hint=tr("export.not_utf8_hint"),
            ) from None

    def _repair(self, data: bytes) -> bytes:
        self._last_repairs = []
        position = find_backslash_x(data, 0)
        if position < 0:
            return data
        parts: list[bytes] = []
        written = 0
        done = 0
        while position >= 0:
            run_start = position
            while run_start > done and data[run_start - 1] == _BACKSLASH:
                run_start -= 1
            escapes_itself = (position - run_start) % 2 == 1
            digits = data[position + 2 : position + 4]
            if not escapes_itself and len(digits) == 2 and _HEX_DIGITS.issuperset(digits):
                parts.append(data[done:position])
                written += position - done
                self._last_repairs.append(written)
                parts.append(b"\\u00" + digits)
                written += 6
                done = position + 4
                self.repaired_escapes += 1
            position = find_backslash_x(data, position + 2)
        parts.append(data[done:])
        return b"".join(parts)


# Past this many backslashes in a chunk, searching for the pair directly is cheaper.
_BACKSLASH_WALK_LIMIT = 256
_LOWER_X = ord("x")


def find_backslash_x(data: bytes, start: int) -> int:
    """``data.find(b"\\\\x", start)``, several times faster on the usual chunk.

    A two-byte search scans at about 1 GB/s; a one-byte search (memchr) is many times faster,
    and an export has few backslashes (an escaped newline or quote now and then). So hop from
    backslash to backslash, and fall back to the two-byte search in backslash-heavy chunks.
    """
    position = data.find(b"\\", start)
    for _ in range(_BACKSLASH_WALK_LIMIT):
        if position < 0 or (position + 1 < len(data) and data[position + 1] == _LOWER_X):
            return position
        position = data.find(b"\\", position + 1)
    return data.find(b"\\x", position)


def _safe_end(data: bytes) -> int:
    """Where ``data`` may be cut so that no ``\\xNN`` escape or backslash run is split."""
    end = len(data)
    if data.endswith(b"x"):
        end -= 1
    elif end >= 2 and data[end - 2] == ord("x") and data[end - 1] in _HEX_DIGITS:
        end -= 2
    run_start = end
    while run_start > 0 and data[run_start - 1] == _BACKSLASH:
        run_start -= 1
    return run_start if run_start < end else len(data)
