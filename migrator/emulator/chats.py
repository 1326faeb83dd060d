"""Chats and their participants: creation, membership, roles, titles, removal, listing.

Only the owner or an admin manages a group or a channel; personal and favourites chats have
fixed participants.
"""

from __future__ import annotations

import hashlib
import uuid

from migrator.emulator.errors import ChatError, ErrorCode
from migrator.emulator.model import (
    ROLES_BY_CHAT_TYPE,
    Chat,
    ChatType,
    MessageType,
    Participant,
)
from migrator.emulator.state import ServerState

MAX_TITLE_LENGTH = 256


def create_chat(state: ServerState, actor: str, chat_type: ChatType, title: object) -> Chat:
    if not isinstance(title, str) or not title.strip():
        raise ChatError(ErrorCode.WRONG_PAYLOAD, "title is required")
    if len(title) > MAX_TITLE_LENGTH:
        raise ChatError(ErrorCode.WRONG_PAYLOAD, f"title is longer than {MAX_TITLE_LENGTH}")
    with state.lock:
        chat = Chat(
            chat_id=uuid.uuid4().hex, chat_type=chat_type, title=title, created_ms=state.now()
        )
        chat.participants[actor] = Participant(role="owner")
        state.register_chat(chat, actor)
        return chat


def create_p2p_chat(state: ServerState, actor: str, raw_user: object) -> Chat:
    with state.lock:
        other = state.existing_user_id(raw_user)
        if other == actor:
            raise ChatError(ErrorCode.WRONG_PAYLOAD, "A personal chat needs another user")
        chat_id = hashlib.sha1(  # noqa: S324 - an id, not a security measure
            "\n".join(sorted((actor, other))).encode()
        ).hexdigest()
        existing = state.chats.get(chat_id)
        if existing is not None:
            return existing
        other_user = state.find_user(other)
        chat = Chat(
            chat_id=chat_id,
            chat_type=ChatType.P2P,
            title=other_user.display_name if other_user else other,
            created_ms=state.now(),
        )
        chat.participants[actor] = Participant(role="user")
        chat.participants[other] = Participant(role="user")
        state.register_chat(chat, actor)
        return chat


def create_favorites_chat(state: ServerState, actor: str) -> Chat:
    with state.lock:
        chat_id = hashlib.sha1(f"favorites\n{actor}".encode()).hexdigest()  # noqa: S324
        existing = state.chats.get(chat_id)
        if existing is not None:
            return existing
        chat = Chat(
            chat_id=chat_id, chat_type=ChatType.FAVORITES, title=None, created_ms=state.now()
        )
        chat.participants[actor] = Participant(role="favorites_owner")
        state.register_chat(chat, actor)
        return chat


def add_participant(
    state: ServerState, actor: str, raw_chat_id: object, raw_user: object, *, display_history: bool
) -> None:
    with state.lock:
        chat = state.chat_for(actor, raw_chat_id)
        state.require_manager(chat, actor)
        user_id = state.existing_user_id(raw_user)
        if user_id in chat.participants:
            raise ChatError(ErrorCode.ALREADY_A_PARTICIPANT, "User already in chat")
        visible_after = 0 if display_history else chat.last_box
        chat.participants[user_id] = Participant(role="user", visible_after_box=visible_after)
        state.touch(("chat", chat.chat_id))
        state.push(
            "addChatParticipant",
            {
                "timestamp": state.now(),
                "chatId": chat.chat_id,
                "userId": user_id,
                "addedBy": {"id": actor, "type": 1},
            },
            frozenset(chat.participants),
        )
        state.add_system_message(
            chat, actor, MessageType.ADD_PARTICIPANT, {"userId": user_id, "role": "user"}
        )


def remove_participant(
    state: ServerState, actor: str, raw_chat_id: object, raw_user: object
) -> None:
    with state.lock:
        chat = state.chat_for(actor, raw_chat_id)
        state.require_manager(chat, actor)
        user_id = state.existing_user_id(raw_user)
        if user_id not in chat.participants:
            raise ChatError(ErrorCode.NOT_A_PARTICIPANT, "User is not a chat participant")
        if chat.participants[user_id].role == "owner":
            raise ChatError(ErrorCode.NOT_ENOUGH_RIGHTS, "The owner cannot be removed")
        recipients = frozenset(chat.participants)
        del chat.participants[user_id]
        state.touch(("chat", chat.chat_id))
        state.push(
            "removeChatParticipant",
            {
                "timestamp": state.now(),
                "chatId": chat.chat_id,
                "userId": user_id,
                "removedBy": {"id": actor, "type": 1},
            },
            recipients,
        )
        state.add_system_message(chat, actor, MessageType.REMOVE_PARTICIPANT, {"userId": user_id})


def change_role(
    state: ServerState, actor: str, raw_chat_id: object, raw_user: object, role: object
) -> None:
    with state.lock:
        chat = state.chat_for(actor, raw_chat_id)
        state.require_manager(chat, actor)
        if not isinstance(role, str) or role not in ROLES_BY_CHAT_TYPE[chat.chat_type]:
            raise ChatError(ErrorCode.ROLE_NOT_FOUND, "Role not found")
        user_id = state.existing_user_id(raw_user)
        target = chat.participants.get(user_id)
        if target is None:
            raise ChatError(ErrorCode.NOT_A_PARTICIPANT, "User is not a chat participant")
        actor_is_owner = chat.participants[actor].role == "owner"
        if (role == "owner" or target.role == "owner") and not actor_is_owner:
            raise ChatError(ErrorCode.NOT_ENOUGH_RIGHTS, "Only the owner may do that")
        if user_id == actor and role != "owner" and actor_is_owner:
            raise ChatError(ErrorCode.NOT_ENOUGH_RIGHTS, "Pass ownership to someone first")
        if role == "owner" and user_id != actor:
            chat.participants[actor].role = "admin"
        target.role = role
        state.touch(("chat", chat.chat_id))
        state.push(
            "changeParticipantRole",
            {"timestamp": state.now(), "chatId": chat.chat_id, "userId": user_id, "role": role},
            frozenset(chat.participants),
        )
        state.add_system_message(
            chat, actor, MessageType.PARTICIPANT_ROLE, {"userId": user_id, "role": role}
        )


def edit_chat_title(state: ServerState, actor: str, raw_chat_id: object, title: object) -> int:
    with state.lock:
        chat = state.chat_for(actor, raw_chat_id)
        state.require_manager(chat, actor)
        if not isinstance(title, str) or not title.strip() or len(title) > MAX_TITLE_LENGTH:
            raise ChatError(ErrorCode.WRONG_PAYLOAD, "Invalid title")
        chat.title = title
        state.touch(("chat", chat.chat_id))
        state.push(
            "editChatTitle",
            {"chatId": chat.chat_id, "title": title},
            frozenset(chat.participants),
        )
        return state.add_system_message(
            chat, actor, MessageType.EDIT_CHAT_TITLE, {"title": title}
        ).timestamp


def remove_chat(state: ServerState, actor: str, raw_chat_id: object) -> None:
    with state.lock:
        chat = state.chat_for(actor, raw_chat_id)
        managed = chat.chat_type in (ChatType.GROUP, ChatType.CHANNEL)
        if managed and chat.participants[actor].role != "owner":
            raise ChatError(ErrorCode.NOT_ENOUGH_RIGHTS, "Only the owner may remove a chat")
        for message_id in chat.message_ids:
            state.messages.pop(message_id, None)
        del state.chats[chat.chat_id]
        state.push("removeChat", {"chatId": chat.chat_id}, frozenset(chat.participants))
        state.touch(("chat", chat.chat_id), *(("message", m) for m in chat.message_ids))


def clear_history(state: ServerState, actor: str, raw_chat_id: object, *, for_all: bool) -> None:
    with state.lock:
        chat = state.chat_for(actor, raw_chat_id)
        if for_all:
            state.require_manager(chat, actor)
            for message_id in chat.message_ids:
                state.messages.pop(message_id, None)
            state.touch(*(("message", m) for m in chat.message_ids))
            chat.message_ids.clear()
        else:
            chat.participants[actor].visible_after_box = chat.last_box
        state.push(
            "clearHistory",
            {"chatId": chat.chat_id, "forAll": for_all},
            frozenset(chat.participants) if for_all else frozenset({actor}),
        )
        state.touch(("chat", chat.chat_id))


def chats_of(state: ServerState, actor: str) -> list[Chat]:
    with state.lock:
        mine = [c for c in state.chats.values() if actor in c.participants]
    return sorted(mine, key=lambda c: (_activity(state, c), c.chat_id), reverse=True)


def _activity(state: ServerState, chat: Chat) -> int:
    last = state.last_message(chat)
    return last.timestamp if last else chat.created_ms
