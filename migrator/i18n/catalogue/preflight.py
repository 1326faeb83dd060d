"""The preflight a dry run prints, the dry run's last lines, and the progress line."""

from __future__ import annotations

from migrator.i18n.model import Msg

MESSAGES: dict[str, Msg] = {
    "preflight.target": Msg(
        en="Target: TrueConf Server {server}", ru="Куда: TrueConf Server {server}"
    ),
    "preflight.target_chat": Msg(
        en="  chat «{name}», type {type} ({source}), owner {owner}",
        ru="  чат «{name}», тип {type} ({source}), владелец {owner}",
    ),
    "preflight.type_from_config": Msg(en="[chat] type", ru="задан в [chat] type"),
    "preflight.type_from_export": Msg(
        en="from the export: [chat] type is empty", ru="по экспорту: [chat] type не задан"
    ),
    "preflight.type_from_plan": Msg(en="its [chats] table", ru="задан в его таблице [chats]"),
    "preflight.type_from_export_all": Msg(
        en="from the export (--all-chats)", ru="по экспорту (--all-chats)"
    ),
    "preflight.new_chat": Msg(
        en="  a new chat: nothing of this Telegram chat is in the ledger yet",
        ru="  новый чат: в журнале переноса этого чата Telegram ещё нет",
    ),
    "preflight.new_chat_forgotten": Msg(
        en="  a new chat (--new-chat: the ledger's record of chat {chat_id} is forgotten)",
        ru="  новый чат (--new-chat: запись журнала о чате {chat_id} будет забыта)",
    ),
    "preflight.continued": Msg(
        en="  continued: TrueConf chat {chat_id}, {posted} posts already in it (ledger), "
        "{failed} failed earlier",
        ru="  продолжение: чат TrueConf {chat_id}, уже опубликовано {posted} (по журналу), "
        "ранее не удалось: {failed}",
    ),
    "preflight.continued_no_chat": Msg(
        en="  continued: the ledger has {posted} posts of it but no confirmed chat yet (the last "
        "run stopped while creating it; the next run finds it)",
        ru="  продолжение: в журнале {posted} публикаций, но создание чата не подтверждено "
        "(прошлый запуск прервался; следующий запуск его найдёт)",
    ),
    "preflight.chat": Msg(
        en="Telegram chat {label}: {messages} messages",
        ru="Чат Telegram {label}: сообщений {messages}",
    ),
    "preflight.will_post": Msg(
        en="  will post: {total} posts ({kinds})", ru="  будет опубликовано: {total} ({kinds})"
    ),
    "preflight.will_post_now": Msg(
        en="  will post now: {total} posts ({kinds}); already posted: {done}",
        ru="  будет опубликовано сейчас: {total} ({kinds}); уже опубликовано: {done}",
    ),
    "preflight.none": Msg(en="none", ru="ничего"),
    "preflight.attributed": Msg(
        en="  attributed to the owner: {count}", ru="  от имени владельца: {count}"
    ),
    "preflight.attributed_name": Msg(
        en="    {name}: {count} (no TrueConf account that can sign in)",
        ru="    {name}: {count} (нет учётной записи TrueConf, которая может войти)",
    ),
    "preflight.converted": Msg(en="  converted: {items}", ru="  преобразовано: {items}"),
    "preflight.skipped": Msg(en="  skipped: {count}", ru="  пропущено: {count}"),
    "preflight.skipped_reason": Msg(en="    {count} × {reason}", ru="    {count} × {reason}"),
    "preflight.topics": Msg(en="  forum topics: {count}", ru="  темы форума: {count}"),
    "preflight.topic": Msg(
        en="    {title}: {count} messages", ru="    {title}: сообщений — {count}"
    ),
    "preflight.warnings": Msg(en="  warnings: {count}", ru="  предупреждения: {count}"),
    "preflight.warning": Msg(en="    #{id} {excerpt}: {note}", ru="    №{id} {excerpt}: {note}"),
    "preflight.warning_no_excerpt": Msg(en="    #{id}: {note}", ru="    №{id}: {note}"),
    "preflight.more_warnings": Msg(
        en="    … and {count} more (see report.html)", ru="    … и ещё {count} (см. report.html)"
    ),
    "preflight.unknown": Msg(
        en="  not understood in the export: {count} kinds",
        ru="  не распознано в экспорте: видов {count}",
    ),
    "preflight.unknown_nothing": Msg(
        en="  not understood in the export: nothing", ru="  не распознано в экспорте: ничего"
    ),
    "preflight.limits": Msg(en="  upload limits: {note}", ru="  ограничения загрузки: {note}"),
    "preflight.limits_dry_run": Msg(
        en="not checked by a dry run (it does not contact the server); build_chat.py reads the "
        "server's size limit and blocked extensions before sending and reports the files it "
        "would refuse instead of trying them",
        ru="при проверке не сверяются (сервер не опрашивается); build_chat.py перед отправкой "
        "узнаёт у сервера предельный размер и запрещённые расширения и вносит в отчёт файлы, "
        "которые сервер отклонил бы, не пытаясь их отправить",
    ),
    "preflight.accounts": Msg(en="  accounts:", ru="  учётные записи:"),
    "preflight.account": Msg(en="    {login}: {how}", ru="    {login}: {how}"),
    # the kind of the Telegram chat and [chat] type disagree
    "preflight.kind_mismatch": Msg(
        en='  WARNING: the Telegram chat is {telegram}, but [chat] type = "{configured}": it '
        'will be migrated as a {configured} chat. Set type = "{suggested}" in {config} (or '
        "leave it empty to follow the export), or keep it if this is what you want.",
        ru='  ВНИМАНИЕ: в Telegram это {telegram}, а [chat] type = "{configured}": чат будет '
        'перенесён как {configured}. Укажите type = "{suggested}" в {config} (или оставьте '
        "пустым, чтобы тип взялся из экспорта) либо оставьте как есть, если так и задумано.",
    ),
    "preflight.kind_channel": Msg(en="a channel", ru="канал"),
    "preflight.kind_personal": Msg(en="a personal chat", ru="личный чат"),
    "preflight.kind_group": Msg(en="a group", ru="группа"),
    # how each account signs in
    "signin.not_in_users": Msg(
        en="not in [users]: posts attributed to the owner",
        ru="нет в [users]: сообщения публикует владелец",
    ),
    "signin.deleted": Msg(
        en="deleted Telegram account (no TrueConf account): posted by the owner",
        ru="удалённый аккаунт Telegram (учётной записи TrueConf нет): публикует владелец",
    ),
    "signin.token": Msg(en="token", ru="токен"),
    "signin.token_soon": Msg(en="token (expires soon)", ru="токен (скоро истекает)"),
    "signin.password": Msg(en="password (token {state})", ru="пароль (токен: {state})"),
    "signin.default_password": Msg(
        en="[registration] default_password (token {state})",
        ru="[registration] default_password (токен: {state})",
    ),
    "signin.cannot": Msg(
        en="cannot sign in (token {state}, no password): attributed",
        ru="не может войти (токен: {state}, пароля нет): публикует владелец",
    ),
    "token.valid": Msg(en="valid", ru="действителен"),
    "token.expires_soon": Msg(en="expires soon", ru="скоро истекает"),
    "token.expired": Msg(en="expired", ru="истёк"),
    "token.malformed": Msg(en="malformed", ru="повреждён"),
    "token.missing": Msg(en="missing", ru="отсутствует"),
    # the dry run's last lines
    "dry_run.preview": Msg(en="  preview: {path}", ru="  превью: {path}"),
    "dry_run.report": Msg(en="  report: {path} ({json})", ru="  отчёт: {path} ({json})"),
    "dry_run.problems": Msg(en="  needs attention: {path}", ru="  требуют внимания: {path}"),
    "dry_run.done": Msg(
        en="Dry run: nothing was sent to the server.",
        ru="Проверка: на сервер ничего не отправлено.",
    ),
    # the progress line
    "progress.line": Msg(
        en="{label} [{bar}] {percent}% {done}/{total}{failed} · {elapsed} · {rate} · ETA {eta}",
        ru="{label} [{bar}] {percent}% {done}/{total}{failed} · {elapsed} · {rate} · "
        "осталось {eta}",
    ),
    "progress.failed": Msg(en=" · {count} failed", ru=" · ошибок: {count}"),
    "progress.rate": Msg(en="{rate:.1f} posts/s", ru="{rate:.1f} публ./с"),
    "progress.no_rate": Msg(en="nothing sent", ru="ничего не отправлено"),
    "progress.nothing_to_do": Msg(
        en="{label}: nothing left to post ({done} already in the chat)",
        ru="{label}: публиковать больше нечего (уже в чате: {done})",
    ),
    # the ledger, read without changing it
    "ledger_view.unreadable": Msg(
        en="Cannot read the migration ledger {path}: {error}",
        ru="Не удаётся прочитать журнал переноса {path}: {error}",
    ),
    "ledger_view.unreadable_hint": Msg(
        en="check that the file is a ledger written by build_chat.py, or give another one with "
        "--ledger PATH",
        ru="проверьте, что это журнал, записанный build_chat.py, или укажите другой файл через "
        "--ledger PATH",
    ),
    # build_chat.py --status
    "status.no_ledger": Msg(
        en="No migration ledger at {path}: nothing has been migrated with this config yet.",
        ru="Журнала переноса {path} нет: с этим конфигом ещё ничего не переносилось.",
    ),
    "status.ledger": Msg(en="Migration ledger: {path}", ru="Журнал переноса: {path}"),
    "status.empty": Msg(en="It holds no chat yet.", ru="В нём пока нет ни одного чата."),
    "status.no_chat": Msg(en="(not created)", ru="(не создан)"),
    "status.col_chat": Msg(en="Telegram chat", ru="Чат Telegram"),
    "status.col_trueconf": Msg(en="TrueConf chat", ru="Чат TrueConf"),
    "status.col_posted": Msg(en="posted", ru="опубликовано"),
    "status.col_failed": Msg(en="failed", ru="ошибок"),
    "status.col_pending": Msg(en="pending", ru="ожидает"),
    "status.col_last_run": Msg(en="last run", ru="последний запуск"),
    "status.col_server": Msg(en="server", ru="сервер"),
    "status.resume_hint": Msg(
        en="Failed and pending posts are sent by the next run of build_chat.py (without "
        "--new-chat).",
        ru="Неудавшиеся и ожидающие публикации отправит следующий запуск build_chat.py (без "
        "--new-chat).",
    ),
    # kinds of posts and conversions, as the preflight counts them
    "kind.text": Msg(en="text", ru="текст"),
    "kind.system": Msg(en="system", ru="служебные"),
    "kind.photo": Msg(en="photo", ru="фото"),
    "kind.file": Msg(en="file", ru="файлы"),
    "kind.sticker": Msg(en="sticker", ru="стикеры"),
    "kind.video": Msg(en="video", ru="видео"),
    "conversion.voice_to_mp4": Msg(en="voice_to_mp4", ru="голосовое → видео"),
    "conversion.tgs_to_gif": Msg(en="tgs_to_gif", ru="анимированный стикер → gif"),
    "conversion.photo_preview": Msg(en="photo_preview", ru="превью фото"),
}
