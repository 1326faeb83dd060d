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
}
