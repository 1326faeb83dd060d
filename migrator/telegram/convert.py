"""One JSON message object (a dict as ``json.load`` gives it) into one ``Message``. Pure.

The only outside effect is the ``resolve_media`` callable the caller passes in, which decides
what a file reference means (the loader passes one that checks the export folder). Whatever is
not understood is counted in ``LoadStats`` and kept visible on the message, never fatal.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any

from migrator.errors import ExportError
from migrator.i18n import tr
from migrator.telegram.fast_new import fast_constructor
from migrator.telegram.model import (
    Attachment,
    Contact,
    Game,
    Giveaway,
    Invoice,
    LoadStats,
    Location,
    Media,
    MediaKind,
    MediaRef,
    Message,
    MessageType,
    MissingReason,
    PaidMedia,
    Peer,
    Poll,
    PollAnswer,
    Reaction,
    TodoItem,
    TodoList,
    Venue,
)
from migrator.telegram.peer_ids import normalize_peer_id
from migrator.telegram.service import service_action
from migrator.telegram.text import text_chunks
from migrator.telegram.values import optional_int, optional_str

logger = logging.getLogger(__name__)

MEDIA_TYPES: dict[str, MediaKind] = {
    "sticker": MediaKind.STICKER,
    "video_message": MediaKind.VIDEO_MESSAGE,
    "voice_message": MediaKind.VOICE_MESSAGE,
    "animation": MediaKind.ANIMATION,
    "video_file": MediaKind.VIDEO_FILE,
    "audio_file": MediaKind.AUDIO_FILE,
}

_COMMON_KEYS = frozenset(
    {"id", "type", "date", "date_unixtime", "edited", "edited_unixtime", "text", "text_entities"}
)
_SENDER_KEYS = frozenset(
    {
        "from",
        "from_id",
        "author",
        "forwarded_from",
        "saved_from",
        "reply_to_message_id",
        "reply_to_peer_id",
        "via_bot",
    }
)
_MEDIA_KEYS = frozenset(
    {
        "photo",
        "photo_file_size",
        "width",
        "height",
        "media_spoiler",
        "self_destruct_period_seconds",
        "file",
        "file_name",
        "file_size",
        "thumbnail",
        "thumbnail_file_size",
        "media_type",
        "sticker_emoji",
        "performer",
        "title",
        "mime_type",
        "duration_seconds",
    }
)
ATTACHMENT_KEYS = frozenset(
    {
        "contact_information",
        "contact_vcard",
        "contact_vcard_file_size",
        "location_information",
        "live_location_period_seconds",
        "place_name",
        "address",
        "game_title",
        "game_description",
        "game_link",
        "invoice_information",
        "poll",
        "todo_list",
        "giveaway_information",
        "giveaway_results",
        "paid_stars_amount",
    }
)
_TRAILER_KEYS = frozenset({"inline_bot_buttons", "reactions"})
MESSAGE_KEYS = _COMMON_KEYS | _SENDER_KEYS | _MEDIA_KEYS | ATTACHMENT_KEYS | _TRAILER_KEYS
_UNSUPPORTED_KEYS = frozenset({"id", "type"})
# Keys of a plain text message; anything else sends conversion down the detailed path.
_CORE_KEYS = frozenset(
    {"id", "type", "date", "date_unixtime", "from", "from_id", "text", "text_entities"}
)

_PEER_CACHE_LIMIT = 4096
# 3000-01-01 UTC: later times (and any before 1970) fail to format on some systems (Windows).
LATEST_TIMESTAMP = 32503680000
# Built once or more per message: see fast_new for why not Message(...) etc.
_new_message = fast_constructor(Message)
_new_media = fast_constructor(Media)
_new_reaction = fast_constructor(Reaction)


@dataclass(slots=True)
class ConvertContext:
    """What conversion needs besides the message: how to read file references and dates."""

    resolve_media: Callable[[str], MediaRef]
    stats: LoadStats = field(default_factory=LoadStats)
    export_timezone: tzinfo = UTC
    # Senders repeat on most messages; one Peer value per (id, name) saves allocations.
    _peers: dict[tuple[object, object], Peer] = field(default_factory=dict)

    def peer(self, raw_id: object, name: object) -> Peer:
        key = (raw_id, name)
        try:
            peer = self._peers.get(key)
        except TypeError:  # a list or an object where an id or a name belongs: not cached
            return Peer(normalize_peer_id(raw_id), None if name is None else str(name))
        if peer is None:
            if len(self._peers) >= _PEER_CACHE_LIMIT:
                self._peers.clear()
            peer = Peer(normalize_peer_id(raw_id), None if name is None else str(name))
            self._peers[key] = peer
        return peer


def convert_message(raw: Mapping[str, Any], ctx: ConvertContext) -> Message:
    """Convert one element of a chat's ``messages`` array.

    Raises ``ExportError`` when the object has no usable ``id`` (such a message could be
    neither migrated nor reported) or a time no calendar can show.
    """
    message = _convert(raw, ctx)
    for stamp, key in ((message.timestamp, "date"), (message.edited_timestamp, "edited")):
        if stamp is not None and not 0 <= stamp < LATEST_TIMESTAMP:
            raise ExportError(
                tr(
                    "export.bad_time",
                    id=message.id,
                    key=key,
                    unixtime=repr(raw.get(f"{key}_unixtime")),
                    text=repr(raw.get(key)),
                ),
                hint=tr("export.bad_time_hint", key=key),
            )
    return message


def _convert(raw: Mapping[str, Any], ctx: ConvertContext) -> Message:
    message_id = _message_id(raw)
    kind = raw.get("type")
    if kind == "message":
        return _ordinary(raw, message_id, ctx)
    if kind == "service":
        return _service(raw, message_id, ctx)
    unknown = tuple(sorted(raw.keys() - _UNSUPPORTED_KEYS))
    if kind != "unsupported":
        ctx.stats.count(ctx.stats.unknown_fields, f"type={kind}")
    for key in unknown:
        ctx.stats.count(ctx.stats.unknown_fields, key)
    return _new_message(
        id=message_id,
        type=MessageType.UNSUPPORTED,
        timestamp=_timestamp(raw.get("date_unixtime"), raw.get("date"), ctx.export_timezone),
        date_text=optional_str(raw.get("date")),
        unknown_fields=unknown,
    )


def _message_id(raw: Mapping[str, Any]) -> int:
    value = raw.get("id")
    if type(value) is int:
        return value
    number = optional_int(value)
    if number is not None:
        return number
    raise ExportError(
        tr("export.no_id", id=repr(value), type=repr(raw.get("type"))),
        hint=tr("export.no_id_hint"),
    )


def _ordinary(raw: Mapping[str, Any], message_id: int, ctx: ConvertContext) -> Message:
    get = raw.get
    date = get("date")
    unixtime = get("date_unixtime")
    if type(unixtime) is str and unixtime.isdigit():  # the common case, without a call
        timestamp: int | None = int(unixtime)
    else:
        timestamp = _timestamp(unixtime, date, ctx.export_timezone)
    sender = None
    if "from_id" in raw or "from" in raw:
        sender = ctx.peer(get("from_id"), get("from"))
    text = get("text_entities")
    if text is None:
        text = get("text")
    chunks = text_chunks(text, ctx.stats)
    if date is not None and type(date) is not str:
        date = str(date)
    if _CORE_KEYS.issuperset(raw):  # a plain text message (checked without building a set)
        return _new_message(
            message_id, MessageType.MESSAGE, timestamp, date, sender=sender, text=chunks
        )
    optional = raw.keys() - _CORE_KEYS
    unknown: tuple[str, ...] = ()
    if not optional <= MESSAGE_KEYS:
        unknown = tuple(sorted(optional - MESSAGE_KEYS))
        for key in unknown:
            ctx.stats.count(ctx.stats.unknown_fields, key)
    reply_peer = get("reply_to_peer_id")
    # Positional: with 20 keyword arguments the call alone costs 0.6 µs more (measured).
    return _new_message(
        message_id,  # id
        MessageType.MESSAGE,  # type
        timestamp,
        date,  # date_text
        _edited(raw, ctx.export_timezone),  # edited_timestamp
        sender,
        optional_str(get("author")),  # author_signature
        "forwarded_from" in optional,  # forwarded
        optional_str(get("forwarded_from")),
        "saved_from" in optional,  # saved
        optional_str(get("saved_from")),
        optional_int(get("reply_to_message_id")),
        None if reply_peer is None else normalize_peer_id(reply_peer),  # reply_to_peer
        optional_str(get("via_bot")),
        chunks,  # text
        _media(raw, message_id, ctx) if "photo" in optional or "file" in optional else None,
        None if ATTACHMENT_KEYS.isdisjoint(optional) else _attachment(raw, message_id, ctx),
        None,  # service
        _reactions(get("reactions")) if "reactions" in optional else (),
        bool(get("inline_bot_buttons")),  # has_inline_buttons
        unknown,  # unknown_fields
    )


def _service(raw: Mapping[str, Any], message_id: int, ctx: ConvertContext) -> Message:
    actor = None
    if "actor_id" in raw or "actor" in raw:
        actor = ctx.peer(raw.get("actor_id"), raw.get("actor"))
    action, unknown = service_action(
        raw,
        actor=actor,
        resolve_photo=lambda relative: _media_ref(relative, message_id, ctx),
        stats=ctx.stats,
    )
    for key in unknown:
        ctx.stats.count(ctx.stats.unknown_fields, key)
    tz = ctx.export_timezone
    date = raw.get("date")
    text = raw.get("text_entities")
    if text is None:
        text = raw.get("text")
    return _new_message(
        id=message_id,
        type=MessageType.SERVICE,
        timestamp=_timestamp(raw.get("date_unixtime"), date, tz),
        date_text=optional_str(date),
        edited_timestamp=_edited(raw, tz),
        text=text_chunks(text, ctx.stats),
        service=action,
        reactions=_reactions(raw.get("reactions")),
        has_inline_buttons=bool(raw.get("inline_bot_buttons")),
        unknown_fields=unknown,
    )


def _media_ref(relative: object, message_id: int, ctx: ConvertContext) -> MediaRef:
    if not isinstance(relative, str):
        return MediaRef(relative=repr(relative), path=None, missing=MissingReason.NOT_FOUND)
    ref = ctx.resolve_media(relative)
    if ref.missing is MissingReason.OUTSIDE_EXPORT:
        ctx.stats.refused_paths.append((message_id, relative, ref.missing))
        logger.warning("%s", tr("warn.outside_export", id=message_id, reference=relative))
    return ref


def _media(raw: Mapping[str, Any], message_id: int, ctx: ConvertContext) -> Media:
    photo = raw.get("photo")
    spoiler = raw.get("media_spoiler") is True
    ttl = optional_int(raw.get("self_destruct_period_seconds"))
    width = optional_int(raw.get("width"))
    height = optional_int(raw.get("height"))
    if photo is not None:
        return _new_media(
            kind=MediaKind.PHOTO,
            file=_media_ref(photo, message_id, ctx),
            file_size=optional_int(raw.get("photo_file_size")),
            width=width,
            height=height,
            spoiler=spoiler,
            self_destruct_seconds=ttl,
        )
    media_type = raw.get("media_type")
    raw_media_type = None
    if media_type is None:
        kind = MediaKind.FILE
    else:
        known = MEDIA_TYPES.get(media_type) if isinstance(media_type, str) else None
        if known is None:
            raw_media_type = str(media_type)
            ctx.stats.count(ctx.stats.unknown_media_types, raw_media_type)
            kind = MediaKind.UNKNOWN
        else:
            kind = known
    thumbnail = raw.get("thumbnail")
    return _new_media(
        kind=kind,
        file=_media_ref(raw.get("file"), message_id, ctx),
        file_name=optional_str(raw.get("file_name")),
        file_size=optional_int(raw.get("file_size")),
        mime_type=optional_str(raw.get("mime_type")),
        thumbnail=None if thumbnail is None else _media_ref(thumbnail, message_id, ctx),
        width=width,
        height=height,
        duration_seconds=optional_int(raw.get("duration_seconds")),
        sticker_emoji=optional_str(raw.get("sticker_emoji")),
        performer=optional_str(raw.get("performer")),
        title=optional_str(raw.get("title")),
        spoiler=spoiler,
        self_destruct_seconds=ttl,
        raw_media_type=raw_media_type,
    )


def _attachment(raw: Mapping[str, Any], message_id: int, ctx: ConvertContext) -> Attachment | None:
    stats = ctx.stats
    if (poll := raw.get("poll")) is not None and isinstance(poll, dict):
        return Poll(
            question=text_chunks(poll.get("question"), stats),
            closed=poll.get("closed") is True,
            total_voters=optional_int(poll.get("total_voters")) or 0,
            answers=tuple(
                PollAnswer(
                    text=text_chunks(answer.get("text"), stats),
                    voters=optional_int(answer.get("voters")) or 0,
                    chosen=answer.get("chosen") is True,
                )
                for answer in _dicts(poll.get("answers"))
            ),
        )
    if (todo := raw.get("todo_list")) is not None and isinstance(todo, dict):
        return TodoList(
            title=text_chunks(todo.get("title"), stats),
            items=tuple(
                TodoItem(
                    id=optional_int(item.get("id")) or 0, text=text_chunks(item.get("text"), stats)
                )
                for item in _dicts(todo.get("answers"))
            ),
            others_can_append=todo.get("others_can_append") is True,
            others_can_complete=todo.get("others_can_complete") is True,
        )
    if "contact_information" in raw:
        contact = raw.get("contact_information")
        contact = contact if isinstance(contact, dict) else {}
        vcard = raw.get("contact_vcard")
        return Contact(
            first_name=str(contact.get("first_name") or ""),
            last_name=str(contact.get("last_name") or ""),
            phone_number=str(contact.get("phone_number") or ""),
            vcard=None if vcard is None else _media_ref(vcard, message_id, ctx),
        )
    location = _location(raw)
    if "place_name" in raw or "address" in raw:
        return Venue(
            place_name=optional_str(raw.get("place_name")),
            address=optional_str(raw.get("address")),
            location=location,
        )
    if location is not None:
        return location
    if "game_title" in raw or "game_description" in raw or "game_link" in raw:
        return Game(
            title=optional_str(raw.get("game_title")),
            description=optional_str(raw.get("game_description")),
            link=optional_str(raw.get("game_link")),
        )
    if "invoice_information" in raw:
        return _invoice(raw.get("invoice_information"))
    if (giveaway := raw.get("giveaway_information")) is not None:
        return Giveaway(results=False, details=giveaway if isinstance(giveaway, dict) else {})
    if (results := raw.get("giveaway_results")) is not None:
        return Giveaway(results=True, details=results if isinstance(results, dict) else {})
    if "paid_stars_amount" in raw:
        return PaidMedia(stars=optional_int(raw.get("paid_stars_amount")) or 0)
    return None  # e.g. an empty geo point: location_information is null


def _location(raw: Mapping[str, Any]) -> Location | None:
    point = raw.get("location_information")
    if not isinstance(point, dict):
        return None
    latitude = point.get("latitude")
    longitude = point.get("longitude")
    if not isinstance(latitude, int | float) or not isinstance(longitude, int | float):
        return None
    return Location(
        latitude=float(latitude),
        longitude=float(longitude),
        live_period_seconds=optional_int(raw.get("live_location_period_seconds")),
    )


def _invoice(value: object) -> Invoice:
    # Written as a JSON string holding the object (spec §2); accept a real object too.
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            value = {}
    details = value if isinstance(value, dict) else {}
    return Invoice(
        title=optional_str(details.get("title")),
        description=optional_str(details.get("description")),
        amount=optional_int(details.get("amount")),
        currency=optional_str(details.get("currency")),
    )


def _reactions(value: object) -> tuple[Reaction, ...]:
    if not value or not isinstance(value, list):
        return ()
    return tuple(
        _new_reaction(
            type=str(item.get("type", "")),
            count=optional_int(item.get("count")) or 0,
            emoji=optional_str(item.get("emoji")),
            document_id=optional_str(item.get("document_id")),
        )
        for item in _dicts(value)
    )


def _edited(raw: Mapping[str, Any], tz: tzinfo) -> int | None:
    if "edited_unixtime" not in raw and "edited" not in raw:
        return None
    return _timestamp(raw.get("edited_unixtime"), raw.get("edited"), tz)


def _timestamp(unixtime: object, local: object, tz: tzinfo) -> int | None:
    """``date_unixtime`` when present; otherwise ``date`` read as local time in ``tz``."""
    if type(unixtime) is str:
        try:
            return int(unixtime)
        except ValueError:
            pass
    if unixtime is not None:
        seconds = optional_int(unixtime)
        if seconds is not None:
            return seconds
    if not isinstance(local, str):
        return None
    try:
        moment = datetime.fromisoformat(local)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return int(moment.timestamp())


def _dicts(value: object) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
