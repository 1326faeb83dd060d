"""The scripts' command lines: --help of parse_users.py, add_users_to_server.py, build_chat.py and
the demo, and the messages the command-line layer prints itself."""

from __future__ import annotations

from migrator.i18n.model import Msg

MESSAGES: dict[str, Msg] = {
    # argparse's own words
    "cli.usage": Msg(en="usage: ", ru="использование: "),
    "cli.options_title": Msg(en="options", ru="параметры"),
    "cli.help": Msg(en="show this help and exit", ru="показать эту справку и выйти"),
    "cli.argument_error": Msg(en="{prog}: error: {message}", ru="{prog}: ошибка: {message}"),
    "cli.arg_conflict": Msg(
        en="argument {arg}: not allowed with argument {other}",
        ru="параметр {arg} нельзя указывать вместе с {other}",
    ),
    "cli.arg_unknown": Msg(en="unrecognized arguments: {args}", ru="неизвестные параметры: {args}"),
    "cli.arg_expected_one": Msg(
        en="argument {arg}: expected one argument", ru="параметру {arg} нужно значение"
    ),
    "cli.arg_choice": Msg(
        en="argument {arg}: invalid choice: {value} (choose from {choices})",
        ru="параметр {arg}: недопустимое значение {value} (допустимы: {choices})",
    ),
    "cli.arg_value": Msg(
        en="argument {arg}: invalid value: {value}",
        ru="параметр {arg}: недопустимое значение {value}",
    ),
    "cli.arg_required": Msg(
        en="the following arguments are required: {args}", ru="не указаны параметры: {args}"
    ),
    "cli.arg_one_required": Msg(
        en="one of the arguments {args} is required", ru="нужен один из параметров: {args}"
    ),
    "cli.arg_ambiguous": Msg(
        en="ambiguous option: {option} could match {matches}",
        ru="неоднозначный параметр {option}: подходят {matches}",
    ),
    "cli.arg_expected_some": Msg(
        en="argument {arg}: expected at least one argument",
        ru="параметру {arg} нужно хотя бы одно значение",
    ),
    "cli.arg_no_value": Msg(
        en="argument {arg}: ignored explicit argument {value}",
        ru="параметр {arg} пишется без значения (указано {value})",
    ),
    "cli.arg_other": Msg(en="argument {arg}: {message}", ru="параметр {arg}: {message}"),
    "cli.concurrency_min": Msg(
        en="--concurrency must be at least 1 (got {value})",
        ru="--concurrency должен быть не меньше 1 (указано {value})",
    ),
    "cli.concurrency_min_hint": Msg(en="try --concurrency 4", ru="например, --concurrency 4"),
    "cli.not_positive_seconds": Msg(
        en="expected a number of seconds above 0, got {value!r}",
        ru="нужно число секунд больше 0, указано {value!r}",
    ),
    # options every script has
    "cli.config": Msg(
        en="path of config.toml (default: ./config.toml)",
        ru="путь к config.toml (по умолчанию ./config.toml)",
    ),
    "cli.verbose": Msg(
        en="more detail (-vv: debug, secrets still hidden)",
        ru="подробнее (-vv: отладка, секреты всё равно скрыты)",
    ),
    "cli.log_file": Msg(en="also write the log to this file", ru="писать журнал и в этот файл"),
    "cli.lang": Msg(
        en="language of the messages (default: from the system's language settings)",
        ru="язык сообщений (по умолчанию — по языку системы)",
    ),
    # errors, shown once by the command-line layer
    "cli.error": Msg(en="Error: {message}", ru="Ошибка: {message}"),
    # build_chat.py
    "build.description": Msg(
        en="Migrate a Telegram Desktop export into a TrueConf chat; safe to run again (the "
        "ledger resumes where a run stopped and never posts anything twice).",
        ru="Переносит экспорт Telegram Desktop в чат TrueConf; повторный запуск безопасен "
        "(журнал переноса продолжает с места остановки и ничего не публикует дважды).",
    ),
    "build.epilog": Msg(
        en="Exit codes: 0 all good; 1 some messages failed, or --verify found differences; 2 an "
        "error in config.toml, the export or the arguments; 3 a server error; 130 interrupted "
        "(run the same command again, without --new-chat, to resume).",
        ru="Коды выхода: 0 — всё в порядке; 1 — часть сообщений не перенесена или --verify "
        "нашёл расхождения; 2 — ошибка в config.toml, экспорте или аргументах; 3 — ошибка "
        "сервера; 130 — прервано (запустите ту же команду без --new-chat, чтобы продолжить).",
    ),
    "build.chat": Msg(
        en="which chat (or chats) of a full-account export, as planned in [chats]",
        ru="какой чат (или чаты) из полного экспорта аккаунта, по плану [chats]",
    ),
    "build.all_chats": Msg(
        en="migrate every chat of a full-account export as planned in [chats] (migrate = false "
        "skipped), each into its own TrueConf chat",
        ru="перенести все чаты полного экспорта по плану [chats] (кроме migrate = false), каждый "
        "в свой чат TrueConf",
    ),
    "build.parallel_chats": Msg(
        en="chats migrated at the same time (default {default})",
        ru="сколько чатов переносится одновременно (по умолчанию {default})",
    ),
    "build.not_positive": Msg(
        en="{value!r} is not a whole number of 1 or more",
        ru="{value!r} — не целое число от 1 и больше",
    ),
    "build.dry_run": Msg(
        en="print the preflight, write the preview and report; send nothing",
        ru="только проверка: сводка, превью и отчёт, ничего не отправлять",
    ),
    "build.verify": Msg(
        en="read the migrated chat back and compare it with the export and the ledger; sends "
        "nothing",
        ru="прочитать перенесённый чат с сервера и сверить с экспортом и журналом; ничего не "
        "отправляет",
    ),
    "build.repair": Msg(
        en="after --verify found posts the server no longer has: send exactly those again, "
        "after the others (the report marks them re-sent out of order)",
        ru="после того как --verify нашёл публикации, которых на сервере больше нет: отправить "
        "заново ровно их, после остальных (в отчёте они помечены как отправленные не по порядку)",
    ),
    "build.new_chat": Msg(
        en="forget this chat in the ledger and migrate into a new TrueConf chat",
        ru="забыть этот чат в журнале и перенести заново в новый чат TrueConf",
    ),
    "build.output": Msg(
        en="folder for the report, preview and log (default: ./migration-output/<chat>/)",
        ru="папка для отчёта, превью и журнала (по умолчанию ./migration-output/<чат>/)",
    ),
    "build.ledger": Msg(
        en="ledger file (default: <config name>.ledger.sqlite beside the config)",
        ru="файл журнала переноса (по умолчанию <имя конфига>.ledger.sqlite рядом с конфигом)",
    ),
    "build.quiet": Msg(
        en="no progress line and no totals line", ru="без индикатора хода и без итоговой строки"
    ),
    "build.status": Msg(
        en="show what the ledger holds for each chat (offline; sends nothing)",
        ru="показать, что записано в журнале переноса по каждому чату (без подключения к серверу)",
    ),
    "build.interrupted": Msg(
        en="Interrupted: run the same command again to resume.",
        ru="Прервано: запустите ту же команду ещё раз, чтобы продолжить.",
    ),
    "build.interrupted_new_chat": Msg(
        en="Interrupted: to resume, run the same command WITHOUT --new-chat (with --new-chat "
        "it would start yet another chat).",
        ru="Прервано: чтобы продолжить, запустите ту же команду БЕЗ --new-chat (с --new-chat "
        "будет создан ещё один чат).",
    ),
    # parse_users.py
    "users.description": Msg(
        en="Fill [users] of config.toml with everyone who writes in the Telegram export; safe "
        "to run again (existing entries and your edits are kept).",
        ru="Заполняет [users] в config.toml участниками чата из экспорта Telegram; повторный "
        "запуск безопасен (имеющиеся записи и ваши правки сохраняются).",
    ),
    "users.epilog": Msg(
        en="Exit codes: 0 done; 1 needs attention (a token file was not imported, an account "
        "cannot sign in, [users] is empty, or an ambiguous match waits for your decision); 2 an "
        "error in config.toml, the export or the arguments; 3 the server is unreachable or "
        "refused the credentials (--match-server).",
        ru="Коды выхода: 0 — готово; 1 — требуется внимание (файл токена не загружен, кто-то "
        "не сможет войти, [users] пуст или неоднозначное сопоставление ждёт вашего решения); 2 — "
        "ошибка в config.toml, экспорте или аргументах; 3 — сервер недоступен или отверг "
        "учётные данные (--match-server).",
    ),
    "users.chat": Msg(
        en="which chat of a full-account export", ru="какой чат из полного экспорта аккаунта"
    ),
    "users.all_chats": Msg(
        en="collect the people of every chat and write the plan [chats.<id>] into config.toml "
        "(the default for a full-account export without --chat)",
        ru="собрать участников всех чатов и записать план [chats.<id>] в config.toml (по "
        "умолчанию для полного экспорта без --chat)",
    ),
    "users.chat_and_all_chats": Msg(
        en="--chat and --all-chats exclude each other", ru="--chat и --all-chats несовместимы"
    ),
    "users.plan_line": Msg(
        en="Chats planned in [chats]: {added} new, {kept} kept as you wrote them, {gone} no "
        "longer in the export (marked in a comment). Edit name, type, owner or migrate = false "
        "there, then run build_chat.py --all-chats.",
        ru="План чатов в [chats]: новых {added}, оставлено как вы записали {kept}, больше нет в "
        "экспорте {gone} (отмечены комментарием). Поправьте там name, type, owner или "
        "migrate = false и запустите build_chat.py --all-chats.",
    ),
    "users.match_server": Msg(
        en="map people onto the accounts the server already has (LDAP/AD), read with the "
        "[server] credentials; only sure matches are mapped",
        ru="сопоставить людей с уже существующими учётными записями сервера (LDAP/AD), "
        "прочитанными с учётными данными [server]; объединяются только точные совпадения",
    ),
    "users.import_tokens": Msg(
        en="merge the <login>.toml files from the token page into [users]",
        ru="загрузить в [users] файлы <логин>.toml, скачанные со страницы токенов",
    ),
    "users.check_tokens": Msg(
        en="list missing, expired and soon-expiring tokens",
        ru="показать отсутствующие, истёкшие и скоро истекающие токены",
    ),
    "users.nothing_to_add": Msg(
        en="Nothing to add: no one writes in this chat of the export (it has no messages with "
        "an author).\n  → Check that telegram_export_dir in {config} names the right export, "
        "and export the chat again with its message history.",
        ru="Добавлять некого: в этом чате экспорта нет сообщений с автором.\n  → Проверьте, "
        "что telegram_export_dir в {config} указывает на нужный экспорт, и экспортируйте чат "
        "заново вместе с историей сообщений.",
    ),
    "users.empty": Msg(
        en="[users] of {config} is empty: run parse_users.py first.",
        ru="[users] в {config} пуст: сначала запустите parse_users.py.",
    ),
    # add_users_to_server.py
    "accounts.description": Msg(
        en="Create the accounts listed in [users] of config.toml on TrueConf Server. Accounts "
        "that already exist are left as they are, so it is safe to run again.",
        ru="Создаёт на TrueConf Server учётные записи из [users] в config.toml; существующие "
        "не меняются, поэтому повторный запуск безопасен.",
    ),
    "accounts.epilog": Msg(
        en="Exit codes: 0 every account exists now (--dry-run: none refused); 1 some accounts "
        "failed or were refused; 2 an error in config.toml or the arguments; 3 the server is "
        "unreachable or refused the credentials.",
        ru="Коды выхода: 0 — все учётные записи есть на сервере (--dry-run: ни одна не "
        "отклонена); 1 — часть не создана или отклонена; 2 — ошибка в config.toml или "
        "аргументах; 3 — сервер недоступен или отверг учётные данные.",
    ),
    "accounts.dry_run": Msg(
        en="show what would be created, send nothing",
        ru="только показать, что будет создано, ничего не отправлять",
    ),
    "accounts.concurrency": Msg(
        en="accounts created at the same time (default 4)",
        ru="сколько учётных записей создавать одновременно (по умолчанию 4)",
    ),
}
