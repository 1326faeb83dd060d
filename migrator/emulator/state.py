"""What the emulated server knows: its records, who may see what, and the events it pushes.

The operations that change the records live beside it, by subject: ``chats``, ``messages``
and ``files``. Each takes the acting user's id (``login@domain``), checks what the real server
checks, changes the records and queues the events the server pushes to connected clients.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from migrator.emulator import envelopes
from migrator.emulator.config import Behaviours
from migrator.emulator.errors import ChatError, ErrorCode
from migrator.emulator.model import (
    CHANNEL_POSTING_ROLES,
    MANAGING_ROLES,
    Chat,
    ChatType,
    Message,
    MessageType,
    StoredFile,
    TemporalFile,
    UploadTask,
    User,
)
from migrator.emulator.passwords import password_matches, set_password
from migrator.emulator.tokens import new_signing_key


class UserExists(Exception):
    pass


# What a change touched, for the journal: ("user", login), ("chat", id), ("message", id) or
# ("file", id). The journal writes the record as it is then, or its removal if it is gone.
RecordKey = tuple[str, str]


@dataclass(frozen=True)
class ServerEvent:
    """A request the server pushes to every connection of ``recipients``."""

    method: str
    payload: dict[str, Any]
    recipients: frozenset[str]
    system: bool = False


@dataclass
class ServerState:
    domain: str
    max_file_size: int
    blocked_extensions: tuple[str, ...]
    signing_key: str = field(default_factory=new_signing_key)
    users: dict[str, User] = field(default_factory=dict)
    chats: dict[str, Chat] = field(default_factory=dict)
    messages: dict[str, Message] = field(default_factory=dict)
    files: dict[str, StoredFile] = field(default_factory=dict)
    upload_tasks: dict[str, UploadTask] = field(default_factory=dict)
    temporal_files: dict[str, TemporalFile] = field(default_factory=dict)
    behaviours: Behaviours = field(default_factory=Behaviours)
    last_timestamp: int = 0
    events: list[ServerEvent] = field(default_factory=list)
    password_sign_ins: Counter[str] = field(default_factory=Counter)  # tokens granted, by login
    password_refusals: Counter[str] = field(default_factory=Counter)  # wrong passwords, by login
    version_requests: int = 0  # GET /api/v4/server (the client library asks before connecting)
    # Only collected while a journal keeps the state (``--data``); see ``touch``.
    track_changes: bool = False
    changed: set[RecordKey] = field(default_factory=set)
    # The emulator thread and a test thread may both touch the state (EmulatorThread helpers).
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    def user_id(self, login: str) -> str:
        return f"{login}@{self.domain}"

    def reported_id(self, user_id: str) -> str:
        """A user id as the server reports it: ``login@domain``, or with ``ldap_ids``
        ``DOMAIN\\Login@domain`` (the first label of the domain upper-cased)."""
        if not self.behaviours.ldap_ids:
            return user_id
        login, _, domain = user_id.partition("@")
        return f"{domain.split('.')[0].upper()}\\{login.capitalize()}@{domain}"

    def add_user(
        self,
        login: str,
        password: str,
        *,
        display_name: str = "",
        email: str = "",
        is_active: bool = True,
        first_name: str = "",
        last_name: str = "",
        company: str = "",
    ) -> User:
        key = login.lower()
        with self.lock:
            if key in self.users:
                raise UserExists(key)
            user = User(
                login=key,
                display_name=display_name or login,
                email=email,
                is_active=is_active,
                first_name=first_name,
                last_name=last_name,
                company=company,
            )
            set_password(user, password)
            self.users[key] = user
            self.touch(("user", key))
            return user

    def find_user(self, login_or_id: str) -> User | None:
        """A user by login or by ``login@domain`` of this server."""
        login, _, domain = login_or_id.strip().lower().partition("@")
        if domain and domain != self.domain.lower():
            return None
        return self.users.get(login)

    def check_password(self, login: str, password: str) -> User | None:
        user = self.find_user(login)
        if user is None:
            return None
        return user if password_matches(user, password) else None

    def chat_user(self, raw: str) -> User | None:
        """The user a Chatbot Connector request names: a login or ``login@domain``; with
        ``ldap_ids`` also ``DOMAIN\\login@domain``; letter case does not matter."""
        prefix, backslash, rest = raw.strip().rpartition("\\")
        if backslash and self.behaviours.ldap_ids:
            if prefix.lower() != self.domain.split(".")[0].lower():
                return None
            raw = rest
        return self.find_user(raw)

    def existing_user_id(self, raw: object) -> str:
        if not isinstance(raw, str) or not raw:
            raise ChatError(ErrorCode.WRONG_PAYLOAD, "userId is required")
        user = self.chat_user(raw)
        if user is None:
            raise ChatError(ErrorCode.WRONG_PAYLOAD, "No such user")
        return self.user_id(user.login)

    def register_chat(self, chat: Chat, actor: str) -> None:
        self.chats[chat.chat_id] = chat
        method = {
            ChatType.GROUP: "createGroupChat",
            ChatType.CHANNEL: "createChannel",
            ChatType.P2P: "createP2PChat",
            ChatType.FAVORITES: "createFavoritesChat",
        }[chat.chat_type]
        payload = envelopes.chat_info(chat, None)
        payload.pop("avatarUrl")
        self.push(method, payload, frozenset(chat.participants))
        self.touch(("chat", chat.chat_id))

    def chat_for(self, actor: str, raw_chat_id: object) -> Chat:
        """The chat, if it exists and ``actor`` takes part in it."""
        chat = self.chats.get(raw_chat_id) if isinstance(raw_chat_id, str) else None
        if chat is None:
            raise ChatError(ErrorCode.CHAT_NOT_FOUND, "Chat not found")
        if actor not in chat.participants:
            raise ChatError(ErrorCode.NOT_A_PARTICIPANT, "User is not a chat participant")
        return chat

    def require_manager(self, chat: Chat, actor: str) -> None:
        if chat.chat_type not in (ChatType.GROUP, ChatType.CHANNEL):
            raise ChatError(ErrorCode.NOT_ENOUGH_RIGHTS, "Participants of this chat are fixed")
        if chat.participants[actor].role not in MANAGING_ROLES:
            raise ChatError(ErrorCode.NOT_ENOUGH_RIGHTS, "Only the owner or an admin may do that")

    def require_poster(self, chat: Chat, actor: str) -> None:
        role = chat.participants[actor].role
        if chat.chat_type is ChatType.CHANNEL and role not in CHANNEL_POSTING_ROLES:
            raise ChatError(ErrorCode.NOT_ENOUGH_RIGHTS, "Only writers may post in a channel")

    def last_message(self, chat: Chat, viewer: str | None = None) -> Message | None:
        for message_id in reversed(chat.message_ids):
            message = self.messages[message_id]
            if viewer is None or self.visible(chat, viewer, message):
                return message
        return None

    def reply_target(self, chat: Chat, actor: str, raw_reply: object) -> str | None:
        if raw_reply is None or raw_reply == "":
            return None
        message = self.messages.get(raw_reply) if isinstance(raw_reply, str) else None
        if message is None or message.chat_id != chat.chat_id:
            raise ChatError(ErrorCode.MESSAGE_NOT_FOUND, "Message to reply to not found")
        if not self.visible(chat, actor, message):
            raise ChatError(ErrorCode.MESSAGE_NOT_FOUND, "Message to reply to not found")
        return message.message_id

    def message_for(self, actor: str, raw_message_id: object) -> tuple[Message, Chat]:
        message = self.messages.get(raw_message_id) if isinstance(raw_message_id, str) else None
        if message is None:
            raise ChatError(ErrorCode.MESSAGE_NOT_FOUND, "Message not found")
        chat = self.chat_for(actor, message.chat_id)
        if not self.visible(chat, actor, message):
            raise ChatError(ErrorCode.MESSAGE_NOT_FOUND, "Message not found")
        return message, chat

    def file_for(self, actor: str, raw_file_id: object) -> StoredFile:
        file = self.files.get(raw_file_id) if isinstance(raw_file_id, str) else None
        if file is None:
            raise ChatError(ErrorCode.FILE_NOT_FOUND, "File not found")
        with self.lock:
            readable = any(
                actor in self.chats[c].participants for c in file.chat_ids if c in self.chats
            )
        if not readable and file.owner_id != actor:
            raise ChatError(ErrorCode.FILE_NOT_FOUND, "File not found")
        return file

    def visible(self, chat: Chat, viewer: str, message: Message) -> bool:
        return self.in_joined_history(chat, viewer, message) and viewer not in message.hidden_for

    def in_joined_history(self, chat: Chat, viewer: str, message: Message) -> bool:
        participant = chat.participants.get(viewer)
        return participant is not None and message.box_id > participant.visible_after_box

    def add_system_message(
        self, chat: Chat, actor: str, kind: MessageType, content: dict[str, Any]
    ) -> Message:
        return self.append(chat, actor, kind, content)

    def append(
        self,
        chat: Chat,
        actor: str,
        kind: MessageType,
        content: dict[str, Any],
        *,
        reply_id: str | None = None,
        same_box_as: Message | None = None,
    ) -> Message:
        """A new message at the end of ``chat``; ``same_box_as`` puts it in that message's box,
        one position further (``shared_box``)."""
        if same_box_as is None:
            chat.last_box += 1
            box_id, position = chat.last_box, "0" if self.behaviours.shared_box else None
        else:
            box_id = same_box_as.box_id
            position = str(int(same_box_as.box_position or "0") + 1)
        message = Message(
            message_id=str(uuid.uuid4()),
            chat_id=chat.chat_id,
            box_id=box_id,
            timestamp=self.now(),
            type=kind,
            author_id=actor,
            content=content,
            reply_message_id=reply_id,
            box_position=position,
        )
        self.messages[message.message_id] = message
        chat.message_ids.append(message.message_id)
        reply = self.messages.get(reply_id) if reply_id else None
        self.push(
            "sendMessage",
            envelopes.envelope(message, chat, reply=reply),
            frozenset(chat.participants),
            system=kind < MessageType.PLAIN_MESSAGE,
        )
        # The chat's record is not rewritten for every message: its last box is restored from
        # its messages when the journal is replayed.
        self.touch(("message", message.message_id))
        return message

    def push(
        self,
        method: str,
        payload: dict[str, Any],
        recipients: frozenset[str],
        *,
        system: bool = False,
    ) -> None:
        self.events.append(ServerEvent(method, payload, recipients, system))

    def take_events(self) -> list[ServerEvent]:
        with self.lock:
            taken, self.events = self.events, []
        return taken

    def touch(self, *keys: RecordKey) -> None:
        """Note the records a change touched, so that the journal writes them."""
        if self.track_changes:
            with self.lock:
                self.changed.update(keys)

    def take_changes(self) -> set[RecordKey]:
        with self.lock:
            taken, self.changed = self.changed, set()
        return taken

    def now(self) -> int:
        """Milliseconds, strictly increasing, so arrival order and timestamps agree.

        With ``shared_box``: whole seconds, so consecutive posts may carry equal timestamps.
        """
        if self.behaviours.shared_box:
            now = int(time.time()) * 1000
            self.last_timestamp = max(now, self.last_timestamp)
            return self.last_timestamp
        now = int(time.time() * 1000)
        self.last_timestamp = max(now, self.last_timestamp + 1)
        return self.last_timestamp
