"""Every label the tool adds to migrated messages, in each configured language.

One table, ``{key: {"ru": …, "en": …}}``. Labels are ``str.format`` templates; the values passed
in are already-escaped HTML where the template is used for HTML (the caller escapes, the table
holds no user text). A test checks that every key has every language and the same placeholders.
"""

from __future__ import annotations

from migrator.config.model import Language

LABELS: dict[str, dict[str, str]] = {
    # headers and footers of ordinary messages
    "forwarded_from": {"ru": "Переслано от {name}", "en": "Forwarded from {name}"},
    "forwarded_hidden": {
        "ru": "Пересланное сообщение (отправитель скрыт)",
        "en": "Forwarded message (sender hidden)",
    },
    "saved_from": {"ru": "Сохранено из {name}", "en": "Saved from {name}"},
    "via_bot": {"ru": "через {bot}", "en": "via {bot}"},
    "edited": {"ru": "изменено", "en": "edited"},
    "deleted_account": {"ru": "Удалённый аккаунт", "en": "Deleted Account"},
    "unknown_sender": {"ru": "Неизвестный отправитель", "en": "Unknown sender"},
    # replies
    "reply_to": {"ru": "В ответ на {name}: «{snippet}»", "en": "In reply to {name}: “{snippet}”"},
    "reply_to_no_text": {
        "ru": "В ответ на сообщение {name}",
        "en": "In reply to a message from {name}",
    },
    "reply_missing": {
        "ru": "В ответ на сообщение, которого нет в экспорте (№{id})",
        "en": "In reply to a message not in the export (#{id})",
    },
    "reply_self": {
        "ru": "В ответ на само это сообщение (№{id})",
        "en": "In reply to this very message (#{id})",
    },
    "reply_later": {
        "ru": "В ответ на более позднее сообщение (№{id})",
        "en": "In reply to a later message (#{id})",
    },
    "reply_other_chat": {
        "ru": "В ответ на сообщение из другого чата (№{id})",
        "en": "In reply to a message in another chat (#{id})",
    },
    # forum topics
    "topic_line": {"ru": "Тема «{title}»", "en": "Topic “{title}”"},
    # media
    "media_not_included": {
        "ru": "файл не был выбран при экспорте из Telegram",
        "en": "the file type was not selected when exporting from Telegram",
    },
    "media_too_large": {
        "ru": "файл превысил лимит размера при экспорте из Telegram",
        "en": "the file exceeded the export size limit in Telegram",
    },
    "media_unavailable": {
        "ru": "файл был недоступен при экспорте, например самоуничтожающееся медиа",
        "en": "the file was unavailable at export time, e.g. self-destructing media",
    },
    "media_not_found": {
        "ru": "файла нет в папке экспорта",
        "en": "the file is missing from the export folder",
    },
    "media_outside_export": {
        "ru": "путь к файлу ведёт за пределы папки экспорта",
        "en": "the file path leads outside the export folder",
    },
    "media_missing": {
        "ru": "Файл не перенесён: {name} ({reason})",
        "en": "File not migrated: {name} ({reason})",
    },
    "media_over_limit": {
        "ru": "размер {size} больше лимита сервера {limit}",
        "en": "its size {size} exceeds the server limit {limit}",
    },
    "media_blocked_extension": {
        "ru": "расширение .{ext} запрещено на сервере",
        "en": "the extension .{ext} is not allowed by the server",
    },
    "media_no_extension_allowed": {
        "ru": "файл без расширения не разрешён на сервере",
        "en": "files without an extension are not allowed by the server",
    },
    "media_failed": {
        "ru": "Файл не удалось подготовить к отправке: {name} (причина указана в отчёте)",
        "en": "The file could not be prepared for upload: {name} (the reason is in the report)",
    },
    "note_control_removed": {
        "ru": "из текста удалены управляющие символы: {count}",
        "en": "control characters removed from the text: {count}",
    },
    "kind_photo": {"ru": "фото", "en": "photo"},
    "kind_file": {"ru": "файл", "en": "file"},
    "kind_sticker": {"ru": "стикер", "en": "sticker"},
    "kind_video_message": {"ru": "видеосообщение", "en": "video message"},
    "kind_voice_message": {"ru": "голосовое сообщение", "en": "voice message"},
    "kind_animation": {"ru": "анимация", "en": "animation"},
    "kind_video_file": {"ru": "видео", "en": "video"},
    "kind_audio_file": {"ru": "аудио", "en": "audio"},
    "kind_unknown": {"ru": "вложение", "en": "attachment"},
    # attachments
    "poll": {"ru": "Опрос", "en": "Poll"},
    "poll_closed": {"ru": "Опрос (завершён)", "en": "Poll (closed)"},
    "poll_votes": {"ru": "голосов: {count}", "en": "votes: {count}"},
    "poll_total": {"ru": "Всего проголосовало: {count}", "en": "Total voters: {count}"},
    "todo_list": {"ru": "Список задач", "en": "To-do list"},
    "location": {"ru": "Геопозиция", "en": "Location"},
    "live_location": {
        "ru": "Трансляция геопозиции ({minutes} мин.)",
        "en": "Live location ({minutes} min)",
    },
    "venue": {"ru": "Место", "en": "Venue"},
    "open_map": {"ru": "открыть на карте", "en": "open map"},
    "contact": {"ru": "Контакт", "en": "Contact"},
    "game": {"ru": "Игра", "en": "Game"},
    "invoice": {"ru": "Счёт", "en": "Invoice"},
    "giveaway": {"ru": "Розыгрыш", "en": "Giveaway"},
    "giveaway_results": {"ru": "Итоги розыгрыша", "en": "Giveaway results"},
    "giveaway_quantity": {"ru": "призов: {count}", "en": "prizes: {count}"},
    "giveaway_winners": {"ru": "победителей: {count}", "en": "winners: {count}"},
    "giveaway_months": {"ru": "Premium на {months} мес.", "en": "Premium for {months} months"},
    "giveaway_stars": {"ru": "звёзд: {count}", "en": "stars: {count}"},
    "giveaway_until": {"ru": "до {date}", "en": "until {date}"},
    "paid_media": {
        "ru": "Платное медиа ({stars} ⭐): содержимое не экспортируется Telegram",
        "en": "Paid media ({stars} ⭐): Telegram does not export its content",
    },
    "empty_message": {
        "ru": "Сообщение без содержимого в экспорте (кубик, история или другой тип, "
        "который Telegram не экспортирует)",
        "en": "Message with no content in the export (a dice, a story or another kind "
        "Telegram does not export)",
    },
    "unsupported_message": {
        "ru": "Сообщение, которое Telegram Desktop не смог экспортировать",
        "en": "A message Telegram Desktop could not export",
    },
    "inline_buttons": {
        "ru": "(у сообщения были кнопки бота)",
        "en": "(the message had bot buttons)",
    },
    "custom_emoji_reaction": {"ru": "свой эмодзи", "en": "custom emoji"},
    # service messages: {actor} is always filled (a name or the "someone" label)
    "someone": {"ru": "Кто-то", "en": "Someone"},
    "svc_create_group": {
        "ru": "{actor} создал(а) группу «{title}»",
        "en": "{actor} created the group “{title}”",
    },
    "svc_create_channel": {
        "ru": "{actor} создал(а) канал «{title}»",
        "en": "{actor} created the channel “{title}”",
    },
    "svc_edit_group_title": {
        "ru": "{actor} изменил(а) название на «{title}»",
        "en": "{actor} changed the title to “{title}”",
    },
    "svc_edit_group_photo": {
        "ru": "{actor} изменил(а) фото чата",
        "en": "{actor} changed the chat photo",
    },
    "svc_delete_group_photo": {
        "ru": "{actor} удалил(а) фото чата",
        "en": "{actor} removed the chat photo",
    },
    "svc_invite_members": {"ru": "{actor} добавил(а): {members}", "en": "{actor} added {members}"},
    "svc_remove_members": {"ru": "{actor} удалил(а): {members}", "en": "{actor} removed {members}"},
    "svc_joined": {"ru": "{actor} присоединился(-ась) к группе", "en": "{actor} joined the group"},
    "svc_leave": {"ru": "{actor} покинул(а) чат", "en": "{actor} left the chat"},
    "svc_join_group_by_link": {
        "ru": "{actor} присоединился(-ась) по ссылке-приглашению",
        "en": "{actor} joined via an invite link",
    },
    "svc_join_group_by_request": {
        "ru": "{actor} принят(а) в группу по заявке",
        "en": "{actor} was accepted into the group",
    },
    "svc_migrate_to_supergroup": {
        "ru": "{actor} преобразовал(а) группу в супергруппу",
        "en": "{actor} upgraded the group to a supergroup",
    },
    "svc_migrate_from_group": {
        "ru": "{actor} создал(а) супергруппу из группы «{title}»",
        "en": "{actor} created the supergroup from the group “{title}”",
    },
    "svc_pin_message": {"ru": "{actor} закрепил(а) сообщение", "en": "{actor} pinned a message"},
    "svc_clear_history": {
        "ru": "{actor} очистил(а) историю чата",
        "en": "{actor} cleared the chat history",
    },
    "svc_phone_call": {"ru": "Звонок от {actor}", "en": "Call from {actor}"},
    "svc_conference_call": {
        "ru": "Групповой звонок от {actor}",
        "en": "Conference call from {actor}",
    },
    "svc_group_call": {"ru": "{actor} начал(а) видеочат", "en": "{actor} started a video chat"},
    "svc_group_call_scheduled": {
        "ru": "{actor} запланировал(а) видеочат на {date}",
        "en": "{actor} scheduled a video chat for {date}",
    },
    "svc_invite_to_group_call": {
        "ru": "{actor} пригласил(а) в видеочат: {members}",
        "en": "{actor} invited {members} to the video chat",
    },
    "svc_call_duration": {"ru": "длительность {duration}", "en": "duration {duration}"},
    "svc_call_missed": {"ru": "пропущен", "en": "missed"},
    "svc_call_busy": {"ru": "занято", "en": "busy"},
    "svc_call_declined": {"ru": "отклонён", "en": "declined"},
    "svc_call_disconnected": {"ru": "разъединён", "en": "disconnected"},
    "svc_take_screenshot": {
        "ru": "{actor} сделал(а) снимок экрана",
        "en": "{actor} took a screenshot",
    },
    "svc_joined_telegram": {"ru": "{actor} теперь в Telegram", "en": "{actor} joined Telegram"},
    "svc_set_messages_ttl": {
        "ru": "{actor} установил(а) автоудаление сообщений: {period}",
        "en": "{actor} set messages to auto-delete after {period}",
    },
    "svc_set_messages_ttl_off": {
        "ru": "{actor} отключил(а) автоудаление сообщений",
        "en": "{actor} turned off auto-delete",
    },
    "svc_topic_created": {
        "ru": "{actor} создал(а) тему «{title}»",
        "en": "{actor} created the topic “{title}”",
    },
    "svc_topic_edit": {
        "ru": "{actor} переименовал(а) тему в «{title}»",
        "en": "{actor} renamed the topic to “{title}”",
    },
    "svc_topic_edit_other": {"ru": "{actor} изменил(а) тему", "en": "{actor} changed the topic"},
    "svc_score_in_game": {
        "ru": "{actor} набрал(а) {score} очк. в игре",
        "en": "{actor} scored {score} in a game",
    },
    "svc_edit_chat_theme": {
        "ru": "{actor} изменил(а) тему оформления чата",
        "en": "{actor} changed the chat theme",
    },
    "svc_edit_chat_theme_emoji": {
        "ru": "{actor} изменил(а) тему оформления чата на {emoji}",
        "en": "{actor} changed the chat theme to {emoji}",
    },
    "svc_giveaway_launch": {"ru": "{actor} начал(а) розыгрыш", "en": "{actor} started a giveaway"},
    "svc_set_chat_wallpaper": {
        "ru": "{actor} установил(а) обои чата",
        "en": "{actor} set the chat wallpaper",
    },
    "svc_set_same_chat_wallpaper": {
        "ru": "{actor} установил(а) те же обои чата",
        "en": "{actor} set the same chat wallpaper",
    },
    "svc_suggest_profile_photo": {
        "ru": "{actor} предложил(а) фото профиля",
        "en": "{actor} suggested a profile photo",
    },
    "svc_requested_phone_number": {
        "ru": "{actor} запросил(а) номер телефона",
        "en": "{actor} requested a phone number",
    },
    "svc_boost_apply": {"ru": "{actor} поддержал(а) группу", "en": "{actor} boosted the group"},
    "svc_send_payment": {"ru": "{actor} совершил(а) платёж", "en": "{actor} made a payment"},
    "svc_send_premium_gift": {
        "ru": "{actor} подарил(а) Telegram Premium",
        "en": "{actor} gifted Telegram Premium",
    },
    "svc_send_stars_gift": {"ru": "{actor} подарил(а) звёзды", "en": "{actor} gifted stars"},
    "svc_send_star_gift": {"ru": "{actor} отправил(а) подарок", "en": "{actor} sent a gift"},
    "svc_todo_completions": {
        "ru": "{actor} отметил(а) задачи в списке",
        "en": "{actor} marked tasks in a to-do list",
    },
    "svc_todo_append_tasks": {
        "ru": "{actor} добавил(а) задачи в список",
        "en": "{actor} added tasks to a to-do list",
    },
    "svc_other": {
        "ru": "{actor}: служебное сообщение Telegram, которое программа переноса не распознала",
        "en": "{actor}: a Telegram service message the migration tool does not recognise",
    },
    "skip_service_off": {
        "ru": "служебное сообщение: перенос отключён ([chat] service_messages = false)",
        "en": "service message: switched off ([chat] service_messages = false)",
    },
    "skip_duplicate_id": {
        "ru": "сообщение №{id} встречается в экспорте не один раз: перенесено только первое "
        "(экспорт правили или склеивали вручную? выгрузите чат заново)",
        "en": "message #{id} appears more than once in the export: only the first was migrated "
        "(was the export edited or merged by hand? export the chat again)",
    },
    # units
    "seconds": {"ru": "{n} с", "en": "{n} s"},
    "minutes": {"ru": "{n} мин", "en": "{n} min"},
    "hours": {"ru": "{n} ч", "en": "{n} h"},
    "days": {"ru": "{n} дн.", "en": "{n} days"},
}


def label(key: str, language: Language, /, **values: object) -> str:
    """The label ``key`` in ``language`` with ``values`` filled in."""
    template = LABELS[key][language.value]
    return template.format(**values) if values else template
