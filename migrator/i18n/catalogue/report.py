"""report.html, problems.csv and preview.html."""

from __future__ import annotations

from migrator.i18n.model import Msg

MESSAGES: dict[str, Msg] = {
    "report.title": Msg(en="Migration report: {chat}", ru="Отчёт о переносе: {chat}"),
    "report.dry_run": Msg(
        en=" (dry run: nothing was sent)", ru=" (проверка: ничего не отправлено)"
    ),
    "report.target": Msg(
        en="Telegram chat {chat_key} → TrueConf chat {chat_id}",
        ru="Чат Telegram {chat_key} → чат TrueConf {chat_id}",
    ),
    "report.generated": Msg(
        en="Written {when} (times in {zone})", ru="Создан {when} (время: {zone})"
    ),
    "report.summary": Msg(en="Summary", ru="Сводка"),
    "report.messages": Msg(en="messages", ru="сообщений"),
    "report.posts": Msg(en="posts", ru="публикаций"),
    "report.problems": Msg(en="Needs attention", ru="Требует внимания"),
    "report.no_problems": Msg(en="Nothing needs attention.", ru="Ничего не требует внимания."),
    "report.group": Msg(en="{count} × {reason}", ru="{count} × {reason}"),
    "report.group_ids": Msg(en="messages: {ids}", ru="сообщения: {ids}"),
    "report.notes": Msg(en="Notes", ru="Примечания"),
    "report.show_problems": Msg(en="Show problems only", ru="Показать только проблемы"),
    "report.show_all": Msg(en="Show all messages", ru="Показать все сообщения"),
    "report.unknown": Msg(en="Not understood in the export", ru="Не распознано в экспорте"),
    "report.all_understood": Msg(
        en="Everything in the export was understood.", ru="Всё в экспорте распознано."
    ),
    "report.col_id": Msg(en="Telegram id", ru="№ в Telegram"),
    "report.col_time": Msg(en="Time", ru="Время"),
    "report.col_author": Msg(en="Author", ru="Автор"),
    "report.col_outcome": Msg(en="Outcome", ru="Итог"),
    "report.col_excerpt": Msg(en="Excerpt", ru="Начало сообщения"),
    "report.col_sent_by": Msg(en="Sent by", ru="Отправил"),
    "report.col_trueconf": Msg(en="TrueConf ids", ru="id в TrueConf"),
    "report.col_reason": Msg(en="Reason / notes", ru="Причина / примечания"),
    "run.totals": Msg(en="{label}: {totals}", ru="{label}: {totals}"),
    "run.report": Msg(en="  report: {path} ({json})", ru="  отчёт: {path} ({json})"),
    "total.messages": Msg(en="messages", ru="сообщений"),
    "total.posts": Msg(en="posts", ru="публикаций в TrueConf"),
    "total.resent": Msg(en="re-sent out of order", ru="отправлено повторно не по порядку"),
    "verify.not_migrated": Msg(
        en="{label}: not migrated to {server} yet (the ledger has no chat for it); run "
        "build_chat.py without --verify first",
        ru="{label}: на {server} ещё не перенесён (в журнале переноса нет его чата); сначала "
        "запустите build_chat.py без --verify",
    ),
    "verify.ok": Msg(
        en="{label}: verified, {count} messages match the export and the ledger",
        ru="{label}: проверено сообщений: {count}, все совпадают с экспортом и журналом переноса",
    ),
    "verify.differences": Msg(
        en="{label}: {count} differences found", ru="{label}: найдено расхождений: {count}"
    ),
    "verdict.posted": Msg(en="posted", ru="опубликовано"),
    "verdict.attributed": Msg(en="posted by the owner", ru="от имени владельца"),
    "verdict.skipped": Msg(en="skipped", ru="пропущено"),
    "verdict.failed": Msg(en="failed", ru="не перенесено"),
    "verdict.planned": Msg(en="will be posted", ru="будет опубликовано"),
    # problems.csv
    "csv.id": Msg(en="Telegram id", ru="№ в Telegram"),
    "csv.time": Msg(en="Time", ru="Время"),
    "csv.author": Msg(en="Author", ru="Автор"),
    "csv.outcome": Msg(en="Outcome", ru="Итог"),
    "csv.reason": Msg(en="Reason", ru="Причина"),
    "csv.excerpt": Msg(en="Excerpt", ru="Начало сообщения"),
    # preview.html
    "preview.skipped": Msg(en="#{id} skipped: {reason}", ru="№{id} пропущено: {reason}"),
    "preview.nothing_to_post": Msg(en="nothing to post", ru="публиковать нечего"),
    "preview.reply_to": Msg(en="↩ reply to message #{id}", ru="↩ ответ на сообщение №{id}"),
    "preview.note": Msg(
        en="Preview: how the chat will look in TrueConf; nothing has been sent.",
        ru="Превью: так чат будет выглядеть в TrueConf; ничего не отправлено.",
    ),
    # what the loader did not understand
    "unknown.fields": Msg(
        en="unknown message fields (ignored)", ru="неизвестные поля сообщений (пропущены)"
    ),
    "unknown.entity_types": Msg(
        en="unknown text formatting (kept as plain text)",
        ru="неизвестное форматирование текста (оставлено простым текстом)",
    ),
    "unknown.actions": Msg(
        en="service actions not understood (posted as a neutral line)",
        ru="нераспознанные служебные действия (опубликованы нейтральной строкой)",
    ),
    "unknown.media_types": Msg(
        en="unknown media types (sent as files)", ru="неизвестные типы медиа (отправлены файлами)"
    ),
    "unknown.refused_paths": Msg(
        en="refused file paths (never opened)", ru="отвергнутые пути к файлам (не открывались)"
    ),
    "unknown.more": Msg(en=", … {count} more", ru=", … и ещё {count}"),
}
