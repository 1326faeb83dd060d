"""What the tool's own machinery says: connections to the server, ffmpeg and conversions, the
server profile and other files it writes, tokens it reads, the [users] lookup."""

from __future__ import annotations

from migrator.i18n.model import Msg

_PLAYER_HINT = Msg(
    en="the file may be damaged; open it in a player to check",
    ru="файл, возможно, повреждён; откройте его в проигрывателе и проверьте",
)
_PROBE_AGAIN = Msg(
    en="delete it and run build_chat.py --probe again",
    ru="удалите его и снова запустите build_chat.py --probe",
)

MESSAGES: dict[str, Msg] = {
    # an author's connection (migrator/connector/session.py)
    "connection.dropped": Msg(
        en="connection of {login} closed during a request",
        ru="соединение {login} закрылось во время запроса",
    ),
    "connection.timeout": Msg(
        en="{login}: not connected after {seconds:.0f} s",
        ru="{login}: нет соединения за {seconds:.0f} с",
    ),
    "connection.cannot_connect": Msg(
        en="{login}: cannot connect ({reason})", ru="{login}: не удаётся подключиться ({reason})"
    ),
    "connection.closed": Msg(en="connection closed", ru="соединение закрыто"),
    "connection.upload_failed": Msg(
        en="File upload failed: {error}", ru="Не удалось загрузить файл: {error}"
    ),
    "connection.upload_no_id": Msg(
        en="Upload response does not contain temporalFileId",
        ru="В ответе на загрузку файла нет temporalFileId",
    ),
    "connection.sign_in_failed": Msg(
        en="{login}: sign-in failed: {error}", ru="{login}: вход не удался: {error}"
    ),
    # ffmpeg (migrator/media/ffmpeg.py) and conversions
    "ffmpeg.install_hint": Msg(
        en="install ffmpeg (apt install ffmpeg / brew install ffmpeg / winget install ffmpeg) "
        "or `pipenv install imageio-ffmpeg`",
        ru="установите ffmpeg (apt install ffmpeg / brew install ffmpeg / winget install ffmpeg) "
        "или выполните `pipenv install imageio-ffmpeg`",
    ),
    "ffmpeg.env_not_executable": Msg(
        en="${env} points to {path}, which is not an executable file",
        ru="${env} указывает на {path}, а это не исполняемый файл",
    ),
    "ffmpeg.env_hint": Msg(
        en="fix or unset ${env}, or {install}", ru="исправьте или удалите ${env}, либо {install}"
    ),
    "ffmpeg.not_found": Msg(
        en="ffmpeg was not found: it is needed to convert voice messages to video",
        ru="ffmpeg не найден: он нужен, чтобы превращать голосовые сообщения в видео",
    ),
    "ffmpeg.timeout_converting": Msg(
        en="ffmpeg took longer than {seconds:.0f} s while converting {what}",
        ru="ffmpeg работал дольше {seconds:.0f} с, преобразуя {what}",
    ),
    "ffmpeg.timeout_hint": Msg(
        en="check that the file is a valid recording; the machine may be overloaded",
        ru="проверьте, что файл — исправная запись; возможно, компьютер перегружен",
    ),
    "ffmpeg.cannot_run": Msg(
        en="cannot run ffmpeg at {path}: {error}",
        ru="не удаётся запустить ffmpeg ({path}): {error}",
    ),
    "ffmpeg.failed": Msg(
        en="ffmpeg failed ({code}) while converting {what}: {tail}",
        ru="ffmpeg завершился с ошибкой ({code}), преобразуя {what}: {tail}",
    ),
    "ffmpeg.failed_hint": _PLAYER_HINT,
    "ffmpeg.no_output": Msg(en="no error output", ru="ffmpeg ничего не сообщил"),
    "ffmpeg.timeout_reading": Msg(
        en="ffmpeg took longer than {seconds:.0f} s to read {path}",
        ru="ffmpeg читал {path} дольше {seconds:.0f} с",
    ),
    "media.no_audio": Msg(
        en="{path}: no audio found in the voice message",
        ru="{path}: в голосовом сообщении нет звука",
    ),
    "media.no_audio_hint": _PLAYER_HINT,
    "media.sticker_webp": Msg(
        en="{path}: cannot convert the sticker to WebP ({error})",
        ru="{path}: не удаётся преобразовать стикер в WebP ({error})",
    ),
    # the server profile (migrator/probe/profile.py)
    "profile.unreadable": Msg(
        en="The server profile {path} cannot be read: {error}",
        ru="Профиль сервера {path} не удаётся прочитать: {error}",
    ),
    "profile.damaged": Msg(
        en="The server profile {path} is damaged: {where}: {problem}",
        ru="Профиль сервера {path} повреждён: {where}: {problem}",
    ),
    "profile.whole_file": Msg(en="(the whole file)", ru="(весь файл)"),
    "profile.delete_hint": _PROBE_AGAIN,
    "profile.old_format": Msg(
        en="The server profile {path} has format {found}; this version reads format {expected}",
        ru="Профиль сервера {path} записан в формате {found}; эта версия читает формат {expected}",
    ),
    "profile.old_format_hint": Msg(
        en="run build_chat.py --probe again to write a current profile",
        ru="снова запустите build_chat.py --probe, чтобы записать профиль заново",
    ),
    # the tool's own output files (migrator/private_files.py)
    "output.not_a_folder": Msg(
        en="{path} exists and is not a folder", ru="{path} существует, и это не папка"
    ),
    "output.cannot_write": Msg(
        en="{path}: cannot be written ({reason})", ru="{path}: не удаётся записать ({reason})"
    ),
    "output.cannot_write_hint": Msg(
        en="free some disk space, or make the folder writable for this user, or choose another "
        "folder (build_chat.py --output DIR); nothing was left half-written",
        ru="освободите место на диске, или дайте этому пользователю право записи в папку, или "
        "выберите другую папку (build_chat.py --output DIR); недописанных файлов не осталось",
    ),
    # Chatbot Connector tokens (migrator/tokens.py)
    "token.not_three_parts": Msg(
        en="a token has three dot-separated parts",
        ru="токен должен состоять из трёх частей, разделённых точками",
    ),
    "token.not_base64_json": Msg(
        en="the token's middle part is not base64url-encoded JSON",
        ru="средняя часть токена — не JSON в кодировке base64url",
    ),
    "token.claims_not_object": Msg(
        en="the token's claims are not a JSON object",
        ru="содержимое токена — не объект JSON",
    ),
    "token.no_exp": Msg(
        en="the token has no numeric 'exp' claim",
        ru="в токене нет числового поля 'exp' (срок действия)",
    ),
    # [users] by Telegram id (migrator/users/lookup.py)
    "lookup.not_an_id": Msg(
        en="[users.{login}] telegram_id is not a Telegram id",
        ru="[users.{login}] telegram_id — это не id Telegram",
    ),
    "lookup.expected": Msg(en="expected {format}", ru="ожидается {format}"),
    # the same as TELEGRAM_ID_FORMAT (migrator/config/telegram_ids.py)
    "lookup.id_format": Msg(
        en='"user<digits>", "channel<digits>", "chat<digits>" or the bare number',
        ru='"user<цифры>", "channel<цифры>", "chat<цифры>" или просто число',
    ),
    # what the system said about a file (migrator/i18n/os_errors.py)
    "os_error.no_such_file": Msg(en="No such file or directory", ru="нет такого файла или папки"),
    "os_error.permission": Msg(en="Permission denied", ru="нет прав доступа"),
    "os_error.is_a_folder": Msg(en="Is a directory", ru="это папка"),
    "os_error.not_a_folder": Msg(en="Not a directory", ru="это не папка"),
    "os_error.disk_full": Msg(en="No space left on device", ru="на диске нет места"),
    "os_error.read_only": Msg(en="Read-only file system", ru="файловая система только для чтения"),
    "os_error.exists": Msg(en="File exists", ru="файл уже существует"),
    "os_error.too_large": Msg(en="File too large", ru="файл слишком большой"),
    "os_error.quota": Msg(en="Disk quota exceeded", ru="превышена дисковая квота"),
    "os_error.name_too_long": Msg(en="File name too long", ru="слишком длинное имя файла"),
    # warnings on the console, and their level
    "log.level.debug": Msg(en="DEBUG", ru="ОТЛАДКА"),
    "log.level.info": Msg(en="INFO", ru="ИНФО"),
    "log.level.warning": Msg(en="WARNING", ru="ПРЕДУПРЕЖДЕНИЕ"),
    "log.level.error": Msg(en="ERROR", ru="ОШИБКА"),
    "log.level.critical": Msg(en="CRITICAL", ru="КРИТИЧЕСКАЯ ОШИБКА"),
    "warn.not_an_object": Msg(
        en="{path}: element {position} of the messages is not an object; skipped",
        ru="{path}: элемент {position} списка сообщений — не объект; пропущен",
    ),
    "warn.outside_export": Msg(
        en="message {id}: refused file reference {reference!r}: it points outside the export "
        "folder (a '..' step, an absolute path or a symlink leading out); the file was not opened",
        ru="сообщение {id}: ссылка на файл {reference!r} отклонена: она ведёт за пределы папки "
        "экспорта (шаг '..', абсолютный путь или символическая ссылка наружу); файл не открывался",
    ),
    "warn.tls_off": Msg(
        en="TLS certificate checking is off ([server] verify_ssl = false in config.toml): anyone "
        "between this computer and the server could pose as it and read the passwords and tokens "
        "sent to it. Set verify_ssl = true, or to the path of the CA bundle (PEM) that signed the "
        "server's certificate.",
        ru="Проверка сертификата TLS отключена ([server] verify_ssl = false в config.toml): любой "
        "посредник между этим компьютером и сервером может выдать себя за сервер и прочитать "
        "отправленные ему пароли и токены. Укажите verify_ssl = true или путь к файлу "
        "сертификатов (PEM), которым подписан сертификат сервера.",
    ),
    "warn.marker_other_chat": Msg(
        en="an earlier run stopped while creating the {old_type} chat {old_title!r}; [chat] now "
        "asks for the {new_type} chat {new_title!r}, so that one is created (remove the other in "
        "TrueConf if it exists)",
        ru="прошлый запуск прервался при создании чата {old_title!r} ({old_type}); теперь [chat] "
        "задаёт чат {new_title!r} ({new_type}), он и будет создан (если первый существует, "
        "удалите его в TrueConf)",
    ),
    "warn.several_new_chats": Msg(
        en="{count} new chats titled {title!r} found after an interrupted run; using {chat_id}",
        ru="после прерванного запуска найдено новых чатов с названием {title!r}: {count}; "
        "используется {chat_id}",
    ),
    "warn.scratch_left": Msg(
        en="scratch chat {chat_id} ({title}) not removed: {error}",
        ru="временный чат {chat_id} ({title}) не удалён: {error}",
    ),
    "warn.probe_refused": Msg(
        en="probe check {check}: the server refused a request: {error}",
        ru="проверка {check}: сервер отклонил запрос: {error}",
    ),
    "warn.no_upload_limits": Msg(
        en="upload limits unavailable ({error}); files are checked by the server",
        ru="ограничения на загрузку файлов узнать не удалось ({error}); файлы проверит сервер",
    ),
    "warn.another_chat_stopped": Msg(
        en="another chat stopped too: {error}", ru="ещё один чат тоже остановлен: {error}"
    ),
}
