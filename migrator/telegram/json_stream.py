"""Streaming ``result.json`` with ijson (yajl2_c) over the repairing reader.

Every parser failure becomes an ``ExportError`` naming the file, the byte offset and what the
parser expected there, or, when the bytes read so far are not UTF-8, saying so: the reader skips
its UTF-8 check while streaming (the parser rejects invalid UTF-8 too) and the check runs over
the same bytes only once parsing has failed, so the error is the one a checking reader gives.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import ijson

from migrator.errors import ExportError
from migrator.i18n import tr
from migrator.i18n.os_errors import os_reason
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
            tr("export.cannot_open", path=path, reason=os_reason(error)),
            hint=tr("export.cannot_open_hint"),
        ) from None
    with source:
        yield RepairingReader(source, path=path, chunk_size=BUFFER_SIZE, check_utf8=False)


def stream_items(reader: RepairingReader, prefix: str, path: Path) -> Iterator[Any]:
    """The values at ``prefix`` (an ijson prefix such as ``messages.item``), one at a time."""
    try:
        yield from ijson.items(reader, prefix, use_float=True, buf_size=BUFFER_SIZE)
    except ijson.JSONError as error:
        check_utf8_read(reader, path)
        raise invalid_json(reader, path, error) from None
    except UnicodeDecodeError:  # invalid UTF-8 yajl lets through, or a lone surrogate escape
        check_utf8_read(reader, path)
        raise broken_surrogate(reader, path) from None


def stream_events(reader: RepairingReader, path: Path) -> Iterator[tuple[str, str, Any]]:
    """ijson ``parse`` events ``(prefix, event, value)``."""
    try:
        yield from ijson.parse(reader, use_float=True, buf_size=BUFFER_SIZE)
    except ijson.JSONError as error:
        check_utf8_read(reader, path)
        raise invalid_json(reader, path, error) from None
    except UnicodeDecodeError:  # invalid UTF-8 yajl lets through, or a lone surrogate escape
        check_utf8_read(reader, path)
        raise broken_surrogate(reader, path) from None


def check_utf8_read(reader: RepairingReader, path: Path) -> None:
    """Raise the not-UTF-8 ``ExportError`` a checking reader would have raised by now, if any.

    Reads ``path`` again with the check on, in the same chunks, as far as ``reader`` got.
    """
    up_to = None if reader.at_end else reader.consumed
    try:
        source = path.open("rb")
    except OSError:  # gone since it was parsed: report the parser's error alone
        return
    with source:
        checker = RepairingReader(source, path=path, chunk_size=BUFFER_SIZE)
        while checker.read(BUFFER_SIZE) and (up_to is None or checker.consumed < up_to):
            pass


def invalid_json(reader: RepairingReader, path: Path, error: Exception) -> ExportError:
    """Describe a parser failure at the byte where it happened."""
    reason, context, caret = _split_yajl_message(str(error))
    if "premature EOF" in reason:
        return ExportError(
            tr("export.truncated", path=path, offset=reader.consumed),
            hint=tr("export.truncated_hint"),
        )
    offset = _error_offset(reader, context, caret)
    return ExportError(
        tr("export.invalid_json", path=path, offset=offset, reason=_parser_reason(reason)),
        hint=tr("export.invalid_json_hint", offset=offset, end=offset + 80),
    )


# yajl's reasons (as ``_split_yajl_message`` gives them) in the catalogue
_PARSER_REASONS = {
    "invalid char in json text": "export.json.invalid_char",
    "invalid string in json text": "export.json.invalid_string",
    "invalid character inside string": "export.json.char_in_string",
    "inside a string, '\\' occurs before a character which it may not": ("export.json.bad_escape"),
    "invalid (non-hex) character occurs after '\\u' inside string": ("export.json.bad_hex"),
    "invalid bytes in UTF8 string": "export.json.bad_utf8",
    "malformed number, a digit is required after the minus sign": ("export.json.minus"),
    "malformed number, a digit is required after the decimal point": ("export.json.point"),
    "malformed number, a digit is required after the exponent": ("export.json.exponent"),
    "probable comment found in input text, comments are not enabled": ("export.json.comment"),
    "object key and value must be separated by a colon (':')": "export.json.colon",
    "after key and value, inside map, I expect ',' or '}'": ("export.json.map_separator"),
    "after array element, I expect ',' or ']'": "export.json.array_separator",
    "invalid object key (must be a string)": "export.json.key",
    "unallowed token at this point in JSON text": "export.json.token",
    "trailing garbage": "export.json.trailing",
    "unexpected content": "export.json.unexpected",
}


def _parser_reason(reason: str) -> str:
    key = _PARSER_REASONS.get(reason)
    return tr(key) if key is not None else tr("export.json.other", reason=reason)


# A \uD800-\uDBFF escape not followed by a low one, or a \uDC00-\uDFFF escape on its own.
_LONE_SURROGATE = re.compile(
    rb"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    rb"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def broken_surrogate(reader: RepairingReader, path: Path) -> ExportError:
    """A string escape holding half of a UTF-16 surrogate pair, which no text can contain."""
    found = _LONE_SURROGATE.search(reader.last_chunk)
    if found is None:
        where = tr("export.surrogate_after", offset=reader.last_chunk_start)
        escape = tr("export.surrogate_example", escape="\\ud83d")
    else:
        where = tr("export.surrogate_at", offset=reader.source_offset(found.start()))
        escape = found.group().decode("ascii")
    return ExportError(
        tr("export.surrogate", path=path, where=where, escape=escape),
        hint=tr("export.surrogate_hint"),
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
