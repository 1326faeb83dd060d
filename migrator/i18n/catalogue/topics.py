"""Forum topics as separate chats (``[chat] topics = "separate"``): the preflight's list of the
topic chats and the refusal to change the mode once a chat's posts exist."""

from __future__ import annotations

from migrator.i18n.model import Msg

MESSAGES: dict[str, Msg] = {
    "topics.chats": Msg(
        en='  forum topics, each its own chat ([chat] topics = "separate"): {count}',
        ru='  темы форума, у каждой свой чат ([chat] topics = "separate"): {count}',
    ),
    "topics.chat": Msg(
        en="    «{title}»: {count} messages", ru="    «{title}»: сообщений — {count}"
    ),
    "topics.mode_changed": Msg(
        en='{config}: [chat] topics = "{mode}", but the ledger holds posts of {label} '
        'migrated with topics = "{before}": going on would put the same messages into other '
        "TrueConf chats",
        ru='{config}: [chat] topics = "{mode}", но в журнале переноса есть публикации '
        '{label}, перенесённые при topics = "{before}": продолжение разнесло бы те же '
        "сообщения по другим чатам TrueConf",
    ),
    "topics.mode_changed_hint": Msg(
        en='set [chat] topics = "{before}" again to go on with the chats already made, or '
        "run build_chat.py with --new-chat to migrate the chat afresh into new chats (the old "
        "ones stay on the server)",
        ru='верните [chat] topics = "{before}", чтобы продолжить в уже созданных чатах, или '
        "запустите build_chat.py с --new-chat, чтобы перенести чат заново в новые чаты "
        "(старые останутся на сервере)",
    ),
}
