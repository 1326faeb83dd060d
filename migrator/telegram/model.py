"""Typed model of a Telegram Desktop JSON export.

The loader (``migrator.telegram.loader``) turns each JSON message object into one ``Message``.
Everything downstream (users, planning, reports) reads these values and never raw JSON.
All values are immutable. Field names follow the export's own keys where one exists
(see ``../shared/spec/telegram-export.md``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any


class PeerKind(StrEnum):
    USER = "user"
    CHAT = "chat"  # a basic group
    CHANNEL = "channel"  # a channel or supergroup (incl. anonymous admins / "send as channel")


@dataclass(frozen=True, slots=True)
class PeerId:
    """A Telegram peer normalised from any of the three historical ``from_id`` formats."""

    kind: PeerKind
    id: int

    def __str__(self) -> str:
        return f"{self.kind.value}{self.id}"


@dataclass(frozen=True, slots=True)
class Peer:
    """Someone who acts in the chat: an id and the display name the export gave.

    ``name`` is ``None`` for a deleted account (the export writes ``null``).
    """

    id: PeerId | None
    name: str | None


class EntityType(StrEnum):
    PLAIN = "plain"
    UNKNOWN = "unknown"
    MENTION = "mention"
    MENTION_NAME = "mention_name"
    HASHTAG = "hashtag"
    CASHTAG = "cashtag"
    BOT_COMMAND = "bot_command"
    LINK = "link"
    EMAIL = "email"
    PHONE = "phone"
    BANK_CARD = "bank_card"
    BOLD = "bold"
    ITALIC = "italic"
    UNDERLINE = "underline"
    STRIKETHROUGH = "strikethrough"
    CODE = "code"
    PRE = "pre"
    TEXT_LINK = "text_link"
    SPOILER = "spoiler"
    BLOCKQUOTE = "blockquote"
    CUSTOM_EMOJI = "custom_emoji"


@dataclass(frozen=True, slots=True)
class TextChunk:
    """One consecutive piece of message text with its formatting.

    Telegram flattens nested formatting, so a message's text is a plain sequence of chunks.
    An entity type the loader does not know becomes ``EntityType.UNKNOWN`` with the raw name
    kept in ``raw_type``.
    """

    type: EntityType
    text: str
    href: str | None = None  # text_link
    language: str | None = None  # pre
    user_id: int | None = None  # mention_name
    collapsed: bool = False  # blockquote
    document_id: str | None = None  # custom_emoji: a file path, "(unavailable)" or ""
    raw_type: str | None = None  # the export's type name when type is UNKNOWN


class MissingReason(StrEnum):
    """Why a media file referenced by the export cannot be used."""

    NOT_INCLUDED = "not_included"  # "(File not included. …)": media type not selected on export
    TOO_LARGE = "too_large"  # "(File exceeds maximum size. …)"
    UNAVAILABLE = "unavailable"  # "(File unavailable, please try again later)"
    NOT_FOUND = "not_found"  # the path is fine but no such file is in the export folder
    OUTSIDE_EXPORT = "outside_export"  # the path leaves the export folder: refused, never opened


@dataclass(frozen=True, slots=True)
class MediaRef:
    """A file named in the export.

    ``relative`` is the string the export wrote. ``path`` is the absolute, resolved path inside
    the export folder, set only when the file exists there; otherwise ``missing`` says why.
    """

    relative: str
    path: Path | None
    missing: MissingReason | None = None

    @property
    def available(self) -> bool:
        return self.path is not None and self.missing is None


class MediaKind(StrEnum):
    PHOTO = "photo"
    FILE = "file"  # a document without media_type
    STICKER = "sticker"
    VIDEO_MESSAGE = "video_message"  # round video
    VOICE_MESSAGE = "voice_message"
    ANIMATION = "animation"
    VIDEO_FILE = "video_file"
    AUDIO_FILE = "audio_file"
    UNKNOWN = "unknown"  # a media_type the loader does not know (raw name in raw_media_type)


@dataclass(frozen=True, slots=True)
class Media:
    """A photo or a document attached to a message."""

    kind: MediaKind
    file: MediaRef
    file_name: str | None = None  # the original name (may differ from the file's basename)
    file_size: int | None = None
    mime_type: str | None = None
    thumbnail: MediaRef | None = None
    width: int | None = None
    height: int | None = None
    duration_seconds: int | None = None
    sticker_emoji: str | None = None
    performer: str | None = None
    title: str | None = None
    spoiler: bool = False
    self_destruct_seconds: int | None = None
    raw_media_type: str | None = None


@dataclass(frozen=True, slots=True)
class PollAnswer:
    text: tuple[TextChunk, ...]
    voters: int
    chosen: bool


@dataclass(frozen=True, slots=True)
class Poll:
    question: tuple[TextChunk, ...]
    closed: bool
    total_voters: int
    answers: tuple[PollAnswer, ...]


@dataclass(frozen=True, slots=True)
class TodoItem:
    id: int
    text: tuple[TextChunk, ...]


@dataclass(frozen=True, slots=True)
class TodoList:
    title: tuple[TextChunk, ...]
    items: tuple[TodoItem, ...]
    others_can_append: bool = False
    others_can_complete: bool = False


@dataclass(frozen=True, slots=True)
class Location:
    latitude: float
    longitude: float
    live_period_seconds: int | None = None


@dataclass(frozen=True, slots=True)
class Venue:
    place_name: str | None
    address: str | None
    location: Location | None


@dataclass(frozen=True, slots=True)
class Contact:
    first_name: str
    last_name: str
    phone_number: str
    vcard: MediaRef | None = None


@dataclass(frozen=True, slots=True)
class Game:
    title: str | None
    description: str | None
    link: str | None


@dataclass(frozen=True, slots=True)
class Invoice:
    title: str | None
    description: str | None
    amount: int | None  # in the smallest currency unit
    currency: str | None


@dataclass(frozen=True, slots=True)
class Giveaway:
    """``giveaway_information`` or ``giveaway_results``; the raw mapping is kept for rendering."""

    results: bool
    details: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class PaidMedia:
    stars: int


# What a message carries besides text and media. At most one per message.
Attachment = Poll | TodoList | Location | Venue | Contact | Game | Invoice | Giveaway | PaidMedia


@dataclass(frozen=True, slots=True)
class Reaction:
    type: str  # "emoji", "custom_emoji", "paid", "empty" or something new
    count: int
    emoji: str | None = None
    document_id: str | None = None


@dataclass(frozen=True, slots=True)
class ServiceAction:
    """A service message's action.

    ``action`` is the export's action name, or ``"custom"`` for the action-less
    ``information_text`` message. Frequently used keys have their own fields; everything else the
    export wrote for the action is in ``details`` (JSON values, already decoded where the export
    wrapped JSON in a string).
    """

    action: str
    actor: Peer | None = None
    title: str | None = None
    members: tuple[str | None, ...] = ()
    message_id: int | None = None  # pin_message and similar
    duration_seconds: int | None = None  # phone_call, group_call (the export's "duration")
    photo: MediaRef | None = None  # edit_group_photo, suggest_profile_photo
    text: str | None = None  # information_text of a custom action
    details: Mapping[str, Any] = field(default_factory=dict)
    known: bool = True  # False when the loader does not know this action


class MessageType(StrEnum):
    MESSAGE = "message"
    SERVICE = "service"
    UNSUPPORTED = "unsupported"


@dataclass(frozen=True, slots=True)
class Message:
    """One message of the export, in export order.

    ``timestamp`` is Unix seconds: from ``date_unixtime`` when present (authoritative), else from
    ``date`` read in the time zone the loader was told the exporting machine used. ``None`` only
    for ``unsupported`` messages and the rare message without a date.
    """

    id: int
    type: MessageType
    timestamp: int | None
    date_text: str | None = None  # the export's ``date`` as written (local time, no offset)
    edited_timestamp: int | None = None
    sender: Peer | None = None  # from / from_id; None for service and unsupported messages
    author_signature: str | None = None  # ``author``: channel signature or anonymous admin title
    forwarded: bool = False  # ``forwarded_from`` key present (its value may be null)
    forwarded_from: str | None = None
    saved: bool = False  # ``saved_from`` key present
    saved_from: str | None = None
    reply_to_message_id: int | None = None
    reply_to_peer: PeerId | None = None  # set for a reply into another chat: do not resolve locally
    via_bot: str | None = None
    text: tuple[TextChunk, ...] = ()
    media: Media | None = None
    attachment: Attachment | None = None
    service: ServiceAction | None = None
    reactions: tuple[Reaction, ...] = ()
    has_inline_buttons: bool = False
    unknown_fields: tuple[str, ...] = ()

    @property
    def plain_text(self) -> str:
        return "".join(chunk.text for chunk in self.text)


class ChatType(StrEnum):
    SAVED_MESSAGES = "saved_messages"
    REPLIES = "replies"
    VERIFICATION_CODES = "verification_codes"
    PERSONAL_CHAT = "personal_chat"
    BOT_CHAT = "bot_chat"
    PRIVATE_GROUP = "private_group"
    PRIVATE_SUPERGROUP = "private_supergroup"
    PUBLIC_SUPERGROUP = "public_supergroup"
    PRIVATE_CHANNEL = "private_channel"
    PUBLIC_CHANNEL = "public_channel"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class ChatInfo:
    """A chat's header: what the export says about it before its messages.

    ``index`` is the chat's position in a full-account export (``chats.list`` then
    ``left_chats.list``), ``None`` for a single-chat export.
    """

    name: str | None
    type: ChatType
    id: int | None
    index: int | None = None
    left: bool = False  # from ``left_chats``: only your own messages were exported
    message_count: int | None = None  # set when the loader counted them (full-account exports)

    @property
    def key(self) -> str:
        """A stable key for ledgers and reports."""
        if self.id is not None:
            return f"tg{self.id}"
        return f"tgindex{self.index}" if self.index is not None else "tgchat"


@dataclass(slots=True)
class LoadStats:
    """What the loader met that it could not fully understand: counted, never fatal."""

    messages: int = 0
    unknown_fields: dict[str, int] = field(default_factory=dict)
    unknown_entity_types: dict[str, int] = field(default_factory=dict)
    unknown_actions: dict[str, int] = field(default_factory=dict)
    unknown_media_types: dict[str, int] = field(default_factory=dict)
    refused_paths: list[tuple[int, str, MissingReason]] = field(default_factory=list)
    repaired_escapes: int = 0

    def count(self, table: dict[str, int], name: str) -> None:
        table[name] = table.get(name, 0) + 1
