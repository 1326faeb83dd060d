"""Chatbot Connector requests: one handler per method name, from payload to response payload."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from migrator.emulator import chats, envelopes, files, messages
from migrator.emulator.errors import ChatError, ErrorCode
from migrator.emulator.model import ChatType
from migrator.emulator.state import ServerState

Json = Any


@dataclass
class CallContext:
    state: ServerState
    user_id: str
    base_url: str
    # The connection the request came on (uploads may belong to it: temporal_file_ttl_seconds).
    connection_id: str = ""
    # Requests the server pushes to the caller right after the response.
    after_reply: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


Handler = Callable[[CallContext, dict[str, Any]], Json]


def _create_group(ctx: CallContext, payload: dict[str, Any]) -> Json:
    title = payload.get("title", payload.get("name"))
    return {"chatId": chats.create_chat(ctx.state, ctx.user_id, ChatType.GROUP, title).chat_id}


def _create_channel(ctx: CallContext, payload: dict[str, Any]) -> Json:
    title = payload.get("title", payload.get("name"))
    return {"chatId": chats.create_chat(ctx.state, ctx.user_id, ChatType.CHANNEL, title).chat_id}


def _create_p2p(ctx: CallContext, payload: dict[str, Any]) -> Json:
    return {"chatId": chats.create_p2p_chat(ctx.state, ctx.user_id, payload.get("userId")).chat_id}


def _create_favorites(ctx: CallContext, payload: dict[str, Any]) -> Json:
    return {"chatId": chats.create_favorites_chat(ctx.state, ctx.user_id).chat_id}


def _add_participant(ctx: CallContext, payload: dict[str, Any]) -> Json:
    chats.add_participant(
        ctx.state,
        ctx.user_id,
        payload.get("chatId"),
        payload.get("userId"),
        display_history=payload.get("displayHistory") is True,
    )
    return {}


def _remove_participant(ctx: CallContext, payload: dict[str, Any]) -> Json:
    chats.remove_participant(ctx.state, ctx.user_id, payload.get("chatId"), payload.get("userId"))
    return {}


def _change_role(ctx: CallContext, payload: dict[str, Any]) -> Json:
    chats.change_role(
        ctx.state, ctx.user_id, payload.get("chatId"), payload.get("userId"), payload.get("role")
    )
    return {}


def _send_message(ctx: CallContext, payload: dict[str, Any]) -> Json:
    message = messages.send_message(
        ctx.state,
        ctx.user_id,
        payload.get("chatId"),
        payload.get("content"),
        payload.get("replyMessageId"),
    )
    return {
        "chatId": message.chat_id,
        "messageId": message.message_id,
        "timestamp": message.timestamp,
    }


def _edit_message(ctx: CallContext, payload: dict[str, Any]) -> Json:
    message = messages.edit_message(
        ctx.state, ctx.user_id, payload.get("messageId"), payload.get("content")
    )
    return {"messageId": message.message_id, "timestamp": ctx.state.last_timestamp}


def _remove_message(ctx: CallContext, payload: dict[str, Any]) -> Json:
    messages.remove_message(
        ctx.state, ctx.user_id, payload.get("messageId"), for_all=payload.get("forAll") is True
    )
    return {}


def _forward_message(ctx: CallContext, payload: dict[str, Any]) -> Json:
    message = messages.forward_message(
        ctx.state, ctx.user_id, payload.get("messageId"), payload.get("chatId")
    )
    return {
        "chatId": message.chat_id,
        "messageId": message.message_id,
        "timestamp": message.timestamp,
    }


def _remove_chat(ctx: CallContext, payload: dict[str, Any]) -> Json:
    chats.remove_chat(ctx.state, ctx.user_id, payload.get("chatId"))
    return {}


def _edit_chat_title(ctx: CallContext, payload: dict[str, Any]) -> Json:
    chat_id = payload.get("chatId")
    timestamp = chats.edit_chat_title(ctx.state, ctx.user_id, chat_id, payload.get("title"))
    return {"chatId": chat_id, "timestamp": timestamp}


def _clear_history(ctx: CallContext, payload: dict[str, Any]) -> Json:
    chats.clear_history(
        ctx.state, ctx.user_id, payload.get("chatId"), for_all=payload.get("forAll") is True
    )
    return {}


def _positive_int(payload: dict[str, Any], key: str, default: int) -> int:
    value = payload.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ChatError(ErrorCode.WRONG_PAYLOAD, f"{key} must be a positive integer")
    return value


def _get_chats(ctx: CallContext, payload: dict[str, Any]) -> Json:
    count = _positive_int(payload, "count", 10)
    page = _positive_int(payload, "page", 1)
    cap = ctx.state.behaviours.chats_page_cap
    if cap is not None and cap > 0:
        # The server's own page size wins: page N is the Nth run of at most ``cap`` chats.
        count = min(count, cap)
    listed = chats.chats_of(ctx.state, ctx.user_id)[(page - 1) * count : page * count]
    # The real server answers getChats with a bare array.
    return [envelopes.chat_info(chat, ctx.state.last_message(chat, ctx.user_id)) for chat in listed]


def _get_chat_by_id(ctx: CallContext, payload: dict[str, Any]) -> Json:
    chat = ctx.state.chat_for(ctx.user_id, payload.get("chatId"))
    return envelopes.chat_info(chat, ctx.state.last_message(chat, ctx.user_id))


def _get_chat_history(ctx: CallContext, payload: dict[str, Any]) -> Json:
    chat, page = messages.history(
        ctx.state,
        ctx.user_id,
        payload.get("chatId"),
        payload.get("count"),
        payload.get("fromMessageId"),
    )
    rendered = []
    for message in page:
        reply = ctx.state.messages.get(message.reply_message_id or "")
        rendered.append(envelopes.envelope(message, chat, reply=reply))
    return {"chatId": chat.chat_id, "count": len(rendered), "messages": rendered}


def _get_message_by_id(ctx: CallContext, payload: dict[str, Any]) -> Json:
    message, chat = ctx.state.message_for(ctx.user_id, payload.get("messageId"))
    return envelopes.message_by_id(message, chat)


def _get_participants(ctx: CallContext, payload: dict[str, Any]) -> Json:
    chat = ctx.state.chat_for(ctx.user_id, payload.get("chatId"))
    size = _positive_int(payload, "pageSize", 100)
    number = _positive_int(payload, "pageNumber", 1)
    members = list(chat.participants.items())[(number - 1) * size : number * size]
    return {"participants": [{"userId": uid, "role": p.role} for uid, p in members]}


def _get_participant(ctx: CallContext, payload: dict[str, Any]) -> Json:
    chat = ctx.state.chat_for(ctx.user_id, payload.get("chatId"))
    user = ctx.state.chat_user(str(payload.get("userId", "")))
    user_id = ctx.state.user_id(user.login) if user else ""
    participant = chat.participants.get(user_id)
    if participant is None:
        raise ChatError(ErrorCode.NOT_A_PARTICIPANT, "User is not a chat participant")
    return {"userId": user_id, "role": participant.role, "type": 1}


def _has_participant(ctx: CallContext, payload: dict[str, Any]) -> Json:
    chat = ctx.state.chat_for(ctx.user_id, payload.get("chatId"))
    user = ctx.state.chat_user(str(payload.get("userId", "")))
    return {"result": user is not None and ctx.state.user_id(user.login) in chat.participants}


def _upload_file(ctx: CallContext, payload: dict[str, Any]) -> Json:
    task = files.create_upload_task(
        ctx.state,
        ctx.user_id,
        payload.get("fileSize"),
        payload.get("fileName"),
        ctx.connection_id,
    )
    return {"uploadTaskId": task.task_id}


def _send_file(ctx: CallContext, payload: dict[str, Any]) -> Json:
    file_message, caption = files.send_file(
        ctx.state,
        ctx.user_id,
        payload.get("chatId"),
        payload.get("content"),
        payload.get("replyMessageId"),
        ctx.connection_id,
    )
    answer = {
        "chatId": file_message.chat_id,
        "messageId": file_message.message_id,
        "timestamp": file_message.timestamp,
        "fileId": file_message.content["fileId"],
    }
    if caption is not None:
        answer["captionMessageId"] = caption.message_id
    return answer


def download_path(file_id: str) -> str:
    return f"/bridge/api/client/v1/files/{quote(file_id)}"


def _get_file_info(ctx: CallContext, payload: dict[str, Any]) -> Json:
    file = ctx.state.file_for(ctx.user_id, payload.get("fileId"))
    token = files.download_token(ctx.state, file.file_id)
    url = f"{ctx.base_url}{download_path(file.file_id)}?token={token}"
    preview_url = f"{ctx.base_url}{download_path(file.file_id)}/preview?token={token}"
    return envelopes.file_info(file, download_url=url, preview_url=preview_url)


def _get_upload_limits(ctx: CallContext, payload: dict[str, Any]) -> Json:
    return files.upload_limits(
        ctx.state,
    )


def _subscribe_progress(ctx: CallContext, payload: dict[str, Any]) -> Json:
    file = ctx.state.file_for(ctx.user_id, payload.get("fileId"))
    # Uploads finish before sendFile, so the only progress left to report is "complete".
    ctx.after_reply.append(("uploadFileProgress", {"fileId": file.file_id, "progress": file.size}))
    return {"result": True}


def _unsubscribe_progress(ctx: CallContext, payload: dict[str, Any]) -> Json:
    return {"result": True}


def _get_display_name(ctx: CallContext, payload: dict[str, Any]) -> Json:
    user = ctx.state.chat_user(str(payload.get("userId", "")))
    if user is None:
        raise ChatError(ErrorCode.WRONG_PAYLOAD, "No such user")
    return {"displayName": user.display_name}


def _send_chat_activity(ctx: CallContext, payload: dict[str, Any]) -> Json:
    chat = ctx.state.chat_for(ctx.user_id, payload.get("chatId"))
    return {
        "chatId": chat.chat_id,
        "activityType": payload.get("activityType"),
        "retryAfter": 5000,
    }


HANDLERS: dict[str, Handler] = {
    "createGroupChat": _create_group,
    "createChannel": _create_channel,
    "createP2PChat": _create_p2p,
    "createFavoritesChat": _create_favorites,
    "addChatParticipant": _add_participant,
    "removeChatParticipant": _remove_participant,
    "changeParticipantRole": _change_role,
    "sendMessage": _send_message,
    "editMessage": _edit_message,
    "removeMessage": _remove_message,
    "forwardMessage": _forward_message,
    "removeChat": _remove_chat,
    "editChatTitle": _edit_chat_title,
    "clearHistory": _clear_history,
    "getChats": _get_chats,
    "getChatByID": _get_chat_by_id,
    "getChatById": _get_chat_by_id,
    "getChatHistory": _get_chat_history,
    "getMessageById": _get_message_by_id,
    "getChatParticipants": _get_participants,
    "getChatParticipant": _get_participant,
    "hasChatParticipant": _has_participant,
    "uploadFile": _upload_file,
    "sendFile": _send_file,
    "getFileInfo": _get_file_info,
    "getFileUploadLimits": _get_upload_limits,
    "subscribeFileProgress": _subscribe_progress,
    "unsubscribeFileProgress": _unsubscribe_progress,
    "getUserDisplayName": _get_display_name,
    "sendChatActivity": _send_chat_activity,
}


# Requests that change what the server keeps (commit_then_error_every counts these).
CHANGING_METHODS = frozenset(
    {
        "createGroupChat",
        "createChannel",
        "createP2PChat",
        "createFavoritesChat",
        "addChatParticipant",
        "removeChatParticipant",
        "changeParticipantRole",
        "sendMessage",
        "editMessage",
        "removeMessage",
        "forwardMessage",
        "removeChat",
        "editChatTitle",
        "clearHistory",
        "uploadFile",
        "sendFile",
    }
)


def call(ctx: CallContext, method: str, payload: dict[str, Any]) -> Json:
    handler = HANDLERS.get(method)
    if handler is None:
        raise ChatError(ErrorCode.WRONG_PAYLOAD, f"Unknown method {method}")
    return handler(ctx, payload)
