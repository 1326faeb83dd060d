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
    "config.too_large": Msg(
        en="{path}: larger than {limit} MB, which no config.toml is",
        ru="{path}: файл больше {limit} МБ, а config.toml таким не бывает",
    ),
    "config.too_large_hint": Msg(
        en="check that --config names the config.toml file (copy the template from the "
        "tool's folder if it is lost)",
        ru="проверьте, что --config указывает на файл config.toml (если он потерян, "
        "скопируйте шаблон из папки программы)",
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
    # a key or value config.toml cannot have (migrator/config/problems.py)
    "problem.top_level": Msg(en="the top level", ru="верхний уровень"),
    "problem.hidden": Msg(en="<hidden>", ru="<скрыто>"),
    "problem.a_table": Msg(en="a table", ru="таблица"),
    "problem.a_list": Msg(en="a list", ru="список"),
    "problem.unknown_key": Msg(
        en="unknown key '{key}' in {table}", ru="неизвестный ключ '{key}' в {table}"
    ),
    "problem.did_you_mean": Msg(en="did you mean '{key}'?", ru="может быть, '{key}'?"),
    "problem.valid_keys": Msg(
        en="valid keys in {table}: {keys}", ru="допустимые ключи в {table}: {keys}"
    ),
    "problem.must_be_table": Msg(
        en="'{path}' must be a table [{path}], not {value}",
        ru="'{path}' должен быть таблицей [{path}], а не {value}",
    ),
    "problem.write_as_table": Msg(
        en="write it as a [{path}] section with its keys below",
        ru="запишите его разделом [{path}] с ключами под ним",
    ),
    "problem.not_valid": Msg(
        en="{table} {key} = {value} is not valid",
        ru="{table} {key} = {value} — недопустимое значение",
    ),
    "problem.expected": Msg(en="expected {expected}", ru="ожидается {expected}"),
    "problem.invalid": Msg(en="'{loc}' is not valid: {error}", ru="'{loc}' недопустимо: {error}"),
    "expected.bool": Msg(en="true or false (without quotes)", ru="true или false (без кавычек)"),
    "expected.int": Msg(en="a whole number", ru="целое число"),
    "expected.str": Msg(en="text in quotes", ru="текст в кавычках"),
    "expected.one_of": Msg(en="one of {values}", ru="одно из {values}"),
    "expected.or": Msg(en=" or ", ru=" или "),
    "expected.table": Msg(en="a table", ru="таблица"),
    "expected.other": Msg(en="a value of another type", ru="значение другого типа"),
    "expected.range": Msg(en=" from {low} to {high}", ru=" от {low} до {high}"),
    "expected.verify_ssl": Msg(
        en="true, false (without quotes), or the path to a CA bundle (PEM) in quotes",
        ru="true, false (без кавычек) или путь к файлу сертификатов CA (PEM) в кавычках",
    ),
    "expected.telegram_id": Msg(
        en='text in quotes, e.g. "user123456"', ru='текст в кавычках, например "user123456"'
    ),
    # checks a type cannot express (migrator/config/load.py)
    "problem.timezone": Msg(
        en="[chat.datetime] timezone = {value} is not a known time zone",
        ru="[chat.datetime] timezone = {value} — неизвестный часовой пояс",
    ),
    "problem.timezone_hint": Msg(
        en='use an IANA name such as "Europe/Moscow", "Asia/Yekaterinburg" or "UTC"',
        ru='укажите имя из базы IANA, например "Europe/Moscow", "Asia/Yekaterinburg" или "UTC"',
    ),
    "problem.ca_bundle": Msg(
        en="[server] verify_ssl = {value}: no such file ({path})",
        ru="[server] verify_ssl = {value}: файл не найден ({path})",
    ),
    "problem.ca_bundle_hint": Msg(
        en="write true or false without quotes, or the path of a CA bundle (PEM); a relative "
        "path is taken from the config file's folder",
        ru="напишите true или false без кавычек либо путь к файлу сертификатов CA (PEM); "
        "относительный путь отсчитывается от папки файла настроек",
    ),
    "problem.telegram_id": Msg(
        en="[users.{login}] telegram_id = {value} is not a Telegram id",
        ru="[users.{login}] telegram_id = {value} — это не id Telegram",
    ),
    "problem.telegram_id_hint": Msg(
        en="expected {format}; parse_users.py fills it in",
        ru="ожидается {format}; его заполняет parse_users.py",
    ),
    "problem.same_id": Msg(
        en="[users.{first}] and [users.{second}] both have the Telegram id {peer}",
        ru="у [users.{first}] и [users.{second}] один и тот же id Telegram {peer}",
    ),
    "problem.same_id_hint": Msg(
        en="one Telegram author maps to one TrueConf account: remove one of the two entries or "
        "clear its telegram_id",
        ru="одному автору в Telegram соответствует одна учётная запись TrueConf: удалите одну "
        "из двух записей или очистите её telegram_id",
    ),
    # reaching the server before a run (migrator/engine/connection.py)
    "signin.owner_refused": Msg(
        en="The chat owner {owner!r} cannot sign in: {reason}",
        ru="Владелец чата {owner!r} не может войти: {reason}",
    ),
    "server.certificate": Msg(
        en="The TLS certificate of {url} could not be verified ({detail})",
        ru="Не удалось проверить TLS-сертификат {url} ({detail})",
    ),
    "server.certificate_hint": Msg(
        en="set [server] verify_ssl in config.toml to the path of the CA bundle (PEM) that signed "
        "the server's certificate, or keep verify_ssl = true once the server has a certificate "
        "this computer trusts (verify_ssl = false: trusted test networks only)",
        ru="укажите в [server] verify_ssl файла config.toml путь к сертификату CA (PEM), которым "
        "подписан сертификат сервера, или оставьте verify_ssl = true, когда у сервера будет "
        "сертификат, которому доверяет этот компьютер (verify_ssl = false — только для "
        "доверенных тестовых сетей)",
    ),
    "server.unreachable": Msg(
        en="Cannot reach TrueConf Server at {url}: {error}",
        ru="Не удаётся подключиться к TrueConf Server по адресу {url}: {error}",
    ),
    "server.unreachable_hint": Msg(
        en="check [server] address, port and https in config.toml and that the server runs",
        ru="проверьте [server] address, port и https в config.toml и что сервер запущен",
    ),
    # finding the chat in a Telegram export (migrator/telegram/loader.py)
    "export.no_folder": Msg(
        en="{path}: no such export folder", ru="{path}: папка экспорта не найдена"
    ),
    "export.no_folder_hint": Msg(
        en="Give the folder Telegram Desktop created (ChatExport_… or DataExport_…), the one "
        "that contains result.json.",
        ru="Укажите папку, которую создал Telegram Desktop (ChatExport_… или DataExport_…), — "
        "ту, где лежит result.json.",
    ),
    "export.no_result": Msg(
        en="{path}: no {file} in this folder", ru="{path}: в этой папке нет {file}"
    ),
    "export.one_level_down": Msg(
        en="It is one level down: use {path}", ru="Он на уровень ниже: укажите {path}"
    ),
    "export.html": Msg(
        en="{path}: this is an HTML export (messages.html), not JSON",
        ru="{path}: это экспорт в HTML (messages.html), а нужен JSON",
    ),
    "export.reexport_hint": Msg(
        en="In Telegram Desktop open the chat, choose ⋮ → Export chat history, set the format to "
        '"Machine-readable JSON", and point the tool at the folder that holds result.json.',
        ru="В Telegram Desktop откройте чат, выберите ⋮ → «Экспорт истории чата», укажите формат "
        "«Машиночитаемый JSON» и задайте программе папку, в которой лежит result.json.",
    ),
    "export.no_chats": Msg(
        en="{path}: this full-account export contains no chats",
        ru="{path}: в этом полном экспорте аккаунта нет чатов",
    ),
    "export.no_chats_hint": Msg(
        en="When exporting Telegram data, tick the chat types to include under "
        '"Chat export settings", or export a single chat instead.',
        ru="При экспорте данных Telegram отметьте нужные типы чатов в настройках экспорта чатов "
        "или экспортируйте один чат.",
    ),
    "export.which_chat": Msg(
        en="{path}: this full-account export has {count} chats; say which one to migrate",
        ru="{path}: в этом полном экспорте аккаунта чатов: {count}; укажите, какой переносить",
    ),
    "export.which_chat_hint": Msg(
        en="Set the chat by name or id (--chat NAME|ID). Available:",
        ru="Укажите чат по названию или id (--chat NAME|ID). Есть:",
    ),
    "export.several_chats": Msg(
        en="{path}: several chats are called {name!r}",
        ru="{path}: несколько чатов называются {name!r}",
    ),
    "export.choose_by_id": Msg(en="Choose one by its id:", ru="Выберите один по его id:"),
    "export.no_such_chat": Msg(
        en="{path}: no chat named or numbered {name!r} in this export",
        ru="{path}: в этом экспорте нет чата с названием или id {name!r}",
    ),
    "export.available": Msg(en="Available:", ru="Есть:"),
    "export.no_messages": Msg(
        en='{path}: no messages in this file (neither a chat\'s "messages" nor the "chats" list '
        "of a full-account export)",
        ru='{path}: в файле нет сообщений (ни "messages" одного чата, ни списка "chats" полного '
        "экспорта аккаунта)",
    ),
    "export.with_messages": Msg(
        en="Export the chat with its messages:", ru="Экспортируйте чат вместе с сообщениями:"
    ),
}
