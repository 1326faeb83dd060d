"""The values that pass the door: what the server holds and what is uploaded, as plain data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from migrator.config.model import ChatType

TEXT, FORWARD, ATTACHMENT = 200, 201, 202
USER_TYPES = frozenset({200, 201, 202, 203, 204, 205})


# ``chatType`` as the server lists it (getChats); a personal chat is a P2P chat.
SERVER_CHAT_TYPE = {ChatType.PERSONAL: 1, ChatType.GROUP: 2, ChatType.CHANNEL: 6}


@dataclass(frozen=True, slots=True)
class ServerMessage:
    """One message of a chat as the server returns it."""

    message_id: str
    author: str  # the server's id of the author: "login@domain", "DOMAIN\\Login@server", …
    type: int
    box_id: int | None  # the server's order; a file and its caption may share one
    timestamp: int
    text: str | None = None  # text of a 200 message
    file_name: str | None = None  # name of a 202 attachment
    file_size: int | None = None
    mime_type: str | None = None
    reply_to: str | None = None
    box_position: str = ""  # the order inside one box
    arrival: int = 0  # the order the reader received it in (newest first)

    @property
    def login(self) -> str:
        """The author's login: no ``@server``, no LDAP ``DOMAIN\\``, in lower case."""
        return self.author.split("@", 1)[0].rsplit("\\", 1)[-1].lower()

    @property
    def is_user_message(self) -> bool:
        return self.type in USER_TYPES

    def order_key(self) -> tuple[int, tuple[int, str], int, int]:
        """Oldest first: the box, the position in it, the time, then the reverse of arrival
        (pages come newest first)."""
        box = self.box_id if self.box_id is not None else self.timestamp
        position = self.box_position
        position_key = (int(position), "") if position.isdigit() else (1 << 62, position)
        return box, position_key, self.timestamp, -self.arrival


def parse_message(raw: Mapping[str, Any], *, arrival: int = 0) -> ServerMessage:
    content = raw.get("content") or {}
    author = raw.get("author") or {}
    box = raw.get("box") or {}
    timestamp = int(raw.get("timestamp") or 0)
    type_ = int(raw.get("type") or 0)
    return ServerMessage(
        message_id=str(raw["messageId"]),
        author=str(author.get("id", "")),
        type=type_,
        box_id=int(box["id"]) if "id" in box else None,
        box_position=str(box.get("position", "")),
        timestamp=timestamp,
        text=str(content["text"]) if type_ == TEXT and "text" in content else None,
        file_name=str(content["name"]) if type_ == ATTACHMENT and "name" in content else None,
        file_size=int(content["size"]) if type_ == ATTACHMENT and "size" in content else None,
        mime_type=str(content.get("mimeType") or "") or None if type_ == ATTACHMENT else None,
        reply_to=str(raw["replyMessageId"]) if raw.get("replyMessageId") else None,
        arrival=arrival,
    )


@dataclass(frozen=True, slots=True)
class ListedChat:
    """One chat of ``getChats``."""

    chat_id: str
    title: str | None
    chat_type: int | None
    has_messages: bool  # the server lists a last message for it


def parse_listed_chat(raw: object) -> ListedChat | None:
    if not isinstance(raw, dict) or "chatId" not in raw:
        return None
    chat_type = raw.get("chatType")
    title = raw.get("title")
    return ListedChat(
        chat_id=str(raw["chatId"]),
        title=title if isinstance(title, str) else None,
        chat_type=chat_type if isinstance(chat_type, int) else None,
        has_messages=raw.get("lastMessage") is not None,
    )


@dataclass(frozen=True, slots=True)
class UploadSource:
    """What to upload: the prepared file, the name it carries, its type and optional preview."""

    path: Path
    file_name: str
    content_type: str
    preview: Path | None = None
    preview_content_type: str = "image/jpeg"


@dataclass(frozen=True, slots=True)
class SentFile:
    message_id: str
    caption_message_id: str | None


@dataclass(frozen=True, slots=True)
class ServerLimits:
    """``getFileUploadLimits`` and a size the server pushed with ``changedFileUploadLimits``."""

    max_size: int | None
    pushed_size: int | None
    extensions_mode: str | None  # "allow" | "block" | None
    extensions: tuple[str, ...]
