"""Typed model of config.toml.

The keys are those of the original workflow (its README, in Russian, is what administrators know),
plus a few this tool adds (``[server] port/https``, ``[chat] language``,
``[chat] service_messages``).
Unknown keys are errors: ``migrator.config.load`` turns them into messages that suggest the closest
valid key.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)


class ServerConfig(_Strict):
    address: str = ""  # IP or domain name, without scheme
    port: int = Field(default=443, ge=1, le=65535)
    https: bool = True
    # true / false, or a path to a CA bundle (PEM) that signed the server's certificate
    verify_ssl: bool | str = True
    # WebSocket sessions the migration keeps open at once (one per author); TrueConf allows 128
    # per server from 5.5.3, shared with the people using it.
    max_connections: int = Field(default=32, ge=1, le=128)
    access_token: str = ""  # an admin API token (TTL one hour); or client_id + client_secret
    client_id: str = ""
    client_secret: str = ""


class ChatType(StrEnum):
    PERSONAL = "personal"
    GROUP = "group"
    CHANNEL = "channel"


class TopicsMode(StrEnum):
    LABEL = "label"  # one chat; each message of a forum topic shows the topic's title
    SEPARATE = "separate"  # one chat per topic, "<chat name> / <topic title>"; General stays


class Language(StrEnum):
    RU = "ru"
    EN = "en"


class DatetimeConfig(_Strict):
    view_original_time_in_message: bool = False
    timezone: str = "GMT"  # IANA name, e.g. Europe/Moscow
    caption: str = ""  # text before the time, e.g. "Отправлено: "


class VoiceMessageConfig(_Strict):
    convert_voice_message_to_video: bool = False
    cover_image: str = "cover/en.png"


class ChatConfig(_Strict):
    name: str = ""
    type: ChatType | Literal[""] = ""  # empty: the Telegram chat's kind (see chat_type_of)
    owner: str = ""  # TrueConf login of the chat's creator/owner (a key of [users])
    language: Language = Language.RU  # language of labels the tool adds ("Forwarded from", …)
    service_messages: bool = True  # post Telegram service messages as short system lines
    topics: TopicsMode = TopicsMode.LABEL  # forum topics of a supergroup
    datetime: DatetimeConfig = DatetimeConfig()
    voice_message: VoiceMessageConfig = VoiceMessageConfig()


class RegistrationConfig(_Strict):
    auto: bool = False
    email_domain: str = ""
    default_password: str = ""


class UserType(StrEnum):
    USER = "user"
    CHANNEL = "channel"
    CHAT = "chat"
    DELETED = "deleted"


UserValue = str | bool  # what a [users.<login>] key holds


class UserMatch(StrEnum):
    """What ``parse_users.py --match-server`` may do with an entry."""

    AUTO = ""  # map it onto an existing account when the match is sure
    NO = "no"  # the administrator's word: never map it, a new account is created
    CHECK = "check"  # several possible accounts (named in a comment): the administrator decides


class UserConfig(_Strict):
    """One ``[users.<login>]`` table: a TrueConf account for one Telegram author."""

    display_name: str = ""
    password: str = ""
    access_token: str = ""
    telegram_id: str = ""  # "user123", "channel456", …; empty for accounts with no Telegram author
    type: UserType | str = UserType.USER
    # The account exists on the server already (LDAP, created by hand): never created, no password.
    existing: bool = False
    match: UserMatch = UserMatch.AUTO


class ChatPlanConfig(_Strict):
    """One ``[chats.<telegram chat id>]`` table: what a chat of a full-account export becomes."""

    name: str = ""  # the TrueConf title; empty: the Telegram chat's name
    type: ChatType = ChatType.GROUP
    owner: str = ""  # a key of [users]; empty: [chat] owner
    migrate: bool = True


class Config(_Strict):
    telegram_export_dir: str = ""
    server: ServerConfig = ServerConfig()
    chat: ChatConfig = ChatConfig()
    registration: RegistrationConfig = RegistrationConfig()
    users: dict[str, UserConfig] = Field(default_factory=dict)
    chats: dict[str, ChatPlanConfig] = Field(default_factory=dict)

    def export_dir(self, config_path: Path) -> Path:
        """The export folder, relative paths taken from the config file's folder."""
        path = Path(self.telegram_export_dir).expanduser()
        return path if path.is_absolute() else (config_path.parent / path)
