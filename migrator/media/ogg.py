"""The length of an Ogg Opus or Ogg Vorbis recording, read from its first and last pages.

Telegram voice notes are Ogg Opus. Reading two pages is much cheaper than starting an ffmpeg
process to ask; anything unexpected returns ``None`` and the caller asks ffmpeg instead.
"""

from __future__ import annotations

import struct
from pathlib import Path

_CAPTURE = b"OggS"
_HEADER = struct.Struct("<4sBBqIIIB")  # capture, version, type, granule, serial, seq, crc, segs
_TAIL_BYTES = 64 * 1024  # an Ogg page is at most 65 307 bytes
_OPUS_RATE = 48000


def ogg_duration(path: Path) -> float | None:
    """Seconds of audio in a single-stream Ogg Opus/Vorbis file, or ``None`` if unsure."""
    try:
        with path.open("rb") as stream:
            head = stream.read(_HEADER.size + 255 + 64)
            size = stream.seek(0, 2)
            stream.seek(max(0, size - _TAIL_BYTES - _HEADER.size))
            tail = stream.read()
    except OSError:
        return None
    first = _page(head, 0)
    last_at = tail.rfind(_CAPTURE)
    last = _page(tail, last_at) if last_at >= 0 else None
    if first is None or last is None or first[1] != last[1] or last[0] < 0:
        return None
    samples_per_second, skipped = _stream_format(head, first[2])
    if samples_per_second is None:
        return None
    seconds = (last[0] - skipped) / samples_per_second
    return seconds if seconds > 0 else None


def _page(data: bytes, offset: int) -> tuple[int, int, int] | None:
    """(granule position, serial, offset of the first packet) of the page at ``offset``."""
    if len(data) < offset + _HEADER.size:
        return None
    capture, version, _, granule, serial, _, _, segments = _HEADER.unpack_from(data, offset)
    if capture != _CAPTURE or version != 0:
        return None
    return granule, serial, offset + _HEADER.size + segments


def _stream_format(data: bytes, packet: int) -> tuple[int | None, int]:
    """(samples a second, samples to skip at the start) from the first packet."""
    if data.startswith(b"OpusHead", packet) and len(data) >= packet + 12:
        (pre_skip,) = struct.unpack_from("<H", data, packet + 10)
        return _OPUS_RATE, pre_skip
    if data.startswith(b"\x01vorbis", packet) and len(data) >= packet + 16:
        (rate,) = struct.unpack_from("<I", data, packet + 12)
        return (rate or None), 0
    return None, 0
