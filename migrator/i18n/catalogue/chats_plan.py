"""The comments parse_users.py writes into ``[chats.<id>]`` and, with ``--match-server``, into
``[users]`` of config.toml."""

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
    "users_match.sure": Msg(
        en='matched by {basis}: {name} ↔ {login} "{display}"',
        ru='сопоставлено {basis}: {name} ↔ {login} "{display}"',
    ),
    "users_match.check": Msg(
        en="possible existing accounts, not merged: {candidates}",
        ru="возможные существующие учётные записи, не объединено: {candidates}",
    ),
    "users_match.how": Msg(
        en="decide: rename this key to the right login, set existing = true and delete match; "
        'or set match = "no" for a new account',
        ru="решите: переименуйте ключ в нужный логин, задайте existing = true и удалите match; "
        'или match = "no" — новая учётная запись',
    ),
    "users_match.email": Msg(en="e-mail", ru="по e-mail"),
    "users_match.name": Msg(en="name", ru="по имени"),
    "users_match.login": Msg(en="login", ru="по логину"),
    "users_match.taken": Msg(en="already in [users]", ru="уже есть в [users]"),
    "users_match.twice": Msg(en="also matches another person", ru="подходит и другому человеку"),
}
