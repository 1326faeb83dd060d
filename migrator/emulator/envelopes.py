"""The JSON shapes the Chatbot Connector sends: message envelopes, chat info, file info."""

from __future__ import annotations

from typing import Any

from migrator.emulator.model import USER_MESSAGE_TYPES, Chat, Message, StoredFile

JsonDict = dict[str, Any]


def chat_ref(chat: Chat) -> JsonDict:
    return {"chatId": chat.chat_id, "chatTitle": chat.title, "chatType": int(chat.chat_type)}


def author(message: Message) -> JsonDict:
    return {"id": message.author_id, "type": message.author_type}


def envelope(message: Message, chat: Chat, *, reply: Message | None = None) -> JsonDict:
    """A message as history, live events and ``replyMessage`` carry it."""
    body: JsonDict = {
        "messageId": message.message_id,
        "chatId": chat.chat_id,
        "chat": chat_ref(chat),
        "timestamp": message.timestamp,
        "type": int(message.type),
        "author": author(message),
        "box": {"id": message.box_id, "position": message.box_position or str(message.box_id)},
        "content": message.content,
    }
    if message.type in USER_MESSAGE_TYPES:
        body["isEdited"] = message.is_edited
        body["replyMessageId"] = message.reply_message_id
        if reply is not None:
            body["replyMessage"] = envelope(reply, chat)
    return body


def forwarded_content(message: Message, chat: Chat) -> JsonDict:
    """The content of a forward: the original envelope without its box."""
    original = envelope(message, chat)
    original.pop("box")
    original.pop("replyMessage", None)
    return original


def message_by_id(message: Message, chat: Chat) -> JsonDict:
    """``getMessageById`` answers an envelope that has ``chatId`` but needs no ``chat``."""
    return envelope(message, chat)


def last_message(message: Message, chat: Chat) -> JsonDict:
    return {
        "messageId": message.message_id,
        "timestamp": message.timestamp,
        "author": author(message),
        "type": int(message.type),
        "content": message.content,
        "chat": chat_ref(chat),
    }


def chat_info(chat: Chat, last: Message | None) -> JsonDict:
    return {
        "chatId": chat.chat_id,
        "title": chat.title,
        "chatType": int(chat.chat_type),
        "unreadMessages": 0,
        "avatarUrl": chat.avatar_url,
        "lastMessage": None if last is None else last_message(last, chat),
    }


def attachment_content(file: StoredFile) -> JsonDict:
    return {
        "name": file.name,
        "size": file.size,
        "fileId": file.file_id,
        "mimeType": file.mime_type,
        "readyState": 2,
    }


def file_info(file: StoredFile, *, download_url: str, preview_url: str | None) -> JsonDict:
    previews = None
    if file.preview is not None and preview_url is not None:
        previews = [
            {
                "name": file.preview.name,
                "size": file.preview.size,
                "mimeType": file.preview.mime_type,
                "downloadUrl": preview_url,
            }
        ]
    return {
        "fileId": file.file_id,
        "name": file.name,
        "size": file.size,
        "mimeType": file.mime_type,
        "readyState": 2,
        "downloadUrl": download_url,
        "previews": previews,
    }
