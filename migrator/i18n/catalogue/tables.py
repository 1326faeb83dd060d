"""The console tables of parse_users.py (people, tokens) and add_users_to_server.py (accounts)."""

from __future__ import annotations

from migrator.i18n.model import Msg

MESSAGES: dict[str, Msg] = {
    # parse_users.py: people merged into [users]
    "people.found": Msg(en="People found", ru="Найдено людей"),
    "people.new": Msg(en="New entries", ru="Новых записей"),
    "people.kept": Msg(en="Kept entries", ru="Сохранено записей"),
    "people.filled": Msg(en="  with empty keys filled", ru="  из них дополнено"),
    "people.collisions": Msg(en="Collisions resolved", ru="Совпадений логинов решено"),
    "people.placeholders": Msg(en="Placeholders (deleted)", ru="Заглушек (удалённые)"),
    "people.not_in_export": Msg(en="Not in this export", ru="Нет в этом экспорте"),
    "people.not_in_export_count": Msg(
        en="{count} (kept, not removed)", ru="{count} (оставлены, не удалены)"
    ),
    "people.server_accounts": Msg(en="Server accounts read", ru="Прочитано учётных записей"),
    "people.mapped_sure": Msg(
        en="Mapped onto existing (sure)", ru="Сопоставлено с существующими (точно)"
    ),
    "people.ambiguous_matches": Msg(en="Ambiguous (left to you)", ru="Неоднозначно (решать вам)"),
    "people.no_match": Msg(en="No match (new accounts)", ru="Без пары (новые учётные записи)"),
    "people.mapped_list": Msg(
        en="Mapped onto existing accounts: {items}",
        ru="Сопоставлены с существующими учётными записями: {items}",
    ),
    "people.undecided": Msg(
        en='Waiting for your decision (match = "check"): {items}; the comment in each entry '
        "names the possible accounts: rename the key to the right login and set existing = "
        'true, or set match = "no" for a new account.',
        ru='Ждут вашего решения (match = "check"): {items}; комментарий в каждой записи '
        "называет подходящие учётные записи: переименуйте ключ в нужный логин и укажите "
        'existing = true или match = "no" для новой учётной записи.',
    ),
    "people.kind_deleted": Msg(en="deleted accounts", ru="удалённых аккаунтов"),
    "people.kind_user": Msg(en="users", ru="пользователей"),
    "people.kind_channel": Msg(en="channels", ru="каналов"),
    "people.kind_chat": Msg(en="chats", ru="чатов"),
    "people.collision_list": Msg(en="Collisions: {items}", ru="Совпадения: {items}"),
    "people.not_in_export_list": Msg(
        en="In [users] but not in this export: {items}",
        ru="Есть в [users], но нет в этом экспорте: {items}",
    ),
    "people.ambiguous": Msg(
        en="Names in service messages shared by several people (not attributed): {items}",
        ru="Имена в служебных сообщениях, общие для нескольких людей (не сопоставлены): {items}",
    ),
    "people.ambiguous_item": Msg(en='"{name}" ({count} people)', ru="«{name}» (людей: {count})"),
    "people.unknown": Msg(
        en="Names in service messages with no Telegram id (no account created): {items}",
        ru="Имена в служебных сообщениях без id Telegram (учётная запись не создаётся): {items}",
    ),
    "people.passwords": Msg(
        en="Generated {count} random passwords: passwords are in [users] of {config}.",
        ru="Создано случайных паролей: {count}; пароли записаны в [users] файла {config}.",
    ),
    "people.saved": Msg(en="File '{config}' updated successfully.", ru="Файл «{config}» обновлён."),
    "people.unchanged": Msg(
        en="Nothing to change in '{config}'.", ru="В «{config}» менять нечего."
    ),
    # parse_users.py --import-tokens / --check-tokens
    "tokens.col_file": Msg(en="file", ru="файл"),
    "tokens.col_login": Msg(en="login", ru="логин"),
    "tokens.col_result": Msg(en="result", ru="итог"),
    "tokens.col_expires": Msg(en="expires", ru="действует до"),
    "tokens.col_note": Msg(en="note", ru="примечание"),
    "tokens.col_token": Msg(en="token", ru="токен"),
    "tokens.col_signs_in": Msg(en="signs in by", ru="вход"),
    "tokens.col_problem": Msg(en="problem", ru="проблема"),
    "tokens.files": Msg(en="{count} files: {summary}", ru="файлов: {count}; {summary}"),
    "tokens.summary": Msg(
        en="{count} accounts: {attention} need attention, {by_password} will sign in by "
        "password, {blocked} cannot sign in",
        ru="учётных записей: {count}; требуют внимания: {attention}, войдут по паролю: "
        "{by_password}, не смогут войти: {blocked}",
    ),
    "tokens.summary_deleted": Msg(
        en="; {count} deleted Telegram accounts (no account: the owner posts for them)",
        ru="; удалённых аккаунтов Telegram: {count} (учётной записи нет, за них публикует "
        "владелец)",
    ),
    "tokens.blocked_hint": Msg(
        en="Those who cannot sign in need a token from the token page (then run "
        "parse_users.py --import-tokens DIR) or a password in their [users] entry.",
        ru="Тем, кто не может войти, нужен токен со страницы токенов (затем запустите "
        "parse_users.py --import-tokens DIR) или пароль в их записи [users].",
    ),
    "tokens.no_entry": Msg(en="no entry in [users]", ru="нет записи в [users]"),
    "tokens.wrong_person": Msg(
        en="the token was issued to {subject!r}, not to this entry: it would post as them",
        ru="токен выдан {subject!r}, а не владельцу этой записи: публикации шли бы от его имени",
    ),
    "tokens.wrong_hint": Msg(
        en="Someone else's token in {count} of them: put each person's own token in their entry "
        "(parse_users.py --import-tokens DIR matches token files by login)",
        ru="Чужой токен у {count} из них: укажите в каждой записи собственный токен этого "
        "человека (parse_users.py --import-tokens DIR сопоставляет файлы токенов по логину)",
    ),
    "signs_in.token": Msg(en="token", ru="токен"),
    "signs_in.password": Msg(en="password", ru="пароль"),
    "signs_in.none": Msg(en="cannot sign in", ru="не может войти"),
    "signs_in.no_account": Msg(en="no account (deleted)", ru="учётной записи нет (удалён)"),
    "import.imported": Msg(en="imported", ru="загружен"),
    "import.already in config": Msg(en="already in config", ru="уже в конфиге"),
    "import.older than the config's": Msg(en="older than the config's", ru="старее, чем в конфиге"),
    "import.unknown login": Msg(en="unknown login", ru="неизвестный логин"),
    "import.expired": Msg(en="expired", ru="истёк"),
    "import.malformed token": Msg(en="malformed token", ru="повреждённый токен"),
    "import.unusable file": Msg(en="unusable file", ru="непригодный файл"),
    # add_users_to_server.py
    "accounts.col_login": Msg(en="Login", ru="Логин"),
    "accounts.col_name": Msg(en="Display name", ru="Отображаемое имя"),
    "accounts.col_result": Msg(en="Result", ru="Итог"),
    "accounts.col_reason": Msg(en="Reason", ru="Причина"),
    "accounts.col_email": Msg(en="E-mail", ru="Эл. почта"),
    "accounts.col_action": Msg(en="Action", ru="Действие"),
    "accounts.created": Msg(en="created", ru="создана"),
    "accounts.existed": Msg(en="existed", ru="уже была"),
    "accounts.failed": Msg(en="FAILED", ru="ОШИБКА"),
    "accounts.skipped": Msg(en="skipped", ru="пропущена"),
    "accounts.placeholder": Msg(
        en="placeholder of a deleted Telegram account: no account; build_chat.py posts its "
        "messages as [chat] owner",
        ru="заглушка удалённого аккаунта Telegram: учётной записи нет; его сообщения "
        "build_chat.py публикует от имени [chat] owner",
    ),
    "accounts.summary": Msg(
        en="{created} created, {existed} existed, {failed} failed",
        ru="создано: {created}, уже были: {existed}, ошибок: {failed}",
    ),
    "accounts.none": Msg(
        en="No accounts in [users] of {config}.", ru="В [users] файла {config} нет учётных записей."
    ),
    "accounts.would_create": Msg(en="would be created", ru="будет создана"),
    "accounts.refused": Msg(en="REFUSED: {reason}", ru="ОТКЛОНЕНА: {reason}"),
    "accounts.skipped_note": Msg(en="skipped: {note}", ru="пропущена: {note}"),
    "accounts.dry_run_summary": Msg(
        en="Dry run: {count} account(s) would be created (or reported as existing), {refused} "
        "refused",
        ru="Проверка: будет создано учётных записей: {count} (или они уже есть), отклонено: "
        "{refused}",
    ),
    "accounts.nothing_sent": Msg(
        en=". Nothing was sent to the server.", ru=". На сервер ничего не отправлено."
    ),
    "accounts.mapped": Msg(en="exists, mapped", ru="есть, сопоставлена"),
    "accounts.mapped_note": Msg(en="exists, mapped: {note}", ru="есть, сопоставлена: {note}"),
    "accounts.mapped_why": Msg(
        en="existing = true: the account is not created and needs no password",
        ru="existing = true: учётная запись не создаётся, и пароль ей не нужен",
    ),
    "accounts.undecided": Msg(
        en='match = "check": several possible existing accounts (see the comment in the entry); '
        'choose one (existing = true) or set match = "no"',
        ru='match = "check": подходит несколько существующих учётных записей (см. комментарий в '
        'записи); выберите одну (existing = true) или укажите match = "no"',
    ),
    "accounts.summary_mapped": Msg(
        en=", {count} mapped onto existing accounts",
        ru=", сопоставлено с существующими: {count}",
    ),
    "accounts.summary_undecided": Msg(
        en=", {count} waiting for your decision", ru=", ждут вашего решения: {count}"
    ),
    "accounts.bad_domain": Msg(
        en="[registration] email_domain {value!r} in config.toml is not a domain name",
        ru="[registration] email_domain {value!r} в config.toml — не доменное имя",
    ),
    "accounts.bad_domain_hint": Msg(
        en='write only the part after @, e.g. email_domain = "example.com", or leave it empty '
        "to use the server's name",
        ru='напишите только часть после @, например email_domain = "example.com", или оставьте '
        "пустым, чтобы взять имя сервера",
    ),
    "accounts.bad_login": Msg(
        en="login [users.{login}] is not valid: {rule}",
        ru="логин [users.{login}] недопустим: {rule}",
    ),
    "accounts.no_password": Msg(
        en="no password: set password in [users.{login}] or default_password in [registration]",
        ru="нет пароля: задайте password в [users.{login}] или default_password в [registration]",
    ),
    # parse_users.py --import-tokens: notes and errors
    "import.other_subject": Msg(
        en="the token names '{subject}', not '{login}': check it is this person's",
        ru="токен выдан '{subject}', а не '{login}': проверьте, что он этого человека",
    ),
    "import.other_server": Msg(
        en="issued by {server}, but [server] address is {address}",
        ru="выдан сервером {server}, а [server] address — {address}",
    ),
    "import.expired_note": Msg(
        en="ask this person for a new token from the token page",
        ru="попросите у этого человека новый токен со страницы токенов",
    ),
    "import.unknown_login_note": Msg(
        en="no such entry in [users]: run parse_users.py first, or fix the login",
        ru="такой записи в [users] нет: сначала запустите parse_users.py или исправьте логин",
    ),
    "import.expires_in": Msg(en="expires in {hours} hours", ru="истекает через {hours} ч"),
    "import.no_folder": Msg(en="{path}: no such folder", ru="{path}: папка не найдена"),
    "import.no_folder_hint": Msg(
        en="pass the folder where you collected the <login>.toml files from the token page",
        ru="укажите папку, в которую вы собрали файлы <логин>.toml со страницы токенов",
    ),
    "import.no_files": Msg(en="{path}: no .toml files in it", ru="{path}: в ней нет файлов .toml"),
    "import.no_files_hint": Msg(
        en="the token page downloads <login>.toml; put those files in this folder",
        ru="страница токенов скачивает файл <логин>.toml; положите такие файлы в эту папку",
    ),
    "token_file.unreadable": Msg(
        en="cannot be read ({reason})", ru="не удаётся прочитать ({reason})"
    ),
    "token_file.not_utf8": Msg(en="not UTF-8 text", ru="текст не в кодировке UTF-8"),
    "token_file.not_toml": Msg(
        en="not valid TOML ({error})", ru="ошибка синтаксиса TOML ({error})"
    ),
    "token_file.no_token": Msg(
        en="no access_token in it: not a token file from the token page",
        ru="в нём нет access_token: это не файл со страницы токенов",
    ),
    "token_file.no_login": Msg(
        en="no login in it: not a token file from the token page",
        ru="в нём нет login: это не файл со страницы токенов",
    ),
}
