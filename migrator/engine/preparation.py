"""What every path of a run needs before it talks to the server: each chat's plan as the run
sees it, and the media converter with its readiness check."""

from __future__ import annotations

from pathlib import Path

from migrator.config.model import ChatType, Config
from migrator.engine.options import BuildOptions
from migrator.engine.planning import PlannedChat, configured_chat_type, plan_chat
from migrator.errors import ConfigError, MediaError
from migrator.media import MediaPreparer, resolve_cover_image
from migrator.media.cover_file import COVER_KEY
from migrator.plan import PlanOptions, UploadLimits
from migrator.plan_chats import ChosenChat, export_chat_type
from migrator.plan_chats.choose import config_for
from migrator.telegram.model import ChatInfo


def plan_in_run(
    config: Config,
    options: BuildOptions,
    export_dir: Path,
    chat: ChatInfo,
    limits: UploadLimits | None,
    *,
    several: bool,
    target: ChosenChat | None = None,
) -> PlannedChat:
    """The chat's plan, titled, typed and owned as ``target`` (its ``[chats]`` table) says;
    without one, several chats are titled and typed after their export."""
    if target is not None:
        title, kind = target.title, target.kind
        config = config_for(config, target)
    else:
        title = (chat.name or chat.key) if several else None
        kind = export_chat_type(chat) if several else None
    return plan_chat(
        config, export_dir=export_dir, chat=chat, upload_limits=limits, title=title, kind=kind
    )


def migrated_chat_type(config: Config, target: ChosenChat, *, several: bool) -> ChatType:
    """The TrueConf chat type ``target`` is migrated into: its ``[chats]`` type, else as
    ``plan_in_run`` types it."""
    if target.kind is not None:
        return target.kind
    if several:
        return export_chat_type(target.chat)
    return configured_chat_type(config, target.chat)


def check_media_ready(preparer: MediaPreparer, planned: PlannedChat) -> None:
    """Voice notes to convert need ffmpeg and a readable cover: check both before sending."""
    if not planned.converts_voice():
        return
    try:
        preparer.check_voice_ready()
    except MediaError as exc:
        if exc.message.startswith(COVER_KEY):
            raise ConfigError(exc.message, hint=exc.hint) from exc
        raise


def media_preparer(config: Config, options: BuildOptions) -> MediaPreparer:
    plan_options = PlanOptions.from_config(config)
    config_dir = options.config_path.parent
    return MediaPreparer(
        cache_dir=config_dir / "migration-cache",
        cover_image=resolve_cover_image(
            config.chat.voice_message.cover_image, config_dir=config_dir
        ),
        language=config.chat.language,
        timezone=plan_options.timezone,
    )
