"""The comments parse_users.py writes into ``[chats.<id>]`` of config.toml."""

from __future__ import annotations

from migrator.i18n.model import Msg

MESSAGES: dict[str, Msg] = {
    "chats_plan.facts": Msg(
        en="Telegram: {name} ({kind}), {messages} messages{dates}",
        ru="Telegram: {name} ({kind}), сообщений: {messages}{dates}",
    ),
    "chats_plan.dates": Msg(en=", {first} – {last}", ru=", {first} – {last}"),
    "chats_plan.no_name": Msg(en="(no name)", ru="(без названия)"),
    "chats_plan.left": Msg(
        en="only your own messages are in the export (a chat you left)",
        ru="в экспорте только ваши собственные сообщения (чат, из которого вы вышли)",
    ),
    "chats_plan.gone": Msg(
        en="not in the export any more (parse_users.py keeps this table; delete it yourself)",
        ru="этого чата больше нет в экспорте (parse_users.py сохраняет эту таблицу; удалите её "
        "сами)",
    ),
}
