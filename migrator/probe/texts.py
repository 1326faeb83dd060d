"""Every text of the probe the administrator reads, in English and Russian (one table, to move
into the message catalogue as it is).

``EFFECTS[check][variant]`` is what the migration does about a check's finding; the English text
is what the profile file stores, the table shows it in the console's language.
"""

from __future__ import annotations

from collections.abc import Mapping

from migrator.config.model import Language
from migrator.i18n import current_language
from migrator.i18n.locale import language_from_environment

En, Ru = Language.EN, Language.RU

TITLES: dict[str, dict[Language, str]] = {
    "server_version": {En: "server version", Ru: "версия сервера"},
    "text_echo": {En: "stored text", Ru: "хранимый текст"},
    "history_page_cap": {En: "history page size", Ru: "размер страницы истории"},
    "history_order": {En: "history order", Ru: "порядок истории"},
    "author_id_format": {En: "author ids", Ru: "идентификаторы авторов"},
    "pipelined_order": {En: "posts in flight together", Ru: "несколько запросов сразу"},
    "temporal_file_scope": {En: "uploaded files", Ru: "загруженные файлы"},
    "idle_drop": {En: "idle connections", Ru: "простаивающие соединения"},
    "caption_shape": {En: "file with a caption", Ru: "файл с подписью"},
    "p2p_reuse": {En: "personal chat created twice", Ru: "личный чат дважды"},
    "channel_writer": {En: "posting in a channel", Ru: "публикация в канале"},
    "unknown_user": {En: "unknown user", Ru: "неизвестный пользователь"},
    "error_after_effect": {En: "errors after the effect", Ru: "ошибка после выполнения"},
}

CHECKS: tuple[str, ...] = tuple(TITLES)  # every check, in the order the table shows them

STATUS: dict[str, dict[Language, str]] = {
    "ok": {En: "ok", Ru: "в порядке"},
    "differs": {En: "differs", Ru: "отличается"},
    "blocking": {En: "blocking", Ru: "препятствие"},
}

_NOT_CHECKED = {
    En: "not checked: add a second account with a token or password to [users]; the migration "
    "assumes the server may differ",
    Ru: "не проверено: добавьте в [users] вторую учётную запись с токеном или паролем; перенос "
    "считает, что сервер может отличаться",
}

_UNFINISHED = {
    En: "not checked: a request of this check failed (see observed); the migration assumes the "
    "server may differ",
    Ru: "не проверено: запрос этой проверки не удался (см. observed); перенос считает, что "
    "сервер может отличаться",
}

EFFECTS: dict[str, dict[str, dict[Language, str]]] = {
    "server_version": {
        "ok": {En: "supported version", Ru: "версия поддерживается"},
        "differs": {
            En: "version unknown: the migration assumes 5.5.6",
            Ru: "версия неизвестна: перенос рассчитан на 5.5.6",
        },
        "blocking": {
            En: "the client library refuses this version: update TrueConf Server to 5.5.6 or later",
            Ru: "клиентская библиотека не работает с этой версией: обновите TrueConf Server до "
            "5.5.6 или новее",
        },
    },
    "text_echo": {
        "ok": {
            En: "interrupted posts are matched by their exact text",
            Ru: "прерванные сообщения сверяются по точному тексту",
        },
        "differs": {
            En: "the server rewrites stored text: interrupted posts are matched by their visible "
            "text, --verify compares visible text",
            Ru: "сервер изменяет хранимый текст: прерванные сообщения сверяются по видимому "
            "тексту, --verify сравнивает видимый текст",
        },
    },
    "history_page_cap": {
        "ok": {
            En: "history is read in pages of up to 100 messages",
            Ru: "история читается страницами до 100 сообщений",
        },
        "differs": {
            En: "history is read in pages no longer than the server's cap, and a short page "
            "never ends the reading",
            Ru: "история читается страницами не длиннее ограничения сервера; короткая страница "
            "не считается концом истории",
        },
    },
    "history_order": {
        "ok": {
            En: "history is ordered by box id",
            Ru: "история упорядочивается по box id",
        },
        "differs": {
            En: "history is ordered by box id, box position, then time; the anchor is handled "
            "as observed",
            Ru: "история упорядочивается по box id, позиции в box и времени; опорное сообщение "
            "учитывается так, как ведёт себя сервер",
        },
    },
    "author_id_format": {
        "ok": {
            En: "authors are recognised as login@server",
            Ru: "авторы распознаются как login@server",
        },
        "differs": {
            En: "authors are recognised by each account's own id as the server reports it, "
            "ignoring case",
            Ru: "авторы распознаются по идентификатору, который сообщает сервер, без учёта "
            "регистра",
        },
    },
    "pipelined_order": {
        "ok": {
            En: "posts may be in flight together on one connection",
            Ru: "несколько сообщений могут отправляться по одному соединению одновременно",
        },
        "differs": {
            En: "the server reorders requests in flight together: each post waits for the "
            "answer to the previous one",
            Ru: "сервер меняет порядок одновременных запросов: каждое сообщение ждёт ответа на "
            "предыдущее",
        },
    },
    "temporal_file_scope": {
        "ok": {
            En: "files are uploaded ahead of sending",
            Ru: "файлы загружаются заранее",
        },
        "differs": {
            En: "an uploaded file does not last: each file is uploaded just before it is sent, "
            "on the connection that sends it",
            Ru: "загруженный файл живёт недолго: каждый файл загружается непосредственно перед "
            "отправкой, по тому же соединению",
        },
    },
    "idle_drop": {
        "ok": {
            En: "idle connections stay open",
            Ru: "простаивающие соединения не закрываются",
        },
        "differs": {
            En: "the server drops idle connections: idle sessions are kept alive and reopened "
            "before posting",
            Ru: "сервер закрывает простаивающие соединения: сессии поддерживаются и открываются "
            "заново перед отправкой",
        },
    },
    "caption_shape": {
        "ok": {
            En: "a file with a caption is a file message followed by its caption",
            Ru: "файл с подписью — сообщение с файлом, за ним подпись",
        },
        "differs": {
            En: "a file and its caption are stored differently: they are matched and verified as "
            "the server stores them",
            Ru: "файл и подпись хранятся иначе: они сверяются так, как их хранит сервер",
        },
    },
    "p2p_reuse": {
        "ok": {
            En: "an interrupted personal chat creation finds the same chat again",
            Ru: "прерванное создание личного чата находит тот же чат",
        },
        "differs": {
            En: "a personal chat created twice is a second chat: an interrupted creation of a "
            "personal chat is adopted from the chat list, never created again",
            Ru: "повторное создание личного чата даёт второй чат: после прерванного создания "
            "чат берётся из списка чатов, а не создаётся заново",
        },
        "not_checked": _NOT_CHECKED,
    },
    "channel_writer": {
        "ok": {
            En: "channel authors post under their own names",
            Ru: "авторы канала публикуют от своего имени",
        },
        "blocking": {
            En: "an author given the writer role cannot post: a channel migration refuses to "
            'start (migrate it as type = "group", or pass --ignore-probe)',
            Ru: "автор с ролью writer не может публиковать: перенос канала не начнётся "
            '(перенесите его как type = "group" или укажите --ignore-probe)',
        },
        "not_checked": _NOT_CHECKED,
    },
    "unknown_user": {
        "ok": {
            En: "an author without an account is reported and their posts go to the owner",
            Ru: "автор без учётной записи попадает в отчёт, его сообщения публикует владелец",
        },
        "differs": {
            En: "the server answers an unknown user with an unexpected code: such an author is "
            "reported as not admitted",
            Ru: "сервер отвечает на неизвестного пользователя неожиданным кодом: такой автор "
            "попадает в отчёт как не добавленный",
        },
    },
    "error_after_effect": {
        "ok": {
            En: "no post answered with an error was stored",
            Ru: "ни одно сообщение, на которое пришла ошибка, не сохранилось",
        },
        "differs": {
            En: "the server stores some posts it answers with an error (300, 301) or leaves "
            "unanswered: after such an answer the chat is read back before anything is sent again",
            Ru: "сервер сохраняет часть сообщений, на которые ответил ошибкой (300, 301) или не "
            "ответил: после такого ответа чат перечитывается, прежде чем отправлять снова",
        },
    },
}

UI: dict[str, dict[Language, str]] = {
    "header_check": {En: "check", Ru: "проверка"},
    "header_status": {En: "result", Ru: "результат"},
    "header_observed": {En: "observed", Ru: "обнаружено"},
    "header_effect": {En: "what the migration does", Ru: "что сделает перенос"},
    "server": {En: "Server {address}, version {version}", Ru: "Сервер {address}, версия {version}"},
    "written": {En: "Server profile written to {path}", Ru: "Профиль сервера записан в {path}"},
    "removed": {
        En: "Scratch chats removed: {count}",
        Ru: "Удалено временных чатов: {count}",
    },
    "left": {
        En: "Scratch chats that could not be removed (remove them by hand): {titles}",
        Ru: "Не удалось удалить временные чаты (удалите их вручную): {titles}",
    },
    "blocking": {
        En: "Blocking findings: build_chat.py refuses to migrate until they are resolved "
        "(or run it with --ignore-probe)",
        Ru: "Есть препятствия: build_chat.py не начнёт перенос, пока они не устранены "
        "(или запустите его с --ignore-probe)",
    },
    "unknown": {En: "unknown", Ru: "неизвестна"},
    "profile_used": {
        En: "Server profile: {path}, probed {age} ago; checks that differ: {differs}",
        Ru: "Профиль сервера: {path}, проверка {age} назад; отличия: {differs}",
    },
    "profile_none": {
        En: "No server profile ({path}): safe settings (history read in pages of {page}); run "
        "build_chat.py --probe first",
        Ru: "Профиля сервера нет ({path}): осторожные настройки (история читается страницами "
        "по {page}); сначала запустите build_chat.py --probe",
    },
    "profile_old": {
        En: "The server profile is older than {days} days: run build_chat.py --probe again",
        Ru: "Профилю сервера больше {days} дней: запустите build_chat.py --probe ещё раз",
    },
    "none": {En: "none", Ru: "нет"},
    "age_minutes": {En: "{n} min", Ru: "{n} мин"},
    "age_hours": {En: "{n} h", Ru: "{n} ч"},
    "age_days": {En: "{n} days", Ru: "{n} дн."},
    "ignored": {
        En: "Blocking findings ignored (--ignore-probe): {checks}",
        Ru: "Препятствия проигнорированы (--ignore-probe): {checks}",
    },
}


for _variants in EFFECTS.values():
    _variants.setdefault("not_checked", _UNFINISHED)


def text(table: dict[str, dict[Language, str]], key: str, language: Language) -> str:
    return table[key][language]


def effect_key(check: str, effect: str) -> str | None:
    """The variant whose English text is ``effect`` (the profile stores English)."""
    for variant, texts in EFFECTS.get(check, {}).items():
        if texts[En] == effect:
            return variant
    return None


def effect_text(check: str, variant: str, language: Language = En) -> str:
    return EFFECTS[check][variant][language]


def localised_effect(check: str, effect: str, language: Language) -> str:
    variant = effect_key(check, effect)
    return effect if variant is None else effect_text(check, variant, language)


def age_text(seconds: float, language: Language) -> str:
    if seconds < 3600:
        return UI["age_minutes"][language].format(n=max(0, int(seconds // 60)))
    if seconds < 2 * 86400:
        return UI["age_hours"][language].format(n=int(seconds // 3600))
    return UI["age_days"][language].format(n=int(seconds // 86400))


def console_language(environ: Mapping[str, str] | None = None) -> Language:
    """The interface language: the one ``migrator.i18n`` chose for this run (``--lang``, the
    locale, the Windows UI language), or the one ``environ`` names."""
    lang = current_language() if environ is None else language_from_environment(environ)
    return Language(lang.value)
