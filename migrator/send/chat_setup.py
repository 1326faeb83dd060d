"""What the TrueConf chat of a migration is: its title, type, owner and who is let in.

Group and channel: created with the configured title; every author (and every listed participant)
is added with the earlier history visible; in a channel, authors other than the owner get the
``writer`` role so that they may post. Personal chat: a P2P chat between the owner and the other
person of the export.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from migrator.config.model import ChatType
from migrator.connector import SERVER_CHAT_TYPE, ListedChat
from migrator.errors import ServerError
from migrator.i18n import tr

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


def creation_name(spec: ChatSpec) -> str:
    """What the chat is created with: its title, or the other person of a personal chat."""
    if spec.type is not ChatType.PERSONAL:
        return chat_title(spec.title)
    peer = spec.personal_peer
    if peer is None:
        raise ServerError(
            tr("chat_setup.no_second_person"), hint=tr("chat_setup.no_second_person_hint")
        )
    return peer


def chats_named(chats: Iterable[ListedChat], title: str, chat_type: ChatType) -> list[ListedChat]:
    """The listed chats with exactly this title and type."""
    wanted = SERVER_CHAT_TYPE[chat_type]
    return [chat for chat in chats if chat.title == title and chat.chat_type == wanted]


def participants_to_admit(spec: ChatSpec) -> list[str]:
    """Logins to add after creating the chat (none for a personal chat: both are in it)."""
    if spec.type is ChatType.PERSONAL:
        return []
    seen: list[str] = []
    for login in spec.participants:
        if login != spec.owner and login not in seen:
            seen.append(login)
    return seen


def role_of(spec: ChatSpec, login: str) -> str | None:
    """The role a participant needs beyond the default: a channel's authors must be writers."""
    if spec.type is ChatType.CHANNEL and login in spec.authors:
        return CHANNEL_AUTHOR_ROLE
    return None
