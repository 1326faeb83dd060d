"""Creating the TrueConf chat as its owner and letting every author in.

Group and channel: created with the configured title; every author (and every listed participant)
is added with the earlier history visible; in a channel, authors other than the owner get the
``writer`` role so that they may post. Personal chat: a P2P chat between the owner and the other
person of the export.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from trueconf.exceptions import ApiErrorException
from trueconf.methods.get_chats import GetChats

from migrator.config.model import ChatType
from migrator.errors import ServerError
from migrator.send.session import AuthorSession

log = logging.getLogger(__name__)

ALREADY_PARTICIPANT = 309
CHANNEL_AUTHOR_ROLE = "writer"
TITLE_LIMIT = 256


@dataclass(frozen=True, slots=True)
class ChatSpec:
    title: str
    type: ChatType
    owner: str
    participants: tuple[str, ...] = ()  # logins other than the owner, in order of first post
    authors: frozenset[str] = field(default_factory=frozenset)  # logins that post (channel roles)

    @property
    def personal_peer(self) -> str | None:
        return self.participants[0] if self.participants else None


def chat_title(name: str) -> str:
    """The title the server accepts: at most 256 characters."""
    return name if len(name) <= TITLE_LIMIT else name[: TITLE_LIMIT - 1] + "…"


async def create_chat(owner: AuthorSession, spec: ChatSpec) -> str:
    """Create the chat as the owner and return its id."""
    title = chat_title(spec.title)
    if spec.type is ChatType.PERSONAL:
        peer = spec.personal_peer
        if peer is None:
            raise ServerError(
                "A personal chat needs a second person, but every message of the export is "
                "by the owner",
                hint='set [chat] type = "group" in config.toml, or map the other person in [users]',
            )
        personal = await owner.call(lambda bot: bot.create_personal_chat(peer))
        chat_id = str(personal.chat_id)
    elif spec.type is ChatType.CHANNEL:
        channel = await owner.call(lambda bot: bot.create_channel(title))
        chat_id = str(channel.chat_id)
    else:
        group = await owner.call(lambda bot: bot.create_group_chat(title))
        chat_id = str(group.chat_id)
    log.info("created %s chat %s", spec.type.value, chat_id)
    return chat_id


class _RawChats(GetChats):
    __returning__ = dict  # type: ignore[assignment]


# ``chatType`` as the server lists it (getChats); a personal chat is a P2P chat.
SERVER_CHAT_TYPE = {ChatType.PERSONAL: 1, ChatType.GROUP: 2, ChatType.CHANNEL: 6}


@dataclass(frozen=True, slots=True)
class ListedChat:
    chat_id: str
    has_messages: bool  # the server lists a last message for it


async def chats_named(
    owner: AuthorSession, title: str, chat_type: ChatType, *, page_size: int = 100
) -> list[ListedChat]:
    """The owner's chats with exactly this title and type, every page of ``getChats`` read (to
    recognise a chat we created when the answer, or the run, was lost before it was recorded)."""
    wanted_type = SERVER_CHAT_TYPE[chat_type]
    found: list[ListedChat] = []
    page = 1
    while True:
        payload = await _chats_page(owner, page_size, page)
        chats = payload.get("chats", []) if isinstance(payload, dict) else payload
        if not isinstance(chats, list):
            break
        found.extend(
            ListedChat(str(chat["chatId"]), chat.get("lastMessage") is not None)
            for chat in chats
            if isinstance(chat, dict)
            and "chatId" in chat
            and chat.get("title") == title
            and chat.get("chatType") == wanted_type
        )
        if len(chats) < page_size:
            break
        page += 1
    return found


async def _chats_page(owner: AuthorSession, size: int, number: int) -> Any:
    return await owner.call(lambda bot: bot(_RawChats(count=size, page=number)))


def participants_to_admit(spec: ChatSpec) -> list[str]:
    """Logins to add after creating the chat (none for a personal chat: both are in it)."""
    if spec.type is ChatType.PERSONAL:
        return []
    return _others(spec.participants, spec.owner)


async def admit_participant(owner: AuthorSession, chat_id: str, spec: ChatSpec, login: str) -> None:
    """Add one participant with the earlier history visible (idempotent: 'already a participant'
    is fine); in a channel, an author also gets the role that lets them post."""
    await _add(owner, chat_id, login)
    if spec.type is ChatType.CHANNEL and login in spec.authors:
        await _give_role(owner, chat_id, login, CHANNEL_AUTHOR_ROLE)


async def admit_participants(owner: AuthorSession, chat_id: str, spec: ChatSpec) -> None:
    """Add every participant and set roles; the first error stops (the sender admits one by
    one instead, so that one account missing on the server does not stop the migration)."""
    for login in participants_to_admit(spec):
        await admit_participant(owner, chat_id, spec, login)


async def _add(owner: AuthorSession, chat_id: str, login: str) -> None:
    try:
        await owner.call(
            lambda bot: bot.add_participant_to_chat(chat_id, login, display_history=True)
        )
    except ApiErrorException as exc:
        if int(exc.code) != ALREADY_PARTICIPANT:
            raise


async def _give_role(owner: AuthorSession, chat_id: str, login: str, role: str) -> None:
    await owner.call(lambda bot: bot.change_participant_role(chat_id, login, role))


def _others(logins: Iterable[str], owner: str) -> list[str]:
    seen: list[str] = []
    for login in logins:
        if login != owner and login not in seen:
            seen.append(login)
    return seen
