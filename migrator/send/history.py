"""Reading a chat back: the messages the server holds, oldest first, as plain values.

The history is requested through the client library but parsed here from the raw payload
(``__returning__ = dict``): one message of a type the library does not know would otherwise make
the whole page fail. Pages are followed with ``fromMessageId`` until a known message, or the start
of the chat, is reached; messages are de-duplicated by id and ordered by their box position.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from trueconf import Bot
from trueconf.methods.get_chat_history import GetChatHistory

PAGE_SIZE = 100
TEXT, FORWARD, ATTACHMENT = 200, 201, 202
USER_TYPES = frozenset({200, 201, 202, 203, 204, 205})


class _RawChatHistory(GetChatHistory):
    __returning__ = dict  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class ServerMessage:
    """One message of a chat as the server returns it."""

    message_id: str
    author: str  # "login@domain"
    type: int
    position: int  # box id (arrival order), or the timestamp when the server gives no box
    timestamp: int
    text: str | None = None  # text of a 200 message
    file_name: str | None = None  # name of a 202 attachment
    file_size: int | None = None
    mime_type: str | None = None
    reply_to: str | None = None

    @property
    def login(self) -> str:
        return self.author.split("@", 1)[0]

    @property
    def is_user_message(self) -> bool:
        return self.type in USER_TYPES


def parse_message(raw: Mapping[str, Any]) -> ServerMessage:
    content = raw.get("content") or {}
    author = raw.get("author") or {}
    box = raw.get("box") or {}
    timestamp = int(raw.get("timestamp") or 0)
    type_ = int(raw.get("type") or 0)
    return ServerMessage(
        message_id=str(raw["messageId"]),
        author=str(author.get("id", "")),
        type=type_,
        position=int(box["id"]) if "id" in box else timestamp,
        timestamp=timestamp,
        text=str(content["text"]) if type_ == TEXT and "text" in content else None,
        file_name=str(content["name"]) if type_ == ATTACHMENT and "name" in content else None,
        file_size=int(content["size"]) if type_ == ATTACHMENT and "size" in content else None,
        mime_type=str(content.get("mimeType") or "") or None if type_ == ATTACHMENT else None,
        reply_to=str(raw["replyMessageId"]) if raw.get("replyMessageId") else None,
    )


async def read_history(
    bot: Bot, chat_id: str, *, stop_at: str | None = None, page_size: int = PAGE_SIZE
) -> list[ServerMessage]:
    """The chat's messages oldest first; only those after ``stop_at`` when it is given."""
    seen: dict[str, ServerMessage] = {}
    from_id: str | None = None
    while True:
        payload = await bot(
            _RawChatHistory(chat_id=chat_id, count=page_size, from_message_id=from_id)
        )
        raw_messages: list[Any] = payload.get("messages") or [] if isinstance(payload, dict) else []
        page = [parse_message(m) for m in raw_messages]
        fresh = [m for m in page if m.message_id not in seen]
        for message in fresh:
            seen[message.message_id] = message
        if not fresh or stop_at in seen or len(page) < page_size:
            break
        from_id = min(fresh, key=lambda m: m.position).message_id
    ordered = sorted(seen.values(), key=lambda m: m.position)
    if stop_at is not None:
        ids = [m.message_id for m in ordered]
        if stop_at in ids:
            ordered = ordered[ids.index(stop_at) + 1 :]
    return ordered
