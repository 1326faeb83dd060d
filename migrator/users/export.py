"""The messages of the chat parse_users.py reads, located through config.toml."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from migrator.config.model import Config
from migrator.errors import ConfigError
from migrator.telegram.loader import iter_messages, select_chat
from migrator.telegram.model import Message


def read_messages(config: Config, config_path: Path, chat: str | None) -> Iterator[Message]:
    """Stream the selected chat (``--chat`` for full-account exports) of the configured export."""
    if not config.telegram_export_dir.strip():
        raise ConfigError(
            f"{config_path}: telegram_export_dir is empty",
            hint="set it to the folder that holds result.json, e.g. telegram_export_dir = "
            '"~/Downloads/Telegram Desktop/ChatExport_2025-09-05"',
        )
    export_dir = config.export_dir(config_path)
    return iter_messages(export_dir, select_chat(export_dir, chat))
