"""The comments parse_users.py writes into ``[chats.<id>]`` and, with ``--match-server``, into
``[users]`` of config.toml, and the errors of editing it."""

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
    "document.users_not_section": Msg(
        en="{path}: 'users' must be a [users] section",
        ru="{path}: 'users' должен быть разделом [users]",
    ),
    "document.user_not_table": Msg(
        en="{path}: [users] {login} must be a table [users.{login}]",
        ru="{path}: [users] {login} должен быть таблицей [users.{login}]",
    ),
    "document.user_exists": Msg(
        en="{path}: [users.{login}] exists already", ru="{path}: [users.{login}] уже есть"
    ),
    "document.chats_not_section": Msg(
        en="{path}: 'chats' must be a [chats] section",
        ru="{path}: 'chats' должен быть разделом [chats]",
    ),
    "document.chat_exists": Msg(
        en="{path}: [chats.{key}] exists already", ru="{path}: [chats.{key}] уже есть"
    ),
    "document.no_chat": Msg(
        en="{path}: [chats] has no table [chats.{key}]",
        ru="{path}: в [chats] нет таблицы [chats.{key}]",
    ),
    "document.no_user": Msg(
        en="{path}: [users] has no table [users.{login}]",
        ru="{path}: в [users] нет таблицы [users.{login}]",
    ),
    "document.unwritable": Msg(
        en="{path} cannot be saved: its folder {folder} is not writable ({error})",
        ru="{path} не удаётся сохранить: в папку {folder} нельзя писать ({error})",
    ),
    "document.unwritable_hint": Msg(
        en="nothing was changed; make the folder writable for this user (or free disk space), "
        "or copy config.toml to a writable folder and pass --config PATH",
        ru="ничего не изменено; дайте этому пользователю право писать в папку (или освободите "
        "место на диске) либо скопируйте config.toml в доступную для записи папку и укажите "
        "--config PATH",
    ),
    "document.changed": Msg(
        en="{path} was changed by someone else while this command ran",
        ru="{path} изменили со стороны, пока выполнялась команда",
    ),
    "document.changed_hint": Msg(
        en="nothing was written; run the command again",
        ru="ничего не записано; запустите команду ещё раз",
    ),
    "plan_options.bad_timezone": Msg(
        en="config.toml: [chat.datetime] timezone = {name} is not a known time zone",
        ru="config.toml: [chat.datetime] timezone = {name} — неизвестный часовой пояс",
    ),
    "plan_options.bad_timezone_hint": Msg(
        en='use an IANA name such as "Europe/Moscow", "Asia/Yekaterinburg" or "UTC"',
        ru='укажите имя по IANA, например "Europe/Moscow", "Asia/Yekaterinburg" или "UTC"',
    ),
}
