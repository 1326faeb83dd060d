"""Messages: send, edit, remove, forward, and history read-back.

History paging convention (the client leaves it to the server): ``getChatHistory`` without
``fromMessageId`` returns the newest ``count`` messages; with it, the ``count`` messages older
than that message (exclusive). In both cases the newest comes first.
"""

from __future__ import annotations

from typing import Any

from migrator.emulator import envelopes
from migrator.emulator.errors import ChatError, ErrorCode
from migrator.emulator.model import MANAGING_ROLES, PARSE_MODES, Chat, Message, MessageType
from migrator.emulator.sanitise import normalise
from migrator.emulator.state import ServerState
from migrator.emulator.textlen import too_long


def send_message(
    state: ServerState, actor: str, raw_chat_id: object, content: object, raw_reply: object
) -> Message:
    text, parse_mode = text_content(content, what="content")
    if not text.strip():
        raise ChatError(ErrorCode.WRONG_PAYLOAD, "content.text is empty")
    with state.lock:
        chat = state.chat_for(actor, raw_chat_id)
        state.require_poster(chat, actor)
        reply_id = state.reply_target(chat, actor, raw_reply)
        return state.append(
            chat,
            actor,
            MessageType.PLAIN_MESSAGE,
            stored_text(state, text, parse_mode),
            reply_id=reply_id,
        )


def edit_message(
    state: ServerState, actor: str, raw_message_id: object, content: object
) -> Message:
    text, parse_mode = text_content(content, what="content")
    with state.lock:
        message, chat = state.message_for(actor, raw_message_id)
        if message.author_id != actor:
            raise ChatError(ErrorCode.NOT_ENOUGH_RIGHTS, "Only the author may edit a message")
        if message.type is not MessageType.PLAIN_MESSAGE:
            raise ChatError(ErrorCode.WRONG_PAYLOAD, "Only text messages can be edited")
        message.content = stored_text(state, text, parse_mode)
        message.is_edited = True
        edited_at = state.now()
        state.push(
            "editMessage",
            {
                "timestamp": edited_at,
                "chatId": chat.chat_id,
                "messageId": message.message_id,
                "content": message.content,
            },
            frozenset(chat.participants),
        )
        state.touch(("message", message.message_id))
        return message


def remove_message(
    state: ServerState, actor: str, raw_message_id: object, *, for_all: bool
) -> None:
    with state.lock:
        message, chat = state.message_for(actor, raw_message_id)
        if not for_all:
            message.hidden_for.append(actor)
            recipients = frozenset({actor})
        else:
            is_manager = chat.participants[actor].role in MANAGING_ROLES
            if message.author_id != actor and not is_manager:
                raise ChatError(ErrorCode.NOT_ENOUGH_RIGHTS, "Not enough rights")
            chat.message_ids.remove(message.message_id)
            del state.messages[message.message_id]
            recipients = frozenset(chat.participants)
        state.push(
            "removeMessage",
            {
                "chatId": chat.chat_id,
                "messageId": message.message_id,
                "removedBy": {"id": actor, "type": 1},
            },
            recipients,
        )
        state.touch(("message", message.message_id))


def forward_message(
    state: ServerState, actor: str, raw_message_id: object, raw_chat_id: object
) -> Message:
    with state.lock:
        original, source_chat = state.message_for(actor, raw_message_id)
        target = state.chat_for(actor, raw_chat_id)
        state.require_poster(target, actor)
        if original.type is MessageType.ATTACHMENT:
            # Readers of the target chat may now fetch the forwarded file.
            forwarded_file = state.files.get(original.content.get("fileId", ""))
            if forwarded_file is not None and target.chat_id not in forwarded_file.chat_ids:
                forwarded_file.chat_ids.append(target.chat_id)
                state.touch(("file", forwarded_file.file_id))
        return state.append(
            target,
            actor,
            MessageType.FORWARDED_MESSAGE,
            envelopes.forwarded_content(original, source_chat),
        )


def history(
    state: ServerState, actor: str, raw_chat_id: object, count: object, raw_from: object
) -> tuple[Chat, list[Message]]:
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        raise ChatError(ErrorCode.WRONG_PAYLOAD, "count must be a positive integer")
    cap = state.behaviours.history_page_cap
    if cap is not None and cap > 0:
        count = min(count, cap)
    with state.lock:
        chat = state.chat_for(actor, raw_chat_id)
        ids = chat.message_ids
        end = len(ids)
        if raw_from is not None:
            if not isinstance(raw_from, str) or raw_from not in state.messages:
                raise ChatError(ErrorCode.MESSAGE_NOT_FOUND, "fromMessageId not found")
            if state.messages[raw_from].chat_id != chat.chat_id:
                raise ChatError(ErrorCode.MESSAGE_NOT_FOUND, "fromMessageId not in this chat")
            end = ids.index(raw_from)
        page: list[Message] = []
        for message_id in reversed(ids[:end]):
            message = state.messages[message_id]
            if not state.in_joined_history(chat, actor, message):
                break
            if actor in message.hidden_for:
                continue
            page.append(message)
            if len(page) == count:
                break
        return chat, page


def stored_text(state: ServerState, text: str, parse_mode: str) -> dict[str, Any]:
    """The content kept for a text or caption: as sent, or rewritten (``normalise_text``)."""
    if state.behaviours.normalise_text:
        text = normalise(text, parse_mode)
    return {"text": text, "parseMode": parse_mode}


def text_content(content: object, *, what: str) -> tuple[str, str]:
    """The (text, parseMode) of a text content or caption, checked as the server checks it."""
    if not isinstance(content, dict):
        raise ChatError(ErrorCode.WRONG_PAYLOAD, f"{what} is required")
    text: Any = content.get("text")
    parse_mode = content.get("parseMode", "text")
    if not isinstance(text, str):
        raise ChatError(ErrorCode.WRONG_PAYLOAD, f"{what}.text is required")
    if parse_mode not in PARSE_MODES:
        raise ChatError(
            ErrorCode.WRONG_PAYLOAD, f"{what}.parseMode is not one of text/markdown/html"
        )
    if too_long(text):
        raise ChatError(ErrorCode.WRONG_PAYLOAD, f"{what}.text is longer than 4096 characters")
    return text, str(parse_mode)
