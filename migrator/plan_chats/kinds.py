"""How a Telegram chat is named in the plan and which TrueConf chat type it becomes. Pure."""

from __future__ import annotations

from migrator.config.model import ChatType
from migrator.telegram.model import ChatInfo
from migrator.telegram.model import ChatType as TelegramChatType

PERSONAL_KINDS = {TelegramChatType.PERSONAL_CHAT, TelegramChatType.BOT_CHAT}
CHANNEL_KINDS = {TelegramChatType.PRIVATE_CHANNEL, TelegramChatType.PUBLIC_CHANNEL}


def export_chat_type(chat: ChatInfo) -> ChatType:
    """personal for one-to-one chats (and bots), channel for channels, group for the rest."""
    if chat.type in PERSONAL_KINDS:
        return ChatType.PERSONAL
    if chat.type in CHANNEL_KINDS:
        return ChatType.CHANNEL
    return ChatType.GROUP


def plan_key(chat: ChatInfo) -> str:
    """The key of the chat's ``[chats.<key>]`` table: its Telegram id (a TOML bare key)."""
    return chat.key.removeprefix("tg")
