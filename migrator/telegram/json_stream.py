"""Streaming ``result.json`` with ijson (yajl2_c) over the repairing reader.

Every parser failure becomes an ``ExportError`` naming the file, the byte offset and what the
parser expected there.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import ijson

from migrator.errors import ExportError
from migrator.telegram.repair import RepairingReader

BUFFER_SIZE = 1 << 16
# yajl renders up to 30 bytes of context before the failing byte after at least 10 columns of
# padding, and puts a caret under the failing byte on the next line.
_CONTEXT_START_COLUMN = 10


@contextmanager
def open_json(path: Path) -> Iterator[RepairingReader]:
    """Open ``path`` for streaming; a missing or unreadable file is an ``ExportError``."""
    try:
        source = path.open("rb")
    except OSError as error:
        raise ExportError(
            f"{path}: cannot open ({error.strerror or error})",
            hint="Check the path and that the user running the tool may read the export folder.",
        ) from None
    with source:
        yield RepairingReader(source, path=path, chunk_size=BUFFER_SIZE)


def stream_items(reader: RepairingReader, prefix: str, path: Path) -> Iterator[Any]:
    """The values at ``prefix`` (an ijson prefix such as ``messages.item``), one at a time."""
    try:
        yield from ijson.items(reader, prefix, use_float=True, buf_size=BUFFER_SIZE)
    except ijson.JSONError as error:
        raise invalid_json(reader, path, error) from None


def stream_events(reader: RepairingReader, path: Path) -> Iterator[tuple[str, str, Any]]:
    """ijson ``parse`` events ``(prefix, event, value)``."""
    try:
        yield from ijson.parse(reader, use_float=True, buf_size=BUFFER_SIZE)
    except ijson.JSONError as error:
        raise invalid_json(reader, path, error) from None


def invalid_json(reader: RepairingReader, path: Path, error: Exception) -> ExportError:
    """Describe a parser failure at the byte where it happened."""
    reason, context, caret = _split_yajl_message(str(error))
    if "premature EOF" in reason:
        return ExportError(
            f"{path}: invalid JSON at byte {reader.consumed}: the file ends early, expected the "
            "rest of the JSON (closing brackets at least)",
            hint="The file is truncated: the export or the copy was interrupted. Export the chat "
            "again, or copy the whole file once more.",
        )
    offset = _error_offset(reader, context, caret)
    return ExportError(
        f"{path}: invalid JSON at byte {offset}: {reason}",
        hint="Telegram Desktop writes valid JSON (apart from quirks this tool repairs); the file "
        f"was damaged or edited. Look near byte {offset} "
        f"(e.g. `head -c {offset + 80} result.json | tail -c 160`), or export the chat again.",
    )


def _split_yajl_message(message: str) -> tuple[str, bytes, int]:
    """yajl's message: the reason, the context line (as bytes) and the caret's column."""
    raw = message.encode("utf-8", "surrogateescape")
    # When the context cuts a UTF-8 sequence, the message arrives as the repr of a bytes object.
    if message[:2] in ("b'", 'b"'):
        try:
            literal = ast.literal_eval(message)
        except (ValueError, SyntaxError):
            literal = None
        if isinstance(literal, bytes):
            raw = literal
    lines = raw.split(b"\n")
    reason = lines[0].decode("utf-8", "replace").strip()
    for prefix in ("parse error: ", "lexical error: "):
        reason = reason.removeprefix(prefix)
    reason = reason.rstrip(".")
    context = lines[1] if len(lines) > 1 else b""
    caret = lines[2].find(b"^") if len(lines) > 2 else -1
    return reason or "unexpected content", context, caret


def _error_offset(reader: RepairingReader, context: bytes, caret: int) -> int:
    """Find yajl's context snippet in the chunk it was parsing; the chunk start if not found."""
    if caret < _CONTEXT_START_COLUMN or not context.strip():
        return reader.last_chunk_start
    before = context[_CONTEXT_START_COLUMN:caret].lstrip(b" ")
    snippet = before + context[caret:]
    # yajl shows line breaks as spaces; compare against the chunk the same way.
    found = reader.last_chunk.translate(_LINE_BREAKS_AS_SPACES).find(snippet)
    if found < 0:
        return reader.last_chunk_start
    return reader.source_offset(found + len(before))


_LINE_BREAKS_AS_SPACES = bytes.maketrans(b"\n\r", b"  ")
