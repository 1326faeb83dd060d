"""Errors in config.toml and in the paths it names."""

from __future__ import annotations

from migrator.i18n.model import Msg

MESSAGES: dict[str, Msg] = {
    "config.missing": Msg(en="{path}: no such file", ru="{path}: файл не найден"),
    "config.missing_hint": Msg(
        en="copy the config.toml template from the tool's folder, fill it in, or pass another "
        "file with --config PATH",
        ru="скопируйте шаблон config.toml из папки программы и заполните его или укажите "
        "другой файл через --config PATH",
    ),
    "config.unreadable": Msg(
        en="{path}: cannot be read ({reason})", ru="{path}: не удаётся прочитать ({reason})"
    ),
    "config.not_utf8": Msg(
        en="{path}: not UTF-8 text (byte {byte})",
        ru="{path}: текст не в кодировке UTF-8 (байт {byte})",
    ),
    "config.not_utf8_hint": Msg(
        en="save the file in the UTF-8 encoding",
        ru="сохраните файл в кодировке UTF-8 (в Блокноте: «Сохранить как» → кодировка UTF-8)",
    ),
    "config.not_toml": Msg(
        en="{path}: not valid TOML: {error}", ru="{path}: ошибка синтаксиса TOML: {error}"
    ),
    "config.not_toml_hint": Msg(
        en='check quotes and brackets on that line; text values need quotes: key = "value"',
        ru='проверьте кавычки и скобки в этой строке; текст пишется в кавычках: ключ = "значение"',
    ),
    "config.backslash_hint": Msg(
        en="line {line} holds a Windows path with backslashes in double quotes, where TOML "
        "reads \\ as an escape: write it in single quotes, {key} = '{example}', or with forward "
        'slashes, {key} = "{forward}"',
        ru="в строке {line} путь Windows с обратными косыми чертами в двойных кавычках, а в "
        "них TOML читает \\ как управляющий символ: напишите путь в одинарных кавычках, "
        "{key} = '{example}', или с прямыми косыми чертами, {key} = \"{forward}\"",
    ),
    "config.export_empty": Msg(
        en="{config}: telegram_export_dir is empty", ru="{config}: telegram_export_dir не задан"
    ),
    "config.export_empty_hint": Msg(
        en="set it to the folder that holds result.json, e.g. telegram_export_dir = "
        "'C:\\Users\\admin\\Downloads\\Telegram Desktop\\ChatExport_2025-09-05' (Windows) or "
        '"~/Downloads/Telegram Desktop/ChatExport_2025-09-05"',
        ru="укажите папку, в которой лежит result.json, например telegram_export_dir = "
        "'C:\\Users\\admin\\Downloads\\Telegram Desktop\\ChatExport_2025-09-05' (Windows) или "
        '"~/Downloads/Telegram Desktop/ChatExport_2025-09-05"',
    ),
    "config.export_missing": Msg(
        en="{config}: telegram_export_dir = {value}: no such folder (tried {tried})",
        ru="{config}: telegram_export_dir = {value}: папка не найдена (искали {tried})",
    ),
    "config.export_missing_hint": Msg(
        en="give the folder Telegram Desktop created (ChatExport_… or DataExport_…), the one "
        "that contains result.json; a relative path is taken from the folder of {config}",
        ru="укажите папку, которую создал Telegram Desktop (ChatExport_… или DataExport_…), — "
        "ту, где лежит result.json; относительный путь отсчитывается от папки {config}",
    ),
    "config.export_escape_hint": Msg(
        en="the path holds a tab or line break: a \\t or \\n in double quotes was read as one. "
        "Write Windows paths in single quotes, telegram_export_dir = 'C:\\telegram\\export', "
        'or with forward slashes, "C:/telegram/export"',
        ru="в пути есть табуляция или перевод строки: \\t или \\n в двойных кавычках прочитаны "
        "как управляющие символы. Пишите пути Windows в одинарных кавычках, "
        "telegram_export_dir = 'C:\\telegram\\export', или с прямыми косыми чертами, "
        '"C:/telegram/export"',
    ),
    "config.owner_deleted": Msg(
        en="{config}: [chat] owner {owner!r} is a deleted Telegram account, which has no account",
        ru="{config}: [chat] owner {owner!r} — удалённый аккаунт Telegram, учётной записи у "
        "него нет",
    ),
    "config.owner_unknown": Msg(
        en="{config}: [chat] owner {owner!r} is not in [users]",
        ru="{config}: [chat] owner {owner!r} нет в [users]",
    ),
    "config.owner_empty": Msg(
        en="{config}: [chat] owner is empty", ru="{config}: [chat] owner не задан"
    ),
    "config.owner_hint": Msg(
        en="set [chat] owner to the TrueConf login that creates and owns the chat; logins in "
        "[users]: {logins}",
        ru="укажите в [chat] owner логин TrueConf, который создаст чат и будет его владельцем; "
        "логины в [users]: {logins}",
    ),
    "config.owner_hint_no_users": Msg(
        en="add the owner's account to [users] (parse_users.py), then set [chat] owner",
        ru="добавьте учётную запись владельца в [users] (parse_users.py), затем укажите "
        "[chat] owner",
    ),
    "config.problems": Msg(en="{path}: {count} problems:", ru="{path}: проблем: {count}"),
    "config.problems_hint": Msg(
        en="fix these keys in {path} and run again",
        ru="исправьте эти ключи в {path} и запустите снова",
    ),
    # the owner cannot sign in
    "signin.owner_hint": Msg(
        en="if the accounts do not exist on the server yet, create them first: "
        "add_users_to_server.py --config {config}; otherwise give [users.{owner}] in {config} "
        "a valid access_token or the right password",
        ru="если учётных записей на сервере ещё нет, сначала создайте их: "
        "add_users_to_server.py --config {config}; иначе укажите в [users.{owner}] файла "
        "{config} действующий access_token или верный пароль",
    ),
    "config.exposed": Msg(
        en="{path} holds passwords or tokens and other users of this computer can read it "
        "(mode {mode}); restrict it with: chmod 600 {path}",
        ru="в {path} есть пароли или токены, а его могут прочитать другие пользователи этого "
        "компьютера (права {mode}); закройте доступ: chmod 600 {path}",
    ),
}
