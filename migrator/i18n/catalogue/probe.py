"""build_chat.py --probe: the checks' titles and results, what the migration does about each
finding (``probe.effect.<check>.<variant>``; the profile file stores the English text), the
console lines of the probe and of the server profile in a migration."""

from __future__ import annotations

from migrator.i18n.model import Msg

_NOT_CHECKED = Msg(
    en="not checked: add a second account with a token or password to [users]; the migration "
    "assumes the server may differ",
    ru="не проверено: добавьте в [users] вторую учётную запись с токеном или паролем; перенос "
    "считает, что сервер может отличаться",
)

_UNFINISHED = Msg(
    en="not checked: a request of this check failed (see observed); the migration assumes the "
    "server may differ",
    ru="не проверено: запрос этой проверки не удался (см. observed); перенос считает, что "
    "сервер может отличаться",
)

MESSAGES: dict[str, Msg] = {
    # the table's rows, in the order it shows them
    "probe.check.server_version": Msg(en="server version", ru="версия сервера"),
    "probe.check.text_echo": Msg(en="stored text", ru="хранимый текст"),
    "probe.check.history_page_cap": Msg(en="history page size", ru="размер страницы истории"),
    "probe.check.history_order": Msg(en="history order", ru="порядок истории"),
    "probe.check.author_id_format": Msg(en="author ids", ru="идентификаторы авторов"),
    "probe.check.pipelined_order": Msg(
        en="posts in flight together",
        ru="несколько запросов сразу",
    ),
    "probe.check.temporal_file_scope": Msg(en="uploaded files", ru="загруженные файлы"),
    "probe.check.idle_drop": Msg(en="idle connections", ru="простаивающие соединения"),
    "probe.check.caption_shape": Msg(en="file with a caption", ru="файл с подписью"),
    "probe.check.p2p_reuse": Msg(en="personal chat created twice", ru="личный чат дважды"),
    "probe.check.channel_writer": Msg(en="posting in a channel", ru="публикация в канале"),
    "probe.check.unknown_user": Msg(en="unknown user", ru="неизвестный пользователь"),
    "probe.check.error_after_effect": Msg(
        en="errors after the effect",
        ru="ошибка после выполнения",
    ),
    "probe.status.ok": Msg(en="ok", ru="в порядке"),
    "probe.status.differs": Msg(en="differs", ru="отличается"),
    "probe.status.blocking": Msg(en="blocking", ru="препятствие"),
    # what the migration does about each finding
    "probe.effect.server_version.ok": Msg(en="supported version", ru="версия поддерживается"),
    "probe.effect.server_version.differs": Msg(
        en="version unknown: the migration assumes 5.5.6",
        ru="версия неизвестна: перенос рассчитан на 5.5.6",
    ),
    "probe.effect.server_version.blocking": Msg(
        en="the client library refuses this version: update TrueConf Server to 5.5.6 or later",
        ru="клиентская библиотека не работает с этой версией: обновите TrueConf Server до 5.5.6 "
        "или новее",
    ),
    "probe.effect.server_version.not_checked": _UNFINISHED,
    "probe.effect.text_echo.ok": Msg(
        en="interrupted posts are matched by their exact text",
        ru="прерванные сообщения сверяются по точному тексту",
    ),
    "probe.effect.text_echo.differs": Msg(
        en="the server rewrites stored text: interrupted posts are matched by their visible "
        "text, --verify compares visible text",
        ru="сервер изменяет хранимый текст: прерванные сообщения сверяются по видимому тексту, "
        "--verify сравнивает видимый текст",
    ),
    "probe.effect.text_echo.not_checked": _UNFINISHED,
    "probe.effect.history_page_cap.ok": Msg(
        en="history is read in pages of up to 100 messages",
        ru="история читается страницами до 100 сообщений",
    ),
    "probe.effect.history_page_cap.differs": Msg(
        en="history is read in pages no longer than the server's cap, and a short page never "
        "ends the reading",
        ru="история читается страницами не длиннее ограничения сервера; короткая страница не "
        "считается концом истории",
    ),
    "probe.effect.history_page_cap.not_checked": _UNFINISHED,
    "probe.effect.history_order.ok": Msg(
        en="history is ordered by box id",
        ru="история упорядочивается по box id",
    ),
    "probe.effect.history_order.differs": Msg(
        en="history is ordered by box id, box position, then time; the anchor is handled as "
        "observed",
        ru="история упорядочивается по box id, позиции в box и времени; опорное сообщение "
        "учитывается так, как ведёт себя сервер",
    ),
    "probe.effect.history_order.not_checked": _UNFINISHED,
    "probe.effect.author_id_format.ok": Msg(
        en="authors are login@server: interrupted posts are matched by the author's id exactly",
        ru="авторы — login@server: прерванные сообщения сверяются по точному идентификатору автора",
    ),
    "probe.effect.author_id_format.differs": Msg(
        en="authors are recognised by each account's own id as the server reports it, ignoring "
        "case",
        ru="авторы распознаются по идентификатору, который сообщает сервер, без учёта регистра",
    ),
    "probe.effect.author_id_format.not_checked": _UNFINISHED,
    "probe.effect.pipelined_order.ok": Msg(
        en="posts may be in flight together on one connection",
        ru="несколько сообщений могут отправляться по одному соединению одновременно",
    ),
    "probe.effect.pipelined_order.differs": Msg(
        en="the server reorders requests in flight together: each post waits for the answer to "
        "the previous one",
        ru="сервер меняет порядок одновременных запросов: каждое сообщение ждёт ответа на "
        "предыдущее",
    ),
    "probe.effect.pipelined_order.not_checked": _UNFINISHED,
    "probe.effect.temporal_file_scope.ok": Msg(
        en="files are uploaded ahead of sending",
        ru="файлы загружаются заранее",
    ),
    "probe.effect.temporal_file_scope.differs": Msg(
        en="an uploaded file does not last: each file is uploaded just before it is sent, on "
        "the connection that sends it",
        ru="загруженный файл живёт недолго: каждый файл загружается непосредственно перед "
        "отправкой, по тому же соединению",
    ),
    "probe.effect.temporal_file_scope.not_checked": _UNFINISHED,
    "probe.effect.idle_drop.ok": Msg(
        en="idle connections stay open",
        ru="простаивающие соединения не закрываются",
    ),
    "probe.effect.idle_drop.differs": Msg(
        en="the server drops idle connections: idle sessions are kept alive and reopened before "
        "posting",
        ru="сервер закрывает простаивающие соединения: сессии поддерживаются и открываются "
        "заново перед отправкой",
    ),
    "probe.effect.idle_drop.not_checked": _UNFINISHED,
    "probe.effect.caption_shape.ok": Msg(
        en="a file with a caption is a file message followed by its caption",
        ru="файл с подписью — сообщение с файлом, за ним подпись",
    ),
    "probe.effect.caption_shape.differs": Msg(
        en="a file and its caption are stored differently: they are matched and verified as the "
        "server stores them",
        ru="файл и подпись хранятся иначе: они сверяются так, как их хранит сервер",
    ),
    "probe.effect.caption_shape.not_checked": _UNFINISHED,
    "probe.effect.p2p_reuse.ok": Msg(
        en="an interrupted personal chat creation finds the same chat again",
        ru="прерванное создание личного чата находит тот же чат",
    ),
    "probe.effect.p2p_reuse.differs": Msg(
        en="a personal chat created twice is a second chat: an interrupted creation of a "
        "personal chat is adopted from the chat list, never created again",
        ru="повторное создание личного чата даёт второй чат: после прерванного создания чат "
        "берётся из списка чатов, а не создаётся заново",
    ),
    "probe.effect.p2p_reuse.not_checked": _NOT_CHECKED,
    "probe.effect.channel_writer.ok": Msg(
        en="channel authors post under their own names",
        ru="авторы канала публикуют от своего имени",
    ),
    "probe.effect.channel_writer.blocking": Msg(
        en="an author given the writer role cannot post: a channel migration refuses to start "
        '(migrate it as type = "group", or pass --ignore-probe)',
        ru="автор с ролью writer не может публиковать: перенос канала не начнётся (перенесите "
        'его как type = "group" или укажите --ignore-probe)',
    ),
    "probe.effect.channel_writer.not_checked": _NOT_CHECKED,
    "probe.effect.unknown_user.ok": Msg(
        en="an author without an account is reported and their posts go to the owner",
        ru="автор без учётной записи попадает в отчёт, его сообщения публикует владелец",
    ),
    "probe.effect.unknown_user.differs": Msg(
        en="the server answers an unknown user with an unexpected code: such an author is "
        "reported as not admitted",
        ru="сервер отвечает на неизвестного пользователя неожиданным кодом: такой автор "
        "попадает в отчёт как не добавленный",
    ),
    "probe.effect.unknown_user.not_checked": _UNFINISHED,
    "probe.effect.error_after_effect.ok": Msg(
        en="no post answered with an error was stored",
        ru="ни одно сообщение, на которое пришла ошибка, не сохранилось",
    ),
    "probe.effect.error_after_effect.differs": Msg(
        en="the server stores some posts it answers with an error (300, 301) or leaves "
        "unanswered: after such an answer the chat is read back before anything is sent "
        "again",
        ru="сервер сохраняет часть сообщений, на которые ответил ошибкой (300, 301) или не "
        "ответил: после такого ответа чат перечитывается, прежде чем отправлять снова",
    ),
    "probe.effect.error_after_effect.not_checked": _UNFINISHED,
    # the console
    "probe.header_check": Msg(en="check", ru="проверка"),
    "probe.header_status": Msg(en="result", ru="результат"),
    "probe.header_observed": Msg(en="observed", ru="обнаружено"),
    "probe.server": Msg(
        en="Server {address}, version {version}",
        ru="Сервер {address}, версия {version}",
    ),
    "probe.written": Msg(
        en="Server profile written to {path}",
        ru="Профиль сервера записан в {path}",
    ),
    "probe.removed": Msg(
        en="Scratch chats removed: {count}",
        ru="Удалено временных чатов: {count}",
    ),
    "probe.left": Msg(
        en="Scratch chats that could not be removed (remove them by hand): {titles}",
        ru="Не удалось удалить временные чаты (удалите их вручную): {titles}",
    ),
    "probe.blocking": Msg(
        en="Blocking findings: build_chat.py refuses to migrate until they are resolved (or run "
        "it with --ignore-probe)",
        ru="Есть препятствия: build_chat.py не начнёт перенос, пока они не устранены (или "
        "запустите его с --ignore-probe)",
    ),
    "probe.unknown": Msg(en="unknown", ru="неизвестна"),
    "probe.profile_used": Msg(
        en="Server profile: {path}, probed {age} ago; checks that differ: {differs}",
        ru="Профиль сервера: {path}, проверка {age} назад; отличия: {differs}",
    ),
    "probe.profile_none": Msg(
        en="No server profile ({path}): safe settings (history read in pages of {page}); run "
        "build_chat.py --probe first",
        ru="Профиля сервера нет ({path}): осторожные настройки (история читается страницами по "
        "{page}); сначала запустите build_chat.py --probe",
    ),
    "probe.profile_old": Msg(
        en="The server profile is older than {days} days: run build_chat.py --probe again",
        ru="Профилю сервера больше {days} дней: запустите build_chat.py --probe ещё раз",
    ),
    "probe.none": Msg(en="none", ru="нет"),
    "probe.age_minutes": Msg(en="{n} min", ru="{n} мин"),
    "probe.age_hours": Msg(en="{n} h", ru="{n} ч"),
    "probe.age_days": Msg(en="{n} days", ru="{n} дн."),
    "probe.ignored": Msg(
        en="Blocking findings ignored (--ignore-probe): {checks}",
        ru="Препятствия проигнорированы (--ignore-probe): {checks}",
    ),
    "probe.blocking_error": Msg(
        en="The server profile {path} has blocking findings: {reasons}",
        ru="В профиле сервера {path} есть препятствия: {reasons}",
    ),
    "probe.blocking_error_hint": Msg(
        en="resolve them and run build_chat.py --probe again, or pass --ignore-probe to migrate "
        "anyway (see the README, 'Before you migrate: probe your server')",
        ru="устраните их и запустите build_chat.py --probe ещё раз или укажите --ignore-probe, "
        "чтобы перенести всё равно (см. README-ru, «Перед переносом: проверьте сервер»)",
    ),
    "probe.not_checked.no_peer": Msg(
        en="no other account in [users]", ru="в [users] нет другой учётной записи"
    ),
    "probe.not_checked.no_second": Msg(
        en="no second account with credentials",
        ru="нет второй учётной записи с токеном или паролем",
    ),
}
