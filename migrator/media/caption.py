"""The line drawn on a voice note's cover: where the note came from and when it was recorded."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from migrator.config.model import Language

SOURCE = "Telegram"
SEPARATOR = " · "
_DELETED_ACCOUNT = {Language.RU: "Удалённый аккаунт", Language.EN: "Deleted Account"}
_TIME_FORMAT = {Language.RU: "%d.%m.%Y %H:%M %z", Language.EN: "%Y-%m-%d %H:%M %z"}


def voice_caption(
    author: str | None, timestamp: int | None, *, timezone: ZoneInfo, language: Language
) -> str:
    """E.g. ``Telegram · Иван Петров · 01.09.2025 14:10 +0300``.

    ``author`` is the Telegram display name (``None`` for a deleted account); ``timestamp`` is
    Unix seconds, shown in the configured time zone with its offset so that nobody has to guess.
    """
    parts = [SOURCE, _one_line(author) if author else _DELETED_ACCOUNT[language]]
    if timestamp is not None:
        moment = datetime.fromtimestamp(timestamp, tz=timezone)
        parts.append(moment.strftime(_TIME_FORMAT[language]))
    return SEPARATOR.join(parts)


def _one_line(text: str) -> str:
    return " ".join(text.split())
