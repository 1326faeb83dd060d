"""Who acts in a single-chat export, read fast: only the keys that name people are decoded.

The loader builds every ``Message`` through ijson; parse_users.py needs only the authors. This
reader cuts ``result.json`` into batches of about a megabyte at message boundaries and validates
each batch with pydantic_core against a schema holding just those keys (the parser still checks
every byte of the batch, but skips building the values it does not need).

It relies on Telegram Desktop's layout: one space of indentation per level, so a single-chat
export's messages start after ``\\n "messages": [`` and two messages meet at ``\\n  },\\n  {\\n``
(raw newlines cannot occur inside JSON strings, so such a cut point lies between two elements of
the array, or the batch fails to parse). The bytes come through the same ``RepairingReader`` and
the same reads as the loader's, so ``\\xNN`` escapes, a byte-order mark and the depth bound are
handled alike.

It is an optimisation only. On anything it is not sure to read exactly as the loader does (another
layout, a batch that fails to parse, a value of an unexpected type, a number the loader's parser
refuses, a message the loader would reject or warn about) it raises ``NotFast``, and the caller
reads the file again through the loader, which gives the result or the error it always gave.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple, cast

import ijson
from pydantic_core import SchemaValidator, ValidationError
from pydantic_core import core_schema as cs

from migrator.errors import ExportError
from migrator.telegram.json_stream import BUFFER_SIZE
from migrator.telegram.model import MediaRef, MissingReason, Peer
from migrator.telegram.peer_ids import normalize_peer_id
from migrator.telegram.repair import RepairingReader

BATCH_SIZE = 1 << 20  # bytes of messages validated at once (kept in the CPU cache)
_MAX_BUFFER = 32 << 20  # no cut point within this many bytes: not the layout relied on
_HEAD_LIMIT = 1 << 20  # the chat's header, before its messages
_MESSAGES_START = b'\n "messages": ['
_CUT = b"\n  },\n  {\n"  # the end of one message and the start of the next
_CUT_KEEP = len(b"\n  }")  # the part of _CUT that ends the earlier message
_LAST = b"\n  }\n ]"  # the end of the last message, then of the array
_CLOSE = ord("]")
_PEER_CACHE_LIMIT = 4096


class NotFast(Exception):
    """This file cannot be read on the fast path; read it through the loader."""


class Authors(NamedTuple):
    """What one message says about people, in the order the loader's ``Message`` gives it."""

    sender: Peer | None  # an ordinary message's author (``from``/``from_id``)
    actor: Peer | None  # a service message's actor
    names: tuple[str | None, ...]  # bare names: the members, then the inviter


_NOBODY = Authors(None, None, ())
_ABSENT = object()


def _field(schema: cs.CoreSchema, *, required: bool = False) -> cs.TypedDictField:
    return cs.typed_dict_field(schema, required=required)


_TEXT = cs.nullable_schema(cs.str_schema(strict=True))
# Times the loader surely accepts (it refuses those from LATEST_TIMESTAMP, in 3000, on): ten
# digits at most (before 2286), and dates (read when there is no Unix time) from 1970 to 2999.
_UNIXTIME = cs.str_schema(strict=True, pattern=r"^[0-9]{1,10}\z")
_DATE = cs.str_schema(
    strict=True, pattern=r"^(19[7-9][0-9]|2[0-9]{3})-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\z"
)
_ID = cs.nullable_schema(cs.union_schema([cs.str_schema(strict=True), cs.int_schema(strict=True)]))
_MEDIA_KEYS = ("photo", "file", "thumbnail", "contact_vcard")
_MEDIA_KEY_SET = frozenset(_MEDIA_KEYS)
_FIELDS = {
    "id": _field(cs.int_schema(strict=True), required=True),
    "type": _field(cs.literal_schema(["message", "service", "unsupported"]), required=True),
    "date": _field(_DATE),
    "date_unixtime": _field(_UNIXTIME),
    "edited": _field(_DATE),
    "edited_unixtime": _field(_UNIXTIME),
    "from": _field(_TEXT),
    "from_id": _field(_ID),
    "actor": _field(_TEXT),
    "actor_id": _field(_ID),
    "members": _field(cs.list_schema(_TEXT)),
    "inviter": _field(_TEXT),
    "peers": _field(cs.any_schema()),
    **{key: _field(_TEXT) for key in _MEDIA_KEYS},
}
# With a Unix time the loader never reads "date": a message that has one skips that check
# (a tenth of the validation); one without is checked against the whole schema.
_WITH_UNIXTIME = {key: value for key, value in _FIELDS.items() if key != "date"} | {
    "date_unixtime": _field(_UNIXTIME, required=True)
}
_MESSAGE = cs.union_schema(
    [
        cs.typed_dict_schema(_WITH_UNIXTIME, extra_behavior="ignore"),
        cs.typed_dict_schema(_FIELDS, extra_behavior="ignore"),
    ],
    mode="left_to_right",
)
_BATCH = SchemaValidator(cs.list_schema(_MESSAGE))

# For finding numbers the loader's parser (yajl) refuses but pydantic_core reads: integers
# outside 64 bits (19 digits or more), floats that overflow (an exponent of three digits or
# more), NaN and Infinity. The shape of a batch keeps digits (as 0), exponent marks (e, E and +
# as e) and points in place; its coarse shape drops all else but quotes, which separate values,
# and is cheap to make: only where it shows such a number is the exact shape looked at.
_NUMBER_SHAPE = b"0e."
_SHAPE = bytes(
    0x30 if byte in b"0123456789" else 0x65 if byte in b"eE+" else byte if byte == 0x2E else 0x20
    for byte in range(256)
)
_COARSE_DROPS = bytes(byte for byte in range(256) if byte not in b'0123456789eE+."')
_OVERFLOWS = (b"0" * 19, b"0e000", b"0ee000")
_NUMBER_BEFORE = frozenset(b":[,")
_WHITESPACE = b" \t\r\n"


def iter_authors(path: Path, resolve_media: Callable[[str], MediaRef]) -> Iterator[list[Authors]]:
    """The authors of every message of the single-chat export ``path``, in file order, a batch
    of messages at a time.

    ``resolve_media`` is the loader's: a file reference it refuses as outside the export makes
    the loader warn, so such a message is left to it. Raises ``NotFast`` (possibly only after
    the last message) when the loader must read the file instead; nothing read before that
    may be used then.
    """
    try:
        source = path.open("rb")
    except OSError:
        raise NotFast("the file cannot be opened") from None
    with source:
        reader = RepairingReader(source, path=path, chunk_size=BUFFER_SIZE, check_utf8=False)
        try:
            yield from _Reading(reader, resolve_media).run()
        except (ExportError, OSError) as error:  # the loader reports these
            raise NotFast(f"{type(error).__name__} while reading") from None


class _Reading:
    def __init__(self, reader: RepairingReader, resolve_media: Callable[[str], MediaRef]) -> None:
        self._reader = reader
        self._resolve = resolve_media
        self._buffer = bytearray()
        self._eof = False
        self._peers: dict[tuple[object, object], Peer] = {}
        self._senders: dict[tuple[object, object], Authors] = {}

    def _fill(self, size: int) -> None:
        while not self._eof and len(self._buffer) < size:
            chunk = self._reader.read(BUFFER_SIZE)  # the loader's reads: the same depth checks
            if not chunk:
                self._eof = True
            self._buffer += chunk

    def run(self) -> Iterator[list[Authors]]:
        while (start := self._buffer.find(_MESSAGES_START)) < 0:
            if self._eof or len(self._buffer) >= _HEAD_LIMIT:
                raise NotFast('no \\n "messages": [ in the header')
            self._fill(len(self._buffer) + BUFFER_SIZE)
        start += len(_MESSAGES_START)
        head = bytes(self._buffer[:start])
        self._buffer[: start - 1] = b""  # the buffer starts with the array's "["
        while True:
            self._fill(BATCH_SIZE)
            if self._eof:
                break
            cut = self._buffer.rfind(_CUT)
            if cut < 0:
                if len(self._buffer) >= _MAX_BUFFER:
                    raise NotFast("no cut point between messages")
                self._fill(len(self._buffer) + BATCH_SIZE)
                continue
            end = cut + _CUT_KEEP
            self._buffer[end] = _CLOSE  # the comma after the batch's last message
            with memoryview(self._buffer) as view:  # released before the buffer is resized
                batch = bytes(view[: end + 1])
            yield self._batch(batch)
            self._buffer[: end + 1] = b"["  # "[\n  {" starts the next batch
        rest = bytes(self._buffer)
        end = rest.find(_LAST)
        if end >= 0:
            end += len(_LAST) - 2  # the array's "\n ]" begins the tail
        elif rest[1:].lstrip(_WHITESPACE).startswith(b"]"):
            end = 1  # no messages (left)
        else:
            raise NotFast("the messages do not end as expected")
        yield self._batch(rest[:end] + b"]")
        _check_outside(head, rest[end:])

    def _batch(self, data: bytes) -> list[Authors]:
        """The authors of the messages of ``data``, a JSON array of them."""
        _refuse_numbers_yajl_refuses(data)
        try:
            raws: list[dict[str, Any]] = _BATCH.validate_json(data)
        except ValidationError as error:  # its text would quote the batch: chat content
            first = error.errors(include_url=False, include_input=False)[0]
            raise NotFast(f"{first['type']} at {first['loc']}: {first['msg']}") from None
        senders = self._senders
        plain = _MEDIA_KEY_SET.isdisjoint
        # (_ABSENT, _ABSENT) stands for a message without from/from_id: nobody
        found: list[Authors | None] = [
            senders.get((raw.get("from_id", _ABSENT), raw.get("from", _ABSENT)))
            if raw["type"] == "message" and plain(raw)
            else None
            for raw in raws
        ]
        if None in found:  # a new sender, a file reference, a service or unsupported message
            for at, authors in enumerate(found):
                if authors is None:
                    found[at] = self._other(raws[at])
        return cast(list[Authors], found)

    def _sender(self, pair: tuple[object, object]) -> Authors:
        """The one ``Authors`` value of every message with this ``from_id`` and ``from``."""
        if len(self._senders) >= _PEER_CACHE_LIMIT:
            self._senders.clear()
        raw_id, name = pair
        if raw_id is _ABSENT and name is _ABSENT:
            authors = _NOBODY
        else:
            raw_id = None if raw_id is _ABSENT else raw_id
            text = None if name is _ABSENT else cast(str | None, name)  # the schema's type
            authors = Authors(self._peer(raw_id, text), None, ())
        self._senders[pair] = authors
        return authors

    def _other(self, raw: dict[str, Any]) -> Authors:
        """A message with a file reference, a service message or an unsupported one."""
        kind = raw["type"]
        if kind == "message":
            for key in _MEDIA_KEYS:
                self._check_media(raw.get(key))
            pair = (raw.get("from_id", _ABSENT), raw.get("from", _ABSENT))
            return self._senders.get(pair) or self._sender(pair)
        if kind == "service":
            return self._service(raw)
        return _NOBODY

    def _service(self, raw: dict[str, Any]) -> Authors:
        if "peers" in raw:  # JSON inside a string, which the loader decodes (and may choke on)
            raise NotFast("a service message with peers")
        self._check_media(raw.get("photo"))
        actor = None
        if "actor_id" in raw or "actor" in raw:
            actor = self._peer(raw.get("actor_id"), raw.get("actor"))
        names: tuple[str | None, ...] = tuple(raw.get("members", ()))
        if "inviter" in raw:
            names += (raw["inviter"],)
        return Authors(None, actor, names)

    def _check_media(self, reference: str | None) -> None:
        if reference is not None and self._resolve(reference).missing is (
            MissingReason.OUTSIDE_EXPORT
        ):
            raise NotFast(f"a file reference outside the export: {reference!r}")

    def _peer(self, raw_id: object, name: str | None) -> Peer:
        key = (raw_id, name)
        peer = self._peers.get(key)
        if peer is None:
            if len(self._peers) >= _PEER_CACHE_LIMIT:
                self._peers.clear()
            peer = self._peers[key] = Peer(normalize_peer_id(raw_id), name)
        return peer


def _refuse_numbers_yajl_refuses(data: bytes) -> None:
    """Raise ``NotFast`` where ``data`` may hold a number yajl refuses (strings may trigger it)."""
    for word in (b"NaN", b"Infinity"):
        at = data.find(word) if word[:1] in data else -1  # a one-byte search is many times faster
        while at >= 0:
            if _after_value_start(data, at):
                raise NotFast("a number value the loader's parser may refuse")
            at = data.find(word, at + 1)
    coarse = data.translate(_SHAPE, _COARSE_DROPS)
    if all(word not in coarse for word in _OVERFLOWS):
        return
    shape = data.translate(_SHAPE)
    for word in _OVERFLOWS:
        at = shape.find(word)
        while at >= 0:
            start = at
            while start > 0 and shape[start - 1] in _NUMBER_SHAPE:
                start -= 1
            if _after_value_start(data, start):
                raise NotFast("a number value the loader's parser may refuse")
            at = shape.find(word, at + 1)


def _after_value_start(data: bytes, at: int) -> bool:
    """Whether a JSON value may start at ``at`` (after ``:``, ``[`` or ``,`` and whitespace)."""
    before = data[max(at - 64, 0) : at].rstrip(_WHITESPACE + b"-")
    return not before or before[-1] in _NUMBER_BEFORE


def _check_outside(head: bytes, tail: bytes) -> None:
    """The file without its messages must parse (as the loader's parser reads it) as an object
    whose only top-level ``messages`` is the array the batches came from."""
    messages = []
    try:
        for prefix, event, value in ijson.parse(io.BytesIO(head + tail), use_float=True):
            key = prefix == "" and event == "map_key" and value == "messages"
            if key or prefix == "messages" or prefix.startswith("messages."):
                messages.append(event)
    except (ijson.JSONError, UnicodeDecodeError):
        raise NotFast("the rest of the file does not parse") from None
    if messages != ["map_key", "start_array", "end_array"]:
        raise NotFast("not one top-level messages array")
