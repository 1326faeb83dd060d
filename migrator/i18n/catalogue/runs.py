"""The run lock (one run at a time) and ``--repair``'s lines."""

from __future__ import annotations

from migrator.i18n.model import Msg

MESSAGES: dict[str, Msg] = {
    "lock.held": Msg(
        en="{what} is in use by another run: {holder} (lock file {lock})",
        ru="{what} занят другим запуском: {holder} (файл блокировки {lock})",
    ),
    "lock.held_hint": Msg(
        en="wait for that run to finish, or stop it, then run the same command again; two runs "
        "at once would post messages twice. A run that was killed or crashed releases the lock "
        "by itself",
        ru="дождитесь окончания того запуска или остановите его, затем повторите ту же команду; "
        "два запуска одновременно опубликовали бы сообщения дважды. Запуск, который был убит "
        "или упал, снимает блокировку сам",
    ),
    "lock.holder": Msg(
        en="{program} {purpose}, process {pid} on {host}, started {started} UTC",
        ru="{program} {purpose}, процесс {pid} на {host}, запущен {started} UTC",
    ),
    "lock.unknown_holder": Msg(
        en="another process (it has left no details)",
        ru="другой процесс (он не оставил сведений о себе)",
    ),
    "lock.cannot_create": Msg(
        en="Cannot create the lock file {lock}: {error}",
        ru="Не удаётся создать файл блокировки {lock}: {error}",
    ),
    "lock.cannot_create_hint": Msg(
        en="check that the folder is writable: the lock sits beside the file it guards",
        ru="проверьте, что в папку можно писать: блокировка лежит рядом с файлом, который она "
        "охраняет",
    ),
    "lock.taken_over": Msg(
        en="lock {lock}: the run that held it ({holder}) stopped without releasing it; taken over",
        ru="блокировка {lock}: запуск, который её держал ({holder}), остановился, не сняв её; "
        "она перехвачена",
    ),
    "lock.what_ledger": Msg(en="The migration ledger {path}", ru="Журнал переноса {path}"),
    "lock.what_config": Msg(en="The config file {path}", ru="Файл настроек {path}"),
    "lock.purpose_migration": Msg(en="migration", ru="перенос"),
    "lock.purpose_users_update": Msg(en="[users] update", ru="обновление [users]"),
    "repair.resent": Msg(
        en="{label}: {count} posts the server had lost are sent again, after the others: {posts}",
        ru="{label}: публикации, которые сервер потерял ({count}), отправляются заново, после "
        "остальных: {posts}",
    ),
    "repair.partly": Msg(
        en="{label}: {post}: the server lost the file or its caption, not both; not sent again "
        "(that would post the other part twice)",
        ru="{label}: {post}: сервер потерял файл или подпись к нему, но не оба; заново не "
        "отправляется (иначе другая часть появилась бы дважды)",
    ),
    "repair.still_there": Msg(
        en="{label}: {post}: missing from the chat history, but the server still has its "
        "message; not sent again",
        ru="{label}: {post}: нет в истории чата, но сервер всё ещё хранит это сообщение; "
        "заново не отправляется",
    ),
    "repair.nothing_lost": Msg(
        en="{label}: the server has every post the ledger records as sent",
        ru="{label}: на сервере есть все публикации, которые журнал отмечает как отправленные",
    ),
    "repair.lookup_failed": Msg(
        en="could not look up message {message_id} ({error}): not sent again",
        ru="не удалось проверить сообщение {message_id} ({error}): заново не отправляется",
    ),
    "status.col_name": Msg(en="name in Telegram", ru="название в Telegram"),
    "status.titled": Msg(en="{title} ({chat})", ru="{title} ({chat})"),
    "status.skipped": Msg(
        en="skipped (migrate = false): {chat}", ru="пропущен (migrate = false): {chat}"
    ),
    "status.never": Msg(en="never", ru="не запускался"),
    "status.not_created": Msg(en="not created", ru="не создан"),
    "status.outside_plan": Msg(
        en="The ledger also holds chats outside this plan: {chats}",
        ru="В журнале есть и чаты вне этого плана: {chats}",
    ),
    "verify_run.no_ledger_verify": Msg(
        en="Nothing to verify: there is no migration ledger at {path}",
        ru="Проверять нечего: журнала переноса нет по пути {path}",
    ),
    "verify_run.no_ledger_repair": Msg(
        en="Nothing to repair: there is no migration ledger at {path}",
        ru="Восстанавливать нечего: журнала переноса нет по пути {path}",
    ),
    "verify_run.no_ledger_hint": Msg(
        en="run build_chat.py without {flag} first (or give the ledger with --ledger PATH)",
        ru="сначала запустите build_chat.py без {flag} (или укажите журнал: --ledger PATH)",
    ),
    "verify_run.read_back_failed": Msg(
        en="Reading the chat back failed: {error}",
        ru="Не удалось прочитать чат обратно: {error}",
    ),
    "verify_run.read_back_hint": Msg(
        en="check the server is reachable, then run --verify again",
        ru="проверьте, что сервер доступен, и запустите --verify ещё раз",
    ),
    "accounts_run.skipping": Msg(en="Skipping {login}: {reason}", ru="Пропуск {login}: {reason}"),
    "accounts_run.no_server_name": Msg(
        en="Could not read the server's name for e-mail addresses: {error}",
        ru="Не удалось прочитать имя сервера для адресов e-mail: {error}",
    ),
    "accounts_run.mapped_missing": Msg(
        en="[users.{login}] has existing = true, but the server has no account {quoted}: set "
        "the key to the person's existing login, or delete existing = true to create the account",
        ru="у [users.{login}] задано existing = true, но на сервере нет учётной записи "
        "{quoted}: укажите в ключе существующий логин этого человека или удалите "
        "existing = true, чтобы создать учётную запись",
    ),
    "accounts_run.mapped_missing_warning": Msg(
        en="Account {login} is mapped but missing on the server",
        ru="Учётная запись {login} сопоставлена, но на сервере её нет",
    ),
    "accounts_run.not_created": Msg(
        en="Account {login} was not created: {reason}",
        ru="Учётная запись {login} не создана: {reason}",
    ),
    "media_run.no_file": Msg(
        en="{post} has no file to prepare", ru="{post}: нет файла для подготовки"
    ),
    "media_run.file_gone": Msg(
        en="{post}: the file {path} does not exist", ru="{post}: файла {path} не существует"
    ),
    "media_run.file_gone_hint": Msg(
        en="check that the export folder is complete and has not moved",
        ru="проверьте, что папка экспорта полная и не перемещалась",
    ),
    "build.chat_empty": Msg(
        en="{export}: the chat {chat!r} has no messages: nothing to migrate",
        ru="{export}: в чате {chat!r} нет сообщений: переносить нечего",
    ),
    "build.chat_empty_hint": Msg(
        en="check that telegram_export_dir names the right export, and export the chat again "
        "from Telegram Desktop with its message history (Export chat history → JSON)",
        ru="проверьте, что telegram_export_dir указывает на нужный экспорт, и экспортируйте чат "
        "из Telegram Desktop заново вместе с историей сообщений (Экспорт истории чата → JSON)",
    ),
    "server_api.oauth_app_hint": Msg(
        en="check [server] client_id/client_secret in config.toml; create an OAuth application in "
        "the TrueConf Server control panel: Web → Security → OAuth 2.0, with permission to manage "
        "users",
        ru="проверьте [server] client_id/client_secret в config.toml; создайте OAuth-приложение в "
        "панели управления TrueConf Server: Web → Безопасность → OAuth 2.0, с правом управлять "
        "пользователями",
    ),
    "server_api.renew_hint": Msg(
        en="an admin access_token lives one hour: get a new one, or fill [server] client_id and "
        "client_secret in config.toml so the tool renews it by itself",
        ru="access_token администратора живёт один час: получите новый или заполните [server] "
        "client_id и client_secret в config.toml, чтобы программа обновляла его сама",
    ),
    "server_api.scope_hint": Msg(
        en="give the OAuth application the right to manage users (users:write) in the TrueConf "
        "Server control panel: Web → Security → OAuth 2.0",
        ru="дайте OAuth-приложению право управлять пользователями (users:write) в панели "
        "управления TrueConf Server: Web → Безопасность → OAuth 2.0",
    ),
    "server_api.oauth_refused": Msg(
        en="TrueConf Server refused the OAuth client credentials ({detail})",
        ru="TrueConf Server отклонил данные OAuth-клиента ({detail})",
    ),
    "server_api.config_token_refused": Msg(
        en="TrueConf Server refused the admin access_token in [server] of config.toml",
        ru="TrueConf Server отклонил access_token администратора из [server] файла config.toml",
    ),
    "server_api.token_refused": Msg(
        en="TrueConf Server refused the admin access token while {action} ({detail})",
        ru="TrueConf Server отклонил access_token администратора: {action} ({detail})",
    ),
    "server_api.not_allowed": Msg(
        en="TrueConf Server did not allow {action} ({detail})",
        ru="TrueConf Server не разрешил: {action} ({detail})",
    ),
    "server_api.no_resource": Msg(
        en="TrueConf Server has no such resource while {action} ({detail})",
        ru="у TrueConf Server нет такого ресурса: {action} ({detail})",
    ),
    "server_api.no_resource_hint": Msg(
        en="check that [server] address and port point to TrueConf Server 5.5 or later",
        ru="проверьте, что [server] address и port указывают на TrueConf Server 5.5 или новее",
    ),
    "server_api.failed": Msg(
        en="TrueConf Server failed while {action} ({detail})",
        ru="ошибка TrueConf Server: {action} ({detail})",
    ),
    "server_api.failed_hint": Msg(
        en="look at the server's logs; run the command again later (it is safe to re-run)",
        ru="посмотрите журналы сервера; повторите команду позже (повтор безопасен)",
    ),
    "server_api.rejected": Msg(
        en="TrueConf Server rejected {action} ({detail})",
        ru="TrueConf Server отклонил запрос: {action} ({detail})",
    ),
    "server_api.rejected_hint": Msg(
        en="check the values in config.toml named in the message",
        ru="проверьте значения в config.toml, названные в сообщении",
    ),
    "server_api.timeout": Msg(en="did not answer in time", ru="не ответил вовремя"),
    "server_api.unreachable": Msg(en="cannot be reached", ru="недоступен"),
    "server_api.broke": Msg(
        en="broke the connection ({error})", ru="разорвал соединение ({error})"
    ),
    "server_api.certificate": Msg(
        en="The TLS certificate of {server} could not be verified while {action}",
        ru="Не удалось проверить сертификат TLS сервера {server}: {action}",
    ),
    "server_api.certificate_hint": Msg(
        en="set [server] verify_ssl to the path of the CA bundle (PEM) that signed it, or, on a "
        "trusted network only, verify_ssl = false",
        ru="укажите в [server] verify_ssl путь к файлу сертификатов УЦ (PEM), которым он "
        "подписан, или, только в доверенной сети, verify_ssl = false",
    ),
    "server_api.transport": Msg(
        en="TrueConf Server at {server} {what} while {action}",
        ru="TrueConf Server по адресу {server} {what}: {action}",
    ),
    "server_api.transport_hint": Msg(
        en="check [server] address, port and https in config.toml, and that the server is "
        "running and reachable from this computer",
        ru="проверьте [server] address, port и https в config.toml, а также что сервер запущен "
        "и доступен с этого компьютера",
    ),
    "server_api.action_info": Msg(
        en="reading the server's name and version", ru="чтение имени и версии сервера"
    ),
    "server_api.action_read_user": Msg(
        en="reading the account {login}", ru="чтение учётной записи {login}"
    ),
    "server_api.action_list": Msg(
        en="reading the server's accounts (page {page})",
        ru="чтение учётных записей сервера (страница {page})",
    ),
    "server_api.action_create": Msg(
        en="creating the account {login}", ru="создание учётной записи {login}"
    ),
    "server_api.action_token": Msg(
        en="getting an admin token", ru="получение токена администратора"
    ),
    "server_api.action_token_oauth": Msg(
        en="getting an admin token (OAuth2 client_credentials)",
        ru="получение токена администратора (OAuth2 client_credentials)",
    ),
    "server_api.kept_failing": Msg(
        en="the server kept failing ({detail}) after {attempts} attempts",
        ru="сервер отвечал ошибкой ({detail}), попыток: {attempts}",
    ),
    "server_api.refused_it": Msg(
        en="the server refused it ({detail})", ru="сервер отказал ({detail})"
    ),
}
