"""The records the emulated server keeps: users, chats, messages, files and upload tasks."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any


class ChatType(IntEnum):
    P2P = 1
    GROUP = 2
    FAVORITES = 5
    CHANNEL = 6


class MessageType(IntEnum):
    ADD_PARTICIPANT = 1
    REMOVE_PARTICIPANT = 2
    EDIT_CHAT_TITLE = 21
    CLEAR_CHAT_HISTORY = 23
    PARTICIPANT_ROLE = 110
    PLAIN_MESSAGE = 200
    FORWARDED_MESSAGE = 201
    ATTACHMENT = 202


USER_MESSAGE_TYPES = frozenset(
    {MessageType.PLAIN_MESSAGE, MessageType.FORWARDED_MESSAGE, MessageType.ATTACHMENT}
)

ROLES_BY_CHAT_TYPE: dict[ChatType, frozenset[str]] = {
    ChatType.GROUP: frozenset({"owner", "admin", "user"}),
    ChatType.CHANNEL: frozenset({"owner", "admin", "writer", "user"}),
    ChatType.P2P: frozenset({"user"}),
    ChatType.FAVORITES: frozenset({"favorites_owner"}),
}
MANAGING_ROLES = frozenset({"owner", "admin"})
CHANNEL_POSTING_ROLES = frozenset({"owner", "admin", "writer"})
PARSE_MODES = frozenset({"text", "markdown", "html"})


@dataclass
class User:
    login: str
    display_name: str
    email: str = ""
    password_hash: str = ""
    password_salt: str = ""
    is_active: bool = True
    first_name: str = ""
    last_name: str = ""
    company: str = ""


@dataclass
class Participant:
    role: str
    # Messages with a box id above this are visible; 0 shows the whole history.
    visible_after_box: int = 0


@dataclass
class Chat:
    chat_id: str
    chat_type: ChatType
    title: str | None
    created_ms: int
    participants: dict[str, Participant] = field(default_factory=dict)
    message_ids: list[str] = field(default_factory=list)
    last_box: int = 0
    avatar_url: str | None = None


@dataclass
class Message:
    message_id: str
    chat_id: str
    box_id: int
    timestamp: int
    type: MessageType
    author_id: str
    content: dict[str, Any]
    author_type: int = 1
    is_edited: bool = False
    reply_message_id: str | None = None
    # Participants who removed the message for themselves only (removeMessage forAll=false).
    hidden_for: list[str] = field(default_factory=list)
    # ``box.position`` when the message shares its box with another one; else the box id.
    box_position: str | None = None


@dataclass
class Preview:
    name: str
    size: int
    mime_type: str


@dataclass
class StoredFile:
    file_id: str
    name: str
    size: int
    mime_type: str
    owner_id: str
    preview: Preview | None = None
    chat_ids: list[str] = field(default_factory=list)


@dataclass
class UploadTask:
    task_id: str
    owner_id: str
    file_size: int
    file_name: str
    connection_id: str = ""


@dataclass
class TemporalFile:
    """An uploaded body waiting for ``sendFile``; it already owns its final file id."""

    temporal_id: str
    owner_id: str
    file: StoredFile
    connection_id: str = ""
    uploaded_at: float = 0.0  # time.monotonic()
