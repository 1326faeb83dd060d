"""What the planner needs to know besides the messages: language, owner, time line, limits."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from migrator.config.model import Config, Language, TopicsMode
from migrator.errors import ConfigError
from migrator.i18n import current_language, tr


@dataclass(frozen=True)
class UploadLimits:
    """The server's upload limits (``getFileUploadLimits``), extensions lowercase without a dot.

    ``allowed_extensions`` is ``None`` when the server has no allow-list.
    """

    max_size: int | None
    allowed_extensions: frozenset[str] | None
    blocked_extensions: frozenset[str]


@dataclass(frozen=True)
class PlanOptions:
    language: Language
    owner: str  # TrueConf login of the chat owner: posts system lines and unmapped authors
    show_original_time: bool
    timezone: ZoneInfo
    time_caption: str  # text before the time, as configured (e.g. "Отправлено: ")
    service_messages: bool = True
    convert_voice_to_video: bool = False
    upload_limits: UploadLimits | None = None
    topics: TopicsMode = TopicsMode.LABEL
    # The language of the notes and reasons the administrator reads (preflight, reports);
    # None: the interface language of this run.
    report_language: Language | None = None

    def interface_language(self) -> Language:
        return self.report_language or Language(current_language().value)

    @classmethod
    def from_config(cls, config: Config) -> PlanOptions:
        chat = config.chat
        return cls(
            language=chat.language,
            owner=chat.owner,
            show_original_time=chat.datetime.view_original_time_in_message,
            timezone=load_timezone(chat.datetime.timezone),
            time_caption=chat.datetime.caption,
            service_messages=chat.service_messages,
            convert_voice_to_video=chat.voice_message.convert_voice_message_to_video,
            topics=chat.topics,
        )


def load_timezone(name: str) -> ZoneInfo:
    """The IANA zone ``name``; a ``ConfigError`` naming the key when it does not exist."""
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError) as error:
        raise ConfigError(
            tr("plan_options.bad_timezone", name=repr(name)),
            hint=tr("plan_options.bad_timezone_hint"),
        ) from error
